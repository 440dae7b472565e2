//! The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished
//! Job with `spec.ttlSecondsAfterFinished` is deleted (foreground) that long after it finished.
//! It emits no events.

use crate::api::Job;
use crate::time::{SimDuration, SimTime};

/// What the TTL controller decides for one Job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TtlDecision {
    /// No TTL, not finished, or already being deleted.
    Nothing,
    /// Look again at this instant.
    WaitUntil(SimTime),
    /// Expired: delete the Job now (foreground: pods first).
    Delete { finished: SimTime, ttl: i32 },
}

/// Decides for `job` at `now`.
pub fn sync_ttl(job: &Job, now: SimTime) -> TtlDecision {
    let Some(ttl) = job.spec.ttl_seconds_after_finished else {
        return TtlDecision::Nothing;
    };
    if job.metadata.deletion_timestamp.is_some() {
        return TtlDecision::Nothing;
    }
    let finished = job
        .status
        .conditions
        .iter()
        .filter(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.is_true())
        .find_map(|c| c.last_transition_time);
    let Some(finished) = finished else {
        return TtlDecision::Nothing;
    };
    let expiry = finished.0 + SimDuration::from_secs(i64::from(ttl));
    if expiry <= now {
        TtlDecision::Delete {
            finished: finished.0,
            ttl,
        }
    } else {
        TtlDecision::WaitUntil(expiry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Condition, Time};

    fn finished_job(ttl: Option<i32>, at: i64) -> Job {
        let mut job = Job::default();
        job.spec.ttl_seconds_after_finished = ttl;
        job.status.conditions.push(Condition {
            type_: "Complete".into(),
            status: "True".into(),
            last_transition_time: Some(Time(SimTime::from_millis(at * 1000))),
            ..Default::default()
        });
        job
    }

    #[test]
    fn waits_for_the_ttl_then_deletes() {
        let t = |s: i64| SimTime::from_millis(s * 1000);
        assert_eq!(
            sync_ttl(&finished_job(Some(100), 10), t(50)),
            TtlDecision::WaitUntil(t(110))
        );
        assert_eq!(
            sync_ttl(&finished_job(Some(100), 10), t(110)),
            TtlDecision::Delete {
                finished: t(10),
                ttl: 100
            }
        );
        assert_eq!(
            sync_ttl(&finished_job(Some(0), 10), t(10)),
            TtlDecision::Delete {
                finished: t(10),
                ttl: 0
            }
        );
        assert_eq!(
            sync_ttl(&finished_job(None, 10), t(1000)),
            TtlDecision::Nothing
        );
        assert_eq!(
            sync_ttl(
                &Job {
                    spec: crate::api::JobSpec {
                        ttl_seconds_after_finished: Some(5),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                t(1000)
            ),
            TtlDecision::Nothing
        );
    }
}
