//! Pod re-creation back-off (pkg/controller/job/backoff_utils.go).
//!
//! The controller remembers, per Job, how many pods failed since the last success and when the
//! latest of them finished; replacements wait `min(10s · 2^(n−1), 10m)` from that moment.

use crate::time::{SimDuration, SimTime};

/// `DefaultJobPodFailureBackOff`.
pub const BASE: SimDuration = SimDuration::from_secs(10);
/// `MaxJobPodFailureBackOff` (the code says 10 minutes; older docs say 6).
pub const MAX: SimDuration = SimDuration::from_secs(600);

/// The controller's in-memory back-off record for one Job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackoffRecord {
    pub failures_after_last_success: u32,
    pub last_failure_time: Option<SimTime>,
}

impl BackoffRecord {
    /// Folds in the pods that newly finished in a sync, given their finish times.
    pub fn updated(self, new_succeeded: &[SimTime], new_failed: &[SimTime]) -> BackoffRecord {
        match new_succeeded.iter().max() {
            None => BackoffRecord {
                failures_after_last_success: self.failures_after_last_success
                    + new_failed.len() as u32,
                last_failure_time: new_failed.iter().copied().max().max(self.last_failure_time),
            },
            Some(&last_success) => {
                let after: Vec<SimTime> = new_failed
                    .iter()
                    .copied()
                    .filter(|t| *t > last_success)
                    .collect();
                BackoffRecord {
                    failures_after_last_success: after.len() as u32,
                    last_failure_time: after.into_iter().max(),
                }
            }
        }
    }

    /// The full delay the current failure count asks for.
    pub fn delay(&self) -> SimDuration {
        delay_for(self.failures_after_last_success)
    }

    /// What is left of the delay at `now` (zero when a replacement may be created).
    pub fn remaining(&self, now: SimTime) -> SimDuration {
        match self.last_failure_time {
            Some(last) if self.failures_after_last_success > 0 => {
                (self.delay() - (now - last)).max(SimDuration::ZERO)
            }
            _ => SimDuration::ZERO,
        }
    }
}

/// `min(10s · 2^(n−1), 10m)`, zero for n = 0.
pub fn delay_for(failures: u32) -> SimDuration {
    if failures == 0 {
        return SimDuration::ZERO;
    }
    let exp = (failures - 1).min(20);
    BASE.saturating_mul(1 << exp).min(MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> SimTime {
        SimTime::from_millis(s * 1000)
    }

    #[test]
    fn delays_double_from_ten_seconds_to_ten_minutes() {
        let secs: Vec<i64> = (0..=9).map(|n| delay_for(n).whole_secs()).collect();
        assert_eq!(secs, [0, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
    }

    #[test]
    fn simultaneous_failures_count_individually() {
        let r = BackoffRecord::default().updated(&[], &[t(5), t(5), t(6)]);
        assert_eq!(r.failures_after_last_success, 3);
        assert_eq!(r.remaining(t(6)), SimDuration::from_secs(40));
        assert_eq!(r.remaining(t(50)), SimDuration::ZERO);
    }

    #[test]
    fn a_success_resets_and_keeps_only_later_failures() {
        let r = BackoffRecord {
            failures_after_last_success: 4,
            last_failure_time: Some(t(1)),
        };
        let r = r.updated(&[t(10)], &[t(9), t(11)]);
        assert_eq!(
            r,
            BackoffRecord {
                failures_after_last_success: 1,
                last_failure_time: Some(t(11))
            }
        );
        assert_eq!(
            BackoffRecord::default()
                .updated(&[t(3)], &[])
                .remaining(t(3)),
            SimDuration::ZERO
        );
    }
}
