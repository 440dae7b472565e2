//! YAML text to a tree of nodes that remember where they came from.
//!
//! Parsing never fails: each `---` document is parsed on its own, so a syntax
//! error in one document costs only that document, and the error becomes a diagnostic with the
//! line, column and an excerpt. Deep nesting and alias expansion are capped, because a pasted
//! "billion laughs" must not freeze a browser tab.

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::diagnostic::Diagnostic;

/// A 1-based line and column in the pasted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One YAML node and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// The shape of a node. Scalars keep their text; typing happens when a field asks for a type,
/// so `"3"` and `3` can be told apart (only plain scalars are numbers or booleans).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Scalar { text: String, plain: bool },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// One `---` document of the stream.
#[derive(Clone, Debug)]
pub struct Document {
    /// Zero-based position in the stream, counting every document including broken ones.
    pub index: usize,
    /// The root node; `None` when the document is empty or could not be parsed.
    pub root: Option<Node>,
    /// The line where the document's text starts.
    pub first_line: u32,
}

/// Deeper nesting than any real manifest; beyond it the document is rejected, which also keeps
/// the recursive deserializer and `Drop` far from the stack limit.
pub const MAX_DEPTH: usize = 100;
/// Nodes one document may expand to, aliases included (defeats "billion laughs").
pub const MAX_NODES: usize = 1_000_000;

/// Splits a stream into documents and parses each one.
pub fn parse_stream(text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for (index, (first_line, chunk)) in split_documents(text).into_iter().enumerate() {
        match parse_document(chunk, first_line) {
            Ok(root) => docs.push(Document {
                index,
                root,
                first_line,
            }),
            Err((pos, message)) => {
                let excerpt = excerpt_line(text, pos.line);
                let mut d =
                    Diagnostic::error(index, pos, "", format!("YAML syntax error: {message}"));
                if let Some(line) = excerpt {
                    d.message.push_str(&format!(
                        "\n  {} | {}\n  {}^",
                        pos.line,
                        line,
                        " ".repeat(pos.line.to_string().len() + 2 + pos.column as usize)
                    ));
                }
                diags.push(d);
                docs.push(Document {
                    index,
                    root: None,
                    first_line,
                });
            }
        }
    }
    (docs, diags)
}

fn excerpt_line(text: &str, line: u32) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    Some(l.chars().take(120).collect())
}

/// Cuts the text at document markers (`---` or `...` at the start of a line). Returns each
/// document's first line (1-based) and text. A leading empty chunk before the first `---` is
/// dropped so that a stream starting with `---` counts its first document as number 0.
fn split_documents(text: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut start_line = 1u32;
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_marker =
            |m: &str| bare == m || (bare.starts_with(m) && bare[3..].starts_with([' ', '\t']));
        if is_marker("---") || is_marker("...") {
            let chunk = &text[start..offset];
            if !(out.is_empty() && chunk.trim().is_empty() && start == 0) || is_marker("...") {
                out.push((start_line, chunk));
            }
            // `--- {a: 1}` keeps the content after the marker on the marker's line.
            start = if is_marker("---") {
                offset + 3
            } else {
                offset + line.len()
            };
            start_line = i as u32 + 1;
            if is_marker("...") {
                start_line += 1;
            }
        }
        offset += line.len();
    }
    let last = &text[start.min(text.len())..];
    if !last.trim().is_empty() || out.is_empty() {
        out.push((start_line, last));
    }
    // A trailing `...` or `---` leaves empty chunks; keep only those with content, but never
    // return nothing for a non-empty text.
    out.retain(|(_, c)| {
        !c.trim().is_empty()
            && !c
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    });
    out
}

enum Frame {
    Seq(Vec<Node>, Pos, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Pos, usize),
}

fn parse_document(chunk: &str, first_line: u32) -> Result<Option<Node>, (Pos, String)> {
    // Columns of a chunk that starts mid-line (after `--- `) are off by the marker; that case
    // is rare enough that lines alone are good enough there.
    let at = |m: saphyr_parser::Marker| Pos {
        line: m.line() as u32 + first_line - 1,
        column: m.col() as u32 + 1,
    };
    let mut stack: Vec<Frame> = Vec::new();
    // The node of each anchor by its id: the parser numbers anchors 1, 2, 3... as it meets
    // them, so a vector indexed by id holds them (a hash map would be a table of its own type).
    let mut anchors: Vec<Option<Node>> = Vec::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    for item in Parser::new_from_str(chunk) {
        let (event, span) = item.map_err(|e| {
            let info = e.info();
            // The parser's own guard against deep flow nesting; say what it means.
            let message = if info.contains("recursion limit") {
                format!("nesting deeper than {MAX_DEPTH} levels")
            } else {
                info.to_string()
            };
            (at(*e.marker()), message)
        })?;
        let pos = at(span.start);
        let finished: Option<(Node, usize)> = match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let node = Node {
                    value: scalar_value(&text, style),
                    pos,
                };
                Some((node, anchor))
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((pos, format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                stack.push(Frame::Seq(Vec::new(), pos, anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((pos, format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                stack.push(Frame::Map(Vec::new(), None, pos, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, p, anchor)) => Some((
                    Node {
                        value: Value::Seq(items),
                        pos: p,
                    },
                    anchor,
                )),
                _ => return Err((pos, "unbalanced sequence".into())),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(items, _, p, anchor)) => Some((
                    Node {
                        value: Value::Map(items),
                        pos: p,
                    },
                    anchor,
                )),
                _ => return Err((pos, "unbalanced mapping".into())),
            },
            Event::Alias(id) => {
                let target = anchors
                    .get(id)
                    .and_then(Option::as_ref)
                    .ok_or((pos, "unknown alias".to_string()))?;
                let size = node_count(target);
                nodes += size;
                if nodes > MAX_NODES {
                    return Err((
                        pos,
                        format!("aliases expand to more than {MAX_NODES} nodes"),
                    ));
                }
                let mut copy = target.clone();
                copy.pos = pos;
                Some((copy, 0))
            }
            _ => None,
        };
        let Some((node, anchor)) = finished else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err((pos, format!("document has more than {MAX_NODES} nodes")));
        }
        if anchor > 0 {
            if anchors.len() <= anchor {
                anchors.resize(anchor + 1, None);
            }
            anchors[anchor] = Some(node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(items, pending_key, ..)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => items.push((key, node)),
            },
        }
    }
    Ok(root)
}

fn node_count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Map(items) => {
            1 + items
                .iter()
                .map(|(k, v)| node_count(k) + node_count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

fn scalar_value(text: &str, style: ScalarStyle) -> Value {
    let plain = matches!(style, ScalarStyle::Plain);
    if plain && matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Value::Null;
    }
    Value::Scalar {
        text: text.to_string(),
        plain,
    }
}

impl Node {
    /// The node's scalar text, if it is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
    /// Looks up a key of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(items) => items
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_documents_and_keeps_line_numbers() {
        let (docs, diags) = parse_stream("a: 1\n---\nb:\n  c: 2\n");
        assert!(diags.is_empty());
        assert_eq!(docs.len(), 2);
        let c = docs[1]
            .root
            .as_ref()
            .unwrap()
            .get("b")
            .unwrap()
            .get("c")
            .unwrap();
        assert_eq!(c.pos, Pos { line: 4, column: 6 });
    }

    #[test]
    fn a_syntax_error_costs_only_its_own_document() {
        let (docs, diags) = parse_stream("a: [1, 2\n---\nb: 2\n");
        assert_eq!(docs.len(), 2);
        assert!(docs[0].root.is_none());
        assert!(docs[1].root.is_some());
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.starts_with("YAML syntax error"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn alias_bombs_are_refused_not_expanded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let (_, diags) = parse_stream(&text);
        assert!(
            diags[0].message.contains("aliases expand"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(5000);
        let (_, diags) = parse_stream(&text);
        assert!(
            diags[0].message.contains("nesting deeper"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn leading_marker_and_comments_do_not_make_empty_documents() {
        let (docs, _) = parse_stream("# a comment\n---\na: 1\n---\n# only a comment\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].index, 0);
    }
}
