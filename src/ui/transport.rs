//! Play, pause, speed, the scrubber and the virtual clock.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::time::SimDuration;
use crate::view_model::session::SPEEDS;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub playing: bool,
    pub speed: f64,
    pub elapsed_ms: i64,
    pub total_ms: i64,
    pub clock: String,
    pub on_toggle: Callback<()>,
    pub on_speed: Callback<f64>,
    pub on_seek: Callback<i64>,
}

#[function_component(Transport)]
pub fn transport(props: &Props) -> Html {
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Ok(v) = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse::<f64>()
        {
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
    html! {
        <div class="jp-transport" role="group" aria-label="Playback">
            <button class="jp-play" aria-label={label} onclick={toggle}>{ if props.playing { "❚❚ Pause" } else { "▶ Play" } }</button>
            <label class="jp-speed">{ "Speed " }
                <select {onchange} aria-label="Speed">
                    { for SPEEDS.iter().map(|s| html! { <option value={s.to_string()} selected={(*s - props.speed).abs() < 1e-9}>{ format!("{s}×") }</option> }) }
                </select>
            </label>
            <input class="jp-scrub" type="range" min="0" max={props.total_ms.to_string()} value={props.elapsed_ms.to_string()} aria-label="Virtual time" {oninput} />
            <span class="jp-clock" data-testid="clock">
                { format!("+{} / {}", SimDuration::from_millis(props.elapsed_ms - props.elapsed_ms % 1000).human(), SimDuration::from_millis(props.total_ms - props.total_ms % 1000).human()) }
                <small>{ &props.clock }</small>
            </span>
        </div>
    }
}
