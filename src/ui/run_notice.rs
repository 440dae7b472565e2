//! Says why a run ends where it does when that is not the scenario's own end: the user
//! stopped the computation, or the run hit one of the engine's caps.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The run was stopped by the user at this offset (human duration).
    pub stopped_at: Option<String>,
    /// The cap the run hit, in the engine's words.
    pub cap: Option<String>,
}

#[function_component(RunNotice)]
pub fn run_notice(props: &Props) -> Html {
    let mut lines = Vec::new();
    if let Some(at) = &props.stopped_at {
        lines.push(format!("You stopped the simulation at +{at}: the run is shown up to there. Run again to simulate it all."));
    }
    if let Some(cap) = &props.cap {
        lines.push(format!("The run stops early: {cap}"));
    }
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <div class="jp-notice" role="status" data-testid="run-notice">
            { for lines.into_iter().map(|l| html! { <p>{ l }</p> }) }
        </div>
    }
}
