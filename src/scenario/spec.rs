//! The `jobplay.dev/v1alpha1` Scenario document, as written (docs/scenario.md). Every field is
//! optional; `scenario::load` resolves it into a runnable [`super::Scenario`].

// The documents are only read; they derive `Serialize` in the tests alone, which check each
// decoding table against the names it writes.
#[cfg(test)]
use serde::Serialize;
use std::collections::BTreeMap;

use crate::api::quantity::Quantity;
use crate::api::table::deserialize_by_table;
use crate::api::ObjectMeta;

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct ScenarioDoc {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: ScenarioSpec,
}

deserialize_by_table!(ScenarioDoc {
    api_version: "apiVersion",
    kind: "kind",
    metadata: "metadata",
    spec: "spec",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct ScenarioSpec {
    /// All randomness derives from it (default 1).
    pub seed: Option<u64>,
    /// RFC 3339 start of the virtual clock.
    pub start: Option<String>,
    /// The controller manager's local zone, for CronJobs without `spec.timeZone`.
    pub time_zone: Option<String>,
    /// When to stop; default: when nothing more can happen, capped at 24h.
    pub until: Option<String>,
    pub nodes: Vec<NodeDoc>,
    pub timing: TimingDoc,
    pub images: ImagesDoc,
    pub behaviors: Vec<BehaviorDoc>,
    pub actions: Vec<ActionDoc>,
    /// Lines typed at the page's terminal (or written for a widget's `view="terminal"`).
    pub terminal: Vec<TerminalDoc>,
}

deserialize_by_table!(ScenarioSpec {
    seed: "seed",
    start: "start",
    time_zone: "timeZone",
    until: "until",
    nodes: "nodes",
    timing: "timing",
    images: "images",
    behaviors: "behaviors",
    actions: "actions",
    terminal: "terminal",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct NodeDoc {
    pub name: String,
    pub cpu: Option<Quantity>,
    pub memory: Option<Quantity>,
    /// Allocatable pods (the kubelet's `maxPods`); 110 when not given.
    pub pods: Option<Quantity>,
    /// Labels beside the ones every node has, for `nodeSelector` and node affinity.
    pub labels: BTreeMap<String, String>,
    /// Taints (`{key, value, effect}`), for tolerations.
    pub taints: Vec<TaintDoc>,
}

deserialize_by_table!(NodeDoc {
    name: "name",
    cpu: "cpu",
    memory: "memory",
    pods: "pods",
    labels: "labels",
    taints: "taints",
});

/// A node taint as the Scenario writes it (core/v1 `Taint` without `timeAdded`).
#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct TaintDoc {
    pub key: String,
    pub value: String,
    pub effect: String,
}

deserialize_by_table!(TaintDoc {
    key: "key",
    value: "value",
    effect: "effect",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct TimingDoc {
    pub startup: Option<String>,
    pub run: Option<String>,
    pub terminate: Option<String>,
}

deserialize_by_table!(TimingDoc {
    startup: "startup",
    run: "run",
    terminate: "terminate",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct ImagesDoc {
    /// Glob patterns (`*` wildcard) of images whose pulls fail.
    pub unavailable: Vec<String>,
}

deserialize_by_table!(ImagesDoc {
    unavailable: "unavailable",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct BehaviorDoc {
    #[cfg_attr(test, serde(rename = "match"))]
    pub match_: MatchDoc,
    pub attempts: Vec<AttemptDoc>,
    pub fail_probability: Option<f64>,
    pub startup: Option<String>,
    pub run: Option<String>,
    pub exit: Option<i32>,
    pub terminate: Option<String>,
}

deserialize_by_table!(BehaviorDoc {
    match_: "match",
    attempts: "attempts",
    fail_probability: "failProbability",
    startup: "startup",
    run: "run",
    exit: "exit",
    terminate: "terminate",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct MatchDoc {
    pub job: Option<String>,
    pub cron_job: Option<String>,
    pub index: Option<i32>,
    pub container: Option<String>,
}

deserialize_by_table!(MatchDoc {
    job: "job",
    cron_job: "cronJob",
    index: "index",
    container: "container",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct AttemptDoc {
    pub startup: Option<String>,
    pub run: Option<String>,
    pub exit: Option<i32>,
}

deserialize_by_table!(AttemptDoc {
    startup: "startup",
    run: "run",
    exit: "exit",
});

#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct ActionDoc {
    pub at: Option<String>,
    pub action: String,
    pub target: String,
    pub exit_code: Option<i32>,
    #[cfg_attr(test, serde(rename = "type"))]
    pub type_: Option<String>,
    pub reason: Option<String>,
    pub value: Option<i32>,
}

deserialize_by_table!(ActionDoc {
    at: "at",
    action: "action",
    target: "target",
    exit_code: "exitCode",
    type_: "type",
    reason: "reason",
    value: "value",
});

/// One typed command line: `{at: 45s, run: "kubectl get pods"}`.
#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub struct TerminalDoc {
    pub at: Option<String>,
    pub run: String,
}

deserialize_by_table!(TerminalDoc {
    at: "at",
    run: "run",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::table::assert_table_matches_serialize as check;

    #[test]
    fn tables_name_the_fields_as_the_documents_spell_them() {
        check::<ScenarioDoc>();
        check::<ScenarioSpec>();
        check::<NodeDoc>();
        check::<TimingDoc>();
        check::<ImagesDoc>();
        check::<BehaviorDoc>();
        check::<MatchDoc>();
        check::<AttemptDoc>();
        check::<ActionDoc>();
        check::<TerminalDoc>();
    }
}
