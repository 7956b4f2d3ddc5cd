//! The R1 answer format every text-answer env shares (REFERENCES §1): the
//! instruction that asks for it, the check that a response follows it, and
//! the extraction of the answer from `<answer>…</answer>`.
//!
//! One module so that math, spatial, football and new families judge the
//! same text the same way; a family decides only what the answer means.
//!
//! - Strict format is LMM-R1's check: the whole response matches
//!   `^<think>(?:(?!</think>).)*</think><answer>(?:(?!</answer>).)*</answer>\Z`
//!   (dot matches newline) and each of `<think>`, `<answer>` occurs once.
//! - Lenient format is R1-V's (vsGRPO's) `re.fullmatch` of
//!   `<think>.*?</think>\s*<answer>.*?</answer>`: whitespace may sit between
//!   the blocks, nothing before `<think>` or after `</answer>`.
//! - An answer block is what the regex `<answer>(.*?)</answer>` finds (R1-V's
//!   accuracy reward reads it so): it opens at an `<answer>` and closes at the
//!   next `</answer>`; blocks do not overlap. Tags are matched as written
//!   (lower case), as the format check matches them.

use serde::{Deserialize, Serialize};

pub const THINK_OPEN: &str = "<think>";
pub const THINK_CLOSE: &str = "</think>";
pub const ANSWER_OPEN: &str = "<answer>";
pub const ANSWER_CLOSE: &str = "</answer>";

/// The vsGRPO / R1 prompt suffix (REFERENCES §1), shown after the question.
pub const R1_INSTRUCTION: &str = "Please think step by step and enclose your thinking process in <think> </think> tags and then provide the short answer with one or two words or a number in <answer> </answer>.";

/// Which format check a format reward uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatStyle {
    /// LMM-R1: no whitespace between the blocks, no text around them, each
    /// opening tag once.
    #[default]
    Strict,
    /// R1-V / vsGRPO: whitespace allowed between the blocks.
    Lenient,
}

/// Does `response` follow the `<think>…</think><answer>…</answer>` format?
pub fn format_ok(response: &str, style: FormatStyle) -> bool {
    if !response.starts_with(THINK_OPEN) || !response.ends_with(ANSWER_CLOSE) {
        return false;
    }
    match style {
        FormatStyle::Strict => {
            if response.matches(THINK_OPEN).count() != 1
                || response.matches(ANSWER_OPEN).count() != 1
            {
                return false;
            }
            // `(?:(?!</think>).)*` stops the think body at the first close tag.
            let Some(t1) = response.find(THINK_CLOSE) else {
                return false;
            };
            let after = &response[t1 + THINK_CLOSE.len()..];
            let Some(body) = after.strip_prefix(ANSWER_OPEN) else {
                return false;
            };
            // The answer body may not contain `</answer>` before the end.
            body.find(ANSWER_CLOSE) == Some(body.len() - ANSWER_CLOSE.len())
        }
        FormatStyle::Lenient => {
            // The lazy `.*?` may span tags, so any `</think>` followed by
            // whitespace and `<answer>` splits the response. Neither tag can
            // overlap `<think>` at the start or `</answer>` at the end ('>'
            // is not '<'), so no index checks are needed.
            let body = &response[THINK_OPEN.len()..];
            body.match_indices(THINK_CLOSE).any(|(i, _)| {
                body[i + THINK_CLOSE.len()..]
                    .trim_start()
                    .starts_with(ANSWER_OPEN)
            })
        }
    }
}

/// The body of every answer block, left to right.
pub fn answer_blocks(response: &str) -> Vec<&str> {
    answer_spans(response)
        .into_iter()
        .map(|(a, b)| &response[a..b])
        .collect()
}

/// Byte ranges of the answer blocks' bodies, for callers that need to know
/// what surrounds each block (the math verifier reads the text around it).
pub fn answer_spans(response: &str) -> Vec<(usize, usize)> {
    spans(response).collect()
}

/// The body of the last answer block, trimmed: the final answer, since a
/// response that revises itself ends with what it means. It walks the same
/// scan as [`answer_spans`] without collecting it: env steps call this once
/// per action, so it allocates nothing.
pub fn final_answer(response: &str) -> Option<&str> {
    spans(response).last().map(|(a, b)| response[a..b].trim())
}

/// The answer bodies' byte ranges, left to right, found lazily: each
/// `<answer>` up to the first `</answer>` after it; an unclosed one ends
/// the scan.
fn spans(response: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let body = find_tag(response, from, ANSWER_OPEN)? + ANSWER_OPEN.len();
        let end = find_tag(response, body, ANSWER_CLOSE)?;
        from = end + ANSWER_CLOSE.len();
        Some((body, end))
    })
}

/// The first `tag` at or after byte `from`. Env steps parse a short action
/// per move, where building `str::find`'s two-way searcher costs more than
/// the search: this jumps between `<`s (a memchr scan) and compares there.
fn find_tag(hay: &str, from: usize, tag: &str) -> Option<usize> {
    hay[from..]
        .match_indices('<')
        .map(|(i, _)| from + i)
        .find(|&i| hay[i..].starts_with(tag))
}

/// The final answer, or the whole response (trimmed) when it has no answer
/// block — R1-V's accuracy reward falls back the same way, so an untagged
/// "B" still names option B.
pub fn answer_or_whole(response: &str) -> &str {
    final_answer(response).unwrap_or_else(|| response.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_past_other_angle_brackets() {
        assert_eq!(final_answer("x < 3 <answe <answer>5</answer>"), Some("5"));
        assert_eq!(final_answer("<<answer>a<</answer>"), Some("a<"));
        assert_eq!(final_answer("<answer>a</answer"), None);
        assert_eq!(final_answer("é<answer>ü</answer>"), Some("ü"));
    }

    #[test]
    fn strict_format_is_lmm_r1s_regex() {
        let s = FormatStyle::Strict;
        assert!(format_ok("<think>a</think><answer>5</answer>", s));
        assert!(format_ok("<think>\nx\n</think><answer>\n5\n</answer>", s));
        assert!(format_ok("<think></think><answer></answer>", s));
        assert!(!format_ok("<think>a</think>\n<answer>5</answer>", s));
        assert!(!format_ok("<think>a</think><answer>5</answer>\n", s));
        assert!(!format_ok(" <think>a</think><answer>5</answer>", s));
        assert!(!format_ok("x<think>a</think><answer>5</answer>", s));
        assert!(!format_ok("<think>a</think><answer>5</answer></answer>", s));
        assert!(!format_ok("<think><think>a</think><answer>5</answer>", s));
        assert!(!format_ok("<think>a</think></think><answer>5</answer>", s));
        assert!(!format_ok(
            "<think>a</think><answer>1</answer><answer>2</answer>",
            s
        ));
        assert!(!format_ok("<answer>5</answer>", s));
        assert!(!format_ok("<think>a<answer>5</answer>", s));
        assert!(!format_ok("", s));
    }

    #[test]
    fn lenient_format_is_r1vs_full_match() {
        let l = FormatStyle::Lenient;
        assert!(format_ok("<think>a</think>\n\n<answer>5</answer>", l));
        assert!(format_ok("<think>a</think> \t\n<answer>5</answer>", l));
        assert!(format_ok("<think>a</think><answer>5</answer>", l));
        // `.*?` spans tags, so duplicated blocks still fully match.
        assert!(format_ok(
            "<think>a</think><answer>1</answer><answer>2</answer>",
            l
        ));
        assert!(format_ok("<think><think>a</think><answer>5</answer>", l));
        // A later `</think>` may be the split point.
        assert!(format_ok(
            "<think>a</think>b</think>\n<answer>5</answer>",
            l
        ));
        assert!(!format_ok("<think>a</think> x <answer>5</answer>", l));
        assert!(!format_ok("<think>a</think><answer>5</answer> ", l));
        assert!(!format_ok("\n<think>a</think><answer>5</answer>", l));
        assert!(!format_ok("<think>a</think><answer>5", l));
        assert!(!format_ok("<think>a<answer>5</answer>", l));
        assert!(!format_ok("<Think>a</Think><Answer>5</Answer>", l));
    }

    #[test]
    fn answer_blocks_follow_the_lazy_regex() {
        assert_eq!(
            answer_blocks("<answer>1</answer> and <answer>2</answer>"),
            ["1", "2"]
        );
        // Nested: the block closes at the first `</answer>` after its opening.
        assert_eq!(
            answer_blocks("<answer>a <answer>b</answer></answer>"),
            ["a <answer>b"]
        );
        // An unclosed block is no block; an earlier closed one still is.
        assert_eq!(answer_blocks("<answer>1</answer><answer>2"), ["1"]);
        assert!(answer_blocks("<answer>5").is_empty());
        assert!(answer_blocks("5</answer>").is_empty());
        assert!(answer_blocks("").is_empty());
        assert_eq!(answer_blocks("<answer></answer>"), [""]);
    }

    #[test]
    fn the_final_answer_is_the_last_of_the_answer_blocks() {
        // Every string over these pieces, up to four of them: the scan
        // without a Vec must find the same last block as `answer_blocks`.
        let pieces = ["<answer>", "</answer>", " a ", "<think>", "</think>", "b"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(next);
        }
        for t in &texts {
            let want = answer_blocks(t).last().map(|s| s.trim());
            assert_eq!(final_answer(t), want, "{t:?}");
        }
    }

    #[test]
    fn the_final_answer_is_the_last_block_trimmed() {
        assert_eq!(
            final_answer("<think>A or B</think><answer> B \n</answer>"),
            Some("B")
        );
        assert_eq!(
            final_answer("<answer>x</answer> then <answer>right</answer>"),
            Some("right")
        );
        assert_eq!(final_answer("no tags"), None);
        assert_eq!(final_answer("<ANSWER>5</ANSWER>"), None);
        assert_eq!(answer_or_whole("  just 3\n"), "just 3");
        assert_eq!(
            answer_or_whole("<think>t</think><answer>7"),
            "<think>t</think><answer>7"
        );
        assert_eq!(answer_or_whole("<answer>\t7 </answer>"), "7");
    }

    #[test]
    fn the_instruction_names_every_tag_it_checks() {
        for tag in [THINK_OPEN, THINK_CLOSE, ANSWER_OPEN, ANSWER_CLOSE] {
            assert!(R1_INSTRUCTION.contains(tag), "{tag}");
        }
    }
}
