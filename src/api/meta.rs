//! `metav1` types: object metadata, owner references, conditions, timestamps, selectors.

use super::shared::Shared;
use super::str::Str;
use super::table::deserialize_by_table;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

use crate::time::SimTime;

/// `metav1.Time`: an instant serialized as RFC 3339 with whole seconds, as Kubernetes does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Time(pub SimTime);

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // Timestamps in pasted manifests are server-owned and ignored; an unreadable one
        // falls back to the epoch rather than failing the object.
        Ok(Time(SimTime::parse_rfc3339(&text).unwrap_or_default()))
    }
}

/// `metav1.ObjectMeta`, the fields a Job simulation reads or writes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub name: Str,
    /// Prefix the API server completes with 5 random characters when `name` is empty.
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub generate_name: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub namespace: Str,
    /// Assigned by the simulated API server on create.
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub uid: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub resource_version: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    /// Set when deletion was requested: request time plus the grace period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: Shared<BTreeMap<Str, Str>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: Shared<BTreeMap<Str, Str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub owner_references: Shared<Vec<OwnerReference>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<Str>,
}

deserialize_by_table!(ObjectMeta {
    name: "name",
    generate_name: "generateName",
    namespace: "namespace",
    uid: "uid",
    resource_version: "resourceVersion",
    generation: "generation",
    creation_timestamp: "creationTimestamp",
    deletion_timestamp: "deletionTimestamp",
    deletion_grace_period_seconds: "deletionGracePeriodSeconds",
    labels: "labels",
    annotations: "annotations",
    owner_references: "ownerReferences",
    finalizers: "finalizers",
});

impl ObjectMeta {
    /// A spec update as the API server records it: the generation goes up and the object gets
    /// a new resourceVersion.
    pub fn record_spec_change(&mut self, resource_version: Str) {
        self.generation = Some(self.generation.unwrap_or(1) + 1);
        self.resource_version = resource_version;
    }
}

/// `metav1.OwnerReference`. The Job controller sets `controller: true` on the pods it creates.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    pub api_version: Str,
    pub kind: Str,
    pub name: Str,
    pub uid: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

deserialize_by_table!(OwnerReference {
    api_version: "apiVersion",
    kind: "kind",
    name: "name",
    uid: "uid",
    controller: "controller",
    block_owner_deletion: "blockOwnerDeletion",
});

/// `metav1.LabelSelector`. Jobs get `matchLabels: {batch.kubernetes.io/controller-uid: <uid>}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<Str, Str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<serde_json::Value>,
}

deserialize_by_table!(LabelSelector {
    match_labels: "matchLabels",
    match_expressions: "matchExpressions",
});

/// A status condition as Jobs and Pods carry them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: Str,
    /// `"True"`, `"False"` or `"Unknown"`.
    pub status: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_probe_time: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub reason: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub message: Str,
}

deserialize_by_table!(Condition {
    type_: "type",
    status: "status",
    last_probe_time: "lastProbeTime",
    last_transition_time: "lastTransitionTime",
    reason: "reason",
    message: "message",
});

impl Condition {
    pub fn is_true(&self) -> bool {
        self.status == "True"
    }
}

/// The first condition of `type_` that is `True`, if any.
pub fn true_condition<'c>(conditions: &'c [Condition], type_: &str) -> Option<&'c Condition> {
    conditions.iter().find(|c| c.type_ == type_ && c.is_true())
}
