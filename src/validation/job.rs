//! Job validation (pkg/apis/batch/validation/validation.go, `ValidateJob`).

use super::field::{dns1123_label_errors, dns1123_subdomain_errors, quote, FieldError};
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
    let mut errs = Vec::new();
    validate_name(&job.metadata.name, &mut errs);
    validate_annotations_size(&job.metadata.annotations, "metadata.annotations", &mut errs);
    validate_labels(&job.metadata.labels, "metadata.labels", &mut errs);
    validate_job_spec(&job.spec, &job.metadata.name, "spec", &mut errs);
    validate_selector(job, &mut errs);
    errs
}

/// V46–V48: a hand-written selector needs `manualSelector: true` and must match the
/// template's labels; without `manualSelector` the API server generates it.
fn validate_selector(job: &Job, errs: &mut Vec<FieldError>) {
    let spec = &job.spec;
    let manual = spec.manual_selector == Some(true);
    match (&spec.selector, manual) {
        (None, true) => errs.push(FieldError::required("spec.selector", "")),
        (Some(selector), false) => errs.push(FieldError::invalid(
            "spec.selector",
            go_selector(selector),
            "`selector` not auto-generated",
        )),
        (Some(selector), true) => {
            let labels = &spec.template.metadata.labels;
            let matches = selector
                .match_labels
                .iter()
                .all(|(k, v)| labels.get(k) == Some(v))
                && selector.match_expressions.is_empty();
            if !matches {
                errs.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    go_map(labels),
                    "`selector` does not match template `labels`",
                ));
            }
        }
        (None, false) => {}
    }
}

/// Go's `%#v` of a `map[string]string`.
fn go_map(m: &std::collections::BTreeMap<Str, Str>) -> String {
    let items: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", items.join(", "))
}

/// Go's `%#v` of a `*metav1.LabelSelector` with match labels only (expressions elided).
fn go_selector(s: &crate::api::LabelSelector) -> String {
    let exprs = if s.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        format!(
            "[]v1.LabelSelectorRequirement{{/* {} */}}",
            s.match_expressions.len()
        )
    };
    format!(
        "&v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{exprs}}}",
        go_map(&s.match_labels)
    )
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
pub fn validate_job_spec(spec: &JobSpec, name: &str, path: &str, errs: &mut Vec<FieldError>) {
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
        match spec.completions {
            None => errs.push(FieldError::required(
                &p("completions"),
                "when completion mode is Indexed",
            )),
            Some(c) if c > 0 && !name.is_empty() => {
                let last = format!("{name}-{}", c - 1);
                if !dns1123_label_errors(&last).is_empty() {
                    errs.push(FieldError::invalid(
                        "metadata.name",
                        quote(name),
                        &format!("will not able to create pod with invalid DNS label: {last}"),
                    ));
                }
            }
            _ => {}
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
    } else {
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
    // The API server adds `job-name` and `batch.kubernetes.io/job-name` labels carrying the
    // name before validating, so a name over 63 characters fails there, twice.
    if spec.manual_selector != Some(true) && name.len() > 63 {
        for _ in 0..2 {
            errs.push(FieldError::invalid(
                &p("template.labels"),
                quote(name),
                "must be no more than 63 characters",
            ));
        }
    }
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
                    "[]int32{}",
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
                    format!("[]int32{{{}}}", shown.join(", ")),
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
        // Kubernetes prints the struct with Go %#v (pointer addresses included); JSON reads better.
        let shown = serde_json::to_string(policy).unwrap_or_default();
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
    match spec.restart_policy.as_deref() {
        None | Some("Always") => errs.push(FieldError::required(
            &rp,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        Some("OnFailure") if has_failure_policy => errs.push(FieldError::invalid(
            &rp,
            quote("OnFailure"),
            "only \"Never\" is supported when podFailurePolicy is specified",
        )),
        Some("OnFailure" | "Never") => {}
        Some(other) => errs.push(FieldError::not_supported(
            &rp,
            other,
            &["OnFailure", "Never"],
        )),
    }
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&format!("{path}.containers"), ""));
    }
    let mut names: Vec<&str> = Vec::new();
    for (kind, list) in [
        ("initContainers", &spec.init_containers),
        ("containers", &spec.containers),
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
            if let Some(res) = &c.resources {
                for (section, map) in [("requests", &res.requests), ("limits", &res.limits)] {
                    for (k, q) in map {
                        if q.milli_value().is_none() {
                            errs.push(FieldError::invalid(&format!("{cp}.resources.{section}[{k}]"), quote(&q.0), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                        }
                    }
                }
            }
        }
    }
}

/// V44–V45: `managedBy` is a domain-prefixed path of at most 63 characters
/// (`ValidateDomainPrefixedPath`).
fn validate_managed_by(spec: &JobSpec, path: &str, errs: &mut Vec<FieldError>) {
    let Some(value) = spec.managed_by.as_deref() else {
        return;
    };
    match value.split_once('/') {
        None => errs.push(FieldError::invalid(
            path,
            quote(value),
            "must be a domain-prefixed path (such as \"acme.io/foo\")",
        )),
        Some((domain, rest)) => {
            for msg in dns1123_subdomain_errors(domain) {
                errs.push(FieldError::invalid(path, quote(domain), &msg));
            }
            if rest.is_empty()
                || !rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./~%".contains(&b))
            {
                errs.push(FieldError::invalid(path, quote(rest), "Invalid path"));
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
    if !name.is_empty() && !label_shaped(name) {
        errs.push(NAME_FMT.into());
    }
    errs
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
    const VALUE_FMT: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    for (key, value) in labels {
        for msg in qualified_name_errors(key) {
            errs.push(FieldError::invalid(path, quote(key), &msg));
        }
        if value.len() > 63 {
            errs.push(FieldError::invalid(
                path,
                quote(value),
                "must be no more than 63 characters",
            ));
        }
        if !value.is_empty() && !label_shaped(value) {
            errs.push(FieldError::invalid(path, quote(value), VALUE_FMT));
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
        assert_eq!(errors_of(|j| j.spec.template.spec.restart_policy = Some("Sometimes".into())), ["spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""]);
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
