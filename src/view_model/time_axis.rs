//! The Timeline's time axis: ticks at a "nice" step (1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10,
//! 15, 30 min; 1, 2, 3, 6, 12 h; days), the smallest that keeps the ticks at most
//! `max_ticks` over the run, each labelled relative to the run's start (`+0`, `+30s`,
//! `+1m30s`), as the event log and the transport count time.

use crate::time::SimDuration;

/// One tick of the axis, `at` ms from the start of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxisTick {
    pub at: i64,
    pub label: String,
}

/// Steps an axis may take, in seconds: a clock's divisions, so labels read as round times.
const STEPS: [i64; 22] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
    172_800, 604_800, 2_592_000, 7_776_000,
];

/// The step for a run of `span` ms with at most `max_ticks` ticks (at least one step), in ms.
pub fn nice_step(span: i64, max_ticks: usize) -> i64 {
    let intervals = max_ticks.max(2) as i64 - 1;
    STEPS
        .iter()
        .map(|s| s * 1000)
        .find(|step| span / step <= intervals)
        // Longer than the longest step allows: whole multiples of it.
        .unwrap_or_else(|| {
            let longest = STEPS[STEPS.len() - 1] * 1000;
            longest * (span / (longest * (intervals + 1)) + 1)
        })
}

/// The axis of a run `span` ms long, with at most `max_ticks` ticks, from `+0`.
pub fn axis_ticks(span: i64, max_ticks: usize) -> Vec<AxisTick> {
    let step = nice_step(span.max(1), max_ticks);
    (0..)
        .map(|k| k * step)
        .take_while(|at| *at <= span.max(0))
        .map(|at| AxisTick {
            at,
            label: match at {
                0 => "+0".to_string(),
                _ => format!("+{}", SimDuration::from_millis(at).human()),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(span_secs: i64, max_ticks: usize, expect: expect_test::Expect) {
        let labels: Vec<String> = axis_ticks(span_secs * 1000, max_ticks)
            .into_iter()
            .map(|t| t.label)
            .collect();
        expect.assert_eq(&labels.join(" "));
    }

    #[test]
    fn ticks_fall_on_round_times_and_never_exceed_the_limit() {
        check(17, 6, expect_test::expect!["+0 +5s +10s +15s"]);
        check(45, 6, expect_test::expect!["+0 +10s +20s +30s +40s"]);
        check(100, 6, expect_test::expect!["+0 +30s +1m +1m30s"]);
        check(600, 6, expect_test::expect!["+0 +2m +4m +6m +8m +10m"]);
        check(
            3600,
            8,
            expect_test::expect!["+0 +10m +20m +30m +40m +50m +1h"],
        );
        check(86_400, 6, expect_test::expect!["+0 +6h +12h +18h +1d"]);
        for span in [1, 7, 59, 61, 599, 3601, 86_399, 400 * 86_400] {
            for max in [2, 4, 6, 10] {
                let ticks = axis_ticks(span * 1000, max);
                assert!(ticks.len() <= max, "{span}s in {max}: {ticks:?}");
                assert!(ticks.len() >= 2 || span < 2, "{span}s in {max}: {ticks:?}");
            }
        }
    }

    #[test]
    fn a_run_shorter_than_a_second_still_has_its_start() {
        assert_eq!(
            axis_ticks(400, 6),
            [AxisTick {
                at: 0,
                label: "+0".into()
            }]
        );
    }
}
