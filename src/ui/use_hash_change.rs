//! Calls back when the page's fragment changes (a share link pasted into the address bar of
//! an open playground is a same-document navigation: no reload, only `hashchange`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_hash_change(on_change: Callback<()>) {
    use_effect_with((), move |_| {
        let window = web_sys::window();
        let listener =
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| on_change.emit(()));
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            drop(listener);
        }
    });
}
