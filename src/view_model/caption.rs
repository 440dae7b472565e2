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
    /// The class suffix the page styles (`jp-caption-failure` ...).
    pub fn name(self) -> &'static str {
        match self {
            Tone::Info => "info",
            Tone::Wait => "wait",
            Tone::Success => "success",
            Tone::Failure => "failure",
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
    let mut sentences = Vec::new();
    let mut tone = Tone::Info;
    for d in (first..n).filter_map(|i| decisions.get(i)) {
        let (mut sentence, t) = sentence(engine, d);
        if !sentence.ends_with(['.', ')']) {
            sentence.push('.');
        }
        tone = tone.max(t);
        if !sentences.contains(&sentence) {
            sentences.push(sentence);
        }
    }
    let more = sentences.len().saturating_sub(MAX_SENTENCES);
    sentences.truncate(MAX_SENTENCES);
    let mut text = sentences.join(" ");
    if more > 0 {
        text.push_str(&format!(" (and {more} more at this instant)"));
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
    if let Some(facts) = &d.facts {
        return job_sentence(name, facts);
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

fn job_sentence(job: &str, facts: &JobFacts) -> (String, Tone) {
    let pods = |n: u32| {
        if n == 1 {
            "1 pod".to_string()
        } else {
            format!("{n} pods")
        }
    };
    match facts {
        JobFacts::Created { count, want, had: 0 } => (format!("Job {job} starts {}: it wants {want} running at once.", pods(*count)), Tone::Info),
        JobFacts::Created { count: 1, want, .. } => (format!("Job {job} starts 1 more pod, to have {want} running."), Tone::Info),
        JobFacts::Created { count, want, .. } => (format!("Job {job} starts {count} more pods, to have {want} running."), Tone::Info),
        JobFacts::BackoffWait { remaining, delay, .. } if remaining == delay => (format!("Next pod in {}; the back-off doubles after each failure.", remaining.human()), Tone::Wait),
        JobFacts::BackoffWait { remaining, delay, .. } => (format!("Next pod in {}; the back-off, {} now, doubles after each failure.", remaining.human(), delay.human()), Tone::Wait),
        JobFacts::IndexBackoffWait { indexes, soonest } => (format!("{indexes} index(es) wait out their own back-off; the first retries in {}.", soonest.human()), Tone::Wait),
        JobFacts::FailureCounted { pod, exit_code, counted, limit, index } => {
            let failed = match exit_code {
                Some(code) => format!("Pod {pod} failed (exit {code})"),
                None => format!("Pod {pod} failed"),
            };
            let counted = match index {
                Some(i) => format!("failure {counted} of index {i}, which may fail {limit} time(s)"),
                None if counted > limit => format!("failure {counted}, more than the {limit} allowed"),
                None => format!("{counted} of {limit} allowed failures"),
            };
            (format!("{failed}: {counted}."), Tone::Failure)
        }
        JobFacts::FailureIgnored { pod, rule } => (format!("Pod {pod} failed, but podFailurePolicy rule {rule} says Ignore: it does not count, and a new pod replaces it."), Tone::Wait),
        JobFacts::FailJobRule { pod, rule } => (format!("Pod {pod} failed and podFailurePolicy rule {rule} says FailJob: Job {job} fails now, without retries."), Tone::Failure),
        JobFacts::IndexFailed { index, rule: Some(rule), .. } => (format!("Index {index} fails for good: podFailurePolicy rule {rule} says FailIndex."), Tone::Failure),
        JobFacts::IndexFailed { index, limit, .. } => (format!("Index {index} used up its {limit} retries (backoffLimitPerIndex) and is not retried."), Tone::Failure),
        JobFacts::BackoffLimitExceeded { failed, limit, restarts: false } => (format!("Job {job} fails: {failed} pods failed, more than backoffLimit {limit} allows."), Tone::Failure),
        JobFacts::BackoffLimitExceeded { failed, limit, .. } => (format!("Job {job} fails: {failed} container restarts reach backoffLimit {limit}."), Tone::Failure),
        JobFacts::DeadlineExceeded { seconds } => (format!("Job {job} fails: it ran longer than activeDeadlineSeconds ({}).", SimDuration::from_secs(*seconds).human()), Tone::Failure),
        JobFacts::MaxFailedIndexesExceeded { failed, max } => (format!("Job {job} fails: {failed} indexes failed, more than maxFailedIndexes {max}."), Tone::Failure),
        JobFacts::FailedIndexes { failed } => (format!("Job {job} fails: every index finished and {failed} of them failed."), Tone::Failure),
        JobFacts::CompletionsReached { succeeded, completions: Some(c) } => (format!("Job {job} is complete: {succeeded} of {c} completions succeeded."), Tone::Success),
        JobFacts::CompletionsReached { .. } => (format!("Job {job} is complete: a pod succeeded and no other is running (work queue)."), Tone::Success),
        JobFacts::SuccessPolicy { rule } => (format!("Job {job} succeeds early: successPolicy rule {rule} is met."), Tone::Success),
        JobFacts::Deleted { count, finishing: true } => (format!("Job {job} is finishing: its {} still running {} stopped.", pods(*count), if *count == 1 { "is" } else { "are" }), Tone::Info),
        JobFacts::Deleted { count, .. } => (format!("Job {job} deletes {}: more are running than it wants.", pods(*count)), Tone::Info),
        JobFacts::TtlDelete { ttl } => (format!("Job {job} is deleted, with its pods, {} after it finished (ttlSecondsAfterFinished).", SimDuration::from_secs(i64::from(*ttl)).human()), Tone::Info),
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
            lines.push(format!("{} [{}] {}", c.time, c.tone.name(), c.text));
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
            Some("Job flaky starts 1 pod: it wants 1 running at once.".into())
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
            +0s [info] Job flaky starts 1 pod: it wants 1 running at once.
            +6s [failure] Pod flaky-d2v22 failed (exit 1): 1 of 4 allowed failures. Next pod in 9s; the back-off, 10s now, doubles after each failure.
            +7s [wait] Next pod in 8s; the back-off, 10s now, doubles after each failure.
            +15s [info] Job flaky starts 1 pod: it wants 1 running at once.
            +21s [failure] Pod flaky-smkfj failed (exit 1): 2 of 4 allowed failures. Next pod in 19s; the back-off, 20s now, doubles after each failure.
            +22s [wait] Next pod in 18s; the back-off, 20s now, doubles after each failure.
            +40s [info] Job flaky starts 1 pod: it wants 1 running at once.
            +46s [failure] Pod flaky-4vsvv failed (exit 1): 3 of 4 allowed failures. Next pod in 39s; the back-off, 40s now, doubles after each failure.
            +47s [wait] Next pod in 38s; the back-off, 40s now, doubles after each failure.
            +1m25s [info] Job flaky starts 1 pod: it wants 1 running at once.
            +1m33s [success] Job flaky is complete: 1 of 1 completions succeeded.
        "#]],
        );
    }

    #[test]
    fn a_job_fails_past_its_back_off_limit() {
        check(
            &preset("failing-job"),
            12,
            expect![[r#"
            +0s [info] Job failing-job-demo starts 1 pod: it wants 1 running at once.
            +4s [failure] Pod failing-job-demo-nv4fz failed (exit 1): 1 of 3 allowed failures. Next pod in 10s; the back-off doubles after each failure.
            +5s [wait] Next pod in 9s; the back-off, 10s now, doubles after each failure.
            +14s [info] Job failing-job-demo starts 1 pod: it wants 1 running at once.
            +18s [failure] Pod failing-job-demo-9sbql failed (exit 1): 2 of 3 allowed failures. Next pod in 20s; the back-off doubles after each failure.
            +19s [wait] Next pod in 19s; the back-off, 20s now, doubles after each failure.
            +38s [info] Job failing-job-demo starts 1 pod: it wants 1 running at once.
            +42s [failure] Pod failing-job-demo-55lk5 failed (exit 1): 3 of 3 allowed failures. Next pod in 40s; the back-off doubles after each failure.
            +43s [wait] Next pod in 39s; the back-off, 40s now, doubles after each failure.
            +1m22s [info] Job failing-job-demo starts 1 pod: it wants 1 running at once.
            +1m26s [failure] Pod failing-job-demo-gtrsf failed (exit 1): failure 4, more than the 3 allowed. Job failing-job-demo fails: 4 pods failed, more than backoffLimit 3 allows.
        "#]],
        );
    }

    #[test]
    fn pod_failure_policy_rules_fail_the_job_or_ignore_the_failure() {
        check(
            &preset("pod-failure-policy"),
            6,
            expect![[r#"
            +0s [info] Job job-pod-failure-policy-example starts 3 pods: it wants 3 running at once.
            +8s [failure] Pod job-pod-failure-policy-example-d2v22 failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now, without retries. Pod job-pod-failure-policy-example-jw4vs failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now, without retries. Pod job-pod-failure-policy-example-zsmkf failed and podFailurePolicy rule 0 says FailJob: Job job-pod-failure-policy-example fails now, without retries.
        "#]],
        );
        check(
            &preset("pod-failure-policy-ignore"),
            6,
            expect![[r#"
            +0s [info] Job job-pod-failure-policy-ignore starts 2 pods: it wants 2 running at once.
            +30s [info] Scripted action: drainNode node/node-1.
            +32s [wait] Pod job-pod-failure-policy-ignore-d2v22 failed, but podFailurePolicy rule 0 says Ignore: it does not count, and a new pod replaces it. Next pod in 9s; the back-off, 10s now, doubles after each failure.
            +33s [wait] Next pod in 8s; the back-off, 10s now, doubles after each failure.
            +41s [info] Job job-pod-failure-policy-ignore starts 1 more pod, to have 2 running.
            +1m33s [info] Job job-pod-failure-policy-ignore starts 1 more pod, to have 2 running.
        "#]],
        );
    }

    #[test]
    fn per_index_back_off_fails_indexes() {
        check(
            &preset("backoff-limit-per-index"),
            12,
            expect![[r#"
            +0s [info] Job job-backoff-limit-per-index-example starts 3 pods: it wants 3 running at once.
            +6s [failure] Pod job-backoff-limit-per-index-example-0-d2v22 failed (exit 1): failure 1 of index 0, which may fail 1 time(s). Pod job-backoff-limit-per-index-example-2-jw4vs failed (exit 1): failure 1 of index 2, which may fail 1 time(s). 2 index(es) wait out their own back-off; the first retries in 9s. (and 1 more at this instant)
            +12s [failure] Pod job-backoff-limit-per-index-example-4-6jpcn failed (exit 1): failure 1 of index 4, which may fail 1 time(s). 3 index(es) wait out their own back-off; the first retries in 3s. Job job-backoff-limit-per-index-example starts 3 pods: it wants 3 running at once.
            +18s [failure] Pod job-backoff-limit-per-index-example-6-mk2rf failed (exit 1): failure 1 of index 6, which may fail 1 time(s). Pod job-backoff-limit-per-index-example-8-lcwks failed (exit 1): failure 1 of index 8, which may fail 1 time(s). 3 index(es) wait out their own back-off; the first retries in 3s. (and 1 more at this instant)
            +24s [failure] Index 0 used up its 1 retries (backoffLimitPerIndex) and is not retried. Pod job-backoff-limit-per-index-example-0-wgh4n failed (exit 1): failure 2 of index 0, which may fail 1 time(s). Index 2 used up its 1 retries (backoffLimitPerIndex) and is not retried. (and 3 more at this instant)
            +25s [wait] 2 index(es) wait out their own back-off; the first retries in 2s.
            +27s [info] Job job-backoff-limit-per-index-example starts 2 more pods, to have 3 running.
            +30s [failure] Index 4 used up its 1 retries (backoffLimitPerIndex) and is not retried. Pod job-backoff-limit-per-index-example-4-kn6gp failed (exit 1): failure 2 of index 4, which may fail 1 time(s).
            +33s [failure] Index 6 used up its 1 retries (backoffLimitPerIndex) and is not retried. Pod job-backoff-limit-per-index-example-6-llmbq failed (exit 1): failure 2 of index 6, which may fail 1 time(s). Index 8 used up its 1 retries (backoffLimitPerIndex) and is not retried. (and 2 more at this instant)
        "#]],
        );
    }

    #[test]
    fn a_success_policy_a_deadline_a_ttl_and_a_work_queue_end_jobs() {
        check(
            &preset("success-policy"),
            6,
            expect![[r#"
            +0s [info] Job job-success starts 10 pods: it wants 10 running at once.
            +13s [success] Job job-success succeeds early: successPolicy rule 0 is met. Job job-success is finishing: its 9 pods still running are stopped.
        "#]],
        );
        check(
            &preset("pi-with-timeout"),
            6,
            expect![[r#"
            +0s [info] Job pi-with-timeout starts 1 pod: it wants 1 running at once.
            +1m40s [failure] Job pi-with-timeout fails: it ran longer than activeDeadlineSeconds (1m40s). Job pi-with-timeout is finishing: its 1 pod still running is stopped.
        "#]],
        );
        check(
            &preset("pi-with-ttl"),
            6,
            expect![[r#"
            +0s [info] Job pi-with-ttl starts 1 pod: it wants 1 running at once.
            +13s [success] Job pi-with-ttl is complete: 1 of 1 completions succeeded.
            +1m53s [info] Job pi-with-ttl is deleted, with its pods, 1m40s after it finished (ttlSecondsAfterFinished).
        "#]],
        );
        check(
            &preset("work-queue"),
            6,
            expect![[r#"
            +0s [info] Job job-wq-2 starts 5 pods: it wants 5 running at once.
            +31s [success] Job job-wq-2 is complete: a pod succeeded and no other is running (work queue).
        "#]],
        );
    }

    #[test]
    fn cron_jobs_schedule_skip_and_miss_runs() {
        check(
            &preset("cronjob-forbid"),
            8,
            expect![[r#"
            +5m [info] CronJob report: the 00:05 run starts a new Job. Job report-28928165 starts 1 pod: it wants 1 running at once.
            +10m [wait] CronJob report: the 00:10 run waits, because a Job is still running and concurrencyPolicy is Forbid.
            +11m43s [success] Job report-28928165 is complete: 1 of 1 completions succeeded. CronJob report: the 00:10 run starts a new Job. Job report-28928170 starts 1 pod: it wants 1 running at once.
            +15m [wait] CronJob report: the 00:15 run waits, because a Job is still running and concurrencyPolicy is Forbid.
            +18m26s [success] Job report-28928170 is complete: 1 of 1 completions succeeded. CronJob report: the 00:15 run starts a new Job. Job report-28928175 starts 1 pod: it wants 1 running at once.
            +20m [wait] CronJob report: the 00:20 run waits, because a Job is still running and concurrencyPolicy is Forbid.
        "#]],
        );
        check(
            &preset("cronjob-outage"),
            8,
            expect![[r#"
            +30m [info] Scripted action: pauseControllers.
            +4h20m [wait] Scripted action: resumeControllers. CronJob hourly: some start times were missed; only the latest, 04:00, runs (no catch-up). CronJob hourly: the 04:00 run starts a new Job. (and 1 more at this instant)
            +4h20m33s [success] Job hourly-28928400 is complete: 1 of 1 completions succeeded.
            +5h [info] CronJob hourly: the 05:00 run starts a new Job. Job hourly-28928460 starts 1 pod: it wants 1 running at once.
            +5h33s [success] Job hourly-28928460 is complete: 1 of 1 completions succeeded.
        "#]],
        );
        let suspended = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '*/5 * * * *'\n  suspend: true\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n";
        check(
            suspended,
            4,
            expect![[r#"
            +0s [wait] CronJob nightly is suspended: no Job starts until it is resumed.
        "#]],
        );
    }
}
