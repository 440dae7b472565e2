//! The commands the shell runs itself (XCU 2.14 "Special Built-In Utilities" and the regular
//! builtins busybox ash and bash have): `echo`, `printf`, `test`/`[`, `read`, `cd`, `set`,
//! `export`, `local`, `eval`, `exit`, loops' `break`/`continue`, and the rest below.

use super::exec::{num, Ctl, Done, Shell, Value};
use super::parse::is_name;

impl Shell<'_> {
    /// Runs `words` if its first is a builtin; `None` if it is not one.
    pub fn builtin(&mut self, words: &[String]) -> Option<Done> {
        let args = &words[1..];
        let r = match words[0].as_str() {
            ":" | "true" => self.ok(),
            "false" => {
                self.status = 1;
                Ok(())
            }
            "echo" => self.echo(args),
            "printf" => self.printf(args),
            "test" => self.test_builtin(args),
            "[" => match args.split_last() {
                Some((last, rest)) if last == "]" => self.test_builtin(rest),
                _ => {
                    self.error("[: missing ]");
                    self.status = 2;
                    Ok(())
                }
            },
            "exit" => {
                self.status = match args.first() {
                    None => self.status,
                    Some(a) => match a.parse::<i64>() {
                        Ok(n) => (n & 0xff) as i32,
                        Err(_) => {
                            let mut m = String::from("exit: Illegal number: ");
                            m.push_str(a);
                            self.error(&m);
                            2
                        }
                    },
                };
                Err(Ctl::Exit)
            }
            "return" => {
                if let Some(n) = args.first().and_then(|a| a.parse::<i64>().ok()) {
                    self.status = (n & 0xff) as i32;
                }
                Err(Ctl::Return)
            }
            "break" | "continue" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<u32>().ok())
                    .unwrap_or(1)
                    .max(1);
                if self.loops == 0 {
                    self.status = 0;
                    Ok(())
                } else if words[0] == "break" {
                    Err(Ctl::Break(n.min(self.loops)))
                } else {
                    Err(Ctl::Continue(n.min(self.loops)))
                }
            }
            "set" => self.set_builtin(args),
            "shift" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1);
                if n > self.positional.len() {
                    self.error("shift: can't shift that many");
                    self.status = 1;
                } else {
                    self.positional.drain(..n);
                    self.status = 0;
                }
                Ok(())
            }
            "export" | "readonly" | "local" | "declare" | "typeset" => {
                self.declare(&words[0], args)
            }
            "unset" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    self.vars.remove(a.as_str());
                    self.funcs.remove(a.as_str());
                }
                self.ok()
            }
            "cd" => self.cd(args),
            "pwd" => {
                let mut dir = self.cwd.clone();
                dir.push('\n');
                self.write(1, &dir).and_then(|()| self.ok())
            }
            "read" => self.read(args),
            "eval" => {
                let text = args.join(" ");
                self.eval_text(&text)
            }
            "." | "source" => match args.first() {
                Some(file) => {
                    let path = super::fs::absolute(&self.cwd, file);
                    match self.host.fs().read(&path).map(str::to_string) {
                        Ok(text) => self.eval_text(&text),
                        Err(e) => {
                            let m = crate::sh::cat(&[file, ": ", e.text()]);
                            self.error(&m);
                            self.status = 2;
                            Err(Ctl::Exit)
                        }
                    }
                }
                None => self.ok(),
            },
            "let" => {
                let mut last = 0;
                for a in args {
                    match self.arith_word(&vec![super::ast::Part::Quoted(a.clone())]) {
                        Ok(v) => last = v,
                        Err(e) => return Some(Err(e)),
                    }
                }
                self.status = i32::from(last == 0);
                Ok(())
            }
            "wait" | "umask" | "ulimit" => self.ok(),
            "trap" => {
                if !args.is_empty() {
                    self.host.note("\"trap\" is not simulated: no signal reaches a script in jobplay, and a trap on EXIT does not run".into());
                }
                self.ok()
            }
            "exec" if args.is_empty() => self.ok(),
            "exec" => {
                // `exec cmd`: the command replaces the shell, so the script ends with it.
                let r = self.command(args, 0);
                r.and(Err(Ctl::Exit))
            }
            "command" if args.first().is_some_and(|a| a == "-v") => {
                let name = args.get(1).cloned().unwrap_or_default();
                let mut line = name.clone();
                line.push('\n');
                self.write(1, &line).and_then(|()| self.ok())
            }
            "command" if !args.is_empty() => self.command(args, 0),
            _ => return None,
        };
        Some(r)
    }

    fn ok(&mut self) -> Done {
        self.status = 0;
        Ok(())
    }

    /// busybox's and bash's `echo`: `-n` drops the newline, `-e` reads backslash escapes.
    fn echo(&mut self, args: &[String]) -> Done {
        let mut newline = true;
        let mut escapes = false;
        let mut k = 0;
        while let Some(a) = args.get(k) {
            let flags = a
                .strip_prefix('-')
                .filter(|f| !f.is_empty() && f.chars().all(|c| "neE".contains(c)));
            let Some(flags) = flags else { break };
            for c in flags.chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            k += 1;
        }
        let mut out = String::new();
        for (i, a) in args[k..].iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if escapes {
                if !backslash_escapes(a, &mut out) {
                    newline = false;
                    break;
                }
            } else {
                out.push_str(a);
            }
        }
        if newline {
            out.push('\n');
        }
        self.write(1, &out).and_then(|()| self.ok())
    }

    fn printf(&mut self, args: &[String]) -> Done {
        let Some((format, mut rest)) = args.split_first() else {
            self.error("printf: usage: printf format [arguments]");
            self.status = 2;
            return Ok(());
        };
        let mut out = String::new();
        let mut status = 0;
        // The format is reused while arguments remain (XCU printf).
        loop {
            let used = printf_once(format, rest, &mut out, &mut status);
            rest = &rest[used.min(rest.len())..];
            if used == 0 || rest.is_empty() || out.len() > super::exec::MAX_TEXT {
                break;
            }
        }
        self.write(1, &out)?;
        self.status = status;
        Ok(())
    }

    fn test_builtin(&mut self, args: &[String]) -> Done {
        self.status = match self.test(args) {
            Ok(yes) => i32::from(!yes),
            Err(m) => {
                let mut msg = String::from("test: ");
                msg.push_str(&m);
                self.error(&msg);
                2
            }
        };
        Ok(())
    }

    fn set_builtin(&mut self, args: &[String]) -> Done {
        let mut k = 0;
        while let Some(a) = args.get(k) {
            if a == "--" {
                k += 1;
                self.positional = args[k..].to_vec();
                return self.ok();
            }
            let (on, flags) = match (a.strip_prefix('-'), a.strip_prefix('+')) {
                (Some(f), _) => (true, f),
                (_, Some(f)) => (false, f),
                _ => {
                    self.positional = args[k..].to_vec();
                    return self.ok();
                }
            };
            if flags == "o" {
                let option = args.get(k + 1).map(String::as_str).unwrap_or("");
                match option {
                    "errexit" => self.errexit = on,
                    "nounset" => self.nounset = on,
                    // Every command writes in turn: a pipeline's status is its last command's
                    // either way unless an earlier one failed, which pipefail would report.
                    "pipefail" | "xtrace" | "verbose" | "noclobber" | "posix" => {}
                    _ => self.unknown_option(option),
                }
                k += 2;
                continue;
            }
            for c in flags.chars() {
                match c {
                    'e' => self.errexit = on,
                    'u' => self.nounset = on,
                    'x' | 'v' | 'f' | 'C' | 'h' | 'm' | 'b' | 'a' | 'n' => {}
                    _ => self.unknown_option(&c.to_string()),
                }
            }
            k += 1;
        }
        self.ok()
    }

    fn unknown_option(&mut self, option: &str) {
        let mut note = String::from("the shell option \"");
        note.push_str(option);
        note.push_str("\" is not simulated; the script ran without it");
        self.host.note(note);
    }

    /// `export`, `readonly`, `local`, `declare`/`typeset` (`-a`, `-r`, `-x`; others ignored).
    fn declare(&mut self, which: &str, args: &[String]) -> Done {
        let mut read_only = which == "readonly";
        let mut export = which == "export";
        let mut array = false;
        for a in args {
            if let Some(flags) = a.strip_prefix('-') {
                if flags.contains('A') {
                    // Keys would be read as arithmetic (`m[key]` as `m[0]`): say so.
                    self.host.note("bash's associative arrays (declare -A) are not simulated; their keys are read as numbers".into());
                }
                read_only |= flags.contains('r');
                export |= flags.contains('x');
                array |= flags.contains('a');
                continue;
            }
            let (name, value) = match a.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            if !is_name(&name) {
                let m = crate::sh::cat(&[which, ": ", &name, ": bad variable name"]);
                self.error(&m);
                self.status = 1;
                continue;
            }
            let local = matches!(which, "local" | "declare" | "typeset") && !self.locals.is_empty();
            if local {
                let old = self.vars.get(&name).cloned();
                if let Some(frame) = self.locals.last_mut() {
                    if !frame.iter().any(|(n, _)| *n == name) {
                        frame.push((name.clone(), old));
                    }
                }
                if value.is_none() {
                    self.vars.remove(&name);
                }
            }
            if let Some(v) = value {
                self.set_var(&name, Value::Scalar(v))?;
            } else if !self.vars.contains_key(&name) && (local || array || which != "export") {
                let value = if array {
                    Value::Array(Vec::new())
                } else {
                    Value::Scalar(String::new())
                };
                if array || local {
                    self.set_var(&name, value)?;
                }
            }
            if let Some(v) = self.vars.get_mut(&name) {
                v.exported |= export;
                v.read_only |= read_only;
            } else if export {
                // `export NAME` before NAME is set: it is exported once set.
                self.set_var(&name, Value::Scalar(String::new()))?;
                self.vars.remove(&name);
            }
        }
        if args.is_empty() && which == "export" {
            let mut out = String::new();
            for (k, v) in self.environment() {
                out.push_str("export ");
                out.push_str(&k);
                out.push_str("='");
                out.push_str(&v.replace('\'', "'\\''"));
                out.push_str("'\n");
            }
            self.write(1, &out)?;
        }
        if self.status != 1 {
            self.status = 0;
        }
        Ok(())
    }

    fn cd(&mut self, args: &[String]) -> Done {
        let target = args
            .first()
            .cloned()
            .or_else(|| self.get("HOME"))
            .unwrap_or_else(|| "/".into());
        let path = super::fs::absolute(&self.cwd, &target);
        if self.host.fs().is_dir(&path) {
            self.cwd = path;
            self.ok()
        } else {
            let m = crate::sh::cat(&["cd: can't cd to ", &target, ": No such file or directory"]);
            self.error(&m);
            self.status = 2;
            Ok(())
        }
    }

    /// `read [-r] [-p prompt] [-a array] NAME…`: one line of standard input, split on `IFS`.
    fn read(&mut self, args: &[String]) -> Done {
        let mut raw = false;
        let mut array = None;
        let mut names = Vec::new();
        let mut k = 0;
        while let Some(a) = args.get(k) {
            match a.as_str() {
                "-r" => raw = true,
                "-p" | "-t" | "-n" | "-d" | "-u" => k += 1,
                "-a" => {
                    array = args.get(k + 1).cloned();
                    k += 1;
                }
                "-s" => {}
                _ => names.push(a.clone()),
            }
            k += 1;
        }
        let rest = &self.stdin[self.stdin_pos.min(self.stdin.len())..];
        if rest.is_empty() {
            self.status = 1;
            for n in &names {
                self.set_var(n, Value::Scalar(String::new()))?;
            }
            return Ok(());
        }
        let (line, used, complete) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1, true),
            None => (rest, rest.len(), false),
        };
        let mut line = line.to_string();
        self.stdin_pos += used;
        if !raw {
            line = line
                .replace("\\\\", "\u{0}")
                .replace('\\', "")
                .replace('\u{0}', "\\");
        }
        let ifs = match self.vars.get("IFS").map(|v| &v.value) {
            Some(Value::Scalar(s)) => s.clone(),
            _ => " \t\n".into(),
        };
        let fields: Vec<&str> = if ifs.is_empty() {
            vec![line.as_str()]
        } else {
            line.split(|c| ifs.contains(c))
                .filter(|f| !f.is_empty())
                .collect()
        };
        if let Some(a) = array {
            self.set_var(
                &a,
                Value::Array(fields.iter().map(|f| f.to_string()).collect()),
            )?;
        } else {
            if names.is_empty() {
                names.push("REPLY".into());
            }
            for (i, n) in names.iter().enumerate() {
                let value = if i + 1 == names.len() {
                    // The last name takes the rest of the line.
                    let skip: usize = i;
                    let mut rest = line
                        .trim_start_matches(|c| ifs.contains(c) && " \t".contains(c))
                        .to_string();
                    for _ in 0..skip {
                        let t = rest.trim_start_matches(|c| ifs.contains(c));
                        let end = t.find(|c| ifs.contains(c)).unwrap_or(t.len());
                        rest = t[end..].to_string();
                    }
                    rest.trim_start_matches(|c| ifs.contains(c))
                        .trim_end_matches(|c| " \t".contains(c))
                        .to_string()
                } else {
                    fields.get(i).map(|f| f.to_string()).unwrap_or_default()
                };
                self.set_var(n, Value::Scalar(value))?;
            }
        }
        // A last line without its newline is read, but `read` reports the end of input.
        self.status = i32::from(!complete);
        Ok(())
    }
}

/// `echo -e` and `%b`'s escapes into `out`; false at `\c` (stop all output).
pub fn backslash_escapes(a: &str, out: &mut String) -> bool {
    let mut chars = a.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some('e') => out.push('\x1b'),
            Some('\\') => out.push('\\'),
            Some('c') => return false,
            Some('0') => {
                let mut v = 0u32;
                for _ in 0..3 {
                    match chars.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('?'));
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    true
}

/// One pass of a `printf` format over `args`: how many arguments it used.
fn printf_once(format: &str, args: &[String], out: &mut String, status: &mut i32) -> usize {
    let mut used = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let mut esc = String::from("\\");
            if let Some(n) = chars.next() {
                esc.push(n);
            }
            backslash_escapes(&esc, out);
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while let Some(f) = chars.peek().copied().filter(|f| "-+ 0#".contains(*f)) {
            flags.push(f);
            chars.next();
        }
        let mut width = String::new();
        while let Some(d) = chars
            .peek()
            .copied()
            .filter(|d| d.is_ascii_digit() || *d == '*')
        {
            width.push(d);
            chars.next();
        }
        let mut precision: Option<String> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                p.push(d);
                chars.next();
            }
            precision = Some(p);
        }
        let Some(conv) = chars.next() else {
            out.push('%');
            break;
        };
        if conv == '%' {
            out.push('%');
            continue;
        }
        if width == "*" {
            width = args.get(used).cloned().unwrap_or_default();
            used += 1;
        }
        let arg = args.get(used).cloned();
        used += 1;
        let arg_text = arg.clone().unwrap_or_default();
        let body = match conv {
            's' => {
                let mut s = arg_text;
                if let Some(p) = precision.as_deref().and_then(|p| p.parse::<usize>().ok()) {
                    s = s.chars().take(p).collect();
                }
                s
            }
            'b' => {
                let mut s = String::new();
                backslash_escapes(&arg_text, &mut s);
                s
            }
            'c' => arg_text
                .chars()
                .next()
                .map(String::from)
                .unwrap_or_default(),
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = printf_number(&arg_text, status);
                let mut s = match conv {
                    'x' => hex(n as u64, false),
                    'X' => hex(n as u64, true),
                    'o' => octal(n as u64),
                    _ => num(n.unsigned_abs() as i64),
                };
                if let Some(p) = precision.as_deref().and_then(|p| p.parse::<usize>().ok()) {
                    while s.len() < p {
                        s.insert(0, '0');
                    }
                }
                if matches!(conv, 'd' | 'i') && n < 0 {
                    s.insert(0, '-');
                } else if flags.contains('+') && matches!(conv, 'd' | 'i') {
                    s.insert(0, '+');
                }
                s
            }
            'f' => {
                let v = crate::decimal::parse_f64(arg_text.trim()).unwrap_or(0.0);
                let digits = precision
                    .as_deref()
                    .and_then(|p| p.parse::<usize>().ok())
                    .unwrap_or(6);
                let mut s = String::new();
                let _ = std::fmt::Write::write_fmt(
                    &mut s,
                    format_args!("{:.*}", digits.min(800), crate::decimal::Decimal(v)),
                );
                s
            }
            _ => {
                *status = 1;
                let mut s = String::from("%");
                s.push(conv);
                s
            }
        };
        let width: usize = width.parse().unwrap_or(0);
        let pad = width.saturating_sub(body.chars().count());
        if flags.contains('-') {
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if flags.contains('0') && !matches!(conv, 's' | 'c' | 'b') {
            let (sign, digits) = if body.starts_with(['-', '+']) {
                body.split_at(1)
            } else {
                ("", body.as_str())
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&body);
        }
    }
    used.min(args.len())
        .max(usize::from(!args.is_empty() && used > 0))
}

/// A `printf` numeric argument: a number, `'c` for a character's code, else 0 with status 1.
fn printf_number(text: &str, status: &mut i32) -> i64 {
    let t = text.trim();
    if t.is_empty() {
        return 0;
    }
    if let Some(c) = t.strip_prefix(['\'', '"']).and_then(|r| r.chars().next()) {
        return i64::from(u32::from(c));
    }
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match super::arith::number(digits) {
        Some(n) if neg => -n,
        Some(n) => n,
        None => {
            *status = 1;
            0
        }
    }
}

fn hex(mut n: u64, upper: bool) -> String {
    let digits = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 16) as usize]);
        n /= 16;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn octal(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'0' + (n % 8) as u8);
        n /= 8;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
