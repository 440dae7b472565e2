//! The one driver loop every surface shares: tests, the CLI and the UI all advance an
//! [`Engine`] through [`step`] and [`drive_bounded`], never through `poll_timeout` /
//! `handle_timeout` of their own. A step does one unit of work and says what happened; a
//! bounded drive repeats it until the run ends or a budget is spent, so a slice of the UI's
//! computation and the CLI's whole run cannot take different paths through the engine.

use super::engine::Engine;
use crate::scenario::Scenario;
use crate::time::{SimDuration, SimTime};

/// Where a run stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    /// The latest virtual time the run may reach.
    pub until: SimTime,
    /// True when the scenario asked for exactly this end (`until`), false for the default cap.
    pub explicit: bool,
    /// Without `until`, the run plays at least to here even when nothing more is scheduled:
    /// the end of the last typed command (`Scenario::terminal_end`), else the start.
    pub at_least: SimTime,
}

impl Horizon {
    pub fn of(scenario: &Scenario) -> Horizon {
        match scenario.until {
            Some(u) => Horizon {
                until: scenario.start + u,
                explicit: true,
                at_least: scenario.start,
            },
            None => {
                // A `sleep` typed past the default length takes the run with it (up to the
                // longest run there is).
                let typed = scenario
                    .terminal_end
                    .unwrap_or(SimDuration::ZERO)
                    .min(crate::scenario::MAX_HORIZON);
                Horizon {
                    until: scenario.start + scenario.default_horizon().max(typed),
                    explicit: false,
                    at_least: scenario.start + typed,
                }
            }
        }
    }
}

/// What one [`step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Everything due at this instant was handled; the run goes on.
    Advanced(SimTime),
    /// The run has ended at this time: the horizon when the next wake lies beyond it or
    /// `until` was explicit, else the time of the last thing that happened. Stepping an
    /// ended run again changes nothing and says the same.
    Ended(SimTime),
}

/// One unit of work: handles everything due at the engine's next instant (one instant is
/// never split), or ends the run at its horizon.
pub fn step(engine: &mut Engine, horizon: Horizon) -> Step {
    match engine.poll_timeout() {
        Some(t) if t <= horizon.until => {
            engine.handle_timeout(t);
            Step::Advanced(t)
        }
        Some(_) => end_at(engine, horizon.until),
        // Nothing left to happen: an explicit `until` still plays to its end.
        None if horizon.explicit && engine.cap_hit().is_none() => end_at(engine, horizon.until),
        // A typed `sleep` still plays to its end.
        None if horizon.at_least > engine.last_activity() && engine.cap_hit().is_none() => {
            end_at(engine, horizon.at_least)
        }
        None => Step::Ended(engine.last_activity()),
    }
}

fn end_at(engine: &mut Engine, until: SimTime) -> Step {
    engine.handle_timeout(until);
    Step::Ended(until)
}

/// Steps `engine` until the run ends or `wakes` more wakes have been dispatched, whichever
/// comes first (the instant that spends the budget is finished). Calls `after_instant` after
/// every instant handled, the end included. Returns the end of the run once it has ended.
pub fn drive_bounded(
    engine: &mut Engine,
    horizon: Horizon,
    wakes: u64,
    mut after_instant: impl FnMut(&Engine),
) -> Option<SimTime> {
    let budget_end = engine.dispatched().saturating_add(wakes);
    while engine.dispatched() < budget_end {
        let done = step(engine, horizon);
        after_instant(engine);
        if let Step::Ended(end) = done {
            return Some(end);
        }
    }
    None
}

/// Advances `engine` until nothing more can happen or the horizon is reached. Returns the end
/// time of the run (see [`Step::Ended`]).
pub fn run_to_end(engine: &mut Engine, horizon: Horizon) -> SimTime {
    drive_bounded(engine, horizon, u64::MAX, |_| {})
        .expect("a run ends before it dispatches 2^64 wakes")
}
