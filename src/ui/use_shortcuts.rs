//! Keyboard shortcuts for the whole page: a keydown listener on the document while the
//! component is mounted, removed when it goes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

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
            let _ =
                d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
            drop(listener);
        }
    });
}
