//! Validation as you type: once typing has paused for [`PAUSE_MS`], the session is asked to
//! validate the last edit (`SessionAction::Validate`). Each edit cancels the previous timer, so
//! a stream of keystrokes loads the text once; the session drops a validation a later edit
//! made stale. Only loading happens here, never a run.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How long typing must pause before the text is validated: long enough not to load the
/// text on every keystroke, short enough to feel immediate.
pub const PAUSE_MS: u32 = 300;

/// Validates `unchecked` (the session's edit waiting for it) after a pause, by `on_validate`.
#[hook]
pub fn use_validation(unchecked: Option<u64>, on_validate: Callback<u64>) {
    use_effect_with(unchecked, move |unchecked| {
        let timer = unchecked.map(|edit| Timeout::new(PAUSE_MS, move || on_validate.emit(edit)));
        // Dropping the timer cancels it: a newer edit (or leaving the page) stops this one.
        move || drop(timer)
    });
}
