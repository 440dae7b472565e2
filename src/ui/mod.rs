//! The playground UI (Yew). Only this module and the web entry name yew, web_sys, gloo,
//! js_sys or wasm_bindgen. The state is the native session (`view_model/session.rs`, a pure
//! reducer) behind one hook (`use_session`); effects live in hooks (`use_clock`,
//! `use_computation`, `use_autosave` ...); the playground (`app`) and the embed widget
//! (`widget`) are two layouts over the panels in `panels`; every panel has its own file. Only
//! what keeps state of its own (`timeline_rows`, `inspector`) is a component: the rest are
//! functions that draw, as each component type costs its share of Yew's lifecycle code in the
//! wasm and would be redrawn every frame anyway (its callbacks are new each time).

use yew::{Callback, MouseEvent};

#[cfg(feature = "playground")]
mod app;
mod cluster_view;
mod cron_job_card;
mod cron_ruler;
#[cfg(feature = "playground")]
mod diagnostic_summary;
mod editor;
#[cfg(feature = "widget")]
pub mod embed;
#[cfg(feature = "playground")]
mod embed_dialog;
mod event_log;
mod gantt_chart;
#[cfg(feature = "playground")]
mod help_overlay;
mod index_grid;
mod inspector;
mod job_card;
mod panels;
#[cfg(feature = "playground")]
mod preset_gallery;
mod run_notice;
mod run_progress;
mod share_banner;
#[cfg(feature = "playground")]
mod share_dialog;
mod terminal;
mod terminal_module;
mod timeline_rows;
mod transport;
#[cfg(feature = "playground")]
mod use_autosave;
mod use_clock;
mod use_computation;
mod use_hash_change;
mod use_session;
mod use_shortcuts;
#[cfg(feature = "playground")]
mod use_theme;
mod use_validation;
mod use_zone_data;
mod why_panel;
#[cfg(feature = "widget")]
mod widget;
mod zone_data_notice;

/// A click handler that emits `()` by `on`.
pub fn on_click(on: &Callback<()>) -> Callback<MouseEvent> {
    click_sends(on, ())
}

/// A click handler that emits `value` by `on`. One closure type per value type for all the
/// page's buttons: a closure per call site would each bring its own call shim and drop glue
/// into the wasm.
pub fn click_sends<T: Clone + 'static>(on: &Callback<T>, value: T) -> Callback<MouseEvent> {
    on.reform(move |_| value.clone())
}

/// Whether the page is laid out in one column (static/jobplay.css's 800px breakpoint), the
/// picture below the editor: a phone.
pub fn narrow_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 800px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// On a phone the picture is below the editor: Run or a preset brings it into view. (The
/// stage is at least a screen tall there, so its top reaches the top of the screen even
/// while the run is computed.)
pub fn reveal_stage() {
    if narrow_screen() {
        if let Some(stage) = editor::find::<web_sys::Element>(".jp-main .jp-stage") {
            stage.scroll_into_view();
        }
    }
}

/// Mounts the playground on its page's `[data-jobplay-playground]` element. On any other
/// page (a docs site loading the terminal module for `<job-playground>` widgets) it does
/// nothing: the host's page is not ours to take over. The widget module has no playground.
#[cfg(feature = "playground")]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(root) =
        document.and_then(|d| d.query_selector("[data-jobplay-playground]").ok().flatten())
    {
        terminal_module::mounted(yew::Renderer::<app::App>::with_root(root).render());
    }
}

/// The widget module mounts nothing of its own: static/embed.js calls `mountWidget`.
#[cfg(not(feature = "playground"))]
pub fn start() {}
