//! The preset gallery: real manifests from static/examples, each with a one-line story. Plain
//! data, so the session (`session.rs`) knows a preset when the editor holds one.

/// What a preset is about: the gallery's groups, in the order a learner meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// One Job from start to end: completion, a deadline, clean-up.
    Basics,
    /// Several pods at once: `parallelism`, `completions`, work queues.
    Parallel,
    /// `completionMode: Indexed` and what builds on it (per-index retries, success policies).
    Indexed,
    /// Failed pods, `backoffLimit` and pod failure policies.
    Failures,
    /// Schedules and their Jobs.
    CronJobs,
}

/// Every topic, in the gallery's order.
pub const TOPICS: [Topic; 5] = [
    Topic::Basics,
    Topic::Parallel,
    Topic::Indexed,
    Topic::Failures,
    Topic::CronJobs,
];

impl Topic {
    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Topic::Basics => "Basics",
            Topic::Parallel => "Parallel and work queues",
            Topic::Indexed => "Indexed",
            Topic::Failures => "Failures and policies",
            Topic::CronJobs => "CronJobs",
        }
    }
}

/// One preset.
pub struct Preset {
    pub id: &'static str,
    /// The gallery group it is shown in.
    pub topic: Topic,
    pub title: &'static str,
    pub story: &'static str,
    pub yaml: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "backoff",
        topic: Topic::Failures,
        title: "Back-off",
        story: "Three failures, then success: replacement delays double 10s, 20s, 40s.",
        yaml: include_str!("../../static/examples/backoff.yaml"),
    },
    Preset {
        id: "pi",
        topic: Topic::Basics,
        title: "One-shot (pi)",
        story: "The docs' first Job: one pod computes pi and the Job completes.",
        yaml: include_str!("../../static/examples/pi.yaml"),
    },
    Preset {
        id: "parallel",
        topic: Topic::Parallel,
        title: "Parallel 5/2",
        story: "Five completions, two pods at a time.",
        yaml: include_str!("../../static/examples/parallel.yaml"),
    },
    Preset {
        id: "sequential-vs-parallel",
        topic: Topic::Parallel,
        title: "Sequential vs parallel",
        story: "Four 10-second tasks, one at a time beside all at once.",
        yaml: include_str!("../../static/examples/sequential-vs-parallel.yaml"),
    },
    Preset {
        id: "job-wq-1",
        topic: Topic::Parallel,
        title: "Work items 8/2",
        story: "Coarse parallel processing: 8 completions, 2 workers.",
        yaml: include_str!("../../static/examples/job-wq-1.yaml"),
    },
    Preset {
        id: "work-queue",
        topic: Topic::Parallel,
        title: "Work queue",
        story: "Completions unset: five workers drain a queue; the Job completes when all exit.",
        yaml: include_str!("../../static/examples/work-queue.yaml"),
    },
    Preset {
        id: "indexed",
        topic: Topic::Indexed,
        title: "Indexed 5/3",
        story: "Each pod gets its own completion index, name and hostname.",
        yaml: include_str!("../../static/examples/indexed.yaml"),
    },
    Preset {
        id: "indexed-init",
        topic: Topic::Indexed,
        title: "Indexed + init",
        story: "An init container prepares input before each indexed worker.",
        yaml: include_str!("../../static/examples/indexed-init.yaml"),
    },
    Preset {
        id: "failing-job",
        topic: Topic::Failures,
        title: "Coin flips",
        story: "exit $((RANDOM % 2)) per attempt: four failures exceed backoffLimit 3.",
        yaml: include_str!("../../static/examples/failing-job.yaml"),
    },
    Preset {
        id: "pod-failure-policy",
        topic: Topic::Failures,
        title: "FailJob on exit 42",
        story: "A pod failure policy fails the Job at the first exit code 42.",
        yaml: include_str!("../../static/examples/pod-failure-policy.yaml"),
    },
    Preset {
        id: "pod-failure-policy-ignore",
        topic: Topic::Failures,
        title: "Ignore a drain",
        story: "A node drain evicts pods; the policy ignores DisruptionTarget, so nothing counts.",
        yaml: include_str!("../../static/examples/pod-failure-policy-ignore.yaml"),
    },
    Preset {
        id: "pod-failure-policy-config-issue",
        topic: Topic::Failures,
        title: "FailJob on ConfigIssue",
        story: "A missing image, a ConfigIssue condition, and the Job fails at once.",
        yaml: include_str!("../../static/examples/pod-failure-policy-config-issue.yaml"),
    },
    Preset {
        id: "backoff-limit-per-index",
        topic: Topic::Indexed,
        title: "Per-index retries",
        story:
            "backoffLimitPerIndex 1: even indexes fail twice and are given up; odd ones succeed.",
        yaml: include_str!("../../static/examples/backoff-limit-per-index.yaml"),
    },
    Preset {
        id: "success-policy",
        topic: Topic::Indexed,
        title: "Success policy",
        story: "The Job succeeds as soon as leader index 0 does; the other workers are stopped.",
        yaml: include_str!("../../static/examples/success-policy.yaml"),
    },
    Preset {
        id: "pi-with-timeout",
        topic: Topic::Basics,
        title: "Deadline",
        story: "activeDeadlineSeconds 100 stops a 150-second pod: DeadlineExceeded.",
        yaml: include_str!("../../static/examples/pi-with-timeout.yaml"),
    },
    Preset {
        id: "cronjob",
        topic: Topic::CronJobs,
        title: "CronJob: hello",
        story: "Every minute a new Job; the three newest successful ones are kept.",
        yaml: include_str!("../../static/examples/cronjob.yaml"),
    },
    Preset {
        id: "cronjob-forbid",
        topic: Topic::CronJobs,
        title: "CronJob: Forbid",
        story: "A report outlasts its 5-minute schedule: runs are skipped, then start late.",
        yaml: include_str!("../../static/examples/cronjob-forbid.yaml"),
    },
    Preset {
        id: "cronjob-outage",
        topic: Topic::CronJobs,
        title: "CronJob: outage",
        story: "The controller is down for hours; on restart only the latest missed run starts.",
        yaml: include_str!("../../static/examples/cronjob-outage.yaml"),
    },
    Preset {
        id: "cronjob-schedules",
        topic: Topic::CronJobs,
        title: "CronJob: schedules",
        story: "Midnight, 2 AM and every fifth hour over a day: */5 restarts at midnight.",
        yaml: include_str!("../../static/examples/cronjob-schedules.yaml"),
    },
    Preset {
        id: "cronjob-dst",
        topic: Topic::CronJobs,
        title: "CronJob: DST",
        story: "02:30 New York time does not exist on 8 March 2026: that night's run is skipped.",
        yaml: include_str!("../../static/examples/cronjob-dst.yaml"),
    },
    Preset {
        id: "pi-with-ttl",
        topic: Topic::Basics,
        title: "TTL cleanup",
        story: "100 seconds after finishing, the TTL controller deletes the Job and its pods.",
        yaml: include_str!("../../static/examples/pi-with-ttl.yaml"),
    },
];

/// The preset loaded on a first visit.
pub fn default_preset() -> &'static Preset {
    &PRESETS[0]
}

/// The presets of `topic`, in the order they are listed.
pub fn in_topic(topic: Topic) -> impl Iterator<Item = &'static Preset> {
    PRESETS.iter().filter(move |p| p.topic == topic)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    /// The gallery as a person reads it: each topic with its presets' titles.
    fn check(expect: Expect) {
        let out: String = TOPICS
            .iter()
            .map(|t| {
                let titles: Vec<&str> = in_topic(*t).map(|p| p.title).collect();
                format!("{}: {}\n", t.title(), titles.join(" · "))
            })
            .collect();
        expect.assert_eq(&out);
    }

    #[test]
    fn the_gallery_groups_every_preset_under_one_of_five_topics() {
        check(expect![[r#"
            Basics: One-shot (pi) · Deadline · TTL cleanup
            Parallel and work queues: Parallel 5/2 · Sequential vs parallel · Work items 8/2 · Work queue
            Indexed: Indexed 5/3 · Indexed + init · Per-index retries · Success policy
            Failures and policies: Back-off · Coin flips · FailJob on exit 42 · Ignore a drain · FailJob on ConfigIssue
            CronJobs: CronJob: hello · CronJob: Forbid · CronJob: outage · CronJob: schedules · CronJob: DST
        "#]]);
        // Each preset appears exactly once, and no topic is empty.
        let shown: usize = TOPICS.iter().map(|t| in_topic(*t).count()).sum();
        assert_eq!(shown, PRESETS.len());
        assert!(TOPICS.iter().all(|t| in_topic(*t).next().is_some()));
        for p in PRESETS {
            assert!(
                TOPICS.contains(&p.topic),
                "{} has a topic the gallery shows",
                p.id
            );
            assert!(!p.story.is_empty(), "{} tells its story", p.id);
        }
    }
}
