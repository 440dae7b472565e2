//! Scripted actions: what the user (or the scenario) does to the cluster at a given time.
//! Pure data; `sim::engine` applies them.

use crate::api::{CronJob, Job};
use crate::time::SimDuration;

/// One action at an offset from the scenario's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub at: SimDuration,
    pub verb: Verb,
    pub target: Target,
}

/// What to do. Names and parameters as docs/scenario.md ("Scripted actions") lists them.
#[derive(Clone, Debug, PartialEq)]
pub enum Verb {
    FailPod {
        exit_code: i32,
    },
    SucceedPod,
    EvictPod,
    DeletePod,
    AddPodCondition {
        type_: String,
        reason: String,
    },
    DrainNode,
    CordonNode,
    UncordonNode,
    FailNode,
    RestoreNode,
    Suspend,
    Resume,
    SetParallelism(i32),
    DeleteJob,
    DeleteCronJob,
    TriggerCronJob,
    PauseControllers,
    ResumeControllers,
    /// `kubectl apply` / `create` / `patch` of a Job, already defaulted and validated by the
    /// shell (`shell::kubectl`): the API server creates it when no Job has its name, else the
    /// stored Job's labels, annotations and spec become these (its status stays). The scenario
    /// text cannot write it yet; a shell session holds it in its `Scenario`.
    ApplyJob(Box<Job>),
    /// The same for a CronJob.
    ApplyCronJob(Box<CronJob>),
    /// `kubectl delete --cascade=foreground` of a Job or a CronJob: it stays, being deleted,
    /// until the garbage collector has deleted its dependents. Like the two above, only a
    /// shell session writes it.
    DeleteInForeground,
    /// `kubectl delete --cascade=orphan` of a Job or a CronJob: it goes, and its dependents
    /// stay without it. Only a shell session writes it.
    DeleteOrphaning,
}

/// What an action points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    None,
    /// `pod/NAME`
    Pod(String),
    /// `job/NAME`
    Job(String),
    /// `job/NAME#I`: the live pod of completion index I.
    JobIndex(String, i32),
    /// `job/NAME@N`: the N-th pod the Job created, counting from 1.
    JobNth(String, u32),
    /// `cronjob/NAME`
    CronJob(String),
    /// `node/NAME`
    Node(String),
}

impl Verb {
    /// The scenario spelling of the verb.
    pub fn name(&self) -> &'static str {
        match self {
            Verb::FailPod { .. } => "failPod",
            Verb::SucceedPod => "succeedPod",
            Verb::EvictPod => "evictPod",
            Verb::DeletePod => "deletePod",
            Verb::AddPodCondition { .. } => "addPodCondition",
            Verb::DrainNode => "drainNode",
            Verb::CordonNode => "cordonNode",
            Verb::UncordonNode => "uncordonNode",
            Verb::FailNode => "failNode",
            Verb::RestoreNode => "restoreNode",
            Verb::Suspend => "suspend",
            Verb::Resume => "resume",
            Verb::SetParallelism(_) => "setParallelism",
            Verb::DeleteJob => "deleteJob",
            Verb::DeleteCronJob => "deleteCronJob",
            Verb::TriggerCronJob => "triggerCronJob",
            Verb::PauseControllers => "pauseControllers",
            Verb::ResumeControllers => "resumeControllers",
            Verb::ApplyJob(_) => "applyJob",
            Verb::ApplyCronJob(_) => "applyCronJob",
            Verb::DeleteInForeground => "deleteInForeground",
            Verb::DeleteOrphaning => "deleteOrphaning",
        }
    }
}

/// All verb spellings, for "supported values" messages.
pub const VERBS: &[&str] = &[
    "failPod",
    "succeedPod",
    "evictPod",
    "deletePod",
    "addPodCondition",
    "drainNode",
    "cordonNode",
    "uncordonNode",
    "failNode",
    "restoreNode",
    "suspend",
    "resume",
    "setParallelism",
    "deleteJob",
    "deleteCronJob",
    "triggerCronJob",
    "pauseControllers",
    "resumeControllers",
];

impl Target {
    /// Parses `kind/NAME`, `job/NAME#I`, `job/NAME@N`.
    pub fn parse(text: &str) -> Result<Target, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Target::None);
        }
        let (kind, rest) = text.split_once('/').ok_or_else(|| {
            format!(
                "target \"{text}\" must look like job/NAME, pod/NAME, node/NAME or cronjob/NAME"
            )
        })?;
        if rest.is_empty() {
            return Err(format!("target \"{text}\" has no name after \"{kind}/\""));
        }
        match kind {
            "pod" | "pods" => Ok(Target::Pod(rest.into())),
            "node" | "nodes" => Ok(Target::Node(rest.into())),
            "cronjob" | "cronjobs" | "cj" => Ok(Target::CronJob(rest.into())),
            "job" | "jobs" => {
                if let Some((name, index)) = rest.split_once('#') {
                    let i = index
                        .parse::<i32>()
                        .ok()
                        .filter(|i| *i >= 0)
                        .ok_or_else(|| {
                            format!("target \"{text}\": \"{index}\" is not a completion index")
                        })?;
                    Ok(Target::JobIndex(name.into(), i))
                } else if let Some((name, nth)) = rest.split_once('@') {
                    let n = nth.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        format!(
                            "target \"{text}\": \"{nth}\" is not a pod number (counting from 1)"
                        )
                    })?;
                    Ok(Target::JobNth(name.into(), n))
                } else {
                    Ok(Target::Job(rest.into()))
                }
            }
            other => Err(format!(
                "target \"{text}\": unknown kind \"{other}\" (use job, pod, node or cronjob)"
            )),
        }
    }

    /// The scenario spelling of the target.
    pub fn render(&self) -> String {
        match self {
            Target::None => String::new(),
            Target::Pod(n) => format!("pod/{n}"),
            Target::Job(n) => format!("job/{n}"),
            Target::JobIndex(n, i) => format!("job/{n}#{i}"),
            Target::JobNth(n, k) => format!("job/{n}@{k}"),
            Target::CronJob(n) => format!("cronjob/{n}"),
            Target::Node(n) => format!("node/{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_target_form_and_explains_bad_ones() {
        assert_eq!(
            Target::parse("job/pi#2"),
            Ok(Target::JobIndex("pi".into(), 2))
        );
        assert_eq!(
            Target::parse("job/pi@1"),
            Ok(Target::JobNth("pi".into(), 1))
        );
        assert_eq!(
            Target::parse("node/node-2"),
            Ok(Target::Node("node-2".into()))
        );
        assert!(Target::parse("job/pi@0")
            .unwrap_err()
            .contains("counting from 1"));
        assert!(Target::parse("deployment/x")
            .unwrap_err()
            .contains("unknown kind"));
        for t in ["job/pi#2", "job/pi@3", "pod/a-b", "cronjob/c"] {
            assert_eq!(Target::parse(t).unwrap().render(), t);
        }
    }
}
