//! The event list the page shows: newest first, the controller's reasons ("why") beside the
//! events they explain, filtered by object kind, warnings and text, and bounded, so a long
//! run costs the page the same as a short one.

use super::timeline::offset;
use crate::controller::cronjob::ScheduleOutcome;
use crate::cron::Zone;
use crate::lowercase::to_lowercase;
use crate::sim::Engine;
use crate::time::SimTime;

/// Rows shown at most.
pub const MAX_ROWS: usize = 200;

/// What the user asked to see.
#[derive(Clone, Debug, PartialEq)]
pub struct LogFilter {
    /// Object kinds shown: `Job`, `Pod`, `CronJob`, `Node`.
    pub kinds: Vec<&'static str>,
    pub warnings_only: bool,
    /// Show the controller's reasons.
    pub why: bool,
    /// Only rows whose object, reason or message contains this (any case).
    pub text: String,
}

pub const KINDS: [&str; 4] = ["Job", "Pod", "CronJob", "Node"];

impl Default for LogFilter {
    fn default() -> Self {
        LogFilter {
            kinds: KINDS.to_vec(),
            warnings_only: false,
            why: true,
            text: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LogRow {
    Event {
        time: String,
        object: String,
        reason: String,
        message: String,
        warning: bool,
    },
    /// A controller decision; `index` into the run's decisions, for [`why_details`].
    Why {
        time: String,
        object: String,
        summary: String,
        index: usize,
    },
}

/// One decision explained: its sentence and the manifest fields behind it, each with the line
/// that sets it (none when the value is a default or comes from elsewhere).
#[derive(Clone, Debug, PartialEq)]
pub struct WhyDetails {
    pub time: String,
    pub object: String,
    pub summary: String,
    /// (field, value, line)
    pub fields: Vec<(String, String, Option<u32>)>,
    /// For a CronJob decision, what became of the scheduled time it is about, from the
    /// decision's typed data.
    pub schedule: Option<ScheduleDetails>,
}

/// A CronJob decision's scheduled time and outcome, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleDetails {
    /// The scheduled time in RFC 3339, in the CronJob's zone (as the cron ruler labels it);
    /// `None` when the decision is about no single time (suspended).
    pub scheduled: Option<String>,
    pub outcome: ScheduleOutcome,
}

/// The decision at `index` of `engine`'s run, with the lines of its fields in the text.
pub fn why_details(engine: &Engine, start: SimTime, index: usize) -> Option<WhyDetails> {
    let d = engine.decisions().get(index)?;
    let source = engine.scenario().sources.get(&d.object);
    let fields = d
        .fields
        .iter()
        .map(|(field, value)| {
            // Only a field written in the manifest has a line; status fields and defaults do not.
            let line = source
                .and_then(|s| s.positions.get(field.as_str()))
                .map(|p| p.line);
            (field.clone(), value.clone(), line)
        })
        .collect();
    let schedule = d.schedule.map(|s| ScheduleDetails {
        scheduled: s.scheduled.map(|t| in_cron_zone(engine, &d.object, t)),
        outcome: s.outcome,
    });
    Some(WhyDetails {
        time: offset(start, d.time),
        object: d.object.clone(),
        summary: d.summary.clone(),
        fields,
        schedule,
    })
}

/// A CronJob decision's scheduled time in RFC 3339, in the CronJob's zone (as the cron
/// ruler labels it).
pub fn in_cron_zone(engine: &Engine, object: &str, t: SimTime) -> String {
    let zone = engine
        .cron_jobs()
        .find(|cj| object.strip_prefix("CronJob/") == Some(cj.metadata.name.as_str()))
        .and_then(|cj| cj.spec.time_zone.as_deref())
        .and_then(|z| Zone::load(z).ok())
        .unwrap_or(engine.local_zone());
    zone.rfc3339(t.unix_seconds())
}

/// The rows for `filter`, newest first, at most [`MAX_ROWS`]; and whether more matched.
pub fn log_rows(engine: &Engine, start: SimTime, filter: &LogFilter) -> (Vec<LogRow>, bool) {
    let needle = to_lowercase(filter.text.trim());
    let matches = |parts: &[&str]| {
        needle.is_empty() || parts.iter().any(|p| to_lowercase(p).contains(&needle))
    };
    let kind_of = |object: &str| object.split('/').next().unwrap_or("").to_string();
    let events = engine.events();
    let decisions = engine.decisions();
    let mut rows = Vec::new();
    let mut d = decisions.len();
    // Newest first. A decision taken when `before_event` events had been recorded sits
    // between event `before_event - 1` and event `before_event`, so a decision taken after the
    // last event (a back-off wait, a counted failure: neither emits an event) is listed at
    // the instant it is taken, not under whatever event comes next.
    for i in (0..=events.len()).rev() {
        while d > 0 && decisions[d - 1].before_event >= i {
            let why = &decisions[d - 1];
            if filter.why
                && !filter.warnings_only
                && filter.kinds.iter().any(|k| *k == kind_of(&why.object))
                && matches(&[&why.object, &why.summary])
            {
                rows.push(LogRow::Why {
                    time: offset(start, why.time),
                    object: why.object.clone(),
                    summary: why.summary.clone(),
                    index: d - 1,
                });
            }
            d -= 1;
        }
        let Some(e) = i.checked_sub(1).and_then(|i| events.get(i)) else {
            break;
        };
        let object = format!("{}/{}", e.kind, e.name);
        let warning = e.type_ == "Warning";
        if filter.kinds.contains(&e.kind.as_str())
            && (warning || !filter.warnings_only)
            && matches(&[&object, &e.reason, &e.message])
        {
            rows.push(LogRow::Event {
                time: offset(start, e.time),
                object,
                reason: e.reason.to_string(),
                message: e.message.to_string(),
                warning,
            });
        }
        if rows.len() >= MAX_ROWS {
            return (rows, i > 1 || d > 0);
        }
    }
    (rows, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: f}\nspec:\n  backoffLimit: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'exit 3']}]\n";
        let loaded = crate::scenario::load(yaml);
        let mut e = Engine::new(loaded.scenario);
        e.handle_timeout(SimTime::DEFAULT_START + crate::time::SimDuration::from_secs(120));
        e
    }

    fn summary(rows: &[LogRow]) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                LogRow::Event { object, reason, .. } => format!("{object} {reason}"),
                LogRow::Why { object, .. } => format!("{object} why"),
            })
            .collect()
    }

    #[test]
    fn filters_pick_kinds_warnings_reasons_and_text() {
        let e = engine();
        let all = summary(&log_rows(&e, SimTime::DEFAULT_START, &LogFilter::default()).0);
        assert_eq!(
            all.first().map(String::as_str),
            Some("Job/f BackoffLimitExceeded"),
            "newest first: {all:?}"
        );
        assert!(all.iter().any(|r| r == "Job/f why"));
        assert!(all.iter().any(|r| r.starts_with("Pod/")));
        let jobs_only = LogFilter {
            kinds: vec!["Job"],
            why: false,
            ..LogFilter::default()
        };
        let rows = summary(&log_rows(&e, SimTime::DEFAULT_START, &jobs_only).0);
        assert!(
            rows.iter()
                .all(|r| r.starts_with("Job/") && !r.ends_with("why")),
            "{rows:?}"
        );
        let warnings = LogFilter {
            warnings_only: true,
            ..LogFilter::default()
        };
        assert_eq!(
            summary(&log_rows(&e, SimTime::DEFAULT_START, &warnings).0),
            ["Job/f BackoffLimitExceeded"]
        );
        let text = LogFilter {
            text: "SUCCESSFULCREATE".into(),
            ..LogFilter::default()
        };
        let rows = summary(&log_rows(&e, SimTime::DEFAULT_START, &text).0);
        assert_eq!(rows, ["Job/f SuccessfulCreate", "Job/f SuccessfulCreate"]);
    }

    #[test]
    fn a_decision_taken_after_the_last_event_is_listed_at_its_instant() {
        // Back-off: the pod fails at +5s (no event), the controller counts the failure and
        // waits at +6s and +7s; the next event is the SuccessfulCreate at +15s.
        let p = crate::view_model::playback::Playback::compute(
            crate::scenario::load(crate::view_model::presets::PRESETS[0].yaml).scenario,
        );
        let at8 = p.at(p.start + crate::time::SimDuration::from_secs(8));
        let rows = log_rows(&at8, p.start, &LogFilter::default()).0;
        let top: Vec<String> = rows
            .iter()
            .take(4)
            .map(|r| match r {
                LogRow::Event {
                    time,
                    object,
                    reason,
                    ..
                } => format!("{time} {object} {reason}"),
                LogRow::Why { time, summary, .. } => format!("{time} why: {summary}"),
            })
            .collect();
        expect_test::expect![[r#"
            [
                "+7s why: No new pod yet: back-off 8s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)",
                "+6s why: No new pod yet: back-off 9s remaining after 1 consecutive failure(s) (delay 10s = min(10s × 2^0, 10m) from the last failure)",
                "+6s why: Pod flaky-d2v22 failed with exit code 1: failure 1 of the 4 that spec.backoffLimit tolerates",
                "+2s Pod/flaky-d2v22 Started",
            ]
        "#]].assert_debug_eq(&top);
    }

    #[test]
    fn a_decision_names_its_fields_and_the_lines_that_set_them() {
        let e = engine();
        let failing = e
            .decisions()
            .iter()
            .position(|d| d.kind == "fail-job")
            .expect("the Job fails");
        let details = why_details(&e, SimTime::DEFAULT_START, failing).unwrap();
        assert_eq!(details.object, "Job/f");
        // backoffLimit is on line 5 of the manifest.
        assert_eq!(
            details.fields,
            [("spec.backoffLimit".to_string(), "1".to_string(), Some(5))]
        );
        // parallelism and completions are defaults here: no line to point at.
        let create = e
            .decisions()
            .iter()
            .position(|d| d.kind == "create-pods")
            .expect("pods were created");
        let details = why_details(&e, SimTime::DEFAULT_START, create).unwrap();
        assert!(
            !details.fields.is_empty()
                && details
                    .fields
                    .iter()
                    .all(|(f, _, line)| line.is_none() || f == "spec.backoffLimit"),
            "{:?}",
            details.fields
        );
        assert_eq!(why_details(&e, SimTime::DEFAULT_START, usize::MAX), None);
    }

    #[test]
    fn a_cron_decision_carries_its_scheduled_time_and_outcome_as_data() {
        let text = std::fs::read_to_string(format!(
            "{}/static/examples/cronjob-forbid.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the preset");
        let p =
            crate::view_model::playback::Playback::compute(crate::scenario::load(&text).scenario);
        let decisions = p.last.decisions();
        let skipped = decisions
            .iter()
            .position(|d| d.kind == "forbid-skip")
            .expect("a tick is skipped by Forbid");
        let details = why_details(&p.last, p.start, skipped).unwrap();
        let schedule = details.schedule.expect("typed schedule data");
        assert_eq!(schedule.outcome, ScheduleOutcome::SkippedByForbid);
        let at = schedule.scheduled.expect("about one scheduled time");
        assert!(
            details.summary.contains(&at),
            "the sentence names the same time: {at} / {}",
            details.summary
        );
        // A Job's decisions carry none.
        let job = decisions
            .iter()
            .position(|d| d.object.starts_with("Job/"))
            .expect("a Job decision");
        assert_eq!(why_details(&p.last, p.start, job).unwrap().schedule, None);
    }
}
