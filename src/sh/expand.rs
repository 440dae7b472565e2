//! Word expansion (XCU 2.6): parameters (with the POSIX and bash operators), command
//! substitution, arithmetic, field splitting on `IFS`, pathname expansion over the script's
//! files, quote removal; bash's brace expansion (`{1..5}`, `{a,b}`) under bash only.

use super::arith::{self, ArithVars};
use super::ast::{Assign, AssignValue, Param, ParamOp, Part, Word};
use super::exec::{num, Ctl, Shell, Value, Var, MAX_TEXT};
use super::pattern;

/// Fields being built from a word's parts.
#[derive(Default)]
struct Fields {
    out: Vec<String>,
    cur: String,
    /// `cur` as a pattern: quoted characters escaped with `\`.
    pat: String,
    /// The field exists even if empty (a quote was seen).
    has: bool,
    /// An unquoted `*`, `?` or `[` is in the field.
    glob: bool,
    globs: Vec<bool>,
    pats: Vec<String>,
}

impl Fields {
    fn quoted(&mut self, text: &str) {
        self.cur.push_str(text);
        for c in text.chars() {
            if matches!(c, '*' | '?' | '[' | ']' | '\\' | '!' | '^' | '-') {
                self.pat.push('\\');
            }
            self.pat.push(c);
        }
        self.has = true;
    }

    fn literal(&mut self, text: &str) {
        self.cur.push_str(text);
        self.pat.push_str(text);
        self.glob |= pattern::has_meta(text);
        self.has |= !text.is_empty();
    }

    /// Unquoted expansion results: split at `ifs`.
    fn split(&mut self, text: &str, ifs: &str) {
        let mut pending_delim = false;
        for c in text.chars() {
            if ifs.contains(c) {
                let white = c == ' ' || c == '\t' || c == '\n';
                if !white || self.has || !self.cur.is_empty() {
                    if white {
                        pending_delim = true;
                        continue;
                    }
                    self.finish(true);
                    pending_delim = false;
                }
                continue;
            }
            if pending_delim {
                self.finish(true);
                pending_delim = false;
            }
            let mut b = [0u8; 4];
            self.literal(c.encode_utf8(&mut b));
        }
        if pending_delim {
            self.finish(true);
        }
    }

    fn finish(&mut self, force: bool) {
        if self.has || force || !self.cur.is_empty() {
            self.out.push(std::mem::take(&mut self.cur));
            self.pats.push(std::mem::take(&mut self.pat));
            self.globs.push(self.glob);
        }
        self.cur.clear();
        self.pat.clear();
        self.has = false;
        self.glob = false;
    }
}

/// A parameter's value: one string, or the separate words of `$@`/`${a[@]}`.
enum PVal {
    One(String),
    Many(Vec<String>, bool),
}

impl Shell<'_> {
    /// Words to fields: expanded, split, globbed and unquoted.
    pub fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, Ctl> {
        let mut out = Vec::new();
        for w in words {
            if self.bash {
                if let Some(alternatives) = brace_word(w) {
                    for alt in alternatives {
                        self.expand_into(&alt, &mut out)?;
                    }
                    continue;
                }
            }
            self.expand_into(w, &mut out)?;
        }
        Ok(out)
    }

    fn expand_into(&mut self, w: &Word, out: &mut Vec<String>) -> Result<(), Ctl> {
        let mut f = Fields::default();
        for p in w {
            self.part(p, false, &mut f)?;
        }
        f.finish(false);
        for ((field, pat), glob) in f.out.into_iter().zip(f.pats).zip(f.globs) {
            let matched = if glob { self.glob(&pat) } else { Vec::new() };
            if matched.is_empty() {
                out.push(field);
            } else {
                out.extend(matched);
            }
        }
        Ok(())
    }

    /// One word to one string, without splitting or globbing (assignments, redirection
    /// targets, `case` and `[[ ]]` words).
    pub fn expand_one(&mut self, w: &Word) -> Result<String, Ctl> {
        let mut f = Fields::default();
        for p in w {
            self.part(p, true, &mut f)?;
        }
        Ok(f.cur)
    }

    /// One word as a pattern: quoted characters made literal.
    pub fn expand_pattern(&mut self, w: &Word) -> Result<String, Ctl> {
        let mut f = Fields::default();
        for p in w {
            match p {
                Part::Lit(t) => f.literal(t),
                Part::Param(_) | Part::Command(_) | Part::Arith(_) => {
                    let mut inner = Fields::default();
                    self.part(p, true, &mut inner)?;
                    f.literal(&inner.cur);
                }
                _ => self.part(p, true, &mut f)?,
            }
        }
        Ok(f.pat)
    }

    fn ifs(&self) -> String {
        match self.vars.get("IFS").map(|v| &v.value) {
            Some(Value::Scalar(s)) => s.clone(),
            _ => " \t\n".into(),
        }
    }

    fn part(&mut self, p: &Part, quoted: bool, f: &mut Fields) -> Result<(), Ctl> {
        match p {
            Part::Lit(t) if quoted => f.quoted(t),
            Part::Lit(t) => f.literal(t),
            Part::Quoted(t) => f.quoted(t),
            Part::Double(parts) => {
                f.has = true;
                for q in parts {
                    self.part(q, true, f)?;
                }
            }
            Part::Param(param) => match self.param(param)? {
                PVal::One(v) if quoted => f.quoted(&v),
                PVal::One(v) => f.split(&v, &self.ifs()),
                PVal::Many(items, at) => {
                    if quoted && at {
                        for (k, item) in items.iter().enumerate() {
                            if k > 0 {
                                f.finish(true);
                            }
                            f.quoted(item);
                        }
                    } else if quoted {
                        let sep = self
                            .ifs()
                            .chars()
                            .next()
                            .map(String::from)
                            .unwrap_or_default();
                        f.quoted(&items.join(&sep));
                    } else {
                        let ifs = self.ifs();
                        for (k, item) in items.iter().enumerate() {
                            if k > 0 {
                                f.finish(false);
                            }
                            f.split(item, &ifs);
                        }
                    }
                }
            },
            Part::Command(c) => {
                let mut text = self.capture(c, true)?;
                while text.ends_with('\n') {
                    text.pop();
                }
                if quoted {
                    f.quoted(&text);
                } else {
                    f.split(&text, &self.ifs());
                }
            }
            Part::Arith(w) => {
                let v = self.arith_word(w)?;
                f.literal(&num(v));
            }
        }
        Ok(())
    }

    /// An arithmetic expression's word: expanded, then evaluated.
    pub fn arith_word(&mut self, w: &Word) -> Result<i64, Ctl> {
        let text = self.expand_one(w)?;
        match arith::eval(&text, self) {
            Ok(v) => Ok(v),
            Err(e) => {
                if e.contains("recursion") {
                    // A limit of jobplay's, not of sh: say so.
                    self.host.note("an arithmetic expression nested deeper than jobplay evaluates (40 levels) ended the script".into());
                }
                let m = crate::sh::cat(&[text.trim(), ": ", &e]);
                Err(self.expansion_error(&m))
            }
        }
    }

    /// An expansion that cannot be done: the message, and the shell ends (XCU 2.8.1).
    pub fn expansion_error(&mut self, message: &str) -> Ctl {
        self.error(message);
        self.status = if self.bash { 1 } else { 2 };
        Ctl::Exit
    }

    /// A variable's value (an array's first element), if it is set.
    pub fn get(&mut self, name: &str) -> Option<String> {
        self.lookup(name, None)
    }

    fn lookup(&mut self, name: &str, index: Option<i64>) -> Option<String> {
        match name {
            "?" => return Some(num(i64::from(self.status))),
            "#" => return Some(num(self.positional.len() as i64)),
            // A container's shell is its first process.
            "$" => return Some("1".into()),
            "!" => return Some(String::new()),
            "-" => {
                return Some(if self.errexit {
                    "e".into()
                } else {
                    String::new()
                })
            }
            "0" => return Some(self.arg0.clone()),
            _ => {}
        }
        if let Ok(n) = name.parse::<usize>() {
            return self.positional.get(n.checked_sub(1)?).cloned();
        }
        if name == "RANDOM" && !self.vars.contains_key(name) {
            return Some(num(i64::from(self.host.random())));
        }
        if name == "PWD" && !self.vars.contains_key(name) {
            return Some(self.cwd.clone());
        }
        match &self.vars.get(name)?.value {
            Value::Scalar(s) => (index.unwrap_or(0) == 0).then(|| s.clone()),
            Value::Array(a) => {
                let i = index.unwrap_or(0);
                let i = if i < 0 { a.len() as i64 + i } else { i };
                usize::try_from(i).ok().and_then(|i| a.get(i)).cloned()
            }
        }
    }

    fn param(&mut self, p: &Param) -> Result<PVal, Ctl> {
        let all = match (&p.index, p.name.as_str()) {
            (None, "@" | "*") => Some((self.positional.clone(), p.name == "@")),
            (Some(ix), _) if matches!(ix.as_slice(), [Part::Lit(t)] if t == "@" || t == "*") => {
                let at = matches!(ix.as_slice(), [Part::Lit(t)] if t == "@");
                let items = match self.vars.get(&p.name).map(|v| &v.value) {
                    Some(Value::Array(a)) => a.clone(),
                    Some(Value::Scalar(s)) => vec![s.clone()],
                    None => Vec::new(),
                };
                Some((items, at))
            }
            _ => None,
        };
        if let Some((items, at)) = all {
            return self.param_list(p, items, at);
        }
        let index = match &p.index {
            Some(w) => Some(self.arith_word(w)?),
            None => None,
        };
        let value = self.lookup(&p.name, index);
        if value.is_none() && self.nounset && !matches!(p.op, ParamOp::Default { .. }) {
            let mut m = p.name.clone();
            m.push_str(": parameter not set");
            return Err(self.expansion_error(&m));
        }
        let set = value.is_some();
        let value = value.unwrap_or_default();
        Ok(PVal::One(match &p.op {
            ParamOp::Plain => value,
            ParamOp::Length => num(value.chars().count() as i64),
            ParamOp::Default { colon, kind, word } => {
                let null = !set || (*colon && value.is_empty());
                match kind {
                    b'-' if null => self.expand_one(word)?,
                    b'=' if null => {
                        let w = self.expand_one(word)?;
                        self.set_var(&p.name, Value::Scalar(w.clone()))?;
                        w
                    }
                    b'+' if null => String::new(),
                    b'+' => self.expand_one(word)?,
                    b'?' if null => {
                        let mut m = p.name.clone();
                        m.push_str(": ");
                        let w = self.expand_one(word)?;
                        m.push_str(if w.is_empty() {
                            "parameter not set"
                        } else {
                            &w
                        });
                        return Err(self.expansion_error(&m));
                    }
                    _ => value,
                }
            }
            op => self.transform(op, &value)?,
        }))
    }

    fn param_list(&mut self, p: &Param, items: Vec<String>, at: bool) -> Result<PVal, Ctl> {
        Ok(match &p.op {
            ParamOp::Plain => PVal::Many(items, at),
            ParamOp::Length => PVal::One(num(items.len() as i64)),
            ParamOp::Default { colon, kind, word } => {
                let null = items.is_empty() || (*colon && items.iter().all(String::is_empty));
                match kind {
                    b'-' | b'=' if null => PVal::One(self.expand_one(word)?),
                    b'+' if null => PVal::One(String::new()),
                    b'+' => PVal::One(self.expand_one(word)?),
                    _ => PVal::Many(items, at),
                }
            }
            ParamOp::Substring { offset, length } => {
                let off = self.arith_word(offset)?;
                let len = match length {
                    Some(w) => Some(self.arith_word(w)?),
                    None => None,
                };
                // `${@:1}` counts from `$1`, an array's slice from element 0.
                let base = i64::from(p.index.is_none() && p.name == "@" || p.name == "*");
                let n = items.len() as i64;
                let start = if off < 0 {
                    (n + off).max(0)
                } else {
                    (off - base).max(0)
                };
                let end = match len {
                    Some(l) if l < 0 => n + l,
                    Some(l) => start + l,
                    None => n,
                }
                .min(n);
                let slice = items
                    .get(start as usize..end.max(start) as usize)
                    .unwrap_or(&[])
                    .to_vec();
                PVal::Many(slice, at)
            }
            op => {
                let mut out = Vec::new();
                for item in &items {
                    out.push(self.transform(op, item)?);
                }
                PVal::Many(out, at)
            }
        })
    }

    /// The operators that change a value: trimming, replacing, substrings, case.
    fn transform(&mut self, op: &ParamOp, value: &str) -> Result<String, Ctl> {
        Ok(match op {
            ParamOp::Trim {
                suffix,
                longest,
                pattern,
            } => {
                let pat = self.expand_pattern(pattern)?;
                trim(value, &pat, *suffix, *longest)
            }
            ParamOp::Replace {
                mode,
                pattern,
                with,
            } => {
                let pat = self.expand_pattern(pattern)?;
                let with = self.expand_one(with)?;
                replace(value, &pat, &with, *mode)
            }
            ParamOp::Substring { offset, length } => {
                let chars: Vec<char> = value.chars().collect();
                let n = chars.len() as i64;
                let off = self.arith_word(offset)?;
                let start = if off < 0 {
                    (n + off).max(0)
                } else {
                    off.min(n)
                };
                let end = match length {
                    Some(w) => {
                        let l = self.arith_word(w)?;
                        if l < 0 {
                            n + l
                        } else {
                            start + l
                        }
                    }
                    None => n,
                }
                .min(n);
                if end < start {
                    let mut m = String::from("substring expression < 0");
                    m.insert_str(0, ": ");
                    return Err(self.expansion_error(&m[2..]));
                }
                chars[start as usize..end as usize].iter().collect()
            }
            ParamOp::Case { upper, all } => {
                let mut out = String::new();
                for (k, c) in value.chars().enumerate() {
                    if *all || k == 0 {
                        // ASCII, as in the C locale a container runs in (Unicode's case
                        // tables would cost the page more than the shell does).
                        out.push(if *upper {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        });
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            _ => value.to_string(),
        })
    }

    /// Sets a variable, unless it is read-only.
    pub fn set_var(&mut self, name: &str, value: Value) -> Result<(), Ctl> {
        let size = match &value {
            Value::Scalar(s) => s.len(),
            Value::Array(a) => a.iter().map(String::len).sum(),
        };
        if size > MAX_TEXT {
            return self.abort("a variable grew past 1 MiB; jobplay stopped the script there");
        }
        match self.vars.get_mut(name) {
            Some(v) if v.read_only => {
                let mut m = name.to_string();
                m.push_str(": readonly variable");
                self.error(&m);
                self.status = 1;
                return Err(Ctl::Exit);
            }
            Some(v) => v.value = value,
            None => {
                self.vars.insert(
                    name.to_string(),
                    Var {
                        value,
                        exported: false,
                        read_only: false,
                    },
                );
            }
        }
        Ok(())
    }

    /// `name=…` and its array forms.
    pub fn assign(&mut self, a: &Assign) -> Result<(), Ctl> {
        match &a.value {
            AssignValue::Array(words) => {
                let mut items = self.expand_words(words)?;
                if a.append {
                    if let Some(Value::Array(old)) = self.vars.get(&a.name).map(|v| v.value.clone())
                    {
                        let mut all = old;
                        all.append(&mut items);
                        items = all;
                    } else if let Some(old) = self.get(&a.name) {
                        items.insert(0, old);
                    }
                }
                self.set_var(&a.name, Value::Array(items))
            }
            AssignValue::Scalar(w) => {
                let v = self.expand_one(w)?;
                match &a.index {
                    None => {
                        let v = match (a.append, self.get(&a.name)) {
                            (true, Some(mut old)) => {
                                old.push_str(&v);
                                old
                            }
                            _ => v,
                        };
                        match self.vars.get(&a.name).map(|x| &x.value) {
                            Some(Value::Array(arr)) => {
                                let mut arr = arr.clone();
                                match arr.first_mut() {
                                    Some(first) => *first = v,
                                    None => arr.push(v),
                                }
                                self.set_var(&a.name, Value::Array(arr))
                            }
                            _ => self.set_var(&a.name, Value::Scalar(v)),
                        }
                    }
                    Some(ix) => {
                        let i = self.arith_word(ix)?;
                        let mut arr = match self.vars.get(&a.name).map(|x| x.value.clone()) {
                            Some(Value::Array(arr)) => arr,
                            Some(Value::Scalar(s)) => vec![s],
                            None => Vec::new(),
                        };
                        let i = if i < 0 { arr.len() as i64 + i } else { i };
                        let Ok(i) = usize::try_from(i) else {
                            return Err(self.expansion_error("bad array subscript"));
                        };
                        if i > 100_000 {
                            return Err(
                                self.expansion_error("array subscript too large for jobplay")
                            );
                        }
                        if arr.len() <= i {
                            arr.resize(i + 1, String::new());
                        }
                        if a.append {
                            arr[i].push_str(&v);
                        } else {
                            arr[i] = v;
                        }
                        self.set_var(&a.name, Value::Array(arr))
                    }
                }
            }
        }
    }

    /// Pathname expansion of a pattern: the matching paths, sorted, or none.
    fn glob(&mut self, pat: &str) -> Vec<String> {
        let absolute = pat.starts_with('/');
        let mut found: Vec<String> = vec![if absolute { String::new() } else { ".".into() }];
        let pieces: Vec<&str> = pat.split('/').filter(|p| !p.is_empty()).collect();
        for (k, piece) in pieces.iter().enumerate() {
            let last = k + 1 == pieces.len();
            let mut next = Vec::new();
            for base in &found {
                let dir = super::fs::absolute(&self.cwd, if base.is_empty() { "/" } else { base });
                if pattern::has_meta(piece) {
                    let names = self.host.fs().list(&dir).unwrap_or_default();
                    for name in names {
                        if (name.starts_with('.') && !piece.starts_with('.'))
                            || !pattern::matches(piece, &name)
                        {
                            continue;
                        }
                        next.push(join(base, &name));
                    }
                } else {
                    let path = join(base, &pattern::unescape(piece));
                    let abs = super::fs::absolute(&self.cwd, &path);
                    if self.host.fs().exists(&abs) && (last || self.host.fs().is_dir(&abs)) {
                        next.push(path);
                    }
                }
            }
            found = next;
        }
        if !absolute {
            for f in &mut found {
                if let Some(rest) = f.strip_prefix("./") {
                    *f = rest.to_string();
                }
            }
        }
        crate::sort::sort_by(&mut found, |a, b| a.cmp(b));
        found
    }
}

fn join(base: &str, name: &str) -> String {
    let mut p = base.to_string();
    p.push('/');
    p.push_str(name);
    p
}

impl ArithVars for Shell<'_> {
    fn get(&mut self, name: &str, index: Option<i64>) -> String {
        self.lookup(name, index).unwrap_or_default()
    }

    fn set(&mut self, name: &str, index: Option<i64>, value: i64) {
        let text = num(value);
        let r = match index {
            None => match self.vars.get(name).map(|v| v.value.clone()) {
                Some(Value::Array(mut arr)) => {
                    match arr.first_mut() {
                        Some(f) => *f = text,
                        None => arr.push(text),
                    }
                    self.set_var(name, Value::Array(arr))
                }
                _ => self.set_var(name, Value::Scalar(text)),
            },
            Some(i) => {
                let mut arr = match self.vars.get(name).map(|v| v.value.clone()) {
                    Some(Value::Array(arr)) => arr,
                    Some(Value::Scalar(s)) => vec![s],
                    None => Vec::new(),
                };
                let i = i.clamp(0, 100_000) as usize;
                if arr.len() <= i {
                    arr.resize(i + 1, String::new());
                }
                arr[i] = text;
                self.set_var(name, Value::Array(arr))
            }
        };
        let _ = r;
    }
}

/// `${v%p}`, `${v%%p}`, `${v#p}`, `${v##p}`.
fn trim(value: &str, pat: &str, suffix: bool, longest: bool) -> String {
    let cuts: Vec<usize> = value
        .char_indices()
        .map(|(i, _)| i)
        .chain([value.len()])
        .collect();
    let candidates: Box<dyn Iterator<Item = &usize>> = match (suffix, longest) {
        (false, false) => Box::new(cuts.iter()),
        (false, true) => Box::new(cuts.iter().rev()),
        (true, false) => Box::new(cuts.iter().rev()),
        (true, true) => Box::new(cuts.iter()),
    };
    for &at in candidates {
        if suffix {
            if pattern::matches(pat, &value[at..]) {
                return value[..at].to_string();
            }
        } else if pattern::matches(pat, &value[..at]) {
            return value[at..].to_string();
        }
    }
    value.to_string()
}

/// `${v/p/r}` and its `//`, `/#`, `/%` forms: the longest match at each place.
fn replace(value: &str, pat: &str, with: &str, mode: u8) -> String {
    if pat.is_empty() {
        return value.to_string();
    }
    let cuts: Vec<usize> = value
        .char_indices()
        .map(|(i, _)| i)
        .chain([value.len()])
        .collect();
    let mut out = String::new();
    let mut k = 0;
    while k < cuts.len() {
        let start = cuts[k];
        if (mode == b'#' && start > 0) || start == value.len() {
            break;
        }
        let ends: Vec<usize> = if mode == b'%' {
            vec![value.len()]
        } else {
            cuts[k + 1..].iter().rev().copied().collect()
        };
        if let Some(end) = ends
            .into_iter()
            .find(|e| pattern::matches(pat, &value[start..*e]))
        {
            out.push_str(with);
            if mode != b'/' {
                out.push_str(&value[end..]);
                return out;
            }
            k = cuts.iter().position(|c| *c == end).unwrap_or(cuts.len());
            continue;
        }
        let ch_end = cuts.get(k + 1).copied().unwrap_or(value.len());
        out.push_str(&value[start..ch_end]);
        k += 1;
    }
    if let Some(rest) = cuts.get(k).map(|c| &value[*c..]) {
        out.push_str(rest);
    }
    out
}

/// bash's brace expansion of a word's first literal with `{a..b}` or `{x,y}`, if it has one.
fn brace_word(w: &Word) -> Option<Vec<Word>> {
    let (k, alternatives) = w.iter().enumerate().find_map(|(k, p)| match p {
        Part::Lit(t) => brace_text(t).map(|alts| (k, alts)),
        _ => None,
    })?;
    let mut out = Vec::new();
    for alt in alternatives {
        let mut word = w.clone();
        word[k] = Part::Lit(alt);
        match brace_word(&word) {
            Some(more) => out.extend(more),
            None => out.push(word),
        }
        if out.len() > 10_001 {
            break;
        }
    }
    Some(out)
}

fn brace_text(t: &str) -> Option<Vec<String>> {
    let open = t.find('{')?;
    let close = open + t[open..].find('}')?;
    let (pre, inner, post) = (&t[..open], &t[open + 1..close], &t[close + 1..]);
    let items: Vec<String> = if let Some((a, b)) = inner.split_once("..") {
        let (a, b): (i64, i64) = (a.parse().ok()?, b.parse().ok()?);
        let step = if a <= b { 1 } else { -1 };
        let count = (b - a).abs().min(10_000);
        (0..=count).map(|k| num(a + k * step)).collect()
    } else if inner.contains(',') {
        inner.split(',').map(str::to_string).collect()
    } else {
        return None;
    };
    Some(
        items
            .into_iter()
            .map(|i| crate::sh::cat(&[pre, &i, post]))
            .collect(),
    )
}
