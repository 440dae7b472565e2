//! The keyboard shortcuts, listed. A function, not a component: the page draws it with the
//! rest of its layout.

use yew::prelude::*;

use super::on_click;

/// Space, the arrows and +/− work whatever control has focus, except a text field.
const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→", "step to the next controller decision"),
    ("←", "step to the previous controller decision"),
    ("+  −", "faster / slower"),
    ("Ctrl+Enter", "run the manifests (in the editor)"),
    ("E", "show or hide the editor (while presenting)"),
    ("?", "show or hide this help"),
    ("Esc", "close this help, or the inspector"),
    ("Tab", "complete a command or name (in the terminal)"),
    ("Esc, Tab", "leave the terminal's prompt"),
];

/// The list, with a close button that calls `on_close`.
pub fn help_overlay(on_close: &Callback<()>) -> Html {
    let close = on_click(on_close);
    html! {
        <div class="jp-help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
            <div class="jp-help-box">
                <h2>{ "Keyboard shortcuts" }</h2>
                <dl>{ for SHORTCUTS.iter().map(|(k, v)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *v }</dd></> }) }</dl>
                <button onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
