//! The simulated API server's object store: Jobs, Pods and Nodes, plus the bookkeeping the
//! engine keeps beside them (the Job controller's back-off record, the kubelet's per-pod state).
//! Ordered maps only, so iteration order never depends on hashing (style rule 3).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::append_log::AppendLog;
use super::behavior::ContainerPlan;
use crate::api::{CronJob, Job, Pod};
use crate::controller::job::{BackoffRecord, IndexFailures};
use crate::scenario::NodeInfo;
use crate::time::{SimDuration, SimTime};

/// A Job and what the controller and engine remember about it.
#[derive(Clone, Debug)]
pub struct JobEntry {
    pub job: Job,
    /// The Job controller's in-memory back-off record (spec §3.2).
    pub backoff: BackoffRecord,
    /// Per-index failure records (backoffLimitPerIndex).
    pub index_failures: BTreeMap<i32, IndexFailures>,
    /// Pods that still carry the tracking finalizer or have not finished: all a sync needs.
    pub live: BTreeSet<String>,
    /// Every pod the Job created, in order (for `job/NAME@N` targets).
    pub created: AppendLog<String>,
    /// Container starts per (completion index, container name), for behaviour attempts.
    pub attempts: BTreeMap<(Option<i32>, String), usize>,
}

/// The kubelet's view of one container.
#[derive(Clone, Debug, Default)]
pub struct ContainerRun {
    pub plan: Option<ContainerPlan>,
    pub running: bool,
    /// Terminated and not going to restart.
    pub done: bool,
    /// Crashes so far (restartPolicy OnFailure).
    pub crashes: u32,
    /// The current CrashLoopBackOff delay and when it was last used.
    pub crash_backoff: SimDuration,
    pub crash_backoff_at: Option<SimTime>,
    /// Image pull back-off for unavailable images.
    pub pull_backoff: SimDuration,
    pub pulled: bool,
}

/// The kubelet's bookkeeping for one pod.
#[derive(Clone, Debug, Default)]
pub struct PodRuntime {
    /// Bumped on deletion so that wakes scheduled before it are ignored.
    pub generation: u32,
    pub inits: Vec<ContainerRun>,
    pub mains: Vec<ContainerRun>,
    /// Next init container to run; equal to `inits.len()` once initialised.
    pub next_init: usize,
    pub log: Vec<String>,
    pub notes: Vec<String>,
}

/// A pod and its runtime.
#[derive(Clone, Debug)]
pub struct PodEntry {
    pub pod: Pod,
    pub rt: PodRuntime,
}

/// A node and its condition.
#[derive(Clone, Debug)]
pub struct NodeState {
    pub info: NodeInfo,
    /// `spec.unschedulable` (cordoned or drained).
    pub unschedulable: bool,
    /// Ready=True; false after `failNode`.
    pub ready: bool,
    /// Pod IPs handed out from this node's range so far.
    pub ips_given: u32,
}

/// Every object of the simulated cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub cron_jobs: BTreeMap<String, CronJob>,
    pub jobs: BTreeMap<String, JobEntry>,
    pub pods: PodMap,
    /// Pods removed from the API, kept for the record and the views.
    pub removed_pods: AppendLog<Pod>,
    /// Jobs removed from the API (deleteJob, TTL).
    pub removed_jobs: Vec<Job>,
    pub nodes: Vec<NodeState>,
    /// Pods waiting for a node, oldest first: the scheduler looks only at these.
    pub unscheduled: BTreeSet<(SimTime, String)>,
    /// Pods bound to a node and not finished: what occupies node capacity.
    pub on_nodes: BTreeSet<String>,
    uid_counter: u64,
    resource_version: u64,
}

/// The pods in the API, by name. Entries are shared between copies of the store (the
/// checkpoints a seekable run keeps) and copied only when one copy changes them, so a
/// checkpoint costs a pointer per pod plus the pods that change after it.
#[derive(Clone, Debug, Default)]
pub struct PodMap {
    entries: BTreeMap<Rc<str>, Rc<PodEntry>>,
    /// Names of pods removed from the API: with the names in `entries`, every name ever used,
    /// so a generated name is never reused.
    removed_names: BTreeSet<Rc<str>>,
}

impl PodMap {
    pub fn get(&self, name: &str) -> Option<&PodEntry> {
        self.entries.get(name).map(|e| &**e)
    }

    /// The pod to change, copied first if a checkpoint still shares it.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut PodEntry> {
        self.entries.get_mut(name).map(Rc::make_mut)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    pub fn insert(&mut self, name: &str, entry: PodEntry) {
        self.entries.insert(name.into(), Rc::new(entry));
    }

    /// Takes a pod out of the API; its name stays used.
    pub fn remove(&mut self, name: &str) -> Option<PodEntry> {
        let (name, entry) = self.entries.remove_entry(name)?;
        self.removed_names.insert(name);
        Some(Rc::unwrap_or_clone(entry))
    }

    /// Whether a pod has ever had this name, in the API now or removed from it.
    pub fn name_used(&self, name: &str) -> bool {
        self.entries.contains_key(name) || self.removed_names.contains(name)
    }

    pub fn values(&self) -> impl Iterator<Item = &PodEntry> {
        self.entries.values().map(|e| &**e)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Store {
    /// A deterministic UID shaped like Kubernetes' (a v4 UUID), derived from a counter so that
    /// it does not disturb the scenario's random sequence.
    pub fn next_uid(&mut self) -> String {
        self.uid_counter += 1;
        let mut z = self.uid_counter.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let a = z ^ (z >> 31);
        let b = a.rotate_left(29).wrapping_mul(0x94D0_49BB_1331_11EB);
        format!("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, 0x8000 | (b >> 48) & 0x3fff, b & 0xffff_ffff_ffff)
    }

    pub fn next_resource_version(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    /// The Job that controls a pod, by owner reference.
    pub fn owner_job(pod: &Pod) -> Option<&str> {
        pod.metadata.owner_references.iter().find(|r| r.kind == "Job" && r.controller == Some(true)).map(|r| r.name.as_str())
    }
}
