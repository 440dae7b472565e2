//! jobplay's schedules against the real thing: robfig/cron v3.0.1, the library Kubernetes
//! runs, built from Debian's package by tools/cron-oracle/build.sh. Every case compares
//! acceptance, the exact error text, and the next 30 fire times, in UTC and in zones with
//! daylight saving, starting around their change days. Both sides read the same tzdata:
//! the TZif files jobplay bundles are written out as Go's ZONEINFO directory.
//!
//! The oracle needs go, robfig/cron and zic (scripts/setup.sh installs them). Without them
//! the test fails and says so; JOBPLAY_SKIP_ORACLE=1 skips it explicitly.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use jobplay::cron::{parse_standard, Zone};

use jobplay::time::SimTime;

const FIRES: usize = 30;

/// Schedules people write, misread and get wrong, plus robfig's oddities and errors.
const HAND_PICKED: &[&str] = &[
    "* * * * *",
    "0 * * * *",
    "*/5 * * * *",
    "*/7 * * * *",
    "*/13 * * * *",
    "*/60 * * * *",
    "*/61 * * * *",
    "0 */2 * * *",
    "0 */5 * * *",
    "0 */24 * * *",
    "0 */25 * * *",
    "30 2 * * *",
    "0 2 * * *",
    "0 1 * * *",
    "30 1 * * *",
    "15 1 * * *",
    "45 0 * * *",
    "0 0 * * *",
    "59 23 * * *",
    "0 3 * * *",
    "30 3 * * *",
    "0 5 * * *",
    "15 5 * * *",
    "0 5 * * 6",
    "0 5 * * 0",
    "0 0 * * 0",
    "0 0 * * 6",
    "0 0 * * 1-5",
    "0 9 * * MON-FRI",
    "0 9 * * mon-fri",
    "0 9 * * Mon,Wed,Fri",
    "0 9 * * SUN",
    "0 9 * * sun-sat",
    "0 0 1,15 * 1",
    "0 0 1 * *",
    "0 0 15 * *",
    "0 0 31 * *",
    "0 0 30 * *",
    "0 0 29 2 *",
    "0 0 30 2 *",
    "0 0 31 4 *",
    "59 23 31 2 *",
    "0 0 1 1 *",
    "0 0 1 JAN *",
    "0 0 1 jan-mar *",
    "0 0 1 JAN/3 *",
    "0 0 1 */3 *",
    "0 0 1 */13 *",
    "0 0 */2 * *",
    "0 0 */10 * sun",
    "0 0 */1 * 1",
    "0 0 1-31 * mon",
    "0 0 ? * 1",
    "0 0 1 * ?",
    "? ? ? ? ?",
    "0 0 * * MON/2",
    "0 0 * * 1/2",
    "0 0 * * */2",
    "0 0 * * 0/3",
    "5/15 * * * *",
    "5-50/15 * * * *",
    "0-59/30 * * * *",
    "0 0-23/6 * * *",
    "0 8-18/4 * * 1-5",
    "30 10,11,12 * * 1-5",
    "30 6-16/4 * * 1-5",
    "0 0,12 * * *",
    "0,30 * * * *",
    "1,2,3 * * * *",
    "*-5 * * * *",
    ",5 * * * *",
    "1,,2 * * * *",
    "+5 * * * *",
    "05 * * * *",
    "0 00 * * *",
    "0 0 5-5 * *",
    "0 0 * JAN-JAN *",
    "0 0 * * SUN-SUN",
    "0 12 * * 4",
    "0 12 1 * 4",
    "0 0 13 * 5",
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
    "@every 1h",
    "@every 90m",
    "@every 1h30m",
    "@every 45s",
    "@every 1.5s",
    "@every 500ms",
    "@every 7m",
    "@every 24h",
    "@every 1h0m0.9s",
    "@every -5m",
    "@every 0s",
    // Errors, with robfig's wording.
    "",
    " ",
    "* * * *",
    "* * * * * *",
    "0 0 * * 7",
    "0 0 * * 0-7",
    "60 * * * *",
    "* 24 * * *",
    "0 0 0 * *",
    "0 0 32 * *",
    "0 0 * 0 *",
    "0 0 * 13 *",
    "5-1 * * * *",
    "*/0 * * * *",
    "1-2-3 * * * *",
    "1/2/3 * * * *",
    "x * * * *",
    "-5 * * * *",
    "*/-1 * * * *",
    "0 0 L * *",
    "0 0 * * 5#3",
    "0 0 1W * *",
    "0 0 * * FRI-MON",
    "0 0 * * monday",
    "0 0 * JANUARY *",
    "@Daily",
    "@DAILY",
    " @daily",
    "@daily ",
    "@every",
    "@every ",
    "@every 5",
    "@every 5d",
    "@every x",
    "@reboot",
    "99999999999999999999 * * * *",
    "0 0 * * 1-",
    "* * * * ,",
    ", * * * *",
];

/// Zones the issue names, and more with unusual rules (30-minute DST, skipped midnights,
/// 45-minute offsets, no DST any more).
const ZONES: &[(&str, &[&str])] = &[
    ("-", &["2026-03-08", "2026-11-01"]),
    ("UTC", &["2026-02-27", "2028-02-28"]),
    ("America/New_York", &["2026-03-08", "2026-11-01"]),
    ("Europe/London", &["2026-03-29", "2026-10-25"]),
    ("Australia/Lord_Howe", &["2026-04-05", "2026-10-04"]),
    ("America/Santiago", &["2026-04-05", "2026-09-06"]),
    ("Asia/Kolkata", &["2026-03-08", "2026-12-31"]),
    ("Europe/Berlin", &["2026-03-29", "2026-10-25"]),
    ("America/Havana", &["2026-03-08", "2026-11-01"]),
    ("Pacific/Chatham", &["2026-04-05", "2026-09-27"]),
    ("America/Sao_Paulo", &["2018-11-04", "2019-02-17"]),
    ("Asia/Beirut", &["2026-03-29", "2026-10-25"]),
];

struct Case {
    zone: String,
    start: String,
    expr: String,
}

/// A small deterministic generator (the cases are the same on every run).
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// One robfig-style field item, occasionally out of range.
fn random_item(g: &mut Gen, min: u64, max: u64, names: &[&str]) -> String {
    let value = |g: &mut Gen| -> String {
        if !names.is_empty() && g.below(4) == 0 {
            let n = g.pick(names);
            match g.below(3) {
                0 => n.to_uppercase(),
                1 => n.to_string(),
                _ => format!("{}{}", &n[..1].to_uppercase(), &n[1..]),
            }
        } else if g.below(40) == 0 {
            (max + 1).to_string()
        } else {
            (min + g.below(max - min + 1)).to_string()
        }
    };
    match g.below(10) {
        0 => "*".into(),
        1 => "?".into(),
        2 => format!("*/{}", 1 + g.below(max + 3)),
        3 | 4 => value(g),
        5 | 6 => {
            let a = min + g.below(max - min + 1);
            let b = a + g.below(max - a + 1);
            format!("{a}-{b}")
        }
        7 => {
            let a = min + g.below(max - min + 1);
            let b = a + g.below(max - a + 1);
            format!("{a}-{b}/{}", 1 + g.below(max / 2 + 2))
        }
        8 => format!("{}/{}", value(g), 1 + g.below(max + 1)),
        _ => {
            let n = 2 + g.below(3);
            (0..n).map(|_| value(g)).collect::<Vec<_>>().join(",")
        }
    }
}

fn random_expr(g: &mut Gen) -> String {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    match g.below(25) {
        0 => {
            return g
                .pick(&[
                    "@yearly",
                    "@monthly",
                    "@weekly",
                    "@daily",
                    "@hourly",
                    "@midnight",
                    "@annually",
                ])
                .into()
        }
        1 => {
            return format!(
                "@every {}{}",
                1 + g.below(180),
                g.pick(&["s", "m", "h", "m30s"])
            )
        }
        _ => {}
    }
    // Mostly small minute and hour sets, so that thirty fires span days and DST changes.
    let minute = if g.below(3) == 0 {
        random_item(g, 0, 59, &[])
    } else {
        (g.below(60)).to_string()
    };
    let hour = if g.below(2) == 0 {
        random_item(g, 0, 23, &[])
    } else {
        g.below(24).to_string()
    };
    let fields = [
        minute,
        hour,
        random_item(g, 1, 31, &[]),
        random_item(g, 1, 12, MONTHS),
        random_item(g, 0, 6, DAYS),
    ];
    fields.join(" ")
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut g = Gen(20261123);
    for (i, expr) in HAND_PICKED.iter().enumerate() {
        for (zone, days) in ZONES {
            // Start a day and a half before, and on the morning of, one of the zone's change
            // days: daily schedules cross the change, minute schedules run through it.
            let day = days[(i + zone.len()) % days.len()];
            for start in [
                format!("{day}T00:00:00Z"),
                format!("{day}T{:02}:{:02}:17Z", g.below(24), g.below(60)),
            ] {
                let start = SimTime::parse_rfc3339(&start).unwrap()
                    - jobplay::time::SimDuration::from_secs(if expr.contains("* * * *") {
                        3 * 3600
                    } else {
                        36 * 3600
                    });
                out.push(Case {
                    zone: zone.to_string(),
                    start: start.rfc3339(),
                    expr: expr.to_string(),
                });
            }
        }
    }
    for _ in 0..600 {
        let expr = random_expr(&mut g);
        let (zone, days) = ZONES[g.below(ZONES.len() as u64) as usize];
        let start = if g.below(10) < 4 {
            let day = days[g.below(days.len() as u64) as usize];
            SimTime::parse_rfc3339(&format!("{day}T00:00:00Z")).unwrap()
                - jobplay::time::SimDuration::from_secs(g.below(3 * 86_400) as i64)
        } else {
            SimTime::from_millis((1_600_000_000 + g.below(400_000_000) as i64) * 1000)
        };
        out.push(Case {
            zone: zone.into(),
            start: start.rfc3339(),
            expr,
        });
    }
    out
}

/// What jobplay answers for a case, in the oracle's line format.
fn ours(case: &Case) -> String {
    let schedule = match parse_standard(&case.expr) {
        Ok(s) => s,
        Err(e) => return format!("err\t{e}"),
    };
    let zone = Zone::load(if case.zone == "-" { "UTC" } else { &case.zone }).expect("zone");
    let start = SimTime::parse_rfc3339(&case.start).unwrap();
    let fires: Vec<String> = schedule
        .upcoming(start, &zone, FIRES)
        .into_iter()
        .map(|t| t.rfc3339())
        .collect();
    format!("ok\t{}", fires.join(" "))
}

/// Robfig's answers, one line per case (`None` when the oracle is skipped).
fn oracle(cases: &[Case]) -> Option<Vec<String>> {
    if std::env::var_os("JOBPLAY_SKIP_ORACLE").is_some() {
        eprintln!("JOBPLAY_SKIP_ORACLE is set: robfig/cron comparison skipped");
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cron-oracle");
    let built = Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tools/cron-oracle/build.sh"
        ))
        .arg(&dir)
        .status()
        .expect("bash runs");
    assert!(built.success(), "tools/cron-oracle/build.sh failed: install golang-go, golang-github-robfig-cron-dev (scripts/setup.sh does), or set JOBPLAY_SKIP_ORACLE=1");
    let zones =
        jobplay::cron::zone::write_zoneinfo(&dir.join("zoneinfo")).expect("zoneinfo written");
    assert!(zones > 500, "the bundled tz database has {zones} zones");
    // Go reads the bundled "slim" TZif files' footer rule on every lookup, which makes it the
    // slow side: two oracle processes share the cases, one per core.
    let half = cases.len().div_ceil(2);
    let run = |chunk: &[Case]| {
        let mut child = Command::new(dir.join("oracle"))
            .env("ZONEINFO", dir.join("zoneinfo"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("oracle starts");
        let input: String = chunk
            .iter()
            .map(|c| format!("{}\t{}\t{FIRES}\t{}\n", c.zone, c.start, c.expr))
            .collect();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().expect("oracle runs");
        writer.join().unwrap().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(|| run(&cases[..half]));
        let b = run(&cases[half..]);
        (a.join().unwrap(), b)
    });
    Some(
        first
            .lines()
            .chain(second.lines())
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn every_schedule_agrees_with_robfig_cron() {
    let cases = cases();
    // Ours in a second thread while the oracle works.
    let (theirs, ours_all) = std::thread::scope(|s| {
        let mine = s.spawn(|| cases.iter().map(ours).collect::<Vec<String>>());
        (oracle(&cases), mine.join().unwrap())
    });
    let Some(theirs) = theirs else { return };
    assert_eq!(theirs.len(), cases.len(), "one oracle line per case");
    let mut differ = Vec::new();
    let (mut valid, mut invalid, mut fires, mut dst) = (0, 0, 0, 0);
    for ((case, theirs), ours) in cases.iter().zip(&theirs).zip(ours_all) {
        if ours.starts_with("ok") {
            valid += 1;
            fires += ours.split(' ').count();
            dst +=
                usize::from(case.zone != "-" && case.zone != "UTC" && case.zone != "Asia/Kolkata");
        } else {
            invalid += 1;
        }
        if &ours != theirs {
            differ.push(format!(
                "{:?} in {} from {}:\n  ours:   {ours}\n  robfig: {theirs}",
                case.expr, case.zone, case.start
            ));
        }
    }
    eprintln!("robfig/cron oracle: {} cases ({valid} valid, {invalid} rejected, {dst} in DST zones), {fires} fire times; {} differ", cases.len(), differ.len());
    assert!(
        differ.is_empty(),
        "{} of {} cases differ:\n{}",
        differ.len(),
        cases.len(),
        differ
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        valid > 2000 && invalid > 100,
        "the case mix lost its valid or invalid half"
    );
}
