//! kubectl commands a cluster answers without jobplay simulating what they do: `top` (no
//! metrics server), `scale` (Jobs have no scale subresource), `rollout` and `expose` (no
//! workload kind jobplay has supports them), `api-resources`; and the commands that reach
//! into a container or a pod's network (`exec`, `attach`, `port-forward`, `cp`), start a
//! bare pod (`run`) or an editor (`edit`), answered as a cluster answers when the pod is
//! missing or finished and otherwise with why jobplay cannot do them.

use super::args::{boolean, value, Flag, Parsed};
use super::kubectl::{find, not_found, Kind, Obj};
use super::{Output, Shell};

pub(super) const TOP_FLAGS: &[Flag] = &[
    value("selector", Some('l')),
    boolean("containers", None),
    boolean("all-namespaces", Some('A')),
    value("sort-by", None),
    boolean("no-headers", None),
];

/// `kubectl top pod|node`: no metrics server is installed (cmd/top/top_pod.go,
/// top_node.go: `Metrics API not available`).
pub(super) fn top(p: &Parsed) -> Output {
    match p.args.first().map(String::as_str) {
        Some("pod" | "pods" | "po" | "node" | "nodes" | "no") => {
            Output::fail("error: Metrics API not available")
        }
        Some(other) => Output::fail(format!(
            "error: unknown command \"{other}\" for \"kubectl top\"\n\nDid you mean this?\n\tnode\n\tpod\n"
        )),
        None => Output::out("Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n"),
    }
}

pub(super) const SCALE_FLAGS: &[Flag] = &[
    value("replicas", None),
    value("current-replicas", None),
    value("resource-version", None),
    value("timeout", None),
    value("selector", Some('l')),
    boolean("all", None),
];

/// `kubectl scale TYPE NAME --replicas=N` (cmd/scale/scale.go): the object is read, then its
/// `scale` subresource patched; Jobs, CronJobs and pods have none, so the API server answers
/// 404 and client-go words it as `NewGenericServerResponse` does.
pub(super) fn scale(shell: &Shell, p: &Parsed) -> Output {
    let replicas = p.get("replicas").and_then(|r| r.parse::<i64>().ok());
    if replicas.is_none_or(|r| r < 0) {
        return Output::fail(
            "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        );
    }
    let objs = match objects(shell, &p.args) {
        Ok(o) => o,
        Err(o) => return o,
    };
    let Some((kind, name)) = objs.first() else {
        return Output::fail("error: no objects passed to scale");
    };
    let mut out = Output::fail(format!(
        "Error from server (NotFound): the server could not find the requested resource (patch {} {name})",
        kind.resource()
    ));
    if *kind == Kind::Job {
        out.err.push_str("jobplay: a Job has no scale subresource; change its parallelism with kubectl patch job NAME -p '{\"spec\":{\"parallelism\":N}}'\n");
    }
    out
}

/// `kubectl rollout SUBCOMMAND TYPE/NAME`: polymorphichelpers' answers for kinds that have no
/// rollout (rollout_status.go, history.go, rollback.go, objectpauser.go, objectresumer.go,
/// objectrestarter.go).
pub(super) fn rollout(shell: &Shell, p: &Parsed) -> Output {
    let Some((sub, rest)) = p.args.split_first() else {
        return Output::out("Manage the rollout of one or many resources.\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n");
    };
    let objs = match objects(shell, rest) {
        Ok(o) => o,
        Err(o) => return o,
    };
    let Some((kind, _)) = objs.first() else {
        return Output::fail("error: required resource not specified");
    };
    let group_kind = match kind {
        Kind::Job => "Job.batch",
        Kind::CronJob => "CronJob.batch",
        Kind::Pod => "Pod",
        Kind::Node => "Node",
        _ => "Event",
    };
    Output::fail(match sub.as_str() {
        "status" => format!("error: no status viewer has been implemented for {group_kind}"),
        "history" => format!("error: no history viewer has been implemented for \"{group_kind}\""),
        "undo" => format!("error: no rollbacker has been implemented for \"{group_kind}\""),
        "pause" => "error: pausing is not supported".into(),
        "resume" => "error: resuming is not supported".into(),
        "restart" => "error: restarting is not supported".into(),
        other => format!("error: unknown command \"{other}\" for \"kubectl rollout\""),
    })
}

/// `kubectl expose TYPE NAME` (polymorphichelpers/canbeexposed.go): a Job or CronJob cannot
/// be exposed; a pod could, but jobplay keeps Services only as names.
pub(super) fn expose(shell: &Shell, p: &Parsed) -> Output {
    let objs = match objects(shell, &p.args) {
        Ok(o) => o,
        Err(o) => return o,
    };
    match objs.first() {
        None => Output::fail("error: You must provide one or more resources by argument or filename."),
        Some((Kind::Job, _)) => Output::fail("error: cannot expose a Job.batch"),
        Some((Kind::CronJob, _)) => Output::fail("error: cannot expose a CronJob.batch"),
        Some((Kind::Node, _)) => Output::fail("error: cannot expose a Node"),
        Some((_, name)) => Output::fail(format!(
            "jobplay: kubectl expose pod {name} is not simulated: jobplay keeps a Service only as the DNS name a headless Service gives an Indexed Job's pods; apply a Service manifest for that"
        )),
    }
}

/// `kubectl exec|attach|port-forward POD` and `kubectl cp POD:PATH …`: the pod must exist
/// and, for exec and attach, not be finished (cmd/exec/exec.go, cmd/attach/attach.go); past
/// that jobplay has no process, terminal, port or file to reach.
pub(super) fn into_pod(shell: &Shell, command: &str, p: &Parsed) -> Output {
    let target = match command {
        "cp" => p
            .args
            .iter()
            .find_map(|a| a.split_once(':').map(|(pod, _)| pod.to_string())),
        _ => p.args.first().cloned(),
    };
    let Some(target) = target else {
        return Output::fail(match command {
            "cp" => "error: one of src or dest must be a remote file specification",
            "port-forward" => "error: TYPE/NAME and list of ports are required for port-forward",
            _ => "error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command",
        });
    };
    let name = target
        .strip_prefix("pod/")
        .or_else(|| target.strip_prefix("pods/"))
        .unwrap_or(&target);
    let Some(Obj::Pod(pod)) = find(shell.engine(), Kind::Pod, name) else {
        return Output::fail(not_found(Kind::Pod, name));
    };
    if matches!(command, "exec" | "attach") && pod.is_terminal() {
        let verb = if command == "exec" {
            "exec into"
        } else {
            "attach to"
        };
        return Output::fail(format!(
            "error: cannot {verb} a container in a completed pod; current phase is {}",
            pod.status.phase
        ));
    }
    Output::fail(match command {
        "exec" => "jobplay: kubectl exec is not simulated: jobplay's containers are simulated from their commands, so there is no process to run another command in",
        "attach" => "jobplay: kubectl attach is not simulated: jobplay's containers have no terminal to attach to (kubectl logs -f follows their output)",
        "port-forward" => "jobplay: kubectl port-forward is not simulated: jobplay's containers serve no network ports",
        _ => "jobplay: kubectl cp is not simulated: jobplay's containers have no file systems",
    })
}

/// `kubectl run NAME --image=…`: it creates a bare pod, which jobplay does not simulate.
pub(super) fn run(p: &Parsed) -> Output {
    let name = p.args.first().map_or("NAME", String::as_str);
    Output::fail(format!(
        "jobplay: kubectl run is not simulated: it creates a bare pod, and jobplay simulates pods as the Job controller creates them; try kubectl create job {name} --image=IMAGE -- COMMAND"
    ))
}

/// `kubectl edit`: it opens an editor.
pub(super) fn edit() -> Output {
    Output::fail("jobplay: kubectl edit is not simulated: it opens an editor, and jobplay has none; change an object with kubectl patch, or with kubectl apply -f and the changed manifest")
}

/// `kubectl api-resources` (cmd/apiresources/apiresources.go): NAME, SHORTNAMES,
/// APIVERSION, NAMESPACED, KIND, sorted by group then name; only what jobplay simulates.
pub(super) fn api_resources(p: &Parsed) -> Output {
    const ROWS: &[[&str; 5]] = &[
        ["configmaps", "cm", "v1", "true", "ConfigMap"],
        ["events", "ev", "v1", "true", "Event"],
        ["nodes", "no", "v1", "false", "Node"],
        ["pods", "po", "v1", "true", "Pod"],
        ["secrets", "", "v1", "true", "Secret"],
        ["services", "svc", "v1", "true", "Service"],
        ["cronjobs", "cj", "batch/v1", "true", "CronJob"],
        ["jobs", "", "batch/v1", "true", "Job"],
    ];
    let group = p.get("api-group");
    let namespaced = p.get("namespaced");
    let rows: Vec<Vec<String>> = ROWS
        .iter()
        .filter(|r| {
            group.is_none_or(|g| r[2].split_once('/').map_or("", |(g, _)| g) == g)
                && namespaced.is_none_or(|n| r[3] == n)
        })
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let text = if p.get("output") == Some("name") {
        rows.iter()
            .map(|r| match r[2].split_once('/') {
                Some((g, _)) => format!("{}.{g}\n", r[0]),
                None => format!("{}\n", r[0]),
            })
            .collect()
    } else if rows.is_empty() {
        String::new()
    } else {
        crate::view_model::kubectl::table(
            &["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"],
            &rows,
        )
    };
    Output {
        out: text,
        err:
            "jobplay: only the resources jobplay simulates are listed; a cluster serves many more\n"
                .into(),
        ..Output::default()
    }
}

pub(super) const API_RESOURCES_FLAGS: &[Flag] = &[
    value("api-group", None),
    value("namespaced", None),
    value("output", Some('o')),
    boolean("no-headers", None),
    value("verbs", None),
    value("sort-by", None),
    boolean("cached", None),
];

/// The (kind, name) pairs of `TYPE NAME` or `TYPE/NAME` arguments that exist; the first
/// missing one is kubectl's NotFound.
fn objects(shell: &Shell, args: &[String]) -> Result<Vec<(Kind, String)>, Output> {
    let mut pairs = Vec::new();
    match args {
        [] => {}
        [one] if one.contains('/') => {
            if let Some((t, n)) = one.split_once('/') {
                pairs.push((t.to_string(), n.to_string()));
            }
        }
        [t, names @ ..] => pairs.extend(names.iter().map(|n| (t.clone(), n.clone()))),
    }
    if pairs.is_empty() && !args.is_empty() {
        return Err(Output::fail(
            "error: resource(s) were provided, but no name was specified",
        ));
    }
    let mut out = Vec::new();
    for (t, n) in pairs {
        let kinds = Kind::parse(&t).map_err(Output::fail)?;
        for kind in kinds {
            if find(shell.engine(), kind, &n).is_none() {
                return Err(Output::fail(not_found(kind, &n)));
            }
            out.push((kind, n.clone()));
        }
    }
    Ok(out)
}

pub(super) const INTO_POD_FLAGS: &[Flag] = &[
    value("container", Some('c')),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
    boolean("quiet", Some('q')),
    value("address", None),
    value("pod-running-timeout", None),
    boolean("no-preserve", None),
    value("retries", None),
];

pub(super) const RUN_FLAGS: &[Flag] = &[
    value("image", None),
    value("restart", None),
    boolean("command", None),
    boolean("rm", None),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
    value("env", None),
    value("labels", Some('l')),
    value("overrides", None),
    value("port", None),
    value("dry-run", None),
    value("output", Some('o')),
    boolean("attach", None),
    value("image-pull-policy", None),
];

pub(super) const EDIT_FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    value("output", Some('o')),
    value("subresource", None),
];

pub(super) const EXPOSE_FLAGS: &[Flag] = &[
    value("port", None),
    value("target-port", None),
    value("name", None),
    value("type", None),
    value("protocol", None),
    value("selector", None),
];

pub(super) const ROLLOUT_FLAGS: &[Flag] = &[
    boolean("watch", Some('w')),
    value("timeout", None),
    value("revision", None),
    value("to-revision", None),
];
