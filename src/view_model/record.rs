//! The record of a run (docs/scenario.md, "The record"): one JSON object with a fixed shape.

use serde::Serialize;

use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::{self, Loaded};
use crate::shell::replay::{replay, Entry, TextFiles};
use crate::sim::trace::TraceEntry;
use crate::sim::{run_to_end, Engine, EventRecord, Horizon};
use crate::time::{SimDuration, SimTime};

/// The record, serialized exactly as docs/scenario.md describes it.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    #[serde(serialize_with = "rfc3339")]
    pub start: SimTime,
    #[serde(serialize_with = "rfc3339")]
    pub end: SimTime,
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<serde_json::Value>,
    pub events: Vec<EventRecord>,
    /// The Job and CronJob controllers' view of the run (`sim/trace.rs`), only when asked for
    /// (`jobplay run --output json --trace`): tools/conformance replays it under Kubernetes'
    /// own Job and CronJob controllers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<TraceEntry>>,
    /// The typed lines (`spec.terminal`) as the terminal shows them; left out when there are
    /// none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub terminal: Vec<TerminalLine>,
}

/// One typed line in the record: when it ran and ended, the line and what it printed.
#[derive(Clone, Debug, Serialize)]
pub struct TerminalLine {
    #[serde(serialize_with = "rfc3339")]
    pub ran: SimTime,
    #[serde(serialize_with = "rfc3339")]
    pub ended: SimTime,
    pub echo: String,
    pub output: String,
    pub status: i32,
}

fn rfc3339<S: serde::Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.rfc3339())
}

/// Overrides from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Overrides {
    pub seed: Option<u64>,
    pub until: Option<SimDuration>,
    /// Keep the controllers' view of the run in the record (`Record::trace`).
    pub trace: bool,
}

/// A finished run: the engine at its end and what the input said.
pub struct Run {
    pub engine: Engine,
    /// What the text says; with typed lines, `loaded.scenario` is the replayed one.
    pub loaded: Loaded,
    pub end: SimTime,
    /// The typed lines, replayed (`shell::replay`).
    pub transcript: Vec<Entry>,
}

/// Loads and runs a scenario text to its end.
pub fn run_text(text: &str, overrides: Overrides) -> Run {
    let mut loaded = scenario::load(text);
    if let Some(seed) = overrides.seed {
        loaded.scenario.seed = seed;
    }
    if let Some(until) = overrides.until {
        loaded.scenario.until = Some(until);
    }
    // Typed lines (`spec.terminal`) are replayed into the run's actions; without them the
    // scenario runs as loaded, at no extra cost.
    let mut transcript = Vec::new();
    if !loaded.scenario.terminal.is_empty() {
        let replayed = replay(&loaded.scenario, &TextFiles::new(text));
        loaded.scenario = replayed.scenario;
        loaded.diagnostics.extend(replayed.diagnostics);
        transcript = replayed.transcript;
    }
    let horizon = Horizon::of(&loaded.scenario);
    let mut engine = if overrides.trace {
        Engine::new_traced(loaded.scenario.clone())
    } else {
        Engine::new(loaded.scenario.clone())
    };
    let end = run_to_end(&mut engine, horizon);
    if let Some(cap) = engine.cap_hit() {
        loaded.diagnostics.push(Diagnostic::error(
            0,
            Default::default(),
            "",
            cap.message.clone(),
        ));
    }
    Run {
        engine,
        loaded,
        end,
        transcript,
    }
}

impl Run {
    /// The record: every Job and Pod (removed ones too), every event.
    pub fn record(&self) -> Record {
        let e = &self.engine;
        let mut objects: Vec<serde_json::Value> = Vec::new();
        for cron_job in e.cron_jobs().chain(e.removed_cron_jobs()) {
            objects.push(to_json(cron_job));
        }
        for job in e.jobs().chain(e.removed_jobs()) {
            objects.push(to_json(job));
        }
        let mut pods: Vec<&crate::api::Pod> = e.pods().chain(e.removed_pods()).collect();
        pods.sort_by(|a, b| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
                .then(a.metadata.name.cmp(&b.metadata.name))
        });
        for pod in pods {
            objects.push(to_json(pod));
        }
        Record {
            start: e.scenario().start,
            end: self.end,
            diagnostics: self.loaded.diagnostics.clone(),
            objects,
            events: e.events().to_vec(),
            trace: e.trace().map(<[TraceEntry]>::to_vec),
            terminal: self
                .transcript
                .iter()
                .map(|t| TerminalLine {
                    ran: t.ran,
                    ended: t.ended,
                    echo: t.echo.clone(),
                    output: t.output_text(),
                    status: t.status(),
                })
                .collect(),
        }
    }

    pub fn record_json(&self) -> String {
        serde_json::to_string_pretty(&self.record())
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
