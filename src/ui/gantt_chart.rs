//! The timeline as a Gantt chart (SVG: attributes, not inline styles, so the page's CSP
//! holds): one row per completion index or pod, bars by phase, ends marked, back-off gaps
//! labelled, Job conditions and the playhead as vertical lines. Clicking a bar selects its pod.

use std::rc::Rc;

use yew::prelude::*;

use crate::view_model::gantt::{Gantt, Phase};
use crate::view_model::inspector::Selected;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The whole run's chart (computed once per run).
    pub gantt: Rc<Gantt>,
    /// The playhead, ms from the start.
    pub now: i64,
    pub on_select: Callback<Selected>,
}

// Units of the SVG's viewBox: about a pixel each on a desktop stage, so text reads at size.
const WIDTH: f64 = 700.0;
const LABEL: f64 = 90.0;
const ROW: f64 = 22.0;
/// Room above the rows for condition labels (two may stack).
const TOP: f64 = 30.0;

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

#[function_component(GanttChart)]
pub fn gantt_chart(props: &Props) -> Html {
    let g = props.gantt.until(props.now);
    let x = |ms: i64| LABEL + (WIDTH - LABEL - 10.0) * (ms as f64 / g.span as f64);
    let secs = |ms: i64| format!("+{}", crate::time::SimDuration::from_millis(ms).human());
    html! {
        <section class="jp-gantt" aria-label="Timeline" data-testid="gantt">
            { for g.jobs.iter().map(|j| {
                let height = TOP + ROW * j.rows.len().max(1) as f64 + 4.0;
                html! {
                    <figure class="jp-gantt-job">
                        <figcaption>{ format!("Timeline of job/{}: one row per {}", j.job, if j.rows.first().is_some_and(|r| r.index.is_some()) { "completion index" } else { "pod" }) }</figcaption>
                        <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={format!("Gantt chart of job/{}", j.job)} class="jp-gantt-svg">
                            { for j.marks.iter().enumerate().map(|(k, m)| {
                                // Conditions close together (FailureTarget then Failed) stack.
                                let stacked = j.marks[..k].iter().filter(|p| (x(p.at) - x(m.at)).abs() < 80.0).count() % 2;
                                let ty = (12.0 + 13.0 * stacked as f64).to_string();
                                html! {
                                    <g class="jp-g-mark">
                                        <line x1={x(m.at).to_string()} x2={x(m.at).to_string()} y1="0" y2={height.to_string()} />
                                        // Near the right edge the label goes to the left of its line.
                                        if x(m.at) > WIDTH * 0.8 {
                                            <text x={(x(m.at) - 3.0).to_string()} y={ty} text-anchor="end">{ &m.label }</text>
                                        } else {
                                            <text x={(x(m.at) + 3.0).to_string()} y={ty}>{ &m.label }</text>
                                        }
                                    </g>
                                }
                            }) }
                            { for j.rows.iter().enumerate().map(|(i, r)| {
                                let y = TOP + ROW * i as f64;
                                html! {
                                    <g class="jp-g-row" data-testid="gantt-row">
                                        <text class="jp-g-label" x="2" y={(y + 15.0).to_string()}>{ &r.label }</text>
                                        { for r.gaps.iter().map(|gap| html! {
                                            <g class="jp-g-gap">
                                                <line x1={x(gap.from).to_string()} x2={x(gap.to).to_string()} y1={(y + 8.0).to_string()} y2={(y + 8.0).to_string()} />
                                                <text x={((x(gap.from) + x(gap.to)) / 2.0).to_string()} y={(y + 6.0).to_string()} text-anchor="middle">{ format!("back-off {}", gap.label) }</text>
                                            </g>
                                        }) }
                                        { for r.bars.iter().map(|b| {
                                            let pod = b.pod.clone();
                                            let onclick = props.on_select.reform(move |_: MouseEvent| Selected::Pod(pod.clone()));
                                            html! {
                                                <rect class={classes!("jp-g-bar", phase_class(b.phase))} x={x(b.from).to_string()} y={(y + 3.0).to_string()} width={(x(b.to) - x(b.from)).max(1.0).to_string()} height={(ROW - 6.0).to_string()} {onclick}>
                                                    <title>{ format!("{} {} from {} to {}", b.pod, phase_word(b.phase), secs(b.from), secs(b.to)) }</title>
                                                </rect>
                                            }
                                        }) }
                                        { for r.ends.iter().map(|e| html! {
                                            <text class={if e.succeeded { "jp-g-end jp-g-ok" } else { "jp-g-end jp-g-fail" }} x={(x(e.at) + 2.0).to_string()} y={(y + 16.0).to_string()}>
                                                { if e.succeeded { "✔".to_string() } else { format!("✖{}", e.exit_code.map_or(String::new(), |c| format!(" {c}"))) } }
                                                <title>{ format!("{} {} at {}", e.pod, if e.succeeded { "succeeded" } else { "failed" }, secs(e.at)) }</title>
                                            </text>
                                        }) }
                                    </g>
                                }
                            }) }
                            <line class="jp-g-now" x1={x(g.now).to_string()} x2={x(g.now).to_string()} y1="0" y2={height.to_string()} />
                        </svg>
                        if j.more_rows > 0 {
                            <p class="jp-muted">{ format!("+{} more rows not drawn", j.more_rows) }</p>
                        }
                    </figure>
                }
            }) }
        </section>
    }
}
