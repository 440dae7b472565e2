//! A Job's card: status, counters, an Indexed Job's completed and failed indexes (in the
//! controller's range form), conditions and the back-off countdown. A function, not a
//! component: it is drawn with the cluster picture.

use yew::prelude::*;

use super::click_sends;
use crate::view_model::cluster::JobCard as JobData;
use crate::view_model::inspector::Selected;

/// Countdowns show whole seconds, rounded up so "0s" never shows while still waiting.
fn round_up_to_second(d: crate::time::SimDuration) -> crate::time::SimDuration {
    crate::time::SimDuration::from_secs((d.as_millis() + 999) / 1000)
}

/// The card of Job `j`, highlighted when `selected`; its name opens it by `on_select`.
pub fn job_card(j: &JobData, selected: bool, on_select: &Callback<Selected>) -> Html {
    let status_class = classes!(
        "jp-job",
        format!("jp-job-{}", j.status.to_ascii_lowercase()),
        selected.then_some("jp-selected")
    );
    let onclick = click_sends(on_select, Selected::Job(j.name.clone()));
    html! {
        <article class={status_class} data-testid={format!("job-{}", j.name)}>
            <header>
                <button class="jp-job-name" title="inspect" aria-pressed={selected.to_string()} {onclick}>{ format!("job/{}", j.name) }</button>
                <span class="jp-job-status" data-testid="job-status">{ j.status }</span>
                <span class="jp-job-completions">{ j.completions.clone() }</span>
            </header>
            <dl class="jp-counters">
                <div><dt>{ "active" }</dt><dd>{ j.active }</dd></div>
                <div><dt>{ "ready" }</dt><dd>{ j.ready }</dd></div>
                <div><dt>{ "succeeded" }</dt><dd>{ j.succeeded }</dd></div>
                <div><dt>{ "failed" }</dt><dd>{ j.failed }</dd></div>
                <div><dt>{ "terminating" }</dt><dd>{ j.terminating }</dd></div>
            </dl>
            if j.completed_indexes.is_some() || j.failed_indexes.is_some() {
                <dl class="jp-indexes">
                    if let Some(c) = &j.completed_indexes { <div><dt>{ "completed indexes" }</dt><dd data-testid="completed-indexes">{ c.clone() }</dd></div> }
                    if let Some(f) = &j.failed_indexes { <div class="jp-indexes-failed"><dt>{ "failed indexes" }</dt><dd data-testid="failed-indexes">{ f.clone() }</dd></div> }
                </dl>
            }
            if let Some(b) = j.backoff_remaining {
                <p class="jp-backoff" role="status">{ format!("Back-off: next pod in {}", round_up_to_second(b).human()) }</p>
            }
            <ul class="jp-conditions">
                { for j.conditions.iter().map(|(t, s, r, m)| html! {
                    <li title={m.clone()}>{ format!("{t}={s}") }{ if r.is_empty() { String::new() } else { format!(" ({r})") } }</li>
                }) }
            </ul>
        </article>
    }
}
