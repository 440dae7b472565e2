//! The native command line: `jobplay run`, `jobplay validate`. Only argument parsing and
//! printing live here; everything else is the library.

use std::io::{Read, Write};

use jobplay::scenario;
use jobplay::time::SimDuration;
use jobplay::view_model::record::{run_text, Overrides};
use jobplay::view_model::{kubectl, timeline};

const USAGE: &str = "\
jobplay: a Kubernetes Job playground in virtual time

USAGE:
    jobplay run FILE [--seed N] [--until DURATION] [--output timeline|json|describe|get] [--why]
    jobplay validate FILE

FILE is a multi-document YAML (or JSON) text of Job, CronJob, Service, ConfigMap, Secret
and at most one jobplay.dev/v1alpha1 Scenario document; `-` reads standard input.

EXIT STATUS:
    0  the run happened (whatever the Jobs did) / the input is valid
    1  internal fault
    2  the input had errors that left nothing to run / an object is invalid
";

/// Writes to standard output; a reader that went away (`| head`) ends the output quietly
/// rather than panicking as `print!` would.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// Runs the command line; returns the exit status.
pub fn main(args: Vec<String>) -> i32 {
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            out(USAGE);
            if args.is_empty() { 2 } else { 0 }
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
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("cannot read standard input: {e}"))?;
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
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match a.as_str() {
            "--seed" => overrides.seed = Some(value("--seed")?.parse().map_err(|_| "--seed takes a whole number".to_string())?),
            "--until" => overrides.until = Some(SimDuration::parse(&value("--until")?)?),
            "--output" | "-o" => output = value("--output")?,
            "--why" => why = true,
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown flag {f}")),
            f => {
                if file.replace(f.to_string()).is_some() {
                    return Err("only one FILE may be given".into());
                }
            }
        }
    }
    if !matches!(output.as_str(), "timeline" | "json" | "describe" | "get") {
        return Err(format!("--output {output}: supported values: timeline, json, describe, get"));
    }
    Ok(RunArgs { file: file.ok_or("FILE is required")?, overrides, output, why })
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
        "get" => out(&kubectl::get_all(&run.engine)),
        _ => out(&timeline::render(&run.engine, parsed.why)),
    }
    0
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
    let text: String = loaded.diagnostics.iter().map(|d| format!("{}\n", d.render(file))).collect();
    out(&text);
    if loaded.has_errors() {
        2
    } else {
        0
    }
}
