//! Finding the final answer in a response.
//!
//! Thinking is not answering: when the response closes a `<think>` block,
//! only what follows it is searched. There the answer is the content of
//! `<answer>…</answer>` (a `\boxed{}` inside it wins over the surrounding
//! words, and a prose statement inside it over the other words); without an
//! answer block it is the `\boxed{}` of the response; without either it is
//! what the prose states (`The final answer is X`, see `prose.rs`).
//!
//! Several candidates are kept in order, except that a retraction between two
//! of them (`Wait, I made a mistake`, `Actually the correct value is`) drops
//! everything before it, and a prose correction after the last one replaces
//! them all. The caller reads the survivors as one answer (repeats) or as a
//! set (`\boxed{a}, \boxed{b}`).

use super::prose;

/// Responses longer than this are not searched (they score 0).
pub const MAX_RESPONSE_CHARS: usize = 64 * 1024;

/// The contents of every `\boxed{…}` / `\fbox{…}` in `s`, in order.
pub fn boxed_contents(s: &str) -> Vec<&str> {
    boxed_spans(s).into_iter().map(|(a, b)| &s[a..b]).collect()
}

/// Byte ranges of the contents of every box in `s` (a box nested in a box
/// is part of the outer one's content).
fn boxed_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    loop {
        let next = match (s[from..].find("\\boxed"), s[from..].find("\\fbox")) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(rel) = next else { break };
        let start = from + rel;
        let name_len = if s[start..].starts_with("\\boxed") {
            6
        } else {
            5
        };
        let mut i = start + name_len;
        let rest = &s[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with('{') {
            match matching_brace(s, i) {
                Some(end) => {
                    out.push((i + 1, end));
                    from = end + 1;
                }
                None => break,
            }
        } else {
            // `\boxed 5`: one space-delimited token.
            let end = trimmed
                .find(|c: char| c.is_whitespace() || c == '$')
                .map_or(s.len(), |e| i + e);
            if end > i {
                out.push((i, end));
            }
            from = end.max(i + 1).min(s.len());
            while !s.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    out
}

/// Index of the `}` closing the `{` at byte `open`.
fn matching_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (k, c) in s[open..].char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The contents of every complete `<answer>…</answer>` block (one rule for
/// every env: `answer_format`).
pub use crate::answer_format::answer_blocks;
use crate::answer_format::answer_spans;

/// A byte range `(start, end)` in the response.
type Span = (usize, usize);

/// Byte ranges, in `response`, of the final-answer candidates (see the
/// module docs), and of a later prose statement that restates (or
/// contradicts) them without retracting them: `\boxed{120}` then
/// `Final answer: 720`.
fn candidate_spans(response: &str) -> (Vec<Span>, Option<Span>) {
    if response.len() > MAX_RESPONSE_CHARS {
        return (Vec::new(), None);
    }
    let mut late = None;
    // Only what follows the thinking answers; an unclosed `<think>` is all
    // there is.
    let base = response
        .rfind("</think>")
        .map_or(0, |i| i + "</think>".len());
    let region = &response[base..];
    // A model that runs on into a new question it made up (`Question: …`)
    // has answered before it; the made-up one's answer does not count.
    let region = match prose::continuation_start(region) {
        Some(cut) if !region_spans(&region[..cut]).is_empty() => &region[..cut],
        _ => region,
    };
    let mut spans = region_spans(region);
    if let Some(&(_, last_end)) = spans.last() {
        if let Some(c) = prose::correction_after(region, last_end) {
            spans = vec![(c.start, c.end)];
        } else if let Some(st) = prose::explicit_after(region, last_end) {
            late = Some((base + st.start, base + st.end));
        }
    }
    // A retraction between two candidates drops everything before it.
    let keep_from = (1..spans.len())
        .rev()
        .find(|&k| prose::retracts(&region[spans[k - 1].1..spans[k].0]))
        .unwrap_or(0);
    let spans = spans[keep_from..]
        .iter()
        .map(|&(a, b)| (base + a, base + b))
        .collect();
    (spans, late)
}

/// Candidates of one region: answer blocks, else boxes, else prose.
fn region_spans(region: &str) -> Vec<(usize, usize)> {
    let blocks = answer_spans(region);
    if !blocks.is_empty() {
        return blocks
            .into_iter()
            .flat_map(|(a, b)| {
                let block = &region[a..b];
                let boxed = boxed_spans(block);
                if !boxed.is_empty() {
                    return boxed.into_iter().map(|(x, y)| (a + x, a + y)).collect();
                }
                // Only a block that reads as prose (`The answer is 7`) is searched.
                match prose::is_wordy(block)
                    .then(|| prose::final_statement(block))
                    .flatten()
                {
                    Some(st) => vec![(a + st.start, a + st.end)],
                    None => vec![(a, b)],
                }
            })
            .collect();
    }
    let boxed = boxed_spans(region);
    if !boxed.is_empty() {
        return boxed;
    }
    if let Some(st) = prose::final_statement(region) {
        return vec![(st.start, st.end)];
    }
    // A response that is only a short one-line answer (`7`, `$x = 3$`).
    let t = region.trim();
    let marked = t.contains('<') || t.contains("\\boxed") || t.contains("\\fbox");
    if !t.is_empty() && t.len() <= 80 && !t.contains('\n') && !marked {
        let a = region.len() - region.trim_start().len();
        return vec![(a, a + t.len())];
    }
    Vec::new()
}

/// Every final-answer candidate in `response`, trimmed and non-empty, in
/// order (see the module docs for which survive).
pub fn candidates(response: &str) -> Vec<&str> {
    final_candidates(response).0
}

/// The candidates, and a later statement of the answer after them that
/// nothing retracted (`Final answer: 720` after `\boxed{120}`): when it
/// differs from them the response gave two final answers.
pub fn final_candidates(response: &str) -> (Vec<&str>, Option<&str>) {
    let (spans, late) = candidate_spans(response);
    let cands = spans
        .into_iter()
        .map(|(a, b)| response[a..b].trim())
        .filter(|s| !s.is_empty())
        .collect();
    let late = late
        .map(|(a, b)| response[a..b].trim())
        .filter(|s| !s.is_empty());
    (cands, late)
}

/// The response with its tags repaired the way a reader repairs them, or
/// `None` when nothing needed it: `<ANSWER>` is `<answer>`, a doubled
/// `<answer><answer>…</answer></answer>` one block, an answer written
/// before the `<think>` block read as if after it. Only
/// accuracy reads the repaired text.
pub fn repaired(response: &str) -> Option<String> {
    // Most responses need nothing: decide that without copying.
    let upper = response.contains("<ANSWER>") || response.contains("<THINK>");
    let doubled = response.contains("<answer><answer>");
    let late_think = response
        .find("<think>")
        .is_some_and(|a| response[..a].contains("</answer>"));
    if !(upper || doubled || late_think) {
        return None;
    }
    let mut t = response.to_string();
    for tag in ["<answer>", "</answer>", "<think>", "</think>"] {
        let upper = tag.to_ascii_uppercase();
        if t.contains(&upper) {
            t = t.replace(&upper, tag);
        }
    }
    // `<answer><answer>5</answer></answer>`: doubled on both sides, one
    // block. (An unclosed or half-doubled block stays unread: it is what a
    // truncated generation leaves, and R1-V's regex reads nothing there.)
    while t.contains("<answer><answer>") && t.contains("</answer></answer>") {
        t = t.replacen("<answer><answer>", "<answer>", 1).replacen(
            "</answer></answer>",
            "</answer>",
            1,
        );
    }
    if let (Some(a), Some(b)) = (t.find("<think>"), t.rfind("</think>")) {
        let after = &t[b + "</think>".len()..];
        let before = &t[..a];
        // A response that is only thinking has not answered (the blind sets
        // disagree here: set3 says so, set6 #138 reads the thinking; a
        // reward must not teach the policy to stop before answering).
        if a < b && !after.contains("<answer>") && before.contains("</answer>") {
            // `<answer>12</answer><think>…</think>`.
            t = format!("{}{before}", &t[a..]);
        }
    }
    (t != response).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_block_wins_over_boxed_in_thinking() {
        let r = "<think>maybe \\boxed{4}</think><answer>5</answer>";
        assert_eq!(candidates(r), ["5"]);
    }

    #[test]
    fn boxed_inside_answer_and_nested_braces() {
        let r = "<answer>so \\boxed{\\frac{1}{2}}</answer>";
        assert_eq!(candidates(r), ["\\frac{1}{2}"]);
        assert_eq!(candidates("x \\boxed{1} y \\boxed{2}"), ["1", "2"]);
    }

    #[test]
    fn tags_are_repaired_as_a_reader_repairs_them() {
        for (r, want) in [
            ("<THINK>x</THINK><ANSWER>x+3</ANSWER>", "x+3"),
            ("<think>d</think><answer><answer>5</answer></answer>", "5"),
            ("<answer>12</answer>\n<think>0.15 × 80</think>", "12"),
        ] {
            let fixed = repaired(r).unwrap_or_default();
            assert_eq!(candidates(&fixed), [want], "{r:?} read as {fixed:?}");
        }
        assert_eq!(repaired("<think>a</think><answer>b</answer>"), None);
        // Only thinking is no answer.
        let only = "<think>so the answer is \\boxed{42}.</think>";
        assert!(candidates(&repaired(only).unwrap_or(only.into())).is_empty());
    }

    #[test]
    fn unclosed_blocks_give_nothing() {
        assert!(candidates("<answer>5").is_empty());
        assert!(candidates("\\boxed{5").is_empty());
        assert!(candidates("").is_empty());
    }
}
