//! pkg/controller/cronjob/utils.go: the most recent unmet schedule time (with Kubernetes'
//! missed-run estimate, approximation included), the requeue delay, and the Job built from
//! the template.

use crate::api::well_known as wk;
use crate::api::{CronJob, Job, ObjectMeta, OwnerReference, Time};
use crate::cron::{Schedule, Zone};
use crate::time::{SimDuration, SimTime};

/// `nextScheduleDelta`: requeues aim 100 ms past the schedule to absorb clock skew.
pub const NEXT_SCHEDULE_DELTA: SimDuration = SimDuration::from_millis(100);

/// More than this many estimated misses raises `TooManyMissedTimes`.
pub const MANY_MISSED: i64 = 100;

/// How many schedule times were missed, as Kubernetes estimates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missed {
    None,
    Few(i64),
    Many(i64),
}

/// What `mostRecentScheduleTime` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MostRecent {
    /// `lastScheduleTime`, else the creation time, raised to `now - startingDeadlineSeconds`
    /// when asked to.
    pub earliest: SimTime,
    pub most_recent: Option<SimTime>,
    pub missed: Missed,
}

/// `mostRecentScheduleTime`: the latest schedule time not after `now`, found from two
/// consecutive times and an estimate of how many fit since then. For irregular
/// schedules the estimate can overshoot and report none; Kubernetes does the same.
/// `last_schedule` is the status being built (a sync may have just advanced it).
pub fn most_recent_schedule_time(
    cj: &CronJob,
    last_schedule: Option<Time>,
    now: SimTime,
    schedule: &Schedule,
    zone: &Zone,
    include_deadline: bool,
) -> Result<MostRecent, String> {
    let mut earliest = last_schedule
        .or(cj.metadata.creation_timestamp)
        .map(|t| t.0)
        .unwrap_or(now);
    if include_deadline {
        if let Some(deadline) = cj.spec.starting_deadline_seconds {
            earliest = earliest.max(now - SimDuration::from_secs(deadline));
        }
    }
    let none = MostRecent {
        earliest,
        most_recent: None,
        missed: Missed::None,
    };
    let Some(t1) = schedule.next(earliest, zone) else {
        // robfig's zero time: the schedule never fires; the interval check below reports it.
        return Err("time difference between two schedules is less than 1 second".into());
    };
    if now < t1 {
        return Ok(none);
    }
    let t2 = schedule.next(t1, zone);
    let Some(t2) = t2.filter(|t2| now >= *t2) else {
        if t2.is_none() {
            return Err("time difference between two schedules is less than 1 second".into());
        }
        return Ok(MostRecent {
            most_recent: Some(t1),
            ..none
        });
    };
    let interval = rounded_seconds(t2 - t1);
    if interval < 1 {
        return Err("time difference between two schedules is less than 1 second".into());
    }
    let elapsed = (now - t1).whole_secs();
    let missed_count = elapsed / interval + 1;
    let potential_earliest = t1 + SimDuration::from_secs((missed_count - 2) * interval);
    let mut most_recent = None;
    let mut t = schedule.next(potential_earliest, zone);
    while let Some(fire) = t.filter(|f| *f <= now) {
        most_recent = Some(fire);
        t = schedule.next(fire, zone);
    }
    let missed = if missed_count > MANY_MISSED {
        Missed::Many(missed_count)
    } else {
        Missed::Few(missed_count)
    };
    Ok(MostRecent {
        earliest,
        most_recent,
        missed,
    })
}

/// Go's `Duration.Round(time.Second).Seconds()` as an integer.
fn rounded_seconds(d: SimDuration) -> i64 {
    let ms = d.as_millis();
    (ms + if ms >= 0 { 500 } else { -500 }) / 1000
}

/// `nextScheduleTimeDuration`: how long until the controller looks again.
pub fn next_schedule_time_duration(
    cj: &CronJob,
    last_schedule: Option<Time>,
    now: SimTime,
    schedule: &Schedule,
    zone: &Zone,
) -> Option<SimDuration> {
    let base = match most_recent_schedule_time(cj, last_schedule, now, schedule, zone, false) {
        Err(_) => now,
        Ok(MostRecent {
            most_recent: Some(t),
            ..
        }) => t,
        Ok(MostRecent {
            earliest,
            missed: Missed::None,
            ..
        }) => earliest,
        Ok(_) => now,
    };
    schedule
        .next(base, zone)
        .map(|next| next + NEXT_SCHEDULE_DELTA - now)
}

/// `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`.
pub fn job_name(cj: &CronJob, scheduled: SimTime) -> String {
    format!(
        "{}-{}",
        cj.metadata.name,
        scheduled.unix_seconds().div_euclid(60)
    )
}

/// The controller reference a CronJob puts on its Jobs.
pub fn controller_ref(cj: &CronJob) -> OwnerReference {
    OwnerReference {
        api_version: "batch/v1".into(),
        kind: "CronJob".into(),
        name: cj.metadata.name.clone(),
        uid: cj.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// `getJobFromTemplate2`: labels and annotations from the template, the scheduled-timestamp
/// annotation in the CronJob's zone, the controller reference, the template's spec.
pub fn job_from_template(cj: &CronJob, scheduled: SimTime, zone: &Zone) -> Job {
    let template = &cj.spec.job_template;
    let mut annotations = template.metadata.annotations.clone();
    annotations.insert(
        wk::CRONJOB_SCHEDULED_TIMESTAMP.into(),
        zone.rfc3339(scheduled.unix_seconds()).into(),
    );
    Job {
        metadata: ObjectMeta {
            name: job_name(cj, scheduled).into(),
            namespace: cj.metadata.namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations,
            owner_references: vec![controller_ref(cj)].into(),
            ..ObjectMeta::default()
        },
        spec: template.spec.clone(),
        ..Job::default()
    }
}

/// The CronJob that controls a Job, by controller reference name (as
/// `getJobsToBeReconciled` matches).
pub fn owner_cron_job(job: &Job) -> Option<&str> {
    job.metadata
        .owner_references
        .iter()
        .find(|r| r.kind == "CronJob" && r.controller == Some(true))
        .map(|r| r.name.as_str())
}

/// Jobs sort for history cleanup: by start time, unstarted last, then by name.
pub fn by_job_start_time(a: &Job, b: &Job) -> std::cmp::Ordering {
    match (a.status.start_time, b.status.start_time) {
        (Some(x), Some(y)) => {
            x.0.cmp(&y.0)
                .then_with(|| a.metadata.name.cmp(&b.metadata.name))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.metadata.name.cmp(&b.metadata.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cron::parse_standard;

    fn t(s: &str) -> SimTime {
        SimTime::parse_rfc3339(s).unwrap()
    }

    fn cron_job(
        schedule: &str,
        created: &str,
        last: Option<&str>,
        deadline: Option<i64>,
    ) -> (CronJob, Schedule) {
        let mut cj = CronJob::default();
        cj.metadata.name = "c".into();
        cj.spec.schedule = schedule.into();
        cj.metadata.creation_timestamp = Some(Time(t(created)));
        cj.status.last_schedule_time = last.map(|l| Time(t(l)));
        cj.spec.starting_deadline_seconds = deadline;
        (cj, parse_standard(schedule).unwrap())
    }

    #[test]
    fn the_estimate_misses_irregular_schedules_as_kubernetes_does() {
        // Upstream's own case: last run Thursday 10:30, now Friday 16:30 -> none.
        let (cj, s) = cron_job(
            "30 10,11,12 * * 1-5",
            "2016-05-01T00:00:00Z",
            Some("2016-05-19T10:30:00Z"),
            None,
        );
        let r = most_recent_schedule_time(
            &cj,
            cj.status.last_schedule_time,
            t("2016-05-20T16:30:00Z"),
            &s,
            &Zone::Utc,
            true,
        )
        .unwrap();
        assert_eq!(r.most_recent, None);
        assert!(matches!(r.missed, Missed::Few(_)));
    }

    #[test]
    fn many_missed_still_returns_the_most_recent() {
        let (cj, s) = cron_job("* * * * *", "2026-01-01T00:00:00Z", None, None);
        let r = most_recent_schedule_time(
            &cj,
            cj.status.last_schedule_time,
            t("2026-01-01T05:00:30Z"),
            &s,
            &Zone::Utc,
            true,
        )
        .unwrap();
        assert_eq!(r.most_recent, Some(t("2026-01-01T05:00:00Z")));
        assert_eq!(r.missed, Missed::Many(300));
    }

    #[test]
    fn the_starting_deadline_moves_the_earliest_time() {
        let (cj, s) = cron_job("0 * * * *", "2026-01-01T00:00:00Z", None, Some(600));
        let r = most_recent_schedule_time(
            &cj,
            cj.status.last_schedule_time,
            t("2026-01-01T05:20:00Z"),
            &s,
            &Zone::Utc,
            true,
        )
        .unwrap();
        assert_eq!(r.most_recent, None, "05:00 is more than 600 s ago");
        let r = most_recent_schedule_time(
            &cj,
            cj.status.last_schedule_time,
            t("2026-01-01T05:05:00Z"),
            &s,
            &Zone::Utc,
            true,
        )
        .unwrap();
        assert_eq!(r.most_recent, Some(t("2026-01-01T05:00:00Z")));
    }

    #[test]
    fn requeue_aims_100ms_past_the_next_time() {
        // cronjob_controllerv2_test.go "never ran, not time": created 09:59, hourly, now 09:59 -> 1m0.1s.
        let (cj, s) = cron_job("0 * * * *", "2026-01-01T09:59:00Z", None, None);
        assert_eq!(
            next_schedule_time_duration(
                &cj,
                cj.status.last_schedule_time,
                t("2026-01-01T09:59:00Z"),
                &s,
                &Zone::Utc
            ),
            Some(SimDuration::from_millis(60_100))
        );
        let (cj, s) = cron_job(
            "0 * * * *",
            "2026-01-01T09:59:00Z",
            Some("2026-01-01T10:00:00Z"),
            None,
        );
        assert_eq!(
            next_schedule_time_duration(
                &cj,
                cj.status.last_schedule_time,
                t("2026-01-01T10:01:00Z"),
                &s,
                &Zone::Utc
            ),
            Some(SimDuration::from_millis(59 * 60_000 + 100))
        );
    }

    #[test]
    fn never_firing_schedules_are_an_error() {
        let (cj, s) = cron_job("59 23 31 2 *", "2026-01-01T00:00:00Z", None, None);
        assert_eq!(
            most_recent_schedule_time(
                &cj,
                cj.status.last_schedule_time,
                t("2026-03-01T00:00:00Z"),
                &s,
                &Zone::Utc,
                true
            )
            .unwrap_err(),
            "time difference between two schedules is less than 1 second"
        );
    }

    #[test]
    fn job_names_and_the_scheduled_annotation() {
        let (mut cj, _) = cron_job("0 * * * *", "2016-05-19T00:00:00Z", None, None);
        cj.metadata.name = "mycronjob".into();
        let ny = Zone::load("America/New_York").unwrap();
        let job = job_from_template(&cj, t("2016-05-19T10:00:00Z"), &ny);
        assert_eq!(job.metadata.name, "mycronjob-24394200");
        assert_eq!(
            job.metadata.annotations[wk::CRONJOB_SCHEDULED_TIMESTAMP],
            "2016-05-19T06:00:00-04:00"
        );
    }
}
