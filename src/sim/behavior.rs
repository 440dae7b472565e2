//! How a container run ends (docs/scenario.md, "Container behaviour"): a matching `behaviors`
//! entry, else the container's own shell script, else the default timing and exit 0.

use std::collections::BTreeMap;

use super::container_shell;
use super::environment::expand_command_and_args;
use super::rng::SimRng;
use crate::api::{Container, Str};
use crate::scenario::{Behavior, Scenario};
use crate::sh::Fs;
use crate::time::{SimDuration, SimTime};

/// Who a container belongs to, for matching behaviours and counting attempts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Owner {
    pub job: Str,
    pub cron_job: Option<String>,
    pub index: Option<i32>,
}

/// One attempt of one container, decided when it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerPlan {
    pub startup: SimDuration,
    pub run: SimDuration,
    pub exit_code: i32,
    pub log: Vec<String>,
    /// Why the plan is a guess, when it is one (script not understood, cap hit).
    pub note: Option<String>,
}

/// Where and when a container runs its program: the pod's host name (what the container
/// runtime adds as `HOSTNAME`), the instant the kubelet starts work on it and whether its
/// image is already there (so it starts at once), and the files it sees.
pub struct Place<'a> {
    pub hostname: &'a str,
    pub now: SimTime,
    pub pulled: bool,
    pub fs: &'a mut Fs,
}

/// Decides attempt `attempt` (0-based) of `container`.
/// `env` gives the environment the kubelet builds for it, asked for only when the container
/// runs a program of its own.
pub fn plan_container(
    scenario: &Scenario,
    owner: &Owner,
    container: &Container,
    attempt: usize,
    env: impl FnOnce() -> BTreeMap<String, String>,
    place: Place,
    rng: &mut SimRng,
) -> ContainerPlan {
    let timing = scenario.timing;
    let mut plan = ContainerPlan {
        startup: timing.startup,
        run: timing.run,
        exit_code: 0,
        log: Vec::new(),
        note: None,
    };
    if let Some(b) = scenario
        .behaviors
        .iter()
        .find(|b| matches(b, owner, &container.name))
    {
        if let Some(a) = b
            .attempts
            .get(attempt.min(b.attempts.len().saturating_sub(1)))
        {
            plan.startup = a.startup.unwrap_or(plan.startup);
            plan.run = a.run.unwrap_or(plan.run);
            plan.exit_code = a.exit.unwrap_or(0);
            if b.fail_probability.is_none() {
                return plan;
            }
        }
        if let Some(p) = b.fail_probability {
            plan.exit_code = i32::from(rng.chance(p));
            return plan;
        }
    }
    if container.command.is_empty() && container.args.is_empty() {
        return plan;
    }
    // The kubelet expands `$(VAR)` in the command and args before the runtime starts them.
    let mut env = env();
    let expanded = expand_command_and_args(container, &env);
    env.entry("HOSTNAME".into())
        .or_insert_with(|| place.hostname.to_string());
    let env: Vec<(String, String)> = env.into_iter().collect();
    let container = expanded.as_ref().unwrap_or(container);
    let start = if place.pulled {
        place.now
    } else {
        place.now.saturating_add(plan.startup)
    };
    match container_shell::interpret(
        &container.command,
        &container.args,
        &env,
        start,
        place.hostname,
        place.fs,
        rng,
    ) {
        Some(outcome) => {
            plan.exit_code = outcome.exit_code;
            plan.log = outcome.log;
            if outcome.note.is_some() {
                // Part of the program is not simulated: keep at least the default run time.
                plan.note = outcome.note;
                plan.run = plan.run.max(outcome.run);
            } else {
                plan.run = outcome.run;
            }
        }
        None => {
            plan.note = Some(format!(
                "\"{}\" is not simulated; the container runs for {} and exits 0",
                container
                    .command
                    .first()
                    .or(container.args.first())
                    .map_or("", crate::api::Str::as_str),
                timing.run.human()
            ));
        }
    }
    plan
}

fn matches(b: &Behavior, owner: &Owner, container: &str) -> bool {
    b.job.as_deref().is_none_or(|j| j == owner.job)
        && b.cron_job
            .as_deref()
            .is_none_or(|c| Some(c) == owner.cron_job.as_deref())
        && b.index.is_none_or(|i| Some(i) == owner.index)
        && b.container.as_deref().is_none_or(|c| c == container)
}
