//! A schedule in plain language, plus the surprises worth knowing about it: the
//! day-of-month OR day-of-week rule, days some months lack, daylight-saving days.

use super::parser::{get_bits, DOM, DOW, HOURS, MINUTES, MONTHS};
use super::spec::{SpecSchedule, STAR_BIT};
use super::{Schedule, Zone};
use crate::time::SimDuration;

/// What a schedule means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// One sentence: "At 02:00 every day".
    pub summary: String,
    /// Things that surprise people about this schedule, one sentence each.
    pub notes: Vec<String>,
}

const MONTH_NAMES: [&str; 13] = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub fn explain(schedule: &Schedule, zone: &Zone) -> Explanation {
    match schedule {
        Schedule::Every(e) => Explanation {
            summary: format!("Every {}", SimDuration::from_secs(e.seconds).go()),
            notes: vec!["@every counts from the CronJob's creation time (then from its last scheduled time), not from clock boundaries such as the top of the hour.".into()],
        },
        Schedule::Spec(s) => explain_spec(s, zone),
    }
}

fn values(bits: u64, min: u64, max: u64) -> Vec<u64> {
    (min..=max).filter(|v| bits & (1 << v) != 0).collect()
}

fn full(bits: u64, min: u64, max: u64) -> bool {
    bits & get_bits(min, max, 1) == get_bits(min, max, 1)
}

fn explain_spec(s: &SpecSchedule, zone: &Zone) -> Explanation {
    let mut notes = Vec::new();
    let minutes = values(s.minute, MINUTES.min, MINUTES.max);
    let hours = values(s.hour, HOURS.min, HOURS.max);
    let time = describe_time(&minutes, &hours);
    let days = describe_days(s, &mut notes);
    let months = values(s.month, MONTHS.min, MONTHS.max);
    let month_part = if full(s.month, 1, 12) {
        String::new()
    } else {
        format!(
            " in {}",
            list(
                &months
                    .iter()
                    .map(|m| MONTH_NAMES[*m as usize].to_string())
                    .collect::<Vec<_>>()
            )
        )
    };
    if minutes.is_empty() || hours.is_empty() || months.is_empty() {
        notes.push(
            "A field lists no value at all (only commas), so this schedule never runs.".into(),
        );
    }
    day_month_notes(s, &months, &mut notes);
    if *zone != Zone::Utc && hours.iter().any(|h| *h <= 3) {
        notes.push(format!("In {}, a run in an hour skipped by daylight saving does not happen that day, and a run in an hour that repeats happens twice.", zone.name()));
    }
    Explanation {
        summary: format!("{time} {days}{month_part}"),
        notes,
    }
}

/// Minutes and hours: "At 02:00", "Every minute", "Every 7 minutes, at minute 0, 7, ... 56 of every hour".
fn describe_time(minutes: &[u64], hours: &[u64]) -> String {
    let every_hour = hours.len() == 24;
    let hour_part = if every_hour {
        "of every hour".to_string()
    } else {
        format!("past hour {}", numbers(hours))
    };
    if minutes.len() == 60 {
        return if every_hour {
            "Every minute".into()
        } else {
            format!("Every minute {}", hour_part.replace("past hour", "of hour"))
        };
    }
    if minutes.len() * hours.len() <= 4 && !minutes.is_empty() {
        let times: Vec<String> = hours
            .iter()
            .flat_map(|h| minutes.iter().map(move |m| format!("{h:02}:{m:02}")))
            .collect();
        return format!("At {}", list(&times));
    }
    if let Some(step) = stride(minutes) {
        if step > 1 && minutes[0] < step {
            return format!(
                "Every {step} minutes, at minute {} {hour_part}",
                progression(minutes)
            );
        }
    }
    format!("At minute {} {hour_part}", numbers(minutes))
}

fn describe_days(s: &SpecSchedule, notes: &mut Vec<String>) -> String {
    let dom_star = s.dom & STAR_BIT != 0;
    let dow_star = s.dow & STAR_BIT != 0;
    let doms = values(s.dom, DOM.min, DOM.max);
    let dows = values(s.dow, DOW.min, DOW.max);
    let on_days = || format!("on day {} of the month", numbers(&doms));
    let on_weekdays = || format!("on {}", weekday_list(&dows));
    match (dom_star, dow_star) {
        (true, true) => "every day".into(),
        (true, false) => {
            if dows.len() == 7 {
                "every day".into()
            } else {
                on_weekdays()
            }
        }
        (false, true) => {
            if doms.len() == 31 {
                "every day".into()
            } else {
                on_days()
            }
        }
        (false, false) => {
            notes.push("Day-of-month and day-of-week are both restricted, so a day qualifies when EITHER matches (Vixie cron's OR rule), not when both do. Write one of them as * to require only the other.".into());
            format!("{}, and also {}", on_days(), on_weekdays())
        }
    }
}

fn day_month_notes(s: &SpecSchedule, months: &[u64], notes: &mut Vec<String>) {
    let doms = values(s.dom, DOM.min, DOM.max);
    let dom_only = s.dow & STAR_BIT != 0 && s.dom & STAR_BIT == 0;
    if !dom_only || doms.is_empty() {
        return;
    }
    let length = |m: u64| match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if months.iter().all(|m| doms.iter().all(|d| *d > length(*m))) {
        notes.push("None of the chosen months has any of the chosen days, so this schedule never runs (Kubernetes reports it as an InvalidSchedule event).".into());
    } else if months.iter().any(|m| doms.iter().any(|d| *d > length(*m))) {
        let short: Vec<String> = months
            .iter()
            .filter(|m| doms.iter().any(|d| *d > length(**m)))
            .map(|m| MONTH_NAMES[*m as usize].to_string())
            .collect();
        notes.push(format!(
            "Days past the end of a month are skipped, not moved: {} lack some of the chosen days.",
            list(&short)
        ));
        if doms.contains(&29) && months.contains(&2) {
            notes.push("February 29 exists only in leap years.".into());
        }
    }
}

/// The common step of an arithmetic progression of three or more values.
fn stride(v: &[u64]) -> Option<u64> {
    if v.len() < 3 {
        return None;
    }
    let step = v[1] - v[0];
    v.windows(2).all(|w| w[1] - w[0] == step).then_some(step)
}

fn progression(v: &[u64]) -> String {
    if v.len() <= 4 {
        return list(&v.iter().map(u64::to_string).collect::<Vec<_>>());
    }
    format!("{}, {}, ... {}", v[0], v[1], v[v.len() - 1])
}

/// Numbers with runs of three or more written as ranges: "1, 15", "9 through 17".
fn numbers(v: &[u64]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{} through {}", v[i], v[j]));
        } else {
            parts.extend(v[i..=j].iter().map(u64::to_string));
        }
        i = j + 1;
    }
    list(&parts)
}

fn weekday_list(v: &[u64]) -> String {
    if v == [1, 2, 3, 4, 5] {
        return "Monday through Friday".into();
    }
    if v == [0, 6] {
        return "Saturday and Sunday".into();
    }
    list(
        &v.iter()
            .map(|d| DAY_NAMES[*d as usize].to_string())
            .collect::<Vec<_>>(),
    )
}

fn list(items: &[String]) -> String {
    match items {
        [] => "no value".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cron::parse_standard;

    fn say(expr: &str) -> Explanation {
        explain(&parse_standard(expr).unwrap(), &Zone::Utc)
    }

    #[test]
    fn summaries() {
        assert_eq!(say("0 2 * * *").summary, "At 02:00 every day");
        assert_eq!(
            say("*/7 * * * *").summary,
            "Every 7 minutes, at minute 0, 7, ... 56 of every hour every day"
        );
        assert_eq!(say("* * * * *").summary, "Every minute every day");
        assert_eq!(
            say("30 9 * * 1-5").summary,
            "At 09:30 on Monday through Friday"
        );
        assert_eq!(
            say("0 9-17 * * *").summary,
            "At minute 0 past hour 9 through 17 every day"
        );
        assert_eq!(say("@monthly").summary, "At 00:00 on day 1 of the month");
        assert_eq!(
            say("0 0 1 1,7 *").summary,
            "At 00:00 on day 1 of the month in January and July"
        );
        assert_eq!(say("@every 90m").summary, "Every 1h30m0s");
    }

    #[test]
    fn surprises_are_named() {
        assert!(say("0 0 1,15 * 1").notes[0].contains("EITHER"));
        assert!(
            say("0 0 */10 * sun").notes[0].contains("EITHER"),
            "*/10 restricts the day of month"
        );
        assert!(say("0 0 31 * *").notes[0].contains("skipped"));
        assert!(say("0 0 30 2 *").notes[0].contains("never runs"));
        assert!(say("0 0 * * 1").notes.is_empty());
        let ny = explain(
            &parse_standard("30 2 * * *").unwrap(),
            &Zone::load("America/New_York").unwrap(),
        );
        assert!(ny.notes[0].contains("daylight saving"));
    }
}
