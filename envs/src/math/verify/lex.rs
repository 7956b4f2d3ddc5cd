//! LaTeX/plain-text answer normalisation and tokenisation.
//!
//! Normalisation removes what a grader ignores (math delimiters, spacing
//! commands, `\left`/`\right`, `\text{}` wrappers, degree signs) and maps
//! Unicode operators to ASCII. The lexer then decides the one thing that
//! needs context: whether `12,345`, `12\,345` or `12 345` is one number with
//! thousands separators (every later group exactly three digits, commas only
//! outside brackets, where they separate tuple and set elements).

/// A token of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A numeral as written, separators removed: `12345`, `1.5`, `1.5e3`.
    Num(String),
    /// A run of ASCII letters: a variable, a unit or a word such as `or`.
    Ident(String),
    /// A backslash command without the backslash: `frac`, `sqrt`, `pi`.
    Cmd(String),
    /// `\{`
    SetOpen,
    /// `\}`
    SetClose,
    /// Any other single character: `( ) [ ] { } + - * / ^ , = ! %`.
    Sym(char),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// Whitespace came right before this token (mixed numbers, units).
    pub space_before: bool,
}

/// Marks a LaTeX thin space `\,`: a thousands separator between digit
/// groups, plain spacing elsewhere.
const THIN: char = '\u{2009}';

/// Commands whose braced argument is kept as plain text.
const TEXT_COMMANDS: [&str; 9] = [
    "\\text",
    "\\textrm",
    "\\textbf",
    "\\textit",
    "\\mathrm",
    "\\mathbf",
    "\\mbox",
    "\\operatorname",
    "\\mathit",
];

const REPLACEMENTS: [(&str, &str); 49] = [
    ("{,}", ","),
    // A box inside a box (`\boxed{\boxed{11}}`) is the same answer.
    ("\\boxed", " "),
    ("\\fbox", " "),
    ("\\leqslant", "\\le "),
    ("\\geqslant", "\\ge "),
    ("\\leq", "\\le "),
    ("\\geq", "\\ge "),
    ("\\lt", "<"),
    ("\\gt", ">"),
    ("\\infin", "\\infty"),
    ("\\varnothing", "\\emptyset"),
    ("\\displaystyle", " "),
    ("\\dfrac", "\\frac"),
    ("\\tfrac", "\\frac"),
    ("\\cfrac", "\\frac"),
    ("\\dbinom", "\\binom"),
    ("\\tbinom", "\\binom"),
    ("\\lbrace", "\\{"),
    ("\\rbrace", "\\}"),
    ("\\left.", " "),
    ("\\right.", " "),
    ("\\left", " "),
    ("\\right", " "),
    ("\\bigl", " "),
    ("\\bigr", " "),
    ("^{\\circ}", " "),
    ("^\\circ", " "),
    ("\\circ", " "),
    ("\\degree", " "),
    ("\\%", "%"),
    ("\\$", " "),
    ("\\(", " "),
    ("\\)", " "),
    ("\\[", " "),
    ("\\]", " "),
    ("\\,", "\u{2009}"),
    ("\\!", ""),
    ("\\;", " "),
    ("\\:", " "),
    ("\\qquad", " "),
    ("\\quad", " "),
    ("\\ ", " "),
    ("\\times", "*"),
    ("\\cdot", "*"),
    ("\\div", "/"),
    ("\\ast", "*"),
    ("\\dots", " "),
    // `\langle 0, 0, 1 \rangle`: a vector is its tuple.
    ("\\langle", "("),
    ("\\rangle", ")"),
];

/// Unwraps `\text{...}`-style commands: `5\text{ cm}` becomes `5  cm `.
fn unwrap_text_commands(s: &str) -> String {
    let mut out = s.to_string();
    for cmd in TEXT_COMMANDS {
        // Most answers have none: skip without building the pattern.
        if !out.contains(cmd) {
            continue;
        }
        let open = format!("{cmd}{{");
        let mut from = 0;
        while let Some(rel) = out[from..].find(&open) {
            let start = from + rel;
            let body = start + open.len();
            let mut depth = 1usize;
            let mut end = None;
            for (i, c) in out[body..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(body + i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { break };
            let inner = out[body..end].to_string();
            out.replace_range(start..=end, &format!(" {inner} "));
            from = start;
        }
    }
    out
}

/// The plain character a Unicode superscript or subscript stands for.
fn script(c: char) -> Option<(bool, char)> {
    const SUP: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿ";
    const PLAIN: &str = "0123456789+-()n";
    const SUB: &str = "₀₁₂₃₄₅₆₇₈₉";
    if let Some(k) = SUP.chars().position(|s| s == c) {
        return PLAIN.chars().nth(k).map(|p| (true, p));
    }
    SUB.chars()
        .position(|s| s == c)
        .and_then(|k| PLAIN.chars().nth(k))
        .map(|p| (false, p))
}

/// A vulgar fraction character as `(numerator, denominator)`.
fn vulgar(c: char) -> Option<(u8, u8)> {
    Some(match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return None,
    })
}

/// Unicode math as LaTeX: `x²` is `x^{2}`, `10⁻³` is `10^{-3}`, `a₁` is
/// `a_{1}`, `½` is `\frac{1}{2}` (`1½` the mixed number), `∛2` is
/// `\sqrt[3]2`. Models that write plain text use these as often as `^`.
pub fn unicode_math(s: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| {
        script(c).is_some() || vulgar(c).is_some() || matches!(c, '∛' | '∜' | '∈' | '±' | '∓')
    };
    if s.is_ascii() || !s.chars().any(special) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut run: Option<bool> = None;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        match script(c) {
            Some((sup, p)) => {
                if run != Some(sup) {
                    if run.is_some() {
                        out.push('}');
                    }
                    out.push_str(if sup { "^{" } else { "_{" });
                    run = Some(sup);
                }
                out.push(p);
                prev = Some(c);
                continue;
            }
            None => {
                if run.take().is_some() {
                    out.push('}');
                }
            }
        }
        if let Some((n, d)) = vulgar(c) {
            if prev.is_some_and(|p| p.is_ascii_digit()) {
                // `1½`: one and a half.
                out.push_str(&format!("+\\frac{{{n}}}{{{d}}}"));
            } else {
                out.push_str(&format!("\\frac{{{n}}}{{{d}}}"));
            }
        } else {
            match c {
                '∛' => out.push_str("\\sqrt[3]"),
                '∜' => out.push_str("\\sqrt[4]"),
                '∈' => out.push_str("\\in "),
                '±' => out.push_str("\\pm "),
                '∓' => out.push_str("\\mp "),
                c => out.push(c),
            }
        }
        prev = Some(c);
    }
    if run.is_some() {
        out.push('}');
    }
    std::borrow::Cow::Owned(out)
}

/// Maps an answer to the plain form the lexer reads.
pub fn normalize(s: &str) -> String {
    let s = &*unicode_math(s);
    let mut t: String = s
        .chars()
        .map(|c| match c {
            '−' | '–' | '—' => '-',
            '×' | '·' | '⋅' => '*',
            '÷' => '/',
            '°' | '$' | '~' => ' ',
            '\u{00a0}' | '\u{202f}' => THIN,
            c => c,
        })
        .collect();
    for (from, to) in [
        ("π", "\\pi "),
        ("√", "\\sqrt"),
        ("∞", "\\infty "),
        ("∪", "\\cup "),
        ("≈", "\\approx "),
        ("≤", "\\le "),
        ("≥", "\\ge "),
        ("<=", "\\le "),
        (">=", "\\ge "),
    ] {
        if t.contains(from) {
            t = t.replace(from, to);
        }
    }
    if t.contains("\\begin{") {
        t = rewrite_matrices(&t);
    }
    if t.contains("\\overline{") {
        t = rewrite_repeating(&t);
    }
    if t.contains('\\') || t.contains("{,}") {
        t = unwrap_text_commands(&t);
        // Which characters follow a backslash: a pattern `\x…` whose `x`
        // never does cannot occur, so most of the table costs one lookup.
        let mut after_backslash = [false; 128];
        for w in t.as_bytes().windows(2) {
            if w[0] == b'\\' && w[1] < 128 {
                after_backslash[usize::from(w[1])] = true;
            }
        }
        for (from, to) in REPLACEMENTS {
            let b = from.as_bytes();
            if b[0] == b'\\' && b.len() > 1 && b[1] < 128 && !after_backslash[usize::from(b[1])] {
                continue;
            }
            if t.contains(from) {
                t = t.replace(from, to);
                // A replacement may bring new backslash commands (`\le `).
                for w in t.as_bytes().windows(2) {
                    if w[0] == b'\\' && w[1] < 128 {
                        after_backslash[usize::from(w[1])] = true;
                    }
                }
            }
        }
        if t.contains("\\over") {
            t = rewrite_over(&t);
        }
        // A trailing `\` of `5\ ` whose space was trimmed away.
        while t.trim_end().ends_with('\\') {
            t = t.trim_end().trim_end_matches('\\').to_string();
        }
    }
    t
}

/// Rewrites a repeating decimal `0.1\overline{6}` as the fraction it is
/// (`\frac{15}{90}`), so it compares exactly; anything else with
/// `\overline` is left as it is.
fn rewrite_repeating(s: &str) -> String {
    let mut out = s.to_string();
    for _ in 0..4 {
        let Some(at) = out.find("\\overline{") else {
            break;
        };
        let body = at + "\\overline{".len();
        let Some(close) = out[body..].find('}').map(|k| body + k) else {
            break;
        };
        let rep = &out[body..close];
        // The numeral before it: digits, a point, digits.
        let head_start = out[..at]
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |k| k + 1);
        let head = &out[head_start..at];
        let Some((int, frac)) = head.split_once('.') else {
            break;
        };
        let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        if rep.is_empty() || rep.len() > 12 || frac.len() > 12 || !digits_ok(rep) || !digits_ok(int)
        {
            break;
        }
        let int = if int.is_empty() { "0" } else { int };
        let (Ok(all), Ok(non_rep)) = (
            format!("{int}{frac}{rep}").parse::<u128>(),
            format!("{int}{frac}").parse::<u128>(),
        ) else {
            break;
        };
        let nines = 10u128.pow(rep.len() as u32) - 1;
        let den = nines * 10u128.pow(frac.len() as u32);
        out.replace_range(
            head_start..=close,
            &format!("\\frac{{{}}}{{{den}}}", all - non_rep),
        );
    }
    out
}

/// Matrix environments a grader reads as the same object whatever the
/// brackets: their rows become tuples.
const MATRIX_ENVS: [&str; 6] = [
    "pmatrix",
    "bmatrix",
    "Bmatrix",
    "matrix",
    "smallmatrix",
    "array",
];

/// Rewrites `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` (and `bmatrix`,
/// `array` in `\left( … \right)`, …) as `((a, b), (c, d))`; one row or one
/// column is a flat tuple, so the column vector `(0, 0, 1)` equals the
/// pmatrix a gold writes. Determinants (`vmatrix`) are left alone.
fn rewrite_matrices(s: &str) -> String {
    let mut out = s.to_string();
    // Each pass rewrites the first environment; a bounded number of passes.
    for _ in 0..8 {
        let Some((start, env)) = MATRIX_ENVS
            .iter()
            .filter_map(|e| out.find(&format!("\\begin{{{e}}}")).map(|i| (i, *e)))
            .min()
        else {
            break;
        };
        let open = format!("\\begin{{{env}}}");
        let close = format!("\\end{{{env}}}");
        let mut body_start = start + open.len();
        let Some(rel_end) = out[body_start..].find(&close) else {
            break;
        };
        let body_end = body_start + rel_end;
        if env == "array" && out[body_start..body_end].trim_start().starts_with('{') {
            // The column spec `{cc}`.
            let skip = out[body_start..].len() - out[body_start..].trim_start().len();
            match out[body_start + skip..body_end].find('}') {
                Some(k) => body_start += skip + k + 1,
                None => break,
            }
        }
        let rows: Vec<Vec<&str>> = out[body_start..body_end]
            .split("\\\\")
            .map(|r| r.split('&').map(str::trim).collect::<Vec<_>>())
            .filter(|r| !(r.len() == 1 && r[0].is_empty()))
            .collect();
        let flat = rows.len() == 1 || rows.iter().all(|r| r.len() == 1);
        let text = if flat {
            format!("({})", rows.concat().join(", "))
        } else {
            let rows: Vec<String> = rows.iter().map(|r| format!("({})", r.join(", "))).collect();
            format!("({})", rows.join(", "))
        };
        // Bare environments take their brackets from `\left( … \right)`.
        let mut from = start;
        let mut to = body_end + close.len();
        if !matches!(env, "pmatrix" | "bmatrix" | "Bmatrix") {
            let before = out[..from].trim_end();
            let after = out[to..].trim_start();
            for (l, r) in [("\\left(", "\\right)"), ("\\left[", "\\right]")] {
                if before.ends_with(l) && after.starts_with(r) {
                    from = before.len() - l.len();
                    to = out.len() - after.len() + r.len();
                    break;
                }
            }
        }
        out.replace_range(from..to, &text);
    }
    out
}

/// Rewrites TeX's infix `{a \over b}` as `\frac{a}{b}` (the group around it,
/// or the whole answer when there is none).
fn rewrite_over(s: &str) -> String {
    let mut out = s.to_string();
    // Each pass rewrites the first `\over`; a bounded number of passes.
    for _ in 0..8 {
        let Some(at) = out
            .match_indices("\\over")
            .map(|(i, _)| i)
            .find(|&i| !out[i + 5..].starts_with(|c: char| c.is_ascii_alphabetic()))
        else {
            break;
        };
        // The innermost `{` open at `at`, and its `}`.
        let mut depth = 0i32;
        let mut open = None;
        for (i, c) in out[..at].char_indices().rev() {
            match c {
                '}' => depth += 1,
                '{' if depth == 0 => {
                    open = Some(i);
                    break;
                }
                '{' => depth -= 1,
                _ => {}
            }
        }
        let (lo, hi) = match open {
            Some(o) => {
                let mut d = 0i32;
                let close = out[o..].char_indices().find_map(|(k, c)| {
                    match c {
                        '{' => d += 1,
                        '}' => {
                            d -= 1;
                            if d == 0 {
                                return Some(o + k);
                            }
                        }
                        _ => {}
                    }
                    None
                });
                match close {
                    Some(c) => (o + 1, c),
                    None => break,
                }
            }
            None => (0, out.len()),
        };
        let num = out[lo..at].to_string();
        let den = out[at + 5..hi].to_string();
        out.replace_range(lo..hi, &format!("\\frac{{{num}}}{{{den}}}"));
    }
    out
}

fn digits_at(c: &[char], i: usize) -> usize {
    c[i.min(c.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Tokenises a normalised answer.
pub fn lex(s: &str) -> Vec<Token> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut depth: i32 = 0;
    let mut space = false;
    // `\frac12` means `\frac{1}{2}`: after `\frac`/`\binom` (two
    // arguments) or `\sqrt` (one), a bare digit is a whole argument. Each
    // entry is (bracket depth of the command, arguments still to read).
    let mut args: Vec<(i32, u8)> = Vec::new();
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() || ch == THIN {
            space = true;
            i += 1;
            continue;
        }
        let wants_arg = args.last().is_some_and(|&(d, n)| d == depth && n > 0);
        if wants_arg {
            if let Some(last) = args.last_mut() {
                last.1 -= 1;
            }
            if args.last().is_some_and(|&(_, n)| n == 0) {
                args.pop();
            }
        }
        let tok = if wants_arg && ch.is_ascii_digit() {
            i += 1;
            Tok::Num(ch.to_string())
        } else if ch.is_ascii_digit() || (ch == '.' && digits_at(&c, i + 1) > 0) {
            let (num, next) = lex_number(&c, i, depth == 0);
            i = next;
            Tok::Num(num)
        } else if ch.is_ascii_alphabetic() {
            let n = c[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let word: String = c[i..i + n].iter().collect();
            i += n;
            Tok::Ident(word)
        } else if ch == '\\' {
            let n = c[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            if n > 0 {
                let name: String = c[i + 1..i + 1 + n].iter().collect();
                i += 1 + n;
                match name.as_str() {
                    "frac" | "binom" => args.push((depth, 2)),
                    "sqrt" if c.get(i) != Some(&'[') => args.push((depth, 1)),
                    _ => {}
                }
                Tok::Cmd(name)
            } else if i + 1 < c.len() {
                i += 2;
                match c[i - 1] {
                    '{' => Tok::SetOpen,
                    '}' => Tok::SetClose,
                    '|' => Tok::Sym('|'),
                    other => Tok::Cmd(other.to_string()),
                }
            } else {
                i += 1;
                Tok::Sym('\\')
            }
        } else {
            i += 1;
            Tok::Sym(ch)
        };
        match tok {
            Tok::Sym('(' | '[' | '{') | Tok::SetOpen => depth += 1,
            Tok::Sym(')' | ']' | '}') | Tok::SetClose => depth -= 1,
            _ => {}
        }
        out.push(Token {
            tok,
            space_before: space,
        });
        space = false;
    }
    out
}

/// Reads a numeral from `i`; returns it without separators and the index
/// after it. `top` says commas may be thousands separators here.
fn lex_number(c: &[char], start: usize, top: bool) -> (String, usize) {
    let mut i = start;
    let mut s = String::new();
    let lead = digits_at(c, i);
    s.extend(&c[i..i + lead]);
    i += lead;
    if (1..=3).contains(&lead) {
        // Groups of exactly three digits after `,` (top level only), a thin
        // space or a single plain space.
        while let Some(&sep) = c.get(i) {
            let ok_sep = (sep == ',' && top) || sep == THIN || sep == ' ';
            if !ok_sep || digits_at(c, i + 1) != 3 {
                break;
            }
            let after = c.get(i + 4).copied();
            if after.is_some_and(|a| a.is_ascii_digit()) {
                break;
            }
            // `3 100/7` is a mixed number, not 3100/7.
            if sep == ' ' && matches!(after, Some('/')) {
                break;
            }
            s.extend(&c[i + 1..i + 4]);
            i += 4;
        }
    }
    if c.get(i) == Some(&'.') && digits_at(c, i + 1) > 0 {
        let n = digits_at(c, i + 1);
        s.push('.');
        s.extend(&c[i + 1..i + 1 + n]);
        i += 1 + n;
    }
    if matches!(c.get(i), Some('e' | 'E')) {
        let signed = matches!(c.get(i + 1), Some('+' | '-'));
        let at = i + 1 + usize::from(signed);
        let n = digits_at(c, at);
        let followed_by_letter = c.get(at + n).is_some_and(|x| x.is_ascii_alphabetic());
        if n > 0 && !followed_by_letter {
            s.push('e');
            s.extend(&c[i + 1..at + n]);
            i = at + n;
        }
    }
    (s, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<String> {
        lex(&normalize(s))
            .into_iter()
            .filter_map(|t| match t.tok {
                Tok::Num(n) => Some(n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn thousands_separators_join_only_three_digit_groups() {
        assert_eq!(nums("12,345"), ["12345"]);
        assert_eq!(nums("12\\,345"), ["12345"]);
        assert_eq!(nums("12 345"), ["12345"]);
        assert_eq!(nums("1,234,567.5"), ["1234567.5"]);
        assert_eq!(nums("1,2"), ["1", "2"]);
        assert_eq!(nums("(1,234)"), ["1", "234"]);
        assert_eq!(nums("1, 234"), ["1", "234"]);
        assert_eq!(nums("1234,567"), ["1234", "567"]);
    }

    #[test]
    fn scientific_notation_is_one_numeral() {
        assert_eq!(nums("1.5e3"), ["1.5e3"]);
        assert_eq!(nums("2E-4"), ["2e-4"]);
        assert_eq!(nums("2e"), ["2"]);
    }

    #[test]
    fn text_wrappers_and_spacing_are_removed() {
        assert_eq!(normalize("5\\text{ cm}").trim(), "5  cm");
        assert!(!normalize("\\left( 1 \\right)").contains("left"));
        assert_eq!(normalize("90^\\circ").trim(), "90");
    }

    #[test]
    fn infix_over_becomes_a_fraction() {
        assert_eq!(normalize("{267 \\over 100}"), "{\\frac{267 }{ 100}}");
        assert_eq!(normalize("1 \\over 2"), "\\frac{1 }{ 2}");
        assert!(normalize("\\overline{x}").contains("overline"));
    }
}
