//! The playground's session as one plain value: the editor text, the run it shows, the
//! playhead and what is open around it; and [`reduce`], the pure function from a session and
//! a [`SessionAction`] to the next session. No clock, no storage and no engine wakes in here:
//! a run to compute is a [`RunRequest`] token held in the session, which the page computes
//! (`ui/use_computation.rs`) and hands back as [`SessionAction::Finished`] with the same id,
//! so a stale run's result is dropped. The playground and the embed widget are two layouts
//! over one session (`ui/use_session.rs`).

use std::rc::Rc;

use crate::cron::Zone;
use crate::scenario::action::Action;
use crate::scenario::edit::{action_item, add_action};
use crate::scenario::{self, diagnostic::Diagnostic, Scenario};
use crate::time::{SimDuration, SimTime};
use crate::view_model::event_log::LogFilter;
use crate::view_model::format::format;
use crate::view_model::inspector::Selected;
use crate::view_model::playback::{Playback, Progress};
use crate::view_model::presets::PRESETS;
use crate::view_model::share::SharedScenario;
use crate::view_model::terminal::Transcript;
use crate::view_model::zone_data::ZoneData;

/// Playback speeds offered, virtual seconds per wall second.
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0];

/// Which run a request or a result belongs to: the session counts the runs it asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunId(pub u64);

/// A run the session asks the page to compute. The page keys its computation by `id`, and
/// reports back with it.
#[derive(Clone, Debug)]
pub struct RunRequest {
    pub id: RunId,
    /// The scenario to run, already loaded and given the session's seed; its typed lines
    /// (`terminal`) are replayed by the page's computation (`terminal::prepare`).
    pub scenario: Rc<Scenario>,
    /// The text it was loaded from: the files its typed lines read (`shell::replay::TextFiles`).
    pub text: Rc<str>,
    /// The run shown when it was asked for, kept if the typed lines changed nothing it ran.
    pub shown: Option<Run>,
}

/// A request is its id: the session gives every request a new one. (Comparing scenarios
/// too would cost a deep comparison on every action, and in wasm the code of `PartialEq`
/// for every API type.)
impl PartialEq for RunRequest {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A computed run, shared by every session that shows it, and its typed lines replayed.
/// Equal only to itself: a new run is a new value, and comparing two by content would
/// compare whole engines.
#[derive(Clone)]
pub struct Run(pub Rc<Playback>, pub Rc<Transcript>);

impl Run {
    /// A run without typed lines.
    pub fn new(playback: Playback) -> Run {
        Run(Rc::new(playback), Rc::default())
    }
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && Rc::ptr_eq(&self.1, &other.1)
    }
}

impl std::ops::Deref for Run {
    type Target = Playback;
    fn deref(&self) -> &Playback {
        &self.0
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Run(+{})", (self.end - self.start).human())
    }
}

/// What the page has to say about the editor's text having been replaced, or about a share
/// link it was given.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Everything the playground shows, as one value.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The editor text, exactly as typed.
    pub text: String,
    /// The text as it was last loaded (a preset, a share link, the start): what Reset restores.
    pub origin: String,
    /// What loading the text says: from the last run, or from validating the text as typed.
    pub diagnostics: Vec<Diagnostic>,
    /// The edit whose text is not validated yet. The page validates it once typing pauses
    /// (`ui/use_validation.rs` debounces, then sends [`SessionAction::Validate`] with it).
    pub unchecked: Option<u64>,
    /// The computed run, if the text had anything to run.
    pub playback: Option<Run>,
    /// The run being computed by the page, if any.
    pub computing: Option<RunRequest>,
    /// How far the run being computed has got.
    pub progress: Progress,
    /// Where to put the playhead once the run being computed is ready (ms from its start).
    pub seek_when_ready: Option<i64>,
    /// Or at the end of this typed line (its place in `spec.terminal`): where a line typed at
    /// the terminal leaves the playhead, so `sleep` and `kubectl wait` visibly take time.
    pub seek_to_line: Option<usize>,
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
    /// Present mode: the picture and the caption at full width, every text at projector
    /// size, the editor hidden (a share link keeps it).
    pub presenting: bool,
    /// The editor brought back while presenting (`e`, or the "Show editor" button).
    pub present_editor: bool,
    /// The Embed dialog is open.
    pub show_embed: bool,
    /// The Share dialog is open.
    pub show_share: bool,
    pub share_notice: Option<ShareNotice>,
    /// A shared scenario waiting for the user's yes.
    pub offered: Option<Rc<SharedScenario>>,
    /// The user's text from before a shared scenario (or Format, Reset, a preset) replaced it.
    pub before_share: Option<String>,
    /// Share links received so far (the page drops each one's fragment once it is dealt with).
    pub links_received: u32,
    /// Replaces the scenario's seed (an embedded widget's `seed` attribute).
    pub seed: Option<u64>,
    /// Whether the run waits for the tz database (`ui/use_zone_data.rs` fetches it).
    pub zone_data: ZoneData,
    /// The text of the run that waits for it.
    waiting_text: Option<String>,
    /// Whether this build replays typed lines (`spec.terminal`): the page's first module does
    /// not (Cargo feature `terminal`), and hands the page over to the one that does.
    replays_typed_lines: bool,
    /// The text has typed lines this build cannot replay: the page hands the session over to
    /// the terminal module (`ui/terminal_module.rs`), which runs it.
    pub hand_over: bool,
    /// In the terminal module after a hand-over: the prompt as the first module left it.
    pub handed_prompt: Option<crate::view_model::handoff::HandedPrompt>,
    /// Runs asked for so far: the next request's id.
    runs: u64,
    /// Edits so far: the next edit's number.
    edits: u64,
}

/// What can happen to a session.
#[derive(Clone, Debug)]
pub enum SessionAction {
    /// The editor text changed (not yet run).
    Edit(String),
    /// Typing paused after this edit: load its text for the diagnostics (not a run). A
    /// later edit makes it stale, and it is dropped.
    Validate(u64),

    /// Load and run the current text from the start.
    Run,
    /// Replace the text with a preset (or the host's text) and run it.
    LoadText(String),
    /// Reindent and tidy the text (keeping the old text to bring back).
    Format,
    /// Put back the text as it was last loaded (keeping the edited text to bring back).
    Reset,
    /// The page has computed part of the run `RunId`: how far it has got.
    Progress(RunId, Progress),
    /// The page has computed the run `RunId`: all of it, or, when the user stopped it, what it
    /// had got to (`Playback::stopped_early`).
    Finished(RunId, Run),
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
    /// Pause and jump to an offset from the start in ms (a scrubber mark was chosen).
    Jump(i64),
    /// One step up or down the speed list.
    Faster,
    Slower,
    Select(Option<Selected>),
    SetLogFilter(LogFilter),
    /// Explain this decision (or stop explaining).
    Why(Option<usize>),
    ToggleHelp,
    /// Present mode on or off (the editor hidden again when it comes on).
    TogglePresent,
    /// While presenting, show or hide the editor.
    TogglePresentEditor,
    ToggleEmbed,
    ToggleShare,
    /// Replace the text with the offered shared scenario, keeping the old text aside.
    OpenShared,
    /// The page was given a share link (read, or why it could not be).
    ShareLink(Result<SharedScenario, String>),
    /// Put back the text a shared scenario (or Format, Reset, a preset) replaced.
    RestoreBeforeShare,
    DismissShareNotice,
    /// Escape: close a dialog or the help, else clear the selection.
    Dismiss,
    /// "Break things": write these actions into the scenario and re-run. Each action's `at`
    /// counts from the playhead (a delay), not from the start.
    Break(Vec<Action>),
    /// The tz database arrived and is installed (`Ok`), or why it could not be.
    ZoneData(Result<(), String>),
    /// A line typed at the terminal (Enter): written into `spec.terminal` at the playhead and
    /// run; the playhead then goes to its end, paused.
    Type(String),
    /// The terminal's Clear: removes `spec.terminal` from the text and runs it again.
    ClearTerminal,
    /// The terminal module could not be loaded (`hand_over`): why.
    HandOverFailed(String),
}

/// The session after `action`.
pub fn reduce(session: &Session, action: SessionAction) -> Session {
    let mut next = session.clone();
    next.apply(action);
    next
}

impl Session {
    pub fn new(text: String) -> Session {
        Session::starting_at(text, None, None)
    }

    /// A session whose first run opens at `at_ms` from its start, paused there when given.
    pub fn starting_at(text: String, seed: Option<u64>, at_ms: Option<i64>) -> Session {
        let mut s = Session {
            origin: text.clone(),
            text,
            diagnostics: Vec::new(),
            unchecked: None,
            playback: None,
            computing: None,
            progress: Progress::default(),
            seek_when_ready: at_ms,
            seek_to_line: None,
            playhead: SimTime::DEFAULT_START,
            playing: at_ms.is_none(),
            speed: 5.0,
            selected: None,
            log_filter: LogFilter::default(),
            why: None,
            show_help: false,
            presenting: false,
            present_editor: false,
            show_embed: false,
            show_share: false,
            share_notice: None,
            offered: None,
            before_share: None,
            links_received: 0,
            seed,
            zone_data: ZoneData::Ready,
            waiting_text: None,
            replays_typed_lines: cfg!(feature = "terminal"),
            hand_over: false,
            handed_prompt: None,
            runs: 0,
            edits: 0,
        };
        s.run();
        s.playing = at_ms.is_none();
        s
    }

    /// This session as the page's first module has it: typed lines are not replayed but
    /// handed over (`hand_over`). Only the Cargo feature decides it in the page; tests of the
    /// handing over need both kinds of session in one build.
    pub fn without_typed_line_replay(mut self) -> Session {
        self.replays_typed_lines = false;
        let playing = self.playing;
        self.run();
        self.playing = playing;
        self
    }

    /// The session a share link opens: its text, paused at its playhead, at its speed.
    pub fn shared(shared: &SharedScenario) -> Session {
        let mut s = Session::starting_at(shared.text.clone(), None, Some(shared.playhead_ms));
        s.speed = shared.speed;
        s.presenting = shared.present;
        s
    }

    /// The first session of a page opened with a share link: the shared scenario, unless it
    /// would replace the user's own work, which is then shown with the shared one offered.
    pub fn from_share_link(own: String, link: Result<SharedScenario, String>) -> Session {
        match link {
            Ok(shared) if !would_replace_work(&own, &shared.text) => Session::shared(&shared),
            link => {
                let mut s = Session::new(own);
                s.receive_share_link(link);
                s
            }
        }
    }

    /// Offset of the playhead from the start.
    pub fn elapsed(&self) -> SimDuration {
        self.playback
            .as_ref()
            .map_or(SimDuration::ZERO, |p| self.playhead - p.start)
    }

    /// The run's length (zero before there is one).
    pub fn duration(&self) -> SimDuration {
        self.playback
            .as_ref()
            .map_or(SimDuration::ZERO, |p| p.end - p.start)
    }

    fn apply(&mut self, action: SessionAction) {
        match action {
            SessionAction::Edit(text) => {
                self.text = text;
                self.edits += 1;
                self.unchecked = Some(self.edits);
            }
            SessionAction::Validate(edit) => {
                if self.unchecked == Some(edit) {
                    self.unchecked = None;
                    self.diagnostics = scenario::load(&self.text).diagnostics;
                }
            }
            SessionAction::Run => {
                // A new run starts at its beginning, whatever an unfinished one was waiting for.
                self.seek_when_ready = None;
                self.seek_to_line = None;
                self.run();
            }
            SessionAction::Progress(id, progress) => {
                if self.is_computing(id) {
                    self.progress = progress;
                }
            }
            SessionAction::Finished(id, run) => {
                if self.is_computing(id) {
                    self.install(run);
                }
            }
            SessionAction::LoadText(text) => {
                if would_replace_work(&self.text, &text) {
                    self.before_share = Some(self.text.clone());
                    self.share_notice = Some(ShareNotice::Replaced {
                        message: "Loaded the preset. Your previous text is kept.".into(),
                        kept: true,
                    });
                }
                self.origin = text.clone();
                self.text = text;
                self.seek_when_ready = None;
                self.run();
            }
            SessionAction::Format => self.format(),
            SessionAction::Reset => {
                if self.text == self.origin {
                    return;
                }
                self.before_share = Some(std::mem::replace(&mut self.text, self.origin.clone()));
                self.share_notice = Some(ShareNotice::Replaced {
                    message: "Reset to the text as it was loaded. Your edited text is kept.".into(),
                    kept: true,
                });
                self.seek_when_ready = None;
                self.run();
            }
            SessionAction::Tick(wall_ms) => {
                let Some(p) = &self.playback else { return };
                if !self.playing {
                    return;
                }
                let step = SimDuration::from_millis((wall_ms * self.speed).round() as i64);
                self.playhead = (self.playhead + step).min(p.end);
                if self.playhead >= p.end {
                    self.playing = false;
                }
            }
            SessionAction::TogglePlay => self.set_playing(!self.playing),
            SessionAction::SetPlaying(play) => self.set_playing(play),
            SessionAction::SetSpeed(v) => self.speed = v,
            SessionAction::Faster => {
                self.speed = SPEEDS
                    .iter()
                    .copied()
                    .find(|v| *v > self.speed)
                    .unwrap_or(self.speed)
            }
            SessionAction::Slower => {
                self.speed = SPEEDS
                    .iter()
                    .rev()
                    .copied()
                    .find(|v| *v < self.speed)
                    .unwrap_or(self.speed)
            }
            SessionAction::StepDecision(forward) => {
                if let Some(p) = &self.playback {
                    self.playing = false;
                    self.playhead = step_target(p, self.playhead, forward);
                }
            }
            SessionAction::Select(selected) => self.selected = selected,
            SessionAction::SetLogFilter(filter) => self.log_filter = filter,
            SessionAction::Why(why) => self.why = why,
            SessionAction::ToggleHelp => self.show_help = !self.show_help,
            SessionAction::TogglePresent => {
                self.presenting = !self.presenting;
                self.present_editor = false;
            }
            SessionAction::TogglePresentEditor => {
                if self.presenting {
                    self.present_editor = !self.present_editor;
                }
            }
            SessionAction::ToggleEmbed => self.show_embed = !self.show_embed,
            SessionAction::ToggleShare => self.show_share = !self.show_share,
            SessionAction::OpenShared => self.open_offered(),
            SessionAction::ShareLink(link) => self.receive_share_link(link),
            SessionAction::RestoreBeforeShare => {
                let Some(text) = self.before_share.take() else {
                    return;
                };
                self.text = text;
                self.selected = None;
                self.run();
                self.share_notice = None;
            }
            SessionAction::DismissShareNotice => {
                self.share_notice = None;
                self.offered = None;
            }
            SessionAction::Dismiss => {
                if self.show_share {
                    self.show_share = false;
                } else if self.show_embed {
                    self.show_embed = false;
                } else if self.show_help {
                    self.show_help = false;
                } else {
                    self.selected = None;
                }
            }
            SessionAction::Break(actions) => self.break_things(actions),
            SessionAction::Type(line) => self.type_line(&line),
            SessionAction::HandOverFailed(why) => {
                self.hand_over = false;
                // Not the text's fault: no field, no line.
                self.diagnostics.push(Diagnostic::error(
                    0,
                    Default::default(),
                    "",
                    format!("The terminal could not be loaded (kubectl is in a second module the page fetches when it is first used): {why}"),
                ));
            }
            SessionAction::ClearTerminal => self.clear_terminal(),
            SessionAction::ZoneData(result) => self.zone_data_arrived(result),
            SessionAction::Jump(ms) => {
                if self.playback.is_some() {
                    self.playing = false;
                    self.apply(SessionAction::Seek(ms));
                }
            }
            SessionAction::Seek(ms) => {
                if let Some(p) = &self.playback {
                    self.playhead = (p.start + SimDuration::from_millis(ms)).clamp(p.start, p.end);
                }
            }
        }
    }

    fn is_computing(&self, id: RunId) -> bool {
        self.computing.as_ref().is_some_and(|r| r.id == id)
    }

    /// Play or pause; playing from the end starts again from the beginning.
    fn set_playing(&mut self, play: bool) {
        if let Some(p) = &self.playback {
            if play && self.playhead >= p.end {
                self.playhead = p.start;
            }
            self.playing = play;
        }
    }

    fn format(&mut self) {
        let formatted = format(&self.text);
        if formatted.text == self.text {
            self.share_notice = Some(ShareNotice::Replaced {
                message: formatted
                    .note
                    .unwrap_or_else(|| "Already formatted: nothing to change.".into()),
                kept: false,
            });
            return;
        }
        self.before_share = Some(std::mem::replace(&mut self.text, formatted.text));
        let message = formatted.note.unwrap_or_else(|| {
            "Formatted: two spaces per level, no tabs or trailing spaces. The text before is kept."
                .into()
        });
        self.share_notice = Some(ShareNotice::Replaced {
            message,
            kept: true,
        });
        self.run();
    }

    /// Writes `actions` into the text at the playhead and reruns. Up to the playhead the new
    /// run is the old one (same input, same seed), so the playhead stays; a paused page stays
    /// paused, so what the action did can be shown first.
    fn break_things(&mut self, actions: Vec<Action>) {
        let at = self.elapsed();
        let added = actions.into_iter().try_fold(self.text.clone(), |text, a| {
            let a = Action { at: at + a.at, ..a };
            add_action(&text, &action_item(&a))
        });
        match added {
            Ok(text) => {
                let playing = self.playing;
                self.seek_when_ready = Some(at.as_millis());
                self.text = text;
                self.run();
                self.playing = playing;
            }
            Err(why) => self.diagnostics.push(Diagnostic::warning(
                0,
                Default::default(),
                "",
                format!("The action was not added: {why}"),
            )),
        }
    }

    /// Writes a typed line into the text at the playhead and runs it, showing the run so far
    /// until the new one is ready (often at once: a `kubectl get` changes nothing the engine
    /// runs, and the computation keeps the run).
    fn type_line(&mut self, line: &str) {
        match crate::view_model::terminal::type_lines(&self.text, self.elapsed(), line) {
            Ok((text, index)) => {
                self.text = text;
                self.rerun_keeping_view(None, Some(index));
                // The playhead stops at the line's end, for its output to be read there.
                self.playing = false;
            }
            Err(why) => self.diagnostics.push(Diagnostic::warning(
                0,
                Default::default(),
                "",
                format!("The line was not added: {why}"),
            )),
        }
    }

    fn clear_terminal(&mut self) {
        match crate::scenario::edit::remove_terminal(&self.text) {
            Ok(text) if text != self.text => {
                self.text = text;
                let at = self.elapsed().as_millis();
                self.rerun_keeping_view(Some(at), None);
            }
            Ok(_) => {}
            Err(why) => self.diagnostics.push(Diagnostic::warning(
                0,
                Default::default(),
                "",
                format!("The typed lines were not cleared: {why}"),
            )),
        }
    }

    /// Runs the text again, keeping the run on screen (and playing or paused) until the new
    /// one arrives, which opens at `at_ms` or at the end of typed line `line`.
    fn rerun_keeping_view(&mut self, at_ms: Option<i64>, line: Option<usize>) {
        let (playing, shown) = (self.playing, self.playback.clone());
        self.seek_when_ready = at_ms;
        self.seek_to_line = line;
        self.run();
        self.playing = playing;
        if let Some(request) = &mut self.computing {
            request.shown = shown.clone();
            self.playback = shown;
        }
    }

    fn zone_data_arrived(&mut self, result: Result<(), String>) {
        let ZoneData::Fetching { field, zone } = std::mem::take(&mut self.zone_data) else {
            return;
        };
        let text = self
            .waiting_text
            .take()
            .unwrap_or_else(|| self.text.clone());
        match result {
            // The same run, now able to read its zones; playing or paused as it was.
            Ok(()) => {
                let playing = self.playing;
                self.run_text(text);
                self.playing = playing;
            }
            Err(reason) => {
                self.zone_data = ZoneData::Failed {
                    field,
                    zone,
                    reason,
                }
            }
        }
    }

    fn receive_share_link(&mut self, link: Result<SharedScenario, String>) {
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
        self.presenting = shared.present;
        self.present_editor = false;
        self.seek_when_ready = Some(shared.playhead_ms);
        self.selected = None;
        self.run();
        self.playing = false;
        self.share_notice = Some(ShareNotice::Opened);
    }

    /// Loads the text and asks the page to run it.
    fn run(&mut self) {
        let text = self.text.clone();
        // Loading the text for the run validates it too.
        self.unchecked = None;
        self.run_text(text);
    }

    /// Loads `text` (the editor's, or the text a run waiting for zone data was started on)
    /// and, when it has anything to run, asks for its run: a new [`RunRequest`], which drops
    /// whatever the previous one would have delivered.
    fn run_text(&mut self, text: String) {
        let mut loaded = scenario::load(&text);
        if let Some(seed) = self.seed {
            loaded.scenario.seed = seed;
        }
        if !self.replays_typed_lines && !loaded.scenario.terminal.is_empty() {
            // The run waits for the module that replays typed lines; the one on screen stays.
            // It opens as a run here would: from the start and playing, unless it was asked
            // to open elsewhere (a share link's playhead, a typed line's end).
            self.diagnostics = loaded.diagnostics;
            self.computing = None;
            self.hand_over = true;
            self.playing = true;
            if self.seek_to_line.is_none() {
                self.seek_when_ready.get_or_insert(0);
            }
            return;
        }
        self.computing = None;
        self.playback = None;
        self.playing = true;
        self.why = None;
        self.zone_data = ZoneData::Ready;
        self.waiting_text = None;
        let empty = loaded.is_empty();
        self.diagnostics = loaded.diagnostics;
        if empty {
            return;
        }
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
        self.runs += 1;
        self.progress = Progress::default();
        self.computing = Some(RunRequest {
            id: RunId(self.runs),
            scenario: Rc::new(loaded.scenario),
            text: text.into(),
            shown: None,
        });
    }

    /// Shows a computed run, at the requested moment if one was asked for; a run the user
    /// stopped opens paused at its end, so the user can look before playing.
    fn install(&mut self, run: Run) {
        self.computing = None;
        let asked = self.seek_when_ready.take();
        let line_end = self
            .seek_to_line
            .take()
            .and_then(|i| run.1.entries.iter().find(|e| e.index == i))
            .map(|e| e.ended);
        self.diagnostics.extend(run.1.diagnostics.iter().cloned());
        self.playhead = if let Some(end) = line_end {
            end.clamp(run.start, run.end)
        } else if run.stopped_early {
            self.playing = false;
            run.end
        } else {
            asked.map_or(run.start, |ms| {
                (run.start + SimDuration::from_millis(ms)).clamp(run.start, run.end)
            })
        };
        self.playback = Some(run);
    }
}

/// Whether opening `shared` would replace work of the user's: not when the editor is empty,
/// holds the same text, or holds a preset exactly as it ships.
pub fn would_replace_work(own: &str, shared: &str) -> bool {
    !own.trim().is_empty() && own != shared && !PRESETS.iter().any(|p| p.yaml == own)
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

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::scenario::action::{Target, Verb};
    use crate::view_model::playback::PlaybackBuilder;

    const PI: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 30']}]\n";

    /// One step of a test: an action, or what the page's computation would do.
    enum Step {
        Do(SessionAction),
        /// The page computes the requested run to its end and hands it over.
        Compute,
        /// The page has simulated this many engine wakes of the requested run.
        Slice(u64),
        /// The user stops the computation after this many wakes.
        StopAfter(u64),
    }
    use Step::*;

    fn builder(s: &Session, wakes: u64) -> (RunId, PlaybackBuilder) {
        let request = s.computing.as_ref().expect("a run was asked for");
        let mut b = PlaybackBuilder::new((*request.scenario).clone());
        b.advance(wakes);
        (request.id, b)
    }

    fn step(s: &Session, step: Step) -> (String, Session) {
        let (label, action) = match step {
            Do(action) => (label(&action), action),
            Compute => {
                let (id, b) = builder(s, u64::MAX);
                (
                    "(page) computed".into(),
                    SessionAction::Finished(id, Run::new(b.finish())),
                )
            }
            Slice(wakes) => {
                let (id, b) = builder(s, wakes);
                (
                    format!("(page) {wakes} wakes"),
                    SessionAction::Progress(id, b.progress()),
                )
            }
            StopAfter(wakes) => {
                let (id, b) = builder(s, wakes);
                (
                    format!("(page) stopped after {wakes} wakes"),
                    SessionAction::Finished(id, Run::new(b.finish())),
                )
            }
        };
        (label, reduce(s, action))
    }

    /// An action as the snapshot names it: texts by their length, the rest as Debug shows it.
    fn label(action: &SessionAction) -> String {
        match action {
            SessionAction::Edit(t) => format!("Edit({} lines)", t.lines().count()),
            SessionAction::LoadText(t) => format!("LoadText({} lines)", t.lines().count()),
            SessionAction::ShareLink(Ok(l)) => format!(
                "ShareLink(Ok({} lines at {} ms, x{}))",
                l.text.lines().count(),
                l.playhead_ms,
                l.speed
            ),
            a => format!("{a:?}"),
        }
    }

    /// The session's salient state on one line: what a person would look at.
    fn summary(s: &Session) -> String {
        let mut parts = vec![format!(
            "text {} lines{}",
            s.text.lines().count(),
            if s.text == s.origin { "" } else { " (edited)" }
        )];
        if let Some(r) = &s.computing {
            parts.push(format!(
                "computing run {} ({} simulated)",
                r.id.0,
                s.progress.simulated.human()
            ));
        }
        if let Some(p) = &s.playback {
            let stopped = if p.stopped_early {
                ", stopped early"
            } else {
                ""
            };
            parts.push(format!("run of {}{stopped}", s.duration().human()));
        }
        parts.push(format!(
            "at +{} {} x{}",
            s.elapsed().human(),
            if s.playing { "playing" } else { "paused" },
            s.speed
        ));
        if let Some(ms) = s.seek_when_ready {
            parts.push(format!("then seek {ms} ms"));
        }
        if let Some(edit) = s.unchecked {
            parts.push(format!("edit {edit} not validated"));
        }
        parts.extend(s.diagnostics.iter().map(|d| d.render("line")));
        if let Some(n) = &s.share_notice {
            parts.push(format!("notice {n:?}"));
        }
        if let Some(kept) = &s.before_share {
            parts.push(format!("kept {} lines", kept.lines().count()));
        }
        if let Some(sel) = &s.selected {
            parts.push(format!("selected {sel:?}"));
        }
        if s.presenting {
            parts.push(
                if s.present_editor {
                    "presenting with the editor"
                } else {
                    "presenting"
                }
                .into(),
            );
        }
        for (open, name) in [
            (s.show_help, "help"),
            (s.show_embed, "embed"),
            (s.show_share, "share"),
        ] {
            if open {
                parts.push(format!("{name} open"));
            }
        }
        if s.zone_data != ZoneData::Ready {
            parts.push(format!("{:?}", s.zone_data));
        }
        parts.join(" | ")
    }

    /// Runs `steps` from `start`, rendering the session after each; returns the last session.
    fn check(start: Session, steps: Vec<Step>, expect: Expect) -> Session {
        let mut out = format!("start\n    {}\n", summary(&start));
        let mut s = start;
        for st in steps {
            let (label, next) = step(&s, st);
            out.push_str(&format!("{label}\n    {}\n", summary(&next)));
            s = next;
        }
        expect.assert_eq(&out);
        s
    }

    #[test]
    fn a_run_is_asked_for_computed_by_the_page_and_then_played() {
        check(
            Session::new(PI.into()),
            vec![
                Slice(1),
                Compute,
                Do(SessionAction::Tick(1000.0)),
                Do(SessionAction::Faster),
                Do(SessionAction::Tick(100_000.0)),
                Do(SessionAction::Tick(16.0)),
                Do(SessionAction::TogglePlay),
                Do(SessionAction::Seek(12_000)),
                Do(SessionAction::StepDecision(false)),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) 1 wakes
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                Tick(1000.0)
                    text 8 lines | run of 33s | at +5s playing x5
                Faster
                    text 8 lines | run of 33s | at +5s playing x10
                Tick(100000.0)
                    text 8 lines | run of 33s | at +33s paused x10
                Tick(16.0)
                    text 8 lines | run of 33s | at +33s paused x10
                TogglePlay
                    text 8 lines | run of 33s | at +0s playing x10
                Seek(12000)
                    text 8 lines | run of 33s | at +12s playing x10
                StepDecision(false)
                    text 8 lines | run of 33s | at +0s paused x10
            "#]],
        );
    }

    #[test]
    fn a_stopped_run_opens_paused_at_its_end_and_a_stale_result_is_dropped() {
        let long = PI.replace("spec:\n  template", "spec:\n  completions: 50\n  template");
        let s = Session::new(long);
        let (old, old_builder) = builder(&s, u64::MAX);
        let stale = SessionAction::Finished(old, Run::new(old_builder.finish()));
        let s = check(
            s,
            vec![
                Do(SessionAction::Run),
                Do(stale),
                Slice(100),
                StopAfter(100),
            ],
            expect![[r#"
                start
                    text 9 lines | computing run 1 (0s simulated) | at +0s playing x5
                Run
                    text 9 lines | computing run 2 (0s simulated) | at +0s playing x5
                Finished(RunId(1), Run(+27m30s))
                    text 9 lines | computing run 2 (0s simulated) | at +0s playing x5
                (page) 100 wakes
                    text 9 lines | computing run 2 (6m3s simulated) | at +0s playing x5
                (page) stopped after 100 wakes
                    text 9 lines | run of 6m3s, stopped early | at +6m3s paused x5
            "#]],
        );
        assert!(s.computing.is_none());
    }

    #[test]
    fn breaking_things_writes_typed_actions_at_the_playhead_and_reruns_as_it_was() {
        let s = check(
            Session::new(PI.into()),
            vec![
                Compute,
                Do(SessionAction::Seek(12_500)),
                Do(SessionAction::SetPlaying(false)),
                Do(SessionAction::Select(Some(Selected::Job("pi".into())))),
                Do(SessionAction::Break(vec![
                    Action {
                        at: SimDuration::ZERO,
                        verb: Verb::FailPod { exit_code: 3 },
                        target: Target::JobNth("pi".into(), 1),
                    },
                    Action {
                        at: SimDuration::from_secs(60),
                        verb: Verb::PauseControllers,
                        target: Target::None,
                    },
                ])),
                Compute,
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                Seek(12500)
                    text 8 lines | run of 33s | at +12.5s playing x5
                SetPlaying(false)
                    text 8 lines | run of 33s | at +12.5s paused x5
                Select(Some(Job("pi")))
                    text 8 lines | run of 33s | at +12.5s paused x5 | selected Job("pi")
                Break([Action { at: SimDuration(0), verb: FailPod { exit_code: 3 }, target: JobNth("pi", 1) }, Action { at: SimDuration(60000), verb: PauseControllers, target: None }])
                    text 15 lines (edited) | computing run 2 (0s simulated) | at +0s paused x5 | then seek 12500 ms | selected Job("pi")
                (page) computed
                    text 15 lines (edited) | run of 1m12s | at +12.5s paused x5 | selected Job("pi")
            "#]],
        );
        assert!(
            s.text.ends_with("spec:\n  actions:\n  - {at: 12.5s, action: failPod, target: 'job/pi@1', exitCode: 3}\n  - {at: 72.5s, action: pauseControllers}\n"),
            "{}",
            s.text
        );
    }

    #[test]
    fn present_mode_hides_the_editor_until_asked_and_a_share_link_keeps_it() {
        check(
            Session::new(PI.into()),
            vec![
                Compute,
                Do(SessionAction::TogglePresentEditor),
                Do(SessionAction::TogglePresent),
                Do(SessionAction::TogglePresentEditor),
                Do(SessionAction::TogglePresent),
                Do(SessionAction::TogglePresent),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                TogglePresentEditor
                    text 8 lines | run of 33s | at +0s playing x5
                TogglePresent
                    text 8 lines | run of 33s | at +0s playing x5 | presenting
                TogglePresentEditor
                    text 8 lines | run of 33s | at +0s playing x5 | presenting with the editor
                TogglePresent
                    text 8 lines | run of 33s | at +0s playing x5
                TogglePresent
                    text 8 lines | run of 33s | at +0s playing x5 | presenting
            "#]],
        );
        let link = SharedScenario {
            text: PI.into(),
            playhead_ms: 5_000,
            speed: 2.0,
            present: true,
        };
        check(
            Session::shared(&link),
            vec![Compute],
            expect![[r#"
            start
                text 8 lines | computing run 1 (0s simulated) | at +0s paused x2 | then seek 5000 ms | presenting
            (page) computed
                text 8 lines | run of 33s | at +5s paused x2 | presenting
        "#]],
        );
        let own = PI.replace("name: pi", "name: mine");
        check(
            Session::new(own),
            vec![
                Compute,
                Do(SessionAction::ShareLink(Ok(link))),
                Do(SessionAction::OpenShared),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                ShareLink(Ok(8 lines at 5000 ms, x2))
                    text 8 lines | run of 33s | at +0s playing x5 | notice Offer { lines: 8 }
                OpenShared
                    text 8 lines | computing run 2 (0s simulated) | at +0s paused x2 | then seek 5000 ms | notice Opened | kept 8 lines | presenting
            "#]],
        );
    }

    #[test]
    fn a_share_link_over_the_users_work_is_offered_first_and_the_work_comes_back() {
        let own = PI.replace("name: pi", "name: mine");
        let link = SharedScenario {
            text: PI.into(),
            playhead_ms: 5_000,
            speed: 2.0,
            present: false,
        };
        check(
            Session::new(own),
            vec![
                Compute,
                Do(SessionAction::ShareLink(Ok(link))),
                Do(SessionAction::OpenShared),
                Compute,
                Do(SessionAction::RestoreBeforeShare),
                Do(SessionAction::ShareLink(
                    Err("the link is cut short".into()),
                )),
                Do(SessionAction::DismissShareNotice),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                ShareLink(Ok(8 lines at 5000 ms, x2))
                    text 8 lines | run of 33s | at +0s playing x5 | notice Offer { lines: 8 }
                OpenShared
                    text 8 lines | computing run 2 (0s simulated) | at +0s paused x2 | then seek 5000 ms | notice Opened | kept 8 lines
                (page) computed
                    text 8 lines | run of 33s | at +5s paused x2 | notice Opened | kept 8 lines
                RestoreBeforeShare
                    text 8 lines (edited) | computing run 3 (0s simulated) | at +0s playing x2
                ShareLink(Err("the link is cut short"))
                    text 8 lines (edited) | computing run 3 (0s simulated) | at +0s playing x2 | notice Broken("the link is cut short")
                DismissShareNotice
                    text 8 lines (edited) | computing run 3 (0s simulated) | at +0s playing x2
            "#]],
        );
    }

    #[test]
    fn typing_is_validated_when_it_pauses_a_stale_validation_is_dropped_and_run_is_unchanged() {
        let always = PI.replace("Never", "Always");
        let s = check(
            Session::new(PI.into()),
            vec![
                Compute,
                Do(SessionAction::Edit(always.clone())),
                Do(SessionAction::Edit(always.replace("sleep 30", "sleep 3"))),
                Do(SessionAction::Validate(1)),
                Do(SessionAction::Validate(2)),
                Do(SessionAction::Validate(2)),
                Do(SessionAction::Edit(PI.into())),
                Do(SessionAction::Validate(3)),
                Do(SessionAction::Edit(always)),
                Do(SessionAction::Run),
                Do(SessionAction::Validate(4)),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                (page) computed
                    text 8 lines | run of 33s | at +0s playing x5
                Edit(8 lines)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | edit 1 not validated
                Edit(8 lines)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | edit 2 not validated
                Validate(1)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | edit 2 not validated
                Validate(2)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | line:7:22: error: The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                Validate(2)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | line:7:22: error: The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                Edit(8 lines)
                    text 8 lines | run of 33s | at +0s playing x5 | edit 3 not validated | line:7:22: error: The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                Validate(3)
                    text 8 lines | run of 33s | at +0s playing x5
                Edit(8 lines)
                    text 8 lines (edited) | run of 33s | at +0s playing x5 | edit 4 not validated
                Run
                    text 8 lines (edited) | at +0s playing x5 | line:7:22: error: The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                Validate(4)
                    text 8 lines (edited) | at +0s playing x5 | line:7:22: error: The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
            "#]],
        );
        assert_eq!(
            s.diagnostics[0].hint.as_deref(),
            Some("A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).")
        );
    }

    #[test]
    fn format_reset_and_presets_say_what_they_did_and_keep_the_text_before() {
        check(
            Session::new(PI.into()),
            vec![
                Do(SessionAction::Edit(PI.replace("kind: Job", "kind: Job   "))),
                Do(SessionAction::Format),
                Do(SessionAction::Format),
                Do(SessionAction::RestoreBeforeShare),
                Do(SessionAction::Edit(format!("{PI}# mine\n"))),
                Do(SessionAction::Reset),
                Do(SessionAction::Edit("kind: Nothing\n".into())),
                Do(SessionAction::Run),
                Do(SessionAction::LoadText(PRESETS[0].yaml.into())),
                Do(SessionAction::ToggleHelp),
                Do(SessionAction::Dismiss),
                Do(SessionAction::Dismiss),
            ],
            expect![[r#"
                start
                    text 8 lines | computing run 1 (0s simulated) | at +0s playing x5
                Edit(8 lines)
                    text 8 lines (edited) | computing run 1 (0s simulated) | at +0s playing x5 | edit 1 not validated
                Format
                    text 8 lines | computing run 2 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Formatted: two spaces per level, no tabs or trailing spaces. The text before is kept.", kept: true } | kept 8 lines
                Format
                    text 8 lines | computing run 2 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Already formatted: nothing to change.", kept: false } | kept 8 lines
                RestoreBeforeShare
                    text 8 lines (edited) | computing run 3 (0s simulated) | at +0s playing x5
                Edit(9 lines)
                    text 9 lines (edited) | computing run 3 (0s simulated) | at +0s playing x5 | edit 2 not validated
                Reset
                    text 8 lines | computing run 4 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Reset to the text as it was loaded. Your edited text is kept.", kept: true } | kept 9 lines
                Edit(1 lines)
                    text 1 lines (edited) | computing run 4 (0s simulated) | at +0s playing x5 | edit 3 not validated | notice Replaced { message: "Reset to the text as it was loaded. Your edited text is kept.", kept: true } | kept 9 lines
                Run
                    text 1 lines (edited) | at +0s playing x5 | line:1:7: warning: kind "Nothing" is not simulated; jobplay runs Job, CronJob, Service, ConfigMap and Secret documents; this one is ignored | notice Replaced { message: "Reset to the text as it was loaded. Your edited text is kept.", kept: true } | kept 9 lines
                LoadText(28 lines)
                    text 28 lines | computing run 5 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Loaded the preset. Your previous text is kept.", kept: true } | kept 1 lines
                ToggleHelp
                    text 28 lines | computing run 5 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Loaded the preset. Your previous text is kept.", kept: true } | kept 1 lines | help open
                Dismiss
                    text 28 lines | computing run 5 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Loaded the preset. Your previous text is kept.", kept: true } | kept 1 lines
                Dismiss
                    text 28 lines | computing run 5 (0s simulated) | at +0s playing x5 | notice Replaced { message: "Loaded the preset. Your previous text is kept.", kept: true } | kept 1 lines
            "#]],
        );
    }
}
