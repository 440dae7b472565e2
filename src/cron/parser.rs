//! robfig/cron v3.0.1 `ParseStandard`, the parser Kubernetes validates and runs schedules
//! with: five fields or a descriptor, Go's `strconv.Atoi` for numbers, and its error texts
//! word for word (they reach users as `spec.schedule: Invalid value: ...`).

use super::constantdelay::{parse_go_duration, ConstantDelay};
use super::spec::{SpecSchedule, STAR_BIT};
use super::Schedule;

/// Inclusive bounds of a field and its names, as robfig's `bounds`.
pub(crate) struct Bounds {
    pub min: u64,
    pub max: u64,
    names: &'static [(&'static str, u64)],
}

pub(crate) const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
pub(crate) const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
pub(crate) const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
pub(crate) const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
pub(crate) const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// `cron.ParseStandard(spec)`. A `TZ=`/`CRON_TZ=` prefix is not accepted here: the API
/// server rejects it on create, and the zone comes from `spec.timeZone` instead
/// (callers report that with Kubernetes' own message).
pub fn parse_standard(spec: &str) -> Result<Schedule, String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    if spec.starts_with('@') {
        return parse_descriptor(spec);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    Ok(Schedule::Spec(SpecSchedule {
        second: 1,
        minute: get_field(fields[0], &MINUTES)?,
        hour: get_field(fields[1], &HOURS)?,
        dom: get_field(fields[2], &DOM)?,
        month: get_field(fields[3], &MONTHS)?,
        dow: get_field(fields[4], &DOW)?,
    }))
}

/// A comma-separated list; empty items are dropped, as `strings.FieldsFunc` does.
fn get_field(field: &str, r: &Bounds) -> Result<u64, String> {
    let mut bits = 0;
    for item in field.split(',').filter(|s| !s.is_empty()) {
        bits |= get_range(item, r)?;
    }
    Ok(bits)
}

fn get_range(expr: &str, r: &Bounds) -> Result<u64, String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        // Anything after `*-` is ignored, as robfig does.
        (start, end, extra) = (r.min, r.max, STAR_BIT);
    } else {
        start = parse_int_or_name(low_and_high[0], r)?;
        extra = 0;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], r)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            if single {
                end = r.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < r.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            r.min
        ));
    }
    if end > r.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            r.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(get_bits(start, end, step) | extra)
}

fn parse_int_or_name(expr: &str, r: &Bounds) -> Result<u64, String> {
    // robfig lowers with Go's `strings.ToLower`; ASCII lowering gives the same answer. The
    // names are ASCII letters without a `k`, and the only non-ASCII char whose lowering is all
    // ASCII is the Kelvin sign (`k`), so a text with a non-ASCII char matches no name either
    // way. (Go also lowers `İ` to `i`, so robfig reads `FRİ` as Friday; core lowers it to
    // `i\u{307}`, and neither this nor core's lowering accepts it.)
    let lower = expr.to_ascii_lowercase();
    if let Some((_, v)) = r.names.iter().find(|(n, _)| *n == lower) {
        return Ok(*v);
    }
    must_parse_int(expr)
}

fn must_parse_int(expr: &str) -> Result<u64, String> {
    let num = go_atoi(expr).map_err(|why| {
        format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {}: {why}",
            go_quote(expr)
        )
    })?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    Ok(num as u64)
}

/// `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits, nothing else.
fn go_atoi(s: &str) -> Result<i64, &'static str> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("invalid syntax");
    }
    let magnitude: i128 = digits
        .bytes()
        .try_fold(0i128, |acc, b| {
            let next = acc * 10 + i128::from(b - b'0');
            (next <= i128::from(i64::MAX) + 1).then_some(next)
        })
        .ok_or("value out of range")?;
    let value = if s.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    i64::try_from(value).map_err(|_| "value out of range")
}

/// `strconv.Quote`: double quotes, with Go's escapes for quotes, backslashes and
/// non-printable characters.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() || c.is_whitespace() && c != ' ' => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Bits `min..=max` every `step`, as robfig's `getBits`.
pub(crate) fn get_bits(min: u64, max: u64, step: u64) -> u64 {
    (min..=max)
        .step_by(step.min(64) as usize)
        .fold(0, |bits, i| bits | 1 << i)
}

fn all(r: &Bounds) -> u64 {
    get_bits(r.min, r.max, 1) | STAR_BIT
}

fn parse_descriptor(descriptor: &str) -> Result<Schedule, String> {
    let spec = |minute, hour, dom, month, dow| {
        Schedule::Spec(SpecSchedule {
            second: 1,
            minute,
            hour,
            dom,
            month,
            dow,
        })
    };
    match descriptor {
        "@yearly" | "@annually" => Ok(spec(1, 1, 1 << 1, 1 << 1, all(&DOW))),
        "@monthly" => Ok(spec(1, 1, 1 << 1, all(&MONTHS), all(&DOW))),
        "@weekly" => Ok(spec(1, 1, all(&DOM), all(&MONTHS), 1)),
        "@daily" | "@midnight" => Ok(spec(1, 1, all(&DOM), all(&MONTHS), all(&DOW))),
        "@hourly" => Ok(spec(1, all(&HOURS), all(&DOM), all(&MONTHS), all(&DOW))),
        _ => match descriptor.strip_prefix("@every ") {
            Some(text) => parse_go_duration(text)
                .map(|d| Schedule::Every(ConstantDelay::every(d)))
                .map_err(|e| format!("failed to parse duration {descriptor}: {e}")),
            None => Err(format!("unrecognized descriptor: {descriptor}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(spec: &str) -> String {
        parse_standard(spec).unwrap_err()
    }

    fn bits(spec: &str) -> SpecSchedule {
        match parse_standard(spec).unwrap() {
            Schedule::Spec(s) => s,
            Schedule::Every(_) => panic!("{spec} is @every"),
        }
    }

    #[test]
    fn errors_carry_robfigs_wording() {
        assert_eq!(err(""), "empty spec string");
        assert_eq!(
            err("* * * *"),
            "expected exactly 5 fields, found 4: [* * * *]"
        );
        assert_eq!(err("0 0 * * 7"), "end of range (7) above maximum (6): 7");
        assert_eq!(
            err("0 0 0 * *"),
            "beginning of range (0) below minimum (1): 0"
        );
        assert_eq!(
            err("5-1 * * * *"),
            "beginning of range (5) beyond end of range (1): 5-1"
        );
        assert_eq!(
            err("*/0 * * * *"),
            "step of range should be a positive number: */0"
        );
        assert_eq!(err("1-2-3 * * * *"), "too many hyphens: 1-2-3");
        assert_eq!(err("1/2/3 * * * *"), "too many slashes: 1/2/3");
        assert_eq!(
            err("x * * * *"),
            "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            err("-5 * * * *"),
            "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax"
        );
        assert_eq!(err("99999999999999999999 * * * *"), "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range");
        assert_eq!(
            err("0 0 L * *"),
            "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax"
        );
        assert_eq!(err("@Daily"), "unrecognized descriptor: @Daily");
        assert_eq!(
            err("@every 1x"),
            "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\""
        );
    }

    #[test]
    fn oddities_robfig_accepts() {
        assert_eq!(
            bits("*-5 * * * *").minute,
            bits("* * * * *").minute,
            "*-5 is a star"
        );
        assert_eq!(
            bits(",5,,6 * * * *").minute,
            1 << 5 | 1 << 6,
            "empty items are dropped"
        );
        assert_eq!(bits("+5 * * * *").minute, 1 << 5);
        assert_eq!(
            bits("*/60 * * * *").minute,
            1,
            "a step beyond the field is legal"
        );
        assert_eq!(
            bits("0 0 * JAN/3 *").month,
            1 << 1 | 1 << 4 | 1 << 7 | 1 << 10
        );
        assert_eq!(bits("0 0 * * MON-fri").dow, 0b11_1110);
    }

    #[test]
    fn star_bit_only_for_unstepped_stars() {
        assert_ne!(bits("0 0 * * 1").dom & STAR_BIT, 0);
        assert_ne!(bits("0 0 ? * 1").dom & STAR_BIT, 0);
        assert_ne!(bits("0 0 */1 * 1").dom & STAR_BIT, 0);
        assert_eq!(
            bits("0 0 */2 * 1").dom & STAR_BIT,
            0,
            "*/2 restricts, so DOM and DOW are ORed"
        );
        assert_eq!(bits("0 0 1-31 * 1").dom & STAR_BIT, 0);
    }

    #[test]
    fn go_quote_escapes_like_strconv() {
        assert_eq!(go_quote("a\"b\\c\td"), "\"a\\\"b\\\\c\\td\"");
        assert_eq!(go_quote("é"), "\"é\"");
    }
}
