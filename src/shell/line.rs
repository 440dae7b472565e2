//! A typed line as a shell reads it: variables, `$(…)`, pipes, redirections, here-documents,
//! `&&`/`||`, loops — the `sh` interpreter (`crate::sh`) with this session as its host. Its
//! own programs are `kubectl` (this cluster) and `sleep` (virtual time); the rest are the
//! busybox applets (`grep`, `head`, `cat`, `echo`…). Variables, functions, the working
//! directory and files written by redirections (`cat <<EOF > patch.yaml`) last from one line
//! to the next, as in one terminal; `kubectl -f` and `--patch-file` read those files first,
//! then the session's [`Files`].

use super::{kubectl, Files, Output, Shell, MAX_ADVANCE};
use crate::sh::{self, exec::Saved, fs, Fs, Host};
use crate::sim::rng::SimRng;
use crate::time::{SimDuration, SimTime};

/// What a session's shell keeps between lines.
#[derive(Clone, Default)]
pub struct LineState {
    saved: Option<Saved>,
    fs: Fs,
    rng: Option<SimRng>,
    /// The working directory the last line left (empty before the first: `HOME`).
    cwd: String,
}

impl LineState {
    /// The files lines wrote, then `base`: what `kubectl -f` reads, on either path.
    pub fn files<'a>(&'a self, base: &'a dyn Files) -> ShellFiles<'a> {
        ShellFiles {
            fs: &self.fs,
            cwd: if self.cwd.is_empty() { HOME } else { &self.cwd },
            base,
        }
    }
}

/// The session's home and first working directory.
const HOME: &str = "/root";

impl std::fmt::Debug for LineState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineState")
    }
}

/// The environment a line starts with, as a login shell's.
const ENV: &[(&str, &str)] = &[
    ("HOME", "/root"),
    ("PATH", "/usr/local/bin:/usr/bin:/bin"),
    ("PWD", "/root"),
];

impl Shell {
    /// Runs `text` (one line, or several joined by here-documents and continuations) in the
    /// session's shell, at the current time; returns its standard output and error apart, with
    /// the notes of what could not be done as a real system would on standard error.
    pub fn run_line(&mut self, text: &str, files: &dyn Files) -> Output {
        let mut state = std::mem::take(&mut self.line);
        let seed = self.scenario.seed;
        state
            .rng
            .get_or_insert_with(|| SimRng::new(seed ^ 0x6b75_6265));
        if state.saved.is_none() {
            state.fs.mkdir("/root", true).ok();
        }
        let mut host = LineHost {
            shell: self,
            files,
            state: &mut state,
            notes: Vec::new(),
        };
        let env: Vec<(String, String)> = ENV
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let saved = host.state.saved.take();
        let cwd;
        let (status, out, notice, mut err, saved) = {
            let mut shell = sh::Shell::new(&mut host, "sh", &env);
            shell.cwd = HOME.into();
            if let Some(s) = saved {
                shell.restore(s);
            }
            shell.fds[2] = sh::exec::Sink::Err;
            let status = shell.run_script(text);
            cwd = shell.cwd.clone();
            let saved = shell.save();
            let mut err = std::mem::take(&mut shell.err);
            let notice: String = err.drain(..shell.err_before_log.unwrap_or(0)).collect();
            (status, std::mem::take(&mut shell.log), notice, err, saved)
        };
        for note in &host.notes {
            err.push_str("jobplay: ");
            err.push_str(note);
            err.push('\n');
        }
        state.saved = Some(saved);
        state.cwd = cwd;
        self.line = state;
        Output {
            notice,
            out,
            err,
            status,
            ..Output::default()
        }
    }
}

/// The session as the shell's host.
struct LineHost<'a> {
    shell: &'a mut Shell,
    files: &'a dyn Files,
    state: &'a mut LineState,
    notes: Vec<String>,
}

impl Host for LineHost<'_> {
    fn now(&self) -> SimTime {
        self.shell.now()
    }

    fn sleep(&mut self, d: SimDuration) {
        if d > MAX_ADVANCE {
            self.notes.push(format!(
                "sleep: jobplay advances at most 400 days at a time, not {}",
                d.human()
            ));
            return;
        }
        let t = self.shell.now() + d;
        self.shell.advance_to(t);
    }

    fn fs(&mut self) -> &mut Fs {
        &mut self.state.fs
    }

    fn random(&mut self) -> u32 {
        let rng = self.state.rng.get_or_insert_with(|| SimRng::new(1));
        rng.below(32768) as u32
    }

    fn hostname(&self) -> &str {
        "jobplay"
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn run(
        &mut self,
        argv: &[String],
        stdin: &str,
        env: &[(String, String)],
        cwd: &str,
    ) -> Option<sh::Output> {
        let name = argv.first().map_or("", String::as_str);
        if name != "kubectl" {
            // A program this terminal does not have is not found, as in a shell (a container's
            // shell instead notes it and goes on, since the image may well have it).
            return crate::applets::run(self, argv, stdin, env, cwd).or_else(|| {
                Some(sh::Output {
                    notice: String::new(),
                    stdout: String::new(),
                    stderr: format!("sh: {name}: not found (jobplay's terminal runs kubectl, sleep and busybox's applets: echo, cat, grep, head, tail, wc, cut, sort…)\n"),
                    status: 127,
                })
            });
        }
        let files = ShellFiles {
            fs: &self.state.fs,
            cwd,
            base: self.files,
        };
        let stdin = (!stdin.is_empty()).then_some(stdin);
        let o = kubectl::run(self.shell, &argv[1..], stdin, &files);
        Some(sh::Output {
            notice: o.notice,
            stdout: o.out,
            stderr: o.err,
            status: o.status,
        })
    }
}

/// The files a line wrote, then the session's.
pub struct ShellFiles<'a> {
    fs: &'a Fs,
    cwd: &'a str,
    base: &'a dyn Files,
}

impl Files for ShellFiles<'_> {
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String> {
        let full = fs::absolute(self.cwd, path);
        if let Ok(text) = self.fs.read(&full) {
            return Ok(vec![(path.to_string(), text.to_string())]);
        }
        if self.fs.is_dir(&full) {
            // In name order: `Fs::list` gives them so.
            let names = self.fs.list(&full).unwrap_or_default();
            let manifests = names
                .into_iter()
                .filter(|n| super::is_manifest_name(n))
                .filter_map(|n| {
                    let file = format!("{}/{n}", full.trim_end_matches('/'));
                    let text = self.fs.read(&file).ok()?;
                    Some((
                        format!("{}/{n}", path.trim_end_matches('/')),
                        text.to_string(),
                    ))
                })
                .collect();
            return Ok(manifests);
        }
        self.base.read(path)
    }
}

/// Whether `text` (lines, each ended by its line break; a last one without it is read as if
/// it had one) asks for more, as a shell's `> ` prompt does: its last line ends in an escaping
/// `\` (an odd run of them, outside a comment), or a quote, a here-document, a `&&`/`||` or a
/// compound command is still open.
pub fn is_open(text: &str) -> bool {
    let mut lines = text.to_string();
    if !lines.ends_with('\n') {
        lines.push('\n');
    }
    let last = lines[..lines.len() - 1].rsplit('\n').next().unwrap_or("");
    continues(last)
        || sh::parse::parse(&lines)
            .error
            .is_some_and(|(_, m)| m.contains("end of file"))
}

/// Whether `line` ends in a `\` that escapes its line break: an odd number of them, not in a
/// comment (a `#` at the start of a word).
fn continues(line: &str) -> bool {
    let code = line
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || line[..i].ends_with([' ', '\t'])))
        .map_or(line, |(i, _)| &line[..i]);
    if code.len() < line.len() {
        return false;
    }
    (code.len() - code.trim_end_matches('\\').len()) % 2 == 1
}

/// What a shell would refuse in `text` before running any of it: the line of the first
/// syntax error and the error.
pub fn syntax_error(text: &str) -> Option<(u32, String)> {
    sh::parse::parse(text).error
}

/// Splits a script into the units a terminal reads one at a time: a line, joined with the
/// lines after it while the shell would still wait for more (an open quote, a here-document's
/// body, an unfinished `if`, a trailing `\`). Blank lines and comments are left out.
pub fn units(text: &str) -> Vec<String> {
    let mut units = Vec::new();
    let mut acc = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        acc.push_str(line);
        acc.push('\n');
        let trimmed = acc.trim();
        if trimmed.is_empty() || trimmed.lines().all(|l| l.trim_start().starts_with('#')) {
            acc.clear();
            continue;
        }
        if is_open(&acc) && lines.peek().is_some() {
            continue;
        }
        units.push(acc.trim_end_matches('\n').to_string());
        acc.clear();
    }
    units
}
