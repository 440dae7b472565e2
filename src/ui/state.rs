//! The playground's state and its reducer: no timers, no storage, no clock inside.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::cron::Zone;
use crate::scenario::edit::{action_item, add_action};
use crate::scenario::{self, diagnostic::Diagnostic};
use crate::time::{SimDuration, SimTime};
use crate::view_model::event_log::LogFilter;
use crate::view_model::format::format;
use crate::view_model::inspector::Selected;
use crate::view_model::playback::{Playback, PlaybackBuilder, Progress};
use crate::view_model::share::Shared;
use crate::view_model::zone_data::ZoneData;

/// A callback that turns its argument into an action for the reducer.
pub fn send<T: 'static>(
    state: &yew::UseReducerHandle<State>,
    make: impl Fn(T) -> Action + 'static,
) -> yew::Callback<T> {
    let state = state.clone();
    yew::Callback::from(move |t: T| state.dispatch(make(t)))
}

/// Playback speeds offered, virtual seconds per wall second.
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0];

/// Engine wakes a run may take inside the reducer before it is handed to the page to finish
/// in slices between frames (most scenarios finish well within this, so they appear at once).
pub const WAKES_BEFORE_SLICING: u64 = 3_000;

/// A run being computed in slices by `use_computation`. Shared by pointer between the state
/// and the hook; the reducer takes the builder out when the run is finished or cancelled.
pub struct Computing {
    pub builder: RefCell<Option<PlaybackBuilder>>,
}

impl PartialEq for Computing {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// What the page has to say about the share link it was opened with.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareNotice {
    /// The link would replace the user's own text: ask first.
    Offer { lines: usize },
    /// The shared scenario replaced the user's text, which can be brought back.
    Opened,
    /// The link could not be read; why.
    Broken(String),
    /// Format, Reset or a preset replaced the user's text, which can be brought back (`kept`).
    Replaced { message: String, kept: bool },
}

pub struct State {
    /// The editor text, exactly as typed.
    pub text: String,
    /// The text as it was last loaded (a preset, a share link, the start): what Reset restores.
    pub origin: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The computed run, if the text had anything to run.
    pub playback: Option<Rc<Playback>>,
    /// A run still being computed, and how far it has got.
    pub computing: Option<Rc<Computing>>,
    pub progress: Progress,
    /// Where to put the playhead once the run being computed is ready (ms from its start).
    pub seek_when_ready: Option<i64>,
    /// The virtual time on screen.
    pub playhead: SimTime,
    pub playing: bool,
    pub speed: f64,
    /// The object shown in the inspector.
    pub selected: Option<Selected>,
    /// What the event log shows.
    pub log_filter: LogFilter,
    /// The controller decision being explained (index into the run's decisions).
    pub why: Option<usize>,
    pub show_help: bool,
    /// The Embed dialog is open.
    pub show_embed: bool,
    /// The Share dialog is open.
    pub show_share: bool,
    pub share_notice: Option<ShareNotice>,
    /// A shared scenario waiting for the user's yes.
    pub offered: Option<Rc<Shared>>,
    /// The user's text from before a shared scenario replaced it.
    pub before_share: Option<String>,
    /// Share links received so far (the page drops each one's fragment once it is dealt with).
    pub links_received: u32,
    /// Replaces the scenario's seed (an embedded widget's `seed` attribute).
    pub seed: Option<u64>,
    /// Whether the run waits for the tz database (`use_zone_data` fetches it).
    pub zone_data: ZoneData,
    /// The text of the run that waits for it.
    waiting_text: Option<String>,
}

/// One "break things" action to record into the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Breaking {
    /// The scenario verb (`failPod`, `drainNode`, `pauseControllers`…).
    pub verb: &'static str,
    /// `job/NAME@N`, `node/NAME`…; empty for the controller manager.
    pub target: String,
    /// More fields of the action item (`exitCode: 3`).
    pub extra: String,
    /// How long after the playhead it happens.
    pub after_ms: i64,
}

impl Breaking {
    /// An action at the playhead.
    pub fn now(
        verb: &'static str,
        target: impl Into<String>,
        extra: impl Into<String>,
    ) -> Breaking {
        Breaking {
            verb,
            target: target.into(),
            extra: extra.into(),
            after_ms: 0,
        }
    }
}

pub enum Action {
    /// The editor text changed (not yet run).
    Edit(String),
    /// Load and run the current text from the start.
    Run,
    /// Replace the text with a preset and run it.
    LoadText(String),
    /// Reindent and tidy the text (keeping the old text to bring back).
    Format,
    /// Put back the text as it was last loaded (keeping the edited text to bring back).
    Reset,
    /// A slice of the run being computed is done (the builder moved on).
    Computed,
    /// Stop computing the run and show what has been simulated so far.
    StopComputing,
    /// Wall-clock milliseconds passed while playing.
    Tick(f64),
    TogglePlay,
    /// Play (`true`) or pause (`false`), whatever the current state.
    SetPlaying(bool),
    SetSpeed(f64),
    /// Jump to an offset from the start, in milliseconds.
    Seek(i64),
    /// Pause and jump to the next (true) or previous controller decision.
    StepDecision(bool),
    /// One step up or down the speed list.
    Faster,
    Slower,
    Select(Option<Selected>),
    SetLogFilter(LogFilter),
    /// Explain this decision (or stop explaining).
    Why(Option<usize>),
    ToggleHelp,
    ToggleEmbed,
    ToggleShare,
    /// Replace the text with the offered shared scenario, keeping the old text aside.
    OpenShared,
    /// The page was given a share link (read, or why it could not be).
    ShareLink(Result<Shared, String>),
    /// Put back the text a shared scenario replaced.
    RestoreBeforeShare,
    DismissShareNotice,
    /// Escape: close the help, else clear the selection.
    Dismiss,
    /// "Break things": write these actions into the scenario (each at the playhead plus its
    /// delay) and re-run.
    Break(Vec<Breaking>),
    /// The tz database arrived and is installed (`Ok`), or why it could not be.
    ZoneData(Result<(), String>),
}

impl State {
    pub fn new(text: String) -> State {
        State::with_seed(text, None)
    }

    pub fn with_seed(text: String, seed: Option<u64>) -> State {
        State::starting_at(text, seed, None)
    }

    /// A state whose first run opens at `at_ms` from its start, paused there when given.
    pub fn starting_at(text: String, seed: Option<u64>, at_ms: Option<i64>) -> State {
        let mut s = State {
            origin: text.clone(),
            text,
            diagnostics: Vec::new(),
            playback: None,
            computing: None,
            progress: Progress::default(),
            seek_when_ready: at_ms,
            playhead: SimTime::DEFAULT_START,
            playing: at_ms.is_none(),
            speed: 5.0,
            selected: None,
            log_filter: LogFilter::default(),
            why: None,
            show_help: false,
            show_embed: false,
            show_share: false,
            share_notice: None,
            offered: None,
            before_share: None,
            links_received: 0,
            seed,
            zone_data: ZoneData::Ready,
            waiting_text: None,
        };
        s.run();
        s.playing = at_ms.is_none();
        s
    }

    /// The state a share link opens: its text, paused at its playhead, at its speed.
    pub fn shared(shared: &Shared) -> State {
        let mut s = State::starting_at(shared.text.clone(), None, Some(shared.playhead_ms));
        s.speed = shared.speed;
        s
    }

    /// The first state of a page opened with a share link: the shared scenario, unless it
    /// would replace the user's own work, which is then shown with the shared one offered.
    pub fn from_share_link(own: String, link: Result<Shared, String>) -> State {
        match link {
            Ok(shared) if !would_replace_work(&own, &shared.text) => State::shared(&shared),
            link => {
                let mut s = State::new(own);
                s.receive_share_link(link);
                s
            }
        }
    }

    fn receive_share_link(&mut self, link: Result<Shared, String>) {
        self.links_received += 1;
        match link {
            Err(why) => self.share_notice = Some(ShareNotice::Broken(why)),
            Ok(shared) => {
                let ask = would_replace_work(&self.text, &shared.text);
                self.share_notice = Some(ShareNotice::Offer {
                    lines: shared.text.lines().count(),
                });
                self.offered = Some(Rc::new(shared));
                if !ask {
                    self.open_offered();
                    self.share_notice = None;
                    self.before_share = None;
                }
            }
        }
    }

    fn open_offered(&mut self) {
        let Some(shared) = self.offered.take() else {
            return;
        };
        self.before_share = Some(std::mem::replace(&mut self.text, shared.text.clone()));
        self.origin = shared.text.clone();
        self.speed = shared.speed;
        self.seek_when_ready = Some(shared.playhead_ms);
        self.selected = None;
        self.run();
        self.playing = false;
        self.share_notice = Some(ShareNotice::Opened);
    }

    /// Loads the text and starts its run: small runs finish here, big ones continue in
    /// slices (`computing`) while the page stays responsive.
    fn run(&mut self) {
        let text = self.text.clone();
        self.run_text(text);
    }

    /// Runs `text` (the editor's, or the text a run waiting for zone data was started on).
    fn run_text(&mut self, text: String) {
        let mut loaded = scenario::load(&text);
        if let Some(seed) = self.seed {
            loaded.scenario.seed = seed;
        }
        self.computing = None;
        self.playback = None;
        self.playing = true;
        self.why = None;
        self.zone_data = ZoneData::Ready;
        self.waiting_text = None;
        if loaded.is_empty() {
            self.diagnostics = loaded.diagnostics;
            return;
        }
        self.diagnostics = loaded.diagnostics;
        // In the browser a zone's rules arrive with tzdb.bin: the run starts when they do.
        if let Some((field, zone)) = loaded
            .scenario
            .time_zones()
            .find(|(_, zone)| Zone::needs_loading(zone))
        {
            self.zone_data = ZoneData::Fetching {
                field,
                zone: zone.to_string(),
            };
            // Edits made while the data loads do not change the run that is waiting.
            self.waiting_text = Some(text);
            return;
        }
        let mut builder = PlaybackBuilder::new(loaded.scenario);
        if builder.advance(WAKES_BEFORE_SLICING) {
            self.install(builder.finish());
        } else {
            self.progress = builder.progress();
            self.computing = Some(Rc::new(Computing {
                builder: RefCell::new(Some(builder)),
            }));
        }
    }

    /// Shows a computed run, at the requested moment if one was asked for.
    fn install(&mut self, playback: Playback) {
        self.computing = None;
        self.playhead = match self.seek_when_ready.take() {
            Some(ms) => {
                (playback.start + SimDuration::from_millis(ms)).clamp(playback.start, playback.end)
            }
            None => playback.start,
        };
        self.playback = Some(Rc::new(playback));
    }

    /// Takes the builder out of a computation in progress: finished, or stopped by the user.
    fn finish_computing(&mut self) {
        let builder = self
            .computing
            .take()
            .and_then(|c| c.builder.borrow_mut().take());
        if let Some(builder) = builder {
            if builder.is_done() {
                self.install(builder.finish());
            } else {
                // Stopped: show what exists, paused, so the user can look before playing.
                self.playing = false;
                self.seek_when_ready = Some(i64::MAX);
                self.install(builder.finish());
            }
        }
    }

    /// Offset of the playhead from the start.
    pub fn elapsed(&self) -> SimDuration {
        self.playback
            .as_ref()
            .map_or(SimDuration::ZERO, |p| self.playhead - p.start)
    }
}

/// Whether opening `shared` would replace work of the user's: not when the editor is empty,
/// holds the same text, or holds a preset exactly as it ships.
pub fn would_replace_work(own: &str, shared: &str) -> bool {
    !own.trim().is_empty()
        && own != shared
        && !super::presets::PRESETS.iter().any(|p| p.yaml == own)
}

/// The time of the next (or previous) controller decision from `now`, or the run's end (start).
fn step_target(p: &Playback, now: SimTime, forward: bool) -> SimTime {
    let times = p.last.decisions().iter().map(|d| d.time);
    if forward {
        times.filter(|t| *t > now).min().unwrap_or(p.end)
    } else {
        times.filter(|t| *t < now).max().unwrap_or(p.start)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = State {
            text: self.text.clone(),
            origin: self.origin.clone(),
            diagnostics: self.diagnostics.clone(),
            playback: self.playback.clone(),
            computing: self.computing.clone(),
            progress: self.progress,
            seek_when_ready: self.seek_when_ready,
            playhead: self.playhead,
            playing: self.playing,
            speed: self.speed,
            selected: self.selected.clone(),
            log_filter: self.log_filter.clone(),
            why: self.why,
            show_help: self.show_help,
            show_embed: self.show_embed,
            show_share: self.show_share,
            share_notice: self.share_notice.clone(),
            offered: self.offered.clone(),
            before_share: self.before_share.clone(),
            links_received: self.links_received,
            seed: self.seed,
            zone_data: self.zone_data.clone(),
            waiting_text: self.waiting_text.clone(),
        };
        match action {
            Action::Edit(text) => s.text = text,
            Action::Run => {
                // A new run starts at its beginning, whatever an unfinished one was waiting for.
                s.seek_when_ready = None;
                s.run();
            }
            Action::Computed => {
                let (done, progress) = match s.computing.as_ref().map(|c| {
                    c.builder
                        .borrow()
                        .as_ref()
                        .map(|b| (b.is_done(), b.progress()))
                }) {
                    Some(Some(state)) => state,
                    _ => return self,
                };
                s.progress = progress;
                if done {
                    s.finish_computing();
                }
            }
            Action::StopComputing => s.finish_computing(),
            Action::LoadText(text) => {
                if would_replace_work(&s.text, &text) {
                    s.before_share = Some(s.text.clone());
                    s.share_notice = Some(ShareNotice::Replaced {
                        message: "Loaded the preset. Your previous text is kept.".into(),
                        kept: true,
                    });
                }
                s.origin = text.clone();
                s.text = text;
                s.seek_when_ready = None;
                s.run();
            }
            Action::Format => {
                let formatted = format(&s.text);
                if formatted.text == s.text {
                    s.share_notice = Some(ShareNotice::Replaced {
                        message: formatted
                            .note
                            .unwrap_or_else(|| "Already formatted: nothing to change.".into()),
                        kept: false,
                    });
                    return Rc::new(s);
                }
                s.before_share = Some(std::mem::replace(&mut s.text, formatted.text));
                let message = formatted.note.unwrap_or_else(|| "Formatted: two spaces per level, no tabs or trailing spaces. The text before is kept.".into());
                s.share_notice = Some(ShareNotice::Replaced {
                    message,
                    kept: true,
                });
                s.run();
            }
            Action::Reset => {
                if s.text == s.origin {
                    return self;
                }
                s.before_share = Some(std::mem::replace(&mut s.text, s.origin.clone()));
                s.share_notice = Some(ShareNotice::Replaced {
                    message: "Reset to the text as it was loaded. Your edited text is kept.".into(),
                    kept: true,
                });
                s.seek_when_ready = None;
                s.run();
            }
            Action::Tick(wall_ms) => {
                let Some(p) = &s.playback else { return self };
                if !s.playing {
                    return self;
                }
                let step = SimDuration::from_millis((wall_ms * s.speed).round() as i64);
                s.playhead = (s.playhead + step).min(p.end);
                if s.playhead >= p.end {
                    s.playing = false;
                }
            }
            Action::TogglePlay => {
                if let Some(p) = &s.playback {
                    if !s.playing && s.playhead >= p.end {
                        s.playhead = p.start;
                    }
                    s.playing = !s.playing;
                }
            }
            Action::SetPlaying(play) => {
                if let Some(p) = &s.playback {
                    if play && s.playhead >= p.end {
                        s.playhead = p.start;
                    }
                    s.playing = play;
                }
            }
            Action::SetSpeed(v) => s.speed = v,
            Action::Faster => {
                s.speed = SPEEDS
                    .iter()
                    .copied()
                    .find(|v| *v > s.speed)
                    .unwrap_or(s.speed)
            }
            Action::Slower => {
                s.speed = SPEEDS
                    .iter()
                    .rev()
                    .copied()
                    .find(|v| *v < s.speed)
                    .unwrap_or(s.speed)
            }
            Action::StepDecision(forward) => {
                if let Some(p) = &s.playback {
                    s.playing = false;
                    s.playhead = step_target(p, s.playhead, forward);
                }
            }
            Action::Select(selected) => s.selected = selected,
            Action::SetLogFilter(filter) => s.log_filter = filter,
            Action::Why(why) => s.why = why,
            Action::ToggleHelp => s.show_help = !s.show_help,
            Action::ToggleEmbed => s.show_embed = !s.show_embed,
            Action::ToggleShare => s.show_share = !s.show_share,
            Action::OpenShared => s.open_offered(),
            Action::ShareLink(link) => s.receive_share_link(link),
            Action::RestoreBeforeShare => {
                let Some(text) = s.before_share.take() else {
                    return self;
                };
                s.text = text;
                s.selected = None;
                s.run();
                s.share_notice = None;
            }
            Action::DismissShareNotice => {
                s.share_notice = None;
                s.offered = None;
            }
            Action::Break(actions) => {
                let at = s.elapsed().as_millis();
                let added = actions.iter().try_fold(s.text.clone(), |text, a| {
                    add_action(
                        &text,
                        &action_item(at + a.after_ms, a.verb, &a.target, &a.extra),
                    )
                });
                match added {
                    Ok(text) => {
                        // Up to the playhead the new run is the old one (same input, same seed).
                        // A paused page stays paused, so what the action did can be shown first.
                        let playing = s.playing;
                        s.seek_when_ready = Some(at);
                        s.text = text;
                        s.run();
                        s.playing = playing;
                    }
                    Err(why) => s.diagnostics.push(Diagnostic::warning(
                        0,
                        Default::default(),
                        "",
                        format!("The action was not added: {why}"),
                    )),
                }
            }
            Action::ZoneData(result) => {
                let ZoneData::Fetching { field, zone } = std::mem::take(&mut s.zone_data) else {
                    return self;
                };
                let text = s.waiting_text.take().unwrap_or_else(|| s.text.clone());
                match result {
                    // The same run, now able to read its zones; playing or paused as it was.
                    Ok(()) => {
                        let playing = s.playing;
                        s.run_text(text);
                        s.playing = playing;
                    }
                    Err(reason) => {
                        s.zone_data = ZoneData::Failed {
                            field,
                            zone,
                            reason,
                        }
                    }
                }
            }
            Action::Dismiss => {
                if s.show_share {
                    s.show_share = false;
                } else if s.show_embed {
                    s.show_embed = false;
                } else if s.show_help {
                    s.show_help = false;
                } else {
                    s.selected = None;
                }
            }
            Action::Seek(ms) => {
                if let Some(p) = &s.playback {
                    s.playhead = (p.start + SimDuration::from_millis(ms)).clamp(p.start, p.end);
                }
            }
        }
        Rc::new(s)
    }
}
