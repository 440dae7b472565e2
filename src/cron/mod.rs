//! CronJob schedules as Kubernetes reads and runs them: robfig/cron v3.0.1's standard
//! parser and `Next`, on the tz database (read as Go reads it), plus a plain-language reading of a schedule.
//!
//! Why not the `cron` crate underneath: measured when this port was chosen, through a
//! translation layer it agreed with robfig on 521 of 528 valid cases; the 7 others were
//! robfig's own behaviour on daylight-saving days, which Kubernetes users get and
//! jobplay must show. Porting `Next` (about 100 lines) onto Go's time arithmetic agrees on
//! all of them (tests/cron_oracle.rs checks against robfig itself), and the crate's parser
//! would be replaced by robfig's grammar anyway.

pub mod constantdelay;
pub mod explain;
pub mod parser;
pub mod spec;
pub mod tzdb;
pub mod tzif;
pub mod zone;

pub use parser::parse_standard;
pub use zone::Zone;

use crate::time::SimTime;
use constantdelay::ConstantDelay;
use spec::SpecSchedule;

/// A parsed schedule: five fields (or a macro) or `@every`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    Spec(SpecSchedule),
    Every(ConstantDelay),
}

impl Schedule {
    /// robfig's `Next`: the first activation after `t` in `zone`, or `None` (the zero time)
    /// when none comes within five years.
    pub fn next(&self, t: SimTime, zone: &Zone) -> Option<SimTime> {
        match self {
            Schedule::Spec(s) => s
                .next(t.as_millis(), zone)
                .map(|secs| SimTime::from_millis(secs * 1000)),
            Schedule::Every(e) => Some(SimTime::from_millis(e.next_millis(t.as_millis()))),
        }
    }

    /// The next `count` activations after `from`.
    pub fn upcoming(&self, from: SimTime, zone: &Zone, count: usize) -> Vec<SimTime> {
        let mut out = Vec::with_capacity(count.min(10_000));
        let mut t = from;
        while out.len() < count {
            match self.next(t, zone) {
                Some(n) => {
                    out.push(n);
                    t = n;
                }
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(expr: &str, zone: &str, from: &str, n: usize) -> Vec<String> {
        let zone = Zone::load(zone).unwrap();
        let from = SimTime::parse_rfc3339(from).unwrap();
        parse_standard(expr)
            .unwrap()
            .upcoming(from, &zone, n)
            .into_iter()
            .map(|t| t.rfc3339())
            .collect()
    }

    #[test]
    fn day_of_month_or_day_of_week() {
        // Both restricted: the 1st and 15th, and every Monday.
        assert_eq!(
            fires("0 0 1,15 * 1", "UTC", "2026-06-01T00:00:00Z", 4),
            [
                "2026-06-08T00:00:00Z",
                "2026-06-15T00:00:00Z",
                "2026-06-22T00:00:00Z",
                "2026-06-29T00:00:00Z"
            ]
        );
        // A star day-of-month: only Mondays.
        assert_eq!(
            fires("0 0 * * 1", "UTC", "2026-06-01T00:00:00Z", 2),
            ["2026-06-08T00:00:00Z", "2026-06-15T00:00:00Z"]
        );
    }

    #[test]
    fn spring_forward_skips_and_fall_back_fires_twice() {
        assert_eq!(
            fires("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2),
            ["2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"]
        );
        assert_eq!(
            fires("0 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 3),
            [
                "2026-11-01T05:00:00Z",
                "2026-11-01T06:00:00Z",
                "2026-11-02T06:00:00Z"
            ]
        );
    }

    #[test]
    fn robfigs_daylight_saving_quirks_are_kept() {
        // Lord Howe moves its clocks by 30 minutes: robfig's hour loop lands on 05:30 and
        // skips the 05:00 run of 2026-04-05 (the wall-clock-correct answer would keep it).
        assert_eq!(
            fires(
                "0 5 * * *",
                "Australia/Lord_Howe",
                "2026-04-03T12:00:00Z",
                2
            ),
            ["2026-04-03T18:00:00Z", "2026-04-05T18:30:00Z"]
        );
        // Santiago skips midnight on 2026-09-06: a Saturday-only schedule also runs on Sunday.
        assert_eq!(
            fires("0 5 * * 6", "America/Santiago", "2026-09-04T12:00:00Z", 2),
            ["2026-09-05T09:00:00Z", "2026-09-06T08:00:00Z"]
        );
    }

    #[test]
    fn never_firing_schedule_gives_none() {
        assert!(fires("0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z", 1).is_empty());
    }

    #[test]
    fn every_is_anchored_on_the_start() {
        assert_eq!(
            fires("@every 90m", "UTC", "2026-01-01T00:00:30.5Z", 2),
            ["2026-01-01T01:30:30Z", "2026-01-01T03:00:30Z"]
        );
    }
}
