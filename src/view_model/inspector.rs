//! What the inspector shows for a selected object, as at the engine's current time:
//! kubectl's views, the pod's log, its YAML with status, what jobplay had to assume, and the
//! state the offered actions depend on.

use super::kubectl::{self, Columns};
use crate::api::Pod;
use crate::scenario::action::Target;
use crate::sim::Engine;

/// An object the user selected.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Selected {
    CronJob(String),
    Job(String),
    Pod(String),
    Node(String),
}

/// One tab of the inspector: a title and preformatted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    pub title: &'static str,
    pub text: String,
}

/// The stable scenario target for a selected object: `job/NAME` or `job/NAME@N` (the N-th
/// pod the Job created), which stays valid when the run is replayed. `None` when the object
/// does not exist at the engine's time, so no action is offered for it.
pub fn action_target(engine: &Engine, selected: &Selected) -> Option<Target> {
    match selected {
        Selected::CronJob(name) => engine.cron_job(name).map(|_| Target::CronJob(name.clone())),
        Selected::Job(name) => engine.job(name).map(|_| Target::Job(name.clone())),
        Selected::Pod(name) => {
            let pod = engine.pod(name)?;
            let job = crate::sim::store::Store::owner_job(pod)?;
            let n = engine.job_pod_names(job)?.iter().position(|p| p == name)? + 1;
            Some(Target::JobNth(job.to_string(), u32::try_from(n).ok()?))
        }
        Selected::Node(name) => engine
            .nodes()
            .iter()
            .any(|n| n.info.name == *name)
            .then(|| Target::Node(name.clone())),
    }
}

/// What the actions offered for the selected object depend on, as at the engine's time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Controls {
    /// The Job or CronJob is suspended (offer Resume rather than Suspend).
    pub suspended: bool,
    /// The Job's parallelism now (the starting value of its Set field).
    pub parallelism: i32,
    /// The node is cordoned (offer Uncordon).
    pub cordoned: bool,
    /// The node is not ready (offer Restore).
    pub node_down: bool,
    /// The pod's phase when it has finished (`Succeeded` or `Failed`): its containers have
    /// exited, so failing or succeeding it can no longer apply.
    pub pod_finished: Option<&'static str>,
}

impl Controls {
    /// Why failing or succeeding the selected pod cannot apply, when it cannot.
    pub fn exit_disabled(&self) -> Option<&'static str> {
        match self.pod_finished? {
            "Succeeded" => {
                Some("The pod has already Succeeded: its containers have exited, there is nothing left to end.")
            }
            _ => Some("The pod has already Failed: its containers have exited, there is nothing left to end."),
        }
    }
}

pub fn controls(engine: &Engine, selected: &Selected) -> Controls {
    match selected {
        Selected::Job(n) => engine.job(n).map_or_else(Controls::default, |j| Controls {
            suspended: j.is_suspended(),
            parallelism: j.parallelism(),
            ..Controls::default()
        }),
        Selected::CronJob(n) => Controls {
            suspended: engine
                .cron_job(n)
                .is_some_and(|c| c.spec.suspend == Some(true)),
            ..Controls::default()
        },
        Selected::Node(n) => engine
            .nodes()
            .iter()
            .find(|x| x.info.name == *n)
            .map_or_else(Controls::default, |x| Controls {
                cordoned: x.unschedulable,
                node_down: !x.ready,
                ..Controls::default()
            }),
        Selected::Pod(p) => Controls {
            pod_finished: engine.pod(p).and_then(|p| match p.status.phase.as_str() {
                "Succeeded" => Some("Succeeded"),
                "Failed" => Some("Failed"),
                _ => None,
            }),
            ..Controls::default()
        },
    }
}

/// The logs tab: what `kubectl logs POD` prints (its notice or error on standard error
/// first, as a terminal shows them), then, for a pod with more containers, what
/// `kubectl logs POD -c NAME` prints for each of the others.
fn pod_logs(engine: &Engine, pod: &Pod) -> String {
    let name = pod.metadata.name.as_str();
    let shown = |printed: kubectl::Printed| match (printed.err.is_empty(), printed.out.is_empty()) {
        (true, true) => "(no output)\n".to_string(),
        _ => printed.err + &printed.out,
    };
    let mut text = shown(kubectl::logs(engine, name, None, false));
    let others = pod
        .spec
        .containers
        .iter()
        .skip(1)
        .chain(&pod.spec.init_containers);
    for c in others {
        let printed = kubectl::logs(engine, name, Some(&c.name), false);
        text += &format!("\n$ kubectl logs {name} -c {}\n{}", c.name, shown(printed));
    }
    text
}

/// The object as `kubectl get -o yaml` shows it, status included.
fn object_yaml(object: &impl serde::Serialize) -> String {
    // Writing an API object to a `Value` cannot fail (string keys only, and none of its
    // `Serialize` impls fails); the error is not formatted, so serde_json's error texts stay
    // out of the page.
    serde_json::to_value(object).map_or_else(
        |_| "(cannot show this object)\n".to_string(),
        |v| super::to_yaml::to_yaml(&v),
    )
}

/// The tabs for `selected`, or `None` when it no longer exists at this time.
pub fn inspect(engine: &Engine, selected: &Selected) -> Option<Vec<Tab>> {
    match selected {
        Selected::Node(name) => {
            let node = engine.nodes().iter().find(|n| n.info.name == *name)?;
            Some(vec![
                Tab {
                    title: "describe",
                    text: kubectl::describe_node(engine, node),
                },
                Tab {
                    title: "get -o wide",
                    text: kubectl::get_nodes(engine, Columns::Wide),
                },
                Tab {
                    title: "yaml",
                    text: super::to_yaml::to_yaml(&kubectl::node_object(engine, node)),
                },
            ])
        }
        Selected::CronJob(name) => {
            let cj = engine.cron_job(name)?;
            let jobs: Vec<&crate::api::Job> = engine
                .jobs()
                .filter(|j| {
                    crate::controller::cronjob::utils::owner_cron_job(j) == Some(name.as_str())
                })
                .collect();
            let mut get = kubectl::get_cron_jobs(&[cj], engine.now(), "", Columns::Wide);
            if !jobs.is_empty() {
                get.push('\n');
                get.push_str(&kubectl::get_jobs(&jobs, engine.now(), "", Columns::Wide));
            }
            Some(vec![
                Tab {
                    title: "describe",
                    text: kubectl::describe_cron_job(engine, cj),
                },
                Tab {
                    title: "get -o wide",
                    text: get,
                },
                Tab {
                    title: "yaml",
                    text: object_yaml(cj),
                },
            ])
        }
        Selected::Job(name) => {
            let job = engine.job(name)?;
            let mut pods: Vec<&crate::api::Pod> = engine
                .pods()
                .filter(|p| crate::sim::store::Store::owner_job(p) == Some(name.as_str()))
                .collect();
            // As kubectl lists them: by name.
            kubectl::sort_by_text(&mut pods, |p| &p.metadata.name);
            Some(vec![
                Tab {
                    title: "describe",
                    text: kubectl::describe_job(engine, job),
                },
                Tab {
                    title: "get -o wide",
                    text: format!(
                        "{}\n{}",
                        kubectl::get_jobs(&[job], engine.now(), "", Columns::Wide),
                        if pods.is_empty() {
                            String::new()
                        } else {
                            kubectl::get_pods(&pods, engine.now(), "", Columns::Wide)
                        }
                    ),
                },
                Tab {
                    title: "yaml",
                    text: object_yaml(job),
                },
            ])
        }
        Selected::Pod(name) => {
            let pod = engine.pod(name)?;
            let log = pod_logs(engine, pod);
            let notes = engine.notes(name);
            let mut tabs = vec![
                Tab {
                    title: "describe",
                    text: kubectl::describe_pod(engine, pod),
                },
                Tab {
                    title: "get -o wide",
                    text: kubectl::get_pods(&[pod], engine.now(), "", Columns::Wide),
                },
                Tab {
                    title: "logs",
                    text: log,
                },
                Tab {
                    title: "yaml",
                    text: object_yaml(pod),
                },
            ];
            if !notes.is_empty() {
                tabs.push(Tab {
                    title: "jobplay notes",
                    text: notes.iter().map(|n| format!("{n}\n")).collect(),
                });
            }
            Some(tabs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimDuration;

    fn tabs_pod(engine: &Engine) -> String {
        engine.job_pod_names("j").unwrap()[0].to_string()
    }

    #[test]
    fn a_pod_shows_its_log_json_and_what_jobplay_assumed() {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: a, image: busybox, command: [sh, -c, 'echo hi; sleep 3']}\n      - {name: b, image: perl, command: [perl, -e, '1']}\n";
        let loaded = crate::scenario::load(yaml);
        let mut engine = Engine::new(loaded.scenario);
        engine.handle_timeout(engine.now() + SimDuration::from_secs(4));
        let pod = engine.job_pod_names("j").unwrap()[0].to_string();
        let tabs = inspect(&engine, &Selected::Pod(pod)).unwrap();
        let by = |t: &str| tabs.iter().find(|x| x.title == t).unwrap().text.clone();
        assert_eq!(
            by("logs"),
            format!("Defaulted container \"a\" out of: a, b\nhi\n\n$ kubectl logs {pod} -c b\n(no output)\n", pod = tabs_pod(&engine))
        );
        assert!(
            by("yaml").contains("\n  phase: Running\n"),
            "{}",
            by("yaml")
        );
        assert!(
            by("jobplay notes").contains("\"perl\" is not simulated"),
            "{}",
            by("jobplay notes")
        );
        assert!(inspect(&engine, &Selected::Pod("gone".into())).is_none());
        let job_tabs = inspect(&engine, &Selected::Job("j".into())).unwrap();
        assert!(job_tabs[0].text.starts_with("Name:"));
    }

    #[test]
    fn a_node_shows_its_condition_taints_and_pods() {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 2\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: busybox, command: [sleep, '30'], resources: {requests: {cpu: 250m}}}]\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes: [{name: n1, cpu: '2', memory: 4Gi}]\n  actions:\n  - {at: 5s, action: cordonNode, target: node/n1}\n  - {at: 6s, action: failNode, target: node/n1}\n";
        let loaded = crate::scenario::load(yaml);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let mut engine = Engine::new(loaded.scenario);
        engine.handle_timeout(engine.now() + SimDuration::from_secs(4));
        let node = Selected::Node("n1".into());
        assert_eq!(
            action_target(&engine, &node),
            Some(Target::Node("n1".into()))
        );
        let second = engine
            .job_pod_names("j")
            .unwrap()
            .get(1)
            .unwrap()
            .to_string();
        assert_eq!(
            action_target(&engine, &Selected::Pod(second)),
            Some(Target::JobNth("j".into(), 2)),
            "a pod is named by its Job and the order it was created in, which a replay keeps"
        );
        assert_eq!(action_target(&engine, &Selected::Job("gone".into())), None);
        let describe = inspect(&engine, &node).unwrap()[0].text.clone();
        assert!(
            describe.contains("Taints:             <none>\nUnschedulable:      false\n"),
            "{describe}"
        );
        assert!(
            describe.contains("Non-terminated Pods:          (2 in total)\n  Namespace   Name"),
            "{describe}"
        );
        assert!(describe.contains("   250m           "), "{describe}");
        assert!(describe.contains("memory:  4194304Ki"), "{describe}");
        assert_eq!(
            controls(&engine, &node),
            Controls::default(),
            "ready and schedulable at 4s"
        );
        assert_eq!(
            controls(&engine, &Selected::Job("j".into())),
            Controls {
                parallelism: 2,
                ..Controls::default()
            }
        );
        engine.handle_timeout(engine.now() + SimDuration::from_millis(2500));
        assert_eq!(
            controls(&engine, &node),
            Controls {
                cordoned: true,
                node_down: true,
                ..Controls::default()
            }
        );
        let tabs = inspect(&engine, &node).unwrap();
        assert!(tabs[0].text.contains("Taints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unreachable:NoSchedule\n                    node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true"), "{}", tabs[0].text);
        assert!(
            tabs[0].text.contains(
                "  Ready   Unknown   NodeStatusUnknown   Kubelet stopped posting node status."
            ),
            "{}",
            tabs[0].text
        );
        assert!(tabs[0].text.contains("NodeNotReady"), "{}", tabs[0].text);
        assert!(
            tabs[1].text.starts_with(
                "NAME   STATUS                        ROLES    AGE   VERSION   INTERNAL-IP"
            ),
            "{}",
            tabs[1].text
        );
        assert!(
            tabs[1]
                .text
                .contains("n1     NotReady,SchedulingDisabled   <none>   6s    v1.37.2"),
            "{}",
            tabs[1].text
        );
        assert!(tabs[2].text.contains("spec:\n  taints:\n  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n"), "{}", tabs[2].text);
        assert!(
            tabs[2].text.contains("\n  unschedulable: true\n"),
            "{}",
            tabs[2].text
        );
        assert!(tabs[2].text.contains("  - message: Kubelet stopped posting node status.\n    reason: NodeStatusUnknown\n    status: Unknown\n    type: Ready\n"), "{}", tabs[2].text);
        assert!(inspect(&engine, &Selected::Node("n9".into())).is_none());
    }
}
