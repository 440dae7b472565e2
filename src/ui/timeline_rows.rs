//! One chart of the Timeline in a scroll box of bounded height: a label column that stays in
//! place (names cut with an ellipsis, whole on hover and focus), a time axis with the Job's
//! condition changes that stays on top, and only the rows in view (`view_model::row_window`),
//! spacers keeping the box its full height so every row can be scrolled to. SVG geometry is
//! attributes (percent across, pixels down), never inline styles, so the page's CSP holds;
//! text keeps its CSS size at any width.

use std::rc::Rc;

use yew::prelude::*;

use super::click_sends;
use crate::decimal::Decimal;
use crate::time::SimDuration;
use crate::view_model::gantt::{ChartAt, Gantt, Phase};
use crate::view_model::inspector::Selected;
use crate::view_model::row_window::row_window;
use crate::view_model::time_axis::axis_ticks;

#[derive(Properties)]
pub struct Props {
    /// The chart's caption.
    pub title: String,
    /// What a row is: `pod`, `index` or `job` (the label column's heading).
    pub column: &'static str,
    /// The run's chart, shared, and this chart in it at the playhead: which rows exist.
    pub gantt: Rc<Gantt>,
    pub chart: ChartAt,
    /// The run's length and the playhead, ms from the start.
    pub span: i64,
    pub now: i64,
    pub on_select: Callback<Selected>,
}

/// Never equal, so the chart is drawn on every render of the Timeline: it is anyway, as its
/// `on_select` is new each time, and comparing the rows first would only cost time and code.
impl PartialEq for Props {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// A row's height in px (the CSS sizes the text to fit it; the SVG's y coordinates below
/// are written out as literals for it, which keeps the page's code small).
const ROW: f64 = 26.0;
/// The axis band (48 px): tick labels, then up to two lines of condition labels.
const HEAD: f64 = 48.0;
/// Ticks the axis shows at most: room for a label each at the plot's narrowest (the CSS
/// keeps it at least 420 px wide, scrolling sideways below that).
const MAX_TICKS: usize = 6;

/// Where `ms` falls across the plot, in percent: the run spans 5% to 92%, leaving room on
/// the left for the first back-off's label (it ends where the retry starts) and on the right
/// for the last pod's ✔ or ✖ and exit code.
fn pct(ms: i64, span: i64) -> f64 {
    5.0 + 87.0 * (ms as f64 / span.max(1) as f64)
}

fn at(p: f64) -> String {
    format!("{:.3}%", Decimal(p))
}

fn phase_class(p: Phase) -> &'static str {
    match p {
        Phase::Pending => "jp-g-pending",
        Phase::Creating => "jp-g-creating",
        Phase::Running => "jp-g-running",
    }
}

fn phase_word(p: Phase) -> &'static str {
    match p {
        Phase::Pending => "Pending",
        Phase::Creating => "ContainerCreating",
        Phase::Running => "Running",
    }
}

fn plus(ms: i64) -> String {
    format!("+{}", SimDuration::from_millis(ms).human())
}

#[function_component(TimelineRows)]
pub fn timeline_rows(props: &Props) -> Html {
    // The box's scroll offset and height, as of its last scroll; before any, a tall view (the
    // box is never taller), so the first rows are drawn.
    let view = use_state(|| (0.0_f64, 800.0_f64));
    let onscroll = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                view.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        })
    };
    let (span, now) = (props.span, props.now);
    let x = |ms: i64| pct(ms, span);
    let ticks = axis_ticks(span, MAX_TICKS);
    let (all, shown) = (props.gantt.chart(props.chart.chart).1, &props.chart.shown);
    let window = row_window(shown.len(), ROW, (view.0 - HEAD).max(0.0), view.1);
    let (above, below) = (
        window.start as f64 * ROW,
        (shown.len() - window.end) as f64 * ROW,
    );
    let now_line = |y2: &'static str| html! { <line class="jp-g-now" x1={at(x(now))} x2={at(x(now))} y1="0" {y2} /> };
    // The axis: ticks, then the Job's conditions; labels close to the one before stack on a
    // second line, and past 60% of the plot a label sits left of its line so it never clips.
    let mut last_label: Option<(f64, usize)> = None;
    let marks = props.chart.marks.iter().map(|m| {
        let p = x(m.at);
        let line = match last_label {
            Some((q, l)) if p - q < 18.0 => 1 - l,
            _ => 0,
        };
        last_label = Some((p, line));
        let left = p > 60.0;
        html! {
            <g class="jp-g-mark" data-testid="gantt-mark">
                <line x1={at(p)} x2={at(p)} y1="16" y2="48" />
                <text x={at(p)} dx={if left { "-4" } else { "4" }} y={if line == 0 { "29" } else { "42" }}
                    text-anchor={if left { "end" } else { "start" }}>{ &m.label }</text>
                <title>{ format!("{} at {}", m.label, plus(m.at)) }</title>
            </g>
        }
    });
    let head = html! {
        <div class="jp-g-head">
            <span class="jp-g-corner">{ props.column }</span>
            <svg class="jp-g-axis" height="48" role="img" data-testid="gantt-axis"
                aria-label={format!("Time since the start: {}", ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", "))}>
                { for ticks.iter().enumerate().map(|(k, t)| html! {
                    <g class="jp-g-tick">
                        <line x1={at(x(t.at))} x2={at(x(t.at))} y1="15" y2="48" />
                        <text x={at(x(t.at))} y="12" text-anchor={if k == 0 { "start" } else { "middle" }}>{ &t.label }</text>
                    </g>
                }) }
                { for marks }
                { now_line("48") }
            </svg>
        </div>
    };
    let rows = shown[window.clone()].iter().zip(window.clone()).map(|(k, i)| {
        let r = &all[*k as usize].until(now);
        let select = match props.column {
            "job" => Some(Selected::Job(r.label.clone())),
            "pod" => Some(Selected::Pod(r.label.clone())),
            _ => r.bars.last().map(|b| Selected::Pod(b.pod.clone())),
        };
        let on_label = select.map(|s| click_sends(&props.on_select, s));
        html! {
            <div class="jp-g-row" data-testid="gantt-row" data-row={i.to_string()} key={r.label.clone()}>
                <button class="jp-g-label" title={r.label.clone()} onclick={on_label} data-testid="gantt-label">{ &r.label }</button>
                <svg class="jp-g-track" height="26">
                    { for props.chart.marks.iter().map(|m| html! {
                        <line class="jp-g-markline" x1={at(x(m.at))} x2={at(x(m.at))} y1="0" y2="26" />
                    }) }
                    { for r.gaps.iter().map(|gap| html! {
                        <g class="jp-g-gap" data-testid="gantt-gap">
                            <line x1={at(x(gap.from))} x2={at(x(gap.to))} y1="21" y2="21" />
                            <text x={at(x(gap.to))} dx="-4" y="17" text-anchor="end">{ format!("back-off {}", gap.label) }</text>
                            <title>{ format!("Back-off: {} from the failure at {} to the next pod", gap.label, plus(gap.from)) }</title>
                        </g>
                    }) }
                    { for r.bars.iter().map(|b| {
                        let onclick = click_sends(&props.on_select, Selected::Pod(b.pod.clone()));
                        html! {
                            <rect class={classes!("jp-g-bar", phase_class(b.phase))} x={at(x(b.from))} width={at((x(b.to) - x(b.from)).max(0.15))} {onclick}>
                                <title>{ format!("{} {} from {} to {}", b.pod, phase_word(b.phase), plus(b.from), plus(b.to)) }</title>
                            </rect>
                        }
                    }) }
                    { for r.ends.iter().map(|e| html! {
                        <text class={if e.succeeded { "jp-g-end jp-g-ok" } else { "jp-g-end jp-g-fail" }} x={at(x(e.at))} dx="3" y="17">
                            { if e.succeeded { "✔".to_string() } else { format!("✖{}", e.exit_code.map_or(String::new(), |c| format!(" {c}"))) } }
                            <title>{ format!("{} {} at {}", e.pod, if e.succeeded { "succeeded" } else { "failed" }, plus(e.at)) }</title>
                        </text>
                    }) }
                    { now_line("26") }
                </svg>
            </div>
        }
    });
    html! {
        <figure class="jp-gantt-job" data-testid="gantt-chart">
            <figcaption>{ &props.title }</figcaption>
            <div class="jp-g-box" {onscroll} tabindex="0" role="group" aria-label={props.title.clone()} data-testid="gantt-scroll">
                { head }
                if above > 0.0 { <svg class="jp-g-spacer" width="1" height={Decimal(above).to_string()} aria-hidden="true"></svg> }
                { for rows }
                if below > 0.0 { <svg class="jp-g-spacer" width="1" height={Decimal(below).to_string()} aria-hidden="true"></svg> }
            </div>
        </figure>
    }
}
