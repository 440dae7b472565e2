//! The Share dialog: a link that carries the whole scenario and the playhead, ready to copy.
//! A function, not a component: the playground draws it with its layout, and keeps whether
//! the link was copied.

use yew::prelude::*;

use super::on_click;

use crate::view_model::share::MAX_LINK;

/// What the dialog shows, its state and its callbacks.
pub struct Props {
    /// The full link (page address and `#share=` fragment).
    pub link: String,
    /// Where the link opens, as "+1m30s".
    pub at: String,
    /// Bytes of scenario text the link carries.
    pub text_bytes: usize,
    pub on_close: Callback<()>,
    /// Whether the link was copied since the dialog opened.
    pub copied: UseStateHandle<bool>,
}

/// The dialog.
pub fn share_dialog(props: Props) -> Html {
    let copied = props.copied.clone();
    let close = on_click(&props.on_close);
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .select()
    });
    let too_long = props.link.len() > MAX_LINK;
    let copy = {
        let link = props.link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                // The promise is not awaited: the button says "Copied" when the write was
                // accepted, and the text box stays selectable if the browser refuses.
                let _ = w.navigator().clipboard().write_text(&link);
                copied.set(true);
            }
        })
    };
    html! {
        <div class="jp-help" role="dialog" aria-modal="true" aria-label="Share this scenario">
            <div class="jp-help-box jp-share-box">
                <h2>{ "Share this scenario" }</h2>
                if too_long {
                    <p class="jp-notice" data-testid="share-too-long">{ format!("This scenario makes a link of {} characters; browsers do not open links longer than about 2 million. Share the YAML itself, or an Embed snippet.", props.link.len()) }</p>
                } else {
                    <p class="jp-muted">{ format!("The link carries the manifests, the scripted actions and the seed ({} bytes of text, {} characters of link), and opens paused at {}. Nothing is uploaded: it is all in the link.", props.text_bytes, props.link.len(), props.at) }</p>
                    <input class="jp-share-link" readonly=true aria-label="Share link" data-testid="share-link" onfocus={select_all} value={props.link.clone()} />
                    <div class="jp-editor-actions">
                        <button class="jp-run" onclick={copy} data-testid="share-copy">{ if *copied { "Copied" } else { "Copy link" } }</button>
                        <button onclick={close}>{ "Close" }</button>
                    </div>
                }
                if too_long {
                    <button onclick={on_click(&props.on_close)}>{ "Close" }</button>
                }
            </div>
        </div>
    }
}
