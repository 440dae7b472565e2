//! A kubectl line against the simulated cluster, sans-IO: a command's words in, what kubectl
//! v1.37 prints out (standard output, standard error, exit status), at the session's virtual
//! time. `jobplay shell` runs scripts of such lines ([`Shell::run_script`]): a line of kubectl
//! commands alone through [`Shell::run`], any other line in jobplay's `sh` with kubectl as one
//! of its programs ([`line`]). The page's terminal replays the lines typed there through the
//! same [`Shell::run_script`] ([`replay`]).
//!
//! Commands that change the cluster (`apply`, `create`, `delete`, `patch`, `label`,
//! `annotate`, `create job|cronjob`, `cordon`, `uncordon`, `drain`) become scripted actions at
//! the current time in the session's [`Scenario`], and the run is simulated again from its
//! start: the scenario alone replays the session, deterministically. A scripted action runs
//! before anything else due at its instant (the engine queues it first), as the page's action
//! buttons do. `sleep`, `kubectl wait`, `drain`, `get --watch` and `logs --follow` advance
//! virtual time (the last two stamp what they print with its time: [`Output::stamps`]);
//! other commands take none.
//!
//! Files named by `-f` come through [`Files`], so the core reads nothing itself; the
//! kubernetes.io example URLs the guides use are answered from bundled copies
//! ([`examples`]).

mod answers;
pub mod args;
pub mod examples;
mod explain;
pub mod field_selector;
pub mod jsonpath;
mod kubectl;
pub mod lex;
mod line;
pub use line::{is_open, syntax_error, units};
pub mod replay;
pub mod selector;
mod strategic_merge;
mod watch;

use crate::scenario::action::{Action, Target, Verb};
use crate::scenario::Scenario;
use crate::sim::Engine;
use crate::time::{SimDuration, SimTime};

/// What one command printed and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// What kubectl writes to standard error before its output (`Defaulted container …`,
    /// `Found 2 pods, using …`, a warning; in a line run by `sh`, an earlier command's error):
    /// a terminal shows it first.
    pub notice: String,
    pub out: String,
    pub err: String,
    pub status: i32,
    /// When parts of the text appear, for a command that runs as virtual time passes (`get
    /// --watch`, `logs --follow`): text before the first stamp appears when the command
    /// starts, and each stamp's text (from its offsets to the next stamp's) at its time. Empty
    /// for a command that prints at once. A terminal reveals them as its playhead passes; the
    /// command line prints `out` and `err` whole.
    pub stamps: Vec<Stamp>,
}

/// Where the text that appears at a virtual time begins in an [`Output`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub at: SimTime,
    /// Byte offset into `out`.
    pub out: usize,
    /// Byte offset into `err`.
    pub err: usize,
}

impl Output {
    fn out(text: impl Into<String>) -> Output {
        Output {
            out: text.into(),
            ..Output::default()
        }
    }
    /// A failure: `text` on standard error (a newline added if it has none), status 1.
    fn fail(text: impl Into<String>) -> Output {
        let mut err = text.into();
        if !err.ends_with('\n') {
            err.push('\n');
        }
        Output {
            err,
            status: 1,
            ..Output::default()
        }
    }
    /// The notice, standard output and standard error shown by virtual time `t`: all of it
    /// for a command that printed at once, else the text up to the first stamp later than `t`
    /// (the notice is printed when the command starts).
    pub fn visible_at(&self, t: SimTime) -> (&str, &str, &str) {
        match self.stamps.iter().find(|s| s.at > t) {
            Some(s) => (&self.notice, &self.out[..s.out], &self.err[..s.err]),
            None => (&self.notice, &self.out, &self.err),
        }
    }
    /// Marks the text printed from now on as appearing at `at`.
    fn stamp(&mut self, at: SimTime) {
        let stamp = Stamp {
            at,
            out: self.out.len(),
            err: self.err.len(),
        };
        match self.stamps.last_mut() {
            Some(last) if last.out == stamp.out && last.err == stamp.err => *last = stamp,
            _ => self.stamps.push(stamp),
        }
    }
    /// Appends `other`'s text; the status becomes `other`'s if it failed.
    fn then(&mut self, other: Output) {
        // `other`'s notice comes after what this printed, if anything.
        if self.out.is_empty() && self.err.is_empty() {
            self.notice.push_str(&other.notice);
        } else {
            self.err.push_str(&other.notice);
        }
        let (out, err) = (self.out.len(), self.err.len());
        self.stamps.extend(other.stamps.iter().map(|s| Stamp {
            at: s.at,
            out: s.out + out,
            err: s.err + err,
        }));
        self.out.push_str(&other.out);
        self.err.push_str(&other.err);
        if other.status != 0 {
            self.status = other.status;
        }
    }
}

/// Where the files `-f` names come from: the working directory on the command line, the
/// editor's documents in the page.
pub trait Files {
    /// The manifests at `path`: a file's text, or each `.json`, `.yaml` and `.yml` file of a
    /// directory in name order (kubectl's `FileExtensions`), as (source name, text). The error
    /// is kubectl's text without `error: ` (`the path "job.yaml" does not exist`).
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String>;
}

/// Whether `kubectl -f DIR` reads a file of this name: kubectl's `FileExtensions` (`.json`,
/// `.yaml`, `.yml`).
pub fn is_manifest_name(name: &str) -> bool {
    [".json", ".yaml", ".yml"].iter().any(|e| name.ends_with(e))
}

/// No files at all: every path is missing.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String> {
        Err(format!("the path \"{path}\" does not exist"))
    }
}

/// A unit as a terminal echoes it: `$ ` before its first line, `> ` before the others.
fn echoed(unit: &str) -> String {
    let mut text = String::new();
    for (i, l) in unit.lines().enumerate() {
        text.push_str(if i == 0 { "$ " } else { "> " });
        text.push_str(l);
        text.push('\n');
    }
    text
}

/// Time `sleep` and `kubectl wait` may advance in one command, at most: a run is bounded.
pub const MAX_ADVANCE: SimDuration = SimDuration::from_secs(400 * 24 * 3600);

/// A session: the scenario so far (what was applied, as actions) and the cluster at `now`.
#[derive(Clone, Debug)]
pub struct Shell {
    scenario: Scenario,
    engine: Engine,
    /// The `sh` state lines keep between them: variables, functions, files.
    line: line::LineState,
}

impl Shell {
    /// A session on `scenario`'s cluster at its start (`Scenario::default()`: three empty nodes).
    pub fn new(scenario: Scenario) -> Shell {
        let engine = Engine::new(scenario.clone());
        Shell {
            scenario,
            engine,
            line: line::LineState::default(),
        }
    }

    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.engine.now()
    }
    /// The cluster at the current time.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
    /// Everything the session did, as a scenario: simulating it again gives the same cluster.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Runs one command (its words after quoting is removed), with `stdin` as its standard
    /// input (a here-document's text), at the current time.
    pub fn run(&mut self, words: &[String], stdin: Option<&str>, files: &dyn Files) -> Output {
        let Some((name, args)) = words.split_first() else {
            return Output::default();
        };
        match name.as_str() {
            "kubectl" => kubectl::run(self, args, stdin, files),
            "sleep" => self.sleep(args),
            "echo" => Output::out(format!("{}\n", args.join(" "))),
            "true" | ":" => Output::default(),
            "false" => Output {
                status: 1,
                ..Output::default()
            },
            other => Output {
                err: format!("jobplay shell: {other}: command not found (it runs kubectl, sleep, echo, true and false)\n"),
                status: 127,
                ..Output::default()
            },
        }
    }

    /// Runs a whole script, unit by unit as a terminal reads it ([`line::units`]: a line, with
    /// the lines a here-document or an unfinished command joins to it), handing each unit's
    /// output to `print` as it ends. With `echo`, each unit is first printed as a terminal shows
    /// it (`$ kubectl get jobs`, continuation lines after `> `). Returns the last unit's status,
    /// as a script's; a unit the shell cannot read ends the script there with status 2.
    pub fn run_script(
        &mut self,
        text: &str,
        files: &dyn Files,
        echo: bool,
        print: &mut dyn FnMut(&Output),
    ) -> i32 {
        let mut last = 0;
        for unit in line::units(text) {
            if echo {
                print(&Output::out(echoed(&unit)));
            }
            // A line with a syntax error runs none of it, and a script stops there, as
            // `sh FILE` does.
            if let Some((line, message)) = crate::sh::parse::parse(&unit).error {
                print(&Output {
                    err: format!("sh: line {line}: {message}\n"),
                    status: 2,
                    ..Output::default()
                });
                return 2;
            }
            last = self.run_unit(&unit, files, print);
        }
        last
    }

    /// One unit: kubectl commands alone (`a && b`, a here-document piped to `kubectl apply -f -`)
    /// run command by command, each printed as it ends and a watch's rows keeping their
    /// instants; anything else a shell reads (variables, `$(…)`, pipes into `grep`, redirections)
    /// runs in the session's `sh` ([`Shell::run_line`]).
    fn run_unit(&mut self, unit: &str, files: &dyn Files, print: &mut dyn FnMut(&Output)) -> i32 {
        let kubectl_only = lex::parse_script(unit).ok().filter(|commands| {
            commands
                .iter()
                .all(|c| c.words.first().is_some_and(|w| w == "kubectl"))
        });
        let Some(commands) = kubectl_only else {
            let o = self.run_line(unit, files);
            print(&o);
            return o.status;
        };
        // Files earlier lines wrote (`cat <<EOF > job.yaml`) are read here too.
        let state = std::mem::take(&mut self.line);
        let layered = state.files(files);
        let mut last = 0;
        for c in &commands {
            let runs = match c.connector {
                lex::Connector::Always => true,
                lex::Connector::And => last == 0,
                lex::Connector::Or => last != 0,
            };
            if runs {
                let o = self.run(&c.words, c.stdin.as_deref(), &layered);
                last = o.status;
                print(&o);
            }
        }
        self.line = state;
        last
    }

    /// `sleep DURATION...`: GNU sleep's arguments (a number with an optional `s`, `m`, `h` or
    /// `d`; several add up).
    fn sleep(&mut self, args: &[String]) -> Output {
        if args.is_empty() {
            return Output::fail("sleep: missing operand");
        }
        let mut total = 0.0f64;
        for a in args {
            let (number, unit) = match a.char_indices().last() {
                Some((i, c @ ('s' | 'm' | 'h' | 'd'))) => (&a[..i], c),
                _ => (a.as_str(), 's'),
            };
            let scale = match unit {
                'm' => 60.0,
                'h' => 3600.0,
                'd' => 86400.0,
                _ => 1.0,
            };
            // `decimal::parse_f64` is `parse::<f64>` without core's float parsing in the wasm.
            match crate::decimal::parse_f64(number) {
                Some(n) if n >= 0.0 && n.is_finite() => total += n * scale,
                _ => return Output::fail(format!("sleep: invalid time interval '{a}'")),
            }
        }
        let ms = (total * 1000.0).round();
        if ms > MAX_ADVANCE.as_millis() as f64 {
            return Output::fail(format!(
                "sleep: jobplay advances at most 400 days at a time, not {}",
                args.join(" ")
            ));
        }
        self.advance_to(self.now() + SimDuration::from_millis(ms as i64));
        Output::default()
    }

    /// Moves virtual time forward to `t`.
    fn advance_to(&mut self, t: SimTime) {
        self.engine.handle_timeout(t);
    }

    /// Moves virtual time forward until `done` holds of the cluster (checked after every
    /// instant the cluster changes) or `deadline` comes; returns whether `done` held.
    fn advance_until(&mut self, deadline: SimTime, done: impl Fn(&Engine) -> bool) -> bool {
        loop {
            if done(&self.engine) {
                return true;
            }
            match self.engine.poll_timeout() {
                Some(t) if t <= deadline => self.engine.handle_timeout(t),
                _ => {
                    self.engine.handle_timeout(deadline);
                    return done(&self.engine);
                }
            }
        }
    }

    /// Records `actions` at the current time and simulates the scenario again from its start
    /// to now: the session's scenario is then the whole story.
    fn act(&mut self, actions: Vec<(Verb, Target)>) {
        if actions.is_empty() {
            return;
        }
        let now = self.now();
        let at = now - self.scenario.start;
        for (verb, target) in actions {
            self.scenario.actions.push(Action { at, verb, target });
        }
        self.engine = Engine::new(self.scenario.clone());
        self.engine.handle_timeout(now);
    }
}

#[cfg(test)]
mod tests;
