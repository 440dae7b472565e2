//! Any text through the whole front door: YAML, decoding, defaulting, validation, and a short
//! run of whatever survived. Nothing may panic; every outcome is diagnostics.
#![no_main]

use jobplay::scenario;
use jobplay::sim::{run_to_end, Engine, Horizon};
use jobplay::time::SimDuration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = scenario::load(&text);
    for d in &loaded.diagnostics {
        // Rendering must not panic either (positions, multi-byte text).
        let _ = d.render("fuzz");
    }
    // Big Jobs are a performance question (benchmarks), not a crash question: keep runs small
    // so that an iteration stays in milliseconds.
    let small = loaded.scenario.jobs.iter().all(|j| j.spec.completions.unwrap_or(1) <= 200 && j.spec.parallelism.unwrap_or(1) <= 200) && loaded.scenario.cron_jobs.len() <= 3;
    if !loaded.is_empty() && small {
        let mut scenario = loaded.scenario;
        // Bound the run so a fuzz iteration stays short: ten virtual minutes.
        scenario.until = Some(SimDuration::from_secs(600));
        let horizon = Horizon::of(&scenario);
        let mut engine = Engine::new(scenario);
        let _ = run_to_end(&mut engine, horizon);
    }
});
