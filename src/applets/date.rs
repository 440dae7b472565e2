//! `date [-u] [-R] [-I] [+FORMAT]` from the host's clock, as busybox prints it: the default
//! format is `%a %b %e %H:%M:%S %Z %Y` (busybox coreutils/date.c), and a container without
//! `TZ` runs in UTC.

use super::Call;
use crate::sh::exec::num;
use crate::time::{civil_from_days, days_from_civil, SimTime};

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
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

pub fn date(c: &mut Call) {
    let mut format = String::from("%a %b %e %H:%M:%S %Z %Y");
    for a in c.args {
        match a.as_str() {
            "-u" | "--utc" => {}
            "-R" => format = "%a, %d %b %Y %H:%M:%S %z".into(),
            "-I" | "-Idate" => format = "%Y-%m-%d".into(),
            "-Iseconds" => format = "%Y-%m-%dT%H:%M:%S%z".into(),
            f if f.starts_with('+') => format = f[1..].to_string(),
            _ => {
                c.note(a);
                return;
            }
        }
    }
    if c.env
        .iter()
        .any(|(k, v)| k == "TZ" && !v.is_empty() && v != "UTC" && v != "UTC0")
    {
        c.host
            .note("\"date\" with TZ set is not simulated; jobplay printed the time in UTC".into());
    }
    let now = c.host.now();
    let text = strftime(&format, now);
    c.line(&text);
}

fn pad(out: &mut String, n: i64, width: usize, fill: char) {
    let t = num(n);
    for _ in t.len()..width {
        out.push(fill);
    }
    out.push_str(&t);
}

/// C's `strftime` in the C locale and UTC, for the conversions scripts use.
pub fn strftime(format: &str, t: SimTime) -> String {
    let ms = t.as_millis();
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (sod / 3600, sod / 60 % 60, sod % 60);
    let weekday = (days + 4).rem_euclid(7) as usize;
    let yday = days - days_from_civil(y, 1, 1) + 1;
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(conv) = chars.next() else {
            out.push('%');
            break;
        };
        match conv {
            'a' => out.push_str(&DAYS[weekday][..3]),
            'A' => out.push_str(DAYS[weekday]),
            'b' | 'h' => out.push_str(&MONTHS[m as usize - 1][..3]),
            'B' => out.push_str(MONTHS[m as usize - 1]),
            'c' => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", t)),
            'C' => pad(&mut out, y / 100, 2, '0'),
            'd' => pad(&mut out, i64::from(d), 2, '0'),
            'e' => pad(&mut out, i64::from(d), 2, ' '),
            'D' => out.push_str(&strftime("%m/%d/%y", t)),
            'F' => out.push_str(&strftime("%Y-%m-%d", t)),
            'H' => pad(&mut out, hh, 2, '0'),
            'k' => pad(&mut out, hh, 2, ' '),
            'I' => pad(&mut out, (hh + 11) % 12 + 1, 2, '0'),
            'l' => pad(&mut out, (hh + 11) % 12 + 1, 2, ' '),
            'j' => pad(&mut out, yday, 3, '0'),
            'm' => pad(&mut out, i64::from(m), 2, '0'),
            'M' => pad(&mut out, mm, 2, '0'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'N' => pad(&mut out, ms.rem_euclid(1000) * 1_000_000, 9, '0'),
            'p' => out.push_str(if hh < 12 { "AM" } else { "PM" }),
            'P' => out.push_str(if hh < 12 { "am" } else { "pm" }),
            'r' => out.push_str(&strftime("%I:%M:%S %p", t)),
            'R' => out.push_str(&strftime("%H:%M", t)),
            's' => out.push_str(&num(secs)),
            'S' => pad(&mut out, ss, 2, '0'),
            'T' => out.push_str(&strftime("%H:%M:%S", t)),
            'u' => out.push_str(&num(if weekday == 0 { 7 } else { weekday as i64 })),
            'w' => out.push_str(&num(weekday as i64)),
            'x' => out.push_str(&strftime("%m/%d/%y", t)),
            'X' => out.push_str(&strftime("%H:%M:%S", t)),
            'y' => pad(&mut out, y.rem_euclid(100), 2, '0'),
            'Y' => out.push_str(&num(y)),
            'z' => out.push_str("+0000"),
            'Z' => out.push_str("UTC"),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}
