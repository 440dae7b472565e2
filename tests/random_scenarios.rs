//! Random scenarios in the manner of deterministic simulation testing: generated operations
//! that make sense in the current state, invariants after each step, and a small reference
//! model of the outcome.
//!
//! Each seed generates a Job, container behaviour and a sequence of actions that make sense
//! for it, runs the engine one instant at a time through the driver every surface shares
//! (`sim::step`), and checks the invariants after every step.
//! Where the outcome is known in advance (nothing fails and nobody interferes; or everything
//! fails), a small reference model predicts the final counts. A failure prints the seed and the
//! generated YAML; `JOBPLAY_SEEDS=N` runs more seeds, `JOBPLAY_SEED=S` replays one.

use jobplay::api::Job;
use jobplay::controller::job::indexed::parse_intervals;
use jobplay::scenario;
use jobplay::sim::rng::SimRng;
use jobplay::sim::{self, Engine, Horizon, Step};

/// One generated scenario, as data: rendered to YAML to run, and made smaller to shrink.
#[derive(Clone, Debug, PartialEq)]
struct Case {
    seed: u64,
    indexed: bool,
    completions: Option<i32>,
    parallelism: i32,
    backoff_limit: i32,
    on_failure: bool,
    fail_probability: f64,
    run_secs: u64,
    sidecar: bool,
    /// backoffLimitPerIndex and maxFailedIndexes (Indexed only).
    per_index: Option<(u64, Option<u64>)>,
    actions: Vec<Act>,
}

#[derive(Clone, Debug, PartialEq)]
struct Act {
    at: u64,
    verb: &'static str,
    /// The pod ordinal for pod actions, the value for setParallelism.
    arg: u64,
}

fn generate(seed: u64) -> Case {
    let mut r = SimRng::new(seed);
    let indexed = r.chance(0.3);
    let completions = if indexed || r.chance(0.8) {
        Some(1 + r.below(8) as i32)
    } else {
        None
    };
    let parallelism = r.below(5) as i32 + i32::from(r.chance(0.9));
    let backoff_limit = r.below(5) as i32;
    let on_failure = r.chance(0.25);
    let fail_probability = [0.0, 0.0, 0.3, 1.0][r.below(4) as usize];
    let run_secs = 1 + r.below(20);
    let mut per_index = None;
    // Per-index retry budgets only where the reference model predicts nothing.
    if indexed && fail_probability > 0.0 && fail_probability < 1.0 && r.chance(0.5) {
        let limit = r.below(3);
        per_index = Some((
            limit,
            r.chance(0.5)
                .then(|| r.below(completions.unwrap_or(1) as u64 + 1)),
        ));
    }
    // Sometimes a second app container: the pod finishes only when both have.
    let sidecar = r.chance(0.2);
    let verbs = [
        "failPod",
        "succeedPod",
        "evictPod",
        "deletePod",
        "suspend",
        "resume",
        "setParallelism",
    ];
    let mut actions = Vec::new();
    for _ in 0..r.below(4) {
        let at = r.below(120);
        let verb = verbs[r.below(verbs.len() as u64) as usize];
        let arg = match verb {
            "suspend" | "resume" => 0,
            "setParallelism" => r.below(5),
            _ => 1 + r.below(4),
        };
        actions.push(Act { at, verb, arg });
    }
    Case {
        seed,
        indexed,
        completions,
        parallelism,
        backoff_limit,
        on_failure,
        fail_probability,
        run_secs,
        sidecar,
        per_index,
        actions,
    }
}

fn render(c: &Case) -> String {
    let mut spec = format!(
        "  parallelism: {}\n  backoffLimit: {}\n",
        c.parallelism, c.backoff_limit
    );
    if let Some(n) = c.completions {
        spec.push_str(&format!("  completions: {n}\n"));
    }
    if c.indexed {
        spec.push_str("  completionMode: Indexed\n");
        if let Some((limit, max_failed)) = c.per_index {
            spec.push_str(&format!("  backoffLimitPerIndex: {limit}\n"));
            if let Some(m) = max_failed {
                spec.push_str(&format!("  maxFailedIndexes: {m}\n"));
            }
        }
    }
    let restart = if c.on_failure { "OnFailure" } else { "Never" };
    let sidecar = if c.sidecar {
        "\n      - name: d\n        image: busybox"
    } else {
        ""
    };
    let mut yaml = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: rnd\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: {restart}\n      containers:\n      - name: c\n        image: busybox{sidecar}\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: {}\n  until: 2h\n  behaviors:\n  - match: {{job: rnd}}\n    failProbability: {}\n    run: {}s\n",
        c.seed, c.fail_probability, c.run_secs
    );
    if !c.actions.is_empty() {
        yaml.push_str("  actions:\n");
        for a in &c.actions {
            yaml.push_str(&match a.verb {
                "suspend" | "resume" => format!(
                    "  - {{at: {}s, action: {}, target: job/rnd}}\n",
                    a.at, a.verb
                ),
                "setParallelism" => format!(
                    "  - {{at: {}s, action: setParallelism, target: job/rnd, value: {}}}\n",
                    a.at, a.arg
                ),
                _ => format!(
                    "  - {{at: {}s, action: {}, target: 'job/rnd@{}'}}\n",
                    a.at, a.verb, a.arg
                ),
            });
        }
    }
    yaml
}

/// Smaller variants of a case, most drastic first: each drops or lowers one thing.
fn smaller(c: &Case) -> Vec<Case> {
    let mut out = Vec::new();
    let mut with = |f: &dyn Fn(&mut Case)| {
        let mut d = c.clone();
        f(&mut d);
        if d != *c {
            out.push(d);
        }
    };
    for i in 0..c.actions.len() {
        with(&|d| {
            d.actions.remove(i);
        });
    }
    with(&|d| d.sidecar = false);
    with(&|d| d.per_index = None);
    with(&|d| {
        if let Some((limit, Some(_))) = d.per_index {
            d.per_index = Some((limit, None));
        }
    });
    with(&|d| d.completions = d.completions.map(|n| (n / 2).max(1)));
    with(&|d| d.completions = d.completions.map(|n| (n - 1).max(1)));
    with(&|d| d.parallelism = (d.parallelism / 2).max(1).min(d.parallelism));
    with(&|d| d.parallelism = (d.parallelism - 1).max(1).min(d.parallelism));
    with(&|d| d.backoff_limit = (d.backoff_limit - 1).max(0));
    with(&|d| d.run_secs = (d.run_secs / 2).max(1));
    for i in 0..c.actions.len() {
        with(&|d| d.actions[i].at /= 2);
        with(&|d| {
            d.actions[i].arg = d.actions[i].arg.saturating_sub(1).max(u64::from(!matches!(
                d.actions[i].verb,
                "setParallelism" | "suspend" | "resume"
            )))
        });
    }
    out
}

/// The smallest case reachable from `c` by [`smaller`] steps that still fails `fails`
/// (greedy: take the first smaller case that fails, until none does).
fn shrink(mut c: Case, fails: impl Fn(&Case) -> bool) -> Case {
    'outer: loop {
        for d in smaller(&c) {
            if fails(&d) {
                c = d;
                continue 'outer;
            }
        }
        return c;
    }
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
            return Err(format!(
                "work queue grew from {} to {} active pods after a success",
                p.status.active, s.active
            ));
        }
    } else if !job.is_finished() && s.active > parallelism.max(0) && !job.is_suspended() {
        return Err(format!(
            "active {} exceeds parallelism {parallelism}",
            s.active
        ));
    }
    if let Some(c) = job.spec.completions {
        if s.succeeded > c {
            return Err(format!("succeeded {} exceeds completions {c}", s.succeeded));
        }
        if job.is_indexed() {
            let text = s.completed_indexes.clone().unwrap_or_default();
            let set = parse_intervals(&text, c);
            if set.len() as i32 != s.succeeded {
                return Err(format!(
                    "completedIndexes {text:?} does not match succeeded {}",
                    s.succeeded
                ));
            }
        }
    }
    if job.condition("Complete").is_some() && job.condition("Failed").is_some() {
        return Err("Complete and Failed are both True".into());
    }
    if job.is_finished() && (s.active != 0 || s.terminating.unwrap_or(0) != 0) {
        return Err(format!(
            "finished with active {} terminating {:?}",
            s.active, s.terminating
        ));
    }
    if let Some(p) = previous {
        if s.succeeded < p.status.succeeded || s.failed < p.status.failed {
            return Err(format!(
                "counters went down: succeeded {}→{}, failed {}→{}",
                p.status.succeeded, s.succeeded, p.status.failed, s.failed
            ));
        }
        if p.is_finished() && job.status.conditions.len() < p.status.conditions.len() {
            return Err("a terminal condition was removed".into());
        }
    }
    Ok(())
}

/// The outcome the reference model predicts, when it can: status, succeeded, and the range
/// of failed (pods running side by side fail together and are counted in the same sync).
fn predicted(g: &Case) -> Option<(&'static str, i32, std::ops::RangeInclusive<i32>)> {
    if !g.actions.is_empty() || g.parallelism == 0 {
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

fn run_case(c: &Case) -> Result<(), String> {
    check_run(&render(c), predicted(c))
}

/// Runs a scenario step by step, checking the invariants, and the prediction at the end.
fn check_run(
    yaml: &str,
    prediction: Option<(&'static str, i32, std::ops::RangeInclusive<i32>)>,
) -> Result<(), String> {
    let loaded = scenario::load(yaml);
    if loaded.has_errors() {
        return Err(format!(
            "generated an invalid scenario: {:?}",
            loaded.diagnostics
        ));
    }
    let horizon = Horizon::of(&loaded.scenario);
    let mut engine = Engine::new(loaded.scenario);
    let mut previous: Option<Job> = None;
    let mut steps = 0;
    while let Step::Advanced(_) = sim::step(&mut engine, horizon) {
        steps += 1;
        if steps > 200_000 {
            return Err("more than 200000 steps".into());
        }
        if let Some(job) = engine.job("rnd") {
            check_invariants(job, previous.as_ref())
                .map_err(|e| format!("at {}: {e}", engine.now().rfc3339()))?;
            previous = Some(job.clone());
        }
    }
    let job = engine.job("rnd").ok_or("the Job vanished")?;
    if let Some((status, succeeded, failed)) = prediction {
        let got = (
            jobplay::view_model::kubectl::job_status(job),
            job.status.succeeded,
            job.status.failed,
        );
        if got.0 != status || got.1 != succeeded || !failed.contains(&got.2) {
            return Err(format!("reference model expected {status} with succeeded {succeeded} and failed in {failed:?}, engine ended with {got:?}"));
        }
        if status == "Complete"
            && !job.is_indexed()
            && engine.job_pod_names("rnd").map_or(0, |p| p.len()) as i32 != succeeded
        {
            return Err(format!(
                "{} pods created for {succeeded} completions without failures",
                engine.job_pod_names("rnd").map_or(0, |p| p.len())
            ));
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
    engine.handle_timeout(
        jobplay::time::SimTime::DEFAULT_START + jobplay::time::SimDuration::from_millis(15_500),
    );
    let job = engine.job("rnd").unwrap();
    assert_eq!(
        (job.parallelism(), job.status.active),
        (2, 4),
        "four pods keep running above parallelism 2"
    );
}

#[test]
fn shrinking_finds_the_smallest_case_that_still_fails() {
    // A made-up bug: "fails whenever a failPod and 3 or more completions meet".
    let bug =
        |c: &Case| c.actions.iter().any(|a| a.verb == "failPod") && c.completions.unwrap_or(0) >= 3;
    let mut big = generate(7);
    big.completions = Some(8);
    big.parallelism = 4;
    big.sidecar = true;
    big.actions = vec![
        Act {
            at: 100,
            verb: "suspend",
            arg: 0,
        },
        Act {
            at: 90,
            verb: "failPod",
            arg: 4,
        },
        Act {
            at: 30,
            verb: "setParallelism",
            arg: 3,
        },
    ];
    let small = shrink(big, bug);
    assert_eq!(small.completions, Some(3), "lowered to the edge of the bug");
    assert_eq!(
        small.actions,
        [Act {
            at: 0,
            verb: "failPod",
            arg: 1
        }],
        "only the action the bug needs, simplified"
    );
    assert_eq!((small.parallelism, small.sidecar), (1, false));
    assert!(bug(&small));
}

#[test]
fn random_scenarios_keep_the_invariants_and_match_the_reference_model() {
    let seeds: Vec<u64> = match std::env::var("JOBPLAY_SEED") {
        Ok(s) => vec![s.parse().expect("JOBPLAY_SEED is a number")],
        Err(_) => (1..=std::env::var("JOBPLAY_SEEDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000))
            .collect(),
    };
    let mut failures = Vec::new();
    for seed in seeds {
        let case = generate(seed);
        if let Err(e) = run_case(&case) {
            let small = shrink(case.clone(), |c| run_case(c).is_err());
            let small_error = run_case(&small).err().unwrap_or_default();
            failures.push(format!(
                "seed {seed}: {e}\n--- scenario (replay with JOBPLAY_SEED={seed}) ---\n{}\n--- shrunk: {small_error} ---\n{}",
                render(&case),
                render(&small)
            ));
        }
        if failures.len() >= 3 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
