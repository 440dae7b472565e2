//! The cron ruler under the timeline: every time a CronJob's schedule came due during the run,
//! and what became of it (a Job created, on time or late; created replacing a running one;
//! skipped by Forbid; missed), with the zone's daylight-saving changes marked.
//!
//! Computed once per run from the final engine, like the Gantt chart; the page shows ticks
//! after the playhead as still to come.

use crate::api::CronJob;
use crate::controller::cronjob::utils::job_name;
use crate::controller::cronjob::ScheduleOutcome;
use crate::cron::{explain::explain, parse_standard, Zone};
use crate::sim::{Decision, Engine};
use crate::time::{SimDuration, SimTime};

/// Ticks one ruler draws at most; a schedule firing more often over a long run says how many
/// more there were.
pub const MAX_TICKS: usize = 2000;

/// What became of one scheduled time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A Job was created for it (`late_ms` after the scheduled time).
    Created,
    /// A Job was created for it and the running one was deleted (concurrencyPolicy Replace).
    Replaced,
    /// Not started: a Job was still running and concurrencyPolicy is Forbid.
    Skipped,
    /// No Job was ever started for it.
    Missed,
}

impl Outcome {
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Replaced => "replaced",
            Outcome::Skipped => "skipped",
            Outcome::Missed => "missed",
        }
    }
}

/// One scheduled time on the ruler.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Milliseconds from the run's start.
    pub at: i64,
    /// The scheduled time in the schedule's zone.
    pub label: String,
    pub outcome: Outcome,
    /// The Job created for it.
    pub job: Option<String>,
    /// When the Job was created, in ms from the run's start (late starts differ from `at`).
    pub created_at: Option<i64>,
    /// Why, in a sentence (for skipped and missed ticks, the controller's own words).
    pub why: String,
}

/// A daylight-saving (or other offset) change of the zone during the run.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneChange {
    pub at: i64,
    pub label: String,
}

/// One CronJob's ruler.
#[derive(Clone, Debug, PartialEq)]
pub struct CronRuler {
    pub name: String,
    pub schedule: String,
    pub zone: String,
    /// The schedule in plain words.
    pub words: String,
    /// The run's length in ms.
    pub span: i64,
    pub ticks: Vec<Tick>,
    /// Scheduled times past [`MAX_TICKS`], not drawn.
    pub more: usize,
    pub zone_changes: Vec<ZoneChange>,
}

/// Scheduled times drawn as one mark because they would overlap: `count` ticks from
/// `ticks[first]`, spanning `at..=last` ms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TickGroup {
    pub first: usize,
    pub count: usize,
    pub at: i64,
    pub last: i64,
}

impl CronRuler {
    /// How many ticks up to `now` ended each way: (created, replaced, skipped, missed).
    pub fn counts(&self, now: i64) -> [(Outcome, usize); 4] {
        counts(&self.ticks, now)
    }

    /// The ticks as a ruler `width` units wide draws them: a scheduled time less than
    /// `min_gap` units after the first of a group joins that group, so a schedule that fires
    /// every minute over a long run reads as a row of counted marks, not a solid bar.
    pub fn groups(&self, width: f64, min_gap: f64) -> Vec<TickGroup> {
        let per_unit = self.span.max(1) as f64 / width.max(1.0);
        let within = (min_gap * per_unit) as i64;
        let mut out: Vec<TickGroup> = Vec::new();
        for (k, t) in self.ticks.iter().enumerate() {
            match out.last_mut() {
                Some(g) if t.at - g.at < within => {
                    g.count += 1;
                    g.last = t.at;
                }
                _ => out.push(TickGroup {
                    first: k,
                    count: 1,
                    at: t.at,
                    last: t.at,
                }),
            }
        }
        out
    }

    /// The ticks of a group.
    pub fn ticks_of(&self, g: &TickGroup) -> &[Tick] {
        &self.ticks[g.first..g.first + g.count]
    }
}

/// How many of `ticks` ended each way by `now`: (created, replaced, skipped, missed). A tick
/// whose Job was created late counts once its Job exists.
pub fn counts(ticks: &[Tick], now: i64) -> [(Outcome, usize); 4] {
    let n = |o| {
        ticks
            .iter()
            .filter(|t| t.at <= now && t.outcome == o && t.created_at.is_none_or(|c| c <= now))
            .count()
    };
    [
        (Outcome::Created, n(Outcome::Created)),
        (Outcome::Replaced, n(Outcome::Replaced)),
        (Outcome::Skipped, n(Outcome::Skipped)),
        (Outcome::Missed, n(Outcome::Missed)),
    ]
}

impl CronRuler {
    /// The next scheduled times after `now` within the run, at most `count`.
    pub fn next_after(&self, now: i64, count: usize) -> Vec<&Tick> {
        self.ticks
            .iter()
            .filter(|t| t.at > now)
            .take(count)
            .collect()
    }
}

/// Said under the rulers when a run with a CronJob stopped at its default length (no
/// `until`, `Scenario::default_horizon`): how long it ran and the Scenario that runs longer.
#[derive(Clone, Debug, PartialEq)]
pub struct HorizonNote {
    /// How long the run simulated, as `10m`.
    pub ran: String,
    /// A longer `until` to suggest, as `2h`.
    pub until: String,
    /// The document to add to the text, exactly as the scenario format takes it.
    pub yaml: String,
}

impl HorizonNote {
    pub fn sentence(&self) -> String {
        format!(
            "Simulated the first {}; add a Scenario with `until: {}` to run longer",
            self.ran, self.until
        )
    }
}

/// The note for a run that ended at its default length with a CronJob in it, if this one did.
pub fn horizon_note(last: &Engine, start: SimTime, end: SimTime) -> Option<HorizonNote> {
    let scenario = last.scenario();
    if scenario.until.is_some() || scenario.cron_jobs.is_empty() {
        return None;
    }
    let ran = end - start;
    if ran != scenario.default_horizon() {
        // Stopped by a cap or by the user: the page says so elsewhere.
        return None;
    }
    let until = [2 * 3600, 86_400, 7 * 86_400, 30 * 86_400, 400 * 86_400]
        .map(SimDuration::from_secs)
        .into_iter()
        .find(|u| *u > ran)?
        .human();
    Some(HorizonNote {
        ran: ran.human(),
        yaml: format!(
            "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: {until}\n"
        ),
        until,
    })
}

/// A ruler for every CronJob of the run.
pub fn cron_rulers(last: &Engine, start: SimTime, end: SimTime) -> Vec<CronRuler> {
    last.cron_jobs()
        .filter_map(|cj| ruler(last, cj, start, end))
        .collect()
}

fn ruler(last: &Engine, cj: &CronJob, start: SimTime, end: SimTime) -> Option<CronRuler> {
    let schedule = parse_standard(&cj.spec.schedule).ok()?;
    let zone = cj
        .spec
        .time_zone
        .as_deref()
        .and_then(|z| Zone::load(z).ok())
        .unwrap_or(last.local_zone());
    let ms = |t: SimTime| (t - start).as_millis();
    let from = cj
        .metadata
        .creation_timestamp
        .map_or(start, |t| t.0)
        .max(start);
    let object = format!("CronJob/{}", cj.metadata.name);
    let decisions: Vec<_> = last
        .decisions()
        .iter()
        .filter(|d| d.object == object)
        .collect();
    let jobs: Vec<&crate::api::Job> = last.jobs().chain(last.removed_jobs()).collect();
    let mut ticks = Vec::new();
    let mut more = 0;
    let mut t = from;
    while let Some(next) = schedule.next(t, &zone).filter(|n| *n <= end) {
        t = next;
        if ticks.len() == MAX_TICKS {
            more += 1;
            continue;
        }
        let name = job_name(cj, next);
        let created = jobs
            .iter()
            .find(|j| j.metadata.name == name)
            .and_then(|j| j.metadata.creation_timestamp)
            .map(|c| c.0);
        // The controller's own decision about this scheduled time, found by its typed
        // schedule data (never by reading the sentence).
        let about = |d: &Decision, outcome: ScheduleOutcome| {
            d.schedule
                .is_some_and(|s| s.outcome == outcome && s.scheduled == Some(next))
        };
        let mentioned = |outcome| {
            decisions
                .iter()
                .find(|d| about(d, outcome))
                .map(|d| d.summary.clone())
        };
        if created.is_none() && next + SimDuration::from_secs(1) > end {
            // Due as the run ends: the controller has not had its moment yet.
            continue;
        }
        let (outcome, why) = match created {
            Some(c) => match decisions.iter().find(|d| d.time == c && about(d, ScheduleOutcome::Replaced)) {
                Some(d) => (Outcome::Replaced, d.summary.clone()),
                None if c > next + SimDuration::from_secs(1) => {
                    let held = if mentioned(ScheduleOutcome::SkippedByForbid).is_some() { ": a Job was still running and concurrencyPolicy is Forbid, so it waited" } else { "" };
                    (Outcome::Created, format!("Job {name} created {} late{held}", (c - next).human()))
                }
                None => (Outcome::Created, format!("Job {name} created")),
            },
            None => match mentioned(ScheduleOutcome::SkippedByForbid) {
                Some(why) => (Outcome::Skipped, why),
                None => (Outcome::Missed, mentioned(ScheduleOutcome::MissedPastDeadline).unwrap_or_else(|| "No Job was started for it: the controller manager was down, the CronJob suspended, or a later run came due first".into())),
            },
        };
        ticks.push(Tick {
            at: ms(next),
            label: zone.rfc3339(next.unix_seconds()),
            outcome,
            job: created.map(|_| name),
            created_at: created.map(ms),
            why,
        });
    }
    Some(CronRuler {
        name: cj.metadata.name.to_string(),
        schedule: cj.spec.schedule.clone(),
        zone: zone.name().to_string(),
        words: explain(&schedule, &zone).summary,
        span: ms(end),
        ticks,
        more,
        zone_changes: zone_changes(&zone, start, end),
    })
}

/// The instants in [start, end] where the zone's UTC offset changes, to the second: hourly
/// samples, then bisection within the hour that changed.
fn zone_changes(zone: &Zone, start: SimTime, end: SimTime) -> Vec<ZoneChange> {
    const HOUR: i64 = 3600;
    let (from, to) = (start.unix_seconds(), end.unix_seconds());
    let mut out = Vec::new();
    let mut t = from;
    while t < to {
        let next = (t + HOUR).min(to);
        let (before, after) = (zone.offset_at(t), zone.offset_at(next));
        if before != after {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if zone.offset_at(mid) == before {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            let shift = after - before;
            let sign = if shift > 0 { "forward" } else { "back" };
            let amount = SimDuration::from_secs(i64::from(shift.abs())).human();
            out.push(ZoneChange {
                at: (hi - from) * 1000,
                label: format!("{}: clocks go {sign} {amount}", zone.rfc3339(hi)),
            });
        }
        t = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_model::playback::Playback;

    fn rulers_of(file: &str) -> Vec<CronRuler> {
        let text = std::fs::read_to_string(format!(
            "{}/static/examples/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the preset");
        let p = Playback::compute(crate::scenario::load(&text).scenario);
        cron_rulers(&p.last, p.start, p.end)
    }

    /// Each tick as `HH:MM outcome`.
    fn ticks(r: &CronRuler) -> Vec<String> {
        r.ticks
            .iter()
            .map(|t| format!("{} {}", &t.label[11..16], t.outcome.word()))
            .collect()
    }

    #[test]
    fn forbid_skips_the_ticks_that_fall_while_a_job_runs() {
        let r = &rulers_of("cronjob-forbid.yaml")[0];
        assert_eq!(r.words.split(',').next(), Some("Every 5 minutes"));
        assert_eq!(
            ticks(r),
            [
                "00:05 created",
                "00:10 created",
                "00:15 created",
                "00:20 skipped"
            ]
        );
        assert!(
            r.ticks[1]
                .why
                .contains("late: a Job was still running and concurrencyPolicy is Forbid"),
            "the 00:10 run waits for the first: {}",
            r.ticks[1].why
        );
        assert!(
            r.ticks[3].why.contains("concurrencyPolicy is Forbid"),
            "{}",
            r.ticks[3].why
        );
        // At 00:10 itself the 00:10 run has not started yet: it is not counted as created.
        assert_eq!(r.counts(r.ticks[1].at).map(|(_, n)| n), [1, 0, 0, 0]);
        assert_eq!(r.next_after(r.ticks[1].at, 3).len(), 2);
        assert!(r.zone_changes.is_empty());
    }

    #[test]
    fn an_outage_misses_every_tick_but_the_latest() {
        let r = &rulers_of("cronjob-outage.yaml")[0];
        assert_eq!(
            ticks(r),
            [
                "01:00 missed",
                "02:00 missed",
                "03:00 missed",
                "04:00 created",
                "05:00 created"
            ],
            "06:00 is the run's last instant: not counted"
        );
    }

    #[test]
    fn replace_deletes_the_running_job_for_the_new_tick() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: '* * * * *'\n  concurrencyPolicy: Replace\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox, command: [sleep, '90']}]\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec: {start: '2026-01-01T00:00:30Z', until: 3m}\n";
        let loaded = crate::scenario::load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let p = Playback::compute(loaded.scenario);
        let r = &cron_rulers(&p.last, p.start, p.end)[0];
        assert_eq!(
            ticks(r),
            ["00:01 created", "00:02 replaced", "00:03 replaced"]
        );
        assert!(
            r.ticks[1].why.contains("concurrencyPolicy is Replace"),
            "{}",
            r.ticks[1].why
        );
    }

    #[test]
    fn daylight_saving_is_marked_and_the_nonexistent_time_has_no_tick() {
        let r = &rulers_of("cronjob-dst.yaml")[0];
        assert_eq!(r.zone_changes.len(), 1);
        assert_eq!(
            r.zone_changes[0].label,
            "2026-03-08T03:00:00-04:00: clocks go forward 1h"
        );
        let days: Vec<&str> = r.ticks.iter().map(|t| &t.label[..10]).collect();
        assert!(
            !days.contains(&"2026-03-08"),
            "02:30 does not exist that day: {days:?}"
        );
        assert!(r.ticks.iter().all(|t| t.outcome == Outcome::Created));
    }

    const HELLO: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: hello\n            image: busybox:1.28\n            imagePullPolicy: IfNotPresent\n            command:\n            - /bin/sh\n            - -c\n            - date; echo Hello from the Kubernetes cluster\n          restartPolicy: OnFailure\n";

    fn played(text: &str) -> Playback {
        let loaded = crate::scenario::load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        Playback::compute(loaded.scenario)
    }

    #[test]
    fn a_pasted_cronjob_runs_ten_minutes_and_the_note_says_how_to_run_longer() {
        let p = played(HELLO);
        assert_eq!((p.end - p.start).human(), "10m");
        let r = &cron_rulers(&p.last, p.start, p.end)[0];
        assert_eq!(
            r.ticks.len(),
            9,
            "+1m … +9m; +10m is the run's last instant"
        );
        let note = horizon_note(&p.last, p.start, p.end).expect("a note");
        assert_eq!(
            note.sentence(),
            "Simulated the first 10m; add a Scenario with `until: 2h` to run longer"
        );
        // The YAML it shows is a Scenario the format takes, and it does run longer.
        let longer = format!("{HELLO}{}", note.yaml);
        let loaded = crate::scenario::load(&longer);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(
            loaded.scenario.until,
            Some(SimDuration::from_secs(2 * 3600))
        );
        let p = Playback::compute(loaded.scenario);
        assert_eq!(horizon_note(&p.last, p.start, p.end), None, "until given");
    }

    #[test]
    fn a_sparse_schedule_runs_to_a_minute_after_its_fifth_time() {
        let every_half_hour = HELLO.replace("* * * * *", "*/30 * * * *");
        let p = played(&every_half_hour);
        assert_eq!((p.end - p.start).human(), "2h31m");
        let r = &cron_rulers(&p.last, p.start, p.end)[0];
        assert_eq!(r.ticks.len(), 5);
        assert!(r.ticks.iter().all(|t| t.outcome == Outcome::Created));
        let note = horizon_note(&p.last, p.start, p.end).expect("a note");
        assert_eq!(note.until, "1d");
    }

    #[test]
    fn ticks_that_would_overlap_are_drawn_as_one_counted_mark() {
        let day = format!(
            "{HELLO}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 24h\n"
        );
        let p = played(&day);
        let r = &cron_rulers(&p.last, p.start, p.end)[0];
        assert_eq!(r.ticks.len(), 1439);
        // A 700-unit ruler, marks at least 18 units apart: a minute is 0.49 units, so 38
        // minutes make a mark.
        let groups = r.groups(700.0, 18.0);
        assert_eq!(groups.len(), 38);
        assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), 1439);
        assert!(groups.iter().all(|g| g.count <= 38), "{groups:?}");
        assert_eq!(r.ticks_of(&groups[0]).len(), groups[0].count);
        assert_eq!(
            counts(r.ticks_of(&groups[0]), (p.end - p.start).as_millis())[0],
            (Outcome::Created, 38)
        );
        // A sparse ruler keeps every tick its own mark.
        let r = &rulers_of("cronjob-forbid.yaml")[0];
        assert!(r.groups(700.0, 18.0).iter().all(|g| g.count == 1));
    }
}
