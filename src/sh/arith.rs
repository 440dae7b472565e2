//! `$((…))`, `(( ))` and `let` arithmetic (XCU 2.6.4 with bash's operators): C's operators and
//! precedence on 64-bit integers, `**`, assignments, `++`/`--`, `?:` and `,`; a bare name is
//! its variable's value, itself read as an expression (bash), and 0 when unset or empty.

/// Reads and writes the variables an expression names (`index` for `a[i]`).
pub trait ArithVars {
    fn get(&mut self, name: &str, index: Option<i64>) -> String;
    fn set(&mut self, name: &str, index: Option<i64>, value: i64);
}

/// The value of `expr`, or the message sh prints.
pub fn eval(expr: &str, vars: &mut dyn ArithVars) -> Result<i64, String> {
    eval_depth(expr, vars, 0)
}

fn eval_depth(expr: &str, vars: &mut dyn ArithVars, depth: u32) -> Result<i64, String> {
    if depth > 32 {
        return Err("expression recursion level exceeded".into());
    }
    let tokens = tokens(expr)?;
    if tokens.is_empty() {
        return Ok(0);
    }
    let mut e = Eval {
        t: &tokens,
        pos: 0,
        vars,
        depth,
        skip: 0,
    };
    let v = e.comma()?;
    match e.t.get(e.pos) {
        None => Ok(v),
        Some(_) => Err(syntax()),
    }
}

fn syntax() -> String {
    "arithmetic syntax error".into()
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Var(String, Option<String>),
    Op(&'static str),
}

/// Longest first, so that `<<=` is not read as `<<` or `<`.
const OPS: [&str; 36] = [
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "&=", "^=", "|=", "<", ">", "+", "-", "*", "/", "%", "!", "~", "&", "^", "|",
    "?", ":", "=",
];

fn tokens(expr: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let b = expr.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'#' || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Num(number(&expr[start..i]).ok_or_else(syntax)?));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let name = expr[start..i].to_string();
            let mut index = None;
            if b.get(i) == Some(&b'[') {
                let mut depth = 0;
                let open = i;
                while i < b.len() {
                    match b[i] {
                        b'[' => depth += 1,
                        b']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return Err(syntax());
                }
                index = Some(expr[open + 1..i].to_string());
                i += 1;
            }
            out.push(Tok::Var(name, index));
        } else if c == b'(' {
            out.push(Tok::Op("("));
            i += 1;
        } else if c == b')' {
            out.push(Tok::Op(")"));
            i += 1;
        } else {
            let op = OPS
                .iter()
                .find(|op| expr[i..].starts_with(**op))
                .ok_or_else(syntax)?;
            out.push(Tok::Op(op));
            i += op.len();
        }
    }
    Ok(out)
}

/// A number as the shell reads it: decimal, `0x` hex, `0` octal or `BASE#digits`.
pub fn number(text: &str) -> Option<i64> {
    let (base, digits) = if let Some((b, d)) = text.split_once('#') {
        (b.parse::<u32>().ok().filter(|b| (2..=64).contains(b))?, d)
    } else if let Some(h) = text.strip_prefix("0x").or(text.strip_prefix("0X")) {
        (16, h)
    } else if text.len() > 1 && text.starts_with('0') {
        (8, &text[1..])
    } else {
        (10, text)
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(36)?;
        if d >= base {
            return None;
        }
        v = v.wrapping_mul(i64::from(base)).wrapping_add(i64::from(d));
    }
    Some(v)
}

/// Binary operators by precedence, loosest first (after `?:`).
const LEVELS: [&[&str]; 10] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", ">", "<=", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

struct Eval<'a> {
    t: &'a [Tok],
    pos: usize,
    vars: &'a mut dyn ArithVars,
    depth: u32,
    /// Inside a branch that is not taken (`0 && x`, `?:`): parse, but change nothing.
    skip: u32,
}

impl Eval<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.t.get(self.pos) {
            Some(Tok::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        let yes = self.peek_op() == Some(op);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn comma(&mut self) -> Result<i64, String> {
        let mut v = self.assign()?;
        while self.eat(",") {
            v = self.assign()?;
        }
        Ok(v)
    }

    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(Tok::Var(name, index)), Some(Tok::Op(op))) =
            (self.t.get(self.pos), self.t.get(self.pos + 1))
        {
            let compound =
                op.len() >= 2 && op.ends_with('=') && !matches!(*op, "==" | "!=" | "<=" | ">=");
            if *op == "=" || compound {
                let (name, index, op) = (name.clone(), index.clone(), *op);
                self.pos += 2;
                let rhs = self.assign()?;
                let index = self.index(index.as_deref())?;
                let v = if op == "=" {
                    rhs
                } else {
                    let old = self.value(&name, index)?;
                    binary(&op[..op.len() - 1], old, rhs)?
                };
                if self.skip == 0 {
                    self.vars.set(&name, index, v);
                }
                return Ok(v);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.binary(0)?;
        if !self.eat("?") {
            return Ok(c);
        }
        self.skip += u32::from(c == 0);
        let a = self.assign()?;
        self.skip -= u32::from(c == 0);
        if !self.eat(":") {
            return Err(syntax());
        }
        self.skip += u32::from(c != 0);
        let b = self.assign()?;
        self.skip -= u32::from(c != 0);
        Ok(if c != 0 { a } else { b })
    }

    fn binary(&mut self, level: usize) -> Result<i64, String> {
        let Some(ops) = LEVELS.get(level) else {
            return self.power();
        };
        let mut v = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|o| ops.contains(o)) {
            self.pos += 1;
            // The right side of a decided `&&`/`||` is read but not evaluated.
            let short = (op == "&&" && v == 0) || (op == "||" && v != 0);
            self.skip += u32::from(short);
            let r = self.binary(level + 1);
            self.skip -= u32::from(short);
            let r = r?;
            v = if self.skip > 0 || short {
                match op {
                    "&&" => 0,
                    "||" => 1,
                    _ => binary(op, v, r).unwrap_or(0),
                }
            } else {
                binary(op, v, r)?
            };
        }
        Ok(v)
    }

    fn power(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if self.eat("**") {
            let exp = self.power()?;
            if exp < 0 {
                return if self.skip > 0 {
                    Ok(0)
                } else {
                    Err("exponent less than 0".into())
                };
            }
            return Ok(base.wrapping_pow(exp.min(u32::MAX as i64) as u32));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<i64, String> {
        if self.depth > 40 {
            return Err("expression recursion level exceeded".into());
        }
        let Some(tok) = self.t.get(self.pos).cloned() else {
            return Err(syntax());
        };
        self.pos += 1;
        match tok {
            Tok::Num(n) => Ok(n),
            Tok::Var(name, index) => {
                let index = self.index(index.as_deref())?;
                let v = self.value(&name, index)?;
                for (op, d) in [("++", 1), ("--", -1)] {
                    if self.eat(op) {
                        if self.skip == 0 {
                            self.vars.set(&name, index, v.wrapping_add(d));
                        }
                        return Ok(v);
                    }
                }
                Ok(v)
            }
            Tok::Op(op @ ("++" | "--")) => match self.t.get(self.pos).cloned() {
                Some(Tok::Var(name, index)) => {
                    self.pos += 1;
                    let index = self.index(index.as_deref())?;
                    let v = self
                        .value(&name, index)?
                        .wrapping_add(if op == "++" { 1 } else { -1 });
                    if self.skip == 0 {
                        self.vars.set(&name, index, v);
                    }
                    Ok(v)
                }
                // `--5` is minus minus five.
                _ => {
                    let v = self.nested_unary()?;
                    Ok(v)
                }
            },
            Tok::Op("(") => {
                self.depth += 1;
                let v = self.comma();
                self.depth -= 1;
                let v = v?;
                if self.eat(")") {
                    Ok(v)
                } else {
                    Err(syntax())
                }
            }
            Tok::Op("-") => Ok(self.nested_unary()?.wrapping_neg()),
            Tok::Op("+") => self.nested_unary(),
            Tok::Op("!") => Ok(i64::from(self.nested_unary()? == 0)),
            Tok::Op("~") => Ok(!self.nested_unary()?),
            Tok::Op(_) => Err(syntax()),
        }
    }

    fn nested_unary(&mut self) -> Result<i64, String> {
        self.depth += 1;
        let v = self.unary();
        self.depth -= 1;
        v
    }

    fn index(&mut self, index: Option<&str>) -> Result<Option<i64>, String> {
        match index {
            None => Ok(None),
            Some(text) => eval_depth(text, self.vars, self.depth + 1).map(Some),
        }
    }

    /// A variable's value read as an expression.
    fn value(&mut self, name: &str, index: Option<i64>) -> Result<i64, String> {
        let text = self.vars.get(name, index);
        let text = text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        if let Some(n) = number(text) {
            return Ok(n);
        }
        eval_depth(text, self.vars, self.depth + 1)
    }
}

fn binary(op: &str, a: i64, b: i64) -> Result<i64, String> {
    Ok(match op {
        "||" => i64::from(a != 0 || b != 0),
        "&&" => i64::from(a != 0 && b != 0),
        "|" => a | b,
        "^" => a ^ b,
        "&" => a & b,
        "==" => i64::from(a == b),
        "!=" => i64::from(a != b),
        "<" => i64::from(a < b),
        ">" => i64::from(a > b),
        "<=" => i64::from(a <= b),
        ">=" => i64::from(a >= b),
        "<<" => a.wrapping_shl(b as u32),
        ">>" => a.wrapping_shr(b as u32),
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        "/" | "%" if b == 0 => return Err("divide by zero".into()),
        "/" => a.wrapping_div(b),
        "%" => a.wrapping_rem(b),
        _ => return Err(syntax()),
    })
}
