//! `batch/v1` Job (staging/src/k8s.io/api/batch/v1/types.go).

use serde::Serialize;

use super::meta::{Condition, LabelSelector, ObjectMeta, Time};
use super::pod::PodTemplateSpec;
use super::table::deserialize_by_table;

/// A Job as stored by the simulated API server.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: JobSpec,
    pub status: JobStatus,
}

deserialize_by_table!(Job {
    api_version: "apiVersion",
    kind: "kind",
    metadata: "metadata",
    spec: "spec",
    status: "status",
});

/// `JobSpec`. Defaults are applied by `api::defaults` as the API server does.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSpec {
    /// Maximum pods running at once. Kubernetes defaults it to 1; 0 pauses the Job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    /// Successful pods (NonIndexed) or indexes (Indexed) needed. Unset = work-queue mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    /// Seconds from `status.startTime` after which the Job fails with `DeadlineExceeded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_failure_policy: Option<PodFailurePolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_policy: Option<SuccessPolicy>,
    /// Counted pod failures tolerated before the Job fails (default 6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff_limit_per_index: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_failed_indexes: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_selector: Option<bool>,
    pub template: PodTemplateSpec,
    /// Seconds after Complete/Failed before the TTL controller deletes the Job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl_seconds_after_finished: Option<i32>,
    /// `NonIndexed` (default) or `Indexed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    /// `TerminatingOrFailed` (default) or `Failed` (forced by a pod failure policy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_replacement_policy: Option<String>,
    /// Another controller's name makes the built-in Job controller ignore the Job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

deserialize_by_table!(JobSpec {
    parallelism: "parallelism",
    completions: "completions",
    active_deadline_seconds: "activeDeadlineSeconds",
    pod_failure_policy: "podFailurePolicy",
    success_policy: "successPolicy",
    backoff_limit: "backoffLimit",
    backoff_limit_per_index: "backoffLimitPerIndex",
    max_failed_indexes: "maxFailedIndexes",
    selector: "selector",
    manual_selector: "manualSelector",
    template: "template",
    ttl_seconds_after_finished: "ttlSecondsAfterFinished",
    completion_mode: "completionMode",
    suspend: "suspend",
    pod_replacement_policy: "podReplacementPolicy",
    managed_by: "managedBy",
});

/// `PodFailurePolicy`: rules that decide what a failed pod means.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodFailurePolicy {
    pub rules: Vec<PodFailurePolicyRule>,
}

deserialize_by_table!(PodFailurePolicy { rules: "rules" });

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodFailurePolicyRule {
    /// `FailJob`, `Ignore`, `Count` or `FailIndex`.
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_exit_codes: Option<PodFailurePolicyOnExitCodesRequirement>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_pod_conditions: Vec<PodFailurePolicyOnPodConditionsPattern>,
}

deserialize_by_table!(PodFailurePolicyRule {
    action: "action",
    on_exit_codes: "onExitCodes",
    on_pod_conditions: "onPodConditions",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodFailurePolicyOnExitCodesRequirement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    /// `In` or `NotIn`.
    pub operator: String,
    pub values: Vec<i32>,
}

deserialize_by_table!(PodFailurePolicyOnExitCodesRequirement {
    container_name: "containerName",
    operator: "operator",
    values: "values",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodFailurePolicyOnPodConditionsPattern {
    #[serde(rename = "type")]
    pub type_: String,
    /// Defaults to `True`.
    pub status: String,
}

deserialize_by_table!(PodFailurePolicyOnPodConditionsPattern {
    type_: "type",
    status: "status",
});

/// `SuccessPolicy` (Indexed Jobs only).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuccessPolicy {
    pub rules: Vec<SuccessPolicyRule>,
}

deserialize_by_table!(SuccessPolicy { rules: "rules" });

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuccessPolicyRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_indexes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_count: Option<i32>,
}

deserialize_by_table!(SuccessPolicyRule {
    succeeded_indexes: "succeededIndexes",
    succeeded_count: "succeededCount",
});

/// `JobStatus`, written only by the Job controller.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobStatus {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_time: Option<Time>,
    #[serde(skip_serializing_if = "is_zero")]
    pub active: i32,
    #[serde(skip_serializing_if = "is_zero")]
    pub succeeded: i32,
    #[serde(skip_serializing_if = "is_zero")]
    pub failed: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminating: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_indexes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_indexes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncounted_terminated_pods: Option<UncountedTerminatedPods>,
}

deserialize_by_table!(JobStatus {
    conditions: "conditions",
    start_time: "startTime",
    completion_time: "completionTime",
    active: "active",
    succeeded: "succeeded",
    failed: "failed",
    terminating: "terminating",
    ready: "ready",
    completed_indexes: "completedIndexes",
    failed_indexes: "failedIndexes",
    uncounted_terminated_pods: "uncountedTerminatedPods",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UncountedTerminatedPods {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
}

deserialize_by_table!(UncountedTerminatedPods {
    succeeded: "succeeded",
    failed: "failed",
});

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Job {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
    pub fn is_indexed(&self) -> bool {
        self.spec.completion_mode.as_deref() == Some("Indexed")
    }
    pub fn parallelism(&self) -> i32 {
        self.spec.parallelism.unwrap_or(1)
    }
    pub fn backoff_limit(&self) -> i32 {
        self.spec.backoff_limit.unwrap_or(6)
    }
    pub fn is_suspended(&self) -> bool {
        self.spec.suspend.unwrap_or(false)
    }
    pub fn restart_policy(&self) -> &str {
        self.spec
            .template
            .spec
            .restart_policy
            .as_deref()
            .unwrap_or("Never")
    }
    /// `Complete=True` or `Failed=True`: the controller will not touch the Job again.
    pub fn is_finished(&self) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.is_true())
    }
    pub fn condition(&self, type_: &str) -> Option<&Condition> {
        super::meta::true_condition(&self.status.conditions, type_)
    }
    /// Pods are replaced only once Failed (not while terminating): forced by a pod failure policy.
    pub fn replaces_only_failed_pods(&self) -> bool {
        self.spec.pod_replacement_policy.as_deref() == Some("Failed")
    }
}
