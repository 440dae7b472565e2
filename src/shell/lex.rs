//! A script's text as commands: the part of a POSIX shell's reading (XCU 2.2 Quoting, 2.3
//! Token Recognition, 2.7.4 Here-Document) a tutorial's kubectl lines need. Words split on
//! blanks; `'…'` keeps everything, `"…"` keeps everything but `\"`, `\\`, `\$`, `` \` `` and
//! `\`-newline; a `\` outside quotes escapes the next character and a `\`-newline joins lines;
//! `#` at the start of a word comments out the rest of the line; `;`, `&&` and `||` separate
//! commands; `<<EOF` (or `<<'EOF'`, `<<-EOF`) gives a command a here-document as its standard
//! input, and `cat <<EOF | kubectl …` is read as the same thing. What a shell would expand or
//! redirect (`$VAR`, `$(…)`, backquotes, other pipes, `>`, `<`, `&`) is an error naming it:
//! jobplay runs commands, not a shell.

/// How a command follows the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    /// The start of the script, a newline or `;`: it always runs.
    Always,
    /// `&&`: it runs if the one before succeeded.
    And,
    /// `||`: it runs if the one before failed.
    Or,
}

/// One simple command of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The words after quote removal: `kubectl`, `get`, `jobs`, ...
    pub words: Vec<String>,
    /// The command as written (continuation lines joined), for `--echo`.
    pub text: String,
    /// The line it starts on, counting from 1.
    pub line: usize,
    pub connector: Connector,
    /// The here-document's text, when the command has one (its standard input).
    pub stdin: Option<String>,
}

/// A script that cannot be read: the line and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

/// The most commands one script may hold; a longer one is reported, not run.
pub const MAX_COMMANDS: usize = 10_000;

/// Reads a whole script into its commands, or the first syntax error (a shell reading a
/// script file stops at one too).
pub fn parse_script(text: &str) -> Result<Vec<Command>, SyntaxError> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
    };
    let mut commands = Vec::new();
    let mut connector = Connector::Always;
    while let Some(mut command) = reader.command(connector)? {
        let ended_by = reader.separator()?;
        if let Some(delimiter) = command.1.take() {
            command.0.stdin = Some(reader.here_document(&delimiter)?);
        }
        if !command.0.words.is_empty() {
            if commands.len() == MAX_COMMANDS {
                return Err(SyntaxError {
                    line: command.0.line,
                    message: format!("the script has more than {MAX_COMMANDS} commands"),
                });
            }
            commands.push(command.0);
        } else if ended_by != Connector::Always {
            return Err(SyntaxError {
                line: reader.line,
                message: format!(
                    "syntax error near unexpected token `{}'",
                    if ended_by == Connector::And {
                        "&&"
                    } else {
                        "||"
                    }
                ),
            });
        }
        connector = ended_by;
        if reader.peek().is_none() {
            if connector != Connector::Always {
                return Err(SyntaxError {
                    line: reader.line,
                    message: "syntax error: unexpected end of file after `&&' or `||'".into(),
                });
            }
            break;
        }
    }
    Ok(commands)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

/// A here-document's delimiter as `<<` gave it: the word, and whether leading tabs go (`<<-`).
struct HereDelimiter {
    word: String,
    strip_tabs: bool,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.at + k).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }
    fn error<T>(&self, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            line: self.line,
            message: message.into(),
        })
    }

    /// One simple command up to (not including) its separator; `None` at the end of the text.
    /// A `cat <<EOF | ` before the command becomes the command's here-document.
    #[allow(clippy::type_complexity)] // (command, its pending here-document), read once
    fn command(
        &mut self,
        connector: Connector,
    ) -> Result<Option<(Command, Option<HereDelimiter>)>, SyntaxError> {
        self.skip_blanks_and_comments();
        if self.peek().is_none() {
            return Ok(None);
        }
        let start = self.at;
        let line = self.line;
        let mut words = Vec::new();
        let mut here = None;
        loop {
            self.skip_blanks();
            match (self.peek(), self.peek_at(1)) {
                (None | Some('\n' | ';'), _) | (Some('&'), Some('&')) | (Some('|'), Some('|')) => {
                    break
                }
                (Some('#'), _) => {
                    self.skip_comment();
                    break;
                }
                (Some('<'), Some('<')) => {
                    self.at += 2;
                    let strip_tabs = self.peek() == Some('-');
                    if strip_tabs {
                        self.at += 1;
                    }
                    self.skip_blanks();
                    let Some(word) = self.word()? else {
                        return self.error("syntax error: `<<' needs a delimiter word");
                    };
                    here = Some(HereDelimiter { word, strip_tabs });
                }
                (Some('|'), _) => {
                    // `cat <<EOF | kubectl apply -f -`: the here-document feeds the command.
                    if words == ["cat"] && here.is_some() {
                        self.at += 1;
                        words.clear();
                        continue;
                    }
                    return self.error("pipes (`|') are not supported: jobplay runs one command at a time (`cat <<EOF | kubectl apply -f -' is the one exception)");
                }
                (Some(c @ ('>' | '<' | '&' | '(' | ')')), _) => {
                    return self.error(format!(
                        "`{c}' is not supported: jobplay runs commands, not a shell (no redirections, background jobs or subshells)"
                    ));
                }
                _ => match self.word()? {
                    Some(w) => words.push(w),
                    None => break,
                },
            }
        }
        let text: String = self.chars[start..self.at].iter().collect();
        let text = text.replace("\\\n", "").trim().to_string();
        Ok(Some((
            Command {
                words,
                text,
                line,
                connector,
                stdin: None,
            },
            here,
        )))
    }

    /// The separator after a command, consumed: a newline, `;`, `&&` or `||` (the end of the
    /// text counts as a newline).
    fn separator(&mut self) -> Result<Connector, SyntaxError> {
        self.skip_blanks();
        match (self.peek(), self.peek_at(1)) {
            (Some('&'), Some('&')) => {
                self.at += 2;
                Ok(Connector::And)
            }
            (Some('|'), Some('|')) => {
                self.at += 2;
                Ok(Connector::Or)
            }
            (Some('\n' | ';'), _) => {
                self.bump();
                Ok(Connector::Always)
            }
            (None, _) => Ok(Connector::Always),
            (Some(c), _) => self.error(format!("syntax error near unexpected `{c}'")),
        }
    }

    /// The lines after the current one up to the delimiter line. The text comes as written:
    /// jobplay expands nothing in it (a quoted delimiter asks for that anyway).
    fn here_document(&mut self, delimiter: &HereDelimiter) -> Result<String, SyntaxError> {
        // The rest of the command's line was read with the command; the document starts on
        // the next line.
        if self.at > 0 && self.chars.get(self.at - 1) != Some(&'\n') {
            while let Some(c) = self.bump() {
                if c == '\n' {
                    break;
                }
            }
        }
        let start_line = self.line;
        let mut body = String::new();
        loop {
            if self.peek().is_none() {
                return Err(SyntaxError {
                    line: start_line,
                    message: format!(
                        "here-document delimited by end of file (wanted `{}')",
                        delimiter.word
                    ),
                });
            }
            let mut line = String::new();
            while let Some(c) = self.bump() {
                if c == '\n' {
                    break;
                }
                line.push(c);
            }
            let line = if delimiter.strip_tabs {
                line.trim_start_matches('\t').to_string()
            } else {
                line
            };
            if line == delimiter.word {
                return Ok(body);
            }
            body.push_str(&line);
            body.push('\n');
        }
    }

    fn skip_blanks(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(' ' | '\t' | '\r'), _) => self.at += 1,
                (Some('\\'), Some('\n')) => {
                    self.bump();
                    self.bump();
                }
                _ => return,
            }
        }
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                return;
            }
            self.at += 1;
        }
    }

    fn skip_blanks_and_comments(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('#') => self.skip_comment(),
                Some('\n') => {
                    self.bump();
                }
                _ => return,
            }
        }
    }

    /// One word after quote removal, or `None` when the next character ends words.
    fn word(&mut self) -> Result<Option<String>, SyntaxError> {
        let mut word = String::new();
        let mut any = false;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => break,
                '\'' => {
                    let line = self.line;
                    self.bump();
                    loop {
                        match self.bump() {
                            Some('\'') => break,
                            Some(c) => word.push(c),
                            None => {
                                return Err(SyntaxError {
                                    line,
                                    message:
                                        "unexpected end of file while looking for matching `''"
                                            .into(),
                                })
                            }
                        }
                    }
                }
                '"' => {
                    let line = self.line;
                    self.bump();
                    loop {
                        match self.bump() {
                            Some('"') => break,
                            Some('\\') => match self.peek() {
                                Some('\n') => {
                                    self.bump();
                                }
                                Some(c @ ('"' | '\\' | '$' | '`')) => {
                                    self.bump();
                                    word.push(c);
                                }
                                _ => word.push('\\'),
                            },
                            Some(c @ ('$' | '`')) => {
                                if c == '$' && !self.expands_at() {
                                    word.push(c);
                                    continue;
                                }
                                return self.unsupported_expansion(c);
                            }
                            Some(c) => word.push(c),
                            None => {
                                return Err(SyntaxError {
                                    line,
                                    message:
                                        "unexpected end of file while looking for matching `\"'"
                                            .into(),
                                })
                            }
                        }
                    }
                }
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') => {}
                        Some(c) => word.push(c),
                        // A backslash at the very end stands for itself.
                        None => word.push('\\'),
                    }
                }
                '`' => return self.unsupported_expansion('`'),
                '$' => {
                    self.bump();
                    if self.expands_at() {
                        return self.unsupported_expansion('$');
                    }
                    word.push('$');
                }
                c => {
                    self.bump();
                    word.push(c);
                }
            }
            any = true;
        }
        Ok(any.then_some(word))
    }

    /// Whether a `$` just read starts an expansion (a name, `{`, `(`, or a special parameter)
    /// rather than standing for itself.
    fn expands_at(&self) -> bool {
        matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || "_{(?#@*!$-".contains(c))
    }

    fn unsupported_expansion<T>(&self, c: char) -> Result<T, SyntaxError> {
        let what = if c == '`' {
            "command substitution (`…`)".to_string()
        } else {
            "`$' expansions ($VAR, $(…), ${…})".to_string()
        };
        self.error(format!(
            "{what} are not supported: jobplay runs commands, not a shell; write the value itself (for example the pod name `kubectl get pods` printed)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each command as `connector words… [stdin]`, one per line, or the error.
    fn read(text: &str) -> String {
        match parse_script(text) {
            Ok(commands) => commands
                .iter()
                .map(|c| {
                    let mut line = format!("{}:{:?} {:?}", c.line, c.connector, c.words);
                    if let Some(stdin) = &c.stdin {
                        line.push_str(&format!(" stdin={stdin:?}"));
                    }
                    line + "\n"
                })
                .collect(),
            Err(e) => format!("line {}: {}\n", e.line, e.message),
        }
    }

    #[test]
    fn words_quotes_escapes_and_comments() {
        expect_test::expect![[r##"
            2:Always ["kubectl", "get", "jobs"]
            3:Always ["kubectl", "logs", "-l", "app=a b", "it's", "a\"b", "a\\b", "$x"]
            4:Always ["kubectl", "get", "pods", "#notacomment"]
        "##]]
        .assert_eq(&read(
            "# a comment\nkubectl get jobs   # trailing\nkubectl logs -l 'app=a b' it\\'s \"a\\\"b\" \"a\\b\" '$x'\nkubectl get pods \\#notacomment\n",
        ));
    }

    #[test]
    fn continuation_lines_join_and_separators_connect() {
        expect_test::expect![[r#"
            1:Always ["kubectl", "wait", "--for=condition=complete", "job/pi"]
            3:Always ["sleep", "5"]
            3:Always ["kubectl", "get", "jobs"]
            4:Always ["kubectl", "get", "job", "x"]
            4:Or ["echo", "gone"]
            4:And ["true"]
        "#]]
        .assert_eq(&read(
            "kubectl wait \\\n  --for=condition=complete job/pi\nsleep 5; kubectl get jobs\nkubectl get job x || echo gone && true\n",
        ));
    }

    #[test]
    fn here_documents_are_standard_input() {
        expect_test::expect![[r#"
            1:Always ["kubectl", "apply", "-f", "-"] stdin="kind: Job\n  name: $x\n"
            5:Always ["kubectl", "apply", "-f", "-"] stdin="a\n"
            8:Always ["kubectl", "get", "jobs"]
        "#]]
        .assert_eq(&read(
            "cat <<EOF | kubectl apply -f -\nkind: Job\n  name: $x\nEOF\nkubectl apply -f - <<-'END'\n\ta\n\tEND\nkubectl get jobs\n",
        ));
    }

    #[test]
    fn what_a_shell_would_expand_is_an_error_naming_it() {
        let cases = [
            "pods=$(kubectl get pods)",
            "kubectl logs $pods",
            "kubectl get pods | grep pi",
            "kubectl get pods > out.txt",
            "kubectl logs 'unterminated",
            "echo \"unterminated",
            "kubectl get jobs &&",
            "&& kubectl get jobs",
            "cat <<EOF | kubectl apply -f -\nkind: Job\n",
            "echo `date`",
        ];
        let got: String = cases.iter().map(|c| read(c)).collect();
        expect_test::expect![[r#"
            line 1: `$' expansions ($VAR, $(…), ${…}) are not supported: jobplay runs commands, not a shell; write the value itself (for example the pod name `kubectl get pods` printed)
            line 1: `$' expansions ($VAR, $(…), ${…}) are not supported: jobplay runs commands, not a shell; write the value itself (for example the pod name `kubectl get pods` printed)
            line 1: pipes (`|') are not supported: jobplay runs one command at a time (`cat <<EOF | kubectl apply -f -' is the one exception)
            line 1: `>' is not supported: jobplay runs commands, not a shell (no redirections, background jobs or subshells)
            line 1: unexpected end of file while looking for matching `''
            line 1: unexpected end of file while looking for matching `"'
            line 1: syntax error: unexpected end of file after `&&' or `||'
            line 1: syntax error near unexpected token `&&'
            line 2: here-document delimited by end of file (wanted `EOF')
            line 1: command substitution (`…`) are not supported: jobplay runs commands, not a shell; write the value itself (for example the pod name `kubectl get pods` printed)
        "#]]
        .assert_eq(&got);
    }

    /// Any text at all reads without panicking, and a read script's words never hold what
    /// separates words outside quotes.
    #[test]
    fn arbitrary_text_never_panics() {
        let alphabet = [
            "a", " ", "\\", "'", "\"", "\n", "#", ";", "&", "|", "<<", "EOF", "$", "-", "\t", "é",
        ];
        let mut rng = crate::sim::rng::SimRng::new(7);
        for _ in 0..5_000 {
            let n = rng.below(24) as usize;
            let text: String = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                .collect();
            if let Ok(commands) = parse_script(&text) {
                assert!(commands.iter().all(|c| !c.words.is_empty()), "{text:?}");
            }
        }
    }
}
