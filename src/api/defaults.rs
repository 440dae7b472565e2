//! What the API server stores: defaults (pkg/apis/batch/v1/defaults.go, core pod defaults)
//! and the generated selector and labels (pkg/registry/batch/job/strategy.go).

use super::job::Job;
use super::pod::PodSpec;
use super::well_known as wk;
use super::LabelSelector;

/// Applies `batch/v1` Job defaults. Runs before validation, as on the API server.
/// `imagePullPolicy` when unset (pkg/apis/core/v1/defaults.go): Always for `:latest` or no
/// tag, else IfNotPresent.
pub fn default_pull_policy(image: &str) -> &'static str {
    if !image.contains(':') || image.ends_with(":latest") {
        "Always"
    } else {
        "IfNotPresent"
    }
}

pub fn default_job(job: &mut Job) {
    let spec = &mut job.spec;
    // completions defaults to 1 only when both are unset; parallelism always defaults to 1.
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".into());
    spec.suspend.get_or_insert(false);
    spec.manual_selector.get_or_insert(false);
    let max_int32 = i32::MAX;
    let default_backoff = if spec.backoff_limit_per_index.is_some() {
        max_int32
    } else {
        6
    };
    spec.backoff_limit.get_or_insert(default_backoff);
    let replacement = if spec.pod_failure_policy.is_some() {
        "Failed"
    } else {
        "TerminatingOrFailed"
    };
    spec.pod_replacement_policy
        .get_or_insert_with(|| replacement.into());
    if let Some(pfp) = &mut spec.pod_failure_policy {
        for rule in &mut pfp.rules {
            for pattern in &mut rule.on_pod_conditions {
                if pattern.status.is_empty() {
                    pattern.status = "True".into();
                }
            }
        }
    }
    default_pod_spec(&mut spec.template.spec);
    if job.metadata.namespace.is_empty() {
        job.metadata.namespace = wk::DEFAULT_NAMESPACE.into();
    }
}

/// `batch/v1` CronJob defaults. The Job template's pod spec gets core pod defaults; its
/// Job-level fields are defaulted only when a Job is created from it.
pub fn default_cron_job(cj: &mut super::CronJob) {
    let spec = &mut cj.spec;
    // `SetDefaults_CronJob`: an unset or empty policy is Allow.
    if spec.concurrency_policy.as_deref().is_none_or(str::is_empty) {
        spec.concurrency_policy = Some("Allow".into());
    }
    spec.suspend.get_or_insert(false);
    spec.successful_jobs_history_limit.get_or_insert(3);
    spec.failed_jobs_history_limit.get_or_insert(1);
    // zz_generated.defaults.go `SetObjectDefaults_CronJob`: the template's pod-condition
    // patterns default their status to True, as a Job's do.
    if let Some(pfp) = &mut spec.job_template.spec.pod_failure_policy {
        for rule in &mut pfp.rules {
            for pattern in &mut rule.on_pod_conditions {
                if pattern.status.is_empty() {
                    pattern.status = "True".into();
                }
            }
        }
    }
    default_pod_spec(&mut spec.job_template.spec.template.spec);
    if cj.metadata.namespace.is_empty() {
        cj.metadata.namespace = wk::DEFAULT_NAMESPACE.into();
    }
}

/// Core pod defaults that show in "what the API server stored".
pub fn default_pod_spec(spec: &mut PodSpec) {
    spec.termination_grace_period_seconds.get_or_insert(30);
    let raw = |v: serde_json::Value| std::rc::Rc::new(v);
    spec.pass_through
        .dns_policy
        .get_or_insert_with(|| raw("ClusterFirst".into()));
    spec.scheduler_name
        .get_or_insert_with(|| "default-scheduler".into());
    spec.pass_through
        .security_context
        .get_or_insert_with(|| raw(serde_json::json!({})));
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        let policy = default_pull_policy(&c.image);
        c.image_pull_policy
            .get_or_insert_with(|| raw(policy.into()));
        c.termination_message_path
            .get_or_insert_with(|| raw("/dev/termination-log".into()));
        c.termination_message_policy
            .get_or_insert_with(|| raw("File".into()));
    }
}

/// On create, without `manualSelector`: the four generated template labels and the
/// `controller-uid` selector. Existing keys are left alone, as the strategy does.
pub fn generate_selector(job: &mut Job) {
    if job.spec.manual_selector == Some(true) {
        return;
    }
    let uid = job.metadata.uid.clone();
    let name = job.metadata.name.clone();
    let labels = &mut job.spec.template.metadata.labels;
    for (k, v) in [
        (wk::CONTROLLER_UID_LABEL, &uid),
        (wk::JOB_NAME_LABEL, &name),
        (wk::LEGACY_CONTROLLER_UID_LABEL, &uid),
        (wk::LEGACY_JOB_NAME_LABEL, &name),
    ] {
        labels.entry(k.into()).or_insert_with(|| v.clone());
    }
    let mut selector = LabelSelector::default();
    selector
        .match_labels
        .insert(wk::CONTROLLER_UID_LABEL.into(), uid);
    job.spec.selector = Some(selector);
    // A Job without labels takes its template's labels.
    if job.metadata.labels.is_empty() {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
}
