//! The scrubber's marks: where in the run the controllers decided something, a pod failed or
//! a Job's condition changed, each a place to jump to. Computed once per run from its final
//! engine (removed pods and Jobs included). Marks closer than a bucket (a fraction of the
//! run) are counted into one per kind, so a long run's bar stays readable.

use super::caption::caption_at;
use crate::controller::job::job_controller::finish_time;
use crate::time::{SimDuration, SimTime};
use crate::view_model::playback::Playback;

/// Buckets across the run: marks of a kind closer than `1/BUCKETS` of it become one.
pub const BUCKETS: i64 = 120;

/// What a mark stands for; each has its own colour and shape on the bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    Decision,
    Failure,
    Condition,
}

impl MarkKind {
    /// The class suffix the page styles (`jp-mark-decision` ...).
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Decision => "decision",
            MarkKind::Failure => "failure",
            MarkKind::Condition => "condition",
        }
    }
}

/// One mark (or several close together) on the scrubber.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Where it seeks to, in ms from the start (the first of those it stands for).
    pub at_ms: i64,
    /// Its place on the bar, in per mille of the run.
    pub permille: u16,
    pub kind: MarkKind,
    /// How many it stands for.
    pub count: u32,
    /// What a screen reader announces and a tooltip shows.
    pub label: String,
}

/// The marks of a run, in time order (kinds in a fixed order at one place).
pub fn marks(p: &Playback) -> Vec<Mark> {
    let engine = &p.last;
    let mut points: Vec<(SimTime, MarkKind, String)> = Vec::new();
    let decisions = engine.decisions();
    for n in 1..=decisions.len() {
        let (Some(d), next) = (decisions.get(n - 1), decisions.get(n)) else {
            continue;
        };
        // One mark per instant: its caption says what all its decisions did.
        if next.is_some_and(|next| next.time == d.time) {
            continue;
        }
        let words = caption_at(engine, p.start, n).map_or_else(String::new, |c| c.text);
        points.push((d.time, MarkKind::Decision, words));
    }
    let pods = engine.pods().chain(engine.removed_pods().iter());
    for pod in pods.filter(|pod| pod.status.phase == "Failed") {
        points.push((
            finish_time(pod),
            MarkKind::Failure,
            format!("Pod {} failed", pod.name()),
        ));
    }
    for job in engine.jobs().chain(engine.removed_jobs()) {
        for c in job.status.conditions.iter().filter(|c| c.status == "True") {
            if let Some(t) = c.last_transition_time {
                points.push((
                    t.0,
                    MarkKind::Condition,
                    format!("Job {}: {}", job.metadata.name, c.type_),
                ));
            }
        }
    }
    aggregate(points, p.start, p.end)
}

/// Sorts `points` and merges those of one kind that fall into one bucket.
fn aggregate(
    mut points: Vec<(SimTime, MarkKind, String)>,
    start: SimTime,
    end: SimTime,
) -> Vec<Mark> {
    points.retain(|(t, ..)| *t >= start && *t <= end);
    points.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let span = (end - start).as_millis().max(1);
    let bucket = |t: SimTime| ((t - start).as_millis() * BUCKETS / span).min(BUCKETS - 1);
    let mut marks: Vec<Mark> = Vec::new();
    // Per kind: the bucket of its last mark, that mark's index and what it stands for.
    let mut last_of_kind: [Option<(i64, usize, Vec<String>)>; 3] = [None, None, None];
    for (t, kind, words) in points {
        let b = bucket(t);
        let at_ms = (t - start).as_millis();
        let at = |ms: i64| format!("+{}", SimDuration::from_millis(ms).human());
        match &mut last_of_kind[kind as usize] {
            Some((lb, i, all)) if *lb == b => {
                let m = &mut marks[*i];
                m.count += 1;
                all.push(words);
                m.label = if m.at_ms == at_ms && all.len() <= 3 {
                    format!("{}: {}", at(at_ms), all.join("; "))
                } else {
                    format!(
                        "{} {} from {} to {}",
                        m.count,
                        plural(kind),
                        at(m.at_ms),
                        at(at_ms)
                    )
                };
            }
            slot => {
                *slot = Some((b, marks.len(), vec![words.clone()]));
                marks.push(Mark {
                    at_ms,
                    permille: (at_ms * 1000 / span) as u16,
                    kind,
                    count: 1,
                    label: format!("{}: {words}", at(at_ms)),
                });
            }
        }
    }
    marks
}

fn plural(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Decision => "decisions",
        MarkKind::Failure => "pod failures",
        MarkKind::Condition => "condition changes",
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    fn check(yaml: &str, expect: Expect) {
        let p = Playback::compute(crate::scenario::load(yaml).scenario);
        let lines: Vec<String> = marks(&p)
            .iter()
            .map(|m| {
                format!(
                    "{:>4}‰ {:>7}ms {:<9} ×{} {}",
                    m.permille,
                    m.at_ms,
                    m.kind.name(),
                    m.count,
                    m.label
                )
            })
            .collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[test]
    fn the_back_off_run_is_marked_at_each_decision_failure_and_condition() {
        check(
            crate::view_model::presets::PRESETS[0].yaml,
            expect![[r#"
               0‰       0ms decision  ×1 +0s: Job flaky starts 1 pod: it wants 1 running at once.
              53‰    5000ms failure   ×1 +5s: Pod flaky-d2v22 failed
              64‰    6000ms decision  ×1 +6s: Pod flaky-d2v22 failed (exit 1): 1 of 4 allowed failures. Next pod in 9s; the back-off, 10s now, doubles after each failure.
              75‰    7000ms decision  ×1 +7s: Next pod in 8s; the back-off, 10s now, doubles after each failure.
             161‰   15000ms decision  ×1 +15s: Job flaky starts 1 pod: it wants 1 running at once.
             215‰   20000ms failure   ×1 +20s: Pod flaky-smkfj failed
             225‰   21000ms decision  ×1 +21s: Pod flaky-smkfj failed (exit 1): 2 of 4 allowed failures. Next pod in 19s; the back-off, 20s now, doubles after each failure.
             236‰   22000ms decision  ×1 +22s: Next pod in 18s; the back-off, 20s now, doubles after each failure.
             430‰   40000ms decision  ×1 +40s: Job flaky starts 1 pod: it wants 1 running at once.
             483‰   45000ms failure   ×1 +45s: Pod flaky-4vsvv failed
             494‰   46000ms decision  ×1 +46s: Pod flaky-4vsvv failed (exit 1): 3 of 4 allowed failures. Next pod in 39s; the back-off, 40s now, doubles after each failure.
             505‰   47000ms decision  ×1 +47s: Next pod in 38s; the back-off, 40s now, doubles after each failure.
             913‰   85000ms decision  ×1 +1m25s: Job flaky starts 1 pod: it wants 1 running at once.
            1000‰   93000ms decision  ×1 +1m33s: Job flaky is complete: 1 of 1 completions succeeded.
            1000‰   93000ms condition ×2 +1m33s: Job flaky: SuccessCriteriaMet; Job flaky: Complete
        "#]],
        );
    }

    #[test]
    fn dense_marks_of_one_kind_are_counted_into_one() {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: many}\nspec:\n  completions: 60\n  parallelism: 60\n  backoffLimit: 100\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 5; exit $((RANDOM % 2))']}]\n";
        check(
            yaml,
            expect![[r#"
               0‰       0ms decision  ×1 +0s: Job many starts 60 pods: it wants 60 running at once.
              34‰    7000ms failure   ×34 34 pod failures from +7s to +7s
              39‰    8000ms decision  ×1 +8s: Pod many-6s4hd failed (exit 1): 1 of 100 allowed failures. Pod many-7v99h failed (exit 1): 2 of 100 allowed failures. Pod many-8jhml failed (exit 1): 3 of 100 allowed failures. (and 32 more at this instant)
              74‰   15000ms failure   ×19 19 pod failures from +15s to +15s
              79‰   16000ms decision  ×1 +16s: Pod many-4pxdz failed (exit 1): 35 of 100 allowed failures. Pod many-6cqvx failed (exit 1): 36 of 100 allowed failures. Pod many-6hrz8 failed (exit 1): 37 of 100 allowed failures. (and 17 more at this instant)
             113‰   23000ms failure   ×11 11 pod failures from +23s to +23s
             118‰   24000ms decision  ×1 +24s: Pod many-4qr2c failed (exit 1): 54 of 100 allowed failures. Pod many-5zdh5 failed (exit 1): 55 of 100 allowed failures. Pod many-j4vzj failed (exit 1): 56 of 100 allowed failures. (and 9 more at this instant)
             153‰   31000ms failure   ×8 8 pod failures from +31s to +31s
             158‰   32000ms decision  ×1 +32s: Pod many-9ct4q failed (exit 1): 65 of 100 allowed failures. Pod many-k88ph failed (exit 1): 66 of 100 allowed failures. Pod many-kdlwn failed (exit 1): 67 of 100 allowed failures. (and 6 more at this instant)
             193‰   39000ms failure   ×3 +39s: Pod many-z7q4d failed; Pod many-hl9wf failed; Pod many-5455m failed
             198‰   40000ms decision  ×1 +40s: Pod many-5455m failed (exit 1): 73 of 100 allowed failures. Pod many-hl9wf failed (exit 1): 74 of 100 allowed failures. Pod many-z7q4d failed (exit 1): 75 of 100 allowed failures. (and 1 more at this instant)
             232‰   47000ms failure   ×3 +47s: Pod many-4f4jz failed; Pod many-ttrmr failed; Pod many-4b2fb failed
             237‰   48000ms decision  ×1 +48s: Pod many-4b2fb failed (exit 1): 76 of 100 allowed failures. Pod many-4f4jz failed (exit 1): 77 of 100 allowed failures. Pod many-ttrmr failed (exit 1): 78 of 100 allowed failures. (and 1 more at this instant)
             242‰   49000ms decision  ×1 +49s: Next pod in 38s; the back-off, 40s now, doubles after each failure.
             430‰   87000ms decision  ×1 +1m27s: Job many starts 3 pods: it wants 3 running at once.
             465‰   94000ms failure   ×2 +1m34s: Pod many-vx5vr failed; Pod many-cwhcf failed
             470‰   95000ms decision  ×1 +1m35s: Pod many-cwhcf failed (exit 1): 79 of 100 allowed failures. Pod many-vx5vr failed (exit 1): 80 of 100 allowed failures. Job many starts 2 pods: it wants 2 running at once.
             504‰  102000ms failure   ×1 +1m42s: Pod many-v24jj failed
             509‰  103000ms decision  ×1 +1m43s: Pod many-v24jj failed (exit 1): 81 of 100 allowed failures. Job many starts 1 pod: it wants 1 running at once.
             544‰  110000ms failure   ×1 +1m50s: Pod many-lshw9 failed
             549‰  111000ms decision  ×1 +1m51s: Pod many-lshw9 failed (exit 1): 82 of 100 allowed failures. Next pod in 9s; the back-off, 10s now, doubles after each failure.
             554‰  112000ms decision  ×1 +1m52s: Next pod in 8s; the back-off, 10s now, doubles after each failure.
             594‰  120000ms decision  ×1 +2m: Job many starts 1 pod: it wants 1 running at once.
             628‰  127000ms failure   ×1 +2m7s: Pod many-8mlc8 failed
             633‰  128000ms decision  ×2 2 decisions from +2m8s to +2m9s
             727‰  147000ms decision  ×1 +2m27s: Job many starts 1 pod: it wants 1 running at once.
             762‰  154000ms failure   ×1 +2m34s: Pod many-j75fv failed
             767‰  155000ms decision  ×2 2 decisions from +2m35s to +2m36s
             960‰  194000ms decision  ×1 +3m14s: Job many starts 1 pod: it wants 1 running at once.
            1000‰  202000ms decision  ×1 +3m22s: Job many is complete: 60 of 60 completions succeeded.
            1000‰  202000ms condition ×2 +3m22s: Job many: SuccessCriteriaMet; Job many: Complete
        "#]],
        );
    }
}
