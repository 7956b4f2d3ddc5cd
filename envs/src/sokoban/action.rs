//! Reading moves from the policy's text: the answer is the last
//! `<answer>…</answer>` block (the shared R1 rule), or the whole text when
//! untagged. A move is `up`, `down`, `left`, `right` (any case; also the
//! Sokoban letters `u d l r`), tokens separated by commas, semicolons,
//! whitespace or `|`, with surrounding punctuation ignored. A token that
//! names no move is kept as `None`: the env plays it as a no-op and
//! counts it.

use super::level::Move;
use crate::answer_format::final_answer;

/// One token as a move.
pub fn parse_move(token: &str) -> Option<Move> {
    let t = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    Move::ALL
        .into_iter()
        .find(|m| t.eq_ignore_ascii_case(m.name()) || t.eq_ignore_ascii_case(&m.name()[..1]))
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c == ';' || c == '|' || c.is_whitespace())
        .filter(|t| {
            !t.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .is_empty()
        })
}

/// A plan: the first `limit` tokens of the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Each token's move (`None`: unreadable, played as a no-op).
    pub moves: Vec<Option<Move>>,
    /// Tokens past the limit, dropped.
    pub cut: usize,
    /// The answer was inside `<answer>` tags.
    pub tagged: bool,
}

impl Plan {
    pub fn unparsed(&self) -> usize {
        self.moves.iter().filter(|m| m.is_none()).count()
    }
}

/// Reads a whole move list; never fails, and its cost is linear in the text.
pub fn parse_plan(text: &str, limit: usize) -> Plan {
    let answer = final_answer(text);
    let mut plan = Plan {
        tagged: answer.is_some(),
        ..Plan::default()
    };
    for t in tokens(answer.unwrap_or_else(|| text.trim())) {
        if plan.moves.len() < limit {
            plan.moves.push(parse_move(t));
        } else {
            plan.cut += 1;
        }
    }
    plan
}

/// One turn's move: the answer must be exactly one move name.
pub fn parse_turn(text: &str) -> (Option<Move>, bool) {
    let answer = final_answer(text);
    let mut it = tokens(answer.unwrap_or_else(|| text.trim()));
    let m = match (it.next(), it.next()) {
        (Some(t), None) => parse_move(t),
        _ => None,
    };
    (m, answer.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_names_letters_and_punctuation_are_read() {
        assert_eq!(parse_move("Up"), Some(Move::Up));
        assert_eq!(parse_move(" 'left'."), Some(Move::Left));
        assert_eq!(parse_move("R"), Some(Move::Right));
        assert_eq!(parse_move("[down]"), Some(Move::Down));
        assert_eq!(parse_move("upward"), None);
        assert_eq!(parse_move(""), None);
    }

    #[test]
    fn a_plan_keeps_unreadable_tokens_as_no_ops_and_cuts_at_the_limit() {
        let p = parse_plan(
            "<think>t</think><answer>up, up, jump, left down</answer>",
            50,
        );
        assert!(p.tagged);
        assert_eq!(
            p.moves,
            [
                Some(Move::Up),
                Some(Move::Up),
                None,
                Some(Move::Left),
                Some(Move::Down)
            ]
        );
        assert_eq!(p.unparsed(), 1);
        let long = format!("<answer>{}</answer>", "right, ".repeat(80));
        let p = parse_plan(&long, 50);
        assert_eq!((p.moves.len(), p.cut), (50, 30));
        let p = parse_plan("", 50);
        assert!(p.moves.is_empty() && !p.tagged);
        let p = parse_plan("l,r", 50);
        assert_eq!(p.moves, [Some(Move::Left), Some(Move::Right)]);
    }

    #[test]
    fn a_turn_is_exactly_one_move() {
        assert_eq!(
            parse_turn("<answer> Down </answer>"),
            (Some(Move::Down), true)
        );
        assert_eq!(parse_turn("left"), (Some(Move::Left), false));
        assert_eq!(parse_turn("<answer>up, left</answer>"), (None, true));
        assert_eq!(parse_turn("go up"), (None, false));
        assert_eq!(parse_turn(""), (None, false));
    }
}
