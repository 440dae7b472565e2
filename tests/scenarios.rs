//! Scenario tests: YAML in, a text view of the run (the timeline with the decisions that
//! explain it, and what the test needs to see at the end) out, compared as readable
//! snapshots. One `check` serves them all (style.md, "Test through one `check` per surface").
//! Update snapshots with `UPDATE_EXPECT=1 cargo test --test scenarios`, then read the diff.

use expect_test::{expect, Expect};
use jobplay::api::{Job, Pod};
use jobplay::sim::Engine;
use jobplay::time::{SimDuration, SimTime};
use jobplay::view_model::record::{run_text, Overrides};
use jobplay::view_model::{kubectl, timeline};

/// What a snapshot shows of a run.
enum View<'a> {
    /// The timeline with its decisions, then `kubectl get` at the end.
    Timeline,
    /// The timeline and `kubectl get`, then every Job's status in full (removed Jobs too) and
    /// each remaining pod's index, hostname, index failure count and logs.
    Status,
    /// `kubectl describe` of the n-th pod (in creation order), then `get -o wide`, at the end.
    Pod(usize),
    /// The Job's `status.ready` and its containers' readiness at each offset in seconds.
    Readiness(&'a [u64]),
    /// Each pod's phase, log (as `kubectl logs` prints it) and jobplay's notes at the end, in
    /// creation order.
    Logs,
    /// What a cluster prints of the run at its end, for a guide's manifest: [`View::Logs`],
    /// then `kubectl get` and `kubectl describe` of every Job and CronJob.
    Printed,
}

/// Runs `yaml` and compares `view` of it with `expected`. Every scenario also runs twice
/// and must give byte-identical records (same text, same seed).
fn check(yaml: &str, view: View<'_>, expected: Expect) {
    let run = run_text(yaml, Overrides::default());
    assert!(
        !run.loaded.has_errors(),
        "scenario has errors: {:#?}",
        run.loaded.diagnostics
    );
    assert!(
        run.record_json() == run_text(yaml, Overrides::default()).record_json(),
        "the same text and seed must give the same record"
    );
    let engine = &run.engine;
    let text = match view {
        View::Timeline => format!(
            "{}---\n{}",
            timeline::render(engine, true),
            kubectl::get_all(engine)
        ),
        View::Status => format!(
            "{}---\n{}---\n{}",
            timeline::render(engine, true),
            kubectl::get_all(engine),
            status(engine)
        ),
        View::Pod(n) => {
            let pods = by_creation(engine);
            format!(
                "{}---\n{}",
                kubectl::describe_pod(engine, pods[n]),
                kubectl::get_all_columns(engine, kubectl::Columns::Wide)
            )
        }
        View::Readiness(offsets) => readiness(yaml, offsets),
        View::Logs => logs(engine),
        // describe indents a multi-line command's empty line too; a snapshot cannot keep
        // trailing spaces, so each line is compared without them.
        View::Printed => format!(
            "{}---\n{}---\n{}",
            logs(engine),
            kubectl::get_all(engine),
            kubectl::describe_all(engine)
        )
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect(),
    };
    expected.assert_eq(&text);
}

/// Each pod's phase, log lines and notes, in creation order.
fn logs(engine: &Engine) -> String {
    by_creation(engine)
        .iter()
        .map(|p| {
            let log = log_lines(engine, p.name());
            let mut text = format!("{} {}: {log:?}\n", p.name(), p.status.phase);
            for note in engine.notes(p.name()) {
                text.push_str(&format!("  note: {note}\n"));
            }
            text
        })
        .collect()
}

/// What `kubectl logs POD` prints on standard output, by line.
fn log_lines(engine: &Engine, pod: &str) -> Vec<String> {
    let printed = kubectl::logs(engine, pod, None, false);
    printed.out.lines().map(str::to_string).collect()
}

/// The pods, in creation order (names break ties).
fn by_creation(engine: &Engine) -> Vec<&Pod> {
    let mut pods: Vec<&Pod> = engine.pods().collect();
    pods.sort_by(|a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
            .then(a.metadata.name.cmp(&b.metadata.name))
    });
    pods
}

/// Every Job's status (live, then removed) and the remaining pods' identities.
fn status(engine: &Engine) -> String {
    let start = engine.scenario().start;
    let at =
        |t: Option<SimTime>| t.map_or("-".to_string(), |t| format!("+{}", (t - start).human()));
    let mut out = String::new();
    let jobs = engine.jobs().chain(engine.removed_jobs().iter());
    for job in jobs {
        let s = &job.status;
        out.push_str(&format!(
            "job/{}: active {}, succeeded {}, failed {}, completedIndexes {}, failedIndexes {}, started {}, completed {}, deleted {}\n",
            job.metadata.name,
            s.active,
            s.succeeded,
            s.failed,
            s.completed_indexes.as_deref().unwrap_or("-"),
            s.failed_indexes.as_deref().unwrap_or("-"),
            at(s.start_time.map(|t| t.0)),
            at(s.completion_time.map(|t| t.0)),
            at(job.metadata.deletion_timestamp.map(|t| t.0)),
        ));
        for c in &s.conditions {
            out.push_str(&format!(
                "  {}={} at {}: {}: {}\n",
                c.type_,
                c.status,
                at(c.last_transition_time.map(|t| t.0)),
                c.reason,
                c.message
            ));
        }
    }
    for pod in engine.pods() {
        let annotation = |key: &str| {
            pod.metadata
                .annotations
                .get(key)
                .map_or("-".to_string(), |v| v.to_string())
        };
        out.push_str(&format!(
            "pod/{}: index {} (label {}), hostname {}, index failures {}, logs {:?}\n",
            pod.metadata.name,
            annotation("batch.kubernetes.io/job-completion-index"),
            pod.metadata
                .labels
                .get("batch.kubernetes.io/job-completion-index")
                .map_or("-", |v| v.as_str()),
            if pod.spec.hostname.is_empty() {
                "-"
            } else {
                pod.spec.hostname.as_str()
            },
            annotation("batch.kubernetes.io/job-index-failure-count"),
            log_lines(engine, pod.name())
        ));
    }
    out
}

/// The Job's `status.ready` and its pods' containers' readiness at each offset.
fn readiness(yaml: &str, offsets: &[u64]) -> String {
    let loaded = jobplay::scenario::load(yaml);
    let mut engine = Engine::new(loaded.scenario.clone());
    let mut text = String::new();
    for secs in offsets {
        engine.handle_timeout(loaded.scenario.start + SimDuration::from_secs(*secs as i64));
        let job: &Job = engine.jobs().next().expect("a Job");
        let containers: Vec<String> = engine
            .pods()
            .flat_map(|p| &p.status.container_statuses)
            .map(|c| format!("{}{}", c.name, if c.ready { "+" } else { "-" }))
            .collect();
        text.push_str(&format!(
            "+{secs}s  active {}  ready {}  containers {}\n",
            job.status.active,
            job.status.ready.unwrap_or(0),
            containers.join(" ")
        ));
    }
    text
}

fn job(name: &str, spec_extra: &str, container: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n{spec_extra}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n{container}"
    )
}

#[test]
fn one_shot_job_runs_one_pod_to_completion() {
    check(
        &job(
            "hello",
            "",
            "        command: [sh, -c, 'echo hello; sleep 5']\n",
        ),
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/hello: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/hello                     SuccessfulCreate   Created pod: hello-d2v22
                  +0s  Normal   Pod/hello-d2v22               Scheduled          Successfully assigned default/hello-d2v22 to node-3
                  +0s  Normal   Pod/hello-d2v22               Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/hello-d2v22               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/hello-d2v22               Created            Created container: main
                  +2s  Normal   Pod/hello-d2v22               Started            Started container main
                  +8s  why  Job/hello: Job succeeds: 1 succeeded pods reach spec.completions 1
                  +8s  Normal   Job/hello                     Completed          Job completed
            ---
            NAME              STATUS     COMPLETIONS   DURATION   AGE
            job.batch/hello   Complete   1/1           8s         9s

            NAME              READY   STATUS      RESTARTS   AGE
            pod/hello-d2v22   0/1     Completed   0          9s
        "#]],
    );
}

#[test]
fn failing_pods_are_replaced_after_doubling_back_off_until_the_backoff_limit() {
    check(
        &job(
            "fail",
            "  backoffLimit: 2\n",
            "        command: [sh, -c, 'sleep 1; exit 3']\n",
        ),
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/fail: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/fail                      SuccessfulCreate   Created pod: fail-d2v22
                  +0s  Normal   Pod/fail-d2v22                Scheduled          Successfully assigned default/fail-d2v22 to node-3
                  +0s  Normal   Pod/fail-d2v22                Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/fail-d2v22                Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/fail-d2v22                Created            Created container: main
                  +2s  Normal   Pod/fail-d2v22                Started            Started container main
                  +3s  why  Job/fail: Pod fail-d2v22 failed with exit code 3: failure 1 of the 2 that spec.backoffLimit tolerates
                  +3s  why  Job/fail: No new pod yet: back-off 10s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                  +4s  why  Job/fail: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +13s  why  Job/fail: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                 +13s  Normal   Job/fail                      SuccessfulCreate   Created pod: fail-smkfj
                 +13s  Normal   Pod/fail-smkfj                Scheduled          Successfully assigned default/fail-smkfj to node-2
                 +13s  Normal   Pod/fail-smkfj                Pulling            Pulling image "busybox:1.36"
                 +15s  Normal   Pod/fail-smkfj                Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +15s  Normal   Pod/fail-smkfj                Created            Created container: main
                 +15s  Normal   Pod/fail-smkfj                Started            Started container main
                 +16s  why  Job/fail: Pod fail-smkfj failed with exit code 3: failure 2 of the 2 that spec.backoffLimit tolerates
                 +16s  why  Job/fail: No new pod yet: back-off 20s remaining after 2 consecutive failure(s) (delay 20s = min(10s × 2^1, 10m) from the last failure)
                 +17s  why  Job/fail: No new pod yet: back-off 19s remaining after 2 consecutive failure(s) (delay 20s = min(10s × 2^1, 10m) from the last failure)
                 +36s  why  Job/fail: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                 +36s  Normal   Job/fail                      SuccessfulCreate   Created pod: fail-4vsvv
                 +36s  Normal   Pod/fail-4vsvv                Scheduled          Successfully assigned default/fail-4vsvv to node-2
                 +36s  Normal   Pod/fail-4vsvv                Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +36s  Normal   Pod/fail-4vsvv                Created            Created container: main
                 +36s  Normal   Pod/fail-4vsvv                Started            Started container main
                 +38s  why  Job/fail: Pod fail-4vsvv failed with exit code 3: failure 3 of the 2 that spec.backoffLimit tolerates
                 +38s  why  Job/fail: Job fails: 3 failed pods exceed spec.backoffLimit 2
                 +38s  Warning  Job/fail                      BackoffLimitExceeded Job has reached the specified backoff limit
            ---
            NAME             STATUS   COMPLETIONS   DURATION   AGE
            job.batch/fail   Failed   0/1           39s        39s

            NAME             READY   STATUS   RESTARTS   AGE
            pod/fail-4vsvv   0/1     Error    0          3s
            pod/fail-d2v22   0/1     Error    0          39s
            pod/fail-smkfj   0/1     Error    0          26s
        "#]],
    );
}

#[test]
fn pod_failure_policy_fail_job_on_exit_42_fails_at_the_first_failure() {
    // FailureTarget and Failed both carry reason PodFailurePolicy and the rule's message; one
    // failed pod, no retry, failed within about 30s.
    let spec = "  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: main\n        operator: In\n        values: [42]\n";
    check(
        &job(
            "pfp",
            spec,
            "        command: [sh, -c, 'sleep 2; exit 42']\n",
        ),
        View::Status,
        expect![[r#"
                  +0s  why  Job/pfp: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/pfp                       SuccessfulCreate   Created pod: pfp-d2v22
                  +0s  Normal   Pod/pfp-d2v22                 Scheduled          Successfully assigned default/pfp-d2v22 to node-3
                  +0s  Normal   Pod/pfp-d2v22                 Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/pfp-d2v22                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/pfp-d2v22                 Created            Created container: main
                  +2s  Normal   Pod/pfp-d2v22                 Started            Started container main
                  +4s  why  Job/pfp: Pod pfp-d2v22 matched the FailJob rule at index 0: the Job fails without further retries
                  +4s  Warning  Job/pfp                       PodFailurePolicy   Container main for pod default/pfp-d2v22 failed with exit code 42 matching FailJob rule at index 0
            ---
            NAME            STATUS   COMPLETIONS   DURATION   AGE
            job.batch/pfp   Failed   0/1           5s         5s

            NAME            READY   STATUS   RESTARTS   AGE
            pod/pfp-d2v22   0/1     Error    0          5s
            ---
            job/pfp: active 0, succeeded 0, failed 1, completedIndexes -, failedIndexes -, started +0s, completed -, deleted -
              FailureTarget=True at +4s: PodFailurePolicy: Container main for pod default/pfp-d2v22 failed with exit code 42 matching FailJob rule at index 0
              Failed=True at +4s: PodFailurePolicy: Container main for pod default/pfp-d2v22 failed with exit code 42 matching FailJob rule at index 0
            pod/pfp-d2v22: index - (label -), hostname -, index failures -, logs []
        "#]],
    );
}

#[test]
fn indexed_job_gives_each_index_its_pod_name_hostname_and_env() {
    // Pod idx-<i>-..., hostname idx-<i>, the index annotation and label, and
    // JOB_COMPLETION_INDEX in its environment (its log line).
    let spec = "  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n";
    check(
        &job(
            "idx",
            spec,
            "        command: [sh, -c, 'echo \"index $JOB_COMPLETION_INDEX\"; sleep 3']\n",
        ),
        View::Status,
        expect![[r#"
                  +0s  why  Job/idx: Created 3 pod(s) for index(es) 0, 1, 2: want 3 active = min(spec.parallelism 3, spec.completions 3 − succeeded 0), had 0
                  +0s  Normal   Job/idx                       SuccessfulCreate   Created pod: idx-0-d2v22
                  +0s  Normal   Job/idx                       SuccessfulCreate   Created pod: idx-1-zsmkf
                  +0s  Normal   Job/idx                       SuccessfulCreate   Created pod: idx-2-jw4vs
                  +0s  Normal   Pod/idx-0-d2v22               Scheduled          Successfully assigned default/idx-0-d2v22 to node-2
                  +0s  Normal   Pod/idx-1-zsmkf               Scheduled          Successfully assigned default/idx-1-zsmkf to node-3
                  +0s  Normal   Pod/idx-2-jw4vs               Scheduled          Successfully assigned default/idx-2-jw4vs to node-1
                  +0s  Normal   Pod/idx-0-d2v22               Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/idx-1-zsmkf               Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/idx-2-jw4vs               Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/idx-0-d2v22               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/idx-0-d2v22               Created            Created container: main
                  +2s  Normal   Pod/idx-0-d2v22               Started            Started container main
                  +2s  Normal   Pod/idx-1-zsmkf               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/idx-1-zsmkf               Created            Created container: main
                  +2s  Normal   Pod/idx-1-zsmkf               Started            Started container main
                  +2s  Normal   Pod/idx-2-jw4vs               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/idx-2-jw4vs               Created            Created container: main
                  +2s  Normal   Pod/idx-2-jw4vs               Started            Started container main
                  +6s  why  Job/idx: Job succeeds: 3 succeeded indexes reach spec.completions 3
                  +6s  Normal   Job/idx                       Completed          Job completed
            ---
            NAME            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/idx   Complete   3/3           6s         7s

            NAME              READY   STATUS      RESTARTS   AGE
            pod/idx-0-d2v22   0/1     Completed   0          7s
            pod/idx-1-zsmkf   0/1     Completed   0          7s
            pod/idx-2-jw4vs   0/1     Completed   0          7s
            ---
            job/idx: active 0, succeeded 3, failed 0, completedIndexes 0-2, failedIndexes -, started +0s, completed +6s, deleted -
              SuccessCriteriaMet=True at +6s: CompletionsReached: Reached expected number of succeeded pods
              Complete=True at +6s: CompletionsReached: Reached expected number of succeeded pods
            pod/idx-0-d2v22: index 0 (label 0), hostname idx-0, index failures -, logs ["index 0"]
            pod/idx-1-zsmkf: index 1 (label 1), hostname idx-1, index failures -, logs ["index 1"]
            pod/idx-2-jw4vs: index 2 (label 2), hostname idx-2, index failures -, logs ["index 2"]
        "#]],
    );
}

#[test]
fn parallel_fixed_completions_keeps_at_most_parallelism_pods_running() {
    check(
        &job(
            "par",
            "  completions: 5\n  parallelism: 2\n",
            "        command: [sh, -c, 'sleep 10']\n",
        ),
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/par: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 5 − succeeded 0), had 0
                  +0s  Normal   Job/par                       SuccessfulCreate   Created pod: par-d2v22
                  +0s  Normal   Job/par                       SuccessfulCreate   Created pod: par-zsmkf
                  +0s  Normal   Pod/par-d2v22                 Scheduled          Successfully assigned default/par-d2v22 to node-1
                  +0s  Normal   Pod/par-zsmkf                 Scheduled          Successfully assigned default/par-zsmkf to node-3
                  +0s  Normal   Pod/par-d2v22                 Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/par-zsmkf                 Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/par-d2v22                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/par-d2v22                 Created            Created container: main
                  +2s  Normal   Pod/par-d2v22                 Started            Started container main
                  +2s  Normal   Pod/par-zsmkf                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/par-zsmkf                 Created            Created container: main
                  +2s  Normal   Pod/par-zsmkf                 Started            Started container main
                 +13s  why  Job/par: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 5 − succeeded 2), had 0
                 +13s  Normal   Job/par                       SuccessfulCreate   Created pod: par-4vsvv
                 +13s  Normal   Job/par                       SuccessfulCreate   Created pod: par-m7hfz
                 +13s  Normal   Pod/par-4vsvv                 Scheduled          Successfully assigned default/par-4vsvv to node-3
                 +13s  Normal   Pod/par-m7hfz                 Scheduled          Successfully assigned default/par-m7hfz to node-1
                 +13s  Normal   Pod/par-4vsvv                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +13s  Normal   Pod/par-4vsvv                 Created            Created container: main
                 +13s  Normal   Pod/par-4vsvv                 Started            Started container main
                 +13s  Normal   Pod/par-m7hfz                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +13s  Normal   Pod/par-m7hfz                 Created            Created container: main
                 +13s  Normal   Pod/par-m7hfz                 Started            Started container main
                 +24s  why  Job/par: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 5 − succeeded 4), had 0
                 +24s  Normal   Job/par                       SuccessfulCreate   Created pod: par-pcnvk
                 +24s  Normal   Pod/par-pcnvk                 Scheduled          Successfully assigned default/par-pcnvk to node-2
                 +24s  Normal   Pod/par-pcnvk                 Pulling            Pulling image "busybox:1.36"
                 +26s  Normal   Pod/par-pcnvk                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +26s  Normal   Pod/par-pcnvk                 Created            Created container: main
                 +26s  Normal   Pod/par-pcnvk                 Started            Started container main
                 +37s  why  Job/par: Job succeeds: 5 succeeded pods reach spec.completions 5
                 +37s  Normal   Job/par                       Completed          Job completed
            ---
            NAME            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/par   Complete   5/5           37s        38s

            NAME            READY   STATUS      RESTARTS   AGE
            pod/par-4vsvv   0/1     Completed   0          25s
            pod/par-d2v22   0/1     Completed   0          38s
            pod/par-m7hfz   0/1     Completed   0          25s
            pod/par-pcnvk   0/1     Completed   0          14s
            pod/par-zsmkf   0/1     Completed   0          38s
        "#]],
    );
}

#[test]
fn on_failure_restarts_in_place_with_crash_loop_back_off_and_counts_restarts() {
    let yaml = job(
        "crash",
        "  backoffLimit: 3\n",
        "        command: [sh, -c, 'sleep 1; exit 1']\n",
    )
    .replace("restartPolicy: Never", "restartPolicy: OnFailure");
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/crash: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/crash                     SuccessfulCreate   Created pod: crash-d2v22
                  +0s  Normal   Pod/crash-d2v22               Scheduled          Successfully assigned default/crash-d2v22 to node-3
                  +0s  Normal   Pod/crash-d2v22               Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/crash-d2v22               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/crash-d2v22               Created            Created container: main
                  +2s  Normal   Pod/crash-d2v22               Started            Started container main
                  +3s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                  +3s  Normal   Pod/crash-d2v22               Created            Created container: main
                  +3s  Normal   Pod/crash-d2v22               Started            Started container main
                  +4s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
                 +14s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +14s  Normal   Pod/crash-d2v22               Created            Created container: main
                 +14s  Normal   Pod/crash-d2v22               Started            Started container main
                 +15s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
                 +35s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +35s  Normal   Pod/crash-d2v22               Created            Created container: main
                 +35s  Normal   Pod/crash-d2v22               Started            Started container main
                 +36s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
                 +36s  why  Job/crash: Job fails: 3 container restarts reach spec.backoffLimit 3 (restartPolicy OnFailure counts restarts)
                 +36s  why  Job/crash: Deleted 1 active pod(s) because the Job is finishing (BackoffLimitExceeded); they count as failed
                 +36s  Normal   Job/crash                     SuccessfulDelete   Deleted pod: crash-d2v22
                 +38s  Warning  Job/crash                     BackoffLimitExceeded Job has reached the specified backoff limit
            ---
            NAME              STATUS   COMPLETIONS   DURATION   AGE
            job.batch/crash   Failed   0/1           39s        39s
        "#]],
    );
}

#[test]
fn suspend_deletes_active_pods_without_counting_them_and_resume_starts_again() {
    let yaml = format!(
        "{}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {{at: 5s, action: suspend, target: job/sus}}\n  - {{at: 20s, action: resume, target: job/sus}}\n",
        job("sus", "", "        command: [sh, -c, 'sleep 10']\n")
    );
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
              +0s  why  Job/sus: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
              +0s  Normal   Job/sus                       SuccessfulCreate   Created pod: sus-d2v22
              +0s  Normal   Pod/sus-d2v22                 Scheduled          Successfully assigned default/sus-d2v22 to node-3
              +0s  Normal   Pod/sus-d2v22                 Pulling            Pulling image "busybox:1.36"
              +2s  Normal   Pod/sus-d2v22                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
              +2s  Normal   Pod/sus-d2v22                 Created            Created container: main
              +2s  Normal   Pod/sus-d2v22                 Started            Started container main
              +5s  why  Job/sus: Scripted action: suspend job/sus
              +5s  why  Job/sus: Deleted 1 pod(s): the Job is suspended (spec.suspend: true); deleted pods do not count as failed
              +5s  Normal   Job/sus                       SuccessfulDelete   Deleted pod: sus-d2v22
              +5s  Normal   Pod/sus-d2v22                 Killing            Stopping container main
              +5s  Normal   Job/sus                       Suspended          Job suspended
             +20s  why  Job/sus: Scripted action: resume job/sus
             +20s  why  Job/sus: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
             +20s  Normal   Job/sus                       SuccessfulCreate   Created pod: sus-smkfj
             +20s  Normal   Job/sus                       Resumed            Job resumed
             +20s  Normal   Pod/sus-smkfj                 Scheduled          Successfully assigned default/sus-smkfj to node-2
             +20s  Normal   Pod/sus-smkfj                 Pulling            Pulling image "busybox:1.36"
             +22s  Normal   Pod/sus-smkfj                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
             +22s  Normal   Pod/sus-smkfj                 Created            Created container: main
             +22s  Normal   Pod/sus-smkfj                 Started            Started container main
             +33s  why  Job/sus: Job succeeds: 1 succeeded pods reach spec.completions 1
             +33s  Normal   Job/sus                       Completed          Job completed
        ---
        NAME            STATUS     COMPLETIONS   DURATION   AGE
        job.batch/sus   Complete   1/1           13s        34s

        NAME            READY   STATUS      RESTARTS   AGE
        pod/sus-smkfj   0/1     Completed   0          14s
    "#]],
    );
}

/// A pod deleted while its container waits in CrashLoopBackOff, then failed by hand during
/// its grace period, is not started again: the kubelet starts nothing in a pod being deleted
/// (found by the conformance check's generated scenarios, where it restarted every back-off).
#[test]
fn a_crash_looping_pod_deleted_in_its_back_off_is_not_restarted() {
    let yaml = format!(
        "{}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  timing: {{terminate: 3s}}\n  actions:\n  - {{at: 5s, action: suspend, target: job/loop}}\n  - {{at: 6s, action: failPod, target: 'job/loop@1', exitCode: 1}}\n",
        job("loop", "  backoffLimit: 6\n", "        command: [sh, -c, 'sleep 1; exit 1']\n")
            .replace("restartPolicy: Never", "restartPolicy: OnFailure")
    );
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
              +0s  why  Job/loop: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
              +0s  Normal   Job/loop                      SuccessfulCreate   Created pod: loop-d2v22
              +0s  Normal   Pod/loop-d2v22                Scheduled          Successfully assigned default/loop-d2v22 to node-3
              +0s  Normal   Pod/loop-d2v22                Pulling            Pulling image "busybox:1.36"
              +2s  Normal   Pod/loop-d2v22                Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
              +2s  Normal   Pod/loop-d2v22                Created            Created container: main
              +2s  Normal   Pod/loop-d2v22                Started            Started container main
              +3s  Normal   Pod/loop-d2v22                Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
              +3s  Normal   Pod/loop-d2v22                Created            Created container: main
              +3s  Normal   Pod/loop-d2v22                Started            Started container main
              +4s  Warning  Pod/loop-d2v22                BackOff            Back-off restarting failed container main in pod loop-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
              +5s  why  Job/loop: Scripted action: suspend job/loop
              +5s  why  Job/loop: Deleted 1 pod(s): the Job is suspended (spec.suspend: true); deleted pods do not count as failed
              +5s  Normal   Job/loop                      SuccessfulDelete   Deleted pod: loop-d2v22
              +5s  Normal   Job/loop                      Suspended          Job suspended
              +6s  why  Job/loop: Scripted action: failPod job/loop@1
        ---
        NAME             STATUS      COMPLETIONS   DURATION   AGE
        job.batch/loop   Suspended   0/1                      7s
    "#]],
    );
}

#[test]
fn evicted_pod_counts_as_failed_and_is_replaced_after_the_back_off() {
    let yaml = format!(
        "{}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {{at: 5s, action: evictPod, target: 'job/ev@1'}}\n",
        job("ev", "", "        command: [sh, -c, 'sleep 20']\n")
    );
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
              +0s  why  Job/ev: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
              +0s  Normal   Job/ev                        SuccessfulCreate   Created pod: ev-d2v22
              +0s  Normal   Pod/ev-d2v22                  Scheduled          Successfully assigned default/ev-d2v22 to node-3
              +0s  Normal   Pod/ev-d2v22                  Pulling            Pulling image "busybox:1.36"
              +2s  Normal   Pod/ev-d2v22                  Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
              +2s  Normal   Pod/ev-d2v22                  Created            Created container: main
              +2s  Normal   Pod/ev-d2v22                  Started            Started container main
              +5s  why  Job/ev: Scripted action: evictPod job/ev@1
              +5s  Normal   Pod/ev-d2v22                  Killing            Stopping container main
              +6s  why  Job/ev: Pod ev-d2v22 failed (deleted): failure 1 of the 6 that spec.backoffLimit tolerates
              +6s  why  Job/ev: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
              +7s  why  Job/ev: No new pod yet: back-off 8s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
              +8s  why  Job/ev: No new pod yet: back-off 7s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
             +15s  why  Job/ev: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
             +15s  Normal   Job/ev                        SuccessfulCreate   Created pod: ev-smkfj
             +15s  Normal   Pod/ev-smkfj                  Scheduled          Successfully assigned default/ev-smkfj to node-2
             +15s  Normal   Pod/ev-smkfj                  Pulling            Pulling image "busybox:1.36"
             +17s  Normal   Pod/ev-smkfj                  Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
             +17s  Normal   Pod/ev-smkfj                  Created            Created container: main
             +17s  Normal   Pod/ev-smkfj                  Started            Started container main
             +38s  why  Job/ev: Job succeeds: 1 succeeded pods reach spec.completions 1
             +38s  Normal   Job/ev                        Completed          Job completed
        ---
        NAME           STATUS     COMPLETIONS   DURATION   AGE
        job.batch/ev   Complete   1/1           38s        39s

        NAME           READY   STATUS      RESTARTS   AGE
        pod/ev-smkfj   0/1     Completed   0          24s
    "#]],
    );
}

#[test]
fn the_seed_decides_the_pod_names_and_the_same_seed_the_same_record() {
    // `check` runs every scenario twice and compares the records; here the same Job with
    // another seed gets other pod names.
    let yaml = job(
        "det",
        "  completions: 4\n  parallelism: 2\n",
        "        command: [sh, -c, 'sleep 3; exit $((RANDOM % 2))']\n",
    );
    let seeded =
        format!("{yaml}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 99\n");
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 0), had 0
                  +0s  Normal   Job/det                       SuccessfulCreate   Created pod: det-d2v22
                  +0s  Normal   Job/det                       SuccessfulCreate   Created pod: det-zsmkf
                  +0s  Normal   Pod/det-d2v22                 Scheduled          Successfully assigned default/det-d2v22 to node-1
                  +0s  Normal   Pod/det-zsmkf                 Scheduled          Successfully assigned default/det-zsmkf to node-3
                  +0s  Normal   Pod/det-d2v22                 Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/det-zsmkf                 Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/det-d2v22                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/det-d2v22                 Created            Created container: main
                  +2s  Normal   Pod/det-d2v22                 Started            Started container main
                  +2s  Normal   Pod/det-zsmkf                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/det-zsmkf                 Created            Created container: main
                  +2s  Normal   Pod/det-zsmkf                 Started            Started container main
                  +6s  why  Job/det: Pod det-zsmkf failed with exit code 1: failure 1 of the 6 that spec.backoffLimit tolerates
                  +6s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 1), had 0
                  +6s  Normal   Job/det                       SuccessfulCreate   Created pod: det-svvm7
                  +6s  Normal   Job/det                       SuccessfulCreate   Created pod: det-hfz6j
                  +6s  Normal   Pod/det-hfz6j                 Scheduled          Successfully assigned default/det-hfz6j to node-2
                  +6s  Normal   Pod/det-svvm7                 Scheduled          Successfully assigned default/det-svvm7 to node-1
                  +6s  Normal   Pod/det-hfz6j                 Pulling            Pulling image "busybox:1.36"
                  +6s  Normal   Pod/det-svvm7                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                  +6s  Normal   Pod/det-svvm7                 Created            Created container: main
                  +6s  Normal   Pod/det-svvm7                 Started            Started container main
                  +8s  Normal   Pod/det-hfz6j                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +8s  Normal   Pod/det-hfz6j                 Created            Created container: main
                  +8s  Normal   Pod/det-hfz6j                 Started            Started container main
                  +9s  why  Job/det: Pod det-svvm7 failed with exit code 1: failure 2 of the 6 that spec.backoffLimit tolerates
                  +9s  why  Job/det: No new pod yet: back-off 10s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +10s  why  Job/det: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +12s  why  Job/det: Pod det-hfz6j failed with exit code 1: failure 3 of the 6 that spec.backoffLimit tolerates
                 +12s  why  Job/det: No new pod yet: back-off 19s remaining after 2 consecutive failure(s) (delay 20s = min(10s × 2^1, 10m) from the last failure)
                 +13s  why  Job/det: No new pod yet: back-off 18s remaining after 2 consecutive failure(s) (delay 20s = min(10s × 2^1, 10m) from the last failure)
                 +31s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 1), had 0
                 +31s  Normal   Job/det                       SuccessfulCreate   Created pod: det-kwgkn
                 +31s  Normal   Job/det                       SuccessfulCreate   Created pod: det-lmk2r
                 +31s  Normal   Pod/det-kwgkn                 Scheduled          Successfully assigned default/det-kwgkn to node-1
                 +31s  Normal   Pod/det-lmk2r                 Scheduled          Successfully assigned default/det-lmk2r to node-2
                 +31s  Normal   Pod/det-kwgkn                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +31s  Normal   Pod/det-kwgkn                 Created            Created container: main
                 +31s  Normal   Pod/det-kwgkn                 Started            Started container main
                 +31s  Normal   Pod/det-lmk2r                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +31s  Normal   Pod/det-lmk2r                 Created            Created container: main
                 +31s  Normal   Pod/det-lmk2r                 Started            Started container main
                 +35s  why  Job/det: Pod det-kwgkn failed with exit code 1: failure 4 of the 6 that spec.backoffLimit tolerates
                 +35s  why  Job/det: Pod det-lmk2r failed with exit code 1: failure 5 of the 6 that spec.backoffLimit tolerates
                 +35s  why  Job/det: No new pod yet: back-off 1m19s remaining after 4 consecutive failure(s) (delay 1m20s = min(10s × 2^3, 10m) from the last failure)
                 +36s  why  Job/det: No new pod yet: back-off 1m18s remaining after 4 consecutive failure(s) (delay 1m20s = min(10s × 2^3, 10m) from the last failure)
               +1m54s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 1), had 0
               +1m54s  Normal   Job/det                       SuccessfulCreate   Created pod: det-8clcw
               +1m54s  Normal   Job/det                       SuccessfulCreate   Created pod: det-ksfsw
               +1m54s  Normal   Pod/det-8clcw                 Scheduled          Successfully assigned default/det-8clcw to node-1
               +1m54s  Normal   Pod/det-ksfsw                 Scheduled          Successfully assigned default/det-ksfsw to node-2
               +1m54s  Normal   Pod/det-8clcw                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
               +1m54s  Normal   Pod/det-8clcw                 Created            Created container: main
               +1m54s  Normal   Pod/det-8clcw                 Started            Started container main
               +1m54s  Normal   Pod/det-ksfsw                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
               +1m54s  Normal   Pod/det-ksfsw                 Created            Created container: main
               +1m54s  Normal   Pod/det-ksfsw                 Started            Started container main
               +1m58s  why  Job/det: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 4 − succeeded 3), had 0
               +1m58s  Normal   Job/det                       SuccessfulCreate   Created pod: det-lnch9
               +1m58s  Normal   Pod/det-lnch9                 Scheduled          Successfully assigned default/det-lnch9 to node-2
               +1m58s  Normal   Pod/det-lnch9                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
               +1m58s  Normal   Pod/det-lnch9                 Created            Created container: main
               +1m58s  Normal   Pod/det-lnch9                 Started            Started container main
                +2m2s  why  Job/det: Pod det-lnch9 failed with exit code 1: failure 6 of the 6 that spec.backoffLimit tolerates
                +2m2s  why  Job/det: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                +2m3s  why  Job/det: No new pod yet: back-off 8s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
               +2m11s  why  Job/det: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 4 − succeeded 3), had 0
               +2m11s  Normal   Job/det                       SuccessfulCreate   Created pod: det-qzvxp
               +2m11s  Normal   Pod/det-qzvxp                 Scheduled          Successfully assigned default/det-qzvxp to node-1
               +2m11s  Normal   Pod/det-qzvxp                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
               +2m11s  Normal   Pod/det-qzvxp                 Created            Created container: main
               +2m11s  Normal   Pod/det-qzvxp                 Started            Started container main
               +2m15s  why  Job/det: Job succeeds: 4 succeeded pods reach spec.completions 4
               +2m15s  Normal   Job/det                       Completed          Job completed
            ---
            NAME            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/det   Complete   4/4           2m15s      2m16s

            NAME            READY   STATUS      RESTARTS   AGE
            pod/det-8clcw   0/1     Completed   0          22s
            pod/det-d2v22   0/1     Completed   0          2m16s
            pod/det-hfz6j   0/1     Error       0          2m10s
            pod/det-ksfsw   0/1     Completed   0          22s
            pod/det-kwgkn   0/1     Error       0          105s
            pod/det-lmk2r   0/1     Error       0          105s
            pod/det-lnch9   0/1     Error       0          18s
            pod/det-qzvxp   0/1     Completed   0          5s
            pod/det-svvm7   0/1     Error       0          2m10s
            pod/det-zsmkf   0/1     Error       0          2m16s
        "#]],
    );
    check(
        &seeded,
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 0), had 0
                  +0s  Normal   Job/det                       SuccessfulCreate   Created pod: det-7cfdj
                  +0s  Normal   Job/det                       SuccessfulCreate   Created pod: det-vntqf
                  +0s  Normal   Pod/det-7cfdj                 Scheduled          Successfully assigned default/det-7cfdj to node-1
                  +0s  Normal   Pod/det-vntqf                 Scheduled          Successfully assigned default/det-vntqf to node-2
                  +0s  Normal   Pod/det-7cfdj                 Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/det-vntqf                 Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/det-7cfdj                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/det-7cfdj                 Created            Created container: main
                  +2s  Normal   Pod/det-7cfdj                 Started            Started container main
                  +2s  Normal   Pod/det-vntqf                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/det-vntqf                 Created            Created container: main
                  +2s  Normal   Pod/det-vntqf                 Started            Started container main
                  +6s  why  Job/det: Pod det-vntqf failed with exit code 1: failure 1 of the 6 that spec.backoffLimit tolerates
                  +6s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 1), had 0
                  +6s  Normal   Job/det                       SuccessfulCreate   Created pod: det-g95f7
                  +6s  Normal   Job/det                       SuccessfulCreate   Created pod: det-2qqmp
                  +6s  Normal   Pod/det-2qqmp                 Scheduled          Successfully assigned default/det-2qqmp to node-3
                  +6s  Normal   Pod/det-g95f7                 Scheduled          Successfully assigned default/det-g95f7 to node-1
                  +6s  Normal   Pod/det-2qqmp                 Pulling            Pulling image "busybox:1.36"
                  +6s  Normal   Pod/det-g95f7                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                  +6s  Normal   Pod/det-g95f7                 Created            Created container: main
                  +6s  Normal   Pod/det-g95f7                 Started            Started container main
                  +8s  Normal   Pod/det-2qqmp                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +8s  Normal   Pod/det-2qqmp                 Created            Created container: main
                  +8s  Normal   Pod/det-2qqmp                 Started            Started container main
                  +9s  why  Job/det: Pod det-g95f7 failed with exit code 1: failure 2 of the 6 that spec.backoffLimit tolerates
                  +9s  why  Job/det: No new pod yet: back-off 10s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +10s  why  Job/det: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +12s  why  Job/det: Created 2 pod(s): want 2 active = min(spec.parallelism 2, spec.completions 4 − succeeded 2), had 0
                 +12s  Normal   Job/det                       SuccessfulCreate   Created pod: det-5d74k
                 +12s  Normal   Job/det                       SuccessfulCreate   Created pod: det-gcg24
                 +12s  Normal   Pod/det-5d74k                 Scheduled          Successfully assigned default/det-5d74k to node-3
                 +12s  Normal   Pod/det-gcg24                 Scheduled          Successfully assigned default/det-gcg24 to node-2
                 +12s  Normal   Pod/det-5d74k                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +12s  Normal   Pod/det-5d74k                 Created            Created container: main
                 +12s  Normal   Pod/det-5d74k                 Started            Started container main
                 +12s  Normal   Pod/det-gcg24                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +12s  Normal   Pod/det-gcg24                 Created            Created container: main
                 +12s  Normal   Pod/det-gcg24                 Started            Started container main
                 +16s  why  Job/det: Pod det-gcg24 failed with exit code 1: failure 3 of the 6 that spec.backoffLimit tolerates
                 +16s  why  Job/det: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 4 − succeeded 3), had 0
                 +16s  Normal   Job/det                       SuccessfulCreate   Created pod: det-pv7wf
                 +16s  Normal   Pod/det-pv7wf                 Scheduled          Successfully assigned default/det-pv7wf to node-1
                 +16s  Normal   Pod/det-pv7wf                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +16s  Normal   Pod/det-pv7wf                 Created            Created container: main
                 +16s  Normal   Pod/det-pv7wf                 Started            Started container main
                 +20s  why  Job/det: Pod det-pv7wf failed with exit code 1: failure 4 of the 6 that spec.backoffLimit tolerates
                 +20s  why  Job/det: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +21s  why  Job/det: No new pod yet: back-off 8s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)
                 +29s  why  Job/det: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 4 − succeeded 3), had 0
                 +29s  Normal   Job/det                       SuccessfulCreate   Created pod: det-lxwgz
                 +29s  Normal   Pod/det-lxwgz                 Scheduled          Successfully assigned default/det-lxwgz to node-3
                 +29s  Normal   Pod/det-lxwgz                 Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +29s  Normal   Pod/det-lxwgz                 Created            Created container: main
                 +29s  Normal   Pod/det-lxwgz                 Started            Started container main
                 +33s  why  Job/det: Job succeeds: 4 succeeded pods reach spec.completions 4
                 +33s  Normal   Job/det                       Completed          Job completed
            ---
            NAME            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/det   Complete   4/4           33s        34s

            NAME            READY   STATUS      RESTARTS   AGE
            pod/det-2qqmp   0/1     Completed   0          28s
            pod/det-5d74k   0/1     Completed   0          22s
            pod/det-7cfdj   0/1     Completed   0          34s
            pod/det-g95f7   0/1     Error       0          28s
            pod/det-gcg24   0/1     Error       0          22s
            pod/det-lxwgz   0/1     Completed   0          5s
            pod/det-pv7wf   0/1     Error       0          18s
            pod/det-vntqf   0/1     Error       0          34s
        "#]],
    );
}

#[test]
fn the_ttl_controller_deletes_a_finished_job_and_its_pods_after_the_ttl() {
    // Deleted 100s (spec.ttlSecondsAfterFinished) after Complete, its pods with it, and the
    // deletion explained.
    check(
        include_str!("../static/examples/pi-with-ttl.yaml"),
        View::Status,
        expect![[r#"
                  +0s  why  Job/pi-with-ttl: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/pi-with-ttl               SuccessfulCreate   Created pod: pi-with-ttl-d2v22
                  +0s  Normal   Pod/pi-with-ttl-d2v22         Scheduled          Successfully assigned default/pi-with-ttl-d2v22 to node-3
                  +0s  Normal   Pod/pi-with-ttl-d2v22         Pulling            Pulling image "perl:5.34.0"
                  +2s  Normal   Pod/pi-with-ttl-d2v22         Pulled             Successfully pulled image "perl:5.34.0" in 2s (2s including waiting). Image size: 49556028 bytes.
                  +2s  Normal   Pod/pi-with-ttl-d2v22         Created            Created container: pi
                  +2s  Normal   Pod/pi-with-ttl-d2v22         Started            Started container pi
                 +13s  why  Job/pi-with-ttl: Job succeeds: 1 succeeded pods reach spec.completions 1
                 +13s  Normal   Job/pi-with-ttl               Completed          Job completed
               +1m53s  why  Job/pi-with-ttl: TTL controller deletes the Job: it finished at 2025-01-01T00:00:13Z and spec.ttlSecondsAfterFinished is 100
            ---
            No resources found in default namespace.
            ---
            job/pi-with-ttl: active 0, succeeded 1, failed 0, completedIndexes -, failedIndexes -, started +0s, completed +13s, deleted +1m53s
              SuccessCriteriaMet=True at +13s: CompletionsReached: Reached expected number of succeeded pods
              Complete=True at +13s: CompletionsReached: Reached expected number of succeeded pods
        "#]],
    );
}

#[test]
fn active_deadline_fails_the_job_and_counts_the_killed_pod_as_failed() {
    // FailureTarget at +100s with DeadlineExceeded, failed 1, no completionTime.
    check(
        include_str!("../static/examples/pi-with-timeout.yaml"),
        View::Status,
        expect![[r#"
                  +0s  why  Job/pi-with-timeout: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/pi-with-timeout           SuccessfulCreate   Created pod: pi-with-timeout-d2v22
                  +0s  Normal   Pod/pi-with-timeout-d2v22     Scheduled          Successfully assigned default/pi-with-timeout-d2v22 to node-3
                  +0s  Normal   Pod/pi-with-timeout-d2v22     Pulling            Pulling image "perl:5.34.0"
                  +2s  Normal   Pod/pi-with-timeout-d2v22     Pulled             Successfully pulled image "perl:5.34.0" in 2s (2s including waiting). Image size: 49556028 bytes.
                  +2s  Normal   Pod/pi-with-timeout-d2v22     Created            Created container: pi
                  +2s  Normal   Pod/pi-with-timeout-d2v22     Started            Started container pi
               +1m40s  why  Job/pi-with-timeout: Job fails: active for 1m40s since 2025-01-01T00:00:00Z, reaching spec.activeDeadlineSeconds 100
               +1m40s  why  Job/pi-with-timeout: Deleted 1 active pod(s) because the Job is finishing (DeadlineExceeded); they count as failed
               +1m40s  Normal   Job/pi-with-timeout           SuccessfulDelete   Deleted pod: pi-with-timeout-d2v22
               +1m40s  Normal   Pod/pi-with-timeout-d2v22     Killing            Stopping container pi
               +1m42s  Warning  Job/pi-with-timeout           DeadlineExceeded   Job was active longer than specified deadline
            ---
            NAME                        STATUS   COMPLETIONS   DURATION   AGE
            job.batch/pi-with-timeout   Failed   0/1           103s       103s
            ---
            job/pi-with-timeout: active 0, succeeded 0, failed 1, completedIndexes -, failedIndexes -, started +0s, completed -, deleted -
              FailureTarget=True at +1m40s: DeadlineExceeded: Job was active longer than specified deadline
              Failed=True at +1m42s: DeadlineExceeded: Job was active longer than specified deadline
        "#]],
    );
}

#[test]
fn backoff_limit_per_index_retries_each_index_once_then_fails_it() {
    // Succeeded 5, failed 10; completed 1,3,5,7,9, failed 0,2,4,6,8; Failed with
    // FailedIndexes; each even index's retry carries the failure count 1 of its first try.
    check(
        include_str!("../static/examples/backoff-limit-per-index.yaml"),
        View::Status,
        expect![[r#"
                  +0s  why  Job/job-backoff-limit-per-index-example: Created 3 pod(s) for index(es) 0, 1, 2: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 0), had 0
                  +0s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-0-d2v22
                  +0s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-1-zsmkf
                  +0s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-2-jw4vs
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-0-d2v22  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-0-d2v22 to node-2
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-1-zsmkf  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-1-zsmkf to node-3
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-2-jw4vs  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-2-jw4vs to node-1
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-0-d2v22  Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-1-zsmkf  Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-backoff-limit-per-index-example-2-jw4vs  Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-0-d2v22  Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-0-d2v22  Created            Created container: example
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-0-d2v22  Started            Started container example
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-1-zsmkf  Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-1-zsmkf  Created            Created container: example
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-1-zsmkf  Started            Started container example
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-2-jw4vs  Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-2-jw4vs  Created            Created container: example
                  +2s  Normal   Pod/job-backoff-limit-per-index-example-2-jw4vs  Started            Started container example
                  +6s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-0-d2v22 failed with exit code 1: failure 1 of index 0 (spec.backoffLimitPerIndex 1 allows 1 retries)
                  +6s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-2-jw4vs failed with exit code 1: failure 1 of index 2 (spec.backoffLimitPerIndex 1 allows 1 retries)
                  +6s  why  Job/job-backoff-limit-per-index-example: Created 1 pod(s) for index(es) 3: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 1), had 0
                  +6s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-3-m7hfz
                  +6s  Normal   Pod/job-backoff-limit-per-index-example-3-m7hfz  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-3-m7hfz to node-3
                  +6s  Normal   Pod/job-backoff-limit-per-index-example-3-m7hfz  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                  +6s  Normal   Pod/job-backoff-limit-per-index-example-3-m7hfz  Created            Created container: example
                  +6s  Normal   Pod/job-backoff-limit-per-index-example-3-m7hfz  Started            Started container example
                  +7s  why  Job/job-backoff-limit-per-index-example: Index(es) 0 (8s), 2 (8s) wait for their per-index back-off
                  +8s  why  Job/job-backoff-limit-per-index-example: Index(es) 0 (7s), 2 (7s) wait for their per-index back-off
                 +10s  why  Job/job-backoff-limit-per-index-example: Created 1 pod(s) for index(es) 4: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 2), had 0
                 +10s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-4-jpcnv
                 +10s  Normal   Pod/job-backoff-limit-per-index-example-4-jpcnv  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-4-jpcnv to node-1
                 +10s  Normal   Pod/job-backoff-limit-per-index-example-4-jpcnv  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +10s  Normal   Pod/job-backoff-limit-per-index-example-4-jpcnv  Created            Created container: example
                 +10s  Normal   Pod/job-backoff-limit-per-index-example-4-jpcnv  Started            Started container example
                 +11s  why  Job/job-backoff-limit-per-index-example: Index(es) 0 (4s), 2 (4s) wait for their per-index back-off
                 +12s  why  Job/job-backoff-limit-per-index-example: Index(es) 0 (3s), 2 (3s) wait for their per-index back-off
                 +14s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-4-jpcnv failed with exit code 1: failure 1 of index 4 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +14s  why  Job/job-backoff-limit-per-index-example: Index(es) 0 (1s), 2 (1s), 4 (9s) wait for their per-index back-off
                 +15s  why  Job/job-backoff-limit-per-index-example: Created 2 pod(s) for index(es) 0, 2: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 2), had 0
                 +15s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-0-wgknl
                 +15s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-2-mk2rf
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-0-wgknl  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-0-wgknl to node-1
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-2-mk2rf  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-2-mk2rf to node-3
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-0-wgknl  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-0-wgknl  Created            Created container: example
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-0-wgknl  Started            Started container example
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-2-mk2rf  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-2-mk2rf  Created            Created container: example
                 +15s  Normal   Pod/job-backoff-limit-per-index-example-2-mk2rf  Started            Started container example
                 +16s  why  Job/job-backoff-limit-per-index-example: Index(es) 4 (7s) wait for their per-index back-off
                 +17s  why  Job/job-backoff-limit-per-index-example: Index(es) 4 (6s) wait for their per-index back-off
                 +19s  why  Job/job-backoff-limit-per-index-example: Index 0 failed: 2 counted failure(s) reach spec.backoffLimitPerIndex 1; it is not retried
                 +19s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-0-wgknl failed with exit code 1: failure 2 of index 0 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +19s  why  Job/job-backoff-limit-per-index-example: Index 2 failed: 2 counted failure(s) reach spec.backoffLimitPerIndex 1; it is not retried
                 +19s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-2-mk2rf failed with exit code 1: failure 2 of index 2 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +19s  why  Job/job-backoff-limit-per-index-example: Created 2 pod(s) for index(es) 5, 6: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 2), had 0
                 +19s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-5-88clc
                 +19s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-6-wksfs
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-5-88clc  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-5-88clc to node-2
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-6-wksfs  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-6-wksfs to node-1
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-5-88clc  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-5-88clc  Created            Created container: example
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-5-88clc  Started            Started container example
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-6-wksfs  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-6-wksfs  Created            Created container: example
                 +19s  Normal   Pod/job-backoff-limit-per-index-example-6-wksfs  Started            Started container example
                 +20s  why  Job/job-backoff-limit-per-index-example: Index(es) 4 (3s) wait for their per-index back-off
                 +21s  why  Job/job-backoff-limit-per-index-example: Index(es) 4 (2s) wait for their per-index back-off
                 +23s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-6-wksfs failed with exit code 1: failure 1 of index 6 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +23s  why  Job/job-backoff-limit-per-index-example: Created 2 pod(s) for index(es) 4, 7: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 3), had 0
                 +23s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-4-h4nln
                 +23s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-7-ch9q9
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-4-h4nln  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-4-h4nln to node-2
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-7-ch9q9  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-7-ch9q9 to node-3
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-4-h4nln  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-4-h4nln  Created            Created container: example
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-4-h4nln  Started            Started container example
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-7-ch9q9  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-7-ch9q9  Created            Created container: example
                 +23s  Normal   Pod/job-backoff-limit-per-index-example-7-ch9q9  Started            Started container example
                 +24s  why  Job/job-backoff-limit-per-index-example: Index(es) 6 (8s) wait for their per-index back-off
                 +25s  why  Job/job-backoff-limit-per-index-example: Index(es) 6 (7s) wait for their per-index back-off
                 +27s  why  Job/job-backoff-limit-per-index-example: Index 4 failed: 2 counted failure(s) reach spec.backoffLimitPerIndex 1; it is not retried
                 +27s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-4-h4nln failed with exit code 1: failure 2 of index 4 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +27s  why  Job/job-backoff-limit-per-index-example: Created 2 pod(s) for index(es) 8, 9: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 4), had 0
                 +27s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-8-vxpkn
                 +27s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-9-6gp5l
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-8-vxpkn  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-8-vxpkn to node-1
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-9-6gp5l  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-9-6gp5l to node-2
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-8-vxpkn  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-8-vxpkn  Created            Created container: example
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-8-vxpkn  Started            Started container example
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-9-6gp5l  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-9-6gp5l  Created            Created container: example
                 +27s  Normal   Pod/job-backoff-limit-per-index-example-9-6gp5l  Started            Started container example
                 +28s  why  Job/job-backoff-limit-per-index-example: Index(es) 6 (4s) wait for their per-index back-off
                 +29s  why  Job/job-backoff-limit-per-index-example: Index(es) 6 (3s) wait for their per-index back-off
                 +31s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-8-vxpkn failed with exit code 1: failure 1 of index 8 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +31s  why  Job/job-backoff-limit-per-index-example: Index(es) 6 (1s), 8 (9s) wait for their per-index back-off
                 +32s  why  Job/job-backoff-limit-per-index-example: Created 1 pod(s) for index(es) 6: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 5), had 0
                 +32s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-6-bqvlm
                 +32s  Normal   Pod/job-backoff-limit-per-index-example-6-bqvlm  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-6-bqvlm to node-3
                 +32s  Normal   Pod/job-backoff-limit-per-index-example-6-bqvlm  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +32s  Normal   Pod/job-backoff-limit-per-index-example-6-bqvlm  Created            Created container: example
                 +32s  Normal   Pod/job-backoff-limit-per-index-example-6-bqvlm  Started            Started container example
                 +33s  why  Job/job-backoff-limit-per-index-example: Index(es) 8 (7s) wait for their per-index back-off
                 +34s  why  Job/job-backoff-limit-per-index-example: Index(es) 8 (6s) wait for their per-index back-off
                 +36s  why  Job/job-backoff-limit-per-index-example: Index 6 failed: 2 counted failure(s) reach spec.backoffLimitPerIndex 1; it is not retried
                 +36s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-6-bqvlm failed with exit code 1: failure 2 of index 6 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +36s  why  Job/job-backoff-limit-per-index-example: Index(es) 8 (4s) wait for their per-index back-off
                 +37s  why  Job/job-backoff-limit-per-index-example: Index(es) 8 (3s) wait for their per-index back-off
                 +40s  why  Job/job-backoff-limit-per-index-example: Created 1 pod(s) for index(es) 8: want 3 active = min(spec.parallelism 3, spec.completions 10 − succeeded 5), had 0
                 +40s  Normal   Job/job-backoff-limit-per-index-example  SuccessfulCreate   Created pod: job-backoff-limit-per-index-example-8-w96s4
                 +40s  Normal   Pod/job-backoff-limit-per-index-example-8-w96s4  Scheduled          Successfully assigned default/job-backoff-limit-per-index-example-8-w96s4 to node-1
                 +40s  Normal   Pod/job-backoff-limit-per-index-example-8-w96s4  Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                 +40s  Normal   Pod/job-backoff-limit-per-index-example-8-w96s4  Created            Created container: example
                 +40s  Normal   Pod/job-backoff-limit-per-index-example-8-w96s4  Started            Started container example
                 +44s  why  Job/job-backoff-limit-per-index-example: Index 8 failed: 2 counted failure(s) reach spec.backoffLimitPerIndex 1; it is not retried
                 +44s  why  Job/job-backoff-limit-per-index-example: Pod job-backoff-limit-per-index-example-8-w96s4 failed with exit code 1: failure 2 of index 8 (spec.backoffLimitPerIndex 1 allows 1 retries)
                 +44s  why  Job/job-backoff-limit-per-index-example: Job fails: every index finished and 5 of them failed (0,2,4,6,8)
                 +44s  Warning  Job/job-backoff-limit-per-index-example  FailedIndexes      Job has failed indexes
            ---
            NAME                                            STATUS   COMPLETIONS   DURATION   AGE
            job.batch/job-backoff-limit-per-index-example   Failed   5/10          45s        45s

            NAME                                              READY   STATUS      RESTARTS   AGE
            pod/job-backoff-limit-per-index-example-0-d2v22   0/1     Error       0          45s
            pod/job-backoff-limit-per-index-example-0-wgknl   0/1     Error       0          30s
            pod/job-backoff-limit-per-index-example-1-zsmkf   0/1     Completed   0          45s
            pod/job-backoff-limit-per-index-example-2-jw4vs   0/1     Error       0          45s
            pod/job-backoff-limit-per-index-example-2-mk2rf   0/1     Error       0          30s
            pod/job-backoff-limit-per-index-example-3-m7hfz   0/1     Completed   0          39s
            pod/job-backoff-limit-per-index-example-4-h4nln   0/1     Error       0          22s
            pod/job-backoff-limit-per-index-example-4-jpcnv   0/1     Error       0          35s
            pod/job-backoff-limit-per-index-example-5-88clc   0/1     Completed   0          26s
            pod/job-backoff-limit-per-index-example-6-bqvlm   0/1     Error       0          13s
            pod/job-backoff-limit-per-index-example-6-wksfs   0/1     Error       0          26s
            pod/job-backoff-limit-per-index-example-7-ch9q9   0/1     Completed   0          22s
            pod/job-backoff-limit-per-index-example-8-vxpkn   0/1     Error       0          18s
            pod/job-backoff-limit-per-index-example-8-w96s4   0/1     Error       0          5s
            pod/job-backoff-limit-per-index-example-9-6gp5l   0/1     Completed   0          18s
            ---
            job/job-backoff-limit-per-index-example: active 0, succeeded 5, failed 10, completedIndexes 1,3,5,7,9, failedIndexes 0,2,4,6,8, started +0s, completed -, deleted -
              FailureTarget=True at +44s: FailedIndexes: Job has failed indexes
              Failed=True at +44s: FailedIndexes: Job has failed indexes
            pod/job-backoff-limit-per-index-example-0-d2v22: index 0 (label 0), hostname job-backoff-limit-per-index-example-0, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-1-zsmkf: index 1 (label 1), hostname job-backoff-limit-per-index-example-1, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-2-jw4vs: index 2 (label 2), hostname job-backoff-limit-per-index-example-2, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-3-m7hfz: index 3 (label 3), hostname job-backoff-limit-per-index-example-3, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-4-jpcnv: index 4 (label 4), hostname job-backoff-limit-per-index-example-4, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-0-wgknl: index 0 (label 0), hostname job-backoff-limit-per-index-example-0, index failures 1, logs []
            pod/job-backoff-limit-per-index-example-2-mk2rf: index 2 (label 2), hostname job-backoff-limit-per-index-example-2, index failures 1, logs []
            pod/job-backoff-limit-per-index-example-5-88clc: index 5 (label 5), hostname job-backoff-limit-per-index-example-5, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-6-wksfs: index 6 (label 6), hostname job-backoff-limit-per-index-example-6, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-4-h4nln: index 4 (label 4), hostname job-backoff-limit-per-index-example-4, index failures 1, logs []
            pod/job-backoff-limit-per-index-example-7-ch9q9: index 7 (label 7), hostname job-backoff-limit-per-index-example-7, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-8-vxpkn: index 8 (label 8), hostname job-backoff-limit-per-index-example-8, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-9-6gp5l: index 9 (label 9), hostname job-backoff-limit-per-index-example-9, index failures 0, logs []
            pod/job-backoff-limit-per-index-example-6-bqvlm: index 6 (label 6), hostname job-backoff-limit-per-index-example-6, index failures 1, logs []
            pod/job-backoff-limit-per-index-example-8-w96s4: index 8 (label 8), hostname job-backoff-limit-per-index-example-8, index failures 1, logs []
        "#]],
    );
}

#[test]
fn success_policy_completes_when_the_leader_index_succeeds_without_failing_the_rest() {
    // Complete with SuccessPolicy "Matched rules at index 0", succeeded 1, failed 0: the nine
    // deleted workers are not failures.
    check(
        include_str!("../static/examples/success-policy.yaml"),
        View::Status,
        expect![[r#"
                  +0s  why  Job/job-success: Created 10 pod(s) for index(es) 0, 1, 2, 3, 4, 5, 6, 7, 8, 9: want 10 active = min(spec.parallelism 10, spec.completions 10 − succeeded 0), had 0
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-0-d2v22
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-1-zsmkf
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-2-jw4vs
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-3-vvm7h
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-4-fz6jp
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-5-cnvkw
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-6-gknlm
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-7-k2rfh
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-8-r88cl
                  +0s  Normal   Job/job-success               SuccessfulCreate   Created pod: job-success-9-cwksf
                  +0s  Normal   Pod/job-success-0-d2v22       Scheduled          Successfully assigned default/job-success-0-d2v22 to node-2
                  +0s  Normal   Pod/job-success-1-zsmkf       Scheduled          Successfully assigned default/job-success-1-zsmkf to node-3
                  +0s  Normal   Pod/job-success-2-jw4vs       Scheduled          Successfully assigned default/job-success-2-jw4vs to node-1
                  +0s  Normal   Pod/job-success-3-vvm7h       Scheduled          Successfully assigned default/job-success-3-vvm7h to node-1
                  +0s  Normal   Pod/job-success-4-fz6jp       Scheduled          Successfully assigned default/job-success-4-fz6jp to node-2
                  +0s  Normal   Pod/job-success-5-cnvkw       Scheduled          Successfully assigned default/job-success-5-cnvkw to node-3
                  +0s  Normal   Pod/job-success-6-gknlm       Scheduled          Successfully assigned default/job-success-6-gknlm to node-3
                  +0s  Normal   Pod/job-success-7-k2rfh       Scheduled          Successfully assigned default/job-success-7-k2rfh to node-1
                  +0s  Normal   Pod/job-success-8-r88cl       Scheduled          Successfully assigned default/job-success-8-r88cl to node-2
                  +0s  Normal   Pod/job-success-9-cwksf       Scheduled          Successfully assigned default/job-success-9-cwksf to node-1
                  +0s  Normal   Pod/job-success-0-d2v22       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-1-zsmkf       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-2-jw4vs       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-3-vvm7h       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-4-fz6jp       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-5-cnvkw       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-6-gknlm       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-7-k2rfh       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-8-r88cl       Pulling            Pulling image "busybox:1.36"
                  +0s  Normal   Pod/job-success-9-cwksf       Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/job-success-0-d2v22       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-0-d2v22       Created            Created container: main
                  +2s  Normal   Pod/job-success-0-d2v22       Started            Started container main
                  +2s  Normal   Pod/job-success-1-zsmkf       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-1-zsmkf       Created            Created container: main
                  +2s  Normal   Pod/job-success-1-zsmkf       Started            Started container main
                  +2s  Normal   Pod/job-success-2-jw4vs       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-2-jw4vs       Created            Created container: main
                  +2s  Normal   Pod/job-success-2-jw4vs       Started            Started container main
                  +2s  Normal   Pod/job-success-3-vvm7h       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-3-vvm7h       Created            Created container: main
                  +2s  Normal   Pod/job-success-3-vvm7h       Started            Started container main
                  +2s  Normal   Pod/job-success-4-fz6jp       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-4-fz6jp       Created            Created container: main
                  +2s  Normal   Pod/job-success-4-fz6jp       Started            Started container main
                  +2s  Normal   Pod/job-success-5-cnvkw       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-5-cnvkw       Created            Created container: main
                  +2s  Normal   Pod/job-success-5-cnvkw       Started            Started container main
                  +2s  Normal   Pod/job-success-6-gknlm       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-6-gknlm       Created            Created container: main
                  +2s  Normal   Pod/job-success-6-gknlm       Started            Started container main
                  +2s  Normal   Pod/job-success-7-k2rfh       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-7-k2rfh       Created            Created container: main
                  +2s  Normal   Pod/job-success-7-k2rfh       Started            Started container main
                  +2s  Normal   Pod/job-success-8-r88cl       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-8-r88cl       Created            Created container: main
                  +2s  Normal   Pod/job-success-8-r88cl       Started            Started container main
                  +2s  Normal   Pod/job-success-9-cwksf       Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/job-success-9-cwksf       Created            Created container: main
                  +2s  Normal   Pod/job-success-9-cwksf       Started            Started container main
                 +13s  why  Job/job-success: Job succeeds: completed indexes 0 satisfy spec.successPolicy.rules[0]
                 +13s  why  Job/job-success: Deleted 9 active pod(s) because the Job is finishing (SuccessPolicy); they do not count as failed
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-1-zsmkf
                 +13s  Normal   Pod/job-success-1-zsmkf       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-2-jw4vs
                 +13s  Normal   Pod/job-success-2-jw4vs       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-3-vvm7h
                 +13s  Normal   Pod/job-success-3-vvm7h       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-4-fz6jp
                 +13s  Normal   Pod/job-success-4-fz6jp       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-5-cnvkw
                 +13s  Normal   Pod/job-success-5-cnvkw       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-6-gknlm
                 +13s  Normal   Pod/job-success-6-gknlm       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-7-k2rfh
                 +13s  Normal   Pod/job-success-7-k2rfh       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-8-r88cl
                 +13s  Normal   Pod/job-success-8-r88cl       Killing            Stopping container main
                 +13s  Normal   Job/job-success               SuccessfulDelete   Deleted pod: job-success-9-cwksf
                 +13s  Normal   Pod/job-success-9-cwksf       Killing            Stopping container main
                 +15s  Normal   Job/job-success               Completed          Job completed
            ---
            NAME                    STATUS     COMPLETIONS   DURATION   AGE
            job.batch/job-success   Complete   1/10          15s        16s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/job-success-0-d2v22   0/1     Completed   0          16s
            ---
            job/job-success: active 0, succeeded 1, failed 0, completedIndexes 0, failedIndexes -, started +0s, completed +15s, deleted -
              SuccessCriteriaMet=True at +13s: SuccessPolicy: Matched rules at index 0
              Complete=True at +15s: SuccessPolicy: Matched rules at index 0
            pod/job-success-0-d2v22: index 0 (label 0), hostname job-success-0, index failures -, logs []
        "#]],
    );
}

#[test]
fn describe_pod_and_wide_listing_of_a_restarted_indexed_pod() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: idx\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimit: 3\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, 'sleep 3; exit 1']\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 15s\n";
    check(
        yaml,
        View::Pod(0),
        expect![[r#"
            Name:             idx-0-d2v22
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             node-1/10.0.44.48
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-completion-index=0
                              batch.kubernetes.io/job-name=idx
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=idx
            Annotations:      batch.kubernetes.io/job-completion-index: 0
            Status:           Running
            IP:               10.244.0.2
            IPs:
              IP:           10.244.0.2
            Controlled By:  Job/idx
            Containers:
              main:
                Container ID:  containerd://ffef706a9adf367b0e9af6a255773d01520c3b7026ae5675115fde2e5fb8cefc
                Image:         busybox:1.36
                Image ID:      docker.io/library/busybox@sha256:eae33643e662c995c43e77ab056c2f5d63df189ca627c87e9bd99f4cce329dc6
                Port:          <none>
                Host Port:     <none>
                Command:
                  sh
                  -c
                  sleep 3; exit 1
                State:          Waiting
                  Reason:       CrashLoopBackOff
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    1
                  Started:      Wed, 01 Jan 2025 00:00:05 +0000
                  Finished:     Wed, 01 Jan 2025 00:00:08 +0000
                Ready:          False
                Restart Count:  1
                Environment:
                  JOB_COMPLETION_INDEX:   (v1:metadata.labels['batch.kubernetes.io/job-completion-index'])
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8njdq (ro)
            Conditions:
              Type                        Status
              PodScheduled                True 
              PodReadyToStartContainers   True 
              Initialized                 True 
              Ready                       False 
              ContainersReady             False 
            Volumes:
              kube-api-access-8njdq:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type     Reason     Age                From               Message
              ----     ------     ----               ----               -------
              Normal   Scheduled  15s                default-scheduler  Successfully assigned default/idx-0-d2v22 to node-1
              Normal   Pulling    15s                kubelet            Pulling image "busybox:1.36"
              Normal   Pulled     13s                kubelet            Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
              Normal   Created    10s (x2 over 13s)  kubelet            Created container: main
              Normal   Started    10s (x2 over 13s)  kubelet            Started container main
              Normal   Pulled     10s                kubelet            Container image "busybox:1.36" already present on machine and can be accessed by the pod
              Warning  BackOff    7s                 kubelet            Back-off restarting failed container main in pod idx-0-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
            ---
            NAME            STATUS    COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES         SELECTOR
            job.batch/idx   Running   0/2           15s        15s   main         busybox:1.36   batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201

            NAME              READY   STATUS             RESTARTS     AGE   IP           NODE     NOMINATED NODE   READINESS GATES
            pod/idx-0-d2v22   0/1     CrashLoopBackOff   1 (7s ago)   15s   10.244.0.2   node-1   <none>           <none>
            pod/idx-1-zsmkf   0/1     CrashLoopBackOff   1 (7s ago)   15s   10.244.2.2   node-3   <none>           <none>
        "#]],
    );
}

#[test]
fn a_readiness_probe_delays_ready_to_the_first_probe_tick_after_its_initial_delay() {
    // Both containers start at +2s (after the pull). `main`: initialDelaySeconds 15 with
    // periodSeconds 10, so the worker's ticks at 0s and 10s are skipped and the tick at 20s
    // passes: ready at +22s. `second`: no delay, but successThreshold 2 needs the ticks at 0s
    // and 10s: ready at +12s. The pod is Ready when both are; the Job counts it in `ready` at
    // its next sync, one batch period (1s) later.
    let yaml = job(
        "probed",
        "  parallelism: 1\n",
        "        command: [sh, -c, 'sleep 60']\n        readinessProbe: {exec: {command: [cat, /tmp/ready]}, initialDelaySeconds: 15, periodSeconds: 10}\n      - name: second\n        image: busybox:1.36\n        command: [sh, -c, 'sleep 60']\n        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10, successThreshold: 2}\n",
    );
    check(
        &yaml,
        View::Readiness(&[3, 11, 12, 21, 22, 23, 61, 63]),
        expect![[r#"
        +3s  active 1  ready 0  containers main- second-
        +11s  active 1  ready 0  containers main- second-
        +12s  active 1  ready 0  containers main- second+
        +21s  active 1  ready 0  containers main- second+
        +22s  active 1  ready 0  containers main+ second+
        +23s  active 1  ready 1  containers main+ second+
        +61s  active 1  ready 1  containers main+ second+
        +63s  active 0  ready 0  containers main- second-
    "#]],
    );
}

/// The kubelet expands `$(VAR)` in a command before the shell sees it, from an environment
/// that reads Secrets and ConfigMaps: the two manifests of the long Jobs guide in
/// ../shared/seeds that print `Job index: $(JOB_COMPLETION_INDEX)` and `$(PASSWORD)`.
#[test]
fn command_references_expand_from_the_environment_with_secrets_and_config_maps() {
    let secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: job-secret\ntype: Opaque\ndata:\n  password: cGFzc3dvcmQ= # base64 encoded 'password'\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n---\n";
    let uses_secret = job(
        "secret-job",
        "",
        "        command: [\"sh\", \"-c\", \"echo $(PASSWORD) $(MODE)\"]\n        env:\n        - name: PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: job-secret\n              key: password\n        - name: MODE\n          valueFrom: {configMapKeyRef: {name: settings, key: mode}}\n",
    );
    let indexed = job(
        "indexed-job",
        "  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n",
        "        command: [\"sh\", \"-c\", \"echo Job index: $(JOB_COMPLETION_INDEX)\"]\n",
    );
    check(
        &format!("{secret}{uses_secret}---\n{indexed}"),
        View::Printed,
        expect![[r#"
            indexed-job-0-zsmkf Succeeded: ["Job index: 0"]
            indexed-job-1-jw4vs Succeeded: ["Job index: 1"]
            indexed-job-2-vvm7h Succeeded: ["Job index: 2"]
            secret-job-d2v22 Succeeded: ["password fast"]
            ---
            NAME                    STATUS     COMPLETIONS   DURATION   AGE
            job.batch/indexed-job   Complete   3/3           3s         4s
            job.batch/secret-job    Complete   1/1           3s         4s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/indexed-job-0-zsmkf   0/1     Completed   0          4s
            pod/indexed-job-1-jw4vs   0/1     Completed   0          4s
            pod/indexed-job-2-vvm7h   0/1     Completed   0          4s
            pod/secret-job-d2v22      0/1     Completed   0          4s
            ---
            Name:               indexed-job
            Namespace:          default
            Selector:           batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
            Labels:             batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                batch.kubernetes.io/job-name=indexed-job
                                controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                                job-name=indexed-job
            Annotations:        <none>
            Parallelism:        3
            Completions:        3
            Completion Mode:    Indexed
            Suspend:            false
            Backoff Limit:      6
            Start Time:         Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:       Wed, 01 Jan 2025 00:00:03 +0000
            Duration:           3s
            Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 0 Failed
            Completed Indexes:  0-2
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                       batch.kubernetes.io/job-name=indexed-job
                       controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                       job-name=indexed-job
              Containers:
               main:
                Image:      busybox:1.36
                Port:       <none>
                Host Port:  <none>
                Command:
                  sh
                  -c
                  echo Job index: $(JOB_COMPLETION_INDEX)
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-0-zsmkf
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-1-jw4vs
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-2-vvm7h
              Normal  Completed         1s    job-controller  Job completed


            Name:             secret-job
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=secret-job
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=secret-job
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    6
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:03 +0000
            Duration:         3s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=secret-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=secret-job
              Containers:
               main:
                Image:      busybox:1.36
                Port:       <none>
                Host Port:  <none>
                Command:
                  sh
                  -c
                  echo $(PASSWORD) $(MODE)
                Environment:
                  PASSWORD:    <set to the key 'password' in secret 'job-secret'>  Optional: false
                  MODE:        <set to the key 'mode' of config map 'settings'>    Optional: false
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  4s    job-controller  Created pod: secret-job-d2v22
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}

/// The work-queue guide's `image: gcr.io/<project>/job-wq-1`, pasted as printed: the kubelet
/// cannot read the reference, so nothing is pulled and the container waits in
/// InvalidImageName, retried on the kubelet's back-off; the Job never finishes.
#[test]
fn an_image_that_is_not_a_reference_waits_in_invalid_image_name() {
    let yaml = job("job-wq-1", "", "")
        .replace("image: busybox:1.36", "image: gcr.io/<project>/job-wq-1")
        + "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 25s\n";
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
              +0s  why  Job/job-wq-1: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
              +0s  Normal   Job/job-wq-1                  SuccessfulCreate   Created pod: job-wq-1-d2v22
              +0s  Normal   Pod/job-wq-1-d2v22            Scheduled          Successfully assigned default/job-wq-1-d2v22 to node-3
              +0s  Warning  Pod/job-wq-1-d2v22            InspectFailed      Failed to apply default image tag "gcr.io/<project>/job-wq-1": couldn't parse image name "gcr.io/<project>/job-wq-1": invalid reference format
              +0s  Warning  Pod/job-wq-1-d2v22            Failed             Error: InvalidImageName
             +10s  Warning  Pod/job-wq-1-d2v22            InspectFailed      Failed to apply default image tag "gcr.io/<project>/job-wq-1": couldn't parse image name "gcr.io/<project>/job-wq-1": invalid reference format
             +10s  Warning  Pod/job-wq-1-d2v22            Failed             Error: InvalidImageName
        ---
        NAME                 STATUS    COMPLETIONS   DURATION   AGE
        job.batch/job-wq-1   Running   0/1           25s        25s

        NAME                 READY   STATUS             RESTARTS   AGE
        pod/job-wq-1-d2v22   0/1     InvalidImageName   0          25s
    "#]],
    );
}

/// Container restart rules (ContainerRestartRules, on since v1.35): under the pod's
/// `restartPolicy: Never`, a container whose rule matches its exit code restarts in place, so
/// the pod does not fail and the Job sees one pod succeed.
#[test]
fn a_container_restart_rule_restarts_the_container_in_place() {
    let container = "        restartPolicy: Never\n        restartPolicyRules:\n        - action: Restart\n          exitCodes: {operator: In, values: [42]}\n";
    let yaml = job("retry-in-place", "  backoffLimit: 0\n", container)
        + "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  behaviors:\n  - match: {job: retry-in-place}\n    attempts: [{run: 3s, exit: 42}, {run: 3s, exit: 0}]\n";
    check(
        &yaml,
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/retry-in-place: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/retry-in-place            SuccessfulCreate   Created pod: retry-in-place-d2v22
                  +0s  Normal   Pod/retry-in-place-d2v22      Scheduled          Successfully assigned default/retry-in-place-d2v22 to node-3
                  +0s  Normal   Pod/retry-in-place-d2v22      Pulling            Pulling image "busybox:1.36"
                  +2s  Normal   Pod/retry-in-place-d2v22      Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/retry-in-place-d2v22      Created            Created container: main
                  +2s  Normal   Pod/retry-in-place-d2v22      Started            Started container main
                  +5s  Normal   Pod/retry-in-place-d2v22      Pulled             Container image "busybox:1.36" already present on machine and can be accessed by the pod
                  +5s  Normal   Pod/retry-in-place-d2v22      Created            Created container: main
                  +5s  Normal   Pod/retry-in-place-d2v22      Started            Started container main
                  +9s  why  Job/retry-in-place: Job succeeds: 1 succeeded pods reach spec.completions 1
                  +9s  Normal   Job/retry-in-place            Completed          Job completed
            ---
            NAME                       STATUS     COMPLETIONS   DURATION   AGE
            job.batch/retry-in-place   Complete   1/1           9s         10s

            NAME                       READY   STATUS      RESTARTS     AGE
            pod/retry-in-place-d2v22   0/1     Completed   1 (5s ago)   10s
        "#]],
    );
}

/// A native sidecar (an init container with `restartPolicy: Always`, the Job example of
/// kubernetes.io's sidecar page): it starts, the app container starts beside it without
/// waiting for it to end, and once the app container has finished the kubelet stops the
/// sidecar and the pod succeeds on the app container's exit alone.
#[test]
fn a_sidecar_runs_beside_the_app_container_and_is_stopped_after_it() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: myjob\nspec:\n  template:\n    spec:\n      containers:\n        - name: myjob\n          image: alpine:latest\n          command: ['sh', '-c', 'echo logging; sleep 5']\n      initContainers:\n        - name: logshipper\n          image: alpine:latest\n          restartPolicy: Always\n          command: ['sh', '-c', 'sleep 3600']\n      restartPolicy: Never\n";
    check(
        yaml,
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/myjob: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/myjob                     SuccessfulCreate   Created pod: myjob-d2v22
                  +0s  Normal   Pod/myjob-d2v22               Scheduled          Successfully assigned default/myjob-d2v22 to node-3
                  +0s  Normal   Pod/myjob-d2v22               Pulling            Pulling image "alpine:latest"
                  +2s  Normal   Pod/myjob-d2v22               Pulled             Successfully pulled image "alpine:latest" in 2s (2s including waiting). Image size: 88500231 bytes.
                  +2s  Normal   Pod/myjob-d2v22               Created            Created container: logshipper
                  +2s  Normal   Pod/myjob-d2v22               Started            Started container logshipper
                  +2s  Normal   Pod/myjob-d2v22               Pulling            Pulling image "alpine:latest"
                  +4s  Normal   Pod/myjob-d2v22               Pulled             Successfully pulled image "alpine:latest" in 2s (2s including waiting). Image size: 88500231 bytes.
                  +4s  Normal   Pod/myjob-d2v22               Created            Created container: myjob
                  +4s  Normal   Pod/myjob-d2v22               Started            Started container myjob
                  +9s  Normal   Pod/myjob-d2v22               Killing            Stopping container logshipper
                 +10s  why  Job/myjob: Job succeeds: 1 succeeded pods reach spec.completions 1
                 +10s  Normal   Job/myjob                     Completed          Job completed
            ---
            NAME              STATUS     COMPLETIONS   DURATION   AGE
            job.batch/myjob   Complete   1/1           10s        11s

            NAME              READY   STATUS      RESTARTS   AGE
            pod/myjob-d2v22   0/2     Completed   0          11s
        "#]],
    );
}

/// The kubernetes.io Indexed Job with static work assignment (seeds/002, "Indexed Job for
/// Parallel Processing with Static Work Assignment"): an init container writes the word for
/// its index into an emptyDir, the worker `rev`s it.
#[test]
fn indexed_job_init_container_shares_its_word_through_an_empty_dir() {
    check(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
"#,
        View::Printed,
        expect![[r#"
            indexed-job-0-d2v22 Succeeded: ["oof"]
            indexed-job-1-zsmkf Succeeded: ["rab"]
            indexed-job-2-jw4vs Succeeded: ["zab"]
            indexed-job-3-m7hfz Succeeded: ["xuq"]
            indexed-job-4-6jpcn Succeeded: ["zyx"]
            ---
            NAME                    STATUS     COMPLETIONS   DURATION   AGE
            job.batch/indexed-job   Complete   5/5           10s        11s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/indexed-job-0-d2v22   0/1     Completed   0          11s
            pod/indexed-job-1-zsmkf   0/1     Completed   0          11s
            pod/indexed-job-2-jw4vs   0/1     Completed   0          11s
            pod/indexed-job-3-m7hfz   0/1     Completed   0          6s
            pod/indexed-job-4-6jpcn   0/1     Completed   0          6s
            ---
            Name:               indexed-job
            Namespace:          default
            Selector:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:             batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                batch.kubernetes.io/job-name=indexed-job
                                controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                job-name=indexed-job
            Annotations:        <none>
            Parallelism:        3
            Completions:        5
            Completion Mode:    Indexed
            Suspend:            false
            Backoff Limit:      6
            Start Time:         Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:       Wed, 01 Jan 2025 00:00:10 +0000
            Duration:           10s
            Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed
            Completed Indexes:  0-4
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=indexed-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=indexed-job
              Init Containers:
               input:
                Image:      docker.io/library/bash
                Port:       <none>
                Host Port:  <none>
                Command:
                  bash
                  -c
                  items=(foo bar baz qux xyz)
                  echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt

                Environment:  <none>
                Mounts:
                  /input from input (rw)
              Containers:
               worker:
                Image:      docker.io/library/busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  rev
                  /input/data.txt
                Environment:  <none>
                Mounts:
                  /input from input (rw)
              Volumes:
               input:
                Type:          EmptyDir (a temporary directory that shares a pod's lifetime)
                Medium:
                SizeLimit:     <unset>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  11s   job-controller  Created pod: indexed-job-0-d2v22
              Normal  SuccessfulCreate  11s   job-controller  Created pod: indexed-job-1-zsmkf
              Normal  SuccessfulCreate  11s   job-controller  Created pod: indexed-job-2-jw4vs
              Normal  SuccessfulCreate  6s    job-controller  Created pod: indexed-job-3-m7hfz
              Normal  SuccessfulCreate  6s    job-controller  Created pod: indexed-job-4-6jpcn
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}

/// The same with the index in a downward API volume file.
#[test]
fn indexed_job_reads_its_index_from_a_downward_api_volume() {
    check(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        downwardAPI:
          items:
          - path: "data.txt"
            fieldRef:
              fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']
"#,
        View::Printed,
        expect![[r#"
            indexed-job-0-d2v22 Succeeded: ["0"]
            indexed-job-1-zsmkf Succeeded: ["1"]
            indexed-job-2-jw4vs Succeeded: ["2"]
            ---
            NAME                    STATUS     COMPLETIONS   DURATION   AGE
            job.batch/indexed-job   Complete   3/3           3s         4s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/indexed-job-0-d2v22   0/1     Completed   0          4s
            pod/indexed-job-1-zsmkf   0/1     Completed   0          4s
            pod/indexed-job-2-jw4vs   0/1     Completed   0          4s
            ---
            Name:               indexed-job
            Namespace:          default
            Selector:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:             batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                batch.kubernetes.io/job-name=indexed-job
                                controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                job-name=indexed-job
            Annotations:        <none>
            Parallelism:        3
            Completions:        3
            Completion Mode:    Indexed
            Suspend:            false
            Backoff Limit:      6
            Start Time:         Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:       Wed, 01 Jan 2025 00:00:03 +0000
            Duration:           3s
            Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 0 Failed
            Completed Indexes:  0-2
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=indexed-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=indexed-job
              Containers:
               worker:
                Image:      docker.io/library/busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  rev
                  /input/data.txt
                Environment:  <none>
                Mounts:
                  /input from input (rw)
              Volumes:
               input:
                Type:  DownwardAPI (a volume populated by information about the pod)
                Items:
                  metadata.annotations['batch.kubernetes.io/job-completion-index'] -> data.txt
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-0-d2v22
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-1-zsmkf
              Normal  SuccessfulCreate  4s    job-controller  Created pod: indexed-job-2-jw4vs
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}

/// The tutorial's data-processing Job and parallel workers (seeds/003): `$(date)`, `seq`,
/// `hostname | cut`, `$RANDOM`, and the virtual clock moving with each sleep.
#[test]
fn data_processing_and_worker_scripts_print_the_virtual_time_and_their_host_name() {
    check(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: data-processing-job
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: data-processor
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
          echo "Starting data processing job at $(date)"
          for i in $(seq 1 3); do
            echo "Processing record $i/3"
            sleep 2
          done
          echo "Data processing completed successfully at $(date)"
---
apiVersion: batch/v1
kind: Job
metadata:
  name: parallel-processing-job
spec:
  completions: 2
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
          POD_ID=$(hostname | cut -d'-' -f4-)
          echo "Worker $POD_ID starting at $(date)"
          WORK_TIME=$((5 + RANDOM % 10))
          echo "Worker $POD_ID will work for $WORK_TIME seconds"
          sleep $WORK_TIME
          echo "Worker $POD_ID completed at $(date)"
          exit $((RANDOM % 30 == 0))
"#,
        View::Printed,
        expect![[r#"
            data-processing-job-d2v22 Succeeded: ["Starting data processing job at Wed Jan  1 00:00:02 UTC 2025", "Processing record 1/3", "Processing record 2/3", "Processing record 3/3", "Data processing completed successfully at Wed Jan  1 00:00:08 UTC 2025"]
            parallel-processing-job-jw4vs Succeeded: ["Worker jw4vs starting at Wed Jan  1 00:00:02 UTC 2025", "Worker jw4vs will work for 7 seconds", "Worker jw4vs completed at Wed Jan  1 00:00:09 UTC 2025"]
            parallel-processing-job-zsmkf Succeeded: ["Worker zsmkf starting at Wed Jan  1 00:00:02 UTC 2025", "Worker zsmkf will work for 10 seconds", "Worker zsmkf completed at Wed Jan  1 00:00:12 UTC 2025"]
            ---
            NAME                                STATUS     COMPLETIONS   DURATION   AGE
            job.batch/data-processing-job       Complete   1/1           9s         14s
            job.batch/parallel-processing-job   Complete   2/2           13s        14s

            NAME                                READY   STATUS      RESTARTS   AGE
            pod/data-processing-job-d2v22       0/1     Completed   0          14s
            pod/parallel-processing-job-jw4vs   0/1     Completed   0          14s
            pod/parallel-processing-job-zsmkf   0/1     Completed   0          14s
            ---
            Name:             data-processing-job
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=data-processing-job
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=data-processing-job
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    6
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:09 +0000
            Duration:         9s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=data-processing-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=data-processing-job
              Containers:
               data-processor:
                Image:      busybox:1.35
                Port:       <none>
                Host Port:  <none>
                Command:
                  /bin/sh
                  -c
                  echo "Starting data processing job at $(date)"
                  for i in $(seq 1 3); do
                    echo "Processing record $i/3"
                    sleep 2
                  done
                  echo "Data processing completed successfully at $(date)"
      
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  14s   job-controller  Created pod: data-processing-job-d2v22
              Normal  Completed         5s    job-controller  Job completed


            Name:             parallel-processing-job
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
            Labels:           batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                              batch.kubernetes.io/job-name=parallel-processing-job
                              controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                              job-name=parallel-processing-job
            Annotations:      <none>
            Parallelism:      2
            Completions:      2
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    6
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:13 +0000
            Duration:         13s
            Pods Statuses:    0 Active (0 Ready) / 2 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                       batch.kubernetes.io/job-name=parallel-processing-job
                       controller-uid=2a94fcbf-999d-4de6-a924-92596058869d
                       job-name=parallel-processing-job
              Containers:
               worker:
                Image:      busybox:1.35
                Port:       <none>
                Host Port:  <none>
                Command:
                  /bin/sh
                  -c
                  POD_ID=$(hostname | cut -d'-' -f4-)
                  echo "Worker $POD_ID starting at $(date)"
                  WORK_TIME=$((5 + RANDOM % 10))
                  echo "Worker $POD_ID will work for $WORK_TIME seconds"
                  sleep $WORK_TIME
                  echo "Worker $POD_ID completed at $(date)"
                  exit $((RANDOM % 30 == 0))
      
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  14s   job-controller  Created pod: parallel-processing-job-zsmkf
              Normal  SuccessfulCreate  14s   job-controller  Created pod: parallel-processing-job-jw4vs
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}

/// The tutorial's storage pattern (seeds/003): a redirection into a shared volume, then
/// `cat`; a ConfigMap and a Secret mounted read-only, one key by `subPath`.
#[test]
fn files_written_to_volumes_and_read_from_config_maps_and_secrets() {
    check(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
  greeting: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
---
apiVersion: batch/v1
kind: Job
metadata:
  name: job-with-storage
spec:
  template:
    spec:
      restartPolicy: Never
      volumes:
      - name: shared-data
        emptyDir: {}
      - name: settings
        configMap:
          name: settings
      - name: creds
        secret:
          secretName: creds
      containers:
      - name: worker
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
          echo "Writing results to shared volume..."
          echo "Processing complete" > /data/result.txt
          cat /data/result.txt
          ls /etc/settings; cat /etc/greeting; echo; wc -c < /etc/creds/password
          echo nope > /etc/settings/mode || echo "status $?"
        volumeMounts:
        - name: shared-data
          mountPath: /data
        - name: settings
          mountPath: /etc/settings
        - name: settings
          mountPath: /etc/greeting
          subPath: greeting
        - name: creds
          mountPath: /etc/creds
"#,
        View::Printed,
        expect![[r#"
            job-with-storage-d2v22 Succeeded: ["Writing results to shared volume...", "Processing complete", "greeting", "mode", "hello", "6", "sh: can't create /etc/settings/mode: Read-only file system", "status 1"]
            ---
            NAME                         STATUS     COMPLETIONS   DURATION   AGE
            job.batch/job-with-storage   Complete   1/1           3s         4s

            NAME                         READY   STATUS      RESTARTS   AGE
            pod/job-with-storage-d2v22   0/1     Completed   0          4s
            ---
            Name:             job-with-storage
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=job-with-storage
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=job-with-storage
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    6
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:03 +0000
            Duration:         3s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=job-with-storage
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=job-with-storage
              Containers:
               worker:
                Image:      busybox:1.35
                Port:       <none>
                Host Port:  <none>
                Command:
                  /bin/sh
                  -c
                  echo "Writing results to shared volume..."
                  echo "Processing complete" > /data/result.txt
                  cat /data/result.txt
                  ls /etc/settings; cat /etc/greeting; echo; wc -c < /etc/creds/password
                  echo nope > /etc/settings/mode || echo "status $?"

                Environment:  <none>
                Mounts:
                  /data from shared-data (rw)
                  /etc/creds from creds (rw)
                  /etc/greeting from settings (rw,path="greeting")
                  /etc/settings from settings (rw)
              Volumes:
               shared-data:
                Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
                Medium:
                SizeLimit:  <unset>
               settings:
                Type:      ConfigMap (a volume populated by a ConfigMap)
                Name:      settings
                Optional:  false
               creds:
                Type:          Secret (a volume populated by a Secret)
                SecretName:    creds
                Optional:      false
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  4s    job-controller  Created pod: job-with-storage-d2v22
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}

/// The docs' pi Job prints the digits perl's `bpi` prints; the run takes the default time,
/// with a note saying so.
#[test]
fn the_pi_job_prints_pi_to_the_digits_asked_for() {
    check(
        &job(
            "pi",
            "",
            "        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(20)\"]\n",
        ),
        View::Logs,
        expect![[r#"
            pi-d2v22 Succeeded: ["3.1415926535897932385"]
              note: main: perl's computing time is not simulated: the container runs for the default time
        "#]],
    );
}

/// What jobplay assumes about a container is said in the timeline, at the instant the
/// kubelet prepared the container, as well as in the pod's notes.
#[test]
fn a_program_jobplay_does_not_have_is_noted_in_the_timeline() {
    check(
        &job("train", "", "        command: [\"python\", \"train.py\"]\n"),
        View::Timeline,
        expect![[r#"
                  +0s  why  Job/train: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
                  +0s  Normal   Job/train                     SuccessfulCreate   Created pod: train-d2v22
                  +0s  Normal   Pod/train-d2v22               Scheduled          Successfully assigned default/train-d2v22 to node-3
                  +0s  Normal   Pod/train-d2v22               Pulling            Pulling image "busybox:1.36"
                  +0s  note     pod/train-d2v22: main: "python" is not simulated; the container runs for 10s and exits 0
                  +2s  Normal   Pod/train-d2v22               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                  +2s  Normal   Pod/train-d2v22               Created            Created container: main
                  +2s  Normal   Pod/train-d2v22               Started            Started container main
                 +13s  why  Job/train: Job succeeds: 1 succeeded pods reach spec.completions 1
                 +13s  Normal   Job/train                     Completed          Job completed
            ---
            NAME              STATUS     COMPLETIONS   DURATION   AGE
            job.batch/train   Complete   1/1           13s        14s

            NAME              READY   STATUS      RESTARTS   AGE
            pod/train-d2v22   0/1     Completed   0          14s
        "#]],
    );
}

/// The long guide's pod-to-pod example (../shared/seeds, guide 002): a headless Service and an
/// Indexed Job whose pods ping each other by host name. The Service document is accepted;
/// `ping` is not simulated, so each pod's script goes on as if it answered, and says so.
#[test]
fn pods_that_ping_each_other_through_a_headless_service_say_ping_is_assumed() {
    let text = r#"apiVersion: v1
kind: Service
metadata:
  name: headless-svc
spec:
  clusterIP: None # clusterIP must be None to create a headless service
  selector:
    job-name: example-job # must match Job name
---
apiVersion: batch/v1
kind: Job
metadata:
  name: example-job
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      subdomain: headless-svc # has to match Service name
      restartPolicy: Never
      containers:
      - name: example-workload
        image: bash:latest
        command:
        - bash
        - -c
        - |
          for i in 0 1 2
          do
            gotStatus="-1"
            wantStatus="0"
            while [ $gotStatus -ne $wantStatus ]
            do
              ping -c 1 example-job-${i}.headless-svc > /dev/null 2>&1
              gotStatus=$?
              if [ $gotStatus -ne $wantStatus ]; then
                echo "Failed to ping pod example-job-${i}.headless-svc, retrying in 1 second..."
                sleep 1
              fi
            done
            echo "Successfully pinged pod: example-job-${i}.headless-svc"
          done
"#;
    check(
        text,
        View::Printed,
        expect![[r#"
            example-job-0-d2v22 Succeeded: ["Successfully pinged pod: example-job-0.headless-svc", "Successfully pinged pod: example-job-1.headless-svc", "Successfully pinged pod: example-job-2.headless-svc"]
              note: example-workload: "ping" is not simulated; jobplay took it as succeeding with no output (line 7)
            example-job-1-zsmkf Succeeded: ["Successfully pinged pod: example-job-0.headless-svc", "Successfully pinged pod: example-job-1.headless-svc", "Successfully pinged pod: example-job-2.headless-svc"]
              note: example-workload: "ping" is not simulated; jobplay took it as succeeding with no output (line 7)
            example-job-2-jw4vs Succeeded: ["Successfully pinged pod: example-job-0.headless-svc", "Successfully pinged pod: example-job-1.headless-svc", "Successfully pinged pod: example-job-2.headless-svc"]
              note: example-workload: "ping" is not simulated; jobplay took it as succeeding with no output (line 7)
            ---
            NAME                    STATUS     COMPLETIONS   DURATION   AGE
            job.batch/example-job   Complete   3/3           13s        14s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/example-job-0-d2v22   0/1     Completed   0          14s
            pod/example-job-1-zsmkf   0/1     Completed   0          14s
            pod/example-job-2-jw4vs   0/1     Completed   0          14s
            ---
            Name:               example-job
            Namespace:          default
            Selector:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:             batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                batch.kubernetes.io/job-name=example-job
                                controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                job-name=example-job
            Annotations:        <none>
            Parallelism:        3
            Completions:        3
            Completion Mode:    Indexed
            Suspend:            false
            Backoff Limit:      6
            Start Time:         Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:       Wed, 01 Jan 2025 00:00:13 +0000
            Duration:           13s
            Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 0 Failed
            Completed Indexes:  0-2
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=example-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=example-job
              Containers:
               example-workload:
                Image:      bash:latest
                Port:       <none>
                Host Port:  <none>
                Command:
                  bash
                  -c
                  for i in 0 1 2
                  do
                    gotStatus="-1"
                    wantStatus="0"
                    while [ $gotStatus -ne $wantStatus ]
                    do
                      ping -c 1 example-job-${i}.headless-svc > /dev/null 2>&1
                      gotStatus=$?
                      if [ $gotStatus -ne $wantStatus ]; then
                        echo "Failed to ping pod example-job-${i}.headless-svc, retrying in 1 second..."
                        sleep 1
                      fi
                    done
                    echo "Successfully pinged pod: example-job-${i}.headless-svc"
                  done
      
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  14s   job-controller  Created pod: example-job-0-d2v22
              Normal  SuccessfulCreate  14s   job-controller  Created pod: example-job-1-zsmkf
              Normal  SuccessfulCreate  14s   job-controller  Created pod: example-job-2-jw4vs
              Normal  Completed         1s    job-controller  Job completed
        "#]],
    );
}
