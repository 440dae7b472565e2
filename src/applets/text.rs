//! The text filters: `cat`, `rev`, `head`, `tail`, `wc`, `sort`, `uniq`, `tr`, `cut`, `tee`.

use super::{options, Call};
use crate::sh::exec::num;

/// Lines of `text` without their newlines, and whether the last one had one.
fn lines(text: &str) -> (Vec<&str>, bool) {
    let complete = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return (Vec::new(), true);
    }
    (body.split('\n').collect(), complete)
}

/// `cat [-n] [FILE…]`.
pub fn cat(c: &mut Call) {
    let (opts, files) = options(c.args, "");
    let numbered = opts.iter().any(|(o, _)| *o == 'n');
    if opts.iter().any(|(o, _)| *o != 'n' && *o != 'u') {
        c.note("with that option");
    }
    for (_, text) in c.inputs(&files) {
        if numbered {
            let (ls, complete) = lines(&text);
            for (i, l) in ls.iter().enumerate() {
                let mut n = num(i as i64 + 1);
                while n.len() < 6 {
                    n.insert(0, ' ');
                }
                c.print(&n);
                c.print("\t");
                c.print(l);
                if i + 1 < ls.len() || complete {
                    c.print("\n");
                }
            }
        } else {
            c.print(&text);
        }
    }
}

/// `rev [FILE…]`: each line's characters in reverse.
pub fn rev(c: &mut Call) {
    let files = c.args.to_vec();
    for (_, text) in c.inputs(&files) {
        let (ls, complete) = lines(&text);
        for (i, l) in ls.iter().enumerate() {
            let r: String = l.chars().rev().collect();
            c.print(&r);
            if i + 1 < ls.len() || complete {
                c.print("\n");
            }
        }
    }
}

/// `head`/`tail` `[-n N] [-c N] [-N] [FILE…]`; `tail -n +N` from line N.
pub fn head_tail(c: &mut Call) {
    let head = c.name == "head";
    let mut args = c.args.to_vec();
    // The historical `-5` is `-n 5`.
    for a in &mut args {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|d| d.is_ascii_digit()) {
            a.insert(1, 'n');
        }
    }
    let (opts, files) = options(&args, "nc");
    let mut count = String::from("10");
    let mut bytes = false;
    let mut quiet = false;
    for (o, v) in opts {
        match o {
            'n' => count = v,
            'c' => {
                count = v;
                bytes = true;
            }
            'q' => quiet = true,
            'f' if !head => c.note("-f (it would never end)"),
            _ => c.note("with that option"),
        }
    }
    let from_start = !head && count.starts_with('+');
    let Ok(n) = count.trim_start_matches(['+', '-']).parse::<usize>() else {
        let mut m = String::from("invalid number '");
        m.push_str(&count);
        m.push('\'');
        c.fail(&m, 1);
        return;
    };
    let inputs = c.inputs(&files);
    let many = inputs.len() > 1 && !quiet;
    for (k, (name, text)) in inputs.iter().enumerate() {
        if many {
            c.print(if k > 0 { "\n==> " } else { "==> " });
            c.print(name);
            c.print(" <==\n");
        }
        if bytes {
            let chars: Vec<char> = text.chars().collect();
            let part: String = if head {
                chars.iter().take(n).collect()
            } else if from_start {
                chars.iter().skip(n.saturating_sub(1)).collect()
            } else {
                chars[chars.len().saturating_sub(n)..].iter().collect()
            };
            c.print(&part);
            continue;
        }
        let pieces: Vec<&str> = text.split_inclusive('\n').collect();
        let chosen = if head {
            &pieces[..n.min(pieces.len())]
        } else if from_start {
            &pieces[n.saturating_sub(1).min(pieces.len())..]
        } else {
            &pieces[pieces.len().saturating_sub(n)..]
        };
        for p in chosen {
            c.print(p);
        }
    }
}

/// `wc [-l] [-w] [-c] [-m] [FILE…]`, laid out as busybox lays it out: one count of one input
/// alone, else each count right-aligned in 9 columns.
pub fn wc(c: &mut Call) {
    let (opts, files) = options(c.args, "");
    let mut which: Vec<char> = Vec::new();
    for (o, _) in opts {
        match o {
            'l' | 'w' | 'c' | 'm' => which.push(if o == 'm' { 'c' } else { o }),
            'L' => which.push('L'),
            _ => c.note("with that option"),
        }
    }
    if which.is_empty() {
        which = vec!['l', 'w', 'c'];
    }
    let inputs = c.inputs(&files);
    let order = ['l', 'w', 'c', 'L'];
    let one = inputs.len() <= 1 && which.len() == 1;
    let mut totals = [0usize; 4];
    let print = |c: &mut Call, counts: &[usize; 4], name: &str| {
        let mut first = true;
        for (k, o) in order.iter().enumerate() {
            if !which.contains(o) {
                continue;
            }
            let mut t = num(counts[k] as i64);
            if !one {
                while t.len() < 9 {
                    t.insert(0, ' ');
                }
                if !first {
                    t.insert(0, ' ');
                }
            }
            first = false;
            c.print(&t);
        }
        if !name.is_empty() {
            c.print(" ");
            c.print(name);
        }
        c.print("\n");
    };
    let n = inputs.len();
    for (name, text) in &inputs {
        let counts = [
            text.matches('\n').count(),
            text.split_whitespace().count(),
            text.len(),
            text.split('\n')
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0),
        ];
        for k in 0..4 {
            totals[k] = if k == 3 {
                totals[k].max(counts[k])
            } else {
                totals[k] + counts[k]
            };
        }
        print(c, &counts, name);
    }
    if n > 1 {
        print(c, &totals, "total");
    }
}

/// `sort [-n] [-r] [-u] [-f] [-k F[,G]] [-t SEP] [FILE…]`.
pub fn sort(c: &mut Call) {
    let (opts, files) = options(c.args, "kto");
    let (mut numeric, mut reverse, mut unique, mut fold) = (false, false, false, false);
    let mut key: Option<(usize, Option<usize>)> = None;
    let mut sep: Option<char> = None;
    for (o, v) in opts {
        match o {
            'n' | 'g' | 'h' => numeric = true,
            'r' => reverse = true,
            'u' => unique = true,
            'f' => fold = true,
            'b' | 's' => {}
            't' => sep = v.chars().next(),
            'k' => {
                let (a, b) = v
                    .split_once(',')
                    .map_or((v.as_str(), None), |(a, b)| (a, Some(b)));
                let field = |s: &str| {
                    s.trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
                        .split('.')
                        .next()
                        .and_then(|f| f.parse::<usize>().ok())
                };
                numeric |= a.ends_with('n');
                key = field(a).map(|f| (f, b.and_then(field)));
            }
            _ => c.note("with that option"),
        }
    }
    let mut all = Vec::new();
    for (_, text) in c.inputs(&files) {
        all.extend(lines(&text).0.into_iter().map(str::to_string));
    }
    let key_of = |line: &str| -> String {
        let Some((from, to)) = key else {
            return line.to_string();
        };
        let fields: Vec<&str> = match sep {
            Some(s) => line.split(s).collect(),
            None => line.split_whitespace().collect(),
        };
        let end = to.unwrap_or(fields.len()).min(fields.len());
        let start = from.saturating_sub(1).min(end);
        fields[start..end].join(&sep.map(String::from).unwrap_or_else(|| " ".into()))
    };
    let value = |s: &str| -> f64 {
        let t = s.trim_start();
        let end = t
            .char_indices()
            .find(|(i, ch)| !(ch.is_ascii_digit() || *ch == '.' || (*i == 0 && *ch == '-')))
            .map_or(t.len(), |(i, _)| i);
        crate::decimal::parse_f64(&t[..end]).unwrap_or(0.0)
    };
    crate::sort::sort_by(&mut all, |a, b| {
        let (ka, kb) = (key_of(a), key_of(b));
        let ord = if numeric {
            value(&ka)
                .partial_cmp(&value(&kb))
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if fold {
            ka.to_ascii_lowercase().cmp(&kb.to_ascii_lowercase())
        } else {
            ka.cmp(&kb)
        };
        // Equal keys fall back to the whole line, as sort does without -s.
        let ord = ord.then_with(|| {
            if key.is_some() || numeric {
                a.cmp(b)
            } else {
                std::cmp::Ordering::Equal
            }
        });
        if reverse {
            ord.reverse()
        } else {
            ord
        }
    });
    if unique {
        all.dedup_by(|a, b| {
            if numeric {
                value(&key_of(a)) == value(&key_of(b))
            } else {
                key_of(a) == key_of(b)
            }
        });
    }
    for l in all {
        c.line(&l);
    }
}

/// `uniq [-c] [-d] [-u] [-i] [INPUT]`: adjacent repeated lines.
pub fn uniq(c: &mut Call) {
    let (opts, files) = options(c.args, "fs");
    let (mut count, mut dups, mut singles, mut fold) = (false, false, false, false);
    for (o, _) in opts {
        match o {
            'c' => count = true,
            'd' => dups = true,
            'u' => singles = true,
            'i' => fold = true,
            _ => c.note("with that option"),
        }
    }
    let text = c
        .inputs(&files[..files.len().min(1)])
        .pop()
        .map(|(_, t)| t)
        .unwrap_or_default();
    let (ls, _) = lines(&text);
    let mut k = 0;
    while k < ls.len() {
        let mut n = 1;
        while k + n < ls.len()
            && (ls[k + n] == ls[k] || (fold && ls[k + n].eq_ignore_ascii_case(ls[k])))
        {
            n += 1;
        }
        if !((dups && n == 1) || (singles && n > 1)) {
            if count {
                let mut t = num(n as i64);
                while t.len() < 7 {
                    t.insert(0, ' ');
                }
                c.print(&t);
                c.print(" ");
            }
            c.line(ls[k]);
        }
        k += n;
    }
}

/// A `tr` set: ranges `a-z`, classes `[:upper:]`, escapes `\n`.
fn tr_set(spec: &str) -> Vec<char> {
    let chars: Vec<char> = spec.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k] == '[' && chars.get(k + 1) == Some(&':') {
            let rest: String = chars[k + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let name = &rest[..end];
                out.extend(
                    (0u8..128)
                        .map(char::from)
                        .filter(|ch| crate::sh::pattern::in_class(name, *ch)),
                );
                k += 2 + name.chars().count() + 2;
                continue;
            }
        }
        let mut ch = chars[k];
        if ch == '\\' && k + 1 < chars.len() {
            k += 1;
            ch = match chars[k] {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            };
        }
        if chars.get(k + 1) == Some(&'-') && k + 2 < chars.len() {
            let hi = chars[k + 2];
            out.extend((ch..=hi).take(65_536));
            k += 3;
        } else {
            out.push(ch);
            k += 1;
        }
    }
    out
}

/// `tr [-d] [-s] [-c] SET1 [SET2]`.
pub fn tr(c: &mut Call) {
    let (opts, sets) = options(c.args, "");
    let (mut delete, mut squeeze, mut complement) = (false, false, false);
    for (o, _) in opts {
        match o {
            'd' => delete = true,
            's' => squeeze = true,
            'c' | 'C' => complement = true,
            _ => c.note("with that option"),
        }
    }
    let Some(first) = sets.first() else {
        c.fail("missing operand", 1);
        return;
    };
    let set1 = tr_set(first);
    let set2 = sets.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let in1 = |ch: char| set1.contains(&ch) != complement;
    let mut out = String::new();
    let mut last: Option<char> = None;
    for ch in c.stdin.chars() {
        if delete && in1(ch) {
            continue;
        }
        let mapped = if !delete && !set2.is_empty() && in1(ch) {
            if complement {
                *set2.last().unwrap_or(&ch)
            } else {
                let i = set1.iter().rposition(|x| *x == ch).unwrap_or(0);
                *set2.get(i).or(set2.last()).unwrap_or(&ch)
            }
        } else {
            ch
        };
        let squeeze_set = if set2.is_empty() || delete {
            &set1
        } else {
            &set2
        };
        if squeeze && last == Some(mapped) && squeeze_set.contains(&mapped) {
            continue;
        }
        out.push(mapped);
        last = Some(mapped);
    }
    c.print(&out);
}

/// A `cut` list: `1,3-5,7-` as 1-based inclusive ranges.
fn cut_list(spec: &str) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for piece in spec.split(',') {
        let (a, b) = match piece.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = piece.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 {
            return None;
        }
        out.push((a, b));
    }
    Some(out)
}

/// `cut -f LIST [-d C] [-s]`, `cut -c LIST`, `cut -b LIST`.
pub fn cut(c: &mut Call) {
    let (opts, files) = options(c.args, "fcbd");
    let mut list = None;
    let mut chars = false;
    let mut delim = '\t';
    let mut only_delimited = false;
    for (o, v) in opts {
        match o {
            'f' => list = Some(v),
            'c' | 'b' => {
                list = Some(v);
                chars = true;
            }
            'd' => delim = v.chars().next().unwrap_or('\t'),
            's' => only_delimited = true,
            _ => c.note("with that option"),
        }
    }
    let Some(ranges) = list.as_deref().and_then(cut_list) else {
        c.fail("expected a list of bytes, characters, or fields", 1);
        return;
    };
    let keep = |i: usize| ranges.iter().any(|(a, b)| *a <= i && i <= *b);
    for (_, text) in c.inputs(&files) {
        for l in lines(&text).0 {
            let out: String = if chars {
                l.chars()
                    .enumerate()
                    .filter(|(i, _)| keep(i + 1))
                    .map(|(_, ch)| ch)
                    .collect()
            } else if !l.contains(delim) {
                if only_delimited {
                    continue;
                }
                l.to_string()
            } else {
                let fields: Vec<&str> = l
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| keep(i + 1))
                    .map(|(_, f)| f)
                    .collect();
                fields.join(&delim.to_string())
            };
            c.line(&out);
        }
    }
}

/// `tee [-a] FILE…`: standard input to each file and to standard output.
pub fn tee(c: &mut Call) {
    let (opts, files) = options(c.args, "");
    let append = opts.iter().any(|(o, _)| *o == 'a');
    let text = c.stdin.to_string();
    for f in files {
        let path = c.path(&f);
        if let Err(e) = c.host.fs().write(&path, &text, append) {
            let m = crate::sh::cat(&[&f, ": ", e.text()]);
            c.fail(&m, 1);
        }
    }
    c.print(&text);
}
