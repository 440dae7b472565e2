//! Taints and tolerations as the scheduler's TaintToleration filter reads them
//! (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go): a node's
//! `NoSchedule` and `NoExecute` taints turn away every pod that does not tolerate them
//! (`PreferNoSchedule` only lowers a node's score, which jobplay's scoring leaves out).

use crate::scenario::Taint;

/// A taint a NotReady node carries, as the node lifecycle controller sets it
/// (pkg/controller/nodelifecycle: `node.kubernetes.io/not-ready`, `NoSchedule`).
pub fn not_ready() -> Taint {
    Taint {
        key: "node.kubernetes.io/not-ready".into(),
        value: String::new(),
        effect: "NoSchedule".into(),
    }
}

/// The taint a cordoned node stands for: NodeUnschedulable lets through a pod that tolerates
/// it (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go).
pub fn unschedulable() -> Taint {
    Taint {
        key: "node.kubernetes.io/unschedulable".into(),
        value: String::new(),
        effect: "NoSchedule".into(),
    }
}

/// Whether the filter lets a pod with `tolerations` onto a node with `taints`
/// (component-helpers `FindMatchingUntoleratedTaint` with `DoNotScheduleTaintsFilterFunc`).
pub fn tolerates_all(tolerations: &[serde_json::Value], taints: &[Taint]) -> bool {
    taints
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .all(|t| tolerates(tolerations, t))
}

/// Whether one of `tolerations` tolerates `taint` (core/v1 `Toleration.ToleratesTaint`):
/// an empty effect matches every effect, an empty key with `Exists` every key; `Equal` (the
/// default operator) wants the same value. The alpha comparison operators (`Gt`, `Lt`) are
/// off by default, so they tolerate nothing, as on a default cluster.
pub fn tolerates(tolerations: &[serde_json::Value], taint: &Taint) -> bool {
    let text = |v: &serde_json::Value, key: &str| -> String {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    tolerations.iter().any(|t| {
        let (key, effect) = (text(t, "key"), text(t, "effect"));
        if (!effect.is_empty() && effect != taint.effect) || (!key.is_empty() && key != taint.key) {
            return false;
        }
        match text(t, "operator").as_str() {
            "" | "Equal" => text(t, "value") == taint.value,
            "Exists" => true,
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        }
    }

    #[test]
    fn a_toleration_matches_on_key_value_and_effect_as_upstream() {
        let gpu = taint("gpu", "true", "NoSchedule");
        let cases = [
            (
                json!({"key": "gpu", "value": "true", "effect": "NoSchedule"}),
                true,
            ),
            (
                json!({"key": "gpu", "operator": "Equal", "value": "true"}),
                true,
            ),
            (json!({"key": "gpu", "value": "false"}), false),
            (json!({"key": "gpu", "operator": "Exists"}), true),
            (json!({"operator": "Exists"}), true),
            (json!({"operator": "Exists", "effect": "NoExecute"}), false),
            (json!({"key": "other", "operator": "Exists"}), false),
            (json!({"key": "gpu", "operator": "Gt", "value": "1"}), false),
        ];
        for (toleration, expected) in cases {
            assert_eq!(
                tolerates(std::slice::from_ref(&toleration), &gpu),
                expected,
                "{toleration}"
            );
        }
    }

    #[test]
    fn only_taints_that_stop_scheduling_need_tolerating() {
        let taints = [
            taint("a", "", "PreferNoSchedule"),
            taint("b", "", "NoExecute"),
        ];
        assert!(!tolerates_all(&[], &taints));
        assert!(tolerates_all(
            &[json!({"key": "b", "operator": "Exists"})],
            &taints
        ));
        assert!(tolerates_all(&[], &taints[..1]));
    }
}
