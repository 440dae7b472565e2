//! Performance figures beside their targets (issue: "Performance"). Prints; never fails.
//! Run: `cargo run --release --example bench`  (add `-- --quick` for a smaller run, `-- --engine` to stop after the engine run, or
//! `-- --cron` for schedule speed against robfig/cron itself, built by tools/cron-oracle).

use std::time::Instant;

use jobplay::scenario;
use jobplay::sim::queue::Queue;
use jobplay::sim::{run_to_end, Engine, Horizon};
use jobplay::time::{SimDuration, SimTime};
use jobplay::view_model::playback::Playback;

/// Counts live heap bytes, so the memory figures are the program's own (not the process's).
struct CountingAlloc;
static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static LIVE_BLOCKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Every allocation ever made: unlike time, the same on every run, so a change's effect on
/// the allocator's work can be compared exactly.
static ALLOCATIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Adds to a counter with a plain load and store, not a locked read-modify-write: the
/// benchmark allocates on one thread only, and three locked instructions per allocation
/// would be the counting's own cost inside the engine's figure.
fn add(counter: &std::sync::atomic::AtomicUsize, delta: usize) {
    let ordering = std::sync::atomic::Ordering::Relaxed;
    counter.store(counter.load(ordering).wrapping_add(delta), ordering);
}
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        add(&LIVE, layout.size());
        add(&LIVE_BLOCKS, 1);
        add(&ALLOCATIONS, 1);
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        add(&LIVE, layout.size().wrapping_neg());
        add(&LIVE_BLOCKS, 1usize.wrapping_neg());
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}
#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;
fn live_mb() -> f64 {
    LIVE.load(std::sync::atomic::Ordering::Relaxed) as f64 / (1 << 20) as f64
}

/// The big Job, on the default three nodes made big enough to run `parallelism` pods at once
/// (each allows 400 pods rather than the default 110; the scheduler spreads them evenly).
fn big_job(completions: u32, parallelism: u32) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: big}}\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  backoffLimit: 1000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox}}]\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes: [{{name: node-1, pods: \"400\"}}, {{name: node-2, pods: \"400\"}}, {{name: node-3, pods: \"400\"}}]\n  behaviors:\n  - match: {{job: big}}\n    attempts: [{{run: 10s}}]\n    failProbability: 0.02\n"
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
    let (completions, parallelism) = if quick {
        (10_000, 100)
    } else {
        (100_000, 1_000)
    };
    println!(
        "jobplay benchmarks on {} core(s){}\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        if quick { " (quick)" } else { "" }
    );

    let loaded = scenario::load(&big_job(completions, parallelism));
    let horizon = Horizon::of(&loaded.scenario);
    let heap_before = live_mb();
    let blocks_before = LIVE_BLOCKS.load(std::sync::atomic::Ordering::Relaxed);
    let allocations_before = ALLOCATIONS.load(std::sync::atomic::Ordering::Relaxed);
    let t0 = Instant::now();
    let mut engine = Engine::new(loaded.scenario.clone());
    let end = run_to_end(&mut engine, horizon);
    let engine_time = t0.elapsed();
    let allocations = ALLOCATIONS.load(std::sync::atomic::Ordering::Relaxed) - allocations_before;
    let wakes = engine.dispatched();
    let job = engine.job("big").expect("the Job exists");
    println!(
        "run: {} succeeded, {} failed pods, {wakes} wakes, {} events, virtual {}",
        job.status.succeeded,
        job.status.failed,
        engine.events().len(),
        (end - loaded.scenario.start).human()
    );

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

    row(
        &format!("engine: {completions} completions, parallelism {parallelism}"),
        format!("{:.3} s", engine_time.as_secs_f64()),
        "≤ 0.5 s",
    );
    row(
        "bare queue: same number of pushes and pops",
        format!("{:.3} s", bare_time.as_secs_f64()),
        "(baseline)",
    );
    row(
        "ratio engine / bare queue",
        format!(
            "{:.1}×",
            engine_time.as_secs_f64() / bare_time.as_secs_f64().max(1e-9)
        ),
        "≤ 5×",
    );
    row(
        "heap: the finished run (native; wasm is in bench/browser.mjs)",
        format!("{:.0} MB", live_mb() - heap_before),
        "≤ 200 MB",
    );
    let blocks = LIVE_BLOCKS.load(std::sync::atomic::Ordering::Relaxed) - blocks_before;
    row(
        "  in separate allocations (each costs the allocator a header)",
        format!("{:.1} M", blocks as f64 / 1e6),
        "(breakdown)",
    );
    row(
        "allocations made during the run (exact: compare changes by it)",
        format!("{allocations}"),
        "(breakdown)",
    );

    if std::env::args().any(|a| a == "--engine") {
        return; // the engine alone, for profiling
    }
    // Where it goes, measured as the size of a deep copy of each part.
    let before = live_mb();
    let events = engine.events().to_vec();
    let events_mb = live_mb() - before;
    drop(events);
    let before = live_mb();
    // Sized exactly: the pods' own bytes, not a vector's spare capacity.
    let mut pods: Vec<jobplay::api::Pod> = Vec::with_capacity(engine.pod_count());
    pods.extend(engine.pods().cloned());
    let pods_mb = live_mb() - before;
    drop(pods);
    row(
        "  of which: events, pods (objects only)",
        format!("{events_mb:.0} + {pods_mb:.0} MB"),
        "(breakdown)",
    );
    // What a frame of the playground computes for the cluster panel, with every pod in the API.
    let mut views: Vec<f64> = (0..5)
        .map(|_| {
            let t5 = Instant::now();
            std::hint::black_box(jobplay::view_model::cluster::cluster_view(&engine));
            t5.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    views.sort_by(f64::total_cmp);
    row(
        &format!(
            "frame work: cluster view of {} pods (median of 5)",
            engine.pod_count()
        ),
        format!("{:.1} ms", views[2]),
        "(part of a frame)",
    );
    // The Gantt chart is computed once per run (the page cuts it at the playhead).
    let t6 = Instant::now();
    let chart = jobplay::view_model::gantt::gantt(&engine, loaded.scenario.start, engine.now());
    row(
        &format!(
            "Gantt chart of the run: {} rows (once per run)",
            chart.jobs.iter().map(|j| j.rows.len()).sum::<usize>()
        ),
        format!("{:.0} ms", t6.elapsed().as_secs_f64() * 1000.0),
        "(after the run)",
    );
    drop(chart);
    if std::env::args().any(|a| a == "--view") {
        // The cluster view again and again, for profiling it.
        (0..40).for_each(|_| {
            drop(std::hint::black_box(
                jobplay::view_model::cluster::cluster_view(&engine),
            ))
        });
        return;
    }
    // A checkpoint is a copy of the engine; copies share the record and unchanged pods. The
    // first copy also pays for glibc consolidating the freed chunks of the run (its first large
    // allocation), so both the first and the median of five are printed.
    let mut copies: Vec<f64> = (0..5)
        .map(|_| {
            let t3 = Instant::now();
            let copy = engine.clone();
            let ms = t3.elapsed().as_secs_f64() * 1000.0;
            drop(copy);
            ms
        })
        .collect();
    let first = copies[0];
    copies.sort_by(f64::total_cmp);
    row(
        "checkpoint: copy of the finished engine, first / median of 5",
        format!("{first:.0} / {:.1} ms", copies[2]),
        "(seek's unit)",
    );
    // Seek: rebuild the state at a time in the middle of the run (and near the end).
    drop(engine);
    let heap_before = live_mb();
    let t4 = Instant::now();
    let playback = Playback::compute(loaded.scenario.clone());
    let playback_time = t4.elapsed();
    row(
        &format!(
            "playback: the run with {} checkpoints",
            playback.checkpoint_count()
        ),
        format!("{:.3} s", playback_time.as_secs_f64()),
        "(for seeking)",
    );
    row(
        "heap: the run with its checkpoints",
        format!("{:.0} MB", live_mb() - heap_before),
        "(checkpoints share)",
    );
    // Any virtual time: 40 points spread over the run, each rebuilt from scratch.
    let mut seeks: Vec<f64> = (1..=40)
        .map(|k| {
            let at = playback.start
                + SimDuration::from_millis((playback.end - playback.start).as_millis() * k / 41);
            let t2 = Instant::now();
            let engine = playback.at(at);
            std::hint::black_box(engine.now());
            t2.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    seeks.sort_by(f64::total_cmp);
    row(
        "seek to a time in the run: median of 40",
        format!("{:.1} ms", seeks[20]),
        "≤ 50 ms",
    );
    row(
        "seek to a time in the run: slowest of 40",
        format!("{:.1} ms", seeks[39]),
        "≤ 50 ms",
    );
}

/// 100,000 consecutive fire times, ours and robfig/cron's (Go), side by side.
fn cron_bench() {
    use jobplay::cron::{parse_standard, Zone};
    const COUNT: usize = 100_000;
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
    let dir = std::path::Path::new(&target).join("cron-oracle");
    let built = std::process::Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tools/cron-oracle/build.sh"
        ))
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success())
        && jobplay::cron::zone::write_zoneinfo(&dir.join("zoneinfo")).is_ok();
    println!("{COUNT} consecutive fire times from 2026-01-01T00:00:00Z\n");
    // The first two New York rows are the targets (jobplay at most a quarter of robfig's
    // time); the others are for interest.
    for (expr, zone) in [
        ("* * * * *", "America/New_York"),
        ("0 9-17/2 * * MON-FRI", "America/New_York"),
        ("* * * * *", "UTC"),
        ("*/15 * * * *", "Australia/Lord_Howe"),
        ("*/7 9-17 * * 1-5", "Europe/London"),
    ] {
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
            let out = std::process::Command::new(dir.join("oracle"))
                .env("ZONEINFO", dir.join("zoneinfo"))
                .args([
                    "bench",
                    if zone == "UTC" { "-" } else { zone },
                    &COUNT.to_string(),
                    expr,
                ])
                .output()
                .expect("oracle runs");
            let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let (secs, end) = text.split_once(' ').unwrap_or(("?", ""));
            assert_eq!(end, last.rfc3339(), "both sides end on the same fire time");
            let ratio = secs.parse::<f64>().map_or(String::new(), |go| {
                format!("   ratio {:.3}× (target ≤ 0.25×)", best / go)
            });
            format!("{secs} s{ratio}")
        } else {
            "(oracle not built)".into()
        };
        println!("{expr:<20} {zone:<20} jobplay {best:.4} s (best of 5)   robfig/cron (Go) {go}");
    }
}
