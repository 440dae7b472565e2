//! The editor's Format button: indentation of two spaces per level, one space after a sequence
//! dash, no tabs, no trailing spaces, at most one blank line in a row, one final newline.
//!
//! Comments, quoting, key order and block scalars are kept as typed. Reindenting YAML can change
//! what it means when the text is unusual (a continued plain scalar, say), so the result is
//! parsed and compared with the original, value for value; when they differ, only the
//! whitespace fixes are applied and the note says why.

use crate::scenario::yaml::{parse_stream, Node, Value};

/// Two spaces per nesting level, as `kubectl` and the Kubernetes docs write manifests.
const STEP: usize = 2;

/// The formatted text and, when something could not be done, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    pub note: Option<String>,
}

/// Formats the text; never fails, never changes what the manifests say.
pub fn format(text: &str) -> Formatted {
    let tidy = tidy_whitespace(text);
    let (before, errors) = parse_stream(&tidy);
    if let Some(e) = errors.first() {
        let note = format!("Only spaces were tidied: line {} does not parse yet ({}), so the indentation was left as it is.", e.line, e.message);
        return Formatted {
            text: tidy,
            note: Some(note),
        };
    }
    let reindented = tidy_whitespace(&reindent(&tidy));
    let (after, errors) = parse_stream(&reindented);
    let same = errors.is_empty()
        && before.len() == after.len()
        && before
            .iter()
            .zip(&after)
            .all(|(a, b)| same_value(a.root.as_ref(), b.root.as_ref()));
    if same {
        Formatted {
            text: reindented,
            note: None,
        }
    } else {
        Formatted { text: tidy, note: Some("Only spaces were tidied: reindenting this text would change what it means, so the indentation was left as it is.".into()) }
    }
}

/// Line endings, tabs in indentation, trailing spaces, runs of blank lines, the final newline.
fn tidy_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { "  " } else { " " })
            .collect();
        let rest = line.trim_start_matches([' ', '\t']).trim_end();
        if rest.is_empty() {
            blank_run += 1;
            if blank_run == 1 && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        blank_run = 0;
        out.push_str(&indent);
        out.push_str(rest);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Maps each line's indentation to its nesting depth × STEP. Block scalar lines keep their
/// indentation relative to the line that opened them.
fn reindent(text: &str) -> String {
    // (original indentation, new indentation) of the enclosing lines.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    // While inside a block scalar: the opener's original and new indentation, and the shift
    // that puts the scalar's first line one STEP in from its opener (the rest keep their place
    // relative to it).
    let mut block: Option<(usize, usize, Option<isize>)> = None;
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        if let Some((opener, opener_new, shift)) = &mut block {
            if content.is_empty() {
                push_line(&mut out, 0, content);
                continue;
            }
            if indent > *opener {
                let shift = *shift.get_or_insert((*opener_new + STEP) as isize - indent as isize);
                let new = (indent as isize + shift).max(0) as usize;
                push_line(&mut out, new, content);
                continue;
            }
            block = None;
        }
        if content.is_empty()
            || content.starts_with('#')
            || content.starts_with("---")
            || content.starts_with("...")
        {
            let new = if content.starts_with('#') {
                new_indent(&mut stack, indent, false)
            } else {
                indent
            };
            push_line(&mut out, new, content);
            if content.starts_with("---") {
                stack.clear();
            }
            continue;
        }
        let new = new_indent(&mut stack, indent, true);
        let content = one_space_after_dashes(content);
        if opens_block_scalar(&content) {
            block = Some((indent, new, None));
        }
        push_line(&mut out, new, &content);
    }
    out
}

/// The new indentation of a line at `indent`; content lines also enter the stack.
fn new_indent(stack: &mut Vec<(usize, usize)>, indent: usize, record: bool) -> usize {
    while stack.last().is_some_and(|(orig, _)| *orig > indent) {
        stack.pop();
    }
    match stack.last() {
        Some((orig, new)) if *orig == indent => *new,
        Some((_, new)) => {
            let new = new + STEP;
            if record {
                stack.push((indent, new));
            }
            new
        }
        None => {
            if record {
                stack.push((indent, 0));
            }
            0
        }
    }
}

/// `-   name: x` → `- name: x` (nested dashes too), so the item's other keys line up at STEP.
fn one_space_after_dashes(content: &str) -> String {
    let mut rest = content;
    let mut out = String::new();
    while let Some(after) = rest.strip_prefix('-').filter(|a| a.starts_with(' ')) {
        out.push_str("- ");
        rest = after.trim_start_matches(' ');
    }
    out.push_str(rest);
    out
}

/// A line whose value is `|` or `>` (with chomping or indentation indicators).
fn opens_block_scalar(content: &str) -> bool {
    let value = content.split(" #").next().unwrap_or("").trim_end();
    let last = value.rsplit([' ']).next().unwrap_or("");
    let starts_value = value.len() == last.len()
        || value[..value.len() - last.len()].ends_with(": ")
        || value[..value.len() - last.len()].ends_with("- ");
    starts_value
        && (last.starts_with('|') || last.starts_with('>'))
        && last[1..]
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

fn push_line(out: &mut String, indent: usize, content: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    if !content.is_empty() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(content);
    }
}

/// Two parsed values are the same, wherever they stand in the text.
fn same_value(a: Option<&Node>, b: Option<&Node>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => match (&a.value, &b.value) {
            (Value::Null, Value::Null) => true,
            (Value::Scalar { text: x, plain: p }, Value::Scalar { text: y, plain: q }) => {
                x == y && p == q
            }
            (Value::Seq(x), Value::Seq(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(Some(a), Some(b)))
            }
            (Value::Map(x), Value::Map(y)) => {
                x.len() == y.len()
                    && x.iter().zip(y).all(|((k1, v1), (k2, v2))| {
                        same_value(Some(k1), Some(k2)) && same_value(Some(v1), Some(v2))
                    })
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str, note: Option<&str>) {
        let f = format(input);
        assert_eq!(f.text, expected, "\n--- got ---\n{}", f.text);
        assert_eq!(
            f.note.as_deref().map(|n| n.split(':').next().unwrap_or("")),
            note
        );
        // Formatting twice changes nothing more.
        assert_eq!(format(&f.text).text, f.text);
    }

    #[test]
    fn reindents_to_two_spaces_per_level_and_keeps_comments_and_block_scalars() {
        check(
            "apiVersion: batch/v1   \r\nkind: Job\nmetadata:\n    name: pi   # the name\nspec:\n    template:\n        spec:\n            containers:\n            -   name: pi\n                command:\n                - sh\n                - -c\n                - |\n                    echo one\n                      echo two\n\n\n\n            restartPolicy: Never\n",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi   # the name\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        command:\n        - sh\n        - -c\n        - |\n          echo one\n            echo two\n\n      restartPolicy: Never\n",
            None,
        );
    }

    #[test]
    fn tabs_become_spaces_and_documents_restart_the_levels() {
        check(
            "a:\n\tb: 1\n---\nc:\n   d: 2\n",
            "a:\n  b: 1\n---\nc:\n  d: 2\n",
            None,
        );
    }

    #[test]
    fn text_that_does_not_parse_only_gets_its_spaces_tidied() {
        check(
            "a:\n    b: [1,   \n",
            "a:\n    b: [1,\n",
            Some("Only spaces were tidied"),
        );
    }

    #[test]
    fn a_reindent_that_would_change_the_meaning_is_not_applied() {
        // A plain scalar continued on a less indented line than its siblings would be: the
        // continuation's indentation is part of what it means.
        let input = "a:\n    b: one\n      two\n    c: 3\n";
        let f = format(input);
        let (before, _) = parse_stream(input);
        let (after, _) = parse_stream(&f.text);
        assert!(
            same_value(before[0].root.as_ref(), after[0].root.as_ref()),
            "formatting kept the meaning:\n{}",
            f.text
        );
    }

    #[test]
    fn every_preset_formats_to_the_same_manifests() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static/examples");
        for entry in std::fs::read_dir(dir).expect("the presets") {
            let preset =
                std::fs::read_to_string(entry.expect("a preset").path()).expect("readable");
            let f = format(&preset);
            assert_eq!(f.note, None, "{preset}");
            let (before, _) = parse_stream(&preset);
            let (after, errors) = parse_stream(&f.text);
            assert!(errors.is_empty());
            assert!(before
                .iter()
                .zip(&after)
                .all(|(a, b)| same_value(a.root.as_ref(), b.root.as_ref())));
        }
    }
}
