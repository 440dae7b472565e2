//! kubectl output rendered from engine state: `get jobs`, `get pods`, `describe job`, `logs`
//! (staging/src/k8s.io/kubectl/pkg/describe, pkg/printers/internalversion/printers.go), with Kubernetes' columns, status words and duration format.

use std::collections::BTreeMap;

use super::duration::human_duration;
use crate::api::{CronJob, Job, Pod, Str};
use crate::sim::store::NodeState;
use crate::sim::{Engine, EventRecord};
use crate::time::SimTime;

/// A tab-writer table: each column as wide as its widest cell plus 3, at least 6; the last
/// column is not padded (kubectl's tab writer: staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go,
/// min width 6, padding 3).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let all = std::iter::once(header.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .chain(rows.iter().cloned());
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

/// STATUS of `kubectl get jobs` (pkg/printers/internalversion/printers.go `printJob`).
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
    let Some(start) = job.status.start_time else {
        return String::new();
    };
    let end = job.status.completion_time.map_or(now, |t| t.0);
    human_duration(end - start.0)
}

fn age(created: Option<crate::api::Time>, now: SimTime) -> String {
    created.map_or("<unknown>".into(), |t| human_duration(now - t.0))
}

/// How many columns `kubectl get` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    Normal,
    /// `-o wide`: the priority-1 columns too.
    Wide,
}

/// CONTAINERS and IMAGES of a wide listing: the template's names and images, comma-joined.
fn containers_and_images(t: &crate::api::PodTemplateSpec) -> [String; 2] {
    let names: Vec<&str> = t.spec.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = t.spec.containers.iter().map(|c| c.image.as_str()).collect();
    [names.join(","), images.join(",")]
}

/// `kubectl get jobs` (`-o wide` adds CONTAINERS, IMAGES, SELECTOR).
pub fn get_jobs(jobs: &[&Job], now: SimTime, name_prefix: &str, columns: Columns) -> String {
    let rows: Vec<Vec<String>> = jobs
        .iter()
        .map(|j| {
            let mut row = vec![
                format!("{name_prefix}{}", j.metadata.name),
                job_status(j).into(),
                job_completions(j),
                job_duration(j, now),
                age(j.metadata.creation_timestamp, now),
            ];
            if columns == Columns::Wide {
                row.extend(containers_and_images(&j.spec.template));
                let selector = j
                    .spec
                    .selector
                    .as_ref()
                    .map(|s| {
                        s.match_labels
                            .iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .filter(|s| !s.is_empty());
                row.push(selector.unwrap_or_else(|| "<none>".into()));
            }
            row
        })
        .collect();
    match columns {
        Columns::Normal => table(&["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], &rows),
        Columns::Wide => table(
            &[
                "NAME",
                "STATUS",
                "COMPLETIONS",
                "DURATION",
                "AGE",
                "CONTAINERS",
                "IMAGES",
                "SELECTOR",
            ],
            &rows,
        ),
    }
}

/// STATUS of `kubectl get pods` (pkg/printers/internalversion/printers.go `printPod`).
pub fn pod_status(pod: &Pod) -> Str {
    // A `Str`: most pods' status is their phase or a container's reason, shared, not copied.
    let mut reason = if pod.status.reason.is_empty() {
        pod.status.phase.clone()
    } else {
        pod.status.reason.clone()
    };
    let mut initializing = false;
    let total_inits = pod.spec.init_containers.len();
    for (i, s) in pod.status.init_container_statuses.iter().enumerate() {
        if let Some(t) = &s.state.terminated {
            if t.exit_code == 0 {
                continue;
            }
            reason = if t.reason.is_empty() {
                format!("Init:ExitCode:{}", t.exit_code)
            } else {
                format!("Init:{}", t.reason)
            }
            .into();
        } else if let Some(w) = s
            .state
            .waiting
            .as_ref()
            .filter(|w| !w.reason.is_empty() && w.reason != "PodInitializing")
        {
            reason = format!("Init:{}", w.reason).into();
        } else {
            reason = format!("Init:{i}/{total_inits}").into();
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
                reason = if !t.reason.is_empty() {
                    t.reason.clone()
                } else {
                    format!("ExitCode:{}", t.exit_code).into()
                };
            } else if s.state.running.is_some() {
                has_running = true;
            }
        }
        if reason == "Completed" && has_running {
            reason = if pod.is_ready() {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    if pod.is_deleting() && !pod.is_terminal() {
        reason = "Terminating".into();
    }
    if pod
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated")
    {
        reason = "SchedulingGated".into();
    }
    reason
}

fn restarts(pod: &Pod, now: SimTime) -> String {
    let n: i32 = pod
        .status
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .sum();
    let last = pod
        .status
        .container_statuses
        .iter()
        .filter_map(|c| c.last_state.terminated.as_ref()?.finished_at)
        .max();
    match (n, last) {
        (0, _) => "0".into(),
        (n, Some(t)) => format!("{n} ({} ago)", human_duration(now - t.0)),
        (n, None) => n.to_string(),
    }
}

/// `kubectl get pods` (`-o wide` adds IP, NODE, NOMINATED NODE, READINESS GATES).
pub fn get_pods(pods: &[&Pod], now: SimTime, name_prefix: &str, columns: Columns) -> String {
    let or_none = |s: &str| {
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s.to_string()
        }
    };
    let rows: Vec<Vec<String>> = pods
        .iter()
        .map(|p| {
            let ready = p
                .status
                .container_statuses
                .iter()
                .filter(|c| c.ready)
                .count();
            let mut row = vec![
                format!("{name_prefix}{}", p.metadata.name),
                format!("{ready}/{}", p.spec.containers.len()),
                pod_status(p).to_string(),
                restarts(p, now),
                age(p.metadata.creation_timestamp, now),
            ];
            if columns == Columns::Wide {
                row.extend([
                    or_none(&p.status.pod_ip),
                    or_none(&p.spec.node_name),
                    "<none>".into(),
                    "<none>".into(),
                ]);
            }
            row
        })
        .collect();
    match columns {
        Columns::Normal => table(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &rows),
        Columns::Wide => table(
            &[
                "NAME",
                "READY",
                "STATUS",
                "RESTARTS",
                "AGE",
                "IP",
                "NODE",
                "NOMINATED NODE",
                "READINESS GATES",
            ],
            &rows,
        ),
    }
}

/// `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (`-o wide`
/// adds CONTAINERS, IMAGES, SELECTOR; a CronJob's job template rarely has a selector).
pub fn get_cron_jobs(
    cron_jobs: &[&CronJob],
    now: SimTime,
    name_prefix: &str,
    columns: Columns,
) -> String {
    let rows: Vec<Vec<String>> = cron_jobs
        .iter()
        .map(|c| {
            let last = c
                .status
                .last_schedule_time
                .map_or_else(|| "<none>".to_string(), |t| human_duration(now - t.0));
            let mut row = vec![
                format!("{name_prefix}{}", c.metadata.name),
                c.spec.schedule.clone(),
                c.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
                if c.spec.suspend == Some(true) {
                    "True"
                } else {
                    "False"
                }
                .into(),
                c.status.active.len().to_string(),
                last,
                age(c.metadata.creation_timestamp, now),
            ];
            if columns == Columns::Wide {
                row.extend(containers_and_images(&c.spec.job_template.spec.template));
                row.push("<none>".into());
            }
            row
        })
        .collect();
    match columns {
        Columns::Normal => table(
            &[
                "NAME",
                "SCHEDULE",
                "TIMEZONE",
                "SUSPEND",
                "ACTIVE",
                "LAST SCHEDULE",
                "AGE",
            ],
            &rows,
        ),
        Columns::Wide => table(
            &[
                "NAME",
                "SCHEDULE",
                "TIMEZONE",
                "SUSPEND",
                "ACTIVE",
                "LAST SCHEDULE",
                "AGE",
                "CONTAINERS",
                "IMAGES",
                "SELECTOR",
            ],
            &rows,
        ),
    }
}

/// `kubectl get cronjobs,jobs,pods` as at the engine's current time (objects still in the API).
pub fn get_all(engine: &Engine) -> String {
    get_all_columns(engine, Columns::Normal)
}

/// `kubectl get cronjobs,jobs,pods [-o wide]`.
pub fn get_all_columns(engine: &Engine, columns: Columns) -> String {
    let now = engine.now();
    let cron_jobs: Vec<&CronJob> = engine.cron_jobs().collect();
    let jobs: Vec<&Job> = engine.jobs().collect();
    let mut pods: Vec<&Pod> = engine.pods().collect();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut out = String::new();
    if !cron_jobs.is_empty() {
        out.push_str(&get_cron_jobs(&cron_jobs, now, "cronjob.batch/", columns));
    }
    if !jobs.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&get_jobs(&jobs, now, "job.batch/", columns));
    }
    if !pods.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&get_pods(&pods, now, "pod/", columns));
    }
    if out.is_empty() {
        out.push_str("No resources found in default namespace.\n");
    }
    out
}

/// Aligns a key/value block: values start two spaces after the longest key, as describe's
/// tab writer does (staging/src/k8s.io/kubectl/pkg/describe/describe.go `tabbedString`).
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

fn map_text(m: &BTreeMap<Str, Str>) -> String {
    if m.is_empty() {
        return "<none>".into();
    }
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `kubectl describe job NAME`.
pub fn describe_job(engine: &Engine, job: &Job) -> String {
    let now = engine.now();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut kv = |k: &str, v: String| rows.push((format!("{k}:"), v));
    kv("Name", job.metadata.name.to_string());
    kv("Namespace", job.metadata.namespace.to_string());
    let selector = job
        .spec
        .selector
        .as_ref()
        .map(|s| map_text(&s.match_labels))
        .unwrap_or_else(|| "<none>".into());
    kv("Selector", selector.replace('\n', ","));
    kv("Labels", map_text(&job.metadata.labels));
    kv("Annotations", map_text(&job.metadata.annotations));
    kv("Parallelism", job.parallelism().to_string());
    kv(
        "Completions",
        job.spec
            .completions
            .map_or("<unset>".into(), |c| c.to_string()),
    );
    kv(
        "Completion Mode",
        job.spec
            .completion_mode
            .clone()
            .unwrap_or_else(|| "NonIndexed".into()),
    );
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
    kv(
        "Pods Statuses",
        format!(
            "{} Active ({} Ready) / {} Succeeded / {} Failed",
            job.status.active,
            job.status.ready.unwrap_or(0),
            job.status.succeeded,
            job.status.failed
        ),
    );
    if job.is_indexed() {
        let ci = job
            .status
            .completed_indexes
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "<none>".into());
        kv("Completed Indexes", truncate_indexes(&ci));
    }
    let mut out = kv_block(&rows);
    out.push_str("Pod Template:\n");
    out.push_str(&pod_template_text(job));
    out.push_str(&events_section(
        engine
            .events()
            .iter()
            .filter(|e| e.kind == "Job" && e.name == job.metadata.name),
        now,
    ));
    out
}

/// `kubectl describe cronjob NAME` (describe.go `describeCronJob`).
pub fn describe_cron_job(engine: &Engine, cj: &CronJob) -> String {
    let now = engine.now();
    let spec = &cj.spec;
    let unset = || "<unset>".to_string();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut kv = |k: &str, v: String| rows.push((format!("{k}:"), v));
    kv("Name", cj.metadata.name.to_string());
    kv("Namespace", cj.metadata.namespace.to_string());
    kv("Labels", map_text(&cj.metadata.labels));
    kv("Annotations", map_text(&cj.metadata.annotations));
    kv("Schedule", spec.schedule.clone());
    kv(
        "Concurrency Policy",
        spec.concurrency_policy.clone().unwrap_or_default(),
    );
    kv(
        "Suspend",
        if spec.suspend == Some(true) {
            "True"
        } else {
            "False"
        }
        .into(),
    );
    kv(
        "Successful Job History Limit",
        spec.successful_jobs_history_limit
            .map_or_else(unset, |v| v.to_string()),
    );
    kv(
        "Failed Job History Limit",
        spec.failed_jobs_history_limit
            .map_or_else(unset, |v| v.to_string()),
    );
    kv(
        "Starting Deadline Seconds",
        spec.starting_deadline_seconds
            .map_or_else(unset, |v| format!("{v}s")),
    );
    let template = &spec.job_template.spec;
    kv(
        "Selector",
        template
            .selector
            .as_ref()
            .map_or_else(unset, |s| map_text(&s.match_labels).replace('\n', ",")),
    );
    kv(
        "Parallelism",
        template.parallelism.map_or_else(unset, |v| v.to_string()),
    );
    kv(
        "Completions",
        template.completions.map_or_else(unset, |v| v.to_string()),
    );
    if let Some(ads) = template.active_deadline_seconds {
        kv("Active Deadline Seconds", format!("{ads}s"));
    }
    let mut out = kv_block(&rows);
    out.push_str("Pod Template:\n");
    out.push_str(&template_text(&template.template));
    let mut tail: Vec<(String, String)> = Vec::new();
    tail.push((
        "Last Schedule Time:".into(),
        cj.status
            .last_schedule_time
            .map_or_else(unset, |t| t.0.rfc1123z()),
    ));
    let active: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
    tail.push((
        "Active Jobs:".into(),
        if active.is_empty() {
            "<none>".into()
        } else {
            active.join(", ")
        },
    ));
    out.push_str(&kv_block(&tail));
    out.push_str(&events_section(
        engine
            .events()
            .iter()
            .filter(|e| e.kind == "CronJob" && e.name == cj.metadata.name),
        now,
    ));
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
    out.push_str(
        "  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n",
    );
    out
}

/// A pod template's containers (`describe job`, `describe cronjob`): the container lines
/// describe pod writes, without statuses, aligned the same way.
fn containers_text(containers: &[crate::api::Container]) -> String {
    tabwrite(&container_lines(containers, &[], "   "))
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
        match aggs
            .iter_mut()
            .find(|a| a.e.reason == e.reason && a.e.message == e.message && a.e.type_ == e.type_)
        {
            Some(a) => {
                a.count += 1;
                a.last = e.time;
            }
            None => aggs.push(Agg {
                first: e.time,
                last: e.time,
                count: 1,
                e,
            }),
        }
    }
    if aggs.is_empty() {
        return "Events:  <none>\n".into();
    }
    let rows: Vec<Vec<String>> = aggs
        .iter()
        .map(|a| {
            let age = if a.count > 1 {
                format!(
                    "{} (x{} over {})",
                    human_duration(now - a.last),
                    a.count,
                    human_duration(now - a.first)
                )
            } else {
                human_duration(now - a.first)
            };
            vec![
                a.e.type_.to_string(),
                a.e.reason.to_string(),
                age,
                a.e.source.to_string(),
                a.e.message.trim().to_string(),
            ]
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
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.clone()
                } else {
                    format!("{c:<w$}", w = widths[i] + 2)
                }
            })
            .collect::<String>()
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
    cron_jobs
        .chain(engine.jobs().map(|j| describe_job(engine, j)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `kubectl logs POD`.
pub fn logs(engine: &Engine, pod: &str) -> String {
    engine
        .logs(pod)
        .map(|l| l.iter().map(|x| format!("{x}\n")).collect())
        .unwrap_or_default()
}

/// An environment variable's value as `kubectl describe` shows it: the literal value, or
/// where it comes from (`(v1:metadata.labels['…'])`, a config map or secret key).
fn env_value(e: &crate::api::EnvVar) -> String {
    if let Some(v) = &e.value {
        return v.to_string();
    }
    let Some(from) = &e.value_from else {
        return String::new();
    };
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let optional = |v: &serde_json::Value| {
        v.get("optional")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    };
    if let Some(f) = from.get("fieldRef") {
        let version = Some(text(f, "apiVersion"))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "v1".into());
        return format!("({version}:{})", text(f, "fieldPath"));
    }
    if let Some(r) = from.get("configMapKeyRef") {
        return format!(
            "<set to the key '{}' of config map '{}'>  Optional: {}",
            text(r, "key"),
            text(r, "name"),
            optional(r)
        );
    }
    if let Some(r) = from.get("secretKeyRef") {
        return format!(
            "<set to the key '{}' in secret '{}'>  Optional: {}",
            text(r, "key"),
            text(r, "name"),
            optional(r)
        );
    }
    if let Some(r) = from.get("resourceFieldRef") {
        return format!("{} ({})", text(r, "resource"), text(r, "containerName"));
    }
    String::new()
}

/// `kubectl get nodes`: STATUS is Ready or NotReady, with SchedulingDisabled when cordoned.
pub fn get_nodes(engine: &Engine, columns: Columns) -> String {
    let rows: Vec<Vec<String>> = engine
        .nodes()
        .iter()
        .map(|n| {
            let mut row = vec![
                n.info.name.to_string(),
                node_status(n),
                "<none>".into(),
                age(
                    Some(crate::api::Time(engine.scenario().start)),
                    engine.now(),
                ),
                KUBELET_VERSION.into(),
            ];
            if columns == Columns::Wide {
                row.extend([
                    crate::sim::scheduler::node_ip(&n.info.name),
                    "<none>".into(),
                    "jobplay simulated node".into(),
                    "-".into(),
                    "simulated://".into(),
                ]);
            }
            row
        })
        .collect();
    match columns {
        Columns::Normal => table(&["NAME", "STATUS", "ROLES", "AGE", "VERSION"], &rows),
        Columns::Wide => table(
            &[
                "NAME",
                "STATUS",
                "ROLES",
                "AGE",
                "VERSION",
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ],
            &rows,
        ),
    }
}

/// The kubelet version the simulated nodes report.
const KUBELET_VERSION: &str = "v1.35.0";

fn node_status(n: &NodeState) -> String {
    let ready = if n.ready { "Ready" } else { "NotReady" };
    if n.unschedulable {
        format!("{ready},SchedulingDisabled")
    } else {
        ready.into()
    }
}

/// The taints the node lifecycle controller and `kubectl cordon` put on a node in this state.
fn node_taints(n: &NodeState) -> Vec<&'static str> {
    let mut taints = Vec::new();
    if !n.ready {
        taints.extend([
            "node.kubernetes.io/unreachable:NoExecute",
            "node.kubernetes.io/unreachable:NoSchedule",
        ]);
    }
    if n.unschedulable {
        taints.push("node.kubernetes.io/unschedulable:NoSchedule");
    }
    taints
}

/// The node's Ready condition: (status, reason, message).
fn ready_condition(n: &NodeState) -> (&'static str, &'static str, &'static str) {
    if n.ready {
        ("True", "KubeletReady", "kubelet is posting ready status")
    } else {
        (
            "Unknown",
            "NodeStatusUnknown",
            "Kubelet stopped posting node status.",
        )
    }
}

fn cpu_text(milli: i128) -> String {
    if milli % 1000 == 0 {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

/// `kubectl describe node`: what the simulation knows of a node (its condition, taints,
/// allocatable resources, the pods on it and its events).
pub fn describe_node(engine: &Engine, n: &NodeState) -> String {
    let now = engine.now();
    let name = &n.info.name;
    let mut out = String::new();
    let list = |items: &[String]| {
        if items.is_empty() {
            "<none>".to_string()
        } else {
            items.join("\n\t")
        }
    };
    out.push_str(&format!(
        "Name:\t{name}\nRoles:\t<none>\nLabels:\t{}\n",
        list(&[
            format!("kubernetes.io/hostname={name}"),
            "kubernetes.io/os=linux".into()
        ])
    ));
    out.push_str(&format!(
        "Annotations:\t<none>\nCreationTimestamp:\t{}\n",
        engine.scenario().start.rfc1123z()
    ));
    out.push_str(&format!(
        "Taints:\t{}\n",
        list(
            &node_taints(n)
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
        )
    ));
    out.push_str(&format!("Unschedulable:\t{}\n", n.unschedulable));
    let mut text = tabwrite(&out);
    let (status, reason, message) = ready_condition(n);
    text.push_str("Conditions:\n");
    text.push_str(&indent(
        &table(
            &["Type", "Status", "Reason", "Message"],
            &[vec![
                "Ready".into(),
                status.into(),
                reason.into(),
                message.into(),
            ]],
        ),
        "  ",
    ));
    text.push_str(&format!(
        "Addresses:\n{}",
        indent(
            &tabwrite(&format!(
                "InternalIP:\t{}\nHostname:\t{name}\n",
                crate::sim::scheduler::node_ip(name)
            )),
            "  "
        )
    ));
    let memory_ki = n.info.memory_milli / 1000 / 1024;
    text.push_str(&format!(
        "Allocatable:\n{}",
        indent(
            &tabwrite(&format!(
                "cpu:\t{}\nmemory:\t{memory_ki}Ki\npods:\t110\n",
                cpu_text(n.info.cpu_milli)
            )),
            "  "
        )
    ));
    let mut on_node: Vec<&Pod> = engine
        .pods()
        .filter(|p| {
            p.spec.node_name == *name && p.status.phase != "Succeeded" && p.status.phase != "Failed"
        })
        .collect();
    on_node.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    text.push_str(
        &format!("Non-terminated Pods:\t({} in total)\n", on_node.len())
            .replace('\t', "          "),
    );
    let rows: Vec<Vec<String>> = on_node
        .iter()
        .map(|p| {
            let cpu: i128 = p
                .spec
                .containers
                .iter()
                .map(|c| {
                    c.resources
                        .as_ref()
                        .and_then(|r| r.requests.get("cpu"))
                        .and_then(|q| q.milli_value())
                        .unwrap_or(0)
                })
                .sum();
            vec![
                p.metadata.namespace.to_string(),
                p.metadata.name.to_string(),
                cpu_text(cpu),
                age(p.metadata.creation_timestamp, now),
            ]
        })
        .collect();
    if !rows.is_empty() {
        text.push_str(&indent(
            &table(&["Namespace", "Name", "CPU Requests", "Age"], &rows),
            "  ",
        ));
    }
    text.push_str(&events_section(
        engine
            .events()
            .iter()
            .filter(|e| e.kind == "Node" && e.name == *name),
        now,
    ));
    text
}

/// The Node object as `kubectl get node -o yaml` would show it, from the same facts as
/// `describe_node`: labels, taints, unschedulable, addresses, allocatable and the Ready condition.
pub fn node_object(engine: &Engine, n: &NodeState) -> serde_json::Value {
    use serde_json::json;
    let name = &n.info.name;
    let resources = json!({"cpu": cpu_text(n.info.cpu_milli), "memory": format!("{}Ki", n.info.memory_milli / 1000 / 1024), "pods": "110"});
    let taints: Vec<serde_json::Value> = node_taints(n)
        .iter()
        .filter_map(|t| t.split_once(':'))
        .map(|(key, effect)| json!({"key": key, "effect": effect}))
        .collect();
    let mut spec = serde_json::Map::new();
    if !taints.is_empty() {
        spec.insert("taints".into(), taints.into());
    }
    if n.unschedulable {
        spec.insert("unschedulable".into(), true.into());
    }
    let (status, reason, message) = ready_condition(n);
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}, "creationTimestamp": engine.scenario().start.rfc3339()},
        "spec": spec,
        "status": {
            "addresses": [{"type": "InternalIP", "address": crate::sim::scheduler::node_ip(name)}, {"type": "Hostname", "address": name}],
            "allocatable": resources.clone(),
            "capacity": resources,
            "conditions": [{"type": "Ready", "status": status, "reason": reason, "message": message}],
        },
    })
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// kubectl's describe writer: lines are `key\tvalue`; within each run of consecutive lines
/// that have a tab, values start two spaces after the longest key (tabwriter with padding 2).
/// A line without a tab prints as it is and ends the run.
fn tabwrite(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        }
        let end = lines[i..]
            .iter()
            .position(|l| !l.contains('\t'))
            .map_or(lines.len(), |n| i + n);
        let width = lines[i..end]
            .iter()
            .map(|l| l.split('\t').next().unwrap_or("").chars().count())
            .max()
            .unwrap_or(0)
            + 2;
        for l in &lines[i..end] {
            let (key, value) = l.split_once('\t').unwrap_or((l, ""));
            out.push_str(&format!("{key:<width$}{value}\n"));
        }
        i = end;
    }
    out
}

/// `Key:\tvalue` lines for a label or annotation map, continuation lines under the value.
fn map_lines(indent: &str, key: &str, m: &BTreeMap<Str, Str>) -> String {
    let text = map_text(m);
    let mut lines = text.lines();
    let mut out = format!("{indent}{key}:\t{}\n", lines.next().unwrap_or(""));
    for l in lines {
        out.push_str(&format!("\t{l}\n"));
    }
    out
}

/// The pod's QoS class (`GetPodQOS`, simplified to cpu and memory).
fn qos_class(pod: &Pod) -> &'static str {
    let all: Vec<&crate::api::Container> = pod
        .spec
        .init_containers
        .iter()
        .chain(&pod.spec.containers)
        .collect();
    let resources = |c: &crate::api::Container| c.resources.clone().unwrap_or_default();
    if all
        .iter()
        .all(|c| resources(c).requests.is_empty() && resources(c).limits.is_empty())
    {
        return "BestEffort";
    }
    let guaranteed = all.iter().all(|c| {
        let r = resources(c);
        ["cpu", "memory"].iter().all(|k| {
            r.limits.get(*k).is_some_and(|l| {
                r.requests
                    .get(*k)
                    .is_none_or(|q| q.milli_value() == l.milli_value())
            })
        })
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

fn container_state_lines(label: &str, state: &crate::api::ContainerState) -> String {
    let t = |x: Option<crate::api::Time>| x.map_or(String::new(), |t| t.0.rfc1123z());
    if let Some(r) = &state.running {
        return format!(
            "    {label}:\tRunning\n      Started:\t{}\n",
            t(r.started_at)
        );
    }
    if let Some(x) = &state.terminated {
        let mut out = format!("    {label}:\tTerminated\n");
        if !x.reason.is_empty() {
            out.push_str(&format!("      Reason:\t{}\n", x.reason));
        }
        if !x.message.is_empty() {
            out.push_str(&format!("      Message:\t{}\n", x.message.trim()));
        }
        out.push_str(&format!(
            "      Exit Code:\t{}\n      Started:\t{}\n      Finished:\t{}\n",
            x.exit_code,
            t(x.started_at),
            t(x.finished_at)
        ));
        return out;
    }
    match &state.waiting {
        Some(w) if !w.reason.is_empty() => {
            format!("    {label}:\tWaiting\n      Reason:\t{}\n", w.reason)
        }
        _ => format!("    {label}:\tWaiting\n"),
    }
}

/// `key\tvalue` lines (for [`tabwrite`]) of containers as kubectl describes them, with each
/// one's state when its status is in `statuses`; `indent` goes before each container's name.
fn container_lines(
    containers: &[crate::api::Container],
    statuses: &[crate::api::ContainerStatus],
    indent: &str,
) -> String {
    let mut out = String::new();
    for c in containers {
        out.push_str(&format!("{indent}{}:\n", c.name));
        out.push_str(&format!(
            "    Image:\t{}\n    Port:\t<none>\n    Host Port:\t<none>\n",
            c.image
        ));
        if !c.command.is_empty() {
            out.push_str("    Command:\n");
            for a in &c.command {
                out.push_str(&format!("      {a}\n"));
            }
        }
        if !c.args.is_empty() {
            out.push_str("    Args:\n");
            for a in &c.args {
                out.push_str(&format!("      {a}\n"));
            }
        }
        if let Some(s) = statuses.iter().find(|s| s.name == c.name) {
            out.push_str(&container_state_lines("State", &s.state));
            if s.last_state.terminated.is_some()
                || s.last_state.running.is_some()
                || s.last_state.waiting.is_some()
            {
                out.push_str(&container_state_lines("Last State", &s.last_state));
            }
            out.push_str(&format!(
                "    Ready:\t{}\n    Restart Count:\t{}\n",
                if s.ready { "True" } else { "False" },
                s.restart_count
            ));
        }
        if c.env.is_empty() {
            out.push_str("    Environment:\t<none>\n");
        } else {
            out.push_str("    Environment:\n");
            for e in &c.env {
                let v = env_value(e);
                out.push_str(&format!("      {}:\t{v}\n", e.name));
            }
        }
        out.push_str("    Mounts:\t<none>\n");
    }
    out
}

/// `kubectl describe pod NAME` (describe.go `describePod`). The simulated pod has no
/// container or image IDs and no service-account volume, so those lines are left out; the
/// tolerations are the two the DefaultTolerationSeconds admission plugin adds to every pod.
pub fn describe_pod(engine: &Engine, pod: &Pod) -> String {
    let now = engine.now();
    let m = &pod.metadata;
    let mut w = String::new();
    w.push_str(&format!(
        "Name:\t{}\nNamespace:\t{}\nPriority:\t0\nService Account:\tdefault\n",
        m.name, m.namespace
    ));
    let node = if pod.spec.node_name.is_empty() {
        "<none>".to_string()
    } else {
        format!("{}/{}", pod.spec.node_name, pod.status.host_ip)
    };
    w.push_str(&format!("Node:\t{node}\n"));
    if let Some(t) = pod.status.start_time {
        w.push_str(&format!("Start Time:\t{}\n", t.0.rfc1123z()));
    }
    w.push_str(&map_lines("", "Labels", &m.labels));
    w.push_str(&map_lines("", "Annotations", &m.annotations));
    match m.deletion_timestamp {
        Some(d) if !pod.is_terminal() => {
            w.push_str(&format!(
                "Status:\tTerminating (lasts {})\n",
                human_duration(now - d.0)
            ));
            w.push_str(&format!(
                "Termination Grace Period:\t{}s\n",
                m.deletion_grace_period_seconds.unwrap_or(30)
            ));
        }
        _ => w.push_str(&format!("Status:\t{}\n", pod.status.phase)),
    }
    if !pod.status.reason.is_empty() {
        w.push_str(&format!("Reason:\t{}\n", pod.status.reason));
    }
    if !pod.status.message.is_empty() {
        w.push_str(&format!("Message:\t{}\n", pod.status.message.trim()));
    }
    w.push_str(&format!("IP:\t{}\n", pod.status.pod_ip));
    if pod.status.pod_ip.is_empty() {
        w.push_str("IPs:\t<none>\n");
    } else {
        w.push_str(&format!("IPs:\n  IP:\t{}\n", pod.status.pod_ip));
    }
    if let Some(owner) = m
        .owner_references
        .iter()
        .find(|o| o.controller == Some(true))
    {
        w.push_str(&format!("Controlled By:\t{}/{}\n", owner.kind, owner.name));
    }
    if !pod.spec.init_containers.is_empty() {
        w.push_str("Init Containers:\n");
        w.push_str(&container_lines(
            &pod.spec.init_containers,
            &pod.status.init_container_statuses,
            "  ",
        ));
    }
    w.push_str("Containers:\n");
    w.push_str(&container_lines(
        &pod.spec.containers,
        &pod.status.container_statuses,
        "  ",
    ));
    if !pod.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type \tStatus\n");
        for c in &pod.status.conditions {
            w.push_str(&format!("  {} \t{} \n", c.type_, c.status));
        }
    }
    w.push_str("Volumes:\t<none>\n");
    w.push_str(&format!(
        "QoS Class:\t{}\nNode-Selectors:\t<none>\n",
        qos_class(pod)
    ));
    w.push_str("Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    let mut out = tabwrite(&w);
    out.push_str(&events_section(
        engine
            .events()
            .iter()
            .filter(|e| e.kind == "Pod" && e.name == m.name),
        now,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_columns_like_the_tab_writer() {
        let t = table(
            &["NAME", "STATUS", "AGE"],
            &[vec!["pi".into(), "Complete".into(), "14m".into()]],
        );
        assert_eq!(t, "NAME   STATUS     AGE\npi     Complete   14m\n");
    }

    #[test]
    fn environment_values_say_where_they_come_from() {
        let env = |json: &str| env_value(&serde_json::from_str(json).unwrap());
        assert_eq!(env(r#"{"name":"A","value":"1"}"#), "1");
        assert_eq!(
            env(
                r#"{"name":"I","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['batch.kubernetes.io/job-completion-index']"}}}"#
            ),
            "(v1:metadata.labels['batch.kubernetes.io/job-completion-index'])"
        );
        assert_eq!(
            env(r#"{"name":"C","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"mode"}}}"#),
            "<set to the key 'mode' of config map 'cfg'>  Optional: false"
        );
        assert_eq!(
            env(
                r#"{"name":"S","valueFrom":{"secretKeyRef":{"name":"s","key":"token","optional":true}}}"#
            ),
            "<set to the key 'token' in secret 's'>  Optional: true"
        );
    }
}
