//! The cases scripts/conformance sends to Kubernetes itself (tools/conformance) and to
//! `jobplay validate`, as JSON lines `{"name", "text"}`: every file of tests/invalid/, every
//! preset, and N random mutations of valid manifests, drawn from a seed, so a seed replays
//! its cases exactly. With `--controllers`, also N random runs for the Job controller harness
//! (`"controller": true`): a valid Job with a Scenario document whose behaviours and actions
//! make its pods' timeline (docs/scenario.md), and N for the CronJob controller harness: a
//! valid CronJob with a Scenario document that varies its schedule and its Jobs.
//!
//! `cargo run --example conformance_cases -- [--scenarios N] [--seed S] [--controllers]`

use jobplay::sim::rng::SimRng;
use jobplay::view_model::to_yaml::to_yaml;
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| {
                v.parse()
                    .unwrap_or_else(|_| panic!("{name} takes a number, not {v:?}"))
            })
    };
    let scenarios = flag("--scenarios", 200);
    let seed = flag("--seed", 1);
    let controllers = args.iter().any(|a| a == "--controllers");
    for dir in ["tests/invalid", "static/examples"] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        let prefix = if dir == "tests/invalid" {
            "invalid"
        } else {
            "preset"
        };
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy();
            emit(&format!("{prefix}/{stem}"), &text);
        }
    }
    for i in 0..scenarios {
        let mut rng = SimRng::new(seed.wrapping_mul(1_000_003).wrapping_add(i));
        let (value, mut what) = random_case(&mut rng);
        let mut body = with_raw_scalars(&to_yaml(&value));
        if rng.chance(0.05) {
            // The same object twice: the second already exists.
            what.push("twice".into());
            body = format!("{body}---\n{body}");
        }
        let text = format!("# {}\n{body}", what.join("; "));
        emit(&format!("random/seed-{seed}/{i}"), &text);
    }
    if controllers {
        for i in 0..scenarios {
            let mut rng = SimRng::new(seed.wrapping_mul(1_000_033).wrapping_add(i));
            let text = random_controller_case(&mut rng);
            println!(
                "{}",
                json!({ "name": format!("controller/seed-{seed}/{i}"), "text": text, "controller": true })
            );
        }
        for i in 0..scenarios {
            let mut rng = SimRng::new(seed.wrapping_mul(1_000_037).wrapping_add(i));
            let text = random_cron_case(&mut rng);
            println!(
                "{}",
                json!({ "name": format!("cron/seed-{seed}/{i}"), "text": text, "controller": true })
            );
        }
    }
}

/// A valid CronJob and a Scenario for the CronJob controller harness: a schedule (with a run
/// length that sees a handful of its times), `timeZone` or the controller manager's zone, a
/// start near a daylight-saving change or not, `concurrencyPolicy`,
/// `startingDeadlineSeconds`, `suspend`, history limits, a Job template whose Jobs fail,
/// run long, hit a deadline or are cleaned up by TTL, and scripted actions (suspend, resume,
/// a Job by hand, a controller-manager outage, deleting the CronJob), each listed in the
/// first comment line.
fn random_cron_case(rng: &mut SimRng) -> String {
    let mut what = Vec::new();
    let mut cj = base_cron_job();
    // Each schedule with run lengths that see a few to a few dozen of its times.
    const SCHEDULES: &[(&str, &[&str])] = &[
        ("* * * * *", &["10m", "25m", "3h"]),
        ("*/2 * * * *", &["15m", "40m"]),
        ("*/5 * * * *", &["30m", "1h30m"]),
        ("*/7 * * * *", &["1h"]),
        ("15,45 * * * *", &["2h"]),
        ("0 * * * *", &["5h", "12h"]),
        ("@hourly", &["6h"]),
        ("0 */3 * * *", &["1d"]),
        ("30 2 * * *", &["4d"]),
        ("0 9-17 * * 1-5", &["3d"]),
        ("5 4 * * sun", &["30d"]),
        ("@every 90s", &["20m"]),
        ("@every 5m", &["1h"]),
        ("0 0 29 2 *", &["400d"]),
        ("59 23 31 12 *", &["90d"]),
    ];
    let (schedule, untils) = *pick(rng, SCHEDULES);
    let until = *pick(rng, untils);
    set(&mut cj, "/metadata/name", json!("tick"));
    set(&mut cj, "/spec/schedule", json!(schedule));
    what.push(format!("schedule {schedule:?}, until {until}"));
    const ZONES: &[&str] = &[
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
    ];
    if rng.chance(0.4) {
        let zone = *pick(rng, ZONES);
        set(&mut cj, "/spec/timeZone", json!(zone));
        what.push(format!("timeZone {zone}"));
    }
    if rng.chance(0.7) {
        let policy = *pick(rng, &["Allow", "Forbid", "Replace"]);
        set(&mut cj, "/spec/concurrencyPolicy", json!(policy));
        what.push(format!("concurrencyPolicy {policy}"));
    }
    if rng.chance(0.35) {
        let deadline = *pick(rng, &[0, 5, 30, 90, 200, 3600]);
        set(&mut cj, "/spec/startingDeadlineSeconds", json!(deadline));
        what.push(format!("startingDeadlineSeconds {deadline}"));
    }
    for (field, limits) in [
        ("successfulJobsHistoryLimit", &[0, 1, 2, 3][..]),
        ("failedJobsHistoryLimit", &[0, 1, 2][..]),
    ] {
        if rng.chance(0.4) {
            let limit = *pick(rng, limits);
            set(&mut cj, &format!("/spec/{field}"), json!(limit));
            what.push(format!("{field} {limit}"));
        }
    }
    let suspended = rng.chance(0.1);
    if suspended {
        set(&mut cj, "/spec/suspend", json!(true));
        what.push("suspended".into());
    }
    let job = "/spec/jobTemplate/spec";
    let spec = "/spec/jobTemplate/spec/template/spec";
    set(&mut cj, &format!("{spec}/restartPolicy"), json!("Never"));
    let backoff = rng.below(3) as i64;
    set(&mut cj, &format!("{job}/backoffLimit"), json!(backoff));
    what.push(format!("backoffLimit {backoff}"));
    if rng.chance(0.3) {
        let n = 1 + rng.below(3) as i64;
        set(&mut cj, &format!("{job}/completions"), json!(n));
        set(
            &mut cj,
            &format!("{job}/parallelism"),
            json!(1 + rng.below(2)),
        );
        what.push(format!("completions {n}"));
    }
    if rng.chance(0.15) {
        let deadline = *pick(rng, &[20, 60, 300]);
        set(
            &mut cj,
            &format!("{job}/activeDeadlineSeconds"),
            json!(deadline),
        );
        what.push(format!("activeDeadlineSeconds {deadline}"));
    }
    if rng.chance(0.15) {
        let ttl = *pick(rng, &[0, 30, 100]);
        set(
            &mut cj,
            &format!("{job}/ttlSecondsAfterFinished"),
            json!(ttl),
        );
        what.push(format!("ttlSecondsAfterFinished {ttl}"));
    }

    let mut behavior = json!({"match": {"cronJob": "tick"}});
    if rng.chance(0.6) {
        let attempts: Vec<Value> = (0..1 + rng.below(3))
            .map(|_| {
                let run = *pick(rng, &["3s", "20s", "50s", "90s", "4m", "9m", "25m", "2h"]);
                let exit = *pick(rng, &[0, 0, 0, 1]);
                json!({"run": run, "exit": exit})
            })
            .collect();
        let listed: Vec<String> = attempts
            .iter()
            .map(|a| format!("{} exit {}", a["run"].as_str().unwrap_or(""), a["exit"]))
            .collect();
        what.push(format!("attempts [{}]", listed.join(", ")));
        set(&mut behavior, "/attempts", json!(attempts));
    } else {
        let p = [0.0, 0.3, 0.7][rng.below(3) as usize];
        set(&mut behavior, "/failProbability", json!(p));
        what.push(format!("failProbability {p}"));
    }

    let mut actions = Vec::new();
    let run_secs = jobplay::time::SimDuration::parse(until).map_or(600, |d| d.whole_secs() as u64);
    // A second within the first `percent` of the run.
    let within = |rng: &mut SimRng, percent: u64| 1 + rng.below((run_secs * percent / 100).max(2));
    if (schedule, until) == ("* * * * *", "3h") {
        // Three hours of a per-minute schedule is there for an outage of more than 100
        // starts (TooManyMissedTimes); it always has one, which also keeps the run short.
        let at = within(rng, 15);
        let back = at + run_secs * 60 / 100;
        what.push(format!(
            "pauseControllers at {at}s, resumeControllers at {back}s"
        ));
        actions.push(json!({"at": format!("{at}s"), "action": "pauseControllers"}));
        actions.push(json!({"at": format!("{back}s"), "action": "resumeControllers"}));
    }
    if suspended {
        let at = within(rng, 50);
        what.push(format!("resume at {at}s"));
        actions.push(json!({"at": format!("{at}s"), "action": "resume", "target": "cronjob/tick"}));
    }
    for _ in 0..rng.below(4) {
        let at = within(rng, 90);
        let verb = match rng.below(7) {
            0 | 1 => {
                // An outage of 5%, 30% or 60% of the run: the long ones miss more than 100
                // starts of a per-minute schedule (TooManyMissedTimes).
                let back = at + run_secs * *pick(rng, &[5, 30, 60]) / 100;
                what.push(format!(
                    "pauseControllers at {at}s, resumeControllers at {back}s"
                ));
                actions.push(json!({"at": format!("{at}s"), "action": "pauseControllers"}));
                actions.push(json!({"at": format!("{back}s"), "action": "resumeControllers"}));
                continue;
            }
            2 => "suspend",
            3 => "resume",
            4 | 5 => "triggerCronJob",
            _ => "deleteCronJob",
        };
        what.push(format!("{verb} at {at}s"));
        actions.push(json!({"at": format!("{at}s"), "action": verb, "target": "cronjob/tick"}));
    }
    let mut scenario_spec = json!({
        "seed": rng.below(1000),
        "until": until,
        "timing": {"startup": "2s", "run": *pick(rng, &["5s", "40s", "3m"]), "terminate": "1s"},
        "behaviors": [behavior],
        "actions": actions,
    });
    let terminal = cron_command_lines(rng, run_secs, &mut what);
    if !terminal.is_empty() {
        set(&mut scenario_spec, "/terminal", json!(terminal));
    }
    if rng.chance(0.5) {
        // Near a daylight-saving change (US, EU, Lord Howe's half hour) or at an odd second.
        let start = *pick(
            rng,
            &[
                "2026-03-08T06:30:17Z",
                "2026-03-29T00:45:00Z",
                "2025-11-02T05:59:30Z",
                "2026-10-03T15:10:00Z",
                "2025-01-01T00:00:42Z",
                "2024-02-28T23:58:00Z",
            ],
        );
        set(&mut scenario_spec, "/start", json!(start));
        what.push(format!("start {start}"));
    }
    if rng.chance(0.25) {
        let zone = *pick(rng, ZONES);
        set(&mut scenario_spec, "/timeZone", json!(zone));
        what.push(format!("controller manager in {zone}"));
    }
    let scenario = json!({
        "apiVersion": "jobplay.dev/v1alpha1",
        "kind": "Scenario",
        "spec": scenario_spec,
    });
    format!(
        "# {}\n{}---\n{}",
        what.join("; "),
        to_yaml(&cj),
        to_yaml(&scenario)
    )
}

/// Up to two lines typed at the terminal against CronJob tick, within the first 80% of the
/// run: a patch of its schedule, time zone, concurrency policy, starting deadline or
/// `suspend` (what its controller reads again at the next sync), or its deletion with one of
/// the garbage collector's propagation policies.
fn cron_command_lines(rng: &mut SimRng, run_secs: u64, what: &mut Vec<String>) -> Vec<Value> {
    let mut lines = Vec::new();
    if !rng.chance(0.3) {
        return lines;
    }
    for _ in 0..1 + rng.below(2) {
        let at = 1 + rng.below((run_secs * 80 / 100).max(2));
        let patch = |field: &str, value: Value| {
            format!("kubectl patch cronjob tick -p '{{\"spec\":{{\"{field}\":{value}}}}}'")
        };
        let run = match rng.below(7) {
            0 | 1 => patch(
                "schedule",
                json!(pick(
                    rng,
                    &[
                        "*/2 * * * *",
                        "*/5 * * * *",
                        "0 * * * *",
                        "@every 3m",
                        "30 * * * *"
                    ]
                )),
            ),
            2 => patch(
                "timeZone",
                json!(pick(rng, &["Europe/Berlin", "Asia/Kolkata", "UTC"])),
            ),
            3 => patch(
                "concurrencyPolicy",
                json!(pick(rng, &["Allow", "Forbid", "Replace"])),
            ),
            4 => patch(
                "startingDeadlineSeconds",
                json!(pick(rng, &[10, 100, 1000])),
            ),
            5 => patch("suspend", json!(rng.chance(0.5))),
            _ => format!(
                "kubectl delete cronjob tick --cascade={} --wait=false",
                pick(rng, &["background", "foreground", "orphan"])
            ),
        };
        what.push(format!("`{run}` at {at}s"));
        lines.push(json!({"at": format!("{at}s"), "run": run}));
    }
    lines
}

/// A valid Job and a Scenario that gives its pods a timeline: random counts, modes and
/// limits, a pod failure policy, a success policy, behaviours (exit codes, run times, coins)
/// and scripted actions on its pods and on the Job, each listed in the first comment line.
fn random_controller_case(rng: &mut SimRng) -> String {
    let mut what = Vec::new();
    let mut job = base_job();
    let indexed = rng.chance(0.35);
    let completions = if indexed || rng.chance(0.8) {
        Some(1 + rng.below(6) as i64)
    } else {
        None
    };
    let parallelism = 1 + rng.below(4) as i64;
    match completions {
        Some(c) => set(&mut job, "/spec/completions", json!(c)),
        None => remove(&mut job, "/spec/completions"),
    }
    set(&mut job, "/spec/parallelism", json!(parallelism));
    what.push(format!(
        "completions {}, parallelism {parallelism}",
        completions.map_or("unset".to_string(), |c| c.to_string())
    ));
    let on_failure = rng.chance(0.2);
    let spec = "/spec/template/spec";
    remove(&mut job, &format!("{spec}/containers/0/command"));
    if on_failure {
        set(
            &mut job,
            &format!("{spec}/restartPolicy"),
            json!("OnFailure"),
        );
        what.push("restartPolicy OnFailure".into());
    }
    let backoff = rng.below(5) as i64;
    set(&mut job, "/spec/backoffLimit", json!(backoff));
    what.push(format!("backoffLimit {backoff}"));
    let mut per_index = false;
    if indexed {
        set(&mut job, "/spec/completionMode", json!("Indexed"));
        what.push("Indexed".into());
        if !on_failure && rng.chance(0.35) {
            per_index = true;
            let limit = rng.below(3) as i64;
            set(&mut job, "/spec/backoffLimitPerIndex", json!(limit));
            remove(&mut job, "/spec/backoffLimit");
            what.push(format!("backoffLimitPerIndex {limit}"));
            if rng.chance(0.5) {
                let max = rng.below(3) as i64;
                set(&mut job, "/spec/maxFailedIndexes", json!(max));
                what.push(format!("maxFailedIndexes {max}"));
            }
        }
        if rng.chance(0.2) {
            let c = completions.unwrap_or(1);
            let count = 1 + rng.below(c as u64) as i64;
            set(
                &mut job,
                "/spec/successPolicy",
                json!({"rules": [{"succeededCount": count}]}),
            );
            what.push(format!("successPolicy succeededCount {count}"));
        }
    }
    if !on_failure && rng.chance(0.3) {
        let mut rules =
            vec![json!({"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]})];
        rules.push(json!({"action": "FailJob", "onExitCodes": {"operator": "In", "values": [42]}}));
        if per_index && rng.chance(0.5) {
            rules.push(
                json!({"action": "FailIndex", "onExitCodes": {"operator": "In", "values": [3]}}),
            );
        }
        if rng.chance(0.5) {
            rules.push(
                json!({"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [0, 42]}}),
            );
        }
        set(
            &mut job,
            "/spec/podFailurePolicy",
            json!({ "rules": rules }),
        );
        what.push("podFailurePolicy".into());
    }
    if !on_failure && rng.chance(0.2) {
        set(&mut job, "/spec/podReplacementPolicy", json!("Failed"));
        what.push("podReplacementPolicy Failed".into());
    }
    if rng.chance(0.15) {
        let deadline = 15 + rng.below(60) as i64;
        set(&mut job, "/spec/activeDeadlineSeconds", json!(deadline));
        what.push(format!("activeDeadlineSeconds {deadline}"));
    }
    if rng.chance(0.1) {
        let grace = rng.below(5) as i64;
        set(
            &mut job,
            &format!("{spec}/terminationGracePeriodSeconds"),
            json!(grace),
        );
        what.push(format!("terminationGracePeriodSeconds {grace}"));
    }
    let suspended = rng.chance(0.08);
    if suspended {
        set(&mut job, "/spec/suspend", json!(true));
        what.push("suspended".into());
    }

    let secs = |rng: &mut SimRng, lo: u64, hi: u64| format!("{}s", lo + rng.below(hi - lo + 1));
    let mut behavior = json!({"match": {"job": "demo"}});
    if rng.chance(0.5) {
        let attempts: Vec<Value> = (0..1 + rng.below(3))
            .map(|_| {
                let exit = *pick(rng, &[0, 0, 0, 1, 1, 2, 3, 42]);
                json!({"run": secs(rng, 2, 20), "exit": exit})
            })
            .collect();
        let listed: Vec<String> = attempts
            .iter()
            .map(|a| format!("{} exit {}", a["run"].as_str().unwrap_or(""), a["exit"]))
            .collect();
        what.push(format!("attempts [{}]", listed.join(", ")));
        set(&mut behavior, "/attempts", json!(attempts));
    } else {
        let p = [0.0, 0.2, 0.5][rng.below(3) as usize];
        set(&mut behavior, "/failProbability", json!(p));
        what.push(format!("failProbability {p}"));
    }
    let mut actions = Vec::new();
    if suspended {
        let at = secs(rng, 5, 30);
        what.push(format!("resume job/demo at {at}"));
        actions.push(json!({"at": at, "action": "resume", "target": "job/demo"}));
    }
    for _ in 0..rng.below(4) {
        let at = secs(rng, 1, 60);
        let pod = if indexed && rng.chance(0.5) {
            format!("job/demo#{}", rng.below(completions.unwrap_or(1) as u64))
        } else {
            format!("job/demo@{}", 1 + rng.below(4))
        };
        if rng.chance(0.05) {
            // A controller-manager outage: the restarted controller lists everything again.
            let back = secs(rng, 61, 90);
            what.push(format!(
                "pauseControllers at {at}, resumeControllers at {back}"
            ));
            actions.push(json!({"at": at, "action": "pauseControllers"}));
            actions.push(json!({"at": back, "action": "resumeControllers"}));
            continue;
        }
        if rng.chance(0.03) {
            what.push(format!("deleteJob job/demo at {at}"));
            actions.push(json!({"at": at, "action": "deleteJob", "target": "job/demo"}));
            continue;
        }
        let action = match rng.below(9) {
            0 => {
                json!({"at": at, "action": "failPod", "target": pod, "exitCode": *pick(rng, &[1, 3, 42])})
            }
            1 => json!({"at": at, "action": "succeedPod", "target": pod}),
            2 => json!({"at": at, "action": "evictPod", "target": pod}),
            3 => json!({"at": at, "action": "deletePod", "target": pod}),
            4 => {
                json!({"at": at, "action": "addPodCondition", "target": pod, "type": "DisruptionTarget", "reason": "PreemptionByScheduler"})
            }
            5 => json!({"at": at, "action": "suspend", "target": "job/demo"}),
            6 => json!({"at": at, "action": "resume", "target": "job/demo"}),
            7 => {
                json!({"at": at, "action": "setParallelism", "target": "job/demo", "value": rng.below(5)})
            }
            _ => {
                json!({"at": at, "action": "drainNode", "target": format!("node/node-{}", 1 + rng.below(3))})
            }
        };
        what.push(format!(
            "{} {} at {at}",
            action["action"].as_str().unwrap_or(""),
            action["target"].as_str().unwrap_or("")
        ));
        actions.push(action);
    }
    // A node that fails and may come back: its pods stay Running in the API until the
    // node lifecycle controller's taint evicts them (300 s), so the run lasts longer.
    let mut until = "5m";
    if rng.chance(0.1) {
        let node = format!("node/node-{}", 1 + rng.below(3));
        let at = secs(rng, 1, 60);
        what.push(format!("failNode {node} at {at}"));
        actions.push(json!({"at": at, "action": "failNode", "target": node}));
        if rng.chance(0.5) {
            let back = secs(rng, 200, 400);
            what.push(format!("restoreNode {node} at {back}"));
            actions.push(json!({"at": back, "action": "restoreNode", "target": node}));
        }
        until = "8m";
    }
    let mut jobs = to_yaml(&job);
    if rng.chance(0.15) {
        // A second Job beside it, sharing the nodes.
        let mut side = base_job();
        set(&mut side, "/metadata/name", json!("side"));
        remove(&mut side, &format!("{spec}/containers/0/command"));
        set(&mut side, "/spec/completions", json!(1 + rng.below(4)));
        set(&mut side, "/spec/parallelism", json!(1 + rng.below(3)));
        what.push("a second Job".into());
        jobs = format!("{jobs}---\n{}", to_yaml(&side));
    }
    let terminal = job_command_lines(rng, &mut what);
    let mut scenario_spec = json!({
        "seed": rng.below(1000),
        "until": until,
        "timing": {"startup": secs(rng, 1, 3), "run": secs(rng, 3, 15), "terminate": secs(rng, 1, 3)},
        "behaviors": [behavior],
        "actions": actions,
    });
    if !terminal.is_empty() {
        set(&mut scenario_spec, "/terminal", json!(terminal));
    }
    let scenario = json!({
        "apiVersion": "jobplay.dev/v1alpha1",
        "kind": "Scenario",
        "spec": scenario_spec,
    });
    format!("# {}\n{jobs}---\n{}", what.join("; "), to_yaml(&scenario))
}

/// Up to two lines typed at the terminal against Job demo: a patch of its parallelism or
/// `suspend` (the API server's update path), or its deletion with one of the garbage
/// collector's propagation policies.
fn job_command_lines(rng: &mut SimRng, what: &mut Vec<String>) -> Vec<Value> {
    let mut lines = Vec::new();
    if !rng.chance(0.3) {
        return lines;
    }
    for _ in 0..1 + rng.below(2) {
        let at = 1 + rng.below(60);
        let run = match rng.below(4) {
            0 => format!(
                "kubectl patch job demo -p '{{\"spec\":{{\"parallelism\":{}}}}}'",
                rng.below(5)
            ),
            1 => format!(
                "kubectl patch job demo --type=merge -p '{{\"spec\":{{\"suspend\":{}}}}}'",
                rng.chance(0.5)
            ),
            _ => format!(
                "kubectl delete job demo --cascade={} --wait=false",
                pick(rng, &["background", "foreground", "orphan"])
            ),
        };
        what.push(format!("`{run}` at {at}s"));
        lines.push(json!({"at": format!("{at}s"), "run": run}));
    }
    lines
}

/// Plain scalars that YAML readers disagree about (kubectl reads YAML 1.1 through go-yaml
/// v2): a mutation writes `jobplayrawN` and the text gets `RAW_SCALARS[N]` unquoted.
const RAW_SCALARS: &[&str] = &[
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "True",
    "NO",
    "010",
    "0x1F",
    "0o17",
    "1_000",
    "0b101",
    "1e3",
    "1.5",
    "3.",
    "-0",
    ".5",
    "~",
    "null",
    "1:30",
    "+7",
    "1e21",
    "99999999999999999999",
    "18446744073709551615",
    "0.0",
];

fn raw_scalar(rng: &mut SimRng) -> (Value, &'static str) {
    let i = rng.below(RAW_SCALARS.len() as u64) as usize;
    (json!(format!("jobplayraw{i}")), RAW_SCALARS[i])
}

fn with_raw_scalars(text: &str) -> String {
    let mut out = text.to_string();
    // Longest index first, so `jobplayraw1` does not eat `jobplayraw12`.
    for i in (0..RAW_SCALARS.len()).rev() {
        out = out.replace(&format!("jobplayraw{i}"), RAW_SCALARS[i]);
    }
    out
}

fn emit(name: &str, text: &str) {
    println!("{}", json!({ "name": name, "text": text }));
}

fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn base_job() -> Value {
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "demo"},
        "spec": {
            "completions": 3,
            "parallelism": 2,
            "backoffLimit": 4,
            "template": {"spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "main", "image": "busybox", "command": ["sh", "-c", "exit 0"]}]
            }}
        }
    })
}

fn base_cron_job() -> Value {
    json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "nightly"},
        "spec": {
            "schedule": "0 3 * * *",
            "jobTemplate": {"spec": {"template": {"spec": {
                "restartPolicy": "OnFailure",
                "containers": [{"name": "task", "image": "busybox"}]
            }}}}
        }
    })
}

/// The object at a JSON pointer, created (as objects) on the way when missing.
fn at<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Value {
    let mut cur = v;
    for part in pointer.split('/').filter(|p| !p.is_empty()) {
        if cur.is_null() {
            *cur = json!({});
        }
        cur = match cur {
            Value::Array(items) => &mut items[part.parse::<usize>().unwrap()],
            other => other
                .as_object_mut()
                .expect("an object on the path")
                .entry(part)
                .or_insert(Value::Null),
        };
    }
    cur
}

fn set(v: &mut Value, pointer: &str, value: Value) {
    *at(v, pointer) = value;
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    if let Some(Value::Object(map)) = v.pointer_mut(parent) {
        map.remove(last);
    }
}

/// One random case: a base manifest with one to three mutations, and what they were.
fn random_case(rng: &mut SimRng) -> (Value, Vec<String>) {
    let cron = rng.chance(0.3);
    let mut v = if cron { base_cron_job() } else { base_job() };
    // Where the Job spec lives: the Job's own, or the CronJob's template's.
    let spec = if cron {
        "/spec/jobTemplate/spec"
    } else {
        "/spec"
    };
    let mut what = Vec::new();
    let n = 1 + rng.below(3);
    for _ in 0..n {
        let pick_cron = cron && rng.chance(0.5);
        let w = if pick_cron {
            mutate_cron(rng, &mut v)
        } else {
            mutate_job(rng, &mut v, spec)
        };
        what.push(w);
    }
    (v, what)
}

const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "1",
    "2147483647",
    "2147483648",
    "100001",
    "\"3\"",
    "1.5",
    "null",
];

fn number(rng: &mut SimRng) -> Value {
    let text: &&str = pick(rng, NUMBERS);
    serde_json::from_str(text).unwrap()
}

fn mutate_job(rng: &mut SimRng, v: &mut Value, spec: &str) -> String {
    let pod = format!("{spec}/template/spec");
    match rng.below(19) {
        16 | 17 => {
            let field = *pick(
                rng,
                &[
                    "completions",
                    "parallelism",
                    "backoffLimit",
                    "activeDeadlineSeconds",
                    "suspend",
                    "manualSelector",
                    "completionMode",
                    "template/spec/restartPolicy",
                    "template/spec/containers/0/image",
                    "template/spec/containers/0/name",
                    "template/metadata/labels/app",
                ],
            );
            let (value, raw) = raw_scalar(rng);
            set(v, &format!("{spec}/{field}"), value);
            format!("{field} = {raw} (unquoted)")
        }
        18 => {
            let ns = pick(rng, &["default", "team-a", "Bad_NS", "kube-system", ""]);
            set(v, "/metadata/namespace", json!(ns));
            format!("namespace = {ns:?}")
        }
        0 => {
            let field = *pick(
                rng,
                &[
                    "completions",
                    "parallelism",
                    "backoffLimit",
                    "activeDeadlineSeconds",
                    "ttlSecondsAfterFinished",
                    "backoffLimitPerIndex",
                    "maxFailedIndexes",
                    "template/spec/terminationGracePeriodSeconds",
                    "template/spec/activeDeadlineSeconds",
                ],
            );
            let n = number(rng);
            set(v, &format!("{spec}/{field}"), n.clone());
            format!("{field} = {n}")
        }
        1 => {
            let name = pick(
                rng,
                &[
                    "Bad_Name",
                    "-lead",
                    "x.y",
                    "UPPER",
                    "",
                    "a-name-that-is-exactly-fifty-three-characters-long-xx",
                    "a-name-that-is-sixty-four-characters-long-which-is-one-too-many-",
                ],
            );
            set(v, "/metadata/name", json!(name));
            format!("name = {name:?}")
        }
        2 => {
            let p = pick(rng, &["Always", "Sometimes", "", "OnFailure", "Never"]);
            set(v, &format!("{pod}/restartPolicy"), json!(p));
            format!("restartPolicy = {p:?}")
        }
        3 => {
            let mode = pick(rng, &["Indexed", "NonIndexed", "Weird"]);
            set(v, &format!("{spec}/completionMode"), json!(mode));
            if rng.chance(0.5) {
                remove(v, &format!("{spec}/completions"));
                format!("completionMode = {mode} without completions")
            } else {
                format!("completionMode = {mode}")
            }
        }
        4 => {
            set(v, &format!("{spec}/completionMode"), json!("Indexed"));
            let (field, n) = *pick(
                rng,
                &[
                    ("completions", 100001),
                    ("parallelism", 100001),
                    ("completions", 100000),
                    ("backoffLimitPerIndex", 1),
                    ("maxFailedIndexes", 5),
                    ("maxFailedIndexes", 100001),
                ],
            );
            set(v, &format!("{spec}/{field}"), json!(n));
            if field == "completions" && rng.chance(0.5) {
                set(v, &format!("{spec}/backoffLimitPerIndex"), json!(1));
            }
            format!("Indexed with {field} = {n}")
        }
        5 => {
            if rng.chance(0.3) {
                set(v, &format!("{spec}/completionMode"), json!("NonIndexed"));
                set(v, &format!("{spec}/backoffLimitPerIndex"), json!(2));
                "backoffLimitPerIndex on a NonIndexed Job".into()
            } else {
                set(v, &format!("{spec}/completionMode"), json!("Indexed"));
                set(v, &format!("{spec}/maxFailedIndexes"), json!(1));
                "maxFailedIndexes without backoffLimitPerIndex".into()
            }
        }
        6 | 7 => {
            let action = *pick(rng, &["FailJob", "Ignore", "Count", "FailIndex", "Bogus"]);
            let mut rule = json!({ "action": action });
            let form = rng.below(5);
            match form {
                0 => {
                    let op = *pick(rng, &["In", "NotIn", "Bogus"]);
                    let values = pick(
                        rng,
                        &[
                            json!([1]),
                            json!([0]),
                            json!([1, 1]),
                            json!([3, 2]),
                            json!([]),
                        ],
                    )
                    .clone();
                    rule["onExitCodes"] = json!({ "operator": op, "values": values });
                    if rng.chance(0.3) {
                        rule["onExitCodes"]["containerName"] =
                            json!(pick(rng, &["main", "other", "Bad_Name"]));
                    }
                }
                1 => {
                    let pattern = pick(
                        rng,
                        &[
                            json!({"type": "DisruptionTarget"}),
                            json!({"type": ""}),
                            json!({"type": "DisruptionTarget", "status": "Maybe"}),
                            json!({"type": "bad type!"}),
                        ],
                    )
                    .clone();
                    rule["onPodConditions"] = json!([pattern]);
                }
                2 => {
                    rule["onExitCodes"] = json!({"operator": "In", "values": [1]});
                    rule["onPodConditions"] = json!([{"type": "DisruptionTarget"}]);
                }
                _ => {}
            }
            set(
                v,
                &format!("{spec}/podFailurePolicy"),
                json!({ "rules": [rule] }),
            );
            if rng.chance(0.3) {
                set(v, &format!("{pod}/restartPolicy"), json!("OnFailure"));
            }
            if action == "FailIndex" && rng.chance(0.5) {
                set(v, &format!("{spec}/completionMode"), json!("Indexed"));
                set(v, &format!("{spec}/backoffLimitPerIndex"), json!(1));
            }
            format!("podFailurePolicy rule {rule}")
        }
        8 => {
            let rule = pick(
                rng,
                &[
                    json!({"succeededIndexes": "0-2"}),
                    json!({"succeededIndexes": "bad"}),
                    json!({"succeededIndexes": "3-1"}),
                    json!({"succeededIndexes": "0,0"}),
                    json!({"succeededCount": -1}),
                    json!({"succeededCount": 0}),
                    json!({"succeededCount": 5}),
                    json!({"succeededIndexes": "0-1", "succeededCount": 3}),
                    json!({}),
                ],
            )
            .clone();
            set(
                v,
                &format!("{spec}/successPolicy"),
                json!({ "rules": [rule] }),
            );
            if rng.chance(0.7) {
                set(v, &format!("{spec}/completionMode"), json!("Indexed"));
            }
            format!("successPolicy rule {rule}")
        }
        9 => {
            let what = *pick(
                rng,
                &[
                    "/containers",
                    "/containers/0/image",
                    "/containers/0/name",
                    "/restartPolicy",
                    "",
                ],
            );
            if what.is_empty() {
                remove(v, &format!("{spec}/template"));
                "no template".into()
            } else {
                remove(v, &format!("{pod}{what}"));
                format!("no {what}")
            }
        }
        10 => {
            let (selector, manual) = pick(
                rng,
                &[
                    (Some(json!({"matchLabels": {"app": "demo"}})), None),
                    (None, Some(true)),
                    (Some(json!({"matchLabels": {"app": "demo"}})), Some(true)),
                    (Some(json!({"matchLabels": {"app": "other"}})), Some(true)),
                    (Some(json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["demo"]}]})), Some(true)),
                    (None, Some(false)),
                ],
            )
            .clone();
            if rng.chance(0.6) {
                set(
                    v,
                    &format!("{spec}/template/metadata/labels"),
                    json!({"app": "demo"}),
                );
            }
            if let Some(s) = &selector {
                set(v, &format!("{spec}/selector"), s.clone());
            }
            if let Some(m) = manual {
                set(v, &format!("{spec}/manualSelector"), json!(m));
            }
            format!("selector {selector:?}, manualSelector {manual:?}")
        }
        11 => {
            let (key, value) = *pick(
                rng,
                &[
                    ("app", "bad value!"),
                    (
                        "app",
                        "a-label-value-that-is-sixty-four-characters-long-which-is-too-lo",
                    ),
                    ("a/b/c", "x"),
                    ("example.com/team", "ok"),
                    ("-bad", "x"),
                    ("app", ""),
                ],
            );
            let place = *pick(
                rng,
                &[
                    "/metadata/labels",
                    "/metadata/annotations",
                    "template/metadata/labels",
                ],
            );
            let pointer = if place.starts_with('/') {
                place.to_string()
            } else {
                format!("{spec}/{place}")
            };
            set(
                v,
                &format!("{pointer}/{}", key.replace('/', "~1")),
                json!(value),
            );
            format!("{place}: {key}={value:?}")
        }
        12 => {
            let p = pick(rng, &["Failed", "TerminatingOrFailed", "Bogus"]);
            set(v, &format!("{spec}/podReplacementPolicy"), json!(p));
            format!("podReplacementPolicy = {p}")
        }
        13 => {
            let value = pick(rng, &[json!("yes"), json!(1), json!(true)]).clone();
            let field = *pick(rng, &["suspend", "manualSelector"]);
            set(v, &format!("{spec}/{field}"), value.clone());
            format!("{field} = {value}")
        }
        14 => {
            let m = pick(
                rng,
                &["kubernetes.io/job-controller", "foo", "example.com/x", ""],
            );
            set(v, &format!("{spec}/managedBy"), json!(m));
            format!("managedBy = {m:?}")
        }
        _ => {
            let (field, value) = pick(
                rng,
                &[
                    ("resources/requests/cpu", json!("abc")),
                    ("resources/limits/memory", json!("-1")),
                    ("resources/requests/cpu", json!("2")),
                    ("name", json!("Main")),
                    ("image", json!("")),
                    ("imagePullPolicy", json!("Sometimes")),
                    (
                        "resources",
                        json!({"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}),
                    ),
                    (
                        "resources",
                        json!({"requests": {"cpu": "0.5"}, "limits": {"cpu": "250m"}}),
                    ),
                    (
                        "resources",
                        json!({"requests": {"cpu": "1000m"}, "limits": {"cpu": "1"}}),
                    ),
                    (
                        "resources",
                        json!({"requests": {"memory": "1Gi"}, "limits": {"memory": "512Mi"}}),
                    ),
                    (
                        "resources",
                        json!({"requests": {"cpu": "1500m"}, "limits": {"cpu": "1.2"}}),
                    ),
                    ("ports", json!([{"containerPort": 70000}])),
                    ("ports", json!([{"containerPort": 0}])),
                    ("ports", json!([{"containerPort": 8080}])),
                    ("ports", json!([{"containerPort": -1}])),
                ],
            )
            .clone();
            set(v, &format!("{pod}/containers/0/{field}"), value.clone());
            format!("container {field} = {value}")
        }
    }
}

fn mutate_cron(rng: &mut SimRng, v: &mut Value) -> String {
    match rng.below(8) {
        6 => {
            let field = *pick(
                rng,
                &[
                    "schedule",
                    "timeZone",
                    "concurrencyPolicy",
                    "suspend",
                    "startingDeadlineSeconds",
                    "successfulJobsHistoryLimit",
                    "failedJobsHistoryLimit",
                ],
            );
            let (value, raw) = raw_scalar(rng);
            set(v, &format!("/spec/{field}"), value);
            format!("{field} = {raw} (unquoted)")
        }
        7 => {
            let z = pick(
                rng,
                &[
                    "America/New_York",
                    "Etc/GMT+5",
                    "etc/utc",
                    "US/Pacific",
                    "Asia/Kolkata",
                    "GMT",
                    "EST5EDT",
                    "Europe/Kyiv",
                    "America/Argentina/Buenos_Aires",
                    "Factory",
                    "UTC ",
                ],
            );
            set(v, "/spec/timeZone", json!(z));
            format!("timeZone = {z:?}")
        }
        0 => {
            let s = pick(
                rng,
                &[
                    "",
                    "* * * *",
                    "60 * * * *",
                    "@every 5m",
                    "TZ=UTC * * * * *",
                    "CRON_TZ=Europe/Berlin 0 3 * * *",
                    "0 0 31 2 *",
                    "@weekly",
                    "*/0 * * * *",
                    "5-1 * * * *",
                    "0 0 * * 7",
                ],
            );
            set(v, "/spec/schedule", json!(s));
            format!("schedule = {s:?}")
        }
        1 => {
            let z = pick(
                rng,
                &[
                    "",
                    "UTC",
                    "Moon/Base",
                    "Europe/Berlin",
                    " UTC",
                    "Local",
                    "America/New York",
                ],
            );
            set(v, "/spec/timeZone", json!(z));
            format!("timeZone = {z:?}")
        }
        2 => {
            let p = pick(rng, &["Allow", "Forbid", "Replace", "Sometimes", ""]);
            set(v, "/spec/concurrencyPolicy", json!(p));
            format!("concurrencyPolicy = {p:?}")
        }
        3 => {
            let field = *pick(
                rng,
                &[
                    "successfulJobsHistoryLimit",
                    "failedJobsHistoryLimit",
                    "startingDeadlineSeconds",
                ],
            );
            let n = number(rng);
            set(v, &format!("/spec/{field}"), n.clone());
            format!("{field} = {n}")
        }
        4 => {
            let name = pick(
                rng,
                &[
                    "a-name-that-is-exactly-fifty-two-characters-long-xxx",
                    "a-name-that-is-exactly-fifty-three-characters-long-xx",
                    "Nightly",
                ],
            );
            set(v, "/metadata/name", json!(name));
            format!("name = {name:?}")
        }
        _ => {
            set(
                v,
                "/spec/jobTemplate/spec/template/spec/restartPolicy",
                json!("Always"),
            );
            "jobTemplate restartPolicy = Always".into()
        }
    }
}
