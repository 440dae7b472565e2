//! kubectl output rendered from engine state: `get jobs`, `get pods`, `describe job`, `logs`
//! (spec §8), with Kubernetes' columns, status words and duration format.

use std::collections::BTreeMap;

use super::duration::human_duration;
use crate::api::{CronJob, Job, Pod};
use crate::sim::{Engine, EventRecord};
use crate::time::SimTime;

/// A tab-writer table: each column as wide as its widest cell plus 3, at least 6; the last
/// column is not padded (spec §8.1).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let all = std::iter::once(header.iter().map(|s| s.to_string()).collect::<Vec<_>>()).chain(rows.iter().cloned());
    for row in all {
        let last = row.len() - 1;
        for (i, cell) in row.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                let w = (widths[i] + 3).max(6);
                out.push_str(&format!("{cell:<w$}"));
            }
        }
        out.push('\n');
    }
    out
}

/// STATUS of `kubectl get jobs` (spec §8.3).
pub fn job_status(job: &Job) -> &'static str {
    let has = |t: &str| job.condition(t).is_some();
    if has("Complete") {
        "Complete"
    } else if has("Failed") {
        "Failed"
    } else if job.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if has("Suspended") {
        "Suspended"
    } else if has("FailureTarget") {
        "FailureTarget"
    } else if has("SuccessCriteriaMet") {
        "SuccessCriteriaMet"
    } else {
        "Running"
    }
}

/// COMPLETIONS of `kubectl get jobs`.
pub fn job_completions(job: &Job) -> String {
    let s = job.status.succeeded;
    match job.spec.completions {
        Some(c) => format!("{s}/{c}"),
        None if job.parallelism() > 1 => format!("{s}/1 of {}", job.parallelism()),
        None => format!("{s}/1"),
    }
}

/// DURATION of `kubectl get jobs`: grows until completion (failed Jobs keep growing).
pub fn job_duration(job: &Job, now: SimTime) -> String {
    let Some(start) = job.status.start_time else { return String::new() };
    let end = job.status.completion_time.map_or(now, |t| t.0);
    human_duration(end - start.0)
}

fn age(created: Option<crate::api::Time>, now: SimTime) -> String {
    created.map_or("<unknown>".into(), |t| human_duration(now - t.0))
}

/// `kubectl get jobs`.
pub fn get_jobs(jobs: &[&Job], now: SimTime, name_prefix: &str) -> String {
    let rows: Vec<Vec<String>> = jobs.iter().map(|j| vec![format!("{name_prefix}{}", j.metadata.name), job_status(j).into(), job_completions(j), job_duration(j, now), age(j.metadata.creation_timestamp, now)]).collect();
    table(&["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], &rows)
}

/// STATUS of `kubectl get pods` (spec §8.5).
pub fn pod_status(pod: &Pod) -> String {
    let mut reason = if pod.status.reason.is_empty() { pod.status.phase.clone() } else { pod.status.reason.clone() };
    let mut initializing = false;
    let total_inits = pod.spec.init_containers.len();
    for (i, s) in pod.status.init_container_statuses.iter().enumerate() {
        if let Some(t) = &s.state.terminated {
            if t.exit_code == 0 {
                continue;
            }
            reason = if t.reason.is_empty() { format!("Init:ExitCode:{}", t.exit_code) } else { format!("Init:{}", t.reason) };
        } else if let Some(w) = s.state.waiting.as_ref().filter(|w| !w.reason.is_empty() && w.reason != "PodInitializing") {
            reason = format!("Init:{}", w.reason);
        } else {
            reason = format!("Init:{i}/{total_inits}");
        }
        initializing = true;
        break;
    }
    if !initializing {
        let mut has_running = false;
        for s in pod.status.container_statuses.iter().rev() {
            if let Some(w) = s.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                reason = w.reason.clone();
            } else if let Some(t) = &s.state.terminated {
                reason = if !t.reason.is_empty() { t.reason.clone() } else { format!("ExitCode:{}", t.exit_code) };
            } else if s.state.running.is_some() {
                has_running = true;
            }
        }
        if reason == "Completed" && has_running {
            reason = if pod.is_ready() { "Running".into() } else { "NotReady".into() };
        }
    }
    if pod.is_deleting() && !pod.is_terminal() {
        reason = "Terminating".into();
    }
    if pod.status.conditions.iter().any(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated") {
        reason = "SchedulingGated".into();
    }
    reason
}

fn restarts(pod: &Pod, now: SimTime) -> String {
    let n: i32 = pod.status.container_statuses.iter().map(|c| c.restart_count).sum();
    let last = pod.status.container_statuses.iter().filter_map(|c| c.last_state.terminated.as_ref()?.finished_at).max();
    match (n, last) {
        (0, _) => "0".into(),
        (n, Some(t)) => format!("{n} ({} ago)", human_duration(now - t.0)),
        (n, None) => n.to_string(),
    }
}

/// `kubectl get pods`.
pub fn get_pods(pods: &[&Pod], now: SimTime, name_prefix: &str) -> String {
    let rows: Vec<Vec<String>> = pods
        .iter()
        .map(|p| {
            let ready = p.status.container_statuses.iter().filter(|c| c.ready).count();
            vec![format!("{name_prefix}{}", p.metadata.name), format!("{ready}/{}", p.spec.containers.len()), pod_status(p), restarts(p, now), age(p.metadata.creation_timestamp, now)]
        })
        .collect();
    table(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &rows)
}

/// `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE.
pub fn get_cron_jobs(cron_jobs: &[&CronJob], now: SimTime, name_prefix: &str) -> String {
    let rows: Vec<Vec<String>> = cron_jobs
        .iter()
        .map(|c| {
            let last = c.status.last_schedule_time.map_or_else(|| "<none>".to_string(), |t| human_duration(now - t.0));
            vec![
                format!("{name_prefix}{}", c.metadata.name),
                c.spec.schedule.clone(),
                c.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
                if c.spec.suspend == Some(true) { "True" } else { "False" }.into(),
                c.status.active.len().to_string(),
                last,
                age(c.metadata.creation_timestamp, now),
            ]
        })
        .collect();
    table(&["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"], &rows)
}

/// `kubectl get cronjobs,jobs,pods` as at the engine's current time (objects still in the API).
pub fn get_all(engine: &Engine) -> String {
    let now = engine.now();
    let cron_jobs: Vec<&CronJob> = engine.cron_jobs().collect();
    let jobs: Vec<&Job> = engine.jobs().collect();
    let mut pods: Vec<&Pod> = engine.pods().collect();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut out = String::new();
    if !cron_jobs.is_empty() {
        out.push_str(&get_cron_jobs(&cron_jobs, now, "cronjob.batch/"));
    }
    if !jobs.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&get_jobs(&jobs, now, "job.batch/"));
    }
    if !pods.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&get_pods(&pods, now, "pod/"));
    }
    if out.is_empty() {
        out.push_str("No resources found in default namespace.\n");
    }
    out
}

/// Aligns a key/value block: values start two spaces after the longest key (spec §8.6).
fn kv_block(rows: &[(String, String)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
    let mut out = String::new();
    for (k, v) in rows {
        let mut lines = v.lines();
        out.push_str(&format!("{k:<width$}{}\n", lines.next().unwrap_or("")));
        for cont in lines {
            out.push_str(&format!("{:width$}{cont}\n", ""));
        }
    }
    out
}

fn map_text(m: &BTreeMap<String, String>) -> String {
    if m.is_empty() {
        return "<none>".into();
    }
    m.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("\n")
}

/// `kubectl describe job NAME`.
pub fn describe_job(engine: &Engine, job: &Job) -> String {
    let now = engine.now();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut kv = |k: &str, v: String| rows.push((format!("{k}:"), v));
    kv("Name", job.metadata.name.clone());
    kv("Namespace", job.metadata.namespace.clone());
    let selector = job.spec.selector.as_ref().map(|s| map_text(&s.match_labels)).unwrap_or_else(|| "<none>".into());
    kv("Selector", selector.replace('\n', ","));
    kv("Labels", map_text(&job.metadata.labels));
    kv("Annotations", map_text(&job.metadata.annotations));
    kv("Parallelism", job.parallelism().to_string());
    kv("Completions", job.spec.completions.map_or("<unset>".into(), |c| c.to_string()));
    kv("Completion Mode", job.spec.completion_mode.clone().unwrap_or_else(|| "NonIndexed".into()));
    kv("Suspend", job.is_suspended().to_string());
    kv("Backoff Limit", job.backoff_limit().to_string());
    if let Some(ttl) = job.spec.ttl_seconds_after_finished {
        kv("TTL Seconds After Finished", ttl.to_string());
    }
    if let Some(t) = job.status.start_time {
        kv("Start Time", t.0.rfc1123z());
    }
    if let Some(t) = job.status.completion_time {
        kv("Completed At", t.0.rfc1123z());
        if let Some(s) = job.status.start_time {
            kv("Duration", human_duration(t.0 - s.0));
        }
    }
    if let Some(ads) = job.spec.active_deadline_seconds {
        kv("Active Deadline Seconds", format!("{ads}s"));
    }
    kv("Pods Statuses", format!("{} Active ({} Ready) / {} Succeeded / {} Failed", job.status.active, job.status.ready.unwrap_or(0), job.status.succeeded, job.status.failed));
    if job.is_indexed() {
        let ci = job.status.completed_indexes.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "<none>".into());
        kv("Completed Indexes", truncate_indexes(&ci));
    }
    let mut out = kv_block(&rows);
    out.push_str("Pod Template:\n");
    out.push_str(&pod_template_text(job));
    out.push_str(&events_section(engine.events().iter().filter(|e| e.kind == "Job" && e.name == job.metadata.name), now));
    out
}

/// `kubectl describe cronjob NAME` (describe.go `describeCronJob`).
pub fn describe_cron_job(engine: &Engine, cj: &CronJob) -> String {
    let now = engine.now();
    let spec = &cj.spec;
    let unset = || "<unset>".to_string();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut kv = |k: &str, v: String| rows.push((format!("{k}:"), v));
    kv("Name", cj.metadata.name.clone());
    kv("Namespace", cj.metadata.namespace.clone());
    kv("Labels", map_text(&cj.metadata.labels));
    kv("Annotations", map_text(&cj.metadata.annotations));
    kv("Schedule", spec.schedule.clone());
    kv("Concurrency Policy", spec.concurrency_policy.clone().unwrap_or_default());
    kv("Suspend", if spec.suspend == Some(true) { "True" } else { "False" }.into());
    kv("Successful Job History Limit", spec.successful_jobs_history_limit.map_or_else(unset, |v| v.to_string()));
    kv("Failed Job History Limit", spec.failed_jobs_history_limit.map_or_else(unset, |v| v.to_string()));
    kv("Starting Deadline Seconds", spec.starting_deadline_seconds.map_or_else(unset, |v| format!("{v}s")));
    let template = &spec.job_template.spec;
    kv("Selector", template.selector.as_ref().map_or_else(unset, |s| map_text(&s.match_labels).replace('\n', ",")));
    kv("Parallelism", template.parallelism.map_or_else(unset, |v| v.to_string()));
    kv("Completions", template.completions.map_or_else(unset, |v| v.to_string()));
    if let Some(ads) = template.active_deadline_seconds {
        kv("Active Deadline Seconds", format!("{ads}s"));
    }
    let mut out = kv_block(&rows);
    out.push_str("Pod Template:\n");
    out.push_str(&template_text(&template.template));
    let mut tail: Vec<(String, String)> = Vec::new();
    tail.push(("Last Schedule Time:".into(), cj.status.last_schedule_time.map_or_else(unset, |t| t.0.rfc1123z())));
    let active: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
    tail.push(("Active Jobs:".into(), if active.is_empty() { "<none>".into() } else { active.join(", ") }));
    out.push_str(&kv_block(&tail));
    out.push_str(&events_section(engine.events().iter().filter(|e| e.kind == "CronJob" && e.name == cj.metadata.name), now));
    out
}

fn truncate_indexes(s: &str) -> String {
    if s.len() <= 50 {
        return s.to_string();
    }
    let cut = s[..50].rfind(',').unwrap_or(50);
    format!("{}...", &s[..cut])
}

fn pod_template_text(job: &Job) -> String {
    template_text(&job.spec.template)
}

fn template_text(t: &crate::api::PodTemplateSpec) -> String {
    let mut out = String::new();
    let labels = map_text(&t.metadata.labels);
    let mut lines = labels.lines();
    out.push_str(&format!("  Labels:  {}\n", lines.next().unwrap_or("")));
    for l in lines {
        out.push_str(&format!("           {l}\n"));
    }
    if !t.spec.init_containers.is_empty() {
        out.push_str("  Init Containers:\n");
        out.push_str(&containers_text(&t.spec.init_containers));
    }
    out.push_str("  Containers:\n");
    out.push_str(&containers_text(&t.spec.containers));
    out.push_str("  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n");
    out
}

fn containers_text(containers: &[crate::api::Container]) -> String {
    let mut out = String::new();
    for c in containers {
        out.push_str(&format!("   {}:\n", c.name));
        out.push_str(&format!("    Image:      {}\n    Port:       <none>\n    Host Port:  <none>\n", c.image));
        let args: Vec<&String> = c.command.iter().collect();
        if !args.is_empty() {
            out.push_str("    Command:\n");
            for a in args {
                out.push_str(&format!("      {a}\n"));
            }
        }
        if !c.args.is_empty() {
            out.push_str("    Args:\n");
            for a in &c.args {
                out.push_str(&format!("      {a}\n"));
            }
        }
        if c.env.is_empty() {
            out.push_str("    Environment:  <none>\n");
        } else {
            out.push_str("    Environment:\n");
            for e in &c.env {
                let v = e.value.clone().unwrap_or_else(|| "(v1:metadata.labels['batch.kubernetes.io/job-completion-index'])".into());
                out.push_str(&format!("      {}:  {v}\n", e.name));
            }
        }
        out.push_str("    Mounts:       <none>\n");
    }
    out
}

/// The Events section, aggregating identical events as kubectl shows them.
pub fn events_section<'e>(events: impl Iterator<Item = &'e EventRecord>, now: SimTime) -> String {
    struct Agg<'a> {
        first: SimTime,
        last: SimTime,
        count: usize,
        e: &'a EventRecord,
    }
    let mut aggs: Vec<Agg> = Vec::new();
    for e in events {
        match aggs.iter_mut().find(|a| a.e.reason == e.reason && a.e.message == e.message && a.e.type_ == e.type_) {
            Some(a) => {
                a.count += 1;
                a.last = e.time;
            }
            None => aggs.push(Agg { first: e.time, last: e.time, count: 1, e }),
        }
    }
    if aggs.is_empty() {
        return "Events:  <none>\n".into();
    }
    let rows: Vec<Vec<String>> = aggs
        .iter()
        .map(|a| {
            let age = if a.count > 1 { format!("{} (x{} over {})", human_duration(now - a.last), a.count, human_duration(now - a.first)) } else { human_duration(now - a.first) };
            vec![a.e.type_.to_string(), a.e.reason.clone(), age, a.e.source.to_string(), a.e.message.trim().to_string()]
        })
        .collect();
    // kubectl's events table uses two-space padding and a dashed underline.
    let t = events_table(&rows);
    let mut out = String::from("Events:\n");
    for l in t.lines() {
        out.push_str(&format!("  {l}\n"));
    }
    out
}

fn events_table(rows: &[Vec<String>]) -> String {
    let header = ["Type", "Reason", "Age", "From", "Message"];
    let under = ["----", "------", "----", "----", "-------"];
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.len());
        }
    }
    let line = |cells: Vec<String>| -> String {
        let last = cells.len() - 1;
        cells.iter().enumerate().map(|(i, c)| if i == last { c.clone() } else { format!("{c:<w$}", w = widths[i] + 2) }).collect::<String>()
    };
    let mut out = String::new();
    out.push_str(&line(header.iter().map(|s| s.to_string()).collect()));
    out.push('\n');
    out.push_str(&line(under.iter().map(|s| s.to_string()).collect()));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.clone()));
        out.push('\n');
    }
    out
}

/// `kubectl describe` for every CronJob, then every Job.
pub fn describe_all(engine: &Engine) -> String {
    let cron_jobs = engine.cron_jobs().map(|c| describe_cron_job(engine, c));
    cron_jobs.chain(engine.jobs().map(|j| describe_job(engine, j))).collect::<Vec<_>>().join("\n\n")
}

/// `kubectl logs POD`.
pub fn logs(engine: &Engine, pod: &str) -> String {
    engine.logs(pod).map(|l| l.iter().map(|x| format!("{x}\n")).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_columns_like_the_tab_writer() {
        let t = table(&["NAME", "STATUS", "AGE"], &[vec!["pi".into(), "Complete".into(), "14m".into()]]);
        assert_eq!(t, "NAME   STATUS     AGE\npi     Complete   14m\n");
    }
}
