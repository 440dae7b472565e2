//! The preset gallery: real manifests from static/examples, each with a one-line story.

/// One preset.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub story: &'static str,
    pub yaml: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset { id: "backoff", title: "Back-off", story: "Three failures, then success: replacement delays double 10s, 20s, 40s.", yaml: include_str!("../../static/examples/backoff.yaml") },
    Preset { id: "pi", title: "One-shot (pi)", story: "The docs' first Job: one pod computes pi and the Job completes.", yaml: include_str!("../../static/examples/pi.yaml") },
    Preset { id: "parallel", title: "Parallel 5/2", story: "Five completions, two pods at a time.", yaml: include_str!("../../static/examples/parallel.yaml") },
    Preset { id: "indexed", title: "Indexed 5/3", story: "Each pod gets its own completion index, name and hostname.", yaml: include_str!("../../static/examples/indexed.yaml") },
    Preset { id: "pod-failure-policy", title: "FailJob on exit 42", story: "A pod failure policy fails the Job at the first exit code 42.", yaml: include_str!("../../static/examples/pod-failure-policy.yaml") },
];

/// The preset loaded on a first visit.
pub fn default_preset() -> &'static Preset {
    &PRESETS[0]
}
