//! YAML highlighting for the editor: each line of the text cut into spans that say what they
//! are (key, string, number, comment…) and whether a diagnostic points at them.
//!
//! Line by line and forgiving, as an editor's highlighter must be: it never fails, colours
//! half-typed text sensibly, and remembers across lines only what YAML needs (block scalars,
//! whose lines are all text). It draws; it does not decide what the text means: that is
//! `scenario::yaml`'s job.

use crate::decimal::parse_f64;
use crate::scenario::diagnostic::Diagnostic;

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Plain,
    Key,
    Str,
    Number,
    /// `true`, `false`, `null`, `~`.
    Constant,
    Comment,
    /// `-`, `:`, `{`, `}`, `[`, `]`, `,`, `|`, `>`.
    Punct,
    /// `---` and `...`.
    DocMarker,
    /// `&anchor`, `*alias`, `!tag`.
    Anchor,
}

impl Token {
    /// The CSS class the editor gives it.
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Key => "jp-hl-key",
            Token::Str => "jp-hl-str",
            Token::Number => "jp-hl-num",
            Token::Constant => "jp-hl-const",
            Token::Comment => "jp-hl-comment",
            Token::Punct => "jp-hl-punct",
            Token::DocMarker => "jp-hl-doc",
            Token::Anchor => "jp-hl-anchor",
        }
    }
}

/// Whether a diagnostic underlines a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    None,
    Warning,
    Error,
}

/// A run of characters of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub token: Token,
    pub mark: Mark,
}

/// Text longer than this is shown without colours: highlighting runs on every keystroke.
pub const MAX_HIGHLIGHTED_BYTES: usize = 256 * 1024;

/// The text's lines as spans, with the places diagnostics point at underlined.
pub fn highlight(text: &str, diagnostics: &[Diagnostic]) -> Vec<Vec<Span>> {
    let plain = text.len() > MAX_HIGHLIGHTED_BYTES;
    let mut block_scalar: Option<usize> = None;
    let mut lines = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let chars: Vec<char> = line.chars().collect();
        let mut tokens = if plain {
            vec![Token::Plain; chars.len()]
        } else {
            tokenize_line(&chars, &mut block_scalar)
        };
        let mut marks = vec![Mark::None; chars.len()];
        for d in diagnostics.iter().filter(|d| d.line as usize == i + 1) {
            mark_diagnostic(&chars, &mut marks, d);
        }
        if chars.is_empty() && diagnostics.iter().any(|d| d.line as usize == i + 1) {
            // Nothing to underline on an empty line: a marked space keeps the place visible.
            tokens.push(Token::Plain);
            marks.push(
                if diagnostics
                    .iter()
                    .any(|d| d.line as usize == i + 1 && d.is_error())
                {
                    Mark::Error
                } else {
                    Mark::Warning
                },
            );
            lines.push(runs(&[' '], &tokens, &marks));
            continue;
        }
        lines.push(runs(&chars, &tokens, &marks));
    }
    lines
}

/// Underlines from the diagnostic's column to the end of what starts there: a quoted string to
/// its closing quote, anything else to the end of the line's content (before a comment).
fn mark_diagnostic(chars: &[char], marks: &mut [Mark], d: &Diagnostic) {
    let mark = if d.is_error() {
        Mark::Error
    } else {
        Mark::Warning
    };
    let content_end = content_end(chars);
    let column = d.column.max(1) as usize - 1;
    // A column past the content (the end of a line, say) underlines the whole line.
    let start = if column >= content_end {
        chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0)
    } else {
        column
    };
    let end = match chars.get(start) {
        Some(&q @ ('"' | '\'')) => chars[start + 1..]
            .iter()
            .position(|&c| c == q)
            .map_or(content_end, |p| start + p + 2),
        _ => content_end,
    };
    for m in marks
        .iter_mut()
        .take(end.max(start + 1).min(chars.len()))
        .skip(start)
    {
        *m = (*m).max(mark);
    }
}

/// Where a line's content ends: before a comment and trailing spaces.
fn content_end(chars: &[char]) -> usize {
    let mut quote = None;
    let mut end = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || chars[i - 1].is_whitespace() => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// One token per character of the line. `block_scalar` holds the indentation of the key that
/// opened a `|` or `>` scalar while its lines continue.
fn tokenize_line(chars: &[char], block_scalar: &mut Option<usize>) -> Vec<Token> {
    let indent = chars.iter().take_while(|c| **c == ' ').count();
    let blank = chars.iter().all(|c| c.is_whitespace());
    if let Some(parent) = *block_scalar {
        if blank || indent > parent {
            return vec![Token::Str; chars.len()];
        }
        *block_scalar = None;
    }
    let mut tokens = vec![Token::Plain; chars.len()];
    let text: String = chars.iter().collect();
    if text.starts_with("---") || text.starts_with("...") {
        let marker_end = 3;
        tokens[..marker_end].fill(Token::DocMarker);
        scan_values(chars, marker_end, &mut tokens, block_scalar, indent);
        return tokens;
    }
    scan_values(chars, 0, &mut tokens, block_scalar, indent);
    tokens
}

/// Scans from `from` to the end of the line: sequence dashes, keys, values, flow punctuation.
fn scan_values(
    chars: &[char],
    from: usize,
    tokens: &mut [Token],
    block_scalar: &mut Option<usize>,
    indent: usize,
) {
    let mut i = from;
    // Where a key may start: the beginning of the content, after `- `, `{`, `[` or `,`.
    let mut key_allowed = true;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '#' if i == 0 || chars[i - 1].is_whitespace() => {
                tokens[i..].fill(Token::Comment);
                return;
            }
            '-' if key_allowed && chars.get(i + 1).is_none_or(|n| *n == ' ') => {
                tokens[i] = Token::Punct;
                i += 1;
            }
            '{' | '}' | '[' | ']' | ',' => {
                tokens[i] = Token::Punct;
                key_allowed = c != '}' && c != ']';
                i += 1;
            }
            '|' | '>' if is_block_indicator(chars, i) => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace())
                    .map_or(chars.len(), |p| i + p);
                tokens[i..end].fill(Token::Punct);
                *block_scalar = Some(indent);
                i = end;
            }
            '&' | '*' | '!' => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || ",[]{}".contains(*c))
                    .map_or(chars.len(), |p| i + p);
                tokens[i..end].fill(Token::Anchor);
                i = end;
            }
            '"' | '\'' => {
                let end = quoted_end(chars, i);
                let is_key = key_allowed && key_colon_at(chars, end).is_some();
                tokens[i..end].fill(if is_key { Token::Key } else { Token::Str });
                i = end;
                if let Some(colon) = key_colon_at(chars, end).filter(|_| is_key) {
                    tokens[colon] = Token::Punct;
                    i = colon + 1;
                }
                key_allowed = false;
            }
            _ => {
                let (end, colon) = plain_end(chars, i);
                match colon.filter(|_| key_allowed) {
                    Some(colon) => {
                        tokens[i..colon].fill(Token::Key);
                        tokens[colon] = Token::Punct;
                        i = colon + 1;
                    }
                    None => {
                        let word: String = chars[i..end].iter().collect();
                        let word = word.trim_end();
                        tokens[i..i + word.chars().count()].fill(scalar_token(word));
                        i = end;
                        key_allowed = false;
                    }
                }
                if colon.is_some() {
                    key_allowed = false;
                }
            }
        }
    }
}

/// `|`, `>`, `|-`, `>+2` as a value (after `: ` or `- `), not inside a plain scalar.
fn is_block_indicator(chars: &[char], i: usize) -> bool {
    let before_ok = i == 0 || chars[i - 1] == ' ';
    let rest: String = chars[i + 1..].iter().collect();
    let rest = rest.split(" #").next().unwrap_or("").trim_end();
    before_ok
        && rest
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// The index just past a quoted scalar starting at `i` (the line's end if it is not closed).
fn quoted_end(chars: &[char], i: usize) -> usize {
    let q = chars[i];
    let mut j = i + 1;
    while j < chars.len() {
        if chars[j] == '\\' && q == '"' {
            j += 2;
            continue;
        }
        if chars[j] == q {
            if q == '\'' && chars.get(j + 1) == Some(&'\'') {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    chars.len()
}

/// The `:` of a key right after a scalar ending at `end` (spaces allowed before it).
fn key_colon_at(chars: &[char], end: usize) -> Option<usize> {
    let j = end
        + chars[end.min(chars.len())..]
            .iter()
            .take_while(|c| **c == ' ')
            .count();
    (chars.get(j) == Some(&':')
        && chars
            .get(j + 1)
            .is_none_or(|c| c.is_whitespace() || ",]}".contains(*c)))
    .then_some(j)
}

/// Where a plain scalar starting at `i` ends, and the `: ` that makes it a key, if one does.
fn plain_end(chars: &[char], i: usize) -> (usize, Option<usize>) {
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        if c == ':'
            && chars
                .get(j + 1)
                .is_none_or(|n| n.is_whitespace() || ",]}".contains(*n))
        {
            let key_end = j;
            return (key_end, Some(j));
        }
        if c == '#' && j > i && chars[j - 1].is_whitespace() {
            return (j, None);
        }
        if ",]}".contains(c) {
            return (j, None);
        }
        j += 1;
    }
    (j, None)
}

/// The kind of a plain scalar: YAML 1.2 core schema constants and numbers.
fn scalar_token(word: &str) -> Token {
    match word {
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~" => {
            Token::Constant
        }
        _ if is_number(word) => Token::Number,
        _ => Token::Plain,
    }
}

fn is_number(word: &str) -> bool {
    let w = word.strip_prefix(['-', '+']).unwrap_or(word);
    if w.is_empty() {
        return false;
    }
    if let Some(hex) = w.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    parse_f64(w).is_some() && w.chars().all(|c| c.is_ascii_digit() || ".eE+-".contains(c))
}

/// Groups characters with the same token and mark into spans.
fn runs(chars: &[char], tokens: &[Token], marks: &[Mark]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match spans.last_mut() {
            Some(last) if last.token == tokens[i] && last.mark == marks[i] => last.text.push(c),
            _ => spans.push(Span {
                text: c.to_string(),
                token: tokens[i],
                mark: marks[i],
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::yaml::Pos;

    /// Each line as `token:text` pieces (plain text bare), marks as `!` (error) or `?` (warning).
    fn check(text: &str, diagnostics: &[Diagnostic], expected: &[&str]) {
        let lines = highlight(text, diagnostics);
        let shown: Vec<String> = lines
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| {
                        let mark = match s.mark {
                            Mark::None => "",
                            Mark::Warning => "?",
                            Mark::Error => "!",
                        };
                        let name = format!("{:?}", s.token).to_lowercase();
                        if s.token == Token::Plain {
                            format!("{mark}[{}]", s.text)
                        } else {
                            format!("{mark}{name}[{}]", s.text)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(shown, expected, "\n{}", shown.join("\n"));
    }

    #[test]
    fn keys_values_and_comments() {
        check(
            "apiVersion: batch/v1 # the API\nspec:\n  completions: 3\n  suspend: false\n  name: \"a: b\"",
            &[],
            &[
                "key[apiVersion] punct[:] [ batch/v1 ] comment[# the API]",
                "key[spec] punct[:]",
                "[  ] key[completions] punct[:] [ ] number[3]",
                "[  ] key[suspend] punct[:] [ ] constant[false]",
                "[  ] key[name] punct[:] [ ] str[\"a: b\"]",
            ],
        );
    }

    #[test]
    fn sequences_flow_collections_and_documents() {
        check(
            "---\n- name: c\n  args: [sh, -c, 'exit 1']\nmetadata: {name: p, labels: {a: \"1\"}}",
            &[],
            &[
                "docmarker[---]",
                "punct[-] [ ] key[name] punct[:] [ c]",
                "[  ] key[args] punct[:] [ ] punct[[] [sh] punct[,] [ -c] punct[,] [ ] str['exit 1'] punct[]]",
                "key[metadata] punct[:] [ ] punct[{] key[name] punct[:] [ p] punct[,] [ ] key[labels] punct[:] [ ] punct[{] key[a] punct[:] [ ] str[\"1\"] punct[}}]",
            ],
        );
    }

    #[test]
    fn block_scalars_are_text_until_the_indentation_returns() {
        check(
            "command:\n- |\n  echo # not a comment\n  exit: 1\nnext: 2",
            &[],
            &[
                "key[command] punct[:]",
                "punct[-] [ ] punct[|]",
                "str[  echo # not a comment]",
                "str[  exit: 1]",
                "key[next] punct[:] [ ] number[2]",
            ],
        );
    }

    #[test]
    fn diagnostics_underline_from_their_column() {
        let at = |line, column| Pos { line, column };
        let diags = [
            Diagnostic::error(
                0,
                at(2, 16),
                "spec.completions",
                "must be greater than or equal to 0",
            ),
            Diagnostic::warning(0, at(3, 3), "spec.foo", "unknown field"),
            Diagnostic::error(0, at(4, 9), "x", "quoted"),
        ];
        check(
            "spec:\n  completions: -1 # oops\n  foo: 1\n  name: \"x y\" z",
            &diags,
            &[
                "key[spec] punct[:]",
                "[  ] key[completions] punct[:] [ ] !number[-1] [ ] comment[# oops]",
                "[  ] ?key[foo] ?punct[:] ?[ ] ?number[1]",
                "[  ] key[name] punct[:] [ ] !str[\"x y\"] [ z]",
            ],
        );
    }

    #[test]
    fn a_diagnostic_on_an_empty_line_or_past_the_end_still_shows() {
        let diags = [
            Diagnostic::error(0, Pos { line: 2, column: 1 }, "", "empty"),
            Diagnostic::error(
                0,
                Pos {
                    line: 1,
                    column: 40,
                },
                "",
                "past the end",
            ),
        ];
        check(
            "a: b\n\nc: d",
            &diags,
            &["!key[a] !punct[:] ![ b]", "![ ]", "key[c] punct[:] [ d]"],
        );
    }

    #[test]
    fn huge_text_is_not_coloured_but_still_marked() {
        let text = format!("a: {}\n", "x".repeat(MAX_HIGHLIGHTED_BYTES));
        let lines = highlight(&text, &[]);
        assert_eq!(lines[0].len(), 1);
        assert_eq!(lines[0][0].token, Token::Plain);
    }
}
