//! Virtual time: instants and durations of the simulated cluster.
//!
//! The engine never reads a clock. Every instant is a `SimTime` handed in by the driver or
//! computed from one, so a run is a pure function of its input.

use std::fmt;
use std::num::NonZeroU64;
use std::ops::{Add, Sub};

use crate::decimal::parse_f64;

/// An instant of virtual time, in milliseconds since the Unix epoch (UTC).
///
/// Held with its sign bit flipped in a non-zero `u64`: the order is the same, and an
/// `Option<SimTime>` (every timestamp of an API object is one) takes 8 bytes instead of 16.
/// The one instant this cannot hold, `i64::MIN` ms, lies 292 million years before the epoch;
/// arithmetic saturates a millisecond short of it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(NonZeroU64);

/// A span of virtual time in milliseconds. May be negative as the result of a subtraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SimDuration(i64);

impl SimTime {
    /// The default start of a scenario's clock: 2025-01-01T00:00:00Z.
    pub const DEFAULT_START: SimTime = SimTime::from_millis(1_735_689_600_000);

    pub const fn from_millis(ms: i64) -> Self {
        let ms = if ms == i64::MIN { i64::MIN + 1 } else { ms };
        match NonZeroU64::new((ms as u64) ^ (1 << 63)) {
            Some(bits) => SimTime(bits),
            None => SimTime(NonZeroU64::MIN),
        }
    }
    pub const fn as_millis(self) -> i64 {
        (self.0.get() ^ (1 << 63)) as i64
    }
    /// Whole seconds since the epoch, rounded toward negative infinity as Go's `Unix()` does.
    pub fn unix_seconds(self) -> i64 {
        self.as_millis().div_euclid(1000)
    }
    /// The instant truncated to whole seconds, as Kubernetes stores `metav1.Time`.
    pub fn truncate_to_second(self) -> Self {
        SimTime::from_millis(self.unix_seconds() * 1000)
    }
    pub fn saturating_add(self, d: SimDuration) -> Self {
        SimTime::from_millis(self.as_millis().saturating_add(d.0))
    }

    /// RFC 3339 with whole seconds and `Z`, as Kubernetes serializes object timestamps.
    pub fn rfc3339(self) -> String {
        let (date, secs_of_day) = civil(self.unix_seconds());
        format!("{date}T{}Z", hms(secs_of_day))
    }

    /// RFC 3339 with milliseconds, as the event record carries them.
    pub fn rfc3339_millis(self) -> String {
        let (date, secs_of_day) = civil(self.unix_seconds());
        format!(
            "{date}T{}.{:03}Z",
            hms(secs_of_day),
            self.as_millis().rem_euclid(1000)
        )
    }

    /// RFC 1123 with a numeric zone, as `kubectl describe` prints times (`Mon, 02 Dec 2019 15:20:11 +0000`).
    pub fn rfc1123z(self) -> String {
        let secs = self.unix_seconds();
        let days = secs.div_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        // 1970-01-01 was a Thursday.
        let weekday =
            ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
        let month = MONTHS[(m - 1) as usize];
        format!(
            "{weekday}, {d:02} {month} {y:04} {} +0000",
            hms(secs.rem_euclid(86_400))
        )
    }

    /// Parses an RFC 3339 instant (`2025-01-06T09:00:00Z`, `2025-01-06T09:00:00.5+01:00`).
    pub fn parse_rfc3339(text: &str) -> Result<SimTime, String> {
        parse_rfc3339(text.trim()).ok_or_else(|| {
            format!("\"{text}\" is not an RFC 3339 time (expected e.g. 2025-01-01T00:00:00Z)")
        })
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn hms(secs_of_day: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60
    )
}

fn civil(unix_seconds: i64) -> (String, i64) {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(86_400));
    (
        format!("{y:04}-{m:02}-{d:02}"),
        unix_seconds.rem_euclid(86_400),
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A proleptic Gregorian date to days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parse_rfc3339(s: &str) -> Option<SimTime> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[13] != b':'
        || b[16] != b':'
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
        || h > 23
        || mi > 59
        || se > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0i64;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &frac[..digits.min(3)]);
        millis = padded.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_secs = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && (rest.starts_with('+') || rest.starts_with('-'))
            && &rest[3..4] == ":" =>
        {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let oh: i64 = rest[1..3].parse().ok()?;
            let om: i64 = rest[4..6].parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    let secs = days * 86_400 + h * 3600 + mi * 60 + se - offset_secs;
    Some(SimTime::from_millis(secs * 1000 + millis))
}

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);
    pub const fn from_millis(ms: i64) -> Self {
        SimDuration(ms)
    }
    pub const fn from_secs(s: i64) -> Self {
        SimDuration(s.saturating_mul(1000))
    }
    pub const fn as_millis(self) -> i64 {
        self.0
    }
    /// Whole seconds, truncated toward zero as Go's `Duration.Seconds()` cast to int does.
    pub const fn whole_secs(self) -> i64 {
        self.0 / 1000
    }
    pub fn max(self, other: Self) -> Self {
        SimDuration(self.0.max(other.0))
    }
    pub fn min(self, other: Self) -> Self {
        SimDuration(self.0.min(other.0))
    }
    pub fn saturating_mul(self, k: i64) -> Self {
        SimDuration(self.0.saturating_mul(k))
    }

    /// Parses a Go-style duration: `90s`, `1m30s`, `1.5h`, `250ms`, `2d` (days are a jobplay
    /// convenience for `until`). A bare number means seconds.
    pub fn parse(text: &str) -> Result<SimDuration, String> {
        let t = text.trim();
        let bad = || format!("\"{text}\" is not a duration (expected e.g. 30s, 5m, 1h30m, 250ms)");
        if t.is_empty() {
            return Err(bad());
        }
        if let Some(secs) = parse_f64(t) {
            return finite_millis(secs * 1000.0).ok_or_else(bad);
        }
        let mut total = 0f64;
        let mut rest = t;
        while !rest.is_empty() {
            let n = rest
                .bytes()
                .take_while(|c| c.is_ascii_digit() || *c == b'.')
                .count();
            let value = parse_f64(&rest[..n]).ok_or_else(bad)?;
            rest = &rest[n..];
            let u = rest
                .bytes()
                .take_while(|c| c.is_ascii_alphabetic() || *c == 0xC2 || *c == 0xB5)
                .count();
            let unit_ms = match &rest[..u] {
                "ms" => 1.0,
                "s" => 1000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                "d" => 86_400_000.0,
                _ => return Err(bad()),
            };
            rest = &rest[u..];
            total += value * unit_ms;
        }
        finite_millis(total).ok_or_else(bad)
    }

    /// Go's `time.Duration` `String()`, as Kubernetes messages print durations with `%v`:
    /// `500ms`, `10s`, `1.5s`, `5m0s`, `1h2m3s`.
    pub fn go(self) -> String {
        self.go_display().to_string()
    }

    /// [`go`](Self::go) written straight into a message (no `String` of its own).
    pub fn go_display(self) -> impl std::fmt::Display {
        GoDuration(self.0)
    }

    /// A compact Go-like rendering: `10s`, `1m30s`, `2h0m0s` is shortened to `2h`, `1.5s`.
    pub fn human(self) -> String {
        let ms = self.0;
        if ms % 1000 != 0 && ms.abs() < 60_000 {
            // What `ms as f64 / 1000.0` prints with `{}`, in integer arithmetic: a decimal of
            // at most 15 significant digits is the shortest that reads back as its float.
            let sign = if ms < 0 { "-" } else { "" };
            let (whole, frac) = (ms.unsigned_abs() / 1000, ms.unsigned_abs() % 1000);
            let mut text = format!("{sign}{whole}.{frac:03}");
            text.truncate(text.trim_end_matches('0').len());
            text.push('s');
            return text;
        }
        let mut s = self.0 / 1000;
        let mut out = String::new();
        if s < 0 {
            out.push('-');
            s = -s;
        }
        let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
        for (v, unit) in [(d, "d"), (h, "h"), (m, "m"), (sec, "s")] {
            if v > 0 {
                out.push_str(&format!("{v}{unit}"));
            }
        }
        if out.is_empty() || out == "-" {
            out = "0s".into();
        }
        out
    }
}

fn finite_millis(ms: f64) -> Option<SimDuration> {
    (0.0..9.0e15)
        .contains(&ms)
        .then(|| SimDuration(ms.round() as i64))
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime::from_millis(self.as_millis().saturating_add(d.0))
    }
}
impl Sub<SimDuration> for SimTime {
    type Output = SimTime;
    fn sub(self, d: SimDuration) -> SimTime {
        SimTime::from_millis(self.as_millis().saturating_sub(d.0))
    }
}
impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, other: SimTime) -> SimDuration {
        SimDuration(self.as_millis().saturating_sub(other.as_millis()))
    }
}
impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}
impl Sub for SimDuration {
    type Output = SimDuration;
    fn sub(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_sub(d.0))
    }
}

impl Default for SimTime {
    /// The epoch.
    fn default() -> Self {
        SimTime::from_millis(0)
    }
}

impl fmt::Debug for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SimTime").field(&self.as_millis()).finish()
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339_millis())
    }
}
impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

/// Go's `time.Duration` `String()` for a count of milliseconds.
struct GoDuration(i64);

impl std::fmt::Display for GoDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let ms = self.0.unsigned_abs();
        if ms == 0 {
            return f.write_str("0s");
        }
        if ms < 1000 {
            return write!(f, "{sign}{ms}ms");
        }
        let (h, m) = (ms / 3_600_000, ms / 60_000 % 60);
        match (h, m) {
            (0, 0) => write!(f, "{sign}")?,
            (0, m) => write!(f, "{sign}{m}m")?,
            (h, m) => write!(f, "{sign}{h}h{m}m")?,
        }
        // Seconds with the milliseconds as a decimal fraction, trailing zeros dropped: 1.5s.
        let secs = ms % 60_000;
        let (whole, frac) = (secs / 1000, secs % 1000);
        match frac {
            0 => write!(f, "{whole}s"),
            _ if frac % 100 == 0 => write!(f, "{whole}.{}s", frac / 100),
            _ if frac % 10 == 0 => write!(f, "{whole}.{:02}s", frac / 10),
            _ => write!(f, "{whole}.{frac:03}s"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_keep_their_order_and_an_optional_one_fits_a_word() {
        let ms = [
            i64::MIN + 1,
            -86_400_000,
            -1,
            0,
            1,
            1_735_689_600_000,
            i64::MAX,
        ];
        let times: Vec<SimTime> = ms.iter().map(|&m| SimTime::from_millis(m)).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(times.iter().map(|t| t.as_millis()).collect::<Vec<_>>(), ms);
        assert_eq!(std::mem::size_of::<Option<SimTime>>(), 8);
        assert_eq!(SimTime::default().as_millis(), 0);
        // The one value it cannot hold saturates a millisecond short.
        assert_eq!(
            (SimTime::from_millis(i64::MIN + 5) - SimDuration::from_secs(1)).as_millis(),
            i64::MIN + 1
        );
        assert_eq!(
            format!("{:?}", SimTime::DEFAULT_START),
            "SimTime(1735689600000)"
        );
    }

    #[test]
    fn formats_and_parses_rfc3339_round_trip() {
        let t = SimTime::parse_rfc3339("2016-05-19T10:00:00Z").unwrap();
        assert_eq!(t.rfc3339(), "2016-05-19T10:00:00Z");
        assert_eq!(t.unix_seconds() / 60, 24_394_200);
        let with_offset = SimTime::parse_rfc3339("2016-05-19T06:00:00.250-04:00").unwrap();
        assert_eq!(with_offset.rfc3339_millis(), "2016-05-19T10:00:00.250Z");
        assert_eq!(SimTime::DEFAULT_START.rfc3339(), "2025-01-01T00:00:00Z");
    }

    #[test]
    fn rejects_malformed_times() {
        for bad in [
            "2025-13-01T00:00:00Z",
            "2025-01-01 00:00",
            "yesterday",
            "2025-01-01T00:00:00+0100",
        ] {
            assert!(SimTime::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc1123z_names_the_weekday() {
        let t = SimTime::parse_rfc3339("2019-12-02T15:20:11Z").unwrap();
        assert_eq!(t.rfc1123z(), "Mon, 02 Dec 2019 15:20:11 +0000");
    }

    #[test]
    fn parses_go_durations() {
        assert_eq!(
            SimDuration::parse("1m30s").unwrap(),
            SimDuration::from_secs(90)
        );
        assert_eq!(
            SimDuration::parse("250ms").unwrap(),
            SimDuration::from_millis(250)
        );
        assert_eq!(
            SimDuration::parse("1.5h").unwrap(),
            SimDuration::from_secs(5400)
        );
        assert_eq!(
            SimDuration::parse("45").unwrap(),
            SimDuration::from_secs(45)
        );
        assert!(SimDuration::parse("5 minutes").is_err());
        assert!(SimDuration::parse("-3s").is_err());
        assert_eq!(SimDuration::from_secs(3725).human(), "1h2m5s");
        let go: Vec<String> = [500, 10_000, 1_500, 300_000, 3_723_000]
            .iter()
            .map(|ms| SimDuration::from_millis(*ms).go())
            .collect();
        assert_eq!(go, ["500ms", "10s", "1.5s", "5m0s", "1h2m3s"]);
        let go = |ms: i64| SimDuration::from_millis(ms).go();
        assert_eq!(
            [
                go(0),
                go(1_050),
                go(1_005),
                go(61_250),
                go(-1_500),
                go(-999)
            ],
            ["0s", "1.05s", "1.005s", "1m1.25s", "-1.5s", "-999ms"]
        );
        // The fraction is the shortest decimal of the milliseconds, as Go prints it: the same
        // as formatting seconds as a float, at every millisecond of two minutes.
        for ms in 1_000..120_000 {
            let secs = ms % 60_000;
            let seconds = if secs % 1000 == 0 {
                format!("{}s", secs / 1000)
            } else {
                format!("{}s", secs as f64 / 1000.0)
            };
            let expected = if ms < 60_000 {
                seconds
            } else {
                format!("{}m{seconds}", ms / 60_000)
            };
            assert_eq!(go(ms), expected);
        }
    }

    /// Under a minute, a duration with milliseconds reads as the seconds a float prints.
    #[test]
    fn human_writes_a_fraction_of_a_minute_as_float_seconds() {
        for ms in (-60_000..60_000).filter(|ms| ms % 1000 != 0) {
            let float = format!("{}s", ms as f64 / 1000.0);
            assert_eq!(SimDuration::from_millis(ms).human(), float);
        }
    }
}
