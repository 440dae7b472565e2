//! The preset gallery: the presets grouped by topic (`view_model/presets.rs`), each with its
//! story as text, so a person on a touch screen reads it too. A disclosure: open above the
//! editor on a wide screen, a menu to open on a phone. A function, not a component: the
//! playground renders it once per frame with the rest of its layout.

use yew::prelude::*;

use crate::view_model::presets::{in_topic, Preset, TOPICS};

/// The gallery: `open` says whether it starts open, and a click loads a preset's text by
/// `on_load`.
pub fn preset_gallery(open: bool, on_load: &Callback<String>) -> Html {
    let preset = |p: &'static Preset| {
        let onclick = on_load.reform(move |_: MouseEvent| p.yaml.to_string());
        html! {
            <li>
                <button class="jp-preset" {onclick}>
                    <span class="jp-preset-title">{ p.title }</span>
                    <span class="jp-preset-story">{ p.story }</span>
                </button>
            </li>
        }
    };
    html! {
        <details class="jp-gallery" {open} data-testid="presets">
            <summary>{ "Presets: pick a story to run" }</summary>
            <div class="jp-gallery-topics">
                { for TOPICS.iter().map(|t| html! {
                    <section class="jp-topic" aria-label={t.title()}>
                        <h2>{ t.title() }</h2>
                        <ul>{ for in_topic(*t).map(preset) }</ul>
                    </section>
                }) }
            </div>
        </details>
    }
}
