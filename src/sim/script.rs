//! A small reader for the shell scripts in Kubernetes docs manifests: `sleep N`, `exit N`, `echo ...` with variable expansion, `$RANDOM`,
//! `$((...))` arithmetic, `if`/`for` in their simple forms, `;` and `&&` sequencing.
//!
//! Every command costs one step from a fixed budget, so a looping script ends with a note
//! instead of hanging the page. What is not understood is reported, and the
//! container then runs for the default time.

use crate::api::Str;
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
    };
    shell.run_block(&split_statements(&script));
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
}

/// Splits a script into statements at newlines, `;` and `&&`/`||` outside quotes, keeping
/// `if ... fi` and `for ... done` blocks together.
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
            (None, '&') if depth <= 0 && chars.get(i + 1) == Some(&'&') => {
                raw.push(std::mem::take(&mut cur));
                i += 2;
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

    fn run_statement(&mut self, s: &str) -> Flow {
        if self.budget_spent() {
            return Flow::Exit;
        }
        let words = self.words(s);
        let Some(first) = words.first().map(String::as_str) else {
            return Flow::Next;
        };
        match first {
            "if" => return self.run_if(s),
            "for" => return self.run_for(s),
            "sleep" | "/bin/sleep" => {
                let secs: f64 = words
                    .get(1)
                    .and_then(|w| w.trim_end_matches('s').parse().ok())
                    .unwrap_or(0.0);
                self.out.run =
                    self.out.run + SimDuration::from_millis((secs.clamp(0.0, 1e9) * 1000.0) as i64);
            }
            "exit" => {
                self.out.exit_code = words
                    .get(1)
                    .and_then(|w| w.parse::<i64>().ok())
                    .map_or(0, |c| (c & 0xff) as i32);
                return Flow::Exit;
            }
            "echo" | "/bin/echo" | "printf" => {
                let text = words[1..].join(" ");
                if self.out.log.len() < MAX_LOG_LINES {
                    self.out.log.push(text);
                }
            }
            "true" | ":" | "date" | "hostname" | "set" | "export" | "cd" => {}
            "false" => self.out.exit_code = 1,
            w if w.contains('=') && !w.starts_with('=') => {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                self.vars.insert(k.to_string(), v.to_string());
            }
            other => {
                self.out.note.get_or_insert_with(|| {
                    format!("\"{other}\" is not simulated; the container runs for the default time")
                });
            }
        }
        Flow::Next
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
        let branch = if self.test(cond.trim().trim_end_matches(';')) {
            yes
        } else {
            no
        };
        self.run_block(&split_statements(branch))
    }

    fn test(&mut self, cond: &str) -> bool {
        let w = self.words(cond);
        let w: Vec<&str> = w
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
            ["true"] => true,
            ["false"] => false,
            _ => {
                self.out.note.get_or_insert_with(|| {
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

    /// Inside `$((...))` a bare name means the variable's value, as in bash.
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
                    n => self.vars.get(n).cloned().unwrap_or_else(|| "0".into()),
                };
                out.push_str(&value);
                name.clear();
            }
            out.push(c);
        }
        out.trim_end().to_string()
    }

    /// Expands `$VAR`, `${VAR}`, `$RANDOM`, `$((expr))`; returns the text and chars consumed.
    fn expand_dollar(&mut self, chars: &[char]) -> (String, usize) {
        let rest: String = chars.iter().collect();
        if let Some(inner) = rest.strip_prefix("$((") {
            if let Some(end) = inner.find("))") {
                let expr = &inner[..end];
                let words = self.words(expr).join(" ");
                let expanded = self.bare_names(&words);
                return (
                    eval_arith(&expanded).map_or_else(|| "0".into(), |v| v.to_string()),
                    3 + end + 2,
                );
            }
        }
        let (name, used) = if let Some(inner) = rest.strip_prefix("${") {
            match inner.find('}') {
                Some(end) => (inner[..end].to_string(), end + 3),
                None => return ("$".into(), 1),
            }
        } else {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                return ("$".into(), 1);
            }
            let len = name.chars().count();
            (name, len + 1)
        };
        let value = match name.as_str() {
            "RANDOM" => self.rng.below(32_768).to_string(),
            _ => self.vars.get(&name).cloned().unwrap_or_default(),
        };
        (value, used)
    }
}

/// Integer arithmetic with `+ - * / %` and parentheses, as `$((...))` does.
pub fn eval_arith(expr: &str) -> Option<i64> {
    let tokens: Vec<String> = {
        let mut t = Vec::new();
        let mut num = String::new();
        for c in expr.chars() {
            if c.is_ascii_digit() {
                num.push(c);
            } else {
                if !num.is_empty() {
                    t.push(std::mem::take(&mut num));
                }
                if "+-*/%()".contains(c) {
                    t.push(c.to_string());
                } else if !c.is_whitespace() {
                    return None;
                }
            }
        }
        if !num.is_empty() {
            t.push(num);
        }
        t
    };
    let mut pos = 0;
    let v = arith_sum(&tokens, &mut pos, 0)?;
    (pos == tokens.len()).then_some(v)
}

fn arith_sum(t: &[String], pos: &mut usize, depth: usize) -> Option<i64> {
    let mut v = arith_product(t, pos, depth)?;
    while let Some(op) = t.get(*pos).filter(|o| *o == "+" || *o == "-") {
        let op = op.clone();
        *pos += 1;
        let r = arith_product(t, pos, depth)?;
        v = if op == "+" {
            v.wrapping_add(r)
        } else {
            v.wrapping_sub(r)
        };
    }
    Some(v)
}

fn arith_product(t: &[String], pos: &mut usize, depth: usize) -> Option<i64> {
    let mut v = arith_atom(t, pos, depth)?;
    while let Some(op) = t
        .get(*pos)
        .filter(|o| matches!(o.as_str(), "*" | "/" | "%"))
    {
        let op = op.clone();
        *pos += 1;
        let r = arith_atom(t, pos, depth)?;
        v = match op.as_str() {
            "*" => v.wrapping_mul(r),
            "/" => v.checked_div(r)?,
            _ => v.checked_rem(r)?,
        };
    }
    Some(v)
}

fn arith_atom(t: &[String], pos: &mut usize, depth: usize) -> Option<i64> {
    if depth > 64 {
        return None;
    }
    let tok = t.get(*pos)?.clone();
    *pos += 1;
    match tok.as_str() {
        "(" => {
            let v = arith_sum(t, pos, depth + 1)?;
            (t.get(*pos)? == ")").then_some(())?;
            *pos += 1;
            Some(v)
        }
        "-" => arith_atom(t, pos, depth + 1).map(i64::wrapping_neg),
        n => n.parse().ok(),
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
}
