//! The garbage collector's part in deleting a Job: which pods go with it, and when a Job
//! deleted in the foreground may go itself. Kubernetes' collector
//! (`pkg/controller/garbagecollector/garbagecollector.go`) deletes the dependents of an owner
//! that is gone (`attemptToDeleteItem`) or waiting for them (`processDeletingDependentsItem`),
//! and removes a foreground owner's `foregroundDeletion` finalizer once none is left.
//!
//! An owner deleted with the orphan policy keeps the `orphan` finalizer while the collector
//! removes its references from the dependents (`orphanDependents`), which then live on.
//!
//! The collector only answers; the engine deletes the pods and removes the Job.

use super::store::{JobEntry, PodMap};
use crate::api::OwnerReference;

/// How a Job's deletion reaches its pods (`DeleteOptions.propagationPolicy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    /// `kubectl delete job` (and the CronJob controller's history cleanup): the Job goes at
    /// once and the collector deletes its pods.
    Background,
    /// The TTL-after-finished controller, and `kubectl delete --cascade=foreground`: the Job
    /// stays, with a `deletionTimestamp`, until its pods are gone.
    Foreground,
    /// `kubectl delete --cascade=orphan`: the Job goes, its pods stay, no longer owned.
    Orphan,
}

impl Propagation {
    /// The finalizer the API server puts on an owner deleted with this policy
    /// (`metav1.FinalizerDeleteDependents`, `metav1.FinalizerOrphanDependents`).
    pub fn finalizer(self) -> Option<&'static str> {
        match self {
            Propagation::Background => None,
            Propagation::Foreground => Some(crate::api::well_known::FOREGROUND_DELETION_FINALIZER),
            Propagation::Orphan => Some(crate::api::well_known::ORPHAN_FINALIZER),
        }
    }
}

/// A dependent's references without the orphaning owner's (`orphanDependents` patches each
/// dependent so).
pub fn orphaned(references: &[OwnerReference], owner_uid: &str) -> Vec<OwnerReference> {
    references
        .iter()
        .filter(|r| r.uid != owner_uid)
        .cloned()
        .collect()
}

/// The pods of `owner` still in the API, in creation order: the dependents the collector
/// deletes with it.
pub fn dependents(owner: &JobEntry, pods: &PodMap) -> Vec<String> {
    owner
        .created
        .iter()
        .filter(|p| pods.contains_key(p))
        .map(|p| p.to_string())
        .collect()
}

/// Whether a Job being deleted in the foreground may go: it is being deleted and none of its
/// pods is left in the API.
pub fn foreground_deletion_done(owner: &JobEntry, pods: &PodMap) -> bool {
    owner.job.metadata.deletion_timestamp.is_some()
        && !owner.created.iter().any(|p| pods.contains_key(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Job, Pod, Str, Time};
    use crate::controller::job::BackoffRecord;
    use crate::sim::store::{PodEntry, PodRuntime};
    use crate::sim::AppendLog;
    use crate::time::SimTime;

    fn owner(created: &[&str]) -> JobEntry {
        let mut log = AppendLog::default();
        for name in created {
            log.push(Str::copy(name));
        }
        JobEntry {
            job: Job::default(),
            backoff: BackoffRecord::default(),
            index_failures: Default::default(),
            live: Default::default(),
            created: log,
            attempts: Default::default(),
        }
    }

    fn pods(names: &[&str]) -> PodMap {
        let mut map = PodMap::default();
        for name in names {
            let mut pod = Pod::default();
            pod.metadata.name = Str::copy(name);
            map.insert(PodEntry {
                pod,
                rt: PodRuntime::default(),
            });
        }
        map
    }

    #[test]
    fn the_dependents_are_the_owners_pods_still_in_the_api_in_creation_order() {
        let job = owner(&["pi-c", "pi-a", "pi-b"]);
        let in_api = pods(&["pi-b", "other-x", "pi-c"]);
        assert_eq!(dependents(&job, &in_api), ["pi-c", "pi-b"]);
    }

    #[test]
    fn orphaning_drops_only_the_deleted_owners_reference() {
        let reference = |kind: &str, uid: &str| crate::api::OwnerReference {
            kind: Str::copy(kind),
            uid: Str::copy(uid),
            controller: Some(true),
            ..Default::default()
        };
        let refs = [reference("Job", "job-uid"), reference("Other", "other-uid")];
        let kept = orphaned(&refs, "job-uid");
        assert_eq!(kept, [reference("Other", "other-uid")]);
        assert_eq!(orphaned(&kept, "job-uid"), kept, "nothing more to drop");
    }

    #[test]
    fn a_foreground_deletion_completes_only_once_no_pod_of_the_job_is_left() {
        let mut job = owner(&["pi-a", "pi-b"]);
        assert!(
            !foreground_deletion_done(&job, &pods(&[])),
            "not being deleted"
        );
        job.job.metadata.deletion_timestamp = Some(Time(SimTime::DEFAULT_START));
        assert!(!foreground_deletion_done(&job, &pods(&["pi-b"])));
        assert!(foreground_deletion_done(&job, &pods(&["other-x"])));
    }
}
