//! CronJob scenarios: the CronJob controller's events and decisions (plus how each Job
//! ended), then `kubectl get cronjobs,jobs` at the end, as readable snapshots. Pod-level
//! lines are left out: tests/scenarios.rs covers them. Update snapshots with
//! `UPDATE_EXPECT=1 cargo test --test cron_scenarios`, then read the diff.

use expect_test::{expect, Expect};
use jobplay::view_model::record::{run_text, Overrides};
use jobplay::view_model::{kubectl, timeline};

/// Runs `yaml`; keeps the CronJob's lines, the Jobs' terminal events and scenario actions.
fn check(yaml: &str, expected: Expect) {
    keep_for_conformance(yaml);
    let run = run_text(yaml, Overrides::default());
    assert!(
        !run.loaded.has_errors(),
        "scenario has errors: {:#?}",
        run.loaded.diagnostics
    );
    let kept: String = timeline::render(&run.engine, true)
        .lines()
        .filter(|l| {
            l.contains("CronJob/")
                || l.contains("Scenario/")
                || [
                    " Completed ",
                    " BackoffLimitExceeded ",
                    " DeadlineExceeded ",
                ]
                .iter()
                .any(|r| l.contains(r))
                    && l.contains(" Job/")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let all = kubectl::get_all(&run.engine);
    let without_pods = all
        .split("\n\nNAME ")
        .filter(|t| !t.contains("RESTARTS"))
        .collect::<Vec<_>>()
        .join("\n\nNAME ");
    expected.assert_eq(&format!("{kept}---\n{}", without_pods.trim_end()));
}

/// Writes the scenario to `$JOBPLAY_SCENARIO_DIR/cron-test-<test>-<n>.yaml` when that is
/// set: `scripts/conformance --controllers` replays these runs under Kubernetes' own Job and
/// CronJob controllers (docs/conformance.md).
fn keep_for_conformance(yaml: &str) {
    thread_local! {
        static CHECKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let Some(dir) = std::env::var_os("JOBPLAY_SCENARIO_DIR") else {
        return;
    };
    let n = CHECKS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let test = std::thread::current()
        .name()
        .unwrap_or("scenario")
        .replace("::", "-");
    let path = std::path::Path::new(&dir).join(format!("cron-test-{test}-{n}.yaml"));
    std::fs::write(&path, yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A CronJob whose pods run for `run` and exit with `exit`, plus a Scenario document.
fn cron_job(name: &str, schedule: &str, spec_extra: &str, run: &str, scenario: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"{schedule}\"\n{spec_extra}  jobTemplate:\n    spec:\n      backoffLimit: 0\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: task\n            image: busybox:1.36\n            command: [sh, -c, 'sleep {run}']\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n{scenario}"
    )
}

#[test]
fn allow_runs_overlapping_jobs() {
    check(
        &cron_job("tick", "*/1 * * * *", "", "100", "  until: 4m\n"),
        expect![[r#"
                  +1m  why  CronJob/tick: Schedule "*/1 * * * *" came due at 2025-01-01T00:01:00Z: Job tick-28928161 is created
                  +1m  Normal   CronJob/tick                  SuccessfulCreate   Created job tick-28928161
                  +2m  why  CronJob/tick: Schedule "*/1 * * * *" came due at 2025-01-01T00:02:00Z: Job tick-28928162 is created
                  +2m  Normal   CronJob/tick                  SuccessfulCreate   Created job tick-28928162
               +2m43s  Normal   Job/tick-28928161             Completed          Job completed
               +2m43s  Normal   CronJob/tick                  SawCompletedJob    Saw completed job: tick-28928161, condition: Complete
                  +3m  why  CronJob/tick: Schedule "*/1 * * * *" came due at 2025-01-01T00:03:00Z: Job tick-28928163 is created
                  +3m  Normal   CronJob/tick                  SuccessfulCreate   Created job tick-28928163
               +3m43s  Normal   Job/tick-28928162             Completed          Job completed
               +3m43s  Normal   CronJob/tick                  SawCompletedJob    Saw completed job: tick-28928162, condition: Complete
            ---
            NAME                 SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/tick   */1 * * * *   <none>     False     1        60s             4m

            NAME                      STATUS     COMPLETIONS   DURATION   AGE
            job.batch/tick-28928161   Complete   1/1           103s       3m
            job.batch/tick-28928162   Complete   1/1           103s       2m
            job.batch/tick-28928163   Running    0/1           60s        60s"#]],
    );
}

#[test]
fn forbid_skips_while_a_job_runs_then_starts_the_missed_run_late() {
    check(
        &cron_job(
            "report",
            "*/5 * * * *",
            "  concurrencyPolicy: Forbid\n",
            "400",
            "  until: 21m\n",
        ),
        expect![[r#"
                  +5m  why  CronJob/report: Schedule "*/5 * * * *" came due at 2025-01-01T00:05:00Z: Job report-28928165 is created
                  +5m  Normal   CronJob/report                SuccessfulCreate   Created job report-28928165
                 +10m  why  CronJob/report: The 2025-01-01T00:10:00Z run is not started: report-28928165 still running and concurrencyPolicy is Forbid. lastScheduleTime stays, so it starts late when the running Job finishes, if still within the starting deadline
                 +10m  Normal   CronJob/report                JobAlreadyActive   Not starting job because prior execution is running and concurrency policy is Forbid
              +11m43s  Normal   Job/report-28928165           Completed          Job completed
              +11m43s  why  CronJob/report: Schedule "*/5 * * * *" came due at 2025-01-01T00:10:00Z: Job report-28928170 is created, 1m43.1s after the scheduled time
              +11m43s  Normal   CronJob/report                SawCompletedJob    Saw completed job: report-28928165, condition: Complete
              +11m43s  Normal   CronJob/report                SuccessfulCreate   Created job report-28928170
                 +15m  why  CronJob/report: The 2025-01-01T00:15:00Z run is not started: report-28928170 still running and concurrencyPolicy is Forbid. lastScheduleTime stays, so it starts late when the running Job finishes, if still within the starting deadline
                 +15m  Normal   CronJob/report                JobAlreadyActive   Not starting job because prior execution is running and concurrency policy is Forbid
              +18m26s  Normal   Job/report-28928170           Completed          Job completed
              +18m26s  why  CronJob/report: Schedule "*/5 * * * *" came due at 2025-01-01T00:15:00Z: Job report-28928175 is created, 3m26.1s after the scheduled time
              +18m26s  Normal   CronJob/report                SawCompletedJob    Saw completed job: report-28928170, condition: Complete
              +18m26s  Normal   CronJob/report                SuccessfulCreate   Created job report-28928175
                 +20m  why  CronJob/report: The 2025-01-01T00:20:00Z run is not started: report-28928175 still running and concurrencyPolicy is Forbid. lastScheduleTime stays, so it starts late when the running Job finishes, if still within the starting deadline
                 +20m  Normal   CronJob/report                JobAlreadyActive   Not starting job because prior execution is running and concurrency policy is Forbid
            ---
            NAME                   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/report   */5 * * * *   <none>     False     1        6m              21m

            NAME                        STATUS     COMPLETIONS   DURATION   AGE
            job.batch/report-28928165   Complete   1/1           6m43s      16m
            job.batch/report-28928170   Complete   1/1           6m43s      9m17s
            job.batch/report-28928175   Running    0/1           2m34s      2m34s"#]],
    );
}

#[test]
fn replace_deletes_the_running_job_for_the_new_one() {
    check(
        &cron_job(
            "sync",
            "*/2 * * * *",
            "  concurrencyPolicy: Replace\n",
            "150",
            "  until: 7m\n",
        ),
        expect![[r#"
                  +2m  why  CronJob/sync: Schedule "*/2 * * * *" came due at 2025-01-01T00:02:00Z: Job sync-28928162 is created
                  +2m  Normal   CronJob/sync                  SuccessfulCreate   Created job sync-28928162
                  +4m  why  CronJob/sync: concurrencyPolicy is Replace: the running Job sync-28928162 is deleted to make way for the 2025-01-01T00:04:00Z run
                  +4m  why  CronJob/sync: Schedule "*/2 * * * *" came due at 2025-01-01T00:04:00Z: Job sync-28928164 is created
                  +4m  Normal   CronJob/sync                  SuccessfulDelete   Deleted job sync-28928162
                  +4m  Normal   CronJob/sync                  SuccessfulCreate   Created job sync-28928164
                  +6m  why  CronJob/sync: concurrencyPolicy is Replace: the running Job sync-28928164 is deleted to make way for the 2025-01-01T00:06:00Z run
                  +6m  why  CronJob/sync: Schedule "*/2 * * * *" came due at 2025-01-01T00:06:00Z: Job sync-28928166 is created
                  +6m  Normal   CronJob/sync                  SuccessfulDelete   Deleted job sync-28928164
                  +6m  Normal   CronJob/sync                  SuccessfulCreate   Created job sync-28928166
            ---
            NAME                 SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/sync   */2 * * * *   <none>     False     1        60s             7m

            NAME                      STATUS    COMPLETIONS   DURATION   AGE
            job.batch/sync-28928166   Running   0/1           60s        60s"#]],
    );
}

#[test]
fn controller_outage_runs_only_the_most_recent_missed_start() {
    check(
        &cron_job("hourly", "0 * * * *", "", "30", "  until: 6h\n  actions:\n  - {at: 30m, action: pauseControllers}\n  - {at: 4h20m, action: resumeControllers}\n"),
        expect![[r#"
                 +30m  Warning  Scenario/scenario             ControllersPaused  kube-controller-manager is down: no Job or CronJob controller runs until it is resumed
               +4h20m  Normal   Scenario/scenario             ControllersResumed kube-controller-manager is back: every object is synced
               +4h20m  why  CronJob/hourly: About 4 start times passed since the last one the controller saw; only the most recent, 2025-01-01T04:00:00Z, is considered (no catch-up burst)
               +4h20m  why  CronJob/hourly: Schedule "0 * * * *" came due at 2025-01-01T04:00:00Z: Job hourly-28928400 is created, 20m0s after the scheduled time
               +4h20m  Normal   CronJob/hourly                SuccessfulCreate   Created job hourly-28928400
            +4h20m33s  Normal   Job/hourly-28928400           Completed          Job completed
            +4h20m33s  Normal   CronJob/hourly                SawCompletedJob    Saw completed job: hourly-28928400, condition: Complete
                  +5h  why  CronJob/hourly: Schedule "0 * * * *" came due at 2025-01-01T05:00:00Z: Job hourly-28928460 is created
                  +5h  Normal   CronJob/hourly                SuccessfulCreate   Created job hourly-28928460
               +5h33s  Normal   Job/hourly-28928460           Completed          Job completed
               +5h33s  Normal   CronJob/hourly                SawCompletedJob    Saw completed job: hourly-28928460, condition: Complete
            ---
            NAME                   SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/hourly   0 * * * *   <none>     False     0        60m             6h

            NAME                        STATUS     COMPLETIONS   DURATION   AGE
            job.batch/hourly-28928400   Complete   1/1           33s        100m
            job.batch/hourly-28928460   Complete   1/1           33s        60m"#]],
    );
}

#[test]
fn more_than_100_missed_starts_warn_and_still_start_one() {
    check(
        &cron_job("minutely", "* * * * *", "  successfulJobsHistoryLimit: 1\n", "5", "  until: 2h3m30s\n  actions:\n  - {at: 30s, action: pauseControllers}\n  - {at: 2h2m30s, action: resumeControllers}\n"),
        expect![[r#"
                 +30s  Warning  Scenario/scenario             ControllersPaused  kube-controller-manager is down: no Job or CronJob controller runs until it is resumed
             +2h2m30s  Normal   Scenario/scenario             ControllersResumed kube-controller-manager is back: every object is synced
             +2h2m30s  why  CronJob/minutely: About 122 start times were missed (more than 100): Kubernetes warns, then still starts a Job for the most recent one, 2025-01-01T02:02:00Z
             +2h2m30s  why  CronJob/minutely: Schedule "* * * * *" came due at 2025-01-01T02:02:00Z: Job minutely-28928282 is created, 30s after the scheduled time
             +2h2m30s  Warning  CronJob/minutely              TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew
             +2h2m30s  Normal   CronJob/minutely              SuccessfulCreate   Created job minutely-28928282
             +2h2m38s  Normal   Job/minutely-28928282         Completed          Job completed
             +2h2m38s  Normal   CronJob/minutely              SawCompletedJob    Saw completed job: minutely-28928282, condition: Complete
                +2h3m  why  CronJob/minutely: Schedule "* * * * *" came due at 2025-01-01T02:03:00Z: Job minutely-28928283 is created
                +2h3m  Normal   CronJob/minutely              SuccessfulCreate   Created job minutely-28928283
              +2h3m8s  Normal   Job/minutely-28928283         Completed          Job completed
              +2h3m8s  why  CronJob/minutely: 2 complete Jobs exist and 1 are kept: the oldest (minutely-28928282) is deleted
              +2h3m8s  Normal   CronJob/minutely              SuccessfulDelete   Deleted job minutely-28928282
              +2h3m8s  Normal   CronJob/minutely              SawCompletedJob    Saw completed job: minutely-28928283, condition: Complete
            ---
            NAME                     SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/minutely   * * * * *   <none>     False     0        30s             123m

            NAME                          STATUS     COMPLETIONS   DURATION   AGE
            job.batch/minutely-28928283   Complete   1/1           8s         30s"#]],
    );
}

#[test]
fn starting_deadline_skips_late_starts_silently() {
    let scenario = "  until: 1h20m\n  actions:\n  - {at: 55m, action: pauseControllers}\n  - {at: 1h5m, action: resumeControllers}\n";
    check(
        &cron_job(
            "strict",
            "0 * * * *",
            "  startingDeadlineSeconds: 120\n",
            "30",
            scenario,
        ),
        expect![[r#"
             +55m  Warning  Scenario/scenario             ControllersPaused  kube-controller-manager is down: no Job or CronJob controller runs until it is resumed
            +1h5m  Normal   Scenario/scenario             ControllersResumed kube-controller-manager is back: every object is synced
            +1h5m  why  CronJob/strict: The 2025-01-01T01:00:00Z run was missed and is now more than startingDeadlineSeconds (120s) late: it is skipped silently (no event), as in Kubernetes
        ---
        NAME                   SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
        cronjob.batch/strict   0 * * * *   <none>     False     0        <none>          80m"#]],
    );
    check(
        &cron_job(
            "lenient",
            "0 * * * *",
            "  startingDeadlineSeconds: 600\n",
            "30",
            scenario,
        ),
        expect![[r#"
             +55m  Warning  Scenario/scenario             ControllersPaused  kube-controller-manager is down: no Job or CronJob controller runs until it is resumed
            +1h5m  Normal   Scenario/scenario             ControllersResumed kube-controller-manager is back: every object is synced
            +1h5m  why  CronJob/lenient: Schedule "0 * * * *" came due at 2025-01-01T01:00:00Z: Job lenient-28928220 is created, 5m0s after the scheduled time
            +1h5m  Normal   CronJob/lenient               SuccessfulCreate   Created job lenient-28928220
         +1h5m33s  Normal   Job/lenient-28928220          Completed          Job completed
         +1h5m33s  Normal   CronJob/lenient               SawCompletedJob    Saw completed job: lenient-28928220, condition: Complete
        ---
        NAME                    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
        cronjob.batch/lenient   0 * * * *   <none>     False     0        20m             80m

        NAME                         STATUS     COMPLETIONS   DURATION   AGE
        job.batch/lenient-28928220   Complete   1/1           33s        15m"#]],
    );
}

#[test]
fn suspend_and_resume() {
    check(
        &cron_job("nightly", "0 * * * *", "", "30", "  until: 3h\n  actions:\n  - {at: 10m, action: suspend, target: cronjob/nightly}\n  - {at: 2h30m, action: resume, target: cronjob/nightly}\n"),
        expect![[r#"
                 +10m  why  CronJob/nightly: Scripted action: suspend cronjob/nightly
                 +10m  why  CronJob/nightly: The CronJob is suspended (spec.suspend: true): no Job is started and no new wake-up is set; a change to the CronJob (resume) makes the controller look again
                  +1h  why  CronJob/nightly: The CronJob is suspended (spec.suspend: true): no Job is started and no new wake-up is set; a change to the CronJob (resume) makes the controller look again
               +2h30m  why  CronJob/nightly: Scripted action: resume cronjob/nightly
               +2h30m  why  CronJob/nightly: About 2 start times passed since the last one the controller saw; only the most recent, 2025-01-01T02:00:00Z, is considered (no catch-up burst)
               +2h30m  why  CronJob/nightly: Schedule "0 * * * *" came due at 2025-01-01T02:00:00Z: Job nightly-28928280 is created, 30m0s after the scheduled time
               +2h30m  Normal   CronJob/nightly               SuccessfulCreate   Created job nightly-28928280
            +2h30m33s  Normal   Job/nightly-28928280          Completed          Job completed
            +2h30m33s  Normal   CronJob/nightly               SawCompletedJob    Saw completed job: nightly-28928280, condition: Complete
            ---
            NAME                    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/nightly   0 * * * *   <none>     False     0        60m             3h

            NAME                         STATUS     COMPLETIONS   DURATION   AGE
            job.batch/nightly-28928280   Complete   1/1           33s        30m"#]],
    );
}

#[test]
fn history_limits_delete_the_oldest_finished_jobs() {
    let yaml = cron_job("cleanup", "*/1 * * * *", "  successfulJobsHistoryLimit: 2\n  failedJobsHistoryLimit: 1\n", "5", "  until: 6m30s\n  behaviors:\n  - match: {job: cleanup-28928162}\n    exit: 1\n  - match: {job: cleanup-28928164}\n    exit: 1\n  - match: {cronJob: cleanup}\n    exit: 0\n");
    check(
        &yaml,
        expect![[r#"
                  +1m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:01:00Z: Job cleanup-28928161 is created
                  +1m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928161
               +1m13s  Normal   Job/cleanup-28928161          Completed          Job completed
               +1m13s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928161, condition: Complete
                  +2m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:02:00Z: Job cleanup-28928162 is created
                  +2m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928162
               +2m13s  Warning  Job/cleanup-28928162          BackoffLimitExceeded Job has reached the specified backoff limit
               +2m13s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928162, condition: Failed
                  +3m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:03:00Z: Job cleanup-28928163 is created
                  +3m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928163
               +3m11s  Normal   Job/cleanup-28928163          Completed          Job completed
               +3m11s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928163, condition: Complete
                  +4m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:04:00Z: Job cleanup-28928164 is created
                  +4m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928164
               +4m13s  Warning  Job/cleanup-28928164          BackoffLimitExceeded Job has reached the specified backoff limit
               +4m13s  why  CronJob/cleanup: 2 failed Jobs exist and 1 are kept: the oldest (cleanup-28928162) is deleted
               +4m13s  Normal   CronJob/cleanup               SuccessfulDelete   Deleted job cleanup-28928162
               +4m13s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928164, condition: Failed
                  +5m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:05:00Z: Job cleanup-28928165 is created
                  +5m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928165
               +5m11s  Normal   Job/cleanup-28928165          Completed          Job completed
               +5m11s  why  CronJob/cleanup: 3 complete Jobs exist and 2 are kept: the oldest (cleanup-28928161) is deleted
               +5m11s  Normal   CronJob/cleanup               SuccessfulDelete   Deleted job cleanup-28928161
               +5m11s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928165, condition: Complete
                  +6m  why  CronJob/cleanup: Schedule "*/1 * * * *" came due at 2025-01-01T00:06:00Z: Job cleanup-28928166 is created
                  +6m  Normal   CronJob/cleanup               SuccessfulCreate   Created job cleanup-28928166
               +6m11s  Normal   Job/cleanup-28928166          Completed          Job completed
               +6m11s  why  CronJob/cleanup: 3 complete Jobs exist and 2 are kept: the oldest (cleanup-28928163) is deleted
               +6m11s  Normal   CronJob/cleanup               SuccessfulDelete   Deleted job cleanup-28928163
               +6m11s  Normal   CronJob/cleanup               SawCompletedJob    Saw completed job: cleanup-28928166, condition: Complete
            ---
            NAME                    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/cleanup   */1 * * * *   <none>     False     0        30s             6m30s

            NAME                         STATUS     COMPLETIONS   DURATION   AGE
            job.batch/cleanup-28928164   Failed     0/1           2m30s      2m30s
            job.batch/cleanup-28928165   Complete   1/1           11s        90s
            job.batch/cleanup-28928166   Complete   1/1           11s        30s"#]],
    );
}

#[test]
fn daylight_saving_days_skip_and_repeat_local_times() {
    let spring = cron_job(
        "spring",
        "30 2 * * *",
        "  timeZone: America/New_York\n",
        "5",
        "  start: 2026-03-07T12:00:00Z\n  until: 72h\n",
    );
    check(
        &spring,
        expect![[r#"
        +1d18h30m  why  CronJob/spring: Schedule "30 2 * * *" came due at 2026-03-09T02:30:00-04:00: Job spring-29550630 is created
        +1d18h30m  Normal   CronJob/spring                SuccessfulCreate   Created job spring-29550630
        +1d18h30m8s  Normal   Job/spring-29550630           Completed          Job completed
        +1d18h30m8s  Normal   CronJob/spring                SawCompletedJob    Saw completed job: spring-29550630, condition: Complete
        +2d18h30m  why  CronJob/spring: Schedule "30 2 * * *" came due at 2026-03-10T02:30:00-04:00: Job spring-29552070 is created
        +2d18h30m  Normal   CronJob/spring                SuccessfulCreate   Created job spring-29552070
        +2d18h30m8s  Normal   Job/spring-29552070           Completed          Job completed
        +2d18h30m8s  Normal   CronJob/spring                SawCompletedJob    Saw completed job: spring-29552070, condition: Complete
        ---
        NAME                   SCHEDULE     TIMEZONE           SUSPEND   ACTIVE   LAST SCHEDULE   AGE
        cronjob.batch/spring   30 2 * * *   America/New_York   False     0        5h30m           3d

        NAME                        STATUS     COMPLETIONS   DURATION   AGE
        job.batch/spring-29550630   Complete   1/1           8s         29h
        job.batch/spring-29552070   Complete   1/1           8s         5h30m"#]],
    );
    let fall = cron_job(
        "fall",
        "0 1 * * *",
        "  timeZone: America/New_York\n",
        "5",
        "  start: 2026-10-31T12:00:00Z\n  until: 48h\n",
    );
    check(
        &fall,
        expect![[r#"
                 +17h  why  CronJob/fall: Schedule "0 1 * * *" came due at 2026-11-01T01:00:00-04:00: Job fall-29891820 is created
                 +17h  Normal   CronJob/fall                  SuccessfulCreate   Created job fall-29891820
               +17h8s  Normal   Job/fall-29891820             Completed          Job completed
               +17h8s  Normal   CronJob/fall                  SawCompletedJob    Saw completed job: fall-29891820, condition: Complete
                 +18h  why  CronJob/fall: Schedule "0 1 * * *" came due at 2026-11-01T01:00:00-05:00: Job fall-29891880 is created
                 +18h  Normal   CronJob/fall                  SuccessfulCreate   Created job fall-29891880
               +18h8s  Normal   Job/fall-29891880             Completed          Job completed
               +18h8s  Normal   CronJob/fall                  SawCompletedJob    Saw completed job: fall-29891880, condition: Complete
               +1d18h  why  CronJob/fall: Schedule "0 1 * * *" came due at 2026-11-02T01:00:00-05:00: Job fall-29893320 is created
               +1d18h  Normal   CronJob/fall                  SuccessfulCreate   Created job fall-29893320
             +1d18h6s  Normal   Job/fall-29893320             Completed          Job completed
             +1d18h6s  Normal   CronJob/fall                  SawCompletedJob    Saw completed job: fall-29893320, condition: Complete
            ---
            NAME                 SCHEDULE    TIMEZONE           SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/fall   0 1 * * *   America/New_York   False     0        6h              2d

            NAME                      STATUS     COMPLETIONS   DURATION   AGE
            job.batch/fall-29891820   Complete   1/1           8s         31h
            job.batch/fall-29891880   Complete   1/1           8s         30h
            job.batch/fall-29893320   Complete   1/1           6s         6h"#]],
    );
}

#[test]
fn a_manually_triggered_job_is_unexpected_to_the_controller() {
    check(
        &cron_job("backup", "0 3 * * *", "", "20", "  until: 2m\n  actions:\n  - {at: 30s, action: triggerCronJob, target: cronjob/backup}\n"),
        expect![[r#"
                 +30s  why  CronJob/backup: Scripted action: triggerCronJob cronjob/backup
                 +30s  why  CronJob/backup: Job backup-manual-d2v22 is created by hand from the CronJob's template (kubectl create job --from=cronjob/backup); the CronJob controller did not create it, so it reports it as UnexpectedJob and never lists it in status.active
                 +30s  Warning  CronJob/backup                UnexpectedJob      Saw a job that the controller did not create or forgot: backup-manual-d2v22
                 +33s  Warning  CronJob/backup                UnexpectedJob      Saw a job that the controller did not create or forgot: backup-manual-d2v22
                 +53s  Normal   Job/backup-manual-d2v22       Completed          Job completed
            ---
            NAME                   SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/backup   0 3 * * *   <none>     False     0        <none>          2m

            NAME                            STATUS     COMPLETIONS   DURATION   AGE
            job.batch/backup-manual-d2v22   Complete   1/1           23s        90s"#]],
    );
}

#[test]
fn scenario_time_zone_stands_in_for_the_controller_managers() {
    check(
        &cron_job(
            "local",
            "0 9 * * *",
            "",
            "5",
            "  start: 2026-06-01T00:00:00Z\n  timeZone: Asia/Kolkata\n  until: 24h\n",
        ),
        expect![[r#"
               +3h30m  why  CronJob/local: Schedule "0 9 * * *" came due at 2026-06-01T09:00:00+05:30: Job local-29671410 is created
               +3h30m  Normal   CronJob/local                 SuccessfulCreate   Created job local-29671410
             +3h30m8s  Normal   Job/local-29671410            Completed          Job completed
             +3h30m8s  Normal   CronJob/local                 SawCompletedJob    Saw completed job: local-29671410, condition: Complete
            ---
            NAME                  SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            cronjob.batch/local   0 9 * * *   <none>     False     0        20h             24h

            NAME                       STATUS     COMPLETIONS   DURATION   AGE
            job.batch/local-29671410   Complete   1/1           8s         20h"#]],
    );
}

/// `kubectl delete cronjob`: the CronJob goes, the garbage collector deletes its Jobs in the
/// background and their pods with them, and nothing is scheduled after it.
#[test]
fn deleting_a_cron_job_deletes_its_jobs_and_their_pods() {
    let yaml = cron_job(
        "tick",
        "*/1 * * * *",
        "",
        "100",
        "  until: 5m\n  actions:\n  - {at: 150s, action: deleteCronJob, target: cronjob/tick}\n  - {at: 200s, action: deleteCronJob, target: cronjob/tick}\n",
    );
    check(
        &yaml,
        expect![[r#"
                  +1m  why  CronJob/tick: Schedule "*/1 * * * *" came due at 2025-01-01T00:01:00Z: Job tick-28928161 is created
                  +1m  Normal   CronJob/tick                  SuccessfulCreate   Created job tick-28928161
                  +2m  why  CronJob/tick: Schedule "*/1 * * * *" came due at 2025-01-01T00:02:00Z: Job tick-28928162 is created
                  +2m  Normal   CronJob/tick                  SuccessfulCreate   Created job tick-28928162
               +2m30s  why  CronJob/tick: Scripted action: deleteCronJob cronjob/tick
               +3m20s  why  CronJob/tick: Scripted action: deleteCronJob cronjob/tick
               +3m20s  Warning  Scenario/scenario             ActionSkipped      cronjob/tick does not exist at 2025-01-01T00:03:20Z
            ---
            No resources found in default namespace."#]],
    );
    let run = run_text(&yaml, Overrides::default());
    assert_eq!(
        kubectl::get_all(&run.engine),
        "No resources found in default namespace.\n"
    );
    assert_eq!(run.engine.removed_cron_jobs().len(), 1);
}
