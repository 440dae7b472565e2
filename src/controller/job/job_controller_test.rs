//! `sync_job` case by case, in the manner of pkg/controller/job/job_controller_test.go
//! `TestControllerSyncJob`: a Job spec and status, its pods with their phases, indexes and
//! conditions, the back-off record and `now` go in; the status counters and conditions, the
//! pod actions, the events and the requeue come out as a few readable lines.
//!
//! The expected values are upstream's where upstream has the case (named after it), adjusted
//! only where jobplay runs with today's feature defaults: `JobPodReplacementPolicy` and
//! `JobManagedBy` are on, so a finishing Job first gets its interim condition
//! (`SuccessCriteriaMet` / `FailureTarget`) and the terminal one only once no pod is
//! terminating (job_controller.go `delayTerminalCondition`), and `status.terminating` is set.

use std::collections::BTreeMap;

use expect_test::{expect, Expect};

use super::*;
use crate::api::well_known as wk;

/// Seconds after the scenario's start, the instant every case is measured from.
fn at(secs: i64) -> SimTime {
    SimTime::DEFAULT_START + SimDuration::from_secs(secs)
}

/// A defaulted Job (through the loader, as a pasted manifest gets it) with `spec` as the lines
/// under `spec:`; its template runs `busybox` with restartPolicy Never unless `spec` brings
/// its own template.
fn job(spec: &str) -> Job {
    let template = if spec.contains("template:") {
        String::new()
    } else {
        "  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: main, image: busybox}]\n".to_string()
    };
    let yaml =
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec:\n{spec}{template}");
    let loaded = crate::scenario::load(&yaml);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.scenario.jobs.into_iter().next().expect("one Job")
}

/// A pod of the Job, created at +0s, Pending, carrying the tracking finalizer.
struct P(Pod);

fn pod(name: &str) -> P {
    let mut p = Pod::default();
    p.metadata.name = Str::copy(name);
    p.metadata.namespace = "default".into();
    p.metadata.creation_timestamp = Some(Time(at(0)));
    p.metadata
        .finalizers
        .push(wk::JOB_TRACKING_FINALIZER.into());
    p.status.phase = "Pending".into();
    P(p)
}

impl P {
    /// `batch.kubernetes.io/job-completion-index`; any text, as upstream's `indexPhase` allows.
    fn index(mut self, i: &str) -> P {
        self.0
            .metadata
            .annotations
            .insert(wk::JOB_COMPLETION_INDEX.into(), Str::copy(i));
        self
    }
    /// `batch.kubernetes.io/job-index-failure-count`: the index's counted failures before
    /// this pod, as the controller wrote them when it created the pod.
    fn failures(mut self, n: i32) -> P {
        self.0.metadata.annotations.insert(
            wk::JOB_INDEX_FAILURE_COUNT.into(),
            Str::copy(&n.to_string()),
        );
        self
    }
    fn created(mut self, secs: i64) -> P {
        self.0.metadata.creation_timestamp = Some(Time(at(secs)));
        self
    }
    fn running(mut self) -> P {
        self.0.status.phase = "Running".into();
        self
    }
    fn ready(mut self) -> P {
        self.0.status.conditions.push(cond("Ready", "True", at(0)));
        self
    }
    fn restarts(mut self, n: i32) -> P {
        self.0
            .status
            .container_statuses
            .push(crate::api::ContainerStatus {
                name: "main".into(),
                restart_count: n,
                ..Default::default()
            });
        self
    }
    /// Finished with `exit_code` at +`secs` (0 succeeds, anything else fails).
    fn exited(mut self, exit_code: i32, secs: i64) -> P {
        self.0.status.phase = if exit_code == 0 {
            "Succeeded"
        } else {
            "Failed"
        }
        .into();
        let state = crate::api::ContainerState {
            terminated: Some(Box::new(crate::api::ContainerStateTerminated {
                exit_code,
                finished_at: Some(Time(at(secs))),
                ..Default::default()
            })),
            ..Default::default()
        };
        self.0.status.container_statuses = vec![crate::api::ContainerStatus {
            name: "main".into(),
            state,
            ..Default::default()
        }];
        self
    }
    fn succeeded(self, secs: i64) -> P {
        self.exited(0, secs)
    }
    fn failed(self, secs: i64) -> P {
        self.exited(1, secs)
    }
    fn condition(mut self, type_: &str) -> P {
        self.0.status.conditions.push(cond(type_, "True", at(0)));
        self
    }
    /// Being deleted since +`secs` (no grace period left); a Pending pod is running.
    fn deleting(mut self, secs: i64) -> P {
        if self.0.status.phase == "Pending" {
            self.0.status.phase = "Running".into();
        }
        self.0.metadata.deletion_timestamp = Some(Time(at(secs)));
        self.0.metadata.deletion_grace_period_seconds = Some(0);
        self
    }
    fn no_finalizer(mut self) -> P {
        self.0.metadata.finalizers.clear();
        self
    }
}

fn cond(type_: &str, status: &str, t: SimTime) -> Condition {
    Condition {
        type_: Str::copy(type_),
        status: Str::copy(status),
        last_probe_time: Some(Time(t)),
        last_transition_time: Some(Time(t)),
        reason: Str::default(),
        message: Str::default(),
    }
}

/// One row of the table.
struct Case {
    name: &'static str,
    /// The lines under the Job's `spec:`.
    spec: &'static str,
    /// Changes to the Job before the sync (its status, a deletion ...).
    before: fn(&mut Job),
    pods: Vec<P>,
    backoff: BackoffRecord,
    index_failures: BTreeMap<i32, IndexFailures>,
    /// Seconds after the start.
    now: i64,
    want: Expect,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            name: "",
            spec: "",
            before: |_| {},
            pods: Vec::new(),
            backoff: BackoffRecord::default(),
            index_failures: BTreeMap::new(),
            now: 0,
            want: expect![""],
        }
    }
}

fn started_at_0(j: &mut Job) {
    j.status.start_time = Some(Time(at(0)));
}

/// A Job whose success policy was met at +5s by index 0.
fn success_criteria_met(j: &mut Job) {
    started_at_0(j);
    j.status.succeeded = 1;
    j.status.completed_indexes = Some("0".into());
    let mut c = cond("SuccessCriteriaMet", "True", at(5));
    c.reason = "SuccessPolicy".into();
    c.message = "Matched rules at index 0".into();
    j.status.conditions.push(c);
}

fn backoff(failures: u32, last_secs: i64) -> BackoffRecord {
    BackoffRecord {
        failures_after_last_success: failures,
        last_failure_time: Some(at(last_secs)),
    }
}

/// The sync's output as lines: status counters, conditions, pod actions, events, requeue and
/// the back-off record it leaves.
fn render(out: &SyncOutput) -> String {
    let s = &out.status;
    let mut text = format!(
        "active {}, ready {}, succeeded {}, failed {}, terminating {}",
        s.active,
        s.ready.map_or("-".into(), |r| r.to_string()),
        s.succeeded,
        s.failed,
        s.terminating.map_or("-".into(), |r| r.to_string()),
    );
    if let Some(c) = &s.completed_indexes {
        text += &format!(", completedIndexes {c:?}");
    }
    if let Some(f) = &s.failed_indexes {
        text += &format!(", failedIndexes {f:?}");
    }
    if let Some(t) = s.start_time {
        text += &format!(", started +{}", (t.0 - at(0)).human());
    }
    if let Some(t) = s.completion_time {
        text += &format!(", completed +{}", (t.0 - at(0)).human());
    }
    text.push('\n');
    for c in &s.conditions {
        text += &format!(
            "condition {}={} {}: {}\n",
            c.type_, c.status, c.reason, c.message
        );
    }
    let actions: Vec<String> = out
        .actions
        .iter()
        .map(|a| match a {
            PodAction::Create(p) => match p.completion_index() {
                Some(i) => format!("create #{i}"),
                None => "create".into(),
            },
            PodAction::RemoveFinalizer(p) => format!("unfinalize {p}"),
            PodAction::Delete(p) => format!("delete {p}"),
        })
        .collect();
    if !actions.is_empty() {
        text += &format!("pods: {}\n", actions.join(", "));
    }
    for e in &out.events {
        let type_ = if e.warning { "Warning" } else { "Normal" };
        text += &format!("event {type_} {}: {}\n", e.reason, e.message);
    }
    if let Some(r) = out.requeue_after {
        text += &format!("requeue after {}\n", r.human());
    }
    if out.backoff.failures_after_last_success > 0 {
        text += &format!(
            "back-off: {} failure(s) since the last success, the last at +{}\n",
            out.backoff.failures_after_last_success,
            (out.backoff.last_failure_time.unwrap_or(at(0)) - at(0)).human()
        );
    }
    for (i, f) in &out.index_failures {
        text += &format!("index {i}: {} counted, {} ignored\n", f.counted, f.ignored);
    }
    text
}

fn cases() -> Vec<Case> {
    vec![
        // --- parallelism and completions arithmetic -------------------------------------
        Case {
            name: "job start",
            spec: "  parallelism: 2\n  completions: 5\n",
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                pods: create, create
            "#]],
            ..Case::default()
        },
        Case {
            name: "WQ job start",
            spec: "  parallelism: 2\n",
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                pods: create, create
            "#]],
            ..Case::default()
        },
        Case {
            name: "correct # of pods",
            spec: "  parallelism: 3\n  completions: 5\n",
            before: started_at_0,
            pods: vec![
                pod("a").running().ready(),
                pod("b").running().ready(),
                pod("c").running(),
            ],
            now: 5,
            want: expect![[r#"
                active 3, ready 2, succeeded 0, failed 0, terminating 0, started +0s
            "#]],
            ..Case::default()
        },
        Case {
            name: "too few active pods",
            spec: "  parallelism: 2\n  completions: 5\n",
            before: started_at_0,
            pods: vec![pod("a").running(), pod("b").succeeded(4)],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 1, failed 0, terminating 0, started +0s
                pods: unfinalize b, create
            "#]],
            ..Case::default()
        },
        Case {
            // controller.ActivePods: of equal pods the newest goes first.
            name: "too many active pods",
            spec: "  parallelism: 2\n  completions: 5\n",
            before: started_at_0,
            pods: vec![
                pod("a").running(),
                pod("b").running().created(2),
                pod("c").running().created(1),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 1, started +0s
                pods: unfinalize b, delete b
            "#]],
            ..Case::default()
        },
        Case {
            // job_controller.go `manageJob`: the ready pods it deletes leave status.ready.
            name: "count ready pods when too many active pods",
            spec: "  parallelism: 2\n  completions: 5\n",
            before: started_at_0,
            pods: vec![
                pod("a").running().ready(),
                pod("b").running().ready().created(2),
                pod("c").running().ready().created(1),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 2, succeeded 0, failed 0, terminating 1, started +0s
                pods: unfinalize b, delete b
            "#]],
            ..Case::default()
        },
        Case {
            name: "more active pods than remaining completions",
            spec: "  parallelism: 3\n  completions: 4\n",
            before: started_at_0,
            pods: vec![
                pod("a").running(),
                pod("b").running(),
                pod("c").running().created(1),
                pod("d").succeeded(3),
                pod("e").succeeded(4),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 2, failed 0, terminating 1, started +0s
                pods: unfinalize d, unfinalize e, unfinalize c, delete c
            "#]],
            ..Case::default()
        },
        Case {
            name: "WQ job finishing",
            spec: "  parallelism: 2\n",
            before: started_at_0,
            pods: vec![pod("a").running(), pod("b").succeeded(4)],
            now: 5,
            want: expect![[r#"
                active 1, ready 0, succeeded 1, failed 0, terminating 0, started +0s
                pods: unfinalize b
            "#]],
            ..Case::default()
        },
        Case {
            name: "job finish",
            spec: "  parallelism: 2\n  completions: 5\n",
            before: started_at_0,
            pods: vec![
                pod("a").succeeded(1),
                pod("b").succeeded(2),
                pod("c").succeeded(3),
                pod("d").succeeded(4),
                pod("e").succeeded(5),
            ],
            now: 6,
            want: expect![[r#"
                active 0, ready 0, succeeded 5, failed 0, terminating 0, started +0s, completed +6s
                condition SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods
                condition Complete=True CompletionsReached: Reached expected number of succeeded pods
                pods: unfinalize a, unfinalize b, unfinalize c, unfinalize d, unfinalize e
                event Normal Completed: Job completed
            "#]],
            ..Case::default()
        },
        Case {
            name: "WQ job all finished despite one failure",
            spec: "  parallelism: 2\n",
            before: started_at_0,
            pods: vec![pod("a").succeeded(4), pod("b").failed(3)],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 1, terminating 0, started +0s, completed +5s
                condition SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods
                condition Complete=True CompletionsReached: Reached expected number of succeeded pods
                pods: unfinalize a, unfinalize b
                event Normal Completed: Job completed
            "#]],
            ..Case::default()
        },
        // --- back-off: wait or create -----------------------------------------------------
        Case {
            name: "too few active pods and active back-off",
            spec: "  parallelism: 1\n  completions: 1\n",
            before: started_at_0,
            backoff: backoff(1, 5),
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                requeue after 10s
                back-off: 1 failure(s) since the last success, the last at +5s
            "#]],
            ..Case::default()
        },
        Case {
            name: "too few active pods and no back-offs",
            spec: "  parallelism: 1\n  completions: 1\n",
            before: started_at_0,
            backoff: BackoffRecord {
                failures_after_last_success: 0,
                last_failure_time: Some(at(5)),
            },
            now: 5,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                pods: create
            "#]],
            ..Case::default()
        },
        Case {
            // backoff_utils.go: the third failure waits 10s * 2^2 = 40s from the last one.
            name: "a third failure waits 40s from the last failure",
            spec: "  parallelism: 1\n  completions: 1\n",
            before: |j| {
                started_at_0(j);
                j.status.failed = 2;
            },
            backoff: backoff(2, 3),
            pods: vec![pod("c").failed(10)],
            now: 25,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 3, terminating 0, started +0s
                pods: unfinalize c
                requeue after 25s
                back-off: 3 failure(s) since the last success, the last at +10s
            "#]],
            ..Case::default()
        },
        Case {
            // backoff_utils.go `newBackoffRecord`: a success after the failures resets them.
            name: "failed + succeed pods: reset backoff delay",
            spec: "  parallelism: 2\n  completions: 5\n",
            before: started_at_0,
            pods: vec![pod("a").running(), pod("b").failed(2), pod("c").succeeded(4)],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 1, failed 1, terminating 0, started +0s
                pods: unfinalize b, unfinalize c, create
            "#]],
            ..Case::default()
        },
        // --- backoffLimit ---------------------------------------------------------------
        Case {
            name: "too many job failures",
            spec: "  parallelism: 2\n  completions: 5\n  backoffLimit: 0\n",
            before: started_at_0,
            pods: vec![pod("a").failed(3)],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 1, terminating 0, started +0s
                condition FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit
                condition Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit
                pods: unfinalize a
                event Warning BackoffLimitExceeded: Job has reached the specified backoff limit
            "#]],
            ..Case::default()
        },
        Case {
            // The running pods are deleted and count as failed; Failed waits for them to go.
            name: "count ready pods when job fails",
            spec: "  parallelism: 2\n  completions: 3\n  backoffLimit: 0\n",
            before: started_at_0,
            pods: vec![
                pod("a").running().ready(),
                pod("b").running().ready(),
                pod("c").failed(3),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 3, terminating 2, started +0s
                condition FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit
                pods: unfinalize c, unfinalize a, delete a, unfinalize b, delete b
                back-off: 1 failure(s) since the last success, the last at +3s
            "#]],
            ..Case::default()
        },
        Case {
            // job_controller.go `pastBackoffLimitOnFailure`: restarts of running pods count.
            name: "restartPolicy OnFailure: restarts reaching backoffLimit fail the Job",
            spec: "  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: main, image: busybox}]\n",
            before: started_at_0,
            pods: vec![pod("a").running().restarts(2)],
            now: 30,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 1, terminating 1, started +0s
                condition FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit
                pods: unfinalize a, delete a
            "#]],
            ..Case::default()
        },
        // --- activeDeadlineSeconds ------------------------------------------------------
        Case {
            name: "activeDeadlineSeconds not yet reached: sync again at the deadline",
            spec: "  activeDeadlineSeconds: 10\n",
            before: started_at_0,
            pods: vec![pod("a").running()],
            now: 4,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                requeue after 6s
            "#]],
            ..Case::default()
        },
        Case {
            name: "activeDeadlineSeconds reached: the Job fails and its pod is deleted",
            spec: "  activeDeadlineSeconds: 10\n",
            before: started_at_0,
            pods: vec![pod("a").running()],
            now: 10,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 1, terminating 1, started +0s
                condition FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline
                pods: unfinalize a, delete a
            "#]],
            ..Case::default()
        },
        // --- suspend and resume ---------------------------------------------------------
        Case {
            name: "suspending a job with satisfied expectations",
            spec: "  parallelism: 2\n  completions: 4\n  suspend: true\n",
            before: started_at_0,
            pods: vec![pod("a").running().ready(), pod("b").running()],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 0, terminating 2
                condition Suspended=True JobSuspended: Job suspended
                pods: unfinalize a, delete a, unfinalize b, delete b
                event Normal Suspended: Job suspended
            "#]],
            ..Case::default()
        },
        Case {
            // The start time restarts, so activeDeadlineSeconds counts from the resume.
            name: "resuming a suspended job",
            spec: "  parallelism: 2\n  completions: 4\n",
            before: |j| {
                started_at_0(j);
                let mut c = cond("Suspended", "True", at(0));
                c.reason = "JobSuspended".into();
                c.message = "Job suspended".into();
                j.status.conditions.push(c);
            },
            now: 60,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, started +1m
                condition Suspended=False JobResumed: Job resumed
                pods: create, create
                event Normal Resumed: Job resumed
            "#]],
            ..Case::default()
        },
        // --- Indexed --------------------------------------------------------------------
        Case {
            name: "indexed job start",
            spec: "  parallelism: 2\n  completions: 5\n  completionMode: Indexed\n",
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, completedIndexes "", started +0s
                pods: create #0, create #1
            "#]],
            ..Case::default()
        },
        Case {
            name: "indexed job some running and completed pods",
            spec: "  parallelism: 8\n  completions: 20\n  completionMode: Indexed\n",
            before: started_at_0,
            pods: vec![
                pod("r0").index("0").running(),
                pod("s2").index("2").succeeded(1),
                pod("p3").index("3"),
                pod("s4").index("4").succeeded(1),
                pod("s5").index("5").succeeded(1),
                pod("s7").index("7").succeeded(1),
                pod("s8").index("8").succeeded(1),
                pod("s9").index("9").succeeded(1),
            ],
            now: 5,
            want: expect![[r#"
                active 8, ready 0, succeeded 6, failed 0, terminating 0, completedIndexes "2,4,5,7-9", started +0s
                pods: unfinalize s2, unfinalize s4, unfinalize s5, unfinalize s7, unfinalize s8, unfinalize s9, create #1, create #6, create #10, create #11, create #12, create #13
            "#]],
            ..Case::default()
        },
        Case {
            name: "indexed job some pods without index",
            spec: "  parallelism: 2\n  completions: 5\n  completionMode: Indexed\n",
            before: started_at_0,
            pods: vec![
                pod("x-run").index("invalid").running(),
                pod("x-ok").index("invalid").succeeded(1),
                pod("x-fail").index("invalid").failed(1),
                pod("x-pend").index("invalid"),
                pod("s0").index("0").succeeded(1),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 1, failed 0, terminating 2, completedIndexes "0", started +0s
                pods: unfinalize x-ok, unfinalize x-fail, unfinalize s0, unfinalize x-run, delete x-run, unfinalize x-pend, delete x-pend
            "#]],
            ..Case::default()
        },
        Case {
            // Only one of creations and deletions happens in a sync.
            name: "indexed job with indexes outside of range",
            spec: "  parallelism: 2\n  completions: 5\n  completionMode: Indexed\n",
            before: started_at_0,
            pods: vec![
                pod("s0").index("0").succeeded(1),
                pod("r5").index("5").running(),
                pod("s6").index("6").succeeded(1),
                pod("p7").index("7"),
                pod("f8").index("8").failed(1),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 0, terminating 2, completedIndexes "0", started +0s
                pods: unfinalize s0, unfinalize s6, unfinalize f8, unfinalize r5, delete r5, unfinalize p7, delete p7
            "#]],
            ..Case::default()
        },
        Case {
            // Of two pods with one index the Pending one goes (controller.ActivePods order).
            name: "indexed job repeated indexes",
            spec: "  parallelism: 5\n  completions: 5\n  completionMode: Indexed\n",
            before: started_at_0,
            pods: vec![
                pod("x").index("invalid").running(),
                pod("s0").index("0").succeeded(1),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
                pod("p2").index("2"),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 1, failed 0, terminating 2, completedIndexes "0", started +0s
                pods: unfinalize s0, unfinalize x, delete x, unfinalize p2, delete p2
            "#]],
            ..Case::default()
        },
        Case {
            name: "indexed job completed",
            spec: "  parallelism: 2\n  completions: 3\n  completionMode: Indexed\n",
            before: started_at_0,
            pods: vec![
                pod("s0").index("0").succeeded(1),
                pod("f1").index("1").failed(1),
                pod("s1").index("1").succeeded(3),
                pod("s2").index("2").succeeded(3),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 3, failed 1, terminating 0, completedIndexes "0-2", started +0s, completed +5s
                condition SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods
                condition Complete=True CompletionsReached: Reached expected number of succeeded pods
                pods: unfinalize s0, unfinalize f1, unfinalize s1, unfinalize s2
                event Normal Completed: Job completed
            "#]],
            ..Case::default()
        },
        // --- podReplacementPolicy -------------------------------------------------------
        Case {
            // A terminating pod still holds its place: one new pod, for the lowest free index.
            name: "indexed job with some pods deleted, podReplacementPolicy Failed",
            spec: "  parallelism: 2\n  completions: 5\n  completionMode: Indexed\n  podReplacementPolicy: Failed\n",
            before: started_at_0,
            pods: vec![pod("t").deleting(1)],
            now: 5,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 0, terminating 1, completedIndexes "", started +0s
                pods: create #0
            "#]],
            ..Case::default()
        },
        Case {
            // Under TerminatingOrFailed a terminating pod no longer holds its place; this one
            // has no index, so it is not counted, only released (upstream: 1 patch, 0 failed).
            name: "indexed job with some pods deleted, podReplacementPolicy TerminatingOrFailed",
            spec: "  parallelism: 2\n  completions: 5\n  completionMode: Indexed\n  podReplacementPolicy: TerminatingOrFailed\n",
            before: started_at_0,
            pods: vec![pod("t").deleting(0)],
            now: 60,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 1, completedIndexes "", started +0s
                pods: unfinalize t, create #0, create #1
            "#]],
            ..Case::default()
        },
        // --- backoffLimitPerIndex -------------------------------------------------------
        Case {
            // indexed_job_utils.go `isIndexFailed`: the first failure of index 0 is retried
            // after the index's own back-off; the other indexes run on. Until the replacement
            // exists the failed pod keeps its finalizer and stays out of status.failed
            // (`getPodsWithDelayedDeletionPerIndex`, `canRemoveFinalizer`).
            name: "backoffLimitPerIndex: a first failure is retried after the index's back-off",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n",
            before: started_at_0,
            pods: vec![
                pod("f0").index("0").failed(4),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, completedIndexes "", failedIndexes "", started +0s
                requeue after 9s
                back-off: 1 failure(s) since the last success, the last at +4s
                index 0: 1 counted, 0 ignored
            "#]],
            ..Case::default()
        },
        Case {
            name: "backoffLimitPerIndex: the failure past the limit fails the index, not the Job",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n",
            before: |j| {
                started_at_0(j);
                j.status.failed = 1;
                j.status.failed_indexes = Some(String::new());
            },
            index_failures: [(
                0,
                IndexFailures {
                    counted: 1,
                    ignored: 0,
                    last_finish: Some(at(4)),
                },
            )]
            .into(),
            backoff: backoff(1, 4),
            pods: vec![
                pod("f0b").index("0").failures(1).failed(20),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 21,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 2, terminating 0, completedIndexes "", failedIndexes "0", started +0s
                pods: unfinalize f0b
                back-off: 2 failure(s) since the last success, the last at +20s
                index 0: 2 counted, 0 ignored
            "#]],
        },
        Case {
            // The replacement of index 0 exists: the failed pod kept for it is let go and its
            // failure, counted when it failed, enters status.failed.
            name: "backoffLimitPerIndex: a failed pod kept for its index is let go once the index is recreated",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n",
            before: |j| {
                started_at_0(j);
                j.status.failed_indexes = Some(String::new());
            },
            index_failures: [(
                0,
                IndexFailures {
                    counted: 1,
                    ignored: 0,
                    last_finish: Some(at(4)),
                },
            )]
            .into(),
            backoff: backoff(1, 4),
            pods: vec![
                pod("f0").index("0").failed(4),
                pod("r0").index("0").failures(1).created(14).running(),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 15,
            want: expect![[r#"
                active 3, ready 0, succeeded 0, failed 1, terminating 0, completedIndexes "", failedIndexes "", started +0s
                pods: unfinalize f0
                back-off: 1 failure(s) since the last success, the last at +4s
                index 0: 1 counted, 0 ignored
            "#]],
        },
        Case {
            // `getPodsWithDelayedDeletionPerIndex` keeps the last failed pod of each index that
            // will be retried, whatever the order the pods come in: here creation order, which
            // retries leave out of index order. Index 0's earlier failure is let go.
            name: "backoffLimitPerIndex: the last failed pod of each index is kept, pods in any order",
            spec: "  parallelism: 4\n  completions: 4\n  completionMode: Indexed\n  backoffLimitPerIndex: 2\n",
            before: |j| {
                started_at_0(j);
                j.status.failed_indexes = Some(String::new());
            },
            pods: vec![
                pod("f2").index("2").failed(3),
                pod("f0a").index("0").failed(2),
                pod("f0b").index("0").failed(6),
                pod("f1").index("1").failed(5),
                pod("r3").index("3").running(),
            ],
            now: 7,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 1, terminating 0, completedIndexes "", failedIndexes "", started +0s
                pods: unfinalize f0a
                requeue after 6s
                back-off: 3 failure(s) since the last success, the last at +5s
                index 0: 1 counted, 0 ignored
                index 1: 1 counted, 0 ignored
                index 2: 1 counted, 0 ignored
            "#]],
            ..Case::default()
        },
        Case {
            // job_controller.go `manageJob`: the first `diff` pending indexes are chosen, an
            // index in its back-off among them; only the others are created, and no later
            // index takes its place (`getPodCreationInfoForIndependentIndexes`).
            name: "backoffLimitPerIndex: an index in back-off keeps its place among the indexes to create",
            spec: "  parallelism: 2\n  completions: 4\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n",
            before: |j| {
                started_at_0(j);
                j.status.failed_indexes = Some(String::new());
            },
            index_failures: [(
                0,
                IndexFailures {
                    counted: 1,
                    ignored: 0,
                    last_finish: Some(at(4)),
                },
            )]
            .into(),
            backoff: backoff(1, 4),
            pods: vec![pod("f0").index("0").failed(4)],
            now: 6,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 0, terminating 0, completedIndexes "", failedIndexes "", started +0s
                pods: create #1
                back-off: 1 failure(s) since the last success, the last at +4s
                index 0: 1 counted, 0 ignored
            "#]],
        },
        Case {
            name: "backoffLimitPerIndex: every index finished, one failed: FailedIndexes",
            spec: "  parallelism: 2\n  completions: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 0\n",
            before: started_at_0,
            pods: vec![
                pod("s0").index("0").succeeded(3),
                pod("f1").index("1").failed(4),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 1, terminating 0, completedIndexes "0", failedIndexes "1", started +0s
                condition FailureTarget=True FailedIndexes: Job has failed indexes
                condition Failed=True FailedIndexes: Job has failed indexes
                pods: unfinalize s0, unfinalize f1
                event Warning FailedIndexes: Job has failed indexes
                index 1: 1 counted, 0 ignored
            "#]],
            ..Case::default()
        },
        Case {
            name: "backoffLimitPerIndex: more failed indexes than maxFailedIndexes fail the Job",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 0\n  maxFailedIndexes: 0\n",
            before: started_at_0,
            pods: vec![
                pod("f0").index("0").failed(4),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 3, terminating 2, completedIndexes "", failedIndexes "0", started +0s
                condition FailureTarget=True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes
                pods: unfinalize f0, unfinalize r1, delete r1, unfinalize r2, delete r2
                back-off: 1 failure(s) since the last success, the last at +4s
                index 0: 1 counted, 0 ignored
            "#]],
            ..Case::default()
        },
        // --- podFailurePolicy -----------------------------------------------------------
        Case {
            // getRemainingTimePerIndex and getNewIndexFailureCounts read the pod being
            // replaced: once an index's failed pods are gone (a scale-down deleted the last
            // one), the index is recreated at once and starts again from zero failures.
            name: "backoffLimitPerIndex: an index with no failed pod left waits for nothing",
            spec: "  parallelism: 1\n  completions: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n",
            before: |j| {
                started_at_0(j);
                j.status.failed = 1;
                j.status.failed_indexes = Some(String::new());
            },
            index_failures: [(
                0,
                IndexFailures {
                    counted: 1,
                    ignored: 0,
                    last_finish: Some(at(20)),
                },
            )]
            .into(),
            backoff: backoff(1, 20),
            pods: vec![],
            now: 21,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 1, terminating 0, completedIndexes "", failedIndexes "", started +0s
                pods: create #0
                back-off: 1 failure(s) since the last success, the last at +20s
                index 0: 1 counted, 0 ignored
            "#]],
        },
        Case {
            // trackJobStatusAndRemoveFinalizers asks matchPodFailurePolicy of every pod a
            // failing Job lets go: the running pod it deletes is a failure unless ignored.
            name: "podFailurePolicy: an active pod the policy ignores is not counted when the Job fails",
            spec: "  parallelism: 2\n  completions: 2\n  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions: [{type: DisruptionTarget}]\n    - action: FailJob\n      onExitCodes: {containerName: main, operator: In, values: [42]}\n",
            before: started_at_0,
            pods: vec![
                pod("f42").exited(42, 4),
                pod("d1").running().condition("DisruptionTarget"),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 1, terminating 1, started +0s
                condition FailureTarget=True PodFailurePolicy: Container main for pod default/f42 failed with exit code 42 matching FailJob rule at index 1
                pods: unfinalize f42, unfinalize d1, delete d1
                back-off: 1 failure(s) since the last success, the last at +4s
            "#]],
            ..Case::default()
        },
        Case {
            // getNewIndexFailureCounts reads the pod being replaced as it is now: evicting an
            // index's failed pod (DisruptionTarget) turns its counted failure into an ignored one.
            name: "backoffLimitPerIndex: a failed pod kept for its index that is then evicted becomes an ignored failure",
            spec: "  parallelism: 1\n  completions: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions: [{type: DisruptionTarget}]\n",
            before: |j| {
                started_at_0(j);
                j.status.failed_indexes = Some(String::new());
            },
            index_failures: [(
                0,
                IndexFailures {
                    counted: 1,
                    ignored: 0,
                    last_finish: Some(at(4)),
                },
            )]
            .into(),
            backoff: backoff(1, 4),
            pods: vec![pod("f0").index("0").failed(4).condition("DisruptionTarget")],
            now: 6,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 0, terminating 0, completedIndexes "", failedIndexes "", started +0s
                requeue after 8s
                back-off: 1 failure(s) since the last success, the last at +4s
                index 0: 0 counted, 1 ignored
            "#]],
        },
        Case {
            name: "podFailurePolicy FailJob: a matching exit code fails the Job at once",
            spec: "  parallelism: 2\n  completions: 2\n  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {containerName: main, operator: In, values: [42]}\n",
            before: started_at_0,
            pods: vec![pod("a").exited(42, 3), pod("b").running()],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 2, terminating 1, started +0s
                condition FailureTarget=True PodFailurePolicy: Container main for pod default/a failed with exit code 42 matching FailJob rule at index 0
                pods: unfinalize a, unfinalize b, delete b
                back-off: 1 failure(s) since the last success, the last at +3s
            "#]],
            ..Case::default()
        },
        Case {
            // pod_failure_policy.go: Ignore does not count toward backoffLimit (0 here), but
            // the ignored pod is still in the back-off record: syncJob passes every new failed
            // pod from `getNewFinishedPods` to `newBackoffRecord` and leaves the ignored ones
            // out only of the `failed` count (`nonIgnoredFailedPodsCount`).
            name: "podFailurePolicy Ignore: a disrupted pod is not counted and is replaced",
            spec: "  backoffLimit: 0\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onPodConditions: [{type: DisruptionTarget}]\n",
            before: started_at_0,
            pods: vec![pod("a").failed(3).condition("DisruptionTarget")],
            now: 60,
            want: expect![[r#"
                active 1, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                pods: unfinalize a, create
                back-off: 1 failure(s) since the last success, the last at +3s
            "#]],
            ..Case::default()
        },
        Case {
            name: "podFailurePolicy Count: a matching failure counts toward backoffLimit",
            spec: "  backoffLimit: 0\n  podFailurePolicy:\n    rules:\n    - action: Count\n      onExitCodes: {operator: In, values: [1]}\n    - action: Ignore\n      onExitCodes: {operator: NotIn, values: [0]}\n",
            before: started_at_0,
            pods: vec![pod("a").failed(3)],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 0, failed 1, terminating 0, started +0s
                condition FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit
                condition Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit
                pods: unfinalize a
                event Warning BackoffLimitExceeded: Job has reached the specified backoff limit
            "#]],
            ..Case::default()
        },
        // --- successPolicy --------------------------------------------------------------
        Case {
            // success_policy.go: the leader's index meets the rule; the rest are deleted and
            // not counted as failed; Complete waits for them to terminate.
            name: "successPolicy: succeededIndexes met while other indexes run",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0\"\n",
            before: started_at_0,
            pods: vec![
                pod("s0").index("0").succeeded(3),
                pod("r1").index("1").running(),
                pod("r2").index("2").running(),
            ],
            now: 5,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 0, terminating 2, completedIndexes "0", started +0s
                condition SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0
                pods: unfinalize s0, unfinalize r1, delete r1, unfinalize r2, delete r2
            "#]],
            ..Case::default()
        },
        Case {
            // The interim condition, once recorded, decides; a pod deleted for it (its
            // finalizer already removed) is still terminating, so Complete waits.
            name: "successPolicy: Complete waits while a deleted pod terminates",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0\"\n",
            before: success_criteria_met,
            pods: vec![pod("r1").index("1").deleting(5).no_finalizer()],
            now: 9,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 0, terminating 1, completedIndexes "0", started +0s
                condition SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0
            "#]],
            ..Case::default()
        },
        Case {
            name: "successPolicy: Complete once the deleted pods are gone",
            spec: "  parallelism: 3\n  completions: 3\n  completionMode: Indexed\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0\"\n",
            before: success_criteria_met,
            now: 12,
            want: expect![[r#"
                active 0, ready 0, succeeded 1, failed 0, terminating 0, completedIndexes "0", started +0s, completed +12s
                condition SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0
                condition Complete=True SuccessPolicy: Matched rules at index 0
                event Normal Completed: Job completed
            "#]],
            ..Case::default()
        },
        // --- finalizers of a finished or deleted Job -------------------------------------
        Case {
            name: "a finished Job only removes the finalizers its pods still carry",
            spec: "",
            before: |j| {
                started_at_0(j);
                j.status.succeeded = 1;
                let mut c = cond("Complete", "True", at(5));
                c.reason = "CompletionsReached".into();
                j.status.conditions.push(c);
            },
            pods: vec![pod("a").succeeded(4), pod("b").succeeded(4).no_finalizer()],
            now: 9,
            want: expect![[r#"
                active 0, ready -, succeeded 1, failed 0, terminating -, started +0s
                condition Complete=True CompletionsReached: 
                pods: unfinalize a
            "#]],
            ..Case::default()
        },
        Case {
            name: "suspending a deleted job",
            spec: "  parallelism: 2\n  completions: 4\n  suspend: true\n",
            before: |j| {
                started_at_0(j);
                j.status.active = 2;
                j.metadata.deletion_timestamp = Some(Time(at(3)));
            },
            pods: vec![pod("a").running(), pod("b").running()],
            now: 5,
            want: expect![[r#"
                active 2, ready 0, succeeded 0, failed 0, terminating 0, started +0s
                pods: unfinalize a, unfinalize b
            "#]],
            ..Case::default()
        },
    ]
}

#[test]
fn sync_job_table() {
    let cases = cases();
    let mut names = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for case in cases {
        assert!(names.insert(case.name), "two cases named {:?}", case.name);
        let mut j = job(case.spec);
        (case.before)(&mut j);
        let pods: Vec<Pod> = case.pods.into_iter().map(|p| p.0).collect();
        let refs: Vec<&Pod> = pods.iter().collect();
        let out = sync_job(&SyncInput {
            job: &j,
            pods: &refs,
            backoff: case.backoff,
            index_failures: &case.index_failures,
            now: at(case.now),
        });
        let text = render(&out);
        // Every case is checked before the test fails, so one run shows every mismatch.
        let want = case.want;
        if std::panic::catch_unwind(move || want.assert_eq(&text)).is_err() {
            failed.push(case.name);
        }
    }
    assert!(failed.is_empty(), "cases that differ: {failed:#?}");
}

#[test]
fn a_pods_finish_time_is_read_in_whole_seconds_as_the_api_stores_it() {
    // A CronJob's Jobs run 100 ms past the minute, so their pods finish between seconds;
    // Kubernetes' controller reads finishedAt after the API server cut it to the second.
    let mut p = pod("a").failed(67).0;
    if let Some(t) = p.status.container_statuses[0]
        .state
        .terminated
        .as_mut()
        .and_then(|t| t.finished_at.as_mut())
    {
        t.0 = t.0 + SimDuration::from_millis(100);
    }
    assert_eq!(finish_time(&p), at(67));
}
