//! Tokenizers: the wrapper the policy uses, and the compact byte-level BPE of the presets.
//!
//! On a CPU the 151k-entry Qwen vocabulary dominates a tiny model's cost (embedding and LM
//! head), so presets use a compact vocabulary built here: the 256 byte symbols, merges that
//! spell common words of math and football text, every Qwen chat/vision special token, and
//! single tokens for the reasoning scaffold tags. It is written as an ordinary
//! `tokenizer.json` with Qwen2's pre-tokenizer, so any Hugging Face tool reads it.
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::{json, Value};
use tokenizers::Tokenizer;

use crate::error::{AgentError, Result};

/// Qwen's special tokens in their canonical order (ids follow the BPE vocabulary).
pub const QWEN_SPECIAL: &[&str] = &[
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|object_ref_start|>",
    "<|object_ref_end|>",
    "<|box_start|>",
    "<|box_end|>",
    "<|quad_start|>",
    "<|quad_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
];

/// Added tokens that are not "special" (decoding keeps them in the text).
pub const QWEN_ADDED: &[&str] = &[
    "<tool_call>",
    "</tool_call>",
    "<|fim_prefix|>",
    "<|fim_middle|>",
    "<|fim_suffix|>",
    "<|fim_pad|>",
    "<|repo_name|>",
    "<|file_sep|>",
    "<think>",
    "</think>",
    "<answer>",
    "</answer>",
];

/// Qwen2's pre-tokenizer split (digits one by one, words with their leading space).
const QWEN_SPLIT: &str = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

/// Words that get their own tokens (with and without a leading space).
const WORDS: &str = "the a an of to and in is it that for on as with be by this are was at from or \
not but if then so what which who when where how why all each every there their they them we you \
your our he she his her its my me I do does did done can could will would should must may might \
have has had been being one two three four five six seven eight nine ten zero hundred thousand \
number numbers sum difference product quotient total equal equals answer answers question questions \
solve solution problem problems step steps think thinking reason final result value values add \
adding subtract multiply divide divided times plus minus over less more than greater smaller \
largest smallest half third quarter percent fraction fractions decimal integer integers prime \
factor factors multiple remainder square root cube power powers exponent expression equation \
equations variable variables function graph point points line lines angle angles triangle circle \
area perimeter length width height radius diameter volume speed distance time minutes hours seconds \
cost price money dollars cents apples books students people each left right up down forward back \
move moves moving pass shot shoot dribble sprint release long high short ball player players team \
teammate teammates opponent opponents goal goalkeeper keeper field pitch attack defend defender \
score scores scored game match kick run running position direction top bottom north south east west \
scene current image picture frame object objects color red blue green yellow white black room table \
chair closest nearest farthest count size relative camera view order first second last next \
previous following given find compute calculate determine show explain because therefore so only \
also just than about into out after before between under above below near far same different true \
false yes no none action actions choose choice option options select valid invalid please respond \
format output response assistant user system helpful You are";

/// Maps bytes to the printable characters byte-level BPE uses (GPT-2's `bytes_to_unicode`).
fn byte_chars() -> Vec<char> {
    let mut printable: Vec<u32> = (u32::from('!')..=u32::from('~')).collect();
    printable.extend(u32::from('¡')..=u32::from('¬'));
    printable.extend(u32::from('®')..=u32::from('ÿ'));
    let mut out = vec!['\0'; 256];
    let mut extra = 0u32;
    for b in 0..256u32 {
        let c = if printable.contains(&b) {
            b
        } else {
            extra += 1;
            255 + extra
        };
        out[b as usize] = char::from_u32(c).unwrap_or('?');
    }
    out
}

/// Builds the compact tokenizer as `tokenizer.json` content.
pub fn compact_tokenizer_json() -> Value {
    let chars = byte_chars();
    let to_sym =
        |s: &str| -> Vec<String> { s.bytes().map(|b| chars[b as usize].to_string()).collect() };
    let mut vocab: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    let mut known: BTreeSet<String> = vocab.iter().cloned().collect();
    let mut merges: Vec<(String, String)> = Vec::new();
    let mut pieces: Vec<String> = Vec::new();
    for w in WORDS.split_whitespace() {
        pieces.push(format!(" {w}"));
        pieces.push(w.to_string());
        let cap: String = w
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        pieces.push(cap);
    }
    for p in [
        " =", " +", " -", " *", " /", " (", "),", ").", ":\n", ".\n", "\n\n", "  ", "    ", " $",
        "**",
    ] {
        pieces.push(p.to_string());
    }
    // Each piece is first encoded with the merges so far (BPE: lowest rank first); the
    // symbols left are then joined left to right by new merges. New merges rank after all
    // earlier ones, so every piece (and every earlier piece) still encodes to one token.
    let mut rank: HashMap<(String, String), usize> = HashMap::new();
    for p in pieces {
        let mut syms = to_sym(&p);
        while let Some((i, _)) = syms
            .windows(2)
            .enumerate()
            .filter_map(|(i, w)| rank.get(&(w[0].clone(), w[1].clone())).map(|r| (i, *r)))
            .min_by_key(|(_, r)| *r)
        {
            let joined = format!("{}{}", syms[i], syms[i + 1]);
            syms.splice(i..i + 2, [joined]);
        }
        let mut acc = syms[0].clone();
        for s in &syms[1..] {
            let next = format!("{acc}{s}");
            let pair = (acc.clone(), s.clone());
            if !rank.contains_key(&pair) {
                rank.insert(pair.clone(), merges.len());
                merges.push(pair);
            }
            if known.insert(next.clone()) {
                vocab.push(next.clone());
            }
            acc = next;
        }
    }
    let vocab_map: serde_json::Map<String, Value> = vocab
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), Value::from(i as u64)))
        .collect();
    let mut added = Vec::new();
    let mut id = vocab.len();
    for (list, special) in [(QWEN_SPECIAL, true), (QWEN_ADDED, false)] {
        for t in list {
            added.push(
                json!({"id": id, "content": t, "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": special}),
            );
            id += 1;
        }
    }
    let bl = json!({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false});
    json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN_SPLIT}, "behavior": "Isolated", "invert": false},
            bl.clone()
        ]},
        "post_processor": bl.clone(),
        "decoder": bl,
        "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "",
            "end_of_word_suffix": "", "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
            "vocab": vocab_map,
            "merges": merges.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>()}
    })
}

/// The characters of `scripts/bench_trl_grpo.py`'s vocabulary, in its order (after `<pad>`
/// and the end-of-sequence token).
pub const TRL_CHARS: &str = "0123456789+-=?*/ ().,abcdefghijklmnopqrstuvwxyzW<>";

/// The character-level tokenizer of `scripts/bench_trl_grpo.py` as `tokenizer.json` content:
/// a WordLevel vocabulary of `<pad>`, an end-of-sequence token and [`TRL_CHARS`], split into
/// single characters, and no decoder. The end token is spelt `<|endoftext|>` (the script's
/// `<eos>`, same id 1) so the sampler stops on it. Without a decoder the `tokenizers` library
/// joins decoded tokens with spaces, as it does for the script's tokenizer: `"1" "2"` decodes
/// to `"1 2"` there and here.
pub fn chars_tokenizer_json() -> Value {
    let mut vocab = serde_json::Map::new();
    let names = ["<pad>", "<|endoftext|>"].into_iter().map(str::to_string);
    let mut seen = BTreeSet::new();
    let chars = TRL_CHARS
        .chars()
        .filter(|c| seen.insert(*c))
        .map(String::from);
    for (i, t) in names.chain(chars).enumerate() {
        vocab.insert(t, Value::from(i as u64));
    }
    let added: Vec<Value> = ["<pad>", "<|endoftext|>"]
        .iter()
        .enumerate()
        .map(|(id, t)| {
            json!({"id": id, "content": t, "single_word": false, "lstrip": false,
            "rstrip": false, "normalized": false, "special": true})
        })
        .collect();
    json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": added,
        "normalizer": null,
        "pre_tokenizer": {"type": "Split", "pattern": {"String": ""}, "behavior": "Isolated", "invert": false},
        "post_processor": null,
        "decoder": null,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<pad>"}
    })
}

/// A Hugging Face tokenizer plus the ids the policy needs.
#[derive(Clone)]
pub struct TextTokenizer {
    pub inner: Tokenizer,
    /// Where it came from, for error messages.
    pub origin: String,
    /// Tokens that end a response (`<|im_end|>`, `<|endoftext|>`, generation_config eos).
    pub stop_ids: Vec<u32>,
    /// All added tokens (special or not): excluded from free text under a constraint.
    pub added_ids: Vec<u32>,
    /// Raw `tokenizer.json` bytes, saved unchanged with the checkpoint.
    pub json: Vec<u8>,
    /// Each id's bytes, built on first use (the constraint matches tags byte by byte).
    bytes: std::sync::OnceLock<std::sync::Arc<Vec<Vec<u8>>>>,
}

impl std::fmt::Debug for TextTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextTokenizer({})", self.origin)
    }
}

impl TextTokenizer {
    /// Parses `tokenizer.json` bytes.
    pub fn from_bytes(bytes: Vec<u8>, origin: &str) -> Result<Self> {
        let inner = Tokenizer::from_bytes(&bytes).map_err(|e| AgentError::Tokenizer {
            path: origin.to_string(),
            message: e.to_string(),
        })?;
        let mut stop_ids = Vec::new();
        for t in ["<|im_end|>", "<|endoftext|>"] {
            if let Some(id) = inner.token_to_id(t) {
                stop_ids.push(id);
            }
        }
        let mut added_ids: Vec<u32> = inner.get_added_tokens_decoder().keys().copied().collect();
        added_ids.sort_unstable();
        Ok(Self {
            inner,
            origin: origin.to_string(),
            stop_ids,
            added_ids,
            json: bytes,
            bytes: std::sync::OnceLock::new(),
        })
    }

    /// Reads `tokenizer.json` from a file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(crate::error::io_err(path))?;
        Self::from_bytes(bytes, &path.display().to_string())
    }

    /// The compact preset tokenizer.
    pub fn compact() -> Result<Self> {
        let bytes =
            serde_json::to_vec(&compact_tokenizer_json()).map_err(|e| AgentError::Tokenizer {
                path: "compact".into(),
                message: e.to_string(),
            })?;
        Self::from_bytes(bytes, "compact")
    }

    /// The character tokenizer of the `tiny-char` preset ([`chars_tokenizer_json`]).
    pub fn chars() -> Result<Self> {
        let bytes =
            serde_json::to_vec(&chars_tokenizer_json()).map_err(|e| AgentError::Tokenizer {
                path: "chars".into(),
                message: e.to_string(),
            })?;
        Self::from_bytes(bytes, "chars")
    }

    fn err(&self, e: impl std::fmt::Display) -> AgentError {
        AgentError::Tokenizer {
            path: self.origin.clone(),
            message: e.to_string(),
        }
    }

    /// Encodes text; special-token strings in it map to their ids, nothing is added.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let enc = self.inner.encode(text, false).map_err(|e| self.err(e))?;
        Ok(enc.get_ids().to_vec())
    }

    /// Decodes ids, keeping special tokens.
    pub fn decode(&self, ids: &[u32]) -> Result<String> {
        self.inner.decode(ids, false).map_err(|e| self.err(e))
    }

    /// Id of a token string, if it is one token.
    pub fn token_id(&self, t: &str) -> Option<u32> {
        self.inner.token_to_id(t)
    }

    /// Size including added tokens.
    pub fn len(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes each id stands for, indexed by id (`len()` entries). Byte-level BPE pieces
    /// map back through GPT-2's byte alphabet, so a piece holding part of a UTF-8 character
    /// gives its raw bytes; added tokens give their content; ids without a token are empty.
    pub fn token_bytes(&self) -> std::sync::Arc<Vec<Vec<u8>>> {
        self.bytes
            .get_or_init(|| {
                let mut inverse: HashMap<char, u8> = HashMap::new();
                for (b, c) in byte_chars().into_iter().enumerate() {
                    inverse.insert(c, b as u8);
                }
                let added: HashMap<u32, String> = self
                    .inner
                    .get_added_tokens_decoder()
                    .into_iter()
                    .map(|(id, t)| (id, t.content))
                    .collect();
                let mut out = vec![Vec::new(); self.len()];
                for (piece, id) in self.inner.get_vocab(true) {
                    let Some(slot) = out.get_mut(id as usize) else {
                        continue;
                    };
                    *slot = if let Some(content) = added.get(&id) {
                        content.clone().into_bytes()
                    } else if let Some(bytes) =
                        piece.chars().map(|c| inverse.get(&c).copied()).collect()
                    {
                        bytes
                    } else {
                        // Not byte-level (e.g. a SentencePiece vocab): decode the one id.
                        self.decode(&[id]).unwrap_or_default().into_bytes()
                    };
                }
                std::sync::Arc::new(out)
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_tokenizer_round_trips_and_keeps_specials_single() -> Result<()> {
        let t = TextTokenizer::compact()?;
        assert!(t.len() < 4000, "compact vocab has {} entries", t.len());
        let text = "<|im_start|>user\nWhat is 12 + 7? Move left, then shoot!<|im_end|>\n<think>ok</think><answer>19</answer>";
        let ids = t.encode(text)?;
        assert_eq!(t.decode(&ids)?, text);
        for s in QWEN_SPECIAL.iter().chain(QWEN_ADDED) {
            assert_eq!(t.encode(s)?.len(), 1, "{s} is not one token");
        }
        // Words get merged: far fewer tokens than bytes.
        let ids = t.encode(" the answer is the number of players")?;
        assert!(ids.len() <= 8, "{ids:?}");
        Ok(())
    }

    #[test]
    fn unicode_survives_byte_level_encoding() -> Result<()> {
        let t = TextTokenizer::compact()?;
        let s = "π ≈ 3.14159 — Müller schießt ⚽";
        assert_eq!(t.decode(&t.encode(s)?)?, s);
        Ok(())
    }

    #[test]
    fn token_bytes_concatenate_to_the_text() -> Result<()> {
        let t = TextTokenizer::compact()?;
        let text = "<|im_start|>Move → left, café!</answer><|im_end|>";
        let bytes = t.token_bytes();
        let joined: Vec<u8> = t
            .encode(text)?
            .iter()
            .flat_map(|&id| bytes[id as usize].clone())
            .collect();
        assert_eq!(joined, text.as_bytes());
        assert_eq!(bytes.len(), t.len());
        Ok(())
    }

    #[test]
    fn char_tokenizer_matches_the_trl_script_vocabulary() -> Result<()> {
        let t = TextTokenizer::chars()?;
        // <pad>, the end token and 50 distinct characters: the script's 52.
        assert_eq!(t.len(), 52);
        assert_eq!(t.token_id("<pad>"), Some(0));
        assert_eq!(t.stop_ids, vec![1]);
        let ids = t.encode("What is 3+4?=")?;
        assert_eq!(ids.len(), 13, "{ids:?}");
        assert_eq!(ids[9], t.token_id("+").unwrap_or(u32::MAX));
        // No decoder: tokens are joined by spaces, as `tokenizers` does for the script.
        let one_two = [t.token_id("1"), t.token_id("2")].map(|i| i.unwrap_or(u32::MAX));
        assert_eq!(t.decode(&one_two)?, "1 2");
        Ok(())
    }
}
