//! The timeline as a Gantt chart: one row per completion index (Indexed Jobs) or per pod,
//! bars by phase (pending, creating, running), each pod's end marked (succeeded or failed,
//! with its exit code), the waits between a failed pod and its replacement labelled with their
//! length (the back-off), and the Job's condition changes as marks. A CronJob's Jobs make one
//! chart, a row per Job with its pods' bars in it, showing only the Jobs that exist at the
//! playhead (the controller deletes old ones, `successfulJobsHistoryLimit`). Computed from the
//! run's final engine (removed pods and Jobs included) and cut at the playhead, so it shows the
//! run so far. Every row is kept: the page draws the rows in view ([`super::row_window`]).

use super::duration::human_duration;
use crate::api::{Job, Pod};
use crate::controller::cronjob::utils::owner_cron_job;
use crate::sim::Engine;
use crate::time::SimTime;

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

/// A wait between a failed pod and its replacement (the Job controller's back-off,
/// `pkg/controller/job/backoff_utils.go`), drawn in the replacement's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub from: i64,
    pub to: i64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `#3` for a completion index, else the pod's (or, in a CronJob's chart, the Job's) name.
    pub label: String,
    /// The completion index the row is for (an Indexed Job's pods with a valid index, one row
    /// per index); `None` for a row per pod or per Job.
    pub index: Option<i32>,
    /// When the row's object came to be, ms: its first pod's creation, or its Job's.
    pub from: i64,
    /// When its Job was deleted (a CronJob's row), ms; the row is gone from then on.
    pub gone: Option<i64>,
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
    /// When the Job was created, ms; before that it has no chart.
    pub created: i64,
    pub rows: Vec<Row>,
    pub marks: Vec<Mark>,
}

/// One CronJob's Jobs: a row per Job, in creation order.
#[derive(Clone, Debug, PartialEq)]
pub struct CronChart {
    pub cron_job: String,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gantt {
    /// The chart's span in ms (the whole run), and the playhead within it.
    pub span: i64,
    pub now: i64,
    /// Jobs not owned by a CronJob, a chart each.
    pub jobs: Vec<JobChart>,
    /// A chart per CronJob that has Jobs.
    pub cron_jobs: Vec<CronChart>,
}

/// The chart of every Job in `last` (the run's final engine), for the whole run.
pub fn gantt(last: &Engine, start: SimTime, end: SimTime) -> Gantt {
    let ms = |t: SimTime| (t - start).as_millis();
    let seen = first_scheduled_and_started(last, &ms);
    let seen_of = |p: &Pod| {
        let name = p.metadata.name.as_str();
        seen.binary_search_by(|(n, _)| n.cmp(&name))
            .map_or_else(|_| Default::default(), |i| seen[i].1)
    };
    let mut pods: Vec<&Pod> = last.pods().chain(last.removed_pods()).collect();
    crate::sort::sort_by(&mut pods, |a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
            .then(a.metadata.name.cmp(&b.metadata.name))
    });
    // Each Job's pods, in creation order: sorted stably by the Job's UID, so one Job's pods
    // are side by side (sorted vectors rather than maps: see `first_scheduled_and_started`).
    let mut owned: Vec<(&str, &Pod)> = pods
        .iter()
        .filter_map(|pod| Some((job_uid_of(pod)?, *pod)))
        .collect();
    crate::sort::sort_by(&mut owned, |a, b| a.0.cmp(b.0));
    let (owners, owned): (Vec<&str>, Vec<&Pod>) = owned.into_iter().unzip();
    let pods_of = |job: &str| {
        let from = owners.partition_point(|o| *o < job);
        let to = owners.partition_point(|o| *o <= job);
        &owned[from..to]
    };
    let jobs: Vec<&Job> = last.jobs().chain(last.removed_jobs()).collect();
    let job_created = |job: &Job| ms(job.metadata.creation_timestamp.map_or(start, |t| t.0));
    let mut charts = Vec::new();
    let mut cron_charts: Vec<CronChart> = Vec::new();
    for job in jobs {
        let name = job.metadata.name.as_str();
        let mine = pods_of(job.metadata.uid.as_str());
        if let Some(owner) = owner_cron_job(job) {
            let mut row = Row {
                label: name.to_string(),
                index: None,
                from: job_created(job),
                gone: job.metadata.deletion_timestamp.map(|t| ms(t.0)),
                bars: Vec::new(),
                ends: Vec::new(),
                gaps: Vec::new(),
            };
            for pod in mine {
                add_pod(&mut row, pod, seen_of(pod), &ms);
            }
            match cron_charts.iter_mut().find(|c| c.cron_job == owner) {
                // Creation order (the store lists Jobs by name, deleted ones after).
                Some(c) => {
                    let k = c.rows.partition_point(|r| r.from <= row.from);
                    c.rows.insert(k, row)
                }
                None => cron_charts.push(CronChart {
                    cron_job: owner.to_string(),
                    rows: vec![row],
                }),
            }
            continue;
        }
        let mut rows: Vec<Row> = Vec::new();
        // Where each completion index's row is: a direct lookup, as a search of the rows per
        // pod made the chart quadratic in pods. A pod without an index has a row of its own
        // (names are unique), so it needs no lookup.
        let mut row_of_index: Vec<Option<usize>> = Vec::new();
        // A row per pod: the failures no later pod has followed yet, for the back-off before
        // the next one.
        let mut failures: Vec<i64> = Vec::new();
        for pod in mine {
            let index = pod.completion_index().filter(|_| job.is_indexed());
            // Indexes a controller gave are below `completions`; one written by hand past it
            // (`kubectl annotate`) gets a row of its own rather than a table that large.
            let completions = job.spec.completions.unwrap_or(0);
            let slot = index
                .filter(|i| *i < completions)
                .and_then(|i| usize::try_from(i).ok());
            let at = slot.and_then(|i| row_of_index.get(i).copied().flatten());
            let row = match at {
                Some(k) => &mut rows[k],
                None => {
                    if let Some(i) = slot {
                        if row_of_index.len() <= i {
                            row_of_index.resize(i + 1, None);
                        }
                        row_of_index[i] = Some(rows.len());
                    }
                    rows.push(Row {
                        label: match index {
                            Some(i) => format!("#{i}"),
                            None => pod.metadata.name.to_string(),
                        },
                        index,
                        from: ms(created(pod).unwrap_or_default()),
                        gone: None,
                        bars: Vec::new(),
                        ends: Vec::new(),
                        gaps: Vec::new(),
                    });
                    rows.last_mut().expect("just pushed")
                }
            };
            if index.is_none() {
                // A pod of its own row replacing a failed one: the wait since that failure is
                // the back-off, drawn before the new pod. The first pod after a failure takes it.
                let born = row.from;
                if let Some(failed) = failures.iter().copied().filter(|f| *f < born).max() {
                    row.gaps.push(gap(failed, born));
                    failures.retain(|f| *f >= born);
                }
            }
            add_pod(row, pod, seen_of(pod), &ms);
            if let Some(e) = row
                .ends
                .last()
                .filter(|e| index.is_none() && !e.succeeded && e.pod == pod.metadata.name.as_str())
            {
                failures.push(e.at);
            }
        }
        if job.is_indexed() {
            // Index order; rows of pods without an index (never created so) go last.
            crate::sort::sort_by_key(&mut rows, |r| r.index.map_or(i64::MAX, i64::from));
        }
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
        charts.push(JobChart {
            job: name.to_string(),
            created: job_created(job),
            rows,
            marks,
        });
    }
    Gantt {
        span: ms(end).max(1),
        now: ms(end),
        jobs: charts,
        cron_jobs: cron_charts,
    }
}

/// When a pod was first scheduled and first started, in ms into the run.
type FirstTimes = (Option<i64>, Option<i64>);

/// When each pod was scheduled and first started (ms into the run), from one pass over the
/// events, by pod name in ascending order. A vector sorted once rather than a `BTreeMap`:
/// each map type compiles its own B-tree, some KB of wasm for one lookup table.
fn first_scheduled_and_started<'e>(
    last: &'e Engine,
    ms: &impl Fn(SimTime) -> i64,
) -> Vec<(&'e str, FirstTimes)> {
    // (pod, started rather than scheduled, when), in event order.
    let mut marks: Vec<(&str, bool, i64)> = last
        .events()
        .iter()
        .filter(|e| e.kind == "Pod")
        .filter_map(|e| match &*e.reason {
            "Scheduled" => Some((e.name.as_str(), false, ms(e.time))),
            "Started" => Some((e.name.as_str(), true, ms(e.time))),
            _ => None,
        })
        .collect();
    // Stable: each pod's marks stay in event order, so its first of each kind comes first.
    crate::sort::sort_by(&mut marks, |a, b| a.0.cmp(b.0));
    let mut seen: Vec<(&str, FirstTimes)> = Vec::new();
    for (pod, started, at) in marks {
        if seen.last().is_none_or(|(p, _)| *p != pod) {
            seen.push((pod, (None, None)));
        }
        let times = &mut seen.last_mut().expect("just pushed").1;
        let first = if started { &mut times.1 } else { &mut times.0 };
        first.get_or_insert(at);
    }
    seen
}

fn gap(from: i64, to: i64) -> Gap {
    Gap {
        from,
        to,
        label: human_duration(crate::time::SimDuration::from_millis(to - from)),
    }
}

impl Row {
    /// The row as it stands `now` ms into the run: later bars cut, later ends and gaps left out.
    pub fn until(&self, now: i64) -> Row {
        Row {
            label: self.label.clone(),
            index: self.index,
            from: self.from,
            gone: self.gone,
            bars: self
                .bars
                .iter()
                .filter(|b| b.from < now)
                .map(|b| Bar {
                    to: b.to.min(now),
                    ..b.clone()
                })
                .collect(),
            ends: self.ends.iter().filter(|e| e.at <= now).cloned().collect(),
            gaps: self.gaps.iter().filter(|g| g.to <= now).cloned().collect(),
        }
    }
}

/// One chart of a [`Gantt`] as it stands at a playhead, without copying its rows: which of
/// them exist by then. A frame cuts only the rows it draws ([`Row::until`]): cutting every row
/// of a 10,000-pod Job, every frame, took more than a 60 Hz frame has.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartAt {
    /// The chart's place in [`Gantt::jobs`], then [`Gantt::cron_jobs`] after them.
    pub chart: usize,
    /// The positions in the chart's rows of those that exist at the playhead, in order.
    pub shown: Vec<u32>,
    /// A Job's condition changes by then (a CronJob's chart has none).
    pub marks: Vec<Mark>,
}

impl Gantt {
    /// A chart by its place in `jobs` then `cron_jobs` ([`ChartAt::chart`]): its name
    /// (`job/NAME` or `cronjob/NAME`) and its rows.
    pub fn chart(&self, k: usize) -> (String, &[Row]) {
        match self.jobs.get(k) {
            Some(j) => (format!("job/{}", j.job), &j.rows),
            None => {
                let c = &self.cron_jobs[k - self.jobs.len()];
                (format!("cronjob/{}", c.cron_job), &c.rows)
            }
        }
    }

    /// The charts as they stand `now` ms into the run: Jobs created by then, with the rows
    /// whose first pod exists and the marks up to `now`; CronJobs with a Job that exists then
    /// (the controller deletes old ones), each with those Jobs' rows.
    pub fn at(&self, now: i64) -> Vec<ChartAt> {
        let positions = |rows: &[Row], exists: &dyn Fn(&Row) -> bool| -> Vec<u32> {
            (0u32..)
                .zip(rows)
                .filter(|(_, r)| exists(r))
                .map(|(k, _)| k)
                .collect()
        };
        let jobs = self
            .jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.created <= now)
            .map(|(k, j)| ChartAt {
                chart: k,
                shown: positions(&j.rows, &|r| r.bars.first().is_some_and(|b| b.from <= now)),
                marks: j.marks.iter().filter(|m| m.at <= now).cloned().collect(),
            });
        let cron_jobs = self.cron_jobs.iter().enumerate().map(|(k, c)| ChartAt {
            chart: self.jobs.len() + k,
            shown: positions(&c.rows, &|r| {
                r.from <= now && r.gone.is_none_or(|g| g > now)
            }),
            marks: Vec::new(),
        });
        jobs.chain(cron_jobs.filter(|c| !c.shown.is_empty()))
            .collect()
    }

    /// The chart as it stands `now` ms into the run, every row cut: what [`Gantt::at`] and
    /// [`Row::until`] draw, as one value for tests to read.
    #[cfg(test)]
    pub fn until(&self, now: i64) -> Gantt {
        let mut cut = Gantt {
            span: self.span,
            now,
            jobs: Vec::new(),
            cron_jobs: Vec::new(),
        };
        for c in self.at(now) {
            let rows: Vec<Row> = (c.shown.iter())
                .map(|k| self.chart(c.chart).1[*k as usize].until(now))
                .collect();
            match self.jobs.get(c.chart) {
                Some(j) => cut.jobs.push(JobChart {
                    job: j.job.clone(),
                    created: j.created,
                    rows,
                    marks: c.marks,
                }),
                None => cut.cron_jobs.push(CronChart {
                    cron_job: self.cron_jobs[c.chart - self.jobs.len()].cron_job.clone(),
                    rows,
                }),
            }
        }
        cut
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
            row.gaps.push(gap(previous.at, born));
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

/// The UID of the Job a pod was made by: its controller reference's, or, for a pod its Job
/// orphaned (`kubectl delete --cascade=orphan`), its `controller-uid` label's. The UID, not the
/// name, so a Job made again under the same name keeps its own rows.
fn job_uid_of(pod: &Pod) -> Option<&str> {
    match crate::sim::store::Store::owner_job_reference(pod) {
        Some(r) => Some(r.uid.as_str()),
        None => pod
            .metadata
            .labels
            .get(crate::api::well_known::CONTROLLER_UID_LABEL)
            .map(|uid| uid.as_str()),
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

    /// `kubectl delete job --cascade=orphan`: the Job is gone, its pods live on without a
    /// reference to it, and its rows keep them (by the pods' `controller-uid` label).
    #[test]
    fn pods_their_job_orphaned_keep_their_rows() {
        let mut shell = crate::shell::Shell::new(crate::scenario::Scenario::default());
        let script = "cat <<EOF | kubectl apply -f -
apiVersion: batch/v1
kind: Job
metadata: {name: lone}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sleep, '10']}]
EOF
sleep 5
kubectl delete job lone --cascade=orphan
sleep 20
";
        let status = shell.run_script(script, &crate::shell::NoFiles, false, &mut |_| {});
        assert_eq!(status, 0);
        let engine = shell.engine();
        assert!(engine.job("lone").is_none(), "the Job is gone");
        let g = gantt(engine, engine.scenario().start, engine.now()).until(25_000);
        expect_test::expect![[r#"
            span 25 now 25
            job lone marks []
              lone-d2v22: Creating 0-2, Running 2-12 | ok@12 | 
        "#]]
        .assert_eq(&text(&g));
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

    fn preset(file: &str, at_secs: i64) -> Gantt {
        let text = std::fs::read_to_string(format!(
            "{}/static/examples/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the preset");
        chart(&text, at_secs)
    }

    #[test]
    fn a_row_per_pod_labels_the_back_off_before_each_replacement() {
        let g = preset("backoff.yaml", 3600);
        let t = text(&g);
        let gaps: Vec<&str> = t
            .lines()
            .filter(|l| l.starts_with("  "))
            .filter_map(|l| l.rsplit(" | ").next().filter(|g| !g.is_empty()))
            .collect();
        // The first pod fails at +5s; the next ones wait 10s, 20s, 40s, each in the row of
        // the pod that waited.
        expect_test::expect![[r#"["gap 5-15 10s", "gap 20-40 20s", "gap 43-83 40s"]"#]]
            .assert_eq(&format!("{gaps:?}"));
    }

    #[test]
    fn every_row_of_a_big_job_is_kept() {
        let big = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: big}\nspec:\n  completions: 500\n  parallelism: 500\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sleep, '5']}]\n";
        let g = chart(big, 3600);
        assert_eq!(g.jobs[0].rows.len(), 500);
    }

    const HELLO: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: hello}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: hello, image: busybox:1.28, command: [/bin/sh, -c, date; echo Hello]}]\n";

    #[test]
    fn a_cronjob_has_one_chart_with_a_row_per_job_that_exists_at_the_playhead() {
        let rows = |at: i64| -> Vec<String> {
            let g = chart(HELLO, at);
            assert!(g.jobs.is_empty(), "its Jobs are rows of its chart");
            g.cron_jobs
                .iter()
                .flat_map(|c| c.rows.iter().map(|r| format!("{}/{}", c.cron_job, r.label)))
                .collect()
        };
        assert!(
            rows(30).is_empty(),
            "no Job before the first scheduled time"
        );
        assert_eq!(rows(90), ["hello/hello-28928161"]);
        // successfulJobsHistoryLimit (3) keeps the three latest finished Jobs; older ones are
        // gone from the chart once deleted.
        expect_test::expect![[
            r#"["hello/hello-28928163", "hello/hello-28928164", "hello/hello-28928165"]"#
        ]]
        .assert_eq(&format!("{:?}", rows(5 * 60 + 30)));
        let g = chart(HELLO, 90);
        let row = &g.cron_jobs[0].rows[0];
        assert_eq!(row.from, 60_100, "created 100ms after its scheduled time");
        assert!(row
            .bars
            .iter()
            .all(|b| b.pod.starts_with("hello-28928161-")));
        assert!(row.ends.first().is_some_and(|e| e.succeeded), "{row:?}");
    }
}
