//! The pods a Job creates (job_controller.go `manageJob` with pkg/controller/controller_utils.go
//! `GetPodFromTemplate`), and the order in which active pods are deleted
//! (`controller.ActivePods`).

use std::cmp::Ordering;

use crate::api::well_known as wk;
use crate::api::{EnvVar, Job, OwnerReference, Pod, Shared, Str};

/// Longest `generateName` prefix: the name's 63 characters less the 5-character suffix.
const MAX_GENERATE_NAME_PREFIX: usize = 58;

/// What all the pods a Job creates in one sync have in common, made once and shared by them:
/// the owner references (the Job as their controller) and, without a completion index, the
/// `generateName`.
pub struct PodsInCommon {
    owner_references: Shared<Vec<OwnerReference>>,
    generate_name: Str,
}

impl PodsInCommon {
    pub fn of(job: &Job) -> PodsInCommon {
        let owner_references = Shared::new(vec![OwnerReference {
            api_version: "batch/v1".into(),
            kind: "Job".into(),
            name: job.metadata.name.clone(),
            uid: job.metadata.uid.clone(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }]);
        PodsInCommon {
            owner_references,
            generate_name: generate_name(job.name(), None),
        }
    }
}

/// A new pod for the Job (and completion index, for Indexed Jobs), with the parts `common`
/// holds for every pod of this sync. The API server completes `generateName`, the uid and
/// timestamps when the engine creates it. With backoffLimitPerIndex, `failures` become the
/// index failure-count annotations.
pub fn pod_from_template(
    job: &Job,
    common: &PodsInCommon,
    index: Option<i32>,
    failures: Option<super::indexed::IndexFailures>,
) -> Pod {
    let template = &job.spec.template;
    let mut pod = Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        ..Pod::default()
    };
    let meta = &mut pod.metadata;
    meta.namespace = job.metadata.namespace.clone();
    meta.generate_name = if index.is_some() {
        generate_name(job.name(), index)
    } else {
        common.generate_name.clone()
    };
    meta.labels = template.metadata.labels.clone();
    meta.annotations = template.metadata.annotations.clone();
    meta.finalizers = Vec::with_capacity(template.metadata.finalizers.len() + 1);
    meta.finalizers
        .extend(template.metadata.finalizers.iter().cloned());
    meta.finalizers.push(wk::JOB_TRACKING_FINALIZER.into());
    meta.owner_references = common.owner_references.clone();
    pod.spec = template.spec.clone();
    if let Some(i) = index {
        meta.labels
            .insert(wk::JOB_COMPLETION_INDEX.into(), i.to_string().into());
        meta.annotations
            .insert(wk::JOB_COMPLETION_INDEX.into(), i.to_string().into());
        pod.spec.hostname = format!("{}-{i}", job.name()).into();
        if let Some(f) = failures {
            meta.annotations.insert(
                wk::JOB_INDEX_FAILURE_COUNT.into(),
                f.counted.to_string().into(),
            );
            if f.ignored > 0 {
                meta.annotations.insert(
                    wk::JOB_INDEX_IGNORED_FAILURE_COUNT.into(),
                    f.ignored.to_string().into(),
                );
            }
        }
        for c in pod
            .spec
            .containers
            .iter_mut()
            .chain(pod.spec.init_containers.iter_mut())
        {
            if !c.env.iter().any(|e| e.name == wk::COMPLETION_INDEX_ENV) {
                c.env.push(EnvVar {
                    name: wk::COMPLETION_INDEX_ENV.into(),
                    value: None,
                    value_from: Some(completion_index_field_ref()),
                });
            }
        }
    }
    pod
}

/// `{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels['…completion-index']"}}`,
/// the downward-API source of the completion index variable. Built by hand, not with `json!`,
/// whose `to_value(..).unwrap()` per value keeps serde_json's error texts in the page.
fn completion_index_field_ref() -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut field_ref = Map::new();
    field_ref.insert("apiVersion".to_string(), "v1".into());
    let field_path = format!("metadata.labels['{}']", wk::JOB_COMPLETION_INDEX);
    field_ref.insert("fieldPath".to_string(), field_path.into());
    let mut source = Map::new();
    source.insert("fieldRef".to_string(), Value::Object(field_ref));
    Value::Object(source)
}

/// `<job>-` or `<job>-<index>-`, cut so the API server's suffix still fits in 63 characters;
/// for Indexed pods the Job name is cut so `-<index>-` survives.
pub fn generate_name(job_name: &str, index: Option<i32>) -> Str {
    // The tail is `-` or `-INDEX-`; the Job's name is cut to leave room for it.
    let digits = |i: i32| {
        usize::from(i < 0)
            + i.unsigned_abs()
                .checked_ilog10()
                .map_or(1, |d| d as usize + 1)
    };
    let tail_len = index.map_or(1, |i| digits(i) + 2);
    let room = MAX_GENERATE_NAME_PREFIX.saturating_sub(tail_len);
    let cut = &job_name[..job_name
        .char_indices()
        .nth(room)
        .map_or(job_name.len(), |(at, _)| at)];
    match index {
        Some(i) => Str::format(format_args!("{cut}-{i}-")),
        None => Str::format(format_args!("{cut}-")),
    }
}

/// Sorts `pods` stably in `deletion_order`, through the crate's shared sort: deletions are
/// rare next to the engine's steps, and the standard sort would be compiled for them alone.
pub fn sort_for_deletion(pods: &mut [&Pod]) {
    crate::sort::sort_by(pods, |a, b| deletion_order(a, b));
}

/// `controller.ActivePods` ordering: the pod to delete first sorts first.
pub fn deletion_order(a: &Pod, b: &Pod) -> Ordering {
    let scheduled = |p: &Pod| !p.spec.node_name.is_empty();
    let phase_rank = |p: &Pod| match p.status.phase.as_str() {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };
    let ready_since = |p: &Pod| {
        p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready" && c.is_true())
            .and_then(|c| c.last_transition_time)
    };
    scheduled(a)
        .cmp(&scheduled(b))
        .then(phase_rank(a).cmp(&phase_rank(b)))
        .then(a.is_ready().cmp(&b.is_ready()))
        // Among ready pods, the one ready for the shortest time goes first.
        .then(ready_since(b).cmp(&ready_since(a)))
        .then(b.max_restart_count().cmp(&a.max_restart_count()))
        .then(
            b.metadata
                .creation_timestamp
                .cmp(&a.metadata.creation_timestamp),
        )
        .then(a.name().cmp(b.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_names_fit_and_keep_the_index() {
        assert_eq!(generate_name("pi", None), "pi-");
        assert_eq!(generate_name("sample-job", Some(2)), "sample-job-2-");
        let long = "x".repeat(70);
        assert_eq!(generate_name(&long, None).len(), 58);
        let indexed = generate_name(&long, Some(12));
        assert_eq!(indexed.len(), 58);
        assert!(indexed.ends_with("-12-"));
        assert_eq!(generate_name(&long, Some(9)).len(), 58, "one digit");
        assert_eq!(generate_name(&long, Some(10)).len(), 58, "two digits");
        assert_eq!(
            generate_name(&"é".repeat(70), None).chars().count(),
            58,
            "cut by characters"
        );
    }

    /// Pods made in one sync share their owner references (the Job as their controller) and,
    /// without an index, their generateName; changing one pod's references leaves the others'.
    #[test]
    fn pods_of_one_sync_share_what_they_have_in_common() {
        let mut job = Job::default();
        job.metadata.name = "pi".into();
        job.metadata.uid = "uid-1".into();
        let common = PodsInCommon::of(&job);
        let mut a = pod_from_template(&job, &common, None, None);
        let b = pod_from_template(&job, &common, Some(3), None);
        let c = pod_from_template(&job, &common, None, None);
        assert!(Shared::ptr_eq(
            &a.metadata.owner_references,
            &b.metadata.owner_references
        ));
        assert!(
            a.metadata
                .generate_name
                .same_text(&c.metadata.generate_name),
            "one generateName without an index"
        );
        assert_eq!(
            (
                a.metadata.generate_name.as_str(),
                b.metadata.generate_name.as_str()
            ),
            ("pi-", "pi-3-")
        );
        let reference = &b.metadata.owner_references[0];
        assert_eq!(
            (
                reference.kind.as_str(),
                reference.name.as_str(),
                reference.uid.as_str(),
                reference.controller
            ),
            ("Job", "pi", "uid-1", Some(true))
        );
        a.metadata.owner_references.clear();
        assert_eq!(b.metadata.owner_references.len(), 1, "a write copies");
        assert_eq!(b.metadata.finalizers, [wk::JOB_TRACKING_FINALIZER]);
    }

    #[test]
    fn unscheduled_pods_are_deleted_before_running_ones() {
        let mut running = Pod::default();
        running.metadata.name = "a".into();
        running.spec.node_name = "node-1".into();
        running.status.phase = "Running".into();
        let mut pending = Pod::default();
        pending.metadata.name = "b".into();
        pending.status.phase = "Pending".into();
        assert_eq!(deletion_order(&pending, &running), Ordering::Less);
    }
}
