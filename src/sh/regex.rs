//! Regular expressions as grep, sed, expr and `[[ =~ ]]` use them: POSIX basic (BRE) and
//! extended (ERE) syntax (XBD 9) with the GNU extensions busybox accepts (`\+`, `\?`, `\|`
//! in a BRE; `\w`, `\s`, `\d`), back-references, bracket expressions with classes. Compiled
//! to a small backtracking program; without back-references, each (instruction, position) is
//! tried once, so matching stays linear.

use super::pattern::in_class;

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Set(usize),
    Bol,
    Eol,
    Save(usize),
    Split(usize, usize),
    Jmp(usize),
    Backref(usize),
    Match,
}

/// A bracket expression: ranges and named classes, maybe negated.
#[derive(Clone, Debug)]
struct Set {
    negate: bool,
    ranges: Vec<(char, char)>,
    classes: Vec<String>,
}

impl Set {
    fn has(&self, c: char, icase: bool) -> bool {
        let test = |c: char| {
            self.ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi)
                || self.classes.iter().any(|n| in_class(n, c))
        };
        let hit =
            test(c) || (icase && (test(c.to_ascii_lowercase()) || test(c.to_ascii_uppercase())));
        hit != self.negate
    }
}

/// A compiled expression.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    sets: Vec<Set>,
    groups: usize,
    backrefs: bool,
    pub icase: bool,
}

/// A parsed piece before compiling.
#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Set(usize),
    Bol,
    Eol,
    Group(Box<Node>, usize),
    Alt(Vec<Node>),
    Cat(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Backref(usize),
}

struct P<'a> {
    s: &'a [char],
    i: usize,
    ere: bool,
    sets: Vec<Set>,
    groups: usize,
    backrefs: bool,
}

impl Regex {
    /// `None` when the expression is not valid.
    pub fn new(pattern: &str, ere: bool) -> Option<Regex> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut p = P {
            s: &chars,
            i: 0,
            ere,
            sets: Vec::new(),
            groups: 0,
            backrefs: false,
        };
        let node = p.alt(0)?;
        if p.i != chars.len() {
            return None;
        }
        let mut prog = Vec::new();
        compile(&node, &mut prog);
        if prog.len() > MAX_PROGRAM {
            return None;
        }
        prog.push(Inst::Match);
        Some(Regex {
            prog,
            sets: p.sets,
            groups: p.groups + 1,
            backrefs: p.backrefs,
            icase: false,
        })
    }

    /// The first match in `text` at or after byte `from`: each group's byte span.
    pub fn captures(&self, text: &str, from: usize) -> Option<Vec<Option<(usize, usize)>>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let start = chars
            .iter()
            .position(|(b, _)| *b >= from)
            .unwrap_or(chars.len());
        // A state that failed from one start fails from every later one: one table serves.
        let mut seen = vec![
            false;
            if self.backrefs {
                0
            } else {
                self.prog.len() * (chars.len() + 1)
            }
        ];
        for at in start..=chars.len() {
            let mut slots = vec![None; self.groups * 2];
            slots[0] = Some(at);
            if self.run(&chars, at, &mut slots, &mut seen) {
                let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
                return Some(
                    (0..self.groups)
                        .map(|g| match (slots[2 * g], slots[2 * g + 1]) {
                            (Some(a), Some(b)) => Some((byte(a), byte(b))),
                            _ => None,
                        })
                        .collect(),
                );
            }
        }
        None
    }

    /// How many spans `captures` gives: the whole match and each group.
    pub fn captures_len(&self) -> usize {
        self.groups
    }

    /// The first match's byte span.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.captures(text, 0).and_then(|c| c[0])
    }

    /// Runs the program from `pos` with an explicit stack of alternatives (and of the group
    /// bounds to put back when one is abandoned), so no input length can overflow a stack.
    fn run(
        &self,
        t: &[(usize, char)],
        pos: usize,
        slots: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        enum Frame {
            Try(usize, usize),
            Restore(usize, Option<usize>),
        }
        let mut stack = vec![Frame::Try(0, pos)];
        while let Some(frame) = stack.pop() {
            let (mut pc, mut pos) = match frame {
                Frame::Restore(k, old) => {
                    slots[k] = old;
                    continue;
                }
                Frame::Try(pc, pos) => (pc, pos),
            };
            loop {
                if !self.backrefs {
                    let k = pc * (t.len() + 1) + pos;
                    if seen[k] {
                        break;
                    }
                    seen[k] = true;
                }
                let ch = t.get(pos).map(|c| c.1);
                let step = match &self.prog[pc] {
                    Inst::Match => {
                        slots[1] = Some(pos);
                        return true;
                    }
                    Inst::Char(c) => {
                        ch.is_some_and(|x| x == *c || (self.icase && x.eq_ignore_ascii_case(c)))
                    }
                    Inst::Any => ch.is_some_and(|x| x != '\n'),
                    Inst::Set(k) => ch.is_some_and(|x| self.sets[*k].has(x, self.icase)),
                    Inst::Bol if pos == 0 => {
                        pc += 1;
                        continue;
                    }
                    Inst::Eol if pos == t.len() => {
                        pc += 1;
                        continue;
                    }
                    Inst::Bol | Inst::Eol => break,
                    Inst::Save(k) => {
                        stack.push(Frame::Restore(*k, slots[*k]));
                        slots[*k] = Some(pos);
                        pc += 1;
                        continue;
                    }
                    Inst::Split(a, b) => {
                        stack.push(Frame::Try(*b, pos));
                        pc = *a;
                        continue;
                    }
                    Inst::Jmp(a) => {
                        pc = *a;
                        continue;
                    }
                    Inst::Backref(g) => {
                        let (Some(a), Some(b)) = (slots[2 * g], slots[2 * g + 1]) else {
                            break;
                        };
                        let same = (a..b).all(|k| t.get(pos + k - a).map(|c| c.1) == Some(t[k].1));
                        if !same {
                            break;
                        }
                        pos += b - a;
                        pc += 1;
                        continue;
                    }
                };
                if !step {
                    break;
                }
                pc += 1;
                pos += 1;
            }
        }
        false
    }
}

/// The longest program an expression may compile to (`(a{1000}){1000}` would be a million).
const MAX_PROGRAM: usize = 20_000;

fn compile(n: &Node, prog: &mut Vec<Inst>) {
    if prog.len() > MAX_PROGRAM {
        return;
    }
    match n {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Set(k) => prog.push(Inst::Set(*k)),
        Node::Bol => prog.push(Inst::Bol),
        Node::Eol => prog.push(Inst::Eol),
        Node::Backref(g) => prog.push(Inst::Backref(*g)),
        Node::Group(inner, g) => {
            prog.push(Inst::Save(2 * g));
            compile(inner, prog);
            prog.push(Inst::Save(2 * g + 1));
        }
        Node::Cat(items) => items.iter().for_each(|i| compile(i, prog)),
        Node::Alt(options) => {
            let mut jumps = Vec::new();
            for (k, o) in options.iter().enumerate() {
                if k + 1 < options.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(o, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    compile(o, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                compile(inner, prog);
            }
            match max {
                None => {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(inner, prog);
                    prog.push(Inst::Jmp(split));
                    let end = prog.len();
                    prog[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(0, 0));
                        compile(inner, prog);
                    }
                    let end = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
}

impl P<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    /// At an alternation bar: `|` in an ERE, `\|` in a BRE.
    fn at_bar(&self) -> bool {
        if self.ere {
            self.peek() == Some('|')
        } else {
            self.peek() == Some('\\') && self.s.get(self.i + 1) == Some(&'|')
        }
    }

    fn at_close(&self) -> bool {
        if self.ere {
            self.peek() == Some(')')
        } else {
            self.peek() == Some('\\') && self.s.get(self.i + 1) == Some(&')')
        }
    }

    fn alt(&mut self, depth: u32) -> Option<Node> {
        if depth > 50 {
            return None;
        }
        let mut options = vec![self.cat(depth)?];
        while self.at_bar() {
            self.i += if self.ere { 1 } else { 2 };
            options.push(self.cat(depth)?);
        }
        Some(if options.len() == 1 {
            options.pop()?
        } else {
            Node::Alt(options)
        })
    }

    fn cat(&mut self, depth: u32) -> Option<Node> {
        let mut items: Vec<Node> = Vec::new();
        while self.i < self.s.len() && !self.at_bar() && !(depth > 0 && self.at_close()) {
            let atom = self.atom(depth, items.is_empty())?;
            let atom = self.repeats(atom)?;
            items.push(atom);
        }
        Some(Node::Cat(items))
    }

    fn repeats(&mut self, mut atom: Node) -> Option<Node> {
        loop {
            let c = self.peek();
            let next = self.s.get(self.i + 1).copied();
            let (min, max, len) = match (c, next) {
                (Some('*'), _) => (0, None, 1),
                (Some('+'), _) if self.ere => (1, None, 1),
                (Some('?'), _) if self.ere => (0, Some(1), 1),
                (Some('\\'), Some('+')) if !self.ere => (1, None, 2),
                (Some('\\'), Some('?')) if !self.ere => (0, Some(1), 2),
                (Some('{'), _) if self.ere => {
                    self.i += 1;
                    let (a, b) = self.bounds()?;
                    atom = Node::Repeat(Box::new(atom), a, b);
                    continue;
                }
                (Some('\\'), Some('{')) if !self.ere => {
                    self.i += 2;
                    let (a, b) = self.bounds()?;
                    atom = Node::Repeat(Box::new(atom), a, b);
                    continue;
                }
                _ => return Some(atom),
            };
            self.i += len;
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` after the brace, through the closing one.
    fn bounds(&mut self) -> Option<(u32, Option<u32>)> {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == '}' {
                break;
            }
            if c != '\\' {
                text.push(c);
            }
        }
        let (a, b) = match text.split_once(',') {
            Some((a, "")) => (a.parse().ok()?, None),
            Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
            None => {
                let n = text.parse().ok()?;
                (n, Some(n))
            }
        };
        if b.is_some_and(|b| b < a) || a > 1000 || b.is_some_and(|b| b > 1000) {
            return None;
        }
        Some((a, b))
    }

    fn atom(&mut self, depth: u32, first: bool) -> Option<Node> {
        let c = self.peek()?;
        self.i += 1;
        Some(match c {
            '.' => Node::Any,
            '^' if self.ere || first => Node::Bol,
            '$' if self.ere || self.i == self.s.len() || self.at_close() || self.at_bar() => {
                Node::Eol
            }
            '[' => self.bracket()?,
            '*' if first && !self.ere => Node::Char('*'),
            '(' if self.ere => self.group(depth)?,
            '\\' => {
                let e = self.peek()?;
                self.i += 1;
                match e {
                    '(' if !self.ere => self.group(depth)?,
                    // A back-reference to a group not yet closed is not valid.
                    '1'..='9' if (e as usize - '0' as usize) <= self.groups => {
                        self.backrefs = true;
                        Node::Backref(e as usize - '0' as usize)
                    }
                    '1'..='9' => return None,
                    'w' | 'W' | 's' | 'S' | 'd' | 'D' => {
                        let class = match e.to_ascii_lowercase() {
                            'w' => "alnum",
                            's' => "space",
                            _ => "digit",
                        };
                        let mut set = Set {
                            negate: e.is_ascii_uppercase(),
                            ranges: Vec::new(),
                            classes: vec![class.into()],
                        };
                        if e.eq_ignore_ascii_case(&'w') {
                            set.ranges.push(('_', '_'));
                        }
                        self.sets.push(set);
                        Node::Set(self.sets.len() - 1)
                    }
                    'n' => Node::Char('\n'),
                    't' => Node::Char('\t'),
                    other => Node::Char(other),
                }
            }
            other => Node::Char(other),
        })
    }

    fn group(&mut self, depth: u32) -> Option<Node> {
        self.groups += 1;
        let g = self.groups;
        let inner = self.alt(depth + 1)?;
        if !self.at_close() {
            return None;
        }
        self.i += if self.ere { 1 } else { 2 };
        Some(Node::Group(Box::new(inner), g))
    }

    fn bracket(&mut self) -> Option<Node> {
        let mut set = Set {
            negate: false,
            ranges: Vec::new(),
            classes: Vec::new(),
        };
        if self.peek() == Some('^') {
            set.negate = true;
            self.i += 1;
        }
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                let rest: String = self.s[self.i + 1..].iter().collect();
                let end = rest.find(":]")?;
                set.classes.push(rest[..end].to_string());
                self.i += 1 + rest[..end].chars().count() + 2;
                continue;
            }
            if self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|h| *h != ']') {
                let hi = self.s[self.i + 1];
                self.i += 2;
                set.ranges.push((c, hi));
            } else {
                set.ranges.push((c, c));
            }
        }
        self.sets.push(set);
        Some(Node::Set(self.sets.len() - 1))
    }
}
