//! A container's program as the shell host runs it (docs/scenario.md, "The container's
//! shell"): `command` + `args` through the busybox applets (`sh -c SCRIPT`, `rev FILE`,
//! `perl -Mbignum=bpi …`), with the pod's files, a clock that starts when the container
//! starts and moves with its sleeps, `$RANDOM` from the pod's seeded generator, and the pod's
//! host name.

use crate::api::Str;
use crate::sh::{Fs, Host, Output};
use crate::time::{SimDuration, SimTime};

use super::rng::SimRng;

/// Lines of log one container may produce.
pub const MAX_LOG_LINES: usize = 1_000;

/// What running a container's program amounted to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScriptOutcome {
    /// Total `sleep` time.
    pub run: SimDuration,
    pub exit_code: i32,
    pub log: Vec<String>,
    /// Set when part of the program was not simulated or a cap was hit.
    pub note: Option<String>,
}

/// The world a container's program sees.
struct ContainerHost<'a> {
    start: SimTime,
    slept: SimDuration,
    fs: &'a mut Fs,
    rng: &'a mut SimRng,
    hostname: &'a str,
    note: Option<String>,
}

impl Host for ContainerHost<'_> {
    fn now(&self) -> SimTime {
        self.start.saturating_add(self.slept)
    }

    fn sleep(&mut self, d: SimDuration) {
        self.slept = SimDuration::from_millis(self.slept.as_millis().saturating_add(d.as_millis()));
    }

    fn fs(&mut self) -> &mut Fs {
        self.fs
    }

    fn random(&mut self) -> u32 {
        self.rng.below(32_768) as u32
    }

    fn hostname(&self) -> &str {
        self.hostname
    }

    /// The first note is the one kept: what was assumed first colours the rest.
    fn note(&mut self, note: String) {
        self.note.get_or_insert(note);
    }

    fn run(
        &mut self,
        argv: &[String],
        stdin: &str,
        env: &[(String, String)],
        cwd: &str,
    ) -> Option<Output> {
        crate::applets::run(self, argv, stdin, env, cwd)
    }
}

/// What the container's program does, started at `start`; `None` when it is a program
/// jobplay does not have (the caller then uses the default timing).
pub fn interpret(
    command: &[Str],
    args: &[Str],
    env: &[(String, String)],
    start: SimTime,
    hostname: &str,
    fs: &mut Fs,
    rng: &mut SimRng,
) -> Option<ScriptOutcome> {
    let argv: Vec<String> = command
        .iter()
        .chain(args)
        .map(|s| s.as_str().to_string())
        .collect();
    if argv.is_empty() {
        return None;
    }
    let mut host = ContainerHost {
        start,
        slept: SimDuration::ZERO,
        fs,
        rng,
        hostname,
        note: None,
    };
    let out = crate::applets::run(&mut host, &argv, "", env, "/")?;
    let mut text = out.stdout;
    text.push_str(&out.stderr);
    let mut log: Vec<String> = text
        .strip_suffix('\n')
        .unwrap_or(&text)
        .split('\n')
        .map(str::to_string)
        .collect();
    if text.is_empty() {
        log.clear();
    }
    if log.len() > MAX_LOG_LINES {
        log.truncate(MAX_LOG_LINES);
        host.note.get_or_insert_with(|| {
            "the container wrote more than 1000 lines; jobplay keeps the first 1000".into()
        });
    }
    Some(ScriptOutcome {
        run: host.slept,
        exit_code: out.status,
        log,
        note: host.note,
    })
}
