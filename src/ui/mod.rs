//! The playground UI (Yew). Only this module and the web entry name yew, web_sys, gloo,
//! js_sys or wasm_bindgen. State is a pure reducer (`state`), effects live in hooks
//! (`use_clock`, `use_autosave`), and every component has its own file (style rule 10).

mod app;
mod cluster_view;
mod editor;
mod event_log;
mod help_overlay;
mod inspector;
mod cron_job_card;
mod job_card;
pub mod presets;
pub mod state;
mod transport;
mod use_autosave;
mod use_clock;
mod use_shortcuts;

/// Mounts the playground on `#app` (or the body).
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
