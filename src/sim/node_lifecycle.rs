//! What happens to a node when it is cordoned, uncordoned, drained, failed or restored: its
//! `spec.unschedulable` (`kubectl cordon`, `kubectl drain`) and Ready condition, the event
//! that reports the change, and which pods leave it. A drain evicts its pods through the
//! Eviction API; a failed node's `node.kubernetes.io/not-ready` NoExecute taint has them
//! deleted by the taint manager (`pkg/controller/tainteviction/taint_eviction.go`), with the
//! `DisruptionTarget` condition each sets.
//!
//! [`change`] updates the node and says what else follows; the engine emits the event,
//! deletes the pods and asks for a scheduling pass.

use super::event_log::Component;
use super::store::NodeState;
use crate::scenario::action::Verb;

/// What follows a node's change, for the engine to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeChange {
    /// The event's reason; its message is `Node NAME status is now: REASON`.
    pub status: &'static str,
    /// Who reports it: the kubelet for its own node's schedulability and readiness, the node
    /// lifecycle controller when the node stops answering.
    pub source: Component,
    /// The pods on the node are deleted, each first given this `DisruptionTarget` condition.
    pub evict: Option<Disruption>,
    /// Room may have appeared: pending pods get another scheduling pass.
    pub reschedule: bool,
}

/// The `DisruptionTarget` condition a pod gets before it is deleted from a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Disruption {
    pub reason: &'static str,
    pub message: &'static str,
}

const EVICTION: Disruption = Disruption {
    reason: "EvictionByEvictionAPI",
    message: "Eviction API: evicting",
};

const TAINT_MANAGER: Disruption = Disruption {
    reason: "DeletionByTaintManager",
    message: "Taint manager: deleting due to NoExecute taint",
};

/// Applies a node verb to `node`; `None` for a verb that is not about nodes.
pub fn change(node: &mut NodeState, verb: &Verb) -> Option<NodeChange> {
    let kubelet = |status, evict, reschedule| NodeChange {
        status,
        source: Component::Kubelet,
        evict,
        reschedule,
    };
    Some(match verb {
        Verb::CordonNode => {
            node.unschedulable = true;
            kubelet("NodeNotSchedulable", None, false)
        }
        Verb::UncordonNode => {
            node.unschedulable = false;
            kubelet("NodeSchedulable", None, true)
        }
        Verb::DrainNode => {
            node.unschedulable = true;
            kubelet("NodeNotSchedulable", Some(EVICTION), false)
        }
        Verb::FailNode => {
            node.ready = false;
            NodeChange {
                status: "NodeNotReady",
                source: Component::NodeController,
                evict: Some(TAINT_MANAGER),
                reschedule: false,
            }
        }
        Verb::RestoreNode => {
            node.ready = true;
            node.unschedulable = false;
            kubelet("NodeReady", None, true)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::NodeInfo;

    fn node() -> NodeState {
        NodeState {
            ip: "10.0.1.2".into(),
            info: NodeInfo {
                name: "node-1".into(),
                cpu_milli: 4000,
                memory_milli: 8000,
                pods: crate::scenario::DEFAULT_MAX_PODS,
                labels: Vec::new(),
                taints: Vec::new(),
            },
            unschedulable: false,
            ready: true,
            ips_given: 0,
            pod_ips: Vec::new(),
            images: Vec::new(),
        }
    }

    #[test]
    fn a_drained_node_is_unschedulable_and_its_pods_are_evicted() {
        let mut n = node();
        let c = change(&mut n, &Verb::DrainNode).unwrap();
        assert!(n.unschedulable && n.ready);
        assert_eq!(c.status, "NodeNotSchedulable");
        assert_eq!(c.evict, Some(EVICTION));
        assert!(!c.reschedule);
    }

    #[test]
    fn a_failed_node_is_reported_by_the_node_controller_and_its_pods_deleted_by_the_taint_manager()
    {
        let mut n = node();
        let c = change(&mut n, &Verb::FailNode).unwrap();
        assert!(!n.ready && !n.unschedulable);
        assert_eq!(
            (c.status, c.source, c.evict),
            (
                "NodeNotReady",
                Component::NodeController,
                Some(TAINT_MANAGER)
            )
        );
    }

    #[test]
    fn a_restored_node_is_ready_and_schedulable_again_and_pending_pods_get_a_pass() {
        let mut n = node();
        change(&mut n, &Verb::FailNode);
        change(&mut n, &Verb::CordonNode);
        let c = change(&mut n, &Verb::RestoreNode).unwrap();
        assert!(n.ready && !n.unschedulable);
        assert_eq!((c.status, c.evict, c.reschedule), ("NodeReady", None, true));
    }

    #[test]
    fn cordoning_keeps_the_pods_and_uncordoning_asks_for_a_pass() {
        let mut n = node();
        let cordon = change(&mut n, &Verb::CordonNode).unwrap();
        assert!(n.unschedulable);
        assert_eq!((cordon.evict, cordon.reschedule), (None, false));
        let uncordon = change(&mut n, &Verb::UncordonNode).unwrap();
        assert!(!n.unschedulable);
        assert_eq!(
            (uncordon.status, uncordon.reschedule),
            ("NodeSchedulable", true)
        );
        assert_eq!(change(&mut n, &Verb::SucceedPod), None);
    }
}
