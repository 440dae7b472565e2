//! Pasted text in, a runnable [`Scenario`] and its diagnostics out. Never fails:
//! an invalid object is reported and left out, and the valid ones still run.

pub mod action;
pub mod config_data;
pub mod de;
pub mod diagnostic;
pub mod edit;
pub mod hints;
pub mod spec;
pub mod yaml;

use std::collections::BTreeMap;

use crate::api::defaults::{default_cron_job, default_job};
use crate::api::{CronJob, Job};
use crate::decimal::Decimal;
use crate::sorted_map::SortedMap;
use crate::time::{SimDuration, SimTime};
use crate::validation::cronjob::validate_cron_job;
use crate::validation::job::validate_job;
use action::{Action, Target, Verb, VERBS};
use config_data::ConfigData;
use diagnostic::Diagnostic;
use spec::{BehaviorDoc, ScenarioDoc, TerminalDoc};
use yaml::{Node, Pos};

/// Virtual time a run may reach when `until` is not given and there is no CronJob.
pub const DEFAULT_HORIZON: SimDuration = SimDuration::from_secs(24 * 3600);
/// The shortest run without `until` when there is a CronJob: a CronJob never runs out of
/// things to do, so without a shorter default a pasted `* * * * *` plays a whole day.
pub const CRON_HORIZON: SimDuration = SimDuration::from_secs(10 * 60);
/// Scheduled times a run without `until` covers at least when there is a CronJob.
pub const CRON_SCHEDULED_TIMES: usize = 5;
/// Room after the last of those scheduled times, for its Job to be created and run.
const CRON_HORIZON_TAIL: SimDuration = SimDuration::from_secs(60);
/// The longest explicit `until`.
pub const MAX_HORIZON: SimDuration = SimDuration::from_secs(400 * 24 * 3600);

/// A node of the simulated cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeInfo {
    pub name: crate::api::Str,
    /// Allocatable CPU in millicores.
    pub cpu_milli: i128,
    /// Allocatable memory in milli-bytes (Kubernetes' milli-value of a byte quantity).
    pub memory_milli: i128,
    /// Allocatable `pods`: how many pods the node runs at once (the kubelet's `maxPods`,
    /// 110 by default); the scheduler's NodeResourcesFit turns the next one away with
    /// `Too many pods`.
    pub pods: u32,
    /// Labels the Scenario gives the node, besides the ones every node has (`label`).
    pub labels: Vec<(String, String)>,
    /// The node's taints (`spec.taints`), as the Scenario gives them.
    pub taints: Vec<Taint>,
}

/// A node taint (core/v1 `Taint`).
#[derive(Clone, Debug, PartialEq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

impl NodeInfo {
    /// The value of the node's label `key`: the Scenario's, else the ones the kubelet puts on
    /// every node (pkg/kubelet/kubelet_node_status.go `initialNode`; jobplay's nodes are
    /// linux/amd64).
    pub fn label(&self, key: &str) -> Option<&str> {
        if let Some((_, v)) = self.labels.iter().find(|(k, _)| k == key) {
            return Some(v);
        }
        match key {
            "kubernetes.io/hostname" => Some(&self.name),
            "kubernetes.io/os" | "beta.kubernetes.io/os" => Some("linux"),
            "kubernetes.io/arch" | "beta.kubernetes.io/arch" => Some("amd64"),
            _ => None,
        }
    }
}

/// The kubelet's default `maxPods`, a node's allocatable `pods` unless the Scenario says.
pub const DEFAULT_MAX_PODS: u32 = 110;

/// Default container timings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Creation to Running: scheduling, image pull, start.
    pub startup: SimDuration,
    /// Running to exit.
    pub run: SimDuration,
    /// Time containers take to stop after a deletion.
    pub terminate: SimDuration,
}

/// What a matched container does, per attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Behavior {
    pub job: Option<String>,
    pub cron_job: Option<String>,
    pub index: Option<i32>,
    pub container: Option<String>,
    /// Attempt k uses entry k; the last entry repeats.
    pub attempts: Vec<Attempt>,
    /// Seeded coin per attempt; exit code 1 on failure.
    pub fail_probability: Option<f64>,
    pub terminate: Option<SimDuration>,
}

/// One container start's outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Attempt {
    pub startup: Option<SimDuration>,
    pub run: Option<SimDuration>,
    pub exit: Option<i32>,
}

/// Where an object came from in the pasted text, so the UI can highlight the fields behind
/// a decision.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Source {
    pub document: usize,
    pub positions: SortedMap<Pos>,
}

/// A command line typed at the terminal (`spec.terminal[]`), replayed by `shell::replay`.
#[derive(Clone, Debug, PartialEq)]
pub struct TerminalEntry {
    /// When it was typed, after `start`; it runs then, or when the entry before it ends.
    pub at: SimDuration,
    /// The line as typed (a here-document makes it several lines).
    pub run: String,
    /// Where `run` is written in the text, for diagnostics about what it did.
    pub pos: Pos,
    /// Its place in `spec.terminal` as written (bad entries are left out of the list).
    pub written: usize,
}

/// Everything a run needs, resolved and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub seed: u64,
    pub start: SimTime,
    /// Explicit stop, as an offset from `start`.
    pub until: Option<SimDuration>,
    pub time_zone: String,
    pub nodes: Vec<NodeInfo>,
    pub timing: Timing,
    pub unavailable_images: Vec<String>,
    pub behaviors: Vec<Behavior>,
    pub actions: Vec<Action>,
    /// The typed command lines, in the order written. The engine never reads them:
    /// `shell::replay` turns them into `actions` and a transcript, and clears them.
    pub terminal: Vec<TerminalEntry>,
    /// The run lasts at least this long after `start` (without `until`): the end of the last
    /// typed command, so that a `sleep` past the last event can be played to. Set by
    /// `shell::replay`.
    pub terminal_end: Option<SimDuration>,
    /// Defaulted, valid Jobs in document order.
    pub jobs: Vec<Job>,
    pub cron_jobs: Vec<CronJob>,
    /// Headless Services by name (give Indexed pods DNS names).
    pub services: Vec<String>,
    pub config_maps: Vec<ConfigData>,
    pub secrets: Vec<ConfigData>,
    /// Source positions per `Kind/name`.
    pub sources: SortedMap<Source>,
}

impl Scenario {
    /// The data of the ConfigMap named `name`, if the text has one.
    pub fn config_map(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.config_maps
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.data)
    }
    /// The data of the Secret named `name` (decoded), if the text has one.
    pub fn secret(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.secrets
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.data)
    }

    /// How long the run lasts when `until` is not given (docs/scenario.md, `until`): with a
    /// CronJob, ten minutes, or up to a minute after each CronJob's fifth scheduled time if
    /// that is later (at most [`MAX_HORIZON`]); else up to [`DEFAULT_HORIZON`], ending earlier
    /// when nothing more is scheduled. The CLI and the page both read it through
    /// `sim::Horizon::of`, so they stop at the same instant.
    pub fn default_horizon(&self) -> SimDuration {
        // A CronJob a typed `kubectl apply` creates (an `applyCronJob` action) counts as one
        // in the text: it never runs out of things to do either.
        let applied = self.actions.iter().filter_map(|a| match &a.verb {
            action::Verb::ApplyCronJob(cj) => Some(&**cj),
            _ => None,
        });
        let mut cron_jobs = self.cron_jobs.iter().chain(applied).peekable();
        if cron_jobs.peek().is_none() {
            return DEFAULT_HORIZON;
        }
        let local = crate::cron::Zone::load(&self.time_zone).unwrap_or(crate::cron::Zone::Utc);
        let fifth = cron_jobs
            .filter_map(|cj| {
                let schedule = crate::cron::parse_standard(&cj.spec.schedule).ok()?;
                let zone = match cj.spec.time_zone.as_deref() {
                    Some(z) => crate::cron::Zone::load(z).ok()?,
                    None => local,
                };
                let mut t = self.start;
                for _ in 0..CRON_SCHEDULED_TIMES {
                    // Past MAX_HORIZON the cap decides; robfig gives up after five years.
                    match schedule.next(t, &zone) {
                        Some(next) if next - self.start <= MAX_HORIZON => t = next,
                        _ => return Some(MAX_HORIZON),
                    }
                }
                Some(t - self.start + CRON_HORIZON_TAIL)
            })
            .max()
            .unwrap_or(CRON_HORIZON);
        fifth.clamp(CRON_HORIZON, MAX_HORIZON)
    }

    /// Every time zone the run reads, with the field that names it: the controller manager's
    /// local zone, then each CronJob's `spec.timeZone`. The page fetches the zones' data
    /// before a run that needs it (`cron::Zone::needs_loading`).
    pub fn time_zones(&self) -> impl Iterator<Item = (String, &str)> {
        let local = std::iter::once(("spec.timeZone".to_string(), self.time_zone.as_str()));
        let cron_jobs = self.cron_jobs.iter().filter_map(|cj| {
            let zone = cj.spec.time_zone.as_deref()?;
            Some((format!("CronJob {} spec.timeZone", cj.metadata.name), zone))
        });
        local.chain(cron_jobs)
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "scenario".into(),
            seed: 1,
            start: SimTime::DEFAULT_START,
            until: None,
            time_zone: "UTC".into(),
            nodes: (1..=3)
                .map(|i| NodeInfo {
                    name: format!("node-{i}").into(),
                    cpu_milli: 4000,
                    memory_milli: 8 * (1i128 << 30) * 1000,
                    pods: DEFAULT_MAX_PODS,
                    labels: Vec::new(),
                    taints: Vec::new(),
                })
                .collect(),
            timing: Timing {
                startup: SimDuration::from_secs(2),
                run: SimDuration::from_secs(10),
                terminate: SimDuration::from_secs(1),
            },
            unavailable_images: Vec::new(),
            behaviors: Vec::new(),
            actions: Vec::new(),
            terminal: Vec::new(),
            terminal_end: None,
            jobs: Vec::new(),
            cron_jobs: Vec::new(),
            services: Vec::new(),
            config_maps: Vec::new(),
            secrets: Vec::new(),
            sources: SortedMap::default(),
        }
    }
}

/// The result of loading: what can run, and what the user should be told.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// Nothing to simulate: no Job or CronJob survived, and no line was typed (a typed
    /// `kubectl apply` may create them).
    pub fn is_empty(&self) -> bool {
        self.scenario.jobs.is_empty()
            && self.scenario.cron_jobs.is_empty()
            && self.scenario.terminal.is_empty()
    }
}

/// Parses, defaults and validates a multi-document YAML (or JSON) text.
pub fn load(text: &str) -> Loaded {
    let (documents, mut diagnostics) = yaml::parse_stream(text);
    let mut scenario = Scenario::default();
    let mut scenario_seen = false;
    for doc in &documents {
        let Some(root) = &doc.root else { continue };
        let api_version = root.get("apiVersion").and_then(Node::as_str).unwrap_or("");
        let kind = root.get("kind").and_then(Node::as_str).unwrap_or("");
        let d = doc.index;
        let first = diagnostics.len();
        match (api_version, kind) {
            ("batch/v1", "Job") => load_job(root, d, &mut scenario, &mut diagnostics),
            ("batch/v1", "CronJob") => load_cron_job(root, d, &mut scenario, &mut diagnostics),
            ("v1", "Service") => scenario.services.push(object_name(root)),
            ("v1", "ConfigMap") => match config_data::load_config_map(root, d) {
                Ok(c) => scenario.config_maps.push(c),
                Err(e) => diagnostics.push(e),
            },
            ("v1", "Secret") => match config_data::load_secret(root, d) {
                Ok(s) => scenario.secrets.push(s),
                Err(e) => diagnostics.push(e),
            },
            ("jobplay.dev/v1alpha1", "Scenario") => {
                if scenario_seen {
                    diagnostics.push(Diagnostic::error(
                        d,
                        root.pos,
                        "",
                        "only one Scenario document is allowed; this one is ignored",
                    ));
                } else {
                    scenario_seen = true;
                    load_settings(root, d, &mut scenario, &mut diagnostics);
                }
            }
            (_, "") => diagnostics.push(Diagnostic::error(
                d,
                root.pos,
                "kind",
                "Object 'Kind' is missing; every document needs apiVersion and kind",
            )),
            (v, k @ ("Job" | "CronJob" | "Service" | "ConfigMap" | "Secret" | "Scenario")) => {
                let pos = root.get("apiVersion").map_or(root.pos, |n| n.pos);
                diagnostics.push(Diagnostic::error(
                    d,
                    pos,
                    "apiVersion",
                    format!(
                        "no matches for kind \"{k}\" in version \"{v}\" (use {})",
                        expected_version(k)
                    ),
                ));
            }
            (_, k) => {
                let pos = root.get("kind").map_or(root.pos, |n| n.pos);
                diagnostics.push(Diagnostic::warning(d, pos, "kind", format!("kind \"{k}\" is not simulated; jobplay runs Job, CronJob, Service, ConfigMap and Secret documents; this one is ignored")));
            }
        }
        hints::add_hints(root, &mut diagnostics[first..]);
    }
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.document, d.line, d.column));
    Loaded {
        scenario,
        diagnostics,
    }
}

fn expected_version(kind: &str) -> &'static str {
    match kind {
        "Job" | "CronJob" => "batch/v1",
        "Scenario" => "jobplay.dev/v1alpha1",
        _ => "v1",
    }
}

/// A document's `metadata.name`, empty when it has none.
pub(crate) fn object_name(root: &Node) -> String {
    root.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_string()
}

/// The line for a field path: the field itself, else its nearest written ancestor.
pub fn position_of(positions: &SortedMap<Pos>, path: &str, fallback: Pos) -> Pos {
    let mut p = path;
    loop {
        if let Some(pos) = positions.get(p) {
            return *pos;
        }
        match p.rfind(['.', '[']) {
            Some(i) => p = &p[..i],
            None => return fallback,
        }
    }
}

/// `resource.ErrFormatWrong`'s text.
const QUANTITY_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// How the loader admits one kind of object.
struct Admission<T> {
    kind: &'static str,
    /// The REST resource, as in `jobs.batch "pi" already exists`.
    resource: &'static str,
    default: fn(&mut T),
    validate: fn(&T) -> Vec<crate::validation::FieldError>,
    name: fn(&T) -> &str,
}

const JOB: Admission<Job> = Admission {
    kind: "Job",
    resource: "jobs.batch",
    default: default_job,
    validate: validate_job,
    name: |j| &j.metadata.name,
};
const CRON_JOB: Admission<CronJob> = Admission {
    kind: "CronJob",
    resource: "cronjobs.batch",
    default: default_cron_job,
    validate: validate_cron_job,
    name: |c| &c.metadata.name,
};

/// Decodes, defaults and validates one object as the API server would on create, placing every
/// error on its line; returns the object and where it came from when it may run (it decoded,
/// it is valid, and its name is not `taken`).
fn admit<T: serde::de::DeserializeOwned + Default>(
    root: &Node,
    d: usize,
    how: &Admission<T>,
    taken: impl Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Source)> {
    let (mut object, mut findings): (T, _) = de::from_node(root, d);
    // The API server's decoder stops the request at a type error: it answers with the first
    // (handlers/create.go `transformDecodeError`), and nothing is validated.
    let cannot_handle = |error: &str| {
        format!(
            "{kind} in version \"v1\" cannot be handled as a {kind}: {error}",
            kind = how.kind
        )
    };
    (how.default)(&mut object);
    let errors = (how.validate)(&object);
    let name = (how.name)(&object).to_string();
    // A quantity that does not parse fails the decoder itself (resource.Quantity's
    // UnmarshalJSON returns ErrFormatWrong) and stops it there, so it is the answer even
    // after a type error.
    let bad_quantity = errors
        .iter()
        .find(|e| e.body.ends_with(QUANTITY_FORMAT))
        .map(|e| {
            let pos = position_of(&findings.positions, &e.path, root.pos);
            (pos, e.path.clone(), QUANTITY_FORMAT.to_string())
        });
    let first_type_error = findings
        .first_go_error()
        .map(|e| (e.pos, e.path.clone(), e.message.clone()));
    if let Some((pos, path, message)) = bad_quantity.or(first_type_error) {
        // The type errors give way to the decoder's one; other findings stay.
        let typed = |path: &str| findings.go_errors.iter().any(|e| e.path == path);
        findings
            .diagnostics
            .retain(|x| !(x.is_error() && typed(&x.path)));
        diagnostics.extend(findings.diagnostics);
        diagnostics.push(Diagnostic::error(d, pos, path, cannot_handle(&message)));
        return None;
    }
    let decode_failed = findings.diagnostics.iter().any(Diagnostic::is_error);
    diagnostics.extend(findings.diagnostics);
    for e in &errors {
        let pos = position_of(&findings.positions, &e.path, root.pos);
        diagnostics.push(Diagnostic::error(
            d,
            pos,
            e.path.clone(),
            format!("The {} \"{name}\" is invalid: {}", how.kind, e.message()),
        ));
    }
    if !name.is_empty() && taken(&name) {
        let pos = position_of(&findings.positions, "metadata.name", root.pos);
        diagnostics.push(Diagnostic::error(
            d,
            pos,
            "metadata.name",
            format!("{} \"{name}\" already exists", how.resource),
        ));
        return None;
    }
    (errors.is_empty() && !decode_failed).then_some((
        object,
        Source {
            document: d,
            positions: findings.positions,
        },
    ))
}

fn load_job(root: &Node, d: usize, scenario: &mut Scenario, diagnostics: &mut Vec<Diagnostic>) {
    if let Some((job, source)) = admit(
        root,
        d,
        &JOB,
        |n| scenario.jobs.iter().any(|j| j.metadata.name == n),
        diagnostics,
    ) {
        let spec = &job.spec.template.spec;
        unsimulated_pod_fields(spec, "spec.template.spec", d, &source, diagnostics);
        scenario
            .sources
            .insert(format!("Job/{}", job.metadata.name), source);
        scenario.jobs.push(job);
    }
}

/// Warns of what in the pod template jobplay does not simulate: the scheduling rules its
/// scheduler does not apply (it applies `nodeSelector`, required node affinity, taints and
/// tolerations, and resource fit) and the kubelet's liveness and startup probes and lifecycle
/// hooks, so a run that differs from a cluster's says so.
fn unsimulated_pod_fields(
    spec: &crate::api::PodSpec,
    path: &str,
    d: usize,
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pass = &spec.pass_through;
    let affinity = pass.affinity.as_deref();
    let has = |pointer: &str| affinity.and_then(|a| a.pointer(pointer)).is_some();
    let rules = [
        (
            "affinity.podAffinity",
            has("/podAffinity"),
            "pods are placed without regard to other pods",
        ),
        (
            "affinity.podAntiAffinity",
            has("/podAntiAffinity"),
            "pods are placed without regard to other pods",
        ),
        (
            "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution",
            has("/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution"),
            "nodes are scored on free CPU alone",
        ),
        (
            "topologySpreadConstraints",
            pass.topology_spread_constraints.is_some(),
            "pods are spread only by the free-CPU score",
        ),
        (
            "schedulingGates",
            !pass.scheduling_gates.is_empty(),
            "the pods are scheduled as if ungated",
        ),
    ];
    let mut warn = |full: String, message: String| {
        let pos = position_of(&source.positions, &full, Pos::default());
        diagnostics.push(Diagnostic::warning(d, pos, full, message));
    };
    for (field, present, instead) in rules {
        if present {
            let full = format!("{path}.{field}");
            let message = format!("{full} is not simulated: jobplay's scheduler applies nodeSelector, required node affinity, taints and tolerations, and resource fit; {instead}");
            warn(full, message);
        }
    }
    // The kubelet's probes and hooks other than readiness.
    let lists = [
        ("initContainers", &spec.init_containers),
        ("containers", &spec.containers),
    ];
    for (list, containers) in lists {
        for (i, c) in containers.iter().enumerate() {
            let parts = [
                (
                    "livenessProbe",
                    c.liveness_probe.is_some(),
                    "the container is taken to pass it, so it is never restarted for it",
                ),
                (
                    "startupProbe",
                    c.startup_probe.is_some(),
                    "the container is taken to pass it at once",
                ),
                (
                    "lifecycle",
                    c.lifecycle.is_some(),
                    "postStart and preStop hooks do not run and take no time",
                ),
            ];
            for (field, present, instead) in parts {
                if present {
                    let full = format!("{path}.{list}[{i}].{field}");
                    warn(full.clone(), format!("{full} is not simulated: {instead}"));
                }
            }
        }
    }
}

fn load_cron_job(
    root: &Node,
    d: usize,
    scenario: &mut Scenario,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some((cj, source)) = admit(
        root,
        d,
        &CRON_JOB,
        |n| scenario.cron_jobs.iter().any(|c| c.metadata.name == n),
        diagnostics,
    ) {
        let spec = &cj.spec.job_template.spec.template.spec;
        let path = "spec.jobTemplate.spec.template.spec";
        unsimulated_pod_fields(spec, path, d, &source, diagnostics);
        scenario
            .sources
            .insert(format!("CronJob/{}", cj.metadata.name), source);
        scenario.cron_jobs.push(cj);
    }
}

fn load_settings(
    root: &Node,
    d: usize,
    scenario: &mut Scenario,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (doc, findings): (ScenarioDoc, _) = de::from_node(root, d);
    diagnostics.extend(findings.diagnostics);
    let at = |path: &str| position_of(&findings.positions, path, root.pos);
    let mut err = |path: &str, msg: String| {
        diagnostics.push(Diagnostic::error(
            d,
            at(path),
            path,
            format!("{path}: {msg}"),
        ))
    };
    let s = doc.spec;
    if !doc.metadata.name.is_empty() {
        scenario.name = doc.metadata.name.to_string();
    }
    scenario.seed = s.seed.unwrap_or(1);
    if let Some(start) = &s.start {
        match SimTime::parse_rfc3339(start) {
            Ok(t) => scenario.start = t,
            Err(e) => err("spec.start", e),
        }
    }
    if let Some(tz) = s.time_zone {
        match crate::cron::Zone::check(&tz) {
            Ok(_) => scenario.time_zone = tz,
            Err(e) => err("spec.timeZone", format!("{e} (the controller manager's local zone must be a tz database name such as UTC or Europe/Berlin)")),
        }
    }
    if let Some(until) = &s.until {
        match SimDuration::parse(until) {
            Ok(u) if u > MAX_HORIZON => err(
                "spec.until",
                format!("{until} is longer than the 400 days a run may cover"),
            ),
            Ok(u) => scenario.until = Some(u),
            Err(e) => err("spec.until", e),
        }
    }
    if !s.nodes.is_empty() {
        scenario.nodes.clear();
        for (i, n) in s.nodes.iter().enumerate() {
            let cpu = n.cpu.as_ref().map_or(Some(4000), |q| q.milli_value());
            let memory = n
                .memory
                .as_ref()
                .map_or(Some(8 * (1i128 << 30) * 1000), |q| q.milli_value());
            // A count, written as Kubernetes writes allocatable pods (`"110"`); milli-units
            // because that is how quantities are read here.
            let pods = n.pods.as_ref().map_or(Some(DEFAULT_MAX_PODS), |q| {
                q.milli_value()
                    .filter(|m| m % 1000 == 0)
                    .and_then(|m| u32::try_from(m / 1000).ok())
            });
            let name = if n.name.is_empty() {
                format!("node-{}", i + 1)
            } else {
                n.name.clone()
            };
            match (cpu, memory, pods) {
                (Some(cpu_milli), Some(memory_milli), Some(pods)) => {
                    scenario.nodes.push(NodeInfo {
                        name: name.into(),
                        cpu_milli,
                        memory_milli,
                        pods,
                        labels: n
                            .labels
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                        taints: node_taints(&n.taints, i, &mut err),
                    })
                }
                (_, _, None) => err(
                    &format!("spec.nodes[{i}].pods"),
                    "is not a number of pods (e.g. \"110\")".into(),
                ),
                (None, _, _) => err(
                    &format!("spec.nodes[{i}].cpu"),
                    "is not a quantity (e.g. \"4\" or \"500m\")".into(),
                ),
                (_, None, _) => err(
                    &format!("spec.nodes[{i}].memory"),
                    "is not a quantity (e.g. \"8Gi\")".into(),
                ),
            }
        }
    }
    let mut duration = |path: &str, v: &Option<String>, into: &mut SimDuration| {
        if let Some(text) = v {
            match SimDuration::parse(text) {
                Ok(x) => *into = x,
                Err(e) => err(path, e),
            }
        }
    };
    duration(
        "spec.timing.startup",
        &s.timing.startup,
        &mut scenario.timing.startup,
    );
    duration("spec.timing.run", &s.timing.run, &mut scenario.timing.run);
    duration(
        "spec.timing.terminate",
        &s.timing.terminate,
        &mut scenario.timing.terminate,
    );
    scenario.unavailable_images = s.images.unavailable;
    for (i, b) in s.behaviors.iter().enumerate() {
        scenario.behaviors.push(resolve_behavior(
            b,
            &format!("spec.behaviors[{i}]"),
            &mut err,
        ));
    }
    for (i, a) in s.actions.iter().enumerate() {
        let path = format!("spec.actions[{i}]");
        if let Some(action) = resolve_action(a, &path, &mut err) {
            scenario.actions.push(action);
        }
    }
    // Stable: actions at the same time keep their written order.
    crate::sort::sort_by_key(&mut scenario.actions, |a| a.at);
    for (i, t) in s.terminal.iter().enumerate() {
        let path = format!("spec.terminal[{i}]");
        if let Some(entry) = resolve_terminal(t, &path, at(&format!("{path}.run")), &mut err) {
            scenario.terminal.push(TerminalEntry {
                written: i,
                ..entry
            });
        }
    }
}

/// A node's `taints`, each with a key and one of the three effects (core validation's
/// `validateNodeTaints`); a bad one is reported and left out.
fn node_taints(
    taints: &[spec::TaintDoc],
    node: usize,
    err: &mut impl FnMut(&str, String),
) -> Vec<Taint> {
    let mut kept = Vec::new();
    for (k, t) in taints.iter().enumerate() {
        let path = format!("spec.nodes[{node}].taints[{k}]");
        if t.key.is_empty() {
            err(&format!("{path}.key"), "Required value".into());
        } else if !matches!(
            t.effect.as_str(),
            "NoSchedule" | "PreferNoSchedule" | "NoExecute"
        ) {
            err(
                &format!("{path}.effect"),
                format!("Unsupported value: \"{}\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"", t.effect),
            );
        } else {
            kept.push(Taint {
                key: t.key.clone(),
                value: t.value.clone(),
                effect: t.effect.clone(),
            });
        }
    }
    kept
}

fn parse_duration_field(
    text: &Option<String>,
    path: &str,
    err: &mut impl FnMut(&str, String),
) -> Option<SimDuration> {
    let t = text.as_ref()?;
    SimDuration::parse(t).map_err(|e| err(path, e)).ok()
}

fn resolve_behavior(b: &BehaviorDoc, path: &str, err: &mut impl FnMut(&str, String)) -> Behavior {
    let mut attempts: Vec<Attempt> = b
        .attempts
        .iter()
        .enumerate()
        .map(|(k, a)| Attempt {
            startup: parse_duration_field(
                &a.startup,
                &format!("{path}.attempts[{k}].startup"),
                err,
            ),
            run: parse_duration_field(&a.run, &format!("{path}.attempts[{k}].run"), err),
            exit: a.exit,
        })
        .collect();
    if attempts.is_empty() && (b.startup.is_some() || b.run.is_some() || b.exit.is_some()) {
        attempts.push(Attempt {
            startup: parse_duration_field(&b.startup, &format!("{path}.startup"), err),
            run: parse_duration_field(&b.run, &format!("{path}.run"), err),
            exit: b.exit,
        });
    }
    if let Some(p) = b.fail_probability.filter(|p| !(0.0..=1.0).contains(p)) {
        err(
            &format!("{path}.failProbability"),
            format!("Invalid value: {}: must be between 0 and 1", Decimal(p)),
        );
    }
    Behavior {
        job: b.match_.job.clone(),
        cron_job: b.match_.cron_job.clone(),
        index: b.match_.index,
        container: b.match_.container.clone(),
        attempts,
        fail_probability: b.fail_probability,
        terminate: parse_duration_field(&b.terminate, &format!("{path}.terminate"), err),
    }
}

/// A typed line: when, and a command line the shell can read (`shell::syntax_error`). A bad one is
/// reported and left out, and the lines after it still run.
fn resolve_terminal(
    t: &TerminalDoc,
    path: &str,
    pos: Pos,
    err: &mut impl FnMut(&str, String),
) -> Option<TerminalEntry> {
    let at = match &t.at {
        None => {
            err(
                &format!("{path}.at"),
                "Required value: when the line was typed, e.g. 45s".into(),
            );
            return None;
        }
        Some(at) => SimDuration::parse(at)
            .map_err(|e| err(&format!("{path}.at"), e))
            .ok()?,
    };
    if t.run.trim().is_empty() {
        err(
            &format!("{path}.run"),
            "Required value: the command line, e.g. \"kubectl get pods\"".into(),
        );
        return None;
    }
    // Read as the terminal's shell reads it (`shell::run_script`). The page's first module
    // hands every typed line over to the terminal module, which reads it (ARCHITECTURE.md,
    // "The page's modules"); the shell is not in the first.
    #[cfg(feature = "terminal")]
    if let Some((line, message)) = crate::shell::syntax_error(&t.run) {
        err(&format!("{path}.run"), format!("line {line}: {message}"));
        return None;
    }
    Some(TerminalEntry {
        at,
        run: t.run.clone(),
        pos,
        written: 0,
    })
}

fn resolve_action(
    a: &spec::ActionDoc,
    path: &str,
    err: &mut impl FnMut(&str, String),
) -> Option<Action> {
    let at = match &a.at {
        None => {
            err(
                &format!("{path}.at"),
                "Required value: when the action happens, e.g. 45s".into(),
            );
            return None;
        }
        Some(t) => SimDuration::parse(t)
            .map_err(|e| err(&format!("{path}.at"), e))
            .ok()?,
    };
    let verb = match a.action.as_str() {
        "failPod" => Verb::FailPod {
            exit_code: a.exit_code.unwrap_or(1),
        },
        "succeedPod" => Verb::SucceedPod,
        "evictPod" => Verb::EvictPod,
        "deletePod" => Verb::DeletePod,
        "addPodCondition" => Verb::AddPodCondition {
            type_: a.type_.clone().unwrap_or_else(|| "DisruptionTarget".into()),
            reason: a.reason.clone().unwrap_or_default(),
        },
        "drainNode" => Verb::DrainNode,
        "cordonNode" => Verb::CordonNode,
        "uncordonNode" => Verb::UncordonNode,
        "failNode" => Verb::FailNode,
        "restoreNode" => Verb::RestoreNode,
        "suspend" => Verb::Suspend,
        "resume" => Verb::Resume,
        "setParallelism" => match a.value {
            Some(v) if v >= 0 => Verb::SetParallelism(v),
            _ => {
                err(
                    &format!("{path}.value"),
                    "Required value: setParallelism needs a value >= 0".into(),
                );
                return None;
            }
        },
        "deleteJob" => Verb::DeleteJob,
        "deleteCronJob" => Verb::DeleteCronJob,
        "triggerCronJob" => Verb::TriggerCronJob,
        "pauseControllers" => Verb::PauseControllers,
        "resumeControllers" => Verb::ResumeControllers,
        other => {
            let list: Vec<String> = VERBS.iter().map(|v| format!("{v:?}")).collect();
            err(
                &format!("{path}.action"),
                format!(
                    "Unsupported value: {other:?}: supported values: {}",
                    list.join(", ")
                ),
            );
            return None;
        }
    };
    let target = Target::parse(&a.target)
        .map_err(|e| err(&format!("{path}.target"), e))
        .ok()?;
    Some(Action { at, verb, target })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_lists_the_local_zone_then_each_cron_jobs() {
        let text = "apiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  timeZone: Europe/Berlin\n---\n"
            .to_string()
            + &["nightly: \"America/New_York\"", "plain: null"].iter().map(|line| {
                let (name, zone) = line.split_once(": ").unwrap();
                let tz = if zone == "null" { String::new() } else { format!("\n  timeZone: {zone}") };
                format!("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"0 9 * * *\"{tz}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{{name: c, image: busybox}}]\n---\n")
            }).collect::<String>();
        let loaded = load(&text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let zones: Vec<(String, &str)> = loaded.scenario.time_zones().collect();
        assert_eq!(
            zones,
            [
                ("spec.timeZone".to_string(), "Europe/Berlin"),
                (
                    "CronJob nightly spec.timeZone".to_string(),
                    "America/New_York"
                )
            ]
        );
    }

    const PI: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34.0\n      restartPolicy: Never\n";

    #[test]
    fn a_valid_job_loads_defaulted() {
        let loaded = load(PI);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let job = &loaded.scenario.jobs[0];
        assert_eq!(
            (
                job.spec.completions,
                job.spec.parallelism,
                job.spec.backoff_limit
            ),
            (Some(1), Some(1), Some(6))
        );
        assert_eq!(
            job.spec.pod_replacement_policy.as_deref(),
            Some("TerminatingOrFailed")
        );
    }

    #[test]
    fn an_invalid_job_is_reported_on_its_line_and_others_still_load() {
        let bad = PI
            .replace("name: pi\nspec", "name: bad\nspec")
            .replace("restartPolicy: Never", "restartPolicy: Always");
        let loaded = load(&format!("{bad}---\n{PI}"));
        assert_eq!(loaded.scenario.jobs.len(), 1);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.message, "The Job \"bad\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
        assert_eq!(d.line, 11);
    }

    #[test]
    fn a_type_error_is_answered_as_the_api_servers_decoder_answers_and_nothing_is_validated() {
        // Two type errors and a validation error: the decoder meets `parallelism` before
        // `suspend` (kubectl sends the keys sorted), and stops the request there.
        let bad = PI
            .replace(
                "spec:\n  template",
                "spec:\n  suspend: 1\n  parallelism: two\n  template",
            )
            .replace("restartPolicy: Never", "restartPolicy: Always");
        let loaded = load(&bad);
        let errors: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(errors, ["Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32"]);
        assert!(loaded.scenario.jobs.is_empty());
    }

    #[test]
    fn scenario_settings_and_actions_resolve() {
        let text = format!("{PI}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 7\n  until: 5m\n  actions:\n  - {{at: 45s, action: failPod, target: 'job/pi@1', exitCode: 42}}\n  - {{at: 1m, action: explode, target: job/pi}}\n");
        let loaded = load(&text);
        let s = &loaded.scenario;
        assert_eq!((s.seed, s.until), (7, Some(SimDuration::from_secs(300))));
        assert_eq!(
            s.actions,
            vec![Action {
                at: SimDuration::from_secs(45),
                verb: Verb::FailPod { exit_code: 42 },
                target: Target::JobNth("pi".into(), 1)
            }]
        );
        assert!(
            loaded.diagnostics[0]
                .message
                .starts_with("spec.actions[1].action: Unsupported value: \"explode\""),
            "{}",
            loaded.diagnostics[0].message
        );
    }

    #[test]
    fn unknown_kinds_warn_and_wrong_versions_error() {
        let loaded = load("apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: batch/v1beta1\nkind: CronJob\n");
        let msgs: Vec<&str> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert!(msgs[0].starts_with("kind \"Deployment\" is not simulated"));
        assert_eq!(
            msgs[1],
            "no matches for kind \"CronJob\" in version \"batch/v1beta1\" (use batch/v1)"
        );
    }

    #[test]
    fn a_field_a_default_cluster_drops_is_said_to_be_dropped_not_unknown() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: gang}\nspec:\n  scheduling:\n    schedulingPolicy: {gang: {minCount: 2}}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n";
        let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: gang}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      scheduling: {schedulingPolicy: {gang: {minCount: 2}}}\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n";
        for (text, path, line) in [
            (job, "spec.scheduling", 5),
            (cron, "spec.jobTemplate.spec.scheduling", 8),
        ] {
            let loaded = load(text);
            let d: Vec<(&str, u32)> = loaded
                .diagnostics
                .iter()
                .map(|d| (d.message.as_str(), d.line))
                .collect();
            assert_eq!(d.len(), 1, "{text}\n{d:?}");
            assert!(
                d[0].0
                    .starts_with(&format!("{path} is dropped: the API server clears")),
                "{d:?}"
            );
            assert_eq!(d[0].1, line, "{d:?}");
        }
        // A CronJob's own spec has no such field: it is unknown there.
        let own = cron.replace("  jobTemplate:\n", "  scheduling: {}\n  jobTemplate:\n");
        let msgs: Vec<String> = load(&own)
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m == "unknown field \"spec.scheduling\""),
            "{msgs:?}"
        );
    }

    #[test]
    fn nodes_take_labels_and_taints_and_unsimulated_scheduling_rules_are_said() {
        let text = "apiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes:\n  - {name: a, labels: {disk: ssd}}\n  - name: b\n    taints: [{key: gpu, value: 'true', effect: NoSchedule}, {key: x, effect: Sometimes}]\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      nodeSelector: {disk: ssd}\n      affinity:\n        podAntiAffinity: {}\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, livenessProbe: {exec: {command: [true]}}}]\n";
        let loaded = load(text);
        let nodes = &loaded.scenario.nodes;
        assert_eq!(nodes[0].label("disk"), Some("ssd"));
        assert_eq!(nodes[0].label("kubernetes.io/hostname"), Some("a"));
        assert_eq!(nodes[1].taints.len(), 1, "the bad taint is left out");
        let d: Vec<(u32, &str)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            d,
            [
                (7, "spec.nodes[1].taints[1].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
                (17, "spec.template.spec.affinity.podAntiAffinity is not simulated: jobplay's scheduler applies nodeSelector, required node affinity, taints and tolerations, and resource fit; pods are placed without regard to other pods"),
                (19, "spec.template.spec.containers[0].livenessProbe is not simulated: the container is taken to pass it, so it is never restarted for it"),
            ]
        );
    }
}
