//! Shown while a long run is being computed: how far it has got, and a way to stop it. A
//! function, not a component: it is drawn with the stage.

use yew::prelude::*;

use super::on_click;

use crate::view_model::playback::Progress;

/// The progress `p`, with a Stop button that calls `on_stop`.
pub fn run_progress(p: Progress, on_stop: Callback<()>) -> Html {
    let summary = format!(
        "{} of virtual time simulated · {} pods · {} events",
        p.simulated.human(),
        group(p.pods),
        group(p.events)
    );
    html! {
        <div class="jp-computing" role="status" data-testid="computing">
            <p class="jp-computing-title">{ "Simulating…" }</p>
            <progress class="jp-computing-bar" aria-label="Simulating the run"></progress>
            <p class="jp-computing-summary">{ summary }</p>
            <button class="jp-stop" onclick={on_click(&on_stop)}>{ "Stop and show what ran so far" }</button>
        </div>
    }
}

/// 12345 → "12,345".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
