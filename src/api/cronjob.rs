//! `batch/v1` CronJob.

use serde::Serialize;

use super::job::JobSpec;
use super::meta::{ObjectMeta, Time};
use super::table::deserialize_by_table;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CronJob {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: CronJobSpec,
    pub status: CronJobStatus,
}

deserialize_by_table!(CronJob {
    api_version: "apiVersion",
    kind: "kind",
    metadata: "metadata",
    spec: "spec",
    status: "status",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CronJobSpec {
    /// Five-field cron expression in robfig/cron v3 `ParseStandard` dialect.
    pub schedule: String,
    /// IANA zone; unset means the controller manager's local zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starting_deadline_seconds: Option<i64>,
    /// `Allow` (default), `Forbid` or `Replace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    pub job_template: JobTemplateSpec,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successful_jobs_history_limit: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_jobs_history_limit: Option<i32>,
}

deserialize_by_table!(CronJobSpec {
    schedule: "schedule",
    time_zone: "timeZone",
    starting_deadline_seconds: "startingDeadlineSeconds",
    concurrency_policy: "concurrencyPolicy",
    suspend: "suspend",
    job_template: "jobTemplate",
    successful_jobs_history_limit: "successfulJobsHistoryLimit",
    failed_jobs_history_limit: "failedJobsHistoryLimit",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: JobSpec,
}

deserialize_by_table!(JobTemplateSpec {
    metadata: "metadata",
    spec: "spec",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CronJobStatus {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub active: Vec<ObjectReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_schedule_time: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_successful_time: Option<Time>,
}

deserialize_by_table!(CronJobStatus {
    active: "active",
    last_schedule_time: "lastScheduleTime",
    last_successful_time: "lastSuccessfulTime",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectReference {
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
}

deserialize_by_table!(ObjectReference {
    api_version: "apiVersion",
    kind: "kind",
    namespace: "namespace",
    name: "name",
    uid: "uid",
    resource_version: "resourceVersion",
});
