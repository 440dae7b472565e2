//! Whether the kubelet restarts a container that exited: its `restartPolicyRules` in order,
//! then its own `restartPolicy`, then the pod's (pkg/api/v1/pod/util.go
//! `ContainerShouldRestart`, which the kubelet uses since ContainerRestartRules went beta and
//! on by default in v1.35).

use crate::api::Container;

/// What a matching rule asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleAction {
    /// `Restart`: this container restarts in place.
    Restart,
    /// `RestartAllContainers` (RestartAllContainersOnContainerExits, beta and on since
    /// v1.36): every container of the pod restarts, init containers first.
    RestartAllContainers,
}

/// Whether the container restarts after exiting with `code`, under the pod's `restartPolicy`.
pub fn container_should_restart(c: &Container, pod_policy: Option<&str>, code: i32) -> bool {
    if let Some(policy) = c.restart_policy.as_deref() {
        if matching_rule(c, code).is_some() {
            return true;
        }
        match policy {
            "Always" => return true,
            "OnFailure" => return code != 0,
            "Never" => return false,
            _ => {}
        }
    }
    match pod_policy {
        Some("OnFailure") => code != 0,
        Some("Never") => false,
        _ => true,
    }
}

/// `FindMatchingContainerRestartRule`: the action of the first rule whose `exitCodes` match.
/// A rule with an action this version does not know is passed over, as the kubelet falls back
/// to the container's policy.
pub fn matching_rule(c: &Container, code: i32) -> Option<RuleAction> {
    let rules = c.restart_policy_rules.as_deref()?.as_array()?;
    rules.iter().find_map(|rule| {
        let codes = rule.get("exitCodes")?;
        let values = codes.get("values").and_then(serde_json::Value::as_array);
        let listed = values.is_some_and(|v| v.iter().any(|x| x.as_i64() == Some(i64::from(code))));
        let matched = match codes.get("operator").and_then(serde_json::Value::as_str) {
            Some("In") => listed,
            Some("NotIn") => !listed,
            _ => false,
        };
        if !matched {
            return None;
        }
        match rule.get("action").and_then(serde_json::Value::as_str) {
            Some("Restart") => Some(RuleAction::Restart),
            Some("RestartAllContainers") => Some(RuleAction::RestartAllContainers),
            _ => None,
        }
    })
}

/// Whether any rule of the container asks to restart every container: jobplay restarts only
/// the container that exited, so the pod's notes say so.
pub fn restarts_all_containers(c: &Container) -> bool {
    let rules = c
        .restart_policy_rules
        .as_deref()
        .and_then(serde_json::Value::as_array);
    rules.is_some_and(|rules| {
        rules.iter().any(|r| {
            r.get("action").and_then(serde_json::Value::as_str) == Some("RestartAllContainers")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(json: &str) -> Container {
        serde_json::from_str(json).expect("a container")
    }

    /// The cases of upstream's util_test.go `TestContainerShouldRestart`, in its terms.
    #[test]
    fn rules_then_the_containers_policy_then_the_pods() {
        let plain = container(r#"{"name": "c"}"#);
        assert!(container_should_restart(&plain, Some("OnFailure"), 1));
        assert!(!container_should_restart(&plain, Some("OnFailure"), 0));
        assert!(!container_should_restart(&plain, Some("Never"), 1));
        let own = container(r#"{"name": "c", "restartPolicy": "OnFailure"}"#);
        assert!(container_should_restart(&own, Some("Never"), 1));
        assert!(!container_should_restart(&own, Some("Never"), 0));
        let rules = container(
            r#"{"name": "c", "restartPolicy": "Never", "restartPolicyRules": [
                {"action": "Restart", "exitCodes": {"operator": "In", "values": [42, 43]}},
                {"action": "Restart", "exitCodes": {"operator": "NotIn", "values": [0, 1, 42, 43]}}]}"#,
        );
        assert!(container_should_restart(&rules, Some("Never"), 42));
        assert!(container_should_restart(&rules, Some("Never"), 7));
        assert!(!container_should_restart(&rules, Some("Never"), 1));
        assert!(!container_should_restart(&rules, Some("Never"), 0));
        // Rules only apply with a container-level policy.
        let no_policy = container(
            r#"{"name": "c", "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [1]}}]}"#,
        );
        assert!(!container_should_restart(&no_policy, Some("Never"), 1));
        let all = container(
            r#"{"name": "c", "restartPolicy": "Never", "restartPolicyRules": [{"action": "RestartAllContainers", "exitCodes": {"operator": "In", "values": [3]}}]}"#,
        );
        assert_eq!(
            matching_rule(&all, 3),
            Some(RuleAction::RestartAllContainers)
        );
        assert!(restarts_all_containers(&all));
        assert!(!restarts_all_containers(&rules));
    }
}
