//! Label, annotation and finalizer keys and other strings with meaning to Kubernetes
//! (pkg/apis/batch/types.go, pkg/apis/core/types.go). Written once here so a typo cannot make two spellings.

pub const JOB_TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// `metav1.FinalizerDeleteDependents`: an owner deleted in the foreground keeps it until the
/// garbage collector has deleted its dependents.
pub const FOREGROUND_DELETION_FINALIZER: &str = "foregroundDeletion";
/// `metav1.FinalizerOrphanDependents`: an owner deleted with the orphan policy keeps it until
/// the garbage collector has removed its references from its dependents.
pub const ORPHAN_FINALIZER: &str = "orphan";
pub const JOB_COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";
pub const JOB_INDEX_FAILURE_COUNT: &str = "batch.kubernetes.io/job-index-failure-count";
pub const JOB_INDEX_IGNORED_FAILURE_COUNT: &str =
    "batch.kubernetes.io/job-index-ignored-failure-count";
pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
pub const LEGACY_JOB_NAME_LABEL: &str = "job-name";
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
pub const LEGACY_CONTROLLER_UID_LABEL: &str = "controller-uid";
pub const CRONJOB_SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";
pub const JOB_CONTROLLER_NAME: &str = "kubernetes.io/job-controller";
pub const COMPLETION_INDEX_ENV: &str = "JOB_COMPLETION_INDEX";
pub const DEFAULT_NAMESPACE: &str = "default";
/// The container `kubectl logs` and `exec` pick when none is named
/// (staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd/podcmd.go).
pub const DEFAULT_CONTAINER_ANNOTATION: &str = "kubectl.kubernetes.io/default-container";
