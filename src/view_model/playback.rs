//! Seeking through a finished run: the engine is cloned at checkpoints while the run is
//! computed once; the state at any time is the nearest earlier checkpoint advanced to it.
//! Scrubbing back and forth therefore shows exactly what playing to that time shows.

use crate::scenario::Loaded;
use crate::sim::{Engine, Horizon};
use crate::time::{SimDuration, SimTime};

/// Checkpoints a playback keeps at most; spacing grows with the run's length.
pub const MAX_CHECKPOINTS: i64 = 200;
/// Pod copies all checkpoints together may hold: a checkpoint is a whole engine, so big runs
/// get fewer of them (a 10,000-pod run keeps 20) and seeking replays a little more.
pub const CHECKPOINT_POD_BUDGET: i64 = 200_000;

/// A computed run that can be viewed at any instant.
#[derive(Clone)]
pub struct Playback {
    checkpoints: Vec<Engine>,
    pub start: SimTime,
    pub end: SimTime,
    /// The engine at `end`, for whole-run views (event list, timeline).
    pub last: Engine,
}

impl Playback {
    /// Runs the loaded scenario to its end, keeping checkpoints along the way.
    pub fn compute(loaded: &Loaded) -> Playback {
        let scenario = loaded.scenario.clone();
        let horizon = Horizon::of(&scenario);
        let start = scenario.start;
        let mut probe = Engine::new(scenario.clone());
        let end = crate::sim::run_to_end(&mut probe, horizon);
        let span = (end - start).as_millis().max(1);
        let pods = probe.pods().count() as i64 + probe.removed_pods().len() as i64;
        let count = (CHECKPOINT_POD_BUDGET / pods.max(1)).clamp(2, MAX_CHECKPOINTS);
        let every = SimDuration::from_millis((span / count).max(1000));
        let mut engine = Engine::new(scenario);
        let mut checkpoints = vec![engine.clone()];
        let mut next = start + every;
        while next < end {
            engine.handle_timeout(next);
            checkpoints.push(engine.clone());
            next = next + every;
        }
        Playback { checkpoints, start, end, last: probe }
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
        let playback = Playback::compute(&loaded);
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
}
