//! A Job's card: status, counters, conditions and the back-off countdown.

use yew::prelude::*;

use crate::view_model::cluster::JobCard as JobData;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub job: JobData,
}

#[function_component(JobCard)]
pub fn job_card(props: &Props) -> Html {
    let j = &props.job;
    let status_class = format!("jp-job jp-job-{}", j.status.to_lowercase());
    html! {
        <article class={status_class} data-testid={format!("job-{}", j.name)}>
            <header>
                <strong>{ format!("job/{}", j.name) }</strong>
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
            if let Some(b) = j.backoff_remaining {
                <p class="jp-backoff" role="status">{ format!("⏳ next pod after back-off: {} left", b.human()) }</p>
            }
            <ul class="jp-conditions">
                { for j.conditions.iter().map(|(t, s, r, m)| html! {
                    <li title={m.clone()}>{ format!("{t}={s}") }{ if r.is_empty() { String::new() } else { format!(" ({r})") } }</li>
                }) }
            </ul>
        </article>
    }
}
