//! Every preset in static/examples plays as its story says, and its JSON record is frozen in
//! tests/golden/. The wasm test (tests/wasm.rs) compares the browser's record with the same
//! files, which is how "byte-identical natively and in the browser" is checked.
//! Regenerate with `UPDATE_GOLDEN=1 cargo test --test presets` and read the diff.

use std::path::Path;

use jobplay::view_model::record::{run_text, Overrides};

#[path = "support/line_diff.rs"]
mod line_diff;
use line_diff::line_diff;

/// (preset, Job, the kubectl STATUS it must end in; "Deleted" when the TTL controller removed it)
const OUTCOMES: &[(&str, &str, &str)] = &[
    ("backoff", "flaky", "Complete"),
    (
        "backoff-limit-per-index",
        "job-backoff-limit-per-index-example",
        "Failed",
    ),
    ("cronjob", "hello-28928166", "Complete"),
    ("cronjob-dst", "nightly-29550630", "Complete"),
    ("cronjob-forbid", "report-28928175", "Running"),
    ("cronjob-outage", "hourly-28928400", "Complete"),
    ("cronjob-schedules", "cleanup-28929720", "Complete"),
    ("failing-job", "failing-job-demo", "Failed"),
    ("indexed", "indexed", "Complete"),
    ("indexed-init", "indexed-job", "Complete"),
    ("job-wq-1", "job-wq-1", "Complete"),
    ("parallel", "parallel", "Complete"),
    ("pi", "pi", "Complete"),
    ("pi-with-timeout", "pi-with-timeout", "Failed"),
    ("pi-with-ttl", "pi-with-ttl", "Deleted"),
    (
        "pod-failure-policy",
        "job-pod-failure-policy-example",
        "Failed",
    ),
    (
        "pod-failure-policy-config-issue",
        "job-pod-failure-policy-config-issue",
        "Failed",
    ),
    (
        "pod-failure-policy-ignore",
        "job-pod-failure-policy-ignore",
        "Complete",
    ),
    ("sequential-vs-parallel", "sequential", "Complete"),
    ("success-policy", "job-success", "Complete"),
    ("work-queue", "job-wq-2", "Complete"),
];

fn presets() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("static/examples")
        .expect("static/examples exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_preset_loads_cleanly_and_ends_as_its_story_says() {
    let all = presets();
    assert_eq!(
        all.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        OUTCOMES.iter().map(|o| o.0).collect::<Vec<_>>(),
        "every preset needs an expected outcome"
    );
    for ((name, yaml), (_, job, status)) in all.iter().zip(OUTCOMES) {
        let run = run_text(yaml, Overrides::default());
        assert!(
            run.loaded.diagnostics.is_empty(),
            "{name}: {:?}",
            run.loaded.diagnostics
        );
        let status_now = match run.engine.job(job) {
            Some(j) => jobplay::view_model::kubectl::job_status(j),
            None if run
                .engine
                .removed_jobs()
                .iter()
                .any(|j| j.metadata.name == *job) =>
            {
                "Deleted"
            }
            None => panic!("{name}: no job {job}"),
        };
        assert_eq!(status_now, *status, "{name}");
    }
}

#[test]
fn preset_records_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (name, yaml) in presets() {
        let json = run_text(&yaml, Overrides::default()).record_json();
        let path = Path::new("tests/golden").join(format!("{name}.json"));
        if update {
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
        assert!(
            golden == json,
            "{name}: the record differs from {} (UPDATE_GOLDEN=1 regenerates it):\n{}",
            path.display(),
            line_diff(&golden, &json)
        );
    }
}

#[test]
fn the_wasm_test_covers_every_preset() {
    let wasm_test = std::fs::read_to_string("tests/wasm.rs").unwrap();
    for (name, _) in presets() {
        assert!(
            wasm_test.contains(&format!("\"{name}\"")),
            "tests/wasm.rs does not check preset {name}"
        );
    }
}
