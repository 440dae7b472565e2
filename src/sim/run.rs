//! The one driver loop every surface shares (style rule 2): tests, the CLI and the UI all
//! advance an [`Engine`] through `poll_timeout` / `handle_timeout`.

use super::engine::Engine;
use crate::scenario::{Scenario, DEFAULT_HORIZON};
use crate::time::SimTime;

/// Where a run stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    /// The latest virtual time the run may reach.
    pub until: SimTime,
    /// True when the scenario asked for exactly this end (`until`), false for the default cap.
    pub explicit: bool,
}

impl Horizon {
    pub fn of(scenario: &Scenario) -> Horizon {
        match scenario.until {
            Some(u) => Horizon {
                until: scenario.start + u,
                explicit: true,
            },
            None => Horizon {
                until: scenario.start + DEFAULT_HORIZON,
                explicit: false,
            },
        }
    }
}

/// Advances `engine` until nothing more can happen or the horizon is reached. Returns the end
/// time of the run: the horizon when `until` was explicit, else the time of the last thing
/// that happened.
pub fn run_to_end(engine: &mut Engine, horizon: Horizon) -> SimTime {
    while let Some(t) = engine.poll_timeout() {
        if t > horizon.until {
            engine.handle_timeout(horizon.until);
            return horizon.until;
        }
        engine.handle_timeout(t);
    }
    if horizon.explicit && engine.cap_hit().is_none() {
        engine.handle_timeout(horizon.until);
        return horizon.until;
    }
    engine.last_activity()
}
