//! A session handed over from the page's first module to its terminal module (Cargo feature
//! `terminal`; ARCHITECTURE.md, "The page's modules"). The first module has no kubectl, so
//! the page loads the second when the user goes to the terminal or the text has typed lines
//! (`spec.terminal`), and the session carries on in it where it was: the text, what Reset and
//! "bring back" restore, a share link's offer, the playhead, the speed, Present mode, the
//! object in the inspector, the event log's filter, and whether the prompt had the focus
//! (static/boot.js types again what it held).
//! Written as JSON by one module and read by the other, both built from this source.

use serde::{Deserialize, Serialize};

use super::event_log::{LogFilter, KINDS};
use super::inspector::Selected;
use super::session::{Session, ShareNotice};
use super::share::SharedScenario;
use crate::time::SimDuration;

/// What of a session goes over to the terminal module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    pub text: String,
    pub origin: String,
    pub before_share: Option<String>,
    /// Where the run opens, in ms from its start: the playhead, or where a run being
    /// computed was to open.
    pub at_ms: i64,
    /// Or at the end of this typed line (its place in `spec.terminal`).
    pub seek_to_line: Option<usize>,
    pub playing: bool,
    pub speed: f64,
    pub presenting: bool,
    pub present_editor: bool,
    pub seed: Option<u64>,
    /// A share link waiting for the user's yes, and what the page had to say about one.
    pub offered: Option<SharedScenario>,
    pub share_notice: Option<ShareNotice>,
    /// What the terminal's prompt held, and whether it had the focus.
    pub prompt: HandedPrompt,
    /// The object open in the inspector, and the event log's filter.
    pub selected: Option<Selected>,
    pub log_filter: HandedLogFilter,
}

/// The event log's filter as JSON carries it: its kinds by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedLogFilter {
    pub kinds: Vec<String>,
    pub warnings_only: bool,
    pub why: bool,
    pub text: String,
}

impl HandedLogFilter {
    fn of(f: &LogFilter) -> HandedLogFilter {
        HandedLogFilter {
            kinds: f.kinds.iter().map(|k| k.to_string()).collect(),
            warnings_only: f.warnings_only,
            why: f.why,
            text: f.text.clone(),
        }
    }

    /// The filter again; a kind the log does not know is dropped.
    fn filter(self) -> LogFilter {
        LogFilter {
            kinds: KINDS
                .into_iter()
                .filter(|k| self.kinds.iter().any(|n| n == k))
                .collect(),
            warnings_only: self.warnings_only,
            why: self.why,
            text: self.text,
        }
    }
}

/// The line being typed at the terminal's prompt when the page was handed over, so typing
/// goes on where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedPrompt {
    pub line: String,
    pub focused: bool,
}

impl Handoff {
    /// What of `session` goes over, with the prompt as it is.
    pub fn of(session: &Session, prompt: HandedPrompt) -> Handoff {
        let at = session
            .seek_when_ready
            .map_or_else(|| session.elapsed(), SimDuration::from_millis);
        Handoff {
            text: session.text.clone(),
            origin: session.origin.clone(),
            before_share: session.before_share.clone(),
            at_ms: at.as_millis(),
            seek_to_line: session.seek_to_line,
            playing: session.playing,
            speed: session.speed,
            presenting: session.presenting,
            present_editor: session.present_editor,
            seed: session.seed,
            offered: session.offered.as_deref().cloned(),
            share_notice: session.share_notice.clone(),
            prompt,
            selected: session.selected.clone(),
            log_filter: HandedLogFilter::of(&session.log_filter),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a handoff is plain data")
    }

    pub fn from_json(json: &str) -> Result<Handoff, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The session it carries on as: its text run again (here with the typed lines
    /// replayed), opening where the first module was.
    pub fn session(self) -> Session {
        let mut s = Session::starting_at(self.text, self.seed, Some(self.at_ms));
        s.origin = self.origin;
        s.before_share = self.before_share;
        s.seek_to_line = self.seek_to_line;
        s.playing = self.playing && self.seek_to_line.is_none();
        s.speed = self.speed;
        s.presenting = self.presenting;
        s.present_editor = self.present_editor;
        s.offered = self.offered.map(std::rc::Rc::new);
        s.share_notice = self.share_notice;
        s.handed_prompt = Some(self.prompt);
        s.selected = self.selected;
        s.log_filter = self.log_filter.filter();
        s
    }
}

#[cfg(test)]
mod tests;
