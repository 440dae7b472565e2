//! Runs in headless Chromium (wasm-bindgen-test): the engine compiled to wasm32 produces the
//! same bytes as natively for every preset (tests/golden, written by tests/presets.rs), the
//! daylight-saving one reading its zone from the shipped static/tzdb.bin.
#![cfg(target_arch = "wasm32")]

use jobplay::view_model::record::{run_text, Overrides};
use wasm_bindgen_test::*;

#[path = "support/line_diff.rs"]
mod line_diff;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! preset {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../static/examples/", $name, ".yaml")),
            include_str!(concat!("golden/", $name, ".json")),
        )
    };
}

const PRESETS: &[(&str, &str, &str)] = &[
    preset!("backoff"),
    preset!("backoff-limit-per-index"),
    preset!("cronjob"),
    preset!("cronjob-dst"),
    preset!("cronjob-forbid"),
    preset!("cronjob-outage"),
    preset!("cronjob-schedules"),
    preset!("failing-job"),
    preset!("indexed"),
    preset!("indexed-init"),
    preset!("job-wq-1"),
    preset!("parallel"),
    preset!("pi"),
    preset!("pi-with-timeout"),
    preset!("pi-with-ttl"),
    preset!("pod-failure-policy"),
    preset!("pod-failure-policy-config-issue"),
    preset!("pod-failure-policy-ignore"),
    preset!("sequential-vs-parallel"),
    preset!("success-policy"),
    preset!("work-queue"),
];

#[wasm_bindgen_test]
fn preset_records_are_byte_identical_to_native() {
    // The browser build reads zones from tzdb.bin, which the page fetches; here it is given
    // the same file.
    jobplay::cron::tzdb::install(include_bytes!("../static/tzdb.bin").to_vec())
        .expect("the shipped tzdb.bin installs");
    for (name, yaml, golden) in PRESETS {
        let json = run_text(yaml, Overrides::default()).record_json();
        assert!(
            json == *golden,
            "{name}: the wasm record differs from the native golden file:\n{}",
            line_diff::line_diff(golden, &json)
        );
    }
}

#[wasm_bindgen_test]
fn invalid_input_yields_diagnostics_not_a_panic() {
    let run = run_text(
        "kind: Job\napiVersion: batch/v1\nspec: [",
        Overrides::default(),
    );
    assert!(run.loaded.has_errors());
}
