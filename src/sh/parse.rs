//! Reads a script into commands (XCU 2.3 "Token Recognition", 2.10 "Shell Grammar"), with the
//! bash forms of `ast`. Parsing never fails: `parse` returns the complete commands it read and,
//! when it stopped early, where and why, so the script runs up to there as sh runs it (sh reads
//! and runs one complete command at a time).

use std::rc::Rc;

use super::ast::{
    Assign, AssignValue, Cmd, CondTok, Param, ParamOp, Part, Redir, RedirOp, Simple, Word,
};

/// A script's complete commands, and the error that stopped the reading, if one did.
#[derive(Debug, Default)]
pub struct Parsed {
    pub cmds: Vec<Cmd>,
    /// The line and the message.
    pub error: Option<(u32, String)>,
}

/// Reads `src` as sh does.
pub fn parse(src: &str) -> Parsed {
    let mut p = Parser::new(src);
    let mut out = Parsed::default();
    loop {
        p.skip_space(true);
        if p.at_end() {
            return out;
        }
        let line = p.line();
        match p.and_or().and_then(|c| p.separator(c)) {
            Ok(c) => out.cmds.push(c),
            Err(e) => {
                out.error = Some((line.max(p.line_before_error), e));
                return out;
            }
        }
    }
}

/// Which characters end a word, and whether quotes are special in it.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// A command's word: ends at a blank or an operator.
    Normal,
    /// A word of `[[ ]]`: `<` and `>` are words there.
    Cond,
    /// The word of a `${…}` operator, ending at `}` (or also at `/` or `:`).
    Brace(&'static str),
    /// An array index, ending at `]`.
    Bracket,
    /// A here-document's body or an arithmetic expression: only `$`, `` ` `` and `\` are
    /// special, and it ends with the text.
    Text,
}

type R<T> = Result<T, String>;

struct Parser {
    s: Vec<char>,
    i: usize,
    line_before_error: u32,
    /// Compound commands and substitutions open around the cursor.
    depth: u32,
}

/// How deeply commands may nest, so that no script can exhaust the stack.
const MAX_NESTING: u32 = 100;

fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')'
    )
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A valid variable name (XBD 3.235).
pub fn is_name(s: &str) -> bool {
    !s.is_empty() && !s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(is_name_char)
}

fn unexpected(what: &str) -> String {
    let mut m = String::from("syntax error: unexpected ");
    m.push_str(what);
    m
}

impl Parser {
    fn new(src: &str) -> Self {
        Parser {
            s: src.chars().collect(),
            i: 0,
            line_before_error: 0,
            depth: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn starts(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(k, c)| self.peek_at(k) == Some(c))
    }

    fn line(&self) -> u32 {
        1 + self.s[..self.i.min(self.s.len())]
            .iter()
            .filter(|c| **c == '\n')
            .count() as u32
    }

    /// Skips blanks, `\`-newlines and comments; newlines too when `newlines`.
    fn skip_space(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' => self.i += 1,
                '\n' if newlines => self.i += 1,
                '\\' if self.peek_at(1) == Some('\n') => self.i += 2,
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// The token at the cursor as a description for an error.
    fn here(&self) -> String {
        match self.peek() {
            None => "end of file".into(),
            Some('\n') => "newline".into(),
            Some(_) => {
                let mut t = String::from("\"");
                let word: String = self.s[self.i..]
                    .iter()
                    .take_while(|c| !c.is_whitespace())
                    .take(20)
                    .collect();
                t.push_str(&word);
                t.push('"');
                t
            }
        }
    }

    /// A reserved word at the cursor (XCU 2.4), unquoted and ending at a delimiter.
    fn reserved(&self) -> Option<&'static str> {
        const WORDS: [&str; 19] = [
            "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
            "for", "in", "function", "{", "}", "!", "[[", "((",
        ];
        WORDS.into_iter().find(|w| {
            self.starts(w)
                && (w.ends_with('(')
                    || self
                        .peek_at(w.len())
                        .is_none_or(|c| is_meta(c) || c == '\r'))
        })
    }

    fn expect_word(&mut self, w: &str) -> R<()> {
        self.skip_space(true);
        if self.reserved() == Some(w) || (w == "}" && self.starts("}")) {
            self.i += w.len();
            Ok(())
        } else {
            let mut m = unexpected(&self.here());
            m.push_str(" (expecting \"");
            m.push_str(w);
            m.push_str("\")");
            Err(m)
        }
    }

    /// After a complete command: `&` makes it a background one; `;` or a newline ends it.
    fn separator(&mut self, c: Cmd) -> R<Cmd> {
        self.skip_space(false);
        match self.peek() {
            Some('&') => {
                self.i += 1;
                Ok(Cmd::Background(Box::new(c)))
            }
            Some(';') if self.peek_at(1) != Some(';') => {
                self.i += 1;
                Ok(c)
            }
            // `)` ends a subshell or a substitution, `;;` a case arm: the caller reads them.
            Some('\n' | ')') | None => Ok(c),
            Some(';') => Ok(c),
            _ => Err(unexpected(&self.here())),
        }
    }

    /// Commands up to one of `ends` (reserved words), `)`, `;;` or the end.
    fn list(&mut self, ends: &[&str]) -> R<Cmd> {
        let mut cmds = Vec::new();
        loop {
            self.skip_space(true);
            if self.at_end()
                || self.peek() == Some(')')
                || self.starts(";;")
                || self.reserved().is_some_and(|w| ends.contains(&w))
            {
                break;
            }
            let c = self.and_or()?;
            cmds.push(self.separator(c)?);
        }
        if cmds.is_empty() && !ends.is_empty() {
            return Err(unexpected(&self.here()));
        }
        Ok(if cmds.len() == 1 {
            cmds.pop().unwrap_or(Cmd::List(Vec::new()))
        } else {
            Cmd::List(cmds)
        })
    }

    fn and_or(&mut self) -> R<Cmd> {
        let mut left = self.pipeline()?;
        loop {
            self.skip_space(false);
            let and = if self.starts("&&") {
                true
            } else if self.starts("||") {
                false
            } else {
                return Ok(left);
            };
            self.i += 2;
            self.skip_space(true);
            let right = self.pipeline()?;
            left = Cmd::AndOr {
                and,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
    }

    fn pipeline(&mut self) -> R<Cmd> {
        self.skip_space(false);
        let bang = self.reserved() == Some("!");
        if bang {
            self.i += 1;
        }
        let mut cmds = vec![self.command()?];
        loop {
            self.skip_space(false);
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.i += 1;
                self.skip_space(true);
                cmds.push(self.command()?);
            } else {
                break;
            }
        }
        Ok(if cmds.len() == 1 && !bang {
            cmds.pop().unwrap_or(Cmd::List(Vec::new()))
        } else {
            Cmd::Pipeline { bang, cmds }
        })
    }

    fn command(&mut self) -> R<Cmd> {
        if self.depth >= MAX_NESTING {
            return Err("commands nested too deep for jobplay's shell".into());
        }
        self.depth += 1;
        let c = self.command_inner();
        self.depth -= 1;
        c
    }

    fn command_inner(&mut self) -> R<Cmd> {
        self.skip_space(false);
        let compound = match self.reserved() {
            Some("if") => self.if_clause()?,
            Some("for") => self.for_clause()?,
            Some(w @ ("while" | "until")) => {
                self.i += w.len();
                let cond = self.list(&["do"])?;
                self.expect_word("do")?;
                let body = self.list(&["done"])?;
                self.expect_word("done")?;
                Cmd::While {
                    until: w == "until",
                    cond: Box::new(cond),
                    body: Box::new(body),
                }
            }
            Some("case") => self.case_clause()?,
            Some("{") => {
                self.i += 1;
                let body = self.list(&["}"])?;
                self.expect_word("}")?;
                Cmd::Group {
                    subshell: false,
                    body: Box::new(body),
                    redirs: Vec::new(),
                }
            }
            Some("[[") => {
                self.i += 2;
                self.cond()?
            }
            Some("((") => {
                self.i += 2;
                Cmd::Arith(self.arith_until_close()?)
            }
            Some("function") => {
                self.i += "function".len();
                self.skip_space(false);
                let name = self.name();
                self.skip_space(false);
                if self.starts("()") {
                    self.i += 2;
                }
                return self.function_body(name);
            }
            Some(w @ ("then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in")) => {
                let mut q = String::from("\"");
                q.push_str(w);
                q.push('"');
                return Err(unexpected(&q));
            }
            _ if self.peek() == Some('(') => {
                self.i += 1;
                let body = self.list(&[])?;
                self.skip_space(true);
                if self.peek() != Some(')') {
                    return Err(unexpected(&self.here()));
                }
                self.i += 1;
                Cmd::Group {
                    subshell: true,
                    body: Box::new(body),
                    redirs: Vec::new(),
                }
            }
            _ => return self.simple(),
        };
        let mut redirs = Vec::new();
        loop {
            self.skip_space(false);
            match self.redirection()? {
                Some(r) => redirs.push(r),
                None => break,
            }
        }
        Ok(match (compound, redirs.is_empty()) {
            (c, true) => c,
            (Cmd::Group { subshell, body, .. }, false) => Cmd::Group {
                subshell,
                body,
                redirs,
            },
            (c, false) => Cmd::Group {
                subshell: false,
                body: Box::new(c),
                redirs,
            },
        })
    }

    fn name(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| is_name_char(c) || c == '-' || c == '.')
        {
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    fn function_body(&mut self, name: String) -> R<Cmd> {
        if name.is_empty() {
            return Err(unexpected(&self.here()));
        }
        self.skip_space(true);
        let body = self.command()?;
        Ok(Cmd::Function {
            name,
            body: Rc::new(body),
        })
    }

    fn if_clause(&mut self) -> R<Cmd> {
        let mut arms = Vec::new();
        let mut otherwise = None;
        self.i += 2;
        loop {
            let cond = self.list(&["then"])?;
            self.expect_word("then")?;
            let body = self.list(&["elif", "else", "fi"])?;
            arms.push((cond, body));
            self.skip_space(true);
            match self.reserved() {
                Some("elif") => self.i += 4,
                Some("else") => {
                    self.i += 4;
                    otherwise = Some(Box::new(self.list(&["fi"])?));
                    self.expect_word("fi")?;
                    break;
                }
                _ => {
                    self.expect_word("fi")?;
                    break;
                }
            }
        }
        Ok(Cmd::If { arms, otherwise })
    }

    fn for_clause(&mut self) -> R<Cmd> {
        self.i += 3;
        self.skip_space(false);
        if self.starts("((") {
            self.i += 2;
            let text = self.arith_until_close()?;
            // `init; cond; step` split at the top-level `;` of the expression's text.
            let mut parts = vec![Vec::new()];
            for part in text {
                match part {
                    Part::Lit(t) if t.contains(';') => {
                        let mut pieces = t.split(';');
                        if let Some(first) = pieces.next() {
                            push_lit(parts.last_mut().expect("one part"), first);
                        }
                        for piece in pieces {
                            parts.push(Vec::new());
                            push_lit(parts.last_mut().expect("one part"), piece);
                        }
                    }
                    p => parts.last_mut().expect("one part").push(p),
                }
            }
            if parts.len() != 3 {
                return Err("syntax error: for (( )) needs two semicolons".into());
            }
            let step = parts.pop().unwrap_or_default();
            let cond = parts.pop().unwrap_or_default();
            let init = parts.pop().unwrap_or_default();
            self.skip_space(false);
            if self.peek() == Some(';') {
                self.i += 1;
            }
            let body = self.do_group()?;
            return Ok(Cmd::ArithFor {
                init,
                cond,
                step,
                body: Box::new(body),
            });
        }
        let name = self.name();
        if !is_name(&name) {
            return Err(unexpected(&self.here()));
        }
        self.skip_space(true);
        let mut items = None;
        if self.reserved() == Some("in") {
            self.i += 2;
            let mut words = Vec::new();
            loop {
                self.skip_space(false);
                match self.peek() {
                    Some(';' | '\n') => {
                        self.i += 1;
                        break;
                    }
                    None => break,
                    _ => words.push(self.word(Mode::Normal)?),
                }
            }
            items = Some(words);
        } else if self.peek() == Some(';') {
            self.i += 1;
        }
        let body = self.do_group()?;
        Ok(Cmd::For {
            name,
            items,
            body: Box::new(body),
        })
    }

    fn do_group(&mut self) -> R<Cmd> {
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(body)
    }

    fn case_clause(&mut self) -> R<Cmd> {
        self.i += 4;
        self.skip_space(false);
        let word = self.word(Mode::Normal)?;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_space(true);
            if self.reserved() == Some("esac") {
                self.i += 4;
                break;
            }
            if self.at_end() {
                return Err(unexpected("end of file (expecting \"esac\")"));
            }
            if self.peek() == Some('(') {
                self.i += 1;
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_space(false);
                patterns.push(self.word(Mode::Normal)?);
                self.skip_space(false);
                match self.peek() {
                    Some('|') => self.i += 1,
                    Some(')') => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(unexpected(&self.here())),
                }
            }
            self.skip_space(true);
            let body = if self.starts(";;") || self.reserved() == Some("esac") {
                Cmd::List(Vec::new())
            } else {
                self.list(&["esac"])?
            };
            arms.push((patterns, body));
            self.skip_space(true);
            if self.starts(";;") {
                self.i += 2;
            }
        }
        Ok(Cmd::Case { word, arms })
    }

    /// `[[ … ]]`, after the `[[`.
    fn cond(&mut self) -> R<Cmd> {
        let mut toks = Vec::new();
        loop {
            self.skip_space(true);
            if self.starts("]]") {
                self.i += 2;
                return Ok(Cmd::Cond(toks));
            }
            let tok = if self.starts("&&") {
                self.i += 2;
                CondTok::And
            } else if self.starts("||") {
                self.i += 2;
                CondTok::Or
            } else if self.peek() == Some('(') {
                self.i += 1;
                CondTok::Open
            } else if self.peek() == Some(')') {
                self.i += 1;
                CondTok::Close
            } else if self.peek() == Some('!') && self.peek_at(1).is_none_or(char::is_whitespace) {
                self.i += 1;
                CondTok::Not
            } else if self.at_end() {
                return Err(unexpected("end of file (expecting \"]]\")"));
            } else {
                // The right of `=~` is a regular expression, parentheses and all.
                let regex = matches!(toks.last(), Some(CondTok::Word(w)) if matches!(w.as_slice(), [Part::Lit(o)] if o == "=~"));
                CondTok::Word(self.word(if regex {
                    Mode::Brace(" \t\n")
                } else {
                    Mode::Cond
                })?)
            };
            toks.push(tok);
        }
    }

    /// The text up to the `))` that closes an arithmetic `((`, as a word of `Mode::Text`.
    fn arith_until_close(&mut self) -> R<Word> {
        let start = self.i;
        let mut depth = 0i32;
        loop {
            match self.peek() {
                None => return Err(unexpected("end of file (expecting \"))\")")),
                Some('(') => depth += 1,
                Some(')') if depth == 0 && self.peek_at(1) == Some(')') => break,
                Some(')') => depth -= 1,
                _ => {}
            }
            self.i += 1;
        }
        let text: String = self.s[start..self.i].iter().collect();
        self.i += 2;
        sub_word(&text, Mode::Text)
    }

    fn simple(&mut self) -> R<Cmd> {
        let mut c = Simple {
            line: self.line(),
            ..Simple::default()
        };
        loop {
            self.skip_space(false);
            match self.peek() {
                None | Some('\n' | ';' | '&' | '|' | ')') => break,
                Some('(') if c.words.len() == 1 && c.assigns.is_empty() => {
                    // `name() compound`: a function definition.
                    let name = match c.words.pop().as_deref() {
                        Some([Part::Lit(n)]) => n.clone(),
                        _ => return Err(unexpected("\"(\"")),
                    };
                    self.i += 1;
                    self.skip_space(false);
                    if self.peek() != Some(')') {
                        return Err(unexpected(&self.here()));
                    }
                    self.i += 1;
                    return self.function_body(name);
                }
                Some('(') => return Err(unexpected("\"(\"")),
                _ => {}
            }
            if let Some(r) = self.redirection()? {
                c.redirs.push(r);
                continue;
            }
            if c.words.is_empty() {
                if let Some(a) = self.assignment()? {
                    c.assigns.push(a);
                    continue;
                }
            }
            let w = self.word(Mode::Normal)?;
            if w.is_empty() {
                return Err(unexpected(&self.here()));
            }
            c.words.push(w);
        }
        if c.words.is_empty() && c.assigns.is_empty() && c.redirs.is_empty() {
            return Err(unexpected(&self.here()));
        }
        Ok(Cmd::Simple(c))
    }

    /// `name=…`, `name+=…`, `name[i]=…`, `name=(…)` at the cursor, if there is one.
    fn assignment(&mut self) -> R<Option<Assign>> {
        let start = self.i;
        let name = {
            let mut k = self.i;
            while self.s.get(k).is_some_and(|c| is_name_char(*c)) {
                k += 1;
            }
            let n: String = self.s[self.i..k].iter().collect();
            if !is_name(&n) {
                return Ok(None);
            }
            self.i = k;
            n
        };
        let mut index = None;
        if self.peek() == Some('[') {
            self.i += 1;
            index = Some(self.word(Mode::Bracket)?);
            if self.peek() != Some(']') {
                self.i = start;
                return Ok(None);
            }
            self.i += 1;
        }
        let append = self.starts("+=");
        if append {
            self.i += 1;
        }
        if self.peek() != Some('=') {
            self.i = start;
            return Ok(None);
        }
        self.i += 1;
        let value = if self.peek() == Some('(') {
            self.i += 1;
            let mut items = Vec::new();
            loop {
                self.skip_space(true);
                match self.peek() {
                    Some(')') => {
                        self.i += 1;
                        break;
                    }
                    None => return Err(unexpected("end of file (expecting \")\")")),
                    _ => items.push(self.word(Mode::Normal)?),
                }
            }
            AssignValue::Array(items)
        } else {
            AssignValue::Scalar(self.word(Mode::Normal)?)
        };
        Ok(Some(Assign {
            name,
            index,
            append,
            value,
        }))
    }

    /// A redirection at the cursor, if there is one.
    fn redirection(&mut self) -> R<Option<Redir>> {
        let start = self.i;
        let mut k = self.i;
        while self.s.get(k).is_some_and(char::is_ascii_digit) {
            k += 1;
        }
        let fd_text: String = self.s[self.i..k].iter().collect();
        let Some(c) = self.s.get(k).copied().filter(|c| matches!(c, '<' | '>')) else {
            return Ok(None);
        };
        if c == '>' && self.s.get(k + 1) == Some(&'(')
            || c == '<' && self.s.get(k + 1) == Some(&'(')
        {
            return Err("process substitution <(…) is not read by jobplay's shell".into());
        }
        self.i = k;
        let both = fd_text.is_empty() && self.starts("&>");
        let (op, len, default_fd) = if both {
            (RedirOp::Write, 2, 1)
        } else if self.starts("<<<") {
            (RedirOp::HereString, 3, 0)
        } else if self.starts("<<") {
            (RedirOp::Here, 2, 0)
        } else if self.starts(">>") {
            (RedirOp::Append, 2, 1)
        } else if self.starts(">&") {
            (RedirOp::Dup, 2, 1)
        } else if self.starts("<&") {
            (RedirOp::Dup, 2, 0)
        } else if self.starts(">|") {
            (RedirOp::Write, 2, 1)
        } else if self.starts("<>") {
            (RedirOp::Read, 2, 0)
        } else if c == '>' {
            (RedirOp::Write, 1, 1)
        } else {
            (RedirOp::Read, 1, 0)
        };
        self.i += len;
        let fd = fd_text.parse().unwrap_or(default_fd);
        if op == RedirOp::Here {
            return self.here_document(fd).map(Some);
        }
        self.skip_space(false);
        let target = self.word(Mode::Normal)?;
        if target.is_empty() {
            self.i = start;
            return Err(unexpected(&self.here()));
        }
        if both {
            // `&> file` is `> file 2>&1`: kept as a write of fd 1 marked by fd 1000.
            return Ok(Some(Redir {
                fd: BOTH_FDS,
                op,
                target,
            }));
        }
        Ok(Some(Redir { fd, op, target }))
    }

    /// `<<[-]DELIM`: the body is the lines after the current line, up to `DELIM` alone on a
    /// line; they are taken out of the text, so the command line reads on as if they were not
    /// there (XCU 2.7.4).
    fn here_document(&mut self, fd: u32) -> R<Redir> {
        let strip_tabs = self.peek() == Some('-');
        if strip_tabs {
            self.i += 1;
        }
        self.skip_space(false);
        let delim_word = self.word(Mode::Normal)?;
        let quoted = delim_word.iter().any(|p| !matches!(p, Part::Lit(_)));
        let mut delim = String::new();
        for p in &delim_word {
            match p {
                Part::Lit(t) | Part::Quoted(t) => delim.push_str(t),
                Part::Double(inner) => inner.iter().for_each(|q| {
                    if let Part::Lit(t) | Part::Quoted(t) = q {
                        delim.push_str(t)
                    }
                }),
                _ => {}
            }
        }
        let Some(eol) = (self.i..self.s.len()).find(|k| self.s[*k] == '\n') else {
            return Err("here-document without a body".into());
        };
        let mut body = String::new();
        let mut k = eol + 1;
        let mut found = false;
        while k < self.s.len() {
            let end = (k..self.s.len())
                .find(|j| self.s[*j] == '\n')
                .unwrap_or(self.s.len());
            let mut line: String = self.s[k..end].iter().collect();
            if strip_tabs {
                line = line.trim_start_matches('\t').to_string();
            }
            k = (end + 1).min(self.s.len());
            if line.trim_end_matches('\r') == delim {
                found = true;
                break;
            }
            body.push_str(&line);
            body.push('\n');
        }
        if !found {
            self.line_before_error = self.line();
            let m = crate::sh::cat(&[
                "here-document delimited by end of file (wanted \"",
                &delim,
                "\")",
            ]);
            return Err(m);
        }
        self.s.drain(eol + 1..k);
        let target = if quoted {
            vec![Part::Quoted(body)]
        } else {
            sub_word(&body, Mode::Text)?
        };
        Ok(Redir {
            fd,
            op: RedirOp::Here,
            target,
        })
    }

    /// One word in `mode`, possibly empty when the cursor is at its end.
    fn word(&mut self, mode: Mode) -> R<Word> {
        let mut parts: Word = Vec::new();
        let mut brace_depth = 0u32;
        while let Some(c) = self.peek() {
            match mode {
                Mode::Normal if is_meta(c) => break,
                Mode::Cond if matches!(c, ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')') => break,
                Mode::Brace(stops) if brace_depth == 0 && stops.contains(c) => break,
                Mode::Bracket if c == ']' => break,
                _ => {}
            }
            let quotes = mode != Mode::Text;
            match c {
                '\'' if quotes => {
                    self.i += 1;
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != '\'') {
                        self.i += 1;
                    }
                    if self.at_end() {
                        return Err(unexpected("end of file (expecting \"'\")"));
                    }
                    parts.push(Part::Quoted(self.s[start..self.i].iter().collect()));
                    self.i += 1;
                }
                '"' if quotes => {
                    self.i += 1;
                    parts.push(Part::Double(self.double()?));
                }
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(e) if mode != Mode::Text || matches!(e, '$' | '`' | '\\') => {
                            self.i += 1;
                            parts.push(Part::Quoted(e.to_string()));
                        }
                        _ => push_lit(&mut parts, "\\"),
                    }
                }
                '$' => self.dollar(&mut parts)?,
                '`' => {
                    let cmd = self.backquote()?;
                    parts.push(Part::Command(cmd));
                }
                _ => {
                    if let Mode::Brace(_) = mode {
                        if c == '{' {
                            brace_depth += 1;
                        } else if c == '}' {
                            brace_depth -= 1;
                        }
                    }
                    self.i += 1;
                    let mut b = [0u8; 4];
                    push_lit(&mut parts, c.encode_utf8(&mut b));
                }
            }
        }
        Ok(parts)
    }

    /// The inside of `"…"`, after the opening quote, through the closing one.
    fn double(&mut self) -> R<Vec<Part>> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None => return Err(unexpected("end of file (expecting '\"')")),
                Some('"') => {
                    self.i += 1;
                    return Ok(parts);
                }
                Some('\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(e @ ('$' | '`' | '"' | '\\')) => {
                            self.i += 1;
                            parts.push(Part::Quoted(e.to_string()));
                        }
                        _ => push_lit(&mut parts, "\\"),
                    }
                }
                Some('$') => self.dollar(&mut parts)?,
                Some('`') => {
                    let cmd = self.backquote()?;
                    parts.push(Part::Command(cmd));
                }
                Some(c) => {
                    self.i += 1;
                    let mut b = [0u8; 4];
                    push_lit(&mut parts, c.encode_utf8(&mut b));
                }
            }
        }
    }

    /// `` `…` ``: the text up to the closing backquote, with `\`, `` ` `` and `$` unescaped,
    /// read as a script of its own.
    fn backquote(&mut self) -> R<Rc<Cmd>> {
        self.i += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(unexpected("end of file (expecting \"`\")")),
                Some('`') => break,
                Some('\\') if matches!(self.peek_at(1), Some('`' | '\\' | '$')) => {
                    text.push(self.s[self.i + 1]);
                    self.i += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.i += 1;
                }
            }
        }
        self.i += 1;
        let parsed = parse(&text);
        if let Some((_, e)) = parsed.error {
            return Err(e);
        }
        Ok(Rc::new(Cmd::List(parsed.cmds)))
    }

    /// An expansion at a `$`.
    fn dollar(&mut self, parts: &mut Word) -> R<()> {
        if self.depth >= MAX_NESTING {
            return Err("expansions nested too deep for jobplay's shell".into());
        }
        self.depth += 1;
        let r = self.dollar_inner(parts);
        self.depth -= 1;
        r
    }

    fn dollar_inner(&mut self, parts: &mut Word) -> R<()> {
        self.i += 1;
        match self.peek() {
            Some('(') if self.peek_at(1) == Some('(') => {
                self.i += 2;
                let w = self.arith_until_close()?;
                parts.push(Part::Arith(w));
            }
            Some('(') => {
                self.i += 1;
                let body = self.list(&[])?;
                self.skip_space(true);
                if self.peek() != Some(')') {
                    return Err(unexpected(&self.here()));
                }
                self.i += 1;
                parts.push(Part::Command(Rc::new(body)));
            }
            Some('{') => {
                self.i += 1;
                let p = self.braced()?;
                parts.push(Part::Param(Box::new(p)));
            }
            Some('\'') => {
                self.i += 1;
                parts.push(Part::Quoted(self.ansi_c()?));
            }
            Some(c) if is_name_char(c) && !c.is_ascii_digit() => {
                let start = self.i;
                while self.peek().is_some_and(is_name_char) {
                    self.i += 1;
                }
                let name = self.s[start..self.i].iter().collect();
                parts.push(plain(name));
            }
            Some(c @ ('0'..='9' | '?' | '#' | '@' | '*' | '$' | '!' | '-')) => {
                self.i += 1;
                parts.push(plain(c.to_string()));
            }
            _ => push_lit(parts, "$"),
        }
        Ok(())
    }

    /// `$'…'`: bash's ANSI-C quoting.
    fn ansi_c(&mut self) -> R<String> {
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(unexpected("end of file (expecting \"'\")")),
                Some('\'') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    self.i += 1;
                    let e = self.peek().unwrap_or('\\');
                    self.i += 1;
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'e' => '\x1b',
                        '0' => '\0',
                        other => other,
                    });
                }
                Some(c) => {
                    self.i += 1;
                    out.push(c);
                }
            }
        }
    }

    /// The inside of `${…}`, after the `{`, through the `}`.
    fn braced(&mut self) -> R<Param> {
        let length = self.peek() == Some('#')
            && self
                .peek_at(1)
                .is_some_and(|c| c != '}' && (is_name_char(c) || "@*?#".contains(c)));
        if length {
            self.i += 1;
        }
        if self.peek() == Some('!') {
            return Err("indirect expansion ${!…} is not read by jobplay's shell".into());
        }
        let start = self.i;
        match self.peek() {
            Some(c) if is_name_char(c) => {
                while self.peek().is_some_and(is_name_char) {
                    self.i += 1;
                }
            }
            Some('?' | '#' | '@' | '*' | '$' | '-') => self.i += 1,
            _ => return Err("bad substitution".into()),
        }
        let name: String = self.s[start..self.i].iter().collect();
        let mut index = None;
        if self.peek() == Some('[') {
            self.i += 1;
            index = Some(self.word(Mode::Bracket)?);
            if self.peek() != Some(']') {
                return Err("bad substitution".into());
            }
            self.i += 1;
        }
        let op = if length {
            ParamOp::Length
        } else {
            self.param_op()?
        };
        if self.peek() != Some('}') {
            return Err("bad substitution".into());
        }
        self.i += 1;
        Ok(Param { name, index, op })
    }

    fn param_op(&mut self) -> R<ParamOp> {
        let brace = Mode::Brace("}");
        let Some(c) = self.peek() else {
            return Err("bad substitution".into());
        };
        let next = self.peek_at(1);
        Ok(match c {
            '}' => ParamOp::Plain,
            ':' if matches!(next, Some('-' | '=' | '+' | '?')) => {
                self.i += 2;
                let kind = next.unwrap_or('-') as u8;
                ParamOp::Default {
                    colon: true,
                    kind,
                    word: self.word(brace)?,
                }
            }
            '-' | '=' | '+' | '?' => {
                self.i += 1;
                ParamOp::Default {
                    colon: false,
                    kind: c as u8,
                    word: self.word(brace)?,
                }
            }
            '%' | '#' => {
                let longest = next == Some(c);
                self.i += 1 + usize::from(longest);
                ParamOp::Trim {
                    suffix: c == '%',
                    longest,
                    pattern: self.word(brace)?,
                }
            }
            '/' => {
                self.i += 1;
                let mode = match self.peek() {
                    Some(m @ ('/' | '#' | '%')) => {
                        self.i += 1;
                        m as u8
                    }
                    _ => 0,
                };
                let pattern = self.word(Mode::Brace("/}"))?;
                let with = if self.peek() == Some('/') {
                    self.i += 1;
                    self.word(brace)?
                } else {
                    Vec::new()
                };
                ParamOp::Replace {
                    mode,
                    pattern,
                    with,
                }
            }
            ':' => {
                self.i += 1;
                let offset = self.word(Mode::Brace(":}"))?;
                let length = if self.peek() == Some(':') {
                    self.i += 1;
                    Some(self.word(brace)?)
                } else {
                    None
                };
                ParamOp::Substring { offset, length }
            }
            '^' | ',' => {
                let all = next == Some(c);
                self.i += 1 + usize::from(all);
                ParamOp::Case {
                    upper: c == '^',
                    all,
                }
            }
            _ => return Err("bad substitution".into()),
        })
    }
}

/// The pseudo-descriptor of `&>`: both standard output and standard error.
pub const BOTH_FDS: u32 = 1000;

fn plain(name: String) -> Part {
    Part::Param(Box::new(Param {
        name,
        index: None,
        op: ParamOp::Plain,
    }))
}

/// Appends literal text, joining it to a literal before it.
fn push_lit(parts: &mut Word, text: &str) {
    if let Some(Part::Lit(t)) = parts.last_mut() {
        t.push_str(text);
    } else if !text.is_empty() {
        parts.push(Part::Lit(text.to_string()));
    }
}

/// `text` read on its own as one word of `mode`.
fn sub_word(text: &str, mode: Mode) -> R<Word> {
    let mut p = Parser::new(text);
    let w = p.word(mode)?;
    if !p.at_end() {
        return Err(unexpected(&p.here()));
    }
    Ok(w)
}
