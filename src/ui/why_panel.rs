//! The "why" panel: the selected controller decision in words, and the manifest fields behind
//! it with their values and lines (those lines are highlighted in the editor). A function, not
//! a component: it is drawn with the event log.

use yew::prelude::*;

use super::on_click;

use crate::view_model::event_log::WhyDetails;

/// The decision `d`, with a close button that calls `on_close`.
pub fn why_panel(d: &WhyDetails, on_close: Callback<()>) -> Html {
    html! {
        <aside class="jp-why-panel" aria-label="Why" data-testid="why-panel">
            <header>
                <h2>{ format!("Why, at {}: {}", d.time, d.object) }</h2>
                <button class="jp-close" aria-label="Close the explanation" onclick={on_click(&on_close)}>{ "×" }</button>
            </header>
            <p>{ &d.summary }</p>
            if let Some(s) = &d.schedule {
                <p class="jp-why-schedule" data-testid="why-schedule">{ match &s.scheduled {
                    Some(t) => format!("Scheduled time {t}: {}", s.outcome.words()),
                    None => format!("Every scheduled time: {}", s.outcome.words()),
                } }</p>
            }
            if !d.fields.is_empty() {
                <table class="jp-why-fields">
                    <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "In the manifest" }</th></tr></thead>
                    <tbody>
                        { for d.fields.iter().map(|(field, value, line)| html! {
                            <tr>
                                <td><code>{ field }</code></td>
                                <td><code>{ value }</code></td>
                                <td>{ line.map_or("not written (default or status)".to_string(), |l| format!("line {l}")) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </aside>
    }
}
