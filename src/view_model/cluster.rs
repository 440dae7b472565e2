//! The cluster picture the UI draws: nodes as lanes, pods as cards, Jobs with counters.
//! Plain data, computed from the engine at one instant.

use super::kubectl::{job_completions, job_status, pod_status};
use crate::api::{Pod, Str};
use crate::sim::store::Store;
use crate::sim::Engine;
use crate::time::SimDuration;

/// What a pod tile shows (its name and status also on hover and focus).
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
    /// A running pod: how long its containers were planned to run when they started (the
    /// kubelet knows it: a behaviour's `run`, the script's sleeps, else the default timing).
    pub planned: Option<SimDuration>,
    /// How much of `planned` has passed, in whole percent (0 to 100).
    pub progress: Option<u8>,
}

impl PodCard {
    /// The tile in words, for its tooltip and accessible name: `pi-abcde: Running, 40% of its
    /// 10s run` or `pi-x: Error, exit code 1`.
    pub fn describe(&self) -> String {
        use std::fmt::Write;
        let mut text = format!("{}: {}", self.name, self.status);
        if let Some(i) = self.index {
            let _ = write!(text, ", index {i}");
        }
        // In tenths, as the tile's fill: a title that changed every frame would make a
        // thousand running tiles rewrite their attributes every frame.
        if let (Some(run), Some(p)) = (self.planned, self.progress) {
            let _ = write!(text, ", {}% of its {} run", p / 10 * 10, run.human());
        }
        if let Some(code) = self.exit_code {
            let _ = write!(text, ", exit code {code}");
        }
        if self.restarts > 0 {
            let _ = write!(text, ", {} restarts", self.restarts);
        }
        text
    }

    /// What a large tile writes beside its icon: the completion index, the exit code of a
    /// finished pod (`exit 3`), the restarts (`↻2`).
    pub fn badge(&self) -> String {
        use std::fmt::Write;
        let mut text = String::new();
        if let Some(i) = self.index {
            let _ = write!(text, "#{i} ");
        }
        if let Some(code) = self.exit_code {
            let _ = write!(text, "exit {code} ");
        }
        if self.restarts > 0 {
            let _ = write!(text, "↻{}", self.restarts);
        }
        text.trim_end().to_string()
    }
}

/// How big pod tiles are drawn, one size for the whole picture, chosen from the most tiles
/// any lane holds so that every lane stays a few rows high.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileSize {
    /// Icon, completion index and exit code on the tile.
    Large,
    /// The icon only.
    Medium,
    /// Colour and the progress fill; icon and words on hover and focus.
    Small,
}

impl TileSize {
    /// For a picture whose fullest tiled lane holds `most` pods.
    pub fn for_lane_of(most: usize) -> TileSize {
        if most <= LARGE_TILES_UP_TO {
            TileSize::Large
        } else if most <= MEDIUM_TILES_UP_TO {
            TileSize::Medium
        } else {
            TileSize::Small
        }
    }

    /// The tile's CSS class.
    pub fn class(self) -> &'static str {
        match self {
            TileSize::Large => "jp-tile-l",
            TileSize::Medium => "jp-tile-m",
            TileSize::Small => "jp-tile-s",
        }
    }
}

/// Lanes of at most this many pods keep large tiles.
pub const LARGE_TILES_UP_TO: usize = 24;
/// Then medium tiles, up to this many in the fullest lane.
pub const MEDIUM_TILES_UP_TO: usize = 120;
/// A lane of more pods than this shows them counted by phase with a bar, not as tiles: a
/// 10,000-pod Job stays one screen, and a frame redraws a bounded number of tiles (1,000
/// running pods as 333 tiles a lane cost 75 ms a frame; two nodes full at 110 plus a
/// pending area of 170 stay tiles).
pub const TILES_UP_TO: usize = 240;

/// How many of a lane's pods are in one state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseCount {
    /// The tile state class ([`state_class`]).
    pub state: &'static str,
    /// The state in words.
    pub label: &'static str,
    pub count: usize,
}

/// The pods of a lane (a node, or the pending area): tiles, or, past [`TILES_UP_TO`], only
/// their counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanePods {
    /// In creation order; empty when the lane is aggregated.
    pub tiles: Vec<PodCard>,
    /// Pods per state, in [`STATES`] order, states with none left out.
    pub counts: Vec<PhaseCount>,
    pub total: usize,
    /// Too many pods for tiles: the lane shows `counts` with a bar.
    pub aggregated: bool,
}

/// Tile states in the order counts and bars list them, with their words.
pub const STATES: [(&str, &str); 8] = [
    ("running", "Running"),
    ("creating", "Creating"),
    ("pending", "Pending"),
    ("blocked", "Blocked"),
    ("crashloop", "CrashLoopBackOff"),
    ("terminating", "Terminating"),
    ("succeeded", "Succeeded"),
    ("failed", "Failed"),
];

/// A node lane.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLane {
    pub name: String,
    pub cpu_milli: i128,
    pub memory_milli: i128,
    /// Allocatable pods (the kubelet's `maxPods`, 110 unless the Scenario says).
    pub pods_allowed: u32,
    /// Pods bound here and not finished: what `pods_allowed` limits.
    pub pods_bound: usize,
    pub ready: bool,
    pub unschedulable: bool,
    pub pods: LanePods,
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
    /// An Indexed Job's `status.completedIndexes`, in the controller's range form (`0-2,5`).
    pub completed_indexes: Option<String>,
    /// Its `status.failedIndexes` (backoffLimitPerIndex), in the same form.
    pub failed_indexes: Option<String>,
}

/// What a CronJob card shows: the schedule in words, what surprises about it, the next
/// ticks, and what the controller last decided.
#[derive(Clone, Debug, PartialEq)]
pub struct CronJobCard {
    pub name: String,
    pub schedule: String,
    /// The zone the schedule is read in, and whether it is the controller manager's.
    pub zone: String,
    pub zone_is_local: bool,
    pub summary: String,
    pub notes: Vec<String>,
    pub suspended: bool,
    pub concurrency_policy: String,
    pub active: Vec<String>,
    pub last_schedule: Option<String>,
    pub last_successful: Option<String>,
    /// The next three ticks, RFC 3339 in the schedule's zone.
    pub next: Vec<String>,
    /// The controller's latest decision about this CronJob.
    pub last_decision: Option<String>,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    pub nodes: Vec<NodeLane>,
    /// Pods not bound to any node: created, waiting for the scheduler (or FailedScheduling).
    pub pending: LanePods,
    /// The scheduler's latest word on why a pending pod has no node, when it gave one
    /// (`0/3 nodes are available: 3 Too many pods.`).
    pub pending_reason: Option<String>,
    /// The one tile size of the picture.
    pub tile_size: TileSize,
    pub cron_jobs: Vec<CronJobCard>,
    pub jobs: Vec<JobCard>,
    /// An index grid per Indexed Job, in the order of `jobs`.
    pub index_grids: Vec<super::index_grid::IndexGrid>,
    /// The controller manager is down (`pauseControllers`): no Job or CronJob controller acts.
    pub controllers_down: bool,
}

fn cron_card(engine: &Engine, cj: &crate::api::CronJob) -> CronJobCard {
    use crate::cron::{explain::explain, parse_standard, Zone};
    let local = engine.local_zone();
    let zone = cj
        .spec
        .time_zone
        .as_deref()
        .and_then(|z| Zone::load(z).ok())
        .unwrap_or(local);
    let (summary, notes, next) = match parse_standard(&cj.spec.schedule) {
        Ok(schedule) => {
            let e = explain(&schedule, &zone);
            let next = if cj.spec.suspend == Some(true) {
                Vec::new()
            } else {
                schedule
                    .upcoming(engine.now(), &zone, 3)
                    .into_iter()
                    .map(|t| zone.rfc3339(t.unix_seconds()))
                    .collect()
            };
            (e.summary, e.notes, next)
        }
        Err(e) => (format!("Unparseable: {e}"), Vec::new(), Vec::new()),
    };
    let object = format!("CronJob/{}", cj.metadata.name);
    CronJobCard {
        name: cj.metadata.name.to_string(),
        schedule: cj.spec.schedule.clone(),
        zone: zone.name().to_string(),
        zone_is_local: cj.spec.time_zone.is_none(),
        summary,
        notes,
        suspended: cj.spec.suspend == Some(true),
        concurrency_policy: cj
            .spec
            .concurrency_policy
            .clone()
            .unwrap_or_else(|| "Allow".into()),
        active: cj.status.active.iter().map(|r| r.name.clone()).collect(),
        last_schedule: cj
            .status
            .last_schedule_time
            .map(|t| zone.rfc3339(t.0.unix_seconds())),
        last_successful: cj
            .status
            .last_successful_time
            .map(|t| zone.rfc3339(t.0.unix_seconds())),
        next,
        last_decision: engine
            .decisions()
            .iter()
            .rev()
            .find(|d| d.object == object && d.kind != "action")
            .map(|d| d.summary.clone()),
    }
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

/// A pod on its way to a tile: the status is worked out for every pod (an aggregated lane
/// counts by it), the tile itself only for lanes that show tiles.
struct Candidate<'a> {
    pod: &'a Pod,
    status: Str,
    state: &'static str,
}

impl<'a> Candidate<'a> {
    fn of(pod: &'a Pod) -> Self {
        let status = pod_status(pod);
        Candidate {
            pod,
            state: state_class(pod, &status),
            status,
        }
    }

    fn into_card(self, engine: &Engine) -> PodCard {
        let pod = self.pod;
        let exit_code = pod
            .status
            .container_statuses
            .iter()
            .filter_map(|c| c.state.terminated.as_ref())
            .map(|t| t.exit_code)
            .find(|c| *c != 0)
            .or_else(|| {
                pod.status
                    .container_statuses
                    .iter()
                    .find_map(|c| c.state.terminated.as_ref().map(|t| t.exit_code))
            });
        let planned = match self.state {
            "running" => engine.planned_run(&pod.metadata.name),
            _ => None,
        };
        // Elapsed since the latest container start, against the plan of the longest.
        let started = pod
            .status
            .container_statuses
            .iter()
            .filter_map(|c| c.state.running.as_ref()?.started_at)
            .map(|t| t.0)
            .max();
        let progress = planned.zip(started).map(|(run, at)| {
            let (elapsed, run) = ((engine.now() - at).as_millis(), run.as_millis());
            if run <= 0 {
                100
            } else {
                (elapsed.clamp(0, run) * 100 / run) as u8
            }
        });
        PodCard {
            name: pod.metadata.name.to_string(),
            job: Store::owner_job(pod).unwrap_or("").to_string(),
            index: pod.completion_index(),
            state: self.state,
            status: self.status.to_string(),
            restarts: pod
                .status
                .container_statuses
                .iter()
                .map(|c| c.restart_count)
                .sum(),
            exit_code,
            node: pod.spec.node_name.to_string(),
            planned,
            progress,
        }
    }
}

/// Projects the engine's current state.
pub fn cluster_view(engine: &Engine) -> ClusterView {
    // Creation order, as the engine lists pods (pods created at one instant in the order the
    // controller made them). Collected before the per-pod work: finding them all first, then
    // reading them, measured faster than interleaving the two (42 against 64 ms at 100,000).
    let pods: Vec<&Pod> = engine.pods().collect();
    let node_names: Vec<&Str> = engine.nodes().iter().map(|n| &n.info.name).collect();
    let mut on_node: Vec<Vec<Candidate>> = node_names.iter().map(|_| Vec::new()).collect();
    let mut unscheduled = Vec::new();
    for pod in &pods {
        let candidate = Candidate::of(pod);
        // Bound pods share their node's name, so this rarely reads the bytes.
        match node_names.iter().position(|n| **n == pod.spec.node_name) {
            Some(i) => on_node[i].push(candidate),
            None => unscheduled.push(candidate),
        }
    }
    let most = on_node
        .iter()
        .chain([&unscheduled])
        .map(Vec::len)
        .filter(|n| *n <= TILES_UP_TO)
        .max()
        .unwrap_or(0);
    let pending_reason = unscheduled.iter().rev().find_map(|c| {
        c.pod
            .status
            .conditions
            .iter()
            .find(|x| x.type_ == "PodScheduled" && x.status == "False")
            .map(|x| x.message.to_string())
    });
    let nodes = engine
        .nodes()
        .iter()
        .zip(on_node)
        .map(|(n, candidates)| NodeLane {
            name: n.info.name.to_string(),
            cpu_milli: n.info.cpu_milli,
            memory_milli: n.info.memory_milli,
            pods_allowed: n.info.pods,
            pods_bound: candidates.iter().filter(|c| !c.pod.is_terminal()).count(),
            ready: n.ready,
            unschedulable: n.unschedulable,
            pods: lane_pods(engine, candidates),
        })
        .collect();
    let now = engine.now();
    let jobs = engine
        .jobs()
        .map(|j| {
            let backoff = engine
                .job_backoff(j.name())
                .map(|b| b.remaining(now))
                .filter(|r| *r > SimDuration::ZERO && !j.is_finished());
            let indexes = |s: &Option<String>| {
                j.is_indexed()
                    .then(|| s.clone().unwrap_or_default())
                    .filter(|s| !s.is_empty())
            };
            JobCard {
                name: j.metadata.name.to_string(),
                status: job_status(j),
                completions: job_completions(j),
                active: j.status.active,
                ready: j.status.ready.unwrap_or(0),
                succeeded: j.status.succeeded,
                failed: j.status.failed,
                terminating: j.status.terminating.unwrap_or(0),
                conditions: j
                    .status
                    .conditions
                    .iter()
                    .map(|c| {
                        (
                            c.type_.to_string(),
                            c.status.to_string(),
                            c.reason.to_string(),
                            c.message.to_string(),
                        )
                    })
                    .collect(),
                backoff_remaining: backoff,
                completed_indexes: indexes(&j.status.completed_indexes),
                failed_indexes: indexes(&j.status.failed_indexes),
            }
        })
        .collect();
    let cron_jobs = engine.cron_jobs().map(|cj| cron_card(engine, cj)).collect();
    ClusterView {
        nodes,
        pending: lane_pods(engine, unscheduled),
        pending_reason,
        tile_size: TileSize::for_lane_of(most),
        cron_jobs,
        jobs,
        index_grids: super::index_grid::index_grids(engine, &pods),
        controllers_down: engine.controllers_paused(),
    }
}

/// A lane's pods (in creation order) as tiles, or only counted past [`TILES_UP_TO`].
fn lane_pods(engine: &Engine, candidates: Vec<Candidate>) -> LanePods {
    let mut counts = [0usize; STATES.len()];
    for c in &candidates {
        if let Some(i) = STATES.iter().position(|(s, _)| *s == c.state) {
            counts[i] += 1;
        }
    }
    let total = candidates.len();
    let aggregated = total > TILES_UP_TO;
    LanePods {
        tiles: if aggregated {
            Vec::new()
        } else {
            candidates
                .into_iter()
                .map(|c| c.into_card(engine))
                .collect()
        },
        counts: STATES
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|((state, label), count)| PhaseCount {
                state,
                label,
                count,
            })
            .collect(),
        total,
        aggregated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimTime;
    use expect_test::{expect, Expect};

    /// The picture at `secs` into the run of `yaml`, in words: the one surface these tests check.
    fn check(yaml: &str, secs: i64, expect: Expect) {
        let loaded = crate::scenario::load(yaml);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let mut engine = Engine::new(loaded.scenario);
        engine.handle_timeout(SimTime::DEFAULT_START + SimDuration::from_secs(secs));
        expect.assert_eq(&render(&cluster_view(&engine)));
    }

    fn render(v: &ClusterView) -> String {
        let mut out = format!("tiles {:?}\n", v.tile_size);
        let lane = |out: &mut String, title: String, pods: &LanePods| {
            out.push_str(&title);
            let counts: Vec<String> = pods
                .counts
                .iter()
                .map(|c| format!("{} {}", c.count, c.label))
                .collect();
            out.push_str(&format!(" [{}]", counts.join(", ")));
            if pods.aggregated {
                out.push_str(" aggregated\n");
                return;
            }
            out.push('\n');
            for t in &pods.tiles {
                out.push_str(&format!("  {} [{}] {}\n", t.state, t.badge(), t.describe()));
            }
        };
        lane(&mut out, format!("pending {}", v.pending.total), &v.pending);
        if let Some(r) = &v.pending_reason {
            out.push_str(&format!("  why: {r}\n"));
        }
        for n in &v.nodes {
            lane(
                &mut out,
                format!("{} {}/{} pods", n.name, n.pods_bound, n.pods_allowed),
                &n.pods,
            );
        }
        for j in &v.jobs {
            out.push_str(&format!(
                "job/{} {} completed {:?} failed {:?}\n",
                j.name, j.completions, j.completed_indexes, j.failed_indexes
            ));
        }
        for g in &v.index_grids {
            let cells: String = g
                .cells
                .iter()
                .map(|c| match c.state {
                    "failedindex" => 'X',
                    "failed" => 'f',
                    "running" => 'R',
                    "pending" => '.',
                    _ => 'S',
                })
                .collect();
            let counts: Vec<String> = g
                .counts
                .iter()
                .map(|(_, w, n)| format!("{n} {w}"))
                .collect();
            out.push_str(&format!(
                "grid {} x{}: {cells} ({})\n",
                g.job,
                g.per_cell,
                counts.join(", ")
            ));
            for c in g.cells.iter().filter(|c| c.attempts > 1) {
                out.push_str(&format!("  {}\n", c.describe()));
            }
        }
        out
    }

    fn job(name: &str, completions: u32, parallelism: u32, extra: &str, sh: &str) -> String {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n{extra}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox, command: [sh, -c, '{sh}']}}]\n")
    }

    #[test]
    fn running_pods_show_their_progress_against_the_planned_run_and_finished_ones_their_exit() {
        check(
            &job("p", 3, 3, "", "sleep 10; exit $((JOB_COMPLETION_INDEX))")
                .replace("  template:", "  completionMode: Indexed\n  template:"),
            6,
            expect![[r#"
                tiles Large
                pending 0 []
                node-1 1/110 pods [1 Running]
                  running [#2] p-2-jw4vs: Running, index 2, 40% of its 10s run
                node-2 1/110 pods [1 Running]
                  running [#0] p-0-d2v22: Running, index 0, 40% of its 10s run
                node-3 1/110 pods [1 Running]
                  running [#1] p-1-zsmkf: Running, index 1, 40% of its 10s run
                job/p 0/3 completed None failed None
                grid p x1: RRR (3 running)
            "#]],
        );
    }

    #[test]
    fn pods_beyond_a_nodes_capacity_stay_pending_with_too_many_pods() {
        let yaml = job("cap", 5, 5, "", "sleep 10")
            + "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes: [{name: small, pods: \"3\"}]\n";
        check(
            &yaml,
            5,
            expect![[r#"
                tiles Large
                pending 2 [2 Pending]
                  pending [] cap-zsmkf: Pending
                  pending [] cap-vvm7h: Pending
                  why: 0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
                small 3/3 pods [3 Running]
                  running [] cap-d2v22: Running, 30% of its 10s run
                  running [] cap-jw4vs: Running, 30% of its 10s run
                  running [] cap-fz6jp: Running, 30% of its 10s run
                job/cap 0/5 completed None failed None
            "#]],
        );
    }

    #[test]
    fn tiles_shrink_as_lanes_fill_and_a_lane_past_the_tile_limit_is_counted_by_phase() {
        assert_eq!(TileSize::for_lane_of(0), TileSize::Large);
        assert_eq!(TileSize::for_lane_of(LARGE_TILES_UP_TO), TileSize::Large);
        assert_eq!(
            TileSize::for_lane_of(LARGE_TILES_UP_TO + 1),
            TileSize::Medium
        );
        assert_eq!(TileSize::for_lane_of(MEDIUM_TILES_UP_TO), TileSize::Medium);
        assert_eq!(
            TileSize::for_lane_of(MEDIUM_TILES_UP_TO + 1),
            TileSize::Small
        );
        // 600 pods at once on a node that allows 1,000: one lane of 600, counted; the pending
        // area is empty and the tile size follows the lanes still drawn as tiles.
        let yaml = job("wide", 600, 600, "", "sleep 30")
            + "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes: [{name: big, pods: \"1000\"}, {name: spare, pods: \"0\"}]\n";
        check(
            &yaml,
            10,
            expect![[r#"
                tiles Large
                pending 0 []
                big 600/1000 pods [600 Running] aggregated
                spare 0/0 pods []
                job/wide 0/600 completed None failed None
            "#]],
        );
    }

    #[test]
    fn a_500_pod_job_fills_three_nodes_of_110_and_waits_for_room() {
        let loaded = crate::scenario::load(&job("five-hundred", 500, 500, "", "sleep 20"));
        let mut engine = Engine::new(loaded.scenario);
        engine.handle_timeout(SimTime::DEFAULT_START + SimDuration::from_secs(10));
        let v = cluster_view(&engine);
        let bound: Vec<usize> = v.nodes.iter().map(|n| n.pods_bound).collect();
        assert_eq!(bound, [110, 110, 110]);
        assert_eq!(v.pending.total, 170);
        assert_eq!(v.tile_size, TileSize::Small);
        assert_eq!(
            v.pending_reason.as_deref(),
            Some("0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
        );
    }

    #[test]
    fn a_finished_indexed_job_lists_its_indexes_in_range_form() {
        check(
            &job("twelve", 12, 4, "  completionMode: Indexed\n", "sleep 2"),
            120,
            expect![[r#"
                tiles Large
                pending 0 []
                node-1 0/110 pods [5 Succeeded]
                  succeeded [#0 exit 0] twelve-0-d2v22: Completed, index 0, exit code 0
                  succeeded [#4 exit 0] twelve-4-jpcnv: Completed, index 4, exit code 0
                  succeeded [#7 exit 0] twelve-7-fhr88: Completed, index 7, exit code 0
                  succeeded [#9 exit 0] twelve-9-wgh4n: Completed, index 9, exit code 0
                  succeeded [#11 exit 0] twelve-11-q9qzv: Completed, index 11, exit code 0
                node-2 0/110 pods [3 Succeeded]
                  succeeded [#2 exit 0] twelve-2-jw4vs: Completed, index 2, exit code 0
                  succeeded [#5 exit 0] twelve-5-kwgkn: Completed, index 5, exit code 0
                  succeeded [#8 exit 0] twelve-8-wksfs: Completed, index 8, exit code 0
                node-3 0/110 pods [4 Succeeded]
                  succeeded [#1 exit 0] twelve-1-zsmkf: Completed, index 1, exit code 0
                  succeeded [#3 exit 0] twelve-3-vvm7h: Completed, index 3, exit code 0
                  succeeded [#6 exit 0] twelve-6-lmk2r: Completed, index 6, exit code 0
                  succeeded [#10 exit 0] twelve-10-lnch9: Completed, index 10, exit code 0
                job/twelve 12/12 completed Some("0-11") failed None
                grid twelve x1: SSSSSSSSSSSS (12 succeeded)
            "#]],
        );
    }

    #[test]
    fn the_index_grid_shows_failed_indexes_with_their_attempts_under_backoff_limit_per_index() {
        check(
            include_str!("../../static/examples/backoff-limit-per-index.yaml"),
            300,
            expect![[r#"
                tiles Large
                pending 0 []
                node-1 0/110 pods [6 Failed]
                  failed [#2 exit 1] job-backoff-limit-per-index-example-2-jw4vs: Error, index 2, exit code 1
                  failed [#4 exit 1] job-backoff-limit-per-index-example-4-jpcnv: Error, index 4, exit code 1
                  failed [#0 exit 1] job-backoff-limit-per-index-example-0-wgknl: Error, index 0, exit code 1
                  failed [#6 exit 1] job-backoff-limit-per-index-example-6-wksfs: Error, index 6, exit code 1
                  failed [#8 exit 1] job-backoff-limit-per-index-example-8-vxpkn: Error, index 8, exit code 1
                  failed [#8 exit 1] job-backoff-limit-per-index-example-8-w96s4: Error, index 8, exit code 1
                node-2 0/110 pods [2 Succeeded, 2 Failed]
                  failed [#0 exit 1] job-backoff-limit-per-index-example-0-d2v22: Error, index 0, exit code 1
                  succeeded [#5 exit 0] job-backoff-limit-per-index-example-5-88clc: Completed, index 5, exit code 0
                  failed [#4 exit 1] job-backoff-limit-per-index-example-4-h4nln: Error, index 4, exit code 1
                  succeeded [#9 exit 0] job-backoff-limit-per-index-example-9-6gp5l: Completed, index 9, exit code 0
                node-3 0/110 pods [3 Succeeded, 2 Failed]
                  succeeded [#1 exit 0] job-backoff-limit-per-index-example-1-zsmkf: Completed, index 1, exit code 0
                  succeeded [#3 exit 0] job-backoff-limit-per-index-example-3-m7hfz: Completed, index 3, exit code 0
                  failed [#2 exit 1] job-backoff-limit-per-index-example-2-mk2rf: Error, index 2, exit code 1
                  succeeded [#7 exit 0] job-backoff-limit-per-index-example-7-ch9q9: Completed, index 7, exit code 0
                  failed [#6 exit 1] job-backoff-limit-per-index-example-6-bqvlm: Error, index 6, exit code 1
                job/job-backoff-limit-per-index-example 5/10 completed Some("1,3,5,7,9") failed Some("0,2,4,6,8")
                grid job-backoff-limit-per-index-example x1: XSXSXSXSXS (5 failed index, 5 succeeded)
                  index 0: failed index, 2 attempts
                  index 2: failed index, 2 attempts
                  index 4: failed index, 2 attempts
                  index 6: failed index, 2 attempts
                  index 8: failed index, 2 attempts
            "#]],
        );
    }

    #[test]
    fn a_big_index_grid_draws_a_cell_per_run_of_indexes() {
        let loaded = crate::scenario::load(&job(
            "many",
            10_000,
            100,
            "  completionMode: Indexed\n",
            "sleep 5",
        ));
        let mut engine = Engine::new(loaded.scenario);
        engine.handle_timeout(SimTime::DEFAULT_START + SimDuration::from_secs(60));
        let v = cluster_view(&engine);
        let g = &v.index_grids[0];
        assert_eq!((g.per_cell, g.cells.len()), (5, 2_000));
        assert_eq!(
            g.cells.iter().map(|c| c.last - c.first + 1).sum::<i32>(),
            10_000
        );
        assert_eq!(g.counts.iter().map(|(_, _, n)| n).sum::<usize>(), 10_000);
        assert_eq!(g.cells[0].state, "succeeded");
        assert_eq!(g.cells[1_999].state, "pending");
    }
}
