//! `grep [-vicnqlhHwxoEFs] [-e PATTERN]… [PATTERN] [FILE…]`.

use super::{options, Call};
use crate::sh::exec::num;
use crate::sh::regex::Regex;

pub fn grep(c: &mut Call) {
    let (opts, mut operands) = options(c.args, "emAB");
    let mut patterns: Vec<String> = Vec::new();
    let (mut invert, mut icase, mut count, mut numbers, mut quiet, mut list) =
        (false, false, false, false, false, false);
    let (mut word, mut whole, mut only, mut fixed, mut silent) =
        (false, false, false, c.name == "fgrep", false);
    let mut ere = c.name == "egrep";
    let mut names: Option<bool> = None;
    for (o, v) in opts {
        match o {
            'e' => patterns.push(v),
            'v' => invert = true,
            'i' | 'y' => icase = true,
            'c' => count = true,
            'n' => numbers = true,
            'q' => quiet = true,
            'l' => list = true,
            'h' => names = Some(false),
            'H' => names = Some(true),
            'w' => word = true,
            'x' => whole = true,
            'o' => only = true,
            'E' => ere = true,
            'F' => fixed = true,
            's' => silent = true,
            _ => c.note("with that option"),
        }
    }
    if patterns.is_empty() {
        if operands.is_empty() {
            c.fail("usage: grep [OPTIONS] PATTERN [FILE]...", 2);
            return;
        }
        patterns.push(operands.remove(0));
    }
    let mut res = Vec::new();
    for p in patterns.iter().flat_map(|p| p.split('\n')) {
        let mut text = if fixed { escape(p) } else { p.to_string() };
        if word {
            text = wrap(
                &text,
                "\\(^\\|[^[:alnum:]_]\\)\\(",
                "\\)\\([^[:alnum:]_]\\|$\\)",
                ere,
            );
        }
        if whole {
            text = wrap(&text, "^\\(", "\\)$", ere);
        }
        let Some(mut r) = Regex::new(&text, ere && !fixed) else {
            let mut m = String::from("bad regex '");
            m.push_str(p);
            m.push('\'');
            c.fail(&m, 2);
            return;
        };
        r.icase = icase;
        res.push((r, word));
    }
    let inputs = if operands.is_empty() {
        vec![(String::from("(standard input)"), c.stdin.to_string())]
    } else {
        let mut v = Vec::new();
        for f in &operands {
            let path = c.path(f);
            match c.host.fs().read(&path) {
                Ok(t) => v.push((f.clone(), t.to_string())),
                Err(e) if !silent => {
                    let m = crate::sh::cat(&[f, ": ", e.text()]);
                    c.fail(&m, 2);
                }
                Err(_) => c.out.status = 2,
            }
        }
        v
    };
    let show_names = names.unwrap_or(operands.len() > 1);
    let mut any = false;
    for (name, text) in &inputs {
        let mut hits = 0;
        let body = text.strip_suffix('\n').unwrap_or(text);
        for (k, line) in body.split('\n').enumerate() {
            if text.is_empty() {
                break;
            }
            let found = res.iter().find_map(|(r, _)| r.find(line));
            if found.is_some() == invert {
                continue;
            }
            hits += 1;
            any = true;
            if quiet || list || count {
                continue;
            }
            let mut prefix = String::new();
            if show_names {
                prefix.push_str(name);
                prefix.push(':');
            }
            if numbers {
                prefix.push_str(&num(k as i64 + 1));
                prefix.push(':');
            }
            match found.filter(|_| only && !invert) {
                Some((a, b)) => {
                    c.print(&prefix);
                    c.line(&line[a..b]);
                }
                None => {
                    c.print(&prefix);
                    c.line(line);
                }
            }
        }
        if count && !quiet {
            if show_names {
                c.print(name);
                c.print(":");
            }
            c.line(&num(hits));
        }
        if list && hits > 0 && !quiet {
            c.line(name);
        }
        if quiet && any {
            break;
        }
    }
    if c.out.status != 2 || any {
        c.out.status = i32::from(!any);
    }
}

fn escape(p: &str) -> String {
    let mut out = String::new();
    for ch in p.chars() {
        if "\\.[]*^$".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Surrounds a basic expression; an extended one gets the same groups in its own syntax.
fn wrap(text: &str, before: &str, after: &str, ere: bool) -> String {
    let mut s = crate::sh::cat(&[before, text, after]);
    if ere {
        s = s
            .replace("\\(", "(")
            .replace("\\)", ")")
            .replace("\\|", "|");
    }
    s
}
