//! Recursive-descent parser from an answer string to a structured [`Answer`].
//!
//! The grammar covers what graders meet in final answers: arithmetic with
//! implicit multiplication, `\frac`, `\sqrt[n]{}`, `\binom`, `!`, powers,
//! `\pi`, mixed numbers (`3\frac12`, `3 1/2`), percentages, scientific
//! notation, tuples, `\{sets\}`, intervals and their unions, `x = 3` style
//! answers and trailing units. Expressions and equations in variables
//! become [`Answer::Symbolic`] (compared by value, see `expr.rs`); anything
//! else becomes [`Answer::Text`] and is compared as normalised text. Input
//! longer than [`MAX_ANSWER_CHARS`] is refused so a huge response costs
//! nothing.

use super::expr::{parse_symbolic, Symbolic};
use super::lex::{lex, normalize, Tok, Token};
use super::value::{Rat, Value};

/// Answers longer than this are refused rather than parsed.
pub const MAX_ANSWER_CHARS: usize = 1000;
/// Nesting deeper than this is refused (stack safety on `((((...`).
const MAX_DEPTH: usize = 48;

/// A parsed final answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A number; `percent` when written with `%` (the value is then the
    /// number as written, `50` for `50%`).
    Num {
        value: Value,
        percent: bool,
        /// Set when written as one plain decimal numeral (`2.1428571`,
        /// `-0.7071`, `33.33\%`): how precise it claims to be, so a rounded
        /// decimal can match an exact gold (see `equiv.rs`).
        decimal: Option<Decimal>,
    },
    Inf {
        negative: bool,
    },
    /// `(a, b)` or `x = a, y = b`: ordered.
    Tuple(Vec<Answer>),
    /// `a, b` or `a or b` without brackets: order-free.
    List(Vec<Answer>),
    /// `\{a, b\}`: order-free.
    Set(Vec<Answer>),
    Interval {
        lo: Box<Answer>,
        hi: Box<Answer>,
        lo_closed: bool,
        hi_closed: bool,
    },
    Union(Vec<Answer>),
    /// A value given to a name: `x = 3`, `x \ge -9` (a relation is the
    /// interval of its variable). Equal to the bare value; against another
    /// named value the names must agree too (`b = 8` is not `a = 8`).
    Named {
        name: String,
        value: Box<Answer>,
    },
    /// An expression or equation in variables (`2x+1`, `y = 2x + 1`).
    Symbolic(Symbolic),
    /// Not a mathematical object we read: normalised text.
    Text(String),
}

/// The precision of a decimal numeral as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// Digits after the point, less the exponent (`1.25e3`: −1).
    pub places: i32,
    /// Significant digits (`0.0710`: 3).
    pub digits: u32,
}

impl Decimal {
    /// The precision of numeral `n` (`12.50`, `1.5e3`), when it has a point.
    fn of(n: &str) -> Option<Decimal> {
        let (mant, exp) = match n.find(['e', 'E']) {
            Some(i) => (&n[..i], n[i + 1..].parse::<i32>().ok()?),
            None => (n, 0),
        };
        let (_, frac) = mant.split_once('.')?;
        let digits = mant
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&b| b == b'0')
            .count();
        Some(Decimal {
            places: i32::try_from(frac.len()).ok()?.checked_sub(exp)?,
            digits: u32::try_from(digits).ok()?,
        })
    }

    /// The same numeral divided by 100 (`33.33\%` as `0.3333`).
    pub fn percent_of(self) -> Decimal {
        Decimal {
            places: self.places.saturating_add(2),
            ..self
        }
    }
}

/// Why an answer string cannot be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("empty answer")]
    Empty,
    #[error("answer of {0} characters is over the {MAX_ANSWER_CHARS}-character limit")]
    TooLong(usize),
}

/// Parses a final answer (the text inside `<answer>` or `\boxed{}`).
pub fn parse_answer(raw: &str) -> Result<Answer, ParseError> {
    let len = raw.chars().count();
    if len > MAX_ANSWER_CHARS {
        return Err(ParseError::TooLong(len));
    }
    let norm = normalize(raw);
    let mut toks = lex(&norm);
    // A closing full stop is punctuation, not part of the answer.
    while matches!(toks.last().map(|t| &t.tok), Some(Tok::Sym('.'))) {
        toks.pop();
    }
    if toks.is_empty() {
        return Err(ParseError::Empty);
    }
    strip_function_head(&mut toks);
    // `e^{x^2} + C`: the constant of integration is not part of the value.
    if toks.len() > 2
        && matches!(&toks[toks.len() - 1].tok, Tok::Ident(c) if c == "C" || c == "c")
        && toks[toks.len() - 2].tok == Tok::Sym('+')
    {
        toks.truncate(toks.len() - 2);
    }
    // `2\sqrt3 \approx 3.464`: the exact value given is the answer, its
    // rounding a comment (`x \approx 3.46` has only the rounding).
    if let Some(k) = toks
        .iter()
        .position(|t| matches!(&t.tok, Tok::Cmd(c) if c == "approx"))
    {
        let exact = parse_structured(&toks[..k]);
        let exact = exact.filter(|a| !matches!(a, Answer::Symbolic(_)));
        toks = match exact {
            Some(_) => toks[..k].to_vec(),
            None => toks[k + 1..].to_vec(),
        };
        if toks.is_empty() {
            return Err(ParseError::Empty);
        }
    }
    // `\pm 2i`, `x = 3 \pm \sqrt2`: both signs, as a list of the two roots.
    let is_pm = |t: &Token| matches!(&t.tok, Tok::Cmd(c) if c == "pm" || c == "mp");
    if toks.iter().filter(|t| is_pm(t)).count() == 1 {
        let k = toks.iter().position(is_pm).unwrap_or_default();
        let signed = |c: char| {
            let mut v = toks.clone();
            v[k].tok = Tok::Sym(c);
            parse_structured(&v)
        };
        if let (Some(a), Some(b)) = (signed('+'), signed('-')) {
            return Ok(Answer::List(vec![a, b]));
        }
    }
    Ok(parse_structured(&toks).unwrap_or_else(|| Answer::Text(canonical_text(&norm))))
}

/// `f(x) = \frac{x-3}{2}`, `f^{-1}(x) = …`, `g'(t) = …`: the function's
/// name on the left is not part of the answer, its right side is.
fn strip_function_head(toks: &mut Vec<Token>) {
    let eqs: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.tok == Tok::Sym('='))
        .map(|(i, _)| i)
        .collect();
    let [eq] = eqs[..] else { return };
    let lhs = &toks[..eq];
    let head = matches!(lhs.first().map(|t| &t.tok), Some(Tok::Ident(f)) if f.len() == 1);
    let call = lhs.len() >= 4
        && lhs.last().map(|t| &t.tok) == Some(&Tok::Sym(')'))
        && lhs.iter().filter(|t| t.tok == Tok::Sym('(')).count() == 1;
    if head && call && eq + 1 < toks.len() {
        toks.drain(..=eq);
    }
}

/// A structured answer, else an expression in variables; `None` for text.
fn parse_structured(toks: &[Token]) -> Option<Answer> {
    parse_tokens(toks).or_else(|| {
        // `The answer is 2x`: what follows the last top-level `is`.
        let words = split_top(toks, |t| matches!(t, Tok::Ident(w) if w == "is"));
        parse_symbolic(words.last().copied().unwrap_or(toks)).map(Answer::Symbolic)
    })
}

/// Text answers compare case- and space-insensitively, outer braces removed.
pub fn canonical_text(norm: &str) -> String {
    let mut s: String = norm
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{2009}')
        .flat_map(|c| c.to_lowercase())
        .collect();
    while s.starts_with('{') && s.ends_with('}') && s.len() >= 2 {
        s = s[1..s.len() - 1].to_string();
    }
    s.trim_end_matches('.').to_string()
}

fn is_sep(t: &Tok) -> bool {
    matches!(t, Tok::Sym(',' | ';')) || matches!(t, Tok::Ident(w) if w == "or" || w == "and")
}

fn depth_delta(t: &Tok) -> i32 {
    match t {
        Tok::Sym('(' | '[' | '{') | Tok::SetOpen => 1,
        Tok::Sym(')' | ']' | '}') | Tok::SetClose => -1,
        _ => 0,
    }
}

/// Splits at top-level tokens matching `pred`.
fn split_top(toks: &[Token], pred: impl Fn(&Tok) -> bool) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        depth += depth_delta(&t.tok);
        if depth == 0 && pred(&t.tok) {
            parts.push(&toks[start..i]);
            start = i + 1;
        }
    }
    parts.push(&toks[start..]);
    parts
}

fn is_eq(t: &Tok) -> bool {
    matches!(t, Tok::Sym('=')) || matches!(t, Tok::Cmd(c) if c == "in")
}

/// Operators and a variable: the side of an equation, not a name.
fn is_formula(toks: &[Token]) -> bool {
    toks.iter()
        .any(|t| matches!(t.tok, Tok::Sym('+' | '-' | '*' | '/' | '^')))
        && toks.iter().any(|t| matches!(t.tok, Tok::Ident(_)))
}

fn parse_tokens(toks: &[Token]) -> Option<Answer> {
    let clauses = split_top(toks, is_sep);
    let clauses_len = clauses.len();
    let mut items = Vec::with_capacity(clauses.len());
    // Left-hand sides of `x = 3` clauses; `None` once a clause has none.
    let mut names: Option<Vec<String>> = Some(Vec::new());
    for clause in clauses {
        // `The answer is 7`: what follows the last top-level `is`.
        let words = split_top(clause, |t| matches!(t, Tok::Ident(w) if w == "is"));
        let clause = words.last().copied().unwrap_or(clause);
        if clause.is_empty() {
            return None;
        }
        if let Some(rel) = relation(clause) {
            names = None;
            items.push(rel);
            continue;
        }
        let eqs = split_top(clause, is_eq);
        let mut chain = false;
        let (rhs, lhs) = match eqs.as_slice() {
            [only] => (*only, None),
            // `x = 3` and `1+1 = 2` name a value; `x + y = 5` is an equation
            // (`expr.rs`), but `(1+2i)(3-i) = 3 + 5i + 2 = 5 + 5i` works a
            // value out step by step: the last step is the value.
            [first, _, .., last] if is_formula(first) => {
                chain = true;
                (*last, None)
            }
            [first, .., _] if is_formula(first) => return None,
            [first, .., last] => (*last, Some(*first)),
            [] => return None,
        };
        let single_name = lhs.and_then(name_of);
        names = match (names, lhs) {
            (Some(mut ns), Some(lhs)) => {
                ns.push(lhs.iter().map(|t| format!("{:?}", t.tok)).collect());
                Some(ns)
            }
            _ => None,
        };
        let unions = split_top(rhs, |t| matches!(t, Tok::Cmd(c) if c == "cup"));
        let item = if unions.len() > 1 {
            Answer::Union(
                unions
                    .iter()
                    .map(|u| parse_item_full(u))
                    .collect::<Option<Vec<_>>>()?,
            )
        } else if let Some(item) = parse_item_full(rhs) {
            item
        } else if clauses_len > 1 || chain {
            // One root of several written in a variable (`-2i, 2i`, `x, -x`),
            // or the last step of a chain (`… = 5 + 5i`).
            Answer::Symbolic(parse_symbolic(rhs)?)
        } else {
            return None;
        };
        items.push(match single_name {
            Some(name) => Answer::Named {
                name,
                value: Box::new(item),
            },
            None => item,
        });
    }
    // `x = 1, y = 2` is an ordered pair, its components in name order (so
    // `y = 2, x = 1` is the same pair); `x = 1 or x = 2` is a list of roots.
    if items.len() == 1 {
        return items.pop();
    }
    // `x < -1 or x > 2`: the union of the intervals.
    let intervals: Vec<Answer> = items
        .iter()
        .filter_map(|a| match a {
            Answer::Named { value, .. } if matches!(**value, Answer::Interval { .. }) => {
                Some((**value).clone())
            }
            _ => None,
        })
        .collect();
    if intervals.len() == items.len() {
        return Some(Answer::Union(intervals));
    }
    // Components of a tuple are ordered by their names, not named again.
    let items: Vec<Answer> = items.into_iter().map(unname).collect();
    if let Some(ns) = names {
        let mut keyed: Vec<(String, Answer)> = ns.into_iter().zip(items).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let distinct = keyed.windows(2).all(|w| w[0].0 != w[1].0);
        let items = keyed.into_iter().map(|(_, a)| a).collect();
        return Some(if distinct {
            Answer::Tuple(items)
        } else {
            Answer::List(items)
        });
    }
    Some(Answer::List(items))
}

fn unname(a: Answer) -> Answer {
    match a {
        Answer::Named { value, .. } => *value,
        other => other,
    }
}

/// The name on the left of `x = 3`: one identifier or Greek letter, with an
/// optional subscript (`x_1`, `a_{10}`); `None` for `1 + 1` or `f(2)`.
fn name_of(lhs: &[Token]) -> Option<String> {
    let (head, sub) = match lhs {
        [h] => (h, &[][..]),
        [h, u, rest @ ..] if u.tok == Tok::Sym('_') && !rest.is_empty() => (h, rest),
        _ => return None,
    };
    let mut name = match &head.tok {
        Tok::Ident(w) => w.clone(),
        Tok::Cmd(c) if c.chars().all(|ch| ch.is_ascii_alphabetic()) => format!("\\{c}"),
        _ => return None,
    };
    if !sub.is_empty() {
        name.push('_');
        for t in sub {
            match &t.tok {
                Tok::Num(n) | Tok::Ident(n) => name.push_str(n),
                Tok::Sym('{' | '}') => {}
                _ => return None,
            }
        }
    }
    Some(name)
}

/// `<`, `\le`, `>`, `\ge`: (is it "less", is it strict).
fn relation_op(t: &Tok) -> Option<(bool, bool)> {
    match t {
        Tok::Sym('<') => Some((true, true)),
        Tok::Sym('>') => Some((false, true)),
        Tok::Cmd(c) if c == "le" => Some((true, false)),
        Tok::Cmd(c) if c == "ge" => Some((false, false)),
        _ => None,
    }
}

/// A bound of a relation: a number or an infinity.
fn bound(toks: &[Token]) -> Option<Answer> {
    parse_item_full(toks).filter(|a| matches!(a, Answer::Num { .. } | Answer::Inf { .. }))
}

/// `x \ge -9`, `5 \ge x`, `-2 < x \le 3`: the variable's interval, named.
fn relation(clause: &[Token]) -> Option<Answer> {
    let ops: Vec<(usize, (bool, bool))> = clause
        .iter()
        .enumerate()
        .filter_map(|(i, t)| relation_op(&t.tok).map(|o| (i, o)))
        .collect();
    let inf = |negative| Box::new(Answer::Inf { negative });
    let interval = |lo: Box<Answer>, hi: Box<Answer>, lo_closed, hi_closed| Answer::Interval {
        lo,
        hi,
        lo_closed,
        hi_closed,
    };
    let named = |name, value| {
        Some(Answer::Named {
            name,
            value: Box::new(value),
        })
    };
    match ops.as_slice() {
        [(i, (less, strict))] => {
            let (a, b) = (&clause[..*i], &clause[i + 1..]);
            // `x < b` reads as `b > x` with the sides swapped.
            let (name, value, less) = match (name_of(a), name_of(b)) {
                (Some(n), _) => (n, bound(b)?, *less),
                (None, Some(n)) => (n, bound(a)?, !*less),
                _ => return None,
            };
            let v = Box::new(value);
            if less {
                named(name, interval(inf(true), v, false, !strict))
            } else {
                named(name, interval(v, inf(false), !strict, false))
            }
        }
        [(i, (l1, s1)), (j, (l2, s2))] if l1 == l2 => {
            let name = name_of(&clause[i + 1..*j])?;
            let a = Box::new(bound(&clause[..*i])?);
            let b = Box::new(bound(&clause[j + 1..])?);
            if *l1 {
                named(name, interval(a, b, !s1, !s2))
            } else {
                named(name, interval(b, a, !s2, !s1))
            }
        }
        _ => None,
    }
}

/// Parses one item that must use all tokens except trailing units.
fn parse_item_full(toks: &[Token]) -> Option<Answer> {
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let item = p.item()?;
    if p.rest_is_units(&item) {
        Some(item)
    } else {
        None
    }
}

/// Single letters that are units after a number (`5m`, `3 s`); other single
/// letters there are variables.
const GLUED_UNITS: [&str; 10] = ["m", "g", "s", "L", "h", "K", "J", "N", "V", "W"];

/// Two-letter unit symbols; other two-letter runs after a number are
/// variables (`2ty` is `2·t·y`).
const TWO_LETTER_UNITS: [&str; 24] = [
    "cm", "mm", "km", "nm", "kg", "mg", "ml", "mL", "cl", "dl", "ft", "in", "yd", "mi", "lb", "oz",
    "hr", "ms", "Hz", "kW", "kJ", "Pa", "eV", "ha",
];

/// A word that may follow a number as its unit: a unit symbol, or a word
/// (three letters or more, with a vowel: `apples`, `cm`, not `xyz`).
fn is_unit_word(w: &str) -> bool {
    match w.len() {
        1 => GLUED_UNITS.contains(&w),
        2 => TWO_LETTER_UNITS.contains(&w),
        _ => w.chars().any(|c| "aeiouyAEIOUY".contains(c)),
    }
}

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn peek_at(&self, k: usize) -> Option<&'a Token> {
        self.toks.get(self.pos + k)
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_cmd(&mut self, name: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Cmd(c)) if c == name) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Runs `f` one nesting level deeper, refusing past [`MAX_DEPTH`]. The
    /// depth is restored whatever `f` returns, so a failed attempt (an early
    /// `?` inside it) leaks nothing into the next one.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// What is left after an item may only be units: words, `/`, `^n`, a
    /// closing full stop. A lone letter (`2x`, `\pi r^2`) is a variable, not
    /// a unit, so the answer is not a number, unless it is a unit symbol
    /// (`5 m`, `3s`).
    fn rest_is_units(&self, item: &Answer) -> bool {
        let rest = &self.toks[self.pos..];
        let Some(first) = rest.first() else {
            return true;
        };
        if !matches!(item, Answer::Num { .. }) {
            return false;
        }
        match &first.tok {
            Tok::Ident(w) if is_unit_word(w) => {}
            _ => return false,
        }
        rest.iter().all(|t| {
            matches!(
                &t.tok,
                Tok::Ident(_) | Tok::Num(_) | Tok::Sym('/' | '^' | '.' | '{' | '}' | '-')
            )
        }) && !rest
            .iter()
            .any(|t| matches!(&t.tok, Tok::Ident(w) if w == "pi"))
    }

    fn item(&mut self) -> Option<Answer> {
        self.nested(Self::item_inner)
    }

    fn item_inner(&mut self) -> Option<Answer> {
        let start = self.pos;
        // An arithmetic expression first: `(2+3)*4` is a number, not a tuple.
        if let Some(a) = self.number_item() {
            let probe = Parser {
                toks: self.toks,
                pos: self.pos,
                depth: self.depth,
            };
            if probe.at_item_end() || probe.rest_is_units(&a) {
                return Some(a);
            }
        }
        self.pos = start;
        match self.peek()? {
            Tok::Sym('(') | Tok::Sym('[') => self.bracketed(),
            Tok::SetOpen => {
                self.pos += 1;
                let elems = self.elements()?;
                self.eat(&Tok::SetClose).then_some(Answer::Set(elems))
            }
            Tok::Sym('{') => {
                // A LaTeX group around a whole item: `{(1, 2)}`.
                self.pos += 1;
                let inner = self.item()?;
                self.eat(&Tok::Sym('}')).then_some(inner)
            }
            _ => None,
        }
    }

    fn at_item_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Tok::Sym(',' | ')' | ']' | '}' | ';')) | Some(Tok::SetClose)
        )
    }

    /// `-\infty`, `\infty`, or an expression with an optional `%`.
    fn number_item(&mut self) -> Option<Answer> {
        let save = self.pos;
        let negative = self.eat(&Tok::Sym('-'));
        if !negative {
            self.eat(&Tok::Sym('+'));
        }
        if self.eat_cmd("infty")
            || matches!(self.peek(), Some(Tok::Ident(w)) if w == "inf" || w == "infinity" || w == "oo")
                && {
                    self.pos += 1;
                    true
                }
        {
            return Some(Answer::Inf { negative });
        }
        self.pos = save;
        let from = self.pos;
        let value = self.expr()?;
        let decimal = match &self.toks[from..self.pos] {
            [t]
            | [Token {
                tok: Tok::Sym('-' | '+'),
                ..
            }, t] => match &t.tok {
                Tok::Num(n) => Decimal::of(n),
                _ => None,
            },
            _ => None,
        };
        let percent = self.eat(&Tok::Sym('%'))
            || matches!(self.peek(), Some(Tok::Ident(w)) if w == "percent") && {
                self.pos += 1;
                true
            };
        Some(Answer::Num {
            value,
            percent,
            decimal,
        })
    }

    fn elements(&mut self) -> Option<Vec<Answer>> {
        let mut elems = vec![self.item()?];
        while self.eat(&Tok::Sym(',')) {
            elems.push(self.item()?);
        }
        Some(elems)
    }

    /// `(a, b)` tuple, `[a, b]`/`(a, b]`/... interval.
    fn bracketed(&mut self) -> Option<Answer> {
        let lo_closed = matches!(self.peek()?, Tok::Sym('['));
        self.pos += 1;
        let mut elems = self.elements()?;
        let hi_closed = match self.peek()? {
            Tok::Sym(']') => true,
            Tok::Sym(')') => false,
            _ => return None,
        };
        self.pos += 1;
        if !lo_closed && !hi_closed {
            return (elems.len() >= 2).then_some(Answer::Tuple(elems));
        }
        if elems.len() != 2 {
            return None;
        }
        let hi = elems.pop()?;
        let lo = elems.pop()?;
        Some(Answer::Interval {
            lo: Box::new(lo),
            hi: Box::new(hi),
            lo_closed,
            hi_closed,
        })
    }

    fn expr(&mut self) -> Option<Value> {
        self.nested(|p| {
            let mut acc = p.term()?;
            loop {
                if p.eat(&Tok::Sym('+')) {
                    acc = acc.checked_add(&p.term()?)?;
                } else if p.eat(&Tok::Sym('-')) {
                    acc = acc.checked_sub(&p.term()?)?;
                } else {
                    return Some(acc);
                }
            }
        })
    }

    fn starts_primary(&self) -> bool {
        match self.peek() {
            Some(Tok::Sym('(' | '{')) => true,
            Some(Tok::Cmd(c)) => matches!(c.as_str(), "frac" | "sqrt" | "pi" | "binom"),
            Some(Tok::Ident(w)) => w == "pi",
            _ => false,
        }
    }

    fn term(&mut self) -> Option<Value> {
        let mut acc = self.unary()?;
        loop {
            if self.eat(&Tok::Sym('*')) {
                acc = acc.checked_mul(&self.unary()?)?;
            } else if self.eat(&Tok::Sym('/')) {
                acc = acc.checked_div(&self.unary()?)?;
            } else if self.starts_primary() {
                acc = acc.checked_mul(&self.power()?)?;
            } else {
                break;
            }
        }
        Some(acc)
    }

    fn unary(&mut self) -> Option<Value> {
        self.nested(|p| {
            if p.eat(&Tok::Sym('-')) {
                p.unary()?.checked_neg()
            } else if p.eat(&Tok::Sym('+')) {
                p.unary()
            } else {
                p.power()
            }
        })
    }

    fn power(&mut self) -> Option<Value> {
        let base = self.postfix()?;
        if self.eat(&Tok::Sym('^')) {
            let exp = if self.eat(&Tok::Sym('{')) {
                let e = self.expr()?;
                self.eat(&Tok::Sym('}')).then_some(e)?
            } else {
                self.unary()?
            };
            return base.pow(&exp);
        }
        Some(base)
    }

    fn postfix(&mut self) -> Option<Value> {
        let mut v = self.primary()?;
        while self.eat(&Tok::Sym('!')) {
            v = v.factorial()?;
        }
        Some(v)
    }

    fn primary(&mut self) -> Option<Value> {
        self.nested(Self::primary_inner)
    }

    fn primary_inner(&mut self) -> Option<Value> {
        let tok = self.peek()?.clone();
        match tok {
            Tok::Num(n) => {
                self.pos += 1;
                let v = numeral(&n)?;
                if is_plain_integer(&n) {
                    if let Some(frac) = self.mixed_fraction() {
                        return v.checked_add(&frac);
                    }
                }
                Some(v)
            }
            Tok::Sym('(') => {
                self.pos += 1;
                let v = self.expr()?;
                self.eat(&Tok::Sym(')')).then_some(v)
            }
            Tok::Sym('{') => {
                self.pos += 1;
                let v = self.expr()?;
                self.eat(&Tok::Sym('}')).then_some(v)
            }
            // `|x|` and `\left|8\right|`: the lexer keeps `|` as a symbol.
            Tok::Sym('|') => {
                self.pos += 1;
                let v = self.expr()?;
                self.eat(&Tok::Sym('|')).then_some(v)?.abs()
            }
            Tok::Cmd(c) => {
                self.pos += 1;
                match c.as_str() {
                    "frac" => {
                        let a = self.arg()?;
                        let b = self.arg()?;
                        a.checked_div(&b)
                    }
                    "binom" => {
                        let a = self.arg()?;
                        let b = self.arg()?;
                        a.binom(&b)
                    }
                    "sqrt" => {
                        let n = if self.eat(&Tok::Sym('[')) {
                            let n = self.expr()?;
                            self.eat(&Tok::Sym(']')).then_some(n)?
                        } else {
                            Value::int(2)
                        };
                        let n = n.as_rat().filter(|r| r.is_integer())?.numer();
                        self.arg()?.root(u32::try_from(n).ok()?)
                    }
                    "pi" => Some(Value::pi()),
                    _ => None,
                }
            }
            Tok::Ident(w) if w == "pi" => {
                self.pos += 1;
                Some(Value::pi())
            }
            _ => None,
        }
    }

    /// A `\frac`/`\sqrt` argument: `{expr}`, a numeral (the lexer splits
    /// `\frac12` into single digits) or `\pi`.
    fn arg(&mut self) -> Option<Value> {
        let tok = self.peek()?.clone();
        match tok {
            Tok::Sym('{') => {
                self.pos += 1;
                let v = self.expr()?;
                self.eat(&Tok::Sym('}')).then_some(v)
            }
            Tok::Num(n) => {
                self.pos += 1;
                numeral(&n)
            }
            Tok::Cmd(c) if c == "pi" => {
                self.pos += 1;
                Some(Value::pi())
            }
            _ => None,
        }
    }

    /// `\frac{1}{2}` or ` 1/2` right after an integer: the fraction part of
    /// a mixed number, when both parts are positive integers and it is proper.
    fn mixed_fraction(&mut self) -> Option<Value> {
        let save = self.pos;
        let parts = if self.eat_cmd("frac") {
            let a = self.arg_integer();
            let b = self.arg_integer();
            a.zip(b)
        } else if self.peek_at(0).is_some_and(|t| t.space_before)
            && matches!(self.peek_at(1).map(|t| &t.tok), Some(Tok::Sym('/')))
        {
            let a = self.plain_integer();
            self.pos += 1;
            let b = self.plain_integer();
            a.zip(b)
        } else {
            None
        };
        match parts {
            Some((a, b)) if a > 0 && a < b && !self.starts_primary() && !self.eat_peek_power() => {
                Some(Value::rat(Rat::new(a, b)?))
            }
            _ => {
                self.pos = save;
                None
            }
        }
    }

    fn eat_peek_power(&self) -> bool {
        matches!(self.peek(), Some(Tok::Sym('^' | '!')))
    }

    fn plain_integer(&mut self) -> Option<i128> {
        match self.peek()? {
            Tok::Num(n) if is_plain_integer(n) => {
                self.pos += 1;
                n.parse().ok()
            }
            _ => None,
        }
    }

    fn arg_integer(&mut self) -> Option<i128> {
        if self.eat(&Tok::Sym('{')) {
            let n = self.plain_integer()?;
            return self.eat(&Tok::Sym('}')).then_some(n);
        }
        self.plain_integer()
    }
}

fn is_plain_integer(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
}

/// The exact value of a numeral: `12`, `1.25`, `.5`, `1.5e3`, `2E-4`.
fn numeral(n: &str) -> Option<Value> {
    let (mant, exp) = match n.find(['e', 'E']) {
        Some(i) => (&n[..i], n[i + 1..].parse::<i128>().ok()?),
        None => (n, 0),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.len() + frac.len() > 36 {
        return None;
    }
    let digits: i128 = format!("{int}{frac}").parse().ok()?;
    let scale = Rat::int(10).pow(exp.checked_sub(frac.len() as i128)?)?;
    Some(Value::rat(Rat::int(digits).checked_mul(scale)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Value {
        match parse_answer(s) {
            Ok(Answer::Num { value, .. }) => value,
            other => panic!("{s:?} parsed as {other:?}"),
        }
    }

    fn r(n: i128, d: i128) -> Value {
        Value::rat(Rat::new(n, d).unwrap())
    }

    #[test]
    fn reads_numbers_in_every_notation() {
        assert_eq!(num("\\frac{3}{4}"), r(3, 4));
        assert_eq!(num("\\dfrac34"), r(3, 4));
        assert_eq!(num("0.75"), r(3, 4));
        assert_eq!(num("1.5e3"), Value::int(1500));
        assert_eq!(num("1.5\\times10^{3}"), Value::int(1500));
        assert_eq!(num("3\\frac{1}{2}"), r(7, 2));
        assert_eq!(num("3 1/2"), r(7, 2));
        assert_eq!(num("-3\\frac12"), r(-7, 2));
        assert_eq!(num("2\\sqrt{2}"), num("\\sqrt{8}"));
        assert_eq!(num("\\frac{\\pi}{2}"), num("0.5\\pi"));
        assert_eq!(num("12,345"), Value::int(12345));
        assert_eq!(num("5!"), Value::int(120));
        assert_eq!(num("\\binom{5}{2}"), Value::int(10));
        assert_eq!(num("\\sqrt[3]{27}"), Value::int(3));
        assert_eq!(num("5\\text{ cm}"), Value::int(5));
        assert!(
            matches!(parse_answer("x = 3"), Ok(Answer::Named { name, value })
            if name == "x" && matches!(*value, Answer::Num { .. }))
        );
    }

    #[test]
    fn reads_structures() {
        assert!(matches!(parse_answer("(1, 2)"), Ok(Answer::Tuple(v)) if v.len() == 2));
        assert!(matches!(parse_answer("\\{1, 2\\}"), Ok(Answer::Set(v)) if v.len() == 2));
        assert!(matches!(parse_answer("1, 2"), Ok(Answer::List(v)) if v.len() == 2));
        assert!(matches!(
            parse_answer("[1, 2)"),
            Ok(Answer::Interval {
                lo_closed: true,
                hi_closed: false,
                ..
            })
        ));
        assert!(matches!(parse_answer("x=1, y=2"), Ok(Answer::Tuple(v)) if v.len() == 2));
        assert!(matches!(parse_answer("(2+3)*4"), Ok(Answer::Num { .. })));
        assert!(matches!(parse_answer("2x"), Ok(Answer::Symbolic(_))));
    }

    #[test]
    fn long_tuples_and_sets_do_not_exhaust_the_depth_limit() {
        // Every element first fails as a number (an early return inside the
        // attempt); the depth must come back each time.
        let elems: Vec<String> = (0..200).map(|k| format!("{k}")).collect();
        let tuple = format!("({})", elems.join(", "));
        assert!(matches!(parse_answer(&tuple), Ok(Answer::Tuple(v)) if v.len() == 200));
        let set = format!("\\{{{}\\}}", elems.join(", "));
        assert!(matches!(parse_answer(&set), Ok(Answer::Set(v)) if v.len() == 200));
        let pairs: Vec<String> = (0..80).map(|k| format!("({k}, -{k})")).collect();
        let nested = format!("\\{{{}\\}}", pairs.join(", "));
        assert!(
            matches!(parse_answer(&nested), Ok(Answer::Set(v)) if v.len() == 80
                && v.iter().all(|p| matches!(p, Answer::Tuple(t) if t.len() == 2)))
        );
        // Elements that fail as numbers first (each attempt used to leak a level).
        let pairs: Vec<String> = (0..60).map(|k| format!("({k},{k})")).collect();
        let tuple_of_pairs = format!("({})", pairs.join(", "));
        assert!(matches!(parse_answer(&tuple_of_pairs), Ok(Answer::Tuple(v)) if v.len() == 60));
        let intervals: Vec<String> = (0..60).map(|k| format!("[{k}, {}]", k + 1)).collect();
        let union = intervals.join(" \\cup ");
        assert!(matches!(parse_answer(&union), Ok(Answer::Union(v)) if v.len() == 60));
    }

    #[test]
    fn refuses_empty_and_huge_answers() {
        assert_eq!(parse_answer("  "), Err(ParseError::Empty));
        assert!(matches!(
            parse_answer(&"1".repeat(5000)),
            Err(ParseError::TooLong(_))
        ));
        let deep = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        assert!(matches!(parse_answer(&deep), Ok(Answer::Text(_))));
    }
}
