//! A small reader for the shell scripts in Kubernetes docs manifests, as busybox `sh` runs
//! them: `sleep N[smhd]...`, `exit [N]`, `echo ...` with variable expansion (`$VAR`,
//! `${VAR}`, `${VAR:-word}` and the other POSIX defaults, `$?`, `$RANDOM` from the pod's
//! seeded generator), `$((...))` integer arithmetic, `[ ... ]`/`test`, `if`/`for` in their
//! simple forms, `;` sequencing, `&&`/`||` lists that short-circuit, and `set -e`.
//!
//! Every command costs one step from a fixed budget, so a looping script ends with a note
//! instead of hanging the page. What is not understood is never simulated silently: it
//! leaves a note saying what was assumed, and the container then runs for at least the
//! default time.

use crate::api::Str;
use crate::decimal::parse_f64;
use std::collections::BTreeMap;

use super::rng::SimRng;
use crate::time::SimDuration;

/// Commands one script may execute.
pub const STEP_BUDGET: usize = 10_000;
/// Lines of log one container may produce.
pub const MAX_LOG_LINES: usize = 1_000;

/// What running a script amounted to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScriptOutcome {
    /// Total `sleep` time.
    pub run: SimDuration,
    pub exit_code: i32,
    pub log: Vec<String>,
    /// Set when part of the script was not understood or a cap was hit.
    pub note: Option<String>,
}

/// Interprets `command` + `args` if they form a recognisable shell invocation
/// (`sh -c SCRIPT`, `bash -c SCRIPT`, or a bare `sleep`/`echo`/`exit`). Returns `None` when the
/// command is a program we cannot model (the caller then uses the default timing).
pub fn interpret(
    command: &[Str],
    args: &[Str],
    env: impl FnOnce() -> BTreeMap<String, String>,
    rng: &mut SimRng,
) -> Option<ScriptOutcome> {
    let argv: Vec<&str> = command.iter().chain(args).map(Str::as_str).collect();
    let script = match argv.as_slice() {
        [] => return None,
        [sh, flag, rest @ ..] if is_shell(sh) && flag.starts_with('-') && flag.contains('c') => {
            rest.first().map(|s| s.to_string())?
        }
        [first, ..]
            if matches!(
                *first,
                "sleep" | "echo" | "exit" | "/bin/sleep" | "/bin/echo"
            ) =>
        {
            argv.iter()
                .map(|a| shell_quote(a))
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => return None,
    };
    let mut shell = Shell {
        vars: env(),
        rng,
        out: ScriptOutcome::default(),
        steps: 0,
        status: 0,
        errexit: false,
    };
    if let Flow::Next = shell.run_block(&split_statements(&script)) {
        // Falling off the end, a script exits with its last command's status.
        shell.out.exit_code = shell.status;
    }
    Some(shell.out)
}

fn is_shell(program: &str) -> bool {
    matches!(
        program.rsplit('/').next(),
        Some("sh" | "bash" | "ash" | "dash" | "zsh")
    )
}

fn shell_quote(a: &str) -> String {
    if a.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./=:".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

enum Flow {
    Next,
    Exit,
}

struct Shell<'r> {
    vars: BTreeMap<String, String>,
    rng: &'r mut SimRng,
    out: ScriptOutcome,
    steps: usize,
    /// The last command's exit status (`$?`).
    status: i32,
    /// `set -e`: a failing command that is not tested ends the script with its status.
    errexit: bool,
}

/// Splits a script into statements at newlines and `;` outside quotes, keeping `if ... fi`
/// and `for ... done` blocks together. `&&`/`||` lists stay whole: `run_statement` runs
/// them, short-circuiting.
fn split_statements(script: &str) -> Vec<String> {
    let mut raw = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0i32;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, '\n' | ';') if depth <= 0 => {
                raw.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            _ => {}
        }
        cur.push(c);
        i += 1;
    }
    raw.push(cur);
    // Re-join compound statements: count block openers and closers per statement.
    let mut out: Vec<String> = Vec::new();
    let mut open = 0i32;
    for s in raw
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with('#'))
    {
        let first = s.split_whitespace().next().unwrap_or("");
        let opens = i32::from(matches!(first, "if" | "for" | "while"));
        let closes = i32::from(matches!(first, "fi" | "done"));
        match out.last_mut().filter(|_| open > 0) {
            Some(last) => {
                last.push_str("; ");
                last.push_str(&s);
            }
            None => out.push(s),
        }
        open += opens - closes;
    }
    out
}

/// The operator joining two commands of an `&&`/`||` list.
#[derive(Clone, Copy, Debug, PartialEq)]
enum AndOr {
    And,
    Or,
}

/// Splits a statement at `&&` and `||` outside quotes and parentheses: the commands, and
/// the operator after each but the last.
fn split_and_or(s: &str) -> (Vec<String>, Vec<AndOr>) {
    let mut commands = Vec::new();
    let mut ops = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0i32;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, '&' | '|') if depth <= 0 && chars.peek() == Some(&c) => {
                chars.next();
                commands.push(std::mem::take(&mut cur).trim().to_string());
                ops.push(if c == '&' { AndOr::And } else { AndOr::Or });
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    commands.push(cur.trim().to_string());
    (commands, ops)
}

/// A shell operator in `command` (outside quotes and `$(...)`) that jobplay does not run:
/// a pipe, a background `&` or a redirection, named for the note.
fn unsupported_operator(command: &str) -> Option<&'static str> {
    let mut quote: Option<char> = None;
    let mut depth = 0i32;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, '|') if depth <= 0 => return Some("a pipe (|)"),
            (None, '&') if depth <= 0 => return Some("a background or redirection &"),
            (None, '>' | '<') if depth <= 0 => return Some("a redirection"),
            _ => {}
        }
    }
    None
}

impl Shell<'_> {
    fn run_block(&mut self, statements: &[String]) -> Flow {
        for s in statements {
            if let Flow::Exit = self.run_statement(s) {
                return Flow::Exit;
            }
        }
        Flow::Next
    }

    fn budget_spent(&mut self) -> bool {
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            self.out.note.get_or_insert_with(|| format!("the script ran more than {STEP_BUDGET} commands; jobplay stopped reading it there"));
            return true;
        }
        false
    }

    /// Leaves `note` unless an earlier one stands (the first thing assumed is the one shown).
    fn assume(&mut self, note: impl FnOnce() -> String) {
        self.out.note.get_or_insert_with(note);
    }

    /// One statement: a compound (`if`, `for`) or an `&&`/`||` list of commands, where a
    /// command after `&&` runs only if the one before succeeded and after `||` only if it
    /// failed (POSIX "AND-OR Lists"). Under `set -e` a failure that is not tested ends it.
    fn run_statement(&mut self, s: &str) -> Flow {
        match s.split_whitespace().next() {
            Some("if") => {
                if self.budget_spent() {
                    return Flow::Exit;
                }
                return self.run_if(s);
            }
            Some("for") => {
                if self.budget_spent() {
                    return Flow::Exit;
                }
                return self.run_for(s);
            }
            _ => {}
        }
        match self.run_and_or(s) {
            (Flow::Exit, _) => Flow::Exit,
            (Flow::Next, true) if self.errexit && self.status != 0 => {
                // The last command of the list ran and failed: `set -e` exits.
                self.out.exit_code = self.status;
                Flow::Exit
            }
            (Flow::Next, _) => Flow::Next,
        }
    }

    /// Runs an `&&`/`||` list; also says whether its last command ran (`set -e` ignores a
    /// failure anywhere else in the list).
    fn run_and_or(&mut self, s: &str) -> (Flow, bool) {
        let (commands, ops) = split_and_or(s);
        let mut run = true;
        for (k, command) in commands.iter().enumerate() {
            if run {
                if let Flow::Exit = self.run_command(command) {
                    return (Flow::Exit, true);
                }
            }
            match ops.get(k) {
                Some(AndOr::And) if run => run = self.status == 0,
                Some(AndOr::Or) if run => run = self.status != 0,
                // A skipped command leaves `$?` as it was, so the list goes on deciding on it.
                Some(AndOr::And) => run = self.status == 0,
                Some(AndOr::Or) => run = self.status != 0,
                None => {}
            }
        }
        (Flow::Next, run)
    }

    /// One simple command, setting `status`.
    fn run_command(&mut self, s: &str) -> Flow {
        if self.budget_spent() {
            return Flow::Exit;
        }
        if let Some(what) = unsupported_operator(s) {
            self.assume(|| {
                format!("{what} in \"{s}\" is not simulated; jobplay ran the words as one command")
            });
        }
        let words = self.words(s);
        let Some(first) = words.first().map(String::as_str) else {
            return Flow::Next;
        };
        let before = std::mem::take(&mut self.status);
        match first {
            "sleep" | "/bin/sleep" => {
                let run = self.sleep_time(&words[1..]);
                self.out.run = self.out.run + run;
            }
            "exit" => {
                self.out.exit_code = match words.get(1) {
                    // `exit` alone exits with the last command's status.
                    None => before,
                    Some(w) => match w.parse::<i64>() {
                        Ok(c) => (c & 0xff) as i32,
                        Err(_) => {
                            let w = w.clone();
                            self.assume(|| format!("\"exit {w}\" is not a number; jobplay exited with status 2, as sh does"));
                            2
                        }
                    },
                };
                return Flow::Exit;
            }
            "echo" | "/bin/echo" | "printf" => {
                let text = words[1..].join(" ");
                if self.out.log.len() < MAX_LOG_LINES {
                    self.out.log.push(text);
                }
            }
            "[" | "[[" | "test" => {
                let cond = words[1..].join(" ");
                self.status = i32::from(!self.test(&cond, &words[1..]));
            }
            "set" => {
                // `set -e`, `set -eu`, `set -o errexit`: the other options change nothing here.
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                if args
                    .iter()
                    .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('e'))
                    || args.windows(2).any(|w| w == ["-o", "errexit"])
                {
                    self.errexit = true;
                }
            }
            "true" | ":" | "date" | "hostname" | "export" | "cd" => {}
            "false" => self.status = 1,
            w if w.contains('=') && !w.starts_with('=') => {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                self.vars.insert(k.to_string(), v.to_string());
            }
            other => {
                let other = other.to_string();
                self.assume(|| {
                    format!("\"{other}\" is not simulated; the container runs for the default time")
                });
            }
        }
        Flow::Next
    }

    /// What `sleep ARG...` waits, as busybox's sleep reads it: each argument a number with
    /// an optional suffix `s`, `m`, `h` or `d`, the arguments summed.
    fn sleep_time(&mut self, args: &[String]) -> SimDuration {
        let mut secs = 0.0;
        for arg in args {
            let (number, unit) = match arg.char_indices().last() {
                Some((at, 's')) => (&arg[..at], 1.0),
                Some((at, 'm')) => (&arg[..at], 60.0),
                Some((at, 'h')) => (&arg[..at], 3_600.0),
                Some((at, 'd')) => (&arg[..at], 86_400.0),
                _ => (arg.as_str(), 1.0),
            };
            match parse_f64(number) {
                Some(n) if n >= 0.0 => secs += n * unit,
                _ if arg == "infinity" || arg == "inf" => secs = f64::INFINITY,
                _ => {
                    let arg = arg.clone();
                    self.assume(|| {
                        format!("\"sleep {arg}\" was not understood; that sleep counts as 0 s")
                    });
                }
            }
        }
        if args.is_empty() {
            self.assume(|| "\"sleep\" without a time was not understood; it counts as 0 s".into());
        }
        SimDuration::from_millis((secs.clamp(0.0, 1e9) * 1000.0) as i64)
    }

    /// `if [ COND ]; then A; else B; fi` with `-eq -ne -lt -le -gt -ge = !=`.
    fn run_if(&mut self, s: &str) -> Flow {
        let body = s.trim_start_matches("if").trim();
        let Some((cond, rest)) = body.split_once("then") else {
            self.out
                .note
                .get_or_insert_with(|| "an if without then was not understood".into());
            return Flow::Next;
        };
        let rest = rest
            .trim()
            .trim_end_matches("fi")
            .trim()
            .trim_end_matches(';');
        let (yes, no) = match rest.split_once("else") {
            Some((a, b)) => (a, b),
            None => (rest, ""),
        };
        // The condition is a command list like any other; its status picks the branch.
        if let (Flow::Exit, _) = self.run_and_or(cond.trim().trim_end_matches(';')) {
            return Flow::Exit;
        }
        let branch = if self.status == 0 { yes } else { no };
        self.status = 0;
        self.run_block(&split_statements(branch))
    }

    /// `[ ... ]` / `test ...` over already expanded `words` (`cond` is their text, for the note).
    fn test(&mut self, cond: &str, words: &[String]) -> bool {
        let w: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|x| !matches!(*x, "[" | "]" | "[[" | "]]"))
            .collect();
        let num = |x: &str| x.parse::<i64>().unwrap_or(0);
        match w.as_slice() {
            [a, "-eq", b] => num(a) == num(b),
            [a, "-ne", b] => num(a) != num(b),
            [a, "-lt", b] => num(a) < num(b),
            [a, "-le", b] => num(a) <= num(b),
            [a, "-gt", b] => num(a) > num(b),
            [a, "-ge", b] => num(a) >= num(b),
            [a, "=" | "==", b] => a == b,
            [a, "!=", b] => a != b,
            ["-n", a] => !a.is_empty(),
            ["-z", a] => a.is_empty(),
            [] => false,
            [a] => !a.is_empty(),
            _ => {
                let cond = cond.to_string();
                self.assume(|| {
                    format!("the test \"{cond}\" was not understood and counts as true")
                });
                true
            }
        }
    }

    /// `for VAR in WORDS; do BODY; done`, WORDS possibly `$(seq A B)` or `{A..B}`.
    fn run_for(&mut self, s: &str) -> Flow {
        let parsed = s
            .trim_start_matches("for")
            .split_once(" in ")
            .and_then(|(var, rest)| {
                let (items, body) = rest.split_once("do")?;
                Some((
                    var.trim().to_string(),
                    items.trim().trim_end_matches(';').to_string(),
                    body.trim()
                        .trim_end_matches("done")
                        .trim()
                        .trim_end_matches(';')
                        .to_string(),
                ))
            });
        let Some((var, items, body)) = parsed else {
            self.out
                .note
                .get_or_insert_with(|| "a for loop was not understood".into());
            return Flow::Next;
        };
        let values = self.expand_list(&items);
        let statements = split_statements(&body);
        for v in values {
            self.vars.insert(var.clone(), v);
            if let Flow::Exit = self.run_block(&statements) {
                return Flow::Exit;
            }
        }
        Flow::Next
    }

    fn expand_list(&mut self, items: &str) -> Vec<String> {
        let seq = items
            .strip_prefix("$(seq")
            .and_then(|r| r.strip_suffix(')'))
            .map(|r| self.words(r));
        let range = items
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .and_then(|r| r.split_once(".."))
            .map(|(a, b)| vec![a.to_string(), b.to_string()]);
        match seq.or(range) {
            Some(bounds) => {
                let n: Vec<i64> = bounds.iter().filter_map(|b| b.parse().ok()).collect();
                let (a, b) = match n.as_slice() {
                    [b] => (1, *b),
                    [a, b, ..] => (*a, *b),
                    _ => (1, 0),
                };
                (a..=b.min(a + STEP_BUDGET as i64))
                    .map(|i| i.to_string())
                    .collect()
            }
            None => self.words(items),
        }
    }

    /// Splits into words, removing quotes and expanding variables and arithmetic.
    fn words(&mut self, s: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut cur = String::new();
        let mut has = false;
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut quote: Option<char> = None;
        while i < chars.len() {
            let c = chars[i];
            match (quote, c) {
                (Some(q), _) if c == q => quote = None,
                (None, '\'' | '"') => {
                    quote = Some(c);
                    has = true;
                }
                (None, ' ' | '\t') => {
                    if has || !cur.is_empty() {
                        words.push(std::mem::take(&mut cur));
                        has = false;
                    }
                }
                (q, '$') if q != Some('\'') => {
                    let (text, used) = self.expand_dollar(&chars[i..]);
                    cur.push_str(&text);
                    i += used;
                    continue;
                }
                _ => cur.push(c),
            }
            i += 1;
        }
        if has || !cur.is_empty() {
            words.push(cur);
        }
        words
    }

    /// Inside `$((...))` a bare name means the variable's value, as in bash (unset or
    /// empty: 0).
    fn bare_names(&mut self, expr: &str) -> String {
        let mut out = String::new();
        let mut name = String::new();
        for c in expr.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                continue;
            }
            if !name.is_empty() {
                let value = match name.as_str() {
                    n if n.starts_with(|d: char| d.is_ascii_digit()) => n.to_string(),
                    "RANDOM" => self.rng.below(32_768).to_string(),
                    n => self
                        .vars
                        .get(n)
                        .filter(|v| !v.is_empty())
                        .cloned()
                        .unwrap_or_else(|| "0".into()),
                };
                out.push_str(&value);
                name.clear();
            }
            out.push(c);
        }
        out.trim_end().to_string()
    }

    /// Expands `$VAR`, `${VAR}`, `${VAR:-word}` (and `-`, `:=`, `=`, `:+`, `+`), `${#VAR}`,
    /// `$?`, `$RANDOM`, `$((expr))`; returns the text and chars consumed.
    fn expand_dollar(&mut self, chars: &[char]) -> (String, usize) {
        let rest: String = chars.iter().collect();
        if let Some(inner) = rest.strip_prefix("$((") {
            if let Some(end) = closing_parens(inner) {
                let expr = &inner[..end];
                let words = self.words(expr).join(" ");
                let expanded = self.bare_names(&words);
                let value = match eval_arith(&expanded) {
                    Some(v) => v.to_string(),
                    None => {
                        let expr = expr.trim().to_string();
                        self.assume(|| {
                            format!("the arithmetic $(({expr})) was not understood; it counts as 0")
                        });
                        "0".into()
                    }
                };
                return (value, 3 + inner[..end].chars().count() + 2);
            }
        }
        if let Some(inner) = rest.strip_prefix("$(") {
            // Command substitution runs a program jobplay does not: say so, expand to nothing.
            let end = matching(inner, '(', ')').unwrap_or(inner.len());
            let text = inner[..end].to_string();
            self.assume(|| {
                format!(
                    "the command substitution $({text}) is not simulated; it expands to nothing"
                )
            });
            return (String::new(), 2 + inner[..end].chars().count() + 1);
        }
        if let Some(inner) = rest.strip_prefix("${") {
            return match matching(inner, '{', '}') {
                Some(end) => {
                    let value = self.parameter(&inner[..end]);
                    (value, 2 + inner[..end].chars().count() + 1)
                }
                None => ("$".into(), 1),
            };
        }
        if rest[1..].starts_with('?') {
            return (self.status.to_string(), 2);
        }
        let name: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            return ("$".into(), 1);
        }
        let len = name.chars().count();
        (self.var(&name), len + 1)
    }

    /// A variable's value: `$RANDOM` draws from the pod's seeded generator; unset is empty.
    fn var(&mut self, name: &str) -> String {
        match name {
            "RANDOM" => self.rng.below(32_768).to_string(),
            "?" => self.status.to_string(),
            _ => self.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    /// The inside of `${...}`: a name, `#name`, or a name with one of POSIX's default
    /// operators (`:-` `-` `:=` `=` `:+` `+`; with the colon an empty value counts as unset).
    fn parameter(&mut self, inner: &str) -> String {
        let is_name = |n: &str| {
            !n.is_empty() && (n == "?" || n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        };
        if let Some(name) = inner.strip_prefix('#').filter(|n| is_name(n)) {
            return self.var(name).chars().count().to_string();
        }
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '?'))
            .unwrap_or(inner.len());
        let (name, op) = inner.split_at(name_len);
        if !is_name(name) {
            let inner = inner.to_string();
            self.assume(|| {
                format!("the expansion ${{{inner}}} was not understood; it expands to nothing")
            });
            return String::new();
        }
        let set = name == "RANDOM" || name == "?" || self.vars.contains_key(name);
        let value = if set { self.var(name) } else { String::new() };
        let (colon, op) = match op.strip_prefix(':') {
            Some(rest) => (true, rest),
            None => (false, op),
        };
        let present = set && !(colon && value.is_empty());
        let Some(kind) = op.chars().next().filter(|_| !op.is_empty()) else {
            if colon {
                let inner = inner.to_string();
                self.assume(|| {
                    format!("the expansion ${{{inner}}} was not understood; it expands to nothing")
                });
                return String::new();
            }
            return value;
        };
        let word = &op[kind.len_utf8()..];
        match kind {
            '-' if present => value,
            '-' => self.words(word).join(" "),
            '=' if present => value,
            '=' => {
                let word = self.words(word).join(" ");
                self.vars.insert(name.to_string(), word.clone());
                word
            }
            '+' if present => self.words(word).join(" "),
            '+' => String::new(),
            _ => {
                let inner = inner.to_string();
                self.assume(|| format!("the expansion ${{{inner}}} is not simulated; jobplay used ${name}'s value as is"));
                value
            }
        }
    }
}

/// Where the `))` closing a `$((` is in `inner` (the text after it), counting parentheses.
fn closing_parens(inner: &str) -> Option<usize> {
    let mut depth = 0i32;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return (bytes.get(i + 1) == Some(&b')')).then_some(i),
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Where the `close` matching an already opened `open` is in `inner`.
fn matching(inner: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in inner.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// Integer arithmetic as `$((...))` does it (POSIX "Arithmetic Expansion", C's operators
/// and precedence): `|| && == != < <= > >= + - * / %`, unary `! - +`, parentheses; numbers
/// in decimal, octal (`010`) or hex (`0x1f`). Comparisons and logic give 1 or 0. `None`
/// for anything else, and for division by zero (an error in sh).
pub fn eval_arith(expr: &str) -> Option<i64> {
    let tokens = arith_tokens(expr)?;
    let mut pos = 0;
    let v = arith_binary(&tokens, &mut pos, 0, 0)?;
    (pos == tokens.len()).then_some(v)
}

/// A token of an arithmetic expression.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Op(&'static str),
}

/// The operators, longest first so `<=` is not read as `<`.
const ARITH_OPS: [&str; 16] = [
    "<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "(", ")",
];

/// Binary operators by precedence level, loosest first.
const ARITH_LEVELS: [&[&str]; 6] = [
    &["||"],
    &["&&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["+", "-"],
    &["*", "/", "%"],
];

fn arith_tokens(expr: &str) -> Option<Vec<Tok>> {
    let mut tokens = Vec::new();
    let mut rest = expr.trim_start();
    while !rest.is_empty() {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let len = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let text = &rest[..len];
            let n = if let Some(hex) = text.strip_prefix("0x").or(text.strip_prefix("0X")) {
                i64::from_str_radix(hex, 16).ok()?
            } else if text.len() > 1 && text.starts_with('0') {
                i64::from_str_radix(&text[1..], 8).ok()?
            } else {
                text.parse().ok()?
            };
            tokens.push(Tok::Num(n));
            rest = &rest[len..];
        } else {
            let op = ARITH_OPS.iter().find(|op| rest.starts_with(**op))?;
            tokens.push(Tok::Op(op));
            rest = &rest[op.len()..];
        }
        rest = rest.trim_start();
    }
    Some(tokens)
}

/// Binary operators of `level` and tighter, left to right.
fn arith_binary(t: &[Tok], pos: &mut usize, level: usize, depth: usize) -> Option<i64> {
    let Some(ops) = ARITH_LEVELS.get(level) else {
        return arith_unary(t, pos, depth);
    };
    let mut v = arith_binary(t, pos, level + 1, depth)?;
    while let Some(Tok::Op(op)) = t
        .get(*pos)
        .filter(|tok| matches!(tok, Tok::Op(o) if ops.contains(o)))
    {
        *pos += 1;
        let r = arith_binary(t, pos, level + 1, depth)?;
        v = match *op {
            "||" => i64::from(v != 0 || r != 0),
            "&&" => i64::from(v != 0 && r != 0),
            "==" => i64::from(v == r),
            "!=" => i64::from(v != r),
            "<" => i64::from(v < r),
            "<=" => i64::from(v <= r),
            ">" => i64::from(v > r),
            ">=" => i64::from(v >= r),
            "+" => v.wrapping_add(r),
            "-" => v.wrapping_sub(r),
            "*" => v.wrapping_mul(r),
            "/" => v.checked_div(r)?,
            _ => v.checked_rem(r)?,
        };
    }
    Some(v)
}

/// Unary `! - +`, a parenthesised expression or a number.
fn arith_unary(t: &[Tok], pos: &mut usize, depth: usize) -> Option<i64> {
    if depth > 64 {
        return None;
    }
    let tok = *t.get(*pos)?;
    *pos += 1;
    match tok {
        Tok::Num(n) => Some(n),
        Tok::Op("(") => {
            let v = arith_binary(t, pos, 0, depth + 1)?;
            (t.get(*pos)? == &Tok::Op(")")).then_some(())?;
            *pos += 1;
            Some(v)
        }
        Tok::Op("-") => arith_unary(t, pos, depth + 1).map(i64::wrapping_neg),
        Tok::Op("+") => arith_unary(t, pos, depth + 1),
        Tok::Op("!") => arith_unary(t, pos, depth + 1).map(|v| i64::from(v == 0)),
        Tok::Op(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str) -> ScriptOutcome {
        let mut env = BTreeMap::new();
        env.insert("JOB_COMPLETION_INDEX".to_string(), "3".to_string());
        interpret(
            &["sh".into(), "-c".into(), Str::copy(script)],
            &[],
            || env,
            &mut SimRng::new(1),
        )
        .unwrap()
    }

    #[test]
    fn sleeps_echoes_and_exits() {
        let o = run("echo \"Hello from index $JOB_COMPLETION_INDEX\" && sleep 5; exit 42");
        assert_eq!(o.log, ["Hello from index 3"]);
        assert_eq!(
            (o.run, o.exit_code, o.note),
            (SimDuration::from_secs(5), 42, None)
        );
    }

    #[test]
    fn arithmetic_if_and_for() {
        let o = run("for i in $(seq 1 3); do echo $((i * 10)); sleep 1; done\nif [ $JOB_COMPLETION_INDEX -eq 3 ]; then exit 7; else exit 0; fi");
        assert_eq!(o.log, ["10", "20", "30"]);
        assert_eq!((o.run, o.exit_code), (SimDuration::from_secs(3), 7));
    }

    #[test]
    fn bare_names_inside_arithmetic_are_variables() {
        assert_eq!(
            run("sleep $((5 + JOB_COMPLETION_INDEX * 2))").run,
            SimDuration::from_secs(11)
        );
    }

    #[test]
    fn random_is_seeded_and_modulo_works() {
        let a = run("exit $((RANDOM % 2))");
        let b = run("exit $((RANDOM % 2))");
        assert_eq!(a.exit_code, b.exit_code);
        assert!(a.exit_code == 0 || a.exit_code == 1);
    }

    #[test]
    fn unknown_programs_and_endless_loops_leave_notes() {
        assert!(run("perl -e 'print 1'")
            .note
            .unwrap()
            .contains("\"perl\" is not simulated"));
        let o = run("for i in $(seq 1 100000); do sleep 1; done");
        assert!(o.note.unwrap().contains("more than 10000 commands"));
        assert!(interpret(&["perl".into()], &[], BTreeMap::new, &mut SimRng::new(1)).is_none());
    }

    #[test]
    fn bare_sleep_command_is_understood() {
        let o = interpret(
            &["sleep".into()],
            &["10".into()],
            BTreeMap::new,
            &mut SimRng::new(1),
        )
        .unwrap();
        assert_eq!(o.run, SimDuration::from_secs(10));
    }
    #[test]
    fn or_lists_run_the_right_side_only_after_a_failure() {
        let o = run("false || echo fallback; true || echo never");
        assert_eq!(o.log, ["fallback"]);
        assert_eq!((o.exit_code, o.note), (0, None));
    }

    #[test]
    fn and_lists_short_circuit_and_keep_the_failing_status() {
        let o = run("false && echo never; echo after");
        assert_eq!(o.log, ["after"]);
        assert_eq!(o.exit_code, 0);
        let o = run("sleep 1 && false && sleep 5");
        assert_eq!((o.run, o.exit_code), (SimDuration::from_secs(1), 1));
        // `a && b || c`: c runs when either fails.
        assert_eq!(run("false && echo a || echo c").log, ["c"]);
        assert_eq!(run("true && echo a || echo c").log, ["a"]);
    }

    #[test]
    fn a_script_exits_with_its_last_commands_status() {
        assert_eq!(run("false; echo hi").exit_code, 0);
        assert_eq!(run("echo hi; false").exit_code, 1);
        assert_eq!(run("false; exit").exit_code, 1);
        assert_eq!(run("[ 1 -eq 2 ]; exit $?").exit_code, 1);
    }

    #[test]
    fn set_e_ends_the_script_at_an_untested_failure() {
        let o = run("set -e; echo start; false; echo never");
        assert_eq!((o.log, o.exit_code), (vec!["start".to_string()], 1));
        let o = run("set -e; false || echo handled; if false; then echo no; fi; echo end");
        assert_eq!(
            (o.log, o.exit_code),
            (vec!["handled".into(), "end".into()], 0)
        );
    }

    #[test]
    fn parameter_defaults_expand_as_posix_says() {
        let o = run(concat!(
            "echo ${UNSET:-x} ${JOB_COMPLETION_INDEX:-9} ${#JOB_COMPLETION_INDEX}; ",
            "E=; echo \"[${E:-colon}] [${E-plain}]\"; ",
            "echo ${N:=5} $N ${N:+set} [${UNSET:+set}]"
        ));
        assert_eq!(o.log, ["x 3 1", "[colon] []", "5 5 set []"]);
        assert_eq!(o.note, None);
    }

    #[test]
    fn sleep_takes_busybox_suffixes_and_sums_its_arguments() {
        assert_eq!(run("sleep 1m").run, SimDuration::from_secs(60));
        assert_eq!(run("sleep 1m 30s").run, SimDuration::from_secs(90));
        assert_eq!(run("sleep 2h").run, SimDuration::from_secs(7_200));
        assert_eq!(run("sleep 1d").run, SimDuration::from_secs(86_400));
        assert_eq!(run("sleep 0.5").run, SimDuration::from_millis(500));
        let o = run("sleep soon");
        assert_eq!(o.run, SimDuration::ZERO);
        assert!(o
            .note
            .unwrap()
            .contains("\"sleep soon\" was not understood"));
    }

    #[test]
    fn arithmetic_has_the_shells_operators_and_precedence() {
        let cases = [
            ("1 + 2 * 3", Some(7)),
            ("(1 + 2) * 3", Some(9)),
            ("7 / 2 + 7 % 2", Some(4)),
            ("1 + 2 * 3 == 7", Some(1)),
            ("2 < 1 || 3 >= 3", Some(1)),
            ("1 <= 0 && 1", Some(0)),
            ("5 != 5", Some(0)),
            ("!0 + !7", Some(1)),
            ("-3 + +4", Some(1)),
            ("010 + 0x10", Some(24)),
            ("1 / 0", None),
            ("2 ** 3", None),
            ("1 +", None),
            ("a", None),
        ];
        for (expr, want) in cases {
            assert_eq!(eval_arith(expr), want, "$(({expr}))");
        }
    }

    #[test]
    fn random_comparisons_exit_deterministically() {
        // `exit $((RANDOM % 30 == 0))`: 1 about once in 30 runs, and the same for a seed.
        let exits: Vec<i32> = (0..300)
            .map(|seed| {
                interpret(
                    &[
                        "sh".into(),
                        "-c".into(),
                        "exit $((RANDOM % 30 == 0))".into(),
                    ],
                    &[],
                    BTreeMap::new,
                    &mut SimRng::new(seed),
                )
                .unwrap()
                .exit_code
            })
            .collect();
        assert!(exits.iter().all(|e| *e == 0 || *e == 1));
        let ones = exits.iter().filter(|e| **e == 1).count();
        assert!((2..=30).contains(&ones), "{ones} of 300");
        assert_eq!(
            run("exit $((RANDOM % 30 == 0))"),
            run("exit $((RANDOM % 30 == 0))")
        );
    }

    #[test]
    fn what_is_not_understood_is_noted_not_guessed_silently() {
        let noted = |script: &str, says: &str| {
            let note = run(script).note.unwrap_or_default();
            assert!(note.contains(says), "{script}: {note}");
        };
        noted(
            "exit $((5 / 0))",
            "the arithmetic $((5 / 0)) was not understood; it counts as 0",
        );
        noted("exit $((2 ** 3))", "$((2 ** 3)) was not understood");
        noted(
            "echo $(date +%s)",
            "the command substitution $(date +%s) is not simulated",
        );
        noted(
            "echo ${JOB_COMPLETION_INDEX%3}",
            "the expansion ${JOB_COMPLETION_INDEX%3} is not simulated",
        );
        noted(
            "echo hi | tee /tmp/x",
            "a pipe (|) in \"echo hi | tee /tmp/x\" is not simulated",
        );
        noted("echo hi > /tmp/x", "a redirection");
        noted("sleep 10 &", "a background or redirection &");
        noted("while true; do sleep 1; done", "\"while\" is not simulated");
        noted("exit abc", "\"exit abc\" is not a number");
        assert_eq!(run("exit abc").exit_code, 2);
    }
}
