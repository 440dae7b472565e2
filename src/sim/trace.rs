//! The Job and CronJob controllers' view of a run, in order: what their informers delivered
//! (CronJobs, Jobs and pods after each change) and what each of their syncs decided. Kept
//! only when asked for (`Engine::new_traced`, `jobplay run --output json --trace`), for
//! tools/conformance's controller harnesses (docs/conformance.md), which replay the pods'
//! timeline under Kubernetes' own `syncJob`, and the Jobs' timeline under its CronJob
//! controller (`ControllerV2.sync`), and compare their syncs with these.

use serde::Serialize;

use crate::api::{CronJob, CronJobStatus, Job, JobStatus, Pod, Str};
use crate::time::{SimDuration, SimTime};

/// One thing the Job controller saw or did, at `time`, in the order the engine did it.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "entry", rename_all = "camelCase")]
pub enum TraceEntry {
    /// A Job as the API server stores it: created, its spec changed (a scripted `suspend`,
    /// `resume` or `setParallelism`), or deleted (`deleted`, with its `deletionTimestamp`).
    /// `in_sync` marks a Job a CronJob sync created or deleted (its `cronSync` entry follows).
    #[serde(rename_all = "camelCase")]
    Job {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        job: Box<Job>,
        deleted: bool,
        in_sync: bool,
    },
    /// A CronJob as the API server stores it: created, its spec changed (`suspend`,
    /// `resume`, `applyCronJob`), or deleted (`deleted`, with its `deletionTimestamp`).
    /// `requeue_after` is the delay its update handler asked the work queue for (a new
    /// schedule or time zone: `updateCronJob` in `cronjob_controllerv2.go`).
    #[serde(rename_all = "camelCase")]
    CronJob {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        cron_job: Box<CronJob>,
        deleted: bool,
        #[serde(serialize_with = "go_duration")]
        requeue_after: Option<SimDuration>,
    },
    /// One sync of a CronJob: the status it left, the Jobs it created and deleted, the
    /// CronJob's events it emitted and its requeue.
    #[serde(rename_all = "camelCase")]
    CronSync {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        cron_job_name: Str,
        status: Box<CronJobStatus>,
        jobs_created: Vec<Str>,
        jobs_deleted: Vec<Str>,
        /// Go's `time.Duration` text, as `ControllerV2.sync` returns it for `AddAfter`.
        #[serde(serialize_with = "go_duration")]
        requeue_after: Option<SimDuration>,
        events: Vec<TraceEvent>,
    },
    /// A pod after a change a pod informer delivers: its creation, a status the kubelet
    /// wrote, a condition, a deletion. `in_sync` marks a change made while a Job sync's
    /// actions were applied (the pod it created, or one it deleted).
    #[serde(rename_all = "camelCase")]
    Pod {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        pod: Box<Pod>,
        in_sync: bool,
    },
    /// A pod left the API (deleted, its finalizers gone), as it was last: a change that
    /// finished it at the same step (the kubelet's stop, a scripted exit) shows only here.
    #[serde(rename_all = "camelCase")]
    PodRemoved {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        pod: Box<Pod>,
    },
    /// One sync of a Job: the status it wrote (or kept), the pods it created, deleted and
    /// released (tracking finalizer removed), its requeue and the Job's events it emitted.
    #[serde(rename_all = "camelCase")]
    Sync {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        #[serde(rename = "jobName")]
        job: String,
        status: Box<JobStatus>,
        #[serde(rename = "podsCreated")]
        created: Vec<Str>,
        #[serde(rename = "podsDeleted")]
        deleted: Vec<Str>,
        finalizers_removed: Vec<Str>,
        /// Go's `time.Duration` text (`10s`), as the controller's `AddAfter` takes it.
        #[serde(serialize_with = "go_duration")]
        requeue_after: Option<SimDuration>,
        events: Vec<TraceEvent>,
    },
    /// The controller manager's local zone (the Scenario's `timeZone`), which CronJobs without
    /// `spec.timeZone` are scheduled in: the run's first entry.
    #[serde(rename_all = "camelCase")]
    LocalZone {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        time_zone: Str,
    },
    /// The controller manager stopped (`pauseControllers`) or came back (`resumeControllers`).
    #[serde(rename_all = "camelCase")]
    Controllers {
        #[serde(serialize_with = "millis")]
        time: SimTime,
        running: bool,
    },
}

/// An event a sync emitted on its object.
#[derive(Clone, Debug, Serialize)]
pub struct TraceEvent {
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub reason: Str,
    pub message: Str,
}

fn millis<S: serde::Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.rfc3339_millis())
}

fn go_duration<S: serde::Serializer>(d: &Option<SimDuration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.go()),
        None => s.serialize_none(),
    }
}
