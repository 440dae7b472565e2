//! Pod failure policy (pkg/controller/job/pod_failure_policy.go).

use crate::api::{Job, Pod, PodFailurePolicyOnExitCodesRequirement};

/// What the first matching rule says about a failed pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyOutcome {
    /// No policy, no match, or `Count`: the failure counts toward backoffLimit.
    Count,
    /// `Ignore`: not counted; the pod is replaced.
    Ignore { rule: usize },
    /// `FailJob`: the Job fails with reason `PodFailurePolicy` and this message.
    FailJob { rule: usize, message: String },
    /// `FailIndex`: the pod's index is failed at once.
    FailIndex { rule: usize },
}

/// Matches a failed pod against the Job's rules, first match wins.
pub fn match_pod_failure_policy(job: &Job, pod: &Pod) -> PolicyOutcome {
    let Some(policy) = &job.spec.pod_failure_policy else {
        return PolicyOutcome::Count;
    };
    for (i, rule) in policy.rules.iter().enumerate() {
        let matched = if let Some(req) = &rule.on_exit_codes {
            matching_exit_code(req, pod).map(|(container, code)| {
                format!("Container {container} for pod {}/{} failed with exit code {code} matching FailJob rule at index {i}", pod.metadata.namespace, pod.name())
            })
        } else {
            rule.on_pod_conditions
                .iter()
                .find(|p| pod.has_condition(&p.type_, &p.status))
                .map(|p| {
                    format!(
                        "Pod {}/{} has condition {} matching FailJob rule at index {i}",
                        pod.metadata.namespace,
                        pod.name(),
                        p.type_
                    )
                })
        };
        let Some(message) = matched else { continue };
        return match rule.action.as_str() {
            "FailJob" => PolicyOutcome::FailJob { rule: i, message },
            "Ignore" => PolicyOutcome::Ignore { rule: i },
            "FailIndex" => PolicyOutcome::FailIndex { rule: i },
            _ => PolicyOutcome::Count,
        };
    }
    PolicyOutcome::Count
}

/// The first terminated container with a non-zero exit code that satisfies the requirement:
/// app containers first, then init containers.
fn matching_exit_code<'p>(
    req: &PodFailurePolicyOnExitCodesRequirement,
    pod: &'p Pod,
) -> Option<(&'p str, i32)> {
    let statuses = pod
        .status
        .container_statuses
        .iter()
        .chain(&pod.status.init_container_statuses);
    for status in statuses {
        if req
            .container_name
            .as_deref()
            .is_some_and(|n| n != status.name)
        {
            continue;
        }
        let Some(term) = &status.state.terminated else {
            continue;
        };
        if term.exit_code == 0 {
            continue;
        }
        let listed = req.values.contains(&term.exit_code);
        let satisfied = match req.operator.as_str() {
            "In" => listed,
            "NotIn" => !listed,
            _ => false,
        };
        if satisfied {
            return Some((&status.name, term.exit_code));
        }
    }
    None
}
