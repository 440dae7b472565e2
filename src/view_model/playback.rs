//! Seeking through a finished run: the engine is cloned at checkpoints while the run is
//! computed once; the state at any time is the nearest earlier checkpoint advanced to it.
//! Scrubbing back and forth therefore shows exactly what playing to that time shows.
//!
//! A run is computed by a [`PlaybackBuilder`] in slices of a bounded number of engine wakes,
//! so the page can simulate a long run between frames, show its progress and stop it.

use crate::scenario::Scenario;
use crate::sim::{self, Engine, Horizon};
use crate::time::{SimDuration, SimTime};

/// How many checkpoints a computation keeps and how far apart. Spacing is counted in engine
/// wakes, so a seek replays at most `every` wakes after copying a checkpoint, however busy
/// the run; when the checkpoints outgrow either budget, the spacing doubles and the
/// checkpoints the wider spacing does not need are dropped (see `evenly_spaced`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckpointPolicy {
    /// The first spacing, in wakes.
    pub every: u64,
    pub max_checkpoints: usize,
    /// What all checkpoints together may hold, in estimated bytes. A checkpoint shares the
    /// record and unchanged pods with the engine it was copied from, so it costs a pointer or
    /// two per pod in the API plus, once the run goes on, a copy of each pod that changes
    /// after it: the pods that were active when it was taken.
    pub max_bytes: usize,
}

impl Default for CheckpointPolicy {
    fn default() -> Self {
        CheckpointPolicy {
            every: 2_000,
            max_checkpoints: 400,
            max_bytes: 192 << 20,
        }
    }
}

/// Estimated bytes a checkpoint holds per pod in the API (its share of the name index), and
/// per active pod (the copy made when the run changes it). Measured with `cargo run --release
/// --example bench`: the 100,000-completion run (1,000 active pods) keeps 33 checkpoints that
/// hold about 220 MB together (the estimate says 192), and a seek takes 21-28 ms (median).
const BYTES_PER_POD: usize = 64;
const BYTES_PER_ACTIVE_POD: usize = 3072;

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

/// Computes a run in slices. One pass: checkpoints are taken every `every` engine wakes (not
/// virtual time) and thinned (every other one dropped, spacing doubled) when there are too many of them or
/// they would hold too many pods together.
#[derive(Clone)]
pub struct PlaybackBuilder {
    engine: Engine,
    horizon: Horizon,
    start: SimTime,
    checkpoints: Checkpoints,
    end: Option<SimTime>,
}

impl PlaybackBuilder {
    pub fn new(scenario: Scenario) -> PlaybackBuilder {
        PlaybackBuilder::with_policy(scenario, CheckpointPolicy::default())
    }

    pub fn with_policy(scenario: Scenario, policy: CheckpointPolicy) -> PlaybackBuilder {
        let horizon = Horizon::of(&scenario);
        let start = scenario.start;
        let engine = Engine::new(scenario);
        PlaybackBuilder {
            checkpoints: Checkpoints {
                engines: vec![engine.clone()],
                costs: vec![checkpoint_cost(&engine)],
                policy,
                every: policy.every,
                next: policy.every,
            },
            engine,
            horizon,
            start,
            end: None,
        }
    }

    /// Simulates until `wakes` more engine wakes have been dispatched or the run has ended
    /// (whichever comes first; one instant is never split), through the driver every surface
    /// shares ([`sim::drive_bounded`]). True once the run has ended.
    pub fn advance(&mut self, wakes: u64) -> bool {
        if self.end.is_none() {
            let checkpoints = &mut self.checkpoints;
            self.end = sim::drive_bounded(&mut self.engine, self.horizon, wakes, |engine| {
                checkpoints.after_instant(engine)
            });
        }
        self.end.is_some()
    }

    /// Runs to the end in one go (tests, and runs small enough not to need slicing).
    pub fn run(mut self) -> Playback {
        self.advance(u64::MAX);
        self.finish()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            simulated: self.engine.now() - self.start,
            pods: self.engine.pods_created(),
            events: self.engine.events().len(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.end.is_some()
    }

    /// The playback: the whole run if it has ended, else the part simulated so far (the user
    /// stopped it), marked `stopped_early`.
    pub fn finish(self) -> Playback {
        let stopped_early = self.end.is_none();
        let end = self.end.unwrap_or(self.engine.now());
        Playback {
            checkpoints: self.checkpoints.engines,
            start: self.start,
            end,
            last: self.engine,
            stopped_early,
        }
    }
}

/// The checkpoints a builder takes, apart from its engine so that the driver can hand them
/// the engine after every instant.
#[derive(Clone)]
struct Checkpoints {
    engines: Vec<Engine>,
    /// Estimated bytes each checkpoint holds (see [`CheckpointPolicy::max_bytes`]).
    costs: Vec<usize>,
    policy: CheckpointPolicy,
    /// Wakes between checkpoints now.
    every: u64,
    /// The wake count at which the next checkpoint is due.
    next: u64,
}

impl Checkpoints {
    /// Takes a checkpoint if enough wakes have passed since the last one: the engine after an
    /// instant `t` is the state for any time from `t` on.
    fn after_instant(&mut self, engine: &Engine) {
        if engine.dispatched() >= self.next {
            self.engines.push(engine.clone());
            self.costs.push(checkpoint_cost(engine));
            self.next = engine.dispatched() + self.every;
            self.thin();
        }
    }

    /// Doubles the spacing and drops the checkpoints it no longer needs until they fit their
    /// count and byte budgets.
    fn thin(&mut self) {
        while self.engines.len() > self.policy.max_checkpoints
            || (self.engines.len() > 2 && self.costs.iter().sum::<usize>() > self.policy.max_bytes)
        {
            self.every = self.every.saturating_mul(2);
            let keep = evenly_spaced(
                &self
                    .engines
                    .iter()
                    .map(Engine::dispatched)
                    .collect::<Vec<_>>(),
                self.every,
            );
            keep_marked(&mut self.engines, &keep);
            keep_marked(&mut self.costs, &keep);
            self.next = self.engines.last().map_or(0, |e| e.dispatched()) + self.every;
        }
    }
}

/// Which checkpoints (taken after `at` wakes) to keep so that none is more than `every` wakes
/// from the one before, unless they already were: the first and the last, and in between only
/// those the next one would be too far without.
fn evenly_spaced(at: &[u64], every: u64) -> Vec<bool> {
    let mut keep = vec![true; at.len()];
    let mut last_kept = at.first().copied().unwrap_or(0);
    for i in 1..at.len().saturating_sub(1) {
        keep[i] = at[i + 1] - last_kept > every;
        if keep[i] {
            last_kept = at[i];
        }
    }
    keep
}

/// Keeps the items whose flag in `keep` (one per item, in order) is set.
fn keep_marked<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
}

/// The estimated bytes a checkpoint of `engine` holds; see [`CheckpointPolicy::max_bytes`].
fn checkpoint_cost(engine: &Engine) -> usize {
    engine.pod_count() * BYTES_PER_POD + engine.active_pod_count() * BYTES_PER_ACTIVE_POD
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
        let i = self
            .checkpoints
            .partition_point(|e| e.now() <= t)
            .saturating_sub(1);
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
            assert_eq!(
                cluster_view(&playback.at(t)),
                cluster_view(&played),
                "at +{secs}s"
            );
        }
        // A cursor moved forwards and then backwards shows what playing to that time shows.
        let mut cursor = playback.start_engine();
        for secs in [40, 5, 61, 17] {
            let t = playback.start + SimDuration::from_secs(secs);
            playback.seek(&mut cursor, t);
            let mut played = Engine::new(loaded.scenario.clone());
            played.handle_timeout(t);
            assert_eq!(
                cluster_view(&cursor),
                cluster_view(&played),
                "cursor at +{secs}s"
            );
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
        assert_eq!(
            crate::view_model::timeline::render(&sliced.last, true),
            crate::view_model::timeline::render(&whole.last, true)
        );
        let middle = whole.start + SimDuration::from_secs(37);
        assert_eq!(
            cluster_view(&sliced.at(middle)),
            cluster_view(&whole.at(middle))
        );
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
        assert!(
            partial.last.jobs().all(|j| !j.is_finished()),
            "stopped before the Job finished"
        );
        let mut played = Engine::new(loaded.scenario.clone());
        played.handle_timeout(partial.end);
        assert_eq!(
            cluster_view(&partial.at(partial.end)),
            cluster_view(&played)
        );
    }

    #[test]
    fn checkpoints_thin_out_to_stay_within_their_budgets() {
        let loaded = long_job(1200, 200);
        let policy = CheckpointPolicy {
            every: 50,
            max_checkpoints: 12,
            max_bytes: 6 * 200 * BYTES_PER_ACTIVE_POD,
        };
        let mut builder = PlaybackBuilder::with_policy(loaded.scenario.clone(), policy);
        builder.advance(u64::MAX);
        let wakes = builder.engine.dispatched();
        assert!(
            wakes > 50 * 12 * 4,
            "{wakes} wakes: enough to thin at least twice"
        );
        assert!(
            builder.checkpoints.engines.len() <= 12
                && builder.checkpoints.costs.iter().sum::<usize>() <= policy.max_bytes,
            "{} checkpoints, {} bytes",
            builder.checkpoints.engines.len(),
            builder.checkpoints.costs.iter().sum::<usize>()
        );
        let every = builder.checkpoints.every;
        assert!(every >= 200, "spacing doubled to {every}");
        // Checkpoints stay about evenly spaced from the start (a checkpoint waits for the end
        // of an instant, so a gap can overshoot the spacing by an instant's wakes).
        let at: Vec<u64> = builder
            .checkpoints
            .engines
            .iter()
            .map(Engine::dispatched)
            .collect();
        assert_eq!(at[0], 0);
        assert!(
            at.windows(2)
                .all(|w| w[1] > w[0] && w[1] - w[0] <= every + 500),
            "{at:?} with spacing {every}"
        );
        let playback = builder.finish();
        for fraction in [3, 2] {
            let t = playback.start
                + SimDuration::from_millis((playback.end - playback.start).as_millis() / fraction);
            let mut played = Engine::new(loaded.scenario.clone());
            played.handle_timeout(t);
            assert_eq!(cluster_view(&playback.at(t)), cluster_view(&played));
        }
    }

    #[test]
    fn thinning_keeps_the_checkpoints_a_spacing_needs() {
        assert_eq!(
            evenly_spaced(&[0, 10, 20, 30, 40, 50], 20),
            [true, false, true, false, true, true]
        );
        // An instant that overshot: 0 -> 25 is already wider than the spacing, so 25 stays.
        assert_eq!(
            evenly_spaced(&[0, 25, 30, 40, 60], 20),
            [true, true, false, true, true]
        );
        assert_eq!(evenly_spaced(&[0, 10], 20), [true, true]);
        assert_eq!(
            evenly_spaced(&[0, 10, 20, 30], 1000),
            [true, false, false, true]
        );
    }

    #[test]
    fn a_checkpoint_is_not_changed_by_the_run_going_on() {
        // Checkpoints share pods and the record with the running engine; a pod the run changes
        // afterwards must be copied, not changed under the checkpoint.
        let loaded = long_job(40, 4);
        let playback = PlaybackBuilder::with_policy(
            loaded.scenario.clone(),
            CheckpointPolicy {
                every: 10,
                ..CheckpointPolicy::default()
            },
        )
        .run();
        assert!(playback.checkpoint_count() > 5);
        for checkpoint in &playback.checkpoints {
            let mut played = Engine::new(loaded.scenario.clone());
            if checkpoint.dispatched() > 0 {
                played.handle_timeout(checkpoint.now());
            }
            assert_eq!(played.dispatched(), checkpoint.dispatched());
            assert_eq!(
                cluster_view(checkpoint),
                cluster_view(&played),
                "checkpoint at {}",
                checkpoint.now().rfc3339()
            );
            assert_eq!(checkpoint.events().len(), played.events().len());
            assert_eq!(checkpoint.events().last(), played.events().last());
        }
    }
}

/// The playground and the CLI drive a run through the same `sim::drive_bounded`; these tests
/// check that it shows: a preset played in the UI's slices ends where the CLI's record ends.
#[cfg(test)]
mod parity_with_the_cli {
    use super::*;
    use crate::view_model::record::{run_text, Overrides, Run};

    /// What the reducer computes before it hands a run to the sliced computation, and the
    /// wakes the computation advances between two looks at the clock
    /// (`ui::state::WAKES_BEFORE_SLICING`, `ui/use_computation.rs`'s `WAKES_PER_CHECK`; the UI
    /// is not built natively, so they are repeated here).
    const FIRST_SLICE: u64 = 3_000;
    const SLICE: u64 = 200;

    fn presets() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
        let mut presets: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("static/examples exists")
            .map(|entry| entry.expect("a readable directory entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
            .map(|path| {
                let text = std::fs::read_to_string(&path).expect("a readable preset");
                (
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    text,
                )
            })
            .collect();
        presets.sort();
        presets
    }

    fn played_in_slices(text: &str) -> (Playback, usize) {
        let mut builder = PlaybackBuilder::new(crate::scenario::load(text).scenario);
        let mut slices = 1;
        if !builder.advance(FIRST_SLICE) {
            while !builder.advance(SLICE) {
                slices += 1;
            }
        }
        (builder.finish(), slices)
    }

    #[test]
    fn every_preset_played_in_slices_ends_where_the_cli_record_ends() {
        let presets = presets();
        assert!(presets.len() >= 20, "{} presets", presets.len());
        for (name, text) in &presets {
            let cli = run_text(text, Overrides::default());
            let (played, _) = played_in_slices(text);
            assert!(!played.stopped_early, "{name}");
            assert_eq!(played.end, cli.end, "{name}: end of the run");
            assert_eq!(
                played.last.events().len(),
                cli.engine.events().len(),
                "{name}: events"
            );
            assert_eq!(
                played.last.decisions().len(),
                cli.engine.decisions().len(),
                "{name}: decisions"
            );
            assert_eq!(
                played.last.dispatched(),
                cli.engine.dispatched(),
                "{name}: wakes"
            );
            // The whole final state, as the CLI prints it: every object, every event.
            let as_played = Run {
                engine: played.last.clone(),
                loaded: crate::scenario::load(text),
                end: played.end,
                transcript: Vec::new(),
            };
            assert_eq!(as_played.record_json(), cli.record_json(), "{name}: record");
        }
    }

    #[test]
    fn a_run_longer_than_the_first_slice_is_computed_in_many_slices_and_still_matches() {
        // The presets mostly end inside the first slice; this run does not, so the sliced
        // path (many bounded drives, each stopping mid-run) is what the comparison checks.
        let text = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: p}\nspec:\n  completions: 1000\n  parallelism: 50\n  backoffLimit: 1000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 7; exit $((RANDOM % 2))']}]\n";
        let cli = run_text(text, Overrides::default());
        let (played, slices) = played_in_slices(text);
        assert!(slices > 10, "{slices} slices");
        assert_eq!(played.end, cli.end);
        assert_eq!(played.last.dispatched(), cli.engine.dispatched());
        let as_played = Run {
            engine: played.last.clone(),
            loaded: crate::scenario::load(text),
            end: played.end,
            transcript: Vec::new(),
        };
        assert_eq!(as_played.record_json(), cli.record_json());
    }
}
