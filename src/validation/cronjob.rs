//! CronJob validation (pkg/apis/batch/validation/validation.go, `ValidateCronJobCreate`),
//! with the API server's wording.

use super::field::{dns1123_subdomain_errors, quote, FieldError};
use super::job::{json_selector, validate_job_spec};
use crate::api::CronJob;
use crate::cron::{parse_standard, Zone};

const NON_NEGATIVE: &str = "must be greater than or equal to 0";
/// Job names get an 11-character `-<minutes>` suffix and must stay within 63.
const MAX_NAME: usize = 52;

/// Validates a defaulted CronJob as the API server does on create.
pub fn validate_cron_job(cj: &CronJob) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = &cj.metadata.name;
    if name.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else {
        for msg in dns1123_subdomain_errors(name) {
            errs.push(FieldError::invalid("metadata.name", quote(name), &msg));
        }
    }
    super::job::validate_annotations(&cj.metadata.annotations, "metadata.annotations", &mut errs);
    super::job::validate_namespace(&cj.metadata.namespace, &mut errs);
    // ValidateObjectMeta checks the CronJob's own labels too.
    super::job::validate_labels(&cj.metadata.labels, "metadata.labels", &mut errs);
    validate_spec(cj, &mut errs);
    if name.len() > MAX_NAME {
        errs.push(FieldError::invalid(
            "metadata.name",
            quote(name),
            "must be no more than 52 characters",
        ));
    }
    errs
}

fn validate_spec(cj: &CronJob, errs: &mut Vec<FieldError>) {
    let spec = &cj.spec;
    if spec.schedule.is_empty() {
        errs.push(FieldError::required("spec.schedule", ""));
    } else {
        validate_schedule(&spec.schedule, errs);
    }
    if let Some(d) = spec.starting_deadline_seconds.filter(|d| *d < 0) {
        errs.push(FieldError::invalid(
            "spec.startingDeadlineSeconds",
            d,
            NON_NEGATIVE,
        ));
    }
    if let Some(tz) = &spec.time_zone {
        validate_time_zone(tz, errs);
    }
    match spec.concurrency_policy.as_deref().unwrap_or("Allow") {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errs.push(FieldError::required("spec.concurrencyPolicy", "")),
        other => errs.push(FieldError::not_supported(
            "spec.concurrencyPolicy",
            other,
            &["Allow", "Forbid", "Replace"],
        )),
    }
    let template = &spec.job_template.spec;
    validate_job_spec(template, "spec.jobTemplate.spec", errs);
    if let Some(selector) = &template.selector {
        let shown = json_selector(selector);
        errs.push(FieldError::invalid(
            "spec.jobTemplate.spec.selector",
            shown,
            "`selector` will be auto-generated",
        ));
    }
    if template.manual_selector == Some(true) {
        errs.push(FieldError {
            path: "spec.jobTemplate.spec.manualSelector".into(),
            body: "Unsupported value: true: supported values: \"nil\", \"false\"".into(),
        });
    }
    for (field, value) in [
        (
            "successfulJobsHistoryLimit",
            spec.successful_jobs_history_limit,
        ),
        ("failedJobsHistoryLimit", spec.failed_jobs_history_limit),
    ] {
        if let Some(v) = value.filter(|v| *v < 0) {
            errs.push(FieldError::invalid(
                &format!("spec.{field}"),
                v,
                NON_NEGATIVE,
            ));
        }
    }
}

/// `validateScheduleFormat` on create: robfig's parse, and no `TZ`/`CRON_TZ` inside.
fn validate_schedule(schedule: &str, errs: &mut Vec<FieldError>) {
    let shown = quote(schedule);
    let tz_prefixed = schedule.starts_with("TZ=") || schedule.starts_with("CRON_TZ=");
    if !tz_prefixed {
        if let Err(e) = parse_standard(schedule) {
            errs.push(FieldError::invalid("spec.schedule", &shown, &e));
        }
    } else if let Some((prefix, rest)) = schedule.split_once(' ') {
        // robfig loads the prefix's zone, then parses the rest.
        let zone = &prefix[prefix.find('=').map_or(0, |i| i + 1)..];
        if let Err(e) = Zone::check(zone) {
            errs.push(FieldError::invalid(
                "spec.schedule",
                &shown,
                &format!("provided bad location {zone}: {e}"),
            ));
        } else if let Err(e) = parse_standard(rest.trim()) {
            errs.push(FieldError::invalid("spec.schedule", &shown, &e));
        }
    }
    if schedule.contains("TZ") {
        errs.push(FieldError::invalid(
            "spec.schedule",
            &shown,
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ));
    }
}

/// `validateTimeZone`.
fn validate_time_zone(tz: &str, errs: &mut Vec<FieldError>) {
    let shown = quote(tz);
    if tz.is_empty() {
        errs.push(FieldError::invalid(
            "spec.timeZone",
            &shown,
            "timeZone must be nil or non-empty string",
        ));
        return;
    }
    let part_ok = |p: &str| {
        p != "."
            && p != ".."
            && !p.starts_with('-')
            && (1..=14).contains(&p.len())
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b))
    };
    if !tz.split('/').all(part_ok) {
        errs.push(FieldError::invalid(
            "spec.timeZone",
            &shown,
            &format!("unknown time zone {tz}"),
        ));
        return;
    }
    if tz.eq_ignore_ascii_case("local") {
        errs.push(FieldError::invalid(
            "spec.timeZone",
            &shown,
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        ));
        // time.LoadLocation("Local") succeeds; other spellings fail below, as in Go.
        if tz == "Local" {
            return;
        }
    }
    if let Err(e) = Zone::check(tz) {
        errs.push(FieldError::invalid("spec.timeZone", &shown, &e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(yaml_schedule: &str, tz: Option<&str>) -> Vec<String> {
        let mut cj = CronJob::default();
        cj.metadata.name = "nightly".into();
        cj.spec.schedule = yaml_schedule.into();
        cj.spec.time_zone = tz.map(str::to_string);
        cj.spec.job_template.spec.template.spec.restart_policy = Some("OnFailure".into());
        cj.spec.job_template.spec.template.spec.containers = vec![crate::api::Container {
            name: "c".into(),
            image: "busybox".into(),
            ..Default::default()
        }]
        .into();
        validate_cron_job(&cj)
            .iter()
            .map(FieldError::message)
            .collect()
    }

    #[test]
    fn schedule_errors_read_as_the_api_servers() {
        assert_eq!(errors("0 0 * * 7", None), ["spec.schedule: Invalid value: \"0 0 * * 7\": end of range (7) above maximum (6): 7"]);
        assert_eq!(errors("TZ=UTC 0 0 * * *", None), ["spec.schedule: Invalid value: \"TZ=UTC 0 0 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]);
        assert!(errors("@every 1h", None).is_empty());
        assert!(
            errors("0 0 30 2 *", None).is_empty(),
            "a never-firing schedule parses"
        );
    }

    #[test]
    fn time_zone_errors() {
        assert_eq!(
            errors("@daily", Some("")),
            ["spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"]
        );
        assert_eq!(errors("@daily", Some("Local")), ["spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"]);
        assert_eq!(
            errors("@daily", Some("Mars/Olympus")),
            ["spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"]
        );
        assert_eq!(errors("@daily", Some("America/New York")), ["spec.timeZone: Invalid value: \"America/New York\": unknown time zone America/New York"]);
        assert!(errors("@daily", Some("Europe/Berlin")).is_empty());
    }
}
