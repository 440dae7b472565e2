//! The inspector: kubectl views, logs, JSON and jobplay's notes for the selected object, as at
//! the playhead.

use yew::prelude::*;

use crate::view_model::inspector::{Selected, Tab};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub selected: Selected,
    /// `None` when the object does not exist at this moment.
    pub tabs: Option<Vec<Tab>>,
    pub on_close: Callback<()>,
}

#[function_component(Inspector)]
pub fn inspector(props: &Props) -> Html {
    let active = use_state(|| 0usize);
    let title = match &props.selected {
        Selected::Job(n) => format!("job/{n}"),
        Selected::Pod(n) => format!("pod/{n}"),
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let body = match &props.tabs {
        None => html! { <p class="jp-muted">{ "Not in the cluster at this moment (not created yet, or deleted)." }</p> },
        Some(tabs) => {
            let current = (*active).min(tabs.len().saturating_sub(1));
            html! {
                <>
                    <div class="jp-tabs" role="tablist">
                        { for tabs.iter().enumerate().map(|(i, t)| {
                            let active = active.clone();
                            html! { <button role="tab" aria-selected={(i == current).to_string()} class={classes!("jp-tab", (i == current).then_some("jp-tab-on"))} onclick={move |_| active.set(i)}>{ t.title }</button> }
                        }) }
                    </div>
                    <pre class="jp-pre" role="tabpanel" data-testid="inspector-text">{ &tabs[current].text }</pre>
                </>
            }
        }
    };
    html! {
        <section class="jp-inspector" aria-label="Inspector">
            <header><strong>{ title }</strong><button class="jp-close" aria-label="Close inspector" onclick={close}>{ "×" }</button></header>
            { body }
        </section>
    }
}
