//! The default scheduler, reduced to what Jobs show: resource fit on the node's pod count
//! and on CPU and memory requests, unschedulable (cordoned) and NotReady nodes, LeastAllocated scoring and the
//! `FailedScheduling` message (`pkg/scheduler/schedule_one.go`).
//!
//! The scheduler owns only whether a pass is already queued. A [`Pass`] reads the store and
//! places one pending pod at a time; the engine applies each [`Placement`] (the binding, or
//! the `PodScheduled=False` condition and its event) before the pass looks at the next pod.
//! Applying a binding admits the pod to its kubelet, which may draw from the seeded
//! generator, so the draws interleave with the scheduler's tie-breaks as they always have.

use super::node_affinity::RequiredNodeAffinity;
use super::rng::SimRng;
use super::store::{NodeState, Store};
use super::taint_toleration;
use crate::api::{Pod, Str};
use crate::time::SimTime;

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

/// The scheduler's own state: the instant a pass is already queued for, and the buffers a
/// pass works in, kept between passes so that a pass allocates nothing once they have grown.
#[derive(Clone, Debug, Default)]
pub struct Scheduler {
    requested: Option<SimTime>,
    spare: Pass,
}

impl Scheduler {
    /// Asks for a pass at `now`; several requests at one instant make one pass. True when the
    /// engine must wake at `now` for it.
    #[must_use]
    pub fn request(&mut self, now: SimTime) -> bool {
        if self.requested == Some(now) {
            return false;
        }
        self.requested = Some(now);
        true
    }

    /// The queued pass starts over the pods waiting now, oldest first; a request from here on
    /// queues another.
    pub fn start_pass(&mut self, store: &Store) -> Pass {
        self.requested = None;
        let mut pass = std::mem::take(&mut self.spare);
        pass.pending
            .extend(store.unscheduled.iter().map(|(_, name)| name.clone()));
        pass.next = 0;
        pass.count_used(store);
        pass
    }

    /// The pass is over: its buffers are kept for the next one.
    pub fn end_pass(&mut self, mut pass: Pass) {
        pass.pending.clear();
        self.spare = pass;
    }
}

/// What the scheduler decided for one pending pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Bind the pod to the node at this index of the store's nodes.
    Bind { pod: Str, node: usize },
    /// No node fits and the pod does not say so yet: the `FailedScheduling` message
    /// (`0/3 nodes are available: ...`) for its condition and event.
    Unschedulable { pod: Str, message: String },
}

/// One scheduling pass in progress.
#[derive(Clone, Debug, Default)]
pub struct Pass {
    /// The pods waiting when the pass started, oldest first.
    pending: Vec<Str>,
    next: usize,
    /// Per node, by index: what the pods bound to it request. Counted once per pass and kept
    /// current as pods are placed.
    used: Vec<NodeUse>,
}

/// What the pods bound to a node request. Pods name their node, so nodes of one name count
/// as one: each entry points at the first node of its name, which holds the sums.
#[derive(Clone, Copy, Debug, Default)]
struct NodeUse {
    first: usize,
    cpu: i128,
    memory: i128,
    /// CPU as the scorer counts it (see [`scoring_cpu`]).
    scored_cpu: i128,
    /// Pods bound and not finished: what the node's allocatable `pods` limits.
    pods: u32,
}

impl Pass {
    /// The placement of the next pending pod still in the API and not being deleted, or
    /// `None` once every pod has had its turn. A pod that still does not fit and already
    /// says so is passed over.
    pub fn next(&mut self, store: &Store, rng: &mut SimRng) -> Option<Placement> {
        while let Some(name) = self.pending.get(self.next) {
            self.next += 1;
            let Some(pod) = store.pods.get(name).map(|e| &e.pod) else {
                continue;
            };
            if pod.is_deleting() {
                continue;
            }
            if let Some(placement) = place(name, pod, &store.nodes, &mut self.used, rng) {
                return Some(placement);
            }
        }
        None
    }
}

/// NodeUnschedulable's reason (pkg/scheduler/framework/plugins/nodeunschedulable).
const UNSCHEDULABLE: &str = "node(s) were unschedulable";
/// TaintToleration's reason: in v1.37 it no longer names the taint
/// (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go `Filter`).
const UNTOLERATED_TAINT: &str = "node(s) had untolerated taint(s)";
/// NodeAffinity's `ErrReasonPod` (pkg/scheduler/framework/plugins/nodeaffinity).
const AFFINITY_MISMATCH: &str = "node(s) didn't match Pod's node affinity/selector";

/// Where `pod` goes, given what the nodes' pods already request (updated when it is placed).
fn place(
    name: &Str,
    pod: &Pod,
    nodes: &[NodeState],
    used: &mut [NodeUse],
    rng: &mut SimRng,
) -> Option<Placement> {
    let (cpu, mem) = pod_requests(pod);
    let scored_cpu = scoring_cpu(pod);
    let tolerations = &pod.spec.pass_through.tolerations;
    let affinity = RequiredNodeAffinity::of(pod);
    let seen = &*used;
    // Per node: its score (CPU left as the scorer counts it) if the pod fits, else why not.
    // Recomputed rather than collected: this runs for every pod, and nodes are few.
    // A node that does not fit has one reason, or two when NodeResourcesFit finds both the
    // pod count and a resource short (`fitsRequest` in
    // pkg/scheduler/framework/plugins/noderesources/fit.go keeps every reason it finds).
    let fit = |i: usize| -> Result<i128, [Option<&'static str>; 2]> {
        let node = &nodes[i];
        let u = seen[seen[i].first];
        let (uc, um, scored) = (u.cpu, u.memory, u.scored_cpu);
        let too_many = (u.pods >= node.info.pods).then_some("Too many pods");
        let resource = if uc + cpu > node.info.cpu_milli {
            Some("Insufficient cpu")
        } else if um + mem > node.info.memory_milli {
            Some("Insufficient memory")
        } else {
            None
        };
        // The filters in the default profile's order, each node stopped by the first that
        // fails (pkg/scheduler/apis/config/v1/default_plugins.go; RunFilterPlugins).
        if node.unschedulable
            && !taint_toleration::tolerates(tolerations, &taint_toleration::unschedulable())
        {
            Err([Some(UNSCHEDULABLE), None])
        } else if !taint_toleration::tolerates_all(tolerations, &node.info.taints)
            || (!node.ready
                && !taint_toleration::tolerates(tolerations, &taint_toleration::not_ready()))
        {
            Err([Some(UNTOLERATED_TAINT), None])
        } else if affinity.as_ref().is_some_and(|a| !a.matches(&node.info)) {
            Err([Some(AFFINITY_MISMATCH), None])
        } else if too_many.is_some() || resource.is_some() {
            Err([too_many, resource])
        } else {
            Ok(node.info.cpu_milli - scored - scored_cpu)
        }
    };
    // LeastAllocated: the most CPU left wins; kube-scheduler's selectHost breaks ties at
    // random, here with the scenario's seeded generator.
    let top = (0..nodes.len()).filter_map(|i| fit(i).ok()).max();
    let best = || (0..nodes.len()).filter(|&i| matches!(fit(i), Ok(score) if Some(score) == top));
    let chosen = match best().count() {
        0 => None,
        1 => best().next(),
        n => best().nth(rng.below(n as u64) as usize),
    };
    match chosen {
        Some(chosen) => {
            let node = used[chosen].first;
            let u = &mut used[node];
            u.cpu += cpu;
            u.memory += mem;
            u.scored_cpu += scored_cpu;
            u.pods += 1;
            Some(Placement::Bind {
                pod: name.clone(),
                node,
            })
        }
        None if reported_unschedulable(pod) => None,
        None => Some(Placement::Unschedulable {
            pod: name.clone(),
            message: failed_scheduling_message(
                (0..nodes.len())
                    .filter_map(|i| fit(i).err())
                    .flatten()
                    .flatten(),
                (0..nodes.len()).map(|i| preemption_outcome(&nodes[i], fit(i).err(), cpu, mem)),
                nodes.len(),
            ),
        }),
    }
}

impl Pass {
    /// Counts what the pods bound to each node request.
    fn count_used(&mut self, store: &Store) {
        let first_named = |name: &str| store.nodes.iter().position(|n| n.info.name == name);
        self.used.clear();
        self.used
            .extend(store.nodes.iter().enumerate().map(|(i, n)| NodeUse {
                first: first_named(&n.info.name).unwrap_or(i),
                ..NodeUse::default()
            }));
        for e in store.on_nodes.iter().filter_map(|n| store.pods.get(n)) {
            let Some(i) = first_named(&e.pod.spec.node_name) else {
                continue;
            };
            let (c, m) = pod_requests(&e.pod);
            let u = &mut self.used[i];
            u.cpu += c;
            u.memory += m;
            u.scored_cpu += scoring_cpu(&e.pod);
            u.pods += 1;
        }
    }
}

/// The pod already carries `PodScheduled=False`: its `FailedScheduling` was reported.
fn reported_unschedulable(pod: &Pod) -> bool {
    pod.status
        .conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.status == "False")
}

/// `FitError.Error()` (pkg/scheduler/framework/types.go): each node's reasons counted, then
/// what the default preemption found (its PostFilter message), e.g. `0/3 nodes are available:
/// 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for
/// incoming pod.`
fn failed_scheduling_message<'a>(
    reasons: impl Iterator<Item = &'a str>,
    preemption: impl Iterator<Item = &'a str>,
    nodes: usize,
) -> String {
    format!(
        "0/{nodes} nodes are available: {}. preemption: 0/{nodes} nodes are available: {}.",
        histogram(reasons),
        histogram(preemption)
    )
}

/// `sortReasonsHistogram`: `count reason` for each reason, sorted as text (so by count
/// first), comma-joined.
fn histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> String {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for reason in reasons {
        match counted.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => counted.push((reason, 1)),
        }
    }
    let mut parts: Vec<String> = counted.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort_by(&mut parts, |a, b| a.cmp(b));
    parts.join(", ")
}

/// What the default preemption says of a node the pod did not fit: every pod has the same
/// priority, so none can be a victim; a node that fails for a reason no eviction could
/// change (a taint, cordoned, a request above the node's allocatable: `Unresolvable` in
/// noderesources/fit.go) is left out of the search (pkg/scheduler/framework/preemption
/// preemption.go `Preempt`).
fn preemption_outcome(
    node: &NodeState,
    failed: Option<[Option<&str>; 2]>,
    cpu: i128,
    mem: i128,
) -> &'static str {
    let could_fit = cpu <= node.info.cpu_milli && mem <= node.info.memory_milli;
    let unresolvable = failed.is_some_and(|[first, _]| {
        matches!(
            first,
            Some(UNSCHEDULABLE | UNTOLERATED_TAINT | AFFINITY_MISMATCH)
        )
    });
    if !unresolvable && could_fit {
        "No preemption victims found for incoming pod"
    } else {
        "Preemption is not helpful for scheduling"
    }
}

/// The next address of node `i`'s pod range: node i (in scenario order) owns 10.244.i.0/24,
/// as a cluster's pod CIDR gives each node a /24; .2 to .254, then round again. The text is
/// made the first time an address is given and shared by every pod given it after.
pub fn next_pod_ip(node: &mut NodeState, i: usize) -> Str {
    let turn = (node.ips_given % 253) as usize;
    node.ips_given += 1;
    if turn == node.pod_ips.len() {
        node.pod_ips
            .push(Str::format(format_args!("10.244.{}.{}", i % 256, 2 + turn)));
    }
    node.pod_ips[turn].clone()
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
    use crate::api::Str;
    use crate::scenario::NodeInfo;
    use crate::sim::store::{PodEntry, PodRuntime};
    use crate::time::SimDuration;

    fn node(name: &str, cpu_milli: i128) -> NodeState {
        NodeState {
            ip: node_ip(name).into(),
            info: NodeInfo {
                name: Str::copy(name),
                cpu_milli,
                memory_milli: 8 << 40,
                pods: crate::scenario::DEFAULT_MAX_PODS,
                labels: Vec::new(),
                taints: Vec::new(),
            },
            unschedulable: false,
            ready: true,
            ips_given: 0,
            pod_ips: Vec::new(),
            images: Vec::new(),
        }
    }

    /// A pod asking for `cpu`, waiting for a node, or bound to `on` when given.
    fn add_pod(store: &mut Store, name: &str, cpu: &str, on: Option<&str>) {
        add_pod_with(store, name, cpu, on, serde_json::json!({}));
    }

    /// As `add_pod`, with more fields of the pod's spec (`nodeSelector`, `tolerations`…).
    fn add_pod_with(
        store: &mut Store,
        name: &str,
        cpu: &str,
        on: Option<&str>,
        mut spec: serde_json::Value,
    ) {
        spec["containers"] = serde_json::json!([{"name": "c", "image": "busybox",
                                                  "resources": {"requests": {"cpu": cpu}}}]);
        let mut pod: Pod =
            serde_json::from_value(serde_json::json!({"metadata": {"name": name}, "spec": spec}))
                .expect("a pod");
        let name = Str::copy(name);
        pod.metadata.name = name.clone();
        match on {
            Some(node) => {
                pod.spec.node_name = Str::copy(node);
                store.on_nodes.insert(name);
            }
            None => {
                let at = SimTime::DEFAULT_START + SimDuration::from_secs(store.pods.len() as i64);
                store.unscheduled.insert((at, name));
            }
        }
        store.pods.insert(PodEntry {
            pod,
            rt: PodRuntime::default(),
        });
    }

    fn placements(store: &Store) -> Vec<Placement> {
        let mut scheduler = Scheduler::default();
        let mut rng = SimRng::new(1);
        let mut pass = scheduler.start_pass(store);
        std::iter::from_fn(|| pass.next(store, &mut rng)).collect()
    }

    fn bind(pod: &str, node: usize) -> Placement {
        Placement::Bind {
            pod: Str::copy(pod),
            node,
        }
    }

    #[test]
    fn requests_at_one_instant_make_one_pass_and_a_started_pass_takes_new_ones() {
        let mut scheduler = Scheduler::default();
        let now = SimTime::DEFAULT_START;
        assert!(scheduler.request(now));
        assert!(!scheduler.request(now), "one pass per instant");
        let pass = scheduler.start_pass(&Store::default());
        scheduler.end_pass(pass);
        assert!(scheduler.request(now), "the pass has run: another one");
    }

    #[test]
    fn a_pod_goes_to_the_node_with_the_most_cpu_left() {
        let mut store = Store::default();
        store.nodes = vec![node("node-1", 4000), node("node-2", 4000)];
        add_pod(&mut store, "busy", "1", Some("node-1"));
        add_pod(&mut store, "new", "500m", None);
        assert_eq!(placements(&store), [bind("new", 1)]);
    }

    #[test]
    fn a_pass_counts_the_pods_it_has_placed_before_placing_the_next() {
        let mut store = Store::default();
        store.nodes = vec![node("node-1", 4000)];
        add_pod(&mut store, "first", "3", None);
        add_pod(&mut store, "second", "3", None);
        assert_eq!(
            placements(&store),
            [
                bind("first", 0),
                Placement::Unschedulable {
                    pod: "second".into(),
                    message: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.".into()
                }
            ]
        );
    }

    #[test]
    fn a_node_takes_no_more_pods_than_it_allows_and_says_too_many_pods() {
        let mut store = Store::default();
        store.nodes = vec![node("node-1", 4000), node("node-2", 4000)];
        store.nodes[0].info.pods = 1;
        store.nodes[1].info.pods = 1;
        add_pod(&mut store, "busy", "3", Some("node-1"));
        add_pod(&mut store, "fits", "100m", None);
        add_pod(&mut store, "waits", "2", None);
        // node-2 takes the first; then node-1 is short of both pods and CPU, and node-2 full:
        // every reason NodeResourcesFit finds is counted.
        assert_eq!(
            placements(&store),
            [
                bind("fits", 1),
                Placement::Unschedulable {
                    pod: "waits".into(),
                    message: "0/2 nodes are available: 1 Insufficient cpu, 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.".into()
                }
            ]
        );
    }

    #[test]
    fn failed_scheduling_counts_each_reason_and_is_reported_once() {
        let mut store = Store::default();
        store.nodes = vec![
            node("node-1", 4000),
            node("node-2", 4000),
            node("node-3", 4000),
        ];
        store.nodes[1].unschedulable = true;
        store.nodes[2].ready = false;
        add_pod(&mut store, "huge", "8", None);
        let expected = Placement::Unschedulable {
            pod: "huge".into(),
            message: "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".into(),
        };
        assert_eq!(placements(&store), [expected]);
        let pod = store.pods.get_mut("huge").unwrap();
        pod.pod.status.conditions.push(crate::api::Condition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            last_probe_time: None,
            last_transition_time: None,
            reason: "Unschedulable".into(),
            message: Str::default(),
        });
        assert_eq!(placements(&store), [], "already reported");
    }

    #[test]
    fn node_selectors_affinity_and_taints_filter_nodes_in_the_default_profiles_order() {
        let mut store = Store::default();
        store.nodes = vec![
            node("node-1", 4000),
            node("node-2", 4000),
            node("node-3", 4000),
        ];
        store.nodes[0].info.labels = vec![("disk".into(), "ssd".into())];
        store.nodes[1].info.taints = vec![crate::scenario::Taint {
            key: "gpu".into(),
            value: "true".into(),
            effect: "NoSchedule".into(),
        }];
        // Both cordoned and tainted: NodeUnschedulable runs first and names it.
        store.nodes[2].unschedulable = true;
        store.nodes[2].info.taints = store.nodes[1].info.taints.clone();
        let ssd = serde_json::json!({"nodeSelector": {"disk": "ssd"}});
        add_pod_with(&mut store, "on-ssd", "1", None, ssd);
        let tolerant = serde_json::json!({
            "nodeSelector": {"kubernetes.io/hostname": "node-2"},
            "tolerations": [{"key": "gpu", "operator": "Exists"}]
        });
        add_pod_with(&mut store, "on-gpu", "1", None, tolerant);
        let nowhere = serde_json::json!({"nodeSelector": {"disk": "hdd"}});
        add_pod_with(&mut store, "nowhere", "1", None, nowhere);
        assert_eq!(
            placements(&store),
            [
                bind("on-ssd", 0),
                bind("on-gpu", 1),
                Placement::Unschedulable {
                    pod: "nowhere".into(),
                    message: "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".into(),
                }
            ]
        );
    }

    #[test]
    fn nodes_of_one_name_share_their_pods_requests_and_the_first_is_bound_to() {
        let mut store = Store::default();
        store.nodes = vec![node("twin", 4000), node("twin", 4000)];
        add_pod(&mut store, "busy", "3", Some("twin"));
        add_pod(&mut store, "new", "2", None);
        assert!(matches!(
            &placements(&store)[..],
            [Placement::Unschedulable { .. }]
        ));
        add_pod(&mut store, "small", "500m", None);
        assert_eq!(placements(&store)[1], bind("small", 0));
    }

    /// A node hands out 10.244.i.2 to 10.244.i.254 in turn, then starts again; an address
    /// given again is the same text as before, not a new copy.
    #[test]
    fn pod_addresses_go_round_the_node_range() {
        let mut second = node("node-2", 4000);
        let ips: Vec<Str> = (0..254).map(|_| next_pod_ip(&mut second, 1)).collect();
        assert_eq!(
            (ips[0].as_str(), ips[1].as_str(), ips[252].as_str()),
            ("10.244.1.2", "10.244.1.3", "10.244.1.254")
        );
        assert_eq!(ips[253], "10.244.1.2", "round again");
        assert!(ips[253].same_text(&ips[0]), "the same text");
    }
}
