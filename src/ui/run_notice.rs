//! Says why a run ends where it does when that is not the scenario's own end (the sentences
//! come from `Playback::notices`). A function, not a component: it is drawn with the stage,
//! and a component's lifecycle code in the wasm costs more than the few nodes it would spare.

use yew::prelude::*;

/// The notice, or nothing when the run ends where the scenario does.
pub fn run_notice(lines: &[String]) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <div class="jp-notice" role="status" data-testid="run-notice">
            { for lines.iter().map(|l| html! { <p>{ l }</p> }) }
        </div>
    }
}
