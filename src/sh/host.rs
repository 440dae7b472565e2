//! What the interpreter asks of the world it runs in. A container's host (the kubelet's
//! `sim::container_shell`) answers with the pod's files, the virtual clock and the busybox
//! applets; the kubectl line (`shell::line`) answers with `kubectl`, its virtual clock and the
//! busybox applets.

use super::fs::Fs;
use crate::time::{SimDuration, SimTime};

/// What a command wrote and how it ended.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    /// Standard error written before standard output (kubectl's `Defaulted container …`).
    pub notice: String,
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// The interpreter's world: everything it does not do itself.
pub trait Host {
    /// The current instant (`date`): the host owns the clock.
    fn now(&self) -> SimTime;
    /// `sleep`: the host advances its clock.
    fn sleep(&mut self, d: SimDuration);
    /// The files the script sees.
    fn fs(&mut self) -> &mut Fs;
    /// `$RANDOM`: 0 to 32767 from the host's seeded generator.
    fn random(&mut self) -> u32;
    /// `hostname`.
    fn hostname(&self) -> &str;
    /// Something jobplay could not do as a real system would, and what it assumed instead.
    fn note(&mut self, note: String);
    /// Runs a program that is neither a shell builtin nor a function: its words, its
    /// standard input, the exported variables and the working directory. `None` when the host
    /// has no such program.
    fn run(
        &mut self,
        argv: &[String],
        stdin: &str,
        env: &[(String, String)],
        cwd: &str,
    ) -> Option<Output>;
}
