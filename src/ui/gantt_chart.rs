//! The Timeline: a legend that says what the colours and marks mean, then a chart per Job
//! (a row per completion index or pod) and a chart per CronJob (a row per Job that exists at
//! the playhead). Each chart is a [`TimelineRows`] box: a fixed label column, a time axis and
//! only the rows in view. The Timeline itself is a function, not a component: it is drawn
//! with the rest of the stage every frame anyway.

use yew::prelude::*;

use super::timeline_rows::TimelineRows;
use crate::view_model::gantt::Gantt;
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

/// The whole run's chart `gantt` (computed once per run) cut at `now`, the playhead in ms
/// from the start; choosing a row or a bar calls `on_select`.
pub fn gantt_chart(gantt: &Gantt, now: i64, on_select: &Callback<Selected>) -> Html {
    let g = gantt.until(now);
    if g.jobs.is_empty() && g.cron_jobs.is_empty() {
        return html! {};
    }
    let (span, now) = (g.span, g.now);
    let at = format!("+{}", crate::time::SimDuration::from_millis(now).human());
    let label = landmark_label(&g);
    html! {
        <section class="jp-gantt" aria-label={label} data-testid="gantt">
            <h2 class="jp-g-title">{ "Timeline" }</h2>
            { Html::from_html_unchecked(LEGEND.into()) }
            { for g.jobs.into_iter().map(|j| {
                let indexed = j.rows.first().is_some_and(|r| r.index.is_some());
                html! {
                    <TimelineRows key={j.job.clone()}
                        title={format!("Timeline of job/{}: one row per {}", j.job, if indexed { "completion index" } else { "pod" })}
                        column={if indexed { "index" } else { "pod" }}
                        rows={j.rows} marks={j.marks} {span} {now}
                        on_select={on_select.clone()} />
                }
            }) }
            { for g.cron_jobs.into_iter().map(|c| html! {
                <TimelineRows key={format!("cronjob/{}", c.cron_job)}
                    title={format!("Jobs of cronjob/{}: one row per Job that exists at {at}, oldest first", c.cron_job)}
                    column="job" rows={c.rows} marks={Vec::new()} {span} {now}
                    on_select={on_select.clone()} />
            }) }
        </section>
    }
}

/// The section's accessible name, naming what it charts: several widgets on one docs page
/// each have a Timeline landmark, and a screen reader's landmark list must tell them apart.
fn landmark_label(g: &Gantt) -> String {
    let names: Vec<String> = (g.jobs.iter().map(|j| format!("job/{}", j.job)))
        .chain(
            g.cron_jobs
                .iter()
                .map(|c| format!("cronjob/{}", c.cron_job)),
        )
        .collect();
    let shown = names.len().min(3);
    let mut label = format!("Timeline of {}", names[..shown].join(", "));
    if names.len() > shown {
        label.push_str(&format!(" and {} more", names.len() - shown));
    }
    label
}
