//! Any schedule text and zone through robfig's parser, `Next` and the explanation.
#![no_main]

use jobplay::cron::{explain::explain, parse_standard, Zone};
use jobplay::time::SimTime;
use libfuzzer_sys::fuzz_target;

const ZONES: &[&str] = &["UTC", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham"];

fuzz_target!(|data: &[u8]| {
    let (zone_pick, rest) = data.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(rest);
    let zone = Zone::load(ZONES[usize::from(*zone_pick) % ZONES.len()]).expect("bundled zone");
    if let Ok(schedule) = parse_standard(&text) {
        let _ = explain(&schedule, &zone);
        let _ = schedule.upcoming(SimTime::from_millis(1_767_225_600_000), &zone, 5);
    }
});
