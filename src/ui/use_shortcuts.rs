//! Keyboard shortcuts: the playback keys both layouts share ([`playback_key`]), and a
//! keydown listener on the document for the playground while it is mounted. The listener
//! runs in the capture phase, before the focused control sees the key, so Space, ←/→ and
//! +/− act on playback whatever was clicked last (a preset button, Present, the speed
//! select) and the key's default (pressing the button, changing the select) is prevented.
//! Only text fields keep their keys.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::view_model::session::SessionAction;

/// Whether the key goes to a text field (the editor, the log's filter, a number box): there
/// it is typing, not a shortcut. Buttons, selects, checkboxes and the scrubber give their
/// keys to playback.
pub fn typing_into_a_field(e: &KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" => true,
        // The page writes `type` in lower case; an input without one is a text field.
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "color")
        ),
        _ => false,
    }
}

/// The playback action a key asks for: Space plays or pauses, ←/→ step between the
/// controllers' decisions, +/− change the speed. None while typing or with a modifier.
pub fn playback_key(e: &KeyboardEvent) -> Option<SessionAction> {
    if typing_into_a_field(e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    Some(match e.key().as_str() {
        " " => SessionAction::TogglePlay,
        "ArrowRight" => SessionAction::StepDecision(true),
        "ArrowLeft" => SessionAction::StepDecision(false),
        "+" | "=" => SessionAction::Faster,
        "-" | "_" => SessionAction::Slower,
        _ => return None,
    })
}

#[hook]
pub fn use_shortcuts(on_key: Callback<web_sys::KeyboardEvent>) {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let listener =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                on_key.emit(e)
            });
        if let Some(d) = &document {
            // Registration only fails for a detached document; then there are no shortcuts.
            let _ = d.add_event_listener_with_callback_and_bool(
                "keydown",
                listener.as_ref().unchecked_ref(),
                true,
            );
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback_and_bool(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
            drop(listener);
        }
    });
}
