//! Keeps the editor text in localStorage so a reload loses nothing.

use yew::prelude::*;

const KEY: &str = "jobplay.editor.v1";

/// The saved text, if any.
pub fn saved_text() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(KEY).ok()?
}

/// Saves `text` whenever it changes.
#[hook]
pub fn use_autosave(text: String) {
    use_effect_with(text, |text| {
        if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
            // Storage can be full or disabled (private mode); the page keeps working.
            let _ = storage.set_item(KEY, text);
        }
    });
}
