//! Scenario tests: YAML in, the text timeline (with the decisions that explain it) out,
//! compared as readable snapshots. One `check` serves them all (style rule 8).
//! Update snapshots with `UPDATE_EXPECT=1 cargo test --test scenarios`, then read the diff.

use expect_test::{expect, Expect};
use jobplay::view_model::record::{run_text, Overrides, Run};
use jobplay::view_model::{kubectl, timeline};

fn run(yaml: &str) -> Run {
    let run = run_text(yaml, Overrides::default());
    assert!(
        !run.loaded.has_errors(),
        "scenario has errors: {:#?}",
        run.loaded.diagnostics
    );
    run
}

/// Runs `yaml` and compares its timeline, then `kubectl get` at the end.
fn check(yaml: &str, expected: Expect) {
    let run = run(yaml);
    let text = format!(
        "{}---\n{}",
        timeline::render(&run.engine, true),
        kubectl::get_all(&run.engine)
    );
    expected.assert_eq(&text);
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
                 +36s  Normal   Pod/fail-4vsvv                Pulling            Pulling image "busybox:1.36"
                 +38s  Normal   Pod/fail-4vsvv                Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +38s  Normal   Pod/fail-4vsvv                Created            Created container: main
                 +38s  Normal   Pod/fail-4vsvv                Started            Started container main
                 +39s  why  Job/fail: Pod fail-4vsvv failed with exit code 3: failure 3 of the 2 that spec.backoffLimit tolerates
                 +39s  why  Job/fail: Job fails: 3 failed pods exceed spec.backoffLimit 2
                 +39s  Warning  Job/fail                      BackoffLimitExceeded Job has reached the specified backoff limit
            ---
            NAME             STATUS   COMPLETIONS   DURATION   AGE
            job.batch/fail   Failed   0/1           40s        40s

            NAME             READY   STATUS   RESTARTS   AGE
            pod/fail-4vsvv   0/1     Error    0          4s
            pod/fail-d2v22   0/1     Error    0          40s
            pod/fail-smkfj   0/1     Error    0          27s
        "#]],
    );
}

#[test]
fn pod_failure_policy_fail_job_on_exit_42_fails_at_the_first_failure() {
    let spec = "  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: main\n        operator: In\n        values: [42]\n";
    let run = run(&job(
        "pfp",
        spec,
        "        command: [sh, -c, 'sleep 2; exit 42']\n",
    ));
    let job = run.engine.job("pfp").unwrap();
    let conds: Vec<(String, String, String)> = job
        .status
        .conditions
        .iter()
        .map(|c| {
            (
                c.type_.to_string(),
                c.reason.to_string(),
                c.message.to_string(),
            )
        })
        .collect();
    let pod = run.engine.job_pod_names("pfp").unwrap()[0].clone();
    let msg = format!("Container main for pod default/{pod} failed with exit code 42 matching FailJob rule at index 0");
    assert_eq!(
        conds,
        [
            (
                "FailureTarget".into(),
                "PodFailurePolicy".into(),
                msg.clone()
            ),
            ("Failed".into(), "PodFailurePolicy".into(), msg)
        ]
    );
    assert_eq!(
        (
            job.status.failed,
            run.engine.job_pod_names("pfp").unwrap().len()
        ),
        (1, 1)
    );
    let failed_at =
        job.status.conditions[1].last_transition_time.unwrap().0 - run.engine.scenario().start;
    assert!(
        failed_at.whole_secs() <= 30,
        "fails within about 30s, took {failed_at}"
    );
}

#[test]
fn indexed_job_gives_each_index_its_pod_name_hostname_and_env() {
    let spec = "  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n";
    let run = run(&job(
        "idx",
        spec,
        "        command: [sh, -c, 'echo \"index $JOB_COMPLETION_INDEX\"; sleep 3']\n",
    ));
    let job = run.engine.job("idx").unwrap();
    assert_eq!(job.status.completed_indexes.as_deref(), Some("0-2"));
    assert_eq!(job.status.succeeded, 3);
    let names = run.engine.job_pod_names("idx").unwrap();
    for (i, name) in names.iter().enumerate() {
        assert!(name.starts_with(&format!("idx-{i}-")), "{name}");
        let pod = run.engine.pod(name).unwrap();
        assert_eq!(pod.spec.hostname, format!("idx-{i}"));
        assert_eq!(
            pod.metadata.labels["batch.kubernetes.io/job-completion-index"],
            i.to_string()
        );
        assert_eq!(run.engine.logs(name).unwrap(), [format!("index {i}")]);
    }
}

#[test]
fn parallel_fixed_completions_keeps_at_most_parallelism_pods_running() {
    check(
        &job(
            "par",
            "  completions: 5\n  parallelism: 2\n",
            "        command: [sh, -c, 'sleep 10']\n",
        ),
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
                 +13s  Normal   Pod/par-4vsvv                 Pulling            Pulling image "busybox:1.36"
                 +13s  Normal   Pod/par-m7hfz                 Pulling            Pulling image "busybox:1.36"
                 +15s  Normal   Pod/par-4vsvv                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +15s  Normal   Pod/par-4vsvv                 Created            Created container: main
                 +15s  Normal   Pod/par-4vsvv                 Started            Started container main
                 +15s  Normal   Pod/par-m7hfz                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +15s  Normal   Pod/par-m7hfz                 Created            Created container: main
                 +15s  Normal   Pod/par-m7hfz                 Started            Started container main
                 +26s  why  Job/par: Created 1 pod(s): want 1 active = min(spec.parallelism 2, spec.completions 5 − succeeded 4), had 0
                 +26s  Normal   Job/par                       SuccessfulCreate   Created pod: par-pcnvk
                 +26s  Normal   Pod/par-pcnvk                 Scheduled          Successfully assigned default/par-pcnvk to node-2
                 +26s  Normal   Pod/par-pcnvk                 Pulling            Pulling image "busybox:1.36"
                 +28s  Normal   Pod/par-pcnvk                 Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
                 +28s  Normal   Pod/par-pcnvk                 Created            Created container: main
                 +28s  Normal   Pod/par-pcnvk                 Started            Started container main
                 +39s  why  Job/par: Job succeeds: 5 succeeded pods reach spec.completions 5
                 +39s  Normal   Job/par                       Completed          Job completed
            ---
            NAME            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/par   Complete   5/5           39s        40s

            NAME            READY   STATUS      RESTARTS   AGE
            pod/par-4vsvv   0/1     Completed   0          27s
            pod/par-d2v22   0/1     Completed   0          40s
            pod/par-m7hfz   0/1     Completed   0          27s
            pod/par-pcnvk   0/1     Completed   0          14s
            pod/par-zsmkf   0/1     Completed   0          40s
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
        expect![[r#"
              +0s  why  Job/crash: Created 1 pod(s): want 1 active = min(spec.parallelism 1, spec.completions 1 − succeeded 0), had 0
              +0s  Normal   Job/crash                     SuccessfulCreate   Created pod: crash-d2v22
              +0s  Normal   Pod/crash-d2v22               Scheduled          Successfully assigned default/crash-d2v22 to node-3
              +0s  Normal   Pod/crash-d2v22               Pulling            Pulling image "busybox:1.36"
              +2s  Normal   Pod/crash-d2v22               Pulled             Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
              +2s  Normal   Pod/crash-d2v22               Created            Created container: main
              +2s  Normal   Pod/crash-d2v22               Started            Started container main
              +3s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine
              +3s  Normal   Pod/crash-d2v22               Created            Created container: main
              +3s  Normal   Pod/crash-d2v22               Started            Started container main
              +4s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
             +14s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine
             +14s  Normal   Pod/crash-d2v22               Created            Created container: main
             +14s  Normal   Pod/crash-d2v22               Started            Started container main
             +15s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
             +35s  Normal   Pod/crash-d2v22               Pulled             Container image "busybox:1.36" already present on machine
             +35s  Normal   Pod/crash-d2v22               Created            Created container: main
             +35s  Normal   Pod/crash-d2v22               Started            Started container main
             +36s  Warning  Pod/crash-d2v22               BackOff            Back-off restarting failed container main in pod crash-d2v22_default(2a94fcbf-999d-4de6-a924-92596058869d)
             +36s  why  Job/crash: Job fails: 3 container restarts reach spec.backoffLimit 3 (restartPolicy OnFailure counts restarts)
             +36s  why  Job/crash: Deleted 1 active pod(s) because the Job is finishing (BackoffLimitExceeded); they count as failed
             +36s  Normal   Job/crash                     SuccessfulDelete   Deleted pod: crash-d2v22
             +37s  Warning  Job/crash                     BackoffLimitExceeded Job has reached the specified backoff limit
        ---
        NAME              STATUS   COMPLETIONS   DURATION   AGE
        job.batch/crash   Failed   0/1           38s        38s
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

#[test]
fn evicted_pod_counts_as_failed_and_is_replaced_after_the_back_off() {
    let yaml = format!(
        "{}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {{at: 5s, action: evictPod, target: 'job/ev@1'}}\n",
        job("ev", "", "        command: [sh, -c, 'sleep 20']\n")
    );
    check(
        &yaml,
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
fn the_same_scenario_and_seed_give_byte_identical_records() {
    let yaml = job(
        "det",
        "  completions: 4\n  parallelism: 2\n",
        "        command: [sh, -c, 'sleep 3; exit $((RANDOM % 2))']\n",
    );
    let a = run_text(&yaml, Overrides::default()).record_json();
    let b = run_text(&yaml, Overrides::default()).record_json();
    assert_eq!(a, b);
    let other_seed = run_text(
        &yaml,
        Overrides {
            seed: Some(99),
            ..Overrides::default()
        },
    )
    .record_json();
    assert_ne!(a, other_seed, "the seed must matter");
}

#[test]
fn the_ttl_controller_deletes_a_finished_job_and_its_pods_after_the_ttl() {
    let run = run(include_str!("../static/examples/pi-with-ttl.yaml"));
    assert!(run.engine.job("pi-with-ttl").is_none(), "the Job is gone");
    let removed = &run.engine.removed_jobs()[0];
    let completed = removed
        .condition("Complete")
        .unwrap()
        .last_transition_time
        .unwrap()
        .0;
    assert_eq!(
        removed.metadata.deletion_timestamp.unwrap().0 - completed,
        jobplay::time::SimDuration::from_secs(100)
    );
    assert_eq!(run.engine.pods().count(), 0, "its pods went with it");
    let why = run
        .engine
        .decisions()
        .iter()
        .find(|d| d.kind == "ttl-delete")
        .expect("the deletion is explained");
    assert!(
        why.summary.contains("spec.ttlSecondsAfterFinished is 100"),
        "{}",
        why.summary
    );
}

#[test]
fn active_deadline_fails_the_job_and_counts_the_killed_pod_as_failed() {
    let run = run(include_str!("../static/examples/pi-with-timeout.yaml"));
    let job = run.engine.job("pi-with-timeout").unwrap();
    let failed = job.condition("Failed").unwrap();
    assert_eq!(
        (failed.reason.as_str(), failed.message.as_str()),
        (
            "DeadlineExceeded",
            "Job was active longer than specified deadline"
        )
    );
    let target = job
        .condition("FailureTarget")
        .unwrap()
        .last_transition_time
        .unwrap()
        .0;
    assert_eq!(
        target - run.engine.scenario().start,
        jobplay::time::SimDuration::from_secs(100)
    );
    assert_eq!(job.status.failed, 1);
    assert!(
        job.status.completion_time.is_none(),
        "failed Jobs have no completionTime"
    );
}

#[test]
fn backoff_limit_per_index_retries_each_index_once_then_fails_it() {
    let run = run(include_str!(
        "../static/examples/backoff-limit-per-index.yaml"
    ));
    let job = run
        .engine
        .job("job-backoff-limit-per-index-example")
        .unwrap();
    let s = &job.status;
    assert_eq!((s.succeeded, s.failed), (5, 10));
    assert_eq!(
        (s.completed_indexes.as_deref(), s.failed_indexes.as_deref()),
        (Some("1,3,5,7,9"), Some("0,2,4,6,8"))
    );
    let failed = job.condition("Failed").unwrap();
    assert_eq!(
        (failed.reason.as_str(), failed.message.as_str()),
        ("FailedIndexes", "Job has failed indexes")
    );
    // Index 0 ran twice; the retry carries the failure count of the first attempt.
    let index0: Vec<&jobplay::api::Pod> = run
        .engine
        .pods()
        .filter(|p| p.completion_index() == Some(0))
        .collect();
    let counts: Vec<&str> = index0
        .iter()
        .map(|p| p.metadata.annotations["batch.kubernetes.io/job-index-failure-count"].as_str())
        .collect();
    let mut sorted = counts.clone();
    sorted.sort();
    assert_eq!(sorted, ["0", "1"]);
}

#[test]
fn success_policy_completes_when_the_leader_index_succeeds_without_failing_the_rest() {
    let run = run(include_str!("../static/examples/success-policy.yaml"));
    let job = run.engine.job("job-success").unwrap();
    let complete = job.condition("Complete").unwrap();
    assert_eq!(
        (complete.reason.as_str(), complete.message.as_str()),
        ("SuccessPolicy", "Matched rules at index 0")
    );
    assert_eq!(
        (job.status.succeeded, job.status.failed),
        (1, 0),
        "deleted workers are not failures"
    );
    assert_eq!(
        run.engine
            .events()
            .iter()
            .filter(|e| e.reason == "SuccessfulDelete")
            .count(),
        9
    );
}

/// `kubectl describe pod` and `get -o wide` of one pod at the end of a run.
fn check_pod_views(yaml: &str, pod_index: usize, expected: Expect) {
    let run = run(yaml);
    let mut pods: Vec<&jobplay::api::Pod> = run.engine.pods().collect();
    pods.sort_by(|a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
            .then(a.metadata.name.cmp(&b.metadata.name))
    });
    let pod = pods[pod_index];
    let text = format!(
        "{}---\n{}",
        kubectl::describe_pod(&run.engine, pod),
        kubectl::get_all_columns(&run.engine, kubectl::Columns::Wide)
    );
    expected.assert_eq(&text);
}

#[test]
fn describe_pod_and_wide_listing_of_a_restarted_indexed_pod() {
    let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: idx\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimit: 3\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [sh, -c, 'sleep 3; exit 1']\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 15s\n";
    check_pod_views(
        yaml,
        0,
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
        Annotations:      batch.kubernetes.io/job-completion-index=0
        Status:           Running
        IP:               10.244.0.2
        IPs:
          IP:           10.244.0.2
        Controlled By:  Job/idx
        Containers:
          main:
            Image:      busybox:1.36
            Port:       <none>
            Host Port:  <none>
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
              JOB_COMPLETION_INDEX:  (v1:metadata.labels['batch.kubernetes.io/job-completion-index'])
            Mounts:                  <none>
        Conditions:
          Type                        Status
          PodScheduled                True 
          PodReadyToStartContainers   True 
          Initialized                 True 
          Ready                       False 
          ContainersReady             False 
        Volumes:                      <none>
        QoS Class:                    BestEffort
        Node-Selectors:               <none>
        Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                      node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:
          Type     Reason     Age                From               Message
          ----     ------     ----               ----               -------
          Normal   Scheduled  15s                default-scheduler  Successfully assigned default/idx-0-d2v22 to node-1
          Normal   Pulling    15s                kubelet            Pulling image "busybox:1.36"
          Normal   Pulled     13s                kubelet            Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 15403711 bytes.
          Normal   Created    10s (x2 over 13s)  kubelet            Created container: main
          Normal   Started    10s (x2 over 13s)  kubelet            Started container main
          Normal   Pulled     10s                kubelet            Container image "busybox:1.36" already present on machine
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

/// The Job's `status.ready` and its pods' READY column at each offset.
fn check_readiness(yaml: &str, offsets: &[u64], expected: Expect) {
    let loaded = jobplay::scenario::load(yaml);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let mut engine = jobplay::sim::Engine::new(loaded.scenario.clone());
    let mut text = String::new();
    for secs in offsets {
        engine.handle_timeout(
            loaded.scenario.start + jobplay::time::SimDuration::from_secs(*secs as i64),
        );
        let job = engine.jobs().next().expect("a Job");
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
    expected.assert_eq(&text);
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
    check_readiness(
        &yaml,
        &[3, 11, 12, 21, 22, 23, 61, 63],
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
