//! A CronJob's card: the schedule in words and its surprises, the next ticks, the active
//! Jobs, and the controller's latest decision in plain language. A function, not a component:
//! it is drawn with the cluster picture.

use yew::prelude::*;

use super::click_sends;
use crate::view_model::cluster::CronJobCard as CronJobData;
use crate::view_model::inspector::Selected;

/// The card of CronJob `c`, highlighted when `selected`; its name opens it by `on_select`.
pub fn cron_job_card(c: &CronJobData, selected: bool, on_select: &Callback<Selected>) -> Html {
    let class = classes!(
        "jp-job",
        "jp-cronjob",
        c.suspended.then_some("jp-cronjob-suspended"),
        selected.then_some("jp-selected")
    );
    let onclick = click_sends(on_select, Selected::CronJob(c.name.clone()));
    let zone = if c.zone_is_local {
        format!("{} (controller manager's zone)", c.zone)
    } else {
        c.zone.clone()
    };
    html! {
        <article {class} data-testid={format!("cronjob-{}", c.name)}>
            <header>
                <button class="jp-job-name" title="inspect" aria-pressed={selected.to_string()} {onclick}>{ format!("cronjob/{}", c.name) }</button>
                <code class="jp-schedule">{ &c.schedule }</code>
                <span class="jp-job-status" data-testid="cronjob-status">{ if c.suspended { "Suspended" } else { "Scheduled" } }</span>
            </header>
            <p class="jp-schedule-words" data-testid="schedule-words">{ &c.summary }<span class="jp-muted">{ format!(" · {zone} · {}", c.concurrency_policy) }</span></p>
            if !c.notes.is_empty() {
                <ul class="jp-notes">{ for c.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            <dl class="jp-cron-facts">
                <div><dt>{ "active" }</dt><dd>{ if c.active.is_empty() { "none".to_string() } else { c.active.join(", ") } }</dd></div>
                <div><dt>{ "last schedule" }</dt><dd>{ c.last_schedule.clone().unwrap_or_else(|| "never".into()) }</dd></div>
                <div><dt>{ "last success" }</dt><dd>{ c.last_successful.clone().unwrap_or_else(|| "never".into()) }</dd></div>
                <div><dt>{ "next ticks" }</dt><dd>{ if c.next.is_empty() { "none (suspended or never fires)".to_string() } else { c.next.join(" · ") } }</dd></div>
            </dl>
            if let Some(d) = &c.last_decision {
                <p class="jp-cron-decision" role="status">{ d }</p>
            }
        </article>
    }
}
