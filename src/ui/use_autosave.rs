//! Keeps the editor text in localStorage so a reload loses nothing.

use yew::prelude::*;

const KEY: &str = "jobplay.editor.v1";
/// The user's text from before a shared scenario replaced it (after they said yes).
const KEY_BEFORE_SHARE: &str = "jobplay.editor.before-share.v1";

/// The saved text, if any.
pub fn saved_text() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(KEY).ok()?
}

fn save(key: &str, text: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        // Storage can be full or disabled (private mode); the page keeps working.
        let _ = storage.set_item(key, text);
    }
}

/// Saves `text` whenever it changes, and the text a shared scenario replaced (so even a
/// reload right after opening a link cannot lose it).
#[hook]
pub fn use_autosave(text: String, before_share: Option<String>) {
    use_effect_with(text, |text| save(KEY, text));
    use_effect_with(before_share, |before| {
        if let Some(before) = before {
            save(KEY_BEFORE_SHARE, before);
        }
    });
}
