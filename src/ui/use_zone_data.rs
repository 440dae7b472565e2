//! Fetches the tz database (`tzdb.bin`, beside the module's own `jobplay.js`) while a run is
//! waiting for it, installs it, and tells the reducer (`Action::ZoneData`). One fetch serves
//! every widget on the page: those that ask while it is on its way wait for the same answer.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::cron::tzdb;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// `import.meta` of the generated `jobplay.js`: where the module and its files live, also
    /// when a docs page on another site loads it for `<job-playground>`.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

type Done = Callback<Result<(), String>>;

thread_local! {
    /// Who waits for the fetch on its way; `None` when none is.
    static WAITING: RefCell<Option<Vec<Done>>> = const { RefCell::new(None) };
}

#[hook]
pub fn use_zone_data(fetching: bool, on_done: Done) {
    use_effect_with(fetching, move |fetching| {
        if *fetching {
            request(on_done);
        }
    });
}

fn request(on_done: Done) {
    if tzdb::is_loaded() {
        on_done.emit(Ok(()));
        return;
    }
    let first = WAITING.with(|w| match &mut *w.borrow_mut() {
        Some(waiting) => {
            waiting.push(on_done.clone());
            false
        }
        slot => {
            *slot = Some(vec![on_done.clone()]);
            true
        }
    });
    if first {
        yew::platform::spawn_local(async {
            let result = fetch_tzdb().await.and_then(tzdb::install);
            let waiting = WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
            for done in waiting {
                done.emit(result.clone());
            }
        });
    }
}

async fn fetch_tzdb() -> Result<Vec<u8>, String> {
    let module = IMPORT_META.with(ImportMeta::url);
    let url = format!(
        "{}tzdb.bin",
        &module[..module.rfind('/').map_or(0, |i| i + 1)]
    );
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|e| format!("{} ({url})", describe(&e)))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {} from {url}", response.status()));
    }
    let body = response.array_buffer().map_err(|e| describe(&e))?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|e| format!("{} ({url})", describe(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A rejected promise's reason, as words.
fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => error
            .as_string()
            .unwrap_or_else(|| "the request failed".into()),
    }
}
