//! `test`/`[` (XCU `test`, with its argument-count rules) and bash's `[[ ]]`: the same
//! primaries, where `[[ ]]` adds `&&`, `||`, pattern matching on `==`/`!=` and no splitting.

use super::ast::CondTok;
use super::exec::{Ctl, Shell};
use super::pattern;

/// What a test could not read: the message `test` prints (status 2).
pub type TestResult = Result<bool, String>;

impl Shell<'_> {
    /// `test ARGS` / `[ ARGS ]` (the `]` already removed).
    pub fn test(&mut self, args: &[String]) -> TestResult {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        self.test_args(&a)
    }

    fn test_args(&mut self, a: &[&str]) -> TestResult {
        // XCU test: the meaning follows from the number of arguments.
        match a {
            [] => Ok(false),
            [x] => Ok(!x.is_empty()),
            ["!", rest @ ..] if a.len() <= 4 => self.test_args(rest).map(|v| !v),
            [op, x] => self.unary(op, x),
            [x, op, y] if is_binary(op) => self.binary(x, op, y, false),
            ["(", x, ")"] => Ok(!x.is_empty()),
            _ => {
                // `-o` binds loosest, then `-a`.
                if let Some(k) = a.iter().rposition(|w| *w == "-o").filter(|k| *k > 0) {
                    return Ok(self.test_args(&a[..k])? || self.test_args(&a[k + 1..])?);
                }
                if let Some(k) = a.iter().rposition(|w| *w == "-a").filter(|k| *k > 0) {
                    return Ok(self.test_args(&a[..k])? && self.test_args(&a[k + 1..])?);
                }
                if a.first() == Some(&"(") && a.last() == Some(&")") {
                    return self.test_args(&a[1..a.len() - 1]);
                }
                let mut m = a.last().copied().unwrap_or("").to_string();
                m.push_str(": unknown operand");
                Err(m)
            }
        }
    }

    fn unary(&mut self, op: &str, x: &str) -> TestResult {
        let path = super::fs::absolute(&self.cwd, x);
        let fs = self.host.fs();
        Ok(match op {
            "-n" => !x.is_empty(),
            "-z" => x.is_empty(),
            "-e" | "-a" => fs.exists(&path),
            "-f" => fs.is_file(&path),
            "-d" => fs.is_dir(&path),
            "-s" => fs.read(&path).is_ok_and(|t| !t.is_empty()),
            "-r" | "-w" => fs.exists(&path),
            // Scripts and programs are not files here; a file is not executable.
            "-x" => fs.is_dir(&path),
            "-L" | "-h" | "-p" | "-S" | "-b" | "-c" => false,
            "-t" => false,
            "-v" => self.get(x).is_some(),
            _ => {
                let mut m = op.to_string();
                m.push_str(": unary operator expected");
                return Err(m);
            }
        })
    }

    fn binary(&mut self, x: &str, op: &str, y: &str, patterns: bool) -> TestResult {
        let int = |s: &str| -> Result<i64, String> {
            s.trim().parse::<i64>().map_err(|_| {
                let mut m = s.to_string();
                m.push_str(": integer expression expected");
                m
            })
        };
        Ok(match op {
            "=" | "==" if patterns => pattern::matches(y, x),
            "!=" if patterns => !pattern::matches(y, x),
            "=" | "==" => x == y,
            "!=" => x != y,
            "<" => x < y,
            ">" => x > y,
            "-eq" => int(x)? == int(y)?,
            "-ne" => int(x)? != int(y)?,
            "-lt" => int(x)? < int(y)?,
            "-le" => int(x)? <= int(y)?,
            "-gt" => int(x)? > int(y)?,
            "-ge" => int(x)? >= int(y)?,
            "-nt" | "-ot" | "-ef" => false,
            _ => {
                let mut m = op.to_string();
                m.push_str(": binary operator expected");
                return Err(m);
            }
        })
    }

    /// `[[ … ]]`.
    pub fn cond(&mut self, toks: &[CondTok]) -> Result<bool, Ctl> {
        let mut pos = 0;
        let r = self.cond_or(toks, &mut pos);
        match r {
            Ok(v) if pos == toks.len() => Ok(v),
            Ok(_) => {
                self.error("syntax error in conditional expression");
                self.status = 2;
                Err(Ctl::Exit)
            }
            Err(CondError::Ctl(c)) => Err(c),
            Err(CondError::Message(m)) => {
                self.error(&m);
                Ok(false)
            }
        }
    }

    fn cond_or(&mut self, t: &[CondTok], pos: &mut usize) -> Result<bool, CondError> {
        let mut v = self.cond_and(t, pos)?;
        while matches!(t.get(*pos), Some(CondTok::Or)) {
            *pos += 1;
            let r = if v {
                self.skip_cond(t, pos, false)
            } else {
                self.cond_and(t, pos)
            }?;
            v = v || r;
        }
        Ok(v)
    }

    fn cond_and(&mut self, t: &[CondTok], pos: &mut usize) -> Result<bool, CondError> {
        let mut v = self.cond_not(t, pos)?;
        while matches!(t.get(*pos), Some(CondTok::And)) {
            *pos += 1;
            let r = if v {
                self.cond_not(t, pos)
            } else {
                self.skip_cond(t, pos, true)
            }?;
            v = v && r;
        }
        Ok(v)
    }

    /// Steps over an operand that short-circuiting leaves unevaluated.
    fn skip_cond(&mut self, t: &[CondTok], pos: &mut usize, and: bool) -> Result<bool, CondError> {
        let mut depth = 0;
        while let Some(tok) = t.get(*pos) {
            match tok {
                CondTok::Open => depth += 1,
                CondTok::Close if depth == 0 => break,
                CondTok::Close => depth -= 1,
                CondTok::Or if depth == 0 => break,
                CondTok::And if depth == 0 && and => break,
                _ => {}
            }
            *pos += 1;
        }
        Ok(!and)
    }

    fn cond_not(&mut self, t: &[CondTok], pos: &mut usize) -> Result<bool, CondError> {
        match t.get(*pos) {
            Some(CondTok::Not) => {
                *pos += 1;
                Ok(!self.cond_not(t, pos)?)
            }
            Some(CondTok::Open) => {
                *pos += 1;
                let v = self.cond_or(t, pos)?;
                if !matches!(t.get(*pos), Some(CondTok::Close)) {
                    return Err(CondError::Message(
                        "syntax error in conditional expression: expected `)'".into(),
                    ));
                }
                *pos += 1;
                Ok(v)
            }
            _ => self.cond_primary(t, pos),
        }
    }

    fn cond_primary(&mut self, t: &[CondTok], pos: &mut usize) -> Result<bool, CondError> {
        let word = |k: usize| match t.get(k) {
            Some(CondTok::Word(w)) => Some(w),
            _ => None,
        };
        let Some(first) = word(*pos) else {
            return Err(CondError::Message(
                "syntax error in conditional expression".into(),
            ));
        };
        let a = self.expand_one(first).map_err(CondError::Ctl)?;
        let op = word(*pos + 1).and_then(|w| match w.as_slice() {
            [super::ast::Part::Lit(o)] => Some(o.clone()),
            _ => None,
        });
        if let (Some(op), Some(rhs)) = (op.as_deref(), word(*pos + 2)) {
            if is_binary(op) || op == "=~" {
                *pos += 3;
                if op == "=~" {
                    let re = self.expand_one(rhs).map_err(CondError::Ctl)?;
                    return Ok(
                        super::regex::Regex::new(&re, true).is_some_and(|r| r.find(&a).is_some())
                    );
                }
                let b = if matches!(op, "=" | "==" | "!=") {
                    self.expand_pattern(rhs)
                } else {
                    self.expand_one(rhs)
                }
                .map_err(CondError::Ctl)?;
                return self.binary(&a, op, &b, true).map_err(CondError::Message);
            }
        }
        if a.starts_with('-') && a.len() == 2 {
            if let Some(arg) = word(*pos + 1) {
                let x = self.expand_one(arg).map_err(CondError::Ctl)?;
                *pos += 2;
                return self.unary(&a, &x).map_err(CondError::Message);
            }
        }
        *pos += 1;
        Ok(!a.is_empty())
    }
}

enum CondError {
    Ctl(Ctl),
    Message(String),
}

fn is_binary(op: &str) -> bool {
    matches!(
        op,
        "=" | "=="
            | "!="
            | "<"
            | ">"
            | "-eq"
            | "-ne"
            | "-lt"
            | "-le"
            | "-gt"
            | "-ge"
            | "-nt"
            | "-ot"
            | "-ef"
    )
}
