//! JSONPath templates as kubectl reads them (`-o jsonpath=`, `-o custom-columns=`,
//! `--sort-by`): client-go's util/jsonpath (`parser.go`, `jsonpath.go`) on an object as
//! kubectl's unstructured decoding leaves it (whole numbers are `int64`, so `==1` compares).
//!
//! A template is text with actions in braces: fields (`.a.b`, `['a']`), `[*]`, `[N]`,
//! `[a:b:c]`, unions (`[0,2]`), `..` (recursive descent), filters (`[?(@.x=="y")]`,
//! `[?(@.x)]`), quoted literals (`{"\n"}`), numbers and booleans, and `{range …}…{end}`.
//! Errors carry client-go's texts.

use serde_json::Value;

/// One step of an action (client-go `node.go`'s node types).
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Field(String),
    /// `[start:end:step]`: (value, known), and whether `end` was derived from `[N]`.
    Array([(i64, bool); 3], bool),
    Filter(Vec<Node>, Vec<Node>, String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Range,
    End,
}

/// A template's parts: text, actions, and ranges over their body.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Action(Vec<Node>),
    Range(Vec<Node>, Vec<Part>),
    /// An `{end}` with no range open: an error when it is reached.
    End,
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

/// A parse error's text (client-go's, without kubectl's framing).
pub type Error = String;

impl Template {
    /// Parses `text` as client-go's `Parser.Parse` does.
    pub fn parse(text: &str) -> Result<Template, Error> {
        let flat = parse_flat(text)?;
        let mut at = 0;
        let parts = nest(&flat, &mut at, false);
        Ok(Template { parts })
    }

    /// The results of each part, in order (client-go `FindResults`); missing keys give no
    /// results (kubectl's default `--allow-missing-template-keys=true`).
    pub fn find(&self, data: &Value) -> Result<Vec<Vec<Value>>, Error> {
        let mut out = Vec::new();
        find_parts(&self.parts, data, &mut out)?;
        Ok(out)
    }

    /// The template applied to `data` as `PrintResults` writes it: each result set's values
    /// separated by a space, maps and lists as compact JSON, the rest as Go prints them.
    pub fn execute(&self, data: &Value) -> Result<String, Error> {
        let mut text = String::new();
        for results in self.find(data)? {
            let shown: Vec<String> = results.iter().map(print_value).collect();
            text.push_str(&shown.join(" "));
        }
        Ok(text)
    }
}

/// A result as `PrintResults` writes it.
fn print_value(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => go_compact_json(v),
        // `evalToText` writes a nil interface as `null`.
        Value::Null => "null".into(),
        other => go_text(other),
    }
}

/// A scalar as Go's `fmt.Print` writes it; maps and lists as `fmt.Sprint` does
/// (`map[a:b]`, `[x y]`), which custom columns show.
pub fn go_text(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(go_text).collect();
            format!("[{}]", shown.join(" "))
        }
        Value::Object(map) => {
            let shown: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_text(v)))
                .collect();
            format!("map[{}]", shown.join(" "))
        }
    }
}

/// A number as Go prints an `int64` or a `float64` (`%v`: shortest, `e+06` from a million).
fn go_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    let f = n.as_f64().unwrap_or_default();
    let exp = if f == 0.0 {
        0
    } else {
        f.abs().log10().floor() as i32
    };
    if (-4..21).contains(&exp) {
        format!("{f}")
    } else {
        let text = format!("{f:e}");
        match text.split_once('e') {
            Some((m, e)) => {
                let e: i32 = e.parse().unwrap_or_default();
                format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
            }
            None => text,
        }
    }
}

/// `json.Marshal` of a map or list: compact, keys sorted, `<`, `>`, `&` escaped.
fn go_compact_json(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A value as Go's `%#v` writes what `json.Unmarshal` and unstructured decoding give
/// (kubectl's jsonpath error shows the object so).
pub fn go_sharp_v(v: &Value) -> String {
    match v {
        Value::Null => "interface {}(nil)".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::String(s) => go_quote(s),
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(go_sharp_v).collect();
            format!("[]interface {{}}{{{}}}", shown.join(", "))
        }
        Value::Object(map) => {
            let shown: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_sharp_v(v)))
                .collect();
            format!("map[string]interface {{}}{{{}}}", shown.join(", "))
        }
    }
}

/// Go's `strconv.Quote` for the texts objects hold.
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---- parsing -----------------------------------------------------------------------------

/// The template as client-go's parser leaves it: text and actions, in order.
enum Flat {
    Text(String),
    Action(Vec<Node>),
}

fn parse_flat(text: &str) -> Result<Vec<Flat>, Error> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            out.push(Flat::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            out.push(Flat::Text(rest[..open].to_string()));
        }
        let mut p = Parser {
            input: &rest[open + 1..],
            pos: 0,
        };
        let mut nodes = Vec::new();
        p.action(&mut nodes, true)?;
        out.push(Flat::Action(nodes));
        rest = &rest[open + 1 + p.pos..];
    }
    Ok(out)
}

/// Turns `{range}` … `{end}` into nested parts.
fn nest(flat: &[Flat], at: &mut usize, in_range: bool) -> Vec<Part> {
    let mut parts = Vec::new();
    while *at < flat.len() {
        let item = &flat[*at];
        *at += 1;
        match item {
            Flat::Text(t) => parts.push(Part::Text(t.clone())),
            Flat::Action(nodes) if nodes.first() == Some(&Node::Range) => {
                let body = nest(flat, at, true);
                parts.push(Part::Range(nodes[1..].to_vec(), body));
            }
            Flat::Action(nodes) if nodes.contains(&Node::End) => {
                if in_range {
                    return parts;
                }
                parts.push(Part::End);
            }
            Flat::Action(nodes) => parts.push(Part::Action(nodes.clone())),
        }
    }
    parts
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.input[self.pos..]
    }
    fn next(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Inside an action until its `}` (`parseInsideAction`); `delimited` is false for the
    /// pieces a filter or union parses without braces, which end at the input's end.
    fn action(&mut self, cur: &mut Vec<Node>, delimited: bool) -> Result<(), Error> {
        loop {
            let rest = self.rest();
            if rest.starts_with('}') && delimited {
                self.pos += 1;
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.filter(cur)?;
                continue;
            }
            if rest.starts_with("..") {
                if cur.last() == Some(&Node::Recursive) {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                cur.push(Node::Recursive);
                if self.peek().is_some_and(is_alphanumeric) {
                    self.field(cur);
                }
                continue;
            }
            let Some(r) = self.next() else {
                return if delimited {
                    Err("unclosed action".into())
                } else {
                    Ok(())
                };
            };
            match r {
                '\r' | '\n' => return Err("unclosed action".into()),
                ' ' | '@' | '$' => {}
                '[' => self.array(cur)?,
                '"' | '\'' => self.quote(cur, r)?,
                '.' => self.field(cur),
                '+' | '-' | '0'..='9' => {
                    self.pos -= 1;
                    self.number(cur)?;
                }
                c if is_alphanumeric(c) => {
                    self.pos -= c.len_utf8();
                    self.identifier(cur)?;
                }
                c => {
                    return Err(format!(
                        "unrecognized character in action: U+{:04X} '{c}'",
                        c as u32
                    ))
                }
            }
        }
    }

    fn field(&mut self, cur: &mut Vec<Node>) {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == '\\' {
                self.next();
                self.next();
            } else if is_terminator(c) {
                break;
            } else {
                self.next();
            }
        }
        let value = &self.input[start..self.pos];
        cur.push(if value == "*" {
            Node::Wildcard
        } else {
            Node::Field(value.replace('\\', ""))
        });
    }

    fn identifier(&mut self, cur: &mut Vec<Node>) -> Result<(), Error> {
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_terminator(c)) {
            self.next();
        }
        let value = &self.input[start..self.pos];
        cur.push(match value {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            "range" => Node::Range,
            "end" => Node::End,
            other => return Err(format!("unrecognized identifier {other}")),
        });
        Ok(())
    }

    fn number(&mut self, cur: &mut Vec<Node>) -> Result<(), Error> {
        let start = self.pos;
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        while self.peek().is_some_and(|c| c == '.' || c.is_ascii_digit()) {
            self.next();
        }
        let value = &self.input[start..self.pos];
        if let Ok(i) = value.parse::<i64>() {
            cur.push(Node::Int(i));
        } else if let Ok(f) = value.parse::<f64>() {
            cur.push(Node::Float(f));
        } else {
            return Err(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), Error> {
        let start = self.pos - 1;
        let mut prev = end;
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == end && prev != '\\' => break,
                Some(c) => prev = c,
            }
        }
        let raw = &self.input[start..self.pos];
        let text = unquote(&raw[1..raw.len() - 1])
            .ok_or_else(|| format!("unquote string {raw} error invalid syntax"))?;
        cur.push(Node::Text(text));
        Ok(())
    }

    fn array(&mut self, cur: &mut Vec<Node>) -> Result<(), Error> {
        let start = self.pos;
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                Some(_) => {}
            }
        }
        let mut text = &self.input[start..self.pos - 1];
        if text == "*" {
            text = ":";
        }
        if text.contains(',') {
            let mut union = Vec::new();
            for piece in text.split(',') {
                union.push(sub_action(&format!("[{}]", piece.trim_matches(' ')))?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        if let Some(key) = text
            .strip_prefix('\'')
            .and_then(|t| t.strip_suffix('\''))
            .filter(|k| !k.contains('\''))
        {
            cur.extend(sub_action(&format!(".{key}"))?);
            return Ok(());
        }
        cur.push(slice(text)?);
        Ok(())
    }

    fn filter(&mut self, cur: &mut Vec<Node>) -> Result<(), Error> {
        self.pos += 3;
        let start = self.pos;
        let (mut begin, mut end, mut pair) = (false, false, '"');
        loop {
            let prev = self.input[..self.pos].chars().last();
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(r @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = r;
                    } else if prev != Some('\\') && r == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                Some(_) => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let text = &self.input[start..self.pos - 2];
        match split_comparison(text) {
            None => cur.push(Node::Filter(sub_action(text)?, Vec::new(), "exists".into())),
            Some((left, op, right)) => cur.push(Node::Filter(
                sub_action(left)?,
                sub_action(right)?,
                op.to_string(),
            )),
        }
        Ok(())
    }
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$` on a filter's text.
fn split_comparison(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let op_start = text.find(is_op)?;
    if op_start == 0 {
        return None;
    }
    let op_len = text[op_start..]
        .find(|c| !is_op(c))
        .unwrap_or(text.len() - op_start);
    let right = &text[op_start + op_len..];
    (!right.is_empty()).then(|| (&text[..op_start], &text[op_start..op_start + op_len], right))
}

/// A piece parsed as an action without braces (client-go's `parseAction`).
fn sub_action(text: &str) -> Result<Vec<Node>, Error> {
    let mut p = Parser {
        input: text,
        pos: 0,
    };
    let mut nodes = Vec::new();
    p.action(&mut nodes, false)?;
    Ok(nodes)
}

/// `[N]`, `[a:b]`, `[a:b:c]` (`sliceOperatorRex`).
fn slice(text: &str) -> Result<Node, Error> {
    let invalid = || format!("invalid array index {text}");
    let pieces: Vec<&str> = text.split(':').collect();
    if pieces.len() > 3 {
        return Err(invalid());
    }
    let ok = |s: &str| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        digits.chars().all(|c| c.is_ascii_digit())
    };
    if !pieces.iter().all(|p| ok(p)) {
        return Err(invalid());
    }
    let mut params = [(0i64, false); 3];
    let mut derived = false;
    for (i, param) in params.iter_mut().enumerate() {
        match pieces.get(i) {
            Some(s) if !s.is_empty() => {
                let v = s
                    .parse::<i64>()
                    .map_err(|_| format!("array index {s} is not a number"))?;
                *param = (v, true);
            }
            Some(_) => {}
            None if i == 1 => {
                *param = (params_first(&pieces) + 1, true);
                derived = true;
            }
            None => {}
        }
    }
    Ok(Node::Array(params, derived))
}

fn params_first(pieces: &[&str]) -> i64 {
    pieces.first().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Go's `strconv.UnquoteChar` escapes, for quoted literals in a template.
fn unquote(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'v' => '\x0b',
            c @ ('\\' | '"' | '\'') => c,
            _ => return None,
        });
    }
    Some(out)
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
    )
}

// ---- evaluation --------------------------------------------------------------------------

fn find_parts(parts: &[Part], data: &Value, out: &mut Vec<Vec<Value>>) -> Result<(), Error> {
    for part in parts {
        match part {
            Part::Text(t) => out.push(vec![Value::String(t.clone())]),
            Part::Action(nodes) => out.push(walk(vec![data.clone()], nodes)?),
            Part::Range(nodes, body) => {
                for item in walk(vec![data.clone()], nodes)? {
                    find_parts(body, &item, out)?;
                }
            }
            Part::End => return Err("not in range, nothing to end".into()),
        }
    }
    Ok(())
}

fn walk(mut values: Vec<Value>, nodes: &[Node]) -> Result<Vec<Value>, Error> {
    for node in nodes {
        values = step(values, node)?;
    }
    Ok(values)
}

fn step(input: Vec<Value>, node: &Node) -> Result<Vec<Value>, Error> {
    let each = |v: Value| std::iter::repeat_n(v, input.len()).collect::<Vec<_>>();
    Ok(match node {
        Node::Text(t) => vec![Value::String(t.clone())],
        Node::Int(i) => each(Value::from(*i)),
        Node::Float(f) => each(Value::from(*f)),
        Node::Bool(b) => each(Value::Bool(*b)),
        Node::Field(name) => input
            .iter()
            .filter_map(|v| v.as_object().and_then(|m| m.get(name)).cloned())
            .collect(),
        Node::Wildcard => input.iter().flat_map(children).collect(),
        Node::Recursive => {
            let mut out = Vec::new();
            for v in &input {
                recursive(v, &mut out);
            }
            out
        }
        Node::Array(params, derived) => {
            let mut out = Vec::new();
            for v in &input {
                if v.is_null() {
                    continue;
                }
                let Some(items) = v.as_array() else {
                    return Err(format!("{} is not array or slice", go_type(v)));
                };
                out.extend(index(items, *params, *derived)?);
            }
            out
        }
        Node::Union(lists) => {
            let mut out = Vec::new();
            for list in lists {
                out.extend(walk(input.clone(), list)?);
            }
            out
        }
        Node::Filter(left, right, op) => filter(&input, left, right, op)?,
        Node::Range | Node::End => input,
    })
}

fn children(v: &Value) -> Vec<Value> {
    match v {
        Value::Object(m) => m.values().cloned().collect(),
        Value::Array(a) => a.clone(),
        Value::String(s) => s.bytes().map(Value::from).collect(),
        _ => Vec::new(),
    }
}

/// `..`: the value and everything under it that has children, depth first.
fn recursive(v: &Value, out: &mut Vec<Value>) {
    let kids = children(v);
    if kids.is_empty() {
        return;
    }
    out.push(v.clone());
    for k in &kids {
        recursive(k, out);
    }
}

fn index(items: &[Value], params: [(i64, bool); 3], derived: bool) -> Result<Vec<Value>, Error> {
    let len = items.len() as i64;
    let mut start = if params[0].1 { params[0].0 } else { 0 };
    if start < 0 {
        start += len;
    }
    let mut end = if params[1].1 { params[1].0 } else { len };
    if end < 0 || (end == 0 && derived) {
        end += len;
    }
    if end == start {
        return Ok(Vec::new());
    }
    if start >= len || start < 0 {
        return Err(format!(
            "array index out of bounds: index {start}, length {len}"
        ));
    }
    if end > len || end < 0 {
        return Err(format!(
            "array index out of bounds: index {}, length {len}",
            end - 1
        ));
    }
    if start > end {
        return Err(format!(
            "starting index {start} is greater than ending index {end}"
        ));
    }
    let step = match params[2] {
        (s, true) if s <= 0 => return Err("step must be > 0".into()),
        (s, true) => s as usize,
        _ => 1,
    };
    Ok(items[start as usize..end as usize]
        .iter()
        .step_by(step)
        .cloned()
        .collect())
}

fn filter(input: &[Value], left: &[Node], right: &[Node], op: &str) -> Result<Vec<Value>, Error> {
    let mut out = Vec::new();
    for v in input {
        let Some(items) = v.as_array() else {
            return Err(format!(
                "{} is not array or slice and cannot be filtered",
                go_text(v)
            ));
        };
        for item in items {
            let lefts = walk(vec![item.clone()], left);
            if op == "exists" {
                if lefts.is_ok_and(|l| !l.is_empty()) {
                    out.push(item.clone());
                }
                continue;
            }
            let lefts = lefts?;
            let Some(l) = one(&lefts)? else { continue };
            let rights = walk(vec![item.clone()], right)?;
            let Some(r) = one(&rights)? else { continue };
            if compare(l, r, op)? {
                out.push(item.clone());
            }
        }
    }
    Ok(out)
}

fn one(values: &[Value]) -> Result<Option<&Value>, Error> {
    match values {
        [] => Ok(None),
        [v] => Ok(Some(v)),
        _ => Err("can only compare one element at a time".into()),
    }
}

/// text/template's `eq`, `lt` and the rest on two scalars of one basic kind.
fn compare(l: &Value, r: &Value, op: &str) -> Result<bool, Error> {
    use std::cmp::Ordering;
    let bad = || "incompatible types for comparison".to_string();
    let order = match (l, r) {
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            (None, None) => a
                .as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(Ordering::Equal),
            _ => return Err(bad()),
        },
        (Value::Bool(a), Value::Bool(b)) if matches!(op, "==" | "!=") => a.cmp(b),
        (Value::Bool(_), Value::Bool(_)) => return Err("invalid type for comparison".into()),
        _ => return Err(bad()),
    };
    Ok(match op {
        "==" => order == Ordering::Equal,
        "!=" => order != Ordering::Equal,
        "<" => order == Ordering::Less,
        ">" => order == Ordering::Greater,
        "<=" => order != Ordering::Greater,
        ">=" => order != Ordering::Less,
        other => return Err(format!("unrecognized filter operator {other}")),
    })
}

/// The Go type an unstructured value has, as errors name it.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() => "int64",
        Value::Number(_) => "float64",
        Value::Array(_) => "[]interface {}",
        Value::Null => "interface {}",
    }
}

/// kubectl's relaxed path for custom columns and `--sort-by` (cmd/get/customcolumn.go
/// `RelaxedJSONPathExpression`): `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`.
pub fn relaxed(path: &str) -> Result<String, Error> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let inner = path
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .unwrap_or(path);
    let inner = inner.strip_prefix('.').unwrap_or(inner);
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into());
    }
    Ok(format!("{{.{inner}}}"))
}

#[cfg(test)]
mod tests {
    use super::Template;

    /// Odd and broken templates give a result or client-go's error, never a panic.
    #[test]
    fn odd_templates_answer_without_panicking() {
        let doc = serde_json::json!({
            "items": [{"a": 1, "b": "x", "c": [1, 2, 3]}, {"a": 2, "c": []}],
            "kind": "List",
            "n": null,
        });
        let templates = [
            "{",
            "}",
            "{}",
            "{.",
            "{..}",
            "{...a}",
            "{.items[",
            "{.items[]}",
            "{.items[:]}",
            "{.items[5:1]}",
            "{.items[-9]}",
            "{.items[0:2:0]}",
            "{.items[::-1]}",
            "{.items[a]}",
            "{.items[1,]}",
            "{.items[?(@.a==)]}",
            "{.items[?(@.a)]}",
            "{.items[?(@.a>1)].b}",
            "{.items[?(@.b=='x')].a}",
            "{.items[?(@.c==1)]}",
            "{range}{end}{end}",
            "{range .items}",
            "{end}",
            "{.n}",
            "{.kind[0]}",
            "{\"\\q\"}",
            "{'a}",
            "{.é}",
            "{$}",
            "{@.kind}",
            "{.items[*].c[*]}",
            "{.items[0]['a','b']}",
            "{+1}",
            "{-}",
            "{1.2.3}",
            "{true}",
            "{.items[?(@.a<2.5)]}",
            "{\n}",
            "text only",
            "{.items[*]}{\"\\n\"}",
        ];
        let mut answers = String::new();
        for t in templates {
            let answer = match Template::parse(t) {
                Ok(template) => match template.execute(&doc) {
                    Ok(text) => format!("ok {text:?}"),
                    Err(e) => format!("error {e}"),
                },
                Err(e) => format!("parse error {e}"),
            };
            answers.push_str(&format!("{t:?} → {answer}\n"));
        }
        expect_test::expect![[r#"
            "{" → parse error unclosed action
            "}" → ok "}"
            "{}" → ok "{\"items\":[{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]},{\"a\":2,\"c\":[]}],\"kind\":\"List\",\"n\":null}"
            "{." → parse error unclosed action
            "{..}" → ok "{\"items\":[{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]},{\"a\":2,\"c\":[]}],\"kind\":\"List\",\"n\":null} [{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]},{\"a\":2,\"c\":[]}] {\"a\":1,\"b\":\"x\",\"c\":[1,2,3]} x [1,2,3] {\"a\":2,\"c\":[]} List"
            "{...a}" → ok "1 2"
            "{.items[" → parse error unterminated array
            "{.items[]}" → ok "{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]}"
            "{.items[:]}" → ok "{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]} {\"a\":2,\"c\":[]}"
            "{.items[5:1]}" → error array index out of bounds: index 5, length 2
            "{.items[-9]}" → error array index out of bounds: index -7, length 2
            "{.items[0:2:0]}" → error step must be > 0
            "{.items[::-1]}" → error step must be > 0
            "{.items[a]}" → parse error invalid array index a
            "{.items[1,]}" → ok "{\"a\":2,\"c\":[]} {\"a\":1,\"b\":\"x\",\"c\":[1,2,3]}"
            "{.items[?(@.a==)]}" → ok ""
            "{.items[?(@.a)]}" → ok "{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]} {\"a\":2,\"c\":[]}"
            "{.items[?(@.a>1)].b}" → ok ""
            "{.items[?(@.b=='x')].a}" → ok "1"
            "{.items[?(@.c==1)]}" → error incompatible types for comparison
            "{range}{end}{end}" → error not in range, nothing to end
            "{range .items}" → ok ""
            "{end}" → error not in range, nothing to end
            "{.n}" → ok "null"
            "{.kind[0]}" → error string is not array or slice
            "{\"\\q\"}" → parse error unquote string "\q" error invalid syntax
            "{'a}" → parse error unterminated quoted string
            "{.é}" → ok ""
            "{$}" → ok "{\"items\":[{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]},{\"a\":2,\"c\":[]}],\"kind\":\"List\",\"n\":null}"
            "{@.kind}" → ok "List"
            "{.items[*].c[*]}" → ok "1 2 3"
            "{.items[0]['a','b']}" → ok "1 x"
            "{+1}" → ok "1"
            "{-}" → parse error cannot parse number -
            "{1.2.3}" → parse error cannot parse number 1.2.3
            "{true}" → ok "true"
            "{.items[?(@.a<2.5)]}" → error incompatible types for comparison
            "{\n}" → parse error unclosed action
            "text only" → ok "text only"
            "{.items[*]}{\"\\n\"}" → ok "{\"a\":1,\"b\":\"x\",\"c\":[1,2,3]} {\"a\":2,\"c\":[]}\n"
        "#]].assert_eq(&answers);
    }
}
