//! The native command line: `jobplay run`, `jobplay validate`, `jobplay cron`. Only argument parsing and
//! printing live here; everything else is the library.

use std::io::{Read, Write};

use jobplay::scenario;
use jobplay::time::SimDuration;
use jobplay::view_model::record::{run_text, Overrides};
use jobplay::view_model::{cron_ruler, kubectl, timeline};

const USAGE: &str = "\
jobplay: a Kubernetes Job playground in virtual time

USAGE:
    jobplay run FILE [--seed N] [--until DURATION] [--output timeline|json|describe|describe-pods|get|wide|terminal] [--why] [--trace]
    jobplay validate FILE
    jobplay cron EXPR [--time-zone ZONE] [--from RFC3339] [--count N] [--explain]
    jobplay share FILE [--at DURATION] [--speed N] [--base URL]
    jobplay share --open LINK
    jobplay shell [SCRIPT] [--scenario FILE] [--seed N] [--echo]

FILE is a multi-document YAML (or JSON) text of Job, CronJob, Service, ConfigMap, Secret
and at most one jobplay.dev/v1alpha1 Scenario document; `-` reads standard input.

`--trace` adds the Job and CronJob controllers' view of the run to the JSON record (`trace`:
the CronJobs, Jobs and pods their informers saw, and each sync's status, actions, events and
requeue), which tools/conformance replays under Kubernetes' own controllers.

`jobplay cron` prints the next N (default 10) times a CronJob schedule fires, one RFC 3339
instant per line in UTC, read exactly as Kubernetes reads it (robfig/cron v3.0.1), in ZONE
(spec.timeZone; default UTC) from RFC3339 (default now). --explain first prints the schedule
in words and what may surprise you about it, as lines starting with `#`.

`jobplay share` prints a playground link that carries FILE (manifests, actions, seed) and
opens paused at DURATION from the start (default 0s), at speed N (default 5); URL is where
the playground is served (default https://jobplay.dev/). `--open LINK` prints the scenario a
link carries, byte for byte.

`jobplay shell` runs a script of kubectl lines (standard input without SCRIPT) against a
simulated cluster of three nodes, in virtual time from 2025-01-01T00:00:00Z: `kubectl apply`,
`create`, `get`, `describe`, `logs`, `delete`, `wait`, `patch`, `label`, `annotate`,
`cordon`, `uncordon`, `drain`, `version`, and `sleep` (which advances virtual time). Output
is what kubectl prints, on standard output and standard error; --echo first prints each
command as `$ COMMAND`. Files named by -f are read from the working directory; the
kubernetes.io example URLs are answered from bundled copies. The exit status is the last
command's, as a shell script's (2 when the script cannot be read). With --scenario, the
session starts from FILE's cluster after its typed lines (`spec.terminal`, replayed and
printed first, as `jobplay run FILE --output terminal` prints them).

A FILE with typed lines (`spec.terminal`) runs them first; `--output terminal` prints them
with what they printed, as the page's terminal shows them.

EXIT STATUS:
    0  the run happened (whatever the Jobs did) / the input is valid / the schedule is valid
    1  internal fault
    2  the input had errors that left nothing to run / an object is invalid / the schedule
       or zone is invalid (the parser's message on standard error)
";

/// Writes to standard output; a reader that went away (`| head`) ends the output quietly
/// rather than panicking as `print!` would.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// A `get` view as kubectl writes it: "No resources found" goes to standard error, leaving
/// standard output empty (kubectl/pkg/cmd/get/get.go `Run`).
fn kubectl_out(text: &str) {
    if text == kubectl::NO_RESOURCES {
        eprint!("{text}");
    } else {
        out(text);
    }
}

/// Runs the command line; returns the exit status.
pub fn main(args: Vec<String>) -> i32 {
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("cron") => cron(&args[1..]),
        Some("shell") => shell(&args[1..]),
        Some("share") => match share(&args[1..]) {
            Ok(text) => {
                out(&text);
                0
            }
            Err(message) => {
                eprintln!("jobplay share: {message}");
                2
            }
        },
        Some("-h" | "--help" | "help") | None => {
            out(USAGE);
            if args.is_empty() {
                2
            } else {
                0
            }
        }
        Some(other) => {
            eprintln!("jobplay: unknown command \"{other}\"\n\n{USAGE}");
            2
        }
    }
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

struct RunArgs {
    file: String,
    overrides: Overrides,
    output: String,
    why: bool,
}

fn parse_run_args(args: &[String]) -> Result<RunArgs, String> {
    let mut file = None;
    let mut overrides = Overrides::default();
    let mut output = "timeline".to_string();
    let mut why = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match a.as_str() {
            "--seed" => {
                overrides.seed = Some(
                    value("--seed")?
                        .parse()
                        .map_err(|_| "--seed takes a whole number".to_string())?,
                )
            }
            "--until" => overrides.until = Some(SimDuration::parse(&value("--until")?)?),
            "--output" | "-o" => output = value("--output")?,
            "--why" => why = true,
            "--trace" => overrides.trace = true,
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown flag {f}")),
            f => {
                if file.replace(f.to_string()).is_some() {
                    return Err("only one FILE may be given".into());
                }
            }
        }
    }
    if !matches!(
        output.as_str(),
        "timeline" | "json" | "describe" | "describe-pods" | "get" | "wide" | "terminal"
    ) {
        return Err(format!(
            "--output {output}: supported values: timeline, json, describe, describe-pods, get, wide, terminal"
        ));
    }
    Ok(RunArgs {
        file: file.ok_or("FILE is required")?,
        overrides,
        output,
        why,
    })
}

fn run(args: &[String]) -> i32 {
    let parsed = match parse_run_args(args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("jobplay run: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let text = match read_input(&parsed.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("jobplay: {e}");
            return 2;
        }
    };
    let run = run_text(&text, parsed.overrides);
    if parsed.output != "json" {
        for d in &run.loaded.diagnostics {
            eprintln!("{}", d.render(&parsed.file));
        }
    }
    if run.loaded.is_empty() && run.loaded.has_errors() {
        if parsed.output == "json" {
            out(&format!("{}\n", run.record_json()));
        }
        return 2;
    }
    match parsed.output.as_str() {
        "json" => out(&format!("{}\n", run.record_json())),
        "describe" => out(&kubectl::describe_all(&run.engine)),
        "describe-pods" => out(&kubectl::describe_all_pods(&run.engine)),
        "get" => kubectl_out(&kubectl::get_all(&run.engine)),
        "terminal" => out(&jobplay::shell::replay::render(&run.transcript)),
        "wide" => kubectl_out(&kubectl::get_all_columns(
            &run.engine,
            kubectl::Columns::Wide,
        )),
        _ => out(&timeline::render(&run.engine, parsed.why)),
    }
    // A run with a CronJob that stopped at its default length says how to run longer, on
    // stderr so that stdout stays the output asked for (the page says the same under its ruler).
    let start = run.engine.scenario().start;
    if let Some(note) = cron_ruler::horizon_note(&run.engine, start, run.end) {
        eprintln!(
            "jobplay: {} (or pass --until {}):\n{}",
            note.sentence(),
            note.until,
            note.yaml
        );
    }
    0
}

/// The working directory as `kubectl -f` reads it: a file, or a directory's `.json`, `.yaml`
/// and `.yml` files in name order (kubectl's `FileExtensions`, not recursive).
struct WorkingDirectory;

impl jobplay::shell::Files for WorkingDirectory {
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String> {
        let p = std::path::Path::new(path);
        if !p.exists() {
            return Err(format!("the path \"{path}\" does not exist"));
        }
        if p.is_dir() {
            let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("error reading {path}: {e}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(jobplay::shell::is_manifest_name)
                })
                .collect();
            names.sort();
            return names
                .into_iter()
                .map(|f| {
                    let name = f.display().to_string();
                    std::fs::read_to_string(&f)
                        .map(|text| (name.clone(), text))
                        .map_err(|e| format!("error reading {name}: {e}"))
                })
                .collect();
        }
        std::fs::read_to_string(p)
            .map(|text| vec![(path.to_string(), text)])
            .map_err(|e| format!("error reading {path}: {e}"))
    }
}

/// `jobplay shell [SCRIPT] [--scenario FILE] [--seed N] [--echo]`: the script's output and
/// its status.
fn shell(args: &[String]) -> i32 {
    let mut file = None;
    let mut from = None;
    let (mut seed, mut echo) = (None, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--echo" => echo = true,
            "--scenario" => match it.next() {
                Some(f) => from = Some(f.clone()),
                None => {
                    eprintln!("jobplay shell: --scenario needs a FILE");
                    return 2;
                }
            },
            "--seed" => match it.next().and_then(|v| v.parse::<u64>().ok()) {
                Some(n) => seed = Some(n),
                None => {
                    eprintln!("jobplay shell: --seed takes a whole number");
                    return 2;
                }
            },
            f if f.starts_with('-') && f != "-" => {
                eprintln!("jobplay shell: unknown flag {f}\n\n{USAGE}");
                return 2;
            }
            f if file.is_none() => file = Some(f.to_string()),
            _ => {
                eprintln!("jobplay shell: only one SCRIPT may be given");
                return 2;
            }
        }
    }
    let text = match read_input(file.as_deref().unwrap_or("-")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("jobplay: {e}");
            return 2;
        }
    };
    let mut session = match from {
        None => {
            let mut scenario = scenario::Scenario::default();
            if let Some(seed) = seed {
                scenario.seed = seed;
            }
            jobplay::shell::Shell::new(scenario)
        }
        Some(path) => match scenario_session(&path, seed) {
            Some(s) => s,
            None => return 2,
        },
    };
    session.run_script(&text, &WorkingDirectory, echo, &mut |o| {
        eprint!("{}", o.notice);
        out(&o.out);
        eprint!("{}", o.err);
    })
}

/// The session `jobplay shell --scenario FILE` starts from: FILE's cluster after its typed
/// lines, which are printed as the page's terminal shows them. `None` (after saying why) when
/// FILE cannot be read or has nothing to start from.
fn scenario_session(path: &str, seed: Option<u64>) -> Option<jobplay::shell::Shell> {
    let text = read_input(path)
        .map_err(|e| eprintln!("jobplay: {e}"))
        .ok()?;
    let mut loaded = scenario::load(&text);
    for d in &loaded.diagnostics {
        eprintln!("{}", d.render(path));
    }
    if loaded.has_errors() && loaded.is_empty() && loaded.scenario.terminal.is_empty() {
        return None;
    }
    if let Some(seed) = seed {
        loaded.scenario.seed = seed;
    }
    let files = jobplay::shell::replay::TextFiles::new(&text);
    let (shell, replayed) = jobplay::shell::replay::resume(&loaded.scenario, &files);
    for d in &replayed.diagnostics {
        eprintln!("{}", d.render(path));
    }
    out(&jobplay::shell::replay::render(&replayed.transcript));
    Some(shell)
}

fn validate(args: &[String]) -> i32 {
    let [file] = args else {
        eprintln!("jobplay validate: exactly one FILE is required\n\n{USAGE}");
        return 2;
    };
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("jobplay: {e}");
            return 2;
        }
    };
    let loaded = scenario::load(&text);
    let text: String = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", d.render(file)))
        .collect();
    out(&text);
    if loaded.has_errors() {
        2
    } else {
        0
    }
}

/// `jobplay share FILE ...` (a link) or `jobplay share --open LINK` (the text it carries).
fn share(args: &[String]) -> Result<String, String> {
    use jobplay::view_model::share::{decode, encode, SharedScenario};
    if let [flag, link] = args {
        if flag == "--open" {
            let fragment = link.split_once('#').map_or(link.as_str(), |(_, f)| f);
            return decode(fragment).map(|s| s.text);
        }
    }
    let (mut file, mut at, mut speed, mut base) = (
        None,
        SimDuration::ZERO,
        5.0,
        "https://jobplay.dev/".to_string(),
    );
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match a.as_str() {
            "--at" => {
                at = SimDuration::parse(&value("--at")?)
                    .ok()
                    .filter(|d| *d >= SimDuration::ZERO)
                    .ok_or("--at takes a duration from the start such as 90s or 5m")?
            }
            "--speed" => {
                speed = value("--speed")?
                    .parse()
                    .ok()
                    .filter(|s| (0.25..=1000.0).contains(s))
                    .ok_or("--speed takes a number from 0.25 to 1000")?
            }
            "--base" => base = value("--base")?,
            "--open" => return Err("--open takes exactly one LINK and nothing else".into()),
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown flag {f}")),
            f if file.is_none() => file = Some(f.to_string()),
            _ => return Err("only one FILE may be given".into()),
        }
    }
    let text = read_input(&file.ok_or("FILE is required")?)?;
    let base = base.split('#').next().unwrap_or_default().to_string();
    Ok(format!(
        "{base}#{}\n",
        encode(&SharedScenario {
            text,
            playhead_ms: at.as_millis(),
            speed,
            present: false,
        })
    ))
}

/// `jobplay cron EXPR ...`: the next fire times, or the parser's error and status 2.
fn cron(args: &[String]) -> i32 {
    // The command line's one clock read: `--from` defaults to now, as a cron tool's user
    // expects. The schedule code takes the instant as input and is tested with fixed ones.
    match cron_output(args, std::time::SystemTime::now()) {
        Ok(text) => {
            out(&text);
            0
        }
        Err(message) => {
            eprintln!("{message}");
            2
        }
    }
}

/// The whole of `jobplay cron` but the clock and the printing, so it can be tested.
fn cron_output(args: &[String], now: std::time::SystemTime) -> Result<String, String> {
    use jobplay::cron::{explain::explain, parse_standard, Zone};
    use jobplay::time::SimTime;
    let mut expr = None;
    let (mut zone_name, mut from, mut count, mut want_explanation) = (None, None, 10usize, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("jobplay cron: {flag} needs a value"))
        };
        match a.as_str() {
            "--time-zone" | "--timezone" | "-z" => zone_name = Some(value("--time-zone")?),
            "--from" => from = Some(SimTime::parse_rfc3339(&value("--from")?).map_err(|e| format!("jobplay cron: --from: {e}"))?),
            "--count" | "-n" => {
                let v = value("--count")?;
                count = v.parse().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(|| format!("jobplay cron: --count takes a whole number from 1 to 100000, not {v:?}"))?;
            }
            "--explain" => want_explanation = true,
            f if f.starts_with("--") => return Err(format!("jobplay cron: unknown flag {f}")),
            e if expr.is_none() => expr = Some(e.to_string()),
            e => return Err(format!("jobplay cron: unexpected argument {e:?} (quote the schedule: jobplay cron \"*/5 * * * *\")")),
        }
    }
    let expr = expr.ok_or("jobplay cron: give a schedule, e.g. jobplay cron \"0 2 * * *\"")?;
    if expr.contains("TZ") {
        return Err("cannot use TZ or CRON_TZ in schedule, use timeZone field instead".into());
    }
    let schedule = parse_standard(&expr)?;
    let zone = match &zone_name {
        Some(z) if z.eq_ignore_ascii_case("local") => return Err(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .into(),
        ),
        Some(z) => Zone::load(z)?,
        None => Zone::Utc,
    };
    let from = from.unwrap_or_else(|| {
        let ms = now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        SimTime::from_millis(ms)
    });
    let mut text = String::new();
    if want_explanation {
        let e = explain(&schedule, &zone);
        text.push_str(&format!("# {} ({})\n", e.summary, zone.name()));
        for note in e.notes {
            text.push_str(&format!("# note: {note}\n"));
        }
    }
    let fires = schedule.upcoming(from, &zone, count);
    if fires.is_empty() {
        text.push_str("# never fires: no time matches within five years (Kubernetes reports InvalidSchedule)\n");
    }
    for t in fires {
        text.push_str(&t.rfc3339());
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::cron_output;

    fn run(args: &[&str]) -> Result<String, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        cron_output(&args, std::time::UNIX_EPOCH)
    }

    #[test]
    fn cron_lists_fire_times_in_utc() {
        assert_eq!(
            run(&[
                "30 2 * * *",
                "--time-zone",
                "America/New_York",
                "--from",
                "2026-03-07T12:00:00Z",
                "--count",
                "2"
            ])
            .unwrap(),
            "2026-03-09T06:30:00Z\n2026-03-10T06:30:00Z\n"
        );
    }

    #[test]
    fn cron_errors_are_robfigs_and_the_api_servers() {
        assert_eq!(
            run(&["0 0 * * 7"]).unwrap_err(),
            "end of range (7) above maximum (6): 7"
        );
        assert_eq!(
            run(&["TZ=UTC 0 0 * * *"]).unwrap_err(),
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
        );
        assert_eq!(
            run(&["@daily", "--time-zone", "Mars/Olympus"]).unwrap_err(),
            "unknown time zone Mars/Olympus"
        );
        assert!(run(&["@daily", "--count", "0"])
            .unwrap_err()
            .contains("--count"));
    }

    #[test]
    fn cron_explains() {
        let text = run(&[
            "0 0 1,15 * 1",
            "--explain",
            "--from",
            "2026-06-01T00:00:00Z",
            "--count",
            "1",
        ])
        .unwrap();
        assert!(text.starts_with("# At 00:00 on day 1 and 15 of the month, and also on Monday (UTC)\n# note: Day-of-month and day-of-week"), "{text}");
        assert!(text.ends_with("2026-06-08T00:00:00Z\n"));
    }
}
