//! The text's problems where the picture would be (`view_model/diagnostic_summary.rs`): a
//! count, then each with a button that shows its line in the editor, the API server's message
//! and the hint. A function, not a component: it is drawn with the stage.

use yew::prelude::*;

use super::editor::show_line;
use crate::view_model::diagnostic_summary::Summary;

/// The summary.
pub fn diagnostic_summary(s: &Summary) -> Html {
    let items = s.items.iter().map(|i| {
        let (line, column) = (i.line, i.column);
        let jump = (line > 0).then(|| {
            let onclick = Callback::from(move |_: MouseEvent| show_line(line, column));
            html! { <><button class="jp-diag-jump" {onclick} title="Show this line in the editor">{ format!("line {line}") }</button>{ ": " }</> }
        });
        html! {
            <li>
                { for jump }{ &i.message }
                if let Some(hint) = &i.hint { <p class="jp-diag-hint">{ hint }</p> }
            </li>
        }
    });
    html! {
        <section class="jp-summary" role="status" aria-label="Problems in the manifests" data-testid="summary">
            <h2>{ &s.heading }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}
