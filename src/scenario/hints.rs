//! Plain-language hints for the mistakes people make most when they first write a Job. The
//! API server's message stays exactly as it is (`validation/`); a hint is one more line that
//! says what probably went wrong, read from the document's own text.

use super::diagnostic::Diagnostic;
use super::yaml::Node;

/// Fields of a pod's spec (`core/v1 PodSpec`, staging/src/k8s.io/api/core/v1/types.go) that
/// people write by hand in a Job: found one level up, the pod spec was indented too little.
const POD_SPEC_FIELDS: &[&str] = &[
    "containers",
    "initContainers",
    "restartPolicy",
    "volumes",
    "nodeSelector",
    "serviceAccountName",
    "tolerations",
    "affinity",
    "imagePullSecrets",
    "securityContext",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "hostname",
    "subdomain",
];

/// Where a Job's pod spec lives, in a Job and in a CronJob's template.
const POD_SPECS: &[&str] = &["spec.template.spec", "spec.jobTemplate.spec.template.spec"];

/// Adds a hint to each of `diagnostics` (all about the document `root`) that matches a common
/// mistake.
pub fn add_hints(root: &Node, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.hint.is_none() {
            d.hint = hint(root, d);
        }
    }
}

fn hint(root: &Node, d: &Diagnostic) -> Option<String> {
    let path = d.path.as_str();
    if path.ends_with("template.spec.restartPolicy")
        && at(root, path).and_then(Node::as_str) == Some("Always")
    {
        // pkg/apis/batch/validation/validation.go `validateJobTemplateSpec` allows only
        // OnFailure and Never: a Job's pod must be able to finish.
        return Some(
            "A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must \
             be able to finish)."
                .into(),
        );
    }
    if let Some(h) = shallow_pod_spec(root, path) {
        return Some(h);
    }
    if path == "kind" {
        let kind = root.get("kind").and_then(Node::as_str)?;
        let known = ["Job", "CronJob", "Service", "ConfigMap", "Secret"]
            .into_iter()
            .find(|k| k.eq_ignore_ascii_case(kind) && *k != kind)?;
        return Some(format!(
            "Kinds are case-sensitive: write `kind: {known}` (\"{kind}\" is not a kind the API \
             server knows)."
        ));
    }
    if path == "apiVersion" {
        let version = root.get("apiVersion").and_then(Node::as_str)?;
        let kind = root.get("kind").and_then(Node::as_str)?;
        return match (kind, version) {
            ("Job", "batch/v1beta1") => Some(
                "Jobs are batch/v1: batch/v1beta1 only ever served CronJobs, and was removed in \
                 Kubernetes 1.25."
                    .into(),
            ),
            ("CronJob", "batch/v1beta1") => Some(
                "CronJob's batch/v1beta1 was removed in Kubernetes 1.25: write `apiVersion: \
                 batch/v1` (the fields are the same)."
                    .into(),
            ),
            _ => None,
        };
    }
    if path == "spec.schedule" && d.message.contains("expected exactly 5 fields, found 6") {
        // pkg/apis/batch/validation/validation.go `validateScheduleFormat` parses with
        // robfig/cron's ParseStandard: minute, hour, day of month, month, day of week.
        let schedule = at(root, path).and_then(Node::as_str)?;
        let without_seconds: Vec<&str> = schedule.split_whitespace().skip(1).collect();
        return Some(format!(
            "Kubernetes schedules have 5 fields (minute hour day-of-month month day-of-week), \
             no seconds: if the first field is seconds, write \"{}\".",
            without_seconds.join(" ")
        ));
    }
    None
}

/// A pod spec field written directly under the template (or the Job's spec) instead of under
/// the template's `spec`: the unknown field itself (on its line), or the pod spec's "Required
/// value" error it leads to (on the template's line, the nearest written ancestor).
fn shallow_pod_spec(root: &Node, path: &str) -> Option<String> {
    let (field, pod_spec, parent) = POD_SPECS.iter().find_map(|pod_spec| {
        let template = pod_spec.strip_suffix(".spec").unwrap_or(pod_spec);
        let job_spec = template.strip_suffix(".template").unwrap_or(template);
        let field_of = |parent: &str| {
            let field = path.strip_prefix(parent)?.strip_prefix('.')?;
            POD_SPEC_FIELDS.contains(&field).then_some(field)
        };
        // The unknown field, one or two levels up.
        if let Some((field, parent)) = [template, job_spec]
            .into_iter()
            .find_map(|parent| Some((field_of(parent)?, parent)))
        {
            return Some((field, *pod_spec, parent));
        }
        // The missing field, written too shallow.
        let field = field_of(pod_spec).filter(|_| at(root, path).is_none())?;
        [template, job_spec]
            .into_iter()
            .find(|parent| at(root, &format!("{parent}.{field}")).is_some())
            .map(|parent| (field, *pod_spec, parent))
    })?;
    Some(format!(
        "`{field}` is a field of the pod's spec, {pod_spec}: it is written directly under \
         {parent}, too shallow. Indent the pod's fields under {pod_spec}."
    ))
}

/// The node at a dotted field path (no list indexes), if the text has it.
fn at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.').try_fold(root, |node, key| node.get(key))
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use crate::scenario::load;

    /// Every diagnostic of `yaml` with its hint, as `jobplay validate` words them.
    fn check(yaml: &str, expect: Expect) {
        let out: String = load(yaml)
            .diagnostics
            .iter()
            .map(|d| {
                let hint = d
                    .hint
                    .as_deref()
                    .map_or(String::new(), |h| format!("\n  hint: {h}"));
                format!("{}{hint}\n", d.render("line"))
            })
            .collect();
        expect.assert_eq(&out);
    }

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: demo\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n";

    #[test]
    fn a_valid_job_has_no_hints() {
        check(JOB, expect![""]);
    }

    #[test]
    fn restart_policy_always_says_a_job_takes_on_failure_or_never() {
        check(
            &JOB.replace("restartPolicy: Never", "restartPolicy: Always"),
            expect![[r#"
                line:8:22: error: The Job "demo" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                  hint: A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).
            "#]],
        );
    }

    #[test]
    fn restart_policy_always_in_a_cron_jobs_template_gets_the_same_hint() {
        let text = std::fs::read_to_string("tests/invalid/cronjob-template-restart-always.yaml")
            .expect("the corpus file");
        check(
            &text,
            expect![[r#"
                line:12:26: error: The CronJob "nightly" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                  hint: A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).
            "#]],
        );
    }

    #[test]
    fn a_pod_spec_directly_under_template_is_one_level_too_shallow() {
        let shallow = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: demo\nspec:\n  template:\n    restartPolicy: Never\n    containers:\n    - name: main\n      image: busybox\n";
        check(
            shallow,
            expect![[r#"
                line:7:5: warning: unknown field "spec.template.restartPolicy"
                  hint: `restartPolicy` is a field of the pod's spec, spec.template.spec: it is written directly under spec.template, too shallow. Indent the pod's fields under spec.template.spec.
                line:7:5: error: The Job "demo" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                  hint: `restartPolicy` is a field of the pod's spec, spec.template.spec: it is written directly under spec.template, too shallow. Indent the pod's fields under spec.template.spec.
                line:7:5: error: The Job "demo" is invalid: spec.template.spec.containers: Required value
                  hint: `containers` is a field of the pod's spec, spec.template.spec: it is written directly under spec.template, too shallow. Indent the pod's fields under spec.template.spec.
                line:8:5: warning: unknown field "spec.template.containers"
                  hint: `containers` is a field of the pod's spec, spec.template.spec: it is written directly under spec.template, too shallow. Indent the pod's fields under spec.template.spec.
            "#]],
        );
    }

    #[test]
    fn containers_under_the_jobs_spec_are_two_levels_too_shallow() {
        let shallow = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: demo\nspec:\n  template:\n    spec:\n  restartPolicy: Never\n  containers:\n  - name: main\n    image: busybox\n";
        check(
            shallow,
            expect![[r#"
                line:7:9: error: The Job "demo" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                  hint: `restartPolicy` is a field of the pod's spec, spec.template.spec: it is written directly under spec, too shallow. Indent the pod's fields under spec.template.spec.
                line:7:9: error: The Job "demo" is invalid: spec.template.spec.containers: Required value
                  hint: `containers` is a field of the pod's spec, spec.template.spec: it is written directly under spec, too shallow. Indent the pod's fields under spec.template.spec.
                line:8:3: warning: unknown field "spec.restartPolicy"
                  hint: `restartPolicy` is a field of the pod's spec, spec.template.spec: it is written directly under spec, too shallow. Indent the pod's fields under spec.template.spec.
                line:9:3: warning: unknown field "spec.containers"
                  hint: `containers` is a field of the pod's spec, spec.template.spec: it is written directly under spec, too shallow. Indent the pod's fields under spec.template.spec.
            "#]],
        );
    }

    #[test]
    fn a_lower_case_kind_is_named_as_written_with_its_case() {
        check(
            &JOB.replace("kind: Job", "kind: job"),
            expect![[r#"
                line:2:7: warning: kind "job" is not simulated; jobplay runs Job, CronJob, Service, ConfigMap and Secret documents; this one is ignored
                  hint: Kinds are case-sensitive: write `kind: Job` ("job" is not a kind the API server knows).
            "#]],
        );
    }

    #[test]
    fn batch_v1beta1_for_a_job_says_jobs_are_batch_v1() {
        check(
            &JOB.replace("batch/v1", "batch/v1beta1"),
            expect![[r#"
                line:1:13: error: no matches for kind "Job" in version "batch/v1beta1" (use batch/v1)
                  hint: Jobs are batch/v1: batch/v1beta1 only ever served CronJobs, and was removed in Kubernetes 1.25.
            "#]],
        );
    }

    #[test]
    fn a_six_field_schedule_says_kubernetes_uses_five_without_seconds() {
        let text = std::fs::read_to_string("tests/invalid/cronjob-six-fields.yaml")
            .expect("the corpus file");
        check(
            &text,
            expect![[r#"
                line:7:13: error: The CronJob "nightly" is invalid: spec.schedule: Invalid value: "0 0 0 * * *": expected exactly 5 fields, found 6: [0 0 0 * * *]
                  hint: Kubernetes schedules have 5 fields (minute hour day-of-month month day-of-week), no seconds: if the first field is seconds, write "0 0 * * *".
            "#]],
        );
    }
}
