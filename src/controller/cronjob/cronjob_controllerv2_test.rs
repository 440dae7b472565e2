//! `sync_cron_job` case by case, in the manner of
//! pkg/controller/cronjob/cronjob_controllerv2_test.go `TestControllerV2SyncCronJob`: the
//! schedule, concurrency policy, suspend, starting deadline, last schedule time, the Jobs the
//! CronJob owns and `now` go in; the Jobs created or deleted, the events, the requeue and the
//! status come out as a few readable lines.
//!
//! The instants are upstream's: the CronJob `mycronjob` runs `0 * * * *`; "the prior hour"
//! is 2016-05-19T09:00Z and "the hour" 10:00Z. A CronJob that never ran was created at
//! 09:59; one that ran before was created at 08:59, last scheduled at 09:01, and its Job was
//! created at 09:01 (and, when done, completed 10s later).

use expect_test::{expect, Expect};

use super::*;
use crate::controller::cronjob::utils::job_from_template;

const JUST_BEFORE_THE_PRIOR_HOUR: &str = "2016-05-19T08:59:00Z";
const JUST_AFTER_THE_PRIOR_HOUR: &str = "2016-05-19T09:01:00Z";
const JUST_BEFORE_THE_HOUR: &str = "2016-05-19T09:59:00Z";
const JUST_AFTER_THE_HOUR: &str = "2016-05-19T10:01:00Z";
const WEEK_AFTER_THE_HOUR: &str = "2016-05-26T10:00:00Z";

/// upstream's `shortDead`, `mediumDead` and `longDead`.
const SHORT_DEAD: i64 = 10;
const MEDIUM_DEAD: i64 = 2 * 60 * 60;
const LONG_DEAD: i64 = 1_000_000;

fn t(text: &str) -> SimTime {
    SimTime::parse_rfc3339(text).expect("an RFC 3339 instant")
}

fn utc() -> Zone {
    Zone::load("UTC").expect("UTC")
}

/// What the CronJob's Jobs look like before the sync.
#[derive(Clone, Copy, PartialEq)]
enum Ran {
    /// Created at 09:59, no Job yet.
    Never,
    /// Ran at 09:01; that Job completed at 09:01:10.
    Done,
    /// Ran at 09:01; that Job is still running and listed in `status.active`.
    StillActive,
}

/// One row of the table.
struct Case {
    name: &'static str,
    /// Extra lines under the CronJob's `spec:` (concurrencyPolicy, suspend ...).
    spec: &'static str,
    schedule: &'static str,
    deadline: Option<i64>,
    ran: Ran,
    /// Overrides `status.lastScheduleTime` (upstream's `lastScheduleTime`).
    last_schedule: Option<&'static str>,
    /// Overrides the CronJob's creation time (upstream's `cronjobCreationTime`).
    created: Option<&'static str>,
    /// Changes after the setup above (more Jobs, a lost Job ...).
    before: fn(&mut CronJob, &mut Vec<Job>),
    now: &'static str,
    want: Expect,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            name: "",
            spec: "",
            schedule: "0 * * * *",
            deadline: None,
            ran: Ran::Never,
            last_schedule: None,
            created: None,
            before: |_, _| {},
            now: JUST_AFTER_THE_HOUR,
            want: expect![""],
        }
    }
}

fn cron_job(case: &Case) -> CronJob {
    let deadline = case.deadline.map_or(String::new(), |d| {
        format!("  startingDeadlineSeconds: {d}\n")
    });
    let yaml = format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: mycronjob}}\nspec:\n  schedule: '{}'\n{deadline}{}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{{name: c, image: foo/bar}}]\n",
        case.schedule, case.spec
    );
    let loaded = crate::scenario::load(&yaml);
    let mut cj = loaded
        .scenario
        .cron_jobs
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{}: {:#?}", case.name, loaded.diagnostics));
    cj.metadata.uid = "1a2b3c".into();
    cj
}

/// The CronJob and its Jobs as the case sets them up.
fn setup(case: &Case) -> (CronJob, Vec<Job>) {
    let mut cj = cron_job(case);
    let mut jobs = Vec::new();
    let created = if case.ran == Ran::Never {
        JUST_BEFORE_THE_HOUR
    } else {
        JUST_BEFORE_THE_PRIOR_HOUR
    };
    cj.metadata.creation_timestamp = Some(Time(t(case.created.unwrap_or(created))));
    if case.ran != Ran::Never {
        cj.status.last_schedule_time = Some(Time(t(JUST_AFTER_THE_PRIOR_HOUR)));
        let mut job = job_from_template(&cj, t(JUST_AFTER_THE_PRIOR_HOUR), &utc());
        job.metadata.uid = "1234".into();
        job.metadata.creation_timestamp = Some(Time(t(JUST_AFTER_THE_PRIOR_HOUR)));
        job.status.start_time = job.metadata.creation_timestamp;
        if case.ran == Ran::StillActive {
            cj.status.active.push(object_ref(&job));
        } else {
            finish(
                &mut job,
                "Complete",
                t(JUST_AFTER_THE_PRIOR_HOUR) + secs(10),
            );
        }
        jobs.push(job);
    }
    if let Some(last) = case.last_schedule {
        cj.status.last_schedule_time = Some(Time(t(last)));
    }
    (case.before)(&mut cj, &mut jobs);
    (cj, jobs)
}

fn secs(s: i64) -> SimDuration {
    SimDuration::from_secs(s)
}

/// Marks `job` finished as `type_` (`Complete` or `Failed`) at `at`.
fn finish(job: &mut Job, type_: &str, at: SimTime) {
    if type_ == "Complete" {
        job.status.completion_time = Some(Time(at));
    }
    job.status.conditions.push(crate::api::Condition {
        type_: crate::api::Str::copy(type_),
        status: "True".into(),
        last_probe_time: Some(Time(at)),
        last_transition_time: Some(Time(at)),
        reason: Default::default(),
        message: Default::default(),
    });
}

/// A finished Job of `cj` for the scheduled time `at`, started then and finished 10s later.
fn finished_job(cj: &CronJob, at: &str, type_: &str, uid: &str) -> Job {
    let mut job = job_from_template(cj, t(at), &utc());
    job.metadata.uid = crate::api::Str::copy(uid);
    job.metadata.creation_timestamp = Some(Time(t(at)));
    job.status.start_time = job.metadata.creation_timestamp;
    finish(&mut job, type_, t(at) + secs(10));
    job
}

fn render(out: &SyncOutput) -> String {
    let s = &out.status;
    let time = |t: Option<Time>| t.map_or("-".to_string(), |t| t.0.rfc3339());
    let active: Vec<&str> = s.active.iter().map(|r| r.name.as_str()).collect();
    let mut text = format!(
        "active [{}], lastScheduleTime {}, lastSuccessfulTime {}\n",
        active.join(", "),
        time(s.last_schedule_time),
        time(s.last_successful_time)
    );
    let actions: Vec<String> = out
        .actions
        .iter()
        .map(|a| match a {
            CronAction::CreateJob(j) => format!("create {}", j.metadata.name),
            CronAction::DeleteJob(n) => format!("delete {n}"),
        })
        .collect();
    if !actions.is_empty() {
        text += &format!("jobs: {}\n", actions.join(", "));
    }
    for e in &out.events {
        let type_ = if e.warning { "Warning" } else { "Normal" };
        text += &format!("event {type_} {}: {}\n", e.reason, e.message);
    }
    if let Some(r) = out.requeue_after {
        text += &format!("requeue after {}\n", r.go());
    }
    // Each decision's kind, with the scheduled time and outcome it carries as data.
    let why: Vec<String> = out
        .why
        .iter()
        .map(|w| match w.schedule {
            Some(ScheduleDecision { scheduled, outcome }) => format!(
                "{} ({outcome:?} {})",
                w.kind,
                scheduled.map_or("-".into(), |t| t.rfc3339())
            ),
            None => w.kind.to_string(),
        })
        .collect();
    if !why.is_empty() {
        text += &format!("why: {}\n", why.join(", "));
    }
    text
}

fn cases() -> Vec<Case> {
    vec![
        // --- never ran ------------------------------------------------------------------
        Case {
            // Validation keeps such a CronJob out of a scenario; the controller still copes.
            name: "never ran, not valid schedule",
            before: |cj, _| cj.spec.schedule = "obvious error schedule".into(),
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime -, lastSuccessfulTime -
                event Warning UnparseableSchedule: unparseable schedule: "obvious error schedule" : expected exactly 5 fields, found 3: [obvious error schedule]
            "#]],
            ..Case::default()
        },
        Case {
            name: "never ran, not valid time zone",
            before: |cj, _| cj.spec.time_zone = Some("bad timezone".into()),
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime -, lastSuccessfulTime -
                event Warning UnknownTimeZone: invalid timeZone: "bad timezone": unknown time zone bad timezone
            "#]],
            ..Case::default()
        },
        Case {
            name: "never ran, not time, A",
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime -, lastSuccessfulTime -
                requeue after 1m0.1s
            "#]],
            ..Case::default()
        },
        Case {
            name: "never ran, is time, A",
            want: expect![[r#"
                active [mycronjob-24394200], lastScheduleTime 2016-05-19T10:00:00Z, lastSuccessfulTime -
                jobs: create mycronjob-24394200
                event Normal SuccessfulCreate: Created job mycronjob-24394200
                requeue after 59m0.1s
                why: schedule (Created 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            // 09:00 New York (EDT, UTC-4) is 13:00 UTC; the Job's name counts UTC minutes.
            name: "never ran, is time in zone",
            spec: "  timeZone: America/New_York\n",
            schedule: "0 9 * * *",
            now: "2016-05-19T13:00:05Z",
            want: expect![[r#"
                active [mycronjob-24394380], lastScheduleTime 2016-05-19T13:00:00Z, lastSuccessfulTime -
                jobs: create mycronjob-24394380
                event Normal SuccessfulCreate: Created job mycronjob-24394380
                requeue after 23h59m55.1s
                why: schedule (Created 2016-05-19T13:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "never ran, is time, suspended",
            spec: "  suspend: true\n",
            want: expect![[r#"
                active [], lastScheduleTime -, lastSuccessfulTime -
                why: suspended (Suspended -)
            "#]],
            ..Case::default()
        },
        Case {
            // 10:12: the 10:00 start is more than 10s late, so it is skipped without an
            // event, and the next look is at 11:00.
            name: "never ran, is time, past deadline",
            deadline: Some(SHORT_DEAD),
            now: "2016-05-19T10:12:00Z",
            want: expect![[r#"
                active [], lastScheduleTime -, lastSuccessfulTime -
                requeue after 48m0.1s
                why: deadline-missed (MissedPastDeadline 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "never ran, is time, not past deadline",
            deadline: Some(LONG_DEAD),
            want: expect![[r#"
                active [mycronjob-24394200], lastScheduleTime 2016-05-19T10:00:00Z, lastSuccessfulTime -
                jobs: create mycronjob-24394200
                event Normal SuccessfulCreate: Created job mycronjob-24394200
                requeue after 59m0.1s
                why: schedule (Created 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        // --- ran before, done -----------------------------------------------------------
        Case {
            name: "prev ran but done, not time, A",
            ran: Ran::Done,
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                requeue after 1m0.1s
            "#]],
            ..Case::default()
        },
        Case {
            name: "prev ran but done, is time, F",
            spec: "  concurrencyPolicy: Forbid\n",
            ran: Ran::Done,
            want: expect![[r#"
                active [mycronjob-24394200], lastScheduleTime 2016-05-19T10:00:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: create mycronjob-24394200
                event Normal SuccessfulCreate: Created job mycronjob-24394200
                requeue after 59m0.1s
                why: schedule (Created 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        // --- still active: Allow, Forbid, Replace ------------------------------------------
        Case {
            name: "still active, is time, A",
            ran: Ran::StillActive,
            want: expect![[r#"
                active [mycronjob-24394141, mycronjob-24394200], lastScheduleTime 2016-05-19T10:00:00Z, lastSuccessfulTime -
                jobs: create mycronjob-24394200
                event Normal SuccessfulCreate: Created job mycronjob-24394200
                requeue after 59m0.1s
                why: schedule (Created 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "still active, is time, F",
            spec: "  concurrencyPolicy: Forbid\n",
            ran: Ran::StillActive,
            want: expect![[r#"
                active [mycronjob-24394141], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime -
                event Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid
                requeue after 59m0.1s
                why: forbid-skip (SkippedByForbid 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "still active, is time, R",
            spec: "  concurrencyPolicy: Replace\n",
            ran: Ran::StillActive,
            want: expect![[r#"
                active [mycronjob-24394200], lastScheduleTime 2016-05-19T10:00:00Z, lastSuccessfulTime -
                jobs: delete mycronjob-24394141, create mycronjob-24394200
                event Normal SuccessfulDelete: Deleted job mycronjob-24394141
                event Normal SuccessfulCreate: Created job mycronjob-24394200
                requeue after 59m0.1s
                why: replace (Replaced 2016-05-19T10:00:00Z), schedule (Created 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "still active, is time, suspended",
            spec: "  suspend: true\n",
            ran: Ran::StillActive,
            want: expect![[r#"
                active [mycronjob-24394141], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime -
                why: suspended (Suspended -)
            "#]],
            ..Case::default()
        },
        Case {
            name: "still active, is time, past deadline",
            deadline: Some(SHORT_DEAD),
            ran: Ran::StillActive,
            want: expect![[r#"
                active [mycronjob-24394141], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime -
                requeue after 59m0.1s
                why: deadline-missed (MissedPastDeadline 2016-05-19T10:00:00Z)
            "#]],
            ..Case::default()
        },
        // --- long overdue ---------------------------------------------------------------
        Case {
            // More than 100 missed starts: a warning, then the most recent one still runs.
            name: "prev ran but done, long overdue, no deadline, A",
            ran: Ran::Done,
            now: WEEK_AFTER_THE_HOUR,
            want: expect![[r#"
                active [mycronjob-24404280], lastScheduleTime 2016-05-26T10:00:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: create mycronjob-24404280
                event Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew
                event Normal SuccessfulCreate: Created job mycronjob-24404280
                requeue after 1h0m0.1s
                why: too-many-missed (ManyMissedBefore 2016-05-26T10:00:00Z), schedule (Created 2016-05-26T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            // A two-hour deadline bounds the look back: two missed starts, no warning.
            name: "prev ran but done, long overdue, past medium deadline, A",
            deadline: Some(MEDIUM_DEAD),
            ran: Ran::Done,
            now: WEEK_AFTER_THE_HOUR,
            want: expect![[r#"
                active [mycronjob-24404280], lastScheduleTime 2016-05-26T10:00:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: create mycronjob-24404280
                event Normal SuccessfulCreate: Created job mycronjob-24404280
                requeue after 1h0m0.1s
                why: missed-runs (FewMissedBefore 2016-05-26T10:00:00Z), schedule (Created 2016-05-26T10:00:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "prev ran but done, long overdue, past short deadline, R",
            spec: "  concurrencyPolicy: Replace\n",
            deadline: Some(SHORT_DEAD),
            ran: Ran::Done,
            now: WEEK_AFTER_THE_HOUR,
            want: expect![[r#"
                active [mycronjob-24404280], lastScheduleTime 2016-05-26T10:00:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: create mycronjob-24404280
                event Normal SuccessfulCreate: Created job mycronjob-24404280
                requeue after 1h0m0.1s
                why: schedule (Created 2016-05-26T10:00:00Z)
            "#]],
            ..Case::default()
        },
        // --- @every -----------------------------------------------------------------------
        Case {
            name: "with @every schedule, never ran, is time",
            schedule: "@every 1h",
            created: Some(JUST_BEFORE_THE_PRIOR_HOUR),
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [mycronjob-24394199], lastScheduleTime 2016-05-19T09:59:00Z, lastSuccessfulTime -
                jobs: create mycronjob-24394199
                event Normal SuccessfulCreate: Created job mycronjob-24394199
                requeue after 1h0m0.1s
                why: schedule (Created 2016-05-19T09:59:00Z)
            "#]],
            ..Case::default()
        },
        Case {
            name: "with @every schedule, prev ran but done, long overdue, no deadline",
            schedule: "@every 1h",
            ran: Ran::Done,
            created: Some(JUST_AFTER_THE_PRIOR_HOUR),
            last_schedule: Some(JUST_AFTER_THE_HOUR),
            now: WEEK_AFTER_THE_HOUR,
            want: expect![[r#"
                active [mycronjob-24404221], lastScheduleTime 2016-05-26T09:01:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: create mycronjob-24404221
                event Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew
                event Normal SuccessfulCreate: Created job mycronjob-24404221
                requeue after 1m0.1s
                why: too-many-missed (ManyMissedBefore 2016-05-26T09:01:00Z), schedule (Created 2016-05-26T09:01:00Z)
            "#]],
            ..Case::default()
        },
        // --- the active list against the Jobs that exist -----------------------------------
        Case {
            name: "an active Job that finished leaves the list with SawCompletedJob and, successful, sets lastSuccessfulTime in the same sync",
            ran: Ran::StillActive,
            before: |_, jobs| finish(&mut jobs[0], "Complete", t("2016-05-19T09:30:00Z")),
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime 2016-05-19T09:30:00Z
                event Normal SawCompletedJob: Saw completed job: mycronjob-24394141, condition: Complete
                requeue after 1m0.1s
            "#]],
            ..Case::default()
        },
        Case {
            name: "an active Job that no longer exists is MissingJob",
            ran: Ran::StillActive,
            before: |_, jobs| jobs.clear(),
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime -
                event Normal MissingJob: Active job went missing: mycronjob-24394141
                requeue after 1m0.1s
            "#]],
            ..Case::default()
        },
        // --- history limits ---------------------------------------------------------------
        Case {
            // cronjob_controllerv2.go `cleanupFinishedJobs`: the oldest go first, each kind
            // against its own limit (successful 1, failed 1 here).
            name: "history limits delete the oldest finished Jobs beyond each limit",
            spec: "  successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 1\n",
            ran: Ran::Done,
            before: |cj, jobs| {
                jobs.push(finished_job(cj, "2016-05-19T07:00:00Z", "Complete", "c7"));
                jobs.push(finished_job(cj, "2016-05-19T08:00:00Z", "Failed", "f8"));
                jobs.push(finished_job(cj, "2016-05-19T06:00:00Z", "Failed", "f6"));
            },
            now: JUST_BEFORE_THE_HOUR,
            want: expect![[r#"
                active [], lastScheduleTime 2016-05-19T09:01:00Z, lastSuccessfulTime 2016-05-19T09:01:10Z
                jobs: delete mycronjob-24394020, delete mycronjob-24393960
                event Normal SuccessfulDelete: Deleted job mycronjob-24394020
                event Normal SuccessfulDelete: Deleted job mycronjob-24393960
                requeue after 1m0.1s
                why: history-cleanup, history-cleanup
            "#]],
            ..Case::default()
        },
    ]
}

#[test]
fn sync_cron_job_table() {
    let mut names = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for case in cases() {
        assert!(names.insert(case.name), "two cases named {:?}", case.name);
        let (cj, jobs) = setup(&case);
        let refs: Vec<&Job> = jobs.iter().collect();
        let existing = |name: &str| jobs.iter().find(|j| j.metadata.name == name);
        let out = sync_cron_job(&SyncInput {
            cron_job: &cj,
            jobs: &refs,
            existing: &existing,
            local_zone: utc(),
            now: t(case.now),
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

/// pkg/controller/cronjob/cronjob_controllerv2_test.go `TestControllerV2UpdateCronJob`: a
/// CronJob last scheduled at 09:59 changes a second before the hour.
#[test]
fn update_cron_job_queues_a_new_schedule_for_when_it_comes_due() {
    let cron_job = |schedule: &str, zone: Option<&str>, label: &str| {
        let mut cj = CronJob::default();
        cj.spec.schedule = schedule.into();
        cj.spec.time_zone = zone.map(Into::into);
        cj.spec
            .job_template
            .metadata
            .labels
            .insert("a".into(), crate::api::Str::copy(label));
        cj.status.last_schedule_time = Some(Time(t(JUST_BEFORE_THE_HOUR)));
        cj
    };
    let now = t("2016-05-19T09:59:59Z");
    let update = |old: CronJob, new: CronJob| update_cron_job(&old, &new, utc(), now);
    let after = |ms: i64| OnUpdate::SyncAfter(SimDuration::from_millis(ms));
    let ny = Some("America/New_York");
    assert_eq!(
        update(cron_job("", None, "b"), cron_job("", None, "foo")),
        OnUpdate::SyncNow,
        "spec.template changed"
    );
    assert_eq!(
        update(
            cron_job("30 * * * *", None, "b"),
            cron_job("*/1 * * * *", None, "b")
        ),
        after(1_100),
        "spec.schedule changed"
    );
    assert_eq!(
        update(
            cron_job("@every 1m", None, "b"),
            cron_job("@every 3m", None, "b")
        ),
        after(121_100),
        "spec.schedule with @every changed - cadence decrease"
    );
    assert_eq!(
        update(
            cron_job("@every 3m", None, "b"),
            cron_job("@every 1m", None, "b")
        ),
        after(1_100),
        "spec.schedule with @every changed - cadence increase"
    );
    assert_eq!(
        update(cron_job("", ny, "b"), cron_job("", ny, "foo")),
        OnUpdate::SyncNow,
        "spec.timeZone not changed"
    );
    assert!(
        matches!(
            update(cron_job("", ny, "b"), cron_job("", None, "foo")),
            OnUpdate::Unparseable(JobEvent { ref reason, .. }) if reason == "UnParseableCronJobSchedule"
        ),
        "spec.timeZone changed, and the empty schedule does not parse: no sync"
    );
}
