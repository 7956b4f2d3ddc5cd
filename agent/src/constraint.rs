//! Token masking that makes a response follow `<think>…</think><answer>…</answer>` and/or
//! makes the answer one of a given list of strings (an env's action names), or a sequence
//! of `count` such names joined by a separator (one action per controlled player).
//!
//! The constraint compiles against a tokenizer into a small state machine. Sampling asks it
//! which tokens are allowed next; `log_probs` replays the same machine over a completion so
//! the training distribution is renormalised over exactly the tokens sampling could choose.
//! Free text (inside think/answer) may use any ordinary token except added/special ones.
//! Closing tags are matched on bytes across token boundaries, because real tokenizers spell
//! them many ways: Qwen's has `</think>` as one token but `</answer>` only as `</` `answer`
//! `>`, or ` </` / `.</` / `"</` ... after text. The phase ends on whichever token completes
//! the tag, and a token that would run text past a completed tag is masked.
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{AgentError, Result};
use crate::tokenizer::TextTokenizer;

/// What the response must look like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Constraint {
    /// Response = `<think>…</think><answer>…</answer>` then end of turn.
    pub scaffold: bool,
    /// The answer (inside the tags, or the whole response without scaffold) must be one of these.
    pub answer_choices: Option<Vec<String>>,
    /// Forces `</think>` after this many thinking tokens.
    pub max_think_tokens: Option<usize>,
    /// Forces `</answer>` (then the end of turn) after this many tokens of a free-text
    /// answer, so a forced scaffold closes inside the token budget: without it a
    /// from-scratch policy's free answer runs to `max_new_tokens` and fails the format.
    pub max_answer_tokens: Option<usize>,
    /// The answer must be `count` names joined by a separator (exclusive with
    /// `answer_choices`).
    pub answer_sequence: Option<AnswerSequence>,
}

/// `prefix`, then `count` of `names` (repeats allowed) joined by `separator`, then `suffix`.
/// Matched on bytes, so every tokenization of a legal answer is accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct AnswerSequence {
    pub names: Vec<String>,
    pub count: usize,
    pub separator: String,
    /// Literal text around the sequence (an answer template's wrapping).
    pub prefix: String,
    pub suffix: String,
}

/// Which closing tag free text is heading for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Think,
    Answer,
}

/// Identifies one distinct allowed-token set (masks are shared between positions by key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKey {
    All,
    Only(u32),
    /// Free text before `tag`'s closing tag, whose first `matched` bytes end the text so far.
    Free {
        tag: Tag,
        matched: usize,
    },
    TrieNode(usize),
    /// A state of the sequence automaton.
    Seq(u32),
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Thinking tokens so far, and bytes of `</think>` matched at the end of the text.
    Think {
        tokens: usize,
        matched: usize,
    },
    /// Answer tokens so far, and bytes of `</answer>` matched at the end of the text.
    FreeAnswer {
        tokens: usize,
        matched: usize,
    },
    Trie(usize),
    Seq(u32),
    End,
    Unconstrained,
}

/// What one token's bytes do to a partial match of a closing tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feed {
    /// The tag is not complete; this many of its bytes end the text.
    Partial(usize),
    /// The token ends exactly with the completed tag.
    Complete,
    /// The tag completes inside the token and text follows it.
    Overrun,
}

/// Knuth–Morris–Pratt matcher for one closing tag.
#[derive(Debug, Clone)]
struct TagMatcher {
    tag: Vec<u8>,
    /// `fail[i]`: the longest proper border of `tag[..=i]`.
    fail: Vec<usize>,
}

impl TagMatcher {
    fn new(tag: &str) -> Self {
        let tag = tag.as_bytes().to_vec();
        let mut fail = vec![0; tag.len()];
        let mut k = 0;
        for i in 1..tag.len() {
            while k > 0 && tag[i] != tag[k] {
                k = fail[k - 1];
            }
            if tag[i] == tag[k] {
                k += 1;
            }
            fail[i] = k;
        }
        Self { tag, fail }
    }

    fn feed(&self, mut matched: usize, bytes: &[u8]) -> Feed {
        for (i, &b) in bytes.iter().enumerate() {
            while matched > 0 && self.tag[matched] != b {
                matched = self.fail[matched - 1];
            }
            if self.tag[matched] == b {
                matched += 1;
            }
            if matched == self.tag.len() {
                return if i + 1 == bytes.len() {
                    Feed::Complete
                } else {
                    Feed::Overrun
                };
            }
        }
        Feed::Partial(matched)
    }
}

/// The machine's position inside a response.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintState {
    forced: VecDeque<u32>,
    phase: Phase,
}

#[derive(Debug, Clone, Default)]
struct TrieNode {
    children: Vec<(u32, usize)>,
}

/// A [`Constraint`] compiled against a tokenizer and vocabulary size.
#[derive(Debug, Clone)]
pub struct ConstraintMachine {
    vocab: usize,
    /// `free[id]`: allowed in free text.
    free: Vec<bool>,
    /// Each id's bytes (the tokenizer's, shared).
    bytes: Arc<Vec<Vec<u8>>>,
    think_tag: TagMatcher,
    answer_tag: TagMatcher,
    /// `</think>` as the tokenizer writes it alone: forced at `max_think_tokens`.
    think_close: Vec<u32>,
    answer_open: Vec<u32>,
    answer_close: Vec<u32>,
    think_open: Vec<u32>,
    eos: u32,
    trie: Vec<TrieNode>,
    has_choices: bool,
    /// The answer automaton when the answer is a sequence of names.
    seq: Option<Arc<SeqDfa>>,
    stop_ids: Vec<u32>,
    scaffold: bool,
    max_think: Option<usize>,
    max_answer: Option<usize>,
}

impl ConstraintMachine {
    pub fn new(c: &Constraint, tok: &TextTokenizer, vocab: usize) -> Result<Self> {
        let eos = *tok
            .stop_ids
            .first()
            .ok_or_else(|| AgentError::Constraint("tokenizer has no <|im_end|> token".into()))?;
        let lit = |s: &str| -> Result<Vec<u32>> {
            let ids = tok.encode(s)?;
            if ids.is_empty() {
                return Err(AgentError::Constraint(format!(
                    "{s:?} encodes to no tokens"
                )));
            }
            Ok(ids)
        };
        let mut free = vec![true; vocab];
        for f in free.iter_mut().skip(tok.len()) {
            *f = false;
        }
        for &id in tok.added_ids.iter().chain(&tok.stop_ids) {
            if let Some(f) = free.get_mut(id as usize) {
                *f = false;
            }
        }
        let (think_close, answer_close) = (lit("</think>")?, lit("</answer>")?);
        let mut m = Self {
            vocab,
            free,
            bytes: tok.token_bytes(),
            think_tag: TagMatcher::new("</think>"),
            answer_tag: TagMatcher::new("</answer>"),
            think_open: lit("<think>")?,
            think_close,
            answer_open: lit("<answer>")?,
            answer_close,
            eos,
            trie: vec![TrieNode::default()],
            has_choices: false,
            seq: None,
            stop_ids: tok.stop_ids.clone(),
            scaffold: c.scaffold,
            max_think: c.max_think_tokens,
            max_answer: c.max_answer_tokens,
        };
        if let Some(sq) = &c.answer_sequence {
            if c.answer_choices.is_some() {
                return Err(AgentError::Constraint(
                    "answer_choices and answer_sequence are exclusive".into(),
                ));
            }
            let tail = if c.scaffold { "</answer>" } else { "" };
            m.seq = Some(Arc::new(SeqDfa::new(sq, tail)?));
        }
        if let Some(choices) = &c.answer_choices {
            if choices.is_empty() {
                return Err(AgentError::Constraint("answer_choices is empty".into()));
            }
            m.has_choices = true;
            for ch in choices {
                let mut seq = tok.encode(ch)?;
                if seq.is_empty() {
                    return Err(AgentError::Constraint(format!(
                        "answer choice {ch:?} encodes to no tokens"
                    )));
                }
                if c.scaffold {
                    seq.extend_from_slice(&m.answer_close);
                }
                seq.push(eos);
                m.insert(&seq)?;
            }
        }
        Ok(m)
    }

    fn insert(&mut self, seq: &[u32]) -> Result<()> {
        let mut node = 0;
        for &t in seq {
            if t as usize >= self.vocab {
                return Err(AgentError::TokenOutOfRange {
                    id: t,
                    vocab: self.vocab,
                });
            }
            node = match self.trie[node].children.iter().find(|(c, _)| *c == t) {
                Some((_, n)) => *n,
                None => {
                    self.trie.push(TrieNode::default());
                    let n = self.trie.len() - 1;
                    self.trie[node].children.push((t, n));
                    n
                }
            };
        }
        Ok(())
    }

    /// State before the first response token.
    pub fn start(&self) -> ConstraintState {
        if self.scaffold {
            ConstraintState {
                forced: self.think_open.iter().copied().collect(),
                phase: Phase::Think {
                    tokens: 0,
                    matched: 0,
                },
            }
        } else if self.has_choices || self.seq.is_some() {
            ConstraintState {
                forced: VecDeque::new(),
                phase: self.answer_phase(),
            }
        } else {
            ConstraintState {
                forced: VecDeque::new(),
                phase: Phase::Unconstrained,
            }
        }
    }

    /// Which tokens may come next.
    pub fn key(&self, s: &ConstraintState) -> MaskKey {
        if let Some(&t) = s.forced.front() {
            return MaskKey::Only(t);
        }
        match s.phase {
            Phase::Unconstrained => MaskKey::All,
            Phase::Think { tokens, .. } if self.max_think.is_some_and(|m| tokens >= m) => {
                MaskKey::Only(self.think_close[0])
            }
            Phase::Think { matched, .. } => MaskKey::Free {
                tag: Tag::Think,
                matched,
            },
            Phase::FreeAnswer { tokens, .. } if self.max_answer.is_some_and(|m| tokens >= m) => {
                MaskKey::Only(self.answer_close[0])
            }
            Phase::FreeAnswer { matched, .. } => MaskKey::Free {
                tag: Tag::Answer,
                matched,
            },
            Phase::Trie(n) => MaskKey::TrieNode(n),
            Phase::Seq(q) => MaskKey::Seq(q),
            Phase::End => MaskKey::Only(self.eos),
        }
    }

    /// Where the answer starts: the choice trie, the sequence automaton, or free text.
    fn answer_phase(&self) -> Phase {
        match &self.seq {
            Some(d) => Phase::Seq(d.start),
            None if self.has_choices => Phase::Trie(0),
            None => Phase::FreeAnswer {
                tokens: 0,
                matched: 0,
            },
        }
    }

    /// Whether `t` is allowed under `key`.
    pub fn allows(&self, key: MaskKey, t: u32) -> bool {
        match key {
            MaskKey::All => (t as usize) < self.vocab,
            MaskKey::Only(x) => x == t,
            MaskKey::Free { tag, matched } => match self.feed(tag, matched, t) {
                // A tag completed by an added token (Qwen3's `</think>`) counts too.
                Feed::Complete => true,
                Feed::Overrun => false,
                Feed::Partial(_) => self.free.get(t as usize).copied().unwrap_or(false),
            },
            MaskKey::TrieNode(n) => self.trie[n].children.iter().any(|(c, _)| *c == t),
            MaskKey::Seq(q) => match &self.seq {
                Some(d) if t == self.eos => d.accept[q as usize],
                Some(d) => !self.stop_ids.contains(&t) && self.seq_feed(d, q, t).is_some(),
                None => false,
            },
        }
    }

    /// The sequence state after token `t`'s bytes (`None`: they leave the language).
    fn seq_feed(&self, d: &SeqDfa, q: u32, t: u32) -> Option<u32> {
        let bytes = self.bytes.get(t as usize)?;
        if bytes.is_empty() {
            return None;
        }
        bytes.iter().try_fold(q, |q, &b| d.step(q, b))
    }

    fn feed(&self, tag: Tag, matched: usize, t: u32) -> Feed {
        let bytes = self.bytes.get(t as usize).map_or(&[][..], Vec::as_slice);
        match tag {
            Tag::Think => self.think_tag.feed(matched, bytes),
            Tag::Answer => self.answer_tag.feed(matched, bytes),
        }
    }

    /// The additive mask row (0 allowed, -inf not) for `key`.
    pub fn mask_row(&self, key: MaskKey) -> Vec<f32> {
        (0..self.vocab as u32)
            .map(|t| {
                if self.allows(key, t) {
                    0.0
                } else {
                    f32::NEG_INFINITY
                }
            })
            .collect()
    }

    /// Moves past token `t` (which must be allowed).
    pub fn advance(&self, s: &mut ConstraintState, t: u32) -> Result<()> {
        let key = self.key(s);
        if !self.allows(key, t) {
            return Err(AgentError::Constraint(format!(
                "token {t} is not allowed here ({key:?})"
            )));
        }
        if s.forced.pop_front().is_some() {
            return Ok(());
        }
        let answer = self.answer_phase();
        match s.phase {
            Phase::Think { tokens, .. } if self.max_think.is_some_and(|m| tokens >= m) => {
                // Out of thinking budget: the whole tag is forced.
                s.forced.extend(&self.think_close[1..]);
                s.forced.extend(&self.answer_open);
                s.phase = answer;
            }
            Phase::Think { tokens, matched } => match self.feed(Tag::Think, matched, t) {
                Feed::Complete => {
                    s.forced.extend(&self.answer_open);
                    s.phase = answer;
                }
                Feed::Partial(matched) => {
                    s.phase = Phase::Think {
                        tokens: tokens + 1,
                        matched,
                    }
                }
                Feed::Overrun => return Err(overrun(t)),
            },
            Phase::FreeAnswer { tokens, .. } if self.max_answer.is_some_and(|m| tokens >= m) => {
                // Out of answer budget: the rest of the tag and the end of turn are forced.
                s.forced.extend(&self.answer_close[1..]);
                s.forced.push_back(self.eos);
                s.phase = Phase::End;
            }
            Phase::FreeAnswer { tokens, matched } => match self.feed(Tag::Answer, matched, t) {
                Feed::Complete => {
                    s.forced.push_back(self.eos);
                    s.phase = Phase::End;
                }
                Feed::Partial(matched) => {
                    s.phase = Phase::FreeAnswer {
                        tokens: tokens + 1,
                        matched,
                    }
                }
                Feed::Overrun => return Err(overrun(t)),
            },
            Phase::Trie(n) => {
                let next = self.trie[n]
                    .children
                    .iter()
                    .find(|(c, _)| *c == t)
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                s.phase = if self.trie[next].children.is_empty() {
                    Phase::End
                } else {
                    Phase::Trie(next)
                };
            }
            // The end of turn after a complete answer (`allows` checked it).
            Phase::Seq(_) if t == self.eos => s.phase = Phase::End,
            Phase::Seq(q) => {
                let d = self.seq.as_ref().ok_or_else(|| overrun(t))?;
                let n = self.seq_feed(d, q, t).ok_or_else(|| overrun(t))?;
                // Nothing can follow a complete answer but the end of turn.
                s.phase = if d.accept[n as usize] && d.next[n as usize].is_empty() {
                    Phase::End
                } else {
                    Phase::Seq(n)
                };
            }
            Phase::End | Phase::Unconstrained => {}
        }
        Ok(())
    }

    /// Replays a completion, returning the mask key before each of its tokens.
    pub fn replay(&self, tokens: &[u32]) -> Result<Vec<MaskKey>> {
        let mut s = self.start();
        let mut keys = Vec::with_capacity(tokens.len());
        for (i, &t) in tokens.iter().enumerate() {
            keys.push(self.key(&s));
            self.advance(&mut s, t)
                .map_err(|e| AgentError::Constraint(format!("completion token #{i}: {e}")))?;
        }
        Ok(keys)
    }
}

/// `allows` masks such tokens, so `advance` only meets one on a bug.
fn overrun(t: u32) -> AgentError {
    AgentError::Constraint(format!("token {t} runs text past a closing tag"))
}

/// Byte trie over the sequence's names.
#[derive(Debug, Clone, Default)]
struct ByteNode {
    children: Vec<(u8, usize)>,
    terminal: bool,
}

/// One piece of the sequence language: literal bytes or one name.
#[derive(Debug, Clone)]
enum Segment {
    Lit(Vec<u8>),
    Name,
}

/// The deterministic byte automaton of an [`AnswerSequence`] (plus the scaffold's
/// `</answer>`), by subset construction over positions (segment, offset). Names may be
/// prefixes of one another (`top`, `top_left`) and a separator may start like a name, so
/// a byte can keep several readings alive; the subset construction tracks them all.
#[derive(Debug, Clone)]
struct SeqDfa {
    /// Sorted (byte, next state) per state.
    next: Vec<Vec<(u8, u32)>>,
    /// The bytes so far are a complete answer.
    accept: Vec<bool>,
    start: u32,
}

/// Sequences longer than this are refused (the automaton grows with count × name bytes).
const MAX_SEQ_STATES: usize = 1 << 16;

impl SeqDfa {
    fn new(sq: &AnswerSequence, tail: &str) -> Result<Self> {
        let bad = |m: String| Err(AgentError::Constraint(format!("answer_sequence: {m}")));
        if sq.count == 0 {
            return bad("count is 0".into());
        }
        if sq.names.is_empty() || sq.names.iter().any(String::is_empty) {
            return bad("needs at least one name and no empty names".into());
        }
        let mut trie = vec![ByteNode::default()];
        for name in &sq.names {
            let mut node = 0;
            for &b in name.as_bytes() {
                node = match trie[node].children.iter().find(|(c, _)| *c == b) {
                    Some(&(_, n)) => n,
                    None => {
                        trie.push(ByteNode::default());
                        let n = trie.len() - 1;
                        trie[node].children.push((b, n));
                        n
                    }
                };
            }
            trie[node].terminal = true;
        }
        let mut segs = vec![Segment::Lit(sq.prefix.as_bytes().to_vec())];
        for k in 0..sq.count {
            if k > 0 {
                segs.push(Segment::Lit(sq.separator.as_bytes().to_vec()));
            }
            segs.push(Segment::Name);
        }
        segs.push(Segment::Lit(format!("{}{tail}", sq.suffix).into_bytes()));
        let nfa = SeqNfa { segs, trie };

        let start_set = nfa.closure(vec![(0, 0)]);
        let mut ids: HashMap<Vec<(usize, usize)>, u32> = HashMap::new();
        let mut sets = vec![start_set.clone()];
        ids.insert(start_set, 0);
        let mut dfa = SeqDfa {
            next: Vec::new(),
            accept: Vec::new(),
            start: 0,
        };
        let mut i = 0;
        while i < sets.len() {
            let set = sets[i].clone();
            let mut bytes: Vec<u8> = set.iter().flat_map(|&p| nfa.bytes_out(p)).collect();
            bytes.sort_unstable();
            bytes.dedup();
            let mut out = Vec::with_capacity(bytes.len());
            for b in bytes {
                let moved: Vec<(usize, usize)> =
                    set.iter().filter_map(|&p| nfa.step(p, b)).collect();
                let target = nfa.closure(moved);
                let id = match ids.get(&target) {
                    Some(&id) => id,
                    None => {
                        if sets.len() >= MAX_SEQ_STATES {
                            return bad(format!(
                                "more than {MAX_SEQ_STATES} automaton states (count {})",
                                sq.count
                            ));
                        }
                        let id = sets.len() as u32;
                        ids.insert(target.clone(), id);
                        sets.push(target);
                        id
                    }
                };
                out.push((b, id));
            }
            dfa.accept.push(set.contains(&nfa.done()));
            dfa.next.push(out);
            i += 1;
        }
        Ok(dfa)
    }

    fn step(&self, q: u32, b: u8) -> Option<u32> {
        let row = &self.next[q as usize];
        row.binary_search_by_key(&b, |&(c, _)| c)
            .ok()
            .map(|k| row[k].1)
    }
}

/// Positions (segment, offset) of the sequence language; (segments, 0) is the end.
struct SeqNfa {
    segs: Vec<Segment>,
    trie: Vec<ByteNode>,
}

impl SeqNfa {
    fn done(&self) -> (usize, usize) {
        (self.segs.len(), 0)
    }

    /// Adds every position reachable without a byte (a finished literal or name moves on).
    fn closure(&self, mut todo: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        while let Some(p) = todo.pop() {
            if out.contains(&p) {
                continue;
            }
            out.push(p);
            let (seg, off) = p;
            let finished = match self.segs.get(seg) {
                Some(Segment::Lit(l)) => off == l.len(),
                Some(Segment::Name) => self.trie[off].terminal,
                None => false,
            };
            if finished {
                todo.push((seg + 1, 0));
            }
        }
        out.sort_unstable();
        out
    }

    fn bytes_out(&self, (seg, off): (usize, usize)) -> Vec<u8> {
        match self.segs.get(seg) {
            Some(Segment::Lit(l)) => l.get(off).copied().into_iter().collect(),
            Some(Segment::Name) => self.trie[off].children.iter().map(|&(b, _)| b).collect(),
            None => Vec::new(),
        }
    }

    fn step(&self, (seg, off): (usize, usize), b: u8) -> Option<(usize, usize)> {
        match self.segs.get(seg)? {
            Segment::Lit(l) => (l.get(off) == Some(&b)).then_some((seg, off + 1)),
            Segment::Name => self.trie[off]
                .children
                .iter()
                .find(|&&(c, _)| c == b)
                .map(|&(_, n)| (seg, n)),
        }
    }
}

/// Caches mask rows by key.
#[derive(Debug, Default)]
pub struct MaskCache {
    rows: HashMap<MaskKey, std::sync::Arc<Vec<f32>>>,
}

impl MaskCache {
    pub fn row(&mut self, m: &ConstraintMachine, key: MaskKey) -> std::sync::Arc<Vec<f32>> {
        self.rows
            .entry(key)
            .or_insert_with(|| std::sync::Arc::new(m.mask_row(key)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(t: &TextTokenizer, s: &str) -> Vec<u32> {
        t.encode(s).unwrap_or_default()
    }

    #[test]
    fn scaffold_with_choices_accepts_valid_and_rejects_others() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            answer_choices: Some(vec!["left".into(), "long pass".into()]),
            max_think_tokens: None,
            max_answer_tokens: None,
            answer_sequence: None,
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len() + 10)?;
        let mut good = ids(&tok, "<think>go left</think><answer>long pass</answer>");
        good.push(m.eos);
        m.replay(&good)?;
        let mut bad = ids(&tok, "<think>x</think><answer>shoot</answer>");
        bad.push(m.eos);
        assert!(m.replay(&bad).is_err());
        assert!(m.replay(&ids(&tok, "hello")).is_err());
        Ok(())
    }

    #[test]
    fn max_think_tokens_forces_the_close_tag() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            answer_choices: None,
            max_think_tokens: Some(2),
            max_answer_tokens: None,
            answer_sequence: None,
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let mut s = m.start();
        for t in ids(&tok, "<think> the the") {
            m.advance(&mut s, t)?;
        }
        let close = ids(&tok, "</think>")[0];
        assert_eq!(m.key(&s), MaskKey::Only(close));
        Ok(())
    }

    #[test]
    fn max_answer_tokens_closes_the_answer_and_the_turn() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            max_think_tokens: Some(1),
            max_answer_tokens: Some(2),
            ..Constraint::default()
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let word = ids(&tok, " the")[0];
        // Take any allowed free token (or the forced one) until the turn ends.
        let mut s = m.start();
        let mut seq = Vec::new();
        while m.key(&s) != MaskKey::Only(m.eos) {
            let t = match m.key(&s) {
                MaskKey::Only(t) => t,
                _ => word,
            };
            m.advance(&mut s, t)?;
            seq.push(t);
            assert!(seq.len() < 64, "the answer never closed");
        }
        seq.push(m.eos);
        let text = tok.decode(&seq)?;
        assert!(
            text.starts_with("<think> the</think><answer> the the</answer>"),
            "{text:?}"
        );
        // The log-prob replay reproduces the same masks.
        let keys = m.replay(&seq)?;
        assert_eq!(keys.len(), seq.len());
        Ok(())
    }
    #[test]
    fn free_text_excludes_special_tokens() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            ..Constraint::default()
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let key = MaskKey::Free {
            tag: Tag::Think,
            matched: 0,
        };
        let im_start = tok.token_id("<|im_start|>").unwrap_or(0);
        assert!(!m.allows(key, im_start));
        assert!(!m.allows(key, m.eos));
        assert!(m.allows(key, ids(&tok, " the")[0]));
        Ok(())
    }

    #[test]
    fn tag_matcher_follows_partial_matches_across_tokens() {
        let m = TagMatcher::new("</answer>");
        assert_eq!(m.feed(0, b"x</"), Feed::Partial(2));
        assert_eq!(m.feed(2, b"answer"), Feed::Partial(8));
        assert_eq!(m.feed(8, b">"), Feed::Complete);
        assert_eq!(m.feed(0, b"a</answer>"), Feed::Complete);
        assert_eq!(m.feed(0, b"</answer>\n"), Feed::Overrun);
        // A failed partial match falls back to the longest border, not to 0.
        assert_eq!(m.feed(2, b"</"), Feed::Partial(2));
        assert_eq!(m.feed(1, b"<"), Feed::Partial(1));
        assert_eq!(m.feed(8, b"s"), Feed::Partial(0));
        assert_eq!(m.feed(3, b""), Feed::Partial(3));
    }

    /// The closing tags may come in any tokenization: split into pieces after text, or
    /// glued to the text before them, as real tokenizers write them mid-sentence.
    #[test]
    fn closing_tags_close_however_they_are_tokenized() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            ..Constraint::default()
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let bytes = tok.token_bytes();
        // One single-byte token per byte.
        let piece = |s: &str| -> Vec<u32> {
            s.bytes()
                .filter_map(|b| bytes.iter().position(|t| t == &[b]).map(|i| i as u32))
                .collect()
        };
        // Byte by byte: every prefix of the tag is an ordinary token sequence.
        let mut seq = ids(&tok, "<think>");
        seq.extend(ids(&tok, " so"));
        seq.extend(piece("</think>"));
        seq.extend(ids(&tok, "<answer>"));
        seq.extend(piece("42</answer>"));
        seq.push(m.eos);
        let keys = m.replay(&seq)?;
        assert_eq!(keys.last(), Some(&MaskKey::Only(m.eos)));
        assert_eq!(
            tok.decode(&seq[..seq.len() - 1])?,
            "<think> so</think><answer>42</answer>"
        );
        // After a completed `</answer>` nothing but the end of turn is allowed.
        let done = &seq[..seq.len() - 1];
        let mut s = m.start();
        for &t in done {
            m.advance(&mut s, t)?;
        }
        assert_eq!(m.key(&s), MaskKey::Only(m.eos));
        // A partial tag that breaks off is ordinary text: `</answ` then `x` keeps going.
        let mut s = m.start();
        for t in ids(&tok, "<think>").into_iter().chain(piece("a</think>")) {
            m.advance(&mut s, t)?;
        }
        for t in ids(&tok, "<answer>").into_iter().chain(piece("</answx")) {
            m.advance(&mut s, t)?;
        }
        assert!(matches!(
            m.key(&s),
            MaskKey::Free {
                tag: Tag::Answer,
                matched: 0
            }
        ));
        Ok(())
    }

    fn football_names() -> Vec<String> {
        [
            "idle",
            "left",
            "top",
            "top_left",
            "top_right",
            "long_pass",
            "shot",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn sequence(count: usize, scaffold: bool) -> Constraint {
        Constraint {
            scaffold,
            answer_sequence: Some(AnswerSequence {
                names: football_names(),
                count,
                separator: ", ".into(),
                ..AnswerSequence::default()
            }),
            ..Constraint::default()
        }
    }

    /// One single-byte token per byte of `s`.
    fn bytewise(tok: &TextTokenizer, s: &str) -> Vec<u32> {
        let bytes = tok.token_bytes();
        s.bytes()
            .filter_map(|b| bytes.iter().position(|t| t == &[b]).map(|i| i as u32))
            .collect()
    }

    #[test]
    fn sequences_are_accepted_at_every_tokenization() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let m = ConstraintMachine::new(&sequence(2, true), &tok, tok.len())?;
        let head = ids(&tok, "<think>pass then run</think><answer>");
        for answer in [
            "top_left, top</answer>",
            "top, top_left</answer>",
            "shot, shot</answer>",
        ] {
            // Canonical, byte by byte, and split once at every byte boundary.
            let mut splits = vec![ids(&tok, answer), bytewise(&tok, answer)];
            for cut in 1..answer.len() {
                let mut t = ids(&tok, &answer[..cut]);
                t.extend(ids(&tok, &answer[cut..]));
                splits.push(t);
            }
            for body in splits {
                let mut seq = head.clone();
                seq.extend(&body);
                seq.push(m.eos);
                let keys = m
                    .replay(&seq)
                    .map_err(|e| AgentError::Constraint(format!("{answer:?} as {body:?}: {e}")))?;
                assert_eq!(keys.last(), Some(&MaskKey::Only(m.eos)), "{answer:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn sequences_of_the_wrong_shape_are_refused() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let m = ConstraintMachine::new(&sequence(2, true), &tok, tok.len())?;
        for answer in [
            "top</answer>",
            "top, kick</answer>",
            "top,top</answer>",
            "top; top</answer>",
            "top, top, top</answer>",
            "top, top</answer> ",
            "top, top ",
        ] {
            let mut seq = ids(&tok, "<think>x</think><answer>");
            seq.extend(bytewise(&tok, answer));
            seq.push(m.eos);
            assert!(m.replay(&seq).is_err(), "{answer:?} was accepted");
        }
        Ok(())
    }

    #[test]
    fn a_name_that_prefixes_another_may_end_or_go_on() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        // No scaffold: after "top" both the end of turn and "_left" are legal.
        let m = ConstraintMachine::new(&sequence(1, false), &tok, tok.len())?;
        let mut s = m.start();
        for t in ids(&tok, "top") {
            m.advance(&mut s, t)?;
        }
        let key = m.key(&s);
        assert!(m.allows(key, m.eos));
        assert!(m.allows(key, bytewise(&tok, "_")[0]));
        assert!(!m.allows(key, bytewise(&tok, ",")[0]));
        // After "top_left" nothing but the end of turn.
        for t in bytewise(&tok, "_left") {
            m.advance(&mut s, t)?;
        }
        assert_eq!(m.key(&s), MaskKey::Only(m.eos));
        // Before any name, the end of turn is not allowed.
        assert!(!m.allows(m.key(&m.start()), m.eos));
        Ok(())
    }

    /// Walks the machine with pseudo-random allowed tokens (as a sampler would) and reads
    /// the answer back: always `count` legal names.
    #[test]
    fn random_constrained_walks_give_count_legal_names() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let names = football_names();
        for count in [1, 2, 3] {
            let c = Constraint {
                max_think_tokens: Some(3),
                max_answer_tokens: None,
                ..sequence(count, true)
            };
            let m = ConstraintMachine::new(&c, &tok, tok.len())?;
            let mut cache = MaskCache::default();
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ count as u64;
            for _ in 0..20 {
                let mut s = m.start();
                let mut out = Vec::new();
                for _ in 0..400 {
                    let key = m.key(&s);
                    let row = cache.row(&m, key);
                    let allowed: Vec<u32> = (0..row.len() as u32)
                        .filter(|&t| row[t as usize] == 0.0)
                        .collect();
                    assert!(!allowed.is_empty(), "dead end at {key:?}");
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let t = allowed[(x % allowed.len() as u64) as usize];
                    m.advance(&mut s, t)?;
                    if t == m.eos {
                        break;
                    }
                    out.push(t);
                }
                let text = tok.decode(&out)?;
                let answer = text
                    .rsplit("<answer>")
                    .next()
                    .and_then(|a| a.strip_suffix("</answer>"))
                    .unwrap_or_else(|| panic!("no answer in {text:?}"));
                let said: Vec<&str> = answer.split(", ").collect();
                assert_eq!(said.len(), count, "{text:?}");
                assert!(
                    said.iter().all(|n| names.iter().any(|x| x == n)),
                    "{text:?}"
                );
            }
        }
        Ok(())
    }

    #[test]
    fn an_answer_template_wraps_the_sequence() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let mut c = sequence(2, false);
        if let Some(sq) = c.answer_sequence.as_mut() {
            sq.prefix = "<answer>".into();
            sq.suffix = "</answer>".into();
        }
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let mut good = ids(&tok, "<answer>left, shot</answer>");
        good.push(m.eos);
        m.replay(&good)?;
        let mut bare = ids(&tok, "left, shot");
        bare.push(m.eos);
        assert!(m.replay(&bare).is_err());
        Ok(())
    }

    #[test]
    fn bad_sequences_are_refused_when_compiled() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let mut zero = sequence(0, true);
        assert!(ConstraintMachine::new(&zero, &tok, tok.len()).is_err());
        zero.answer_sequence = Some(AnswerSequence {
            count: 1,
            ..AnswerSequence::default()
        });
        assert!(ConstraintMachine::new(&zero, &tok, tok.len()).is_err());
        let both = Constraint {
            answer_choices: Some(vec!["a".into()]),
            ..sequence(2, true)
        };
        assert!(ConstraintMachine::new(&both, &tok, tok.len()).is_err());
        Ok(())
    }
}
