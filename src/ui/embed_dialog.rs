//! The Embed dialog: ready-made snippets (plain HTML, iframe, mdBook, Hugo, Docusaurus) that
//! put the current manifests on another site, each in a selectable text box. A function, not
//! a component: the playground draws it with its layout, and keeps which tab is open.

use yew::prelude::*;

use super::on_click;

use crate::view_model::embed::snippets;

/// The snippets for `yaml` served from `base` (where the playground is, ending in `/`), the
/// `active` tab's open.
pub fn embed_dialog(
    base: &str,
    yaml: &str,
    active: &UseStateHandle<usize>,
    on_close: &Callback<()>,
) -> Html {
    let all = snippets(base, yaml);
    let current = (**active).min(all.len() - 1);
    let close = on_click(on_close);
    // Selecting everything on focus makes copying one keystroke.
    let select_all = Callback::from(|e: FocusEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        area.select();
    });
    html! {
        <div class="jp-help" role="dialog" aria-modal="true" aria-label="Embed this scenario">
            <div class="jp-help-box jp-embed-box">
                <h2>{ "Embed this scenario" }</h2>
                <p class="jp-muted">{ "The widget runs entirely in the reader's browser. Serve this playground's files (the dist folder) from your site and paste one of these." }</p>
                <div class="jp-tabs" role="tablist">
                    { for all.iter().enumerate().map(|(i, (title, _))| {
                        let active = active.clone();
                        html! { <button role="tab" aria-selected={(i == current).to_string()} class={classes!("jp-tab", (i == current).then_some("jp-tab-on"))} onclick={move |_| active.set(i)}>{ *title }</button> }
                    }) }
                </div>
                <textarea class="jp-text jp-snippet" readonly=true aria-label={format!("{} snippet", all[current].0)} data-testid="embed-snippet" onfocus={select_all} value={all[current].1.clone()} />
                <button onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
