//! kubectl output rendered from engine state: `get jobs`, `get pods`, `describe job`, `logs`
//! (staging/src/k8s.io/kubectl/pkg/describe, pkg/printers/internalversion/printers.go), with Kubernetes' columns, status words and duration format.

use std::collections::BTreeMap;

use super::duration::human_duration;
use crate::api::json::object;
use crate::api::well_known as wk;
use crate::api::{CronJob, Job, Pod, Str};
use crate::sim::store::NodeState;
use crate::sim::{Engine, EventRecord};
use crate::time::SimTime;

/// `put!(w, level, "fmt", args..)`: [`Put::put_args`]; `w` a `String` or a `&mut String`.
macro_rules! put {
    ($w:expr, $level:expr, $($arg:tt)*) => {
        $w.put_args($level, format_args!($($arg)*))
    };
}

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
                put!(out, 0, "{cell:<w$}");
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

/// DURATION of `kubectl get jobs` (`printJob`): completionTime - startTime, or, while the
/// Job has not completed (failed Jobs included), now - startTime.
pub fn job_duration(job: &Job, now: SimTime) -> String {
    let Some(start) = job.status.start_time else {
        return String::new();
    };
    match job.status.completion_time {
        Some(end) => human_duration(end.0.truncate_to_second() - start.0.truncate_to_second()),
        None => since(start.0, now),
    }
}

/// `translateTimestampSince` (printers.go, describe.go): `HumanDuration(time.Since(t))`.
/// `t` is the object's `metav1.Time` as the API server stores and serves it, RFC 3339 in whole
/// seconds, so it is truncated here; `now` is kubectl's own `time.Now()`, which keeps its
/// fraction, so it is not. An object created at 10.4 s is stored as 10 s, and at 11.3 s
/// kubectl prints `1s`, where the untruncated difference would give `0s`.
fn since(t: SimTime, now: SimTime) -> String {
    human_duration(now - t.truncate_to_second())
}

fn age(created: Option<crate::api::Time>, now: SimTime) -> String {
    created.map_or("<unknown>".into(), |t| since(t.0, now))
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

/// READY, STATUS and RESTARTS of a `kubectl get pods` row, as
/// pkg/printers/internalversion/printers.go `printPod` computes them.
pub struct PodRow {
    pub ready: usize,
    pub total: usize,
    pub reason: Str,
    pub restarts: i32,
    pub last_restart: Option<SimTime>,
}

/// STATUS of `kubectl get pods`.
pub fn pod_status(pod: &Pod) -> Str {
    pod_row(pod).reason
}

pub fn pod_row(pod: &Pod) -> PodRow {
    let spec = &pod.spec;
    let is_sidecar = |name: &str| {
        spec.init_containers
            .iter()
            .any(|c| c.name == name && c.is_restartable())
    };
    let sidecars = spec
        .init_containers
        .iter()
        .filter(|c| c.is_restartable())
        .count();
    let mut row = PodRow {
        ready: 0,
        total: spec.containers.len() + sidecars,
        // A `Str`: most pods' status is their phase or a container's reason, shared.
        reason: if pod.status.reason.is_empty() {
            pod.status.phase.clone()
        } else {
            pod.status.reason.clone()
        },
        restarts: 0,
        last_restart: None,
    };
    if pod
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated")
    {
        row.reason = "SchedulingGated".into();
    }
    let finished = |s: &crate::api::ContainerStatus| {
        s.last_state
            .terminated
            .as_ref()
            .and_then(|t| t.finished_at)
            .map(|t| t.0)
    };
    let (mut sidecar_restarts, mut sidecar_last) = (0, None);
    let mut initializing = false;
    let total_inits = spec.init_containers.len();
    for (i, s) in pod.status.init_container_statuses.iter().enumerate() {
        row.restarts += s.restart_count;
        row.last_restart = row.last_restart.max(finished(s));
        let sidecar = is_sidecar(&s.name);
        if sidecar {
            sidecar_restarts += s.restart_count;
            sidecar_last = sidecar_last.max(finished(s));
        }
        if s.state
            .terminated
            .as_ref()
            .is_some_and(|t| t.exit_code == 0)
        {
            continue;
        }
        if sidecar && s.started == Some(true) {
            row.ready += usize::from(s.ready);
            continue;
        }
        row.reason = if let Some(t) = &s.state.terminated {
            if t.reason.is_empty() {
                format!("Init:ExitCode:{}", t.exit_code)
            } else {
                format!("Init:{}", t.reason)
            }
        } else if let Some(w) = s
            .state
            .waiting
            .as_ref()
            .filter(|w| !w.reason.is_empty() && w.reason != "PodInitializing")
        {
            format!("Init:{}", w.reason)
        } else {
            format!("Init:{i}/{total_inits}")
        }
        .into();
        initializing = true;
        break;
    }
    if !initializing || pod.has_condition("Initialized", "True") {
        row.restarts = sidecar_restarts;
        row.last_restart = sidecar_last;
        let mut has_running = false;
        let mut error_reason: Option<Str> = None;
        for s in pod.status.container_statuses.iter().rev() {
            row.restarts += s.restart_count;
            row.last_restart = row.last_restart.max(finished(s));
            if let Some(w) = s.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                row.reason = w.reason.clone();
            } else if let Some(t) = &s.state.terminated {
                row.reason = if !t.reason.is_empty() {
                    t.reason.clone()
                } else {
                    format!("ExitCode:{}", t.exit_code).into()
                };
                if t.exit_code != 0 {
                    error_reason = Some(row.reason.clone());
                }
            } else if s.ready && s.state.running.is_some() {
                has_running = true;
                row.ready += 1;
            }
        }
        if row.reason == "Completed" {
            if has_running && pod.is_ready() {
                row.reason = "Running".into();
            } else if let Some(e) = error_reason {
                row.reason = e;
            } else if has_running {
                row.reason = "NotReady".into();
            }
        }
    }
    if pod.is_deleting() && pod.status.reason == "NodeLost" {
        row.reason = "Unknown".into();
    } else if pod.is_deleting() && !pod.is_terminal() {
        row.reason = "Terminating".into();
    }
    row
}

fn restarts(row: &PodRow, now: SimTime) -> String {
    match (row.restarts, row.last_restart) {
        (0, _) => "0".into(),
        (n, Some(t)) => format!("{n} ({} ago)", since(t, now)),
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
            let printed = pod_row(p);
            let mut row = vec![
                format!("{name_prefix}{}", p.metadata.name),
                format!("{}/{}", printed.ready, printed.total),
                printed.reason.to_string(),
                restarts(&printed, now),
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
                .map_or_else(|| "<none>".to_string(), |t| since(t.0, now));
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
    sort_by_text(&mut pods, |p| &p.metadata.name);
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
        out.push_str(NO_RESOURCES);
    }
    out
}

// ---- describe -------------------------------------------------------------------------------
//
// Each describer below writes its lines as describe.go's `PrefixWriter` does (two spaces per
// level, cells separated by tabs) into one text, and `tabbed` then lays that text out as
// `tabbedString`'s text/tabwriter does. Read from staging/src/k8s.io/kubectl/pkg/describe/
// describe.go as stored in the reference index (a version before v1.37); where v1.37 differs,
// the stored version is what this follows.

/// Go's text/tabwriter as describe.go's `tabbedString` sets it up (`Init(buf, 0, 8, 2, ' ', 0)`):
/// a cell is text ended by a tab; a column block is a run of consecutive lines that all have a
/// cell in that column, and each cell of a block is padded to the block's widest cell plus 2.
/// The last cell of a line is never padded, and a line without tabs ends every block.
fn tabbed(text: &str) -> String {
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() * 2);
    tab_format(&lines, &mut Vec::new(), &mut out);
    out
}

/// text/tabwriter's `format`: splits `lines` into the blocks of column `widths.len()`,
/// recursing for the columns to the right, and writes the lines with the widths known so far.
fn tab_format(lines: &[Vec<&str>], widths: &mut Vec<usize>, out: &mut String) {
    let column = widths.len();
    let (mut line0, mut this) = (0, 0);
    while this < lines.len() {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        tab_write_lines(&lines[line0..this], widths, out);
        line0 = this;
        let mut width = 0;
        while this < lines.len() && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + 2);
            this += 1;
        }
        widths.push(width);
        tab_format(&lines[line0..this], widths, out);
        widths.pop();
        line0 = this;
    }
    tab_write_lines(&lines[line0..], widths, out);
}

fn tab_write_lines(lines: &[Vec<&str>], widths: &[usize], out: &mut String) {
    for line in lines {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(w) = widths.get(j).filter(|_| j + 1 < line.len()) {
                let pad = w.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
}

/// describe.go's `PrefixWriter.Write`: two spaces per level, then the text.
fn put(w: &mut String, level: usize, text: &str) {
    w.put_args(level, format_args!("{text}"));
}

/// `PrefixWriter.Write(level, format, a...)`: [`put`] of formatted text, written straight
/// into the text through one shared, non-generic function rather than a `format!` per line.
trait Put {
    fn put_args(&mut self, level: usize, args: std::fmt::Arguments);
}

impl Put for String {
    #[inline(never)]
    fn put_args(&mut self, level: usize, args: std::fmt::Arguments) {
        use std::fmt::Write;
        for _ in 0..level {
            self.push_str("  ");
        }
        let _ = self.write_fmt(args);
    }
}

/// `printLabelsMultiline`: `Title:\tk=v`, one label a line, sorted; `<none>` when empty.
fn print_labels<K: AsRef<str>, V: AsRef<str>>(
    w: &mut String,
    title: &str,
    labels: impl IntoIterator<Item = (K, V)>,
) {
    put!(w, 0, "{title}:\t");
    let mut any = false;
    for (i, (k, v)) in labels.into_iter().enumerate() {
        if i != 0 {
            w.push('\t');
        }
        put!(w, 0, "{}={}\n", k.as_ref(), v.as_ref());
        any = true;
    }
    if !any {
        w.push_str("<none>\n");
    }
}

/// `printAnnotationsMultiline`: `Title:\tkey: value`, sorted, without
/// `kubectl.kubernetes.io/last-applied-configuration` (`skipAnnotations`); a value longer than
/// 140 bytes with its key, or of several lines, goes under its key, each line indented two
/// spaces and cut at 138 bytes (`shorten`).
fn print_annotations(w: &mut String, title: &str, annotations: &BTreeMap<Str, Str>) {
    const MAX: usize = 140;
    put!(w, 0, "{title}:\t");
    let keys = annotations
        .iter()
        .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration");
    let mut any = false;
    for (i, (key, value)) in keys.enumerate() {
        any = true;
        if i != 0 {
            w.push('\t');
        }
        let value = value.strip_suffix('\n').unwrap_or(value);
        if value.len() + key.len() + 2 > MAX || value.contains('\n') {
            put!(w, 0, "{key}:\n");
            for s in value.split('\n') {
                let cut = (0..=MAX - 2).rev().find(|&i| s.is_char_boundary(i));
                match cut.filter(|_| s.len() > MAX - 2) {
                    Some(i) => put!(w, 0, "\t  {}...\n", &s[..i]),
                    None => put!(w, 0, "\t  {s}\n"),
                }
            }
        } else {
            put!(w, 0, "{key}: {value}\n");
        }
    }
    if !any {
        w.push_str("<none>\n");
    }
}

/// `printTolerationsMultilineWithIndent`: `key[=value][:effect][ op=Exists][ for Ns]`, sorted
/// by key.
fn print_tolerations(w: &mut String, title: &str, tolerations: &[serde_json::Value]) {
    put!(w, 0, "{title}:\t");
    if tolerations.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    let mut sorted: Vec<&serde_json::Value> = tolerations.iter().collect();
    sort_by_text(&mut sorted, |t| text(t, "key"));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.push('\t');
        }
        let (key, value, effect) = (text(t, "key"), text(t, "value"), text(t, "effect"));
        w.push_str(key);
        if !value.is_empty() {
            put!(w, 0, "={value}");
        }
        if !effect.is_empty() {
            put!(w, 0, ":{effect}");
        }
        if text(t, "operator") == "Exists" && value.is_empty() {
            w.push_str(if key.is_empty() && effect.is_empty() {
                "op=Exists"
            } else {
                " op=Exists"
            });
        }
        if let Some(s) = t
            .get("tolerationSeconds")
            .and_then(serde_json::Value::as_i64)
        {
            put!(w, 0, " for {s}s");
        }
        w.push('\n');
    }
}

/// A string field of raw JSON, `""` when absent.
fn text<'v>(v: &'v serde_json::Value, key: &str) -> &'v str {
    v.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// Sorts `items` stably by a text key (through the crate's one shared stable sort).
pub(crate) fn sort_by_text<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    crate::sort::sort_by(items, |a, b| key(a).cmp(key(b)));
}

/// A boolean field of raw JSON, `false` when absent (`x.Optional != nil && *x.Optional`).
fn flag(v: &serde_json::Value, key: &str) -> bool {
    v.get(key)
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// `metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key, comma-joined.
fn selector_text(s: &crate::api::LabelSelector) -> String {
    let mut parts: Vec<(String, String)> = s
        .match_labels
        .iter()
        .map(|(k, v)| (k.to_string(), format!("{k}={v}")))
        .collect();
    for e in &s.match_expressions {
        let key = text(e, "key");
        let mut values: Vec<&str> = e
            .get("values")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect())
            .unwrap_or_default();
        crate::sort::sort_by_key(&mut values, |v| *v);
        let req = match text(e, "operator") {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            _ => format!("!{key}"),
        };
        parts.push((key.to_string(), req));
    }
    sort_by_text(&mut parts, |p| &p.0);
    parts.into_iter().map(|p| p.1).collect::<Vec<_>>().join(",")
}

/// `printController`: `Kind/name` of the controlling owner reference.
fn controller_of(m: &crate::api::ObjectMeta) -> Option<String> {
    m.owner_references
        .iter()
        .find(|o| o.controller == Some(true))
        .map(|o| format!("{}/{}", o.kind, o.name))
}

/// `kubectl describe job NAME` (describe.go `describeJob`).
pub fn describe_job(engine: &Engine, job: &Job) -> String {
    let now = engine.now();
    let (spec, status) = (&job.spec, &job.status);
    let mut w = format!(
        "Name:\t{}\nNamespace:\t{}\nSelector:\t{}\n",
        job.metadata.name,
        job.metadata.namespace,
        spec.selector
            .as_ref()
            .map(selector_text)
            .unwrap_or_default()
    );
    print_labels(&mut w, "Labels", job.metadata.labels.iter());
    print_annotations(&mut w, "Annotations", &job.metadata.annotations);
    if let Some(c) = controller_of(&job.metadata) {
        put!(w, 0, "Controlled By:\t{c}\n");
    }
    // The API server defaults parallelism, completionMode, suspend and backoffLimit, so
    // describe always finds them set.
    put!(w, 0, "Parallelism:\t{}\n", job.parallelism());
    match spec.completions {
        Some(c) => put!(w, 0, "Completions:\t{c}\n"),
        None => w.push_str("Completions:\t<unset>\n"),
    }
    put!(
        w,
        0,
        "Completion Mode:\t{}\nSuspend:\t{}\nBackoff Limit:\t{}\n",
        spec.completion_mode.as_deref().unwrap_or("NonIndexed"),
        job.is_suspended(),
        job.backoff_limit()
    );
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        put!(w, 0, "TTL Seconds After Finished:\t{ttl}\n");
    }
    if let Some(t) = status.start_time {
        put!(w, 0, "Start Time:\t{}\n", t.0.rfc1123z());
    }
    if let Some(t) = status.completion_time {
        put!(w, 0, "Completed At:\t{}\n", t.0.rfc1123z());
    }
    if let (Some(s), Some(c)) = (status.start_time, status.completion_time) {
        let d = c.0.truncate_to_second() - s.0.truncate_to_second();
        put!(w, 0, "Duration:\t{}\n", human_duration(d));
    }
    if let Some(ads) = spec.active_deadline_seconds {
        put!(w, 0, "Active Deadline Seconds:\t{ads}s\n");
    }
    // A Job the controller has not synced yet has no `ready`, and describe leaves it out.
    let ready = status
        .ready
        .map_or(String::new(), |r| format!(" ({r} Ready)"));
    put!(
        w,
        0,
        "Pods Statuses:\t{} Active{ready} / {} Succeeded / {} Failed\n",
        status.active,
        status.succeeded,
        status.failed
    );
    if job.is_indexed() {
        let ci = status.completed_indexes.as_deref().unwrap_or("");
        put!(w, 0, "Completed Indexes:\t{}\n", cap_indexes(ci, 50));
    }
    describe_pod_template(&mut w, &spec.template);
    describe_events(
        &mut w,
        &mut events_of(engine, "Job", &job.metadata.name),
        now,
    );
    tabbed(&w)
}

/// `kubectl describe cronjob NAME` (describe.go `describeCronJob`, `describeJobTemplate`).
pub fn describe_cron_job(engine: &Engine, cj: &CronJob) -> String {
    let now = engine.now();
    let spec = &cj.spec;
    let or_unset = |v: Option<String>| v.unwrap_or_else(|| "<unset>".into());
    let mut w = format!(
        "Name:\t{}\nNamespace:\t{}\n",
        cj.metadata.name, cj.metadata.namespace
    );
    print_labels(&mut w, "Labels", cj.metadata.labels.iter());
    print_annotations(&mut w, "Annotations", &cj.metadata.annotations);
    let template = &spec.job_template.spec;
    put!(
        w,
        0,
        "Schedule:\t{}\nConcurrency Policy:\t{}\nSuspend:\t{}\nTime Zone:\t{}\n\
         Successful Job History Limit:\t{}\nFailed Job History Limit:\t{}\n\
         Starting Deadline Seconds:\t{}\nSelector:\t{}\nParallelism:\t{}\nCompletions:\t{}\n",
        spec.schedule,
        spec.concurrency_policy.as_deref().unwrap_or_default(),
        if spec.suspend == Some(true) {
            "True"
        } else {
            "False"
        },
        // kubectl v1.37's describeCronJob prints the zone, `<unset>` without one (checked
        // against it by `scripts/conformance --views`).
        or_unset(spec.time_zone.clone()),
        or_unset(spec.successful_jobs_history_limit.map(|v| v.to_string())),
        or_unset(spec.failed_jobs_history_limit.map(|v| v.to_string())),
        or_unset(spec.starting_deadline_seconds.map(|v| format!("{v}s"))),
        or_unset(template.selector.as_ref().map(selector_text)),
        or_unset(template.parallelism.map(|v| v.to_string())),
        or_unset(template.completions.map(|v| v.to_string())),
    );
    if let Some(ads) = template.active_deadline_seconds {
        put!(w, 0, "Active Deadline Seconds:\t{ads}s\n");
    }
    describe_pod_template(&mut w, &template.template);
    put!(
        w,
        0,
        "Last Schedule Time:\t{}\n",
        or_unset(cj.status.last_schedule_time.map(|t| t.0.rfc1123z()))
    );
    let active: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
    put!(
        w,
        0,
        "Active Jobs:\t{}\n",
        if active.is_empty() {
            "<none>".into()
        } else {
            active.join(", ")
        }
    );
    describe_events(
        &mut w,
        &mut events_of(engine, "CronJob", &cj.metadata.name),
        now,
    );
    tabbed(&w)
}

/// `capIndexesListOrNone`: the list cut after the first comma at or past `soft_limit`.
fn cap_indexes(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    match indexes.get(soft_limit..).and_then(|rest| rest.find(',')) {
        Some(i) => format!("{}...", &indexes[..soft_limit + i + 1]),
        None => indexes.to_string(),
    }
}

/// `DescribePodTemplate`.
fn describe_pod_template(w: &mut String, t: &crate::api::PodTemplateSpec) {
    let spec = &t.spec;
    let pass = &spec.pass_through;
    w.push_str("Pod Template:\n");
    print_labels(w, "  Labels", t.metadata.labels.iter());
    if !t.metadata.annotations.is_empty() {
        print_annotations(w, "  Annotations", &t.metadata.annotations);
    }
    if let Some(sa) = raw_str(&pass.service_account_name) {
        put!(w, 1, "Service Account:\t{sa}\n");
    }
    if !spec.init_containers.is_empty() {
        describe_containers(w, "Init Containers", &spec.init_containers, &[], None, "  ");
    }
    describe_containers(w, "Containers", &spec.containers, &[], None, "  ");
    describe_volumes(w, &pass.volumes, "  ");
    if let Some(pc) = raw_str(&pass.priority_class_name) {
        put!(w, 1, "Priority Class Name:\t{pc}\n");
    }
    print_labels(w, "  Node-Selectors", pass.node_selector.iter());
    print_tolerations(w, "  Tolerations", &pass.tolerations);
}

/// A pass-through field that holds a non-empty string.
fn raw_str(v: &Option<std::rc::Rc<serde_json::Value>>) -> Option<&str> {
    v.as_deref()
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.is_empty())
}

/// `describeContainers`: each container's name, image, ports, command, state (when `statuses`
/// has it), resources, probes, environment and mounts. `pod` resolves `fieldRef` values as
/// `EnvValueRetriever` does; a template has none.
fn describe_containers(
    w: &mut String,
    label: &str,
    containers: &[crate::api::Container],
    statuses: &[crate::api::ContainerStatus],
    pod: Option<&Pod>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    put!(w, 0, "{space}{label}:{none}\n");
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let status = statuses.iter().find(|s| s.name == c.name);
        put!(w, 1, "{name_indent}{}:\n", c.name);
        if let Some(s) = status {
            put!(w, 2, "Container ID:\t{}\n", s.container_id);
        }
        put!(w, 2, "Image:\t{}\n", c.image);
        if let Some(s) = status {
            put!(w, 2, "Image ID:\t{}\n", s.image_id);
        }
        let ports: Vec<&serde_json::Value> = c
            .ports
            .iter()
            .flat_map(|p| p.as_array())
            .flatten()
            .collect();
        let port_list = |host: bool| -> String {
            let list: Vec<String> = ports
                .iter()
                .map(|p| {
                    let n = p.get(if host { "hostPort" } else { "containerPort" });
                    let proto = Some(text(p, "protocol")).filter(|s| !s.is_empty());
                    format!(
                        "{}/{}",
                        n.and_then(|n| n.as_i64()).unwrap_or(0),
                        proto.unwrap_or("TCP")
                    )
                })
                .collect();
            list.join(", ")
        };
        for (host, one, many) in [(false, "Port", "Ports"), (true, "Host Port", "Host Ports")] {
            let s = port_list(host);
            match s.contains(',') {
                true => put!(w, 2, "{many}:\t{s}\n"),
                false if s.is_empty() => put!(w, 2, "{one}:\t<none>\n"),
                false => put!(w, 2, "{one}:\t{s}\n"),
            }
        }
        for (title, list) in [("Command", &c.command), ("Args", &c.args)] {
            if !list.is_empty() {
                put!(w, 2, "{title}:\n");
                for s in list.iter().flat_map(|a| a.split('\n')) {
                    put!(w, 3, "{s}\n");
                }
            }
        }
        if let Some(s) = status {
            describe_status(w, "State", &s.state);
            if s.last_state.terminated.is_some() {
                describe_status(w, "Last State", &s.last_state);
            }
            let ready = if s.ready { "True" } else { "False" };
            put!(w, 2, "Ready:\t{ready}\n");
            put!(w, 2, "Restart Count:\t{}\n", s.restart_count);
        }
        if let Some(r) = &c.resources {
            describe_resources(w, r, 2);
        }
        for (title, probe) in [
            ("Liveness", &c.liveness_probe),
            ("Readiness", &c.readiness_probe),
            ("Startup", &c.startup_probe),
        ] {
            if let Some(p) = probe {
                put!(w, 2, "{title}:\t{}\n", describe_probe(p));
            }
        }
        if !c.env_from.is_empty() {
            put(w, 2, "Environment Variables from:\n");
            for e in &c.env_from {
                let (from, r) = match (&e.config_map_ref, &e.secret_ref) {
                    (Some(r), _) => ("ConfigMap", Some(r)),
                    (None, Some(r)) => ("Secret", Some(r)),
                    _ => ("", None),
                };
                let name = r.map_or("", |r| text(r, "name"));
                let optional = r.is_some_and(|r| flag(r, "optional"));
                let prefix = match e.prefix.as_deref().unwrap_or("") {
                    "" => String::new(),
                    p => format!(" with prefix '{p}'"),
                };
                put!(w, 3, "{name}\t{from}{prefix}\tOptional: {optional}\n");
            }
        }
        let none = if c.env.is_empty() { "\t<none>" } else { "" };
        put!(w, 2, "Environment:{none}\n");
        for e in &c.env {
            env_lines(w, e, c, pod);
        }
        let mounts = &c.volume_mounts;
        let none = if mounts.is_empty() { "\t<none>" } else { "" };
        put!(w, 2, "Mounts:{none}\n");
        let mut sorted: Vec<&serde_json::Value> = mounts.iter().collect();
        sort_by_text(&mut sorted, |m| text(m, "mountPath"));
        for m in sorted {
            let mut flags = vec![if flag(m, "readOnly") { "ro" } else { "rw" }.to_string()];
            let sub = text(m, "subPath");
            if !sub.is_empty() {
                flags.push(format!("path={sub:?}"));
            }
            let (path, name) = (text(m, "mountPath"), text(m, "name"));
            put!(w, 3, "{path} from {name} ({})\n", flags.join(","));
        }
        let devices: Vec<&serde_json::Value> = c
            .volume_devices
            .iter()
            .flat_map(|d| d.as_array())
            .flatten()
            .collect();
        if !devices.is_empty() {
            // As upstream, the `<none>` marker here is the mounts' one.
            put!(w, 2, "Devices:{none}\n");
            let mut devices = devices;
            sort_by_text(&mut devices, |d| text(d, "devicePath"));
            for d in devices {
                put!(w, 3, "{} from {}\n", text(d, "devicePath"), text(d, "name"));
            }
        }
    }
}

/// `describeResources`: Limits, then Requests, each sorted by name. Quantities print as
/// written; the API server keeps a quantity's text when it is already canonical, as most
/// written ones are (`Quantity.String()` would rewrite e.g. `1000m` as `1`).
fn describe_resources(w: &mut String, r: &crate::api::ResourceRequirements, level: usize) {
    for (title, list) in [("Limits", &r.limits), ("Requests", &r.requests)] {
        if !list.is_empty() {
            put!(w, level, "{title}:\n");
        }
        for (name, q) in list {
            put!(w, level + 1, "{name}:\t{}\n", q.0);
        }
    }
}

/// `describeStatus`: a container state and its times.
fn describe_status(w: &mut String, name: &str, state: &crate::api::ContainerState) {
    // A time the kubelet never set is Go's zero `metav1.Time`, which `Format` still writes.
    let t = |x: Option<crate::api::Time>| {
        x.map_or("Mon, 01 Jan 0001 00:00:00 +0000".to_string(), |t| {
            t.0.rfc1123z()
        })
    };
    if let Some(r) = &state.running {
        put!(w, 2, "{name}:\tRunning\n");
        put!(w, 3, "Started:\t{}\n", t(r.started_at));
    } else if let Some(s) = &state.waiting {
        put!(w, 2, "{name}:\tWaiting\n");
        if !s.reason.is_empty() {
            put!(w, 3, "Reason:\t{}\n", s.reason);
        }
    } else if let Some(x) = &state.terminated {
        put!(w, 2, "{name}:\tTerminated\n");
        if !x.reason.is_empty() {
            put!(w, 3, "Reason:\t{}\n", x.reason);
        }
        if !x.message.is_empty() {
            put!(w, 3, "Message:\t{}\n", x.message);
        }
        put!(w, 3, "Exit Code:\t{}\n", x.exit_code);
        put!(w, 3, "Started:\t{}\n", t(x.started_at));
        put!(w, 3, "Finished:\t{}\n", t(x.finished_at));
    } else {
        put!(w, 2, "{name}:\tWaiting\n");
    }
}

/// `DescribeProbe`, with the API server's defaults for the fields a manifest leaves out.
fn describe_probe(p: &serde_json::Value) -> String {
    let n = |k: &str, d: i64| p.get(k).and_then(serde_json::Value::as_i64).unwrap_or(d);
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        n("initialDelaySeconds", 0),
        n("timeoutSeconds", 1),
        n("periodSeconds", 10),
        n("successThreshold", 1),
        n("failureThreshold", 3)
    );
    let port = |v: &serde_json::Value| match v.get("port") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    if let Some(e) = p.get("exec") {
        let cmd: Vec<&str> = e
            .get("command")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect())
            .unwrap_or_default();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet") {
        let scheme = Some(text(h, "scheme"))
            .filter(|s| !s.is_empty())
            .unwrap_or("HTTP");
        let (host, port) = (text(h, "host"), port(h));
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        let hostport = if port.is_empty() {
            host
        } else {
            format!("{host}:{port}")
        };
        let path = text(h, "path");
        return format!(
            "http-get {}://{hostport}{path} {attrs}",
            crate::lowercase::to_lowercase(scheme)
        );
    }
    if let Some(t) = p.get("tcpSocket") {
        return format!("tcp-socket {}:{} {attrs}", text(t, "host"), port(t));
    }
    if let Some(g) = p.get("grpc") {
        return format!("grpc <pod>:{} {} {attrs}", port(g), text(g, "service"));
    }
    format!("unknown {attrs}")
}

/// `describeContainerEnvVars` for one variable: the literal value (each further line of it
/// under the first), or where it comes from.
fn env_lines(w: &mut String, e: &crate::api::EnvVar, c: &crate::api::Container, pod: Option<&Pod>) {
    let Some(from) = &e.value_from else {
        let value = e.value.as_deref().unwrap_or("");
        for (i, s) in value.split('\n').enumerate() {
            if i == 0 {
                put!(w, 3, "{}:\t{s}\n", e.name);
            } else {
                put!(w, 3, "\t{s}\n");
            }
        }
        return;
    };
    if let Some(f) = from.get("fieldRef") {
        let version = Some(text(f, "apiVersion"))
            .filter(|v| !v.is_empty())
            .unwrap_or("v1");
        let path = text(f, "fieldPath");
        // describe.go's `EnvValueRetriever` converts the path with kubectl's own scheme, which
        // has no field-label conversions for pods, so only the two paths every kind has
        // (`runtime.DefaultMetaV1FieldSelectorConversion`) get a value; the others (a label,
        // an annotation such as JOB_COMPLETION_INDEX's, the node's name) print none.
        let value = pod
            .filter(|_| matches!(path, "metadata.name" | "metadata.namespace"))
            .map_or(String::new(), |p| {
                crate::api::fieldpath::field_value(p, path)
            });
        put!(w, 3, "{}:\t{value} ({version}:{path})\n", e.name);
    } else if let Some(r) = from.get("resourceFieldRef") {
        let resource = text(r, "resource");
        let mut value = crate::api::fieldpath::container_resource_value(r, c);
        if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
            value = "node allocatable".into();
        }
        put!(w, 3, "{}:\t{value} ({resource})\n", e.name);
    } else if let Some(r) = from.get("secretKeyRef") {
        let (key, name, opt) = (text(r, "key"), text(r, "name"), flag(r, "optional"));
        let line = format!(
            "{}:\t<set to the key '{key}' in secret '{name}'>\tOptional: {opt}\n",
            e.name
        );
        put(w, 3, &line);
    } else if let Some(r) = from.get("configMapKeyRef") {
        let (key, name, opt) = (text(r, "key"), text(r, "name"), flag(r, "optional"));
        let line = format!(
            "{}:\t<set to the key '{key}' of config map '{name}'>\tOptional: {opt}\n",
            e.name
        );
        put(w, 3, &line);
    }
}

/// How [`describe_volumes`] prints one field of a volume source.
#[derive(Clone, Copy)]
enum VolumeField {
    /// A string, empty when absent.
    Text,
    /// A boolean, `false` when absent.
    Flag,
    /// `printEmptyDirVolumeSource`'s size limit: the quantity when positive, else `<unset>`.
    SizeLimit,
    /// `printImageVolumeSource`'s pull policy, as the API server defaults it: Always for
    /// `:latest` or no tag, else IfNotPresent.
    PullPolicy,
}

/// One field line of a volume source: (label, key in the source, how it prints).
type VolumeLine = (&'static str, &'static str, VolumeField);

/// The volume sources `describeVolumes` prints, in the order of its switch: the source's key in
/// the Volume, the `Type:` line's title, then each field its `print*VolumeSource` writes as
/// (label, key in the source, how). `printHostPathVolumeSource`, `printEmptyDirVolumeSource`,
/// `printGitRepoVolumeSource`, `printSecretVolumeSource`, `printConfigMapVolumeSource`,
/// `printNFSVolumeSource`, `printPersistentVolumeClaimVolumeSource`,
/// `printEphemeralVolumeSource`, `printDownwardAPIVolumeSource`, `printProjectedVolumeSource`,
/// `printCSIVolumeSource`, `printImageVolumeSource`; the lines that follow the fields of the
/// ephemeral, downwardAPI, projected and csi sources are written by [`describe_volumes`].
#[rustfmt::skip]
const VOLUME_SOURCES: &[(&str, &str, &[VolumeLine])] = {
    use VolumeField::*;
    &[
        ("hostPath", "HostPath (bare host directory volume)",
            &[("Path", "path", Text), ("HostPathType", "type", Text)]),
        ("emptyDir", "EmptyDir (a temporary directory that shares a pod's lifetime)",
            &[("Medium", "medium", Text), ("SizeLimit", "sizeLimit", SizeLimit)]),
        ("gitRepo", "GitRepo (a volume that is pulled from git when the pod is created)",
            &[("Repository", "repository", Text), ("Revision", "revision", Text)]),
        ("secret", "Secret (a volume populated by a Secret)",
            &[("SecretName", "secretName", Text), ("Optional", "optional", Flag)]),
        ("configMap", "ConfigMap (a volume populated by a ConfigMap)",
            &[("Name", "name", Text), ("Optional", "optional", Flag)]),
        ("nfs", "NFS (an NFS mount that lasts the lifetime of a pod)",
            &[("Server", "server", Text), ("Path", "path", Text), ("ReadOnly", "readOnly", Flag)]),
        ("persistentVolumeClaim", "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
            &[("ClaimName", "claimName", Text), ("ReadOnly", "readOnly", Flag)]),
        ("ephemeral", "EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)",
            &[]),
        ("downwardAPI", "DownwardAPI (a volume populated by information about the pod)",
            &[]),
        ("projected", "Projected (a volume that contains injected data from multiple sources)",
            &[]),
        ("csi", "CSI (a Container Storage Interface (CSI) volume source)",
            &[("Driver", "driver", Text), ("FSType", "fsType", Text), ("ReadOnly", "readOnly", Flag)]),
        ("image", "Image (a container image or OCI artifact)",
            &[("Reference", "reference", Text), ("PullPolicy", "pullPolicy", PullPolicy)]),
    ]
};

/// `describeVolumes` and the `print*VolumeSource` functions, from the volumes' raw JSON
/// ([`VOLUME_SOURCES`]).
fn describe_volumes(w: &mut String, volumes: &[serde_json::Value], space: &str) {
    if volumes.is_empty() {
        put!(w, 0, "{space}Volumes:\t<none>\n");
        return;
    }
    put!(w, 0, "{space}Volumes:\n");
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        put!(w, 1, "{name_indent}{}:\n", text(v, "name"));
        let found = VOLUME_SOURCES
            .iter()
            .find_map(|&(key, title, fields)| Some((key, v.get(key)?, title, fields)));
        let Some((key, s, title, fields)) = found else {
            // The cloud and legacy in-tree types (gcePersistentDisk, awsElasticBlockStore,
            // iscsi, glusterfs, rbd, cephfs, azureDisk, ...) are not drawn here.
            put(w, 1, "<unknown>\n");
            continue;
        };
        put!(w, 2, "Type:\t{title}\n");
        for &(label, field, how) in fields {
            let value = match how {
                VolumeField::Text => text(s, field),
                VolumeField::Flag => bool_text(flag(s, field)),
                VolumeField::SizeLimit => match s.get(field) {
                    Some(serde_json::Value::String(q))
                        if crate::api::quantity::Quantity(q.clone())
                            .milli_value()
                            .is_some_and(|m| m > 0) =>
                    {
                        q
                    }
                    _ => "<unset>",
                },
                VolumeField::PullPolicy => match text(s, field) {
                    "" => {
                        let reference = text(s, "reference");
                        let last = reference.rsplit('/').next().unwrap_or("");
                        let tagged = last.contains(':') && !last.ends_with(":latest");
                        if tagged || reference.contains('@') {
                            "IfNotPresent"
                        } else {
                            "Always"
                        }
                    }
                    p => p,
                },
            };
            put!(w, 0, "    {label}:\t{value}\n");
        }
        match key {
            "ephemeral" => {
                if let Some(t) = s.get("volumeClaimTemplate") {
                    // `printPersistentVolumeClaim(NewNestedPrefixWriter(w, LEVEL_2), ..., false)`.
                    let spec = t.get("spec").cloned().unwrap_or_default();
                    let meta = t.get("metadata").cloned().unwrap_or_default();
                    let map = |k: &str| {
                        // Inserted one by one: `collect` would instantiate BTreeMap's
                        // sorting bulk build for this one map.
                        let mut map = BTreeMap::new();
                        for (k, v) in meta
                            .get(k)
                            .and_then(serde_json::Value::as_object)
                            .into_iter()
                            .flatten()
                        {
                            map.insert(
                                Str::from(k.clone()),
                                Str::from(v.as_str().unwrap_or("").to_string()),
                            );
                        }
                        map
                    };
                    let mut nested = format!(
                        "StorageClass:\t{}\nVolume:\t{}\n",
                        text(&spec, "storageClassName"),
                        text(&spec, "volumeName")
                    );
                    print_labels(&mut nested, "Labels", map("labels").iter());
                    print_annotations(&mut nested, "Annotations", &map("annotations"));
                    nested.push_str("Capacity:\t\nAccess Modes:\t\n");
                    if !text(&spec, "volumeMode").is_empty() {
                        put!(nested, 0, "VolumeMode:\t{}\n", text(&spec, "volumeMode"));
                    }
                    for l in nested.lines() {
                        put!(w, 2, "{l}\n");
                    }
                }
            }
            "downwardAPI" => {
                w.push_str("    Items:\n");
                for item in s
                    .get("items")
                    .and_then(serde_json::Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(f) = item.get("fieldRef") {
                        put!(w, 3, "{} -> {}\n", text(f, "fieldPath"), text(item, "path"));
                    }
                    if let Some(r) = item.get("resourceFieldRef") {
                        put!(w, 3, "{} -> {}\n", text(r, "resource"), text(item, "path"));
                    }
                }
            }
            "projected" => {
                for src in s
                    .get("sources")
                    .and_then(serde_json::Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(x) = src.get("secret") {
                        put!(
                            w,
                            2,
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            text(x, "name"),
                            flag(x, "optional")
                        );
                    } else if src.get("downwardAPI").is_some() {
                        put(w, 2, "DownwardAPI:\ttrue\n");
                    } else if let Some(x) = src.get("configMap") {
                        put!(
                            w,
                            2,
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            text(x, "name"),
                            flag(x, "optional")
                        );
                    } else if let Some(x) = src.get("serviceAccountToken") {
                        // The API server defaults expirationSeconds to an hour.
                        let secs = x
                            .get("expirationSeconds")
                            .and_then(serde_json::Value::as_i64)
                            .unwrap_or(3600);
                        put!(w, 2, "TokenExpirationSeconds:\t{secs}\n");
                    }
                }
            }
            "csi" => {
                put(w, 2, "VolumeAttributes:\t");
                let attrs = s
                    .get("volumeAttributes")
                    .and_then(serde_json::Value::as_object);
                match attrs.filter(|a| !a.is_empty()) {
                    None => w.push_str("<none>\n"),
                    Some(a) => {
                        for (i, (k, v)) in a.iter().enumerate() {
                            if i != 0 {
                                put(w, 2, "");
                                put(w, 2, "\t");
                            }
                            let line = format!("{k}={}", v.as_str().unwrap_or(""));
                            let cut = (0..=140)
                                .rev()
                                .find(|&i| line.is_char_boundary(i))
                                .unwrap_or(0);
                            match line.len() > 140 {
                                true => put!(w, 2, "{}...\n", &line[..cut]),
                                false => put!(w, 2, "{line}\n"),
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Go's `%t`.
fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// `kubectl describe pod NAME` (describe.go `describePod`) of the pod as the API server stores
/// it and its kubelet reports it (`pod_admission::admitted`: its priority, service account,
/// API access volume, default tolerations, container and image IDs).
pub fn describe_pod(engine: &Engine, pod: &Pod) -> String {
    let pod = &crate::api::pod_admission::admitted(pod);
    let now = engine.now();
    let m = &pod.metadata;
    let pass = &pod.spec.pass_through;
    let mut w = format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace);
    if let Some(priority) = pass.priority.as_deref().and_then(|p| p.as_i64()) {
        put!(w, 0, "Priority:\t{priority}\n");
    }
    if let Some(pc) = raw_str(&pass.priority_class_name) {
        put!(w, 0, "Priority Class Name:\t{pc}\n");
    }
    if let Some(sa) = raw_str(&pass.service_account_name) {
        put!(w, 0, "Service Account:\t{sa}\n");
    }
    if pod.spec.node_name.is_empty() {
        w.push_str("Node:\t<none>\n");
    } else {
        put!(
            w,
            0,
            "Node:\t{}/{}\n",
            pod.spec.node_name,
            pod.status.host_ip
        );
    }
    if let Some(t) = pod.status.start_time {
        put!(w, 0, "Start Time:\t{}\n", t.0.rfc1123z());
    }
    print_labels(&mut w, "Labels", m.labels.iter());
    print_annotations(&mut w, "Annotations", &m.annotations);
    match m.deletion_timestamp {
        Some(d) if !pod.is_terminal() => {
            put!(w, 0, "Status:\tTerminating (lasts {})\n", since(d.0, now));
            let grace = m.deletion_grace_period_seconds.unwrap_or(30);
            put!(w, 0, "Termination Grace Period:\t{grace}s\n");
        }
        _ => put!(w, 0, "Status:\t{}\n", pod.status.phase),
    }
    if !pod.status.reason.is_empty() {
        put!(w, 0, "Reason:\t{}\n", pod.status.reason);
    }
    if !pod.status.message.is_empty() {
        put!(w, 0, "Message:\t{}\n", pod.status.message);
    }
    put!(w, 0, "IP:\t{}\n", pod.status.pod_ip);
    if pod.status.pod_ip.is_empty() {
        w.push_str("IPs:\t<none>\n");
    } else {
        put!(w, 0, "IPs:\n  IP:\t{}\n", pod.status.pod_ip);
    }
    if let Some(c) = controller_of(m) {
        put!(w, 0, "Controlled By:\t{c}\n");
    }
    if let Some(r) = pass.resources.as_deref() {
        // Pod-level resources (`pod.Spec.Resources`), kept as raw JSON.
        let r = pod_resources(r);
        w.push_str("Resources:\n");
        describe_resources(&mut w, &r, 1);
    }
    let spec = &pod.spec;
    if !spec.init_containers.is_empty() {
        let statuses = &pod.status.init_container_statuses;
        describe_containers(
            &mut w,
            "Init Containers",
            &spec.init_containers,
            statuses,
            Some(pod),
            "",
        );
    }
    let statuses = &pod.status.container_statuses;
    describe_containers(
        &mut w,
        "Containers",
        &spec.containers,
        statuses,
        Some(pod),
        "",
    );
    if !pod.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\n");
        for c in &pod.status.conditions {
            put!(w, 1, "{} \t{} \n", c.type_, c.status);
        }
    }
    describe_volumes(&mut w, &pass.volumes, "");
    put!(w, 0, "QoS Class:\t{}\n", qos_class(pod));
    print_labels(&mut w, "Node-Selectors", pass.node_selector.iter());
    print_tolerations(&mut w, "Tolerations", &pass.tolerations);
    describe_events(&mut w, &mut events_of(engine, "Pod", &m.name), now);
    tabbed(&w)
}

/// `serde_json::from_value::<ResourceRequirements>(r).unwrap_or_default()`, read by hand so
/// that ResourceRequirements' Deserialize is not compiled a second time for `Value`: an
/// object's `requests` and `limits`, or an array's first two elements (serde's form of a
/// struct as a sequence, of at most its three fields), each a map of quantities as
/// `Quantity`'s Deserialize takes them; anything else, or a list that is not a map, gives no
/// resources at all.
fn pod_resources(r: &serde_json::Value) -> crate::api::ResourceRequirements {
    use serde_json::Value;
    let mut out = crate::api::ResourceRequirements::default();
    let (requests, limits) = match r {
        Value::Object(o) => (o.get("requests"), o.get("limits")),
        Value::Array(a) if a.len() <= 3 => (a.first(), a.get(1)),
        _ => return out,
    };
    for (list, to) in [(requests, &mut out.requests), (limits, &mut out.limits)] {
        let Some(list) = list else { continue };
        let Value::Object(list) = list else {
            return Default::default();
        };
        for (name, q) in list {
            let q = match q {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                other => other.to_string(),
            };
            to.insert(name.clone(), crate::api::quantity::Quantity(q));
        }
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

/// One object's events as the API server keeps them: identical events (same type, reason and
/// message) are one Event whose count and lastTimestamp the recorder's correlator updates
/// (client-go tools/record/events_cache.go `eventLogger`). Times are the `metav1.Time` the API
/// server stores, whole seconds; `name` is the recorder's `<object>.<UnixNano hex>` of the
/// first occurrence (tools/record/event.go `makeEvent`).
struct Event<'e> {
    first: SimTime,
    last: SimTime,
    count: usize,
    name: String,
    e: &'e EventRecord,
}

/// `events` a `dyn` iterator: one copy of this for every caller's kind of iterator.
fn aggregate<'e>(events: &mut dyn Iterator<Item = &'e EventRecord>) -> Vec<Event<'e>> {
    let mut out: Vec<Event<'e>> = Vec::new();
    for e in events {
        let same = |a: &&mut Event| {
            a.e.kind == e.kind
                && a.e.name == e.name
                && a.e.type_ == e.type_
                && a.e.reason == e.reason
                && a.e.message == e.message
        };
        match out.iter_mut().find(same) {
            Some(a) => {
                a.count += 1;
                a.last = e.time.truncate_to_second();
            }
            None => out.push(Event {
                first: e.time.truncate_to_second(),
                last: e.time.truncate_to_second(),
                count: 1,
                name: format!("{}.{:x}", e.name, e.time.as_millis() * 1_000_000),
                e,
            }),
        }
    }
    out
}

fn events_of<'e>(
    engine: &'e Engine,
    kind: &'e str,
    name: &'e str,
) -> impl Iterator<Item = &'e EventRecord> {
    engine
        .events()
        .iter()
        .filter(move |e| e.kind == kind && e.name == name)
}

/// `DescribeEvents`: sorted by last timestamp (`event.SortableEvents`; Go's sort is not stable,
/// jobplay keeps ties in the order they were first recorded), AGE as
/// `translateTimestampSince`, `(xN over …)` for repeats.
fn describe_events(w: &mut String, events: &mut dyn Iterator<Item = &EventRecord>, now: SimTime) {
    let mut list = aggregate(events);
    if list.is_empty() {
        w.push_str("Events:\t<none>\n");
        return;
    }
    // kubectl's `sort.Sort` by the last time in whole seconds (the list as the API gives it,
    // in the order the events were first recorded): Go's unstable sort, so that events of
    // the same second come out as kubectl prints them.
    crate::go_sort::sort(&mut list, &|a, b| a.last < b.last);
    w.push_str(
        "Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n",
    );
    for a in &list {
        let age = if a.count > 1 {
            format!(
                "{} (x{} over {})",
                since(a.last, now),
                a.count,
                since(a.first, now)
            )
        } else {
            since(a.first, now)
        };
        let (e, msg) = (a.e, a.e.message.trim());
        put!(
            w,
            1,
            "{}\t{}\t{age}\t{}\t{msg}\n",
            e.type_,
            e.reason,
            e.source
        );
    }
}

/// The Events section of a describe on its own (`describe node` builds its text in parts).
pub fn events_section<'e>(events: impl Iterator<Item = &'e EventRecord>, now: SimTime) -> String {
    let mut w = String::new();
    describe_events(&mut w, &mut events.into_iter(), now);
    tabbed(&w)
}

/// What `kubectl get` says when nothing matches (on standard error; the CLI writes it there).
pub const NO_RESOURCES: &str = "No resources found in default namespace.\n";

/// `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (printers.go `printEvent`).
/// kubectl's printer does not sort events (`printEventList`), so they come in the API server's
/// list order, by name: grouped by object name, then by first occurrence.
pub fn get_events(engine: &Engine) -> String {
    get_events_where(engine, |_| true)
}

/// `kubectl get events` of the events `keep` accepts (the shell's `--field-selector`).
pub fn get_events_where(engine: &Engine, keep: impl Fn(&EventRecord) -> bool) -> String {
    let now = engine.now();
    let mut list = aggregate(&mut engine.events().iter().filter(|e| keep(e)));
    if list.is_empty() {
        return NO_RESOURCES.into();
    }
    sort_by_text(&mut list, |a| &a.name);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| {
            let e = a.e;
            vec![
                since(a.last, now),
                e.type_.to_string(),
                e.reason.to_string(),
                format!("{}/{}", e.kind.to_string().to_ascii_lowercase(), e.name),
                e.message.trim().to_string(),
            ]
        })
        .collect();
    table(&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &rows)
}

/// `kubectl describe` for every CronJob, then every Job.
pub fn describe_all(engine: &Engine) -> String {
    let cron_jobs = engine.cron_jobs().map(|c| describe_cron_job(engine, c));
    cron_jobs
        .chain(engine.jobs().map(|j| describe_job(engine, j)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `kubectl describe pods`: every pod in the API, in name order as the API server lists
/// them, joined as kubectl's describe command joins several.
pub fn describe_all_pods(engine: &Engine) -> String {
    let mut pods: Vec<&Pod> = engine.pods().collect();
    sort_by_text(&mut pods, |p| &p.metadata.name);
    pods.iter()
        .map(|p| describe_pod(engine, p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What a kubectl command prints: standard output and standard error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    pub out: String,
    pub err: String,
}

/// `kubectl logs POD [-c CONTAINER] [--previous]`. The container defaults as kubectl's
/// `LogsForObject` defaults it (the `kubectl.kubernetes.io/default-container` annotation, else
/// the first app container, saying so when there are others); which instance's lines, or which
/// error, is the kubelet's `validateContainerLogStatus` (pkg/kubelet/kubelet_pods.go).
pub fn logs(engine: &Engine, pod: &str, container: Option<&str>, previous: bool) -> Printed {
    let mut printed = Printed::default();
    let Some(p) = engine.pod(pod) else {
        printed.err = format!("Error from server (NotFound): pods \"{pod}\" not found\n");
        return printed;
    };
    let spec = &p.spec;
    let find = |name: &str| -> Option<(bool, usize)> {
        let app = spec.containers.iter().position(|c| c.name == name);
        app.map(|i| (false, i)).or_else(|| {
            let init = spec.init_containers.iter().position(|c| c.name == name);
            init.map(|i| (true, i))
        })
    };
    let chosen = match container {
        Some(name) => match find(name) {
            Some(found) => found,
            None => {
                printed.err = format!(
                    "error: container {name} is not valid for pod {pod} out of: {}\n",
                    all_container_names(p)
                );
                return printed;
            }
        },
        None => {
            let annotated = p
                .metadata
                .annotations
                .get(wk::DEFAULT_CONTAINER_ANNOTATION)
                .filter(|n| !n.is_empty());
            match annotated.map(|n| (n, find(n))) {
                Some((_, Some(found))) => found,
                annotated => {
                    if let Some((name, None)) = annotated {
                        printed.err =
                            format!("Default container name \"{name}\" not found in pod {pod}\n");
                    }
                    let Some(first) = spec.containers.first() else {
                        return printed;
                    };
                    if spec.containers.len() > 1 || !spec.init_containers.is_empty() {
                        printed.err += &format!(
                            "Defaulted container \"{}\" out of: {}\n",
                            first.name,
                            all_container_names(p)
                        );
                    }
                    (false, 0)
                }
            }
        }
    };
    match container_log(engine, p, chosen, previous) {
        Ok(lines) => printed.out = lines.iter().map(|l| format!("{l}\n")).collect(),
        Err(e) => printed.err += &format!("Error from server (BadRequest): {e}\n"),
    }
    printed
}

/// `podcmd.AllContainerNames`: app containers, then init containers marked `(init)`.
fn all_container_names(p: &Pod) -> String {
    let apps = p.spec.containers.iter().map(|c| c.name.to_string());
    let inits = p
        .spec
        .init_containers
        .iter()
        .map(|c| format!("{} (init)", c.name));
    apps.chain(inits).collect::<Vec<_>>().join(", ")
}

/// The lines of the container instance the kubelet reads logs from, or its error.
fn container_log<'e>(
    engine: &'e Engine,
    p: &Pod,
    (init, i): (bool, usize),
    previous: bool,
) -> Result<&'e [String], String> {
    let statuses = if init {
        &p.status.init_container_statuses
    } else {
        &p.status.container_statuses
    };
    let spec = if init {
        &p.spec.init_containers
    } else {
        &p.spec.containers
    };
    let (name, pod) = (spec[i].name.as_str(), p.metadata.name.as_str());
    let Some(status) = statuses.iter().find(|s| s.name == name) else {
        return Err(format!(
            "container \"{name}\" in pod \"{pod}\" is not available"
        ));
    };
    let log = engine
        .container_logs(pod)
        .and_then(|logs| logs.iter().find(|l| l.init == init && l.index == i));
    let (current, before) = log.map_or((&[][..], &[][..]), |l| {
        (l.current.as_slice(), l.previous.as_slice())
    });
    let state = &status.state;
    // A restart moves an instance's lines to `previous`; while the container waits to
    // restart, its last instance's lines are still the current ones.
    let live = state.running.is_some() || state.terminated.is_some();
    if previous {
        return match (&status.last_state.terminated, live) {
            (None, _) => Err(format!(
                "previous terminated container \"{name}\" in pod \"{pod}\" not found"
            )),
            (Some(_), true) => Ok(before),
            (Some(_), false) => Ok(current),
        };
    }
    if live || status.last_state.terminated.is_some() {
        return Ok(current);
    }
    let reason = state.waiting.as_ref().map_or("", |w| w.reason.as_str());
    let why = match reason {
        "ErrImagePull" => "image can't be pulled",
        "ImagePullBackOff" => "trying and failing to pull image",
        other => other,
    };
    Err(format!(
        "container \"{name}\" in pod \"{pod}\" is waiting to start: {why}"
    ))
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
                crate::KUBERNETES_VERSION.into(),
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
        crate::api::quantity::int_text(milli / 1000)
    } else {
        crate::api::quantity::int_text(milli) + "m"
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
    put!(
        out,
        0,
        "Name:\t{name}\nRoles:\t<none>\nLabels:\t{}\n",
        list(&[
            format!("kubernetes.io/hostname={name}"),
            "kubernetes.io/os=linux".into()
        ])
    );
    put!(
        out,
        0,
        "Annotations:\t<none>\nCreationTimestamp:\t{}\n",
        engine.scenario().start.rfc1123z()
    );
    put!(
        out,
        0,
        "Taints:\t{}\n",
        list(
            &node_taints(n)
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
        )
    );
    put!(out, 0, "Unschedulable:\t{}\n", n.unschedulable);
    let mut text = tabbed(&out);
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
    put!(
        text,
        0,
        "Addresses:\n{}",
        indent(
            &tabbed(&format!(
                "InternalIP:\t{}\nHostname:\t{name}\n",
                crate::sim::scheduler::node_ip(name)
            )),
            "  "
        )
    );
    let memory_ki = crate::api::quantity::int_text(n.info.memory_milli / 1000 / 1024);
    put!(
        text,
        0,
        "Allocatable:\n{}",
        indent(
            &tabbed(&format!(
                "cpu:\t{}\nmemory:\t{memory_ki}Ki\npods:\t{}\n",
                cpu_text(n.info.cpu_milli),
                n.info.pods
            )),
            "  "
        )
    );
    let mut on_node: Vec<&Pod> = engine
        .pods()
        .filter(|p| {
            p.spec.node_name == *name && p.status.phase != "Succeeded" && p.status.phase != "Failed"
        })
        .collect();
    sort_by_text(&mut on_node, |p| &p.metadata.name);
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
    use serde_json::Value;
    let name = n.info.name.as_str();
    let resources = object([
        ("cpu", cpu_text(n.info.cpu_milli).into()),
        (
            "memory",
            (crate::api::quantity::int_text(n.info.memory_milli / 1000 / 1024) + "Ki").into(),
        ),
        ("pods", n.info.pods.to_string().into()),
    ]);
    let taints: Vec<Value> = node_taints(n)
        .iter()
        .filter_map(|t| t.split_once(':'))
        .map(|(key, effect)| object([("key", key.into()), ("effect", effect.into())]))
        .collect();
    let mut spec = serde_json::Map::new();
    if !taints.is_empty() {
        spec.insert("taints".into(), taints.into());
    }
    if n.unschedulable {
        spec.insert("unschedulable".into(), true.into());
    }
    let (status, reason, message) = ready_condition(n);
    let labels = object([
        ("kubernetes.io/hostname", name.into()),
        ("kubernetes.io/os", "linux".into()),
    ]);
    let address =
        |kind: &str, address: Value| object([("type", kind.into()), ("address", address)]);
    object([
        ("apiVersion", "v1".into()),
        ("kind", "Node".into()),
        (
            "metadata",
            object([
                ("name", name.into()),
                ("labels", labels),
                (
                    "creationTimestamp",
                    engine.scenario().start.rfc3339().into(),
                ),
            ]),
        ),
        ("spec", spec.into()),
        (
            "status",
            object([
                (
                    "addresses",
                    Value::Array(vec![
                        address("InternalIP", crate::sim::scheduler::node_ip(name).into()),
                        address("Hostname", name.into()),
                    ]),
                ),
                ("allocatable", resources.clone()),
                ("capacity", resources),
                (
                    "conditions",
                    Value::Array(vec![object([
                        ("type", "Ready".into()),
                        ("status", status.into()),
                        ("reason", reason.into()),
                        ("message", message.into()),
                    ])]),
                ),
            ]),
        ),
    ])
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn pod_resources_reads_as_serde_would() {
        for json in [
            r#"{"requests": {"cpu": "500m", "memory": 1}, "limits": {"cpu": 2.5}}"#,
            r#"{"requests": {"cpu": true}, "claims": [{"name": "gpu"}], "other": 1}"#,
            r#"{"requests": null}"#,
            r#"{"limits": []}"#,
            r#"[{"cpu": "1"}, {"memory": "1Gi"}]"#,
            r#"[{"cpu": "1"}, {"memory": "1Gi"}, null, 4]"#,
            r#"[null]"#,
            r#"[]"#,
            r#""cpu""#,
            r#"null"#,
        ] {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let serde: crate::api::ResourceRequirements =
                serde_json::from_value(v.clone()).unwrap_or_default();
            let ours = pod_resources(&v);
            assert_eq!(
                (ours.requests, ours.limits),
                (serde.requests, serde.limits),
                "{json}"
            );
        }
    }

    #[test]
    fn tables_pad_columns_like_the_tab_writer() {
        let t = table(
            &["NAME", "STATUS", "AGE"],
            &[vec!["pi".into(), "Complete".into(), "14m".into()]],
        );
        assert_eq!(t, "NAME   STATUS     AGE\npi     Complete   14m\n");
    }

    #[test]
    fn describe_lays_out_columns_as_go_tabwriter_does() {
        // Column 0 aligns across the lines that have a tab; a line without one ends every
        // block; a second column aligns only within the lines that have it.
        let text = "Name:\tpi\nLong Key:\ta\tb\n\tc\nPlain\n  x:\t1\nyy:\t2\t3\n";
        assert_eq!(
            tabbed(text),
            "Name:      pi\nLong Key:  a  b\n           c\nPlain\n  x:  1\nyy:   2  3\n"
        );
    }

    /// Runs `yaml` and compares `view` of the engine at the run's end with `expected`
    /// (`UPDATE_EXPECT=1 cargo test --lib view_model::kubectl`, then read the diff).
    fn check(yaml: &str, view: impl Fn(&Engine) -> String, expected: expect_test::Expect) {
        let run = crate::view_model::record::run_text(yaml, Default::default());
        assert!(!run.loaded.has_errors(), "{:#?}", run.loaded.diagnostics);
        expected.assert_eq(&view(&run.engine));
    }

    /// `kubectl logs` of the one pod: the default container, `-c` each name (and one that is
    /// not there), and `--previous`, each as a terminal shows standard error and output.
    fn every_log(engine: &Engine) -> String {
        let pod = engine
            .pods()
            .next()
            .map(|p| p.name().to_string())
            .unwrap_or_default();
        let mut out = String::new();
        for (args, container, previous) in [
            ("", None, false),
            (" --previous", None, true),
            (" -c setup", Some("setup"), false),
            (" -c nope", Some("nope"), false),
        ] {
            let printed = logs(engine, &pod, container, previous);
            out += &format!("$ kubectl logs POD{args}\n{}{}", printed.err, printed.out);
        }
        out
    }

    #[test]
    fn logs_read_one_container_instance_as_the_kubelet_does() {
        let job = |until: &str| {
            format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: crash}}\nspec:\n  backoffLimit: 9\n  template:\n    spec:\n      restartPolicy: OnFailure\n      initContainers:\n      - {{name: setup, image: busybox, command: [sh, -c, 'echo setting up']}}\n      containers:\n      - {{name: main, image: busybox, command: [sh, -c, 'echo attempt $RANDOM; sleep 5; exit 1']}}\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: {until}\n")
        };
        // Before the app container has started: the kubelet's waiting error.
        check(
            &job("3s"),
            every_log,
            expect![[r#"
                $ kubectl logs POD
                Defaulted container "main" out of: main, setup (init)
                Error from server (BadRequest): container "main" in pod "crash-d2v22" is waiting to start: ContainerCreating
                $ kubectl logs POD --previous
                Defaulted container "main" out of: main, setup (init)
                Error from server (BadRequest): previous terminated container "main" in pod "crash-d2v22" not found
                $ kubectl logs POD -c setup
                setting up
                $ kubectl logs POD -c nope
                error: container nope is not valid for pod crash-d2v22 out of: main, setup (init)
            "#]],
        );
        // Its second instance runs: --previous reads the first.
        check(
            &job("12s"),
            every_log,
            expect![[r#"
                $ kubectl logs POD
                Defaulted container "main" out of: main, setup (init)
                attempt 12038
                $ kubectl logs POD --previous
                Defaulted container "main" out of: main, setup (init)
                attempt 18096
                $ kubectl logs POD -c setup
                setting up
                $ kubectl logs POD -c nope
                error: container nope is not valid for pod crash-d2v22 out of: main, setup (init)
            "#]],
        );
    }

    /// `get` and `describe` of everything, then `describe pod` of each pod.
    fn everything(engine: &Engine) -> String {
        let mut pods: Vec<&Pod> = engine.pods().collect();
        pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        let pods: Vec<String> = pods.iter().map(|p| describe_pod(engine, p)).collect();
        format!(
            "{}---\n{}\n---\n{}",
            get_all_columns(engine, Columns::Wide),
            describe_all(engine),
            pods.join("---\n")
        )
    }

    /// A Job that sleeps past every boundary below, started `start_ms` after a whole second
    /// and seen `until` later.
    fn aged(start_ms: u32, until: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: busybox\n        command: [sh, -c, sleep 200000]\n      restartPolicy: Never\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  start: \"2025-01-01T00:00:00.{start_ms:03}Z\"\n  until: {until}\n"
        )
    }

    fn now_and_get(engine: &Engine) -> String {
        format!("now {}\n{}", engine.now().rfc3339_millis(), get_all(engine))
    }

    #[test]
    fn ages_count_from_whole_second_timestamps_to_kubectls_clock() {
        // Created at .100 (stored as .000), seen at 1.000: 0.9 s apart, but kubectl says 1s.
        check(
            &aged(100, "900ms"),
            now_and_get,
            expect![[r#"
                now 2025-01-01T00:00:01.000Z
                NAME           STATUS    COMPLETIONS   DURATION   AGE
                job.batch/pi   Running   0/1           1s         1s

                NAME           READY   STATUS              RESTARTS   AGE
                pod/pi-d2v22   0/1     ContainerCreating   0          1s
            "#]],
        );
        // Created at .400, seen 59.6 s later at 60.000: 60s, not 59s.
        check(
            &aged(400, "59.6s"),
            now_and_get,
            expect![[r#"
                now 2025-01-01T00:01:00.000Z
                NAME           STATUS    COMPLETIONS   DURATION   AGE
                job.batch/pi   Running   0/1           60s        60s

                NAME           READY   STATUS    RESTARTS   AGE
                pod/pi-d2v22   1/1     Running   0          60s
            "#]],
        );
        // Created at .500, seen 24h59m59.7s later at 25h00m00.2s: 25h, not 24h.
        check(
            &aged(500, "24h59m59.7s"),
            now_and_get,
            expect![[r#"
                now 2025-01-02T01:00:00.200Z
                NAME           STATUS    COMPLETIONS   DURATION   AGE
                job.batch/pi   Running   0/1           25h        25h

                NAME           READY   STATUS    RESTARTS   AGE
                pod/pi-d2v22   1/1     Running   0          25h
            "#]],
        );
    }

    const VOLUMES: &str = r#"
apiVersion: batch/v1
kind: Job
metadata:
  name: vols
  annotations:
    team: batch
    note: "line one\nline two"
spec:
  template:
    metadata:
      annotations:
        sidecar.example.com/inject: "false"
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command:
        - sh
        - -c
        - |-
          echo start
          sleep 2
        env:
        - name: POD
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: TOKEN
          valueFrom:
            secretKeyRef: {name: creds, key: token, optional: true}
        resources:
          limits: {cpu: 500m, memory: 128Mi}
          requests: {cpu: 250m}
        volumeMounts:
        - {name: scratch, mountPath: /scratch}
        - {name: config, mountPath: /etc/app, readOnly: true}
        - {name: creds, mountPath: /etc/creds, subPath: token}
        - {name: info, mountPath: /etc/info}
      volumes:
      - name: scratch
        emptyDir: {sizeLimit: 1Gi}
      - name: config
        configMap: {name: app-config, optional: true}
      - name: creds
        secret: {secretName: creds, optional: true}
      - name: info
        downwardAPI:
          items:
          - path: labels
            fieldRef: {fieldPath: metadata.labels}
          - path: cpu
            resourceFieldRef: {containerName: main, resource: limits.cpu}
---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  until: 30s
"#;

    #[test]
    fn describe_shows_volumes_mounts_resources_commands_and_annotations() {
        check(
            VOLUMES,
            everything,
            expect![[r#"
                NAME             STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES         SELECTOR
                job.batch/vols   Complete   1/1           4s         30s   main         busybox:1.36   batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201

                NAME             READY   STATUS      RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
                pod/vols-d2v22   0/1     Completed   0          30s   10.244.2.2   node-3   <none>           <none>
                ---
                Name:             vols
                Namespace:        default
                Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                  batch.kubernetes.io/job-name=vols
                                  controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                  job-name=vols
                Annotations:      note:
                                    line one
                                    line two
                                  team: batch
                Parallelism:      1
                Completions:      1
                Completion Mode:  NonIndexed
                Suspend:          false
                Backoff Limit:    6
                Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
                Completed At:     Wed, 01 Jan 2025 00:00:04 +0000
                Duration:         4s
                Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
                Pod Template:
                  Labels:       batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                batch.kubernetes.io/job-name=vols
                                controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                job-name=vols
                  Annotations:  sidecar.example.com/inject: false
                  Containers:
                   main:
                    Image:      busybox:1.36
                    Port:       <none>
                    Host Port:  <none>
                    Command:
                      sh
                      -c
                      echo start
                      sleep 2
                    Limits:
                      cpu:     500m
                      memory:  128Mi
                    Requests:
                      cpu:  250m
                    Environment:
                      POD:     (v1:metadata.name)
                      TOKEN:  <set to the key 'token' in secret 'creds'>  Optional: true
                    Mounts:
                      /etc/app from config (ro)
                      /etc/creds from creds (rw,path="token")
                      /etc/info from info (rw)
                      /scratch from scratch (rw)
                  Volumes:
                   scratch:
                    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
                    Medium:     
                    SizeLimit:  1Gi
                   config:
                    Type:      ConfigMap (a volume populated by a ConfigMap)
                    Name:      app-config
                    Optional:  true
                   creds:
                    Type:        Secret (a volume populated by a Secret)
                    SecretName:  creds
                    Optional:    true
                   info:
                    Type:  DownwardAPI (a volume populated by information about the pod)
                    Items:
                      metadata.labels -> labels
                      limits.cpu -> cpu
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Events:
                  Type    Reason            Age   From            Message
                  ----    ------            ----  ----            -------
                  Normal  SuccessfulCreate  30s   job-controller  Created pod: vols-d2v22
                  Normal  Completed         26s   job-controller  Job completed

                ---
                Name:             vols-d2v22
                Namespace:        default
                Priority:         0
                Service Account:  default
                Node:             node-3/10.0.44.50
                Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
                Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                  batch.kubernetes.io/job-name=vols
                                  controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                  job-name=vols
                Annotations:      sidecar.example.com/inject: false
                Status:           Succeeded
                IP:               10.244.2.2
                IPs:
                  IP:           10.244.2.2
                Controlled By:  Job/vols
                Containers:
                  main:
                    Container ID:  containerd://e1a0eb8606abb8d2884416c9ddff59a3cd898e7e14d4b6c9ee61849e73d48a8f
                    Image:         busybox:1.36
                    Image ID:      docker.io/library/busybox@sha256:eae33643e662c995c43e77ab056c2f5d63df189ca627c87e9bd99f4cce329dc6
                    Port:          <none>
                    Host Port:     <none>
                    Command:
                      sh
                      -c
                      echo start
                      sleep 2
                    State:          Terminated
                      Reason:       Completed
                      Exit Code:    0
                      Started:      Wed, 01 Jan 2025 00:00:02 +0000
                      Finished:     Wed, 01 Jan 2025 00:00:04 +0000
                    Ready:          False
                    Restart Count:  0
                    Limits:
                      cpu:     500m
                      memory:  128Mi
                    Requests:
                      cpu:  250m
                    Environment:
                      POD:    vols-d2v22 (v1:metadata.name)
                      TOKEN:  <set to the key 'token' in secret 'creds'>  Optional: true
                    Mounts:
                      /etc/app from config (ro)
                      /etc/creds from creds (rw,path="token")
                      /etc/info from info (rw)
                      /scratch from scratch (rw)
                      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8njdq (ro)
                Conditions:
                  Type                        Status
                  PodScheduled                True 
                  PodReadyToStartContainers   False 
                  Initialized                 True 
                  Ready                       False 
                  ContainersReady             False 
                Volumes:
                  scratch:
                    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
                    Medium:     
                    SizeLimit:  1Gi
                  config:
                    Type:      ConfigMap (a volume populated by a ConfigMap)
                    Name:      app-config
                    Optional:  true
                  creds:
                    Type:        Secret (a volume populated by a Secret)
                    SecretName:  creds
                    Optional:    true
                  info:
                    Type:  DownwardAPI (a volume populated by information about the pod)
                    Items:
                      metadata.labels -> labels
                      limits.cpu -> cpu
                  kube-api-access-8njdq:
                    Type:                    Projected (a volume that contains injected data from multiple sources)
                    TokenExpirationSeconds:  3607
                    ConfigMapName:           kube-root-ca.crt
                    Optional:                false
                    DownwardAPI:             true
                QoS Class:                   Burstable
                Node-Selectors:              <none>
                Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                Events:
                  Type    Reason     Age   From               Message
                  ----    ------     ----  ----               -------
                  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/vols-d2v22 to node-3
                  Normal  Pulling    30s   kubelet            Pulling image "busybox:1.36"
                  Normal  Pulled     28s   kubelet            Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  Normal  Created    28s   kubelet            Created container: main
                  Normal  Started    28s   kubelet            Started container main
            "#]],
        );
    }

    #[test]
    fn each_volume_type_prints_its_own_lines() {
        let volumes: Vec<serde_json::Value> = serde_json::from_str(
            r#"[
              {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
              {"name": "data", "persistentVolumeClaim": {"claimName": "data", "readOnly": true}},
              {"name": "token", "projected": {"sources": [
                {"serviceAccountToken": {"path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"path": "ns", "fieldRef": {"fieldPath": "metadata.namespace"}}]}}]}},
              {"name": "csi", "csi": {"driver": "inline.storage.example", "volumeAttributes": {"a": "1", "b": "2"}}},
              {"name": "disk", "gcePersistentDisk": {"pdName": "d"}}
            ]"#,
        )
        .unwrap();
        let mut w = String::new();
        describe_volumes(&mut w, &volumes, "");
        expect![[r#"
            Volumes:
              host:
                Type:          HostPath (bare host directory volume)
                Path:          /var/log
                HostPathType:  Directory
              data:
                Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
                ClaimName:  data
                ReadOnly:   true
              token:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3600
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
              csi:
                Type:              CSI (a Container Storage Interface (CSI) volume source)
                Driver:            inline.storage.example
                FSType:            
                ReadOnly:          false
                VolumeAttributes:      a=1
                                       b=2
              disk:
              <unknown>
        "#]]
        .assert_eq(&tabbed(&w));
    }

    const HELLO: &str = r#"
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]
          restartPolicy: OnFailure
---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  until: 2m30s
"#;

    #[test]
    fn a_cron_jobs_job_is_controlled_by_it_and_its_pod_by_the_job() {
        check(
            HELLO,
            everything,
            expect![[r#"
                NAME                  SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE     CONTAINERS   IMAGES         SELECTOR
                cronjob.batch/hello   * * * * *   <none>     False     0        30s             2m30s   hello        busybox:1.28   <none>

                NAME                       STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES         SELECTOR
                job.batch/hello-28928161   Complete   1/1           3s         90s   hello        busybox:1.28   batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                job.batch/hello-28928162   Complete   1/1           3s         30s   hello        busybox:1.28   batch.kubernetes.io/controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f

                NAME                       READY   STATUS      RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
                pod/hello-28928161-d2v22   0/1     Completed   0          90s   10.244.2.2   node-3   <none>           <none>
                pod/hello-28928162-smkfj   0/1     Completed   0          30s   10.244.1.2   node-2   <none>           <none>
                ---
                Name:                          hello
                Namespace:                     default
                Labels:                        <none>
                Annotations:                   <none>
                Schedule:                      * * * * *
                Concurrency Policy:            Allow
                Suspend:                       False
                Time Zone:                     <unset>
                Successful Job History Limit:  3
                Failed Job History Limit:      1
                Starting Deadline Seconds:     <unset>
                Selector:                      <unset>
                Parallelism:                   <unset>
                Completions:                   <unset>
                Pod Template:
                  Labels:  <none>
                  Containers:
                   hello:
                    Image:      busybox:1.28
                    Port:       <none>
                    Host Port:  <none>
                    Command:
                      /bin/sh
                      -c
                      date; echo Hello from the Kubernetes cluster
                    Environment:     <none>
                    Mounts:          <none>
                  Volumes:           <none>
                  Node-Selectors:    <none>
                  Tolerations:       <none>
                Last Schedule Time:  Wed, 01 Jan 2025 00:02:00 +0000
                Active Jobs:         <none>
                Events:
                  Type    Reason            Age   From                Message
                  ----    ------            ----  ----                -------
                  Normal  SuccessfulCreate  90s   cronjob-controller  Created job hello-28928161
                  Normal  SawCompletedJob   87s   cronjob-controller  Saw completed job: hello-28928161, condition: Complete
                  Normal  SuccessfulCreate  30s   cronjob-controller  Created job hello-28928162
                  Normal  SawCompletedJob   27s   cronjob-controller  Saw completed job: hello-28928162, condition: Complete


                Name:             hello-28928161
                Namespace:        default
                Selector:         batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                Labels:           batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                  batch.kubernetes.io/job-name=hello-28928161
                                  controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                  job-name=hello-28928161
                Annotations:      batch.kubernetes.io/cronjob-scheduled-timestamp: 2025-01-01T00:01:00Z
                Controlled By:    CronJob/hello
                Parallelism:      1
                Completions:      1
                Completion Mode:  NonIndexed
                Suspend:          false
                Backoff Limit:    6
                Start Time:       Wed, 01 Jan 2025 00:01:00 +0000
                Completed At:     Wed, 01 Jan 2025 00:01:03 +0000
                Duration:         3s
                Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
                Pod Template:
                  Labels:  batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                           batch.kubernetes.io/job-name=hello-28928161
                           controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                           job-name=hello-28928161
                  Containers:
                   hello:
                    Image:      busybox:1.28
                    Port:       <none>
                    Host Port:  <none>
                    Command:
                      /bin/sh
                      -c
                      date; echo Hello from the Kubernetes cluster
                    Environment:   <none>
                    Mounts:        <none>
                  Volumes:         <none>
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Events:
                  Type    Reason            Age   From            Message
                  ----    ------            ----  ----            -------
                  Normal  SuccessfulCreate  90s   job-controller  Created pod: hello-28928161-d2v22
                  Normal  Completed         87s   job-controller  Job completed


                Name:             hello-28928162
                Namespace:        default
                Selector:         batch.kubernetes.io/controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                Labels:           batch.kubernetes.io/controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                                  batch.kubernetes.io/job-name=hello-28928162
                                  controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                                  job-name=hello-28928162
                Annotations:      batch.kubernetes.io/cronjob-scheduled-timestamp: 2025-01-01T00:02:00Z
                Controlled By:    CronJob/hello
                Parallelism:      1
                Completions:      1
                Completion Mode:  NonIndexed
                Suspend:          false
                Backoff Limit:    6
                Start Time:       Wed, 01 Jan 2025 00:02:00 +0000
                Completed At:     Wed, 01 Jan 2025 00:02:03 +0000
                Duration:         3s
                Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
                Pod Template:
                  Labels:  batch.kubernetes.io/controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                           batch.kubernetes.io/job-name=hello-28928162
                           controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                           job-name=hello-28928162
                  Containers:
                   hello:
                    Image:      busybox:1.28
                    Port:       <none>
                    Host Port:  <none>
                    Command:
                      /bin/sh
                      -c
                      date; echo Hello from the Kubernetes cluster
                    Environment:   <none>
                    Mounts:        <none>
                  Volumes:         <none>
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Events:
                  Type    Reason            Age   From            Message
                  ----    ------            ----  ----            -------
                  Normal  SuccessfulCreate  30s   job-controller  Created pod: hello-28928162-smkfj
                  Normal  Completed         27s   job-controller  Job completed

                ---
                Name:             hello-28928161-d2v22
                Namespace:        default
                Priority:         0
                Service Account:  default
                Node:             node-3/10.0.44.50
                Start Time:       Wed, 01 Jan 2025 00:01:00 +0000
                Labels:           batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                  batch.kubernetes.io/job-name=hello-28928161
                                  controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                  job-name=hello-28928161
                Annotations:      <none>
                Status:           Succeeded
                IP:               10.244.2.2
                IPs:
                  IP:           10.244.2.2
                Controlled By:  Job/hello-28928161
                Containers:
                  hello:
                    Container ID:  containerd://12e8c5cef0f9d3c27c3efbdd137d0e51abe2df73164d5f1a9b1a6251dce5194c
                    Image:         busybox:1.28
                    Image ID:      docker.io/library/busybox@sha256:82fd1f0c1e8dc9f1a5622999becc95cba057dcb9a3e51157cc51f481c1a36ed7
                    Port:          <none>
                    Host Port:     <none>
                    Command:
                      /bin/sh
                      -c
                      date; echo Hello from the Kubernetes cluster
                    State:          Terminated
                      Reason:       Completed
                      Exit Code:    0
                      Started:      Wed, 01 Jan 2025 00:01:02 +0000
                      Finished:     Wed, 01 Jan 2025 00:01:02 +0000
                    Ready:          False
                    Restart Count:  0
                    Environment:    <none>
                    Mounts:
                      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-sh674 (ro)
                Conditions:
                  Type                        Status
                  PodScheduled                True 
                  PodReadyToStartContainers   False 
                  Initialized                 True 
                  Ready                       False 
                  ContainersReady             False 
                Volumes:
                  kube-api-access-sh674:
                    Type:                    Projected (a volume that contains injected data from multiple sources)
                    TokenExpirationSeconds:  3607
                    ConfigMapName:           kube-root-ca.crt
                    Optional:                false
                    DownwardAPI:             true
                QoS Class:                   BestEffort
                Node-Selectors:              <none>
                Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                Events:
                  Type    Reason     Age   From               Message
                  ----    ------     ----  ----               -------
                  Normal  Scheduled  90s   default-scheduler  Successfully assigned default/hello-28928161-d2v22 to node-3
                  Normal  Pulling    90s   kubelet            Pulling image "busybox:1.28"
                  Normal  Pulled     88s   kubelet            Successfully pulled image "busybox:1.28" in 2s (2s including waiting). Image size: 143126888 bytes.
                  Normal  Created    88s   kubelet            Created container: hello
                  Normal  Started    88s   kubelet            Started container hello
                ---
                Name:             hello-28928162-smkfj
                Namespace:        default
                Priority:         0
                Service Account:  default
                Node:             node-2/10.0.44.49
                Start Time:       Wed, 01 Jan 2025 00:02:00 +0000
                Labels:           batch.kubernetes.io/controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                                  batch.kubernetes.io/job-name=hello-28928162
                                  controller-uid=148240ec-9f49-4f32-8f78-d5f1a3c91f9f
                                  job-name=hello-28928162
                Annotations:      <none>
                Status:           Succeeded
                IP:               10.244.1.2
                IPs:
                  IP:           10.244.1.2
                Controlled By:  Job/hello-28928162
                Containers:
                  hello:
                    Container ID:  containerd://4e74fa1632bb61146231587e1aabcd22facf3434b59d2e437faf902696e4501d
                    Image:         busybox:1.28
                    Image ID:      docker.io/library/busybox@sha256:82fd1f0c1e8dc9f1a5622999becc95cba057dcb9a3e51157cc51f481c1a36ed7
                    Port:          <none>
                    Host Port:     <none>
                    Command:
                      /bin/sh
                      -c
                      date; echo Hello from the Kubernetes cluster
                    State:          Terminated
                      Reason:       Completed
                      Exit Code:    0
                      Started:      Wed, 01 Jan 2025 00:02:02 +0000
                      Finished:     Wed, 01 Jan 2025 00:02:02 +0000
                    Ready:          False
                    Restart Count:  0
                    Environment:    <none>
                    Mounts:
                      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-fl8q8 (ro)
                Conditions:
                  Type                        Status
                  PodScheduled                True 
                  PodReadyToStartContainers   False 
                  Initialized                 True 
                  Ready                       False 
                  ContainersReady             False 
                Volumes:
                  kube-api-access-fl8q8:
                    Type:                    Projected (a volume that contains injected data from multiple sources)
                    TokenExpirationSeconds:  3607
                    ConfigMapName:           kube-root-ca.crt
                    Optional:                false
                    DownwardAPI:             true
                QoS Class:                   BestEffort
                Node-Selectors:              <none>
                Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                Events:
                  Type    Reason     Age   From               Message
                  ----    ------     ----  ----               -------
                  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/hello-28928162-smkfj to node-2
                  Normal  Pulling    30s   kubelet            Pulling image "busybox:1.28"
                  Normal  Pulled     28s   kubelet            Successfully pulled image "busybox:1.28" in 2s (2s including waiting). Image size: 143126888 bytes.
                  Normal  Created    28s   kubelet            Created container: hello
                  Normal  Started    28s   kubelet            Started container hello
            "#]],
        );
    }

    #[test]
    fn get_events_lists_by_object_name_then_first_occurrence() {
        check(
            HELLO,
            get_events,
            expect![[r#"
            LAST SEEN   TYPE     REASON             OBJECT                     MESSAGE
            90s         Normal   Scheduled          pod/hello-28928161-d2v22   Successfully assigned default/hello-28928161-d2v22 to node-3
            90s         Normal   Pulling            pod/hello-28928161-d2v22   Pulling image "busybox:1.28"
            88s         Normal   Pulled             pod/hello-28928161-d2v22   Successfully pulled image "busybox:1.28" in 2s (2s including waiting). Image size: 143126888 bytes.
            88s         Normal   Created            pod/hello-28928161-d2v22   Created container: hello
            88s         Normal   Started            pod/hello-28928161-d2v22   Started container hello
            90s         Normal   SuccessfulCreate   job/hello-28928161         Created pod: hello-28928161-d2v22
            87s         Normal   Completed          job/hello-28928161         Job completed
            30s         Normal   Scheduled          pod/hello-28928162-smkfj   Successfully assigned default/hello-28928162-smkfj to node-2
            30s         Normal   Pulling            pod/hello-28928162-smkfj   Pulling image "busybox:1.28"
            28s         Normal   Pulled             pod/hello-28928162-smkfj   Successfully pulled image "busybox:1.28" in 2s (2s including waiting). Image size: 143126888 bytes.
            28s         Normal   Created            pod/hello-28928162-smkfj   Created container: hello
            28s         Normal   Started            pod/hello-28928162-smkfj   Started container hello
            30s         Normal   SuccessfulCreate   job/hello-28928162         Created pod: hello-28928162-smkfj
            27s         Normal   Completed          job/hello-28928162         Job completed
            90s         Normal   SuccessfulCreate   cronjob/hello              Created job hello-28928161
            87s         Normal   SawCompletedJob    cronjob/hello              Saw completed job: hello-28928161, condition: Complete
            30s         Normal   SuccessfulCreate   cronjob/hello              Created job hello-28928162
            27s         Normal   SawCompletedJob    cronjob/hello              Saw completed job: hello-28928162, condition: Complete
        "#]],
        );
    }
}
