//! An Indexed Job at a glance: a cell per completion index, coloured by where that index
//! stands (pending, running, succeeded, failed and retrying, or failed for good under
//! `backoffLimitPerIndex`), with the attempts its pods have made. Succeeded and failed
//! indexes come from the Job's status (`completedIndexes`, `failedIndexes`, the
//! controller's interval strings, pkg/controller/job/indexed_job_utils.go); the rest from
//! the index's newest pod.

use crate::api::Pod;
use crate::controller::job::indexed::parse_intervals;
use crate::sim::store::Store;
use crate::sim::Engine;

/// Cells a grid draws at most: past this, a cell stands for a run of neighbouring indexes,
/// so a 100,000-index Job is still a block of a few hundred pixels.
pub const MAX_INDEX_CELLS: usize = 2_000;

/// Where one index (or a run of them) stands, most telling first: a cell standing for
/// several indexes shows the first of these that any of them is in.
pub const INDEX_STATES: [(&str, &str); 5] = [
    ("failedindex", "failed index"),
    ("failed", "failed, retrying"),
    ("running", "running"),
    ("pending", "pending"),
    ("succeeded", "succeeded"),
];

/// One cell of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexCell {
    /// The indexes the cell stands for, `first..=last` (one index unless the grid is big).
    pub first: i32,
    pub last: i32,
    /// One of [`INDEX_STATES`].
    pub state: &'static str,
    /// Pods created for the index so far (the most of any index in the cell).
    pub attempts: u32,
}

/// An Indexed Job's grid.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexGrid {
    pub job: String,
    pub completions: i32,
    /// Indexes per cell (1 unless there are more than [`MAX_INDEX_CELLS`]).
    pub per_cell: usize,
    pub cells: Vec<IndexCell>,
    /// Indexes per state, in [`INDEX_STATES`] order: (state, words, count), none left out.
    pub counts: Vec<(&'static str, &'static str, usize)>,
}

/// The grids of the engine's Indexed Jobs, from its pods in creation order.
pub fn index_grids(engine: &Engine, pods: &[&Pod]) -> Vec<IndexGrid> {
    let jobs: Vec<&crate::api::Job> = engine.jobs().filter(|j| j.is_indexed()).collect();
    if jobs.is_empty() {
        return Vec::new();
    }
    // Per Job, per index: (state position in INDEX_STATES, attempts).
    let mut per_job: Vec<Vec<(u8, u32)>> = jobs
        .iter()
        .map(|j| vec![(PENDING, 0); j.spec.completions.unwrap_or(0).max(0) as usize])
        .collect();
    for pod in pods {
        let (Some(owner), Some(index)) = (Store::owner_job(pod), pod.completion_index()) else {
            continue;
        };
        let Some(j) = jobs.iter().position(|j| j.name() == owner) else {
            continue;
        };
        if let Some(cell) = per_job[j].get_mut(index as usize) {
            // Pods come in creation order: the newest pod of an index speaks last.
            cell.0 = pod_state(pod);
            cell.1 += 1;
        }
    }
    jobs.iter()
        .zip(per_job)
        .map(|(job, mut states)| {
            let completions = states.len() as i32;
            let status = &job.status;
            for (text, state) in [
                (&status.completed_indexes, SUCCEEDED),
                (&status.failed_indexes, FAILED_INDEX),
            ] {
                for i in parse_intervals(text.as_deref().unwrap_or(""), completions) {
                    states[i as usize].0 = state;
                }
            }
            grid(job.name(), &states)
        })
        .collect()
}

const FAILED_INDEX: u8 = 0;
const FAILED: u8 = 1;
const RUNNING: u8 = 2;
const PENDING: u8 = 3;
const SUCCEEDED: u8 = 4;

/// Where a pod leaves its index: a finished pod as it ended, a running one running, any other
/// (waiting for a node, starting, being deleted) pending.
fn pod_state(pod: &Pod) -> u8 {
    match pod.status.phase.as_str() {
        "Succeeded" => SUCCEEDED,
        "Failed" => FAILED,
        _ if pod.is_deleting() => PENDING,
        "Running" => RUNNING,
        _ => PENDING,
    }
}

/// Cells for per-index (state, attempts), cut into runs when there are too many.
fn grid(job: &str, states: &[(u8, u32)]) -> IndexGrid {
    let per_cell = states.len().div_ceil(MAX_INDEX_CELLS).max(1);
    let mut counts = [0usize; INDEX_STATES.len()];
    for (s, _) in states {
        counts[*s as usize] += 1;
    }
    let cells = states
        .chunks(per_cell)
        .enumerate()
        .map(|(k, run)| IndexCell {
            first: (k * per_cell) as i32,
            last: (k * per_cell + run.len() - 1) as i32,
            state: INDEX_STATES[run.iter().map(|(s, _)| *s).min().unwrap_or(PENDING) as usize].0,
            attempts: run.iter().map(|(_, a)| *a).max().unwrap_or(0),
        })
        .collect();
    IndexGrid {
        job: job.to_string(),
        completions: states.len() as i32,
        per_cell,
        cells,
        counts: INDEX_STATES
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|((s, w), n)| (*s, *w, n))
            .collect(),
    }
}

impl IndexCell {
    /// The cell in words, for its tooltip and accessible name: `index 3: failed index, 3
    /// attempts`.
    pub fn describe(&self) -> String {
        let words = INDEX_STATES
            .iter()
            .find(|(s, _)| *s == self.state)
            .map_or("", |(_, w)| w);
        let which = if self.first == self.last {
            format!("index {}", self.first)
        } else {
            format!("indexes {}-{}", self.first, self.last)
        };
        match self.attempts {
            0 => format!("{which}: {words}"),
            1 => format!("{which}: {words}, 1 attempt"),
            n => format!("{which}: {words}, {n} attempts"),
        }
    }
}
