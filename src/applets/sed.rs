//! `sed [-n] [-E|-r] [-i] [-e SCRIPT]… [SCRIPT] [FILE…]` with the common commands: `s` (flags
//! `g`, `p`, `N`, `i`), `d`, `p`, `q`, `=`, and addresses `N`, `$`, `/RE/` and ranges. Other
//! commands are noted and skipped.

use super::{options, Call};
use crate::sh::exec::num;
use crate::sh::regex::Regex;

#[derive(Clone)]
enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

enum Op {
    Subst {
        re: Regex,
        with: String,
        global: bool,
        nth: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit,
    LineNumber,
}

struct Command {
    from: Option<Addr>,
    to: Option<Addr>,
    negate: bool,
    op: Op,
    /// Inside a range that has started.
    active: bool,
}

pub fn sed(c: &mut Call) {
    let (opts, mut operands) = options(c.args, "ef");
    let (mut quiet, mut ere, mut in_place) = (false, false, false);
    let mut scripts = Vec::new();
    for (o, v) in opts {
        match o {
            'n' => quiet = true,
            'E' | 'r' => ere = true,
            'i' => in_place = true,
            'e' => scripts.push(v),
            _ => c.note("with that option"),
        }
    }
    if scripts.is_empty() {
        if operands.is_empty() {
            c.fail("no script specified", 1);
            return;
        }
        scripts.push(operands.remove(0));
    }
    let mut cmds = Vec::new();
    for s in &scripts {
        if let Err(m) = parse(s, ere, &mut cmds, c) {
            c.fail(&m, 1);
            return;
        }
    }
    if in_place {
        for f in operands.clone() {
            if let Some(text) = c.read(&f) {
                let out = apply(&mut cmds, &text, quiet);
                let path = c.path(&f);
                if let Err(e) = c.host.fs().write(&path, &out, false) {
                    let m = crate::sh::cat(&[&f, ": ", e.text()]);
                    c.fail(&m, 4);
                }
            }
        }
        return;
    }
    let mut all = String::new();
    for (_, text) in c.inputs(&operands) {
        all.push_str(&text);
    }
    let out = apply(&mut cmds, &all, quiet);
    c.print(&out);
}

fn apply(cmds: &mut [Command], text: &str, quiet: bool) -> String {
    let mut out = String::new();
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return out;
    }
    let lines: Vec<&str> = body.split('\n').collect();
    'lines: for (k, line) in lines.iter().enumerate() {
        let n = k + 1;
        let last = n == lines.len();
        let mut space = line.to_string();
        let mut deleted = false;
        for cmd in cmds.iter_mut() {
            if !selected(cmd, &space, n, last) {
                continue;
            }
            match &cmd.op {
                Op::Subst {
                    re,
                    with,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(re, with, &space, *global, *nth) {
                        space = new;
                        if *print {
                            out.push_str(&space);
                            out.push('\n');
                        }
                    }
                }
                Op::Delete => {
                    deleted = true;
                    break;
                }
                Op::Print => {
                    out.push_str(&space);
                    out.push('\n');
                }
                Op::LineNumber => {
                    out.push_str(&num(n as i64));
                    out.push('\n');
                }
                Op::Quit => {
                    if !quiet {
                        out.push_str(&space);
                        out.push('\n');
                    }
                    break 'lines;
                }
            }
        }
        if !deleted && !quiet {
            out.push_str(&space);
            out.push('\n');
        }
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn matches_addr(a: &Addr, space: &str, n: usize, last: bool) -> bool {
    match a {
        Addr::Line(l) => *l == n,
        Addr::Last => last,
        Addr::Re(r) => r.find(space).is_some(),
    }
}

fn selected(cmd: &mut Command, space: &str, n: usize, last: bool) -> bool {
    let hit = match (&cmd.from, &cmd.to) {
        (None, _) => true,
        (Some(a), None) => matches_addr(a, space, n, last),
        (Some(a), Some(b)) => {
            if cmd.active {
                if matches_addr(b, space, n, last) || matches!(b, Addr::Line(l) if *l <= n) {
                    cmd.active = false;
                }
                true
            } else if matches_addr(a, space, n, last) {
                cmd.active = !matches!(b, Addr::Line(l) if *l <= n);
                true
            } else {
                false
            }
        }
    };
    hit != cmd.negate
}

/// `s`'s replacement of the `nth` match (or all from it with `global`).
fn substitute(re: &Regex, with: &str, text: &str, global: bool, nth: usize) -> Option<String> {
    let mut out = String::new();
    let mut at = 0;
    let mut count = 0;
    let mut changed = false;
    while at <= text.len() {
        let Some(caps) = re.captures(text, at) else {
            break;
        };
        let (a, b) = caps[0]?;
        count += 1;
        out.push_str(&text[at..a]);
        if count >= nth {
            expand_replacement(with, text, &caps, &mut out);
            changed = true;
        } else {
            out.push_str(&text[a..b]);
        }
        if b == a {
            // An empty match: copy one character and go on past it.
            match text[b..].chars().next() {
                Some(ch) => {
                    out.push(ch);
                    at = b + ch.len_utf8();
                }
                None => {
                    at = b + 1;
                    break;
                }
            }
        } else {
            at = b;
        }
        if changed && !global {
            break;
        }
    }
    if !changed {
        return None;
    }
    if at <= text.len() {
        out.push_str(&text[at..]);
    }
    Some(out)
}

fn expand_replacement(with: &str, text: &str, caps: &[Option<(usize, usize)>], out: &mut String) {
    let mut chars = with.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '&' => {
                if let Some((a, b)) = caps[0] {
                    out.push_str(&text[a..b]);
                }
            }
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    if let Some(Some((a, b))) = caps.get(d as usize - '0' as usize) {
                        out.push_str(&text[*a..*b]);
                    }
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            _ => out.push(ch),
        }
    }
}

fn parse(script: &str, ere: bool, cmds: &mut Vec<Command>, c: &mut Call) -> Result<(), String> {
    let s: Vec<char> = script.chars().collect();
    let mut i = 0;
    loop {
        while i < s.len() && (s[i].is_whitespace() || s[i] == ';') {
            i += 1;
        }
        if i >= s.len() {
            return Ok(());
        }
        let from = address(&s, &mut i, ere)?;
        let mut to = None;
        if from.is_some() && s.get(i) == Some(&',') {
            i += 1;
            to = Some(address(&s, &mut i, ere)?.ok_or("unexpected ','")?);
        }
        while s.get(i).is_some_and(|ch| *ch == ' ') {
            i += 1;
        }
        let negate = s.get(i) == Some(&'!');
        if negate {
            i += 1;
        }
        let Some(&op) = s.get(i) else {
            return Err("missing command".into());
        };
        i += 1;
        let op = match op {
            's' => {
                let delim = *s.get(i).ok_or("unterminated `s' command")?;
                i += 1;
                let re_text = delimited(&s, &mut i, delim)?;
                let with = delimited(&s, &mut i, delim)?;
                let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
                while let Some(&f) = s.get(i).filter(|f| !matches!(**f, ';' | '\n' | '}')) {
                    match f {
                        'g' => global = true,
                        'p' => print = true,
                        'i' | 'I' => icase = true,
                        d if d.is_ascii_digit() => nth = d.to_digit(10).unwrap_or(1) as usize,
                        ' ' => {}
                        _ => return Err("unknown option to `s'".into()),
                    }
                    i += 1;
                }
                let mut re = Regex::new(&re_text, ere).ok_or("bad regex")?;
                re.icase = icase;
                Op::Subst {
                    re,
                    with,
                    global,
                    nth,
                    print,
                }
            }
            'd' => Op::Delete,
            'p' => Op::Print,
            'q' => Op::Quit,
            '=' => Op::LineNumber,
            other => {
                let mut what = String::from("command ");
                what.push(other);
                c.note(&what);
                while i < s.len() && s[i] != ';' && s[i] != '\n' {
                    i += 1;
                }
                continue;
            }
        };
        cmds.push(Command {
            from,
            to,
            negate,
            op,
            active: false,
        });
    }
}

fn address(s: &[char], i: &mut usize, ere: bool) -> Result<Option<Addr>, String> {
    match s.get(*i) {
        Some('$') => {
            *i += 1;
            Ok(Some(Addr::Last))
        }
        Some(d) if d.is_ascii_digit() => {
            let start = *i;
            while s.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
            let n: String = s[start..*i].iter().collect();
            Ok(Some(Addr::Line(n.parse().map_err(|_| "bad line number")?)))
        }
        Some('/') | Some('\\') => {
            let delim = if s[*i] == '\\' {
                *i += 1;
                *s.get(*i).ok_or("unterminated address regex")?
            } else {
                '/'
            };
            *i += 1;
            let text = delimited(s, i, delim)?;
            Ok(Some(Addr::Re(Regex::new(&text, ere).ok_or("bad regex")?)))
        }
        _ => Ok(None),
    }
}

/// Text up to an unescaped `delim` (a `\delim` is the delimiter itself).
fn delimited(s: &[char], i: &mut usize, delim: char) -> Result<String, String> {
    let mut out = String::new();
    while let Some(&ch) = s.get(*i) {
        *i += 1;
        if ch == delim {
            return Ok(out);
        }
        if ch == '\\' {
            if let Some(&next) = s.get(*i) {
                *i += 1;
                if next != delim {
                    out.push('\\');
                }
                out.push(next);
                continue;
            }
        }
        out.push(ch);
    }
    Err("unterminated `s' command".into())
}
