//! The page's terminal module (ARCHITECTURE.md, "The page's modules"). The page loads the first,
//! built without the Cargo feature `terminal`: no kubectl in it, so the page stays within its
//! size budget. When the user goes to the terminal's prompt, or the text has typed lines
//! (`spec.terminal`), the first module asks the page (static/boot.js) to hand over: boot.js
//! fetches the second module, built with the feature (scripts/build-modules), takes
//! the session from the first (`handoffState`), unmounts it (`unmount`) and starts the second,
//! which carries on with the same session (`view_model::handoff`).

#[cfg(feature = "playground")]
use std::cell::RefCell;

use wasm_bindgen::prelude::*;
#[cfg(feature = "playground")]
use yew::AppHandle;

#[cfg(feature = "playground")]
use super::app::App;
#[cfg(feature = "playground")]
use super::use_session::SessionHandle;
#[cfg(feature = "playground")]
use crate::view_model::handoff::Handoff;

#[cfg(feature = "playground")]
thread_local! {
    /// The playground mounted on this page, for `unmount`.
    static MOUNTED: RefCell<Option<AppHandle<App>>> = const { RefCell::new(None) };
}

#[cfg(feature = "playground")]
pub fn mounted(app: AppHandle<App>) {
    MOUNTED.with(|m| *m.borrow_mut() = Some(app));
}

/// Takes the playground off the page, its listeners and timers too: the terminal module
/// takes its place.
#[cfg(feature = "playground")]
#[wasm_bindgen]
pub fn unmount() {
    if let Some(app) = MOUNTED.with(|m| m.borrow_mut().take()) {
        app.destroy();
    }
    // The session (its run's checkpoints too) is not this module's to keep any more.
    #[cfg(not(feature = "terminal"))]
    SHOWN.with(|s| s.borrow_mut().take());
}

#[cfg(all(feature = "playground", not(feature = "terminal")))]
thread_local! {
    /// The session on screen: what goes over.
    static SHOWN: RefCell<Option<SessionHandle>> = const { RefCell::new(None) };
}

/// Remembers the session on screen (each render), for [`handoff_state`].
#[cfg(all(feature = "playground", not(feature = "terminal")))]
fn keep(session: &SessionHandle) {
    SHOWN.with(|s| *s.borrow_mut() = Some(session.clone()));
}

/// The session on screen as the terminal module reads it (`view_model::handoff`), with the
/// prompt's line and whether it has the focus (static/boot.js reads them off the page).
#[cfg(all(feature = "playground", not(feature = "terminal")))]
#[wasm_bindgen(js_name = handoffState)]
pub fn handoff_state(line: String, focused: bool) -> Option<String> {
    let prompt = crate::view_model::handoff::HandedPrompt { line, focused };
    SHOWN.with(|s| {
        s.borrow()
            .as_ref()
            .map(|s| Handoff::of(s, prompt).to_json())
    })
}

/// Asks the page to hand over to the terminal module (once; later calls wait for the same
/// hand-over). `failed` hears why, if the module could not be loaded. A page without
/// boot.js (a widget's host page) has no second module: nothing happens there.
#[cfg(not(feature = "terminal"))]
pub fn hand_over(failed: yew::Callback<String>) {
    let Some(hand_over) = page_function("handOver") else {
        return;
    };
    let Ok(promise) = hand_over.call0(&JsValue::UNDEFINED) else {
        return;
    };
    let promise: js_sys::Promise = promise.unchecked_into();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the module did not load".into());
            failed.emit(why);
        }
    });
}

/// Hands over when the session asks to (`Session::hand_over`: its text has typed lines), and
/// keeps the session on screen for [`handoff_state`]. Nothing in the terminal module.
#[cfg(feature = "playground")]
#[yew::hook]
pub fn use_hand_over(session: &SessionHandle) {
    #[cfg(all(feature = "playground", not(feature = "terminal")))]
    {
        keep(session);
        let failed = session.send(crate::view_model::session::SessionAction::HandOverFailed);
        yew::use_effect_with(session.hand_over, move |&asked| {
            if asked {
                hand_over(failed);
            }
        });
    }
    #[cfg(feature = "terminal")]
    let _ = session;
}

/// `globalThis.jobplayTerminal[name]`, which static/boot.js defines.
#[cfg(not(feature = "terminal"))]
fn page_function(name: &str) -> Option<js_sys::Function> {
    let api = js_sys::Reflect::get(&js_sys::global(), &"jobplayTerminal".into()).ok()?;
    js_sys::Reflect::get(&api, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// The session the first module handed over, if this page was handed over: boot.js puts it
/// in `globalThis.jobplayHandoff` before starting this module.
#[cfg(all(feature = "playground", feature = "terminal"))]
pub fn handed_over() -> Option<Handoff> {
    let global = js_sys::global();
    let key = JsValue::from_str("jobplayHandoff");
    let json = js_sys::Reflect::get(&global, &key).ok()?.as_string()?;
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    Handoff::from_json(&json).ok()
}
