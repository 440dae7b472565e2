//! Performance figures beside their targets (issue: "Performance"). Prints; never fails.
//! Run: `cargo run --release --example bench`  (add `-- --quick` for a smaller run, `-- --engine` to stop after the engine run, or
//! `-- --cron` for schedule speed against robfig/cron itself, built by tools/cron-oracle).

use std::time::Instant;

use jobplay::scenario;
use jobplay::sim::queue::Queue;
use jobplay::sim::{run_to_end, Engine, Horizon};
use jobplay::time::{SimDuration, SimTime};
use jobplay::view_model::playback::Playback;

fn big_job(completions: u32, parallelism: u32) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: big}}\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  backoffLimit: 1000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox}}]\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  behaviors:\n  - match: {{job: big}}\n    attempts: [{{run: 10s}}]\n    failProbability: 0.02\n"
    )
}

fn row(what: &str, figure: String, target: &str) {
    println!("{what:<58} {figure:>14}   target {target}");
}

fn main() {
    if std::env::args().any(|a| a == "--cron") {
        return cron_bench();
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let (completions, parallelism) = if quick { (10_000, 100) } else { (100_000, 1_000) };
    println!("jobplay benchmarks on {} core(s){}\n", std::thread::available_parallelism().map_or(1, |n| n.get()), if quick { " (quick)" } else { "" });

    let loaded = scenario::load(&big_job(completions, parallelism));
    let horizon = Horizon::of(&loaded.scenario);
    let t0 = Instant::now();
    let mut engine = Engine::new(loaded.scenario.clone());
    let end = run_to_end(&mut engine, horizon);
    let engine_time = t0.elapsed();
    let wakes = engine.dispatched();
    let job = engine.job("big").expect("the Job exists");
    println!("run: {} succeeded, {} failed pods, {wakes} wakes, {} events, virtual {}", job.status.succeeded, job.status.failed, engine.events().len(), (end - loaded.scenario.start).human());

    // The same number of pushes and pops through the same queue type, nothing else.
    let t1 = Instant::now();
    let mut q: Queue<(u64, u64)> = Queue::default();
    let mut t = SimTime::DEFAULT_START;
    let mut popped = 0u64;
    for i in 0..wakes {
        q.push(t + SimDuration::from_millis((i % 1000) as i64), (i, i));
        if i % 2 == 1 {
            t = t + SimDuration::from_millis(1);
            while let Some((_, v)) = q.pop_due(t) {
                popped = popped.wrapping_add(v.0);
            }
        }
    }
    while let Some((_, v)) = q.pop() {
        popped = popped.wrapping_add(v.1);
    }
    let bare_time = t1.elapsed();
    std::hint::black_box(popped);

    row(&format!("engine: {completions} completions, parallelism {parallelism}"), format!("{:.3} s", engine_time.as_secs_f64()), "≤ 0.5 s");
    row("bare queue: same number of pushes and pops", format!("{:.3} s", bare_time.as_secs_f64()), "(baseline)");
    row("ratio engine / bare queue", format!("{:.1}×", engine_time.as_secs_f64() / bare_time.as_secs_f64().max(1e-9)), "≤ 5×");

    if std::env::args().any(|a| a == "--engine") {
        return; // the engine alone, for profiling
    }
    // Seek: rebuild the state at a time in the middle of the run (and near the end).
    let playback = Playback::compute(loaded.scenario.clone());
    for fraction in [0.5, 0.97] {
        let at = playback.start + SimDuration::from_millis(((playback.end - playback.start).as_millis() as f64 * fraction) as i64);
        let t2 = Instant::now();
        let engine = playback.at(at);
        let seek = t2.elapsed();
        std::hint::black_box(engine.now());
        row(&format!("seek to {:.0}% of the run", fraction * 100.0), format!("{:.1} ms", seek.as_secs_f64() * 1000.0), "≤ 50 ms");
    }
}

/// 100,000 consecutive fire times, ours and robfig/cron's (Go), side by side.
fn cron_bench() {
    use jobplay::cron::{parse_standard, Zone};
    const COUNT: usize = 100_000;
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
    let dir = std::path::Path::new(&target).join("cron-oracle");
    let built = std::process::Command::new("bash").arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/cron-oracle/build.sh")).arg(&dir).status().is_ok_and(|s| s.success())
        && jobplay::cron::zone::write_zoneinfo(&dir.join("zoneinfo")).is_ok();
    println!("{COUNT} consecutive fire times from 2026-01-01T00:00:00Z\n");
    // The first two New York rows are the targets (jobplay at most a quarter of robfig's
    // time); the others are for interest.
    for (expr, zone) in [("* * * * *", "America/New_York"), ("0 9-17/2 * * MON-FRI", "America/New_York"), ("* * * * *", "UTC"), ("*/15 * * * *", "Australia/Lord_Howe"), ("*/7 9-17 * * 1-5", "Europe/London")] {
        let schedule = parse_standard(expr).expect("valid");
        let z = Zone::load(zone).expect("zone");
        let mut best = f64::MAX;
        let mut last = SimTime::DEFAULT_START;
        for _ in 0..5 {
            let t0 = Instant::now();
            let mut t = SimTime::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
            for _ in 0..COUNT {
                t = schedule.next(t, &z).expect("fires");
            }
            best = best.min(t0.elapsed().as_secs_f64());
            last = t;
        }
        let go = if built {
            let out = std::process::Command::new(dir.join("oracle")).env("ZONEINFO", dir.join("zoneinfo")).args(["bench", if zone == "UTC" { "-" } else { zone }, &COUNT.to_string(), expr]).output().expect("oracle runs");
            let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let (secs, end) = text.split_once(' ').unwrap_or(("?", ""));
            assert_eq!(end, last.rfc3339(), "both sides end on the same fire time");
            let ratio = secs.parse::<f64>().map_or(String::new(), |go| format!("   ratio {:.3}× (target ≤ 0.25×)", best / go));
            format!("{secs} s{ratio}")
        } else {
            "(oracle not built)".into()
        };
        println!("{expr:<20} {zone:<20} jobplay {best:.4} s (best of 5)   robfig/cron (Go) {go}");
    }
}
