//! Scripted actions (`spec.actions`, and the playground's buttons, which write theirs into the
//! text) read against the cluster as it is when they come due: which live pod a target names,
//! whether the verb fits the target, and the decision that records the action. What a user
//! would do with kubectl (`kubectl delete pod`, `kubectl cordon`, `kubectl patch job`, ...)
//! becomes an [`Effect`] the engine carries out as the API server and controllers would.

use super::event_log::Decision;
use super::garbage_collector::Propagation;
use super::store::Store;
use crate::api::Str;
use crate::scenario::action::{Action, Target, Verb};
use crate::time::SimTime;

/// An action as the engine is to apply it.
#[derive(Clone, Debug, PartialEq)]
pub struct Interpretation {
    /// `Scripted action: failPod job/pi@1`, recorded before anything the action causes.
    pub decision: Decision,
    pub effect: Effect,
}

/// What an action does.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// The pod's containers exit now: with this code, or successfully (`None`).
    ForceExit {
        pod: String,
        exit_code: Option<i32>,
    },
    /// `kubectl delete pod`.
    DeletePod {
        pod: String,
    },
    /// The Eviction API: the pod gets `DisruptionTarget` and is deleted.
    EvictPod {
        pod: String,
    },
    /// A condition set on the pod's status, as a component that owns it would.
    AddPodCondition {
        pod: String,
        type_: String,
        reason: String,
    },
    /// cordon, uncordon, drain, fail or restore (see `node_lifecycle.rs`).
    Node {
        verb: Verb,
        node: String,
    },
    /// `kubectl patch job` of `spec.suspend`.
    SuspendJob {
        job: String,
        suspend: bool,
    },
    /// `kubectl scale job` / a patch of `spec.parallelism`.
    SetParallelism {
        job: String,
        parallelism: i32,
    },
    /// `kubectl delete job`, its pods going after it, before it, or not at all.
    DeleteJob {
        job: String,
        propagation: Propagation,
    },
    /// `kubectl delete cronjob` (its Jobs, then their pods, go after it, before it, or not at
    /// all).
    DeleteCronJob {
        cron_job: String,
        propagation: Propagation,
    },
    /// `kubectl patch cronjob` of `spec.suspend`.
    SuspendCronJob {
        cron_job: String,
        suspend: bool,
    },
    /// `kubectl create job --from=cronjob/NAME`.
    TriggerCronJob {
        cron_job: String,
    },
    /// `kubectl apply` of an object: created when new, else its labels, annotations and spec
    /// are replaced.
    ApplyJob(Box<crate::api::Job>),
    ApplyCronJob(Box<crate::api::CronJob>),
    /// kube-controller-manager goes down.
    PauseControllers,
    /// kube-controller-manager comes back and lists everything.
    ResumeControllers,
    /// The action cannot apply: the message of its `ActionSkipped` warning.
    Skip(String),
}

/// Reads `action` against the cluster in `store` at `now`.
pub fn interpret(action: &Action, store: &Store, now: SimTime) -> Interpretation {
    let target = action.target.render();
    let decision = Decision::new(
        now,
        target_object(&action.target),
        "action",
        format!("Scripted action: {} {}", action.verb.name(), target),
    );
    let pod = || match resolve_pod(&action.target, store) {
        Some(pod) => Ok(pod),
        None => Err(Effect::Skip(format!(
            "no live pod matches {target} at {}",
            now.rfc3339()
        ))),
    };
    let effect = match (&action.verb, &action.target) {
        (Verb::FailPod { exit_code }, _) => pod().map(|pod| Effect::ForceExit {
            pod,
            exit_code: Some(*exit_code),
        }),
        (Verb::SucceedPod, _) => pod().map(|pod| Effect::ForceExit {
            pod,
            exit_code: None,
        }),
        (Verb::DeletePod, _) => pod().map(|pod| Effect::DeletePod { pod }),
        (Verb::EvictPod, _) => pod().map(|pod| Effect::EvictPod { pod }),
        (Verb::AddPodCondition { type_, reason }, _) => pod().map(|pod| Effect::AddPodCondition {
            pod,
            type_: type_.clone(),
            reason: reason.clone(),
        }),
        (
            Verb::CordonNode
            | Verb::UncordonNode
            | Verb::DrainNode
            | Verb::FailNode
            | Verb::RestoreNode,
            Target::Node(node),
        ) => Ok(Effect::Node {
            verb: action.verb.clone(),
            node: node.clone(),
        }),
        (Verb::Suspend | Verb::Resume, Target::Job(job)) => Ok(Effect::SuspendJob {
            job: job.clone(),
            suspend: action.verb == Verb::Suspend,
        }),
        (Verb::SetParallelism(v), Target::Job(job)) => Ok(Effect::SetParallelism {
            job: job.clone(),
            parallelism: *v,
        }),
        (Verb::DeleteJob | Verb::DeleteInForeground | Verb::DeleteOrphaning, Target::Job(job)) => {
            Ok(Effect::DeleteJob {
                job: job.clone(),
                propagation: propagation(&action.verb),
            })
        }
        (Verb::Suspend | Verb::Resume, Target::CronJob(cj)) => Ok(Effect::SuspendCronJob {
            cron_job: cj.clone(),
            suspend: action.verb == Verb::Suspend,
        }),
        (
            Verb::DeleteCronJob | Verb::DeleteInForeground | Verb::DeleteOrphaning,
            Target::CronJob(cj),
        ) => Ok(Effect::DeleteCronJob {
            cron_job: cj.clone(),
            propagation: propagation(&action.verb),
        }),
        (Verb::TriggerCronJob, Target::CronJob(cj)) => Ok(Effect::TriggerCronJob {
            cron_job: cj.clone(),
        }),
        (Verb::ApplyJob(job), _) => Ok(Effect::ApplyJob(job.clone())),
        (Verb::ApplyCronJob(cj), _) => Ok(Effect::ApplyCronJob(cj.clone())),
        (Verb::PauseControllers, _) => Ok(Effect::PauseControllers),
        (Verb::ResumeControllers, _) => Ok(Effect::ResumeControllers),
        (verb, t) => Err(Effect::Skip(format!(
            "action {} cannot apply to {}: {}",
            verb.name(),
            if target.is_empty() {
                "no target".to_string()
            } else {
                t.render()
            },
            unsupported_reason(verb)
        ))),
    };
    Interpretation {
        decision,
        effect: effect.unwrap_or_else(|skip| skip),
    }
}

/// The live pod an action target points at.
fn resolve_pod(target: &Target, store: &Store) -> Option<String> {
    match target {
        Target::Pod(name) => store.pods.contains_key(name).then(|| name.clone()),
        Target::JobNth(job, n) => store
            .jobs
            .get(job)?
            .created
            .get(*n as usize - 1)
            .filter(|p| store.pods.contains_key(p))
            .map(Str::to_string),
        Target::JobIndex(job, i) => store
            .jobs
            .get(job)?
            .created
            .iter()
            .rev()
            .find(|p| {
                store
                    .pods
                    .get(p)
                    .is_some_and(|e| e.pod.is_active() && e.pod.completion_index() == Some(*i))
            })
            .map(Str::to_string),
        _ => None,
    }
}

fn unsupported_reason(verb: &Verb) -> &'static str {
    match verb {
        Verb::TriggerCronJob => "triggerCronJob needs a cronjob/NAME target",
        Verb::DeleteCronJob => "deleteCronJob needs a cronjob/NAME target",
        Verb::CordonNode
        | Verb::UncordonNode
        | Verb::DrainNode
        | Verb::FailNode
        | Verb::RestoreNode => "node actions need a node/NAME target",
        Verb::Suspend | Verb::Resume => "suspend and resume need a job/NAME or cronjob/NAME target",
        Verb::SetParallelism(_) | Verb::DeleteJob => "job actions need a job/NAME target",
        Verb::DeleteInForeground | Verb::DeleteOrphaning => {
            "deletions need a job/NAME or cronjob/NAME target"
        }
        _ => "the target does not fit the action",
    }
}

fn target_object(target: &Target) -> String {
    match target {
        Target::None => "Cluster/controller-manager".into(),
        Target::Pod(n) => format!("Pod/{n}"),
        Target::Job(n) | Target::JobIndex(n, _) | Target::JobNth(n, _) => format!("Job/{n}"),
        Target::CronJob(n) => format!("CronJob/{n}"),
        Target::Node(n) => format!("Node/{n}"),
    }
}

/// The deletion policy a delete verb asks for.
fn propagation(verb: &Verb) -> Propagation {
    match verb {
        Verb::DeleteInForeground => Propagation::Foreground,
        Verb::DeleteOrphaning => Propagation::Orphan,
        _ => Propagation::Background,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Job, Pod};
    use crate::controller::job::BackoffRecord;
    use crate::sim::store::{JobEntry, PodEntry, PodRuntime};
    use crate::sim::AppendLog;
    use crate::time::SimDuration;

    const NOW: SimTime = SimTime::DEFAULT_START;

    /// Job `pi` created pods `pi-a`, `pi-b` and `pi-c`; `pi-a` is gone from the API.
    fn cluster() -> Store {
        let mut store = Store::default();
        let mut created = AppendLog::default();
        for name in ["pi-a", "pi-b", "pi-c"] {
            created.push(Str::copy(name));
        }
        store.jobs.insert(
            "pi".into(),
            JobEntry {
                job: Job::default(),
                backoff: BackoffRecord::default(),
                index_failures: Default::default(),
                live: Default::default(),
                created,
                attempts: Default::default(),
            },
        );
        for name in ["pi-b", "pi-c"] {
            let mut pod = Pod::default();
            pod.metadata.name = Str::copy(name);
            store.pods.insert(PodEntry {
                pod,
                rt: PodRuntime::default(),
            });
        }
        store
    }

    fn action(verb: Verb, target: Target) -> Action {
        Action {
            at: SimDuration::ZERO,
            verb,
            target,
        }
    }

    #[test]
    fn the_nth_pod_of_a_job_is_the_nth_it_created_while_it_is_in_the_api() {
        let store = cluster();
        let fail = action(
            Verb::FailPod { exit_code: 3 },
            Target::JobNth("pi".into(), 2),
        );
        let got = interpret(&fail, &store, NOW);
        assert_eq!(got.decision.object, "Job/pi");
        assert_eq!(got.decision.summary, "Scripted action: failPod job/pi@2");
        assert_eq!(
            got.effect,
            Effect::ForceExit {
                pod: "pi-b".into(),
                exit_code: Some(3)
            }
        );
        let gone = action(Verb::DeletePod, Target::JobNth("pi".into(), 1));
        assert_eq!(
            interpret(&gone, &store, NOW).effect,
            Effect::Skip(format!("no live pod matches job/pi@1 at {}", NOW.rfc3339()))
        );
    }

    #[test]
    fn a_verb_that_does_not_fit_its_target_is_skipped_with_the_reason() {
        let store = cluster();
        let cordon = action(Verb::CordonNode, Target::Job("pi".into()));
        assert_eq!(
            interpret(&cordon, &store, NOW).effect,
            Effect::Skip(
                "action cordonNode cannot apply to job/pi: node actions need a node/NAME target"
                    .into()
            )
        );
        let trigger = action(Verb::TriggerCronJob, Target::None);
        assert_eq!(
            interpret(&trigger, &store, NOW).effect,
            Effect::Skip(
                "action triggerCronJob cannot apply to no target: triggerCronJob needs a cronjob/NAME target"
                    .into()
            )
        );
    }

    #[test]
    fn job_and_controller_verbs_name_what_they_change() {
        let store = cluster();
        let suspend = action(Verb::Suspend, Target::CronJob("hello".into()));
        assert_eq!(
            interpret(&suspend, &store, NOW).effect,
            Effect::SuspendCronJob {
                cron_job: "hello".into(),
                suspend: true
            }
        );
        let scale = action(Verb::SetParallelism(4), Target::Job("pi".into()));
        assert_eq!(
            interpret(&scale, &store, NOW).effect,
            Effect::SetParallelism {
                job: "pi".into(),
                parallelism: 4
            }
        );
        let pause = interpret(&action(Verb::PauseControllers, Target::None), &store, NOW);
        assert_eq!(pause.decision.object, "Cluster/controller-manager");
        assert_eq!(pause.effect, Effect::PauseControllers);
    }
}
