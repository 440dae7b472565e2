//! Seeking through a finished run: the engine is cloned at checkpoints while the run is
//! computed once; the state at any time is the nearest earlier checkpoint advanced to it.
//! Scrubbing back and forth therefore shows exactly what playing to that time shows.
//!
//! A run is computed by a [`PlaybackBuilder`] in slices of a bounded number of engine wakes,
//! so the page can simulate a long run between frames, show its progress and stop it.

use crate::scenario::Scenario;
use crate::sim::{Engine, Horizon};
use crate::time::{SimDuration, SimTime};

/// Checkpoints a playback keeps at most; spacing doubles whenever there would be more.
pub const MAX_CHECKPOINTS: usize = 200;
/// Pod copies all checkpoints together may hold: a checkpoint is a whole engine, so big runs
/// get fewer of them (a 10,000-pod run keeps about 20) and seeking replays a little more.
pub const CHECKPOINT_POD_BUDGET: usize = 200_000;
/// The first checkpoint spacing; short runs keep one checkpoint per virtual second.
const FIRST_SPACING: SimDuration = SimDuration::from_millis(1000);

/// A computed run that can be viewed at any instant.
#[derive(Clone)]
pub struct Playback {
    checkpoints: Vec<Engine>,
    pub start: SimTime,
    pub end: SimTime,
    /// The engine at `end`, for whole-run views (event list, timeline).
    pub last: Engine,
    /// The user stopped the computation here; the run is shown up to this time only.
    pub stopped_early: bool,
}

/// How far a computation has got, for a progress indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Virtual time simulated so far.
    pub simulated: SimDuration,
    /// Pods created so far.
    pub pods: usize,
    /// Events recorded so far.
    pub events: usize,
}

/// Computes a run in slices. One pass: checkpoints are taken every `every` of virtual time
/// and thinned (every other one dropped, spacing doubled) when there are too many of them or
/// they would hold too many pods together.
#[derive(Clone)]
pub struct PlaybackBuilder {
    engine: Engine,
    horizon: Horizon,
    start: SimTime,
    checkpoints: Vec<Engine>,
    every: SimDuration,
    next_checkpoint: SimTime,
    end: Option<SimTime>,
}

impl PlaybackBuilder {
    pub fn new(scenario: Scenario) -> PlaybackBuilder {
        let horizon = Horizon::of(&scenario);
        let start = scenario.start;
        let engine = Engine::new(scenario);
        PlaybackBuilder { checkpoints: vec![engine.clone()], engine, horizon, start, every: FIRST_SPACING, next_checkpoint: start + FIRST_SPACING, end: None }
    }

    /// Simulates until `wakes` more engine wakes have been dispatched or the run has ended
    /// (whichever comes first; one instant is never split). True once the run has ended.
    pub fn advance(&mut self, wakes: u64) -> bool {
        let budget_end = self.engine.dispatched().saturating_add(wakes);
        while self.end.is_none() && self.engine.dispatched() < budget_end {
            match self.engine.poll_timeout() {
                Some(t) if t <= self.horizon.until => self.advance_to(t),
                Some(_) => self.end_at(self.horizon.until),
                // Nothing left to happen: an explicit `until` still plays to its end.
                None if self.horizon.explicit && self.engine.cap_hit().is_none() => self.end_at(self.horizon.until),
                None => self.end = Some(self.engine.last_activity()),
            }
        }
        self.end.is_some()
    }

    /// Runs to the end in one go (tests, and runs small enough not to need slicing).
    pub fn run(mut self) -> Playback {
        self.advance(u64::MAX);
        self.finish()
    }

    pub fn progress(&self) -> Progress {
        Progress { simulated: self.engine.now() - self.start, pods: self.engine.pods_created(), events: self.engine.events().len() }
    }

    pub fn is_done(&self) -> bool {
        self.end.is_some()
    }

    /// The playback: the whole run if it has ended, else the part simulated so far (the user
    /// stopped it), marked `stopped_early`.
    pub fn finish(self) -> Playback {
        let stopped_early = self.end.is_none();
        let end = self.end.unwrap_or(self.engine.now());
        Playback { checkpoints: self.checkpoints, start: self.start, end, last: self.engine, stopped_early }
    }

    fn end_at(&mut self, until: SimTime) {
        self.advance_to(until);
        self.end = Some(until);
    }

    /// Handles everything due at `t`, taking the checkpoints that fall before it first.
    fn advance_to(&mut self, t: SimTime) {
        while self.next_checkpoint <= t {
            self.engine.handle_timeout(self.next_checkpoint);
            self.checkpoints.push(self.engine.clone());
            self.next_checkpoint = self.next_checkpoint + self.every;
            self.thin_checkpoints();
        }
        self.engine.handle_timeout(t);
    }

    fn thin_checkpoints(&mut self) {
        let pods = self.engine.pods_created().max(1);
        while self.checkpoints.len() > MAX_CHECKPOINTS || self.checkpoints.len() * pods > CHECKPOINT_POD_BUDGET.max(2 * pods) {
            let mut i = 0;
            self.checkpoints.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.every = SimDuration::from_millis(self.every.as_millis() * 2);
            let last = self.checkpoints.last().map_or(self.start, |e| e.now());
            self.next_checkpoint = last + self.every;
        }
    }
}

impl Playback {
    /// Runs the scenario to its end, keeping checkpoints along the way.
    pub fn compute(scenario: Scenario) -> Playback {
        PlaybackBuilder::new(scenario).run()
    }

    /// Moves `cursor` to `t`: forward by simulating only what lies between (cheap while
    /// playing), backward from the nearest checkpoint.
    pub fn seek(&self, cursor: &mut Engine, t: SimTime) {
        let t = t.clamp(self.start, self.end);
        if t >= cursor.now() {
            cursor.handle_timeout(t);
        } else {
            *cursor = self.at(t);
        }
    }

    /// A fresh engine at the start of the run.
    pub fn start_engine(&self) -> Engine {
        self.checkpoints[0].clone()
    }

    /// Why the run ends where it does, when that is not the scenario's own end: the user
    /// stopped the computation, or the run hit one of the engine's caps.
    pub fn notices(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.stopped_early {
            lines.push(format!("You stopped the simulation at +{}: the run is shown up to there. Run again to simulate it all.", (self.end - self.start).human()));
        }
        if let Some(cap) = self.last.cap_hit() {
            lines.push(format!("The run stops early: {}", cap.message));
        }
        lines
    }

    /// How many checkpoints the run keeps (for tests and benchmarks).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    /// The cluster as it is at `t` (clamped to the run).
    pub fn at(&self, t: SimTime) -> Engine {
        let t = t.clamp(self.start, self.end);
        let i = self.checkpoints.partition_point(|e| e.now() <= t).saturating_sub(1);
        let mut engine = self.checkpoints[i].clone();
        engine.handle_timeout(t);
        engine
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_model::cluster::cluster_view;

    #[test]
    fn seeking_shows_the_same_state_as_playing_to_that_time() {
        let yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: p}\nspec:\n  completions: 6\n  parallelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 7; exit $((RANDOM % 2))']}]\n";
        let loaded = crate::scenario::load(yaml);
        let playback = Playback::compute(loaded.scenario.clone());
        for secs in [0, 3, 17, 30, 61] {
            let t = playback.start + SimDuration::from_secs(secs);
            let mut played = Engine::new(loaded.scenario.clone());
            played.handle_timeout(t);
            assert_eq!(cluster_view(&playback.at(t)), cluster_view(&played), "at +{secs}s");
        }
        // A cursor moved forwards and then backwards shows what playing to that time shows.
        let mut cursor = playback.start_engine();
        for secs in [40, 5, 61, 17] {
            let t = playback.start + SimDuration::from_secs(secs);
            playback.seek(&mut cursor, t);
            let mut played = Engine::new(loaded.scenario.clone());
            played.handle_timeout(t);
            assert_eq!(cluster_view(&cursor), cluster_view(&played), "cursor at +{secs}s");
        }
    }

    fn long_job(completions: u32, parallelism: u32) -> crate::scenario::Loaded {
        crate::scenario::load(&format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: p}}\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  backoffLimit: 1000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox, command: [sh, -c, 'sleep 7; exit $((RANDOM % 2))']}}]\n"))
    }

    #[test]
    fn a_run_computed_in_slices_is_the_run_computed_at_once() {
        let loaded = long_job(40, 4);
        let whole = Playback::compute(loaded.scenario.clone());
        let mut builder = PlaybackBuilder::new(loaded.scenario.clone());
        let mut slices = 0;
        while !builder.advance(7) {
            slices += 1;
            assert!(builder.progress().simulated <= whole.end - whole.start);
        }
        assert!(slices > 10, "{slices} slices");
        let sliced = builder.finish();
        assert!(!sliced.stopped_early);
        assert_eq!((sliced.start, sliced.end), (whole.start, whole.end));
        assert_eq!(crate::view_model::timeline::render(&sliced.last, true), crate::view_model::timeline::render(&whole.last, true));
        let middle = whole.start + SimDuration::from_secs(37);
        assert_eq!(cluster_view(&sliced.at(middle)), cluster_view(&whole.at(middle)));
    }

    #[test]
    fn a_stopped_computation_shows_the_run_up_to_where_it_got() {
        let loaded = long_job(40, 4);
        let mut builder = PlaybackBuilder::new(loaded.scenario.clone());
        builder.advance(100);
        let reached = builder.progress().simulated;
        let partial = builder.finish();
        assert!(partial.stopped_early);
        assert_eq!(partial.notices(), [format!("You stopped the simulation at +{}: the run is shown up to there. Run again to simulate it all.", reached.human())]);
        assert_eq!(partial.end - partial.start, reached);
        assert!(partial.last.jobs().all(|j| !j.is_finished()), "stopped before the Job finished");
        let mut played = Engine::new(loaded.scenario.clone());
        played.handle_timeout(partial.end);
        assert_eq!(cluster_view(&partial.at(partial.end)), cluster_view(&played));
    }

    #[test]
    fn checkpoints_thin_out_to_stay_within_their_budgets() {
        let loaded = long_job(1200, 200);
        let playback = Playback::compute(loaded.scenario.clone());
        let pods = playback.last.pods_created();
        assert!(pods > 1200, "{pods} pods");
        let n = playback.checkpoint_count();
        assert!((2..=MAX_CHECKPOINTS).contains(&n) && n * pods <= CHECKPOINT_POD_BUDGET, "{n} checkpoints of up to {pods} pods");
        // Thinning kept them evenly spaced from the start.
        let t = playback.start + SimDuration::from_millis((playback.end - playback.start).as_millis() / 3);
        let mut played = Engine::new(loaded.scenario.clone());
        played.handle_timeout(t);
        assert_eq!(cluster_view(&playback.at(t)), cluster_view(&played));
    }
}
