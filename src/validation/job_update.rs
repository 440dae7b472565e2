//! The API server's update validation of a Job (pkg/apis/batch/validation/validation.go
//! `ValidateJobUpdate`, `ValidateJobSpecUpdate`, `validateCompletions`,
//! `validatePodTemplateUpdate`, with the options pkg/registry/batch/job/strategy.go
//! `validationOptionsForJob` gives them): the new object is validated as on create, and the
//! fields a running Job cannot change answer `field is immutable`.
//!
//! Only the command line's `kubectl apply` calls this; the page does not.

use serde_json::Value;

use super::field::FieldError;
use super::job::validate_job;
use crate::api::Job;

/// apimachinery/pkg/api/validation/objectmeta.go `FieldImmutableErrorMsg`.
pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// Validates `new`, the Job an update would store, against `old`, the stored one.
pub fn validate_job_update(new: &Job, old: &Job) -> Vec<FieldError> {
    let mut errs = validate_job(new);
    let (spec, old_spec) = (&new.spec, &old.spec);
    // `validateCompletions`: immutable, except an Indexed Job's, which may change together
    // with parallelism (elastic Indexed Jobs).
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    if spec.completions != old_spec.completions {
        if !indexed {
            errs.push(immutable("spec.completions", go_json(&spec.completions)));
        } else if let Some(c) = spec.completions {
            if Some(c) != spec.parallelism {
                errs.push(FieldError::invalid(
                    "spec.completions",
                    c,
                    "can only be modified in tandem with spec.parallelism",
                ));
            }
        }
    }
    if spec.selector != old_spec.selector {
        errs.push(immutable("spec.selector", go_json(&spec.selector)));
    }
    if let Some(e) = template_update(new, old) {
        errs.push(e);
    }
    let immutable_fields = [
        (
            "spec.completionMode",
            go_json(&spec.completion_mode),
            spec.completion_mode != old_spec.completion_mode,
        ),
        (
            "spec.podFailurePolicy",
            go_json(&spec.pod_failure_policy),
            spec.pod_failure_policy != old_spec.pod_failure_policy,
        ),
        (
            "spec.backoffLimitPerIndex",
            go_json(&spec.backoff_limit_per_index),
            spec.backoff_limit_per_index != old_spec.backoff_limit_per_index,
        ),
        (
            "spec.managedBy",
            go_json(&spec.managed_by),
            spec.managed_by != old_spec.managed_by,
        ),
        (
            "spec.successPolicy",
            go_json(&spec.success_policy),
            spec.success_policy != old_spec.success_policy,
        ),
    ];
    for (path, value, changed) in immutable_fields {
        if changed {
            errs.push(immutable(path, value));
        }
    }
    errs
}

fn immutable(path: &str, value: String) -> FieldError {
    FieldError::invalid(path, value, FIELD_IMMUTABLE)
}

/// A value as field.Error's `ErrorBody` prints a pointer or struct: its JSON. The API server
/// marshals its internal types, whose structs have no JSON tags, so a struct there is written
/// with Go's field names (`{"MatchLabels":…}`); jobplay writes the v1 JSON instead. Numbers,
/// strings and `null` are the same either way.
fn go_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `validatePodTemplateUpdate`: the template of a Job that is not suspended is immutable. A
/// suspended Job that has no active pods and has not started (or carries the Suspended
/// condition) may change its scheduling directives (node selector, tolerations, node
/// affinity, scheduling gates, the template's labels and annotations) and its containers'
/// resources (the MutableSchedulingDirectivesForSuspendedJobs and
/// MutablePodResourcesForSuspendedJobs gates, beta and on since 1.36).
fn template_update(new: &Job, old: &Job) -> Option<FieldError> {
    if new.spec.template == old.spec.template {
        return None;
    }
    let suspended = old.spec.suspend == Some(true);
    let not_started = old.status.start_time.is_none();
    let suspended_condition = old
        .condition("Suspended")
        .is_some_and(|c| c.status == "True");
    let mutable = suspended && (not_started || suspended_condition) && old.status.active == 0;
    let value = || go_json(&new.spec.template);
    if !mutable {
        return Some(immutable("spec.template", value()));
    }
    let strip = |job: &Job| {
        let mut t = serde_json::to_value(&job.spec.template).unwrap_or(Value::Null);
        if let Some(meta) = t.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.remove("labels");
            meta.remove("annotations");
        }
        if let Some(spec) = t.get_mut("spec").and_then(Value::as_object_mut) {
            for key in ["nodeSelector", "tolerations", "schedulingGates"] {
                spec.remove(key);
            }
            if let Some(affinity) = spec.get_mut("affinity").and_then(Value::as_object_mut) {
                affinity.remove("nodeAffinity");
            }
            if spec
                .get("affinity")
                .and_then(Value::as_object)
                .is_some_and(|a| a.is_empty())
            {
                spec.remove("affinity");
            }
            for list in ["containers", "initContainers"] {
                for c in spec
                    .get_mut(list)
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(c) = c.as_object_mut() {
                        c.remove("resources");
                    }
                }
            }
        }
        t
    };
    (strip(new) != strip(old)).then(|| immutable("spec.template", value()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load;

    fn job(extra: &str) -> Job {
        let text = format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n{extra}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl\n");
        let loaded = load(&text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.scenario.jobs[0].clone()
    }

    fn messages(new: &Job, old: &Job) -> Vec<String> {
        validate_job_update(new, old)
            .iter()
            .map(FieldError::message)
            .collect()
    }

    #[test]
    fn parallelism_suspend_and_deadline_change_completions_and_mode_do_not() {
        let old = job("  completions: 3\n");
        let ok = job(
            "  completions: 3\n  parallelism: 2\n  suspend: true\n  activeDeadlineSeconds: 60\n",
        );
        assert_eq!(messages(&ok, &old), Vec::<String>::new());
        let bad = job("  completions: 5\n  completionMode: Indexed\n");
        expect_test::expect![[r#"
            [
                "spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism",
                "spec.completionMode: Invalid value: \"Indexed\": field is immutable",
            ]
        "#]]
        .assert_debug_eq(&messages(&bad, &old));
        let non_indexed = job("  completions: 4\n");
        expect_test::expect![[r#"
            [
                "spec.completions: Invalid value: 4: field is immutable",
            ]
        "#]]
        .assert_debug_eq(&messages(&non_indexed, &old));
    }

    #[test]
    fn the_template_is_immutable_unless_the_job_is_suspended_and_idle() {
        let old = job("");
        let mut new = old.clone();
        new.spec.template.spec.containers[0].image = "perl:5.34.0".into();
        let got = messages(&new, &old);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with("spec.template: Invalid value: {"),
            "{got:?}"
        );
        assert!(got[0].ends_with("}: field is immutable"), "{got:?}");

        let mut suspended = old.clone();
        suspended.spec.suspend = Some(true);
        let mut resources = suspended.clone();
        resources
            .spec
            .template
            .metadata
            .labels
            .insert("tier".into(), "batch".into());
        assert_eq!(messages(&resources, &suspended), Vec::<String>::new());
        let mut image = suspended.clone();
        image.spec.template.spec.containers[0].image = "perl:5.34.0".into();
        assert_eq!(messages(&image, &suspended).len(), 1);
    }
}
