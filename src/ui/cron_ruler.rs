//! The cron ruler (SVG attributes only, for the CSP): one line per CronJob across the whole
//! run, a mark at every scheduled time, shaped and labelled by what became of it (created,
//! replaced, skipped, missed; still to come after the playhead), the zone's daylight-saving
//! changes as dashed lines, the schedule in plain words and the next runs. A function, not a
//! component: it is drawn with the rest of the stage every frame anyway.

use yew::prelude::*;

use crate::decimal::Decimal;
use crate::view_model::cron_ruler::{counts, CronRuler, HorizonNote, Outcome, TickGroup};

/// Marks closer than this (viewBox units, about px on a desktop) are drawn as one: room for
/// a two-digit count above each.
const MIN_GAP: f64 = 18.0;

const WIDTH: f64 = 700.0;
const HEIGHT: f64 = 46.0;
const LEFT: f64 = 8.0;
/// The baseline the ticks stand on.
const BASE: f64 = 34.0;

/// The mark of a tick: a tall bar (created), a bar with a cap (replaced), a cross (skipped),
/// a hollow ring (missed), a short grey stroke (after the playhead).
fn mark(x: f64, outcome: Option<Outcome>, title: String) -> Html {
    let xs = Decimal(x).to_string();
    let shape = match outcome {
        Some(Outcome::Created) => {
            html! { <line class="jp-cr-created" x1={xs.clone()} x2={xs} y1={Decimal(BASE - 16.0).to_string()} y2={Decimal(BASE).to_string()} /> }
        }
        Some(Outcome::Replaced) => html! {
            <>
                <line class="jp-cr-replaced" x1={xs.clone()} x2={xs.clone()} y1={Decimal(BASE - 16.0).to_string()} y2={Decimal(BASE).to_string()} />
                <line class="jp-cr-replaced" x1={Decimal(x - 3.0).to_string()} x2={Decimal(x + 3.0).to_string()} y1={Decimal(BASE - 16.0).to_string()} y2={Decimal(BASE - 16.0).to_string()} />
            </>
        },
        Some(Outcome::Skipped) => html! {
            <path class="jp-cr-skipped" d={format!("M{} {} L{} {} M{} {} L{} {}", Decimal(x - 3.0), Decimal(BASE - 10.0), Decimal(x + 3.0), Decimal(BASE - 4.0), Decimal(x + 3.0), Decimal(BASE - 10.0), Decimal(x - 3.0), Decimal(BASE - 4.0))} />
        },
        Some(Outcome::Missed) => {
            html! { <circle class="jp-cr-missed" cx={xs} cy={Decimal(BASE - 7.0).to_string()} r="3" /> }
        }
        None => {
            html! { <line class="jp-cr-upcoming" x1={xs.clone()} x2={xs} y1={Decimal(BASE - 6.0).to_string()} y2={Decimal(BASE).to_string()} /> }
        }
    };
    html! { <g class="jp-cr-tick" data-testid="cron-tick" data-outcome={outcome.map_or("upcoming", Outcome::word)}>{ shape }<title>{ title }</title></g> }
}

/// Several scheduled times that would overlap, as one mark with their count above it; its
/// title says how each ended so far.
fn group_mark(r: &CronRuler, g: &TickGroup, x: f64, now: i64) -> Html {
    let ticks = r.ticks_of(g);
    let known: Vec<String> = counts(ticks, now)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(o, n)| format!("{n} {}", o.word()))
        .collect();
    let title = format!(
        "{} scheduled times from {} to {}: {}",
        g.count,
        ticks[0].label,
        ticks[ticks.len() - 1].label,
        if known.is_empty() {
            "to come".to_string()
        } else {
            known.join(", ")
        }
    );
    let class = if known.is_empty() {
        "jp-cr-upcoming"
    } else {
        "jp-cr-created"
    };
    html! {
        <g class="jp-cr-tick jp-cr-group" data-testid="cron-tick" data-count={g.count.to_string()}
            data-outcome={if known.is_empty() { "upcoming" } else { "group" }}>
            <line class={class} x1={Decimal(x).to_string()} x2={Decimal(x).to_string()} y1={Decimal(BASE - 12.0).to_string()} y2={Decimal(BASE).to_string()} />
            <text class="jp-cr-count" x={Decimal(x).to_string()} y={Decimal(BASE - 15.0).to_string()} text-anchor="middle">{ g.count }</text>
            <title>{ title }</title>
        </g>
    }
}

/// Every CronJob's ruler for the whole run (computed once per run) at `now`, the playhead in ms
/// from the start; below them the `note` on how to run longer, when the run stopped at its
/// default length.
pub fn cron_rulers(rulers: &[CronRuler], now: i64, note: Option<&HorizonNote>) -> Html {
    html! {
        <section class="jp-cron-rulers" aria-label="Cron schedule">
            { for rulers.iter().map(|r| {
                let x = |ms: i64| LEFT + (WIDTH - 2.0 * LEFT) * (ms as f64 / r.span.max(1) as f64);
                let counts: Vec<String> = r.counts(now).iter().filter(|(_, n)| *n > 0).map(|(o, n)| format!("{n} {}", o.word())).collect();
                let next: Vec<String> = r.next_after(now, 3).iter().map(|t| t.label.clone()).collect();
                html! {
                    <figure class="jp-cron-ruler" data-testid={format!("cron-ruler-{}", r.name)}>
                        <figcaption>
                            <strong>{ format!("cronjob/{}", r.name) }</strong>{ " " }<code>{ &r.schedule }</code>{ format!(" in {}: ", r.zone) }
                            <span data-testid="cron-words">{ &r.words }</span>
                        </figcaption>
                        <svg viewBox={format!("0 0 {} {}", Decimal(WIDTH), Decimal(HEIGHT))} role="img" class="jp-cron-svg"
                            aria-label={format!("Scheduled times of cronjob/{} so far: {}", r.name, if counts.is_empty() { "none yet".to_string() } else { counts.join(", ") })}>
                            <line class="jp-cr-base" x1={Decimal(LEFT).to_string()} x2={Decimal(WIDTH - LEFT).to_string()} y1={Decimal(BASE).to_string()} y2={Decimal(BASE).to_string()} />
                            { for r.zone_changes.iter().map(|z| html! {
                                <g class="jp-cr-dst" data-testid="cron-dst">
                                    <line x1={Decimal(x(z.at)).to_string()} x2={Decimal(x(z.at)).to_string()} y1="2" y2={Decimal(HEIGHT).to_string()} />
                                    <text x={Decimal(x(z.at) + 3.0).to_string()} y="10" text-anchor={if x(z.at) > WIDTH * 0.7 { "end" } else { "start" }}>{ "DST" }</text>
                                    <title>{ &z.label }</title>
                                </g>
                            }) }
                            { for r.groups(WIDTH - 2.0 * LEFT, MIN_GAP).iter().map(|g| {
                                if g.count > 1 {
                                    return group_mark(r, g, x(g.at), now);
                                }
                                let t = &r.ticks[g.first];
                                // Known at the playhead: the tick has come, and so has its Job if it was created late.
                                let known = t.at <= now && t.created_at.is_none_or(|c| c <= now);
                                let outcome = known.then_some(t.outcome);
                                let title = match outcome {
                                    Some(o) => format!("{}: {} — {}", t.label, o.word(), t.why),
                                    None if t.at <= now => format!("{}: due, waiting", t.label),
                                    None => format!("{}: to come", t.label),
                                };
                                mark(x(t.at), outcome, title)
                            }) }
                            <line class="jp-g-now" x1={Decimal(x(now)).to_string()} x2={Decimal(x(now)).to_string()} y1="0" y2={Decimal(HEIGHT).to_string()} />
                        </svg>
                        <p class="jp-cron-legend">
                            <span data-testid="cron-counts">{ if counts.is_empty() { "No scheduled time yet".to_string() } else { counts.join(" · ") } }</span>
                            if !next.is_empty() { <span data-testid="cron-next">{ format!(" · next: {}", next.join(", ")) }</span> }
                            if r.more > 0 { <span>{ format!(" · {} more scheduled times not drawn", r.more) }</span> }
                            { for r.zone_changes.iter().map(|z| html! { <span>{ format!(" · {}", z.label) }</span> }) }
                        </p>
                        <p class="jp-cron-key jp-muted" aria-hidden="true">{ "│ created · ╤ replaced · ✕ skipped · ○ missed · ╷ to come · a number: that many scheduled times, too close to draw apart" }</p>
                    </figure>
                }
            }) }
            if let Some(note) = note {
                <div class="jp-cron-horizon" data-testid="cron-horizon">
                    <p>{ format!("Simulated the first {}; add a Scenario with ", note.ran) }<code>{ format!("until: {}", note.until) }</code>{ " to run longer:" }</p>
                    <pre class="jp-pre">{ &note.yaml }</pre>
                </div>
            }
        </section>
    }
}
