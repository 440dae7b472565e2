//! Runs parsed commands (XCU 2.9 "Shell Commands"): lists, pipelines, compound commands,
//! functions, redirections and exit statuses, `set -e`, with a step budget so that a looping
//! script ends with a note instead of hanging. jobplay runs one process at a time: a
//! pipeline's commands run in turn, each reading what the one before wrote.

use std::rc::Rc;

use crate::sorted_map::SortedMap;

use super::ast::{Cmd, Redir, RedirOp, Simple};
use super::host::Host;
use super::parse::{parse, BOTH_FDS};

/// Commands one script may run.
pub const STEP_BUDGET: usize = 10_000;
/// The most text a script may hold in one variable, file or output.
pub const MAX_TEXT: usize = 1 << 20;
/// How deep functions, `eval` and substitutions may nest.
const MAX_DEPTH: u32 = 100;

/// Why a command stopped the commands after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ctl {
    Break(u32),
    Continue(u32),
    Return,
    /// `exit`, `set -e` or an expansion error: the (sub)shell ends with `status`.
    Exit,
    /// The step budget or a size cap ran out: the whole script ends.
    Abort,
}

pub type Done = Result<(), Ctl>;

/// Where a descriptor writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Sink {
    /// The container's log (its standard output and error, as the runtime keeps them).
    Log,
    Null,
    /// Standard error kept apart from the log (`Shell::err`), for a host that shows the two
    /// streams separately (the kubectl line).
    Err,
    /// A `$(…)` or a pipeline stage being collected.
    Capture(usize),
    File(String),
}

/// What to put back after a command's redirections: the descriptors and standard input.
pub type Undo = ([Sink; 3], Option<(String, usize)>);

/// A variable: a string or an indexed array (bash).
#[derive(Clone, Debug, PartialEq)]
pub struct Var {
    pub value: Value,
    pub exported: bool,
    pub read_only: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(String),
    Array(Vec<String>),
}

/// The part of a shell a subshell copies and gets back unchanged (and the kubectl line keeps
/// from one line to the next).
#[derive(Clone)]
pub struct Saved {
    vars: SortedMap<Var>,
    funcs: SortedMap<Rc<Cmd>>,
    positional: Vec<String>,
    cwd: String,
    errexit: bool,
}

/// A shell running one script.
pub struct Shell<'h> {
    pub host: &'h mut dyn Host,
    pub vars: SortedMap<Var>,
    pub funcs: SortedMap<Rc<Cmd>>,
    /// `$0`: the shell's name, which prefixes its error messages.
    pub arg0: String,
    pub positional: Vec<String>,
    pub status: i32,
    pub errexit: bool,
    pub nounset: bool,
    /// bash rather than a POSIX sh: brace expansion, and how expansion errors end.
    pub bash: bool,
    pub cwd: String,
    pub steps: usize,
    /// Descriptors 1 and 2 (0 is `stdin`).
    pub fds: [Sink; 3],
    pub captures: Vec<String>,
    /// What reached the log.
    pub log: String,
    /// What reached standard error when descriptor 2 is `Sink::Err`.
    pub err: String,
    /// How much of `err` had been written when the log was first written to: a host that
    /// shows the two streams separately shows that much first.
    pub err_before_log: Option<usize>,
    /// Standard input and how much of it has been read.
    pub stdin: String,
    pub stdin_pos: usize,
    /// Inside an `if`/`while` condition, a `!` or the left of `&&`/`||`: `set -e` waits.
    pub tested: u32,
    pub depth: u32,
    /// `local` variables to put back when each function returns.
    pub locals: Vec<Vec<(String, Option<Var>)>>,
    /// The loops around the command being run, for `break` and `continue`.
    pub loops: u32,
}

impl<'h> Shell<'h> {
    pub fn new(host: &'h mut dyn Host, arg0: &str, env: &[(String, String)]) -> Self {
        let mut vars = SortedMap::default();
        for (k, v) in env {
            vars.insert(
                k.clone(),
                Var {
                    value: Value::Scalar(v.clone()),
                    exported: true,
                    read_only: false,
                },
            );
        }
        let bash = arg0.rsplit('/').next() == Some("bash");
        Shell {
            host,
            vars,
            funcs: SortedMap::default(),
            arg0: arg0.rsplit('/').next().unwrap_or(arg0).to_string(),
            positional: Vec::new(),
            status: 0,
            errexit: false,
            nounset: false,
            bash,
            cwd: "/".into(),
            steps: 0,
            fds: [Sink::Null, Sink::Log, Sink::Log],
            captures: Vec::new(),
            log: String::new(),
            err: String::new(),
            err_before_log: None,
            stdin: String::new(),
            stdin_pos: 0,
            tested: 0,
            depth: 0,
            locals: Vec::new(),
            loops: 0,
        }
    }

    /// Runs a script's text as sh runs `sh -c`: command by command up to a syntax error,
    /// which ends it with status 2. Returns the exit status.
    pub fn run_script(&mut self, text: &str) -> i32 {
        let parsed = parse(text);
        for c in &parsed.cmds {
            match self.exec(c) {
                Ok(()) | Err(Ctl::Break(_) | Ctl::Continue(_) | Ctl::Return) => {}
                Err(Ctl::Exit | Ctl::Abort) => return self.status,
            }
        }
        if let Some((line, message)) = parsed.error {
            let mut m = String::from("line ");
            push_num(&mut m, i64::from(line));
            m.push_str(": ");
            m.push_str(&message);
            self.error(&m);
            let mut note = String::from("jobplay's shell stopped reading the script at line ");
            push_num(&mut note, i64::from(line));
            note.push_str(" (");
            note.push_str(&message);
            note.push_str("); it ran what came before and exited 2, as sh does at a syntax error");
            self.host.note(note);
            self.status = 2;
        }
        self.status
    }

    /// Writes `text` to descriptor `fd` (1 or 2).
    pub fn write(&mut self, fd: usize, text: &str) -> Done {
        if text.is_empty() {
            return Ok(());
        }
        let sink = self.fds.get(fd).cloned().unwrap_or(Sink::Null);
        let len = match sink {
            Sink::Log => {
                self.err_before_log.get_or_insert(self.err.len());
                self.log.push_str(text);
                self.log.len()
            }
            Sink::Null => 0,
            Sink::Err => {
                self.err.push_str(text);
                self.err.len()
            }
            Sink::Capture(i) => {
                let c = &mut self.captures[i];
                c.push_str(text);
                c.len()
            }
            Sink::File(path) => {
                if let Err(e) = self.host.fs().write(&path, text, true) {
                    // The file was opened when the redirection was made; a failure here is a
                    // read-only volume or a vanished directory.
                    let mut m = crate::sh::cat(&[&path, ": ", e.text()]);
                    self.fds[fd] = Sink::Null;
                    return self.write(2, &{
                        m.push('\n');
                        m
                    });
                }
                self.host.fs().read(&path).map_or(0, str::len)
            }
        };
        if len > MAX_TEXT {
            return self
                .abort("the script wrote more than 1 MiB to one place; jobplay stopped it there");
        }
        Ok(())
    }

    /// An error message on standard error, as `sh: message`.
    pub fn error(&mut self, message: &str) {
        let mut m = crate::sh::cat(&[&self.arg0, ": ", message]);
        m.push('\n');
        let _ = self.write(2, &m);
    }

    /// Ends the whole script with a note (a cap jobplay sets, not sh).
    pub fn abort(&mut self, note: &str) -> Done {
        self.host.note(note.to_string());
        Err(Ctl::Abort)
    }

    fn step(&mut self) -> Done {
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            return self.abort(
                "the script ran more than 10000 commands; jobplay stopped reading it there",
            );
        }
        Ok(())
    }

    /// `set -e`: a failure that is not tested ends the shell.
    fn check_errexit(&mut self) -> Done {
        if self.errexit && self.tested == 0 && self.status != 0 {
            return Err(Ctl::Exit);
        }
        Ok(())
    }

    pub fn exec(&mut self, c: &Cmd) -> Done {
        match c {
            Cmd::Simple(s) => {
                self.step()?;
                self.simple(s)?;
                self.check_errexit()
            }
            Cmd::Pipeline { bang, cmds } => {
                self.tested += u32::from(*bang);
                let r = self.pipeline(cmds);
                self.tested -= u32::from(*bang);
                r?;
                if *bang {
                    self.status = i32::from(self.status == 0);
                    return Ok(());
                }
                self.check_errexit()
            }
            Cmd::AndOr { and, left, right } => {
                self.tested += 1;
                let r = self.exec(left);
                self.tested -= 1;
                r?;
                if (self.status == 0) == *and {
                    self.exec(right)?;
                }
                Ok(())
            }
            Cmd::List(cmds) => {
                for c in cmds {
                    self.exec(c)?;
                }
                Ok(())
            }
            Cmd::Background(inner) => {
                self.host.note("a command run in the background (&) ran to its end before the next one: jobplay runs one process at a time".into());
                let saved = self.save();
                let r = self.exec(inner);
                self.restore(saved);
                match r {
                    Err(Ctl::Abort) => Err(Ctl::Abort),
                    _ => {
                        self.status = 0;
                        Ok(())
                    }
                }
            }
            Cmd::If { arms, otherwise } => {
                for (cond, body) in arms {
                    self.condition(cond)?;
                    if self.status == 0 {
                        return self.exec(body);
                    }
                }
                self.status = 0;
                match otherwise {
                    Some(body) => self.exec(body),
                    None => Ok(()),
                }
            }
            Cmd::For { name, items, body } => {
                let values = match items {
                    Some(words) => self.expand_words(words)?,
                    None => self.positional.clone(),
                };
                self.status = 0;
                for v in values {
                    self.step()?;
                    self.set_var(name, Value::Scalar(v))?;
                    if self.loop_body(body)? {
                        break;
                    }
                }
                Ok(())
            }
            Cmd::ArithFor {
                init,
                cond,
                step,
                body,
            } => {
                self.arith_word(init)?;
                self.status = 0;
                loop {
                    self.step()?;
                    if !cond.is_empty() && self.arith_word(cond)? == 0 {
                        break;
                    }
                    if self.loop_body(body)? {
                        break;
                    }
                    self.arith_word(step)?;
                }
                Ok(())
            }
            Cmd::While { until, cond, body } => {
                let mut last = 0;
                loop {
                    self.step()?;
                    self.condition(cond)?;
                    if (self.status == 0) == *until {
                        break;
                    }
                    self.status = 0;
                    if self.loop_body(body)? {
                        break;
                    }
                    last = self.status;
                }
                self.status = last;
                Ok(())
            }
            Cmd::Case { word, arms } => {
                let value = self.expand_one(word)?;
                self.status = 0;
                for (patterns, body) in arms {
                    for p in patterns {
                        let pattern = self.expand_pattern(p)?;
                        if super::pattern::matches(&pattern, &value) {
                            return self.exec(body);
                        }
                    }
                }
                Ok(())
            }
            Cmd::Group {
                subshell,
                body,
                redirs,
            } => {
                let saved_fds = self.redirect(redirs)?;
                let r = match saved_fds {
                    None => Ok(()),
                    Some(_) if *subshell => self.subshell(body),
                    Some(_) => self.exec(body),
                };
                if let Some(fds) = saved_fds {
                    self.undo_redirect(fds);
                }
                r?;
                if *subshell {
                    self.check_errexit()?;
                }
                Ok(())
            }
            Cmd::Function { name, body } => {
                self.funcs.insert(name.clone(), body.clone());
                self.status = 0;
                Ok(())
            }
            Cmd::Cond(toks) => {
                self.step()?;
                let yes = self.cond(toks)?;
                self.status = i32::from(!yes);
                self.check_errexit()
            }
            Cmd::Arith(w) => {
                self.step()?;
                let v = self.arith_word(w)?;
                self.status = i32::from(v == 0);
                self.check_errexit()
            }
        }
    }

    /// A condition: run with `set -e` waiting.
    fn condition(&mut self, c: &Cmd) -> Done {
        self.tested += 1;
        let r = self.exec(c);
        self.tested -= 1;
        r
    }

    /// One pass of a loop's body; true when the loop is to end (`break`).
    fn loop_body(&mut self, body: &Cmd) -> Result<bool, Ctl> {
        self.loops += 1;
        let r = self.exec(body);
        self.loops -= 1;
        match r {
            Ok(()) => Ok(false),
            Err(Ctl::Break(n)) if n > 1 => Err(Ctl::Break(n - 1)),
            Err(Ctl::Break(_)) => Ok(true),
            Err(Ctl::Continue(n)) if n > 1 => Err(Ctl::Continue(n - 1)),
            Err(Ctl::Continue(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self) -> Saved {
        Saved {
            vars: self.vars.clone(),
            funcs: self.funcs.clone(),
            positional: self.positional.clone(),
            cwd: self.cwd.clone(),
            errexit: self.errexit,
        }
    }

    pub fn restore(&mut self, s: Saved) {
        self.vars = s.vars;
        self.funcs = s.funcs;
        self.positional = s.positional;
        self.cwd = s.cwd;
        self.errexit = s.errexit;
    }

    /// `( … )`: changes to variables, functions and the directory stay inside; `exit` ends
    /// only the subshell.
    pub fn subshell(&mut self, body: &Cmd) -> Done {
        let saved = self.save();
        let loops = std::mem::take(&mut self.loops);
        let r = self.exec(body);
        self.loops = loops;
        self.restore(saved);
        match r {
            Err(Ctl::Abort) => Err(Ctl::Abort),
            _ => Ok(()),
        }
    }

    /// Runs `body` with standard output collected, as `$(…)` does; the text and the status.
    pub fn capture(&mut self, body: &Cmd, subshell: bool) -> Result<String, Ctl> {
        if self.depth > MAX_DEPTH {
            self.error("substitutions nested too deep");
            return Ok(String::new());
        }
        self.depth += 1;
        self.captures.push(String::new());
        let slot = self.captures.len() - 1;
        let old = std::mem::replace(&mut self.fds[1], Sink::Capture(slot));
        let r = if subshell {
            self.subshell(body)
        } else {
            self.exec(body)
        };
        self.fds[1] = old;
        self.depth -= 1;
        let text = self.captures.pop().unwrap_or_default();
        r.map(|()| text)
    }

    /// `a | b | c`: each stage in a subshell, reading what the one before wrote; the
    /// status is the last stage's.
    fn pipeline(&mut self, cmds: &[Cmd]) -> Done {
        if cmds.len() == 1 {
            return self.exec(&cmds[0]);
        }
        let mut input: Option<String> = None;
        for (k, c) in cmds.iter().enumerate() {
            let last = k + 1 == cmds.len();
            let saved_in = input.take().map(|text| self.set_stdin(text));
            let r = if last {
                self.subshell(c)
            } else {
                let r = self.capture(c, true);
                r.map(|text| input = Some(text))
            };
            if let Some(s) = saved_in {
                self.reset_stdin(s);
            }
            r?;
        }
        Ok(())
    }

    /// Makes `text` standard input; returns what to put back.
    pub fn set_stdin(&mut self, text: String) -> (String, usize) {
        let old = std::mem::replace(&mut self.stdin, text);
        (old, std::mem::replace(&mut self.stdin_pos, 0))
    }

    pub fn reset_stdin(&mut self, (text, pos): (String, usize)) {
        self.stdin = text;
        self.stdin_pos = pos;
    }

    /// What is left of standard input, now read.
    pub fn take_stdin(&mut self) -> String {
        let rest = self.stdin.get(self.stdin_pos..).unwrap_or("").to_string();
        self.stdin_pos = self.stdin.len();
        rest
    }

    fn simple(&mut self, s: &Simple) -> Done {
        let words = self.expand_words(&s.words)?;
        if words.is_empty() {
            // Assignments alone set shell variables; redirections alone open their files.
            for a in &s.assigns {
                self.assign(a)?;
            }
            match self.redirect(&s.redirs)? {
                Some(fds) => {
                    self.undo_redirect(fds);
                    // The status is the last command substitution's, else 0.
                }
                None => return Ok(()),
            }
            if s.assigns.iter().all(|a| !has_substitution(a)) {
                self.status = 0;
            }
            return Ok(());
        }
        let Some(saved_fds) = self.redirect(&s.redirs)? else {
            return Ok(());
        };
        // Assignments before a command are its environment only (a special builtin keeps
        // them, as POSIX says, and so does a function in ash).
        let keep = is_special_builtin(&words[0]);
        let saved_vars: Vec<(String, Option<Var>)> = if keep {
            Vec::new()
        } else {
            s.assigns
                .iter()
                .map(|a| (a.name.clone(), self.vars.get(&a.name).cloned()))
                .collect()
        };
        let mut r = Ok(());
        for a in &s.assigns {
            r = self.assign(a);
            if r.is_err() {
                break;
            }
            if let Some(v) = self.vars.get_mut(&a.name) {
                v.exported = v.exported || !keep;
            }
        }
        if r.is_ok() {
            r = self.command(&words, s.line);
        }
        for (name, old) in saved_vars.into_iter().rev() {
            match old {
                Some(v) => self.vars.insert(name, v),
                None => {
                    self.vars.remove(&name);
                }
            }
        }
        self.undo_redirect(saved_fds);
        r
    }

    /// A command's words after expansion: a function, a builtin, else the host's program.
    pub fn command(&mut self, words: &[String], line: u32) -> Done {
        let name = words[0].as_str();
        if let Some(body) = self.funcs.get(name).cloned() {
            return self.call(&body, &words[1..]);
        }
        if let Some(r) = self.builtin(words) {
            return r;
        }
        let env = self.environment();
        let stdin = self.take_stdin();
        let cwd = self.cwd.clone();
        match self.host.run(words, &stdin, &env, &cwd) {
            Some(out) => {
                self.write(2, &out.notice)?;
                self.write(1, &out.stdout)?;
                self.write(2, &out.stderr)?;
                self.status = out.status;
            }
            None => {
                let mut note = String::from("\"");
                note.push_str(name);
                note.push_str(
                    "\" is not simulated; jobplay took it as succeeding with no output (line ",
                );
                push_num(&mut note, i64::from(line));
                note.push(')');
                self.host.note(note);
                self.status = 0;
            }
        }
        Ok(())
    }

    /// Calls a function with `args` as its positional parameters.
    fn call(&mut self, body: &Cmd, args: &[String]) -> Done {
        if self.depth > MAX_DEPTH {
            self.error("function calls nested too deep");
            self.status = 2;
            return Err(Ctl::Exit);
        }
        self.depth += 1;
        let saved = std::mem::replace(&mut self.positional, args.to_vec());
        self.locals.push(Vec::new());
        let loops = std::mem::take(&mut self.loops);
        let r = self.exec(body);
        self.loops = loops;
        for (name, old) in self.locals.pop().unwrap_or_default().into_iter().rev() {
            match old {
                Some(v) => self.vars.insert(name, v),
                None => {
                    self.vars.remove(&name);
                }
            }
        }
        self.positional = saved;
        self.depth -= 1;
        match r {
            Err(Ctl::Return) => Ok(()),
            r => r,
        }
    }

    /// Runs `text` as part of this script (`eval`, `.`).
    pub fn eval_text(&mut self, text: &str) -> Done {
        if self.depth > MAX_DEPTH {
            self.error("eval nested too deep");
            return Ok(());
        }
        let parsed = parse(text);
        self.depth += 1;
        let mut r = Ok(());
        self.status = 0;
        for c in &parsed.cmds {
            r = self.exec(c);
            if r.is_err() {
                break;
            }
        }
        self.depth -= 1;
        if let (Ok(()), Some((_, message))) = (&r, parsed.error) {
            self.error(&message);
            self.status = 2;
        }
        r
    }

    /// The exported variables, as a program's environment.
    pub fn environment(&self) -> Vec<(String, String)> {
        self.vars
            .iter()
            .filter(|(_, v)| v.exported)
            .map(|(k, v)| {
                let text = match &v.value {
                    Value::Scalar(s) => s.clone(),
                    Value::Array(a) => a.first().cloned().unwrap_or_default(),
                };
                (k.clone(), text)
            })
            .collect()
    }

    /// Applies redirections; `None` when one failed (its message written, status 1), else
    /// what to put back afterwards.
    pub fn redirect(&mut self, redirs: &[Redir]) -> Result<Option<Undo>, Ctl> {
        let saved = self.fds.clone();
        let mut saved_in = None;
        for r in redirs {
            let fd = r.fd as usize;
            match r.op {
                RedirOp::Here | RedirOp::HereString => {
                    let mut text = self.expand_one(&r.target)?;
                    if r.op == RedirOp::HereString {
                        text.push('\n');
                    }
                    let old = self.set_stdin(text);
                    saved_in.get_or_insert(old);
                    continue;
                }
                RedirOp::Dup => {
                    let target = self.expand_one(&r.target)?;
                    match target.as_str() {
                        "1" | "2" if fd <= 2 => {
                            self.fds[fd] = self.fds[if target == "1" { 1 } else { 2 }].clone()
                        }
                        "0" if fd == 0 => {}
                        "-" if fd <= 2 => self.fds[fd] = Sink::Null,
                        _ => {
                            let mut m = target.clone();
                            m.push_str(": bad file descriptor");
                            self.error(&m);
                            self.fds = saved;
                            self.status = 1;
                            return Ok(None);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let name = self.expand_one(&r.target)?;
            let path = super::fs::absolute(&self.cwd, &name);
            let result = match r.op {
                RedirOp::Read => match self.host.fs().read(&path).map(str::to_string) {
                    Ok(t) => {
                        let old = self.set_stdin(t);
                        saved_in.get_or_insert(old);
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                _ => {
                    let append = r.op == RedirOp::Append;
                    let opened = if append {
                        self.host.fs().write(&path, "", true)
                    } else {
                        self.host.fs().write(&path, "", false)
                    };
                    opened.map(|()| {
                        let sink = if path == "/dev/null" {
                            Sink::Null
                        } else {
                            Sink::File(path.clone())
                        };
                        if r.fd == BOTH_FDS {
                            self.fds[1] = sink.clone();
                            self.fds[2] = sink;
                        } else if fd <= 2 && fd > 0 {
                            self.fds[fd] = sink;
                        }
                    })
                }
            };
            if let Err(e) = result {
                let m = self.open_error(&name, r.op == RedirOp::Read, e);
                self.error(&m);
                self.fds = saved;
                if let Some(s) = saved_in {
                    self.reset_stdin(s);
                }
                self.status = 1;
                return Ok(None);
            }
        }
        Ok(Some((saved, saved_in)))
    }

    /// A redirection that could not open its file, worded as the shell words it: busybox
    /// ash's `can't create`/`can't open` (shell/ash.c `openredirect`, which says
    /// `nonexistent directory`/`no such file` for ENOENT), bash's `name: error`.
    fn open_error(&self, name: &str, read: bool, e: super::fs::Errno) -> String {
        let missing = e == super::fs::Errno::NotFound;
        if self.bash {
            let m = crate::sh::cat(&[name, ": ", e.text()]);
            return m;
        }
        let mut m = crate::sh::cat(&[
            if read { "can't open " } else { "can't create " },
            name,
            ": ",
        ]);
        m.push_str(match (missing, read) {
            (true, true) => "no such file",
            (true, false) => "nonexistent directory",
            _ => e.text(),
        });
        m
    }

    pub fn undo_redirect(&mut self, (fds, stdin): Undo) {
        self.fds = fds;
        if let Some(s) = stdin {
            self.reset_stdin(s);
        }
    }
}

/// POSIX's special builtins, whose assignments stay (XCU 2.14).
fn is_special_builtin(name: &str) -> bool {
    matches!(
        name,
        ":" | "."
            | "break"
            | "continue"
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "unset"
            | "trap"
    )
}

fn has_substitution(a: &super::ast::Assign) -> bool {
    use super::ast::{AssignValue, Part};
    let word_has = |w: &Vec<Part>| {
        w.iter().any(|p| match p {
            Part::Command(_) => true,
            Part::Double(inner) => inner.iter().any(|q| matches!(q, Part::Command(_))),
            _ => false,
        })
    };
    match &a.value {
        AssignValue::Scalar(w) => word_has(w),
        AssignValue::Array(ws) => ws.iter().any(word_has),
    }
}

/// Appends a number in decimal (no `format!`: the wasm build counts its bytes).
pub fn push_num(out: &mut String, n: i64) {
    let mut buf = itoa_buf(n);
    out.push_str(buf.as_str());
    buf.clear();
}

fn itoa_buf(n: i64) -> String {
    let mut digits = Vec::new();
    let mut v = n.unsigned_abs();
    loop {
        digits.push(b'0' + (v % 10) as u8);
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// A number as text.
pub fn num(n: i64) -> String {
    itoa_buf(n)
}
