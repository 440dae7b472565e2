//! `grep [-vicnqlhHwxoEFs] [-A N] [-B N] [-C N] [-e PATTERN]… [PATTERN] [FILE…]`.

use super::{options, Call};
use crate::sh::exec::num;
use crate::sh::regex::Regex;

pub fn grep(c: &mut Call) {
    let (opts, mut operands) = options(c.args, "emABC");
    let mut patterns: Vec<String> = Vec::new();
    let (mut invert, mut icase, mut count, mut numbers, mut quiet, mut list) =
        (false, false, false, false, false, false);
    let (mut word, mut whole, mut only, mut fixed, mut silent) =
        (false, false, false, c.name == "fgrep", false);
    let mut ere = c.name == "egrep";
    let mut names: Option<bool> = None;
    // Lines of context after and before each selected line (`-A`, `-B`, `-C`).
    let (mut after, mut before) = (0usize, 0usize);
    for (o, v) in opts {
        let lines = || v.parse::<usize>().ok();
        match o {
            'A' | 'B' | 'C' if lines().is_none() => {
                let m = crate::sh::cat(&["invalid context length argument: ", &v]);
                c.fail(&m, 2);
                return;
            }
            'A' => after = lines().unwrap_or(0),
            'B' => before = lines().unwrap_or(0),
            'C' => (after, before) = (lines().unwrap_or(0), lines().unwrap_or(0)),
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
    let context = after > 0 || before > 0;
    // The last line printed, for the `--` between groups of context that do not touch.
    let mut printed: Option<usize> = None;
    for (name, text) in &inputs {
        let mut hits = 0;
        let body = text.strip_suffix('\n').unwrap_or(text);
        let lines: Vec<&str> = if text.is_empty() {
            Vec::new()
        } else {
            body.split('\n').collect()
        };
        let selected: Vec<Option<Option<(usize, usize)>>> = lines
            .iter()
            .map(|line| {
                let found = res.iter().find_map(|(r, _)| r.find(line));
                (found.is_some() != invert).then_some(found)
            })
            .collect();
        // Up to which line the last selected line's `-A` context reaches.
        let mut shown_until = 0usize;
        for (k, line) in lines.iter().enumerate() {
            let Some(found) = selected[k] else {
                let before_next =
                    (k + 1..=k + before).any(|j| selected.get(j).is_some_and(Option::is_some));
                if context && !(quiet || list || count) && (k < shown_until || before_next) {
                    separate(c, &mut printed, k);
                    print_line(c, name, show_names, numbers, k, '-', line);
                }
                continue;
            };
            hits += 1;
            any = true;
            if quiet || list || count {
                continue;
            }
            if context {
                separate(c, &mut printed, k);
                shown_until = k + 1 + after;
            }
            match found.filter(|_| only && !invert) {
                Some((a, b)) => print_line(c, name, show_names, numbers, k, ':', &line[a..b]),
                None => print_line(c, name, show_names, numbers, k, ':', line),
            }
        }
        printed = printed.map(|_| usize::MAX - 1);
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

/// A line as grep prints it: its file's name and its number when asked for, each followed by
/// `mark` (`:` for a selected line, `-` for context).
fn print_line(
    c: &mut Call,
    name: &str,
    names: bool,
    numbers: bool,
    k: usize,
    mark: char,
    line: &str,
) {
    let mut prefix = String::new();
    if names {
        prefix.push_str(name);
        prefix.push(mark);
    }
    if numbers {
        prefix.push_str(&num(k as i64 + 1));
        prefix.push(mark);
    }
    c.print(&prefix);
    c.line(line);
}

/// With context lines, `--` between groups that are not next to each other.
fn separate(c: &mut Call, printed: &mut Option<usize>, k: usize) {
    if printed.is_some_and(|p| p.wrapping_add(1) != k) {
        c.line("--");
    }
    *printed = Some(k);
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
