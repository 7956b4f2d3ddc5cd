//! Finding the final answer in a response.
//!
//! The answer is the content of `<answer>…</answer>` (a `\boxed{}` inside it
//! wins over the surrounding words); without an answer block it is the
//! `\boxed{}` of the response. Every candidate is returned so the caller can
//! refuse responses that commit to two different final answers.

/// Responses longer than this are not searched (they score 0).
pub const MAX_RESPONSE_CHARS: usize = 64 * 1024;

/// The contents of every `\boxed{…}` / `\fbox{…}` in `s`, in order.
pub fn boxed_contents(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s[from..]
        .find("\\boxed")
        .or_else(|| s[from..].find("\\fbox"))
    {
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
                    out.push(&s[i + 1..end]);
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
                out.push(&s[i..end]);
            }
            from = end.max(i + 1).min(s.len());
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

/// The contents of every complete `<answer>…</answer>` block.
pub fn answer_blocks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s[from..].find("<answer>") {
        let body = from + rel + "<answer>".len();
        let Some(len) = s[body..].find("</answer>") else {
            break;
        };
        out.push(&s[body..body + len]);
        from = body + len + "</answer>".len();
    }
    out
}

/// Every final-answer candidate in `response`, trimmed and non-empty.
pub fn candidates(response: &str) -> Vec<&str> {
    if response.len() > MAX_RESPONSE_CHARS {
        return Vec::new();
    }
    let blocks = answer_blocks(response);
    let raw: Vec<&str> = if blocks.is_empty() {
        boxed_contents(response)
    } else {
        blocks
            .into_iter()
            .flat_map(|b| {
                let boxed = boxed_contents(b);
                if boxed.is_empty() {
                    vec![b]
                } else {
                    boxed
                }
            })
            .collect()
    };
    raw.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
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
    fn unclosed_blocks_give_nothing() {
        assert!(candidates("<answer>5").is_empty());
        assert!(candidates("\\boxed{5").is_empty());
        assert!(candidates("").is_empty());
    }
}
