//! The timeline as a Gantt chart: one row per completion index (Indexed Jobs) or per pod,
//! bars by phase (pending, creating, running), each pod's end marked (succeeded or failed,
//! with its exit code), the gaps between a failed pod and its replacement labelled with their
//! length (the back-off), and the Job's condition changes as marks. Computed from the run's
//! final engine (removed pods included) and cut at the playhead, so it shows the run so far.

use super::duration::human_duration;
use crate::api::{Job, Pod};
use crate::sim::store::Store;
use crate::sim::Engine;
use crate::time::SimTime;

/// Rows a chart shows at most; the rest are counted.
pub const MAX_ROWS: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Creating,
    Running,
}

/// A stretch of one pod's life, in ms from the start of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub pod: String,
    pub phase: Phase,
    pub from: i64,
    pub to: i64,
}

/// How a pod ended, at `at` ms.
#[derive(Clone, Debug, PartialEq)]
pub struct End {
    pub pod: String,
    pub at: i64,
    pub succeeded: bool,
    pub exit_code: Option<i32>,
}

/// A wait between a failed pod and its replacement in the same row.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub from: i64,
    pub to: i64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `#3` for a completion index, else the pod's name.
    pub label: String,
    /// The completion index the row is for (an Indexed Job's pods with a valid index, one row
    /// per index); `None` for a row per pod.
    pub index: Option<i32>,
    pub bars: Vec<Bar>,
    pub ends: Vec<End>,
    pub gaps: Vec<Gap>,
}

/// A Job condition turning True, at `at` ms.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub at: i64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobChart {
    pub job: String,
    pub rows: Vec<Row>,
    /// Rows not shown (beyond [`MAX_ROWS`]).
    pub more_rows: usize,
    pub marks: Vec<Mark>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gantt {
    /// The chart's span in ms (the whole run), and the playhead within it.
    pub span: i64,
    pub now: i64,
    pub jobs: Vec<JobChart>,
}

/// The chart of every Job in `last` (the run's final engine), for the whole run.
pub fn gantt(last: &Engine, start: SimTime, end: SimTime) -> Gantt {
    let ms = |t: SimTime| (t - start).as_millis();
    // When each pod was scheduled and first started, from one pass over the events.
    let mut seen: std::collections::BTreeMap<&str, (Option<i64>, Option<i64>)> =
        std::collections::BTreeMap::new();
    for e in last.events().iter().filter(|e| e.kind == "Pod") {
        let entry = seen.entry(e.name.as_str()).or_default();
        match &*e.reason {
            "Scheduled" if entry.0.is_none() => entry.0 = Some(ms(e.time)),
            "Started" if entry.1.is_none() => entry.1 = Some(ms(e.time)),
            _ => {}
        }
    }
    let mut pods: Vec<&Pod> = last.pods().chain(last.removed_pods()).collect();
    crate::sort::sort_by(&mut pods, |a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
            .then(a.metadata.name.cmp(&b.metadata.name))
    });
    let jobs: Vec<&Job> = last.jobs().chain(last.removed_jobs()).collect();
    let charts = jobs
        .iter()
        .map(|job| {
            let name = job.metadata.name.as_str();
            let mine: Vec<&Pod> = pods
                .iter()
                .copied()
                .filter(|p| Store::owner_job(p) == Some(name))
                .collect();
            let mut rows: Vec<Row> = Vec::new();
            for pod in mine {
                let index = pod.completion_index().filter(|_| job.is_indexed());
                let row = match rows.iter_mut().find(|r| match index {
                    Some(_) => r.index == index,
                    None => r.index.is_none() && r.label == pod.metadata.name.as_str(),
                }) {
                    Some(r) => r,
                    None => {
                        rows.push(Row {
                            label: match index {
                                Some(i) => format!("#{i}"),
                                None => pod.metadata.name.to_string(),
                            },
                            index,
                            bars: Vec::new(),
                            ends: Vec::new(),
                            gaps: Vec::new(),
                        });
                        rows.last_mut().expect("just pushed")
                    }
                };
                add_pod(
                    row,
                    pod,
                    seen.get(pod.metadata.name.as_str())
                        .copied()
                        .unwrap_or_default(),
                    &ms,
                );
            }
            if job.is_indexed() {
                // Index order; rows of pods without an index (never created so) go last.
                crate::sort::sort_by_key(&mut rows, |r| r.index.map_or(i64::MAX, i64::from));
            }
            let more_rows = rows.len().saturating_sub(MAX_ROWS);
            rows.truncate(MAX_ROWS);
            let marks = job
                .status
                .conditions
                .iter()
                .filter(|c| c.status == "True")
                .filter_map(|c| {
                    c.last_transition_time.map(|t| Mark {
                        at: ms(t.0),
                        label: c.type_.to_string(),
                    })
                })
                .collect();
            JobChart {
                job: name.to_string(),
                rows,
                more_rows,
                marks,
            }
        })
        .collect();
    Gantt {
        span: ms(end).max(1),
        now: ms(end),
        jobs: charts,
    }
}

impl Gantt {
    /// The chart as it stands `now` ms into the run: later bars cut, later ends, gaps, marks
    /// and rows left out.
    pub fn until(&self, now: i64) -> Gantt {
        let jobs = self
            .jobs
            .iter()
            .map(|j| {
                let rows = j
                    .rows
                    .iter()
                    .filter(|r| r.bars.first().is_some_and(|b| b.from <= now))
                    .map(|r| Row {
                        label: r.label.clone(),
                        index: r.index,
                        bars: r
                            .bars
                            .iter()
                            .filter(|b| b.from < now)
                            .map(|b| Bar {
                                to: b.to.min(now),
                                ..b.clone()
                            })
                            .collect(),
                        ends: r.ends.iter().filter(|e| e.at <= now).cloned().collect(),
                        gaps: r.gaps.iter().filter(|g| g.to <= now).cloned().collect(),
                    })
                    .collect();
                JobChart {
                    job: j.job.clone(),
                    rows,
                    more_rows: j.more_rows,
                    marks: j.marks.iter().filter(|m| m.at <= now).cloned().collect(),
                }
            })
            .collect();
        Gantt {
            span: self.span,
            now,
            jobs,
        }
    }
}

fn created(p: &Pod) -> Option<SimTime> {
    p.metadata.creation_timestamp.map(|t| t.0)
}

/// A pod's bars, its end, and the gap since the row's previous failed pod.
/// `seen`: when it was scheduled and first started.
fn add_pod(
    row: &mut Row,
    pod: &Pod,
    seen: (Option<i64>, Option<i64>),
    ms: &dyn Fn(SimTime) -> i64,
) {
    let name = &pod.metadata.name;
    let born = ms(created(pod).unwrap_or_default());
    if let Some(previous) = row.ends.last().filter(|e| !e.succeeded) {
        if born > previous.at {
            row.gaps.push(Gap {
                from: previous.at,
                to: born,
                label: human_duration(crate::time::SimDuration::from_millis(born - previous.at)),
            });
        }
    }
    let (scheduled, started) = seen;
    let finished = pod
        .status
        .container_statuses
        .iter()
        .filter_map(|c| c.state.terminated.as_ref()?.finished_at)
        .max()
        .map(|t| ms(t.0));
    let gone = pod.metadata.deletion_timestamp.map(|t| ms(t.0));
    let end = match (pod.is_terminal(), finished, gone) {
        (true, Some(f), _) => f,
        (_, _, Some(g)) => g,
        _ => i64::MAX,
    };
    let stops = [Some(born), scheduled, started, Some(end)];
    let phases = [Phase::Pending, Phase::Creating, Phase::Running];
    for (k, phase) in phases.iter().enumerate() {
        let Some(from) = stops[k] else { break };
        let to = stops[k + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(end)
            .min(end);
        if to > from {
            row.bars.push(Bar {
                pod: name.to_string(),
                phase: *phase,
                from,
                to,
            });
        }
    }
    if pod.is_terminal() {
        let code = pod
            .status
            .container_statuses
            .iter()
            .filter_map(|c| c.state.terminated.as_ref())
            .map(|t| t.exit_code)
            .find(|c| *c != 0);
        row.ends.push(End {
            pod: name.to_string(),
            at: end,
            succeeded: pod.status.phase == "Succeeded",
            exit_code: code,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_model::playback::Playback;

    fn chart(yaml: &str, at_secs: i64) -> Gantt {
        let loaded = crate::scenario::load(yaml);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let p = Playback::compute(loaded.scenario);
        gantt(&p.last, p.start, p.end).until(at_secs * 1000)
    }

    /// One line per row: its bars as `phase from-to`, ends and gaps, in seconds.
    fn text(g: &Gantt) -> String {
        let s = |ms: i64| format!("{}", ms as f64 / 1000.0);
        let mut out = format!("span {} now {}\n", s(g.span), s(g.now));
        for j in &g.jobs {
            out.push_str(&format!(
                "job {} marks [{}]\n",
                j.job,
                j.marks
                    .iter()
                    .map(|m| format!("{}@{}", m.label, s(m.at)))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
            for r in &j.rows {
                let bars: Vec<String> = r
                    .bars
                    .iter()
                    .map(|b| format!("{:?} {}-{}", b.phase, s(b.from), s(b.to)))
                    .collect();
                let ends: Vec<String> = r
                    .ends
                    .iter()
                    .map(|e| {
                        format!(
                            "{}@{}{}",
                            if e.succeeded { "ok" } else { "fail" },
                            s(e.at),
                            e.exit_code.map_or(String::new(), |c| format!(" exit {c}"))
                        )
                    })
                    .collect();
                let gaps: Vec<String> = r
                    .gaps
                    .iter()
                    .map(|g| format!("gap {}-{} {}", s(g.from), s(g.to), g.label))
                    .collect();
                out.push_str(&format!(
                    "  {}: {} | {} | {}\n",
                    r.label,
                    bars.join(", "),
                    ends.join(", "),
                    gaps.join(", ")
                ));
            }
        }
        out
    }

    const INDEXED: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: idx}\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 5; exit $((JOB_COMPLETION_INDEX))']}]\n";

    #[test]
    fn indexed_rows_show_each_attempt_the_failures_and_the_back_off_between_them() {
        let g = chart(INDEXED, 40);
        let t = text(&g);
        // Index 0 succeeds once. Index 1 fails (exit 1) every time: its replacement comes at
        // the next sync (1s), the one after that waits out the 10s back-off.
        assert!(t.contains("job idx marks []"), "{t}");
        let indexes: Vec<Option<i32>> = g.jobs[0].rows.iter().map(|r| r.index).collect();
        assert_eq!(indexes, [Some(0), Some(1)], "one row per completion index");
        let row0 = t.lines().find(|l| l.starts_with("  #0:")).unwrap();
        assert_eq!(row0, "  #0: Creating 0-2, Running 2-7 | ok@7 | ");
        let row1 = t.lines().find(|l| l.starts_with("  #1:")).unwrap();
        assert_eq!(row1, "  #1: Creating 0-2, Running 2-7, Creating 8-10, Running 10-15, Creating 25-27, Running 27-32 | fail@7 exit 1, fail@15 exit 1, fail@32 exit 1 | gap 7-8 1s, gap 15-25 10s");
        // Later the Job fails; its condition is a mark on the chart.
        let g = chart(INDEXED, 3600);
        assert!(
            g.jobs[0].marks.iter().any(|m| m.label == "Failed"),
            "{}",
            text(&g)
        );
    }

    #[test]
    fn the_chart_is_cut_at_the_playhead() {
        let g = chart(INDEXED, 4);
        assert_eq!(g.now, 4000);
        let row0 = &g.jobs[0].rows[0];
        assert_eq!(
            row0.bars.last().map(|b| (b.phase, b.to)),
            Some((Phase::Running, 4000))
        );
        assert!(row0.ends.is_empty(), "nothing has ended by +4s");
    }
}
