//! The scrubber's marks: where in the run the controllers decided something, a pod failed or
//! a Job's condition changed, each a place to jump to. Computed once per run from its final
//! engine (removed pods and Jobs included). Marks of a kind within one slot (a hundredth of
//! the run) are counted into one, so a long run's bar stays readable; no sorting needed.

use super::caption::caption_at;
use crate::controller::job::job_controller::finish_time;
use crate::time::SimTime;
use crate::view_model::playback::Playback;

/// Slots across the run: marks of a kind in one slot (a hundredth of the run) are counted
/// into one. The page places a mark by its slot (a class per slot, as the page's style
/// policy allows no inline styles).
pub const SLOTS: usize = 100;

/// What a mark stands for; each has its own colour and shape on the bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Decision,
    Failure,
    Condition,
}

impl MarkKind {
    /// The classes the page styles a mark of this kind with.
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Decision => "jp-mark jp-mark-decision",
            MarkKind::Failure => "jp-mark jp-mark-failure",
            MarkKind::Condition => "jp-mark jp-mark-condition",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            MarkKind::Decision => "decisions",
            MarkKind::Failure => "pod failures",
            MarkKind::Condition => "condition changes",
        }
    }
}

/// One mark (or several close together) on the scrubber.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Where it seeks to, in ms from the start (the first of those it stands for).
    pub at_ms: i64,
    /// Its place on the bar: which of the [`SLOTS`] it falls in.
    pub slot: usize,
    pub kind: MarkKind,
    /// How many it stands for.
    pub count: u32,
    /// What a screen reader announces and a tooltip shows.
    pub label: String,
}

/// One slot's marks of one kind while they are gathered: the first and last time, how
/// many, and the words of the first (decisions are worded only for the first of a slot).
#[derive(Clone, Copy)]
struct Gathered {
    first: SimTime,
    last: SimTime,
    count: u32,
    /// For a decision: the number of decisions taken by its instant; for a failure or a
    /// condition, the index of its words.
    what: usize,
}

/// The marks of a run, in time order by slot (decisions, failures, conditions within one).
pub fn marks(p: &Playback) -> Vec<Mark> {
    let engine = &p.last;
    let (start, end) = (p.start, p.end);
    let span = (end - start).as_millis().max(1);
    let slot = |t: SimTime| {
        ((t - start).as_millis().clamp(0, span) as usize * SLOTS / (span as usize + 1))
            .min(SLOTS - 1)
    };
    let mut slots: Vec<[Option<Gathered>; 3]> = vec![[None; 3]; SLOTS];
    let gather = |slots: &mut [[Option<Gathered>; 3]], t: SimTime, kind: MarkKind, what| {
        if t < start || t > end {
            return;
        }
        match &mut slots[slot(t)][kind as usize] {
            Some(g) => {
                g.count += 1;
                g.first = g.first.min(t);
                g.last = g.last.max(t);
            }
            empty => {
                *empty = Some(Gathered {
                    first: t,
                    last: t,
                    count: 1,
                    what,
                })
            }
        }
    };
    let decisions = engine.decisions();
    let mut previous = None;
    for (n, d) in decisions.iter().enumerate() {
        // One per instant; its caption says what all its decisions did.
        if previous != Some(d.time) {
            gather(&mut slots, d.time, MarkKind::Decision, n + 1);
        } else if let Some(g) = slots[slot(d.time)][0].as_mut().filter(|g| g.count == 1) {
            g.what = n + 1;
        }
        previous = Some(d.time);
    }
    let mut failed = Vec::new();
    for pod in engine.pods().chain(engine.removed_pods().iter()) {
        if pod.status.phase == "Failed" {
            gather(
                &mut slots,
                finish_time(pod),
                MarkKind::Failure,
                failed.len(),
            );
            failed.push(format!("Pod {} failed", pod.name()));
        }
    }
    let mut conditions = Vec::new();
    for job in engine.jobs().chain(engine.removed_jobs()) {
        for c in &job.status.conditions {
            if let (Some(t), true) = (c.last_transition_time, c.status == "True") {
                gather(&mut slots, t.0, MarkKind::Condition, conditions.len());
                conditions.push(format!("Job {} {}", job.metadata.name, c.type_));
            }
        }
    }
    let at = |t: SimTime| format!("+{}", (t - start).human());
    let mut marks = Vec::new();
    for (s, kinds) in slots.iter().enumerate() {
        for (kind, g) in [MarkKind::Decision, MarkKind::Failure, MarkKind::Condition]
            .into_iter()
            .zip(kinds)
        {
            let Some(g) = g else { continue };
            let label = if g.count > 1 {
                format!("{} {} from {}", g.count, kind.plural(), at(g.first))
            } else {
                let words = match kind {
                    MarkKind::Decision => caption_at(engine, start, g.what).map(|c| c.text),
                    MarkKind::Failure => failed.get(g.what).cloned(),
                    MarkKind::Condition => conditions.get(g.what).cloned(),
                };
                format!("{}: {}", at(g.first), words.unwrap_or_default())
            };
            marks.push(Mark {
                at_ms: (g.first - start).as_millis(),
                slot: s,
                kind,
                count: g.count,
                label,
            });
        }
    }
    marks
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
                    "{:>2} {:>7}ms {:<9?} ×{} {}",
                    m.slot, m.at_ms, m.kind, m.count, m.label
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
                 0       0ms Decision ×1 +0s: Job flaky starts 1 pod(s), to have 1 running.
                 5    5000ms Failure ×1 +5s: Pod flaky-d2v22 failed
                 6    6000ms Decision ×1 +6s: Pod flaky-d2v22 failed (exit 1): 1 of 4 allowed failures. Next pod in 9s; the back-off (10s) doubles after each failure.
                 7    7000ms Decision ×1 +7s: Next pod in 8s; the back-off (10s) doubles after each failure.
                16   15000ms Decision ×1 +15s: Job flaky starts 1 pod(s), to have 1 running.
                21   20000ms Failure ×1 +20s: Pod flaky-smkfj failed
                23   21000ms Decision ×1 +21s: Pod flaky-smkfj failed (exit 1): 2 of 4 allowed failures. Next pod in 19s; the back-off (20s) doubles after each failure.
                24   22000ms Decision ×1 +22s: Next pod in 18s; the back-off (20s) doubles after each failure.
                43   40000ms Decision ×1 +40s: Job flaky starts 1 pod(s), to have 1 running.
                47   43000ms Failure ×1 +43s: Pod flaky-4vsvv failed
                48   44000ms Decision ×1 +44s: Pod flaky-4vsvv failed (exit 1): 3 of 4 allowed failures. Next pod in 39s; the back-off (40s) doubles after each failure.
                49   45000ms Decision ×1 +45s: Next pod in 38s; the back-off (40s) doubles after each failure.
                91   83000ms Decision ×1 +1m23s: Job flaky starts 1 pod(s), to have 1 running.
                99   91000ms Decision ×1 +1m31s: Job flaky is complete: 1 of 1 succeeded.
                99   91000ms Condition ×2 2 condition changes from +1m31s
            "#]],
        );
    }

    #[test]
    fn dense_marks_of_one_kind_are_counted_into_one() {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: many}\nspec:\n  completions: 60\n  parallelism: 60\n  backoffLimit: 100\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 5; exit $((RANDOM % 2))']}]\n";
        check(
            yaml,
            expect![[r#"
                 0       0ms Decision ×1 +0s: Job many starts 60 pod(s), to have 60 running.
                 3    8000ms Decision ×1 +8s: Pod many-6s4hd failed (exit 1): 1 of 100 allowed failures. Pod many-7v99h failed (exit 1): 2 of 100 allowed failures. Pod many-8jhml failed (exit 1): 3 of 100 allowed failures. (and 32 more at this instant)
                 3    7000ms Failure ×34 34 pod failures from +7s
                 7   16000ms Decision ×1 +16s: Pod many-4pxdz failed (exit 1): 35 of 100 allowed failures. Pod many-6cqvx failed (exit 1): 36 of 100 allowed failures. Pod many-6hrz8 failed (exit 1): 37 of 100 allowed failures. (and 17 more at this instant)
                 7   15000ms Failure ×19 19 pod failures from +15s
                11   24000ms Decision ×1 +24s: Pod many-4qr2c failed (exit 1): 54 of 100 allowed failures. Pod many-5zdh5 failed (exit 1): 55 of 100 allowed failures. Pod many-j4vzj failed (exit 1): 56 of 100 allowed failures. (and 9 more at this instant)
                11   23000ms Failure ×11 11 pod failures from +23s
                15   32000ms Decision ×1 +32s: Pod many-9ct4q failed (exit 1): 65 of 100 allowed failures. Pod many-k88ph failed (exit 1): 66 of 100 allowed failures. Pod many-kdlwn failed (exit 1): 67 of 100 allowed failures. (and 6 more at this instant)
                15   31000ms Failure ×8 8 pod failures from +31s
                19   40000ms Decision ×1 +40s: Pod many-5455m failed (exit 1): 73 of 100 allowed failures. Pod many-hl9wf failed (exit 1): 74 of 100 allowed failures. Pod many-z7q4d failed (exit 1): 75 of 100 allowed failures. (and 1 more at this instant)
                19   39000ms Failure ×3 3 pod failures from +39s
                23   48000ms Decision ×1 +48s: Pod many-4b2fb failed (exit 1): 76 of 100 allowed failures. Pod many-4f4jz failed (exit 1): 77 of 100 allowed failures. Pod many-ttrmr failed (exit 1): 78 of 100 allowed failures. (and 1 more at this instant)
                23   47000ms Failure ×3 3 pod failures from +47s
                24   49000ms Decision ×1 +49s: Next pod in 38s; the back-off (40s) doubles after each failure.
                43   87000ms Decision ×1 +1m27s: Job many starts 3 pod(s), to have 3 running.
                46   94000ms Failure ×2 2 pod failures from +1m34s
                47   95000ms Decision ×1 +1m35s: Pod many-cwhcf failed (exit 1): 79 of 100 allowed failures. Pod many-vx5vr failed (exit 1): 80 of 100 allowed failures. Job many starts 2 pod(s), to have 2 running.
                50  103000ms Decision ×1 +1m43s: Pod many-v24jj failed (exit 1): 81 of 100 allowed failures. Job many starts 1 pod(s), to have 1 running.
                50  102000ms Failure ×1 +1m42s: Pod many-v24jj failed
                54  111000ms Decision ×1 +1m51s: Pod many-lshw9 failed (exit 1): 82 of 100 allowed failures. Next pod in 9s; the back-off (10s) doubles after each failure.
                54  110000ms Failure ×1 +1m50s: Pod many-lshw9 failed
                55  112000ms Decision ×1 +1m52s: Next pod in 8s; the back-off (10s) doubles after each failure.
                59  120000ms Decision ×1 +2m: Job many starts 1 pod(s), to have 1 running.
                62  127000ms Failure ×1 +2m7s: Pod many-8mlc8 failed
                63  128000ms Decision ×2 2 decisions from +2m8s
                72  147000ms Decision ×1 +2m27s: Job many starts 1 pod(s), to have 1 running.
                76  155000ms Decision ×1 +2m35s: Pod many-j75fv failed (exit 1): 84 of 100 allowed failures. Next pod in 39s; the back-off (40s) doubles after each failure.
                76  154000ms Failure ×1 +2m34s: Pod many-j75fv failed
                77  156000ms Decision ×1 +2m36s: Next pod in 38s; the back-off (40s) doubles after each failure.
                96  194000ms Decision ×1 +3m14s: Job many starts 1 pod(s), to have 1 running.
                99  202000ms Decision ×1 +3m22s: Job many is complete: 60 of 60 succeeded.
                99  202000ms Condition ×2 2 condition changes from +3m22s
            "#]],
        );
    }
}
