//! The lettered options of a multiple-choice question, read from its text.
//!
//! A careful grader reads the answer with the question in front of them:
//! `So the answer is 49.` answers `(B)` when option B is `49`, and
//! `Answer: B) 0.6` answers a gold stored as the value `0.6`. The verifier
//! only sees the response and the gold unless it is given the question, so
//! the callers that have it (the math env, `trainer score` lines with a
//! `problem`) pass its options here.
//!
//! Options are written `(A) 47 (B) 49 …` on one line, `A) 5` / `A. 5` /
//! `(A) 5` one per line, or AMC's `$\textbf{(A) }47\qquad\textbf{(B) }49$`.
//! A run of markers counts only when it starts at `A` and goes on in order,
//! so a stray `(C)` in the question's prose is not an option.

/// The options of one question, in letter order from `a`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// `(letter, option text)`, letters lower case.
    options: Vec<(char, String)>,
}

/// A marker found in the text: its letter and the byte range it covers.
#[derive(Debug, Clone, Copy)]
struct Marker {
    letter: char,
    start: usize,
    end: usize,
}

impl Choices {
    /// No options (an open question).
    pub fn none() -> Self {
        Self::default()
    }

    /// Options given as a list, lettered `A`, `B`, … in order.
    pub fn from_list<S: AsRef<str>>(texts: &[S]) -> Self {
        let options = texts
            .iter()
            .zip('a'..='z')
            .map(|(t, c)| (c, clean(t.as_ref()).to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        Self { options }
    }

    /// The options written in a question's text (none when it has fewer
    /// than two lettered options in order).
    pub fn from_problem(text: &str) -> Self {
        let markers = markers(text);
        // The last run that starts at `A` and goes on letter by letter.
        let mut best: Vec<Marker> = Vec::new();
        let mut run: Vec<Marker> = Vec::new();
        for m in markers {
            if m.letter == 'a' {
                if run.len() >= 2 {
                    best = std::mem::take(&mut run);
                }
                run = vec![m];
            } else if run
                .last()
                .is_some_and(|l| u32::from(m.letter) == u32::from(l.letter) + 1)
            {
                run.push(m);
            }
        }
        if run.len() >= 2 {
            best = run;
        }
        let mut options = Vec::with_capacity(best.len());
        for (k, m) in best.iter().enumerate() {
            let line_end = text[m.end..].find('\n').map_or(text.len(), |e| m.end + e);
            let end = best.get(k + 1).map_or(line_end, |n| n.start.min(line_end));
            let t = clean(&text[m.end..end.max(m.end)]);
            if t.is_empty() {
                return Self::none();
            }
            options.push((m.letter, t.to_string()));
        }
        Self { options }
    }

    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }

    /// The text of option `letter` (lower case), if the question has it.
    pub fn text(&self, letter: char) -> Option<&str> {
        self.options
            .iter()
            .find(|(c, _)| *c == letter)
            .map(|(_, t)| t.as_str())
    }

    /// `(letter, text)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (char, &str)> {
        self.options.iter().map(|(c, t)| (*c, t.as_str()))
    }
}

/// Every option marker in `text`, in order: `(A)`, `\textbf{(A)}`, and at a
/// line's start `A)`, `A.`, `A:` (upper-case letters `A`–`J` only).
fn markers(text: &str) -> Vec<Marker> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if let Some(after) = rest.strip_prefix("\\textbf{") {
            // `\textbf{(A) }47`, `\textbf{(A)}\ 47`, `\textbf{A.} 47`.
            if let Some(close) = after.find('}') {
                let inner = after[..close].trim();
                let inner = inner.strip_prefix('(').unwrap_or(inner);
                let mut cs = inner.chars();
                if let (Some(c @ 'A'..='J'), tail) = (cs.next(), cs.as_str()) {
                    if matches!(tail.trim(), ")" | "." | ":" | "") {
                        let end = i + "\\textbf{".len() + close + 1;
                        out.push(Marker {
                            letter: c.to_ascii_lowercase(),
                            start: i,
                            end,
                        });
                        i = end;
                        continue;
                    }
                }
            }
        }
        if b[i] == b'(' && b.get(i + 2) == Some(&b')') && (b'A'..=b'J').contains(&b[i + 1]) {
            let before_ok = i == 0 || b[i - 1].is_ascii_whitespace() || b"$*>".contains(&b[i - 1]);
            if before_ok {
                out.push(Marker {
                    letter: char::from(b[i + 1]).to_ascii_lowercase(),
                    start: i,
                    end: i + 3,
                });
                i += 3;
                continue;
            }
        }
        let line_start = text[..i]
            .bytes()
            .rev()
            .take_while(|&c| c != b'\n')
            .all(|c| c == b' ' || c == b'\t' || c == b'*' || c == b'-');
        if line_start
            && (b'A'..=b'J').contains(&b[i])
            && b.get(i + 1).is_some_and(|c| b").:".contains(c))
            && b.get(i + 2)
                .is_some_and(|c| *c == b' ' || *c == b'*' || *c == b'$')
        {
            out.push(Marker {
                letter: char::from(b[i]).to_ascii_lowercase(),
                start: i,
                end: i + 2,
            });
            i += 2;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// An option's text without the spacing and delimiters around it.
fn clean(t: &str) -> &str {
    let mut t = t.trim();
    loop {
        let before = t.len();
        for junk in ["\\qquad", "\\quad", "\\ ", "\\,", "~", "$", "*", "\\\\"] {
            while let Some(r) = t.strip_suffix(junk) {
                t = r.trim_end();
            }
        }
        for junk in ["\\ ", "\\,", "~", "$", "*"] {
            while let Some(r) = t.strip_prefix(junk) {
                t = r.trim_start();
            }
        }
        t = t.trim_end_matches([',', ';']).trim();
        if t.len() == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Choices) -> Vec<(char, &str)> {
        c.iter().collect()
    }

    #[test]
    fn reads_the_ways_options_are_written() {
        let inline = "What is $3^4 - 2^5$?\n\n(A) $47$ (B) $49$ (C) $51$ (D) $53$ (E) $55$";
        assert_eq!(
            texts(&Choices::from_problem(inline)),
            [
                ('a', "47"),
                ('b', "49"),
                ('c', "51"),
                ('d', "53"),
                ('e', "55")
            ]
        );
        let lines = "If $3x + 5 = 20$, what is $x^2$?\n\nA) 5\nB) 15\nC) 20\nD) 25";
        assert_eq!(
            texts(&Choices::from_problem(lines)),
            [('a', "5"), ('b', "15"), ('c', "20"), ('d', "25")]
        );
        let amc =
            "Which is prime?\n$\\textbf{(A) }21\\qquad\\textbf{(B) }27\\qquad\\textbf{(C) }29$";
        assert_eq!(
            texts(&Choices::from_problem(amc)),
            [('a', "21"), ('b', "27"), ('c', "29")]
        );
        let dotted = "Pick one.\nA. $\\frac{1}{2}$\nB. $\\frac{2}{3}$";
        let same_line = "Which lies between? (A) $\\frac{1}{4}$ (B) $2^{30}$";
        assert_eq!(
            texts(&Choices::from_problem(same_line)),
            [('a', "\\frac{1}{4}"), ('b', "2^{30}")]
        );
        assert_eq!(
            texts(&Choices::from_problem(dotted)),
            [('a', "\\frac{1}{2}"), ('b', "\\frac{2}{3}")]
        );
    }

    #[test]
    fn prose_letters_are_not_options() {
        for text in [
            "Find $x$ if $3x = 9$.",
            "Part (B) asks for the area (C) of the square.",
            "A. Smith bought 3 apples.",
            "(A) only",
        ] {
            assert!(Choices::from_problem(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_list_is_lettered_in_order() {
        let c = Choices::from_list(&["0.35", " $0.6$ ", "0.65"]);
        assert_eq!(c.text('b'), Some("0.6"));
        assert_eq!(c.text('d'), None);
    }
}
