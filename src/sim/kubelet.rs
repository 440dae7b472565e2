//! The kubelet: image pulls, init containers in order, container runs as their behaviour says,
//! exit codes, in-place restarts with CrashLoopBackOff for `restartPolicy: OnFailure`,
//! readiness, and stopping containers after a deletion. Events use the kubelet's wording.

use crate::controller::cronjob::utils::owner_cron_job;
use std::collections::BTreeMap;

use super::behavior::{plan_container, Owner};
use super::engine::{Engine, KubeletStep, Wake};
use super::event_log::{Component, EventKind, EventType};
use super::store::{ContainerRun, Store};
use crate::api::well_known as wk;
use crate::api::{
    Condition, Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, Pod, Str, Time,
};
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

impl Engine {
    /// Fills in waiting container statuses for a newly bound pod.
    pub(crate) fn kubelet_admit(&mut self, name: &str) {
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
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
        self.pod_changed(name);
    }

    pub(crate) fn kubelet_step(&mut self, name: &str, step: KubeletStep) {
        match step {
            KubeletStep::Pull { init, i } => self.pull(name, init, i),
            KubeletStep::Start { init, i } => self.start_container(name, init, i),
            KubeletStep::Exit { init, i } => {
                let code = self
                    .run_of(name, init, i)
                    .and_then(|r| r.plan.as_ref())
                    .map_or(0, |p| p.exit_code);
                self.container_exited(name, init, i, code);
            }
            KubeletStep::Stopped => self.stopped_after_deletion(name),
            KubeletStep::ProbeReady { i, started } => self.probe_succeeded(name, i, started),
        }
    }

    /// The container's readiness probe passed: it is ready, if it is still the same run.
    fn probe_succeeded(&mut self, name: &str, i: usize, started: SimTime) {
        let now = self.now;
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        let Some(s) = e.pod.status.container_statuses.get_mut(i) else {
            return;
        };
        if s.state.running.as_ref().and_then(|r| r.started_at) != Some(Time(started)) {
            return;
        }
        s.ready = true;
        update_readiness(&mut e.pod, now);
        self.pod_changed(name);
    }

    fn run_of(&self, name: &str, init: bool, i: usize) -> Option<&ContainerRun> {
        let e = self.store.pods.get(name)?;
        if init {
            e.rt.inits.get(i)
        } else {
            e.rt.mains.get(i)
        }
    }

    fn run_mut(&mut self, name: &str, init: bool, i: usize) -> Option<&mut ContainerRun> {
        let e = self.store.pods.get_mut(name)?;
        if init {
            e.rt.inits.get_mut(i)
        } else {
            e.rt.mains.get_mut(i)
        }
    }

    pub(crate) fn wake(&mut self, name: &str, at: SimTime, step: KubeletStep) {
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

    fn container_of(&self, name: &str, init: bool, i: usize) -> Option<Container> {
        let e = self.store.pods.get(name)?;
        if init {
            e.pod.spec.init_containers.get(i).cloned()
        } else {
            e.pod.spec.containers.get(i).cloned()
        }
    }

    /// Decides the container's next attempt (behaviour, script or defaults).
    fn plan_attempt(
        &mut self,
        name: &str,
        container: &Container,
    ) -> super::behavior::ContainerPlan {
        let pod = &self
            .store
            .pods
            .get(name)
            .expect("a pod being started is in the store")
            .pod;
        let index = pod.completion_index();
        let job = Store::owner_job_name(pod).cloned().unwrap_or_default();
        let env = || {
            let mut env: BTreeMap<String, String> = container
                .env
                .iter()
                .filter_map(|v| Some((v.name.to_string(), v.value.as_ref()?.to_string())))
                .collect();
            env.insert(
                "HOSTNAME".into(),
                if pod.spec.hostname.is_empty() {
                    pod.metadata.name.to_string()
                } else {
                    pod.spec.hostname.to_string()
                },
            );
            if let Some(i) = index {
                env.insert(wk::COMPLETION_INDEX_ENV.into(), i.to_string());
            }
            env
        };
        let cron_job = self
            .store
            .jobs
            .get(job.as_str())
            .and_then(|j| owner_cron_job(&j.job))
            .map(str::to_string);
        let owner = Owner {
            job: job.clone(),
            cron_job,
            index,
        };
        let key = (index, container.name.clone());
        let attempt = self.store.jobs.get_mut(job.as_str()).map_or(0, |j| {
            let n = j.attempts.entry(key).or_insert(0);
            *n += 1;
            *n - 1
        });
        plan_container(
            &self.scenario,
            &owner,
            container,
            attempt,
            env,
            &mut self.rng,
        )
    }

    fn image_unavailable(&self, image: &str) -> bool {
        self.scenario
            .unavailable_images
            .iter()
            .any(|pattern| glob_match(pattern, image))
    }

    fn pull(&mut self, name: &str, init: bool, i: usize) {
        let Some(container) = self.container_of(name, init, i) else {
            return;
        };
        let already_pulled = self.run_of(name, init, i).is_some_and(|r| r.pulled);
        let plan = self.plan_attempt(name, &container);
        // A restart in the same pod has the image already: only a first start pays startup.
        let startup = if already_pulled {
            SimDuration::ZERO
        } else {
            plan.startup
        };
        if let Some(note) = &plan.note {
            let note = format!("{}: {note}", container.name);
            if let Some(e) = self.store.pods.get_mut(name) {
                if !e.rt.notes.contains(&note) {
                    e.rt.notes.push(note);
                }
            }
        }
        if let Some(r) = self.run_mut(name, init, i) {
            r.plan = Some(plan);
        }
        if !already_pulled {
            self.emit(
                EventKind::Pod,
                name,
                EventType::Normal,
                "Pulling",
                format_args!("Pulling image \"{}\"", container.image),
                Component::Kubelet,
            );
        }
        self.wake(name, self.now + startup, KubeletStep::Start { init, i });
    }

    fn set_waiting(
        &mut self,
        name: &str,
        init: bool,
        i: usize,
        reason: &'static str,
        message: String,
    ) {
        if let Some(e) = self.store.pods.get_mut(name) {
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
        }
        self.pod_changed(name);
    }

    fn start_container(&mut self, name: &str, init: bool, i: usize) {
        let Some(container) = self.container_of(name, init, i) else {
            return;
        };
        let now = self.now;
        let (pulled, pull_started) = (
            self.run_of(name, init, i).is_some_and(|r| r.pulled),
            self.run_of(name, init, i)
                .and_then(|r| r.plan.as_ref())
                .map(|p| p.startup),
        );
        if self.image_unavailable(&container.image) {
            self.emit(EventKind::Pod, name, EventType::Warning, "Failed", format_args!("Failed to pull image \"{}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{}\": not found", container.image, container.image), Component::Kubelet);
            self.emit(
                EventKind::Pod,
                name,
                EventType::Warning,
                "Failed",
                format_args!("Error: ErrImagePull"),
                Component::Kubelet,
            );
            let backoff = self
                .run_mut(name, init, i)
                .map_or(PULL_BACKOFF_BASE, next_pull_backoff);
            self.set_waiting(
                name,
                init,
                i,
                "ErrImagePull",
                format!("failed to pull image \"{}\"", container.image),
            );
            // Kubernetes shows ErrImagePull briefly, then ImagePullBackOff until the retry.
            self.emit(
                EventKind::Pod,
                name,
                EventType::Normal,
                "BackOff",
                format_args!("Back-off pulling image \"{}\"", container.image),
                Component::Kubelet,
            );
            self.emit(
                EventKind::Pod,
                name,
                EventType::Warning,
                "Failed",
                format_args!("Error: ImagePullBackOff"),
                Component::Kubelet,
            );
            self.set_waiting(
                name,
                init,
                i,
                "ImagePullBackOff",
                format!("Back-off pulling image \"{}\"", container.image),
            );
            self.wake(name, now + backoff, KubeletStep::Pull { init, i });
            return;
        }
        if let Some(missing) = self.missing_reference(&container) {
            self.emit(
                EventKind::Pod,
                name,
                EventType::Warning,
                "Failed",
                format_args!("Error: {missing}"),
                Component::Kubelet,
            );
            let backoff = self.run_mut(name, init, i).map_or(PULL_BACKOFF_BASE, |r| {
                r.pulled = true;
                next_pull_backoff(r)
            });
            self.set_waiting(name, init, i, "CreateContainerConfigError", missing);
            self.wake(name, now + backoff, KubeletStep::Pull { init, i });
            return;
        }
        if pulled {
            self.emit(
                EventKind::Pod,
                name,
                EventType::Normal,
                "Pulled",
                format_args!(
                    "Container image \"{}\" already present on machine",
                    container.image
                ),
                Component::Kubelet,
            );
        } else {
            let took = pull_started.unwrap_or_default().go_display();
            let size = simulated_image_size(&container.image);
            self.emit(EventKind::Pod, name, EventType::Normal, "Pulled", format_args!("Successfully pulled image \"{}\" in {took} ({took} including waiting). Image size: {size} bytes.", container.image), Component::Kubelet);
        }
        self.emit(
            EventKind::Pod,
            name,
            EventType::Normal,
            "Created",
            format_args!("Created container: {}", container.name),
            Component::Kubelet,
        );
        self.emit(
            EventKind::Pod,
            name,
            EventType::Normal,
            "Started",
            format_args!("Started container {}", container.name),
            Component::Kubelet,
        );
        let probe_delay = if init {
            None
        } else {
            readiness_delay(&container)
        };
        let (run, log) = {
            let Some(r) = self.run_mut(name, init, i) else {
                return;
            };
            r.pulled = true;
            r.running = true;
            let plan = r
                .plan
                .clone()
                .unwrap_or_else(|| super::behavior::ContainerPlan {
                    startup: SimDuration::ZERO,
                    run: SimDuration::ZERO,
                    exit_code: 0,
                    log: vec![],
                    note: None,
                });
            (plan.run, plan.log)
        };
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        e.rt.log
            .extend(log.into_iter().take(super::script::MAX_LOG_LINES));
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
            s.ready = !init && probe_delay.is_none();
        }
        if !init {
            e.pod.status.phase = "Running".into();
            update_readiness(&mut e.pod, now);
            if let Some(delay) = probe_delay {
                self.wake(
                    name,
                    now + delay,
                    KubeletStep::ProbeReady { i, started: now },
                );
            }
        }
        self.wake(name, now + run, KubeletStep::Exit { init, i });
        self.pod_changed(name);
    }

    /// A ConfigMap or Secret the container needs and the scenario lacks, as kubelet words it.
    fn missing_reference(&self, c: &Container) -> Option<String> {
        let optional = |v: &serde_json::Value| {
            v.get("optional")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
        };
        let name_of = |v: &serde_json::Value| {
            v.get("name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        for env in &c.env {
            let Some(from) = &env.value_from else {
                continue;
            };
            if let Some(r) = from.get("configMapKeyRef").filter(|r| !optional(r)) {
                if !self.scenario.config_maps.contains(&name_of(r)) {
                    return Some(format!("configmap \"{}\" not found", name_of(r)));
                }
            }
            if let Some(r) = from.get("secretKeyRef").filter(|r| !optional(r)) {
                if !self.scenario.secrets.contains(&name_of(r)) {
                    return Some(format!("secret \"{}\" not found", name_of(r)));
                }
            }
        }
        for src in &c.env_from {
            if let Some(r) = src.config_map_ref.as_ref().filter(|r| !optional(r)) {
                if !self.scenario.config_maps.contains(&name_of(r)) {
                    return Some(format!("configmap \"{}\" not found", name_of(r)));
                }
            }
            if let Some(r) = src.secret_ref.as_ref().filter(|r| !optional(r)) {
                if !self.scenario.secrets.contains(&name_of(r)) {
                    return Some(format!("secret \"{}\" not found", name_of(r)));
                }
            }
        }
        None
    }

    /// A container ended with `code` (its plan, or a `failPod`/`succeedPod` action).
    pub(crate) fn container_exited(&mut self, name: &str, init: bool, i: usize, code: i32) {
        let now = self.now;
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        let on_failure = e.pod.spec.restart_policy.as_deref() == Some("OnFailure");
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
        let runs = if init {
            &mut e.rt.inits
        } else {
            &mut e.rt.mains
        };
        let Some(r) = runs.get_mut(i) else { return };
        r.running = false;
        let restart = code != 0 && on_failure;
        r.done = !restart;
        if !init {
            update_readiness(&mut e.pod, now);
        }
        if restart {
            self.schedule_restart(name, init, i, &container_name);
        } else if init && code == 0 {
            self.next_after_init(name, i);
        } else {
            self.maybe_finish_pod(name);
        }
        self.pod_changed(name);
    }

    /// OnFailure: the first restart is immediate; later ones wait the doubling back-off.
    fn schedule_restart(&mut self, name: &str, init: bool, i: usize, container: &str) {
        let now = self.now;
        let (uid, namespace) = self
            .store
            .pods
            .get(name)
            .map(|e| (e.pod.metadata.uid.clone(), e.pod.metadata.namespace.clone()))
            .unwrap_or_default();
        let Some(r) = self.run_mut(name, init, i) else {
            return;
        };
        r.crashes += 1;
        if r.crashes == 1 {
            self.wake(name, now, KubeletStep::Pull { init, i });
            return;
        }
        let delay = next_crash_backoff(r, now);
        let pod_ref = format!("{name}_{namespace}({uid})");
        self.set_waiting(
            name,
            init,
            i,
            "CrashLoopBackOff",
            format!(
                "back-off {} restarting failed container={container} pod={pod_ref}",
                delay.go_display()
            ),
        );
        self.emit(
            EventKind::Pod,
            name,
            EventType::Warning,
            "BackOff",
            format_args!("Back-off restarting failed container {container} in pod {pod_ref}"),
            Component::Kubelet,
        );
        self.wake(name, now + delay, KubeletStep::Pull { init, i });
    }

    fn next_after_init(&mut self, name: &str, i: usize) {
        let now = self.now;
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        e.rt.next_init = i + 1;
        if i + 1 < e.rt.inits.len() {
            self.wake(
                name,
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
            self.wake(name, now, KubeletStep::Pull { init: false, i: c });
        }
    }

    /// Succeeded once every app container has finished with 0; Failed once all have finished
    /// and one did not (restartPolicy Never), or an init container failed.
    fn maybe_finish_pod(&mut self, name: &str) {
        let now = self.now;
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        let init_failed = e
            .pod
            .status
            .init_container_statuses
            .iter()
            .zip(&e.rt.inits)
            .any(|(s, r)| {
                r.done
                    && s.state
                        .terminated
                        .as_ref()
                        .is_some_and(|t| t.exit_code != 0)
            });
        let all_done = e.rt.mains.iter().all(|r| r.done);
        if !(init_failed || all_done) {
            return;
        }
        let ok = !init_failed
            && e.pod.status.container_statuses.iter().all(|s| {
                s.state
                    .terminated
                    .as_ref()
                    .is_some_and(|t| t.exit_code == 0)
            });
        e.pod.status.phase = if ok { "Succeeded" } else { "Failed" }.into();
        self.pod_finished(name);
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        set_condition(&mut e.pod, "Ready", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "ContainersReady", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "PodReadyToStartContainers", "False", "", now);
        self.request_scheduling();
        self.forget_if_done(name);
    }

    /// After a deletion's grace: running containers got SIGTERM (exit 143), waiting ones
    /// never ran; the pod ends Failed unless it had already succeeded.
    fn stopped_after_deletion(&mut self, name: &str) {
        let now = self.now;
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
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
        self.pod_finished(name);
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        set_condition(&mut e.pod, "Ready", "False", "PodCompleted", now);
        set_condition(&mut e.pod, "ContainersReady", "False", "PodCompleted", now);
        self.request_scheduling();
        self.pod_changed(name);
        self.forget_if_done(name);
    }

    /// `failPod` / `succeedPod`: the first running app container (all of them for success)
    /// ends now with the given code.
    pub(crate) fn force_exit(&mut self, name: &str, code: Option<i32>) {
        let Some(e) = self.store.pods.get_mut(name) else {
            return;
        };
        e.rt.generation += 1; // pending exits of the old plan no longer apply
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
        for i in targets {
            self.container_exited(name, false, i, code.unwrap_or(0));
        }
        // Re-arm the exits of containers that keep running under the new generation.
        for i in others_running {
            let run = self
                .run_of(name, false, i)
                .and_then(|r| r.plan.as_ref())
                .map_or(SimDuration::ZERO, |p| p.run);
            let started = self
                .store
                .pods
                .get(name)
                .and_then(|e| {
                    e.pod
                        .status
                        .container_statuses
                        .get(i)?
                        .state
                        .running
                        .as_ref()?
                        .started_at
                })
                .map_or(self.now, |t| t.0);
            self.wake(
                name,
                (started + run).max(self.now),
                KubeletStep::Exit { init: false, i },
            );
        }
    }
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
fn update_readiness(pod: &mut Pod, now: SimTime) {
    let all_ready = !pod.status.container_statuses.is_empty()
        && pod
            .status
            .container_statuses
            .iter()
            .all(|s| s.ready && s.state.running.is_some());
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
}
