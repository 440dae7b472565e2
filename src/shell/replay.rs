//! A scenario's typed lines (`spec.terminal`, docs/scenario.md) replayed: the scenario the
//! engine runs and the transcript the terminal shows. Each line runs in one [`Shell`] session,
//! in the order written, at `max(at, the end of the line before)`; what it changes becomes
//! scripted actions, as every [`Shell`] command does, so the CLI (`jobplay run`) and the page
//! run the same scenario and print the same record. Lines are read against [`TextFiles`]: the
//! scenario text's own documents, the presets and the bundled kubernetes.io examples, so a
//! replay needs nothing but the text.

use super::{Files, Output, Shell};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::yaml::parse_stream;
use crate::scenario::Scenario;
use crate::sim::Engine;
use crate::time::SimTime;
use crate::view_model::presets::PRESETS;

/// One typed line as the terminal shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its place in `spec.terminal` as written.
    pub index: usize,
    /// When it ran: its `at`, or the end of the line before if that is later.
    pub ran: SimTime,
    /// When it ended: later than `ran` only after `sleep` or `kubectl wait`.
    pub ended: SimTime,
    /// The line as a terminal echoes it: `$ ` before the first line, `> ` before the others
    /// (a here-document's lines).
    pub echo: String,
    /// What each command of the line printed, in order.
    pub outputs: Vec<Output>,
    /// When the next line runs (`None` for the last): the end of what a streaming command
    /// (`kubectl get -w`) on this line may show, as the terminal would have shown it before
    /// the next prompt.
    pub next: Option<SimTime>,
}

impl Entry {
    /// The exit status of the line's last command, as a shell reports it.
    pub fn status(&self) -> i32 {
        self.outputs.last().map_or(0, |o| o.status)
    }
    /// The line as it was typed: its echo without the prompts ([`echo`] undone).
    pub fn typed(&self) -> String {
        self.echo
            .trim_end()
            .lines()
            .enumerate()
            .map(|(i, l)| {
                l.strip_prefix(if i == 0 { "$ " } else { "> " })
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// Standard output and standard error, in the order printed.
    pub fn output_text(&self) -> String {
        self.outputs
            .iter()
            .map(|o| format!("{}{}{}", o.notice, o.out, o.err))
            .collect()
    }
}

/// What replaying gives: the scenario to run and the transcript.
#[derive(Clone, Debug)]
pub struct Replayed {
    /// The scenario with the lines' actions and without its `terminal`; `terminal_end` is the
    /// last line's end, so the run covers every line.
    pub scenario: Scenario,
    pub transcript: Vec<Entry>,
    /// What a run cannot show (a line after an explicit `until`).
    pub diagnostics: Vec<Diagnostic>,
}

/// The cluster at a time, when the caller already has it for a scenario: `(scenario so far,
/// time) → the engine at that time`, or `None` to simulate it.
pub type Known<'a> = dyn Fn(&Scenario, SimTime) -> Option<Engine> + 'a;

/// Runs `scenario.terminal` line by line. A scenario without typed lines comes back as it is
/// (nothing simulated).
pub fn replay(scenario: &Scenario, files: &dyn Files) -> Replayed {
    replay_with(scenario, files, &|_, _| None)
}

/// [`replay`], reading the cluster at a line's time from `known` when it has it (the page's
/// run already computed, whose checkpoints are cheaper than simulating again). An engine is a
/// function of its scenario and time, so where it comes from changes nothing.
pub fn replay_with(scenario: &Scenario, files: &dyn Files, known: &Known) -> Replayed {
    if scenario.terminal.is_empty() {
        return Replayed {
            scenario: scenario.clone(),
            transcript: Vec::new(),
            diagnostics: Vec::new(),
        };
    }
    resume_with(scenario, files, known).1
}

/// Replays `scenario.terminal` and hands back the session after its last line too, for
/// more commands (`jobplay shell --scenario`).
pub fn resume(scenario: &Scenario, files: &dyn Files) -> (Shell, Replayed) {
    resume_with(scenario, files, &|_, _| None)
}

fn resume_with(scenario: &Scenario, files: &dyn Files, known: &Known) -> (Shell, Replayed) {
    let mut base = scenario.clone();
    let lines = std::mem::take(&mut base.terminal);
    let start = base.start;
    let until = base.until.map(|u| start + u);
    let mut shell = Shell::new(base);
    let mut transcript = Vec::with_capacity(lines.len());
    let mut diagnostics = Vec::new();
    for line in &lines {
        let index = line.written;
        let at = start + line.at;
        if at > shell.now() {
            if let Some(engine) = known(&shell.scenario, at) {
                shell.engine = engine;
            }
            shell.advance_to(at);
        }
        let ran = shell.now();
        if let Some(until) = until.filter(|u| ran > *u) {
            diagnostics.push(Diagnostic::warning(
                0,
                line.pos,
                format!("spec.terminal[{index}]"),
                format!(
                    "spec.terminal[{index}]: runs at {} after the start, after the run's end (spec.until: {}); the page cannot show it",
                    (ran - start).human(),
                    (until - start).human()
                ),
            ));
        }
        let mut outputs = Vec::new();
        shell.run_script(&line.run, files, false, &mut |o| outputs.push(o.clone()));
        if let Some(previous) = transcript.last_mut() {
            let previous: &mut Entry = previous;
            previous.next = Some(ran);
        }
        transcript.push(Entry {
            index,
            ran,
            ended: shell.now(),
            echo: echo(&line.run),
            outputs,
            next: None,
        });
    }
    let mut scenario = shell.scenario().clone();
    scenario.terminal_end = transcript.last().map(|e| e.ended - start);
    let replayed = Replayed {
        scenario,
        transcript,
        diagnostics,
    };
    (shell, replayed)
}

/// `run` as a terminal shows it typed: the prompt, then `> ` on continued lines.
fn echo(run: &str) -> String {
    let run = run.strip_suffix('\n').unwrap_or(run);
    let mut text = String::new();
    for (i, line) in run.split('\n').enumerate() {
        text.push_str(if i == 0 { "$ " } else { "> " });
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The kubernetes.io example URLs `-f` can read (for completion).
pub fn example_urls() -> impl Iterator<Item = String> {
    super::examples::urls()
}

/// The transcript as a terminal shows it: each line's echo and output.
pub fn render(transcript: &[Entry]) -> String {
    transcript
        .iter()
        .map(|e| format!("{}{}", e.echo, e.output_text()))
        .collect()
}

/// The files a typed `-f` names, read from the scenario text alone (docs/scenario.md,
/// "Terminal"): each document of the text as `NAME.yaml` (its `metadata.name`; every
/// document of that name), each preset as `presets/ID.yaml`, and the bundled kubernetes.io
/// example URLs (through `Shell`'s own reading of URLs).
pub struct TextFiles<'a> {
    text: &'a str,
}

impl<'a> TextFiles<'a> {
    pub fn new(text: &'a str) -> TextFiles<'a> {
        TextFiles { text }
    }

    /// The names `-f` may give, documents first (for completion).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = documents(self.text)
            .into_iter()
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, _)| format!("{name}.yaml"))
            .collect();
        names.dedup();
        names.extend(PRESETS.iter().map(|p| format!("presets/{}.yaml", p.id)));
        names
    }
}

impl Files for TextFiles<'_> {
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String> {
        let path = path.trim_start_matches("./");
        if let Some(id) = path
            .strip_prefix("presets/")
            .and_then(|p| p.strip_suffix(".yaml"))
        {
            if let Some(p) = PRESETS.iter().find(|p| p.id == id) {
                return Ok(vec![(path.to_string(), p.yaml.to_string())]);
            }
        }
        let name = path.strip_suffix(".yaml").unwrap_or("");
        let found: Vec<(String, String)> = documents(self.text)
            .into_iter()
            .filter(|(n, _)| !n.is_empty() && n == name)
            .map(|(_, text)| (path.to_string(), text))
            .collect();
        if found.is_empty() {
            return Err(format!(
                "the path \"{path}\" does not exist (the editor's documents are read as NAME.yaml, the presets as presets/ID.yaml)"
            ));
        }
        Ok(found)
    }
}

/// Each document of `text` as (`metadata.name`, its lines).
fn documents(text: &str) -> Vec<(String, String)> {
    let (docs, _) = parse_stream(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts: Vec<usize> = docs.iter().map(|d| d.first_line as usize).collect();
    docs.iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let root = d.root.as_ref()?;
            let first = starts[i].saturating_sub(1).min(lines.len());
            let last = starts
                .get(i + 1)
                .map_or(lines.len(), |n| n.saturating_sub(1))
                .clamp(first, lines.len());
            let body: String = lines[first..last]
                .iter()
                .filter(|l| l.trim_end() != "---")
                .copied()
                .collect();
            Some((crate::scenario::object_name(root), body))
        })
        .collect()
}

#[cfg(test)]
mod tests;
