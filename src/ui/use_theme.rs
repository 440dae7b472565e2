//! The colour theme the user chose (system, light or dark), kept in localStorage.

use yew::prelude::*;

use crate::view_model::embed::Theme;

const KEY: &str = "jobplay.theme.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn saved() -> Theme {
    match storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .as_deref()
    {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::Auto,
    }
}

/// The theme after `t` in the toggle's cycle: system → light → dark → system.
pub fn next(t: Theme) -> Theme {
    match t {
        Theme::Auto => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Auto,
    }
}

pub fn label(t: Theme) -> &'static str {
    match t {
        Theme::Auto => "Theme: system",
        Theme::Light => "Theme: light",
        Theme::Dark => "Theme: dark",
    }
}

/// The current theme and a callback that moves to the next one (and saves it).
#[hook]
pub fn use_theme() -> (Theme, Callback<()>) {
    let theme = use_state(saved);
    let cycle = {
        let theme = theme.clone();
        Callback::from(move |()| {
            let t = next(*theme);
            if let Some(s) = storage() {
                let _ = s.set_item(
                    KEY,
                    match t {
                        Theme::Auto => "auto",
                        Theme::Light => "light",
                        Theme::Dark => "dark",
                    },
                );
            }
            theme.set(t);
        })
    };
    (*theme, cycle)
}
