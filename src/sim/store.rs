//! The simulated API server's object store: Jobs, Pods and Nodes, plus the bookkeeping the
//! engine keeps beside them (the Job controller's back-off record, the kubelet's per-pod state).
//! Everything that is iterated is an ordered map or set or a log in creation order, so no
//! order depends on hashing; `PodMap`'s hash map and set are never iterated.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::append_log::AppendLog;
use super::behavior::ContainerPlan;
use crate::api::{CronJob, Job, Pod, Str};
use crate::controller::job::{BackoffRecord, IndexFailures};
use crate::scenario::NodeInfo;
use crate::sorted_map::SortedMap;
use crate::time::{SimDuration, SimTime};

/// A Job and what the controller and engine remember about it.
#[derive(Clone, Debug)]
pub struct JobEntry {
    pub job: Job,
    /// The Job controller's in-memory back-off record (`backoffRecord` in
    /// `pkg/controller/job/backoff_utils.go`).
    pub backoff: BackoffRecord,
    /// Per-index failure records (backoffLimitPerIndex).
    pub index_failures: BTreeMap<i32, IndexFailures>,
    /// Pods that still carry the tracking finalizer or have not finished: all a sync needs.
    pub live: BTreeSet<Str>,
    /// Every pod the Job created, in order (for `job/NAME@N` targets).
    pub created: AppendLog<Str>,
    /// Container starts per (completion index, container name), for behaviour attempts.
    pub attempts: BTreeMap<(Option<i32>, Str), usize>,
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
    /// The app containers have finished and the kubelet is stopping the sidecars.
    pub stopping_sidecars: bool,
    /// The node the pod is bound to, by position (set at binding; the kubelet runs only then).
    pub node: usize,
    /// What the containers wrote, one entry per container that wrote something.
    pub logs: Vec<ContainerLog>,
    /// What jobplay had to assume, with when (the timeline shows each there).
    pub notes: Vec<(SimTime, String)>,
    /// What the containers wrote to the pod's writable volumes (an `emptyDir`), for the
    /// containers after them; none until one writes.
    pub files: Option<Box<super::pod_filesystem::PodFiles>>,
}

/// One container's log as the container runtime keeps it: its latest instance's lines and
/// the instance's before it (a restart moves them there), which `kubectl logs --previous`
/// reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerLog {
    pub init: bool,
    pub index: usize,
    pub current: Vec<String>,
    pub previous: Vec<String>,
}

impl PodRuntime {
    /// The log of container `index` (an init container if `init`), if it wrote anything.
    pub fn log_of(&self, init: bool, index: usize) -> Option<&ContainerLog> {
        self.logs
            .iter()
            .find(|l| l.init == init && l.index == index)
    }

    /// A container instance starts with `lines` to write; `restarted` when an earlier
    /// instance of it ran in this pod, whose lines become the previous ones.
    pub fn start_log(&mut self, init: bool, index: usize, restarted: bool, lines: Vec<String>) {
        let at = self
            .logs
            .iter()
            .position(|l| l.init == init && l.index == index);
        let log = match at {
            Some(at) => &mut self.logs[at],
            None if lines.is_empty() => return,
            None => {
                self.logs.push(ContainerLog {
                    init,
                    index,
                    ..ContainerLog::default()
                });
                self.logs.last_mut().expect("just pushed")
            }
        };
        if restarted {
            log.previous = std::mem::replace(&mut log.current, lines);
        } else {
            log.current = lines;
        }
    }
}

/// A pod and its runtime.
#[derive(Clone, Debug)]
pub struct PodEntry {
    pub pod: Pod,
    pub rt: PodRuntime,
}

impl PodEntry {
    /// Gives back the spare capacity a pod's lists grew while it ran, and the kubelet's
    /// per-container plans, which a finished pod never consults again (every kubelet step
    /// reads them through `get` and does nothing without them). Called once a pod has
    /// finished and lost its finalizer, after which nothing changes it but deletion; a big
    /// run keeps a hundred thousand such pods.
    pub fn compact(&mut self) {
        self.rt.inits = Vec::new();
        self.rt.mains = Vec::new();
        self.rt.files = None;
        let status = &mut self.pod.status;
        status.conditions.shrink_to_fit();
        status.container_statuses.shrink_to_fit();
        status.init_container_statuses.shrink_to_fit();
        self.pod.metadata.finalizers.shrink_to_fit();
        self.rt.logs.shrink_to_fit();
        self.rt.notes.shrink_to_fit();
    }
}

/// A node and its condition.
#[derive(Clone, Debug)]
pub struct NodeState {
    /// The node's InternalIP as the pods bound to it carry it (their hostIP), shared by all.
    pub ip: Str,
    pub info: NodeInfo,
    /// `spec.unschedulable` (cordoned or drained).
    pub unschedulable: bool,
    /// Ready=True; false after `failNode`.
    pub ready: bool,
    /// Pod IPs handed out from this node's range so far.
    pub ips_given: u32,
    /// The range's addresses as text, made the first time each is given and shared by every
    /// pod given it after (the range's 253 addresses are reused in turn).
    pub pod_ips: Vec<Str>,
    /// The images pulled onto the node so far: `IfNotPresent` finds them there.
    pub images: Vec<Str>,
}

/// Every object of the simulated cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// By name: a few at most, so a sorted vector (`SortedMap`) rather than a B-tree of its own.
    pub cron_jobs: SortedMap<CronJob>,
    pub jobs: BTreeMap<String, JobEntry>,
    pub pods: PodMap,
    /// Pods removed from the API, kept for the record and the views.
    pub removed_pods: AppendLog<Pod>,
    /// Jobs removed from the API (deleteJob, TTL).
    pub removed_jobs: Vec<Job>,
    /// CronJobs removed from the API (deleteCronJob), with their deletion time.
    pub removed_cron_jobs: Vec<CronJob>,
    pub nodes: Vec<NodeState>,
    /// Pods waiting for a node, oldest first: the scheduler looks only at these.
    pub unscheduled: BTreeSet<(SimTime, Str)>,
    /// Pods bound to a node and not finished: what occupies node capacity.
    pub on_nodes: BTreeSet<Str>,
    uid_counter: u64,
    resource_version: u64,
}

/// The pods in the API, by name. Entries are shared between copies of the store (the
/// checkpoints a seekable run keeps) and copied only when one copy changes them, so a
/// checkpoint costs a pointer per pod plus the pods that change after it.
///
/// Pods sit in slots in creation order; a hash map finds a name's slot (a Job sync looks up
/// each of its live pods, a kubelet wake its pod; B-tree lookups among 100,000 names were the
/// engine's largest single cost). Iteration walks the slots, so nothing depends on hash order.
/// A removed pod leaves an empty slot until most slots are empty, when they are packed.
#[derive(Clone, Debug, Default)]
pub struct PodMap {
    slots: Vec<Option<Rc<PodEntry>>>,
    index: HashMap<Str, u32, BuildHasherDefault<NameHasher>>,
    /// Names of pods removed from the API: with the names in `index`, every name ever used,
    /// so a generated name is never reused.
    removed_names: HashSet<Str, BuildHasherDefault<NameHasher>>,
    /// The slot found last. A kubelet step looks its pod up five or six times in a row, by
    /// the pod's own shared name (the wake carries it): that name is recognised by its
    /// address, without hashing or comparing bytes.
    last: Cell<u32>,
}

/// A fixed, fast hash for pod names: the multiply-rotate step of rustc's FxHasher, then a
/// mix. Fixed, so a run is the same everywhere; the run generates the names itself, so there
/// is no hostile input for a keyed hash (SipHash, which showed in the browser's frame profile)
/// to defend against.
#[derive(Default)]
pub struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for NameHasher {
    /// Whole eight-byte words are read as they are; the tail is packed byte by byte. (Copying
    /// each chunk into a zeroed word was a tenth of the engine's time in wasm, where the copy
    /// is a call.)
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(
                word.try_into().expect("chunks of eight"),
            ));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            self.add(
                tail.iter()
                    .rev()
                    .fold(0u64, |word, &b| word << 8 | u64::from(b)),
            );
        }
    }
    /// `str`'s hash ends with a 0xff byte: one step, not a pass through `write`.
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
    /// The multiply leaves the low bits, which pick the bucket, depending on little of the
    /// input; a final mix spreads every bit (splitmix64's finaliser).
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl PodMap {
    /// The slot of a pod, if it is in the API.
    fn slot_of(&self, name: &str) -> Option<usize> {
        let last = self.last.get() as usize;
        if self.holds_own_name(last, name) {
            return Some(last);
        }
        let slot = *self.index.get(name)?;
        self.last.set(slot);
        Some(slot as usize)
    }

    /// Whether `name` is the very text the pod in `slot` holds as its name: the same address
    /// and length is the same text (the entry holds it alive), found without hashing.
    fn holds_own_name(&self, slot: usize, name: &str) -> bool {
        matches!(self.slots.get(slot), Some(Some(entry)) if entry.pod.metadata.name.same_text(name))
    }

    pub fn get(&self, name: &str) -> Option<&PodEntry> {
        self.slots[self.slot_of(name)?].as_deref()
    }

    /// A pod and its slot, for a caller that will look the pod up again later (a wake):
    /// `get_near` then tries that slot first.
    pub fn find(&self, name: &str) -> Option<(u32, &PodEntry)> {
        let slot = self.slot_of(name)?;
        Some((slot as u32, self.slots[slot].as_deref()?))
    }

    /// A pod by its own shared name, looked for first in the slot `find` gave: a pod keeps its
    /// slot until the slots are packed, and a wake's pod is usually still there.
    pub fn get_near(&self, slot: u32, name: &str) -> Option<&PodEntry> {
        if self.holds_own_name(slot as usize, name) {
            self.last.set(slot);
            return self.slots[slot as usize].as_deref();
        }
        self.get(name)
    }

    /// The pod to change, copied first if a checkpoint still shares it.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut PodEntry> {
        let slot = self.slot_of(name)?;
        self.slots[slot].as_mut().map(Rc::make_mut)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.slot_of(name).is_some()
    }

    /// Adds a pod under its own name, which the index shares (a pod of the same name is
    /// replaced, keeping its place in the order).
    pub fn insert(&mut self, entry: PodEntry) {
        let name = entry.pod.metadata.name.clone();
        match self.index.get(name.as_str()) {
            Some(&slot) => self.slots[slot as usize] = Some(Rc::new(entry)),
            None => {
                let slot = u32::try_from(self.slots.len()).expect("fewer than 4 billion pods");
                self.slots.push(Some(Rc::new(entry)));
                self.index.insert(name, slot);
            }
        }
    }

    /// Takes a pod out of the API; its name stays used.
    pub fn remove(&mut self, name: &str) -> Option<PodEntry> {
        let (name, slot) = self.index.remove_entry(name)?;
        self.removed_names.insert(name);
        let entry = self.slots[slot as usize]
            .take()
            .expect("an indexed slot holds its pod");
        // Once most slots are empty they are packed, so iterating costs what the API holds,
        // not everything the run ever made.
        if self.slots.len() > 1024 && self.slots.len() > 2 * self.index.len() {
            self.pack();
        }
        Some(Rc::unwrap_or_clone(entry))
    }

    /// Moves the pods to the front, in order, and points the index at their new slots.
    fn pack(&mut self) {
        self.slots.retain(Option::is_some);
        for (slot, entry) in self.slots.iter().enumerate() {
            let name = entry
                .as_ref()
                .expect("kept slots hold pods")
                .pod
                .metadata
                .name
                .as_str();
            *self.index.get_mut(name).expect("every pod is indexed") = slot as u32;
        }
    }

    /// Whether a pod has ever had this name, in the API now or removed from it.
    pub fn name_used(&self, name: &str) -> bool {
        self.contains_key(name) || self.removed_names.contains(name)
    }

    /// The pods in creation order.
    pub fn values(&self) -> impl Iterator<Item = &PodEntry> {
        self.slots.iter().filter_map(Option::as_deref)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

impl Store {
    /// A deterministic UID shaped like Kubernetes' (a v4 UUID), derived from a counter so that
    /// it does not disturb the scenario's random sequence.
    pub fn next_uid(&mut self) -> Str {
        self.uid_counter += 1;
        let mut z = self.uid_counter.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let a = z ^ (z >> 31);
        let b = a.rotate_left(29).wrapping_mul(0x94D0_49BB_1331_11EB);
        Str::format(format_args!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48) & 0x3fff,
            b & 0xffff_ffff_ffff
        ))
    }

    pub fn next_resource_version(&mut self) -> Str {
        self.resource_version += 1;
        Str::format(format_args!("{}", self.resource_version))
    }

    /// The Job that controls a pod, by owner reference.
    pub fn owner_job(pod: &Pod) -> Option<&str> {
        Store::owner_job_name(pod).map(Str::as_str)
    }

    /// The same, as the reference's own shared text (to keep past the pod's borrow).
    pub fn owner_job_name(pod: &Pod) -> Option<&Str> {
        Store::owner_job_reference(pod).map(|r| &r.name)
    }

    /// The pod's controller reference to its Job.
    pub fn owner_job_reference(pod: &Pod) -> Option<&crate::api::OwnerReference> {
        pod.metadata
            .owner_references
            .iter()
            .find(|r| r.kind == "Job" && r.controller == Some(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn pod_names_spread_over_the_hash_space() {
        // Generated names differ only in their last five characters, past the first 8-byte word.
        let hasher = BuildHasherDefault::<NameHasher>::default();
        let hashes: BTreeSet<u64> = (0..20_000u32)
            .map(|i| hasher.hash_one(format!("indexed-job-{}-{:05x}", i % 7, i * 7919)))
            .collect();
        assert_eq!(hashes.len(), 20_000);
        // The low bits pick the bucket: they must spread too.
        let buckets: BTreeSet<u64> = hashes.iter().map(|h| h & 0xfff).collect();
        assert!(
            buckets.len() > 3_500,
            "{} of 4096 buckets used",
            buckets.len()
        );
    }

    #[test]
    fn compacting_a_pod_keeps_what_views_read_and_drops_the_rest() {
        let mut entry = PodEntry {
            pod: Pod::default(),
            rt: PodRuntime::default(),
        };
        for t in [
            "PodScheduled",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodReadyToStartContainers",
        ] {
            entry.pod.status.conditions.push(crate::api::Condition {
                type_: t.into(),
                status: "True".into(),
                ..Default::default()
            });
        }
        entry.pod.status.conditions[2].reason = "ContainersNotReady".into();
        entry.rt.logs.reserve(16);
        entry.rt.start_log(false, 0, false, vec!["done".into()]);
        entry.rt.mains.push(ContainerRun {
            done: true,
            ..Default::default()
        });
        let before = entry.pod.clone();
        assert!(entry.pod.status.conditions.capacity() > 5);
        entry.compact();
        assert_eq!(entry.pod, before);
        assert_eq!(
            entry.rt.log_of(false, 0).map(|l| l.current.as_slice()),
            Some(&["done".to_string()][..]),
            "the log stays: kubectl logs reads it"
        );
        assert!(entry.rt.mains.is_empty(), "the plans go");
        assert_eq!(
            (
                entry.pod.status.conditions.capacity(),
                entry.rt.logs.capacity()
            ),
            (5, 1)
        );
    }

    #[test]
    fn a_removed_pod_name_stays_used() {
        let mut pods = PodMap::default();
        let entry = |name: &'static str| PodEntry {
            pod: Pod {
                metadata: crate::api::ObjectMeta {
                    name: name.into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            rt: PodRuntime::default(),
        };
        pods.insert(entry("b"));
        pods.insert(entry("a"));
        assert_eq!(
            pods.values()
                .map(|e| e.pod.metadata.name.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"],
            "in creation order"
        );
        pods.insert(entry("b"));
        assert_eq!(pods.values().count(), 2, "a replaced pod is listed once");
        assert!(pods.remove("b").is_some());
        assert!(
            !pods.contains_key("b")
                && pods.name_used("b")
                && pods.name_used("a")
                && !pods.name_used("c")
        );
        assert_eq!(pods.len(), 1);
        assert_eq!(
            pods.values()
                .map(|e| e.pod.metadata.name.as_str())
                .collect::<Vec<_>>(),
            ["a"]
        );
    }

    /// The slot found last answers a lookup by the pod's own name without hashing; a copy of
    /// the text, a removed pod and a packed slot must still get the right answer.
    /// A map of `n` pods named `p-0000`, `p-0001`, ... in that order.
    fn pods_named_p_0000_to(n: usize) -> PodMap {
        let mut pods = PodMap::default();
        for i in 0..n {
            pods.insert(PodEntry {
                pod: Pod {
                    metadata: crate::api::ObjectMeta {
                        name: Str::copy(&format!("p-{i:04}")),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                rt: PodRuntime::default(),
            });
        }
        pods
    }

    #[test]
    fn lookups_by_the_shared_name_and_by_a_copy_agree() {
        let mut pods = pods_named_p_0000_to(1100);
        let own = pods
            .get("p-0003")
            .expect("inserted")
            .pod
            .metadata
            .name
            .clone();
        assert_eq!(
            pods.get(&own).map(|e| e.pod.metadata.name.as_str()),
            Some("p-0003"),
            "by the shared name, after a lookup by a copy"
        );
        assert_eq!(
            pods.get("p-0004").map(|e| e.pod.metadata.name.as_str()),
            Some("p-0004"),
            "a copy of another name is not taken for the last one"
        );
        assert!(
            pods.get(&own[..5]).is_none(),
            "a prefix at the same address is another name"
        );
        assert!(pods.remove(&own).is_some());
        assert!(
            pods.get(&own).is_none() && pods.name_used(&own),
            "removed, by its own name"
        );
        let later = pods
            .get("p-1099")
            .expect("inserted")
            .pod
            .metadata
            .name
            .clone();
        for i in 0..600 {
            pods.remove(&format!("p-{i:04}"));
        }
        assert!(pods.slots.len() < 1100, "packed");
        assert_eq!(
            pods.get(&later).map(|e| e.pod.metadata.name.as_str()),
            Some("p-1099"),
            "found at its new slot"
        );
        assert_eq!(
            pods.values().next().map(|e| e.pod.metadata.name.as_str()),
            Some("p-0600")
        );
    }

    /// A wake's slot is only where to look first: once the pod is gone, or the slots were
    /// packed and another pod sits there, the answer is by name.
    #[test]
    fn a_remembered_slot_is_checked_not_trusted() {
        let mut pods = pods_named_p_0000_to(1100);
        let name_of = |e: Option<&PodEntry>| e.map(|e| e.pod.metadata.name.to_string());
        let (slot, entry) = pods.find("p-1000").expect("inserted");
        let own = entry.pod.metadata.name.clone();
        assert_eq!(
            name_of(pods.get_near(slot, &own)),
            Some("p-1000".into()),
            "at its slot"
        );
        assert_eq!(
            name_of(pods.get_near(slot, "p-0007")),
            Some("p-0007".into()),
            "another pod's slot: found by name"
        );
        for i in 0..600 {
            pods.remove(&format!("p-{i:04}"));
        }
        assert!(pods.slots.len() < 1100, "packed");
        assert!(
            pods.slots.get(slot as usize).is_none(),
            "past the packed slots"
        );
        assert_eq!(
            name_of(pods.get_near(slot, &own)),
            Some("p-1000".into()),
            "moved: found by name"
        );
        let (moved, _) = pods.find(&own).expect("still in the API");
        let (other, _) = pods.find("p-0999").expect("still in the API");
        assert_eq!(
            name_of(pods.get_near(other, &own)),
            Some("p-1000".into()),
            "a slot now held by another pod"
        );
        assert!(pods.remove(&own).is_some());
        assert_eq!(name_of(pods.get_near(moved, &own)), None, "removed");
    }

    /// When most pods are gone, iteration still lists the live ones in creation order, and
    /// every name ever used stays used.
    #[test]
    fn the_order_is_rebuilt_when_most_pods_are_gone() {
        let mut pods = PodMap::default();
        let entry = |name: String| PodEntry {
            pod: Pod {
                metadata: crate::api::ObjectMeta {
                    name: name.into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            rt: PodRuntime::default(),
        };
        for i in 0..3000 {
            pods.insert(entry(format!("p-{:04}", 2999 - i)));
        }
        let kept: Vec<String> = (0..3000)
            .rev()
            .filter(|i| i % 7 == 0)
            .map(|i| format!("p-{i:04}"))
            .collect();
        for i in (0..3000).filter(|i| i % 7 != 0) {
            assert!(pods.remove(&format!("p-{i:04}")).is_some());
        }
        assert!(
            pods.slots.len() < 3000,
            "the slots were packed ({} slots)",
            pods.slots.len()
        );
        assert_eq!(
            pods.values()
                .map(|e| e.pod.metadata.name.to_string())
                .collect::<Vec<_>>(),
            kept
        );
        assert!((0..3000).all(|i| pods.name_used(&format!("p-{i:04}"))));
    }
}
