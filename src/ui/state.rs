//! The playground's state and its reducer: no timers, no storage, no clock inside.

use std::rc::Rc;

use yew::Reducible;

use crate::scenario::edit::{action_item, add_action};
use crate::scenario::{self, diagnostic::Diagnostic};
use crate::time::{SimDuration, SimTime};
use crate::view_model::inspector::Selected;
use crate::view_model::playback::Playback;

/// Playback speeds offered, virtual seconds per wall second.
/// A callback that turns its argument into an action for the reducer.
pub fn send<T: 'static>(state: &yew::UseReducerHandle<State>, make: impl Fn(T) -> Action + 'static) -> yew::Callback<T> {
    let state = state.clone();
    yew::Callback::from(move |t: T| state.dispatch(make(t)))
}

pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0];

pub struct State {
    /// The editor text, exactly as typed.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The computed run, if the text had anything to run.
    pub playback: Option<Rc<Playback>>,
    /// The virtual time on screen.
    pub playhead: SimTime,
    pub playing: bool,
    pub speed: f64,
    /// The object shown in the inspector.
    pub selected: Option<Selected>,
    pub show_help: bool,
    /// The Embed dialog is open.
    pub show_embed: bool,
    /// Replaces the scenario's seed (an embedded widget's `seed` attribute).
    pub seed: Option<u64>,
}

pub enum Action {
    /// The editor text changed (not yet run).
    Edit(String),
    /// Load and run the current text from the start.
    Run,
    /// Replace the text with a preset and run it.
    LoadText(String),
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
    ToggleHelp,
    ToggleEmbed,
    /// Escape: close the help, else clear the selection.
    Dismiss,
    /// "Break things": write this action into the scenario at the playhead and re-run.
    Break { verb: &'static str, target: String, extra: &'static str },
}

impl State {
    pub fn new(text: String) -> State {
        State::with_seed(text, None)
    }

    pub fn with_seed(text: String, seed: Option<u64>) -> State {
        let mut s = State { text, diagnostics: Vec::new(), playback: None, playhead: SimTime::DEFAULT_START, playing: true, speed: 5.0, selected: None, show_help: false, show_embed: false, seed };
        s.run();
        s
    }

    fn run(&mut self) {
        let mut loaded = scenario::load(&self.text);
        if let Some(seed) = self.seed {
            loaded.scenario.seed = seed;
        }
        self.diagnostics = loaded.diagnostics.clone();
        if loaded.is_empty() {
            self.playback = None;
            return;
        }
        let playback = Playback::compute(&loaded);
        self.playhead = playback.start;
        self.playback = Some(Rc::new(playback));
        self.playing = true;
    }

    /// Offset of the playhead from the start.
    pub fn elapsed(&self) -> SimDuration {
        self.playback.as_ref().map_or(SimDuration::ZERO, |p| self.playhead - p.start)
    }
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
            diagnostics: self.diagnostics.clone(),
            playback: self.playback.clone(),
            playhead: self.playhead,
            playing: self.playing,
            speed: self.speed,
            selected: self.selected.clone(),
            show_help: self.show_help,
            show_embed: self.show_embed,
            seed: self.seed,
        };
        match action {
            Action::Edit(text) => s.text = text,
            Action::Run => s.run(),
            Action::LoadText(text) => {
                s.text = text;
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
            Action::Faster => s.speed = SPEEDS.iter().copied().find(|v| *v > s.speed).unwrap_or(s.speed),
            Action::Slower => s.speed = SPEEDS.iter().rev().copied().find(|v| *v < s.speed).unwrap_or(s.speed),
            Action::StepDecision(forward) => {
                if let Some(p) = &s.playback {
                    s.playing = false;
                    s.playhead = step_target(p, s.playhead, forward);
                }
            }
            Action::Select(selected) => s.selected = selected,
            Action::ToggleHelp => s.show_help = !s.show_help,
            Action::ToggleEmbed => s.show_embed = !s.show_embed,
            Action::Break { verb, target, extra } => {
                let at = s.elapsed().as_millis();
                match add_action(&s.text, &action_item(at, verb, &target, extra)) {
                    Ok(text) => {
                        let keep = s.playhead;
                        s.text = text;
                        s.run();
                        // Up to `keep` the new run is the old one (same input, same seed).
                        if let Some(p) = &s.playback {
                            s.playhead = keep.clamp(p.start, p.end);
                        }
                    }
                    Err(why) => s.diagnostics.push(Diagnostic::warning(0, Default::default(), "", format!("The action was not added: {why}"))),
                }
            }
            Action::Dismiss => {
                if s.show_embed {
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
