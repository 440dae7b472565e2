//! An Indexed Job's index grid: a cell per completion index (or per run of them in a big Job),
//! its state by colour and, where cells are big enough, by its index and attempt count; every
//! cell says it in words on hover, and the grid as a whole to assistive technology.

use yew::prelude::*;

use crate::view_model::index_grid::IndexGrid as GridData;

/// Cells drawn with their index and attempts up to this many; smaller cells above.
const LABELLED_CELLS_UP_TO: usize = 64;
/// Medium cells up to this many; small ones above.
const MEDIUM_CELLS_UP_TO: usize = 600;

/// A plain function, not a component: it redraws with the cluster picture every frame anyway.
pub fn index_grid(g: &GridData) -> Html {
    let size = match g.cells.len() {
        n if n <= LABELLED_CELLS_UP_TO => "jp-ixg-cells jp-ixg-l",
        n if n <= MEDIUM_CELLS_UP_TO => "jp-ixg-cells jp-ixg-m",
        _ => "jp-ixg-cells jp-ixg-s",
    };
    let words: Vec<String> = g
        .counts
        .iter()
        .map(|(_, w, n)| format!("{n} {w}"))
        .collect();
    let words = words.join(" · ");
    html! {
        <section class="jp-ixg" data-testid={format!("index-grid-{}", g.job)}>
            <h3>{ format!("job/{} indexes", g.job) }<small>{ format!(" · {} · {words}", g.completions) }</small></h3>
            <div class={size} role="img" aria-label={words}>
                { for g.cells.iter().map(|c| {
                    let retried = c.attempts > 1 && matches!(c.state, "failed" | "failedindex");
                    html! {
                        <span class="jp-ix" data-state={c.state} title={c.describe()}>
                            if g.cells.len() <= LABELLED_CELLS_UP_TO {
                                { c.first }
                                if retried { <sup>{ format!("×{}", c.attempts) }</sup> }
                            }
                        </span>
                    }
                }) }
            </div>
        </section>
    }
}
