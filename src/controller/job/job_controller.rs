//! One Job sync (pkg/controller/job/job_controller.go `syncJob` and `manageJob`).
//!
//! The sync holds the control flow; helpers in the sibling files are small and pure. Finished
//! pods are counted on first observation (the simulator's collapse of the
//! `uncountedTerminatedPods` dance): the sync counts them and asks for their tracking finalizer
//! to be removed, after which they no longer reach the controller. The exception is upstream's
//! own: with backoffLimitPerIndex, the last failed pod of an index to be retried is recorded
//! at once but keeps its finalizer until the index is recreated (`delayed_deletion_per_index`).

use std::collections::BTreeMap;

use super::backoff::BackoffRecord;
use super::facts::JobFacts;
use super::indexed::{
    format_intervals, lowest_free_indexes, parse_intervals, IndexFailures, IndexSet,
};
use super::pod_control::{pod_from_template, sort_for_deletion, PodsInCommon};
use super::pod_failure_policy::{match_pod_failure_policy, PolicyOutcome};
use super::success_policy::matched_success_rule;
use crate::api::{Condition, Job, JobStatus, Pod, Str, Time};
use crate::time::{SimDuration, SimTime};

/// `MaxPodCreateDeletePerSync`.
pub const MAX_POD_CREATE_DELETE_PER_SYNC: usize = 500;

/// What a sync sees.
pub struct SyncInput<'a> {
    pub job: &'a Job,
    /// The Job's pods that still carry the tracking finalizer or have not finished.
    pub pods: &'a [&'a Pod],
    pub backoff: BackoffRecord,
    /// Per-index failure records (backoffLimitPerIndex).
    pub index_failures: &'a BTreeMap<i32, IndexFailures>,
    pub now: SimTime,
}

/// A change to pods that the engine carries out, in order.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "the pod moves into the store's own allocation; boxing it cost 2-3% of a big run"
)]
pub enum PodAction {
    /// Create this pod (its `generateName` is completed by the API server). Not boxed: the
    /// pod moves into the store's own allocation, and a box made and freed for each of a big
    /// run's pods cost 2-3% of its time.
    Create(Pod),
    /// Remove the tracking finalizer: the pod has been accounted for.
    RemoveFinalizer(Str),
    /// Delete the pod (sets `deletionTimestamp`), emitting `SuccessfulDelete`.
    Delete(Str),
}

/// An event on the Job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobEvent {
    pub warning: bool,
    pub reason: String,
    pub message: String,
}

/// Why the sync did what it did: a kind, a sentence, and the fields behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Why {
    pub kind: &'static str,
    pub summary: String,
    pub fields: Vec<(String, String)>,
    /// For a CronJob decision, the scheduled time it is about and what became of it, as
    /// data, so views never read them back out of `summary`. `None` for a Job's.
    pub schedule: Option<crate::controller::cronjob::ScheduleDecision>,
    /// For a Job decision, the numbers its sentence quotes, as data (`facts.rs`).
    pub facts: Option<JobFacts>,
    /// The pod a Job decision is about (a failure counted, ignored or fatal).
    pub pod: Option<Str>,
}

impl Why {
    /// A decision in words with the manifest fields behind it.
    pub fn new(kind: &'static str, summary: String, fields: &[(&str, String)]) -> Why {
        let fields = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        Why {
            kind,
            summary,
            fields,
            schedule: None,
            facts: None,
            pod: None,
        }
    }
}

/// What a sync decided.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncOutput {
    pub status: JobStatus,
    pub actions: Vec<PodAction>,
    pub events: Vec<JobEvent>,
    /// Sync again after this long (back-off expiry, active deadline).
    pub requeue_after: Option<SimDuration>,
    pub backoff: BackoffRecord,
    pub index_failures: BTreeMap<i32, IndexFailures>,
    pub why: Vec<Why>,
}

/// The terminal outcome a sync settles on.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Finish {
    Success { reason: String, message: String },
    Failure { reason: String, message: String },
}

struct Ctx<'a> {
    job: &'a Job,
    now: SimTime,
    out: SyncOutput,
    /// backoffLimitPerIndex: the indexes whose last failed pod waits for its replacement. Only
    /// these wait out a back-off, and only their replacements carry failure counts: Kubernetes
    /// reads both from that pod (`getRemainingTimePerIndex`, `getNewIndexFailureCounts`), so
    /// an index whose failed pods are all gone starts again from zero.
    waiting_indexes: IndexSet,
}

impl Ctx<'_> {
    fn why(
        &mut self,
        kind: &'static str,
        summary: String,
        fields: &[(&str, String)],
        facts: JobFacts,
    ) {
        let mut why = Why::new(kind, summary, fields);
        why.facts = Some(facts);
        self.out.why.push(why);
    }
    /// The decision just taken is about `pod`.
    fn about(&mut self, pod: &Pod) {
        if let Some(why) = self.out.why.last_mut() {
            why.pod = Some(pod.metadata.name.clone());
        }
    }
    fn event(&mut self, warning: bool, reason: &str, message: &str) {
        self.out.events.push(JobEvent {
            warning,
            reason: reason.into(),
            message: message.into(),
        });
    }
}

/// Runs one sync of a Job.
pub fn sync_job(input: &SyncInput<'_>) -> SyncOutput {
    let job = input.job;
    let mut ctx = Ctx {
        job,
        now: input.now,
        out: SyncOutput {
            status: job.status.clone(),
            backoff: input.backoff,
            index_failures: input.index_failures.clone(),
            ..SyncOutput::default()
        },
        waiting_indexes: IndexSet::default(),
    };
    if job.is_finished() {
        // A finished Job is left alone; its pods keep no finalizer.
        for pod in input.pods.iter().filter(|p| p.has_tracking_finalizer()) {
            ctx.out
                .actions
                .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
        }
        ctx.out.backoff = BackoffRecord::default();
        ctx.out.index_failures.clear();
        return ctx.out;
    }
    if job
        .spec
        .managed_by
        .as_deref()
        .is_some_and(|m| m != crate::api::well_known::JOB_CONTROLLER_NAME)
    {
        return ctx.out;
    }
    if ctx.out.status.start_time.is_none() && !job.is_suspended() {
        ctx.out.status.start_time = Some(Time(input.now));
    }
    if job.spec.backoff_limit_per_index.is_some() && ctx.out.status.failed_indexes.is_none() {
        ctx.out.status.failed_indexes = Some(String::new());
    }

    let counted = count_finished_pods(&mut ctx, input.pods);
    let mut finish =
        existing_finish(job).or(counted.fail_job.clone().map(|message| Finish::Failure {
            reason: "PodFailurePolicy".into(),
            message,
        }));
    if finish.is_none() {
        let waiting_failures = counted.delayed.iter().filter(|(_, counts)| *counts).count();
        finish = backoff_limit_exceeded(&mut ctx, input.pods, waiting_failures as i32)
            .or_else(|| deadline_exceeded(&mut ctx))
            .or_else(|| failed_indexes_outcome(&mut ctx, input.pods))
            .or_else(|| success_policy_outcome(&mut ctx));
    }

    let active: Vec<&Pod> = input
        .pods
        .iter()
        .copied()
        .filter(|p| p.is_active())
        .collect();
    let deleted_now;
    // Active pods once this sync's deletions and creations are done (0 for a finishing Job).
    let mut active_after = 0;
    match &finish {
        Some(f) => deleted_now = finish_job(&mut ctx, f, &active, input.pods),
        // A Job being deleted (in the foreground: it waits for its pods) is counted and its
        // pods released, but not managed (`syncJob` calls `manageJob` only without a
        // deletionTimestamp).
        None if job.metadata.deletion_timestamp.is_some() => {
            deleted_now = 0;
            active_after = active.len() as i32;
            if let Some(f) = completed_by_counts(&mut ctx, active_after) {
                finish_job(&mut ctx, &f, &[], input.pods);
                finish = Some(f);
            }
        }
        None => {
            deleted_now = manage_job(&mut ctx, &active, input.pods);
            let created = ctx
                .out
                .actions
                .iter()
                .filter(|a| matches!(a, PodAction::Create(_)))
                .count();
            active_after = (active.len() + created).saturating_sub(deleted_now) as i32;
            if let Some(f) = completed_by_counts(&mut ctx, active_after) {
                // Completion needs no active pod, so there is nothing left to delete.
                finish_job(&mut ctx, &f, &[], input.pods);
                finish = Some(f);
            } else {
                reconcile_suspended_condition(&mut ctx);
            }
        }
    }

    let deleting_before = input
        .pods
        .iter()
        .filter(|p| p.is_deleting() && !p.is_terminal())
        .count();
    let terminating = (deleting_before + deleted_now) as i32;
    // Ready pods this sync deleted no longer count (job_controller.go `manageJob`:
    // `*jobCtx.ready -= removedReady` after `deleteJobPods`).
    let ready = if finish.is_some() {
        0
    } else {
        let deleted = |p: &Pod| {
            deleted_now > 0
                && ctx
                    .out
                    .actions
                    .iter()
                    .any(|a| matches!(a, PodAction::Delete(n) if *n == p.metadata.name))
        };
        active
            .iter()
            .filter(|p| p.is_ready() && !deleted(p))
            .count() as i32
    };
    if finish.is_some() {
        // A finishing Job keeps no failed pod for a replacement (`canRemoveFinalizer`).
        for (name, counts) in counted.delayed {
            ctx.out.actions.push(PodAction::RemoveFinalizer(name));
            ctx.out.status.failed += i32::from(counts);
        }
    }
    let status = &mut ctx.out.status;
    status.active = if finish.is_some() { 0 } else { active_after };
    status.ready = Some(ready);
    status.terminating = Some(terminating);
    if let Some(f) = &finish {
        if terminating == 0 {
            write_final_condition(&mut ctx, f);
        }
    }
    ctx.out
}

/// Pods counted in this sync.
struct Counted {
    fail_job: Option<String>,
    /// Failed pods whose tracking finalizer stays until their index has a replacement
    /// (backoffLimitPerIndex, `getPodsWithDelayedDeletionPerIndex`), and whether each counts
    /// as a failure once it is released.
    delayed: Vec<(Str, bool)>,
}

/// Counts newly finished pods, applies the pod failure policy, and updates the
/// back-off record. Every counted pod loses its tracking finalizer.
fn count_finished_pods(ctx: &mut Ctx<'_>, pods: &[&Pod]) -> Counted {
    let job = ctx.job;
    let completions = job.spec.completions.unwrap_or(i32::MAX);
    let mut completed = completed_indexes(ctx, completions);
    let mut succeeded_times = Vec::new();
    let mut failed_times = Vec::new();
    let mut fail_job = None;
    let mut delayed = Vec::new();
    let per_index = job.spec.backoff_limit_per_index.is_some() && job.is_indexed();
    // Every pod of a Job being deleted loses its finalizer (`canRemoveFinalizer`).
    let deleting = job.metadata.deletion_timestamp.is_some();
    let waiting_for_replacement = if per_index && !deleting {
        delayed_deletion_per_index(ctx, pods, completions)
    } else {
        Vec::new()
    };
    ctx.waiting_indexes = waiting_for_replacement.iter().map(|(i, _)| *i).collect();
    for pod in pods.iter().filter(|p| p.has_tracking_finalizer()) {
        let succeeded = pod.status.phase == "Succeeded";
        let failed = pod.status.phase == "Failed"
            || (pod.is_deleting() && !succeeded && !job.replaces_only_failed_pods());
        if !succeeded && !failed {
            if deleting {
                ctx.out
                    .actions
                    .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
            }
            continue;
        }
        if job.is_indexed() && pod.completion_index().is_none_or(|i| i >= completions) {
            // Pods with a missing or out-of-range index are never counted.
            ctx.out
                .actions
                .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
            continue;
        }
        let index = pod.completion_index().filter(|_| per_index);
        // The last failed pod of an index that will be retried keeps its finalizer, and its
        // failure stays out of status.failed, until a replacement exists (`canRemoveFinalizer`).
        let release = index
            .and_then(|i| delayed_pod(&waiting_for_replacement, i))
            .is_none_or(|p| p.metadata.name != pod.metadata.name);
        if release {
            ctx.out
                .actions
                .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
        }
        let finished_at = finish_time(pod);
        if failed && index.is_some_and(|i| failure_recorded(ctx, i, pod)) {
            // Counted when it failed; its finalizer was kept for the index's replacement.
            let counts = !matches!(
                match_pod_failure_policy(job, pod),
                PolicyOutcome::Ignore { .. }
            );
            // The policy reads the pod as it is now, as `getNewIndexFailureCounts` reads the
            // pod being replaced: a condition added since it failed (an eviction's
            // DisruptionTarget) moves its failure between counted and ignored.
            if let Some(rec) = index.and_then(|i| ctx.out.index_failures.get_mut(&i)) {
                let was_counted = rec.counted > counted_failure_count(pod);
                if was_counted && !counts {
                    rec.counted -= 1;
                    rec.ignored += 1;
                } else if !was_counted && counts {
                    rec.ignored -= 1;
                    rec.counted += 1;
                }
            }
            if release {
                ctx.out.status.failed += i32::from(counts);
            } else {
                // The index's back-off runs from the pod's finish as it reads now (a deleted
                // pod's finish moves from its deletion to its Ready=False once it stops).
                if let Some(rec) = index.and_then(|i| ctx.out.index_failures.get_mut(&i)) {
                    rec.last_finish = Some(finished_at);
                }
                delayed.push((pod.metadata.name.clone(), counts));
            }
            continue;
        }
        if succeeded {
            succeeded_times.push(finished_at);
            if let Some(i) = pod.completion_index().filter(|_| job.is_indexed()) {
                completed.insert(i);
            } else {
                ctx.out.status.succeeded += 1;
            }
            continue;
        }
        failed_times.push(finished_at);
        let outcome = match_pod_failure_policy(job, pod);
        if job.spec.backoff_limit_per_index.is_some() {
            if let Some(i) = pod.completion_index() {
                record_index_failure(ctx, i, &outcome, finished_at, pod);
            }
        }
        if !release {
            let counts = !matches!(outcome, PolicyOutcome::Ignore { .. });
            delayed.push((pod.metadata.name.clone(), counts));
        }
        match outcome {
            PolicyOutcome::Ignore { rule } => {
                ctx.why("ignore-failure", format!("Pod {} failed but matched the Ignore rule at index {rule}: not counted toward spec.backoffLimit", pod.name()), &[("spec.podFailurePolicy.rules", rule.to_string())], JobFacts::FailureIgnored { rule });
                ctx.about(pod);
            }
            PolicyOutcome::FailJob { rule, message } => {
                ctx.out.status.failed += i32::from(release);
                ctx.why("fail-job", format!("Pod {} matched the FailJob rule at index {rule}: the Job fails without further retries", pod.name()), &[("spec.podFailurePolicy.rules", rule.to_string())], JobFacts::FailJobRule { rule });
                ctx.about(pod);
                fail_job.get_or_insert(message);
            }
            PolicyOutcome::Count | PolicyOutcome::FailIndex { .. }
                if job.spec.backoff_limit_per_index.is_some() =>
            {
                ctx.out.status.failed += i32::from(release);
                let index = pod.completion_index().unwrap_or(-1);
                let counted = ctx.out.index_failures.get(&index).map_or(0, |r| r.counted);
                let limit = job.spec.backoff_limit_per_index.unwrap_or(0);
                ctx.why("count-failure", format!("Pod {} failed{}: failure {counted} of index {index} (spec.backoffLimitPerIndex {limit} allows {limit} retries)", pod.name(), exit_code_note(pod)), &[("spec.backoffLimitPerIndex", limit.to_string())], JobFacts::FailureCounted { exit_code: failed_exit_code(pod), counted, limit, index: Some(index) });
                ctx.about(pod);
            }
            PolicyOutcome::Count | PolicyOutcome::FailIndex { .. } => {
                ctx.out.status.failed += 1;
                let limit = job.backoff_limit();
                ctx.why(
                    "count-failure",
                    format!(
                        "Pod {} failed{}: failure {} of the {} that spec.backoffLimit tolerates",
                        pod.name(),
                        exit_code_note(pod),
                        ctx.out.status.failed,
                        limit
                    ),
                    &[("spec.backoffLimit", limit.to_string())],
                    JobFacts::FailureCounted {
                        exit_code: failed_exit_code(pod),
                        counted: ctx.out.status.failed,
                        limit,
                        index: None,
                    },
                );
                ctx.about(pod);
            }
        }
    }
    if job.is_indexed() {
        ctx.out.status.succeeded = completed.len() as i32;
        ctx.out.status.completed_indexes = Some(format_intervals(&completed));
    }
    ctx.out.backoff = ctx.out.backoff.updated(&succeeded_times, &failed_times);
    Counted { fail_job, delayed }
}

/// The pod's failure is already in the index's record: the record counts more failures than
/// the pod's `job-index-failure-count` and `job-index-ignored-failure-count` annotations
/// (the failures before it, written when it was created).
fn failure_recorded(ctx: &Ctx<'_>, index: i32, pod: &Pod) -> bool {
    let before = absolute_failure_count(pod);
    ctx.out
        .index_failures
        .get(&index)
        .is_some_and(|r| r.counted + r.ignored > before)
}

/// `getIndexAbsoluteFailureCount`: the failures of the pod's index before it, counted and
/// ignored, from its annotations.
fn absolute_failure_count(pod: &Pod) -> i32 {
    let read = |key: &str| {
        pod.metadata
            .annotations
            .get(key)
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    read(crate::api::well_known::JOB_INDEX_FAILURE_COUNT)
        + read(crate::api::well_known::JOB_INDEX_IGNORED_FAILURE_COUNT)
}

/// `getPodsWithDelayedDeletionPerIndex` (indexed_job_utils.go): per index that will be
/// retried (not succeeded, not failed, no active pod), its last failed pod, whose tracking
/// finalizer stays until the index has a replacement, so that the replacement's failure
/// count can be read from it. The succeeded and failed indexes include this sync's pods
/// (`calculateSucceededIndexes`, `calculateFailedIndexes` and `isIndexFailed`).
///
/// The answer is in index order, one pod per index: a vector searched by index
/// ([`delayed_pod`]) rather than a `BTreeMap<i32, &Pod>`, which would be a B-tree of its own
/// in the wasm.
fn delayed_deletion_per_index<'p>(
    ctx: &Ctx<'_>,
    pods: &[&'p Pod],
    completions: i32,
) -> Vec<(i32, &'p Pod)> {
    let job = ctx.job;
    let limit = job.spec.backoff_limit_per_index.unwrap_or(0);
    let failed = |p: &Pod| {
        p.status.phase == "Failed"
            || (p.is_deleting()
                && p.status.phase != "Succeeded"
                && !job.replaces_only_failed_pods())
    };
    let tracked = || {
        pods.iter()
            .copied()
            .filter(|p| p.has_tracking_finalizer())
            .filter_map(|p| Some((p.completion_index().filter(|i| *i < completions)?, p)))
    };
    let mut succeeded = completed_indexes(ctx, completions);
    succeeded.extend(
        tracked()
            .filter(|(_, p)| p.status.phase == "Succeeded")
            .map(|(i, _)| i),
    );
    let mut failed_indexes = parse_intervals(
        ctx.out.status.failed_indexes.as_deref().unwrap_or(""),
        completions,
    );
    failed_indexes.extend(
        tracked()
            .filter(|(_, p)| failed(p))
            .filter(|(_, p)| match match_pod_failure_policy(job, p) {
                PolicyOutcome::FailIndex { .. } => true,
                PolicyOutcome::Ignore { .. } => false,
                _ => counted_failure_count(p) >= limit,
            })
            .map(|(i, _)| i),
    );
    let active: IndexSet = pods
        .iter()
        .filter(|p| p.is_active())
        .filter_map(|p| p.completion_index())
        .collect();
    let mut out: Vec<(i32, &Pod)> = tracked()
        .filter(|(i, p)| {
            failed(p)
                && !succeeded.contains(i)
                && !failed_indexes.contains(i)
                && !active.contains(i)
        })
        .collect();
    // The pods come in creation order, which retries leave out of index order: sorting once
    // (stably, so each index keeps its pods in that order) rather than inserting each into a
    // sorted vector, which could move the whole vector for every pod.
    crate::sort::sort_by_key(&mut out, |(i, _)| *i);
    // `dedup_by` hands each pod with the one kept for its index: a later failure replaces it.
    out.dedup_by(|(i, p), (kept_index, kept)| {
        if i != kept_index {
            return false;
        }
        if absolute_failure_count(kept) <= absolute_failure_count(p)
            && finish_time(p) >= finish_time(kept)
        {
            *kept = *p;
        }
        true
    });
    out
}

/// The pod of `index` in [`delayed_deletion_per_index`]'s answer.
fn delayed_pod<'p>(delayed: &[(i32, &'p Pod)], index: i32) -> Option<&'p Pod> {
    let at = delayed.binary_search_by_key(&index, |(i, _)| *i).ok()?;
    Some(delayed[at].1)
}

/// `getIndexFailureCount`: the counted failures of the pod's index before it.
fn counted_failure_count(pod: &Pod) -> i32 {
    pod.metadata
        .annotations
        .get(crate::api::well_known::JOB_INDEX_FAILURE_COUNT)
        .and_then(|v| v.parse::<i32>().ok())
        .unwrap_or(0)
}

/// The first non-zero exit code among the pod's terminated containers.
fn failed_exit_code(pod: &Pod) -> Option<i32> {
    pod.status
        .container_statuses
        .iter()
        .chain(&pod.status.init_container_statuses)
        .filter_map(|c| c.state.terminated.as_ref())
        .map(|t| t.exit_code)
        .find(|code| *code != 0)
}

fn exit_code_note(pod: &Pod) -> String {
    failed_exit_code(pod)
        .map(|code| format!(" with exit code {code}"))
        .unwrap_or_else(|| {
            if pod.is_deleting() {
                " (deleted)".into()
            } else {
                String::new()
            }
        })
}

/// Updates an index's failure record from the failed pod and marks the index failed when
/// its per-index limit is spent or a FailIndex rule matched. The record is the pod's
/// failure-count annotations (the failures before it) plus its own failure, as Kubernetes
/// reads them from the pod (`isIndexFailed`, `getNewIndexFailureCounts`).
fn record_index_failure(
    ctx: &mut Ctx<'_>,
    index: i32,
    outcome: &PolicyOutcome,
    finished_at: SimTime,
    failed_pod: &Pod,
) {
    let pod = failed_pod.name();
    let limit = ctx.job.spec.backoff_limit_per_index.unwrap_or(0);
    let before_counted = counted_failure_count(failed_pod);
    let before_ignored = absolute_failure_count(failed_pod) - before_counted;
    let rec = ctx.out.index_failures.entry(index).or_default();
    rec.last_finish = Some(finished_at);
    rec.counted = before_counted;
    rec.ignored = before_ignored;
    let fails_index = match outcome {
        PolicyOutcome::Ignore { .. } => {
            rec.ignored += 1;
            false
        }
        PolicyOutcome::FailIndex { .. } => {
            rec.counted += 1;
            true
        }
        _ => {
            rec.counted += 1;
            // The index fails once the failures before this one reach the limit.
            before_counted >= limit
        }
    };
    let counted = rec.counted;
    if fails_index {
        let completions = ctx.job.spec.completions.unwrap_or(0);
        let mut failed = parse_intervals(
            ctx.out.status.failed_indexes.as_deref().unwrap_or(""),
            completions,
        );
        failed.insert(index);
        ctx.out.status.failed_indexes = Some(format_intervals(&failed));
        let (why, rule) = match outcome {
            PolicyOutcome::FailIndex { rule } => (format!("Index {index} failed: pod {pod} matched the FailIndex rule at index {rule}"), Some(*rule)),
            _ => (format!("Index {index} failed: {counted} counted failure(s) reach spec.backoffLimitPerIndex {limit}; it is not retried"), None),
        };
        ctx.why(
            "fail-index",
            why,
            &[("spec.backoffLimitPerIndex", limit.to_string())],
            JobFacts::IndexFailed { index, rule, limit },
        );
    }
}

/// `MaxFailedIndexesExceeded` or `FailedIndexes`.
fn failed_indexes_outcome(ctx: &mut Ctx<'_>, pods: &[&Pod]) -> Option<Finish> {
    ctx.job.spec.backoff_limit_per_index?;
    let completions = ctx.job.spec.completions.unwrap_or(0);
    let failed = parse_intervals(
        ctx.out.status.failed_indexes.as_deref().unwrap_or(""),
        completions,
    );
    if failed.is_empty() {
        return None;
    }
    if let Some(max) = ctx
        .job
        .spec
        .max_failed_indexes
        .filter(|m| failed.len() as i32 > *m)
    {
        ctx.why(
            "fail-job",
            format!(
                "Job fails: {} failed indexes exceed spec.maxFailedIndexes {max}",
                failed.len()
            ),
            &[("spec.maxFailedIndexes", max.to_string())],
            JobFacts::MaxFailedIndexesExceeded {
                failed: failed.len() as u32,
                max,
            },
        );
        return Some(Finish::Failure {
            reason: "MaxFailedIndexesExceeded".into(),
            message: "Job has exceeded the specified maximal number of failed indexes".into(),
        });
    }
    let active = pods.iter().filter(|p| p.is_active()).count();
    if failed.len() as i32 + ctx.out.status.succeeded >= completions && active == 0 {
        ctx.why(
            "fail-job",
            format!(
                "Job fails: every index finished and {} of them failed ({})",
                failed.len(),
                format_intervals(&failed)
            ),
            &[],
            JobFacts::FailedIndexes {
                failed: failed.len() as u32,
            },
        );
        return Some(Finish::Failure {
            reason: "FailedIndexes".into(),
            message: "Job has failed indexes".into(),
        });
    }
    None
}

/// `SuccessCriteriaMet` by the success policy.
fn success_policy_outcome(ctx: &mut Ctx<'_>) -> Option<Finish> {
    let completions = ctx.job.spec.completions.unwrap_or(0);
    let completed = parse_intervals(
        ctx.out.status.completed_indexes.as_deref().unwrap_or(""),
        completions,
    );
    let rule = matched_success_rule(ctx.job, &completed)?;
    ctx.why(
        "complete-job",
        format!(
            "Job succeeds: completed indexes {} satisfy spec.successPolicy.rules[{rule}]",
            format_intervals(&completed)
        ),
        &[("spec.successPolicy.rules", rule.to_string())],
        JobFacts::SuccessPolicy { rule },
    );
    Some(Finish::Success {
        reason: "SuccessPolicy".into(),
        message: format!("Matched rules at index {rule}"),
    })
}

/// The pod's finish time for back-off purposes (backoff_utils.go `getFinishedTime`), read as
/// the API stores it: `metav1.Time` keeps whole seconds, so a pod that failed at 67.1 s is
/// seen to have failed at 67 s, and the back-off from it ends 0.1 s earlier than the
/// simulation's own clock would say.
pub fn finish_time(pod: &Pod) -> SimTime {
    stored_finish_time(pod).truncate_to_second()
}

fn stored_finish_time(pod: &Pod) -> SimTime {
    let statuses = || {
        pod.status
            .container_statuses
            .iter()
            .chain(&pod.status.init_container_statuses)
    };
    if statuses().next().is_some() && statuses().all(|c| c.state.terminated.is_some()) {
        if let Some(t) = statuses()
            .filter_map(|c| c.state.terminated.as_ref()?.finished_at)
            .max()
        {
            return t.0;
        }
    }
    if let Some(t) = pod
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "False")
        .and_then(|c| c.last_transition_time)
    {
        return t.0;
    }
    if let Some(d) = pod.metadata.deletion_timestamp {
        return d.0
            - SimDuration::from_secs(pod.metadata.deletion_grace_period_seconds.unwrap_or(0));
    }
    pod.metadata
        .creation_timestamp
        .map(|t| t.0)
        .unwrap_or_default()
}

/// An interim condition already recorded decides the outcome.
fn existing_finish(job: &Job) -> Option<Finish> {
    if let Some(c) = job.condition("SuccessCriteriaMet") {
        return Some(Finish::Success {
            reason: c.reason.to_string(),
            message: c.message.to_string(),
        });
    }
    job.condition("FailureTarget").map(|c| Finish::Failure {
        reason: c.reason.to_string(),
        message: c.message.to_string(),
    })
}

/// `failed > backoffLimit`, or the OnFailure restart sum rule.
/// `waiting_failures`: failed pods not yet in status.failed because their finalizer waits for
/// their index's replacement; `syncJob`'s `jobCtx.failed` counts them.
fn backoff_limit_exceeded(
    ctx: &mut Ctx<'_>,
    pods: &[&Pod],
    waiting_failures: i32,
) -> Option<Finish> {
    let limit = ctx.job.backoff_limit();
    let failed = ctx.out.status.failed + waiting_failures;
    let exceeded_by_pods = failed > limit;
    let restarts: i32 = if ctx.job.restart_policy() == "OnFailure" {
        pods.iter()
            .filter(|p| matches!(p.status.phase.as_str(), "Running" | "Pending"))
            .map(|p| p.restart_count_sum())
            .sum()
    } else {
        0
    };
    let exceeded_by_restarts = ctx.job.restart_policy() == "OnFailure"
        && if limit == 0 {
            restarts > 0
        } else {
            restarts >= limit
        };
    if !(exceeded_by_pods || exceeded_by_restarts) {
        return None;
    }
    let summary = if exceeded_by_pods {
        format!("Job fails: {failed} failed pods exceed spec.backoffLimit {limit}")
    } else {
        format!("Job fails: {restarts} container restarts reach spec.backoffLimit {limit} (restartPolicy OnFailure counts restarts)")
    };
    ctx.why(
        "fail-job",
        summary,
        &[("spec.backoffLimit", limit.to_string())],
        JobFacts::BackoffLimitExceeded {
            failed: if exceeded_by_pods { failed } else { restarts },
            limit,
            restarts: !exceeded_by_pods,
        },
    );
    Some(Finish::Failure {
        reason: "BackoffLimitExceeded".into(),
        message: "Job has reached the specified backoff limit".into(),
    })
}

/// `activeDeadlineSeconds` measured from `status.startTime`; arms a re-sync at the
/// deadline when it has not passed yet.
fn deadline_exceeded(ctx: &mut Ctx<'_>) -> Option<Finish> {
    let deadline = ctx.job.spec.active_deadline_seconds?;
    let start = ctx.out.status.start_time?.0;
    if ctx.job.is_suspended() {
        return None;
    }
    let at = start + SimDuration::from_secs(deadline);
    if ctx.now >= at {
        ctx.why(
            "fail-job",
            format!(
                "Job fails: active for {} since {}, reaching spec.activeDeadlineSeconds {deadline}",
                (ctx.now - start).human(),
                start.rfc3339()
            ),
            &[("spec.activeDeadlineSeconds", deadline.to_string())],
            JobFacts::DeadlineExceeded { seconds: deadline },
        );
        return Some(Finish::Failure {
            reason: "DeadlineExceeded".into(),
            message: "Job was active longer than specified deadline".into(),
        });
    }
    requeue(ctx, at - ctx.now);
    None
}

fn requeue(ctx: &mut Ctx<'_>, after: SimDuration) {
    ctx.out.requeue_after = Some(ctx.out.requeue_after.map_or(after, |r| r.min(after)));
}

/// Records the interim condition and deletes every active pod. For a
/// failure the deleted pods count as failed. Returns the number deleted.
fn finish_job(ctx: &mut Ctx<'_>, finish: &Finish, active: &[&Pod], pods: &[&Pod]) -> usize {
    let (interim, reason, message, failure) = match finish {
        Finish::Success { reason, message } => ("SuccessCriteriaMet", reason, message, false),
        Finish::Failure { reason, message } => ("FailureTarget", reason, message, true),
    };
    if !ctx
        .out
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == interim && c.is_true())
    {
        let c = condition(interim, reason, message, ctx.now);
        ctx.out.status.conditions.push(c);
    }
    // A finishing Job lets go of the pods already terminating (not counted yet because
    // podReplacementPolicy is Failed): `canRemoveFinalizer` is true for every pod once the Job
    // has its finished condition, and on a failure a pod not terminated counts as failed
    // unless the pod failure policy ignores it (`trackJobStatusAndRemoveFinalizers`).
    let uncounted_terminating = |p: &&&Pod| {
        ctx.job.replaces_only_failed_pods()
            && p.has_tracking_finalizer()
            && p.is_deleting()
            && !p.is_terminal()
    };
    for pod in pods.iter().filter(uncounted_terminating) {
        ctx.out
            .actions
            .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
        if failure
            && !matches!(
                match_pod_failure_policy(ctx.job, pod),
                PolicyOutcome::Ignore { .. }
            )
        {
            ctx.out.status.failed += 1;
        }
    }
    let mut deleted = 0;
    for pod in active.iter().take(MAX_POD_CREATE_DELETE_PER_SYNC) {
        ctx.out
            .actions
            .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
        ctx.out
            .actions
            .push(PodAction::Delete(pod.metadata.name.clone()));
        // A pod the failure policy ignores (a DisruptionTarget condition) is not counted
        // even here (`trackJobStatusAndRemoveFinalizers` asks `matchPodFailurePolicy`).
        if failure
            && !matches!(
                match_pod_failure_policy(ctx.job, pod),
                PolicyOutcome::Ignore { .. }
            )
        {
            ctx.out.status.failed += 1;
        }
        deleted += 1;
    }
    if deleted > 0 {
        let verdict = if failure {
            "they count as failed"
        } else {
            "they do not count as failed"
        };
        ctx.why("delete-pods", format!("Deleted {deleted} active pod(s) because the Job is finishing ({reason}); {verdict}"), &[], JobFacts::Deleted { count: deleted as u32, finishing: true });
    }
    deleted
}

fn condition(type_: &str, reason: &str, message: &str, now: SimTime) -> Condition {
    Condition {
        type_: Str::copy(type_),
        status: "True".into(),
        last_probe_time: Some(Time(now)),
        last_transition_time: Some(Time(now)),
        reason: Str::copy(reason),
        message: Str::copy(message),
    }
}

/// `Complete`/`Failed` once no pod is terminating, with its event.
fn write_final_condition(ctx: &mut Ctx<'_>, finish: &Finish) {
    let (final_type, reason, message) = match finish {
        Finish::Success { reason, message } => ("Complete", reason, message),
        Finish::Failure { reason, message } => ("Failed", reason, message),
    };
    if ctx
        .out
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == final_type && c.is_true())
    {
        return;
    }
    let c = condition(final_type, reason, message, ctx.now);
    ctx.out.status.conditions.push(c);
    ctx.out.backoff = BackoffRecord::default();
    match finish {
        Finish::Success { .. } => {
            ctx.out.status.completion_time = Some(Time(ctx.now));
            let too_many = ctx
                .job
                .spec
                .completions
                .is_some_and(|c| !ctx.job.is_indexed() && ctx.out.status.succeeded > c);
            if too_many {
                ctx.event(
                    true,
                    "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached",
                );
            }
            ctx.event(false, "Completed", "Job completed");
        }
        Finish::Failure { reason, message } => ctx.event(true, reason, message),
    }
}

/// `manageJob`: deletes surplus pods first; otherwise creates what is missing,
/// unless the failure back-off holds creation. Returns the number of pods deleted.
fn manage_job(ctx: &mut Ctx<'_>, active: &[&Pod], pods: &[&Pod]) -> usize {
    let job = ctx.job;
    if job.is_suspended() {
        return delete_pods(
            ctx,
            active.to_vec(),
            "the Job is suspended (spec.suspend: true); deleted pods do not count as failed",
        );
    }
    let succeeded = ctx.out.status.succeeded;
    let parallelism = job.parallelism();
    let want = want_active(job, active.len() as i32, succeeded);

    let mut doomed: Vec<&Pod> = Vec::new();
    if job.is_indexed() {
        doomed.extend(surplus_indexed_pods(job, active));
    }
    let rm_at_least = (active.len() as i32 - want).max(0) as usize;
    if doomed.len() < rm_at_least {
        let mut rest: Vec<&Pod> = active
            .iter()
            .copied()
            .filter(|p| !doomed.iter().any(|d| d.name() == p.name()))
            .collect();
        sort_for_deletion(&mut rest);
        let extra = rm_at_least - doomed.len();
        doomed.extend(rest.into_iter().take(extra));
    }
    if !doomed.is_empty() {
        let why = format!("{} active pod(s) exceed the {want} wanted (spec.parallelism {parallelism}, spec.completions {}, succeeded {succeeded})", active.len(), completions_text(job));
        return delete_pods(ctx, doomed, &why);
    }

    let terminating = pods
        .iter()
        .filter(|p| p.is_deleting() && !p.is_terminal())
        .count() as i32;
    let credit = if job.replaces_only_failed_pods() {
        terminating
    } else {
        0
    };
    let diff = want - credit - active.len() as i32;
    if diff <= 0 {
        return 0;
    }
    let per_index = job.spec.backoff_limit_per_index.is_some();
    let remaining = if per_index {
        SimDuration::ZERO
    } else {
        ctx.out.backoff.remaining(ctx.now)
    };
    if remaining > SimDuration::ZERO {
        let n = ctx.out.backoff.failures_after_last_success;
        ctx.why(
            "backoff-wait",
            format!("No new pod yet: back-off {} remaining after {n} consecutive failure(s) (delay {} = min(10s × 2^{}, 10m) from the last failure)", remaining.human(), ctx.out.backoff.delay().human(), n - 1),
            &[("spec.backoffLimit", job.backoff_limit().to_string())],
            JobFacts::BackoffWait {
                remaining,
                delay: ctx.out.backoff.delay(),
                failures: n,
            },
        );
        requeue(ctx, remaining.max(SimDuration::from_secs(1)));
        return 0;
    }
    let diff = (diff as usize).min(MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: Vec<Option<i32>> = if job.is_indexed() {
        let completions = job.spec.completions.unwrap_or(0);
        let mut taken = completed_indexes(ctx, completions);
        taken.extend(active.iter().filter_map(|p| p.completion_index()));
        if job.replaces_only_failed_pods() {
            taken.extend(
                pods.iter()
                    .filter(|p| p.is_deleting() && !p.is_terminal())
                    .filter_map(|p| p.completion_index()),
            );
        }
        if per_index {
            taken.extend(parse_intervals(
                ctx.out.status.failed_indexes.as_deref().unwrap_or(""),
                completions,
            ));
            // The first pending indexes, those in their own back-off wait included; only the
            // others are created, and when none is, sync again when the first is due
            // (`firstPendingIndexes`, `getPodCreationInfoForIndependentIndexes`).
            let candidates = lowest_free_indexes(completions, &taken, diff);
            let waiting: Vec<(i32, SimDuration)> = candidates
                .iter()
                .map(|i| {
                    let left = ctx
                        .out
                        .index_failures
                        .get(i)
                        .filter(|_| ctx.waiting_indexes.contains(i))
                        .map_or(SimDuration::ZERO, |r| r.remaining(ctx.now));
                    (*i, left)
                })
                .filter(|(_, r)| *r > SimDuration::ZERO)
                .collect();
            if waiting.len() == candidates.len() {
                if let Some(soonest) = waiting.iter().map(|(_, r)| *r).min() {
                    requeue(ctx, soonest.max(SimDuration::from_secs(1)));
                    let list: Vec<String> = waiting
                        .iter()
                        .map(|(i, r)| format!("{i} ({})", r.human()))
                        .collect();
                    ctx.why(
                        "backoff-wait",
                        format!(
                            "Index(es) {} wait for their per-index back-off",
                            list.join(", ")
                        ),
                        &[(
                            "spec.backoffLimitPerIndex",
                            job.spec.backoff_limit_per_index.unwrap_or(0).to_string(),
                        )],
                        JobFacts::IndexBackoffWait {
                            indexes: waiting.len() as u32,
                            soonest,
                        },
                    );
                }
            }
            candidates
                .into_iter()
                .filter(|i| !waiting.iter().any(|(w, _)| w == i))
                .map(Some)
                .collect()
        } else {
            lowest_free_indexes(completions, &taken, diff)
                .into_iter()
                .map(Some)
                .collect()
        }
    } else {
        vec![None; diff]
    };
    if indexes.is_empty() {
        return 0;
    }
    let common = PodsInCommon::of(job);
    for index in &indexes {
        // The failures of the pod being replaced, if one waits for it; else none.
        let failures = index
            .filter(|i| ctx.waiting_indexes.contains(i))
            .and_then(|i| ctx.out.index_failures.get(&i))
            .copied()
            .filter(|_| per_index)
            .or(per_index.then(IndexFailures::default));
        ctx.out.actions.push(PodAction::Create(pod_from_template(
            job, &common, *index, failures,
        )));
    }
    let what = match job.spec.completions {
        Some(c) => format!(
            "min(spec.parallelism {parallelism}, spec.completions {c} − succeeded {succeeded})"
        ),
        None if succeeded == 0 => {
            format!("spec.parallelism {parallelism} (work queue, nothing succeeded yet)")
        }
        None => "the pods already running (work queue: a pod succeeded, so no new ones start)"
            .to_string(),
    };
    let index_note = if job.is_indexed() {
        let list: Vec<String> = indexes.iter().flatten().map(i32::to_string).collect();
        format!(" for index(es) {}", list.join(", "))
    } else {
        String::new()
    };
    ctx.why(
        "create-pods",
        format!(
            "Created {} pod(s){index_note}: want {want} active = {what}, had {}",
            indexes.len(),
            active.len()
        ),
        &[
            ("spec.parallelism", parallelism.to_string()),
            ("spec.completions", completions_text(job)),
        ],
        JobFacts::Created {
            count: indexes.len() as u32,
            want,
            had: active.len() as i32,
        },
    );
    0
}

fn completions_text(job: &Job) -> String {
    job.spec
        .completions
        .map_or("unset".to_string(), |c| c.to_string())
}

/// `wantActive`.
fn want_active(job: &Job, active: i32, succeeded: i32) -> i32 {
    let parallelism = job.parallelism();
    match job.spec.completions {
        None if succeeded == 0 => parallelism,
        None => active,
        Some(c) => parallelism.min(c - succeeded).max(0),
    }
}

/// Indexed pods that must go whatever the counts: no or out-of-range index, or a duplicate
/// of an index another active pod holds (the best-ordered one is kept).
fn surplus_indexed_pods<'p>(job: &Job, active: &[&'p Pod]) -> Vec<&'p Pod> {
    let completions = job.spec.completions.unwrap_or(0);
    let mut out = Vec::new();
    let mut indexed: Vec<(i32, &Pod)> = Vec::new();
    for pod in active {
        match pod.completion_index().filter(|i| *i < completions) {
            None => out.push(*pod),
            Some(i) => indexed.push((i, pod)),
        }
    }
    // Stable, so each index's pods stay in `active` order: the groups a map keyed by index
    // would hold, without a B-tree compiled for that map alone.
    crate::sort::sort_by_key(&mut indexed, |(i, _)| *i);
    let mut group: Vec<&Pod> = Vec::new();
    for same_index in indexed.chunk_by(|a, b| a.0 == b.0) {
        group.extend(same_index.iter().map(|(_, pod)| *pod));
        // The last in deletion order is the one worth keeping.
        sort_for_deletion(&mut group);
        group.pop();
        out.append(&mut group);
    }
    out
}

fn delete_pods(ctx: &mut Ctx<'_>, pods: Vec<&Pod>, why: &str) -> usize {
    let n = pods.len().min(MAX_POD_CREATE_DELETE_PER_SYNC);
    for pod in pods.iter().take(n) {
        ctx.out
            .actions
            .push(PodAction::RemoveFinalizer(pod.metadata.name.clone()));
        ctx.out
            .actions
            .push(PodAction::Delete(pod.metadata.name.clone()));
    }
    if n > 0 {
        ctx.why(
            "delete-pods",
            format!("Deleted {n} pod(s): {why}"),
            &[],
            JobFacts::Deleted {
                count: n as u32,
                finishing: false,
            },
        );
    }
    n
}

/// Completion by counts.
fn completed_by_counts(ctx: &mut Ctx<'_>, active: i32) -> Option<Finish> {
    let s = ctx.out.status.succeeded;
    let done = match ctx.job.spec.completions {
        None => s > 0 && active == 0,
        Some(c) => s >= c && active == 0,
    };
    if !done {
        return None;
    }
    let summary = match ctx.job.spec.completions {
        Some(c) => format!(
            "Job succeeds: {s} succeeded {} reach spec.completions {c}",
            if ctx.job.is_indexed() {
                "indexes"
            } else {
                "pods"
            }
        ),
        None => format!("Job succeeds: work queue with {s} succeeded pod(s) and none left running"),
    };
    ctx.why(
        "complete-job",
        summary,
        &[("spec.completions", completions_text(ctx.job))],
        JobFacts::CompletionsReached {
            succeeded: s,
            completions: ctx.job.spec.completions,
        },
    );
    Some(Finish::Success {
        reason: "CompletionsReached".into(),
        message: "Reached expected number of succeeded pods".into(),
    })
}

/// The `Suspended` condition and its events.
fn reconcile_suspended_condition(ctx: &mut Ctx<'_>) {
    let suspended = ctx.job.is_suspended();
    let now = ctx.now;
    let conditions = &mut ctx.out.status.conditions;
    let existing = conditions.iter().position(|c| c.type_ == "Suspended");
    match (suspended, existing) {
        (true, None) => {
            conditions.push(condition("Suspended", "JobSuspended", "Job suspended", now));
            suspend_started(ctx);
        }
        (true, Some(i)) if !conditions[i].is_true() => {
            conditions[i] = condition("Suspended", "JobSuspended", "Job suspended", now);
            suspend_started(ctx);
        }
        (false, Some(i)) if conditions[i].is_true() => {
            let mut c = condition("Suspended", "JobResumed", "Job resumed", now);
            c.status = "False".into();
            conditions[i] = c;
            ctx.out.status.start_time = Some(Time(now));
            ctx.event(false, "Resumed", "Job resumed");
        }
        _ => {}
    }
}

/// A Job has just become suspended. Since v1.36 (the MutableSchedulingDirectivesForSuspendedJobs
/// feature, on by default; pkg/controller/job/job_controller.go `syncJob`) the controller also
/// clears `status.startTime`, so the suspended Job's scheduling directives may be edited and
/// `activeDeadlineSeconds` counts again from the resume.
fn suspend_started(ctx: &mut Ctx<'_>) {
    ctx.out.status.start_time = None;
    ctx.event(false, "Suspended", "Job suspended");
}

#[cfg(test)]
#[path = "job_controller_test.rs"]
mod tests;

/// `status.completedIndexes` as the sync has it so far, below `completions`.
fn completed_indexes(ctx: &Ctx<'_>, completions: i32) -> IndexSet {
    ctx.out
        .status
        .completed_indexes
        .as_deref()
        .map(|s| parse_intervals(s, completions))
        .unwrap_or_default()
}
