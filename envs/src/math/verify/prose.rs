//! Final answers stated in prose, for responses with no `<answer>` block and
//! no `\boxed{}`.
//!
//! Models that ignore the tags still say what their answer is, in a few
//! phrasings: `The final answer is $X$. I hope it is correct.` (MATH/Minerva),
//! `#### X` (GSM8K), `Answer: X`, `**Final answer:** X`, `So the answer is
//! X.`, a heading `Final Answer` with X on the next line, a closing line that
//! is only `$X$` or `\[X\]`, or a conclusion sentence (`Therefore, she has 12
//! apples left.`). A careful grader takes the last explicit statement; a later
//! conclusion counts only after a retraction (`Wait, …`), so chatter with a
//! number after the answer does not replace it. Only accuracy reads prose: the
//! format reward stays strict.

/// Words between a statement and its value that do not change the value
/// (hedges are still the answer given).
const FILLERS: [&str; 27] = [
    "is",
    "appears to be",
    "seems to be",
    "about",
    "approximately",
    "roughly",
    "around",
    "likely to be",
    "are",
    "was",
    "would be",
    "should be",
    "must be",
    "will be",
    "probably",
    "likely",
    "most likely",
    "perhaps",
    "maybe",
    "clearly",
    "simply",
    "just",
    "indeed",
    "then",
    "equal to",
    "given by",
    "exactly",
];

/// Words that end the value of a statement written in prose (`5, since …`).
const STOP_WORDS: [&str; 20] = [
    "since",
    "though",
    "although",
    "because",
    "as",
    "which",
    "but",
    "where",
    "when",
    "given",
    "hence",
    "therefore",
    "thus",
    "so",
    "i",
    "if",
    "for",
    "assuming",
    "meaning",
    "this",
];

/// A sentence that opens with one of these concludes the work.
const CONCLUSIONS: [&str; 16] = [
    "therefore",
    "thus",
    "so",
    "hence",
    "in conclusion",
    "in total",
    "altogether",
    "consequently",
    "finally",
    "overall",
    "in summary",
    "this means",
    "that means",
    "we get",
    "we obtain",
    "we find",
];

/// Words in the text between two answers that take the earlier one back.
const RETRACTIONS: [&str; 25] = [
    "等等",
    "算错",
    "错了",
    "wait",
    "actually",
    "mistake",
    "oops",
    "correction",
    "let me re",
    "recheck",
    "re-check",
    "reconsider",
    "on second thought",
    "wrong",
    "incorrect",
    "not correct",
    "error",
    "miscalculat",
    "revise",
    "instead",
    "scratch that",
    "hmm",
    "correct answer",
    "correct value",
    "should be",
];

/// Does `gap` (text between two answers) offer the later one beside the
/// earlier, rather than instead of it?
fn offers_another(gap: &str) -> bool {
    !retracts(gap)
        && ["alternativ", "another possib", "or possibly", "otherwise,"]
            .iter()
            .any(|w| gap.contains(w))
}

/// Does `gap` (text between two answers) retract the earlier one?
pub fn retracts(gap: &str) -> bool {
    let lower = gap.to_ascii_lowercase();
    RETRACTIONS.iter().any(|w| lower.contains(w))
}

/// Holds at least two words of two letters or more that are not LaTeX
/// commands: prose, as opposed to a bare answer such as `x = 3` or `\frac12`.
pub fn is_wordy(text: &str) -> bool {
    let b = text.as_bytes();
    let mut words = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i - start >= 2 && (start == 0 || b[start - 1] != b'\\') {
                words += 1;
                if words >= 2 {
                    return true;
                }
            }
        } else {
            i += 1;
        }
    }
    false
}

/// A value stated in prose: its byte range in the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub start: usize,
    pub end: usize,
}

/// The final answer stated in `text`, if any (see the module docs).
pub fn final_statement(text: &str) -> Option<Statement> {
    let lower = text.to_ascii_lowercase();
    let all = explicit_statements(text, &lower);
    let explicit = all.last().copied();
    let closing = closing_math(text);
    let conclusion = conclusion_statement(text, &lower);
    let Some(ex) = explicit else {
        return closing
            .or(conclusion)
            .or_else(|| last_sentence_math(text))
            .or_else(|| closing_line(text));
    };
    // `Final answer: (A) 2 … Alternatively, final answer: (C) 4` commits to
    // two answers: there is no single final one.
    if all.len() >= 2 {
        let prev = all[all.len() - 2];
        let gap = lower.get(prev.end..ex.start).unwrap_or_default();
        if offers_another(gap) && text[prev.start..prev.end] != text[ex.start..ex.end] {
            return None;
        }
    }
    // A later statement replaces the explicit one only after a retraction.
    let later = [closing, conclusion]
        .into_iter()
        .flatten()
        .filter(|s| s.start >= ex.end && retracts(&text[ex.end..s.start]))
        .max_by_key(|s| s.start);
    Some(later.unwrap_or(ex))
}

/// The first statement after byte `from` that follows a retraction of what
/// came before it (a prose correction after a box or an answer block).
pub fn correction_after(text: &str, from: usize) -> Option<Statement> {
    let tail = &text[from..];
    let s = final_statement(tail)?;
    retracts(&tail[..s.start]).then_some(Statement {
        start: from + s.start,
        end: from + s.end,
    })
}

/// The last explicit statement (`Final answer: X`, `#### X`) after byte
/// `from`.
pub fn explicit_after(text: &str, from: usize) -> Option<Statement> {
    let tail = &text[from..];
    let s = *explicit_statements(tail, &tail.to_ascii_lowercase()).last()?;
    Some(Statement {
        start: from + s.start,
        end: from + s.end,
    })
}

fn is_word_char(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// Every `answer is X`, `Answer: X`, `#### X`, `Final Answer⏎X` in order.
fn explicit_statements(text: &str, lower: &str) -> Vec<Statement> {
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices("####") {
        let start = i + 4;
        if let Some(s) = value_at(text, start) {
            out.push(s);
        }
    }
    for (i, _) in lower.match_indices("answer") {
        if i > 0 && is_word_char(bytes[i - 1]) {
            continue;
        }
        let mut j = i + "answer".len();
        if bytes.get(j) == Some(&b's') {
            j += 1;
        }
        if bytes.get(j).is_some_and(|&c| is_word_char(c)) {
            continue;
        }
        if let Some(k) = after_anchor(lower, j) {
            if let Some(s) = value_at(text, k) {
                out.push(s);
            }
        }
    }
    // `So the correct choice is D.`
    for phrase in ["correct choice", "correct option", "best choice"] {
        for (i, _) in lower.match_indices(phrase) {
            if let Some(k) = after_anchor(lower, i + phrase.len()) {
                if let Some(s) = value_at(text, k) {
                    out.push(s);
                }
            }
        }
    }
    // Other languages: `所以答案为 $42$。`, `Ответ: 30.`, `A resposta é −11.`
    for phrase in FOREIGN_ANCHORS.iter().filter(|_| !text.is_ascii()) {
        for (i, _) in lower.match_indices(phrase) {
            let k = i + phrase.len();
            let k = k + (lower.len() - k - lower[k..].trim_start_matches(FOREIGN_GLUE).len());
            if let Some(s) = value_at(text, k) {
                out.push(s);
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// How the answer is introduced in the other languages models answer in
/// (lower case as `to_ascii_lowercase` leaves them).
const FOREIGN_ANCHORS: [&str; 16] = [
    "答案是",
    "答案为",
    "答案為",
    "答案：",
    "答案:",
    "应该是",
    "综上所述",
    "答えは",
    "Ответ:",
    "ответ:",
    "ответ —",
    "resposta é",
    "respuesta es",
    "réponse est",
    "réponse :",
    "antwort ist",
];

/// Punctuation and copulas between a foreign anchor and its value.
const FOREIGN_GLUE: &[char] = &[' ', '：', ':', '，', ',', '为', '是', '\u{3000}'];

/// Where the value starts after `answer` at byte `j`: after `:`, `is`, `=`,
/// `are`, `to … is`, or on the next line of a heading; `None` when the word
/// is not introducing an answer (`answer the question`).
fn after_anchor(lower: &str, mut j: usize) -> Option<usize> {
    let b = lower.as_bytes();
    let skip = |j: &mut usize, set: &[u8]| {
        while b.get(*j).is_some_and(|c| set.contains(c)) {
            *j += 1;
        }
    };
    skip(&mut j, b"* \t");
    let rest = &lower[j..];
    if rest.starts_with(':') || rest.starts_with('=') {
        return Some(j + 1);
    }
    if rest.starts_with('\n') || rest.starts_with('\r') {
        // A heading: `### Final Answer` with the value below.
        return Some(j);
    }
    for verb in [
        "is",
        "are",
        "appears to be",
        "seems to be",
        "would be",
        "should be",
        "must be",
        "will be",
        "was",
    ] {
        if rest.starts_with(verb)
            && !rest[verb.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Some(j + verb.len());
        }
    }
    // `the answer to part (a) is X`: ` is ` within the same short clause.
    if rest.starts_with("to ") || rest.starts_with("for ") {
        let window = &rest[..rest.len().min(80)];
        let end = window.find(['\n', '.']).unwrap_or(window.len());
        if let Some(k) = window[..end].find(" is ") {
            return Some(j + k + 4);
        }
    }
    None
}

/// The value that starts at byte `from` of `text`: fillers skipped, then a
/// math span (`$X$`, `\(X\)`, `\[X\]`) or the words up to the end of the
/// sentence; on the next line when this line is empty.
fn value_at(text: &str, from: usize) -> Option<Statement> {
    let mut i = skip_fillers(text, from);
    let line_end = text[i..].find('\n').map_or(text.len(), |k| i + k);
    if text[i..line_end].trim().is_empty() {
        // The value is on the next non-empty line.
        let next = text[line_end..].find(|c: char| !c.is_whitespace())?;
        i = skip_fillers(text, line_end + next);
    }
    if let Some((s, e)) = math_span_at(text, i) {
        return Some(trim_statement(text, s, e));
    }
    let end = sentence_end(text, i);
    let end = cut_at_stop_word(text, i, end);
    let st = trim_statement(text, i, end);
    (st.end > st.start).then_some(st)
}

fn skip_fillers(text: &str, mut i: usize) -> usize {
    loop {
        let before = i;
        let rest = &text[i..];
        // `}` closes the `\text{Answer: }` a display math block opens with.
        let trimmed = rest.trim_start_matches(|c: char| {
            c == ' ' || c == '\t' || c == '*' || c == ':' || c == ',' || c == '}'
        });
        i += rest.len() - trimmed.len();
        let low = text[i..]
            .get(..20)
            .unwrap_or(&text[i..])
            .to_ascii_lowercase();
        for f in FILLERS {
            if low.starts_with(f)
                && !low[f.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                i += f.len();
                break;
            }
        }
        if i == before {
            return i;
        }
    }
}

/// A math span starting exactly at `i`: the byte range of its content.
fn math_span_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let rest = &text[i..];
    for (open, close) in [("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$")] {
        if let Some(body) = rest.strip_prefix(open) {
            // `\$` is a dollar sign, not a delimiter.
            let len = body
                .match_indices(close)
                .map(|(k, _)| k)
                .find(|&k| !body[..k].ends_with('\\'))?;
            let s = i + open.len();
            return Some((s, s + len));
        }
    }
    None
}

/// Index where the sentence that contains byte `i` ends: a newline, or a
/// `.`/`!`/`?` that is not a decimal point, outside `$…$` and braces.
fn sentence_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut depth = 0i32;
    let mut in_math = false;
    let mut k = i;
    while k < b.len() {
        match b[k] {
            b'\n' => return k,
            b'$' => in_math = !in_math,
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b'.' | b'!' | b'?' if !in_math && depth <= 0 => {
                let next = b.get(k + 1).copied();
                if !next.is_some_and(|c| c.is_ascii_digit()) {
                    return k;
                }
            }
            b';' if !in_math && depth <= 0 => return k,
            // `。`, `！`, `？`, `，` (CJK punctuation) end a clause too.
            0xE3 | 0xEF if !in_math && depth <= 0 => {
                let rest = &b[k..];
                if ["。", "！", "？"]
                    .iter()
                    .any(|p| rest.starts_with(p.as_bytes()))
                {
                    return k;
                }
            }
            _ => {}
        }
        k += 1;
    }
    b.len()
}

/// Cuts `text[i..end]` before a top-level `, since …`-style clause.
fn cut_at_stop_word(text: &str, i: usize, end: usize) -> usize {
    let seg = &text[i..end];
    let lower = seg.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut depth = 0i32;
    let mut in_math = false;
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'$' => in_math = !in_math,
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            b' ' | b',' if !in_math && depth <= 0 && k > 0 => {
                let word_start = lower[k + 1..]
                    .find(|ch: char| !ch.is_whitespace())
                    .map_or(b.len(), |w| k + 1 + w);
                let word_end = lower[word_start..]
                    .find(|ch: char| !ch.is_ascii_alphabetic())
                    .map_or(b.len(), |w| word_start + w);
                if word_end > word_start && STOP_WORDS.contains(&&lower[word_start..word_end]) {
                    return i + k;
                }
            }
            _ => {}
        }
    }
    end
}

/// Trims spaces, `*`, closing punctuation and `I hope it is correct`.
fn trim_statement(text: &str, start: usize, end: usize) -> Statement {
    let seg = &text[start..end];
    let t = seg.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let s = start + (seg.len() - t.len());
    let t = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '.' | ',' | ':' | '$' | '。' | '，')
    });
    Statement {
        start: s,
        end: s + t.len(),
    }
}

/// The last line, when it is only one math span: `$X$`, `$$X$$`, `\[X\]`.
fn closing_math(text: &str) -> Option<Statement> {
    let t = text.trim_end();
    let t = t.strip_suffix('.').unwrap_or(t).trim_end();
    for (open, close) in [("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$")] {
        let Some(body) = t.strip_suffix(close) else {
            continue;
        };
        let Some(o) = body.rfind(open) else {
            continue;
        };
        let line_start = t[..o].rfind('\n').map_or(0, |k| k + 1);
        if !t[line_start..o].trim().is_empty() {
            continue;
        }
        let st = trim_statement(text, o + open.len(), body.len());
        if st.end > st.start {
            return Some(st);
        }
    }
    None
}

/// The last sentence, when it ends in a math span: `Solving, we find $x = 3$.`
fn last_sentence_math(text: &str) -> Option<Statement> {
    let t = text.trim_end();
    let t = t.strip_suffix('.').unwrap_or(t).trim_end();
    let body = t.strip_suffix('$')?;
    if body.ends_with('\\') {
        return None;
    }
    let open = body
        .match_indices('$')
        .map(|(k, _)| k)
        .rfind(|&k| !body[..k].ends_with('\\'))?;
    let st = trim_statement(text, open + 1, body.len());
    (st.end > st.start).then_some(st)
}

/// The last line when it states the answer without a marker: a bold line
/// (`**B) 3**`), a line that opens with `Yes`/`No` (`No, as shown above.`),
/// or a plain sentence with exactly one number in it (`There are 280 girls
/// in the school.`, `Gina pays $15,300 in her first year.`), the way GSM8K
/// answers end. A line with several numbers, or a question, states nothing.
fn closing_line(text: &str) -> Option<Statement> {
    let t = text.trim_end();
    let start = t.rfind('\n').map_or(0, |k| k + 1);
    let line = &t[start..];
    let mut lead = line.len() - line.trim_start().len();
    let mut body = line.trim();
    if body.is_empty() || body.ends_with('?') {
        return None;
    }
    if let Some(inner) = body.strip_prefix("**").and_then(|b| b.strip_suffix("**")) {
        if !inner.is_empty() && inner.len() <= 60 && !is_wordy(inner) {
            let s = start + lead + 2;
            return Some(trim_statement(text, s, s + inner.len()));
        }
        // A bold sentence reads as the sentence.
        lead += 2;
        body = inner;
    }
    let first = body
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if matches!(first.as_str(), "yes" | "no") && body.len() > first.len() {
        let s = start + lead;
        return Some(Statement {
            start: s,
            end: s + first.len(),
        });
    }
    // One number, digits with `,` or `.` inside, a leading `-`/`$`.
    let b = body.as_bytes();
    let mut numbers = Vec::new();
    let mut glued = false;
    let mut k = 0;
    while k < b.len() {
        if b[k].is_ascii_digit() && (k == 0 || !b[k - 1].is_ascii_alphanumeric()) {
            let s = k;
            while k < b.len()
                && (b[k].is_ascii_digit()
                    || (matches!(b[k], b',' | b'.')
                        && b.get(k + 1).is_some_and(u8::is_ascii_digit)))
            {
                k += 1;
            }
            if b.get(k).is_some_and(|c| c.is_ascii_alphabetic()) {
                // `2x`, `3rd`: not a plain number.
                glued = true;
                continue;
            }
            let s = if s > 0 && b[s - 1] == b'-' { s - 1 } else { s };
            let e = if b.get(k) == Some(&b'%') { k + 1 } else { k };
            numbers.push((s, e));
        } else {
            k += 1;
        }
    }
    let plain_sentence = is_wordy(body) && !body.contains(['=', '+', '*', '/', '\\']);
    let at = start + lead;
    match numbers[..] {
        [(s, e)] if plain_sentence && !glued => Some(Statement {
            start: at + s,
            end: at + e,
        }),
        // `The 10th term is 39.`, `The largest prime factor of 221 is 17.`:
        // the sentence ends on the number its verb gives.
        [.., (s, e)] if plain_sentence && body[e..].trim_end_matches('.').is_empty() => {
            let head = body[..s].to_ascii_lowercase();
            [" is ", " are ", " was ", " equals "]
                .iter()
                .any(|v| head.ends_with(v))
                .then_some(Statement {
                    start: at + s,
                    end: at + e,
                })
        }
        _ => None,
    }
}

/// The last sentence that opens with a conclusion word and holds a value.
fn conclusion_statement(text: &str, lower: &str) -> Option<Statement> {
    let mut best = None;
    let b = lower.as_bytes();
    // The last byte before `i` that is not a space, `*` or `#` (one pass,
    // so a long response costs linear time).
    let mut prev: Option<usize> = None;
    for i in 0..b.len() {
        let word_start = b[i].is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphabetic());
        if word_start {
            let at_sentence_start = match prev {
                None => true,
                Some(k) => {
                    matches!(b[k], b'\n' | b'.' | b'!' | b'?' | b':')
                        || lower[..=k].ends_with("\\therefore")
                }
            };
            if at_sentence_start {
                if let Some(word) = CONCLUSIONS.iter().find(|w| {
                    lower[i..].starts_with(*w)
                        && !lower[i + w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
                }) {
                    let from = i + word.len();
                    let end = sentence_end(text, from);
                    if let Some(s) = sentence_value(text, from, end) {
                        best = Some(s);
                    }
                }
            }
        }
        if !matches!(b[i], b' ' | b'\t' | b'*' | b'#') {
            prev = Some(i);
        }
    }
    best
}

/// The value of a conclusion sentence `text[from..end]`: its last math span,
/// else what follows its last `is`/`=`/`are`, else its last number with the
/// words after it (`12 apples left`).
fn sentence_value(text: &str, from: usize, end: usize) -> Option<Statement> {
    let seg = &text[from..end];
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < seg.len() {
        if let Some((s, e)) = math_span_at(seg, k) {
            spans.push((s, e));
            k = e + 1;
        } else {
            k += seg[k..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if let Some(&(mut s, e)) = spans.last() {
        // `$x = 8$ or $x = -2$`: roots joined by `or`/`and` are one answer.
        for &(ps, pe) in spans.iter().rev().skip(1) {
            if !joins_roots(&seg[pe..s]) {
                break;
            }
            s = ps;
        }
        let st = trim_statement(text, from + s, from + e);
        return (st.end > st.start).then_some(st);
    }
    if !seg.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = seg.to_ascii_lowercase();
    if lower.contains("between ") && lower.contains(" and ") {
        // `somewhere between 24 and 25 days`: a range is not an answer.
        return None;
    }
    let verb = [" is ", " = ", " are ", " equals ", " was ", " be ", ": "]
        .iter()
        .filter_map(|v| lower.rfind(v).map(|p| p + v.len()))
        .max();
    let start = match verb {
        Some(p) if seg[p..].bytes().any(|c| c.is_ascii_digit()) => p,
        _ => {
            // From the last number on.
            let last_digit = seg.rfind(|c: char| c.is_ascii_digit())?;
            let num_start = seg[..=last_digit]
                .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                // Past that character, which may be several bytes long.
                .map_or(0, |p| p + seg[p..].chars().next().map_or(1, char::len_utf8));
            if num_start > 0 && seg.as_bytes()[num_start - 1] == b'-' {
                num_start - 1
            } else {
                num_start
            }
        }
    };
    let cut = cut_at_stop_word(text, from + start, end);
    let st = trim_statement(text, from + start, cut);
    (st.end > st.start).then_some(st)
}

/// Lines that open a new exchange: a small model that keeps generating
/// writes the next question (and often answers it) after its own answer.
const CONTINUATIONS: [&str; 9] = [
    "question:",
    "q:",
    "problem:",
    "human:",
    "user:",
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<|eot_id|>",
];

/// `problem 2.`, `question 3:`, `exercise 4)` (lower case): a numbered
/// next problem.
fn numbered_problem(head: &str) -> bool {
    ["problem ", "question ", "exercise "].iter().any(|w| {
        head.strip_prefix(w).is_some_and(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && matches!(rest.as_bytes().get(digits), Some(b'.' | b':' | b')'))
        })
    })
}

/// Byte where a made-up next exchange starts (a line after the first that
/// opens with `Question:` and the like), if any.
pub fn continuation_start(text: &str) -> Option<usize> {
    let mut at = text.find('\n')?;
    loop {
        let line_start = at + 1;
        let line = text[line_start..].trim_start_matches([' ', '\t', '#', '*']);
        let head = line.get(..16).unwrap_or(line).to_ascii_lowercase();
        if CONTINUATIONS.iter().any(|c| head.starts_with(c)) || numbered_problem(&head) {
            return Some(line_start);
        }
        at = line_start + text[line_start..].find('\n')?;
    }
}

/// Is `gap` (between two math spans, delimiters included) only a joining
/// `or`, `and` or comma, as in `$x = 0$ or $x = 2$`?
fn joins_roots(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| c == '$' || c.is_whitespace());
    let g = g.strip_prefix("\\)").unwrap_or(g);
    let g = g.strip_suffix("\\(").unwrap_or(g).trim();
    matches!(
        g.to_ascii_lowercase().as_str(),
        "or" | "and" | "," | ", or" | ", and" | "or also"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Option<&str> {
        final_statement(text).map(|s| &text[s.start..s.end])
    }

    #[test]
    fn reads_the_phrasings_models_use() {
        for (text, value) in [
            (
                "Final Answer: The final answer is $7$. I hope it is correct.",
                "7",
            ),
            ("So the answer is 12.", "12"),
            ("The answer is: 3/4", "3/4"),
            ("**Final answer:** $\\frac{1}{2}$", "\\frac{1}{2}"),
            ("**Answer**: 42", "42"),
            ("work\n#### 72", "72"),
            ("### Final Answer\n\n$x = 3$\n", "x = 3"),
            ("Thus the answer is probably 5, since it fits.", "5"),
            ("The answer to part (a) is 9 cm.", "9 cm"),
            ("We add them.\n\n$$15$$", "15"),
            ("Therefore, she has 12 apples left.", "12 apples left"),
            ("So the total cost is $\\$4.50$.", "\\$4.50"),
            ("The answers are 3 and 4.", "3 and 4"),
            ("Hence $x = 0$ or $x = 2$.", "x = 0$ or $x = 2"),
            ("So $a = 1$ gives $b = 2$.", "b = 2"),
            (
                "The answer is 5. Wait, that is wrong. Therefore x = 6.",
                "6",
            ),
            ("The answer is 5. We checked 3 cases.", "5"),
            (
                "Girls: 480 - 200 = 280.\n\nThere are 280 girls in the school.",
                "280",
            ),
            (
                "Total: 9234 dollars.\n\n**The theater made $9,234 over the two days.**",
                "9,234",
            ),
            ("$1001 = 7 \\cdot 143$.\n\nYes, as shown above.", "Yes"),
            ("$2^4 = 16$ subsets.\n\nSo the correct choice is D.", "D"),
            ("$10^3 = 1000$.\n\n**B) 3**", "B) 3"),
        ] {
            assert_eq!(said(text), Some(value), "{text}");
        }
    }

    #[test]
    fn a_made_up_next_question_starts_a_continuation() {
        let t = "So the answer is 150.\n\nQuestion: A farmer has 12 cows.\nAnswer: 17";
        assert_eq!(continuation_start(t), t.find("Question"));
        assert_eq!(continuation_start("Question: 2+2?\nThe answer is 4."), None);
        assert_eq!(
            continuation_start("The answer is 4.\n**Problem:** next"),
            Some(17)
        );
    }

    #[test]
    fn text_without_a_statement_has_no_answer() {
        for text in [
            "",
            "Let me answer the question by drawing.",
            "I am not sure.",
            "Thus we are done.",
            "She bought 3 apples and 4 pears.",
            "How many are 12 and 5?",
        ] {
            assert_eq!(said(text), None, "{text}");
        }
    }
}
