//! The preset gallery: real manifests from static/examples, each with a one-line story. Plain
//! data, so the session (`session.rs`) knows a preset when the editor holds one.

/// One preset.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub story: &'static str,
    pub yaml: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "backoff",
        title: "Back-off",
        story: "Three failures, then success: replacement delays double 10s, 20s, 40s.",
        yaml: include_str!("../../static/examples/backoff.yaml"),
    },
    Preset {
        id: "pi",
        title: "One-shot (pi)",
        story: "The docs' first Job: one pod computes pi and the Job completes.",
        yaml: include_str!("../../static/examples/pi.yaml"),
    },
    Preset {
        id: "parallel",
        title: "Parallel 5/2",
        story: "Five completions, two pods at a time.",
        yaml: include_str!("../../static/examples/parallel.yaml"),
    },
    Preset {
        id: "sequential-vs-parallel",
        title: "Sequential vs parallel",
        story: "Four 10-second tasks, one at a time beside all at once.",
        yaml: include_str!("../../static/examples/sequential-vs-parallel.yaml"),
    },
    Preset {
        id: "job-wq-1",
        title: "Work items 8/2",
        story: "Coarse parallel processing: 8 completions, 2 workers.",
        yaml: include_str!("../../static/examples/job-wq-1.yaml"),
    },
    Preset {
        id: "work-queue",
        title: "Work queue",
        story: "Completions unset: five workers drain a queue; the Job completes when all exit.",
        yaml: include_str!("../../static/examples/work-queue.yaml"),
    },
    Preset {
        id: "indexed",
        title: "Indexed 5/3",
        story: "Each pod gets its own completion index, name and hostname.",
        yaml: include_str!("../../static/examples/indexed.yaml"),
    },
    Preset {
        id: "indexed-init",
        title: "Indexed + init",
        story: "An init container prepares input before each indexed worker.",
        yaml: include_str!("../../static/examples/indexed-init.yaml"),
    },
    Preset {
        id: "failing-job",
        title: "Coin flips",
        story: "exit $((RANDOM % 2)) per attempt: four failures exceed backoffLimit 3.",
        yaml: include_str!("../../static/examples/failing-job.yaml"),
    },
    Preset {
        id: "pod-failure-policy",
        title: "FailJob on exit 42",
        story: "A pod failure policy fails the Job at the first exit code 42.",
        yaml: include_str!("../../static/examples/pod-failure-policy.yaml"),
    },
    Preset {
        id: "pod-failure-policy-ignore",
        title: "Ignore a drain",
        story: "A node drain evicts pods; the policy ignores DisruptionTarget, so nothing counts.",
        yaml: include_str!("../../static/examples/pod-failure-policy-ignore.yaml"),
    },
    Preset {
        id: "pod-failure-policy-config-issue",
        title: "FailJob on ConfigIssue",
        story: "A missing image, a ConfigIssue condition, and the Job fails at once.",
        yaml: include_str!("../../static/examples/pod-failure-policy-config-issue.yaml"),
    },
    Preset {
        id: "backoff-limit-per-index",
        title: "Per-index retries",
        story:
            "backoffLimitPerIndex 1: even indexes fail twice and are given up; odd ones succeed.",
        yaml: include_str!("../../static/examples/backoff-limit-per-index.yaml"),
    },
    Preset {
        id: "success-policy",
        title: "Success policy",
        story: "The Job succeeds as soon as leader index 0 does; the other workers are stopped.",
        yaml: include_str!("../../static/examples/success-policy.yaml"),
    },
    Preset {
        id: "pi-with-timeout",
        title: "Deadline",
        story: "activeDeadlineSeconds 100 stops a 150-second pod: DeadlineExceeded.",
        yaml: include_str!("../../static/examples/pi-with-timeout.yaml"),
    },
    Preset {
        id: "cronjob",
        title: "CronJob: hello",
        story: "Every minute a new Job; the three newest successful ones are kept.",
        yaml: include_str!("../../static/examples/cronjob.yaml"),
    },
    Preset {
        id: "cronjob-forbid",
        title: "CronJob: Forbid",
        story: "A report outlasts its 5-minute schedule: runs are skipped, then start late.",
        yaml: include_str!("../../static/examples/cronjob-forbid.yaml"),
    },
    Preset {
        id: "cronjob-outage",
        title: "CronJob: outage",
        story: "The controller is down for hours; on restart only the latest missed run starts.",
        yaml: include_str!("../../static/examples/cronjob-outage.yaml"),
    },
    Preset {
        id: "cronjob-schedules",
        title: "CronJob: schedules",
        story: "Midnight, 2 AM and every fifth hour over a day: */5 restarts at midnight.",
        yaml: include_str!("../../static/examples/cronjob-schedules.yaml"),
    },
    Preset {
        id: "cronjob-dst",
        title: "CronJob: DST",
        story: "02:30 New York time does not exist on 8 March 2026: that night's run is skipped.",
        yaml: include_str!("../../static/examples/cronjob-dst.yaml"),
    },
    Preset {
        id: "pi-with-ttl",
        title: "TTL cleanup",
        story: "100 seconds after finishing, the TTL controller deletes the Job and its pods.",
        yaml: include_str!("../../static/examples/pi-with-ttl.yaml"),
    },
];

/// The preset loaded on a first visit.
pub fn default_preset() -> &'static Preset {
    &PRESETS[0]
}
