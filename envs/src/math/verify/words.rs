//! A second reading of a response for answers written the way people write
//! them outside LaTeX: numbers in words (`twenty-three days`, `one hundred
//! forty-four minutes`), a value in a fenced code block, `√3`.
//!
//! The extractor reads marked-up answers; a response that states its answer
//! only in these forms is read again after [`plain`] rewrites them (see
//! `judge`), so the first reading's verdicts never change for the forms it
//! already reads.

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of one number word below a hundred.
fn small(word: &str) -> Option<u64> {
    if let Some(k) = UNITS.iter().position(|u| *u == word) {
        return Some(k as u64);
    }
    TENS.iter()
        .position(|t| *t == word)
        .map(|k| 20 + 10 * k as u64)
}

/// One word of a number phrase, lower case, with `twenty-three` split.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Small(u64),
    Hundred,
    Scale(u64),
    And,
}

fn word(w: &str) -> Option<Vec<Word>> {
    let lower = w.to_ascii_lowercase();
    match lower.as_str() {
        "hundred" => return Some(vec![Word::Hundred]),
        "thousand" => return Some(vec![Word::Scale(1_000)]),
        "million" => return Some(vec![Word::Scale(1_000_000)]),
        "and" => return Some(vec![Word::And]),
        _ => {}
    }
    if let Some((t, u)) = lower.split_once('-') {
        let (t, u) = (small(t)?, small(u)?);
        return (t >= 20 && t % 10 == 0 && (1..10).contains(&u))
            .then(|| vec![Word::Small(t), Word::Small(u)]);
    }
    small(&lower).map(|v| vec![Word::Small(v)])
}

/// The value of a phrase of number words, `None` when it is not one well
/// formed number (`and` alone, `three two`).
fn value(words: &[Word]) -> Option<u64> {
    let (mut total, mut group, mut last) = (0u64, 0u64, None::<Word>);
    for &w in words {
        match w {
            Word::Small(v) => {
                // `twenty three` is 23; `three two` is not a number.
                if let Some(Word::Small(p)) = last {
                    if !(p >= 20 && p % 10 == 0 && v < 10) {
                        return None;
                    }
                }
                group += v;
            }
            Word::Hundred => {
                if group == 0 || group >= 100 {
                    return None;
                }
                group *= 100;
            }
            Word::Scale(s) => {
                if group == 0 {
                    return None;
                }
                total = total.checked_add(group.checked_mul(s)?)?;
                group = 0;
            }
            Word::And => {
                if !matches!(last, Some(Word::Hundred | Word::Scale(_))) {
                    return None;
                }
            }
        }
        last = Some(w);
    }
    if matches!(last, Some(Word::And) | None) {
        return None;
    }
    Some(total + group)
}

/// `text` with number phrases written as digits, fenced code markers
/// dropped and `√` as `\sqrt`; `None` when nothing changed.
pub fn plain(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            // A fence line: the value inside reads as a line of its own.
            out.push('\n');
            changed = true;
            continue;
        }
        changed |= rewrite_line(line, &mut out);
    }
    if out.contains('√') {
        out = out.replace('√', "\\sqrt ");
        changed = true;
    }
    changed.then_some(out)
}

/// Appends `line` to `out` with its number phrases as digits; whether any
/// was rewritten.
fn rewrite_line(line: &str, out: &mut String) -> bool {
    // Tokens: maximal runs of letters and `-`, and everything else.
    let mut changed = false;
    let mut pending: Vec<(usize, usize)> = Vec::new(); // word ranges of a phrase
    let mut k = 0;
    let b = line.as_bytes();
    let mut copied = 0;
    let flush = |pending: &mut Vec<(usize, usize)>, out: &mut String, copied: &mut usize| -> bool {
        let mut did = false;
        // Trailing `and` is not part of the number (`six and seven`).
        while pending
            .last()
            .is_some_and(|&(a, e)| line[a..e].eq_ignore_ascii_case("and"))
        {
            pending.pop();
        }
        if let (Some(&(a, _)), Some(&(_, e))) = (pending.first(), pending.last()) {
            let words: Option<Vec<Word>> = pending
                .iter()
                .map(|&(s, t)| word(&line[s..t]))
                .collect::<Option<Vec<_>>>()
                .map(|v| v.into_iter().flatten().collect());
            if let Some(v) = words.as_deref().and_then(value) {
                out.push_str(&line[*copied..a]);
                out.push_str(&v.to_string());
                *copied = e;
                did = true;
            } else {
                // Not one number (`six and seven`): each word that is a
                // number alone is one.
                for &(s, t) in pending.iter() {
                    let w = word(&line[s..t]).unwrap_or_default();
                    if let Some(v) = (!w.contains(&Word::And)).then(|| value(&w)).flatten() {
                        out.push_str(&line[*copied..s]);
                        out.push_str(&v.to_string());
                        *copied = t;
                        did = true;
                    }
                }
            }
        }
        pending.clear();
        did
    };
    while k < b.len() {
        if b[k].is_ascii_alphabetic() {
            let s = k;
            while k < b.len() && (b[k].is_ascii_alphabetic() || b[k] == b'-') {
                k += 1;
            }
            let w = line[s..k].trim_end_matches('-');
            let e = s + w.len();
            let is_number_word = word(w).is_some();
            // A LaTeX command (`\sixth`, `\text`) is not prose.
            let in_command = s > 0 && b[s - 1] == b'\\';
            if is_number_word && !in_command {
                let joined_by_space = pending
                    .last()
                    .is_some_and(|&(_, pe)| line[pe..s].bytes().all(|c| c == b' '));
                if !pending.is_empty() && !joined_by_space {
                    changed |= flush(&mut pending, out, &mut copied);
                }
                pending.push((s, e));
            } else {
                changed |= flush(&mut pending, out, &mut copied);
            }
        } else {
            if !matches!(b[k], b' ') {
                changed |= flush(&mut pending, out, &mut copied);
            }
            k += 1;
        }
    }
    changed |= flush(&mut pending, out, &mut copied);
    out.push_str(&line[copied..]);
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_phrases_become_digits() {
        let cases = [
            (
                "the train travels two hundred twenty-four miles.",
                "the train travels 224 miles.",
            ),
            ("Seven buses are needed.", "7 buses are needed."),
            ("one thousand six hundred eighty dollars", "1680 dollars"),
            ("three hundred and five", "305"),
            ("it is ninety degrees", "it is 90 degrees"),
            ("six and seven", "6 and 7"),
            ("a one-way trip", "a one-way trip"),
        ];
        for (s, want) in cases {
            let got = plain(s).unwrap_or_else(|| s.to_string());
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn fences_and_roots() {
        assert_eq!(
            plain("Final answer:\n```\n7\n```").as_deref(),
            Some("Final answer:\n\n7\n\n")
        );
        assert_eq!(plain("√3").as_deref(), Some("\\sqrt 3"));
        assert_eq!(plain("x = 3"), None);
        // `three two` is two numbers; a bare `and` and LaTeX commands none.
        assert_eq!(plain("three two").as_deref(), Some("3 2"));
        assert_eq!(plain("\\one and"), None);
    }
}
