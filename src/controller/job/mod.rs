//! The Job controller (pkg/controller/job), one Kubernetes concept per file.

pub mod backoff;
pub mod facts;
pub mod indexed;
pub mod job_controller;
pub mod pod_control;
pub mod pod_failure_policy;
pub mod success_policy;

pub use backoff::BackoffRecord;
pub use facts::JobFacts;
pub use indexed::IndexFailures;
pub use job_controller::{sync_job, JobEvent, PodAction, SyncInput, SyncOutput, Why};
