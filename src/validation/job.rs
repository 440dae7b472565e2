//! Job validation (pkg/apis/batch/validation/validation.go, `ValidateJob`).

use super::field::{dns1123_label_errors, dns1123_subdomain_errors, quote, FieldError};
use crate::api::well_known as wk;
use crate::api::{Job, JobSpec, PodSpec, Str};

const NON_NEGATIVE: &str = "must be greater than or equal to 0";
const MAX_PARALLELISM_FOR_INDEXED: i32 = 100_000;
const MAX_FAILED_INDEXES: i32 = 100_000;
const COMPLETIONS_SOFT_LIMIT: i32 = 100_000;
/// V22: `succeededIndexes` may hold at most 64 KiB.
const MAX_SUCCEEDED_INDEXES_BYTES: usize = 64 * 1024;
const PARALLELISM_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_FAILED_FOR_HIGH_COMPLETIONS: i32 = 10_000;

/// Validates a defaulted Job as the API server does on create. Every error is returned.
pub fn validate_job(job: &Job) -> Vec<FieldError> {
    // `SetDefaults_Job` (pkg/apis/batch/v1/defaults.go) gives a Job without labels its
    // template's label map, the same Go map, so the labels `PrepareForCreate` then adds to the
    // template are the Job's too. A template without labels shares nothing.
    let shares_labels =
        job.metadata.labels.is_empty() && !job.spec.template.metadata.labels.is_empty();
    let mut prepared = with_generated_selector(job);
    if shares_labels {
        let j = prepared.get_or_insert_with(|| job.clone());
        j.metadata.labels = j.spec.template.metadata.labels.clone();
    }
    let job = prepared.as_ref().unwrap_or(job);
    let mut errs = Vec::new();
    validate_name(&job.metadata.name, &mut errs);
    validate_namespace(&job.metadata.namespace, &mut errs);
    validate_annotations(&job.metadata.annotations, "metadata.annotations", &mut errs);
    validate_labels(&job.metadata.labels, "metadata.labels", &mut errs);
    validate_job_spec(&job.spec, "spec", &mut errs);
    validate_name_allows_completions(job, &mut errs);
    validate_selector(job, &mut errs);
    errs
}

/// The UID the generated selector and labels carry while a Job is validated. The API server
/// gives each Job a random UID before `PrepareForCreate` (rest.FillObjectMetaSystemFields),
/// so the messages that print the generated selector are never the same twice there; jobplay
/// prints this one (tools/conformance gives Kubernetes the same).
pub const VALIDATION_UID: &str = "00000000-0000-4000-8000-000000000000";

/// The Job as `PrepareForCreate` leaves it (pkg/registry/batch/job/strategy.go,
/// `generateSelectorIfNeeded`): without `manualSelector`, the four generated template labels
/// (keys already there are kept) and the `controller-uid` key merged into the selector.
fn with_generated_selector(job: &Job) -> Option<Job> {
    if job.spec.manual_selector == Some(true) {
        return None;
    }
    let mut job = job.clone();
    let uid: Str = VALIDATION_UID.into();
    let name = job.metadata.name.clone();
    let labels = &mut job.spec.template.metadata.labels;
    for (k, v) in [
        (wk::LEGACY_JOB_NAME_LABEL, &name),
        (wk::JOB_NAME_LABEL, &name),
        (wk::LEGACY_CONTROLLER_UID_LABEL, &uid),
        (wk::CONTROLLER_UID_LABEL, &uid),
    ] {
        labels.entry(k.into()).or_insert_with(|| v.clone());
    }
    job.spec
        .selector
        .get_or_insert_with(Default::default)
        .match_labels
        .entry(wk::CONTROLLER_UID_LABEL.into())
        .or_insert(uid);
    Some(job)
}

/// `validateGeneratedSelector` and the selector half of `ValidateJobSpec`
/// (pkg/apis/batch/validation/validation.go), on the Job as `PrepareForCreate` left it.
fn validate_selector(job: &Job, errs: &mut Vec<FieldError>) {
    let spec = &job.spec;
    let labels = &spec.template.metadata.labels;
    if spec.manual_selector != Some(true) {
        if let Some(selector) = &spec.selector {
            let uid = job.metadata.uid.as_str();
            let uid = if uid.is_empty() { VALIDATION_UID } else { uid };
            let name = job.metadata.name.as_str();
            for (key, expected) in [
                (wk::LEGACY_CONTROLLER_UID_LABEL, uid),
                (wk::LEGACY_JOB_NAME_LABEL, name),
                (wk::CONTROLLER_UID_LABEL, uid),
                (wk::JOB_NAME_LABEL, name),
            ] {
                // core/validation.ValidateHasLabel
                let path = format!("spec.template.metadata.labels[{key}]");
                match labels.get(key) {
                    None => errs.push(FieldError::required(
                        &path,
                        &format!("must be '{expected}'"),
                    )),
                    Some(v) if v.as_str() != expected => errs.push(FieldError::invalid(
                        &path,
                        json_map(labels),
                        &format!("must be '{expected}'"),
                    )),
                    Some(_) => {}
                }
            }
            // Inserted one by one: collecting would instantiate a sort for the bulk build.
            let mut expected = std::collections::BTreeMap::<Str, Str>::new();
            for (k, v) in [
                (wk::CONTROLLER_UID_LABEL, uid),
                (wk::JOB_NAME_LABEL, name),
                (wk::LEGACY_CONTROLLER_UID_LABEL, uid),
                (wk::LEGACY_JOB_NAME_LABEL, name),
            ] {
                expected.insert(k.into(), Str::copy(v));
            }
            if selector_matches(Some(selector), &expected) == Some(false) {
                errs.push(FieldError::invalid(
                    "spec.selector",
                    json_selector(selector),
                    "`selector` not auto-generated",
                ));
            }
        }
    }
    match &spec.selector {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(selector) => validate_label_selector(selector, "spec.selector", errs),
    }
    if selector_matches(spec.selector.as_ref(), labels) == Some(false) {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            json_map(labels),
            "`selector` does not match template `labels`",
        ));
    }
}

/// `metav1.LabelSelectorAsSelector(selector).Matches(labels)`: `None` when the selector does
/// not convert (then the API server skips the check); a missing selector matches nothing.
fn selector_matches(
    selector: Option<&crate::api::LabelSelector>,
    labels: &std::collections::BTreeMap<Str, Str>,
) -> Option<bool> {
    let Some(selector) = selector else {
        return Some(false);
    };
    let mut all = selector
        .match_labels
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v));
    for e in &selector.match_expressions {
        let key = e.get("key").and_then(|k| k.as_str())?;
        let values: Vec<&str> = e
            .get("values")
            .and_then(|v| v.as_array())
            .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        let have = labels.get(key).map(|v| v.as_str());
        let ok = match e.get("operator").and_then(|o| o.as_str())? {
            "In" if !values.is_empty() => have.is_some_and(|h| values.contains(&h)),
            "NotIn" if !values.is_empty() => !have.is_some_and(|h| values.contains(&h)),
            "Exists" if values.is_empty() => have.is_some(),
            "DoesNotExist" if values.is_empty() => have.is_none(),
            _ => return None,
        };
        all &= ok;
    }
    Some(all)
}

/// `ValidateLabelSelector` (apimachinery's meta/v1/validation): match labels as labels, and
/// each expression's operator and values.
fn validate_label_selector(
    selector: &crate::api::LabelSelector,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    for (i, e) in selector.match_expressions.iter().enumerate() {
        let ep = format!("{path}.matchExpressions[{i}]");
        let values = e
            .get("values")
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len);
        match e.get("operator").and_then(|o| o.as_str()).unwrap_or("") {
            "In" | "NotIn" if values == 0 => errs.push(FieldError::required(
                &format!("{ep}.values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "Exists" | "DoesNotExist" if values > 0 => errs.push(FieldError::forbidden(
                &format!("{ep}.values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errs.push(FieldError::invalid(
                &format!("{ep}.operator"),
                quote(other),
                "not a valid selector operator",
            )),
        }
        let key = e.get("key").and_then(|k| k.as_str()).unwrap_or("");
        for msg in qualified_name_errors(key) {
            errs.push(FieldError::invalid(&format!("{ep}.key"), quote(key), &msg));
        }
    }
    validate_labels(&selector.match_labels, &format!("{path}.matchLabels"), errs);
}

// The JSON below is written as a `serde_json::Value`'s text: the page carries that JSON
// writer anyway, and `serde_json::to_string` compiles a second one for each type it writes.

/// A `map[string]string` as the API server prints a compound value: its JSON
/// (field/errors.go `ErrorBody`); an empty map is Go's nil map, `null`.
fn json_map(m: &std::collections::BTreeMap<Str, Str>) -> String {
    if m.is_empty() {
        return "null".into();
    }
    labels_value(m).to_string()
}

/// Labels as a JSON object (in the map's order, which is the `Value`'s too).
fn labels_value(m: &std::collections::BTreeMap<Str, Str>) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for (key, value) in m {
        object.insert(key.to_string(), value.as_str().into());
    }
    serde_json::Value::Object(object)
}

/// A `*metav1.LabelSelector` as JSON, as `ErrorBody` prints it: its fields in the struct's
/// order, each left out when empty, as its `Serialize` writes them (a `Value` would sort them).
pub(super) fn json_selector(s: &crate::api::LabelSelector) -> String {
    let mut fields = Vec::new();
    if !s.match_labels.is_empty() {
        fields.push(format!("\"matchLabels\":{}", labels_value(&s.match_labels)));
    }
    if !s.match_expressions.is_empty() {
        let expressions = serde_json::Value::from(s.match_expressions.clone());
        fields.push(format!("\"matchExpressions\":{expressions}"));
    }
    format!("{{{}}}", fields.join(","))
}

/// `validateNameAllowsCompletions`: an Indexed Job's last pod hostname, `<name>-<completions-1>`,
/// must be a DNS label (an empty name included: the API server checks it all the same).
fn validate_name_allows_completions(job: &Job, errs: &mut Vec<FieldError>) {
    let Some(c) = job.spec.completions.filter(|c| *c > 0) else {
        return;
    };
    if job.spec.completion_mode.as_deref() != Some("Indexed") {
        return;
    }
    let name = job.metadata.name.as_str();
    let last = format!("{name}-{}", c - 1);
    if !dns1123_label_errors(&last).is_empty() {
        errs.push(FieldError::invalid(
            "metadata.name",
            quote(name),
            &format!("will not able to create pod with invalid DNS label: {last}"),
        ));
    }
}

/// `ValidateObjectMeta`'s namespace rule (`ValidateNamespaceName`, a DNS label); an empty
/// namespace is the request's, `default`.
pub fn validate_namespace(namespace: &str, errs: &mut Vec<FieldError>) {
    for msg in dns1123_label_errors(namespace) {
        if namespace.is_empty() {
            break;
        }
        errs.push(FieldError::invalid(
            "metadata.namespace",
            quote(namespace),
            &msg,
        ));
    }
}

fn validate_name(name: &str, errs: &mut Vec<FieldError>) {
    if name.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
        return;
    }
    for msg in dns1123_subdomain_errors(name) {
        errs.push(FieldError::invalid("metadata.name", quote(name), &msg));
    }
}

/// `validateJobSpec`; `path` is `spec` for Jobs and `spec.jobTemplate.spec` for CronJobs.
pub fn validate_job_spec(spec: &JobSpec, path: &str, errs: &mut Vec<FieldError>) {
    let p = |f: &str| format!("{path}.{f}");
    for (field, value) in [
        ("parallelism", spec.parallelism.map(i64::from)),
        ("completions", spec.completions.map(i64::from)),
        ("activeDeadlineSeconds", spec.active_deadline_seconds),
        ("backoffLimit", spec.backoff_limit.map(i64::from)),
        (
            "ttlSecondsAfterFinished",
            spec.ttl_seconds_after_finished.map(i64::from),
        ),
        (
            "backoffLimitPerIndex",
            spec.backoff_limit_per_index.map(i64::from),
        ),
        ("maxFailedIndexes", spec.max_failed_indexes.map(i64::from)),
    ] {
        if let Some(v) = value.filter(|v| *v < 0) {
            errs.push(FieldError::invalid(&p(field), v, NON_NEGATIVE));
        }
    }
    let mode = spec.completion_mode.as_deref().unwrap_or("NonIndexed");
    let indexed = mode == "Indexed";
    if !matches!(mode, "NonIndexed" | "Indexed") {
        errs.push(FieldError::not_supported(
            &p("completionMode"),
            mode,
            &["NonIndexed", "Indexed"],
        ));
    }
    if indexed {
        if spec.completions.is_none() {
            errs.push(FieldError::required(
                &p("completions"),
                "when completion mode is Indexed",
            ));
        }
        if let Some(par) = spec
            .parallelism
            .filter(|p| *p > MAX_PARALLELISM_FOR_INDEXED)
        {
            errs.push(FieldError::invalid(
                &p("parallelism"),
                par,
                "must be less than or equal to 100000 when completion mode is Indexed",
            ));
        }
    } else if mode == "NonIndexed" {
        // Only an unset (defaulted) or NonIndexed mode: an unknown mode gets neither branch.
        if let Some(v) = spec.backoff_limit_per_index {
            errs.push(FieldError::invalid(
                &p("backoffLimitPerIndex"),
                v,
                "requires indexed completion mode",
            ));
        }
        if let Some(v) = spec.max_failed_indexes {
            errs.push(FieldError::invalid(
                &p("maxFailedIndexes"),
                v,
                "requires indexed completion mode",
            ));
        }
    }
    if spec.max_failed_indexes.is_some() && spec.backoff_limit_per_index.is_none() {
        errs.push(FieldError::required(
            &p("backoffLimitPerIndex"),
            "when maxFailedIndexes is specified",
        ));
    }
    if let (true, Some(m)) = (indexed, spec.max_failed_indexes) {
        if m > MAX_FAILED_INDEXES {
            errs.push(FieldError::invalid(
                &p("maxFailedIndexes"),
                m,
                "must be less than or equal to 100000",
            ));
        }
        if spec.completions.is_some_and(|c| m > c) {
            errs.push(FieldError::invalid(
                &p("maxFailedIndexes"),
                m,
                "must be less than or equal to completions",
            ));
        }
    }
    // V14–V16: very large Indexed Jobs with per-index back-off need tighter limits.
    if indexed
        && spec.backoff_limit_per_index.is_some()
        && spec.completions.is_some_and(|c| c > COMPLETIONS_SOFT_LIMIT)
    {
        if spec.max_failed_indexes.is_none() {
            errs.push(FieldError::required(
                &p("maxFailedIndexes"),
                "must be specified when completions is above 100000",
            ));
        }
        if let Some(par) = spec
            .parallelism
            .filter(|v| *v > PARALLELISM_FOR_HIGH_COMPLETIONS)
        {
            errs.push(FieldError::invalid(&p("parallelism"), par, "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"));
        }
        if let Some(m) = spec
            .max_failed_indexes
            .filter(|v| *v > MAX_FAILED_FOR_HIGH_COMPLETIONS)
        {
            errs.push(FieldError::invalid(&p("maxFailedIndexes"), m, "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"));
        }
    }
    validate_managed_by(spec, &p("managedBy"), errs);
    if let Some(policy) = spec.pod_replacement_policy.as_deref() {
        if spec.pod_failure_policy.is_some() && policy != "Failed" {
            errs.push(FieldError::not_supported(
                &p("podReplacementPolicy"),
                policy,
                &["Failed"],
            ));
        } else if !matches!(policy, "Failed" | "TerminatingOrFailed") {
            errs.push(FieldError::not_supported(
                &p("podReplacementPolicy"),
                policy,
                &["Failed", "TerminatingOrFailed"],
            ));
        }
    }
    // ObjectMeta is embedded in the template, so its labels' path is `template.labels`.
    validate_labels(&spec.template.metadata.labels, &p("template.labels"), errs);
    validate_pod_failure_policy(spec, path, errs);
    validate_success_policy(spec, indexed, path, errs);
    validate_template(
        &spec.template.spec,
        spec.pod_failure_policy.is_some(),
        &p("template.spec"),
        errs,
    );
}

fn validate_pod_failure_policy(spec: &JobSpec, path: &str, errs: &mut Vec<FieldError>) {
    let Some(policy) = &spec.pod_failure_policy else {
        return;
    };
    let rules_path = format!("{path}.podFailurePolicy.rules");
    if policy.rules.len() > 20 {
        errs.push(FieldError {
            path: rules_path.clone(),
            body: format!(
                "Too many: {}: must have at most 20 items",
                policy.rules.len()
            ),
        });
    }
    let containers: Vec<&str> = spec
        .template
        .spec
        .containers
        .iter()
        .chain(&spec.template.spec.init_containers)
        .map(|c| c.name.as_str())
        .collect();
    for (i, rule) in policy.rules.iter().enumerate() {
        let rp = format!("{rules_path}[{i}]");
        const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
        match rule.action.as_str() {
            "" => errs.push(FieldError::required(
                &format!("{rp}.action"),
                "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
            )),
            "FailIndex" if spec.backoff_limit_per_index.is_none() => {
                errs.push(FieldError::invalid(
                    &format!("{rp}.action"),
                    quote("FailIndex"),
                    "requires the backoffLimitPerIndex to be set",
                ))
            }
            a if !ACTIONS.contains(&a) => errs.push(FieldError::not_supported(
                &format!("{rp}.action"),
                a,
                &ACTIONS,
            )),
            _ => {}
        }
        match (&rule.on_exit_codes, rule.on_pod_conditions.is_empty()) {
            (Some(_), false) => errs.push(FieldError { path: rp.clone(), body: "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported".into() }),
            (None, true) => errs.push(FieldError { path: rp.clone(), body: "Invalid value: specifying one of OnExitCodes and OnPodConditions is required".into() }),
            _ => {}
        }
        if let Some(req) = &rule.on_exit_codes {
            let ep = format!("{rp}.onExitCodes");
            match req.operator.as_str() {
                "" => errs.push(FieldError::required(
                    &format!("{ep}.operator"),
                    "valid values: [\"In\" \"NotIn\"]",
                )),
                "In" | "NotIn" => {}
                other => errs.push(FieldError::not_supported(
                    &format!("{ep}.operator"),
                    other,
                    &["In", "NotIn"],
                )),
            }
            if let Some(name) = req.container_name.as_deref() {
                if !containers.contains(&name) {
                    errs.push(FieldError::invalid(
                        &format!("{ep}.containerName"),
                        quote(name),
                        "must be one of the container or initContainer names in the pod template",
                    ));
                }
            }
            let values_path = format!("{ep}.values");
            if req.values.is_empty() {
                errs.push(FieldError::invalid(
                    &values_path,
                    "[]",
                    "at least one value is required",
                ));
            }
            if req.values.len() > 255 {
                errs.push(FieldError {
                    path: values_path.clone(),
                    body: format!(
                        "Too many: {}: must have at most 255 items",
                        req.values.len()
                    ),
                });
            }
            for (j, v) in req.values.iter().enumerate() {
                if req.operator == "In" && *v == 0 {
                    errs.push(FieldError::invalid(
                        &format!("{values_path}[{j}]"),
                        0,
                        "must not be 0 for the In operator",
                    ));
                }
                if req.values[..j].contains(v) {
                    errs.push(FieldError {
                        path: format!("{values_path}[{j}]"),
                        body: format!("Duplicate value: {v}"),
                    });
                }
            }
            if req.values.windows(2).any(|w| w[0] > w[1]) {
                let shown: Vec<String> = req.values.iter().map(i32::to_string).collect();
                errs.push(FieldError::invalid(
                    &values_path,
                    format!("[{}]", shown.join(",")),
                    "must be ordered",
                ));
            }
        }
        if rule.on_pod_conditions.len() > 20 {
            errs.push(FieldError {
                path: format!("{rp}.onPodConditions"),
                body: format!(
                    "Too many: {}: must have at most 20 items",
                    rule.on_pod_conditions.len()
                ),
            });
        }
        for (j, pattern) in rule.on_pod_conditions.iter().enumerate() {
            if !matches!(pattern.status.as_str(), "True" | "False" | "Unknown") {
                errs.push(FieldError::not_supported(
                    &format!("{rp}.onPodConditions[{j}].status"),
                    &pattern.status,
                    &["False", "True", "Unknown"],
                ));
            }
            for msg in qualified_name_errors(&pattern.type_) {
                errs.push(FieldError::invalid(
                    &format!("{rp}.onPodConditions[{j}].type"),
                    quote(&pattern.type_),
                    &msg,
                ));
            }
        }
    }
}

/// Success policy rules (validation.go `validateSuccessPolicy` and `validateSuccessPolicyRule`).
fn validate_success_policy(spec: &JobSpec, indexed: bool, path: &str, errs: &mut Vec<FieldError>) {
    let Some(policy) = &spec.success_policy else {
        return;
    };
    let sp = format!("{path}.successPolicy");
    if !indexed {
        // `ErrorBody` prints the internal batch.SuccessPolicy as JSON; the internal types have
        // no JSON tags, so the keys are Go's field names and unset pointers are null.
        let rules: Vec<String> = policy
            .rules
            .iter()
            .map(|r| {
                format!(
                    "{{\"SucceededIndexes\":{},\"SucceededCount\":{}}}",
                    serde_json::Value::from(r.succeeded_indexes.clone()),
                    serde_json::Value::from(r.succeeded_count)
                )
            })
            .collect();
        let shown = if rules.is_empty() {
            "{\"Rules\":null}".to_string()
        } else {
            format!("{{\"Rules\":[{}]}}", rules.join(","))
        };
        errs.push(FieldError::invalid(
            &sp,
            shown,
            "requires indexed completion mode",
        ));
        return;
    }
    if policy.rules.is_empty() {
        errs.push(FieldError::required(
            &format!("{sp}.rules"),
            "at least one rules must be specified when the successPolicy is specified",
        ));
    }
    if policy.rules.len() > 20 {
        errs.push(FieldError {
            path: format!("{sp}.rules"),
            body: format!(
                "Too many: {}: must have at most 20 items",
                policy.rules.len()
            ),
        });
    }
    let completions = spec.completions.unwrap_or(0);
    for (i, rule) in policy.rules.iter().enumerate() {
        let rp = format!("{sp}.rules[{i}]");
        if rule.succeeded_count.is_none() && rule.succeeded_indexes.is_none() {
            errs.push(FieldError::required(
                &rp,
                "at least one of succeededCount or succeededIndexes must be specified",
            ));
        }
        let mut listed = None;
        if let Some(text) = &rule.succeeded_indexes {
            if text.len() > MAX_SUCCEEDED_INDEXES_BYTES {
                errs.push(FieldError::too_long(
                    &format!("{rp}.succeededIndexes"),
                    MAX_SUCCEEDED_INDEXES_BYTES,
                ));
            }
            match parse_index_intervals(text, completions) {
                Ok(n) => listed = Some(n),
                Err(reason) => errs.push(FieldError::invalid(
                    &format!("{rp}.succeededIndexes"),
                    quote(text),
                    &format!("error parsing succeededIndexes: {reason}"),
                )),
            }
        }
        if let Some(count) = rule.succeeded_count {
            if count < 0 {
                errs.push(FieldError::invalid(
                    &format!("{rp}.succeededCount"),
                    count,
                    NON_NEGATIVE,
                ));
            } else if count > completions {
                errs.push(FieldError::invalid(&format!("{rp}.succeededCount"), count, &format!("must be less than or equal to {completions} (the number of specified completions)")));
            } else if let Some(n) = listed.filter(|n| count > *n) {
                errs.push(FieldError::invalid(&format!("{rp}.succeededCount"), count, &format!("must be less than or equal to {n} (the number of indexes in the specified succeededIndexes field)")));
            }
        }
    }
}

/// Parses `succeededIndexes` as the API server does, returning how many indexes it names or
/// the reason it is malformed.
fn parse_index_intervals(text: &str, completions: i32) -> Result<i32, String> {
    let mut total = 0;
    let mut previous: Option<i32> = None;
    for fragment in text.split(',') {
        let parts: Vec<&str> = fragment.split('-').collect();
        if parts.len() > 2 {
            return Err(format!("the fragment {fragment:?} violates the requirement that an index interval can have at most two parts separated by '-'"));
        }
        let mut bounds = Vec::new();
        for p in &parts {
            let v: i32 = p
                .parse()
                .map_err(|_| format!("cannot convert string to integer for index: {p:?}"))?;
            if v >= completions {
                return Err(format!("too large index: {p:?}"));
            }
            if let Some(prev) = previous.filter(|prev| v <= *prev) {
                return Err(format!(
                    "non-increasing order, previous: {prev}, current: {v}"
                ));
            }
            previous = Some(v);
            bounds.push(v);
        }
        total += bounds.last().unwrap_or(&0) - bounds.first().unwrap_or(&0) + 1;
    }
    Ok(total)
}

/// The pod-template checks a Job adds on top of pod validation.
fn validate_template(
    spec: &PodSpec,
    has_failure_policy: bool,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let rp = format!("{path}.restartPolicy");
    // An unset or empty policy was defaulted to Always (core/v1 `SetDefaults_PodSpec`).
    let policy = spec
        .restart_policy
        .as_deref()
        .filter(|p| !p.is_empty())
        .unwrap_or("Always");
    // core/validation `validateRestartPolicy`, as for any pod.
    if !matches!(policy, "Always" | "OnFailure" | "Never") {
        errs.push(FieldError::not_supported(
            &rp,
            policy,
            &["Always", "OnFailure", "Never"],
        ));
    }
    match policy {
        "Always" => errs.push(FieldError::required(
            &rp,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        "OnFailure" if has_failure_policy => errs.push(FieldError::invalid(
            &rp,
            quote("OnFailure"),
            "only \"Never\" is supported when podFailurePolicy is specified",
        )),
        "OnFailure" | "Never" => {}
        other => errs.push(FieldError::not_supported(
            &rp,
            other,
            &["OnFailure", "Never"],
        )),
    }
    if let Some(v) = spec
        .active_deadline_seconds
        .filter(|v| !(1..=i64::from(i32::MAX)).contains(v))
    {
        // core/validation `ValidatePodSpec` (`InclusiveRangeError`)
        errs.push(FieldError::invalid(
            &format!("{path}.activeDeadlineSeconds"),
            v,
            "must be between 1 and 2147483647, inclusive",
        ));
    }
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&format!("{path}.containers"), ""));
    }
    let mut names: Vec<&str> = Vec::new();
    // Containers first: `validateInitContainers` reports an init container that reuses a
    // container's name (core/validation `ValidatePodSpec`).
    for (kind, list) in [
        ("containers", &spec.containers),
        ("initContainers", &spec.init_containers),
    ] {
        for (i, c) in list.iter().enumerate() {
            let cp = format!("{path}.{kind}[{i}]");
            if c.name.is_empty() {
                errs.push(FieldError::required(&format!("{cp}.name"), ""));
            } else {
                for msg in dns1123_label_errors(&c.name) {
                    errs.push(FieldError::invalid(
                        &format!("{cp}.name"),
                        quote(&c.name),
                        &msg,
                    ));
                }
                if names.contains(&c.name.as_str()) {
                    errs.push(FieldError {
                        path: format!("{cp}.name"),
                        body: format!("Duplicate value: {:?}", c.name),
                    });
                }
                names.push(&c.name);
            }
            if c.image.trim().is_empty() {
                errs.push(FieldError::required(&format!("{cp}.image"), ""));
            }
            if let Some(policy) = c.image_pull_policy.as_deref().and_then(|p| p.as_str()) {
                // core/validation `validatePullPolicy`
                if !matches!(policy, "Always" | "IfNotPresent" | "Never") {
                    errs.push(FieldError::not_supported(
                        &format!("{cp}.imagePullPolicy"),
                        policy,
                        &["Always", "IfNotPresent", "Never"],
                    ));
                }
            }
            if let Some(ports) = c.ports.as_deref().and_then(|p| p.as_array()) {
                // core/validation `validateContainerPorts`: the container port's range.
                for (j, port) in ports.iter().enumerate() {
                    let pp = format!("{cp}.ports[{j}].containerPort");
                    match port.get("containerPort").and_then(|v| v.as_i64()) {
                        None | Some(0) => errs.push(FieldError::required(&pp, "")),
                        Some(n) if !(1..=65535).contains(&n) => errs.push(FieldError::invalid(
                            &pp,
                            n,
                            "must be between 1 and 65535, inclusive",
                        )),
                        Some(_) => {}
                    }
                }
            }
            if let Some(res) = &c.resources {
                // core/validation `ValidateContainerResourceRequirements`: a request is at most
                // its limit, both printed as `Quantity.String()` prints them.
                for (name, request) in &res.requests {
                    let Some(limit) = res.limits.get(name) else {
                        continue;
                    };
                    if let (Some(r), Some(l)) = (request.milli_value(), limit.milli_value()) {
                        if r > l {
                            errs.push(FieldError::invalid(
                                &format!("{cp}.resources.requests"),
                                quote(&canonical_quantity(&request.0)),
                                &format!(
                                    "must be less than or equal to {name} limit of {}",
                                    canonical_quantity(&limit.0)
                                ),
                            ));
                        }
                    }
                }
                for (section, map) in [("requests", &res.requests), ("limits", &res.limits)] {
                    for (k, q) in map {
                        let negative = q.0.trim().strip_prefix('-').is_some_and(|rest| {
                            crate::api::quantity::Quantity(rest.into())
                                .milli_value()
                                .is_some()
                        });
                        if negative {
                            // core/validation `ValidateNonnegativeQuantity`
                            errs.push(FieldError::invalid(
                                &format!("{cp}.resources.{section}[{k}]"),
                                quote(&q.0),
                                NON_NEGATIVE,
                            ));
                        } else if q.milli_value().is_none() {
                            errs.push(FieldError::invalid(&format!("{cp}.resources.{section}[{k}]"), quote(&q.0), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                        }
                    }
                }
            }
        }
    }
}

/// A decimal quantity as `resource.Quantity.String()` writes it (`0.5` is `500m`, `1000m` is
/// `1`); other forms (binary suffixes, exponents) as written.
fn canonical_quantity(text: &str) -> String {
    let t = text.trim();
    let plain = t.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        || t.strip_suffix('m')
            .is_some_and(|n| n.bytes().all(|c| c.is_ascii_digit() || c == b'.'));
    match crate::api::quantity::Quantity(t.to_string()).milli_value() {
        Some(m) if plain && m % 1000 == 0 => (m / 1000).to_string(),
        Some(m) if plain => format!("{m}m"),
        _ => t.to_string(),
    }
}

/// V44–V45: `managedBy` is a domain-prefixed path of at most 63 characters
/// (`ValidateDomainPrefixedPath`).
fn validate_managed_by(spec: &JobSpec, path: &str, errs: &mut Vec<FieldError>) {
    let Some(value) = spec.managed_by.as_deref() else {
        return;
    };
    if value.is_empty() {
        errs.push(FieldError::required(path, ""));
        return;
    }
    match value
        .split_once('/')
        .filter(|(d, r)| !d.is_empty() && !r.is_empty())
    {
        None => errs.push(FieldError::invalid(
            path,
            quote(value),
            "must be a domain-prefixed path (such as \"acme.io/foo\")",
        )),
        Some((domain, rest)) => {
            for msg in dns1123_subdomain_errors(domain) {
                errs.push(FieldError::invalid(path, quote(domain), &msg));
            }
            if !rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&b))
            {
                errs.push(FieldError::invalid(
                    path,
                    quote(rest),
                    "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
                ));
            }
        }
    }
    if value.len() > 63 {
        errs.push(FieldError {
            path: path.into(),
            body: "Too long: may not be more than 63 bytes".into(),
        });
    }
}

/// `IsQualifiedName`: `[prefix/]name`, the name part at most 63 characters of
/// alphanumerics, `-`, `_` and `.`, starting and ending alphanumeric.
fn qualified_name_errors(value: &str) -> Vec<String> {
    const NAME_FMT: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                errs.extend(
                    dns1123_subdomain_errors(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            name
        }
        _ => {
            return vec!["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".into()];
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 characters".into());
    }
    if !label_shaped(name) {
        errs.push(NAME_FMT.into());
    }
    errs
}

/// `ValidateAnnotations` (apimachinery's api/validation/objectmeta.go): each key, lowercased,
/// is a qualified name, and keys and values together are at most 256 KiB.
pub fn validate_annotations(
    annotations: &std::collections::BTreeMap<Str, Str>,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    for key in annotations.keys() {
        for msg in qualified_name_errors(&crate::lowercase::to_lowercase(key)) {
            errs.push(FieldError::invalid(path, quote(key), &msg));
        }
    }
    validate_annotations_size(annotations, path, errs);
}

/// `ValidateAnnotations`' size rule: keys and values together at most 256 KiB.
pub fn validate_annotations_size(
    annotations: &std::collections::BTreeMap<Str, Str>,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
}

/// `ValidateLabels`: keys are qualified names, values at most 63 characters of
/// alphanumerics, `-`, `_` and `.`, starting and ending alphanumeric (or empty).
pub fn validate_labels(
    labels: &std::collections::BTreeMap<Str, Str>,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let first = errs.len();
    const VALUE_FMT: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    for (key, value) in labels {
        for msg in qualified_name_errors(key) {
            errs.push(FieldError::invalid(path, quote(key), &msg));
        }
        if value.len() > 63 {
            // apimachinery's api/validate/content/kube.go `IsLabelValue` (`MaxLenError`).
            errs.push(FieldError::invalid(
                path,
                quote(value),
                "must be no more than 63 bytes",
            ));
        }
        if !value.is_empty() && !label_shaped(value) {
            errs.push(FieldError::invalid(path, quote(value), VALUE_FMT));
        }
    }
    // Two keys with the same bad value give one error: Kubernetes v1.37 reports the label
    // value errors through declarative validation (rest.ValidateDeclarativelyWithMigrationChecks
    // replaces the handwritten ones), and an identical error is reported once.
    // Each error is looked for among those kept before it: one map's label errors are few,
    // and a set of strings would be a B-tree of its own in the wasm.
    let mut i = first;
    while i < errs.len() {
        if errs[first..i].iter().any(|e| e.body == errs[i].body) {
            errs.remove(i);
        } else {
            i += 1;
        }
    }
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`: the shape of label values and name parts.
fn label_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::defaults::default_job;

    /// The selector and labels written as `Value` text read exactly as their `Serialize`
    /// writes them: fields in the struct's order, empty ones left out, the same escapes.
    #[test]
    fn selectors_and_labels_are_written_as_serialize_writes_them() {
        let mut selector = crate::api::LabelSelector::default();
        let mut selectors = vec![selector.clone()];
        selector
            .match_labels
            .insert("a\"b".into(), "ü\n\u{1}".into());
        selector.match_labels.insert("Z".into(), "".into());
        selectors.push(selector.clone());
        let expression =
            r#"{"key": "k", "operator": "In", "values": ["a", 1, 2.5, null, {"z": 1, "a": []}]}"#;
        selector
            .match_expressions
            .push(serde_json::from_str(expression).unwrap());
        selectors.push(selector.clone());
        selector.match_labels.clear();
        selectors.push(selector);
        for selector in &selectors {
            assert_eq!(
                json_selector(selector),
                serde_json::to_string(selector).unwrap()
            );
        }
        let labels = &selectors[1].match_labels;
        assert_eq!(json_map(labels), serde_json::to_string(labels).unwrap());
    }

    fn errors_of(edit: impl FnOnce(&mut Job)) -> Vec<String> {
        let mut job = Job::default();
        job.metadata.name = "pi".into();
        job.spec.template.spec.restart_policy = Some("Never".into());
        job.spec
            .template
            .spec
            .containers
            .push(crate::api::Container {
                name: "pi".into(),
                image: "perl".into(),
                ..Default::default()
            });
        edit(&mut job);
        default_job(&mut job);
        validate_job(&job).iter().map(FieldError::message).collect()
    }

    #[test]
    fn a_plain_job_is_valid() {
        assert!(errors_of(|_| {}).is_empty());
    }

    #[test]
    fn restart_policy_must_be_never_or_on_failure() {
        assert_eq!(errors_of(|j| j.spec.template.spec.restart_policy = None), ["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""]);
        // Pod validation rejects it, then the Job's own rule does.
        assert_eq!(errors_of(|j| j.spec.template.spec.restart_policy = Some("Sometimes".into())), ["spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""]);
        assert_eq!(errors_of(|j| j.spec.template.spec.restart_policy = Some("".into())), ["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""]);
    }

    #[test]
    fn indexed_needs_completions_and_short_names() {
        assert_eq!(
            errors_of(|j| {
                j.spec.completion_mode = Some("Indexed".into());
                j.spec.parallelism = Some(2);
            }),
            ["spec.completions: Required value: when completion mode is Indexed"]
        );
        let long = "a".repeat(62);
        let errs = errors_of(|j| {
            j.metadata.name = long.clone().into();
            j.spec.completion_mode = Some("Indexed".into());
            j.spec.completions = Some(10);
        });
        assert_eq!(errs, [format!("metadata.name: Invalid value: \"{long}\": will not able to create pod with invalid DNS label: {long}-9")]);
    }

    #[test]
    fn success_policy_rules_are_checked_like_the_api_server() {
        let indexed = |j: &mut Job| {
            j.spec.completion_mode = Some("Indexed".into());
            j.spec.completions = Some(5);
        };
        let rule = |idx: Option<&str>, count: Option<i32>| crate::api::SuccessPolicyRule {
            succeeded_indexes: idx.map(str::to_string),
            succeeded_count: count,
        };
        let errs = errors_of(|j| {
            indexed(j);
            j.spec.success_policy = Some(crate::api::SuccessPolicy {
                rules: vec![
                    rule(None, None),
                    rule(Some("3-1"), None),
                    rule(Some("0,1"), Some(3)),
                    rule(Some("x"), None),
                    rule(None, Some(9)),
                ],
            });
        });
        assert_eq!(
            errs,
            [
                "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
                "spec.successPolicy.rules[1].succeededIndexes: Invalid value: \"3-1\": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1",
                "spec.successPolicy.rules[2].succeededCount: Invalid value: 3: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)",
                "spec.successPolicy.rules[3].succeededIndexes: Invalid value: \"x\": error parsing succeededIndexes: cannot convert string to integer for index: \"x\"",
                "spec.successPolicy.rules[4].succeededCount: Invalid value: 9: must be less than or equal to 5 (the number of specified completions)",
            ]
        );
    }

    #[test]
    fn all_errors_of_one_object_are_reported() {
        let errs = errors_of(|j| {
            j.spec.parallelism = Some(-1);
            j.spec.backoff_limit = Some(-2);
            j.spec.backoff_limit_per_index = Some(1);
        });
        assert_eq!(
            errs,
            [
                "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
                "spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0",
                "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
            ]
        );
    }
}
