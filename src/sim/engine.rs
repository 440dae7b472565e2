//! The deterministic discrete-event engine, spoken sans-IO as quinn-proto's `Connection` is
//! (quinn-rs/quinn `quinn-proto/src/connection/mod.rs`).
//!
//! The input is `handle_timeout(now)`; `poll_timeout` says when to call again. The engine
//! never reads a clock: the driver (`sim::run`, shared by tests, the CLI and the UI) passes
//! virtual time in. What happened is read through getters (`events`, `decisions`, the
//! objects): the views read a whole run's record, so there is nothing to drain.
//!
//! Controllers and components compute; the engine applies what they return: the Job and
//! CronJob controllers' actions, the work queues' "wake me", the scheduler's placements, a
//! node's change, the garbage collector's dependents, a scripted action's effect and the
//! kubelet's effects (its events, worded here, its wakes and a pod's status change). Besides
//! applying them, the engine is the API server (creating objects with their UIDs and
//! resource versions, pod deletion and its grace period) and records events and decisions.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::BuildHasherDefault;

use super::action_interpreter::{self, Effect, Interpretation};
use super::append_log::AppendLog;
use super::event_log::{Component, Decision, EventKind, EventRecord, EventType};
use super::garbage_collector::{self, Propagation};
use super::kubelet::{
    self, Attempt, ContainerRef, Kubelet, KubeletEffect, KubeletEvent, KubeletOutput, KubeletStep,
};
use super::node_lifecycle;
use super::queue::Queue;
use super::rng::SimRng;
use super::scheduler::{next_pod_ip, Placement, Scheduler};
use super::store::{ContainerLog, JobEntry, NameHasher, NodeState, PodEntry, PodRuntime, Store};
use super::trace::{TraceEntry, TraceEvent};
use super::workqueue::{CronJobQueue, JobQueue};
use crate::api::defaults::generate_selector;
use crate::api::defaults::{default_job, default_pod_spec};
use crate::api::pod::IpList;
use crate::api::well_known as wk;
use crate::api::{Condition, CronJob, Job, Pod, Str, Time};
use crate::controller::cronjob::utils::{controller_ref, owner_cron_job};
use crate::controller::cronjob::{self, sync_cron_job, CronAction, OnUpdate};
use crate::controller::job::{sync_job, BackoffRecord, JobFacts, PodAction, SyncInput};
use crate::controller::ttl_after_finished::{sync_ttl, TtlDecision};
use crate::cron::Zone;
use crate::scenario::action::Verb;
use crate::scenario::Scenario;
use crate::time::{SimDuration, SimTime};

/// Pods one run may create before it stops with a diagnostic: every loop over user data is
/// bounded, and the bound is reported.
pub const MAX_PODS: usize = 200_000;
/// Events one run may record before it stops with a diagnostic.
pub const MAX_EVENTS: usize = 2_000_000;
/// Distinct event texts the engine keeps to share (see `Engine::shared_message`).
const SHARED_MESSAGES: usize = 1024;
/// Room for a kubelet step's effects, made once: a container start, the busiest common step,
/// returns five (three events, its exit's wake, the status change), so the buffer never grows
/// in an ordinary run.
const KUBELET_EFFECTS: usize = 8;
/// The Job controller's batch period for pod-triggered syncs.
pub const SYNC_BATCH: SimDuration = SimDuration::from_secs(1);

/// Something scheduled to happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Wake {
    /// Sync a Job (only if this is still its pending sync time).
    JobSync(String),
    /// Try to schedule pending pods.
    Schedule,
    /// A kubelet step for a pod, valid only for the pod's current generation. `slot` is
    /// where the pod was when the step was planned: looked in first, not trusted.
    Kubelet {
        pod: Str,
        slot: u32,
        generation: u32,
        step: KubeletStep,
    },
    /// The i-th scripted action.
    Scripted(usize),
    /// The TTL-after-finished controller looks at a Job.
    Ttl(String),
    /// The CronJob controller syncs a CronJob: at once (an informer event) or when an
    /// `AddAfter` comes due (`waiting`, valid only while it is the key's earliest).
    CronJobSync { name: String, waiting: bool },
}

/// Why a run stopped early, when it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapHit {
    pub message: String,
}

/// The simulated cluster and its controllers.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) scenario: Scenario,
    pub(crate) store: Store,
    pub(crate) queue: Queue<Wake>,
    pub(crate) rng: SimRng,
    pub(crate) now: SimTime,
    pub(crate) events: AppendLog<EventRecord>,
    pub(crate) decisions: AppendLog<Decision>,
    /// The Job controller's work queue.
    job_queue: JobQueue,
    /// The CronJob controller's work queue.
    cron_job_queue: CronJobQueue,
    /// The controller manager's local zone, for CronJobs without `spec.timeZone`.
    local_zone: Zone,
    /// The controller manager is down (`pauseControllers`).
    controllers_paused: bool,
    pub(crate) cap_hit: Option<CapHit>,
    pub(crate) pods_created: usize,
    /// When something last happened (stale wakes do not count): the natural end of a run.
    last_activity: SimTime,
    /// The default scheduler.
    scheduler: Scheduler,
    /// Wakes processed so far: the unit a run is sliced and checkpointed in (`sim::run`'s
    /// `drive_bounded`, `view_model::playback`), and a run's size in the benchmarks.
    dispatched: u64,
    /// Event texts seen so far that do not name their object, to share.
    messages: HashSet<Str, BuildHasherDefault<NameHasher>>,
    /// What the kubelet's last call returned, applied in order and kept for the next.
    kubelet_out: KubeletOutput,
    /// The Job and CronJob controllers' view of the run (`trace.rs`), kept only by `new_traced`.
    trace: Option<Vec<TraceEntry>>,
    /// A Job sync's actions are being applied: pod changes now are the sync's own.
    in_job_sync: bool,
    /// A CronJob sync's actions are being applied: Jobs created or deleted now are its own.
    in_cron_sync: bool,
}

impl Engine {
    /// Creates the cluster at the scenario's start and submits its Jobs.
    pub fn new(scenario: Scenario) -> Engine {
        Engine::build(scenario, false)
    }

    /// [`new`](Self::new), keeping the Job and CronJob controllers' view of the run ([`Engine::trace`]).
    pub fn new_traced(scenario: Scenario) -> Engine {
        Engine::build(scenario, true)
    }

    fn build(scenario: Scenario, traced: bool) -> Engine {
        let now = scenario.start;
        let mut engine = Engine {
            rng: SimRng::new(scenario.seed),
            store: Store::default(),
            queue: Queue::default(),
            now,
            events: AppendLog::default(),
            decisions: AppendLog::default(),
            job_queue: JobQueue::default(),
            cron_job_queue: CronJobQueue::default(),
            local_zone: Zone::load(&scenario.time_zone).unwrap_or(Zone::Utc),
            controllers_paused: false,
            cap_hit: None,
            pods_created: 0,
            last_activity: now,
            scheduler: Scheduler::default(),
            dispatched: 0,
            messages: HashSet::default(),
            kubelet_out: KubeletOutput {
                effects: Vec::with_capacity(KUBELET_EFFECTS),
                attempt: None,
            },
            trace: traced.then(Vec::new),
            in_job_sync: false,
            in_cron_sync: false,
            scenario,
        };
        engine.traced(|e| {
            Some(TraceEntry::LocalZone {
                time: e.now,
                time_zone: Str::copy(&e.scenario.time_zone),
            })
        });
        engine.store.nodes = engine
            .scenario
            .nodes
            .iter()
            .map(|n| NodeState {
                ip: super::scheduler::node_ip(&n.name).into(),
                info: n.clone(),
                unschedulable: false,
                ready: true,
                ips_given: 0,
                pod_ips: Vec::new(),
                images: Vec::new(),
            })
            .collect();
        // One object copied at a time, not the whole list first.
        for i in 0..engine.scenario.jobs.len() {
            engine.create_job(engine.scenario.jobs[i].clone());
        }
        for i in 0..engine.scenario.cron_jobs.len() {
            engine.create_cron_job(engine.scenario.cron_jobs[i].clone());
        }
        for (i, action) in engine.scenario.actions.iter().enumerate() {
            engine.queue.push(now + action.at, Wake::Scripted(i));
        }
        engine
    }

    /// What the Job and CronJob controllers saw and did, in order, when the engine was made by
    /// [`new_traced`](Self::new_traced).
    pub fn trace(&self) -> Option<&[TraceEntry]> {
        self.trace.as_deref()
    }

    /// Whether the run is traced. Never in the browser: the trace feeds tools/conformance, a
    /// native tool, and this constant lets the page's build drop the tracing code.
    fn tracing(&self) -> bool {
        !cfg!(target_arch = "wasm32") && self.trace.is_some()
    }

    /// Keeps a trace entry, built only when the run is traced.
    fn traced(&mut self, entry: impl FnOnce(&Engine) -> Option<TraceEntry>) {
        if self.tracing() {
            if let Some(e) = entry(self) {
                if let Some(t) = self.trace.as_mut() {
                    t.push(e);
                }
            }
        }
    }

    fn trace_job(&mut self, name: &str) {
        self.traced(|e| {
            let job = &e.store.jobs.get(name)?.job;
            Some(TraceEntry::Job {
                time: e.now,
                job: Box::new(job.clone()),
                // Being deleted in the foreground, it stays in the API until its pods are
                // gone (`remove_job` traces its leaving).
                deleted: job.metadata.deletion_timestamp.is_some()
                    && !has_foreground_finalizer(&job.metadata),
                in_sync: e.in_cron_sync,
            })
        });
    }

    /// `requeue_after` is the `AddAfter` the informer's update handler asked for
    /// (`updateCronJob`, for a new schedule or time zone).
    fn trace_cron_job(&mut self, name: &str, requeue_after: Option<SimDuration>) {
        self.traced(|e| {
            let cron_job = e
                .store
                .cron_jobs
                .get(name)
                .or_else(|| e.store.removed_cron_jobs.last())?;
            Some(TraceEntry::CronJob {
                time: e.now,
                cron_job: Box::new(cron_job.clone()),
                // Being deleted in the foreground, it stays until its Jobs are gone
                // (`remove_cron_job` traces its leaving).
                deleted: cron_job.metadata.deletion_timestamp.is_some()
                    && !has_foreground_finalizer(&cron_job.metadata),
                requeue_after,
            })
        });
    }

    // ---- the sans-IO surface -------------------------------------------------------------

    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// When the engine next has work, if ever. Wakes that no longer mean anything (a sync
    /// superseded by an earlier one, a kubelet step for a deleted pod) are dropped here, so
    /// the clock never advances for nothing.
    pub fn poll_timeout(&mut self) -> Option<SimTime> {
        if self.cap_hit.is_some() {
            return None;
        }
        while let Some((at, wake)) = self.queue.peek() {
            if !self.is_stale(at, wake) {
                return Some(at);
            }
            self.queue.pop();
        }
        None
    }

    fn is_stale(&self, at: SimTime, wake: &Wake) -> bool {
        match wake {
            Wake::JobSync(name) => !self.job_queue.is_pending(name, at),
            Wake::Kubelet {
                pod,
                slot,
                generation,
                ..
            } => {
                self.store
                    .pods
                    .get_near(*slot, pod)
                    .map(|e| e.rt.generation)
                    != Some(*generation)
            }
            Wake::CronJobSync {
                name,
                waiting: true,
            } => !self.cron_job_queue.is_waiting_until(name, at),
            Wake::CronJobSync { waiting: false, .. }
            | Wake::Schedule
            | Wake::Scripted(_)
            | Wake::Ttl(_) => false,
        }
    }

    /// Processes everything due at or before `now`, then sets the clock to `now`.
    pub fn handle_timeout(&mut self, now: SimTime) {
        while self.cap_hit.is_none() {
            let Some((at, wake)) = self.queue.pop_due(now) else {
                break;
            };
            if self.is_stale(at, &wake) {
                continue;
            }
            self.now = self.now.max(at);
            self.dispatch(wake);
        }
        self.now = self.now.max(now);
    }

    // ---- getters -------------------------------------------------------------------------

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn events(&self) -> &AppendLog<EventRecord> {
        &self.events
    }
    pub fn decisions(&self) -> &AppendLog<Decision> {
        &self.decisions
    }
    pub fn cron_jobs(&self) -> impl Iterator<Item = &CronJob> {
        self.store.cron_jobs.values()
    }
    pub fn cron_job(&self, name: &str) -> Option<&CronJob> {
        self.store.cron_jobs.get(name)
    }
    /// The controller manager's local zone.
    pub fn local_zone(&self) -> Zone {
        self.local_zone
    }
    pub fn jobs(&self) -> impl Iterator<Item = &Job> {
        self.store.jobs.values().map(|e| &e.job)
    }
    pub fn job(&self, name: &str) -> Option<&Job> {
        self.store.jobs.get(name).map(|e| &e.job)
    }
    /// Pods still in the API, in creation order (views that print kubectl output sort by name).
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.store.pods.values().map(|e| &e.pod)
    }
    pub fn pod(&self, name: &str) -> Option<&Pod> {
        self.store.pods.get(name).map(|e| &e.pod)
    }
    /// Pods that were deleted and are gone from the API.
    pub fn removed_pods(&self) -> &AppendLog<Pod> {
        &self.store.removed_pods
    }
    pub fn removed_jobs(&self) -> &[Job] {
        &self.store.removed_jobs
    }
    /// CronJobs that were deleted and are gone from the API.
    pub fn removed_cron_jobs(&self) -> &[CronJob] {
        &self.store.removed_cron_jobs
    }
    pub fn nodes(&self) -> &[NodeState] {
        &self.store.nodes
    }
    /// What each container of a pod wrote (only those that wrote something), or `None` for
    /// a pod that does not exist.
    pub fn container_logs(&self, pod: &str) -> Option<&[ContainerLog]> {
        self.store.pods.get(pod).map(|e| e.rt.logs.as_slice())
    }
    /// How long the pod's running app containers were planned to run, the longest of them:
    /// the kubelet decides an attempt's run time when the container starts (a behaviour's
    /// `run`, the script's sleeps, else the default timing). `None` when none is running.
    pub fn planned_run(&self, pod: &str) -> Option<SimDuration> {
        let e = self.store.pods.get(pod)?;
        e.rt.mains
            .iter()
            .filter(|c| c.running && !c.done)
            .filter_map(|c| c.plan.as_ref().map(|p| p.run))
            .max()
    }
    /// What jobplay had to guess about a pod's containers (scripts it could not read).
    pub fn notes(&self, pod: &str) -> Vec<&str> {
        self.store.pods.get(pod).map_or(Vec::new(), |e| {
            e.rt.notes.iter().map(|(_, n)| n.as_str()).collect()
        })
    }
    /// Every note on the pods in the API with when it was made, by time (pods in creation
    /// order at one instant): the timeline shows them.
    pub fn timed_notes(&self) -> Vec<(SimTime, &str, &str)> {
        let mut out: Vec<(SimTime, &str, &str)> = Vec::new();
        for e in self.store.pods.values() {
            for (at, note) in &e.rt.notes {
                out.push((*at, e.pod.name(), note));
            }
        }
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out
    }
    /// The pods a Job created, in creation order (including removed ones).
    pub fn job_pod_names(&self, job: &str) -> Option<&AppendLog<Str>> {
        self.store.jobs.get(job).map(|e| &e.created)
    }
    /// The Job controller's back-off record for a Job.
    pub fn job_backoff(&self, job: &str) -> Option<BackoffRecord> {
        self.store.jobs.get(job).map(|e| e.backoff)
    }
    /// Wakes processed so far (stale ones dropped unprocessed are not counted). The driver
    /// bounds a slice of a run by it and the playback spaces its checkpoints by it, so a run
    /// is cut in the same places however fast the machine is.
    pub fn dispatched(&self) -> u64 {
        self.dispatched
    }
    /// Pods created so far in this run (removed ones included).
    pub fn pods_created(&self) -> usize {
        self.pods_created
    }
    /// Pods in the API now.
    pub fn pod_count(&self) -> usize {
        self.store.pods.len()
    }
    /// Pods waiting for a node or running on one: the ones that still change.
    pub fn active_pod_count(&self) -> usize {
        self.store.unscheduled.len() + self.store.on_nodes.len()
    }

    /// The controller manager is down (`pauseControllers` until `resumeControllers`).
    pub fn controllers_paused(&self) -> bool {
        self.controllers_paused
    }

    /// When something last happened in the cluster.
    pub fn last_activity(&self) -> SimTime {
        self.last_activity
    }
    pub fn cap_hit(&self) -> Option<&CapHit> {
        self.cap_hit.as_ref()
    }

    // ---- dispatch ------------------------------------------------------------------------

    fn dispatch(&mut self, wake: Wake) {
        self.dispatched += 1;
        match wake {
            // Superseded syncs never get here: `is_stale` dropped them.
            Wake::JobSync(name) => {
                self.job_queue.take(&name, self.now);
                if !self.controllers_paused {
                    self.run_job_sync(&name);
                }
                // While paused the sync is dropped: every Job is synced when the controllers
                // come back.
            }
            Wake::Schedule => self.schedule_pending_pods(),
            // `is_stale` dropped the wakes of an older generation.
            Wake::Kubelet { pod, step, .. } => {
                self.run_kubelet(&pod, |k, e, rng| k.step(e, step, rng))
            }
            Wake::Ttl(job) => {
                if !self.controllers_paused {
                    self.run_ttl(&job);
                }
            }
            Wake::Scripted(i) => self.apply_action(i),
            Wake::CronJobSync { name, waiting } => {
                if waiting {
                    // The delay is over: the key moves to the work queue.
                    self.cron_job_queue.delay_over(&name);
                    self.enqueue_cron_sync(&name);
                } else {
                    self.cron_job_queue.take(&name);
                    if !self.controllers_paused {
                        self.run_cron_sync(&name);
                    }
                }
            }
        }
    }

    // ---- recording -----------------------------------------------------------------------

    pub(crate) fn emit(
        &mut self,
        kind: EventKind,
        name: &str,
        type_: EventType,
        reason: impl Into<Str>,
        message: std::fmt::Arguments,
        source: Component,
    ) {
        let name = self.shared_name(kind, name);
        self.record_event(kind, name, type_, reason, message, source);
    }

    /// Records an event on an object by the name the object holds.
    fn record_event(
        &mut self,
        kind: EventKind,
        name: Str,
        type_: EventType,
        reason: impl Into<Str>,
        message: std::fmt::Arguments,
        source: Component,
    ) {
        self.last_activity = self.now;
        if self.events.len() >= MAX_EVENTS {
            self.stop_at_cap(format!(
                "the run recorded {MAX_EVENTS} events, the most one run may hold; it stops at {}",
                self.now.rfc3339()
            ));
            return;
        }
        let message = self.shared_message(&name, message);
        self.events.push(EventRecord {
            time: self.now,
            kind,
            name,
            type_,
            reason: reason.into(),
            message,
            source,
        });
    }

    /// The text of an event message, shared with earlier events of the same text. Messages
    /// that name their object are all different and are kept as they are; the others repeat
    /// (a run pulls the same image and starts the same container a hundred thousand times), up
    /// to [`SHARED_MESSAGES`] distinct texts.
    fn shared_message(&mut self, name: &str, message: std::fmt::Arguments) -> Str {
        let messages = &mut self.messages;
        // Formatted on the stack: a repeated message costs no allocation at all.
        Str::with_formatted(message, |text| {
            // A plain scan: names are short, and `str::contains` sets up a Two-Way search
            // for every one of a run's 600,000 events. Bytes are compared only where the
            // first one matches.
            let first = name.as_bytes().first();
            if first.is_none()
                || text
                    .as_bytes()
                    .windows(name.len())
                    .any(|w| w.first() == first && w == name.as_bytes())
            {
                return Str::copy(text);
            }
            if let Some(seen) = messages.get(text) {
                return seen.clone();
            }
            let message = Str::copy(text);
            if messages.len() < SHARED_MESSAGES {
                messages.insert(message.clone());
            }
            message
        })
    }

    /// The name as the object itself holds it, so its events share the text.
    fn shared_name(&self, kind: EventKind, name: &str) -> Str {
        let own = match kind {
            EventKind::Pod => self.store.pods.get(name).map(|e| &e.pod.metadata.name),
            EventKind::Job => self.store.jobs.get(name).map(|e| &e.job.metadata.name),
            EventKind::CronJob => self.store.cron_jobs.get(name).map(|c| &c.metadata.name),
            EventKind::Node | EventKind::Scenario => None,
        };
        own.cloned().unwrap_or_else(|| Str::copy(name))
    }

    /// A scripted or UI action that could not apply: a Warning event on the Scenario.
    pub(crate) fn action_skipped(&mut self, message: String) {
        let scenario = self.scenario.name.clone();
        self.emit(
            EventKind::Scenario,
            &scenario,
            EventType::Warning,
            "ActionSkipped",
            format_args!("{message}"),
            Component::Jobplay,
        );
    }

    pub(crate) fn decide(&mut self, mut decision: Decision) {
        self.last_activity = self.now;
        decision.before_event = self.events.len();
        self.decisions.push(decision);
    }

    pub(crate) fn stop_at_cap(&mut self, message: String) {
        if self.cap_hit.is_none() {
            self.cap_hit = Some(CapHit { message });
        }
    }

    // ---- the Job controller's workqueue --------------------------------------------------

    /// `AddAfter`: sync `job` at `at`, unless a sync is already due no later than that.
    pub(crate) fn enqueue_job_sync(&mut self, job: &str, at: SimTime) {
        if self.job_queue.add_after(job, at, self.now) {
            self.queue.push(at, Wake::JobSync(job.to_string()));
        }
    }

    /// A pod of `job` changed: the controller looks after the batch period.
    pub(crate) fn pod_changed(&mut self, pod: &str) {
        self.traced(|e| {
            Some(TraceEntry::Pod {
                time: e.now,
                pod: Box::new(e.store.pods.get(pod)?.pod.clone()),
                in_sync: e.in_job_sync,
            })
        });
        let owner = self
            .store
            .pods
            .get(pod)
            .and_then(|e| Store::owner_job_name(&e.pod).cloned());
        if let Some(job) = owner {
            self.enqueue_job_sync(&job, self.now + SYNC_BATCH);
        }
    }

    /// Creates a Job as the API server does (UID, timestamps, generated selector) and returns
    /// its UID and resource version.
    fn create_job(&mut self, mut job: Job) -> (String, String) {
        job.api_version = "batch/v1".into();
        job.kind = "Job".into();
        job.metadata.uid = self.store.next_uid();
        job.metadata.creation_timestamp = Some(Time(self.now));
        job.metadata.generation = Some(1);
        job.metadata.resource_version = self.store.next_resource_version();
        generate_selector(&mut job);
        let name = job.metadata.name.clone();
        self.store.jobs.insert(
            name.to_string(),
            JobEntry {
                job,
                backoff: BackoffRecord::default(),
                index_failures: BTreeMap::new(),
                live: BTreeSet::new(),
                created: AppendLog::default(),
                attempts: BTreeMap::new(),
            },
        );
        self.trace_job(&name);
        self.enqueue_job_sync(&name, self.now);
        self.cron_job_saw(&name);
        let job = &self.store.jobs[name.as_str()].job;
        (
            job.metadata.uid.to_string(),
            job.metadata.resource_version.to_string(),
        )
    }

    fn run_job_sync(&mut self, name: &str) {
        let Some(entry) = self.store.jobs.get(name) else {
            return;
        };
        let pods: Vec<&Pod> = entry
            .live
            .iter()
            .filter_map(|p| self.store.pods.get(p))
            .map(|e| &e.pod)
            .collect();
        let out = sync_job(&SyncInput {
            job: &entry.job,
            pods: &pods,
            backoff: entry.backoff,
            index_failures: &entry.index_failures,
            now: self.now,
        });
        let object = format!("Job/{name}");
        let events_before = self.events.len();
        let created_before = entry.created.len();
        let mut deleted = Vec::new();
        let mut released = Vec::new();
        self.in_job_sync = true;
        for why in out.why {
            let mut d = Decision::new(self.now, &object, why.kind, why.summary);
            d.fields = why.fields;
            d.facts = why.facts;
            d.pod = why.pod;
            self.decide(d);
        }
        for action in out.actions {
            if self.tracing() {
                match &action {
                    PodAction::RemoveFinalizer(pod) => released.push(Str::copy(pod)),
                    PodAction::Delete(pod) => deleted.push(Str::copy(pod)),
                    PodAction::Create(_) => {}
                }
            }
            match action {
                PodAction::RemoveFinalizer(pod) => self.remove_tracking_finalizer(&pod),
                PodAction::Delete(pod) => {
                    self.emit(
                        EventKind::Job,
                        name,
                        EventType::Normal,
                        "SuccessfulDelete",
                        format_args!("Deleted pod: {pod}"),
                        Component::JobController,
                    );
                    self.delete_pod(&pod, None);
                }
                PodAction::Create(pod) => self.create_pod(name, pod),
            }
        }
        let rv = self.store.next_resource_version();
        let Some(entry) = self.store.jobs.get_mut(name) else {
            return;
        };
        entry.backoff = out.backoff;
        entry.index_failures = out.index_failures;
        let changed = entry.job.status != out.status;
        if changed {
            entry.job.status = out.status;
            entry.job.metadata.resource_version = rv;
        }
        for e in out.events {
            self.emit(
                EventKind::Job,
                name,
                EventType::warning_if(e.warning),
                e.reason,
                format_args!("{}", e.message),
                Component::JobController,
            );
        }
        self.in_job_sync = false;
        if self.tracing() {
            self.trace_sync(
                name,
                events_before,
                created_before,
                deleted,
                released,
                out.requeue_after,
            );
        }
        if let Some(after) = out.requeue_after {
            self.enqueue_job_sync(name, self.now + after);
        }
        if changed {
            // A status update is an update event without a generation change: batched.
            self.enqueue_job_sync(name, self.now + SYNC_BATCH);
            // The CronJob controller watches Jobs too.
            self.cron_job_saw(name);
            // The TTL controller watches Jobs too.
            self.run_ttl(name);
        }
    }

    /// Keeps a sync's trace entry: the Job's status after it, what it did and the Job's
    /// events since `events_before`.
    fn trace_sync(
        &mut self,
        name: &str,
        events_before: usize,
        created_before: usize,
        deleted: Vec<Str>,
        finalizers_removed: Vec<Str>,
        requeue_after: Option<SimDuration>,
    ) {
        self.traced(|e| {
            let entry = e.store.jobs.get(name)?;
            let created = (created_before..entry.created.len())
                .filter_map(|i| entry.created.get(i).cloned())
                .collect();
            let events = e.trace_events(events_before, EventKind::Job, name);
            Some(TraceEntry::Sync {
                time: e.now,
                job: name.to_string(),
                status: Box::new(entry.job.status.clone()),
                created,
                deleted,
                finalizers_removed,
                requeue_after,
                events,
            })
        });
    }

    fn run_ttl(&mut self, name: &str) {
        let Some(job) = self.store.jobs.get(name).map(|e| &e.job) else {
            return;
        };
        match sync_ttl(job, self.now) {
            TtlDecision::Nothing => {}
            TtlDecision::WaitUntil(t) => self.queue.push(t, Wake::Ttl(name.to_string())),
            TtlDecision::Delete { finished, ttl } => {
                let summary = format!("TTL controller deletes the Job: it finished at {} and spec.ttlSecondsAfterFinished is {ttl}", finished.rfc3339());
                let mut d = Decision::new(self.now, format!("Job/{name}"), "ttl-delete", summary)
                    .field("spec.ttlSecondsAfterFinished", ttl);
                d.facts = Some(JobFacts::TtlDelete { ttl });
                self.decide(d);
                self.delete_job(name, Propagation::Foreground);
            }
        }
    }

    // ---- the CronJob controller --------------------------------------------------------

    fn create_cron_job(&mut self, mut cj: CronJob) {
        cj.api_version = "batch/v1".into();
        cj.kind = "CronJob".into();
        cj.metadata.uid = self.store.next_uid();
        cj.metadata.creation_timestamp = Some(Time(self.now));
        cj.metadata.generation = Some(1);
        cj.metadata.resource_version = self.store.next_resource_version();
        let name = cj.metadata.name.clone();
        self.store.cron_jobs.insert(name.to_string(), cj);
        self.trace_cron_job(&name, None);
        self.enqueue_cron_sync(&name);
    }

    /// `queue.Add`: sync now, once, however many events ask for it.
    fn enqueue_cron_sync(&mut self, name: &str) {
        if self.cron_job_queue.add(name) {
            self.queue.push(
                self.now,
                Wake::CronJobSync {
                    name: name.to_string(),
                    waiting: false,
                },
            );
        }
    }

    /// `queue.AddAfter`: the delaying queue keeps the earliest time per key.
    fn enqueue_cron_sync_at(&mut self, name: &str, at: SimTime) {
        if self.cron_job_queue.add_after(name, at, self.now) {
            self.queue.push(
                at,
                Wake::CronJobSync {
                    name: name.to_string(),
                    waiting: true,
                },
            );
        }
    }

    /// A Job was added, updated or deleted: its CronJob, if any, takes a look.
    fn cron_job_saw(&mut self, job: &str) {
        let owner = self
            .store
            .jobs
            .get(job)
            .and_then(|e| owner_cron_job(&e.job))
            .map(str::to_string);
        if let Some(owner) = owner.filter(|o| self.store.cron_jobs.contains_key(o)) {
            self.enqueue_cron_sync(&owner);
        }
    }

    fn run_cron_sync(&mut self, name: &str) {
        let Some(cj) = self.store.cron_jobs.get(name) else {
            return;
        };
        let owned: Vec<&Job> = self
            .store
            .jobs
            .values()
            .map(|e| &e.job)
            .filter(|j| owner_cron_job(j) == Some(name))
            .collect();
        let jobs = &self.store.jobs;
        let existing = |n: &str| jobs.get(n).map(|e| &e.job);
        let out = sync_cron_job(&cronjob::SyncInput {
            cron_job: cj,
            jobs: &owned,
            existing: &existing,
            local_zone: self.local_zone,
            now: self.now,
        });
        let object = format!("CronJob/{name}");
        let events_before = self.events.len();
        for why in out.why {
            let mut d = Decision::new(self.now, &object, why.kind, why.summary);
            d.fields = why.fields;
            d.schedule = why.schedule;
            self.decide(d);
        }
        for e in out.events {
            self.emit(
                EventKind::CronJob,
                name,
                EventType::warning_if(e.warning),
                e.reason,
                format_args!("{}", e.message),
                Component::CronJobController,
            );
        }
        let mut status = out.status;
        let mut created = Vec::new();
        let mut deleted = Vec::new();
        self.in_cron_sync = true;
        for action in out.actions {
            if self.tracing() {
                match &action {
                    CronAction::DeleteJob(job) => deleted.push(Str::copy(job)),
                    CronAction::CreateJob(job) => created.push(job.metadata.name.clone()),
                }
            }
            match action {
                CronAction::DeleteJob(job) => self.delete_job(&job, Propagation::Background),
                CronAction::CreateJob(job) => {
                    let job_name = job.metadata.name.clone();
                    let (uid, rv) = self.create_api_job(*job);
                    if let Some(r) = status
                        .active
                        .iter_mut()
                        .find(|r| r.name == job_name && r.uid.is_empty())
                    {
                        r.uid = uid;
                        r.resource_version = rv;
                    }
                }
            }
        }
        self.in_cron_sync = false;
        if let Some(after) = out.requeue_after {
            self.enqueue_cron_sync_at(name, self.now + after);
        }
        let rv = self.store.next_resource_version();
        let Some(cj) = self.store.cron_jobs.get_mut(name) else {
            return;
        };
        if cj.status != status {
            cj.status = status;
            cj.metadata.resource_version = rv;
            // The controller's own status update comes back as an update event.
            self.enqueue_cron_sync(name);
        }
        if self.tracing() {
            self.trace_cron_sync(name, events_before, created, deleted, out.requeue_after);
        }
    }

    /// Keeps a CronJob sync's trace entry: the status it left, the Jobs it created and
    /// deleted, its requeue and the CronJob's events since `events_before`.
    fn trace_cron_sync(
        &mut self,
        name: &str,
        events_before: usize,
        jobs_created: Vec<Str>,
        jobs_deleted: Vec<Str>,
        requeue_after: Option<SimDuration>,
    ) {
        self.traced(|e| {
            let cron_job = e.store.cron_jobs.get(name)?;
            Some(TraceEntry::CronSync {
                time: e.now,
                cron_job_name: cron_job.metadata.name.clone(),
                status: Box::new(cron_job.status.clone()),
                jobs_created,
                jobs_deleted,
                requeue_after,
                events: e.trace_events(events_before, EventKind::CronJob, name),
            })
        });
    }

    /// The events on `kind`/`name` recorded since `before`, for a sync's trace entry.
    fn trace_events(&self, before: usize, kind: EventKind, name: &str) -> Vec<TraceEvent> {
        (before..self.events.len())
            .filter_map(|i| self.events.get(i))
            .filter(|ev| ev.kind == kind && ev.name == name)
            .map(|ev| TraceEvent {
                type_: ev.type_.as_str(),
                reason: ev.reason.clone(),
                message: ev.message.clone(),
            })
            .collect()
    }

    /// A Job posted to the API (by the CronJob controller or `kubectl create job --from`):
    /// defaulted as the API server does, then created.
    fn create_api_job(&mut self, mut job: Job) -> (String, String) {
        default_job(&mut job);
        default_pod_spec(&mut job.spec.template.spec);
        self.create_job(job)
    }

    /// `kubectl create job <cronjob>-manual-xxxxx --from=cronjob/<cronjob>`.
    fn trigger_cron_job(&mut self, name: &str) {
        let Some(cj) = self.store.cron_jobs.get(name).cloned() else {
            self.action_skipped(format!(
                "cronjob/{name} does not exist at {}",
                self.now.rfc3339()
            ));
            return;
        };
        let job_name = loop {
            let candidate = format!("{name}-manual-{}", self.rng.name_suffix());
            if !self.store.jobs.contains_key(&candidate) {
                break candidate;
            }
        };
        let template = &cj.spec.job_template;
        let mut job = Job::default();
        job.metadata.name = job_name.clone().into();
        job.metadata.namespace = cj.metadata.namespace.clone();
        job.metadata.labels = template.metadata.labels.clone();
        job.metadata.annotations = template.metadata.annotations.clone();
        job.metadata
            .annotations
            .insert("cronjob.kubernetes.io/instantiate".into(), "manual".into());
        job.metadata.owner_references = vec![controller_ref(&cj)].into();
        job.spec = template.spec.clone();
        self.decide(Decision::new(self.now, format!("CronJob/{name}"), "manual-trigger", format!("Job {job_name} is created by hand from the CronJob's template (kubectl create job --from=cronjob/{name}); the CronJob controller did not create it, so it reports it as UnexpectedJob and never lists it in status.active")));
        self.create_api_job(job);
    }

    fn update_cron_job_spec(&mut self, name: &str, edit: impl FnOnce(&mut CronJob)) {
        let rv = self.store.next_resource_version();
        let Some(cj) = self.store.cron_jobs.get_mut(name) else {
            self.action_skipped(format!(
                "cronjob/{name} does not exist at {}",
                self.now.rfc3339()
            ));
            return;
        };
        let old = cj.clone();
        edit(cj);
        cj.metadata.record_spec_change(rv);
        let on_update = cronjob::update_cron_job(&old, cj, self.local_zone, self.now);
        let requeue_after = match on_update {
            OnUpdate::SyncAfter(after) if after > SimDuration::ZERO => Some(after),
            _ => None,
        };
        self.trace_cron_job(name, requeue_after);
        match on_update {
            OnUpdate::SyncNow => self.enqueue_cron_sync(name),
            OnUpdate::SyncAfter(after) if after > SimDuration::ZERO => {
                self.enqueue_cron_sync_at(name, self.now + after)
            }
            OnUpdate::SyncAfter(_) => self.enqueue_cron_sync(name),
            OnUpdate::Unparseable(e) => self.emit(
                EventKind::CronJob,
                name,
                EventType::Warning,
                e.reason,
                format_args!("{}", e.message),
                Component::CronJobController,
            ),
        }
    }

    fn remove_tracking_finalizer(&mut self, pod: &str) {
        if let Some(e) = self.store.pods.get_mut(pod) {
            e.pod
                .metadata
                .finalizers
                .retain(|f| f != wk::JOB_TRACKING_FINALIZER);
            if e.pod.is_terminal() {
                e.compact();
            }
        }
        // The finalizer patch is a pod update: the Job controller's `updatePod` observes the
        // removal and looks at the Job again after the batch period.
        self.pod_changed(pod);
        self.forget_if_done(pod);
    }

    /// Asks for a scheduling pass now; several requests at one instant make one pass.
    pub(crate) fn request_scheduling(&mut self) {
        if self.scheduler.request(self.now) {
            self.queue.push(self.now, Wake::Schedule);
        }
    }

    /// A pod reached a terminal phase (or was deleted before scheduling): it no longer waits
    /// for a node nor occupies one.
    pub(crate) fn pod_finished(&mut self, name: &str) {
        if let Some(e) = self.store.pods.get(name) {
            let created = e
                .pod
                .metadata
                .creation_timestamp
                .map(|t| t.0)
                .unwrap_or_default();
            self.store
                .unscheduled
                .remove(&(created, e.pod.metadata.name.clone()));
        }
        self.store.on_nodes.remove(name);
    }

    /// Drops a pod from its Job's live set once it has finished and lost its finalizer, and
    /// removes it from the API once it is deleted and has no finalizers left.
    pub(crate) fn forget_if_done(&mut self, pod: &str) {
        let Some(e) = self.store.pods.get(pod) else {
            return;
        };
        let finished = e.pod.is_terminal();
        let tracked = e.pod.has_tracking_finalizer();
        let gone = e.pod.is_deleting()
            && e.pod.metadata.finalizers.is_empty()
            && (finished || e.pod.spec.node_name.is_empty());
        if let Some(job) = Store::owner_job_name(&e.pod).cloned() {
            if (finished && !tracked) || gone {
                if let Some(j) = self.store.jobs.get_mut(job.as_str()) {
                    j.live.remove(pod);
                }
            }
        }
        if gone {
            self.traced(|e| {
                Some(TraceEntry::PodRemoved {
                    time: e.now,
                    pod: Box::new(e.store.pods.get(pod)?.pod.clone()),
                })
            });
            if let Some(e) = self.store.pods.remove(pod) {
                let owner = Store::owner_job_name(&e.pod).cloned();
                self.store.removed_pods.push(e.pod);
                self.request_scheduling();
                if let Some(job) = owner {
                    // The pod informer's delete: `deletePod` looks at an unfinished Job again
                    // after the batch period.
                    let unfinished = self
                        .store
                        .jobs
                        .get(job.as_str())
                        .is_some_and(|j| !j.job.is_finished());
                    if unfinished {
                        self.enqueue_job_sync(&job, self.now + SYNC_BATCH);
                    }
                    self.remove_job_if_orphan_free(&job);
                }
            }
        }
    }

    fn create_pod(&mut self, job: &str, mut pod: Pod) {
        if self.pods_created >= MAX_PODS {
            self.stop_at_cap(format!(
                "the run created {MAX_PODS} pods, the most one run may hold; it stops at {}",
                self.now.rfc3339()
            ));
            return;
        }
        let shared_name = loop {
            let candidate = Str::format(format_args!(
                "{}{}",
                pod.metadata.generate_name,
                self.rng.name_suffix()
            ));
            if !self.store.pods.name_used(&candidate) {
                break candidate;
            }
        };
        pod.metadata.name = shared_name.clone();
        pod.metadata.uid = self.store.next_uid();
        pod.metadata.creation_timestamp = Some(Time(self.now));
        pod.metadata.resource_version = self.store.next_resource_version();
        pod.status.phase = "Pending".into();
        let rt = PodRuntime {
            inits: vec![Default::default(); pod.spec.init_containers.len()],
            mains: vec![Default::default(); pod.spec.containers.len()],
            ..PodRuntime::default()
        };
        self.store
            .unscheduled
            .insert((self.now, shared_name.clone()));
        self.store.pods.insert(PodEntry { pod, rt });
        self.pods_created += 1;
        if let Some(entry) = self.store.jobs.get_mut(job) {
            entry.live.insert(shared_name.clone());
            entry.created.push(shared_name.clone());
        }
        self.emit(
            EventKind::Job,
            job,
            EventType::Normal,
            "SuccessfulCreate",
            format_args!("Created pod: {shared_name}"),
            Component::JobController,
        );
        self.request_scheduling();
        self.pod_changed(&shared_name);
    }

    /// Deletes a pod as the API server does: `deletionTimestamp` = now + grace period; the
    /// kubelet stops its containers; the pod goes once its finalizers are gone.
    pub(crate) fn delete_pod(&mut self, name: &str, grace_override: Option<i64>) {
        let now = self.now;
        let Some(entry) = self.store.pods.get_mut(name) else {
            return;
        };
        if entry.pod.metadata.deletion_timestamp.is_some() {
            return;
        }
        let grace = grace_override
            .unwrap_or(
                entry
                    .pod
                    .spec
                    .termination_grace_period_seconds
                    .unwrap_or(30),
            )
            .max(0);
        entry.pod.metadata.deletion_timestamp = Some(Time(now + SimDuration::from_secs(grace)));
        entry.pod.metadata.deletion_grace_period_seconds = Some(grace);
        entry.rt.generation += 1;
        let bound = !entry.pod.spec.node_name.is_empty();
        let terminal = entry.pod.is_terminal();
        if !terminal && bound {
            let grace = SimDuration::from_secs(grace);
            self.run_kubelet(name, |k, e, _| k.kill(e, grace));
        } else if !terminal {
            // Never scheduled: no kubelet to wait for.
            if let Some(e) = self.store.pods.get_mut(name) {
                e.pod.status.phase = "Failed".into();
            }
            self.pod_finished(name);
        }
        self.pod_changed(name);
        self.forget_if_done(name);
    }

    // ---- the kubelet's effects -----------------------------------------------------------

    /// Runs the kubelet on one pod (see `kubelet.rs`) and applies what it returns, in order.
    /// Nothing happens for a pod no longer in the API.
    fn run_kubelet(
        &mut self,
        name: &str,
        act: impl FnOnce(&mut Kubelet<'_>, &mut PodEntry, &mut SimRng),
    ) {
        // Applying an effect never runs the kubelet again: the buffer is read in place.
        debug_assert!(
            self.kubelet_out.effects.is_empty(),
            "the kubelet ran while its effects were applied"
        );
        if let Some(entry) = self.store.pods.get_mut(name) {
            let node_images = self
                .store
                .nodes
                .get(entry.rt.node)
                .map_or(&[][..], |n| n.images.as_slice());
            let mut kubelet = Kubelet {
                scenario: &self.scenario,
                jobs: &self.store.jobs,
                node_images,
                now: self.now,
                out: &mut self.kubelet_out,
            };
            act(&mut kubelet, entry, &mut self.rng);
        }
        if let Some(Attempt { job, key }) = self.kubelet_out.attempt.take() {
            if let Some(j) = self.store.jobs.get_mut(job.as_str()) {
                *j.attempts.entry(key).or_insert(0) += 1;
            }
        }
        let mut k = 0;
        while let Some(&effect) = self.kubelet_out.effects.get(k) {
            self.apply_kubelet_effect(name, effect);
            k += 1;
        }
        self.kubelet_out.effects.clear();
    }

    fn apply_kubelet_effect(&mut self, pod: &str, effect: KubeletEffect) {
        match effect {
            KubeletEffect::Event(event) => self.emit_kubelet_event(pod, event),
            KubeletEffect::Wake { at, step } => self.wake(pod, at, step),
            KubeletEffect::StatusChanged => self.pod_changed(pod),
            KubeletEffect::ImagePulled(c) => self.image_pulled(pod, c),
            KubeletEffect::Finished => {
                self.pod_finished(pod);
                self.request_scheduling();
            }
            KubeletEffect::ForgetIfDone => self.forget_if_done(pod),
        }
    }

    /// Records a kubelet event in the kubelet's words, formatted on the stack (see
    /// `shared_message`), with the texts it names read from the pod (see `KubeletEvent`).
    /// A step's events all come before its `ForgetIfDone`, so the pod is still in the API.
    fn emit_kubelet_event(&mut self, pod: &str, event: KubeletEvent) {
        use EventType::{Normal, Warning};
        use KubeletEvent as K;
        let Some(entry) = self.store.pods.get(pod) else {
            return;
        };
        let p = &entry.pod;
        let name = p.metadata.name.clone();
        let container = |c: ContainerRef| c.spec(p).map(|c| c.name.clone()).unwrap_or_default();
        let image = |c: ContainerRef| c.spec(p).map(|c| c.image.clone()).unwrap_or_default();
        // The events that carry the container's waiting message (the kubelet wrote it first).
        let waiting_message = |c: ContainerRef| {
            c.status(p)
                .and_then(|s| s.state.waiting.as_ref())
                .map(|w| w.message.clone())
                .unwrap_or_default()
        };
        let (kind, from) = (EventKind::Pod, Component::Kubelet);
        match event {
            K::Pulling(c) => {
                let image = image(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "Pulling",
                    format_args!("Pulling image \"{image}\""),
                    from,
                )
            }
            K::PullFailed(c) => {
                let image = image(c);
                self.record_event(kind, name, Warning, "Failed", format_args!("Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found"), from)
            }
            K::ErrImagePull => self.record_event(
                kind,
                name,
                Warning,
                "Failed",
                format_args!("Error: ErrImagePull"),
                from,
            ),
            K::PullBackOff(c) => {
                let image = image(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "BackOff",
                    format_args!("Back-off pulling image \"{image}\""),
                    from,
                )
            }
            K::ImagePullBackOff => self.record_event(
                kind,
                name,
                Warning,
                "Failed",
                format_args!("Error: ImagePullBackOff"),
                from,
            ),
            K::ConfigError(c) => {
                let message = waiting_message(c);
                self.record_event(
                    kind,
                    name,
                    Warning,
                    "Failed",
                    format_args!("Error: {message}"),
                    from,
                )
            }
            K::InspectFailed(c) => {
                let message = waiting_message(c);
                self.record_event(
                    kind,
                    name,
                    Warning,
                    "InspectFailed",
                    format_args!("{message}"),
                    from,
                )
            }
            K::ErrInvalidImageName => self.record_event(
                kind,
                name,
                Warning,
                "Failed",
                format_args!("Error: InvalidImageName"),
                from,
            ),
            // KubeletEnsureSecretPulledImages (beta, on since v1.35) checks that the pod may
            // use an image already on the node; one pulled without credentials any pod may.
            K::AlreadyPresent(c) => {
                let image = image(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "Pulled",
                    format_args!("Container image \"{image}\" already present on machine and can be accessed by the pod"),
                    from,
                )
            }
            K::NeverPull(c) => {
                let message = waiting_message(c);
                self.record_event(
                    kind,
                    name,
                    Warning,
                    "ErrImageNeverPull",
                    format_args!("{message}"),
                    from,
                )
            }
            K::ErrImageNeverPull => self.record_event(
                kind,
                name,
                Warning,
                "Failed",
                format_args!("Error: ErrImageNeverPull"),
                from,
            ),
            K::Pulled {
                container: c,
                took,
                size,
            } => {
                let (image, took) = (image(c), took.go_display());
                self.record_event(kind, name, Normal, "Pulled", format_args!("Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {size} bytes."), from)
            }
            K::Created(c) => {
                let container = container(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "Created",
                    format_args!("Created container: {container}"),
                    from,
                )
            }
            K::Started(c) => {
                let container = container(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "Started",
                    format_args!("Started container {container}"),
                    from,
                )
            }
            K::CrashLoopBackOff(c) => {
                let container = container(c);
                let (namespace, uid) = (p.metadata.namespace.clone(), p.metadata.uid.clone());
                self.record_event(
                    kind,
                    name,
                    Warning,
                    "BackOff",
                    format_args!("Back-off restarting failed container {container} in pod {pod}_{namespace}({uid})"),
                    from,
                )
            }
            K::Killing(c) => {
                let container = container(c);
                self.record_event(
                    kind,
                    name,
                    Normal,
                    "Killing",
                    format_args!("Stopping container {container}"),
                    from,
                )
            }
        }
    }

    /// Queues a kubelet step for a pod, valid for the pod's current generation.
    fn wake(&mut self, name: &str, at: SimTime, step: KubeletStep) {
        // The wake carries the pod's own name, shared, not a copy.
        if let Some((slot, pod, generation)) = self
            .store
            .pods
            .find(name)
            .map(|(slot, e)| (slot, e.pod.metadata.name.clone(), e.rt.generation))
        {
            self.queue.push(
                at,
                Wake::Kubelet {
                    pod,
                    slot,
                    generation,
                    step,
                },
            );
        }
    }

    /// `failPod` / `succeedPod`: the chosen containers exit one by one, each exit applied
    /// before the next, and the containers that keep running have their exits scheduled again
    /// under the pod's new generation.
    fn force_exit(&mut self, name: &str, code: Option<i32>) {
        let Some(entry) = self.store.pods.get_mut(name) else {
            return;
        };
        let exits = kubelet::forced_exits(entry, code);
        for i in exits.targets {
            let code = code.unwrap_or(0);
            self.run_kubelet(name, |k, e, _| k.container_exited(e, false, i, code));
        }
        for i in exits.others_running {
            self.run_kubelet(name, |k, e, _| k.rearm_exit(e, i));
        }
    }

    // ---- the scheduler's placements and the nodes' changes ------------------------------

    /// A scheduling pass: each pending pod placed in turn, and the placement applied before
    /// the next pod is looked at (see `scheduler.rs`).
    fn schedule_pending_pods(&mut self) {
        let mut pass = self.scheduler.start_pass(&self.store);
        while let Some(placement) = pass.next(&self.store, &mut self.rng) {
            match placement {
                Placement::Bind { pod, node } => self.bind(&pod, node),
                Placement::Unschedulable { pod, message } => {
                    self.report_unschedulable(&pod, &message)
                }
            }
        }
        self.scheduler.end_pass(pass);
    }

    /// A pull finished: the image is on the pod's node from now on.
    fn image_pulled(&mut self, pod: &str, c: ContainerRef) {
        let Some(e) = self.store.pods.get(pod) else {
            return;
        };
        let Some(image) = c.spec(&e.pod).map(|c| c.image.clone()) else {
            return;
        };
        if let Some(node) = self.store.nodes.get_mut(e.rt.node) {
            if !node.images.contains(&image) {
                node.images.push(image);
            }
        }
    }

    /// The API server's binding: the pod gets its node, host IP and pod IP, `PodScheduled`,
    /// and its node's kubelet admits it.
    fn bind(&mut self, name: &str, node: usize) {
        let now = self.now;
        let n = &mut self.store.nodes[node];
        let pod_ip = next_pod_ip(n, node);
        let (node_name, host_ip) = (n.info.name.clone(), n.ip.clone());
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
        e.pod.spec.node_name = node_name.clone();
        e.rt.node = node;
        e.pod.status.host_ips = IpList(host_ip.clone());
        e.pod.status.host_ip = host_ip;
        // The sandbox gets its address as the pod starts on the node; the simulation gives
        // it at binding (the kubelet's sandbox setup is not modelled separately).
        e.pod.status.pod_ips = IpList(pod_ip.clone());
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
            format_args!("Successfully assigned {namespace}/{name} to {node_name}"),
            Component::Scheduler,
        );
        self.run_kubelet(name, |k, e, _| k.admit(e));
    }

    /// No node fits the pod: `PodScheduled=False` with the scheduler's message, and the
    /// `FailedScheduling` event.
    fn report_unschedulable(&mut self, name: &str, message: &str) {
        let now = self.now;
        if let Some(e) = self.store.pods.get_mut(name) {
            e.pod.status.conditions.push(Condition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                last_probe_time: None,
                last_transition_time: Some(Time(now)),
                reason: "Unschedulable".into(),
                message: Str::copy(message),
            });
        }
        self.emit(
            EventKind::Pod,
            name,
            EventType::Warning,
            "FailedScheduling",
            format_args!("{message}"),
            Component::Scheduler,
        );
    }

    /// cordon, uncordon, drain, fail and restore (see `node_lifecycle.rs`).
    fn node_action(&mut self, verb: &Verb, node: &str) {
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
        let Some(change) = node_lifecycle::change(&mut self.store.nodes[idx], verb) else {
            return;
        };
        self.emit(
            EventKind::Node,
            node,
            EventType::Normal,
            change.status,
            format_args!("Node {node} status is now: {}", change.status),
            change.source,
        );
        if let Some(disruption) = change.evict {
            for pod in on_node {
                self.add_pod_condition(
                    &pod,
                    "DisruptionTarget",
                    disruption.reason,
                    disruption.message,
                );
                self.delete_pod(&pod, None);
            }
        }
        if change.reschedule {
            self.request_scheduling();
        }
    }

    // ---- actions -------------------------------------------------------------------------

    /// Carries out a scripted action as the action interpreter reads it: its decision first,
    /// then what it does.
    fn apply_action(&mut self, i: usize) {
        let Some(action) = self.scenario.actions.get(i) else {
            return;
        };
        let Interpretation { decision, effect } =
            action_interpreter::interpret(action, &self.store, self.now);
        self.decide(decision);
        match effect {
            Effect::ForceExit { pod, exit_code } => self.force_exit(&pod, exit_code),
            Effect::DeletePod { pod } => self.delete_pod(&pod, None),
            Effect::EvictPod { pod } => {
                self.add_pod_condition(
                    &pod,
                    "DisruptionTarget",
                    "EvictionByEvictionAPI",
                    "Eviction API: evicting",
                );
                self.delete_pod(&pod, None);
            }
            Effect::AddPodCondition { pod, type_, reason } => {
                self.add_pod_condition(&pod, &type_, &reason, "")
            }
            Effect::Node { verb, node } => self.node_action(&verb, &node),
            Effect::SuspendJob { job, suspend } => {
                self.update_job_spec(&job, |j| j.spec.suspend = Some(suspend))
            }
            Effect::SetParallelism { job, parallelism } => {
                self.update_job_spec(&job, |j| j.spec.parallelism = Some(parallelism))
            }
            Effect::DeleteJob { job, propagation } => self.delete_job(&job, propagation),
            Effect::SuspendCronJob { cron_job, suspend } => {
                self.update_cron_job_spec(&cron_job, |c| c.spec.suspend = Some(suspend))
            }
            Effect::TriggerCronJob { cron_job } => self.trigger_cron_job(&cron_job),
            Effect::DeleteCronJob {
                cron_job,
                propagation,
            } => self.delete_cron_job(&cron_job, propagation),
            Effect::PauseControllers => self.pause_controllers(),
            Effect::ResumeControllers => self.resume_controllers(),
            Effect::ApplyJob(new) => {
                if self.store.jobs.contains_key(new.metadata.name.as_str()) {
                    self.update_job_spec(&new.metadata.name.clone(), |j| {
                        j.metadata.labels = new.metadata.labels;
                        j.metadata.annotations = new.metadata.annotations;
                        j.spec = new.spec;
                    })
                } else {
                    self.create_job(*new);
                }
            }
            Effect::ApplyCronJob(new) => {
                if self
                    .store
                    .cron_jobs
                    .contains_key(new.metadata.name.as_str())
                {
                    self.update_cron_job_spec(&new.metadata.name.clone(), |c| {
                        c.metadata.labels = new.metadata.labels;
                        c.metadata.annotations = new.metadata.annotations;
                        c.spec = new.spec;
                    })
                } else {
                    self.create_cron_job(*new);
                }
            }
            Effect::Skip(message) => self.action_skipped(message),
        }
    }

    fn pause_controllers(&mut self) {
        self.controllers_paused = true;
        self.traced(|e| {
            Some(TraceEntry::Controllers {
                time: e.now,
                running: false,
            })
        });
        let scenario = self.scenario.name.clone();
        self.emit(EventKind::Scenario, &scenario, EventType::Warning, "ControllersPaused", format_args!("kube-controller-manager is down: no Job or CronJob controller runs until it is resumed"), Component::Jobplay);
    }

    fn resume_controllers(&mut self) {
        self.controllers_paused = false;
        self.traced(|e| {
            Some(TraceEntry::Controllers {
                time: e.now,
                running: true,
            })
        });
        let scenario = self.scenario.name.clone();
        self.emit(
            EventKind::Scenario,
            &scenario,
            EventType::Normal,
            "ControllersResumed",
            format_args!("kube-controller-manager is back: every object is synced"),
            Component::Jobplay,
        );
        let names: Vec<String> = self.store.jobs.keys().cloned().collect();
        for n in names {
            // The pod-failure back-off lives in the controller's memory (`backoffStore`):
            // a restarted controller starts without it. Per-index back-off survives, as
            // Kubernetes reads it from the pods' annotations.
            if let Some(e) = self.store.jobs.get_mut(&n) {
                e.backoff = BackoffRecord::default();
            }
            self.job_queue.forget(&n);
            self.enqueue_job_sync(&n, self.now);
        }
        // The new informers list every pod as added: `addPod` looks at its Job again after
        // the batch period.
        let mut with_pods: Vec<String> = self
            .store
            .pods
            .values()
            .filter_map(|e| Store::owner_job_name(&e.pod))
            .filter(|j| self.store.jobs.contains_key(j.as_str()))
            .map(|j| j.to_string())
            .collect();
        // Each Job once, by name, as a `BTreeSet` would give them: sorted with the crate's
        // shared sort, because that set's B-tree and sort would be wasm for this one restart.
        crate::sort::sort_by(&mut with_pods, |a, b| a.cmp(b));
        with_pods.dedup();
        for n in with_pods {
            self.enqueue_job_sync(&n, self.now + SYNC_BATCH);
        }
        // A restarted controller manager starts with empty queues and lists everything.
        self.cron_job_queue.forget_delays();
        let cron_jobs: Vec<String> = self.store.cron_jobs.keys().cloned().collect();
        for n in cron_jobs {
            self.enqueue_cron_sync(&n);
        }
    }

    pub(crate) fn add_pod_condition(
        &mut self,
        pod: &str,
        type_: &str,
        reason: &str,
        message: &str,
    ) {
        let now = self.now;
        if let Some(e) = self.store.pods.get_mut(pod) {
            e.pod.status.conditions.retain(|c| c.type_ != type_);
            e.pod.status.conditions.push(Condition {
                type_: Str::copy(type_),
                status: "True".into(),
                last_probe_time: None,
                last_transition_time: Some(Time(now)),
                reason: Str::copy(reason),
                message: Str::copy(message),
            });
        }
        self.pod_changed(pod);
    }

    fn update_job_spec(&mut self, job: &str, edit: impl FnOnce(&mut Job)) {
        let rv = self.store.next_resource_version();
        let Some(entry) = self.store.jobs.get_mut(job) else {
            self.action_skipped(format!(
                "job/{job} does not exist at {}",
                self.now.rfc3339()
            ));
            return;
        };
        edit(&mut entry.job);
        entry.job.metadata.record_spec_change(rv);
        self.trace_job(job);
        // A spec change (generation bump) is synced at once (`enqueueSyncJobImmediately`); a
        // delay already waiting stays, as client-go's `Add` leaves the delaying queue alone.
        self.enqueue_job_sync(job, self.now);
    }

    /// Deletes a Job, its pods going with it as the garbage collector has them go (see
    /// [`Propagation`]).
    fn delete_job(&mut self, job: &str, propagation: Propagation) {
        let Some(entry) = self.store.jobs.get_mut(job) else {
            self.action_skipped(format!(
                "job/{job} does not exist at {}",
                self.now.rfc3339()
            ));
            return;
        };
        // Set once: deleting again (or the TTL controller's deletion of a Job a user deleted)
        // keeps the first instant, as the API server does, and only then is the generation
        // bumped (`markAsDeleting` in staging/src/k8s.io/apiserver/pkg/registry/generic/
        // registry/store.go).
        let meta = &mut entry.job.metadata;
        if meta.deletion_timestamp.is_none() {
            meta.deletion_timestamp = Some(Time(self.now));
            meta.generation = Some(meta.generation.unwrap_or(1) + 1);
        }
        add_finalizer(meta, propagation);
        let dependents = garbage_collector::dependents(entry, &self.store.pods);
        let uid = entry.job.metadata.uid.clone();
        self.trace_job(job);
        match propagation {
            Propagation::Orphan => {
                self.orphan_pods(&dependents, &uid);
                self.remove_job(job);
            }
            Propagation::Background => {
                for pod in &dependents {
                    // The Job is gone: the Job controller's orphan-pod queue drops the
                    // tracking finalizer of each of its pods (`syncOrphanPod`), and the
                    // collector deletes them. One already deleted and finished then leaves.
                    let Some(e) = self.store.pods.get_mut(pod) else {
                        continue;
                    };
                    e.pod
                        .metadata
                        .finalizers
                        .retain(|f| f != wk::JOB_TRACKING_FINALIZER);
                    if e.pod.metadata.deletion_timestamp.is_some() {
                        self.pod_changed(pod);
                        self.forget_if_done(pod);
                    } else {
                        self.delete_pod(pod, None);
                    }
                }
                self.remove_job(job);
            }
            Propagation::Foreground => {
                // The Job stays while the collector deletes its pods, and its controller syncs
                // it at once (a new generation): it counts them and drops their tracking
                // finalizers (`canRemoveFinalizer` holds for a Job being deleted).
                for pod in &dependents {
                    self.delete_pod(pod, None);
                }
                self.enqueue_job_sync(job, self.now);
                self.remove_job_if_orphan_free(job);
            }
        }
    }

    /// The garbage collector's `orphanDependents` for a Job deleted with the orphan policy:
    /// each pod loses its reference to the Job and, having no controller, its tracking
    /// finalizer (the Job controller's orphan-pod queue removes it), and runs on alone.
    fn orphan_pods(&mut self, pods: &[String], owner_uid: &str) {
        for pod in pods {
            if let Some(e) = self.store.pods.get_mut(pod) {
                let meta = &mut e.pod.metadata;
                meta.owner_references =
                    garbage_collector::orphaned(&meta.owner_references, owner_uid).into();
                meta.finalizers.retain(|f| f != wk::JOB_TRACKING_FINALIZER);
            }
            self.pod_changed(pod);
            // One already deleted and finished leaves the API with its last finalizer.
            self.forget_if_done(pod);
        }
    }

    /// `kubectl delete cronjob`. In the background (the default) the CronJob goes at once (it
    /// has no finalizer), and the garbage collector deletes its dependents, the Jobs whose
    /// controller it is, each in the background as well, so their pods go too. In the
    /// foreground it stays, with the `foregroundDeletion` finalizer, while the collector
    /// deletes its Jobs in the foreground (they have dependents of their own:
    /// garbagecollector.go `attemptToDeleteItem`), and goes with the last of them.
    fn delete_cron_job(&mut self, name: &str, propagation: Propagation) {
        let Some(cron_job) = self.store.cron_jobs.get_mut(name) else {
            self.action_skipped(format!(
                "cronjob/{name} does not exist at {}",
                self.now.rfc3339()
            ));
            return;
        };
        cron_job
            .metadata
            .deletion_timestamp
            .get_or_insert(Time(self.now));
        add_finalizer(&mut cron_job.metadata, propagation);
        let uid = cron_job.metadata.uid.clone();
        self.trace_cron_job(name, None);
        let owned: Vec<String> = self
            .store
            .jobs
            .iter()
            .filter(|(_, e)| owner_cron_job(&e.job) == Some(name))
            .map(|(n, _)| n.clone())
            .collect();
        if propagation == Propagation::Orphan {
            // The Jobs lose their reference to it and run on, each its own.
            for job in &owned {
                if let Some(e) = self.store.jobs.get_mut(job) {
                    let meta = &mut e.job.metadata;
                    meta.owner_references =
                        garbage_collector::orphaned(&meta.owner_references, &uid).into();
                }
                self.trace_job(job);
            }
            self.remove_cron_job(name);
            return;
        }
        if propagation == Propagation::Background || owned.is_empty() {
            self.remove_cron_job(name);
        }
        for job in owned {
            self.delete_job(&job, propagation);
        }
    }

    fn remove_cron_job(&mut self, name: &str) {
        if let Some(mut cron_job) = self.store.cron_jobs.remove(name) {
            let waited = has_foreground_finalizer(&cron_job.metadata);
            remove_deletion_finalizers(&mut cron_job.metadata);
            self.store.removed_cron_jobs.push(cron_job);
            if waited {
                // A foreground deletion is over: the informers see the CronJob go now.
                self.trace_cron_job(name, None);
            }
        }
    }

    /// Completes a CronJob's foreground deletion once none of its Jobs is left.
    fn remove_cron_job_if_orphan_free(&mut self, name: &str) {
        let deleting = self.store.cron_jobs.get(name).is_some_and(|c| {
            c.metadata.deletion_timestamp.is_some()
                && c.metadata
                    .finalizers
                    .iter()
                    .any(|f| f == wk::FOREGROUND_DELETION_FINALIZER)
        });
        // Only then are its Jobs looked through: this runs at every removal of a Job a
        // CronJob made (its history limits too).
        if !deleting {
            return;
        }
        let owns_a_job = self
            .store
            .jobs
            .values()
            .any(|e| owner_cron_job(&e.job) == Some(name));
        if !owns_a_job {
            self.remove_cron_job(name);
        }
    }

    fn remove_job(&mut self, job: &str) {
        if let Some(mut entry) = self.store.jobs.remove(job) {
            // The collector removes the finalizer, and the API server then the object.
            let waited = has_foreground_finalizer(&entry.job.metadata);
            remove_deletion_finalizers(&mut entry.job.metadata);
            if waited {
                // A foreground deletion is over: the informers see the Job go now.
                self.traced(|e| {
                    Some(TraceEntry::Job {
                        time: e.now,
                        job: Box::new(entry.job.clone()),
                        deleted: true,
                        in_sync: e.in_cron_sync,
                    })
                });
            }
            self.job_queue.forget(job);
            if let Some(owner) = owner_cron_job(&entry.job) {
                let owner = owner.to_string();
                self.enqueue_cron_sync(&owner);
                self.remove_cron_job_if_orphan_free(&owner);
            }
            self.store.removed_jobs.push(entry.job);
        }
    }

    /// Completes a foreground deletion once none of the Job's pods is left.
    pub(crate) fn remove_job_if_orphan_free(&mut self, job: &str) {
        let Some(entry) = self.store.jobs.get(job) else {
            return;
        };
        if garbage_collector::foreground_deletion_done(entry, &self.store.pods) {
            self.remove_job(job);
        }
    }
}

/// The API server's part of a foreground or orphaning deletion: the owner keeps the policy's
/// finalizer until the garbage collector has dealt with its dependents.
fn add_finalizer(meta: &mut crate::api::ObjectMeta, propagation: Propagation) {
    if let Some(f) = propagation.finalizer() {
        if !meta.finalizers.iter().any(|x| x == f) {
            meta.finalizers.push(Str::copy(f));
        }
    }
}

/// Whether the owner waits, being deleted, for the collector to delete its dependents.
fn has_foreground_finalizer(meta: &crate::api::ObjectMeta) -> bool {
    meta.finalizers
        .iter()
        .any(|f| f == wk::FOREGROUND_DELETION_FINALIZER)
}

/// The collector removes the policy's finalizer once done, and the API server then the object.
fn remove_deletion_finalizers(meta: &mut crate::api::ObjectMeta) {
    meta.finalizers
        .retain(|f| f != wk::FOREGROUND_DELETION_FINALIZER && f != wk::ORPHAN_FINALIZER);
}
