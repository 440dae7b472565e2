//! The scheduler's NodeAffinity filter (pkg/scheduler/framework/plugins/nodeaffinity): a pod's
//! `nodeSelector` and its required node affinity (component-helpers
//! scheduling/corev1/nodeaffinity `GetRequiredNodeAffinity`) against a node's labels and name.
//! Preferred node affinity only scores nodes, which jobplay's scoring leaves out (the load
//! says so).

use crate::api::Pod;
use crate::scenario::NodeInfo;
use serde_json::Value;

/// What a pod requires of its node, or `None` when it requires nothing (most pods: the
/// scheduler then skips the check).
pub struct RequiredNodeAffinity<'p> {
    selector: &'p std::collections::BTreeMap<String, String>,
    /// `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`: any term may match.
    terms: Option<&'p [Value]>,
}

impl<'p> RequiredNodeAffinity<'p> {
    pub fn of(pod: &'p Pod) -> Option<Self> {
        let pass = &pod.spec.pass_through;
        let terms = pass
            .affinity
            .as_deref()
            .and_then(|a| a.pointer("/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms"))
            .and_then(Value::as_array)
            .map(Vec::as_slice);
        (terms.is_some() || !pass.node_selector.is_empty()).then_some(RequiredNodeAffinity {
            selector: &pass.node_selector,
            terms,
        })
    }

    /// Whether `node` satisfies both the selector and one of the terms.
    pub fn matches(&self, node: &NodeInfo) -> bool {
        let selected = self
            .selector
            .iter()
            .all(|(k, v)| node.label(k) == Some(v.as_str()));
        selected
            && self
                .terms
                .is_none_or(|terms| terms.iter().any(|t| term_matches(t, node)))
    }
}

/// A `NodeSelectorTerm`: every expression and field requirement holds. A term with neither
/// matches no node (`nodeSelectorTerm.match`); an expression that does not parse makes its
/// term match nothing (the filter ignores parse errors "for backwards compatibility").
fn term_matches(term: &Value, node: &NodeInfo) -> bool {
    let list = |key: &str| {
        term.get(key)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
    };
    let (expressions, fields) = (list("matchExpressions"), list("matchFields"));
    if expressions.is_empty() && fields.is_empty() {
        return false;
    }
    expressions
        .iter()
        .all(|e| requirement_holds(e, |k| node.label(k)))
        && fields.iter().all(|e| {
            // Only `metadata.name` is a node field a term may select on.
            e.get("key").and_then(Value::as_str) == Some("metadata.name")
                && matches!(
                    e.get("operator").and_then(Value::as_str),
                    Some("In" | "NotIn")
                )
                && requirement_holds(e, |k| (k == "metadata.name").then_some(&*node.name))
        })
}

/// One `NodeSelectorRequirement` against a lookup of the node's values
/// (apimachinery labels `Requirement.Matches`, as `NodeSelectorRequirementsAsSelector` builds it).
fn requirement_holds<'n>(e: &Value, value_of: impl Fn(&str) -> Option<&'n str>) -> bool {
    let Some(key) = e.get("key").and_then(Value::as_str) else {
        return false;
    };
    let values: Vec<&str> = e
        .get("values")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |v| v.iter().filter_map(Value::as_str).collect());
    let have = value_of(key);
    let number = |s: &str| s.parse::<i64>().ok();
    let compare = |wins: fn(i64, i64) -> bool| match (have.and_then(number), values.as_slice()) {
        (Some(h), [v]) => number(v).is_some_and(|v| wins(h, v)),
        _ => false,
    };
    match e.get("operator").and_then(Value::as_str) {
        Some("In") => have.is_some_and(|h| values.contains(&h)),
        Some("NotIn") => have.is_none_or(|h| !values.contains(&h)),
        Some("Exists") => have.is_some(),
        Some("DoesNotExist") => have.is_none(),
        Some("Gt") => compare(|h, v| h > v),
        Some("Lt") => compare(|h, v| h < v),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(labels: &[(&str, &str)]) -> NodeInfo {
        NodeInfo {
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..crate::scenario::Scenario::default().nodes[0].clone()
        }
    }

    fn pod(spec: Value) -> Pod {
        let mut spec = spec;
        spec["containers"] = json!([{"name": "c", "image": "busybox"}]);
        serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": spec})).unwrap()
    }

    fn matches(spec: Value, labels: &[(&str, &str)]) -> Option<bool> {
        let pod = pod(spec);
        RequiredNodeAffinity::of(&pod).map(|a| a.matches(&node(labels)))
    }

    fn required(expressions: Value) -> Value {
        json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
            {"nodeSelectorTerms": [{"matchExpressions": expressions}]}}}})
    }

    #[test]
    fn a_pod_without_requirements_is_not_checked() {
        assert_eq!(matches(json!({}), &[]), None);
        let preferred = json!({"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": []}}});
        assert_eq!(matches(preferred, &[]), None);
    }

    #[test]
    fn a_node_selector_needs_every_label_and_the_defaults_count() {
        let ssd = json!({"nodeSelector": {"disk": "ssd", "kubernetes.io/os": "linux"}});
        assert_eq!(matches(ssd.clone(), &[("disk", "ssd")]), Some(true));
        assert_eq!(matches(ssd.clone(), &[("disk", "hdd")]), Some(false));
        assert_eq!(matches(ssd, &[]), Some(false));
        let host = json!({"nodeSelector": {"kubernetes.io/hostname": "node-1"}});
        assert_eq!(matches(host, &[]), Some(true));
    }

    #[test]
    fn required_affinity_operators_as_label_selectors_read_them() {
        let labels = [("zone", "a"), ("cores", "8")];
        let cases = [
            (
                json!([{"key": "zone", "operator": "In", "values": ["a", "b"]}]),
                true,
            ),
            (
                json!([{"key": "zone", "operator": "NotIn", "values": ["a"]}]),
                false,
            ),
            (
                json!([{"key": "rack", "operator": "NotIn", "values": ["a"]}]),
                true,
            ),
            (json!([{"key": "zone", "operator": "Exists"}]), true),
            (json!([{"key": "zone", "operator": "DoesNotExist"}]), false),
            (
                json!([{"key": "cores", "operator": "Gt", "values": ["4"]}]),
                true,
            ),
            (
                json!([{"key": "cores", "operator": "Lt", "values": ["4"]}]),
                false,
            ),
            (
                json!([{"key": "cores", "operator": "Gt", "values": ["x"]}]),
                false,
            ),
            (
                json!([{"key": "zone", "operator": "In", "values": ["a"]}, {"key": "cores", "operator": "Exists"}]),
                true,
            ),
            (json!([]), false),
        ];
        for (expressions, expected) in cases {
            assert_eq!(
                matches(required(expressions.clone()), &labels),
                Some(expected),
                "{expressions}"
            );
        }
    }

    #[test]
    fn any_term_may_match_and_fields_select_the_node_name() {
        let terms = json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
        {"nodeSelectorTerms": [
            {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["b"]}]},
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-1"]}]}
        ]}}}});
        assert_eq!(matches(terms, &[("zone", "a")]), Some(true));
    }
}
