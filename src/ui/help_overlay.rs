//! The keyboard shortcuts, listed.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_close: Callback<()>,
}

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
];

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &Props) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
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
