//! The `jobplay.dev/v1alpha1` Scenario document, as written (docs/scenario.md). Every field is
//! optional; `scenario::load` resolves it into a runnable [`super::Scenario`].

use serde::Deserialize;

use crate::api::quantity::Quantity;
use crate::api::ObjectMeta;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ScenarioDoc {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: ScenarioSpec,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeDoc {
    pub name: String,
    pub cpu: Option<Quantity>,
    pub memory: Option<Quantity>,
    /// Allocatable pods (the kubelet's `maxPods`); 110 when not given.
    pub pods: Option<Quantity>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TimingDoc {
    pub startup: Option<String>,
    pub run: Option<String>,
    pub terminate: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImagesDoc {
    /// Glob patterns (`*` wildcard) of images whose pulls fail.
    pub unavailable: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BehaviorDoc {
    #[serde(rename = "match")]
    pub match_: MatchDoc,
    pub attempts: Vec<AttemptDoc>,
    pub fail_probability: Option<f64>,
    pub startup: Option<String>,
    pub run: Option<String>,
    pub exit: Option<i32>,
    pub terminate: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MatchDoc {
    pub job: Option<String>,
    pub cron_job: Option<String>,
    pub index: Option<i32>,
    pub container: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AttemptDoc {
    pub startup: Option<String>,
    pub run: Option<String>,
    pub exit: Option<i32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ActionDoc {
    pub at: Option<String>,
    pub action: String,
    pub target: String,
    pub exit_code: Option<i32>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub reason: Option<String>,
    pub value: Option<i32>,
}
