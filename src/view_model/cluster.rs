//! The cluster picture the UI draws: nodes as lanes, pods as cards, Jobs with counters.
//! Plain data, computed from the engine at one instant.

use super::kubectl::{job_completions, job_status, pod_status};
use crate::api::Pod;
use crate::sim::store::Store;
use crate::sim::Engine;
use crate::time::SimDuration;

/// What a pod card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PodCard {
    pub name: String,
    pub job: String,
    pub index: Option<i32>,
    /// The kubectl STATUS word (`ContainerCreating`, `Running`, `Completed`, `Error` ...).
    pub status: String,
    /// A CSS-friendly state: pending, creating, running, succeeded, failed, crashloop, terminating.
    pub state: &'static str,
    pub restarts: i32,
    pub exit_code: Option<i32>,
    pub node: String,
}

/// A node lane.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLane {
    pub name: String,
    pub cpu_milli: i128,
    pub memory_milli: i128,
    pub ready: bool,
    pub unschedulable: bool,
    pub pods: Vec<PodCard>,
}

/// What a Job card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct JobCard {
    pub name: String,
    pub status: &'static str,
    pub completions: String,
    pub active: i32,
    pub ready: i32,
    pub succeeded: i32,
    pub failed: i32,
    pub terminating: i32,
    /// (type, status, reason, message)
    pub conditions: Vec<(String, String, String, String)>,
    /// Replacement pods wait this long for the failure back-off.
    pub backoff_remaining: Option<SimDuration>,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    pub nodes: Vec<NodeLane>,
    /// Pods not bound to any node (Pending, FailedScheduling).
    pub unscheduled: Vec<PodCard>,
    pub jobs: Vec<JobCard>,
}

/// The card state class for a kubectl STATUS word.
pub fn state_class(pod: &Pod, status: &str) -> &'static str {
    if pod.is_deleting() && !pod.is_terminal() {
        return "terminating";
    }
    match status {
        "Completed" => "succeeded",
        "Running" => "running",
        "ContainerCreating" | "PodInitializing" => "creating",
        "CrashLoopBackOff" => "crashloop",
        "Pending" => "pending",
        s if s.starts_with("Init:") && (s.contains("Error") || s.contains("CrashLoop")) => "failed",
        s if s.starts_with("Init:") => "creating",
        "ErrImagePull" | "ImagePullBackOff" | "CreateContainerConfigError" => "blocked",
        _ if pod.status.phase == "Failed" => "failed",
        _ => "pending",
    }
}

fn card(pod: &Pod) -> PodCard {
    let status = pod_status(pod);
    let exit_code = pod.status.container_statuses.iter().filter_map(|c| c.state.terminated.as_ref()).map(|t| t.exit_code).find(|c| *c != 0).or_else(|| pod.status.container_statuses.iter().find_map(|c| c.state.terminated.as_ref().map(|t| t.exit_code)));
    PodCard {
        name: pod.metadata.name.clone(),
        job: Store::owner_job(pod).unwrap_or("").to_string(),
        index: pod.completion_index(),
        state: state_class(pod, &status),
        status,
        restarts: pod.status.container_statuses.iter().map(|c| c.restart_count).sum(),
        exit_code,
        node: pod.spec.node_name.clone(),
    }
}

/// Projects the engine's current state.
pub fn cluster_view(engine: &Engine) -> ClusterView {
    let mut nodes: Vec<NodeLane> = engine
        .nodes()
        .iter()
        .map(|n| NodeLane { name: n.info.name.clone(), cpu_milli: n.info.cpu_milli, memory_milli: n.info.memory_milli, ready: n.ready, unschedulable: n.unschedulable, pods: Vec::new() })
        .collect();
    let mut unscheduled = Vec::new();
    let mut pods: Vec<&Pod> = engine.pods().collect();
    pods.sort_by(|a, b| a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then(a.metadata.name.cmp(&b.metadata.name)));
    for pod in pods {
        let c = card(pod);
        match nodes.iter_mut().find(|n| n.name == c.node) {
            Some(lane) => lane.pods.push(c),
            None => unscheduled.push(c),
        }
    }
    let now = engine.now();
    let jobs = engine
        .jobs()
        .map(|j| {
            let backoff = engine.job_backoff(j.name()).map(|b| b.remaining(now)).filter(|r| *r > SimDuration::ZERO && !j.is_finished());
            JobCard {
                name: j.metadata.name.clone(),
                status: job_status(j),
                completions: job_completions(j),
                active: j.status.active,
                ready: j.status.ready.unwrap_or(0),
                succeeded: j.status.succeeded,
                failed: j.status.failed,
                terminating: j.status.terminating.unwrap_or(0),
                conditions: j.status.conditions.iter().map(|c| (c.type_.clone(), c.status.clone(), c.reason.clone(), c.message.clone())).collect(),
                backoff_remaining: backoff,
            }
        })
        .collect();
    ClusterView { nodes, unscheduled, jobs }
}
