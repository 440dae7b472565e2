//! robfig/cron v3.0.1 `SpecSchedule.Next`, ported step for step onto [`Zone`]'s Go-style
//! time arithmetic. The port keeps robfig's behaviour on daylight-saving days exactly,
//! including what the `cron` crate does "better": on Lord Howe's 30-minute shift the hour
//! loop lands on `hh:30` and skips that day's `hh:00` runs, and a skipped midnight lets
//! the day loop accept the wrong weekday (America/Santiago, 2026-09-06). Kubernetes runs
//! these quirks, so jobplay does too (tests/cron_oracle.rs checks them against robfig).

use super::zone::{Civil, Zone};

/// Set when a field was `*` or `?` with no step above one (robfig's `starBit`).
pub const STAR_BIT: u64 = 1 << 63;

/// One bit per allowed value of each field (robfig's `SpecSchedule`; seconds is always 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecSchedule {
    pub second: u64,
    pub minute: u64,
    pub hour: u64,
    pub dom: u64,
    pub month: u64,
    pub dow: u64,
}

fn has(bits: u64, value: u32) -> bool {
    value < 64 && bits & (1 << value) != 0
}

impl SpecSchedule {
    /// The first activation strictly after `t_millis`, in Unix seconds, or `None` when none
    /// comes within five years (robfig's zero time).
    pub fn next(&self, t_millis: i64, zone: &Zone) -> Option<i64> {
        // The upcoming whole second.
        let mut t = t_millis.div_euclid(1000) + 1;
        // robfig reads the wall clock of the same instant several times over (Go's Time
        // methods each look up the zone); ours reads it once per instant.
        let mut last: Option<(i64, Civil)> = None;
        let mut civil = |t: i64| match last {
            Some((at, c)) if at == t => c,
            _ => {
                let c = zone.civil(t);
                last = Some((t, c));
                c
            }
        };
        let mut added = false;
        let year_limit = civil(t).year + 5;
        'wrap: loop {
            if civil(t).year > year_limit {
                return None;
            }
            loop {
                let c = civil(t);
                if has(self.month, c.month) {
                    break;
                }
                if !added {
                    added = true;
                    t = zone.date(c.year, c.month.into(), 1, 0, 0, 0);
                }
                t = add_date(zone, t, 1, 0);
                if civil(t).month == 1 {
                    continue 'wrap;
                }
            }
            loop {
                let c = civil(t);
                if self.day_matches(c.day, c.weekday) {
                    break;
                }
                if !added {
                    added = true;
                    t = zone.date(c.year, c.month.into(), c.day.into(), 0, 0, 0);
                }
                t = add_date(zone, t, 0, 1);
                // robfig's midnight correction: a day that does not start at 00:00.
                let hour = i64::from(civil(t).hour);
                if hour != 0 {
                    t += if hour > 12 {
                        (24 - hour) * 3600
                    } else {
                        -hour * 3600
                    };
                }
                if civil(t).day == 1 {
                    continue 'wrap;
                }
            }
            loop {
                let c = civil(t);
                if has(self.hour, c.hour) {
                    break;
                }
                if !added {
                    added = true;
                    t = zone.date(c.year, c.month.into(), c.day.into(), c.hour.into(), 0, 0);
                }
                t += 3600;
                if civil(t).hour == 0 {
                    continue 'wrap;
                }
            }
            loop {
                let c = civil(t);
                if has(self.minute, c.minute) {
                    break;
                }
                if !added {
                    added = true;
                    t -= t.rem_euclid(60);
                }
                t += 60;
                if civil(t).minute == 0 {
                    continue 'wrap;
                }
            }
            // Seconds: the standard parser allows only second 0, so robfig's one-second
            // steps always end on the next whole minute, which then re-checks every field.
            let second = civil(t).second;
            if !has(self.second, second) {
                added = true;
                t += i64::from(60 - second);
                continue 'wrap;
            }
            return Some(t);
        }
    }

    /// robfig's `dayMatches`: AND when either day field is a star, OR otherwise.
    fn day_matches(&self, day: u32, weekday: u32) -> bool {
        let dom = has(self.dom, day);
        let dow = has(self.dow, weekday);
        if self.dom & STAR_BIT != 0 || self.dow & STAR_BIT != 0 {
            dom && dow
        } else {
            dom || dow
        }
    }
}

/// Go's `t.AddDate(0, months, days)` in `zone`.
fn add_date(zone: &Zone, t: i64, months: i64, days: i64) -> i64 {
    let c = zone.civil(t);
    zone.date(
        c.year,
        i64::from(c.month) + months,
        i64::from(c.day) + days,
        c.hour.into(),
        c.minute.into(),
        c.second.into(),
    )
}
