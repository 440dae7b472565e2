//! What a Job controller decision rests on, as data: the numbers its sentence quotes, so a
//! view (the caption beside the transport, `view_model/caption.rs`) words them its own way
//! and never reads them back out of the sentence. One value per decision; the kinds follow
//! the branches of `syncJob` and `manageJob` in pkg/controller/job/job_controller.go. The
//! pod a decision is about travels beside it (`Why::pod`), so this stays `Copy`: the
//! engine's checkpoints copy decisions.

use crate::time::SimDuration;

/// A Job decision's facts, one variant per kind of decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobFacts {
    /// `create-pods`: `count` pods created to reach `want` active; `had` were active.
    Created { count: u32, want: i32, had: i32 },
    /// `backoff-wait`: no pod until `remaining` has passed; the delay after `failures`
    /// consecutive failures is `delay` (pkg/controller/job/backoff_utils.go).
    BackoffWait {
        remaining: SimDuration,
        delay: SimDuration,
        failures: u32,
    },
    /// `backoff-wait` under `backoffLimitPerIndex`: `indexes` wait, the first due in `soonest`.
    IndexBackoffWait { indexes: u32, soonest: SimDuration },
    /// `count-failure`: the pod failed (with `exit_code`, if a container exited non-zero);
    /// it is failure `counted` of the `limit` tolerated (of its index, under
    /// `backoffLimitPerIndex`).
    FailureCounted {
        exit_code: Option<i32>,
        counted: i32,
        limit: i32,
        index: Option<i32>,
    },
    /// `ignore-failure`: an Ignore rule (index `rule` of `podFailurePolicy.rules`) matched.
    FailureIgnored { rule: usize },
    /// `fail-job` by a FailJob rule of the pod failure policy.
    FailJobRule { rule: usize },
    /// `fail-index`: the index is not retried, by a FailIndex `rule` or its spent `limit`.
    IndexFailed {
        index: i32,
        rule: Option<usize>,
        limit: i32,
    },
    /// `fail-job`: `failed` pods (or, with `restarts`, container restarts) exceed `limit`.
    BackoffLimitExceeded {
        failed: i32,
        limit: i32,
        restarts: bool,
    },
    /// `fail-job`: active longer than `activeDeadlineSeconds`.
    DeadlineExceeded { seconds: i64 },
    /// `fail-job`: more failed indexes than `maxFailedIndexes`.
    MaxFailedIndexesExceeded { failed: u32, max: i32 },
    /// `fail-job`: every index finished and `failed` of them failed.
    FailedIndexes { failed: u32 },
    /// `complete-job`: `succeeded` reach `completions` (`None`: a work queue drained).
    CompletionsReached {
        succeeded: i32,
        completions: Option<i32>,
    },
    /// `complete-job` by `successPolicy.rules[rule]`.
    SuccessPolicy { rule: usize },
    /// `delete-pods`: `count` pods deleted, because the Job is `finishing` or has too many.
    Deleted { count: u32, finishing: bool },
    /// `ttl-delete`: finished `ttl` seconds ago (pkg/controller/ttlafterfinished).
    TtlDelete { ttl: i32 },
}
