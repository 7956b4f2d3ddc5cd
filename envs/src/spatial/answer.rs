//! Reading the policy's answer as a person would: "3 meters", "3,5",
//! "350 cm" for a question in metres, "B.", "(b)", "option C", or the
//! option's own words ("to my left").

/// The answer to read: the last `<answer>…</answer>` block, or the whole
/// response when there is none (the shared rule, [`answer_or_whole`]).
pub use crate::answer_format::answer_or_whole as extract;

/// Units a measurement may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Meter,
    Centimeter,
    Millimeter,
    Foot,
    Inch,
    SquareMeter,
    SquareFoot,
}

/// A number with the unit written after it, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<Unit>,
}

const NUMBER_WORDS: [&str; 21] = [
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
    "twenty",
];

/// Reads the first number in `s` with its unit. A range ("2-3 m",
/// "2 to 3 m") reads as its midpoint. A comma is a decimal comma ("3,5")
/// unless it groups thousands ("1,250" with exactly three digits after).
pub fn parse_number(s: &str) -> Option<Quantity> {
    let lower = s.to_lowercase();
    let b = lower.as_bytes();
    let start = (0..b.len()).find(|&i| {
        b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
    });
    let Some(start) = start else {
        return number_word(&lower);
    };
    let (first, mut end) = read_number(&lower, start)?;
    let negative =
        start > 0 && b[start - 1] == b'-' && (start < 2 || !b[start - 2].is_ascii_alphanumeric());
    let mut value = if negative { -first } else { first };
    // A range: "2-3", "2 – 3", "2 to 3".
    let rest = &lower[end..];
    let trimmed = rest.trim_start();
    for sep in ["-", "–", "to "] {
        if let Some(after) = trimmed.strip_prefix(sep) {
            let after_trim = after.trim_start();
            if after_trim.starts_with(|c: char| c.is_ascii_digit()) {
                let off = lower.len() - after_trim.len();
                if let Some((second, e)) = read_number(&lower, off) {
                    value = (value + second) / 2.0;
                    end = e;
                }
            }
            break;
        }
    }
    Some(Quantity {
        value,
        unit: read_unit(&lower[end..]),
    })
}

fn number_word(s: &str) -> Option<Quantity> {
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(v) = NUMBER_WORDS.iter().position(|n| n == w) {
            let unit = read_unit(&words[i + 1..].join(" "));
            return Some(Quantity {
                value: v as f64,
                unit,
            });
        }
    }
    None
}

/// Reads digits with `.`/`,` separators from byte `start`; returns the
/// value and the end offset.
fn read_number(s: &str, start: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut end = start;
    while end < b.len() && (b[end].is_ascii_digit() || b[end] == b'.' || b[end] == b',') {
        end += 1;
    }
    let mut tok = &s[start..end];
    // Sentence punctuation after the number ("3." or "3,") is not part of it.
    while tok.ends_with(['.', ',']) {
        tok = &tok[..tok.len() - 1];
    }
    let end = start + tok.len();
    let (dots, commas) = (tok.matches('.').count(), tok.matches(',').count());
    let cleaned = if dots > 0 && commas > 0 {
        // The later separator is the decimal one.
        let (dec, grp) = if tok.rfind('.') > tok.rfind(',') {
            ('.', ',')
        } else {
            (',', '.')
        };
        tok.replace(grp, "").replace(dec, ".")
    } else if commas > 0 {
        let groups: Vec<&str> = tok.split(',').collect();
        let thousands = groups[1..].iter().all(|g| g.len() == 3)
            && (1..=3).contains(&groups[0].len())
            && !groups[0].starts_with('0');
        if thousands && (commas > 1 || groups[0] != "0") {
            tok.replace(',', "")
        } else if commas == 1 {
            tok.replace(',', ".")
        } else {
            return None;
        }
    } else if dots > 1 {
        let groups: Vec<&str> = tok.split('.').collect();
        if groups[1..].iter().all(|g| g.len() == 3) {
            tok.replace('.', "")
        } else {
            return None;
        }
    } else {
        tok.to_string()
    };
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| (v, end))
}

fn read_unit(rest: &str) -> Option<Unit> {
    let r = rest.trim_start();
    let words: Vec<&str> = r
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | '(' | '.' | '!'))
        .filter(|w| !w.is_empty())
        .collect();
    let w0 = *words.first()?;
    let w1 = words.get(1).copied().unwrap_or("");
    let square = |w: &str| matches!(w, "m²" | "m2" | "m^2" | "sqm" | "meters²" | "metres²");
    if square(w0) {
        return Some(Unit::SquareMeter);
    }
    if matches!(w0, "ft²" | "ft2" | "ft^2" | "sqft") {
        return Some(Unit::SquareFoot);
    }
    if matches!(w0, "sq" | "square" | "sq.") {
        return match w1 {
            w if w.starts_with("met") || w == "m" => Some(Unit::SquareMeter),
            w if w.starts_with("f") => Some(Unit::SquareFoot),
            _ => None,
        };
    }
    if w0.starts_with('"') {
        return Some(Unit::Inch);
    }
    if w0.starts_with('\'') {
        return Some(Unit::Foot);
    }
    let linear = match w0 {
        "m" | "meter" | "meters" | "metre" | "metres" | "mtr" | "mtrs" => Unit::Meter,
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" | "cms" => {
            Unit::Centimeter
        }
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => Unit::Millimeter,
        "ft" | "foot" | "feet" => Unit::Foot,
        "in" | "inch" | "inches" if w0 != "in" || w1.is_empty() => Unit::Inch,
        _ => return None,
    };
    // "3 square meters" was handled above; "3 meters squared" is an area.
    if linear == Unit::Meter && w1 == "squared" {
        return Some(Unit::SquareMeter);
    }
    Some(linear)
}

/// The quantity in the question's unit (`m`, `cm`, `m²`; empty for counts);
/// a bare number is taken to be in that unit already.
pub fn in_unit(q: Quantity, expected: &str) -> f64 {
    let metres = |u: Unit| match u {
        Unit::Meter => Some(1.0),
        Unit::Centimeter => Some(0.01),
        Unit::Millimeter => Some(0.001),
        Unit::Foot => Some(0.3048),
        Unit::Inch => Some(0.0254),
        _ => None,
    };
    match (expected, q.unit) {
        (_, None) | ("", _) => q.value,
        ("m", Some(u)) => metres(u).map_or(q.value, |k| q.value * k),
        ("cm", Some(u)) => metres(u).map_or(q.value, |k| q.value * k * 100.0),
        ("m²", Some(Unit::SquareFoot)) => q.value * 0.092_903_04,
        _ => q.value,
    }
}

const STOP: [&str; 12] = [
    "the", "turn", "to", "my", "and", "then", "a", "an", "of", "is", "it", "s",
];

/// Lower-case words with articles, "turn" and similar filler removed:
/// "Turn Left, then turn right" → ["left", "right"].
pub fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Which option the answer picks: a letter ("B", "B.", "(b)", "option C",
/// "B. sofa") when `letters` are valid, or the option's words appearing in
/// the answer (exactly one option, the most specific, must match).
pub fn parse_choice(answer: &str, options: &[String], letters: bool) -> Option<usize> {
    let s = answer.trim();
    if letters {
        if let Some(i) = letter_of(s).filter(|&i| i < options.len()) {
            return Some(i);
        }
    }
    let said = words(s);
    let opts: Vec<Vec<String>> = options.iter().map(|o| words(o)).collect();
    if let Some(i) = opts.iter().position(|o| *o == said) {
        return Some(i);
    }
    let contains = |hay: &[String], needle: &[String]| {
        !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
    };
    let hits: Vec<usize> = (0..opts.len())
        .filter(|&i| contains(&said, &opts[i]))
        .collect();
    // Drop a hit contained in a longer hit ("left" inside "front left").
    let specific: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&i| {
            !hits
                .iter()
                .any(|&j| j != i && opts[j].len() > opts[i].len() && contains(&opts[j], &opts[i]))
        })
        .collect();
    match specific.as_slice() {
        [i] => Some(*i),
        _ => None,
    }
}

fn letter_of(s: &str) -> Option<usize> {
    let mut t = s.trim();
    let lower = t.to_lowercase();
    for prefix in [
        "the answer is",
        "answer is",
        "answer:",
        "answer",
        "the correct option is",
        "option",
        "choice",
    ] {
        if lower.starts_with(prefix) {
            t = t[prefix.len()..].trim_start_matches([' ', ':']).trim();
            break;
        }
    }
    let bracketed = t.starts_with(['(', '[']);
    let t = t.trim_start_matches(['(', '[']);
    let mut chars = t.chars();
    let c = chars.next()?;
    if !c.is_ascii_alphabetic() {
        return None;
    }
    let rest = chars.as_str();
    let next = rest.chars().next();
    let index = (c.to_ascii_uppercase() as u8 - b'A') as usize;
    match next {
        None => Some(index),
        Some(')' | ']' | '.' | ':' | ',') => Some(index),
        // "B sofa" names option B; "a chair" is an article.
        Some(n) if n.is_whitespace() && (c.is_ascii_uppercase() || bracketed || c != 'a') => {
            Some(index)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        parse_number(s).map(|q| q.value)
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(num("3 meters"), Some(3.0));
        assert_eq!(num("3,5"), Some(3.5));
        assert_eq!(num("about 2.75m."), Some(2.75));
        assert_eq!(num("1,250 cm"), Some(1250.0));
        assert_eq!(num("1.250,5"), Some(1250.5));
        assert_eq!(num("2-3 m"), Some(2.5));
        assert_eq!(num("three chairs"), Some(3.0));
        assert_eq!(num(".5"), Some(0.5));
        assert_eq!(num("no idea"), None);
    }

    #[test]
    fn units_convert_to_the_question_unit() {
        let q = parse_number("350 cm").unwrap_or(Quantity {
            value: 0.0,
            unit: None,
        });
        assert!((in_unit(q, "m") - 3.5).abs() < 1e-12);
        let q = parse_number("1.2 m").unwrap_or(Quantity {
            value: 0.0,
            unit: None,
        });
        assert!((in_unit(q, "cm") - 120.0).abs() < 1e-9);
        let q = parse_number("20 square meters").unwrap_or(Quantity {
            value: 0.0,
            unit: None,
        });
        assert_eq!(q.unit, Some(Unit::SquareMeter));
        assert_eq!(
            parse_number("4 m²").and_then(|q| q.unit),
            Some(Unit::SquareMeter)
        );
    }

    #[test]
    fn letters_are_read_in_their_usual_forms() {
        let opts: Vec<String> = ["left", "right", "back"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (s, want) in [
            ("B", 1),
            ("B.", 1),
            ("(b)", 1),
            ("b)", 1),
            ("C. back", 2),
            ("Option A", 0),
            ("The answer is C", 2),
            ("[A]", 0),
        ] {
            assert_eq!(parse_choice(s, &opts, true), Some(want), "{s}");
        }
        assert_eq!(parse_choice("D", &opts, true), None);
        assert_eq!(parse_choice("to my left", &opts, true), Some(0));
        assert_eq!(parse_choice("left or right", &opts, true), None);
    }

    #[test]
    fn option_words_match_the_most_specific_option() {
        let opts: Vec<String> = ["front-left", "front-right", "back-left", "back-right"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(parse_choice("Front left", &opts, false), Some(0));
        assert_eq!(parse_choice("back-right.", &opts, false), Some(3));
        let routes: Vec<String> = ["turn left, turn right", "turn back, turn left"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            parse_choice("Turn Left, Turn Right", &routes, false),
            Some(0)
        );
        assert_eq!(parse_choice("back, left", &routes, false), Some(1));
        let cats: Vec<String> = ["sofa", "table", "chair"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(parse_choice("a chair", &cats, true), Some(2));
        assert_eq!(parse_choice("B", &cats, false), None);
    }

    #[test]
    fn the_answer_tag_is_preferred() {
        assert_eq!(extract("<think>A or B</think><answer> B </answer>"), "B");
        assert_eq!(extract("just 3"), "just 3");
        // An unclosed answer is no answer block: the whole text is read.
        let truncated = "<think>A or B</think><answer>B";
        assert_eq!(extract(truncated), truncated);
    }
}
