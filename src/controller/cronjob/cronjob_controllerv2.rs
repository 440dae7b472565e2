//! One CronJob sync (pkg/controller/cronjob/cronjob_controllerv2.go: `sync`,
//! `cleanupFinishedJobs`, `syncCronJob`). Pure: the engine lists the owned Jobs,
//! applies the returned actions in order and writes the status once.

use std::cmp::Ordering;

use super::utils::{
    by_job_start_time, job_from_template, job_name, most_recent_schedule_time,
    next_schedule_time_duration, Missed,
};
use crate::api::{CronJob, CronJobStatus, Job, ObjectReference, Time};
use crate::controller::job::{JobEvent, Why};
use crate::cron::{parse_standard, Zone};
use crate::time::{SimDuration, SimTime};

/// What a sync sees.
pub struct SyncInput<'a> {
    pub cron_job: &'a CronJob,
    /// Jobs whose controller reference names this CronJob, in name order.
    pub jobs: &'a [&'a Job],
    /// Any Job by name (for the AlreadyExists check on create).
    pub existing: &'a dyn Fn(&str) -> Option<&'a Job>,
    /// The controller manager's local zone (CronJobs without `spec.timeZone`).
    pub local_zone: Zone,
    pub now: SimTime,
}

/// A change the engine carries out, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum CronAction {
    /// Delete a Job with background propagation.
    DeleteJob(String),
    /// Create this Job.
    CreateJob(Box<Job>),
}

/// What a sync decided.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncOutput {
    pub status: CronJobStatus,
    pub actions: Vec<CronAction>,
    /// Events in the order the controller records them.
    pub events: Vec<JobEvent>,
    pub requeue_after: Option<SimDuration>,
    pub why: Vec<Why>,
}

/// What a CronJob sync decided about one scheduled time (or, suspended, about all of them).
/// Carried beside the decision's sentence so the cron ruler and the why panel read data, not
/// prose. Small and `Copy`: a long run records one per sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleDecision {
    /// The scheduled time the decision is about; `None` when it is about no single one
    /// (suspended, or Kubernetes' estimate found none).
    pub scheduled: Option<SimTime>,
    pub outcome: ScheduleOutcome,
}

/// What became of a scheduled time in one sync (cronjob_controllerv2.go `syncCronJob`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleOutcome {
    /// A Job was created for it.
    Created,
    /// A Job of that name already belonged to the CronJob and was taken as its run.
    Adopted,
    /// concurrencyPolicy Replace: the running Jobs were deleted to make way for it.
    Replaced,
    /// concurrencyPolicy Forbid: not started while a Job runs; `lastScheduleTime` stays.
    SkippedByForbid,
    /// More than `startingDeadlineSeconds` late: skipped without an event.
    MissedPastDeadline,
    /// `spec.suspend`: nothing is started.
    Suspended,
    /// More than 100 starts were missed before it (`TooManyMissedTimes`); it still runs.
    ManyMissedBefore,
    /// A few starts were missed before it; only this, the most recent, is considered.
    FewMissedBefore,
    /// Starts were missed but the estimate of the most recent overshot: none runs now.
    EstimateOvershot,
}

impl ScheduleOutcome {
    /// The outcome in a few words, for the why panel.
    pub fn words(self) -> &'static str {
        match self {
            ScheduleOutcome::Created => "a Job created",
            ScheduleOutcome::Adopted => "an existing Job adopted",
            ScheduleOutcome::Replaced => "the running Job replaced",
            ScheduleOutcome::SkippedByForbid => "skipped by concurrencyPolicy Forbid",
            ScheduleOutcome::MissedPastDeadline => "missed, past startingDeadlineSeconds",
            ScheduleOutcome::Suspended => "suspended",
            ScheduleOutcome::ManyMissedBefore => "more than 100 earlier starts missed",
            ScheduleOutcome::FewMissedBefore => "earlier starts missed",
            ScheduleOutcome::EstimateOvershot => "the missed-start estimate overshot",
        }
    }
}

struct Ctx<'a, 'b> {
    input: &'a SyncInput<'b>,
    out: SyncOutput,
}

impl Ctx<'_, '_> {
    fn event(&mut self, warning: bool, reason: &str, message: String) {
        self.out.events.push(JobEvent {
            warning,
            reason: reason.into(),
            message,
        });
    }
    fn why(&mut self, kind: &'static str, summary: String, fields: &[(&str, String)]) {
        self.out.why.push(Why::new(kind, summary, fields));
    }
    /// A decision about a scheduled time: [`Ctx::why`] with the time and its outcome as data.
    fn why_about(
        &mut self,
        kind: &'static str,
        summary: String,
        fields: &[(&str, String)],
        scheduled: Option<SimTime>,
        outcome: ScheduleOutcome,
    ) {
        self.why(kind, summary, fields);
        if let Some(why) = self.out.why.last_mut() {
            why.schedule = Some(ScheduleDecision { scheduled, outcome });
        }
    }
    fn delete_job(&mut self, job: &Job) {
        self.out
            .actions
            .push(CronAction::DeleteJob(job.metadata.name.to_string()));
        self.out.status.active.retain(|r| r.uid != job.metadata.uid);
        self.event(
            false,
            "SuccessfulDelete",
            format!("Deleted job {}", job.metadata.name),
        );
    }
    fn in_active(&self, job: &Job) -> bool {
        self.out
            .status
            .active
            .iter()
            .any(|r| r.uid == job.metadata.uid)
    }
}

fn finished_status(job: &Job) -> Option<&'static str> {
    if job.condition("Complete").is_some() {
        Some("Complete")
    } else if job.condition("Failed").is_some() {
        Some("Failed")
    } else {
        None
    }
}

/// What the CronJob informer's update handler asks of the work queue (`updateCronJob`).
#[derive(Clone, Debug, PartialEq)]
pub enum OnUpdate {
    /// Sync now (`enqueueController`): any change but the schedule's or the zone's.
    SyncNow,
    /// A new schedule or zone: sync when it next comes due (`enqueueControllerAfter` with
    /// `nextScheduleTimeDuration`), not now; a sync already waiting for an earlier time stays.
    SyncAfter(SimDuration),
    /// A new schedule that does not parse: a warning, and no sync until the next change.
    Unparseable(JobEvent),
}

/// `updateCronJob`: how a changed CronJob is queued. A schedule read in a new zone or a new
/// schedule is not synced at once, so a time it makes due right now is not started; the
/// next one is.
pub fn update_cron_job(old: &CronJob, new: &CronJob, local_zone: Zone, now: SimTime) -> OnUpdate {
    if old.spec.schedule == new.spec.schedule && old.spec.time_zone == new.spec.time_zone {
        return OnUpdate::SyncNow;
    }
    // `formatSchedule`: a zone that does not load leaves the schedule in the local zone.
    let zone = new
        .spec
        .time_zone
        .as_deref()
        .and_then(|tz| Zone::load(tz).ok())
        .unwrap_or(local_zone);
    match parse_standard(&new.spec.schedule) {
        Err(_) => OnUpdate::Unparseable(JobEvent {
            warning: true,
            reason: "UnParseableCronJobSchedule".into(),
            message: format!("unparseable schedule for cronjob: {}", new.spec.schedule),
        }),
        // A schedule that never fires asks for a time long past: client-go adds it now.
        Ok(schedule) => {
            next_schedule_time_duration(new, new.status.last_schedule_time, now, &schedule, &zone)
                .map_or(OnUpdate::SyncNow, OnUpdate::SyncAfter)
        }
    }
}

/// Runs one sync of a CronJob.
pub fn sync_cron_job(input: &SyncInput<'_>) -> SyncOutput {
    let mut ctx = Ctx {
        input,
        out: SyncOutput {
            status: input.cron_job.status.clone(),
            ..SyncOutput::default()
        },
    };
    cleanup_finished_jobs(&mut ctx);
    sync(&mut ctx);
    ctx.out
}

/// `cleanupFinishedJobs`: keep the newest `successfulJobsHistoryLimit` complete Jobs and
/// `failedJobsHistoryLimit` failed ones; delete the oldest of the rest.
fn cleanup_finished_jobs(ctx: &mut Ctx<'_, '_>) {
    let spec = &ctx.input.cron_job.spec;
    for (status, limit, field) in [
        (
            "Complete",
            spec.successful_jobs_history_limit,
            "spec.successfulJobsHistoryLimit",
        ),
        (
            "Failed",
            spec.failed_jobs_history_limit,
            "spec.failedJobsHistoryLimit",
        ),
    ] {
        let Some(limit) = limit else { continue };
        let mut finished: Vec<&Job> = ctx
            .input
            .jobs
            .iter()
            .copied()
            .filter(|j| finished_status(j) == Some(status))
            .collect();
        let excess = finished.len().saturating_sub(limit.max(0) as usize);
        if excess == 0 {
            continue;
        }
        // The crate's shared sort (src/sort.rs): history cleanup is rare, a std sort is ~3 KB.
        crate::sort::sort_by(&mut finished, |a, b| by_job_start_time(a, b));
        let doomed: Vec<String> = finished[..excess]
            .iter()
            .map(|j| j.metadata.name.to_string())
            .collect();
        ctx.why(
            "history-cleanup",
            format!(
                "{} {} Jobs exist and {limit} are kept: the oldest ({}) {} deleted",
                finished.len(),
                status.to_ascii_lowercase(),
                doomed.join(", "),
                if excess == 1 { "is" } else { "are" }
            ),
            &[(field, limit.to_string())],
        );
        for job in &finished[..excess] {
            ctx.delete_job(job);
        }
    }
}

fn sync(ctx: &mut Ctx<'_, '_>) {
    let input = ctx.input;
    let cj = input.cron_job;
    let now = input.now;
    reconcile_active(ctx);
    if cj.metadata.deletion_timestamp.is_some() {
        return;
    }
    let zone = match &cj.spec.time_zone {
        Some(tz) => match Zone::load(tz) {
            Ok(z) => z,
            Err(e) => {
                ctx.event(
                    true,
                    "UnknownTimeZone",
                    format!("invalid timeZone: {tz:?}: {e}"),
                );
                return;
            }
        },
        None => input.local_zone,
    };
    if cj.spec.suspend == Some(true) {
        ctx.why_about("suspended", "The CronJob is suspended (spec.suspend: true): no Job is started and no new wake-up is set; a change to the CronJob (resume) makes the controller look again".into(), &[("spec.suspend", "true".into())], None, ScheduleOutcome::Suspended);
        return;
    }
    let schedule = match parse_standard(&cj.spec.schedule) {
        Ok(s) => s,
        Err(e) => {
            ctx.event(
                true,
                "UnparseableSchedule",
                format!("unparseable schedule: {:?} : {e}", cj.spec.schedule),
            );
            return;
        }
    };
    let requeue = |ctx: &mut Ctx<'_, '_>| {
        ctx.out.requeue_after = next_schedule_time_duration(
            cj,
            ctx.out.status.last_schedule_time,
            now,
            &schedule,
            &zone,
        );
    };
    let most_recent = match most_recent_schedule_time(
        cj,
        cj.status.last_schedule_time,
        now,
        &schedule,
        &zone,
        true,
    ) {
        Ok(m) => m,
        Err(e) => {
            ctx.event(
                true,
                "InvalidSchedule",
                format!("invalid schedule: {} : {e}", cj.spec.schedule),
            );
            return;
        }
    };
    let Some(scheduled) = most_recent.most_recent.filter(|t| *t <= now) else {
        explain_nothing_due(ctx, &most_recent, &schedule, &zone);
        requeue(ctx);
        return;
    };
    if let Missed::Many(n) = most_recent.missed {
        ctx.why_about("too-many-missed", format!("About {n} start times were missed (more than 100): Kubernetes warns, then still starts a Job for the most recent one, {}", scheduled.rfc3339()), &[], Some(scheduled), ScheduleOutcome::ManyMissedBefore);
        ctx.event(true, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".into());
    } else if let Missed::Few(n) = most_recent.missed {
        if n > 1 {
            ctx.why_about("missed-runs", format!("About {n} start times passed since the last one the controller saw; only the most recent, {}, is considered (no catch-up burst)", scheduled.rfc3339()), &[], Some(scheduled), ScheduleOutcome::FewMissedBefore);
        }
    }
    if let Some(deadline) = cj.spec.starting_deadline_seconds {
        if scheduled + SimDuration::from_secs(deadline) < now {
            ctx.event(
                true,
                "MissSchedule",
                format!(
                    "Missed scheduled time to start a job: {}",
                    scheduled.rfc1123z()
                ),
            );
            requeue(ctx);
            return;
        }
    }
    let name = job_name(cj, scheduled);
    if ctx.out.status.active.iter().any(|r| r.name == name)
        || cj.status.last_schedule_time.map(|t| t.0) == Some(scheduled)
    {
        requeue(ctx);
        return;
    }
    let policy = cj.spec.concurrency_policy.as_deref().unwrap_or("Allow");
    if policy == "Forbid" && !ctx.out.status.active.is_empty() {
        let running: Vec<String> = ctx
            .out
            .status
            .active
            .iter()
            .map(|r| r.name.clone())
            .collect();
        ctx.why_about("forbid-skip", format!("The {} run is not started: {} still running and concurrencyPolicy is Forbid. lastScheduleTime stays, so it starts late when the running Job finishes, if still within the starting deadline", scheduled.rfc3339(), running.join(", ")), &[("spec.concurrencyPolicy", "Forbid".into())], Some(scheduled), ScheduleOutcome::SkippedByForbid);
        ctx.event(
            false,
            "JobAlreadyActive",
            "Not starting job because prior execution is running and concurrency policy is Forbid"
                .into(),
        );
        requeue(ctx);
        return;
    }
    if policy == "Replace" {
        let active = ctx.out.status.active.clone();
        if !active.is_empty() {
            ctx.why_about("replace", format!("concurrencyPolicy is Replace: the running {} deleted to make way for the {} run", active.iter().map(|r| format!("Job {}", r.name)).collect::<Vec<_>>().join(", ") + if active.len() == 1 { " is" } else { " are" }, scheduled.rfc3339()), &[("spec.concurrencyPolicy", "Replace".into())], Some(scheduled), ScheduleOutcome::Replaced);
        }
        for r in active {
            match (input.existing)(&r.name) {
                Some(job) => ctx.delete_job(job),
                None => {
                    ctx.event(
                        true,
                        "FailedGet",
                        format!("Get job: jobs.batch \"{}\" not found", r.name),
                    );
                    return;
                }
            }
        }
    }
    let late = now - scheduled;
    if let Some(existing) = (input.existing)(&name) {
        // AlreadyExists: adopt our own Job if it is not yet active, else leave it.
        let ours = existing
            .metadata
            .owner_references
            .iter()
            .any(|r| r.controller == Some(true) && r.uid == cj.metadata.uid);
        if !ours || ctx.in_active(existing) {
            return;
        }
        ctx.why_about(
            "adopt",
            format!(
                "Job {name} already exists and belongs to this CronJob: it is taken as the {} run",
                scheduled.rfc3339()
            ),
            &[],
            Some(scheduled),
            ScheduleOutcome::Adopted,
        );
        let reference = object_ref(existing);
        ctx.out.status.active.push(reference);
    } else {
        let job = job_from_template(cj, scheduled, &zone);
        let lateness = if late >= SimDuration::from_secs(1) {
            format!(", {} after the scheduled time", late.go())
        } else {
            String::new()
        };
        ctx.why_about(
            "schedule",
            format!(
                "Schedule {:?} came due at {}: Job {name} is created{lateness}",
                cj.spec.schedule,
                zone.rfc3339(scheduled.unix_seconds())
            ),
            &[("spec.schedule", cj.spec.schedule.clone())],
            Some(scheduled),
            ScheduleOutcome::Created,
        );
        ctx.out.actions.push(CronAction::CreateJob(Box::new(job)));
        ctx.event(false, "SuccessfulCreate", format!("Created job {name}"));
        // The engine fills in the UID once the API server has assigned it.
        ctx.out.status.active.push(ObjectReference {
            api_version: "batch/v1".into(),
            kind: "Job".into(),
            namespace: cj.metadata.namespace.to_string(),
            name,
            uid: String::new(),
            resource_version: String::new(),
        });
    }
    ctx.out.status.last_schedule_time = Some(Time(scheduled));
    requeue(ctx);
}

/// Step 3: the active list against the Jobs that exist.
fn reconcile_active(ctx: &mut Ctx<'_, '_>) {
    let input = ctx.input;
    for job in input.jobs {
        let found = ctx.in_active(job);
        match finished_status(job) {
            None if !found => ctx.event(
                true,
                "UnexpectedJob",
                format!(
                    "Saw a job that the controller did not create or forgot: {}",
                    job.metadata.name
                ),
            ),
            None => {}
            Some(condition) => {
                // Both in one sync, as `syncCronJob` does: a finished Job leaves the active
                // list, and a successful one, listed or not, moves `lastSuccessfulTime`.
                if found {
                    ctx.out.status.active.retain(|r| r.uid != job.metadata.uid);
                    ctx.event(
                        false,
                        "SawCompletedJob",
                        format!(
                            "Saw completed job: {}, condition: {condition}",
                            job.metadata.name
                        ),
                    );
                }
                if condition == "Complete" {
                    note_success(ctx, job);
                }
            }
        }
    }
    let missing: Vec<ObjectReference> = ctx
        .out
        .status
        .active
        .iter()
        .filter(|r| !input.jobs.iter().any(|j| j.metadata.uid == r.uid))
        .cloned()
        .collect();
    for r in missing {
        ctx.event(
            false,
            "MissingJob",
            format!("Active job went missing: {}", r.name),
        );
        ctx.out.status.active.retain(|a| a.uid != r.uid);
    }
}

/// `syncCronJob`: a successful Job's `completionTime` becomes `lastSuccessfulTime` when there
/// is none yet or it is later.
fn note_success(ctx: &mut Ctx<'_, '_>, job: &Job) {
    let completed = job.status.completion_time;
    let newer = match (ctx.out.status.last_successful_time, completed) {
        (None, _) => true,
        (Some(last), Some(c)) => c.0.cmp(&last.0) == Ordering::Greater,
        _ => false,
    };
    if newer && completed.is_some() {
        ctx.out.status.last_successful_time = completed;
    }
}

/// Why nothing was started: the next time is still ahead, or the missed ones are past the
/// starting deadline, or Kubernetes' estimate overshot.
fn explain_nothing_due(
    ctx: &mut Ctx<'_, '_>,
    most_recent: &super::utils::MostRecent,
    schedule: &crate::cron::Schedule,
    zone: &Zone,
) {
    let cj = ctx.input.cron_job;
    let now = ctx.input.now;
    let plain =
        most_recent_schedule_time(cj, cj.status.last_schedule_time, now, schedule, zone, false)
            .ok()
            .and_then(|m| m.most_recent);
    let unmet = plain.filter(|t| cj.status.last_schedule_time.map(|l| l.0) != Some(*t));
    match (unmet, cj.spec.starting_deadline_seconds) {
        (Some(missed), Some(deadline))
            if most_recent.earliest
                > cj.status
                    .last_schedule_time
                    .or(cj.metadata.creation_timestamp)
                    .map(|t| t.0)
                    .unwrap_or(now) =>
        {
            ctx.why_about("deadline-missed", format!("The {} run was missed and is now more than startingDeadlineSeconds ({deadline}s) late: it is skipped silently (no event), as in Kubernetes", missed.rfc3339()), &[("spec.startingDeadlineSeconds", deadline.to_string())], Some(missed), ScheduleOutcome::MissedPastDeadline);
        }
        (None, _) if most_recent.missed != Missed::None => {
            ctx.why_about("estimate-overshoot", "Runs were missed, but Kubernetes' estimate of the most recent one overshot this irregular schedule, so none is started now; the next regular time runs as usual".into(), &[], None, ScheduleOutcome::EstimateOvershot);
        }
        _ => {}
    }
}

fn object_ref(job: &Job) -> ObjectReference {
    ObjectReference {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        namespace: job.metadata.namespace.to_string(),
        name: job.metadata.name.to_string(),
        uid: job.metadata.uid.to_string(),
        resource_version: job.metadata.resource_version.to_string(),
    }
}

#[cfg(test)]
#[path = "cronjob_controllerv2_test.rs"]
mod tests;
