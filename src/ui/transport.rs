//! Play, pause, speed, the scrubber with its marks (asciinema-player's markers are the
//! model: a tick per decision, pod failure or condition change, `view_model/marks.rs`, each a
//! button that seeks there) and the virtual clock; beside them the caption, the latest
//! controller decision at the playhead in large plain words (`view_model/caption.rs`). A
//! function, not a component: it is drawn with the rest of the stage every frame anyway.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{click_sends, on_click};
use crate::decimal::{parse_f64, Decimal};
use crate::time::SimDuration;
use crate::view_model::caption::Caption;
use crate::view_model::marks::Mark;
use crate::view_model::session::SPEEDS;

/// What the transport shows and its callbacks.
pub struct Props<'a> {
    pub playing: bool,
    pub speed: f64,
    pub elapsed_ms: i64,
    pub total_ms: i64,
    pub clock: String,
    pub on_toggle: Callback<()>,
    pub on_speed: Callback<f64>,
    pub on_seek: Callback<i64>,
    /// The run's marks (computed once per run).
    pub marks: &'a [Mark],
    /// A mark was chosen: ms from the start of the run.
    pub on_mark: Callback<i64>,
    /// The latest decision at the playhead; `None` before the first.
    pub caption: Option<Caption>,
}

/// The transport and the caption.
pub fn transport(props: Props) -> Html {
    let toggle = on_click(&props.on_toggle);
    let on_speed = props.on_speed.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = parse_f64(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
            on_speed.emit(v);
        }
    });
    let on_seek = props.on_seek.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Ok(v) = e
            .target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse::<i64>()
        {
            on_seek.emit(v);
        }
    });
    let label = if props.playing { "Pause" } else { "Play" };
    let (class, time, text) = match &props.caption {
        Some(c) => (c.tone.class(), c.time.as_str(), c.text.as_str()),
        None => (
            "jp-caption",
            "",
            "No decision yet: press Play, or → to step to the first.",
        ),
    };
    html! {
        <div class="jp-playbar">
            <div class="jp-transport" role="group" aria-label="Playback">
                <button class="jp-play" aria-label={label} onclick={toggle}>{ if props.playing { "❚❚ Pause" } else { "▶ Play" } }</button>
                <label class="jp-speed">{ "Speed " }
                    <select {onchange} aria-label="Speed">
                        { for SPEEDS.iter().map(|s| html! { <option value={Decimal(*s).to_string()} selected={(*s - props.speed).abs() < 1e-9}>{ format!("{}×", Decimal(*s)) }</option> }) }
                    </select>
                </label>
                <div class="jp-scrub-wrap">
                    <input class="jp-scrub" type="range" min="0" max={props.total_ms.to_string()} value={props.elapsed_ms.to_string()} aria-label="Virtual time" {oninput} />
                    <div class="jp-marks" role="group" aria-label="Marks: decisions, pod failures, condition changes">
                        { for props.marks.iter().map(|m| {
                            let onclick = click_sends(&props.on_mark, m.at_ms);
                            html! { <button class={m.kind.class()} data-slot={m.slot.to_string()} aria-label={m.label.clone()} title={m.label.clone()} {onclick}></button> }
                        }) }
                    </div>
                </div>
                <span class="jp-clock" data-testid="clock">
                    { format!("+{} / {}", SimDuration::from_millis(props.elapsed_ms - props.elapsed_ms % 1000).human(), SimDuration::from_millis(props.total_ms - props.total_ms % 1000).human()) }
                    <small>{ &props.clock }</small>
                </span>
            </div>
            <p {class} data-testid="caption" aria-live="polite"><span class="jp-caption-time">{ time }</span>{ " " }{ text }</p>
        </div>
    }
}
