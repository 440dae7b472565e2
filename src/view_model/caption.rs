//! The caption beside the transport: the controllers' latest decision at the playhead in
//! large plain words ("Pod flaky-d2v22 failed (exit 1): 1 of 4 allowed failures. Next pod in
//! 10s; the back-off doubles after each failure."). Worded here from the decisions' typed
//! data: a Job decision's facts (`controller/job/facts.rs`), a CronJob decision's
//! `ScheduleDecision`; a decision with neither (a scripted action, a manual trigger, history
//! clean-up) is shown in its own sentence.

use super::event_log::in_cron_zone;
use super::timeline::offset;
use crate::controller::cronjob::ScheduleOutcome;
use crate::controller::job::JobFacts;
use crate::sim::event_log::Decision;
use crate::sim::Engine;
use crate::time::{SimDuration, SimTime};

/// Sentences a caption holds at most; the rest of an instant's decisions are counted.
const MAX_SENTENCES: usize = 3;

/// What a caption's decisions amount to, for its colour and icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    /// Pods created, a schedule kept: the ordinary course.
    Info,
    /// Waiting: a back-off, a run skipped or suspended.
    Wait,
    /// The Job or CronJob reached what it was asked for.
    Success,
    /// A failure counted, an index or the Job failed.
    Failure,
}

impl Tone {
    /// The class the page styles the caption with.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Info => "jp-caption",
            Tone::Wait => "jp-caption jp-caption-wait",
            Tone::Success => "jp-caption jp-caption-success",
            Tone::Failure => "jp-caption jp-caption-failure",
        }
    }
}

/// The latest decision at the playhead, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// When it was taken, from the start of the run (`+6s`).
    pub time: String,
    /// The decisions taken at that instant, in plain sentences.
    pub text: String,
    pub tone: Tone,
    /// Index of the last of them in the run's decisions (what "why" explains).
    pub index: usize,
}

/// The caption for the engine at the playhead: the decisions of the latest instant at which
/// any was taken; `None` before the first.
pub fn caption(engine: &Engine, start: SimTime) -> Option<Caption> {
    caption_at(engine, start, engine.decisions().len())
}

/// The caption when only the first `n` of `engine`'s decisions had been taken (the final
/// engine of a run tells each instant's caption without replaying it).
pub fn caption_at(engine: &Engine, start: SimTime, n: usize) -> Option<Caption> {
    let decisions = engine.decisions();
    let last = decisions.get(n.checked_sub(1)?)?;
    let first = (0..n)
        .rev()
        .take_while(|i| decisions.get(*i).is_some_and(|d| d.time == last.time))
        .last()
        .unwrap_or(n - 1);
    let (mut text, mut tone, mut count) = (String::new(), Tone::Info, 0);
    for d in (first..n).filter_map(|i| decisions.get(i)) {
        let (sentence, t) = sentence(engine, d);
        tone = tone.max(t);
        count += 1;
        if count <= MAX_SENTENCES {
            if count > 1 {
                text.push(' ');
            }
            text.push_str(&sentence);
            if !sentence.ends_with(['.', ')']) {
                text.push('.');
            }
        }
    }
    if count > MAX_SENTENCES {
        text.push_str(&format!(
            " (and {} more at this instant)",
            count - MAX_SENTENCES
        ));
    }
    Some(Caption {
        time: offset(start, last.time),
        text,
        tone,
        index: n - 1,
    })
}

/// One decision in plain words, and its tone.
fn sentence(engine: &Engine, d: &Decision) -> (String, Tone) {
    let name = d
        .object
        .split_once('/')
        .map_or(d.object.as_str(), |(_, n)| n);
    if let Some(facts) = d.facts {
        return job_sentence(name, d.pod.as_deref().unwrap_or("?"), facts);
    }
    if let Some(s) = d.schedule {
        // (before the time, after it, tone); no time for the outcomes about none.
        let (before, after, tone) = match s.outcome {
            ScheduleOutcome::Created => ("the ", " run starts a new Job.", Tone::Info),
            ScheduleOutcome::Adopted => (
                "a Job for the ",
                " run already exists and is taken as that run.",
                Tone::Info,
            ),
            ScheduleOutcome::Replaced => (
                "the ",
                " run replaces the Job still running (concurrencyPolicy Replace).",
                Tone::Wait,
            ),
            ScheduleOutcome::SkippedByForbid => (
                "the ",
                " run waits, because a Job is still running and concurrencyPolicy is Forbid.",
                Tone::Wait,
            ),
            ScheduleOutcome::MissedPastDeadline => (
                "the ",
                " run was missed and is past startingDeadlineSeconds, so it is skipped.",
                Tone::Wait,
            ),
            ScheduleOutcome::Suspended => (
                "suspended, so no Job starts until it is resumed.",
                "",
                Tone::Wait,
            ),
            ScheduleOutcome::ManyMissedBefore => (
                "more than 100 start times were missed; only the latest, ",
                ", runs.",
                Tone::Wait,
            ),
            ScheduleOutcome::FewMissedBefore => (
                "some start times were missed; only the latest, ",
                ", runs (no catch-up).",
                Tone::Wait,
            ),
            ScheduleOutcome::EstimateOvershot => (
                "runs were missed but none starts now; the next regular time runs as usual.",
                "",
                Tone::Wait,
            ),
        };
        let at = match s.scheduled {
            Some(t) if !after.is_empty() => clock_time(&in_cron_zone(engine, &d.object, t)),
            _ => String::new(),
        };
        return (format!("CronJob {name}: {before}{at}{after}"), tone);
    }
    (d.summary.trim_end().to_string(), Tone::Info)
}

/// A Job decision in words: `job` is the Job's name, `pod` the pod it is about (if any).
fn job_sentence(job: &str, pod: &str, facts: JobFacts) -> (String, Tone) {
    let human = |secs: i64| SimDuration::from_secs(secs).human();
    match facts {
        JobFacts::Created { count, want, .. } => (format!("Job {job} starts {count} pod(s), to have {want} running."), Tone::Info),
        JobFacts::BackoffWait { remaining, delay, .. } => (format!("Next pod in {}; the back-off ({}) doubles after each failure.", remaining.human(), delay.human()), Tone::Wait),
        JobFacts::IndexBackoffWait { indexes, soonest } => (format!("{indexes} index(es) wait out their back-off; the first retries in {}.", soonest.human()), Tone::Wait),
        JobFacts::FailureCounted { exit_code, counted, limit, index } => {
            let exit = exit_code.map_or(String::new(), |code| format!(" (exit {code})"));
            let counted = match index {
                Some(i) => format!("failure {counted} of index {i}, which may fail {limit} time(s)"),
                None if counted > limit => format!("failure {counted}, more than the {limit} allowed"),
                None => format!("{counted} of {limit} allowed failures"),
            };
            (format!("Pod {pod} failed{exit}: {counted}."), Tone::Failure)
        }
        JobFacts::FailureIgnored { rule } => (format!("Pod {pod} failed, but podFailurePolicy rule {rule} says Ignore: it does not count."), Tone::Wait),
        JobFacts::FailJobRule { rule } => (format!("Pod {pod} failed and podFailurePolicy rule {rule} says FailJob: Job {job} fails now."), Tone::Failure),
        JobFacts::IndexFailed { index, rule: Some(rule), .. } => (format!("Index {index} fails: podFailurePolicy rule {rule} says FailIndex."), Tone::Failure),
        JobFacts::IndexFailed { index, limit, .. } => (format!("Index {index} used up its {limit} retries (backoffLimitPerIndex)."), Tone::Failure),
        JobFacts::BackoffLimitExceeded { failed, limit, restarts } => {
            let what = if restarts { "container restarts" } else { "failed pods" };
            (format!("Job {job} fails: {failed} {what}, more than backoffLimit {limit} allows."), Tone::Failure)
        }
        JobFacts::DeadlineExceeded { seconds } => (format!("Job {job} fails: it ran longer than activeDeadlineSeconds ({}).", human(seconds)), Tone::Failure),
        JobFacts::MaxFailedIndexesExceeded { failed, max } => (format!("Job {job} fails: {failed} indexes failed, more than maxFailedIndexes {max}."), Tone::Failure),
        JobFacts::FailedIndexes { failed } => (format!("Job {job} fails: every index finished, {failed} failed."), Tone::Failure),
        JobFacts::CompletionsReached { succeeded, completions } => (format!("Job {job} is complete: {succeeded} of {} succeeded.", completions.map_or("its pods".into(), |c| c.to_string())), Tone::Success),
        JobFacts::SuccessPolicy { rule } => (format!("Job {job} succeeds early: successPolicy rule {rule} is met."), Tone::Success),
        JobFacts::Deleted { count, finishing } => {
            let why = if finishing { "the Job is finishing" } else { "more are running than wanted" };
            (format!("Job {job} stops {count} running pod(s): {why}."), Tone::Info)
        }
        JobFacts::TtlDelete { ttl } => (format!("Job {job} is deleted {} after it finished (ttlSecondsAfterFinished).", human(i64::from(ttl))), Tone::Info),
    }
}

/// The time of day of an RFC 3339 time (`2025-01-01T10:05:00Z` → `10:05`), seconds kept
/// when they are not zero.
fn clock_time(rfc3339: &str) -> String {
    let time = rfc3339.get(11..19).unwrap_or(rfc3339);
    time.strip_suffix(":00").unwrap_or(time).to_string()
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::view_model::playback::Playback;

    /// The run of `yaml` told by its captions: one line per instant at which a decision was
    /// taken (the first `limit`), as the caption shows it with the playhead there.
    fn check(yaml: &str, limit: usize, expect: Expect) {
        let p = Playback::compute(crate::scenario::load(yaml).scenario);
        let decisions = p.last.decisions();
        let mut lines = Vec::new();
        for n in 1..=decisions.len() {
            let next_same_instant = decisions
                .get(n)
                .is_some_and(|d| Some(d.time) == decisions.get(n - 1).map(|d| d.time));
            if next_same_instant {
                continue;
            }
            let c = caption_at(&p.last, p.start, n).expect("a decision");
            lines.push(format!("{} [{:?}] {}", c.time, c.tone, c.text));
        }
        lines.truncate(limit);
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    fn preset(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/static/examples/{name}.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the preset")
    }

    #[test]
    fn a_caption_follows_the_engine_at_the_playhead() {
        let p = Playback::compute(crate::scenario::load(&preset("backoff")).scenario);
        let at = |secs| caption(&p.at(p.start + SimDuration::from_secs(secs)), p.start);
        assert_eq!(
            at(0).map(|c| c.text),
            Some("Job flaky starts 1 pod(s), to have 1 running.".into())
        );
        let c = at(6).expect("a caption at +6s");
        assert_eq!((c.time.as_str(), c.tone), ("+6s", Tone::Failure));
        assert!(
            c.text.contains("1 of 4 allowed failures. Next pod in 9s"),
            "{}",
            c.text
        );
        // The controller syncs again at +7s (the pod's status update) and still waits.
        let c = at(8).expect("a caption at +8s");
        assert_eq!((c.time.as_str(), c.tone), ("+7s", Tone::Wait));
        assert!(c.text.starts_with("Next pod in 8s"), "{}", c.text);
    }
    #[test]
    fn back_off_counts_each_failure_and_says_when_the_next_pod_comes() {
        check(
            &preset("backoff"),
            12,
            expect![[r#"
                +0s [Info] Job flaky starts 1 pod(s), to have 1 running.
                +6s [Failure] Pod flaky-d2v22 failed (exit 1): 1 of 4 allowed failures. Next pod in 9s; the back-off (10s) doubles after each failure.
                +7s [Wait] Next pod in 8s; the back-off (10s) doubles after each failure.
                +15s [Info] Job flaky starts 1 pod(s), to have 1 running.
                +21s [Failure] Pod flaky-smkfj failed (exit 1): 2 of 4 allowed failures. Next pod in 19s; the back-off (20s) doubles after each failure.
                +22s [Wait] Next pod in 18s; the back-off (20s) doubles after each failure.
                +40s [Info] Job flaky starts 1 pod(s), to have 1 running.
                +44s [Failure] Pod flaky-4vsvv failed (exit 1): 3 of 4 allowed failures. Next pod in 39s; the back-off (40s) doubles after each failure.
                +45s [Wait] Next pod in 38s; the back-off (40s) doubles after each failure.
                +1m23s [Info] Job flaky starts 1 pod(s), to have 1 running.
                +1m31s [Success] Job flaky is complete: 1 of 1 succeeded.
            "#]],
        );
    }

    #[test]
    fn a_job_fails_past_its_back_off_limit() {
        check(
            &preset("failing-job"),
            12,
            expect![[r#"
                +0s [Info] Job failing-job-demo starts 1 pod(s), to have 1 running.
                +4s [Failure] Pod failing-job-demo-nv4fz failed (exit 1): 1 of 3 allowed failures. Next pod in 10s; the back-off (10s) doubles after each failure.
                +5s [Wait] Next pod in 9s; the back-off (10s) doubles after each failure.
                +14s [Info] Job failing-job-demo starts 1 pod(s), to have 1 running.
                +18s [Failure] Pod failing-job-demo-9sbql failed (exit 1): 2 of 3 allowed failures. Next pod in 20s; the back-off (20s) doubles after each failure.
                +19s [Wait] Next pod in 19s; the back-off (20s) doubles after each failure.
                +38s [Info] Job failing-job-demo starts 1 pod(s), to have 1 running.
                +40s [Failure] Pod failing-job-demo-55lk5 failed (exit 1): 3 of 3 allowed failures. Next pod in 40s; the back-off (40s) doubles after each failure.
                +41s [Wait] Next pod in 39s; the back-off (40s) doubles after each failure.
                +1m20s [Info] Job failing-job-demo starts 1 pod(s), to have 1 running.
                +1m22s [Failure] Pod failing-job-demo-gtrsf failed (exit 1): failure 4, more than the 3 allowed. Job failing-job-demo fails: 4 failed pods, more than backoffLimit 3 allows.
            "#]],
        );
    }

    #[test]
    fn pod_failure_policy_rules_fail_the_job_or_ignore_the_failure() {
        check(
            &preset("pod-failure-policy"),
            6,
            expect![[r#"
                +0s [Info] Job job-pod-failure-policy-example starts 3 pod(s), to have 3 running.
                +8s [Failure] Pod job-pod-failure-policy-example-d2v22 failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now. Pod job-pod-failure-policy-example-jw4vs failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now. Pod job-pod-failure-policy-example-zsmkf failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now.
            "#]],
        );
        check(
            &preset("pod-failure-policy-ignore"),
            6,
            expect![[r#"
                +0s [Info] Job job-pod-failure-policy-ignore starts 2 pod(s), to have 2 running.
                +30s [Info] Scripted action: drainNode node/node-1.
                +32s [Wait] Pod job-pod-failure-policy-ignore-d2v22 failed, but podFailurePolicy rule 0 says Ignore: it does not count. Next pod in 9s; the back-off (10s) doubles after each failure.
                +33s [Wait] Next pod in 8s; the back-off (10s) doubles after each failure.
                +41s [Info] Job job-pod-failure-policy-ignore starts 1 pod(s), to have 2 running.
                +1m33s [Info] Job job-pod-failure-policy-ignore starts 1 pod(s), to have 2 running.
            "#]],
        );
    }

    #[test]
    fn per_index_back_off_fails_indexes() {
        check(
            &preset("backoff-limit-per-index"),
            12,
            expect![[r#"
                +0s [Info] Job job-backoff-limit-per-index-example starts 3 pod(s), to have 3 running.
                +6s [Failure] Pod job-backoff-limit-per-index-example-0-d2v22 failed (exit 1): failure 1 of index 0, which may fail 1 time(s). Pod job-backoff-limit-per-index-example-2-jw4vs failed (exit 1): failure 1 of index 2, which may fail 1 time(s). Job job-backoff-limit-per-index-example starts 1 pod(s), to have 3 running.
                +7s [Wait] 2 index(es) wait out their back-off; the first retries in 8s.
                +8s [Wait] 2 index(es) wait out their back-off; the first retries in 7s.
                +10s [Info] Job job-backoff-limit-per-index-example starts 1 pod(s), to have 3 running.
                +11s [Wait] 2 index(es) wait out their back-off; the first retries in 4s.
                +12s [Wait] 2 index(es) wait out their back-off; the first retries in 3s.
                +14s [Failure] Pod job-backoff-limit-per-index-example-4-jpcnv failed (exit 1): failure 1 of index 4, which may fail 1 time(s). 3 index(es) wait out their back-off; the first retries in 1s.
                +15s [Info] Job job-backoff-limit-per-index-example starts 2 pod(s), to have 3 running.
                +16s [Wait] 1 index(es) wait out their back-off; the first retries in 7s.
                +17s [Wait] 1 index(es) wait out their back-off; the first retries in 6s.
                +19s [Failure] Index 0 used up its 1 retries (backoffLimitPerIndex). Pod job-backoff-limit-per-index-example-0-wgknl failed (exit 1): failure 2 of index 0, which may fail 1 time(s). Index 2 used up its 1 retries (backoffLimitPerIndex). (and 2 more at this instant)
            "#]],
        );
    }

    #[test]
    fn a_success_policy_a_deadline_a_ttl_and_a_work_queue_end_jobs() {
        check(
            &preset("success-policy"),
            6,
            expect![[r#"
                +0s [Info] Job job-success starts 10 pod(s), to have 10 running.
                +13s [Success] Job job-success succeeds early: successPolicy rule 0 is met. Job job-success stops 9 running pod(s): the Job is finishing.
            "#]],
        );
        check(
            &preset("pi-with-timeout"),
            6,
            expect![[r#"
                +0s [Info] Job pi-with-timeout starts 1 pod(s), to have 1 running.
                +1m40s [Failure] Job pi-with-timeout fails: it ran longer than activeDeadlineSeconds (1m40s). Job pi-with-timeout stops 1 running pod(s): the Job is finishing.
            "#]],
        );
        check(
            &preset("pi-with-ttl"),
            6,
            expect![[r#"
                +0s [Info] Job pi-with-ttl starts 1 pod(s), to have 1 running.
                +13s [Success] Job pi-with-ttl is complete: 1 of 1 succeeded.
                +1m53s [Info] Job pi-with-ttl is deleted 1m40s after it finished (ttlSecondsAfterFinished).
            "#]],
        );
        check(
            &preset("work-queue"),
            6,
            expect![[r#"
                +0s [Info] Job job-wq-2 starts 5 pod(s), to have 5 running.
                +32s [Success] Job job-wq-2 is complete: 5 of its pods succeeded.
            "#]],
        );
    }

    #[test]
    fn cron_jobs_schedule_skip_and_miss_runs() {
        check(
            &preset("cronjob-forbid"),
            8,
            expect![[r#"
                +5m [Info] CronJob report: the 00:05 run starts a new Job. Job report-28928165 starts 1 pod(s), to have 1 running.
                +10m [Wait] CronJob report: the 00:10 run waits, because a Job is still running and concurrencyPolicy is Forbid.
                +11m43s [Success] Job report-28928165 is complete: 1 of 1 succeeded. CronJob report: the 00:10 run starts a new Job. Job report-28928170 starts 1 pod(s), to have 1 running.
                +15m [Wait] CronJob report: the 00:15 run waits, because a Job is still running and concurrencyPolicy is Forbid.
                +18m26s [Success] Job report-28928170 is complete: 1 of 1 succeeded. CronJob report: the 00:15 run starts a new Job. Job report-28928175 starts 1 pod(s), to have 1 running.
                +20m [Wait] CronJob report: the 00:20 run waits, because a Job is still running and concurrencyPolicy is Forbid.
            "#]],
        );
        check(
            &preset("cronjob-outage"),
            8,
            expect![[r#"
                +30m [Info] Scripted action: pauseControllers.
                +4h20m [Wait] Scripted action: resumeControllers. CronJob hourly: some start times were missed; only the latest, 04:00, runs (no catch-up). CronJob hourly: the 04:00 run starts a new Job. (and 1 more at this instant)
                +4h20m33s [Success] Job hourly-28928400 is complete: 1 of 1 succeeded.
                +5h [Info] CronJob hourly: the 05:00 run starts a new Job. Job hourly-28928460 starts 1 pod(s), to have 1 running.
                +5h33s [Success] Job hourly-28928460 is complete: 1 of 1 succeeded.
            "#]],
        );
        let suspended = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '*/5 * * * *'\n  suspend: true\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n";
        check(
            suspended,
            4,
            expect![[r#"
                +0s [Wait] CronJob nightly: suspended, so no Job starts until it is resumed.
            "#]],
        );
    }
}
