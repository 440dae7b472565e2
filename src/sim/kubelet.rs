//! The kubelet: image pulls, init containers in order, container runs as their behaviour says,
//! exit codes, in-place restarts with CrashLoopBackOff for `restartPolicy: OnFailure`,
//! readiness, and stopping containers after a deletion. Events use the kubelet's wording.
//!
//! A component like the scheduler: the engine hands it one pod and a [`KubeletStep`], and it
//! answers with [`KubeletEffect`]s in the order they happen — events, wakes, "the status
//! changed", "the pod finished" — which the engine applies. As `node_lifecycle.rs` changes the
//! node it is given, the kubelet writes the status of the pod it is given (a real kubelet's
//! status manager owns `pod.status`, `pkg/kubelet/status/status_manager.go`), with its own
//! per-container bookkeeping beside it; everything beyond that pod is an effect. It reads the
//! scenario and the Jobs only through `&`, and draws random numbers from the generator passed
//! in, in the same order the container plans always drew them.

use crate::controller::cronjob::utils::owner_cron_job;
use std::collections::BTreeMap;

use super::behavior::{plan_container, ContainerPlan, Owner, Place};
use super::container_restart::{container_should_restart, restarts_all_containers};
use super::environment::{self, make_environment_variables};
use super::image_reference;
use super::pod_filesystem::{container_fs, keep_writes, PodFiles};
use super::rng::SimRng;
use super::store::{ContainerRun, JobEntry, PodEntry, PodRuntime, Store};
use crate::api::{
    Condition, Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, Pod, Str, Time,
};
use crate::scenario::Scenario;
use crate::sh::Fs;
use crate::time::{SimDuration, SimTime};

/// Container restart back-off: base and cap (`backOffPeriod`, `MaxContainerBackOff` in
/// `pkg/kubelet/kubelet.go`), and the quiet period that resets it (client-go's
/// `util/flowcontrol/backoff.go` forgets an entry idle for twice the cap).
const CRASH_BACKOFF_BASE: SimDuration = SimDuration::from_secs(10);
const CRASH_BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);
const CRASH_BACKOFF_RESET: SimDuration = SimDuration::from_secs(600);
/// Image pull back-off: base and cap.
const PULL_BACKOFF_BASE: SimDuration = SimDuration::from_secs(10);
const PULL_BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);

/// What the kubelet does next for a pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KubeletStep {
    /// Pull the image of a container (init or main).
    Pull { init: bool, i: usize },
    /// Create and start the container.
    Start { init: bool, i: usize },
    /// The container exits as its plan says.
    Exit { init: bool, i: usize },
    /// Containers stopped after a deletion; the pod becomes Failed.
    Stopped,
    /// The readiness probe of container `i` (an app container or a sidecar), started at
    /// `started`, has succeeded.
    ProbeReady {
        init: bool,
        i: usize,
        started: SimTime,
    },
    /// The sidecars the kubelet stopped once the app containers finished have stopped; the
    /// pod gets its final phase.
    SidecarsStopped,
}

/// One of the pod's containers, by position: an init container or an app container.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContainerRef {
    pub init: bool,
    pub i: usize,
}

/// Written `init0`, `app1`, so that a trace of effects reads as short as the steps.
impl std::fmt::Debug for ContainerRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.init { "init" } else { "app" };
        write!(f, "{kind}{}", self.i)
    }
}

impl ContainerRef {
    /// The container's spec in the pod.
    pub fn spec(self, pod: &Pod) -> Option<&Container> {
        if self.init {
            pod.spec.init_containers.get(self.i)
        } else {
            pod.spec.containers.get(self.i)
        }
    }

    /// The container's status in the pod.
    pub fn status(self, pod: &Pod) -> Option<&ContainerStatus> {
        if self.init {
            pod.status.init_container_statuses.get(self.i)
        } else {
            pod.status.container_statuses.get(self.i)
        }
    }
}

/// An event the kubelet records on its pod, as data: the engine words it (the kubelet's
/// wording; reasons from `pkg/kubelet/events/event.go`) and formats it on the stack. The
/// texts it names (image, container name, the pod's namespace and UID, a waiting message) are
/// read from the pod, which the kubelet has already updated, when the engine records it:
/// holding none of them, events and effects are plain values, and a step's buffer is cleared
/// without dropping anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KubeletEvent {
    /// `Pulling`: the container's image pull begins.
    Pulling(ContainerRef),
    /// `Failed`: the registry does not have the image.
    PullFailed(ContainerRef),
    /// `Failed`: `Error: ErrImagePull`.
    ErrImagePull,
    /// `BackOff`: the pull is retried after the back-off.
    PullBackOff(ContainerRef),
    /// `Failed`: `Error: ImagePullBackOff`.
    ImagePullBackOff,
    /// `InspectFailed`: the image is not a reference; the message is the container's
    /// `InvalidImageName` waiting message.
    InspectFailed(ContainerRef),
    /// `Failed`: `Error: InvalidImageName`.
    ErrInvalidImageName,
    /// `ErrImageNeverPull`: the image is not on the node and may not be pulled; the message
    /// is the container's waiting message.
    NeverPull(ContainerRef),
    /// `Failed`: `Error: ErrImageNeverPull`.
    ErrImageNeverPull,

    /// `Failed`: the container's configuration cannot be built (a missing ConfigMap or
    /// Secret); the message is the container's `CreateContainerConfigError` waiting message.
    ConfigError(ContainerRef),
    /// `Pulled`: a restart finds the image on the node.
    AlreadyPresent(ContainerRef),
    /// `Pulled`: the first pull finished after `took`; `size` is the simulated registry's.
    Pulled {
        container: ContainerRef,
        took: SimDuration,
        size: u64,
    },
    /// `Created`: the container was created.
    Created(ContainerRef),
    /// `Started`: the container was started.
    Started(ContainerRef),
    /// `BackOff`: CrashLoopBackOff before restarting a failed container, naming the pod as
    /// the kubelet does (`name_namespace(uid)`, `pkg/kubelet/util/format/pod.go`).
    CrashLoopBackOff(ContainerRef),
    /// `Killing`: a container is stopped because its pod is being deleted.
    Killing(ContainerRef),
}

/// What a kubelet step asks of the rest of the cluster, for the engine to apply in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KubeletEffect {
    /// Record this event on the pod.
    Event(KubeletEvent),
    /// Come back to this pod at `at` for `step` (dropped if the pod is deleted meanwhile).
    Wake { at: SimTime, step: KubeletStep },
    /// The pod's status changed: its watchers (the Job controller) hear of it.
    StatusChanged,
    /// The container's image was pulled: it is on the pod's node from now on.
    ImagePulled(ContainerRef),
    /// The pod reached a terminal phase: it no longer occupies its node, and the scheduler
    /// takes another look.
    Finished,
    /// The pod may be done with: out of its Job's live set once it lost its finalizer, out
    /// of the API once it is deleted too.
    ForgetIfDone,
}

/// A container of the pod's Job begins an attempt: the Job's count for (completion index,
/// container name) goes up by one, the count behaviours are matched against. A step begins
/// at most one, and nothing else in the step reads the count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attempt {
    pub job: Str,
    pub key: (Option<i32>, Str),
}

/// What one kubelet call returned. The engine keeps one and reuses it, so that a step, of
/// which a run has hundreds of thousands, allocates nothing for it.
#[derive(Clone, Debug, Default)]
pub(crate) struct KubeletOutput {
    /// In the order they happened.
    pub effects: Vec<KubeletEffect>,
    pub attempt: Option<Attempt>,
}

/// The indices `failPod`/`succeedPod` act on, decided before any of them exits.
pub(crate) struct ForcedExits {
    /// The app containers that exit now, in order.
    pub targets: Vec<usize>,
    /// Running app containers that keep running: their exits are scheduled again.
    pub others_running: Vec<usize>,
}

/// The kubelet of the pod's node, for one step: what it reads, and where its effects go.
pub(crate) struct Kubelet<'a> {
    /// The scenario: behaviours, timings, unavailable images, ConfigMaps and Secrets.
    pub scenario: &'a Scenario,
    /// The images on the pod's node.
    pub node_images: &'a [Str],
    /// The Jobs, read for a container's owner and attempt count.
    pub jobs: &'a BTreeMap<String, JobEntry>,
    pub now: SimTime,
    /// The engine's buffer, appended to in the order things happen.
    pub out: &'a mut KubeletOutput,
}

impl Kubelet<'_> {
    #[inline]
    fn event(&mut self, event: KubeletEvent) {
        self.out.effects.push(KubeletEffect::Event(event));
    }

    #[inline]
    fn wake(&mut self, at: SimTime, step: KubeletStep) {
        self.out.effects.push(KubeletEffect::Wake { at, step });
    }

    #[inline]
    fn status_changed(&mut self) {
        self.out.effects.push(KubeletEffect::StatusChanged);
    }

    /// Admits a newly bound pod: waiting container statuses and the kubelet's conditions,
    /// then the first pulls. Init containers run one at a time, first to last; without them,
    /// every app container starts at once (`computePodActions` in
    /// `pkg/kubelet/kuberuntime/kuberuntime_manager.go`).
    pub fn admit(&mut self, e: &mut PodEntry) {
        note_unsimulated_restarts(e, self.now);
        let has_inits = !e.pod.spec.init_containers.is_empty();
        let waiting = |c: &Container, reason: &'static str| ContainerStatus {
            name: c.name.clone(),
            image: c.image.clone(),
            state: ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: reason.into(),
                    message: Str::default(),
                }),
                ..Default::default()
            },
            started: Some(false),
            ..Default::default()
        };
        e.pod.status.init_container_statuses = e
            .pod
            .spec
            .init_containers
            .iter()
            .map(|c| waiting(c, "PodInitializing"))
            .collect();
        let main_reason = if has_inits {
            "PodInitializing"
        } else {
            "ContainerCreating"
        };
        e.pod.status.container_statuses = e
            .pod
            .spec
            .containers
            .iter()
            .map(|c| waiting(c, main_reason))
            .collect();
        let now = Some(Time(self.now));
        for (t, s) in [
            ("PodReadyToStartContainers", "True"),
            ("Initialized", if has_inits { "False" } else { "True" }),
            ("Ready", "False"),
            ("ContainersReady", "False"),
        ] {
            let reason = if s == "False" && t != "Initialized" {
                "ContainersNotReady"
            } else if s == "False" {
                "ContainersNotInitialized"
            } else {
                ""
            };
            e.pod.status.conditions.push(Condition {
                type_: t.into(),
                status: s.into(),
                last_probe_time: None,
                last_transition_time: now,
                reason: reason.into(),
                message: Str::default(),
            });
        }
        self.status_changed();
        if !e.rt.inits.is_empty() {
            self.wake(self.now, KubeletStep::Pull { init: true, i: 0 });
        } else {
            for i in 0..e.rt.mains.len() {
                self.wake(self.now, KubeletStep::Pull { init: false, i });
            }
        }
    }

    /// Carries out one step for the pod.
    pub fn step(&mut self, e: &mut PodEntry, step: KubeletStep, rng: &mut SimRng) {
        match step {
            // A pod being deleted starts nothing: a restart or a next container due after its
            // deletion stays undone, and the pod ends when its grace is over.
            KubeletStep::Pull { .. } | KubeletStep::Start { .. }
                if e.pod.metadata.deletion_timestamp.is_some() => {}
            KubeletStep::Pull { init, i } => self.pull(e, init, i, rng),
            KubeletStep::Start { init, i } => self.start_container(e, init, i),
            KubeletStep::Exit { init, i } => {
                let code = run_of(&e.rt, init, i)
                    .and_then(|r| r.plan.as_ref())
                    .map_or(0, |p| p.exit_code);
                self.container_exited(e, init, i, code);
            }
            KubeletStep::Stopped => self.stopped_after_deletion(e),
            KubeletStep::ProbeReady { init, i, started } => {
                self.probe_succeeded(e, init, i, started)
            }
            KubeletStep::SidecarsStopped => self.sidecars_stopped(e),
        }
    }

    /// The container's readiness probe passed: it is ready, if it is still the same run.
    fn probe_succeeded(&mut self, e: &mut PodEntry, init: bool, i: usize, started: SimTime) {
        let statuses = if init {
            &mut e.pod.status.init_container_statuses
        } else {
            &mut e.pod.status.container_statuses
        };
        let Some(s) = statuses.get_mut(i) else {
            return;
        };
        if s.state.running.as_ref().and_then(|r| r.started_at) != Some(Time(started)) {
            return;
        }
        s.ready = true;
        update_readiness(&mut e.pod, self.now);
        self.status_changed();
    }

    /// Decides the container's next attempt (behaviour, script or defaults); the Job's
    /// attempt count goes up by an effect.
    fn plan_attempt(
        &mut self,
        pod: &Pod,
        files: &mut Option<Box<PodFiles>>,
        container: &Container,
        pulled: bool,
        rng: &mut SimRng,
    ) -> ContainerPlan {
        let index = pod.completion_index();
        let owned = Store::owner_job_name(pod).cloned();
        // A pod its Job orphaned (`delete --cascade=orphan`) still answers to the Job's
        // name for the scenario's behaviors, by its `job-name` label.
        let job = owned
            .clone()
            .or_else(|| {
                pod.metadata
                    .labels
                    .get(crate::api::well_known::JOB_NAME_LABEL)
                    .cloned()
            })
            .unwrap_or_default();
        let scenario = self.scenario;
        // Only a container that fails to get its environment never starts, so none is
        // planned with the error's empty stand-in.
        let env = || make_environment_variables(pod, container, scenario).unwrap_or_default();
        let hostname = if pod.spec.hostname.is_empty() {
            &pod.metadata.name
        } else {
            &pod.spec.hostname
        };
        let owner_entry = owned.and_then(|j| self.jobs.get(j.as_str()));
        let cron_job = owner_entry
            .and_then(|j| owner_cron_job(&j.job))
            .map(str::to_string);
        let owner = Owner {
            job: job.clone(),
            cron_job,
            index,
        };
        let key = (index, container.name.clone());
        let attempt = owner_entry.map_or(0, |j| j.attempts.get(&key).copied().unwrap_or(0));
        if owner_entry.is_some() {
            self.out.attempt = Some(Attempt { job, key });
        }
        // Only a container with mounts sees more than the image's own empty directories.
        let (mut fs, mounts, fs_note) = if container.volume_mounts.is_empty() {
            (Fs::default(), Vec::new(), None)
        } else {
            let none = PodFiles::default();
            container_fs(pod, container, scenario, files.as_deref().unwrap_or(&none))
        };
        let place = Place {
            hostname,
            now: self.now,
            pulled,
            fs: &mut fs,
        };
        let mut plan = plan_container(self.scenario, &owner, container, attempt, env, place, rng);
        if !mounts.is_empty() {
            keep_writes(&fs, &mounts, files.get_or_insert_with(Box::default));
        }
        if plan.note.is_none() {
            plan.note = fs_note;
        }
        plan
    }

    fn pull(&mut self, e: &mut PodEntry, init: bool, i: usize, rng: &mut SimRng) {
        let Some(container) = ContainerRef { init, i }.spec(&e.pod) else {
            return;
        };
        if let Some(error) = image_reference::parse_error(&container.image) {
            let message = format!(
                "Failed to apply default image tag \"{}\": {error}",
                container.image
            );
            self.invalid_image_name(e, init, i, message);
            return;
        }
        // `EnsureImageExists`: Never pulls nothing, IfNotPresent pulls what the node lacks,
        // Always pulls for every new pod (a restart in the same pod reuses its image).
        let policy = pull_policy(container);
        let on_node = self.node_images.contains(&container.image);
        let already_pulled =
            run_of(&e.rt, init, i).is_some_and(|r| r.pulled) || (on_node && policy != "Always");
        if policy == "Never" && !already_pulled {
            let message = format!(
                "Container image \"{}\" is not present with pull policy of Never",
                container.image
            );
            self.never_pull(e, init, i, message);
            return;
        }
        if let Some(r) = run_mut(&mut e.rt, init, i).filter(|_| already_pulled) {
            r.pulled = true;
        }
        let Some(container) = ContainerRef { init, i }.spec(&e.pod) else {
            return;
        };
        let plan = self.plan_attempt(&e.pod, &mut e.rt.files, container, already_pulled, rng);
        // A restart in the same pod has the image already: only a first start pays startup.
        let startup = if already_pulled {
            SimDuration::ZERO
        } else {
            plan.startup
        };
        if let Some(note) = &plan.note {
            let note = format!("{}: {note}", container.name);
            if !e.rt.notes.iter().any(|(_, n)| *n == note) {
                e.rt.notes.push((self.now, note));
            }
        }
        if let Some(r) = run_mut(&mut e.rt, init, i) {
            r.plan = Some(plan);
        }
        if !already_pulled {
            self.event(KubeletEvent::Pulling(ContainerRef { init, i }));
        }
        self.wake(self.now + startup, KubeletStep::Start { init, i });
    }

    fn set_waiting(
        &mut self,
        e: &mut PodEntry,
        init: bool,
        i: usize,
        reason: &'static str,
        message: impl Into<Str>,
    ) {
        let statuses = if init {
            &mut e.pod.status.init_container_statuses
        } else {
            &mut e.pod.status.container_statuses
        };
        if let Some(s) = statuses.get_mut(i) {
            if s.state.terminated.is_some() {
                s.last_state = s.state.clone();
            }
            s.state = ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: reason.into(),
                    message: message.into(),
                }),
                ..Default::default()
            };
            s.ready = false;
            s.started = Some(false);
        }
        self.status_changed();
    }

    /// The image is not in the registry: ErrImagePull, then ImagePullBackOff until the retry
    /// (`pkg/kubelet/images/image_manager.go`, `EnsureImageExists`).
    fn pull_failed(&mut self, e: &mut PodEntry, init: bool, i: usize, image: &Str) {
        let c = ContainerRef { init, i };
        self.event(KubeletEvent::PullFailed(c));
        self.event(KubeletEvent::ErrImagePull);
        let backoff = run_mut(&mut e.rt, init, i).map_or(PULL_BACKOFF_BASE, next_pull_backoff);
        self.set_waiting(
            e,
            init,
            i,
            "ErrImagePull",
            format!("failed to pull image \"{image}\""),
        );
        // Kubernetes shows ErrImagePull briefly, then ImagePullBackOff until the retry.
        self.event(KubeletEvent::PullBackOff(c));
        self.event(KubeletEvent::ImagePullBackOff);
        self.set_waiting(
            e,
            init,
            i,
            "ImagePullBackOff",
            format!("Back-off pulling image \"{image}\""),
        );
        self.wake(self.now + backoff, KubeletStep::Pull { init, i });
    }

    /// `imagePullPolicy: Never` and the image is not on the node: ErrImageNeverPull
    /// (`imageNotPresentOnNeverPolicyError`).
    fn never_pull(&mut self, e: &mut PodEntry, init: bool, i: usize, message: String) {
        let c = ContainerRef { init, i };
        self.image_error(
            e,
            c,
            "ErrImageNeverPull",
            message,
            [KubeletEvent::NeverPull(c), KubeletEvent::ErrImageNeverPull],
        );
    }

    /// The image is not a reference the kubelet can read: nothing is pulled, the container
    /// waits in InvalidImageName (`EnsureImageExists`'s `ErrInvalidImageName`,
    /// pkg/kubelet/images/image_manager.go).
    fn invalid_image_name(&mut self, e: &mut PodEntry, init: bool, i: usize, message: String) {
        let c = ContainerRef { init, i };
        self.image_error(
            e,
            c,
            "InvalidImageName",
            message,
            [
                KubeletEvent::InspectFailed(c),
                KubeletEvent::ErrInvalidImageName,
            ],
        );
    }

    /// The image manager refused the container's image: it waits with `reason`, the events
    /// say so, and the kubelet's next sync of the pod, after the pull back-off, tries again.
    fn image_error(
        &mut self,
        e: &mut PodEntry,
        c: ContainerRef,
        reason: &'static str,
        message: String,
        events: [KubeletEvent; 2],
    ) {
        self.set_waiting(e, c.init, c.i, reason, message);
        for event in events {
            self.event(event);
        }
        let backoff = run_mut(&mut e.rt, c.init, c.i).map_or(PULL_BACKOFF_BASE, next_pull_backoff);
        self.wake(
            self.now + backoff,
            KubeletStep::Pull {
                init: c.init,
                i: c.i,
            },
        );
    }

    /// A ConfigMap or Secret the container needs is missing: CreateContainerConfigError, and
    /// another try after the back-off.
    fn config_error(&mut self, e: &mut PodEntry, init: bool, i: usize, missing: String) {
        self.event(KubeletEvent::ConfigError(ContainerRef { init, i }));
        let backoff = run_mut(&mut e.rt, init, i).map_or(PULL_BACKOFF_BASE, |r| {
            r.pulled = true;
            next_pull_backoff(r)
        });
        self.set_waiting(e, init, i, "CreateContainerConfigError", missing);
        self.wake(self.now + backoff, KubeletStep::Pull { init, i });
    }

    fn start_container(&mut self, e: &mut PodEntry, init: bool, i: usize) {
        let c = ContainerRef { init, i };
        let Some(container) = c.spec(&e.pod) else {
            return;
        };
        let now = self.now;
        let (pulled, pull_started) = (
            run_of(&e.rt, init, i).is_some_and(|r| r.pulled),
            run_of(&e.rt, init, i)
                .and_then(|r| r.plan.as_ref())
                .map(|p| p.startup),
        );
        if image_unavailable(self.scenario, &container.image) {
            let image = container.image.clone();
            self.pull_failed(e, init, i, &image);
            return;
        }
        if environment::reads_config(container) {
            if let Err(error) = make_environment_variables(&e.pod, container, self.scenario) {
                self.config_error(e, init, i, error);
                return;
            }
        }
        if pulled {
            self.event(KubeletEvent::AlreadyPresent(c));
        } else {
            self.event(KubeletEvent::Pulled {
                container: c,
                took: pull_started.unwrap_or_default(),
                size: simulated_image_size(&container.image),
            });
            self.out.effects.push(KubeletEffect::ImagePulled(c));
        }
        self.event(KubeletEvent::Created(c));
        self.event(KubeletEvent::Started(c));
        let sidecar = is_sidecar(container, init);
        let probe_delay = if init && !sidecar {
            None
        } else {
            readiness_delay(container)
        };
        let (run, log) = {
            let Some(r) = run_mut(&mut e.rt, init, i) else {
                return;
            };
            r.pulled = true;
            r.running = true;
            let plan = r.plan.clone().unwrap_or_else(|| ContainerPlan {
                startup: SimDuration::ZERO,
                run: SimDuration::ZERO,
                exit_code: 0,
                log: vec![],
                note: None,
            });
            (plan.run, plan.log)
        };
        let statuses = if init {
            &e.pod.status.init_container_statuses
        } else {
            &e.pod.status.container_statuses
        };
        let restarted = statuses
            .get(i)
            .is_some_and(|s| s.state.terminated.is_some() || s.last_state.terminated.is_some());
        let mut log = log;
        log.truncate(super::container_shell::MAX_LOG_LINES);
        e.rt.start_log(init, i, restarted, log);
        let statuses = if init {
            &mut e.pod.status.init_container_statuses
        } else {
            &mut e.pod.status.container_statuses
        };
        if let Some(s) = statuses.get_mut(i) {
            // Every start after a termination is a restart; the termination becomes lastState.
            let restarted = s.state.terminated.is_some() || s.last_state.terminated.is_some();
            if s.state.terminated.is_some() {
                s.last_state = s.state.clone();
            }
            if restarted {
                s.restart_count += 1;
            }
            s.state = ContainerState {
                running: Some(ContainerStateRunning {
                    started_at: Some(Time(now)),
                }),
                ..Default::default()
            };
            s.started = Some(true);
            s.ready = (!init || sidecar) && probe_delay.is_none();
        }
        if !init {
            e.pod.status.phase = "Running".into();
        }
        if !init || sidecar {
            update_readiness(&mut e.pod, now);
            if let Some(delay) = probe_delay {
                let started = now;
                self.wake(now + delay, KubeletStep::ProbeReady { init, i, started });
            }
        }
        self.wake(now + run, KubeletStep::Exit { init, i });
        // A sidecar keeps running: the next container starts once it has started
        // (`computeInitContainerActions`, pkg/kubelet/kuberuntime/kuberuntime_container.go),
        // not when it exits.
        if sidecar && e.rt.next_init == i {
            self.next_after_init(e, i);
        }
        self.status_changed();
    }

    /// A container ended with `code` (its plan, or a `failPod`/`succeedPod` action).
    pub fn container_exited(&mut self, e: &mut PodEntry, init: bool, i: usize, code: i32) {
        let now = self.now;
        let pod_policy = e.pod.spec.restart_policy.clone();
        // An app container follows its own restart rules and policy; an init container that
        // is not a sidecar restarts as the pod's policy says (a sidecar's `Always` is noted
        // at admission: it runs here like any init container).
        let spec = (ContainerRef { init, i }).spec(&e.pod);
        let sidecar = spec.is_some_and(|c| is_sidecar(c, init));
        let restart = match spec {
            // Sidecars the kubelet is stopping, at the pod's end, stay stopped.
            Some(_) if sidecar && e.rt.stopping_sidecars => false,
            // A pod being deleted is being killed: nothing in it starts again
            // (`SyncTerminatingPod`, pkg/kubelet/kubelet.go).
            Some(_) | None if e.pod.metadata.deletion_timestamp.is_some() => false,
            Some(c) if !init || sidecar => container_should_restart(c, pod_policy.as_deref(), code),
            _ => code != 0 && pod_policy.as_deref() == Some("OnFailure"),
        };
        let statuses = if init {
            &mut e.pod.status.init_container_statuses
        } else {
            &mut e.pod.status.container_statuses
        };
        let Some(s) = statuses.get_mut(i) else { return };
        let started_at = s.state.running.as_ref().and_then(|r| r.started_at);
        s.state = ContainerState {
            terminated: Some(Box::new(ContainerStateTerminated {
                exit_code: code,
                reason: if code == 0 {
                    "Completed".into()
                } else {
                    "Error".into()
                },
                message: Str::default(),
                started_at,
                finished_at: Some(Time(now)),
            })),
            ..Default::default()
        };
        s.ready = false;
        s.started = Some(false);
        let container_name = s.name.clone();
        let Some(r) = run_mut(&mut e.rt, init, i) else {
            return;
        };
        r.running = false;
        r.done = !restart;
        if !init {
            update_readiness(&mut e.pod, now);
        }
        if restart {
            self.schedule_restart(e, init, i, container_name);
        } else if init && code == 0 && !sidecar {
            self.next_after_init(e, i);
        } else {
            self.maybe_finish_pod(e);
        }
        self.status_changed();
    }

    /// OnFailure: the first restart is immediate; later ones wait the doubling back-off.
    fn schedule_restart(&mut self, e: &mut PodEntry, init: bool, i: usize, container: Str) {
        let now = self.now;
        let Some(r) = run_mut(&mut e.rt, init, i) else {
            return;
        };
        r.crashes += 1;
        if r.crashes == 1 {
            self.wake(now, KubeletStep::Pull { init, i });
            return;
        }
        let delay = next_crash_backoff(r, now);
        let meta = &e.pod.metadata;
        let message = format!(
            "back-off {} restarting failed container={container} pod={}_{}({})",
            delay.go_display(),
            meta.name,
            meta.namespace,
            meta.uid,
        );
        self.set_waiting(e, init, i, "CrashLoopBackOff", message);
        self.event(KubeletEvent::CrashLoopBackOff(ContainerRef { init, i }));
        self.wake(now + delay, KubeletStep::Pull { init, i });
    }

    fn next_after_init(&mut self, e: &mut PodEntry, i: usize) {
        let now = self.now;
        e.rt.next_init = i + 1;
        if i + 1 < e.rt.inits.len() {
            self.wake(
                now,
                KubeletStep::Pull {
                    init: true,
                    i: i + 1,
                },
            );
            return;
        }
        if let Some(c) = e
            .pod
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "Initialized")
        {
            *c = Condition {
                type_: "Initialized".into(),
                status: "True".into(),
                last_probe_time: None,
                last_transition_time: Some(Time(now)),
                reason: Str::default(),
                message: Str::default(),
            };
        }
        for s in &mut e.pod.status.container_statuses {
            s.state = ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: "ContainerCreating".into(),
                    message: Str::default(),
                }),
                ..Default::default()
            };
        }
        for c in 0..e.rt.mains.len() {
            self.wake(now, KubeletStep::Pull { init: false, i: c });
        }
    }

    /// Succeeded once every app container has finished with 0; Failed once all have finished
    /// and one did not (restartPolicy Never), or an init container failed.
    fn maybe_finish_pod(&mut self, e: &mut PodEntry) {
        let all_done = e.rt.mains.iter().all(|r| r.done);
        if !(init_failed(e) || all_done) || e.rt.stopping_sidecars {
            return;
        }
        // Sidecars still running are stopped first, last started first; the pod ends once
        // they have (pkg/kubelet/kuberuntime/kuberuntime_termination_order.go).
        let running: Vec<usize> = (0..e.rt.inits.len())
            .rev()
            .filter(|&i| {
                e.rt.inits[i].running
                    && e.pod
                        .spec
                        .init_containers
                        .get(i)
                        .is_some_and(|c| is_sidecar(c, true))
            })
            .collect();
        if !running.is_empty() {
            e.rt.stopping_sidecars = true;
            for i in running {
                self.event(KubeletEvent::Killing(ContainerRef { init: true, i }));
            }
            let grace = e.pod.spec.termination_grace_period_seconds.unwrap_or(30);
            let grace = SimDuration::from_secs(grace.max(0));
            let after = self.scenario.timing.terminate.min(grace);
            self.wake(self.now + after, KubeletStep::SidecarsStopped);
            return;
        }
        self.finish_pod(e);
    }

    /// The stopped sidecars are terminated (SIGTERM: 143), and the pod gets its phase. Their
    /// planned exits no longer apply: the pod's generation moves on.
    fn sidecars_stopped(&mut self, e: &mut PodEntry) {
        let now = self.now;
        e.rt.generation += 1;
        for (i, r) in e.rt.inits.iter_mut().enumerate().filter(|(_, r)| r.running) {
            r.running = false;
            r.done = true;
            if let Some(s) = e.pod.status.init_container_statuses.get_mut(i) {
                let started_at = s.state.running.as_ref().and_then(|x| x.started_at);
                s.state = ContainerState {
                    terminated: Some(Box::new(ContainerStateTerminated {
                        exit_code: 143,
                        reason: "Error".into(),
                        message: Str::default(),
                        started_at,
                        finished_at: Some(Time(now)),
                    })),
                    ..Default::default()
                };
                s.ready = false;
                s.started = Some(false);
            }
        }
        self.finish_pod(e);
        self.status_changed();
    }

    /// Succeeded when every app container exited 0 and no init container failed, else
    /// Failed; a sidecar's own exit does not count.
    fn finish_pod(&mut self, e: &mut PodEntry) {
        let now = self.now;
        let ok = !init_failed(e)
            && e.pod.status.container_statuses.iter().all(|s| {
                s.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.exit_code == 0)
            });
        e.pod.status.phase = if ok { "Succeeded" } else { "Failed" }.into();
        set_condition(&mut e.pod, "Ready", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "ContainersReady", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "PodReadyToStartContainers", "False", "", now);
        self.out.effects.push(KubeletEffect::Finished);
        self.out.effects.push(KubeletEffect::ForgetIfDone);
    }

    /// The pod is being deleted: its running containers are told to stop (`Killing`), and
    /// they have stopped after the scenario's termination time or the grace period, whichever
    /// is shorter (`killPodWithSyncResult` in `pkg/kubelet/kuberuntime/kuberuntime_manager.go`).
    pub fn kill(&mut self, e: &PodEntry, grace: SimDuration) {
        let mains = e.rt.mains.iter().enumerate().map(|(i, r)| (false, i, r));
        let inits = e.rt.inits.iter().enumerate().map(|(i, r)| (true, i, r));
        for (init, i, _) in mains.chain(inits).filter(|(_, _, r)| r.running) {
            self.event(KubeletEvent::Killing(ContainerRef { init, i }));
        }
        let stop_after = self.scenario.timing.terminate.min(grace);
        self.wake(self.now + stop_after, KubeletStep::Stopped);
    }

    /// After a deletion's grace: running containers got SIGTERM (exit 143), waiting ones
    /// never ran; the pod ends Failed unless it had already succeeded.
    fn stopped_after_deletion(&mut self, e: &mut PodEntry) {
        let now = self.now;
        for (s, r) in e
            .pod
            .status
            .container_statuses
            .iter_mut()
            .zip(e.rt.mains.iter_mut())
            .chain(
                e.pod
                    .status
                    .init_container_statuses
                    .iter_mut()
                    .zip(e.rt.inits.iter_mut()),
            )
        {
            if s.state.terminated.is_some() && !r.running {
                continue;
            }
            let started_at = s.state.running.as_ref().and_then(|x| x.started_at);
            let (code, reason) = if r.running {
                (143, "Error")
            } else {
                (137, "ContainerStatusUnknown")
            };
            s.state = ContainerState {
                terminated: Some(Box::new(ContainerStateTerminated {
                    exit_code: code,
                    reason: reason.into(),
                    message: Str::default(),
                    started_at,
                    finished_at: Some(Time(now)),
                })),
                ..Default::default()
            };
            s.ready = false;
            r.running = false;
            r.done = true;
        }
        if e.pod.status.phase != "Succeeded" {
            e.pod.status.phase = "Failed".into();
        }
        set_condition(&mut e.pod, "Ready", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "ContainersReady", "False", "PodCompleted", now);
        self.out.effects.push(KubeletEffect::Finished);
        self.status_changed();
        self.out.effects.push(KubeletEffect::ForgetIfDone);
    }

    /// A running app container outlives a `failPod`/`succeedPod` that bumped the pod's
    /// generation: its exit is scheduled again, when its plan says.
    pub fn rearm_exit(&mut self, e: &PodEntry, i: usize) {
        let run = run_of(&e.rt, false, i)
            .and_then(|r| r.plan.as_ref())
            .map_or(SimDuration::ZERO, |p| p.run);
        let started = e
            .pod
            .status
            .container_statuses
            .get(i)
            .and_then(|s| s.state.running.as_ref()?.started_at)
            .map_or(self.now, |t| t.0);
        self.wake(
            (started + run).max(self.now),
            KubeletStep::Exit { init: false, i },
        );
    }
}

/// `failPod` / `succeedPod`: the first running app container (all of them for success) ends
/// now. Bumps the generation so that the old plan's pending exits no longer apply, and says
/// which containers exit and which keep running.
pub(crate) fn forced_exits(e: &mut PodEntry, code: Option<i32>) -> ForcedExits {
    e.rt.generation += 1;
    let running: Vec<usize> =
        e.rt.mains
            .iter()
            .enumerate()
            .filter(|(_, r)| r.running)
            .map(|(i, _)| i)
            .collect();
    let waiting: Vec<usize> =
        e.rt.mains
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.running && !r.done)
            .map(|(i, _)| i)
            .collect();
    let targets: Vec<usize> = match code {
        Some(_) => running
            .first()
            .or(waiting.first())
            .copied()
            .into_iter()
            .collect(),
        None => running.into_iter().chain(waiting).collect(),
    };
    let others_running: Vec<usize> =
        e.rt.mains
            .iter()
            .enumerate()
            .filter(|(i, r)| r.running && !targets.contains(i))
            .map(|(i, _)| i)
            .collect();
    ForcedExits {
        targets,
        others_running,
    }
}

/// What jobplay does not simulate of a pod's restart settings, said in the pod's notes
/// rather than simulated wrong: `RestartAllContainers` rules.
fn note_unsimulated_restarts(e: &mut PodEntry, now: SimTime) {
    let spec = &e.pod.spec;
    for c in spec
        .containers
        .iter()
        .filter(|c| restarts_all_containers(c))
    {
        e.rt.notes.push((now, format!(
            "{}: a RestartAllContainers rule is not simulated; when it matches, only this container restarts, where Kubernetes restarts every container of the pod",
            c.name
        )));
    }
}

/// The container's `imagePullPolicy`, as the API server defaults it when unset: Always for
/// `:latest` or no tag, else IfNotPresent (pkg/apis/core/v1/defaults.go).
fn pull_policy(c: &Container) -> &str {
    let set = c
        .image_pull_policy
        .as_deref()
        .and_then(serde_json::Value::as_str);
    set.unwrap_or_else(|| crate::api::defaults::default_pull_policy(&c.image))
}

/// A restartable init container: a sidecar (`restartPolicy: Always`, GA since v1.33).
fn is_sidecar(c: &Container, init: bool) -> bool {
    init && c.is_restartable()
}

/// An init container that is not a sidecar ended with a non-zero code and will not restart.
fn init_failed(e: &PodEntry) -> bool {
    let spec = &e.pod.spec.init_containers;
    e.pod
        .status
        .init_container_statuses
        .iter()
        .zip(&e.rt.inits)
        .zip(spec)
        .any(|((s, r), c)| {
            r.done
                && !is_sidecar(c, true)
                && s.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.exit_code != 0)
        })
}

fn run_of(rt: &PodRuntime, init: bool, i: usize) -> Option<&ContainerRun> {
    if init {
        rt.inits.get(i)
    } else {
        rt.mains.get(i)
    }
}

fn run_mut(rt: &mut PodRuntime, init: bool, i: usize) -> Option<&mut ContainerRun> {
    if init {
        rt.inits.get_mut(i)
    } else {
        rt.mains.get_mut(i)
    }
}

fn image_unavailable(scenario: &Scenario, image: &str) -> bool {
    scenario
        .unavailable_images
        .iter()
        .any(|pattern| glob_match(pattern, image))
}

/// CrashLoopBackOff before a container's next restart: 10 s doubling to 300 s, back to 10 s
/// after a quiet period (see [`CRASH_BACKOFF_RESET`]).
fn next_crash_backoff(r: &mut ContainerRun, now: SimTime) -> SimDuration {
    let quiet_long = r
        .crash_backoff_at
        .is_some_and(|t| now - t > CRASH_BACKOFF_RESET);
    r.crash_backoff = if r.crash_backoff == SimDuration::ZERO || quiet_long {
        CRASH_BACKOFF_BASE
    } else {
        r.crash_backoff.saturating_mul(2).min(CRASH_BACKOFF_MAX)
    };
    r.crash_backoff_at = Some(now);
    r.crash_backoff
}

/// The kubelet's retry back-off for pulls and container config: 10 s doubling to 300 s.
fn next_pull_backoff(r: &mut ContainerRun) -> SimDuration {
    r.pull_backoff = if r.pull_backoff == SimDuration::ZERO {
        PULL_BACKOFF_BASE
    } else {
        r.pull_backoff.saturating_mul(2).min(PULL_BACKOFF_MAX)
    };
    r.pull_backoff
}

fn set_condition(
    pod: &mut Pod,
    type_: &'static str,
    status: &'static str,
    reason: &'static str,
    now: SimTime,
) {
    match pod.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        Some(c) if c.status == status => {}
        Some(c) => {
            c.status = status.into();
            c.reason = reason.into();
            c.last_transition_time = Some(Time(now));
        }
        None => pod.status.conditions.push(Condition {
            type_: type_.into(),
            status: status.into(),
            last_probe_time: None,
            last_transition_time: Some(Time(now)),
            reason: reason.into(),
            message: Str::default(),
        }),
    }
}

/// Ready and ContainersReady follow "every app container ready" (running, and past its
/// readiness probe if it has one).
/// ContainersReady and Ready: every app container and every sidecar running and ready
/// (pkg/kubelet/status/generate.go `GenerateContainersReadyCondition`).
fn update_readiness(pod: &mut Pod, now: SimTime) {
    let ready = |s: &ContainerStatus| s.ready && s.state.running.is_some();
    let sidecars = pod
        .spec
        .init_containers
        .iter()
        .zip(&pod.status.init_container_statuses)
        .filter(|(c, _)| is_sidecar(c, true));
    let all_ready = !pod.status.container_statuses.is_empty()
        && pod.status.container_statuses.iter().all(ready)
        && sidecars.clone().all(|(_, s)| ready(s));
    let (status, reason) = if all_ready {
        ("True", "")
    } else {
        ("False", "ContainersNotReady")
    };
    set_condition(pod, "ContainersReady", status, reason, now);
    set_condition(pod, "Ready", status, reason, now);
}

/// When a container with a readiness probe becomes ready, after it starts; `None` without a
/// probe (ready at once). The kubelet's probe worker ticks every `periodSeconds` (default 10)
/// from the start and skips ticks before `initialDelaySeconds`; `successThreshold`
/// (default 1) passing probes in a row make it ready. Probes always pass in the simulation.
pub fn readiness_delay(c: &Container) -> Option<SimDuration> {
    let probe = c.readiness_probe.as_ref()?;
    let field = |k: &str, default: i64| {
        probe
            .get(k)
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(default)
            .max(0)
    };
    let period = field("periodSeconds", 10).max(1);
    let initial = field("initialDelaySeconds", 0);
    let successes = field("successThreshold", 1).max(1);
    let first_tick = (initial + period - 1) / period * period;
    let delay = first_tick + (successes - 1) * period;
    (delay > 0).then(|| SimDuration::from_secs(delay))
}

/// The simulated registry's size for an image: stable per name, so records stay
/// deterministic, and in the range of real base images (1–200 MB).
fn simulated_image_size(image: &str) -> u64 {
    let h = image.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    1_000_000 + h % 199_000_000
}

/// `*` matches any run of characters; everything else literally.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (k, part) in parts.iter().enumerate() {
        if k == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if k == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_loop_back_off_doubles_to_five_minutes_and_resets_after_ten_quiet_ones() {
        let mut r = ContainerRun::default();
        let mut now = SimTime::DEFAULT_START;
        let mut delays = Vec::new();
        for _ in 0..7 {
            let delay = next_crash_backoff(&mut r, now);
            delays.push(delay.as_millis() / 1000);
            now = now + delay;
        }
        assert_eq!(delays, [10, 20, 40, 80, 160, 300, 300]);
        // Quiet for exactly ten minutes since the last back-off is not yet long enough; a
        // second more is.
        let last = r.crash_backoff_at.expect("backed off");
        let at = last + SimDuration::from_secs(600);
        assert_eq!(next_crash_backoff(&mut r, at), SimDuration::from_secs(300));
        let at = at + SimDuration::from_secs(601);
        assert_eq!(next_crash_backoff(&mut r, at), SimDuration::from_secs(10));
    }

    #[test]
    fn image_pull_back_off_doubles_to_five_minutes() {
        let mut r = ContainerRun::default();
        let delays: Vec<i64> = (0..7)
            .map(|_| next_pull_backoff(&mut r).as_millis() / 1000)
            .collect();
        assert_eq!(delays, [10, 20, 40, 80, 160, 300, 300]);
    }

    #[test]
    fn globs_match_like_shell_wildcards() {
        assert!(glob_match(
            "non-existing-repo/*",
            "non-existing-repo/non-existing-image:example"
        ));
        assert!(glob_match("*:latest", "busybox:latest"));
        assert!(!glob_match("busybox", "busybox:1.28"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
    }

    // ---- the kubelet on its own: one pod, its steps run in time order ---------------------

    use crate::api::Job;
    use crate::scenario::load;
    use expect_test::{expect, Expect};
    use std::fmt::Write;

    /// One pod on a node with nothing but its kubelet: the steps the kubelet asks for run in
    /// time order, ties in the order asked, as the engine's queue runs them; the attempt
    /// counts are kept as the engine keeps them. Every call's effects become a line of
    /// `trace`.
    struct Node {
        scenario: Scenario,
        jobs: BTreeMap<String, JobEntry>,
        rng: SimRng,
        pod: PodEntry,
        now: SimTime,
        wakes: Vec<(SimTime, KubeletStep)>,
        trace: String,
    }

    impl Node {
        /// The pod of the scenario's Job `pi`, admitted at the scenario's start.
        fn admit(yaml: &str) -> Node {
            let loaded = load(yaml);
            assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
            let scenario = loaded.scenario;
            let job = scenario.jobs[0].clone();
            let mut pod: Pod = serde_json::from_value(serde_json::json!({
                "metadata": {
                    "name": "pi-x1", "namespace": "default", "uid": "u-1",
                    "ownerReferences": [{"apiVersion": "batch/v1", "kind": "Job", "name": "pi",
                                         "uid": "u-0", "controller": true}],
                },
            }))
            .expect("a pod");
            pod.spec = job.spec.template.spec.clone();
            let rt = PodRuntime {
                inits: vec![ContainerRun::default(); pod.spec.init_containers.len()],
                mains: vec![ContainerRun::default(); pod.spec.containers.len()],
                ..PodRuntime::default()
            };
            let mut node = Node {
                jobs: BTreeMap::from([("pi".to_string(), job_entry(job))]),
                rng: SimRng::new(scenario.seed),
                now: scenario.start,
                scenario,
                pod: PodEntry { pod, rt },
                wakes: Vec::new(),
                trace: String::new(),
            };
            node.act("admit", |k, e, _| k.admit(e));
            node
        }

        /// Calls the kubelet and writes what it returned on a line of the trace.
        fn act(
            &mut self,
            what: &str,
            call: impl FnOnce(&mut Kubelet<'_>, &mut PodEntry, &mut SimRng),
        ) {
            let mut out = KubeletOutput::default();
            let mut kubelet = Kubelet {
                scenario: &self.scenario,
                node_images: &[],
                jobs: &self.jobs,
                now: self.now,
                out: &mut out,
            };
            call(&mut kubelet, &mut self.pod, &mut self.rng);
            let start = self.scenario.start;
            let secs = |t: SimTime| (t - start).as_millis() / 1000;
            write!(self.trace, "{:>3}s {what}:", secs(self.now)).unwrap();
            if let Some(Attempt { job, key }) = out.attempt {
                let n = self
                    .jobs
                    .get_mut(job.as_str())
                    .expect("the Job")
                    .attempts
                    .entry(key);
                *n.or_insert(0) += 1;
                self.trace.push_str(" attempt");
            }
            for effect in out.effects {
                let text = match effect {
                    KubeletEffect::Event(event) => format!("{event:?}"),
                    KubeletEffect::Wake { at, step } => {
                        self.wakes.push((at, step));
                        format!("wake@{}s {}", secs(at), step_name(step))
                    }
                    KubeletEffect::StatusChanged => "changed".into(),
                    KubeletEffect::ImagePulled(c) => format!("pulled {c:?}"),
                    KubeletEffect::Finished => "finished".into(),
                    KubeletEffect::ForgetIfDone => "forget".into(),
                };
                write!(self.trace, " {text};").unwrap();
            }
            self.trace.push('\n');
        }

        /// Runs up to `n` of the steps asked for, earliest first.
        fn run(&mut self, n: usize) {
            for _ in 0..n {
                let Some(first) = self.wakes.iter().map(|w| w.0).min() else {
                    return;
                };
                let k = self
                    .wakes
                    .iter()
                    .position(|w| w.0 == first)
                    .expect("a wake");
                let (at, step) = self.wakes.remove(k);
                self.now = at;
                self.act(&step_name(step), |k, e, rng| k.step(e, step, rng));
            }
        }

        /// The pod's phase, Ready condition and container states, as a last line.
        fn status(&mut self) -> &str {
            let pod = &self.pod.pod;
            let ready = pod.status.conditions.iter().find(|c| c.type_ == "Ready");
            let ready = ready.map_or("-", |c| c.status.as_str());
            write!(self.trace, "phase={} ready={ready}", pod.status.phase).unwrap();
            let statuses = pod.status.init_container_statuses.iter();
            for s in statuses.chain(&pod.status.container_statuses) {
                let state = &s.state;
                let state = if let Some(w) = &state.waiting {
                    format!("waiting {}", w.reason)
                } else if let Some(t) = &state.terminated {
                    format!("terminated {} {}", t.exit_code, t.reason)
                } else {
                    "running".into()
                };
                write!(
                    self.trace,
                    " {}=[{state}, restarts {}]",
                    s.name, s.restart_count
                )
                .unwrap();
            }
            &self.trace
        }
    }

    fn job_entry(job: Job) -> JobEntry {
        JobEntry {
            job,
            backoff: Default::default(),
            index_failures: BTreeMap::new(),
            live: Default::default(),
            created: Default::default(),
            attempts: BTreeMap::new(),
        }
    }

    fn step_name(step: KubeletStep) -> String {
        let which = |init: bool, i: usize| format!("{}{i}", if init { "init" } else { "app" });
        match step {
            KubeletStep::Pull { init, i } => format!("pull {}", which(init, i)),
            KubeletStep::Start { init, i } => format!("start {}", which(init, i)),
            KubeletStep::Exit { init, i } => format!("exit {}", which(init, i)),
            KubeletStep::Stopped => "stopped".into(),
            KubeletStep::ProbeReady { init, i, .. } => format!("probe {}", which(init, i)),
            KubeletStep::SidecarsStopped => "sidecars stopped".into(),
        }
    }

    /// The Job `pi` with this pod spec, and the Scenario document's spec.
    fn scenario(pod_spec: &str, scenario_spec: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: pi}}\nspec:\n  template:\n    \
             spec: {pod_spec}\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\n\
             spec: {scenario_spec}\n"
        )
    }

    /// Admits the pod, runs `steps` of its steps, and compares the trace.
    fn check(pod_spec: &str, scenario_spec: &str, steps: usize, expect: Expect) {
        let mut node = Node::admit(&scenario(pod_spec, scenario_spec));
        node.run(steps);
        expect.assert_eq(node.status());
    }

    #[test]
    fn a_container_is_pulled_started_and_exits_with_its_code() {
        check(
            "{restartPolicy: Never, containers: [{name: c, image: busybox}]}",
            "{behaviors: [{match: {job: pi}, startup: 3s, run: 5s, exit: 3}]}",
            10,
            expect![[r#"
                  0s admit: changed; wake@0s pull app0;
                  0s pull app0: attempt Pulling(app0); wake@3s start app0;
                  3s start app0: Pulled { container: app0, took: SimDuration(3000), size: 101901353 }; pulled app0; Created(app0); Started(app0); wake@8s exit app0; changed;
                  8s exit app0: finished; forget; changed;
                phase=Failed ready=False c=[terminated 3 Error, restarts 0]"#]],
        );
    }

    #[test]
    fn an_unavailable_image_fails_then_backs_off_doubling() {
        check(
            "{restartPolicy: Never, containers: [{name: c, image: busybox}]}",
            "{images: {unavailable: ['busy*']}}",
            5,
            expect![[r#"
                  0s admit: changed; wake@0s pull app0;
                  0s pull app0: attempt Pulling(app0); wake@2s start app0;
                  2s start app0: PullFailed(app0); ErrImagePull; changed; PullBackOff(app0); ImagePullBackOff; changed; wake@12s pull app0;
                 12s pull app0: attempt Pulling(app0); wake@14s start app0;
                 14s start app0: PullFailed(app0); ErrImagePull; changed; PullBackOff(app0); ImagePullBackOff; changed; wake@34s pull app0;
                 34s pull app0: attempt Pulling(app0); wake@36s start app0;
                phase= ready=False c=[waiting ImagePullBackOff, restarts 0]"#]],
        );
    }

    #[test]
    fn a_missing_config_map_is_a_config_error_retried_after_a_back_off() {
        check(
            "{restartPolicy: Never, containers: [{name: c, image: busybox, \
             env: [{name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}]}]}",
            "{}",
            4,
            expect![[r#"
                  0s admit: changed; wake@0s pull app0;
                  0s pull app0: attempt Pulling(app0); wake@2s start app0;
                  2s start app0: ConfigError(app0); changed; wake@12s pull app0;
                 12s pull app0: attempt wake@12s start app0;
                 12s start app0: ConfigError(app0); changed; wake@32s pull app0;
                phase= ready=False c=[waiting CreateContainerConfigError, restarts 0]"#]],
        );
    }

    #[test]
    fn init_containers_run_to_completion_before_the_app_container_starts() {
        check(
            "{restartPolicy: Never, initContainers: [{name: setup, image: busybox}], \
             containers: [{name: c, image: busybox}]}",
            "{}",
            10,
            expect![[r#"
                  0s admit: changed; wake@0s pull init0;
                  0s pull init0: attempt Pulling(init0); wake@2s start init0;
                  2s start init0: Pulled { container: init0, took: SimDuration(2000), size: 101901353 }; pulled init0; Created(init0); Started(init0); wake@12s exit init0; changed;
                 12s exit init0: wake@12s pull app0; changed;
                 12s pull app0: attempt Pulling(app0); wake@14s start app0;
                 14s start app0: Pulled { container: app0, took: SimDuration(2000), size: 101901353 }; pulled app0; Created(app0); Started(app0); wake@24s exit app0; changed;
                 24s exit app0: finished; forget; changed;
                phase=Succeeded ready=False setup=[terminated 0 Completed, restarts 0] c=[terminated 0 Completed, restarts 0]"#]],
        );
    }

    #[test]
    fn on_failure_restarts_in_place_at_once_then_in_crash_loop_back_off() {
        check(
            "{restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}",
            "{behaviors: [{match: {job: pi}, run: 1s, exit: 1}]}",
            9,
            expect![[r#"
                  0s admit: changed; wake@0s pull app0;
                  0s pull app0: attempt Pulling(app0); wake@2s start app0;
                  2s start app0: Pulled { container: app0, took: SimDuration(2000), size: 101901353 }; pulled app0; Created(app0); Started(app0); wake@3s exit app0; changed;
                  3s exit app0: wake@3s pull app0; changed;
                  3s pull app0: attempt wake@3s start app0;
                  3s start app0: AlreadyPresent(app0); Created(app0); Started(app0); wake@4s exit app0; changed;
                  4s exit app0: changed; CrashLoopBackOff(app0); wake@14s pull app0; changed;
                 14s pull app0: attempt wake@14s start app0;
                 14s start app0: AlreadyPresent(app0); Created(app0); Started(app0); wake@15s exit app0; changed;
                 15s exit app0: changed; CrashLoopBackOff(app0); wake@35s pull app0; changed;
                phase=Running ready=False c=[waiting CrashLoopBackOff, restarts 2]"#]],
        );
    }

    #[test]
    fn a_readiness_probe_makes_the_pod_ready_at_its_first_passing_ticks() {
        // The first tick at or after the initial delay (10 s), and a second success 5 s on.
        check(
            "{restartPolicy: Never, containers: [{name: c, image: busybox, readinessProbe: \
             {initialDelaySeconds: 7, periodSeconds: 5, successThreshold: 2}}]}",
            "{behaviors: [{match: {job: pi}, run: 60s}]}",
            3,
            expect![[r#"
                  0s admit: changed; wake@0s pull app0;
                  0s pull app0: attempt Pulling(app0); wake@2s start app0;
                  2s start app0: Pulled { container: app0, took: SimDuration(2000), size: 101901353 }; pulled app0; Created(app0); Started(app0); wake@17s probe app0; wake@62s exit app0; changed;
                 17s probe app0: changed;
                phase=Running ready=True c=[running, restarts 0]"#]],
        );
    }

    #[test]
    fn a_deleted_pods_running_container_is_killed_after_the_grace_period() {
        let mut node = Node::admit(&scenario(
            "{restartPolicy: Never, containers: [{name: c, image: busybox}]}",
            "{timing: {terminate: 20s}, behaviors: [{match: {job: pi}, run: 60s}]}",
        ));
        node.run(2);
        // The deletion bumps the pod's generation: the steps asked for before it are dropped.
        node.wakes.clear();
        node.act("delete, grace 5s", |k, e, _| {
            k.kill(e, SimDuration::from_secs(5))
        });
        node.run(1);
        expect![[r#"
              0s admit: changed; wake@0s pull app0;
              0s pull app0: attempt Pulling(app0); wake@2s start app0;
              2s start app0: Pulled { container: app0, took: SimDuration(2000), size: 101901353 }; pulled app0; Created(app0); Started(app0); wake@62s exit app0; changed;
              2s delete, grace 5s: Killing(app0); wake@7s stopped;
              7s stopped: finished; changed; forget;
            phase=Failed ready=False c=[terminated 143 Error, restarts 0]"#]].assert_eq(node.status());
    }
}
