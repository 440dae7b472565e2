//! What the page says about a share link it was opened with: an offer to open it when that
//! would replace the user's own text, why a damaged link could not be opened, and a way back
//! to the user's previous text after opening one (or after Format, Reset or a preset replaced
//! it). A function, not a component: a layout draws it with the rest of its page.

use yew::prelude::*;

use super::on_click;

use crate::view_model::session::ShareNotice;

/// The banner's callbacks.
pub struct Props {
    /// Opens the shared scenario offered; only the playground is offered share links, so
    /// only it gives this (an `Offer` notice needs it).
    pub on_open: Option<Callback<()>>,
    pub on_restore: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// The banner for `notice`.
pub fn share_banner(notice: &ShareNotice, props: Props) -> Html {
    let dismiss = on_click(&props.on_dismiss);
    let body = match notice {
        ShareNotice::Offer { lines } => html! {
            <>
                <p>{ format!("This link carries a shared scenario ({lines} lines). Opening it replaces the text in your editor; your text is kept and can be brought back.") }</p>
                if let Some(on_open) = &props.on_open {
                    <button class="jp-run" onclick={on_click(on_open)} data-testid="share-open">{ "Open the shared scenario" }</button>
                }
                <button onclick={dismiss}>{ "Keep my text" }</button>
            </>
        },
        ShareNotice::Opened => html! {
            <>
                <p>{ "Opened the shared scenario. Your previous text is kept." }</p>
                <button onclick={on_click(&props.on_restore)} data-testid="share-restore">{ "Bring back my text" }</button>
                <button onclick={dismiss}>{ "Dismiss" }</button>
            </>
        },
        ShareNotice::Replaced { message, kept } => html! {
            <>
                <p>{ message }</p>
                if *kept {
                    <button onclick={on_click(&props.on_restore)} data-testid="share-restore">{ "Bring back my text" }</button>
                }
                <button onclick={dismiss.clone()}>{ "Dismiss" }</button>
            </>
        },
        ShareNotice::Broken(why) => html! {
            <>
                <p>{ format!("This share link could not be opened: {why}. Your own text is unchanged.") }</p>
                <button onclick={dismiss}>{ "Dismiss" }</button>
            </>
        },
    };
    html! { <div class="jp-share-banner jp-notice" role="status" data-testid="share-banner">{ body }</div> }
}
