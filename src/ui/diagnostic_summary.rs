//! The text's problems where the picture would be (`view_model/diagnostic_summary.rs`): a
//! count, then each with a button that shows its line in the editor, the API server's message
//! and the hint. A function, not a component: it is drawn with the stage.

use yew::prelude::*;

use super::editor::{diagnostic_item, show_line};
use crate::view_model::diagnostic_summary::Summary;

/// The summary.
pub fn diagnostic_summary(s: &Summary) -> Html {
    let items = s.items.iter().map(|d| {
        let (line, column) = (d.line, d.column);
        diagnostic_item(
            d,
            Callback::from(move |_: MouseEvent| show_line(line, column)),
        )
    });
    html! {
        <section class="jp-summary" role="status" aria-label="Problems in the manifests" data-testid="summary">
            <h2>{ &s.heading }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}
