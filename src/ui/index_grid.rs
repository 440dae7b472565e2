//! An Indexed Job's index grid: a cell per completion index (or per run of them in a big Job),
//! its state by colour and, where cells are big enough, by its index and attempt count; every
//! cell says it in words on hover, and the grid as a whole to assistive technology.

use yew::prelude::*;

use crate::view_model::index_grid::IndexGrid as GridData;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub grid: GridData,
}

/// Cells drawn with their index and attempts up to this many; smaller cells above.
const LABELLED_CELLS_UP_TO: usize = 64;
/// Medium cells up to this many; small ones above.
const MEDIUM_CELLS_UP_TO: usize = 600;

#[function_component(IndexGrid)]
pub fn index_grid(props: &Props) -> Html {
    let g = &props.grid;
    let size = match g.cells.len() {
        n if n <= LABELLED_CELLS_UP_TO => "l",
        n if n <= MEDIUM_CELLS_UP_TO => "m",
        _ => "s",
    };
    let words: Vec<String> = g
        .counts
        .iter()
        .map(|(_, w, n)| format!("{n} {w}"))
        .collect();
    let words = words.join(" · ");
    let per_cell = (g.per_cell > 1).then(|| format!(" · a cell per {} indexes", g.per_cell));
    html! {
        <section class="jp-ixg" data-testid={format!("index-grid-{}", g.job)}>
            <h3>{ format!("job/{} indexes", g.job) }<small>{ format!(" · {} · {words}", g.completions) }{ per_cell }</small></h3>
            <div class={classes!("jp-ixg-cells", format!("jp-ixg-{size}"))} role="img" aria-label={format!("{} completion indexes: {words}", g.completions)}>
                { for g.cells.iter().map(|c| {
                    let retried = c.attempts > 1 && matches!(c.state, "failed" | "failedindex");
                    html! {
                        <span class={classes!("jp-ix", format!("jp-ix-{}", c.state))} data-state={c.state} title={c.describe()}>
                            if size == "l" {
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
