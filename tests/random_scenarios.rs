//! Random scenarios in the manner of deterministic simulation testing (style rule 9).
//!
//! Each seed generates a Job, container behaviour and a sequence of actions that make sense
//! for it, runs the engine one wake at a time, and checks the invariants after every step.
//! Where the outcome is known in advance (nothing fails and nobody interferes; or everything
//! fails), a small reference model predicts the final counts. A failure prints the seed and the
//! generated YAML; `JOBPLAY_SEEDS=N` runs more seeds, `JOBPLAY_SEED=S` replays one.

use std::collections::BTreeSet;

use jobplay::api::Job;
use jobplay::controller::job::indexed::parse_intervals;
use jobplay::scenario;
use jobplay::sim::rng::SimRng;
use jobplay::sim::{Engine, Horizon};

struct Generated {
    yaml: String,
    completions: Option<i32>,
    parallelism: i32,
    backoff_limit: i32,
    on_failure: bool,
    fail_probability: f64,
    disruptive_actions: bool,
}

fn generate(seed: u64) -> Generated {
    let mut r = SimRng::new(seed);
    let indexed = r.chance(0.3);
    let completions = if indexed || r.chance(0.8) { Some(1 + r.below(8) as i32) } else { None };
    let parallelism = r.below(5) as i32 + i32::from(r.chance(0.9));
    let backoff_limit = r.below(5) as i32;
    let on_failure = r.chance(0.25);
    let fail_probability = [0.0, 0.0, 0.3, 1.0][r.below(4) as usize];
    let run = 1 + r.below(20);
    let mut spec = format!("  parallelism: {parallelism}\n  backoffLimit: {backoff_limit}\n");
    if let Some(c) = completions {
        spec.push_str(&format!("  completions: {c}\n"));
    }
    if indexed {
        spec.push_str("  completionMode: Indexed\n");
        // Per-index retry budgets only where the reference model predicts nothing.
        if fail_probability > 0.0 && fail_probability < 1.0 && r.chance(0.5) {
            spec.push_str(&format!("  backoffLimitPerIndex: {}\n", r.below(3)));
            if r.chance(0.5) {
                spec.push_str(&format!("  maxFailedIndexes: {}\n", r.below(completions.unwrap_or(1) as u64 + 1)));
            }
        }
    }
    let restart = if on_failure { "OnFailure" } else { "Never" };
    // Sometimes a second app container: the pod finishes only when both have.
    let sidecar = if r.chance(0.2) { "\n      - name: d\n        image: busybox" } else { "" };
    let mut yaml = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: rnd\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: {restart}\n      containers:\n      - name: c\n        image: busybox{sidecar}\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: {seed}\n  until: 2h\n  behaviors:\n  - match: {{job: rnd}}\n    failProbability: {fail_probability}\n    run: {run}s\n"
    );
    let mut actions = Vec::new();
    let verbs = ["failPod", "succeedPod", "evictPod", "deletePod", "suspend", "resume", "setParallelism"];
    for _ in 0..r.below(4) {
        let at = r.below(120);
        let verb = verbs[r.below(verbs.len() as u64) as usize];
        let line = match verb {
            "suspend" | "resume" => format!("  - {{at: {at}s, action: {verb}, target: job/rnd}}\n"),
            "setParallelism" => format!("  - {{at: {at}s, action: setParallelism, target: job/rnd, value: {}}}\n", r.below(5)),
            _ => format!("  - {{at: {at}s, action: {verb}, target: 'job/rnd@{}'}}\n", 1 + r.below(4)),
        };
        actions.push(line);
    }
    if !actions.is_empty() {
        yaml.push_str("  actions:\n");
        for a in &actions {
            yaml.push_str(a);
        }
    }
    Generated { yaml, completions, parallelism, backoff_limit, on_failure, fail_probability, disruptive_actions: !actions.is_empty() }
}

/// What must hold after every step.
fn check_invariants(job: &Job, previous: Option<&Job>) -> Result<(), String> {
    let s = &job.status;
    let parallelism = job.parallelism();
    // A work queue that has seen a success keeps whatever runs (manageJob: wantActive =
    // active), even above a lowered parallelism; it must never start more.
    let work_queue_draining = job.spec.completions.is_none() && s.succeeded > 0;
    if work_queue_draining {
        if let Some(p) = previous.filter(|p| p.status.succeeded > 0 && s.active > p.status.active) {
            return Err(format!("work queue grew from {} to {} active pods after a success", p.status.active, s.active));
        }
    } else if !job.is_finished() && s.active > parallelism.max(0) && !job.is_suspended() {
        return Err(format!("active {} exceeds parallelism {parallelism}", s.active));
    }
    if let Some(c) = job.spec.completions {
        if s.succeeded > c {
            return Err(format!("succeeded {} exceeds completions {c}", s.succeeded));
        }
        if job.is_indexed() {
            let text = s.completed_indexes.clone().unwrap_or_default();
            let set: BTreeSet<i32> = parse_intervals(&text, c);
            if set.len() as i32 != s.succeeded {
                return Err(format!("completedIndexes {text:?} does not match succeeded {}", s.succeeded));
            }
        }
    }
    if job.condition("Complete").is_some() && job.condition("Failed").is_some() {
        return Err("Complete and Failed are both True".into());
    }
    if job.is_finished() && (s.active != 0 || s.terminating.unwrap_or(0) != 0) {
        return Err(format!("finished with active {} terminating {:?}", s.active, s.terminating));
    }
    if let Some(p) = previous {
        if s.succeeded < p.status.succeeded || s.failed < p.status.failed {
            return Err(format!("counters went down: succeeded {}→{}, failed {}→{}", p.status.succeeded, s.succeeded, p.status.failed, s.failed));
        }
        if p.is_finished() && job.status.conditions.len() < p.status.conditions.len() {
            return Err("a terminal condition was removed".into());
        }
    }
    Ok(())
}

/// The outcome the reference model predicts, when it can: status, succeeded, and the range
/// of failed (pods running side by side fail together and are counted in the same sync).
fn predicted(g: &Generated) -> Option<(&'static str, i32, std::ops::RangeInclusive<i32>)> {
    if g.disruptive_actions || g.parallelism == 0 {
        return None;
    }
    let never_fails = g.fail_probability == 0.0;
    let always_fails = g.fail_probability == 1.0;
    if never_fails {
        // Nothing fails: every completion needs exactly one pod (a work queue: no prediction).
        return g.completions.map(|c| ("Complete", c, 0..=0));
    }
    if always_fails && !g.on_failure {
        // Everything fails, restartPolicy Never: the (limit+1)-th counted failure ends it.
        let width = g.parallelism.min(g.completions.unwrap_or(i32::MAX));
        return Some(("Failed", 0, g.backoff_limit + 1..=g.backoff_limit + width));
    }
    None
}

fn run_seed(seed: u64) -> Result<(), String> {
    let g = generate(seed);
    check_run(&g.yaml, predicted(&g))
}

/// Runs a scenario step by step, checking the invariants, and the prediction at the end.
fn check_run(yaml: &str, prediction: Option<(&'static str, i32, std::ops::RangeInclusive<i32>)>) -> Result<(), String> {
    let loaded = scenario::load(yaml);
    if loaded.has_errors() {
        return Err(format!("generated an invalid scenario: {:?}", loaded.diagnostics));
    }
    let horizon = Horizon::of(&loaded.scenario);
    let mut engine = Engine::new(loaded.scenario);
    let mut previous: Option<Job> = None;
    let mut steps = 0;
    while let Some(t) = engine.poll_timeout() {
        if t > horizon.until {
            break;
        }
        engine.handle_timeout(t);
        steps += 1;
        if steps > 200_000 {
            return Err("more than 200000 steps".into());
        }
        if let Some(job) = engine.job("rnd") {
            check_invariants(job, previous.as_ref()).map_err(|e| format!("at {}: {e}", engine.now().rfc3339()))?;
            previous = Some(job.clone());
        }
    }
    let job = engine.job("rnd").ok_or("the Job vanished")?;
    if let Some((status, succeeded, failed)) = prediction {
        let got = (jobplay::view_model::kubectl::job_status(job), job.status.succeeded, job.status.failed);
        if got.0 != status || got.1 != succeeded || !failed.contains(&got.2) {
            return Err(format!("reference model expected {status} with succeeded {succeeded} and failed in {failed:?}, engine ended with {got:?}"));
        }
        if status == "Complete" && !job.is_indexed() && engine.job_pod_names("rnd").len() as i32 != succeeded {
            return Err(format!("{} pods created for {succeeded} completions without failures", engine.job_pod_names("rnd").len()));
        }
    }
    Ok(())
}

/// Once found by seed 19417 of a 100,000-seed run (with 12539 and 17035 alike), frozen as
/// text so that changes to the generator cannot change it.
const WORK_QUEUE_LOWERED_AFTER_SUCCESS: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: rnd
spec:
  parallelism: 5
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  seed: 19417
  until: 2h
  behaviors:
  - match: {job: rnd}
    failProbability: 0
    run: 14s
  actions:
  - {at: 4s, action: succeedPod, target: 'job/rnd@3'}
  - {at: 90s, action: failPod, target: 'job/rnd@2'}
  - {at: 15s, action: setParallelism, target: job/rnd, value: 2}
";

#[test]
fn regression_work_queue_keeps_running_pods_when_parallelism_drops_after_a_success() {
    // A work queue lowered its parallelism after a pod succeeded; Kubernetes keeps the running
    // pods (manageJob: wantActive = active), and the invariant now says so.
    check_run(WORK_QUEUE_LOWERED_AFTER_SUCCESS, None).unwrap();
    let loaded = scenario::load(WORK_QUEUE_LOWERED_AFTER_SUCCESS);
    let mut engine = Engine::new(loaded.scenario);
    engine.handle_timeout(jobplay::time::SimTime::DEFAULT_START + jobplay::time::SimDuration::from_millis(15_500));
    let job = engine.job("rnd").unwrap();
    assert_eq!((job.parallelism(), job.status.active), (2, 4), "four pods keep running above parallelism 2");
}

#[test]
fn random_scenarios_keep_the_invariants_and_match_the_reference_model() {
    let seeds: Vec<u64> = match std::env::var("JOBPLAY_SEED") {
        Ok(s) => vec![s.parse().expect("JOBPLAY_SEED is a number")],
        Err(_) => (1..=std::env::var("JOBPLAY_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)).collect(),
    };
    let mut failures = Vec::new();
    for seed in seeds {
        if let Err(e) = run_seed(seed) {
            failures.push(format!("seed {seed}: {e}\n--- scenario (replay with JOBPLAY_SEED={seed}) ---\n{}", generate(seed).yaml));
        }
        if failures.len() >= 3 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
