//! Says why a run ends where it does when that is not the scenario's own end (the sentences
//! come from `Playback::notices`).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lines: Vec<String>,
}

#[function_component(RunNotice)]
pub fn run_notice(props: &Props) -> Html {
    if props.lines.is_empty() {
        return html! {};
    }
    html! {
        <div class="jp-notice" role="status" data-testid="run-notice">
            { for props.lines.iter().map(|l| html! { <p>{ l }</p> }) }
        </div>
    }
}
