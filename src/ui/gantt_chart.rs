//! The Timeline: a legend that says what the colours and marks mean, then a chart per Job
//! (a row per completion index or pod) and a chart per CronJob (a row per Job that exists at
//! the playhead). Each chart is a [`TimelineRows`] box: a fixed label column, a time axis and
//! only the rows in view. The Timeline itself is a function, not a component: it is drawn
//! with the rest of the stage every frame anyway.

use std::rc::Rc;

use yew::prelude::*;

use super::timeline_rows::TimelineRows;
use crate::view_model::gantt::{ChartAt, Gantt, Row};
use crate::view_model::inspector::Selected;

/// What the chart's colours and marks mean, in words (the bars are also titled one by one).
/// Fixed text, so one string rather than a tree of elements built in code: the page's wasm
/// stays small.
const LEGEND: &str = concat!(
    r#"<ul class="jp-g-legend" aria-label="Legend" data-testid="gantt-legend">"#,
    r#"<li><span class="jp-g-key jp-g-key-pending"></span>Pending: waiting for a node</li>"#,
    r#"<li><span class="jp-g-key jp-g-key-creating"></span>ContainerCreating: pulling the image, starting (tan)</li>"#,
    r#"<li><span class="jp-g-key jp-g-key-running"></span>Running (blue)</li>"#,
    r#"<li><span class="jp-g-ok">✔</span> succeeded</li>"#,
    r#"<li><span class="jp-g-fail">✖ 1</span> failed, with its exit code</li>"#,
    r#"<li><span class="jp-g-key jp-g-key-gap"></span>back-off: the wait before a failed pod's replacement</li>"#,
    r#"<li><span class="jp-g-key jp-g-key-mark"></span>a Job condition turning true (Complete, Failed …)</li>"#,
    r#"<li><span class="jp-g-key jp-g-key-now"></span>the playhead</li></ul>"#,
);

/// The whole run's chart `gantt` (computed once per run) at `now`, the playhead in ms from
/// the start; choosing a row or a bar calls `on_select`. Each chart gets the run's chart
/// shared and the positions of its rows that exist at `now`, and cuts only the rows it draws.
pub fn gantt_chart(gantt: &Rc<Gantt>, now: i64, on_select: &Callback<Selected>) -> Html {
    let charts = gantt.at(now);
    if charts.is_empty() {
        return html! {};
    }
    let span = gantt.span;
    let at = format!("+{}", crate::time::SimDuration::from_millis(now).human());
    let named: Vec<(ChartAt, String, &[Row])> = (charts.into_iter())
        .map(|c| {
            let (name, rows) = gantt.chart(c.chart);
            (c, name, rows)
        })
        .collect();
    let names: Vec<&str> = named.iter().map(|(_, name, _)| name.as_str()).collect();
    let label = landmark_label(&names);
    html! {
        <section class="jp-gantt" aria-label={label} data-testid="gantt">
            <h2 class="jp-g-title">{ "Timeline" }</h2>
            { Html::from_html_unchecked(LEGEND.into()) }
            { for named.into_iter().map(|(c, name, rows)| {
                let (title, column) = if c.chart >= gantt.jobs.len() {
                    (format!("Jobs of {name}: one row per Job that exists at {at}, oldest first"), "job")
                } else if c.shown.first().is_some_and(|k| rows[*k as usize].index.is_some()) {
                    (format!("Timeline of {name}: one row per completion index"), "index")
                } else {
                    (format!("Timeline of {name}: one row per pod"), "pod")
                };
                html! {
                    <TimelineRows key={name} gantt={gantt.clone()} chart={c} {title} {column} {span} {now}
                        on_select={on_select.clone()} />
                }
            }) }
        </section>
    }
}

/// The section's accessible name, naming what it charts (`names`: `job/NAME`,
/// `cronjob/NAME`): several widgets on one docs page each have a Timeline landmark, and a
/// screen reader's landmark list must tell them apart.
fn landmark_label(names: &[&str]) -> String {
    let shown = names.len().min(3);
    let mut label = format!("Timeline of {}", names[..shown].join(", "));
    if names.len() > shown {
        label.push_str(&format!(" and {} more", names.len() - shown));
    }
    label
}
