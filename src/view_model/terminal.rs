//! The terminal pane's model, native and tested: which typed lines show at the playhead, the
//! line the Enter key writes into the text, the run a request becomes (replayed, or the run
//! already shown when the typed lines changed nothing the engine runs), history and tab
//! completion. `ui/terminal.rs` only lays it out.

use std::rc::Rc;

use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::edit::{add_terminal_line, terminal_item};
use crate::scenario::{self, Scenario};
#[cfg(feature = "terminal")]
use crate::shell::replay::TextFiles;
use crate::shell::replay::{self, Entry};
use crate::shell::Output;
use crate::sim::Engine;
#[cfg(feature = "terminal")]
use crate::sim::Horizon;
use crate::time::{SimDuration, SimTime};
#[cfg(feature = "terminal")]
use crate::view_model::playback::Playback;
use crate::view_model::playback::PlaybackBuilder;
use crate::view_model::session::Run;

/// What the terminal of a run shows: the typed lines replayed, and what the replay found to
/// say (a line after the run's end).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transcript {
    pub entries: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// How many of `entries` have run by `playhead`: scrubbing back hides the later ones.
pub fn shown(entries: &[Entry], playhead: SimTime) -> usize {
    entries.partition_point(|e| e.ran <= playhead)
}

/// What one command of `entry` has printed by `playhead`: a streaming command's text
/// (`kubectl get -w`, `logs -f`: its `Output::stamps`) as far as the playhead has come; any
/// other's once the line has ended, so a `sleep` or `kubectl wait` still going shows its line
/// without its output, as a terminal does.
/// Returns the notice, standard output and standard error, in the order a terminal shows them.
pub fn shown_output<'a>(
    entry: &Entry,
    output: &'a Output,
    playhead: SimTime,
) -> (&'a str, &'a str, &'a str) {
    if !output.stamps.is_empty() {
        output.visible_at(playhead)
    } else if entry.ended <= playhead {
        (&output.notice, &output.out, &output.err)
    } else {
        ("", "", "")
    }
}

/// The text Copy puts on the clipboard: the lines shown, as a terminal shows them.
pub fn copy_text(entries: &[Entry], playhead: SimTime) -> String {
    let mut text = String::new();
    for e in &entries[..shown(entries, playhead)] {
        text.push_str(&e.echo);
        for o in &e.outputs {
            let (notice, out, err) = shown_output(e, o, playhead);
            text.push_str(notice);
            text.push_str(out);
            text.push_str(err);
        }
    }
    text
}

/// `text` with what was entered at the prompt typed at `at`: each command line of it (a
/// paste may hold several; a here-document's lines are one) by [`type_line`], in order.
/// Returns the new text and the last line's place in `spec.terminal`.
pub fn type_lines(text: &str, at: SimDuration, entered: &str) -> Result<(String, usize), String> {
    #[cfg(feature = "terminal")]
    let lines = crate::shell::units(entered);
    #[cfg(not(feature = "terminal"))]
    let lines = vec![entered.to_string()];
    let mut typed = (text.to_string(), 0);
    for line in &lines {
        typed = type_line(&typed.0, at, line)?;
    }
    if lines.is_empty() {
        return Err("nothing typed".into());
    }
    Ok(typed)
}

/// `text` with `line` typed at `at` (after the start): written into `spec.terminal` before
/// the first line typed later than `at`, so it runs where the playhead is (the lines typed
/// later run after it again). Returns the new text and the line's place in `spec.terminal`.
pub fn type_line(text: &str, at: SimDuration, line: &str) -> Result<(String, usize), String> {
    let line = line.trim();
    if line.is_empty() {
        return Err("nothing typed".into());
    }
    #[cfg(feature = "terminal")]
    if let Some((n, message)) = crate::shell::syntax_error(line) {
        return Err(format!("line {n}: {message}"));
    }
    let typed = scenario::load(text).scenario.terminal;
    let before = typed.iter().find(|t| t.at > at).map(|t| t.written);
    let index = before.unwrap_or_else(|| typed.last().map_or(0, |t| t.written + 1));
    let new = add_terminal_line(text, &terminal_item(at, line), before)?;
    Ok((new, index))
}

/// What the page's computation starts from.
pub enum Prepared {
    /// The typed lines changed nothing the engine runs: the run shown, with the new transcript.
    Ready(Run),
    /// A run to simulate, and the transcript that goes with it.
    Build(Box<PlaybackBuilder>, Rc<Transcript>),
}

/// Replays `scenario`'s typed lines against `text`'s files. When the scenario to run is the
/// one `shown` already ran, that run is kept (a `kubectl get` does not simulate the run
/// again), and the replay reads the cluster from its checkpoints rather than simulating it.
#[cfg(feature = "terminal")]
pub fn prepare(scenario: &Scenario, text: &str, shown: Option<&Run>) -> Prepared {
    let files = TextFiles::new(text);
    let known = shown.map(|r| KnownRun::of(&r.0));
    let replayed = replay::replay_with(scenario, &files, &|s: &Scenario, t: SimTime| {
        known.as_ref().and_then(|k| k.at(s, t))
    });
    let transcript = Rc::new(Transcript {
        entries: replayed.transcript,
        diagnostics: replayed.diagnostics,
    });
    match shown {
        Some(run) if same_run(run.last.scenario(), &replayed.scenario) => {
            Prepared::Ready(Run(run.0.clone(), transcript))
        }
        _ => Prepared::Build(
            Box::new(PlaybackBuilder::new(replayed.scenario)),
            transcript,
        ),
    }
}

/// The page's first module replays no typed lines: its session hands a text with them over
/// to the terminal module (`Session::hand_over`), so what it runs has none.
#[cfg(not(feature = "terminal"))]
pub fn prepare(scenario: &Scenario, _text: &str, _shown: Option<&Run>) -> Prepared {
    Prepared::Build(
        Box::new(PlaybackBuilder::new(scenario.clone())),
        Rc::default(),
    )
}

/// Whether two scenarios run the same: equal but for the typed lines' end, which only
/// matters through where the run stops.
#[cfg(feature = "terminal")]
fn same_run(a: &Scenario, b: &Scenario) -> bool {
    let ends = (a.terminal_end, b.terminal_end);
    if Horizon::of(a) != Horizon::of(b) {
        return false;
    }
    let mut b = b.clone();
    b.terminal_end = ends.0;
    *a == b
}

/// A computed run the replay may read the cluster from.
#[cfg(feature = "terminal")]
struct KnownRun<'a> {
    playback: &'a Playback,
    /// Its scenario as the replay's session has it before the end is set.
    scenario: Scenario,
}

#[cfg(feature = "terminal")]
impl<'a> KnownRun<'a> {
    fn of(playback: &'a Playback) -> KnownRun<'a> {
        let mut scenario = playback.last.scenario().clone();
        scenario.terminal_end = None;
        KnownRun { playback, scenario }
    }
    /// The cluster at `t` (at most the run's end) when `s` is the scenario this run ran.
    fn at(&self, s: &Scenario, t: SimTime) -> Option<Engine> {
        (*s == self.scenario).then(|| self.playback.at(t))
    }
}

/// The words of kubectl the completion offers after `kubectl`: what jobplay runs.
const COMMANDS: &[&str] = &[
    "annotate", "apply", "cordon", "create", "delete", "describe", "drain", "get", "label", "logs",
    "patch", "uncordon", "version", "wait",
];
/// Resource types, as the guides write them.
const RESOURCES: &[&str] = &["all", "cronjobs", "events", "jobs", "nodes", "pods"];
/// Flags the guides use.
const FLAGS: &[&str] = &[
    "--all",
    "--cascade=",
    "--filename",
    "--for=condition=complete",
    "--for=condition=failed",
    "--for=delete",
    "--grace-period=",
    "--output",
    "--selector",
    "--show-labels",
    "--timeout=",
    "--type=",
    "--patch",
    "--from=cronjob/",
    "--ignore-daemonsets",
    "--delete-emptydir-data",
];
/// `-o` values.
const OUTPUTS: &[&str] = &["json", "name", "wide", "yaml"];

/// What Tab does to a line: the line completed as far as it is unambiguous, and the choices
/// left when there are several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    pub choices: Vec<String>,
}

/// Completes the last word of `line`: a command, a kubectl command, a resource type, a flag,
/// an `-o` value, a file `-f` can read, or the name of an object present in `engine` (the
/// cluster at the playhead).
pub fn complete(line: &str, engine: Option<&Engine>, files: &[String]) -> Completion {
    let (head, word) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let candidates = candidates(&words, word, engine, files);
    let choices: Vec<String> = candidates
        .into_iter()
        .filter(|c| c.starts_with(word))
        .collect();
    let completed = match choices.as_slice() {
        [] => {
            return Completion {
                line: line.to_string(),
                choices,
            }
        }
        [one] if one.ends_with('=') || one.ends_with('/') => one.clone(),
        [one] => format!("{one} "),
        many => common_prefix(many),
    };
    Completion {
        line: format!("{head}{completed}"),
        choices: if choices.len() > 1 {
            choices
        } else {
            Vec::new()
        },
    }
}

/// What may come as the next word after `words`.
fn candidates(
    words: &[&str],
    word: &str,
    engine: Option<&Engine>,
    files: &[String],
) -> Vec<String> {
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let Some((&first, rest)) = words.split_first() else {
        return owned(&["kubectl", "sleep", "echo"]);
    };
    if first != "kubectl" {
        return Vec::new();
    }
    let previous = rest.last().copied().unwrap_or("");
    if matches!(previous, "-f" | "--filename") {
        let mut all = files.to_vec();
        all.extend(replay::example_urls());
        return all;
    }
    if matches!(previous, "-o" | "--output") {
        return owned(OUTPUTS);
    }
    if word.starts_with('-') {
        return owned(FLAGS);
    }
    let args: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-'))
        .collect();
    if word.contains('/') {
        return engine.map_or_else(Vec::new, |e| names(e, None, word));
    }
    match args.as_slice() {
        [] => owned(COMMANDS),
        ["get" | "describe" | "delete" | "label" | "annotate" | "patch"] => owned(RESOURCES),
        ["logs"]
        | ["get" | "describe" | "delete" | "label" | "annotate" | "patch" | "wait", _]
        | ["wait"] => engine.map_or_else(Vec::new, |e| names(e, args.get(1).copied(), word)),
        ["cordon" | "uncordon" | "drain"] => engine.map_or_else(Vec::new, |e| {
            e.nodes().iter().map(|n| n.info.name.to_string()).collect()
        }),
        _ => Vec::new(),
    }
}

/// Names of the objects of `resource` (every kind's, as `job/NAME`, without one).
fn names(e: &Engine, resource: Option<&str>, word: &str) -> Vec<String> {
    let jobs = || e.jobs().map(|j| j.metadata.name.to_string());
    let pods = || e.pods().map(|p| p.metadata.name.to_string());
    let cron_jobs = || e.cron_jobs().map(|c| c.metadata.name.to_string());
    match resource {
        Some("job" | "jobs" | "job.batch" | "jobs.batch") => jobs().collect(),
        Some("pod" | "pods" | "po") => pods().collect(),
        Some("cronjob" | "cronjobs" | "cj") => cron_jobs().collect(),
        Some("node" | "nodes" | "no") => {
            e.nodes().iter().map(|n| n.info.name.to_string()).collect()
        }
        _ if word.contains('/') || resource.is_none() => jobs()
            .map(|n| format!("job/{n}"))
            .chain(pods().map(|n| format!("pod/{n}")))
            .chain(cron_jobs().map(|n| format!("cronjob/{n}")))
            .collect(),
        _ => Vec::new(),
    }
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for w in &words[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(w.chars())
                .find(|((_, a), b)| a != b)
                .map_or(end.min(w.len()), |((i, _), _)| i),
        );
    }
    first[..end].to_string()
}

/// The next line of `history` (oldest first) for ↑ (`up`) or ↓ from `at` (`None`: the new,
/// empty line): ↑ goes back, ↓ forward, past the newest to the empty line again.
pub fn history_step(history: &[String], at: Option<usize>, up: bool) -> Option<usize> {
    match (at, up) {
        (None, true) => history.len().checked_sub(1),
        (Some(i), true) => Some(i.saturating_sub(1)),
        (None, false) => None,
        (Some(i), false) => (i + 1 < history.len()).then_some(i + 1),
    }
}

#[cfg(test)]
mod tests;
