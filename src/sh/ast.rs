//! A script as the parser reads it: commands, words and the parts a word is made of, after
//! the grammar of POSIX's "Shell Command Language" (XCU 2.9, 2.10) with the bash forms Job
//! scripts use (arrays, `[[ ]]`, `(( ))`, `${v/…}`, `${v:off:len}`).

use std::rc::Rc;

/// A word before expansion: its parts in order.
pub type Word = Vec<Part>;

/// A piece of a word.
#[derive(Clone, Debug)]
pub enum Part {
    /// Unquoted text (backslash escapes already removed; `escaped` chars kept literal).
    Lit(String),
    /// Text in single quotes, or a backslash-escaped character: never expanded.
    Quoted(String),
    /// `"…"`: its parts expand but are not split or globbed.
    Double(Vec<Part>),
    /// `$name`, `${…}`.
    Param(Box<Param>),
    /// `$(…)` or `` `…` ``.
    Command(Rc<Cmd>),
    /// `$((…))`: the expression's text after its own expansions.
    Arith(Word),
}

/// A parameter expansion.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    /// `name[index]`: `@`, `*` or an arithmetic expression.
    pub index: Option<Word>,
    pub op: ParamOp,
}

/// What `${…}` does with the value.
#[derive(Clone, Debug)]
pub enum ParamOp {
    Plain,
    /// `${#name}`.
    Length,
    /// `${name:-w}` and its kin: `kind` is one of `- = + ?`.
    Default {
        colon: bool,
        kind: u8,
        word: Word,
    },
    /// `${name%p}`, `${name%%p}`, `${name#p}`, `${name##p}`.
    Trim {
        suffix: bool,
        longest: bool,
        pattern: Word,
    },
    /// `${name/p/r}`; `mode` is `/` (all), `#` (prefix), `%` (suffix) or 0 (first).
    Replace {
        mode: u8,
        pattern: Word,
        with: Word,
    },
    /// `${name:offset:length}`.
    Substring {
        offset: Word,
        length: Option<Word>,
    },
    /// `${name^^}`, `${name,,}` (`upper`), and the first-letter forms (`all` false).
    Case {
        upper: bool,
        all: bool,
    },
}

/// A redirection: `[fd]> word` and its kin.
#[derive(Clone, Debug)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: Word,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RedirOp {
    /// `>` and `>|`.
    Write,
    /// `>>`.
    Append,
    /// `<`.
    Read,
    /// `>&` / `<&`: the target is a descriptor number (or `-`).
    Dup,
    /// A here-document: the target is its body.
    Here,
    /// `<<<`: the target is a word, with a newline added.
    HereString,
}

/// A command.
#[derive(Clone, Debug)]
pub enum Cmd {
    Simple(Simple),
    /// `a | b | c`, `!` in front when `bang`.
    Pipeline {
        bang: bool,
        cmds: Vec<Cmd>,
    },
    /// `a && b` (`and`) or `a || b`, left associative.
    AndOr {
        and: bool,
        left: Box<Cmd>,
        right: Box<Cmd>,
    },
    /// Commands in sequence.
    List(Vec<Cmd>),
    /// `cmd &`: run to its end before the next command (jobplay has one process at a time).
    Background(Box<Cmd>),
    /// `if`/`elif` conditions with their bodies, then the `else` body.
    If {
        arms: Vec<(Cmd, Cmd)>,
        otherwise: Option<Box<Cmd>>,
    },
    /// `for name in words`, or over `"$@"` without `in`.
    For {
        name: String,
        items: Option<Vec<Word>>,
        body: Box<Cmd>,
    },
    /// `for ((init; cond; step))`.
    ArithFor {
        init: Word,
        cond: Word,
        step: Word,
        body: Box<Cmd>,
    },
    While {
        until: bool,
        cond: Box<Cmd>,
        body: Box<Cmd>,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, Cmd)>,
    },
    /// `{ …; }` or `( … )` (`subshell`), with redirections on the whole.
    Group {
        subshell: bool,
        body: Box<Cmd>,
        redirs: Vec<Redir>,
    },
    /// `name() { … }`.
    Function {
        name: String,
        body: Rc<Cmd>,
    },
    /// `[[ … ]]`.
    Cond(Vec<CondTok>),
    /// `(( … ))`.
    Arith(Word),
}

/// A simple command: assignments, words and redirections.
#[derive(Clone, Debug, Default)]
pub struct Simple {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
    /// The script's line the command starts on, for messages.
    pub line: u32,
}

/// `name=value`, `name[i]=value`, `name=(a b)`, `name+=…`.
#[derive(Clone, Debug)]
pub struct Assign {
    pub name: String,
    pub index: Option<Word>,
    pub append: bool,
    pub value: AssignValue,
}

#[derive(Clone, Debug)]
pub enum AssignValue {
    Scalar(Word),
    Array(Vec<Word>),
}

/// A token of `[[ … ]]`.
#[derive(Clone, Debug)]
pub enum CondTok {
    Word(Word),
    And,
    Or,
    Not,
    Open,
    Close,
}
