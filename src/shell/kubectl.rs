//! `kubectl` commands against the session's cluster. The texts are kubectl v1.37's
//! (staging/src/k8s.io/kubectl/pkg/cmd/...); the tables, describe and logs come from the
//! printers the page uses (`view_model::kubectl`).

use std::collections::BTreeMap;

use super::answers;
use super::args::{self, boolean, value, value_or, Flag, Parsed};
use super::field_selector::{FieldSelector, Fields};
use super::jsonpath::{self, Template};
use super::selector::Selector;
use super::{examples, Files, Output, Shell};
use crate::api::defaults::{default_job, default_pod_spec};
use crate::api::{CronJob, Job, Pod, Str};
use crate::scenario::action::{Target, Verb};
use crate::scenario::config_data::ConfigData;
use crate::scenario::Scenario;
use crate::sim::garbage_collector::Propagation;
use crate::sim::store::{NodeState, Store};
use crate::sim::Engine;
use crate::time::SimDuration;
use crate::validation::job_update::validate_job_update;
use crate::validation::FieldError;
use crate::view_model::kubectl::{self as printers, Columns, NO_RESOURCES};

/// kubectl's commands in the order staging/src/k8s.io/kubectl/pkg/cmd/cmd.go adds them (cobra
/// suggests in that order), for "unknown command" and its suggestions.
const COMMANDS: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "config",
    "plugin",
    "version",
    "api-versions",
    "api-resources",
    "options",
    "help",
];

/// `kubectl ARGS...`.
pub(super) fn run(
    shell: &mut Shell,
    words: &[String],
    stdin: Option<&str>,
    files: &dyn Files,
) -> Output {
    // The command is the first word that is not a global flag or a global flag's value.
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if !w.starts_with('-') {
            break;
        }
        let takes_value = args::GLOBAL.iter().any(|f| {
            f.value
                && (w == &format!("--{}", f.long) || f.short.is_some_and(|c| *w == format!("-{c}")))
        });
        i += if takes_value { 2 } else { 1 };
    }
    let Some(command) = words.get(i) else {
        return Output::out("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n(jobplay runs apply, create, get, describe, logs, delete, wait, patch, label, annotate, cordon, uncordon, drain, explain, api-resources and version against its simulated cluster, and answers top, scale, rollout, expose, exec, attach, port-forward, cp, run and edit as far as a cluster would.)\n");
    };
    let rest: Vec<String> = words[..i].iter().chain(&words[i + 1..]).cloned().collect();
    let path = format!("kubectl {command}");
    let parse = |flags: &[Flag]| {
        args::parse(&rest, flags, &path).map_err(|e| Output::fail(format!("error: {e}")))
    };
    let result = match command.as_str() {
        "get" => parse(GET_FLAGS).map(|p| get(shell, &p)),
        "describe" => parse(DESCRIBE_FLAGS).map(|p| describe(shell, &p)),
        "logs" | "log" => parse(LOGS_FLAGS).map(|p| logs(shell, &p)),
        "apply" => parse(APPLY_FLAGS).map(|p| apply(shell, &p, stdin, files, Mode::Apply)),
        "create" => parse(CREATE_FLAGS).map(|p| {
            if p.args.is_empty() {
                apply(shell, &p, stdin, files, Mode::Create)
            } else {
                create_subcommand(shell, &p)
            }
        }),
        "delete" => parse(DELETE_FLAGS).map(|p| delete(shell, &p, stdin, files)),
        "wait" => parse(WAIT_FLAGS).map(|p| wait(shell, &p)),
        "patch" => parse(PATCH_FLAGS).map(|p| patch(shell, &p, files)),
        "label" | "annotate" => parse(LABEL_FLAGS).map(|p| label(shell, &p, command == "label")),
        "cordon" | "uncordon" | "drain" => parse(NODE_FLAGS).map(|p| node(shell, &p, command)),
        "version" => parse(&[value("output", Some('o')), boolean("client", None)]).map(|p| version(&p)),
        "explain" => parse(super::explain::FLAGS).map(|p| super::explain::explain(&p)),
        "top" => parse(answers::TOP_FLAGS).map(|p| answers::top(&p)),
        "scale" => parse(answers::SCALE_FLAGS).map(|p| answers::scale(shell, &p)),
        "rollout" => parse(answers::ROLLOUT_FLAGS).map(|p| answers::rollout(shell, &p)),
        "expose" => parse(answers::EXPOSE_FLAGS).map(|p| answers::expose(shell, &p)),
        "exec" | "attach" | "port-forward" | "cp" => {
            parse(answers::INTO_POD_FLAGS).map(|p| answers::into_pod(shell, command, &p))
        }
        "run" => parse(answers::RUN_FLAGS).map(|p| answers::run(&p)),
        "edit" => parse(answers::EDIT_FLAGS).map(|_| answers::edit()),
        "api-resources" => parse(answers::API_RESOURCES_FLAGS).map(|p| answers::api_resources(&p)),
        "help" | "--help" | "-h" => Ok(run(shell, &[], stdin, files)),
        known if COMMANDS.contains(&known) => Ok(Output::fail(format!(
            "jobplay: \"kubectl {known}\" is not simulated; jobplay runs apply, create, get, describe, logs, delete, wait, patch, label, annotate, cordon, uncordon, drain, explain, api-resources and version, and answers top, scale, rollout, expose, exec, attach, port-forward, cp, run and edit as far as a cluster would"
        ))),
        other => Ok(Output::fail(unknown_command(other))),
    };
    result.unwrap_or_else(|e| e)
}

/// cobra's `unknown command "x" for "kubectl"` with its suggestions (spf13/cobra `args.go`
/// `legacyArgs`, `command.go` `SuggestionsFor`: a Levenshtein distance of at most 2, or a
/// prefix).
fn unknown_command(word: &str) -> String {
    let lower = word.to_lowercase();
    let suggestions: Vec<&str> = COMMANDS
        .iter()
        .filter(|c| levenshtein(&lower, c) <= 2 || c.starts_with(&lower))
        .copied()
        .collect();
    let mut text = format!("error: unknown command \"{word}\" for \"kubectl\"");
    if !suggestions.is_empty() {
        text.push_str("\n\nDid you mean this?\n");
        for s in suggestions {
            text.push_str(&format!("\t{s}\n"));
        }
    }
    text
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// `kubectl version [--client]` (staging/src/k8s.io/kubectl/pkg/cmd/version/version.go;
/// kustomize as kubectl's go.mod pins it). Client and server are both v1.37.2, so there is no
/// skew warning.
fn version(p: &Parsed) -> Output {
    let v = crate::KUBERNETES_VERSION;
    match p.get("output") {
        None | Some("") => {}
        Some("yaml" | "json") => {
            return Output::fail("jobplay: kubectl version -o yaml|json is not simulated: jobplay has no build facts (commit, build date, Go version) to print")
        }
        Some(_) => return Output::fail("error: --output must be 'yaml' or 'json'"),
    }
    let mut text = format!("Client Version: {v}\nKustomize Version: v5.8.1\n");
    if !p.is("client") {
        text.push_str(&format!("Server Version: {v}\n"));
    }
    Output::out(text)
}

// ---- resources ---------------------------------------------------------------------------

/// A resource type the cluster serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Pod,
    Job,
    CronJob,
    Node,
    Event,
    /// A built-in type jobplay does not simulate: always empty (`deployments.apps`).
    Empty(&'static str),
}

/// Built-in types a cluster always serves and jobplay keeps empty: (names, resource).
const EMPTY_KINDS: &[(&[&str], &str)] = &[
    (&["deployments", "deployment", "deploy"], "deployments.apps"),
    (&["replicasets", "replicaset", "rs"], "replicasets.apps"),
    (&["statefulsets", "statefulset", "sts"], "statefulsets.apps"),
    (&["daemonsets", "daemonset", "ds"], "daemonsets.apps"),
    (&["services", "service", "svc"], "services"),
    (&["configmaps", "configmap", "cm"], "configmaps"),
    (&["secrets", "secret"], "secrets"),
    (
        &["replicationcontrollers", "replicationcontroller", "rc"],
        "replicationcontrollers",
    ),
    (
        &["persistentvolumeclaims", "persistentvolumeclaim", "pvc"],
        "persistentvolumeclaims",
    ),
];

impl Kind {
    /// One type word (`jobs`, `job`, `jobs.batch`, `po`, ...); `all` is several.
    pub(super) fn parse(word: &str) -> Result<Vec<Kind>, String> {
        let w = word.to_lowercase();
        let kind = match w.as_str() {
            "all" => return Ok(vec![Kind::Pod, Kind::CronJob, Kind::Job]),
            "pods" | "pod" | "po" => Kind::Pod,
            "jobs" | "job" | "jobs.batch" | "job.batch" => Kind::Job,
            "cronjobs" | "cronjob" | "cj" | "cronjobs.batch" | "cronjob.batch" => Kind::CronJob,
            "nodes" | "node" | "no" => Kind::Node,
            "events" | "event" | "ev" => Kind::Event,
            _ => match EMPTY_KINDS
                .iter()
                .find(|(names, _)| names.contains(&w.as_str()))
            {
                Some((_, resource)) => Kind::Empty(resource),
                None => {
                    return Err(format!(
                        "error: the server doesn't have a resource type \"{word}\""
                    ))
                }
            },
        };
        Ok(vec![kind])
    }
    /// The resource in API errors: `jobs.batch "pi" not found`.
    pub(super) fn resource(self) -> &'static str {
        match self {
            Kind::Pod => "pods",
            Kind::Job => "jobs.batch",
            Kind::CronJob => "cronjobs.batch",
            Kind::Node => "nodes",
            Kind::Event => "events",
            Kind::Empty(r) => r,
        }
    }
    /// The kind as `-o name` and the delete printer write it: `job.batch`.
    pub(super) fn kind_string(self) -> &'static str {
        match self {
            Kind::Pod => "pod",
            Kind::Job => "job.batch",
            Kind::CronJob => "cronjob.batch",
            Kind::Node => "node",
            Kind::Event => "event",
            Kind::Empty(r) => r,
        }
    }
    /// The field labels the API server indexes for it.
    fn fields(self) -> Fields {
        match self {
            Kind::Pod => Fields::Pod,
            Kind::Job => Fields::Job,
            Kind::Node => Fields::Node,
            Kind::Event => Fields::Event,
            Kind::CronJob | Kind::Empty(_) => Fields::Meta,
        }
    }
    /// `schema.GroupVersionResource.String()`, as kubectl's list errors name it:
    /// `batch/v1, Resource=jobs`.
    fn group_version_resource(self) -> String {
        match self.resource().split_once('.') {
            Some((resource, group)) => format!("{group}/v1, Resource={resource}"),
            None => format!("/v1, Resource={}", self.resource()),
        }
    }
    /// The resource as `kubectl wait`'s timeout error names it: `jobs`.
    fn plural(self) -> &'static str {
        self.resource().split('.').next().unwrap_or_default()
    }
}

/// An object in the API.
#[derive(Clone, Copy)]
pub(super) enum Obj<'e> {
    Pod(&'e Pod),
    Job(&'e Job),
    CronJob(&'e CronJob),
    Node(&'e NodeState),
}

impl<'e> Obj<'e> {
    pub(super) fn kind(self) -> Kind {
        match self {
            Obj::Pod(_) => Kind::Pod,
            Obj::Job(_) => Kind::Job,
            Obj::CronJob(_) => Kind::CronJob,
            Obj::Node(_) => Kind::Node,
        }
    }
    pub(super) fn name(self) -> &'e str {
        match self {
            Obj::Pod(p) => &p.metadata.name,
            Obj::Job(j) => &j.metadata.name,
            Obj::CronJob(c) => &c.metadata.name,
            Obj::Node(n) => &n.info.name,
        }
    }
    pub(super) fn labels(self) -> BTreeMap<Str, Str> {
        match self {
            Obj::Pod(p) => (*p.metadata.labels).clone(),
            Obj::Job(j) => (*j.metadata.labels).clone(),
            Obj::CronJob(c) => (*c.metadata.labels).clone(),
            Obj::Node(n) => node_labels(n),
        }
    }
    pub(super) fn json(self, engine: &Engine) -> serde_json::Value {
        match self {
            Obj::Pod(p) => serde_json::to_value(p),
            Obj::Job(j) => serde_json::to_value(j),
            Obj::CronJob(c) => serde_json::to_value(c),
            Obj::Node(n) => Ok(printers::node_object(engine, n)),
        }
        .unwrap_or(serde_json::Value::Null)
    }
}

/// The labels `kubectl get nodes --show-labels` shows (those `node_object` gives the node).
fn node_labels(n: &NodeState) -> BTreeMap<Str, Str> {
    [
        ("kubernetes.io/hostname", n.info.name.as_str()),
        ("kubernetes.io/os", "linux"),
    ]
    .into_iter()
    .map(|(k, v)| (Str::copy(k), Str::copy(v)))
    .collect()
}

/// Every object of `kind`, in the API server's list order (by name).
pub(super) fn list(engine: &Engine, kind: Kind) -> Vec<Obj<'_>> {
    let mut objs: Vec<Obj> = match kind {
        Kind::Pod => engine.pods().map(Obj::Pod).collect(),
        Kind::Job => engine.jobs().map(Obj::Job).collect(),
        Kind::CronJob => engine.cron_jobs().map(Obj::CronJob).collect(),
        Kind::Node => engine.nodes().iter().map(Obj::Node).collect(),
        Kind::Event | Kind::Empty(_) => Vec::new(),
    };
    printers::sort_by_text(&mut objs, |o| o.name());
    objs
}

pub(super) fn find<'e>(engine: &'e Engine, kind: Kind, name: &str) -> Option<Obj<'e>> {
    match kind {
        Kind::Pod => engine.pod(name).map(Obj::Pod),
        Kind::Job => engine.job(name).map(Obj::Job),
        Kind::CronJob => engine.cron_job(name).map(Obj::CronJob),
        Kind::Node => engine
            .nodes()
            .iter()
            .find(|n| n.info.name == name)
            .map(Obj::Node),
        Kind::Event | Kind::Empty(_) => None,
    }
}

pub(super) fn not_found(kind: Kind, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found\n",
        kind.resource()
    )
}

/// What the arguments ask for: `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...` (cli-runtime
/// `resource.Builder.ResourceTypeOrNameArgs`).
pub(super) struct Request {
    /// (type, name) in the order given; a `None` name is every object of the type.
    pub items: Vec<(Kind, Option<String>)>,
    /// One object by name: `-o yaml` prints it alone rather than in a List.
    single: bool,
}

fn request(args: &[String], what: &str) -> Result<Request, String> {
    let Some(first) = args.first() else {
        return Err(format!("error: You must specify the type of resource to {what}. Use \"kubectl api-resources\" for a complete list of supported resources.\n"));
    };
    let mut items = Vec::new();
    if first.contains('/') {
        for a in args {
            let Some((t, name)) = a.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
            };
            if name.is_empty() {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            for k in Kind::parse(t)? {
                items.push((k, Some(name.to_string())));
            }
        }
        return Ok(Request {
            single: items.len() == 1,
            items,
        });
    }
    let mut kinds = Vec::new();
    for t in first.split(',').filter(|t| !t.is_empty()) {
        kinds.extend(Kind::parse(t)?);
    }
    let names = &args[1..];
    if names.iter().any(|n| n.contains('/')) {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    for k in &kinds {
        if names.is_empty() {
            items.push((*k, None));
        }
        for n in names {
            items.push((*k, Some(n.clone())));
        }
    }
    Ok(Request {
        single: items.len() == 1 && !names.is_empty(),
        items,
    })
}

/// `resolve` in the namespace the command names: jobplay's cluster has objects only in
/// `default`, so elsewhere every namespaced name is NotFound and every list is empty (nodes are
/// cluster-scoped).
fn resolve_in<'e>(
    p: &Parsed,
    engine: &'e Engine,
    req: &Request,
    selector: Option<&Selector>,
) -> (Vec<Obj<'e>>, String) {
    let (objs, mut errors) = resolve(engine, req, selector);
    if !elsewhere(p) {
        return (objs, errors);
    }
    for (kind, name) in &req.items {
        if let (Some(n), true) = (name, *kind != Kind::Node) {
            if find(engine, *kind, n).is_some() {
                errors.push_str(&not_found(*kind, n));
            }
        }
    }
    let objs = objs
        .into_iter()
        .filter(|o| o.kind() == Kind::Node)
        .collect();
    (objs, errors)
}

/// Whether the command names a namespace other than `default`, where jobplay has no objects.
pub(super) fn elsewhere(p: &Parsed) -> bool {
    namespace(p) != "default"
}

/// The objects a request names or selects, and the NotFound errors for names that are not there.
fn resolve<'e>(
    engine: &'e Engine,
    req: &Request,
    selector: Option<&Selector>,
) -> (Vec<Obj<'e>>, String) {
    let mut objs = Vec::new();
    let mut errors = String::new();
    for (kind, name) in &req.items {
        match name {
            Some(n) => match find(engine, *kind, n) {
                Some(o) => objs.push(o),
                None => errors.push_str(&not_found(*kind, n)),
            },
            None => objs.extend(
                list(engine, *kind)
                    .into_iter()
                    .filter(|o| selector.is_none_or(|s| s.matches(&o.labels()))),
            ),
        }
    }
    (objs, errors)
}

fn selector_of(p: &Parsed) -> Result<Option<Selector>, Output> {
    p.get("selector")
        .map(|s| Selector::parse(s).map_err(|e| Output::fail(format!("error: {e}"))))
        .transpose()
}

/// The namespace a command reads: jobplay's cluster has only `default` with objects in it.
fn namespace(p: &Parsed) -> &str {
    p.get("namespace").unwrap_or("default")
}

pub(super) fn no_resources(p: &Parsed) -> String {
    format!("No resources found in {} namespace.\n", namespace(p))
}

// ---- get ---------------------------------------------------------------------------------

const GET_FLAGS: &[Flag] = &[
    value("selector", Some('l')),
    value("output", Some('o')),
    boolean("show-labels", None),
    boolean("watch", Some('w')),
    boolean("watch-only", None),
    boolean("no-headers", None),
    boolean("all-namespaces", Some('A')),
    boolean("ignore-not-found", None),
    value("filename", Some('f')),
    value("field-selector", None),
    value("sort-by", None),
];

/// What `get` and `delete` select beside names: `-l` and `--field-selector`.
pub(super) struct Selection {
    pub labels: Option<Selector>,
    /// The field selector, or the API server's error for its text.
    pub fields: Option<Result<FieldSelector, String>>,
    /// `-l`'s and `--field-selector`'s texts as given (the API server's errors quote them).
    pub label_text: String,
    pub field_text: String,
}

impl Selection {
    fn read(p: &Parsed) -> Result<Selection, Output> {
        let labels = selector_of(p)?;
        let fields = p.get("field-selector").map(FieldSelector::parse);
        Ok(Selection {
            labels,
            fields,
            label_text: p.get("selector").unwrap_or_default().to_string(),
            field_text: p.get("field-selector").unwrap_or_default().to_string(),
        })
    }

    fn any(&self) -> bool {
        self.labels.is_some() || self.fields.is_some()
    }

    /// The API server's BadRequest for a field label `kind` does not index, with kubectl's
    /// framing (cli-runtime/pkg/resource/helper.go `EnhanceListError`).
    fn check(&self, kind: Kind) -> Result<(), Output> {
        let Some(fields) = &self.fields else {
            return Ok(());
        };
        let checked = fields
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|f| f.check(kind.fields()));
        checked.map_err(|e| {
            Output::fail(format!(
                "Error from server (BadRequest): Unable to find \"{}\" that match label selector \"{}\", field selector \"{}\": {e}",
                kind.group_version_resource(),
                self.label_text,
                self.field_text
            ))
        })
    }

    pub fn matches(&self, engine: &Engine, o: Obj) -> bool {
        self.labels.as_ref().is_none_or(|s| s.matches(&o.labels()))
            && self.fields.as_ref().is_none_or(|f| {
                let json = o.json(engine);
                f.as_ref()
                    .is_ok_and(|f| f.matches(|label| field_value(&json, label)))
            })
    }
}

/// A field label's value as the API server's selectable fields give it (the registries'
/// `ToSelectableFields`: `status.successful` from `status.succeeded`, booleans as words, the
/// defaults the API server sets).
fn field_value(json: &serde_json::Value, label: &str) -> String {
    let at = |path: &str| {
        path.split('.')
            .try_fold(json, |v, k| v.get(k))
            .map(jsonpath::go_text)
    };
    match label {
        "metadata.namespace" => "default".into(),
        "status.successful" => at("status.succeeded").unwrap_or_else(|| "0".into()),
        "spec.hostNetwork" | "spec.unschedulable" => at(label).unwrap_or_else(|| "false".into()),
        "spec.schedulerName" => at(label).unwrap_or_else(|| "default-scheduler".into()),
        "spec.serviceAccountName" => at(label).unwrap_or_else(|| "default".into()),
        "status.podIPs" => at("status.podIP").unwrap_or_default(),
        other => at(other).unwrap_or_default(),
    }
}

/// An event's field labels (pkg/registry/core/event/strategy.go `ToSelectableFields`).
fn event_field(e: &crate::sim::EventRecord, label: &str) -> String {
    let kind = e.kind.to_string();
    match label {
        "involvedObject.kind" => kind,
        "involvedObject.name" => e.name.to_string(),
        "involvedObject.namespace" | "metadata.namespace" => "default".into(),
        "involvedObject.apiVersion" => {
            if kind == "Job" || kind == "CronJob" {
                "batch/v1".into()
            } else {
                "v1".into()
            }
        }
        "reason" => e.reason.to_string(),
        "type" => e.type_.to_string(),
        "source" | "reportingComponent" => e.source.to_string(),
        _ => String::new(),
    }
}

/// `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go).
fn get(shell: &mut Shell, p: &Parsed) -> Output {
    for unsupported in ["filename", "all-namespaces"] {
        if p.flags.contains_key(unsupported) {
            return Output::fail(format!(
                "jobplay: kubectl get --{unsupported} is not simulated yet"
            ));
        }
    }
    let req = match request(&p.args, "get") {
        Ok(r) => r,
        Err(e) => return Output::fail(e),
    };
    let selection = match Selection::read(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if selection.any() && req.items.iter().any(|(_, n)| n.is_some()) {
        return Output::fail("error: name cannot be provided when a selector is specified");
    }
    for (kind, _) in &req.items {
        if let Err(o) = selection.check(*kind) {
            return o;
        }
    }
    let output = p.get("output").unwrap_or("");
    let printer = match Printer::read(output) {
        Ok(printer) => printer,
        Err(o) => return o,
    };
    let namespaced_list = req
        .items
        .iter()
        .all(|(k, n)| n.is_none() && *k != Kind::Node);
    if elsewhere(p) && namespaced_list && !p.is("watch") && !p.is("watch-only") {
        return Output::fail(no_resources(p)).with_status(0);
    }
    let events = req.items.iter().any(|(k, _)| *k == Kind::Event);
    if events
        && (req.items.iter().any(|(_, n)| n.is_some())
            || selection.labels.is_some()
            || !output.is_empty()
            || p.is("watch")
            || p.is("watch-only"))
    {
        return Output::fail(
            "jobplay: kubectl get events is simulated only as the whole table, with --field-selector (no names, -l, -o or --watch)",
        );
    }
    if p.is("watch") || p.is("watch-only") {
        return super::watch::watch(shell, p, &req, &selection, &printer);
    }
    let engine = shell.engine();
    let (objs, mut errors) = resolve_in(p, engine, &req, selection.labels.as_ref());
    let mut objs: Vec<Obj> = objs
        .into_iter()
        .filter(|o| selection.matches(engine, *o))
        .collect();
    if p.is("ignore-not-found") {
        errors.clear();
    }
    if let Some(field) = p.get("sort-by") {
        if let Err(e) = sort_objects(engine, &mut objs, field) {
            return Output::fail(format!("error: {e}"));
        }
    }
    let mut out = String::new();
    let generic = !matches!(printer, Printer::Table(_));
    match &printer {
        Printer::Table(columns) => {
            let kinds_found: Vec<Kind> = objs.iter().fold(Vec::new(), |mut ks, o| {
                if !ks.contains(&o.kind()) {
                    ks.push(o.kind());
                }
                ks
            });
            let with_kind = kinds_found.len() > 1;
            for kind in &kinds_found {
                let group: Vec<Obj> = objs.iter().copied().filter(|o| o.kind() == *kind).collect();
                let mut text = table(engine, *kind, &group, with_kind, *columns);
                if p.is("show-labels") {
                    let labels: Vec<String> =
                        group.iter().map(|o| label_text(&o.labels())).collect();
                    text = append_column(&text, "LABELS", &labels);
                }
                if p.is("no-headers") {
                    text = text
                        .split_once('\n')
                        .map_or(String::new(), |(_, rest)| rest.to_string());
                }
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&text);
            }
            if events {
                let keep = |e: &crate::sim::EventRecord| {
                    selection.fields.as_ref().is_none_or(|f| {
                        f.as_ref()
                            .is_ok_and(|f| f.matches(|label| event_field(e, label)))
                    })
                };
                let text = printers::get_events_where(engine, keep);
                if text != NO_RESOURCES {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&text);
                }
            }
        }
        Printer::Name => {
            for o in &objs {
                out.push_str(&format!("{}/{}\n", o.kind().kind_string(), o.name()));
            }
        }
        Printer::Yaml | Printer::Json | Printer::JsonPath(..) => {
            let doc = document(engine, &objs, req.single);
            if !doc.is_null() {
                match printer.generic(&doc) {
                    Ok(text) => out = text,
                    Err(e) => {
                        return Output {
                            err: format!("{errors}{e}"),
                            status: 1,
                            ..Output::default()
                        }
                    }
                }
            }
        }
        Printer::CustomColumns(columns) => {
            let values: Vec<serde_json::Value> = objs.iter().map(|o| o.json(engine)).collect();
            match custom_columns(columns, &values, p.is("no-headers")) {
                Ok(text) => out = text,
                Err(e) => return Output::fail(format!("error: {e}")),
            }
        }
    }
    let status = i32::from(!errors.is_empty());
    // Nothing listed and nothing missing: kubectl says so on standard error.
    if objs.is_empty() && errors.is_empty() && out.is_empty() && !req.single && !generic {
        errors.push_str(&no_resources(p));
    }
    Output {
        out,
        err: errors,
        status,
        ..Output::default()
    }
}

/// The object `-o yaml|json|jsonpath` prints: the one object asked for by name, else a List
/// (get.go `printGeneric`); `Null` when the one object asked for is missing.
fn document(engine: &Engine, objs: &[Obj], single: bool) -> serde_json::Value {
    let values: Vec<serde_json::Value> = objs.iter().map(|o| o.json(engine)).collect();
    if single && values.len() == 1 {
        values.into_iter().next().unwrap_or_default()
    } else if single {
        serde_json::Value::Null
    } else {
        serde_json::json!({
            "apiVersion": "v1",
            "items": values,
            "kind": "List",
            "metadata": {"resourceVersion": ""},
        })
    }
}

/// An `-o` printer (cli-runtime/pkg/genericclioptions: json_yaml_flags.go, jsonpath_flags.go,
/// name_flags.go; kubectl's cmd/get/customcolumn_flags.go and humanreadable_flags.go).
#[derive(Clone, Debug)]
pub(super) enum Printer {
    Table(Columns),
    Name,
    Yaml,
    Json,
    /// The template, its text, and whether results print as JSON (`jsonpath-as-json`).
    JsonPath(Template, String, bool),
    /// (header, template) per column.
    CustomColumns(Vec<(String, Template)>),
}

impl Printer {
    fn read(output: &str) -> Result<Printer, Output> {
        let fail = |e: String| Output::fail(format!("error: {e}"));
        Ok(match output {
            "" => Printer::Table(Columns::Normal),
            "wide" => Printer::Table(Columns::Wide),
            "name" => Printer::Name,
            "yaml" => Printer::Yaml,
            "json" => Printer::Json,
            "jsonpath" | "jsonpath-as-json" => return Err(fail("template format specified but no template given".into())),
            "custom-columns" => return Err(fail("custom-columns format specified but no custom columns given".into())),
            o if o.starts_with("jsonpath=") || o.starts_with("jsonpath-as-json=") => {
                let (format, text) = o.split_once('=').unwrap_or_default();
                if text.is_empty() {
                    return Err(fail("template format specified but no template given".into()));
                }
                let template = Template::parse(text)
                    .map_err(|e| fail(format!("error parsing jsonpath {text}, {e}")))?;
                Printer::JsonPath(template, text.to_string(), format == "jsonpath-as-json")
            }
            o if o.starts_with("custom-columns=") => {
                let spec = &o["custom-columns=".len()..];
                if spec.is_empty() {
                    return Err(fail("custom-columns format specified but no custom columns given".into()));
                }
                let mut columns = Vec::new();
                for part in spec.split(',') {
                    let Some((header, path)) = part.split_once(':') else {
                        return Err(fail(format!("unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")));
                    };
                    let path = jsonpath::relaxed(path).map_err(fail)?;
                    let template = Template::parse(&path).map_err(fail)?;
                    columns.push((header.to_string(), template));
                }
                Printer::CustomColumns(columns)
            }
            other => {
                return Err(Output::fail(format!(
                    "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,json,jsonpath,jsonpath-as-json,name,wide,yaml (jobplay does not simulate go-template, kyaml or the -file formats)"
                )))
            }
        })
    }

    /// `-o yaml|json|jsonpath` of one document; the error is kubectl's whole message.
    pub(super) fn generic(&self, doc: &serde_json::Value) -> Result<String, String> {
        match self {
            Printer::Yaml => Ok(crate::view_model::to_yaml::to_yaml(doc)),
            Printer::Json => Ok(go_json(doc)),
            Printer::JsonPath(template, text, as_json) => {
                let result = if *as_json {
                    template.find(doc).map(|sets| {
                        let all: Vec<serde_json::Value> = sets.into_iter().flatten().collect();
                        go_json(&serde_json::Value::Array(all))
                    })
                } else {
                    template.execute(doc)
                };
                result.map_err(|e| {
                    // cli-runtime/pkg/printers/jsonpath.go `PrintObj`.
                    format!(
                        "error: error executing jsonpath \"{}\": Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{text}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
                        text.replace('\\', "\\\\").replace('"', "\\\""),
                        jsonpath::go_sharp_v(doc)
                    )
                })
            }
            _ => Ok(String::new()),
        }
    }
}

/// `-o custom-columns=` (cmd/get/customcolumn.go `CustomColumnsPrinter`): a value per column,
/// several joined by commas, `<none>` for none.
fn custom_columns(
    columns: &[(String, Template)],
    objs: &[serde_json::Value],
    no_headers: bool,
) -> Result<String, String> {
    let mut rows = Vec::new();
    for obj in objs {
        let mut row = Vec::new();
        for (_, template) in columns {
            let sets = template.find(obj)?;
            let values: Vec<String> = sets.iter().flatten().map(jsonpath::go_text).collect();
            row.push(if sets.first().is_none_or(|s| s.is_empty()) {
                "<none>".to_string()
            } else {
                values.join(",")
            });
        }
        rows.push(row);
    }
    let header: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
    let text = printers::table(&header, &rows);
    Ok(if no_headers {
        text.split_once('\n')
            .map_or(String::new(), |(_, rest)| rest.to_string())
    } else {
        text
    })
}

/// `--sort-by` (cmd/get/sorter.go): objects without the field first, then by its value;
/// an error when no object has it.
pub(super) fn sort_objects(
    engine: &Engine,
    objs: &mut Vec<Obj>,
    field: &str,
) -> Result<(), String> {
    if objs.is_empty() {
        return Ok(());
    }
    let path = jsonpath::relaxed(field)?;
    let template = Template::parse(&path).map_err(|e| format!("sorting error: {e}"))?;
    let mut keyed = Vec::new();
    for o in objs.iter() {
        let sets = template.find(&o.json(engine))?;
        keyed.push((
            sets.into_iter().next().and_then(|s| s.into_iter().next()),
            *o,
        ));
    }
    if keyed.iter().all(|(k, _)| k.is_none()) {
        return Err(format!(
            "couldn't find any field with path \"{path}\" in the list of objects"
        ));
    }
    let mut bad = None;
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => sort_order(a, b).unwrap_or_else(|e| {
            bad = Some(e);
            std::cmp::Ordering::Equal
        }),
    });
    if let Some(e) = bad {
        return Err(e);
    }
    *objs = keyed.into_iter().map(|(_, o)| o).collect();
    Ok(())
}

/// sorter.go `isLess` on unstructured values: numbers, texts (as quantities when both are
/// quantities), lists element by element.
fn sort_order(a: &serde_json::Value, b: &serde_json::Value) -> Result<std::cmp::Ordering, String> {
    use serde_json::Value;
    use std::cmp::Ordering;
    Ok(match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => {
            let milli = |s: &str| crate::api::quantity::Quantity(s.to_string()).milli_value();
            match (milli(x), milli(y)) {
                (Some(qx), Some(qy)) => qx.cmp(&qy),
                _ => x.cmp(y),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, j) in x.iter().zip(y) {
                let o = sort_order(i, j)?;
                if o != Ordering::Equal {
                    return Ok(o);
                }
            }
            Ordering::Equal
        }
        (Value::Bool(_), _) => return Err("unsortable type: bool".into()),
        (Value::Object(_), _) => return Err("unsortable type: map[string]interface {}".into()),
        _ => Ordering::Equal,
    })
}

impl Output {
    fn with_status(mut self, status: i32) -> Output {
        self.status = status;
        self
    }
}

/// The table for objects of one kind, through the page's printers.
pub(super) fn table(
    engine: &Engine,
    kind: Kind,
    objs: &[Obj],
    with_kind: bool,
    columns: Columns,
) -> String {
    let now = engine.now();
    let prefix = if with_kind {
        format!("{}/", kind.kind_string())
    } else {
        String::new()
    };
    match kind {
        Kind::Job => {
            let jobs: Vec<&Job> = objs
                .iter()
                .filter_map(|o| if let Obj::Job(j) = o { Some(*j) } else { None })
                .collect();
            printers::get_jobs(&jobs, now, &prefix, columns)
        }
        Kind::Pod => {
            let pods: Vec<&Pod> = objs
                .iter()
                .filter_map(|o| if let Obj::Pod(p) = o { Some(*p) } else { None })
                .collect();
            printers::get_pods(&pods, now, &prefix, columns)
        }
        Kind::CronJob => {
            let cjs: Vec<&CronJob> = objs
                .iter()
                .filter_map(|o| {
                    if let Obj::CronJob(c) = o {
                        Some(*c)
                    } else {
                        None
                    }
                })
                .collect();
            printers::get_cron_jobs(&cjs, now, &prefix, columns)
        }
        Kind::Node => {
            // The nodes' printer prints every node: keep the header and the rows asked for.
            let all = printers::get_nodes(engine, columns);
            let mut lines = all.lines();
            let mut text = format!("{}\n", lines.next().unwrap_or_default());
            for line in lines {
                let name = line.split(' ').next().unwrap_or_default();
                if objs.iter().any(|o| o.name() == name) {
                    text.push_str(&prefix);
                    text.push_str(line);
                    text.push('\n');
                }
            }
            text
        }
        Kind::Event | Kind::Empty(_) => String::new(),
    }
}

/// `k=v,k2=v2`, or `<none>` (printers.go `labels.FormatLabels`).
pub(super) fn label_text(labels: &BTreeMap<Str, Str>) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A tab-writer table with one more column at the end (`--show-labels`): the table's last
/// column is padded as the tab writer pads every column but the last (width + 3, at least 6).
fn append_column(text: &str, header: &str, cells: &[String]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(head) = lines.first() else {
        return text.to_string();
    };
    // Columns are separated by at least three spaces; the last one starts after the last run.
    let start = head.rfind("   ").map_or(0, |i| {
        i + head[i..].chars().take_while(|c| *c == ' ').count()
    });
    let width = lines
        .iter()
        .map(|l| l.chars().count().saturating_sub(start))
        .max()
        .unwrap_or(0);
    let column = start + (width + 3).max(6);
    let mut out = String::new();
    for (line, cell) in lines
        .iter()
        .zip(std::iter::once(header).chain(cells.iter().map(String::as_str)))
    {
        out.push_str(&format!("{line:<column$}{cell}\n"));
    }
    out
}

/// JSON as Go's `json.MarshalIndent(obj, "", "    ")` writes it (kubectl's JSONPrinter, in
/// cli-runtime/pkg/printers/json.go): four spaces, and `<`, `>`, `&`, U+2028 and U+2029
/// escaped, as Go's encoder escapes them in strings (they occur nowhere else in JSON).
fn go_json(value: &serde_json::Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    let text = String::from_utf8(buf).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

// ---- describe ----------------------------------------------------------------------------

const DESCRIBE_FLAGS: &[Flag] = &[
    value("selector", Some('l')),
    boolean("show-events", None),
    value("filename", Some('f')),
    boolean("all-namespaces", Some('A')),
];

/// `kubectl describe` (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go: each
/// description after the first follows two newlines; a bare type describes them all).
fn describe(shell: &mut Shell, p: &Parsed) -> Output {
    if p.flags.contains_key("filename") || p.flags.contains_key("all-namespaces") {
        return Output::fail("jobplay: kubectl describe -f and -A are not simulated yet");
    }
    let req = match request(&p.args, "describe") {
        Ok(r) => r,
        Err(e) => return Output::fail(e),
    };
    let selector = match selector_of(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if req.items.iter().any(|(k, _)| *k == Kind::Event) {
        return Output::fail(
            "jobplay: kubectl describe events is not simulated; try kubectl get events",
        );
    }
    let engine = shell.engine();
    let (objs, errors) = resolve_in(p, engine, &req, selector.as_ref());
    let texts: Vec<String> = objs
        .iter()
        .map(|o| match o {
            Obj::Pod(pod) => printers::describe_pod(engine, pod),
            Obj::Job(j) => printers::describe_job(engine, j),
            Obj::CronJob(c) => printers::describe_cron_job(engine, c),
            Obj::Node(n) => printers::describe_node(engine, n),
        })
        .map(|text| without_events(text, p.get("show-events") != Some("false")))
        .collect();
    let mut out = Output {
        out: texts.join("\n\n"),
        status: i32::from(!errors.is_empty()),
        err: errors,
        ..Output::default()
    };
    if objs.is_empty() && out.err.is_empty() {
        out.err = no_resources(p);
    }
    out
}

/// A description without its Events section when `--show-events=false` (the describers'
/// `DescriberSettings.ShowEvents`).
fn without_events(text: String, show: bool) -> String {
    match text.rfind("\nEvents:") {
        Some(i) if !show => text[..=i].to_string(),
        _ => text,
    }
}

// ---- logs --------------------------------------------------------------------------------

const LOGS_FLAGS: &[Flag] = &[
    value("container", Some('c')),
    value("selector", Some('l')),
    value("tail", None),
    boolean("previous", Some('p')),
    boolean("all-containers", None),
    boolean("prefix", None),
    boolean("follow", Some('f')),
    boolean("timestamps", None),
    value("max-log-requests", None),
];

/// `kubectl logs` (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go; the pod of a
/// `job/NAME` is chosen as polymorphichelpers/logsforobject.go chooses it). With `-f`,
/// virtual time passes until every followed container has stopped.
fn logs(shell: &mut Shell, p: &Parsed) -> Output {
    let selector = match selector_of(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let tail = match p.get("tail").map(str::parse::<i64>) {
        None => None,
        Some(Ok(n)) if n >= -1 => Some(n),
        Some(Ok(_)) => return Output::fail("error: --tail must be greater than or equal to -1"),
        Some(Err(_)) => {
            return Output::fail(format!(
                "error: invalid argument \"{}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{}\": invalid syntax\nSee 'kubectl logs --help' for usage.",
                p.get("tail").unwrap_or_default(),
                p.get("tail").unwrap_or_default()
            ))
        }
    };
    let max_requests = match p.get("max-log-requests").map(str::parse::<i64>) {
        None => 5,
        Some(Ok(n)) if n > 0 => n as usize,
        Some(Ok(_)) => return Output::fail("error: --max-log-requests must be greater than 0"),
        Some(Err(_)) => {
            let v = p.get("max-log-requests").unwrap_or_default();
            return Output::fail(format!(
                "error: invalid argument \"{v}\" for \"--max-log-requests\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee 'kubectl logs --help' for usage."
            ));
        }
    };
    let container = p.get("container");
    let all_containers = p.is("all-containers");
    if all_containers && container.is_some() {
        return Output::fail(format!(
            "error: --all-containers=true should not be specified with container name {}",
            container.unwrap_or_default()
        ));
    }
    // A namespace jobplay does not have holds no pods and no jobs.
    let elsewhere = namespace(p) != "default";
    let engine = shell.engine();
    let mut out = Output::default();
    let (pods, prefix, tail): (Vec<&Pod>, bool, i64) = match (&selector, p.args.as_slice()) {
        (Some(_), [_, ..]) => {
            return Output::fail("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples")
        }
        (Some(s), []) => {
            let pods: Vec<&Pod> = list(engine, Kind::Pod)
                .into_iter()
                .filter(|_| !elsewhere)
                .filter(|o| s.matches(&o.labels()))
                .filter_map(|o| if let Obj::Pod(p) = o { Some(p) } else { None })
                .collect();
            if pods.is_empty() {
                out.err = no_resources(p);
                return out;
            }
            // A selector's default tail is 10 lines (logs.go `selectorTail`).
            (pods, p.is("prefix"), tail.unwrap_or(10))
        }
        (None, [target]) => {
            let (kind, name) = match target.split_once('/') {
                Some((t, n)) => match Kind::parse(t) {
                    Ok(k) if k == [Kind::Pod] || k == [Kind::Job] => (k[0], n),
                    Ok(_) => return Output::fail(format!("error: cannot get the logs from {}: jobplay reads logs of pods and jobs", t)),
                    Err(e) => return Output::fail(e),
                },
                None => (Kind::Pod, target.as_str()),
            };
            let pod = match kind {
                Kind::Job => {
                    let Some(job) = engine.job(name).filter(|_| !elsewhere) else {
                        return Output::fail(not_found(Kind::Job, name));
                    };
                    let mut pods: Vec<&Pod> = engine
                        .pods()
                        .filter(|pod| Store::owner_job(pod) == Some(job.metadata.name.as_str()))
                        .collect();
                    printers::sort_by_text(&mut pods, |p| &p.metadata.name);
                    pods.sort_by(|a, b| by_logging(a, b));
                    let Some(first) = pods.first() else {
                        return Output::fail("error: timed out waiting for the condition");
                    };
                    if pods.len() > 1 {
                        out.notice = format!("Found {} pods, using pod/{}\n", pods.len(), first.metadata.name);
                    }
                    *first
                }
                _ => match engine.pod(name).filter(|_| !elsewhere) {
                    Some(pod) => pod,
                    None => {
                        return Output::fail(format!(
                            "error: error from server (NotFound): pods \"{name}\" not found in namespace \"{}\"",
                            namespace(p)
                        ))
                    }
                },
            };
            (vec![pod], p.is("prefix"), tail.unwrap_or(-1))
        }
        (None, []) => {
            return Output::fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        }
        (None, _) => {
            return Output::fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        }
    };
    let requests: Vec<(&Pod, Option<&str>)> = pods
        .iter()
        .flat_map(|pod| {
            let containers: Vec<Option<&str>> = if all_containers {
                pod.spec
                    .init_containers
                    .iter()
                    .chain(pod.spec.containers.iter())
                    .map(|c| Some(c.name.as_str()))
                    .collect()
            } else {
                vec![container]
            };
            containers.into_iter().map(move |c| (*pod, c))
        })
        .collect();
    let follow = p.is("follow");
    if follow && requests.len() > 1 && requests.len() > max_requests {
        return Output::fail(format!(
            "error: you are attempting to follow {} log streams, but maximum allowed concurrency is {max_requests}, use --max-log-requests to increase the limit",
            requests.len()
        ));
    }
    let mut followed: Vec<(String, String)> = Vec::new();
    for (pod, c) in requests {
        let name = pod.metadata.name.as_str();
        let printed = printers::logs(engine, name, c, p.is("previous"));
        let mut lines: Vec<&str> = printed.out.lines().collect();
        if tail >= 0 {
            let keep = (tail as usize).min(lines.len());
            lines.drain(..lines.len() - keep);
        }
        let shown = c
            .map(str::to_string)
            .or_else(|| default_container(pod))
            .unwrap_or_default();
        let stamp = p
            .is("timestamps")
            .then(|| log_timestamp(pod, &shown, p.is("previous")))
            .flatten();
        for line in lines {
            if prefix {
                out.out.push_str(&format!("[pod/{name}/{shown}] "));
            }
            if let Some(t) = &stamp {
                out.out.push_str(t);
                out.out.push(' ');
            }
            out.out.push_str(line);
            out.out.push('\n');
        }
        let failed = printed.err.contains("Error from server") || printed.err.starts_with("error:");
        // kubectl builds every request (saying which container it chose) before it prints
        // any log (logs.go `RunLogs`): the notices come first.
        if failed {
            out.status = 1;
            out.err.push_str(&printed.err);
        } else {
            followed.push((name.to_string(), shown));
            out.notice.push_str(&printed.err);
        }
    }
    if p.is("timestamps") && !out.out.is_empty() {
        out.err.push_str("jobplay: each line is stamped with its container's start: jobplay's containers write their whole log when they start\n");
    }
    if follow && out.status == 0 {
        // The stream ends when its container stops (or its pod is gone).
        let deadline = shell.now() + super::MAX_ADVANCE;
        shell.advance_until(deadline, |e| {
            followed
                .iter()
                .all(|(pod, c)| !container_running(e, pod, c))
        });
        out.stamp(shell.now());
    }
    out
}

/// Whether a container of a pod is running now.
fn container_running(engine: &Engine, pod: &str, container: &str) -> bool {
    engine.pod(pod).is_some_and(|p| {
        p.status
            .init_container_statuses
            .iter()
            .chain(&p.status.container_statuses)
            .any(|s| s.name == container && s.state.running.is_some())
    })
}

/// The time the kubelet stamps a container instance's lines with, as RFC 3339 with
/// nanoseconds (Go's `time.RFC3339Nano`, trailing zeros dropped): jobplay's containers write
/// their lines when they start.
fn log_timestamp(pod: &Pod, container: &str, previous: bool) -> Option<String> {
    let status = pod
        .status
        .init_container_statuses
        .iter()
        .chain(&pod.status.container_statuses)
        .find(|s| s.name == container)?;
    let state = if previous {
        &status.last_state
    } else {
        &status.state
    };
    let started = state
        .running
        .as_ref()
        .and_then(|r| r.started_at)
        .or_else(|| state.terminated.as_ref().and_then(|t| t.started_at))?
        .0;
    let millis = started.as_millis().rem_euclid(1000);
    let whole = started.rfc3339();
    Some(if millis == 0 {
        whole
    } else {
        let fraction = format!("{millis:03}");
        format!(
            "{}.{}Z",
            whole.trim_end_matches('Z'),
            fraction.trim_end_matches('0')
        )
    })
}

/// The container `kubectl logs` reads without `-c` (for `--prefix`): the annotated default,
/// else the first.
fn default_container(pod: &Pod) -> Option<String> {
    let annotated = pod
        .metadata
        .annotations
        .get(crate::api::well_known::DEFAULT_CONTAINER_ANNOTATION)
        .filter(|n| pod.spec.containers.iter().any(|c| c.name == **n));
    annotated
        .map(|n| n.to_string())
        .or_else(|| pod.spec.containers.first().map(|c| c.name.to_string()))
}

/// kubectl/pkg/util/podutils/podutils.go `ByLogging`: assigned before unassigned, Running
/// before Unknown before Pending (other phases count as Running: Go's map gives 0), ready
/// before not, ready longer first, more restarts first, older first.
fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let assigned = |p: &Pod| !p.spec.node_name.is_empty();
    if assigned(a) != assigned(b) {
        return assigned(b).cmp(&assigned(a));
    }
    let rank = |p: &Pod| match p.status.phase.as_str() {
        "Unknown" => 1,
        "Pending" => 2,
        _ => 0,
    };
    if rank(a) != rank(b) {
        return rank(a).cmp(&rank(b));
    }
    if a.is_ready() != b.is_ready() {
        return b.is_ready().cmp(&a.is_ready());
    }
    let ready_since = |p: &Pod| {
        p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready")
            .and_then(|c| c.last_transition_time)
    };
    if a.is_ready() && b.is_ready() && ready_since(a) != ready_since(b) {
        return ready_since(a).cmp(&ready_since(b));
    }
    let restarts = |p: &Pod| {
        p.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0)
    };
    if restarts(a) != restarts(b) {
        return restarts(b).cmp(&restarts(a));
    }
    match (a.metadata.creation_timestamp, b.metadata.creation_timestamp) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

// ---- apply and create --------------------------------------------------------------------

const APPLY_FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    boolean("recursive", Some('R')),
    value("output", Some('o')),
    value("validate", None),
    boolean("server-side", None),
    value("dry-run", None),
];

const CREATE_FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    value("from", None),
    value("image", None),
    value("schedule", None),
    value("restart", None),
    value("output", Some('o')),
    value("validate", None),
    value("dry-run", None),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Apply,
    Create,
}

/// The documents `-f` names: (source as kubectl names it in errors, text).
fn sources(
    p: &Parsed,
    stdin: Option<&str>,
    files: &dyn Files,
) -> Result<Vec<(String, String)>, Output> {
    let names = p.all("filename");
    if names.is_empty() {
        return Err(Output::fail("error: must specify one of -f and -k"));
    }
    let mut all = Vec::new();
    for name in names {
        if name == "-" {
            match stdin {
                Some(text) => all.push(("STDIN".to_string(), text.to_string())),
                None => return Err(Output::fail("error: no objects passed to apply (jobplay reads standard input from a here-document: kubectl apply -f - <<EOF)")),
            }
        } else if examples::is_url(name) {
            match examples::fetch(name) {
                Ok(text) => all.push((name.clone(), text.to_string())),
                Err(e) => return Err(Output::fail(format!("error: {e}"))),
            }
        } else {
            match files.read(name) {
                Ok(found) => all.extend(found),
                Err(e) => return Err(Output::fail(format!("error: {e}"))),
            }
        }
    }
    Ok(all)
}

/// One document of a manifest, read as the API server would take it.
/// A Service, ConfigMap or Secret: data the kubelet and DNS read.
#[derive(Clone, PartialEq)]
enum DataObject {
    Service { name: String, headless: bool },
    ConfigMap(ConfigData),
    Secret(ConfigData),
}

impl DataObject {
    /// kubectl's `resource/name` for it.
    fn resource_name(&self) -> String {
        match self {
            DataObject::Service { name, .. } => format!("service/{name}"),
            DataObject::ConfigMap(c) => format!("configmap/{}", c.name),
            DataObject::Secret(c) => format!("secret/{}", c.name),
        }
    }

    /// The API's plural, as AlreadyExists names it.
    fn plural_and_name(&self) -> (&'static str, &str) {
        match self {
            DataObject::Service { name, .. } => ("services", name),
            DataObject::ConfigMap(c) => ("configmaps", &c.name),
            DataObject::Secret(c) => ("secrets", &c.name),
        }
    }

    /// The object of the same kind and name the scenario holds.
    fn live(&self, scenario: &Scenario) -> Option<DataObject> {
        let find = |list: &[ConfigData], name: &str| list.iter().find(|c| c.name == name).cloned();
        match self {
            DataObject::Service { name, headless } => {
                (*headless && scenario.services.contains(name)).then(|| self.clone())
            }
            DataObject::ConfigMap(c) => {
                find(&scenario.config_maps, &c.name).map(DataObject::ConfigMap)
            }
            DataObject::Secret(c) => find(&scenario.secrets, &c.name).map(DataObject::Secret),
        }
    }

    /// Puts it into the scenario, over the one of the same kind and name.
    fn store(self, scenario: &mut Scenario) {
        let upsert = |list: &mut Vec<ConfigData>, c: ConfigData| match list
            .iter_mut()
            .find(|l| l.name == c.name)
        {
            Some(live) => *live = c,
            None => list.push(c),
        };
        match self {
            DataObject::Service { name, headless } => {
                if headless && !scenario.services.contains(&name) {
                    scenario.services.push(name);
                }
            }
            DataObject::ConfigMap(c) => upsert(&mut scenario.config_maps, c),
            DataObject::Secret(c) => upsert(&mut scenario.secrets, c),
        }
    }
}

enum Document {
    Job(Job),
    CronJob(CronJob),
    /// A kind jobplay keeps only as data for the run.
    Data(DataObject),
    /// Rejected: kubectl's whole message.
    Error(String),
}

/// The documents of one source, in order.
fn documents(source: &str, text: &str) -> Vec<Document> {
    use crate::scenario::yaml::{parse_stream, Node};
    let loaded = crate::scenario::load(text);
    let (docs, _) = parse_stream(text);
    let mut out = Vec::new();
    for doc in docs {
        let Some(root) = &doc.root else {
            // A document that did not parse: the loader said why.
            if let Some(d) = loaded
                .diagnostics
                .iter()
                .find(|d| d.document == doc.index && d.is_error())
            {
                out.push(Document::Error(format!(
                    "error: error parsing {source}: {}",
                    d.message
                )));
            }
            continue;
        };
        let field = |k: &str| root.get(k).and_then(Node::as_str).unwrap_or("").to_string();
        let (api_version, kind) = (field("apiVersion"), field("kind"));
        let name = root
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string();
        let errors: Vec<&crate::scenario::diagnostic::Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.document == doc.index && d.is_error())
            .collect();
        let unknown: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.document == doc.index && !d.is_error())
            .filter_map(|d| d.message.strip_prefix("unknown field \""))
            .filter_map(|m| m.split('"').next())
            .map(|path| format!("unknown field \"{path}\""))
            .collect();
        let source_key = format!("{kind}/{name}");
        let is_this = |k: &str| {
            loaded
                .scenario
                .sources
                .get(&format!("{k}/{name}"))
                .is_some_and(|s| s.document == doc.index)
        };
        let document = match (api_version.as_str(), kind.as_str()) {
            // The decoder answers first: a type error, then (kubectl's default
            // `--validate=strict`) unknown fields; validation only sees what decoded.
            _ if errors.iter().any(|d| d.message.contains("cannot be handled as")) => {
                Document::Error(invalid_message(source, &kind, &name, &errors))
            }
            ("batch/v1", "Job" | "CronJob") if !unknown.is_empty() => Document::Error(format!(
                "Error from server (BadRequest): error when creating \"{source}\": {kind} in version \"v1\" cannot be handled as a {kind}: strict decoding error: {}",
                unknown.join(", ")
            )),
            _ if !errors.is_empty() => Document::Error(invalid_message(source, &kind, &name, &errors)),
            ("batch/v1", "Job") if is_this("Job") => {
                match loaded.scenario.jobs.iter().find(|j| j.metadata.name == name) {
                    Some(j) => Document::Job(j.clone()),
                    None => Document::Error(format!("error: {source_key} could not be read")),
                }
            }
            ("batch/v1", "CronJob") if is_this("CronJob") => {
                match loaded.scenario.cron_jobs.iter().find(|c| c.metadata.name == name) {
                    Some(c) => Document::CronJob(c.clone()),
                    None => Document::Error(format!("error: {source_key} could not be read")),
                }
            }
            // Only a headless Service is kept (it gives Indexed pods DNS names); any other is
            // answered as created and otherwise not simulated.
            ("v1", "Service") => Document::Data(DataObject::Service {
                headless: loaded.scenario.services.contains(&name),
                name,
            }),
            ("v1", "ConfigMap" | "Secret") => {
                let (list, make): (_, fn(ConfigData) -> DataObject) = if kind == "ConfigMap" {
                    (&loaded.scenario.config_maps, DataObject::ConfigMap)
                } else {
                    (&loaded.scenario.secrets, DataObject::Secret)
                };
                match list.iter().find(|c| c.name == name) {
                    Some(c) => Document::Data(make(c.clone())),
                    None => Document::Error(format!("error: {source_key} could not be read")),
                }
            }
            (v, k) => Document::Error(format!(
                "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{source}\": no matches for kind \"{k}\" in version \"{v}\"\nensure CRDs are installed first (jobplay simulates batch/v1 Job and CronJob)"
            )),
        };
        out.push(document);
    }
    out
}

/// A 422 as kubectl prints it (cmd/util/helpers.go `checkErr`, `MultilineError`): `The Job
/// "pi" is invalid: CAUSE`, or one cause a line after `* `. Decoding errors are already whole.
fn invalid_message(
    source: &str,
    kind: &str,
    name: &str,
    errors: &[&crate::scenario::diagnostic::Diagnostic],
) -> String {
    if let Some(d) = errors
        .iter()
        .find(|d| d.message.contains("cannot be handled as"))
    {
        return format!(
            "Error from server (BadRequest): error when creating \"{source}\": {}",
            d.message
        );
    }
    let prefix = format!("The {kind} \"{name}\" is invalid: ");
    let causes: Vec<&str> = errors
        .iter()
        .map(|d| d.message.strip_prefix(&prefix).unwrap_or(&d.message))
        .collect();
    if errors.iter().all(|d| d.message.starts_with(&prefix)) {
        return causes_message(&prefix, &causes);
    }
    errors
        .iter()
        .map(|d| format!("error: {}", d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn causes_message(prefix: &str, causes: &[&str]) -> String {
    if causes.len() == 1 {
        format!("{prefix}{}", causes[0])
    } else {
        let mut text = format!("{prefix}\n");
        for c in causes {
            text.push_str(&format!("* {c}\n"));
        }
        text.trim_end().to_string()
    }
}

/// `kubectl apply -f` / `kubectl create -f` (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go:
/// `created`, `configured`, `unchanged`; cmd/create/create.go: `created`, and AlreadyExists).
fn apply(
    shell: &mut Shell,
    p: &Parsed,
    stdin: Option<&str>,
    files: &dyn Files,
    mode: Mode,
) -> Output {
    for unsupported in ["server-side", "dry-run", "recursive", "output"] {
        if p.flags.contains_key(unsupported) {
            return Output::fail(format!("jobplay: --{unsupported} is not simulated yet"));
        }
    }
    let srcs = match sources(p, stdin, files) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if elsewhere(p) {
        return into_missing_namespace(p, &srcs);
    }
    let mut out = Output::default();
    let mut actions = Vec::new();
    let mut data = Vec::new();
    // Objects this command creates, visible to its later documents.
    let mut created: Vec<(Kind, String)> = Vec::new();
    for (source, text) in &srcs {
        for doc in documents(source, text) {
            match doc {
                Document::Error(e) => out.then(Output::fail(e)),
                Document::Data(object) => {
                    let what = object.resource_name();
                    match (object.live(&shell.scenario), mode) {
                        (None, _) => {
                            out.out.push_str(&format!("{what} created\n"));
                            data.push(object);
                        }
                        (Some(_), Mode::Create) => {
                            let (plural, name) = object.plural_and_name();
                            out.then(Output::fail(format!(
                                "Error from server (AlreadyExists): error when creating \"{source}\": {plural} \"{name}\" already exists"
                            )))
                        }
                        (Some(live), Mode::Apply) if live == object => {
                            out.out.push_str(&format!("{what} unchanged\n"))
                        }
                        (Some(_), Mode::Apply) => {
                            out.out.push_str(&format!("{what} configured\n"));
                            data.push(object);
                        }
                    }
                }
                Document::Job(job) => {
                    let name = job.metadata.name.to_string();
                    let exists = shell.engine().job(&name).is_some()
                        || created.contains(&(Kind::Job, name.clone()));
                    match (exists, mode) {
                        (false, _) => {
                            created.push((Kind::Job, name.clone()));
                            out.out.push_str(&format!("job.batch/{name} created\n"));
                            actions.push((Verb::ApplyJob(Box::new(job)), Target::Job(name)));
                        }
                        (true, Mode::Create) => out.then(Output::fail(format!(
                            "Error from server (AlreadyExists): error when creating \"{source}\": jobs.batch \"{name}\" already exists"
                        ))),
                        (true, Mode::Apply) => match shell.engine().job(&name) {
                            Some(live) => match updated_job(live, &job) {
                                Ok(None) => out.out.push_str(&format!("job.batch/{name} unchanged\n")),
                                Ok(Some(new)) => {
                                    out.out.push_str(&format!("job.batch/{name} configured\n"));
                                    actions.push((Verb::ApplyJob(Box::new(new)), Target::Job(name)));
                                }
                                Err(e) => out.then(Output::fail(e)),
                            },
                            None => out.then(Output::fail(format!(
                                "jobplay: job.batch/{name} is applied twice in one command; apply it again to change it"
                            ))),
                        },
                    }
                }
                Document::CronJob(cj) => {
                    let name = cj.metadata.name.to_string();
                    let exists = shell.engine().cron_job(&name).is_some()
                        || created.contains(&(Kind::CronJob, name.clone()));
                    match (exists, mode) {
                        (false, _) => {
                            created.push((Kind::CronJob, name.clone()));
                            out.out.push_str(&format!("cronjob.batch/{name} created\n"));
                            actions.push((Verb::ApplyCronJob(Box::new(cj)), Target::CronJob(name)));
                        }
                        (true, Mode::Create) => out.then(Output::fail(format!(
                            "Error from server (AlreadyExists): error when creating \"{source}\": cronjobs.batch \"{name}\" already exists"
                        ))),
                        (true, Mode::Apply) => match shell.engine().cron_job(&name) {
                            Some(live) => match updated_cron_job(live, &cj) {
                                Ok(None) => out.out.push_str(&format!("cronjob.batch/{name} unchanged\n")),
                                Ok(Some(new)) => {
                                    out.out.push_str(&format!("cronjob.batch/{name} configured\n"));
                                    actions.push((Verb::ApplyCronJob(Box::new(new)), Target::CronJob(name)));
                                }
                                Err(e) => out.then(Output::fail(e)),
                            },
                            None => out.then(Output::fail(format!(
                                "jobplay: cronjob.batch/{name} is applied twice in one command; apply it again to change it"
                            ))),
                        },
                    }
                }
            }
        }
    }
    // Services, ConfigMaps and Secrets are data the kubelet and DNS read: they join the
    // scenario as if they had been there from the start, which the user is told when the run
    // is already under way (pods before this instant would have seen them missing).
    let under_way = shell.now() > shell.scenario.start;
    for object in &data {
        if under_way {
            out.err.push_str(&format!(
                "jobplay: {} is taken as present from the run's start: jobplay cannot yet add or change a Service, ConfigMap or Secret part-way through a run\n",
                object.resource_name()
            ));
        }
    }
    if !data.is_empty() {
        for object in data {
            object.store(&mut shell.scenario);
        }
        let now = shell.now();
        shell.engine = Engine::new(shell.scenario.clone());
        shell.engine.handle_timeout(now);
    }
    shell.act(actions);
    out
}

/// `apply|create -f … -n NAMESPACE` where the namespace does not exist: the API server refuses
/// each object (apply.go and create.go add the source: `error when creating "job.yaml": …`).
fn into_missing_namespace(p: &Parsed, srcs: &[(String, String)]) -> Output {
    let mut out = Output::default();
    for (source, text) in srcs {
        for doc in documents(source, text) {
            out.then(Output::fail(match doc {
                Document::Error(e) => e,
                _ => format!(
                    "Error from server (NotFound): error when creating \"{source}\": namespaces \"{}\" not found",
                    namespace(p)
                ),
            }));
        }
    }
    out
}

/// The Job an apply of `applied` over `live` stores, or `None` when nothing changes. The
/// fields the API server set and the manifest does not name stay (the generated selector,
/// the template's and the Job's added labels), as apply's three-way merge keeps them.
fn updated_job(live: &Job, applied: &Job) -> Result<Option<Job>, String> {
    let mut new = live.clone();
    merge_meta(&mut new.metadata, &applied.metadata);
    let mut spec = applied.spec.clone();
    if spec.selector.is_none() {
        spec.selector = live.spec.selector.clone();
    }
    if spec.manual_selector.is_none() {
        spec.manual_selector = live.spec.manual_selector;
    }
    let mut labels = (*live.spec.template.metadata.labels).clone();
    labels.extend(
        applied
            .spec
            .template
            .metadata
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    spec.template.metadata.labels = labels.into();
    new.spec = spec;
    if new.spec == live.spec && new.metadata == live.metadata {
        return Ok(None);
    }
    check_job_update(&new, live).map(|()| Some(new))
}

fn check_job_update(new: &Job, live: &Job) -> Result<(), String> {
    let errors = validate_job_update(new, live);
    if errors.is_empty() {
        return Ok(());
    }
    let causes: Vec<String> = errors.iter().map(FieldError::message).collect();
    let causes: Vec<&str> = causes.iter().map(String::as_str).collect();
    Err(causes_message(
        &format!("The Job \"{}\" is invalid: ", new.metadata.name),
        &causes,
    ))
}

/// The same for a CronJob, whose update validation is its create validation
/// (`ValidateCronJobUpdate`: nothing in a CronJob's spec is immutable).
fn updated_cron_job(live: &CronJob, applied: &CronJob) -> Result<Option<CronJob>, String> {
    let mut new = live.clone();
    merge_meta(&mut new.metadata, &applied.metadata);
    new.spec = applied.spec.clone();
    if new.spec == live.spec && new.metadata == live.metadata {
        return Ok(None);
    }
    check_cron_job_update(&new).map(|()| Some(new))
}

fn check_cron_job_update(new: &CronJob) -> Result<(), String> {
    let errors = crate::validation::cronjob::validate_cron_job(new);
    if errors.is_empty() {
        return Ok(());
    }
    let causes: Vec<String> = errors.iter().map(FieldError::message).collect();
    let causes: Vec<&str> = causes.iter().map(String::as_str).collect();
    Err(causes_message(
        &format!("The CronJob \"{}\" is invalid: ", new.metadata.name),
        &causes,
    ))
}

/// Labels and annotations an apply names are set; the others stay.
fn merge_meta(live: &mut crate::api::ObjectMeta, applied: &crate::api::ObjectMeta) {
    let mut labels = (*live.labels).clone();
    labels.extend(applied.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    live.labels = labels.into();
    let mut annotations = (*live.annotations).clone();
    annotations.extend(
        applied
            .annotations
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    live.annotations = annotations.into();
}

/// `kubectl create job|cronjob NAME …` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go,
/// create_cronjob.go): the object as kubectl's generator builds it (one container named after
/// the object, the command after `--`; a Job's pods never restart, a CronJob's restart
/// `OnFailure` unless `--restart` says otherwise), or a Job from a CronJob's template
/// (`createJobFromCronJob`: the template's labels and annotations, the
/// `cronjob.kubernetes.io/instantiate: manual` annotation, the CronJob as owner); then the API
/// server's defaults and validation. kubectl wraps the API server's errors: `failed to create
/// job: …`.
fn create_subcommand(shell: &mut Shell, p: &Parsed) -> Output {
    let [what, rest @ ..] = p.args.as_slice() else {
        return Output::default();
    };
    let (kind, path) = match what.as_str() {
        "job" => ("job", "kubectl create job"),
        "cronjob" | "cj" => ("cronjob", "kubectl create cronjob"),
        _ => {
            return Output::fail(format!(
                "jobplay: kubectl create {what} is not simulated; it runs create -f, create job and create cronjob"
            ))
        }
    };
    let [name] = rest else {
        return Output::fail(format!(
            "error: exactly one NAME is required, got {}\nSee '{path} -h' for help and examples",
            rest.len()
        ));
    };
    for unsupported in ["dry-run", "output"] {
        if let Some(v) = p.get(unsupported) {
            return Output::fail(format!(
                "jobplay: kubectl create {kind} --{unsupported}={v} is not simulated yet: nothing is created"
            ));
        }
    }
    let command: Vec<Str> = p.after_dash.iter().map(|c| Str::copy(c)).collect();
    let image = p.get("image").filter(|i| !i.is_empty());
    if elsewhere(p) && (image.is_some() || p.get("from").is_some()) {
        return Output::fail(format!(
            "error: failed to create {kind}: namespaces \"{}\" not found",
            namespace(p)
        ));
    }
    if kind == "cronjob" {
        return create_cron_job(shell, p, name, image, command);
    }
    let from = p.get("from").filter(|f| !f.is_empty());
    if image.is_some() == from.is_some() {
        return Output::fail("error: either --image or --from must be specified");
    }
    if from.is_some() && !command.is_empty() {
        return Output::fail("error: cannot specify --from and command");
    }
    let mut job = match (image, from) {
        (Some(image), _) => {
            let mut job = Job::default();
            job.metadata.name = Str::copy(name);
            job.spec.template.spec.containers = vec![crate::api::Container {
                name: Str::copy(name),
                image: Str::copy(image),
                command,
                ..Default::default()
            }]
            .into();
            job.spec.template.spec.restart_policy = Some("Never".into());
            job
        }
        (None, Some(from)) => match job_from_cron_job(shell, name, from) {
            Ok(job) => job,
            Err(o) => return o,
        },
        (None, None) => return Output::default(),
    };
    if shell.engine().job(name).is_some() {
        return Output::fail(format!(
            "error: failed to create job: jobs.batch \"{name}\" already exists"
        ));
    }
    default_job(&mut job);
    if let Err(e) = invalid(
        "job",
        "Job.batch",
        name,
        crate::validation::job::validate_job(&job),
    ) {
        return e;
    }
    shell.act(vec![(
        Verb::ApplyJob(Box::new(job)),
        Target::Job(name.clone()),
    )]);
    Output::out(format!("job.batch/{name} created\n"))
}

/// The Job `create job NAME --from=cronjob/NAME` builds.
fn job_from_cron_job(shell: &Shell, name: &str, from: &str) -> Result<Job, Output> {
    let cj_name = match from.split_once('/') {
        Some((t, n)) => match Kind::parse(t) {
            Ok(k) if k == [Kind::CronJob] => n,
            Ok(_) => return Err(Output::fail("error: from must be an existing cronjob")),
            Err(e) => return Err(Output::fail(e)),
        },
        // A bare word is a type without a name (cli-runtime's builder).
        None => {
            return Err(Output::fail(match Kind::parse(from) {
                Ok(_) => "error: resource(s) were provided, but no name was specified".to_string(),
                Err(e) => e,
            }))
        }
    };
    let Some(cj) = shell.engine().cron_job(cj_name) else {
        return Err(Output::fail(not_found(Kind::CronJob, cj_name)));
    };
    let template = &cj.spec.job_template;
    let mut job = Job::default();
    job.metadata.name = Str::copy(name);
    job.metadata.labels = template.metadata.labels.clone();
    let mut annotations = (*template.metadata.annotations).clone();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), "manual".into());
    job.metadata.annotations = annotations.into();
    job.metadata.owner_references =
        vec![crate::controller::cronjob::utils::controller_ref(cj)].into();
    job.spec = template.spec.clone();
    default_pod_spec(&mut job.spec.template.spec);
    Ok(job)
}

/// `kubectl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=…] -- COMMAND`.
fn create_cron_job(
    shell: &mut Shell,
    p: &Parsed,
    name: &str,
    image: Option<&str>,
    command: Vec<Str>,
) -> Output {
    let schedule = p.get("schedule");
    let missing: Vec<&str> = [("image", image.is_none()), ("schedule", schedule.is_none())]
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(f, _)| f)
        .collect();
    if !missing.is_empty() {
        // cobra's `MarkFlagRequired`.
        let names: Vec<String> = missing.iter().map(|f| format!("\"{f}\"")).collect();
        return Output::fail(format!(
            "error: required flag(s) {} not set",
            names.join(", ")
        ));
    }
    let mut cj = CronJob::default();
    cj.metadata.name = Str::copy(name);
    cj.spec.schedule = schedule.unwrap_or_default().to_string();
    let template = &mut cj.spec.job_template;
    template.spec.template.spec.containers = vec![crate::api::Container {
        name: Str::copy(name),
        image: Str::copy(image.unwrap_or_default()),
        command,
        ..Default::default()
    }]
    .into();
    template.spec.template.spec.restart_policy = Some(Str::copy(
        p.get("restart")
            .filter(|r| !r.is_empty())
            .unwrap_or("OnFailure"),
    ));
    if shell.engine().cron_job(name).is_some() {
        return Output::fail(format!(
            "error: failed to create cronjob: cronjobs.batch \"{name}\" already exists"
        ));
    }
    crate::api::defaults::default_cron_job(&mut cj);
    let errors = crate::validation::cronjob::validate_cron_job(&cj);
    if let Err(e) = invalid("cronjob", "CronJob.batch", name, errors) {
        return e;
    }
    shell.act(vec![(
        Verb::ApplyCronJob(Box::new(cj)),
        Target::CronJob(name.to_string()),
    )]);
    Output::out(format!("cronjob.batch/{name} created\n"))
}

/// The API server's 422 as `create job|cronjob` wraps it: `failed to create job: Job.batch
/// "x" is invalid: CAUSE`, several causes as apimachinery's aggregate prints them (`[a, b]`).
fn invalid(what: &str, kind: &str, name: &str, errors: Vec<FieldError>) -> Result<(), Output> {
    let causes: Vec<String> = errors.iter().map(FieldError::message).collect();
    match causes.as_slice() {
        [] => Ok(()),
        [one] => Err(Output::fail(format!(
            "error: failed to create {what}: {kind} \"{name}\" is invalid: {one}"
        ))),
        many => Err(Output::fail(format!(
            "error: failed to create {what}: {kind} \"{name}\" is invalid: [{}]",
            many.join(", ")
        ))),
    }
}

// ---- delete ------------------------------------------------------------------------------

const DELETE_FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    value("selector", Some('l')),
    boolean("all", None),
    boolean("ignore-not-found", None),
    value("grace-period", None),
    boolean("force", None),
    // delete_flags.go: `cascade`'s NoOptDefVal is "background".
    value_or("cascade", "background"),
    boolean("wait", None),
    value("output", Some('o')),
    boolean("now", None),
    value("field-selector", None),
];

/// `kubectl delete` (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go): `job.batch "pi"
/// deleted from default namespace` for each object (`PrintObj`), then, as `--wait` does by
/// default, virtual time passes until they are gone.
fn delete(shell: &mut Shell, p: &Parsed, stdin: Option<&str>, files: &dyn Files) -> Output {
    let (policy, warning) = match cascade(p.get("cascade").unwrap_or("background")) {
        Ok(read) => read,
        Err(e) => return Output::fail(e),
    };
    // kubectl reads `--cascade` first (delete.go `Complete`): its warning comes before any
    // other answer.
    let mut out = Output {
        notice: warning,
        ..Output::default()
    };
    out.then(delete_objects(shell, p, stdin, files, policy));
    out
}

/// `kubectl delete` once `--cascade` is read: the objects named, by `-f`, or selected, each
/// deleted with `policy`.
fn delete_objects(
    shell: &mut Shell,
    p: &Parsed,
    stdin: Option<&str>,
    files: &dyn Files,
    policy: Propagation,
) -> Output {
    let mut out = Output::default();
    let grace_zero =
        p.get("grace-period") == Some("0") || (p.is("force") && p.get("grace-period").is_none());
    let selection = match Selection::read(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let mut targets: Vec<(Kind, String)> = Vec::new();
    if p.flags.contains_key("filename") {
        let srcs = match sources(p, stdin, files) {
            Ok(s) => s,
            Err(o) => return o,
        };
        for (source, text) in &srcs {
            for doc in documents(source, text) {
                let (kind, name) = match doc {
                    Document::Job(j) => (Kind::Job, j.metadata.name.to_string()),
                    Document::CronJob(c) => (Kind::CronJob, c.metadata.name.to_string()),
                    Document::Data(_) => continue,
                    Document::Error(e) => {
                        out.then(Output::fail(e));
                        continue;
                    }
                };
                if find(shell.engine(), kind, &name).is_some() {
                    targets.push((kind, name));
                } else if !p.is("ignore-not-found") {
                    out.then(Output::fail(format!(
                        "Error from server (NotFound): error when deleting \"{source}\": {} \"{name}\" not found",
                        kind.resource()
                    )));
                }
            }
        }
    } else {
        if p.args.is_empty() {
            return Output::fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        }
        let req = match request(&p.args, "delete") {
            Ok(r) => r,
            Err(e) => return Output::fail(e),
        };
        let bare = req.items.iter().any(|(_, n)| n.is_none());
        if bare && !selection.any() && !p.is("all") {
            return Output::fail("error: resource(s) were provided, but no name was specified");
        }
        if selection.any() && !bare {
            return Output::fail("error: name cannot be provided when a selector is specified");
        }
        for (kind, _) in &req.items {
            if let Err(o) = selection.check(*kind) {
                return o;
            }
        }
        let (objs, errors) = resolve_in(p, shell.engine(), &req, selection.labels.as_ref());
        let objs: Vec<Obj> = objs
            .into_iter()
            .filter(|o| selection.matches(shell.engine(), *o))
            .collect();
        if !p.is("ignore-not-found") && !errors.is_empty() {
            out.then(Output::fail(errors));
        }
        if let Some(o) = objs.iter().find(|o| matches!(o.kind(), Kind::Node)) {
            return Output::fail(format!(
                "jobplay: deleting node/{} is not simulated; try kubectl drain",
                o.name()
            ));
        }
        targets = objs
            .iter()
            .map(|o| (o.kind(), o.name().to_string()))
            .collect();
        if targets.is_empty() && out.err.is_empty() {
            out.out.push_str("No resources found\n");
            return out;
        }
    }
    let operation = if grace_zero {
        "force deleted"
    } else {
        "deleted"
    };
    if grace_zero {
        out.notice.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let mut actions = Vec::new();
    for (kind, name) in &targets {
        let target = match kind {
            Kind::Pod => Target::Pod(name.clone()),
            Kind::Job => Target::Job(name.clone()),
            Kind::CronJob => Target::CronJob(name.clone()),
            _ => continue,
        };
        let verb = match (kind, policy) {
            (Kind::Pod, _) => Verb::DeletePod,
            (Kind::Job, Propagation::Background) => Verb::DeleteJob,
            (_, Propagation::Background) => Verb::DeleteCronJob,
            (_, Propagation::Foreground) => Verb::DeleteInForeground,
            (_, Propagation::Orphan) => Verb::DeleteOrphaning,
        };
        actions.push((verb, target));
        if p.get("output") == Some("name") {
            out.out
                .push_str(&format!("{}/{name}\n", kind.kind_string()));
        } else {
            out.out.push_str(&format!(
                "{} \"{name}\" {operation} from {} namespace\n",
                kind.kind_string(),
                namespace(p)
            ));
        }
    }
    shell.act(actions);
    if p.get("wait") != Some("false") {
        let deadline = shell.now() + SimDuration::from_secs(3600);
        shell.advance_until(deadline, |e| {
            targets.iter().all(|(k, n)| find(e, *k, n).is_none())
        });
    }
    out
}

/// `--cascade` as kubectl reads it (delete_flags.go `parseCascadingFlag`): a policy, or one of
/// strconv.ParseBool's spellings of a boolean, deprecated, with the warning kubectl writes.
fn cascade(value: &str) -> Result<(Propagation, String), String> {
    let deprecated = |replacement: &str| {
        format!("warning: --cascade={value} is deprecated (boolean value) and can be replaced with --cascade={replacement}.\n")
    };
    match value {
        "background" => Ok((Propagation::Background, String::new())),
        "foreground" => Ok((Propagation::Foreground, String::new())),
        "orphan" => Ok((Propagation::Orphan, String::new())),
        "1" | "t" | "T" | "TRUE" | "true" | "True" => {
            Ok((Propagation::Background, deprecated("background")))
        }
        "0" | "f" | "F" | "FALSE" | "false" | "False" => {
            Ok((Propagation::Orphan, deprecated("orphan")))
        }
        other => Err(format!(
            "error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
        )),
    }
}

// ---- wait --------------------------------------------------------------------------------

const WAIT_FLAGS: &[Flag] = &[
    value("for", None),
    value("timeout", None),
    value("selector", Some('l')),
    boolean("all", None),
];

/// `kubectl wait --for=condition=C[=V]|delete|create|jsonpath=…` (staging/src/k8s.io/kubectl/pkg/cmd/wait:
/// `job.batch/pi condition met`, or `timed out waiting for the condition on jobs/pi`; the
/// default timeout is 30s). Virtual time passes until the condition holds or the timeout.
fn wait(shell: &mut Shell, p: &Parsed) -> Output {
    let Some(for_) = p.get("for") else {
        return Output::fail("error: --for must be specified: delete, condition=condition-name, jsonpath='{JSONPath expression}'=[JSONPath value] or create");
    };
    let want = if for_.eq_ignore_ascii_case("delete") {
        Want::Delete
    } else if for_.eq_ignore_ascii_case("create") {
        Want::Create
    } else if let Some(cond) = for_.strip_prefix("condition=") {
        let (name, value) = cond.split_once('=').unwrap_or((cond, "true"));
        Want::Condition(name.to_string(), value.to_string())
    } else if let Some(input) = for_.strip_prefix("jsonpath=") {
        match json_path_wait(input) {
            Ok(w) => w,
            Err(e) => return Output::fail(format!("error: {e}")),
        }
    } else {
        return Output::fail(format!("error: unrecognized condition: \"{for_}\""));
    };
    let timeout = match p.get("timeout") {
        None => SimDuration::from_secs(30),
        Some(t) => match SimDuration::parse(t) {
            Ok(d) if d < SimDuration::ZERO => SimDuration::from_secs(7 * 24 * 3600),
            Ok(d) => d.min(super::MAX_ADVANCE),
            Err(_) => return Output::fail(format!("error: invalid argument \"{t}\" for \"--timeout\" flag: time: invalid duration \"{t}\"\nSee 'kubectl wait --help' for usage.")),
        },
    };
    let selector = match selector_of(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let req = match request(&p.args, "wait on") {
        Ok(r) => r,
        Err(e) => return Output::fail(e),
    };
    let (objs, errors) = resolve_in(p, shell.engine(), &req, selector.as_ref());
    // For `--for=delete` an object already gone is a quiet success (wait.go ignores NotFound);
    // `--for=create` waits for the objects named (create.go `IsCreated`).
    let (for_delete, for_create) = (matches!(want, Want::Delete), matches!(want, Want::Create));
    if !errors.is_empty() && !for_delete && !for_create {
        return Output::fail(errors);
    }
    if objs.is_empty() && !for_delete && !for_create {
        return Output::fail("error: no matching resources found");
    }
    let targets: Vec<(Kind, String)> = if for_create {
        req.items
            .iter()
            .filter_map(|(k, n)| n.clone().map(|n| (*k, n)))
            .collect()
    } else {
        objs.iter()
            .map(|o| (o.kind(), o.name().to_string()))
            .collect()
    };
    if let Want::JsonPath(template, _) = &want {
        // An expression that picks several values or a list is an error at once (json.go
        // `verifyParsedJSONPath`, `compareResults`).
        for (kind, name) in &targets {
            if let Some(o) = find(shell.engine(), *kind, name) {
                if let Err(e) = json_path_value(template, &o.json(shell.engine())) {
                    return Output::fail(format!("error: {e}"));
                }
            }
        }
    }
    let deadline = shell.now() + timeout;
    let mut out = Output::default();
    let holds = |e: &Engine, kind: Kind, name: &str, want: &Want| -> bool {
        match (want, find(e, kind, name)) {
            (Want::Delete, found) => found.is_none(),
            (Want::Create, found) => found.is_some(),
            (Want::Condition(..) | Want::JsonPath(..), None) => false,
            (Want::JsonPath(template, value), Some(o)) => {
                match json_path_value(template, &o.json(e)) {
                    Ok(Some(found)) => value.as_ref().is_none_or(|v| found.trim() == v.trim()),
                    _ => false,
                }
            }
            (Want::Condition(c, v), Some(o)) => {
                let conditions: Vec<(String, String)> = match o {
                    Obj::Job(j) => j
                        .status
                        .conditions
                        .iter()
                        .map(|x| (x.type_.to_string(), x.status.to_string()))
                        .collect(),
                    Obj::Pod(p) => p
                        .status
                        .conditions
                        .iter()
                        .map(|x| (x.type_.to_string(), x.status.to_string()))
                        .collect(),
                    Obj::CronJob(_) | Obj::Node(_) => Vec::new(),
                };
                conditions
                    .iter()
                    .any(|(t, s)| t.eq_ignore_ascii_case(c) && s.eq_ignore_ascii_case(v))
            }
        }
    };
    for (kind, name) in &targets {
        let met = shell.advance_until(deadline, |e| holds(e, *kind, name, &want));
        if met {
            out.out
                .push_str(&format!("{}/{name} condition met\n", kind.kind_string()));
        } else if for_create {
            // wait.go's poll for creation ends with `wait.ErrorInterrupted`'s text.
            out.then(Output::fail("error: timed out waiting for the condition"));
            break;
        } else {
            out.then(Output::fail(format!(
                "error: timed out waiting for the condition on {}/{name}",
                kind.plural()
            )));
            break;
        }
    }
    out
}

/// What `kubectl wait --for=…` waits for (staging/src/k8s.io/kubectl/pkg/cmd/wait).
#[derive(Clone)]
enum Want {
    Condition(String, String),
    Delete,
    Create,
    /// A JSONPath and the value it must print (any value when `None`).
    JsonPath(Template, Option<String>),
}

/// `--for=jsonpath='{…}'[=value]` (wait.go `processJSONPathInput`: split on a single `=`, the
/// path relaxed as `get --sort-by` relaxes it, the value's quotes trimmed).
fn json_path_wait(input: &str) -> Result<Want, String> {
    let mut parts = vec![String::new()];
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '=' if chars.peek() == Some(&'=') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push_str("==");
                }
            }
            '=' => parts.push(String::new()),
            c => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
        }
    }
    let (path, value) = match parts.as_slice() {
        [path] => (path, None),
        [path, value] => {
            let value = value.trim_matches(|c| c == '\'' || c == '"');
            if value.is_empty() {
                return Err("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".into());
            }
            (path, Some(value.to_string()))
        }
        _ => return Err("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".into()),
    };
    let relaxed = jsonpath::relaxed(path)?;
    if relaxed.is_empty() {
        return Err("jsonpath expression cannot be empty".into());
    }
    Ok(Want::JsonPath(Template::parse(&relaxed)?, value))
}

/// The one value a wait's JSONPath picks, as Go's `%v` prints it; `None` when it picks none.
fn json_path_value(template: &Template, obj: &serde_json::Value) -> Result<Option<String>, String> {
    let sets = template.find(obj)?;
    match sets.as_slice() {
        [] => Ok(None),
        [one] if one.is_empty() => Ok(None),
        [one] if one.len() > 1 => {
            Err("given jsonpath expression matches more than one value".into())
        }
        [one] => match &one[0] {
            serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                Err("jsonpath leads to a nested object or list which is not supported".into())
            }
            v => Ok(Some(jsonpath::go_text(v))),
        },
        _ => Err("given jsonpath expression matches more than one list".into()),
    }
}

// ---- patch, label, annotate ----------------------------------------------------------------

const PATCH_FLAGS: &[Flag] = &[
    value("patch", Some('p')),
    value("patch-file", None),
    value("type", None),
    value("subresource", None),
    value("output", Some('o')),
];

/// `kubectl patch` (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go) of a Job or CronJob
/// with a strategic (the default), merge or JSON patch; the patched object goes through update
/// validation; `job.batch/pi patched`, or `(no change)`. With `--subresource=status`, a pod's
/// status conditions (the pod-failure-policy task's custom condition) become scripted
/// `addPodCondition` actions.
fn patch(shell: &mut Shell, p: &Parsed, files: &dyn Files) -> Output {
    let status = match p.get("subresource") {
        None | Some("") => false,
        Some("status") => true,
        Some(other) => {
            return Output::fail(format!(
                "jobplay: kubectl patch --subresource={other} is not simulated (status is, for a pod's conditions)"
            ))
        }
    };
    let text =
        match (p.get("patch"), p.get("patch-file")) {
            (Some(t), None) => t.to_string(),
            (None, Some(f)) => match files.read(f) {
                Ok(found) => found.into_iter().map(|(_, t)| t).collect(),
                Err(e) => return Output::fail(format!("error: {e}")),
            },
            (Some(_), Some(_)) => {
                return Output::fail("error: both patch and patch-file cannot be specified")
            }
            (None, None) => return Output::fail(
                "error: must specify --patch or --patch-file containing the contents of the patch",
            ),
        };
    let kind = p.get("type").unwrap_or("strategic");
    let patch: serde_json::Value = match parse_patch(&text) {
        Ok(v) => v,
        Err(e) => return Output::fail(format!("error: unable to parse \"{text}\": {e}")),
    };
    let req = match request(&p.args, "patch") {
        Ok(r) => r,
        Err(e) => return Output::fail(e),
    };
    let mut out = Output::default();
    let mut actions = Vec::new();
    for (k, name) in &req.items {
        let Some(name) = name else {
            return Output::fail("error: resource(s) were provided, but no name was specified");
        };
        let found = find(shell.engine(), *k, name).filter(|_| !elsewhere(p) || *k == Kind::Node);
        let Some(obj) = found else {
            out.then(Output::fail(not_found(*k, name)));
            continue;
        };
        let before = obj.json(shell.engine());
        let mut value = before.clone();
        let applied = match kind {
            "merge" => {
                merge_patch(&mut value, &patch);
                Ok(())
            }
            "strategic" => super::strategic_merge::apply(&mut value, &patch),
            "json" => json_patch(&mut value, &patch),
            other => Err(format!(
                "--type must be one of [json merge strategic], not \"{other}\""
            )),
        };
        if let Err(e) = applied {
            let e = if e.starts_with("jobplay:") {
                e
            } else {
                format!("error: {e}")
            };
            out.then(Output::fail(e));
            continue;
        }
        if status {
            match status_update(obj, &before, &value) {
                Ok(conditions) if conditions.is_empty() => out
                    .out
                    .push_str(&format!("{}/{name} patched (no change)\n", k.kind_string())),
                Ok(conditions) => {
                    out.out
                        .push_str(&format!("{}/{name} patched\n", k.kind_string()));
                    for (type_, reason, message) in conditions {
                        if !message.is_empty() {
                            out.err.push_str(&format!("jobplay: the {type_} condition's message is not kept: jobplay's scripted conditions carry a type and a reason\n"));
                        }
                        actions.push((
                            Verb::AddPodCondition { type_, reason },
                            Target::Pod(name.clone()),
                        ));
                    }
                }
                Err(e) => out.then(Output::fail(e)),
            }
            continue;
        }
        match update_from_json(obj, value) {
            Ok(None) => out
                .out
                .push_str(&format!("{}/{name} patched (no change)\n", k.kind_string())),
            Ok(Some(action)) => {
                out.out
                    .push_str(&format!("{}/{name} patched\n", k.kind_string()));
                actions.push(action);
            }
            Err(e) => out.then(Output::fail(e)),
        }
    }
    shell.act(actions);
    out
}

/// What a patch of a pod's `status` subresource changes, as the conditions it adds or sets
/// to `True`: (type, reason, message). The status subresource ignores everything outside
/// `status` (the pod status strategy's `PrepareForUpdate`); within it jobplay simulates
/// conditions the way a user or a controller adds them, and says so for anything else.
fn status_update(
    obj: Obj,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Result<Vec<(String, String, String)>, String> {
    use serde_json::Value;
    let Obj::Pod(_) = obj else {
        return Err(format!(
            "jobplay: patching the status of {}/{} is not simulated: its controller owns it; jobplay patches a pod's status conditions",
            obj.kind().kind_string(),
            obj.name()
        ));
    };
    let empty = Value::Null;
    let (old, new) = (
        before.get("status").unwrap_or(&empty),
        after.get("status").unwrap_or(&empty),
    );
    let without_conditions = |v: &Value| {
        let mut v = v.clone();
        if let Value::Object(m) = &mut v {
            m.remove("conditions");
        }
        v
    };
    if without_conditions(old) != without_conditions(new) {
        return Err("jobplay: patching a pod's status beyond its conditions is not simulated: the kubelet owns the rest".into());
    }
    let list = |v: &Value| {
        v.get("conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (old_list, new_list) = (list(old), list(new));
    let text = |c: &Value, k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut added = Vec::new();
    for c in &new_list {
        let type_ = text(c, "type");
        let same = old_list.iter().find(|o| text(o, "type") == type_);
        if same.is_some_and(|o| {
            text(o, "status") == text(c, "status") && text(o, "reason") == text(c, "reason")
        }) {
            continue;
        }
        if text(c, "status") != "True" {
            return Err(format!("jobplay: setting the {type_} condition to status {:?} is not simulated: jobplay adds conditions with status True", text(c, "status")));
        }
        added.push((type_, text(c, "reason"), text(c, "message")));
    }
    if old_list
        .iter()
        .any(|o| !new_list.iter().any(|n| text(n, "type") == text(o, "type")))
    {
        return Err("jobplay: removing a pod's condition is not simulated".into());
    }
    Ok(added)
}

/// A patch given as JSON or YAML (kubectl reads both).
fn parse_patch(text: &str) -> Result<serde_json::Value, String> {
    if let Ok(v) = serde_json::from_str(text) {
        return Ok(v);
    }
    let (docs, diags) = crate::scenario::yaml::parse_stream(text);
    if let Some(d) = diags.first() {
        return Err(d.message.clone());
    }
    docs.first()
        .and_then(|d| d.root.as_ref())
        .map(|root| crate::scenario::de::from_node::<serde_json::Value>(root, 0).0)
        .ok_or_else(|| "the patch is empty".to_string())
}

/// RFC 7386 JSON merge patch.
fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// RFC 6902 JSON patch: add, remove, replace and test on object fields and list items.
fn json_patch(target: &mut serde_json::Value, patch: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let ops = patch
        .as_array()
        .ok_or("a JSON patch is a list of operations")?;
    for op in ops {
        let kind = op
            .get("op")
            .and_then(Value::as_str)
            .ok_or("an operation needs \"op\"")?;
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .ok_or("an operation needs \"path\"")?;
        let parts: Vec<String> = path
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let Some((last, parents)) = parts.split_last() else {
            return Err(format!("invalid path {path:?}"));
        };
        let mut at = &mut *target;
        for part in parents {
            at = match at {
                Value::Object(m) => m.get_mut(part),
                Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            }
            .ok_or_else(|| format!("doc is missing path: {path:?}"))?;
        }
        let value = op.get("value").cloned();
        match (kind, at) {
            ("add" | "replace", Value::Object(m)) => {
                if kind == "replace" && !m.contains_key(last) {
                    return Err(format!(
                        "replace operation does not apply: doc is missing key: {path}"
                    ));
                }
                m.insert(last.clone(), value.ok_or("the operation needs \"value\"")?);
            }
            ("add", Value::Array(a)) => {
                let v = value.ok_or("the operation needs \"value\"")?;
                if last == "-" {
                    a.push(v);
                } else {
                    let i = last
                        .parse::<usize>()
                        .ok()
                        .filter(|i| *i <= a.len())
                        .ok_or_else(|| format!("invalid index {last}"))?;
                    a.insert(i, v);
                }
            }
            ("replace", Value::Array(a)) => {
                let slot = last
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.get_mut(i))
                    .ok_or_else(|| format!("invalid index {last}"))?;
                *slot = value.ok_or("the operation needs \"value\"")?;
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(|| {
                    format!("remove operation does not apply: doc is missing key: {path}")
                })?;
            }
            ("remove", Value::Array(a)) => {
                let i = last
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < a.len())
                    .ok_or_else(|| format!("invalid index {last}"))?;
                a.remove(i);
            }
            ("test", Value::Object(m)) => {
                if m.get(last) != value.as_ref() {
                    return Err(format!("testing value {path} failed"));
                }
            }
            (other, _) => {
                return Err(format!(
                    "jobplay: JSON patch operation \"{other}\" on {path} is not simulated"
                ))
            }
        }
    }
    Ok(())
}

/// The object a patch, label or annotate leaves, as an update action, after update
/// validation; `None` when nothing changed.
fn update_from_json(obj: Obj, value: serde_json::Value) -> Result<Option<(Verb, Target)>, String> {
    match obj {
        Obj::Job(live) => {
            let new: Job = serde_json::from_value(value).map_err(|e| format!("error: {e}"))?;
            if new.spec == live.spec && new.metadata.labels == live.metadata.labels && new.metadata.annotations == live.metadata.annotations {
                return Ok(None);
            }
            check_job_update(&new, live)?;
            let name = new.metadata.name.to_string();
            Ok(Some((Verb::ApplyJob(Box::new(new)), Target::Job(name))))
        }
        Obj::CronJob(live) => {
            let new: CronJob = serde_json::from_value(value).map_err(|e| format!("error: {e}"))?;
            if new.spec == live.spec && new.metadata.labels == live.metadata.labels && new.metadata.annotations == live.metadata.annotations {
                return Ok(None);
            }
            check_cron_job_update(&new)?;
            let name = new.metadata.name.to_string();
            Ok(Some((Verb::ApplyCronJob(Box::new(new)), Target::CronJob(name))))
        }
        other => Err(format!(
            "jobplay: changing {}/{} is not simulated; jobplay patches, labels and annotates jobs and cronjobs",
            other.kind().kind_string(),
            other.name()
        )),
    }
}

const LABEL_FLAGS: &[Flag] = &[
    boolean("overwrite", None),
    boolean("all", None),
    value("selector", Some('l')),
];

/// `kubectl label|annotate TYPE NAME k=v k2-` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go:
/// `job.batch/pi labeled`; an existing key needs `--overwrite`).
fn label(shell: &mut Shell, p: &Parsed, labels: bool) -> Output {
    let (field, verb) = if labels {
        ("labels", "labeled")
    } else {
        ("annotations", "annotated")
    };
    let (changes, resources): (Vec<&String>, Vec<&String>) = p.args.iter().partition(|a| {
        a.contains('=') || (a.ends_with('-') && !a.contains('/') && p.args.first() != Some(a))
    });
    if changes.is_empty() {
        return Output::fail(format!(
            "error: at least one {} update is required",
            if labels { "label" } else { "annotation" }
        ));
    }
    let resources: Vec<String> = resources.into_iter().cloned().collect();
    let req = match request(&resources, "update") {
        Ok(r) => r,
        Err(e) => return Output::fail(e),
    };
    let selector = match selector_of(p) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let (objs, errors) = resolve_in(p, shell.engine(), &req, selector.as_ref());
    let mut out = Output::default();
    if !errors.is_empty() {
        out.then(Output::fail(errors));
    }
    let mut actions = Vec::new();
    for obj in objs {
        let mut value = obj.json(shell.engine());
        let map = value
            .get_mut("metadata")
            .and_then(|m| m.as_object_mut())
            .map(|m| m.entry(field).or_insert_with(|| serde_json::json!({})));
        let Some(serde_json::Value::Object(map)) = map else {
            continue;
        };
        let mut refused = None;
        for c in &changes {
            if let Some(key) = c.strip_suffix('-').filter(|_| !c.contains('=')) {
                map.remove(key);
            } else if let Some((k, v)) = c.split_once('=') {
                if map.get(k).is_some_and(|old| old != v) && !p.is("overwrite") {
                    refused = Some(format!(
                        "error: '{k}' already has a value ({}), and --overwrite is false",
                        map[k].as_str().unwrap_or_default()
                    ));
                }
                map.insert(k.to_string(), serde_json::Value::String(v.to_string()));
            }
        }
        if let Some(e) = refused {
            out.then(Output::fail(e));
            continue;
        }
        match update_from_json(obj, value) {
            Ok(None) => out.out.push_str(&format!(
                "{}/{} not {verb}\n",
                obj.kind().kind_string(),
                obj.name()
            )),
            Ok(Some(action)) => {
                out.out.push_str(&format!(
                    "{}/{} {verb}\n",
                    obj.kind().kind_string(),
                    obj.name()
                ));
                actions.push(action);
            }
            Err(e) => out.then(Output::fail(e)),
        }
    }
    shell.act(actions);
    out
}

// ---- nodes -------------------------------------------------------------------------------

const NODE_FLAGS: &[Flag] = &[
    boolean("ignore-daemonsets", None),
    boolean("delete-emptydir-data", None),
    boolean("force", None),
    value("grace-period", None),
    value("timeout", None),
    value("selector", Some('l')),
];

/// `kubectl cordon|uncordon|drain NODE` (staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go:
/// `node/node-1 cordoned`, `already cordoned`, `evicting pod default/x`, `pod/x evicted`,
/// `node/node-1 drained`). A drain waits, in virtual time, until the node's pods are gone.
fn node(shell: &mut Shell, p: &Parsed, command: &str) -> Output {
    let [arg] = p.args.as_slice() else {
        return Output::fail(format!("error: USAGE: {command} NODE [flags]\nSee 'kubectl {command} -h' for help and examples"));
    };
    let name = match arg.split_once('/') {
        Some(("node" | "nodes" | "no", n)) => n,
        Some((t, _)) => {
            return Output::fail(format!(
                "error: {command} only applies to nodes, not \"{t}\""
            ))
        }
        None => arg.as_str(),
    };
    let Some(node) = shell.engine().nodes().iter().find(|n| n.info.name == name) else {
        return Output::fail(not_found(Kind::Node, name));
    };
    let mut out = Output::default();
    let cordoned = node.unschedulable;
    match command {
        "uncordon" => {
            if !cordoned {
                out.out = format!("node/{name} already uncordoned\n");
            } else {
                out.out = format!("node/{name} uncordoned\n");
                shell.act(vec![(Verb::UncordonNode, Target::Node(name.to_string()))]);
            }
        }
        "cordon" => {
            if cordoned {
                out.out = format!("node/{name} already cordoned\n");
            } else {
                out.out = format!("node/{name} cordoned\n");
                shell.act(vec![(Verb::CordonNode, Target::Node(name.to_string()))]);
            }
        }
        _ => {
            let mut pods: Vec<String> = shell
                .engine()
                .pods()
                .filter(|pod| {
                    pod.spec.node_name == name
                        && pod.metadata.deletion_timestamp.is_none()
                        && !pod.is_terminal()
                })
                .map(|pod| pod.metadata.name.to_string())
                .collect();
            pods.sort();
            out.out = if cordoned {
                format!("node/{name} already cordoned\n")
            } else {
                format!("node/{name} cordoned\n")
            };
            for pod in &pods {
                out.out.push_str(&format!("evicting pod default/{pod}\n"));
            }
            shell.act(vec![(Verb::DrainNode, Target::Node(name.to_string()))]);
            let deadline = shell.now() + SimDuration::from_secs(3600);
            for pod in &pods {
                shell.advance_until(deadline, |e| e.pod(pod).is_none());
                out.out.push_str(&format!("pod/{pod} evicted\n"));
            }
            out.out.push_str(&format!("node/{name} drained\n"));
        }
    }
    out
}
