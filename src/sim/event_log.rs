//! The append-only record of Kubernetes events and controller decisions.

use serde::Serialize;

use crate::api::Str;
use crate::controller::cronjob::ScheduleDecision;
use crate::controller::job::JobFacts;
use crate::time::SimTime;

/// A Kubernetes event as the record carries it (docs/scenario.md, "The record"): one entry per emission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    #[serde(serialize_with = "millis")]
    pub time: SimTime,
    /// Kind of the involved object: `Job`, `Pod`, `CronJob`, `Node`.
    pub kind: EventKind,
    /// The object's own name, shared with it (a run records several events per pod).
    pub name: Str,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub type_: EventType,
    /// A literal for the fixed reasons the engine emits, so most events allocate only their
    /// name and message (a 100,000-pod run records over 600,000 events).
    pub reason: Str,
    /// Shared with every other event of the same text when it does not name its object (the
    /// kubelet's `Pulling image`, `Started container` ...), which is most of them.
    pub message: Str,
    /// The emitting component (`job-controller`, `kubelet`, `default-scheduler` ...), shown by
    /// `kubectl describe` in the From column. Not part of the record's fixed JSON shape.
    #[serde(skip)]
    pub source: Component,
}

/// The labels of an event are a few fixed words; as enums they take a byte each instead of a
/// pointer and a length (the 100,000-completion run records 612,517 events). Each compares
/// equal to, prints as and serializes as its word.
macro_rules! event_words {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $word:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),*
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

event_words! {
    /// The kind of object an event is about.
    EventKind { Job => "Job", Pod => "Pod", CronJob => "CronJob", Node => "Node", Scenario => "Scenario" }
}

event_words! {
    /// `Normal` or `Warning`.
    EventType { Normal => "Normal", Warning => "Warning" }
}

impl EventType {
    /// The type of an event a controller reports with a `warning` flag (its `SyncOutput`
    /// events), as client-go's recorder takes `corev1.EventTypeWarning` or `EventTypeNormal`.
    pub fn warning_if(warning: bool) -> EventType {
        if warning {
            EventType::Warning
        } else {
            EventType::Normal
        }
    }
}

event_words! {
    /// The component that emitted an event, as `kubectl describe` shows it under From.
    Component {
        JobController => "job-controller",
        CronJobController => "cronjob-controller",
        Kubelet => "kubelet",
        Scheduler => "default-scheduler",
        NodeController => "node-controller",
        Jobplay => "jobplay",
    }
}

fn millis<S: serde::Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.rfc3339_millis())
}

/// Why the engine or a controller did (or did not do) something: the "explained" half of
/// the product. Each decision names the rule and the field values behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    #[serde(serialize_with = "millis")]
    pub time: SimTime,
    /// `Job/pi`, `Pod/pi-x7k2q`, `Node/node-1`.
    pub object: String,
    /// A short machine-readable kind: `create-pods`, `backoff-wait`, `fail-job` ...
    pub kind: &'static str,
    /// One sentence a learner can read.
    pub summary: String,
    /// The manifest fields and values the decision rested on, e.g. `("spec.backoffLimit", "6")`.
    pub fields: Vec<(String, String)>,
    /// How many events had been recorded when the decision was taken: it explains the events
    /// that follow it, which is where timelines show it.
    pub before_event: usize,
    /// For a CronJob decision, the scheduled time it is about and what became of it, as the
    /// controller decided it (the cron ruler and the why panel read this, never `summary`).
    /// A `Copy` value of two words, so a decision allocates nothing more for it; not part of
    /// the record's fixed JSON shape.
    #[serde(skip)]
    pub schedule: Option<ScheduleDecision>,
    /// For a Job decision, the numbers its sentence quotes (`controller/job/facts.rs`), which
    /// the caption words; not part of the record's fixed JSON shape.
    #[serde(skip)]
    pub facts: Option<JobFacts>,
    /// The pod a Job decision is about (a failure counted, ignored or fatal); not part of
    /// the record's fixed JSON shape.
    #[serde(skip)]
    pub pod: Option<Str>,
}

impl Decision {
    pub fn new(
        time: SimTime,
        object: impl Into<String>,
        kind: &'static str,
        summary: impl Into<String>,
    ) -> Self {
        Decision {
            time,
            object: object.into(),
            kind,
            summary: summary.into(),
            fields: Vec::new(),
            before_event: 0,
            schedule: None,
            facts: None,
            pod: None,
        }
    }
    pub fn field(mut self, path: &str, value: impl ToString) -> Self {
        self.fields.push((path.to_string(), value.to_string()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_flag_becomes_the_warning_type_and_prints_as_kubernetes_does() {
        assert_eq!(EventType::warning_if(true), EventType::Warning);
        assert_eq!(EventType::warning_if(false), EventType::Normal);
        assert_eq!(EventType::Warning.to_string(), "Warning");
        assert_eq!(
            serde_json::to_string(&EventType::Normal).unwrap(),
            "\"Normal\""
        );
    }
}
