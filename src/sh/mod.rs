//! A POSIX `sh` with the bash extensions Job scripts use, sans-IO: it parses a script
//! (`parse`), expands words (`expand`, `arith`, `pattern`), runs commands and builtins
//! (`exec`, `builtins`, `test`), and asks a [`Host`] for everything else: other programs, the
//! files (`fs`), the clock and `sleep`, `$RANDOM`, the host name, and notes on what it could
//! not do. Its host today is `jobplay shell`'s kubectl line (`shell::line`), with the busybox
//! applets of `crate::applets`; containers still run `sim::script`'s reader, because the
//! interpreter does not yet fit the page's size budget (branch `shsize` has it in the kubelet).
//!
//! Every command costs a step from [`STEP_BUDGET`], so a looping script ends with a note
//! instead of hanging the page; what the shell does not read ends the script where a syntax
//! error would, with a note saying so.

pub mod arith;
pub mod ast;
pub mod builtins;
pub mod exec;
pub mod expand;
pub mod fs;
pub mod host;
pub mod parse;
pub mod pattern;
pub mod regex;
pub mod test;

pub use exec::{Shell, STEP_BUDGET};
pub use fs::Fs;
pub use host::{Host, Output};

/// What running a script left: its exit status and what it wrote to its log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ran {
    pub status: i32,
    /// Standard output and standard error, interleaved as written.
    pub log: String,
}

/// Runs `script` as `arg0 -c script arg0 args…` does, with `env` exported.
pub fn run(
    host: &mut dyn Host,
    arg0: &str,
    script: &str,
    args: &[String],
    env: &[(String, String)],
) -> Ran {
    let mut shell = Shell::new(host, arg0, env);
    if let Some((zero, rest)) = args.split_first() {
        shell.arg0 = zero.clone();
        shell.positional = rest.to_vec();
    }
    let status = shell.run_script(script);
    Ran {
        status,
        log: std::mem::take(&mut shell.log),
    }
}

#[cfg(test)]
mod tests;

/// Text joined from pieces: the one routine every message is built with (a `format!` or a
/// chain of `push_str` at each message costs the page more).
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}
