//! The busybox applets Job scripts use, as programs for the shell's host: each takes its
//! words, standard input and the environment, reads and writes the host's files, and returns
//! what it printed and its status. Options an applet does not implement are noted, never
//! silently dropped. Messages follow busybox's wording (`applet: file: No such file or
//! directory`). `perl` runs only `bpi` (`bpi.rs`).

mod bpi;
mod date;
mod files;
mod grep;
mod sed;
mod text;

use crate::sh::exec::num;
use crate::sh::fs::absolute;
use crate::sh::{Host, Output, Shell};

/// What an applet is given.
pub struct Call<'a> {
    pub host: &'a mut dyn Host,
    pub name: &'a str,
    pub args: &'a [String],
    pub stdin: &'a str,
    pub env: &'a [(String, String)],
    pub cwd: &'a str,
    pub out: Output,
}

impl Call<'_> {
    pub fn print(&mut self, text: &str) {
        self.out.stdout.push_str(text);
    }

    pub fn line(&mut self, text: &str) {
        self.out.stdout.push_str(text);
        self.out.stdout.push('\n');
    }

    /// `applet: message` on standard error, and status `status`.
    pub fn fail(&mut self, message: &str, status: i32) {
        self.out.stderr.push_str(self.name);
        self.out.stderr.push_str(": ");
        self.out.stderr.push_str(message);
        self.out.stderr.push('\n');
        self.out.status = status;
    }

    pub fn note(&mut self, what: &str) {
        let mut n = String::from("\"");
        n.push_str(self.name);
        n.push(' ');
        n.push_str(what);
        n.push_str("\" is not simulated; jobplay ran the command without it");
        self.host.note(n);
    }

    pub fn path(&self, name: &str) -> String {
        absolute(self.cwd, name)
    }

    /// A file's text, or `-` for standard input; `None` after saying why not.
    pub fn read(&mut self, name: &str) -> Option<String> {
        if name == "-" {
            return Some(self.stdin.to_string());
        }
        let path = self.path(name);
        match self.host.fs().read(&path) {
            Ok(t) => Some(t.to_string()),
            Err(e) => {
                // busybox's `open_or_warn` (cat, tail) says `can't open 'x'`, its
                // `fopen_or_warn` (the others) names the file alone (libbb/wfopen.c, open.c).
                let mut m = String::new();
                if matches!(self.name, "cat" | "tail") {
                    m.push_str("can't open '");
                    m.push_str(name);
                    m.push('\'');
                } else {
                    m.push_str(name);
                }
                m.push_str(": ");
                m.push_str(e.text());
                self.fail(&m, 1);
                None
            }
        }
    }

    /// The texts of `files`, or standard input when there are none.
    pub fn inputs(&mut self, files: &[String]) -> Vec<(String, String)> {
        if files.is_empty() {
            return vec![(String::new(), self.stdin.to_string())];
        }
        let mut out = Vec::new();
        for f in files {
            if let Some(t) = self.read(f) {
                out.push((f.clone(), t));
            }
        }
        out
    }
}

/// Options read getopt's way: flags may be grouped, and those in `with_value` take the next
/// word (or the rest of their own). Returns the options in order and the operands.
pub fn options(args: &[String], with_value: &str) -> (Vec<(char, String)>, Vec<String>) {
    let mut opts = Vec::new();
    let mut operands = Vec::new();
    let mut k = 0;
    while k < args.len() {
        let a = &args[k];
        k += 1;
        if a == "--" {
            operands.extend(args[k..].iter().cloned());
            break;
        }
        let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) else {
            operands.push(a.clone());
            continue;
        };
        for (i, c) in flags.char_indices() {
            if with_value.contains(c) {
                let rest = &flags[i + c.len_utf8()..];
                let value = if rest.is_empty() {
                    k += 1;
                    args.get(k - 1).cloned().unwrap_or_default()
                } else {
                    rest.to_string()
                };
                opts.push((c, value));
                break;
            }
            opts.push((c, String::new()));
        }
    }
    (opts, operands)
}

/// Runs the applet `argv[0]` names (any directory in front is dropped); `None` when there
/// is no such applet.
pub fn run(
    host: &mut dyn Host,
    argv: &[String],
    stdin: &str,
    env: &[(String, String)],
    cwd: &str,
) -> Option<Output> {
    let name = argv.first()?.rsplit('/').next().unwrap_or("");
    if matches!(name, "sh" | "bash" | "ash" | "dash") {
        return shell(host, name, &argv[1..], stdin, env, cwd);
    }
    if matches!(name, "echo" | "printf" | "test" | "[" | "true" | "false") {
        // The shell's own builtins are applets too: run one through a shell of its own.
        let mut sh = Shell::new(host, "sh", env);
        sh.cwd = cwd.to_string();
        sh.fds = [
            crate::sh::exec::Sink::Null,
            crate::sh::exec::Sink::Log,
            crate::sh::exec::Sink::Log,
        ];
        let mut words = argv.to_vec();
        words[0] = name.to_string();
        let _ = sh.builtin(&words);
        return Some(Output {
            stdout: std::mem::take(&mut sh.log),
            status: sh.status,
            ..Output::default()
        });
    }
    let mut call = Call {
        host,
        name,
        args: &argv[1..],
        stdin,
        env,
        cwd,
        out: Output::default(),
    };
    match name {
        "cat" => text::cat(&mut call),
        "rev" => text::rev(&mut call),
        "head" | "tail" => text::head_tail(&mut call),
        "wc" => text::wc(&mut call),
        "sort" => text::sort(&mut call),
        "uniq" => text::uniq(&mut call),
        "tr" => text::tr(&mut call),
        "cut" => text::cut(&mut call),
        "tee" => text::tee(&mut call),
        "grep" | "egrep" | "fgrep" => grep::grep(&mut call),
        "sed" => sed::sed(&mut call),
        "date" => date::date(&mut call),
        "ls" | "mkdir" | "touch" | "rm" | "cp" | "mv" | "basename" | "dirname" => {
            files::run(&mut call)
        }
        "sleep" => sleep(&mut call),
        "seq" => seq(&mut call),
        "expr" => expr(&mut call),
        "env" | "printenv" => return env_applet(call),
        "hostname" => {
            let h = call.host.hostname().to_string();
            call.line(&h);
        }
        "yes" => {
            call.note("(an endless output)");
        }
        "perl" => return bpi::perl(call),
        _ => return None,
    }
    Some(call.out)
}

/// `sh -c SCRIPT [ARG0 ARGS…]`, or `sh FILE`, inside a script.
fn shell(
    host: &mut dyn Host,
    name: &str,
    args: &[String],
    stdin: &str,
    env: &[(String, String)],
    cwd: &str,
) -> Option<Output> {
    let (flags, rest): (Vec<&String>, Vec<&String>) = {
        let k = args
            .iter()
            .position(|a| !a.starts_with('-'))
            .unwrap_or(args.len());
        (args[..k].iter().collect(), args[k..].iter().collect())
    };
    let command = flags.iter().any(|f| f.contains('c'));
    let errexit = flags.iter().any(|f| f.contains('e'));
    let script = if command {
        rest.first().map(|s| s.to_string())?
    } else {
        let file = rest.first()?;
        host.fs().read(&absolute(cwd, file)).ok()?.to_string()
    };
    let positional: Vec<String> = rest.iter().skip(1).map(|s| s.to_string()).collect();
    let mut sh = Shell::new(host, name, env);
    sh.cwd = cwd.to_string();
    sh.errexit = errexit;
    if let Some((zero, more)) = positional.split_first() {
        sh.arg0 = zero.clone();
        sh.positional = more.to_vec();
    }
    sh.stdin = stdin.to_string();
    let status = sh.run_script(&script);
    Some(Output {
        stdout: std::mem::take(&mut sh.log),
        status,
        ..Output::default()
    })
}

/// `sleep N[smhd]…`, as busybox's reads it: the arguments summed.
fn sleep(c: &mut Call) {
    let mut millis: i64 = 0;
    if c.args.is_empty() {
        c.fail("missing operand", 1);
        return;
    }
    for arg in c.args {
        match sleep_millis(arg) {
            Some(ms) => millis = millis.saturating_add(ms),
            None => {
                let mut m = String::from("invalid number '");
                m.push_str(arg);
                m.push('\'');
                c.fail(&m, 1);
                return;
            }
        }
    }
    c.host.sleep(crate::time::SimDuration::from_millis(
        millis.min(1_000_000_000_000),
    ));
}

/// One `sleep` argument in milliseconds: a number with an optional fraction and suffix.
pub fn sleep_millis(arg: &str) -> Option<i64> {
    if arg == "inf" || arg == "infinity" {
        return Some(1_000_000_000_000);
    }
    let (number, unit) = match arg.char_indices().last() {
        Some((at, 's')) => (&arg[..at], 1_000.0),
        Some((at, 'm')) => (&arg[..at], 60_000.0),
        Some((at, 'h')) => (&arg[..at], 3_600_000.0),
        Some((at, 'd')) => (&arg[..at], 86_400_000.0),
        _ => (arg, 1_000.0),
    };
    let n = crate::decimal::parse_f64(number).filter(|n| *n >= 0.0 && n.is_finite())?;
    Some((n * unit).min(1e12) as i64)
}

/// `seq [-s SEP] [-w] [FIRST [INCR]] LAST`, integers.
fn seq(c: &mut Call) {
    let (opts, operands) = options(c.args, "s");
    let mut sep = String::from("\n");
    let mut width = false;
    for (o, v) in opts {
        match o {
            's' => sep = v,
            'w' => width = true,
            _ => c.note("with that option"),
        }
    }
    let nums: Vec<Option<i64>> = operands.iter().map(|o| o.parse().ok()).collect();
    let (first, incr, last) = match nums.as_slice() {
        [Some(l)] => (1, 1, *l),
        [Some(f), Some(l)] => (*f, 1, *l),
        [Some(f), Some(i), Some(l)] => (*f, *i, *l),
        _ => {
            if operands
                .iter()
                .any(|o| crate::decimal::parse_f64(o).is_some())
                && !operands.is_empty()
            {
                c.note("with fractions");
            } else {
                c.fail("invalid number", 1);
            }
            return;
        }
    };
    if incr == 0 {
        return;
    }
    let digits = num(first).len().max(num(last).len());
    let mut out = String::new();
    let mut v = first;
    let mut count = 0;
    while (incr > 0 && v <= last) || (incr < 0 && v >= last) {
        if count > 0 {
            out.push_str(&sep);
        }
        let mut t = num(v);
        while width && t.len() < digits {
            t.insert(0, '0');
        }
        out.push_str(&t);
        count += 1;
        if count > 100_000 || out.len() > crate::sh::exec::MAX_TEXT {
            c.note("past 100000 numbers");
            break;
        }
        v += incr;
    }
    if count > 0 {
        out.push('\n');
    }
    c.print(&out);
}

/// `env` prints the environment; `env [-i] [NAME=VALUE…] PROGRAM ARGS…` runs a program.
fn env_applet(mut c: Call) -> Option<Output> {
    let mut env: Vec<(String, String)> = c.env.to_vec();
    let mut k = 0;
    while let Some(a) = c.args.get(k) {
        if a == "-i" || a == "-" {
            env.clear();
        } else if let Some((n, v)) = a.split_once('=') {
            env.retain(|(k, _)| k != n);
            env.push((n.to_string(), v.to_string()));
        } else {
            break;
        }
        k += 1;
    }
    if k < c.args.len() {
        let argv = c.args[k..].to_vec();
        return run(c.host, &argv, c.stdin, &env, c.cwd).or_else(|| {
            let mut o = Output::default();
            o.stderr.push_str("env: can't execute '");
            o.stderr.push_str(&argv[0]);
            o.stderr.push_str("': No such file or directory\n");
            o.status = 127;
            Some(o)
        });
    }
    for (k, v) in env {
        c.print(&k);
        c.print("=");
        c.line(&v);
    }
    Some(c.out)
}

/// `expr`: arithmetic, comparisons, `:` matching, `length`, `substr`, `index` (XCU expr).
fn expr(c: &mut Call) {
    let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
    let mut pos = 0;
    match expr_or(&args, &mut pos) {
        Some(v) if pos == args.len() => {
            let null = v.is_empty() || v == "0";
            c.line(&v);
            c.out.status = i32::from(null);
        }
        Some(_) | None => c.fail("syntax error", 2),
    }
}

fn expr_or(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_and(a, pos)?;
    while a.get(*pos) == Some(&"|") {
        *pos += 1;
        let r = expr_and(a, pos)?;
        if v.is_empty() || v == "0" {
            v = if r.is_empty() || r == "0" {
                "0".into()
            } else {
                r
            };
        }
    }
    Some(v)
}

fn expr_and(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_cmp(a, pos)?;
    while a.get(*pos) == Some(&"&") {
        *pos += 1;
        let r = expr_cmp(a, pos)?;
        let null = |s: &str| s.is_empty() || s == "0";
        if null(&v) || null(&r) {
            v = "0".into();
        }
    }
    Some(v)
}

fn expr_cmp(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_add(a, pos)?;
    while let Some(op) = a
        .get(*pos)
        .copied()
        .filter(|o| matches!(*o, "=" | "!=" | "<" | "<=" | ">" | ">="))
    {
        *pos += 1;
        let r = expr_add(a, pos)?;
        let ord = match (v.parse::<i64>(), r.parse::<i64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => v.cmp(&r),
        };
        let yes = match op {
            "=" => ord.is_eq(),
            "!=" => ord.is_ne(),
            "<" => ord.is_lt(),
            "<=" => ord.is_le(),
            ">" => ord.is_gt(),
            _ => ord.is_ge(),
        };
        v = num(i64::from(yes));
    }
    Some(v)
}

fn expr_add(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_mul(a, pos)?;
    while let Some(op) = a.get(*pos).copied().filter(|o| matches!(*o, "+" | "-")) {
        *pos += 1;
        let r = expr_mul(a, pos)?;
        let (x, y) = (v.parse::<i64>().ok()?, r.parse::<i64>().ok()?);
        v = num(if op == "+" {
            x.wrapping_add(y)
        } else {
            x.wrapping_sub(y)
        });
    }
    Some(v)
}

fn expr_mul(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_match(a, pos)?;
    while let Some(op) = a
        .get(*pos)
        .copied()
        .filter(|o| matches!(*o, "*" | "/" | "%"))
    {
        *pos += 1;
        let r = expr_match(a, pos)?;
        let (x, y) = (v.parse::<i64>().ok()?, r.parse::<i64>().ok()?);
        v = num(match op {
            "*" => x.wrapping_mul(y),
            "/" => x.checked_div(y)?,
            _ => x.checked_rem(y)?,
        });
    }
    Some(v)
}

fn expr_match(a: &[&str], pos: &mut usize) -> Option<String> {
    let mut v = expr_primary(a, pos)?;
    while a.get(*pos) == Some(&":") {
        *pos += 1;
        let re = expr_primary(a, pos)?;
        v = expr_colon(&v, &re)?;
    }
    Some(v)
}

/// `STRING : REGEX`: anchored at the start; the first group's text, else the match length.
fn expr_colon(s: &str, re: &str) -> Option<String> {
    let mut anchored = String::from("^");
    anchored.push_str(re);
    let r = crate::sh::regex::Regex::new(&anchored, false)?;
    Some(match r.captures(s, 0) {
        Some(caps) if caps.len() > 1 => caps[1]
            .map(|(a, b)| s[a..b].to_string())
            .unwrap_or_default(),
        Some(caps) => num(caps[0].map_or(0, |(a, b)| s[a..b].chars().count()) as i64),
        None if r.captures_len() > 1 => String::new(),
        None => "0".into(),
    })
}

fn expr_primary(a: &[&str], pos: &mut usize) -> Option<String> {
    let w = *a.get(*pos)?;
    *pos += 1;
    match w {
        "(" => {
            let v = expr_or(a, pos)?;
            (a.get(*pos) == Some(&")")).then_some(())?;
            *pos += 1;
            Some(v)
        }
        "length" => {
            let s = expr_primary(a, pos)?;
            Some(num(s.chars().count() as i64))
        }
        "substr" => {
            let s = expr_primary(a, pos)?;
            let p: usize = expr_primary(a, pos)?.parse().ok()?;
            let n: usize = expr_primary(a, pos)?.parse().ok()?;
            Some(if p == 0 {
                String::new()
            } else {
                s.chars().skip(p - 1).take(n).collect()
            })
        }
        "index" => {
            let s = expr_primary(a, pos)?;
            let chars = expr_primary(a, pos)?;
            Some(num(s
                .chars()
                .position(|c| chars.contains(c))
                .map_or(0, |i| i as i64 + 1)))
        }
        "match" => {
            let s = expr_primary(a, pos)?;
            let re = expr_primary(a, pos)?;
            expr_colon(&s, &re)
        }
        _ => Some(w.to_string()),
    }
}
