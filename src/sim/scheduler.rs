//! The default scheduler, reduced to what Jobs show: resource fit on CPU and memory requests,
//! unschedulable (cordoned) and NotReady nodes, and the `FailedScheduling` message.
//! Node actions (cordon, drain, fail, restore) live here too.

use std::collections::BTreeMap;

use super::engine::{Engine, KubeletStep};
use super::event_log::{Component, EventKind, EventType};
use super::store::NodeState;
use crate::api::{Condition, Pod, Str, Time};
use crate::scenario::action::Verb;

/// kube-scheduler scores a container without a CPU request as if it asked for 100m
/// (`schedutil.DefaultMilliCPURequest`), which spreads such pods across nodes; the fit check
/// still uses the real requests. (Scoring here looks at CPU only.)
const SCORING_DEFAULT_CPU_MILLI: i128 = 100;

/// CPU the scorer counts for a pod: real requests, or the default for containers without.
fn scoring_cpu(pod: &Pod) -> i128 {
    pod.spec
        .containers
        .iter()
        .map(|c| {
            c.resources
                .as_ref()
                .and_then(|r| r.requests.get("cpu"))
                .and_then(|q| q.milli_value())
                .unwrap_or(SCORING_DEFAULT_CPU_MILLI)
        })
        .sum()
}

/// Requests of one pod: (millicores, milli-bytes). Init containers run one at a time, so a
/// pod needs the larger of its biggest init container and the sum of its app containers.
pub fn pod_requests(pod: &Pod) -> (i128, i128) {
    let req = |c: &crate::api::Container, key: &str| {
        c.resources
            .as_ref()
            .and_then(|r| r.requests.get(key).or_else(|| r.limits.get(key)))
            .and_then(|q| q.milli_value())
            .unwrap_or(0)
    };
    let sum = |key: &str| {
        pod.spec
            .containers
            .iter()
            .map(|c| req(c, key))
            .sum::<i128>()
    };
    let init_max = |key: &str| {
        pod.spec
            .init_containers
            .iter()
            .map(|c| req(c, key))
            .max()
            .unwrap_or(0)
    };
    (
        sum("cpu").max(init_max("cpu")),
        sum("memory").max(init_max("memory")),
    )
}

impl Engine {
    /// Binds every pending, unbound, undeleted pod that fits, oldest first.
    pub(crate) fn schedule_pending_pods(&mut self) {
        let pending: Vec<Str> = self
            .store
            .unscheduled
            .iter()
            .map(|(_, name)| name.clone())
            .collect();
        // Node usage is computed once per pass and kept current as pods are bound.
        let mut used = self.used_on_nodes();
        for name in pending {
            if self
                .store
                .pods
                .get(&name)
                .is_some_and(|e| !e.pod.is_deleting())
            {
                self.try_schedule(&name, &mut used);
            }
        }
    }

    /// Per node: (requested CPU, requested memory, CPU as the scorer counts it).
    fn used_on_nodes(&self) -> BTreeMap<Str, (i128, i128, i128)> {
        let mut used: BTreeMap<Str, (i128, i128, i128)> = BTreeMap::new();
        for e in self
            .store
            .on_nodes
            .iter()
            .filter_map(|n| self.store.pods.get(n))
        {
            {
                let (c, m) = pod_requests(&e.pod);
                let u = used.entry(e.pod.spec.node_name.clone()).or_default();
                u.0 += c;
                u.1 += m;
                u.2 += scoring_cpu(&e.pod);
            }
        }
        used
    }

    fn try_schedule(&mut self, name: &str, used: &mut BTreeMap<Str, (i128, i128, i128)>) {
        let Some(pod) = self.store.pods.get(name).map(|e| &e.pod) else {
            return;
        };
        let (cpu, mem) = pod_requests(pod);
        let scored_cpu = scoring_cpu(pod);
        // Per node: its score (CPU left as the scorer counts it) if the pod fits, else why not.
        // Recomputed rather than collected: this runs for every pod, and nodes are few.
        let fit = |node: &NodeState| -> Result<i128, &'static str> {
            let (uc, um, scored) = used
                .get(node.info.name.as_str())
                .copied()
                .unwrap_or((0, 0, 0));
            if !node.ready {
                Err("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")
            } else if node.unschedulable {
                Err("node(s) were unschedulable")
            } else if uc + cpu > node.info.cpu_milli {
                Err("Insufficient cpu")
            } else if um + mem > node.info.memory_milli {
                Err("Insufficient memory")
            } else {
                Ok(node.info.cpu_milli - scored - scored_cpu)
            }
        };
        // LeastAllocated: the most CPU left wins; kube-scheduler's selectHost breaks ties at
        // random, here with the scenario's seeded generator.
        let top = self.store.nodes.iter().filter_map(|n| fit(n).ok()).max();
        let best = || {
            self.store
                .nodes
                .iter()
                .filter(|n| matches!(fit(n), Ok(score) if Some(score) == top))
        };
        let chosen = match best().count() {
            0 => None,
            1 => best().next(),
            n => best().nth(self.rng.below(n as u64) as usize),
        }
        .map(|n| n.info.name.clone());
        match chosen {
            Some(node) => {
                let u = used.entry(node.clone()).or_default();
                u.0 += cpu;
                u.1 += mem;
                u.2 += scored_cpu;
                self.bind(name, &node);
            }
            None => {
                let already = self.store.pods.get(name).is_some_and(|e| {
                    e.pod
                        .status
                        .conditions
                        .iter()
                        .any(|c| c.type_ == "PodScheduled" && c.status == "False")
                });
                let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
                for reason in self.store.nodes.iter().filter_map(|n| fit(n).err()) {
                    *reasons.entry(reason).or_default() += 1;
                }
                let parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
                let msg = format!(
                    "0/{} nodes are available: {}.",
                    self.store.nodes.len(),
                    parts.join(", ")
                );
                if !already {
                    let now = self.now;
                    if let Some(e) = self.store.pods.get_mut(name) {
                        e.pod.status.conditions.push(Condition {
                            type_: "PodScheduled".into(),
                            status: "False".into(),
                            last_probe_time: None,
                            last_transition_time: Some(Time(now)),
                            reason: "Unschedulable".into(),
                            message: msg.clone().into(),
                        });
                    }
                    self.emit(
                        EventKind::Pod,
                        name,
                        EventType::Warning,
                        "FailedScheduling",
                        format_args!("{msg}"),
                        Component::Scheduler,
                    );
                }
            }
        }
    }

    fn bind(&mut self, name: &str, node: &str) {
        let now = self.now;
        let Some((node_name, host_ip, pod_ip)) = self.addresses_on(node) else {
            return;
        };
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        let created = e
            .pod
            .metadata
            .creation_timestamp
            .map(|t| t.0)
            .unwrap_or_default();
        self.store
            .unscheduled
            .remove(&(created, e.pod.metadata.name.clone()));
        self.store.on_nodes.insert(e.pod.metadata.name.clone());
        e.pod.spec.node_name = node_name;
        e.pod.status.host_ip = host_ip;
        // The sandbox gets its address as the pod starts on the node; the simulation gives
        // it at binding (the kubelet's sandbox setup is not modelled separately).
        e.pod.status.pod_ip = pod_ip;
        e.pod.status.start_time = Some(Time(now));
        e.pod
            .status
            .conditions
            .retain(|c| c.type_ != "PodScheduled");
        // Room for PodScheduled and the four the kubelet adds on admission, in one allocation.
        e.pod.status.conditions.reserve_exact(5);
        e.pod.status.conditions.push(Condition {
            type_: "PodScheduled".into(),
            status: "True".into(),
            last_probe_time: None,
            last_transition_time: Some(Time(now)),
            reason: Str::default(),
            message: Str::default(),
        });
        let namespace = e.pod.metadata.namespace.clone();
        self.emit(
            EventKind::Pod,
            name,
            EventType::Normal,
            "Scheduled",
            format_args!("Successfully assigned {namespace}/{name} to {node}"),
            Component::Scheduler,
        );
        self.kubelet_admit(name);
        // Init containers run one at a time, first to last; without them, every app
        // container starts at once.
        let (inits, mains) = self
            .store
            .pods
            .get(name)
            .map_or((0, 0), |e| (e.rt.inits.len(), e.rt.mains.len()));
        if inits > 0 {
            self.wake(name, now, KubeletStep::Pull { init: true, i: 0 });
        } else {
            for i in 0..mains {
                self.wake(name, now, KubeletStep::Pull { init: false, i });
            }
        }
    }

    /// cordon, uncordon, drain, fail and restore.
    pub(crate) fn node_action(&mut self, verb: &Verb, node: &str) {
        let Some(idx) = self.store.nodes.iter().position(|n| n.info.name == node) else {
            self.action_skipped(format!("node/{node} does not exist"));
            return;
        };
        let on_node: Vec<Str> = self
            .store
            .on_nodes
            .iter()
            .filter(|n| {
                self.store
                    .pods
                    .get(n)
                    .is_some_and(|e| e.pod.spec.node_name == node)
            })
            .cloned()
            .collect();
        match verb {
            Verb::CordonNode => {
                self.store.nodes[idx].unschedulable = true;
                self.emit(
                    EventKind::Node,
                    node,
                    EventType::Normal,
                    "NodeNotSchedulable",
                    format_args!("Node {node} status is now: NodeNotSchedulable"),
                    Component::Kubelet,
                );
            }
            Verb::UncordonNode => {
                self.store.nodes[idx].unschedulable = false;
                self.emit(
                    EventKind::Node,
                    node,
                    EventType::Normal,
                    "NodeSchedulable",
                    format_args!("Node {node} status is now: NodeSchedulable"),
                    Component::Kubelet,
                );
                self.request_scheduling();
            }
            Verb::DrainNode => {
                self.store.nodes[idx].unschedulable = true;
                self.emit(
                    EventKind::Node,
                    node,
                    EventType::Normal,
                    "NodeNotSchedulable",
                    format_args!("Node {node} status is now: NodeNotSchedulable"),
                    Component::Kubelet,
                );
                for pod in on_node {
                    self.add_pod_condition(
                        &pod,
                        "DisruptionTarget",
                        "EvictionByEvictionAPI",
                        "Eviction API: evicting",
                    );
                    self.delete_pod(&pod, None);
                }
            }
            Verb::FailNode => {
                self.store.nodes[idx].ready = false;
                self.emit(
                    EventKind::Node,
                    node,
                    EventType::Normal,
                    "NodeNotReady",
                    format_args!("Node {node} status is now: NodeNotReady"),
                    Component::NodeController,
                );
                for pod in on_node {
                    self.add_pod_condition(
                        &pod,
                        "DisruptionTarget",
                        "DeletionByTaintManager",
                        "Taint manager: deleting due to NoExecute taint",
                    );
                    self.delete_pod(&pod, None);
                }
            }
            Verb::RestoreNode => {
                self.store.nodes[idx].ready = true;
                self.store.nodes[idx].unschedulable = false;
                self.emit(
                    EventKind::Node,
                    node,
                    EventType::Normal,
                    "NodeReady",
                    format_args!("Node {node} status is now: NodeReady"),
                    Component::Kubelet,
                );
                self.request_scheduling();
            }
            _ => {}
        }
    }

    /// The next address of `node`'s pod range: node i (in scenario order) owns 10.244.i.0/24,
    /// as a cluster's pod CIDR gives each node a /24; .2 to .254, then round again.
    /// The node's name and IP as a pod bound to it carries them (shared text), and the next
    /// address from its pod range.
    fn addresses_on(&mut self, node: &str) -> Option<(Str, Str, Str)> {
        let i = self.store.nodes.iter().position(|n| n.info.name == node)?;
        let n = &mut self.store.nodes[i];
        let turn = (n.ips_given % 253) as usize;
        n.ips_given += 1;
        if turn == n.pod_ips.len() {
            n.pod_ips
                .push(Str::format(format_args!("10.244.{}.{}", i % 256, 2 + turn)));
        }
        Some((n.info.name.clone(), n.ip.clone(), n.pod_ips[turn].clone()))
    }
}

/// A stable private address per node (the pods' hostIP).
pub(crate) fn node_ip(node: &str) -> String {
    let n: u32 = node
        .bytes()
        .fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("10.0.{}.{}", (n >> 8) % 250 + 1, n % 250 + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A node hands out 10.244.i.2 to 10.244.i.254 in turn, then starts again; an address
    /// given again is the same text as before, not a new copy.
    #[test]
    fn pod_addresses_go_round_the_node_range() {
        let loaded = crate::scenario::load("apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n");
        let mut engine = Engine::new(loaded.scenario);
        let second = engine.store.nodes[1].info.name.clone();
        let ips: Vec<Str> = (0..254)
            .map(|_| engine.addresses_on(&second).expect("a node").2)
            .collect();
        assert_eq!(
            (ips[0].as_str(), ips[1].as_str(), ips[252].as_str()),
            ("10.244.1.2", "10.244.1.3", "10.244.1.254")
        );
        assert_eq!(ips[253], "10.244.1.2", "round again");
        assert!(ips[253].same_text(&ips[0]), "the same text");
        assert_eq!(engine.addresses_on("no-such-node"), None);
    }
}
