//! Token masking that makes a response follow `<think>…</think><answer>…</answer>` and/or
//! makes the answer one of a given list of strings (an env's action names).
//!
//! The constraint compiles against a tokenizer into a small state machine. Sampling asks it
//! which tokens are allowed next; `log_probs` replays the same machine over a completion so
//! the training distribution is renormalised over exactly the tokens sampling could choose.
//! Free text (inside think/answer) may use any ordinary token except added/special ones;
//! choosing the first token of the closing tag ends it (so that token cannot appear inside
//! free text when the tag is several tokens long, as with tokenizers lacking `</think>`).
use std::collections::{HashMap, VecDeque};

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
}

/// Identifies one distinct allowed-token set (masks are shared between positions by key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKey {
    All,
    Only(u32),
    /// Ordinary tokens plus this closing-tag token.
    Free(u32),
    TrieNode(usize),
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Think(usize),
    FreeAnswer,
    Trie(usize),
    End,
    Unconstrained,
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
    think_close: Vec<u32>,
    answer_open: Vec<u32>,
    answer_close: Vec<u32>,
    think_open: Vec<u32>,
    eos: u32,
    trie: Vec<TrieNode>,
    has_choices: bool,
    scaffold: bool,
    max_think: Option<usize>,
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
            think_open: lit("<think>")?,
            think_close,
            answer_open: lit("<answer>")?,
            answer_close,
            eos,
            trie: vec![TrieNode::default()],
            has_choices: false,
            scaffold: c.scaffold,
            max_think: c.max_think_tokens,
        };
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
                phase: Phase::Think(0),
            }
        } else if self.has_choices {
            ConstraintState {
                forced: VecDeque::new(),
                phase: Phase::Trie(0),
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
            Phase::Think(n) if self.max_think.is_some_and(|m| n >= m) => {
                MaskKey::Only(self.think_close[0])
            }
            Phase::Think(_) => MaskKey::Free(self.think_close[0]),
            Phase::FreeAnswer => MaskKey::Free(self.answer_close[0]),
            Phase::Trie(n) => MaskKey::TrieNode(n),
            Phase::End => MaskKey::Only(self.eos),
        }
    }

    /// Whether `t` is allowed under `key`.
    pub fn allows(&self, key: MaskKey, t: u32) -> bool {
        match key {
            MaskKey::All => (t as usize) < self.vocab,
            MaskKey::Only(x) => x == t,
            MaskKey::Free(x) => x == t || self.free.get(t as usize).copied().unwrap_or(false),
            MaskKey::TrieNode(n) => self.trie[n].children.iter().any(|(c, _)| *c == t),
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
        match s.phase {
            Phase::Think(n) => {
                if t == self.think_close[0] {
                    s.forced.extend(&self.think_close[1..]);
                    s.forced.extend(&self.answer_open);
                    s.phase = if self.has_choices {
                        Phase::Trie(0)
                    } else {
                        Phase::FreeAnswer
                    };
                } else {
                    s.phase = Phase::Think(n + 1);
                }
            }
            Phase::FreeAnswer => {
                if t == self.answer_close[0] {
                    s.forced.extend(&self.answer_close[1..]);
                    s.forced.push_back(self.eos);
                    s.phase = Phase::End;
                }
            }
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
    fn free_text_excludes_special_tokens() -> Result<()> {
        let tok = TextTokenizer::compact()?;
        let c = Constraint {
            scaffold: true,
            ..Constraint::default()
        };
        let m = ConstraintMachine::new(&c, &tok, tok.len())?;
        let key = MaskKey::Free(ids(&tok, "</think>")[0]);
        let im_start = tok.token_id("<|im_start|>").unwrap_or(0);
        assert!(!m.allows(key, im_start));
        assert!(!m.allows(key, m.eos));
        assert!(m.allows(key, ids(&tok, " the")[0]));
        Ok(())
    }
}
