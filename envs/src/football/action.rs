//! GRF's 19 default actions by name, their sticky semantics, and parsing the
//! policy's `<answer>…</answer>` into them.

use serde::{Deserialize, Serialize};

use super::sim::state::{Command, KickKind};
use super::sim::vec::V2;
use crate::answer_format::final_answer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Idle,
    Left,
    TopLeft,
    Top,
    TopRight,
    Right,
    BottomRight,
    Bottom,
    BottomLeft,
    LongPass,
    HighPass,
    ShortPass,
    Shot,
    Sprint,
    ReleaseDirection,
    ReleaseSprint,
    Sliding,
    Dribble,
    ReleaseDribble,
}

impl Action {
    /// In GRF's id order (`action_set_v1`).
    pub const ALL: [Action; 19] = [
        Action::Idle,
        Action::Left,
        Action::TopLeft,
        Action::Top,
        Action::TopRight,
        Action::Right,
        Action::BottomRight,
        Action::Bottom,
        Action::BottomLeft,
        Action::LongPass,
        Action::HighPass,
        Action::ShortPass,
        Action::Shot,
        Action::Sprint,
        Action::ReleaseDirection,
        Action::ReleaseSprint,
        Action::Sliding,
        Action::Dribble,
        Action::ReleaseDribble,
    ];

    /// The eight movement actions, clockwise from `right`.
    pub const DIRECTIONS: [Action; 8] = [
        Action::Right,
        Action::BottomRight,
        Action::Bottom,
        Action::BottomLeft,
        Action::Left,
        Action::TopLeft,
        Action::Top,
        Action::TopRight,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Idle => "idle",
            Action::Left => "left",
            Action::TopLeft => "top_left",
            Action::Top => "top",
            Action::TopRight => "top_right",
            Action::Right => "right",
            Action::BottomRight => "bottom_right",
            Action::Bottom => "bottom",
            Action::BottomLeft => "bottom_left",
            Action::LongPass => "long_pass",
            Action::HighPass => "high_pass",
            Action::ShortPass => "short_pass",
            Action::Shot => "shot",
            Action::Sprint => "sprint",
            Action::ReleaseDirection => "release_direction",
            Action::ReleaseSprint => "release_sprint",
            Action::Sliding => "sliding",
            Action::Dribble => "dribble",
            Action::ReleaseDribble => "release_dribble",
        }
    }

    pub fn id(self) -> usize {
        self as usize
    }

    /// Parses one name, tolerant of case, surrounding spaces, inner spaces or
    /// hyphens for underscores, and an `action_` prefix.
    pub fn from_name(s: &str) -> Option<Action> {
        let mut norm = String::with_capacity(s.len());
        for c in s.trim().chars() {
            let c = match c {
                ' ' | '-' | '_' => '_',
                c => c.to_ascii_lowercase(),
            };
            // Runs of separators collapse to one underscore.
            if !(c == '_' && norm.ends_with('_')) {
                norm.push(c);
            }
        }
        let norm = norm.strip_prefix("action_").unwrap_or(&norm);
        Action::ALL.iter().copied().find(|a| a.name() == norm)
    }

    /// Unit movement vector (GRF: "top" is −y).
    pub fn direction(self) -> Option<V2> {
        const D: f32 = std::f32::consts::FRAC_1_SQRT_2;
        Some(match self {
            Action::Left => V2::new(-1.0, 0.0),
            Action::TopLeft => V2::new(-D, -D),
            Action::Top => V2::new(0.0, -1.0),
            Action::TopRight => V2::new(D, -D),
            Action::Right => V2::new(1.0, 0.0),
            Action::BottomRight => V2::new(D, D),
            Action::Bottom => V2::new(0.0, 1.0),
            Action::BottomLeft => V2::new(-D, D),
            _ => return None,
        })
    }

    pub fn kick(self) -> Option<KickKind> {
        match self {
            Action::LongPass => Some(KickKind::LongPass),
            Action::HighPass => Some(KickKind::HighPass),
            Action::ShortPass => Some(KickKind::ShortPass),
            Action::Shot => Some(KickKind::Shot),
            _ => None,
        }
    }

    /// The nearest of the eight movement actions to a direction.
    pub fn nearest_direction(v: V2) -> Action {
        let mut best = (f32::NEG_INFINITY, Action::Right);
        for a in Action::DIRECTIONS {
            if let Some(d) = a.direction() {
                let c = d.dot(v);
                if c > best.0 {
                    best = (c, a);
                }
            }
        }
        best.1
    }
}

/// GRF's sticky actions for one controlled player: a direction, sprint and
/// dribble stay on until released (or, for the direction, replaced).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Sticky {
    pub direction: Option<Action>,
    pub sprint: bool,
    pub dribble: bool,
}

impl Sticky {
    /// Applies an action and returns this step's command.
    pub fn apply(&mut self, a: Action) -> Command {
        match a {
            _ if a.direction().is_some() => self.direction = Some(a),
            Action::ReleaseDirection => self.direction = None,
            Action::Sprint => self.sprint = true,
            Action::ReleaseSprint => self.sprint = false,
            Action::Dribble => self.dribble = true,
            Action::ReleaseDribble => self.dribble = false,
            _ => {}
        }
        Command {
            dir: self.direction.and_then(Action::direction),
            sprint: self.sprint,
            dribble: self.dribble,
            kick: a.kick(),
            target: None,
            slide: a == Action::Sliding,
        }
    }
}

/// How well the policy's text followed the answer format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parsed {
    /// Inside `<answer>…</answer>`, every name valid.
    Tagged(Vec<Action>),
    /// No tags, but the whole text is valid action name(s).
    Bare(Vec<Action>),
    /// Nothing usable; the env plays `idle`.
    Invalid,
}

impl Parsed {
    pub fn actions(&self) -> &[Action] {
        match self {
            Parsed::Tagged(a) | Parsed::Bare(a) => a,
            Parsed::Invalid => &[],
        }
    }

    pub fn is_valid(&self) -> bool {
        !matches!(self, Parsed::Invalid)
    }
}

/// Texts longer than this are judged on their last part only (an answer
/// belongs at the end), so parsing cost stays bounded.
const MAX_SCAN: usize = 4096;

/// Parses the policy's text: the last `<answer>…</answer>` block (the shared
/// R1 rule, [`final_answer`]) holding one or more action names separated by
/// commas, semicolons or newlines.
pub fn parse_answer(text: &str) -> Parsed {
    let mut start = text.len().saturating_sub(MAX_SCAN);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let text = &text[start..];
    if let Some(inner) = final_answer(text) {
        return match parse_list(inner) {
            Some(a) => Parsed::Tagged(a),
            None => Parsed::Invalid,
        };
    }
    match parse_list(text) {
        Some(a) if text.len() <= 200 => Parsed::Bare(a),
        _ => Parsed::Invalid,
    }
}

fn parse_list(s: &str) -> Option<Vec<Action>> {
    let parts: Vec<&str> = s
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 11 {
        return None;
    }
    parts.into_iter().map(Action::from_name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_grf_id_order() {
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(a.id(), i);
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        assert_eq!(Action::ALL[12].name(), "shot");
    }

    #[test]
    fn parsing_tolerates_case_spaces_and_prefix() {
        let p = parse_answer("I think <answer> Action_Top Right </answer>");
        assert_eq!(p, Parsed::Tagged(vec![Action::TopRight]));
        // Tags are matched as written, as the R1 format check matches them.
        assert_eq!(parse_answer("<ANSWER>shot</ANSWER>"), Parsed::Invalid);
        assert_eq!(
            parse_answer("<answer>short_pass</answer>").actions(),
            &[Action::ShortPass]
        );
        assert_eq!(parse_answer("shot"), Parsed::Bare(vec![Action::Shot]));
        assert_eq!(parse_answer("<answer>kick it</answer>"), Parsed::Invalid);
        assert_eq!(
            parse_answer("<answer>left, right</answer>").actions().len(),
            2
        );
        assert_eq!(
            parse_answer("<answer>x</answer> then <answer>right</answer>").actions(),
            &[Action::Right]
        );
    }

    #[test]
    fn sticky_direction_and_sprint_persist_until_released() {
        let mut s = Sticky::default();
        s.apply(Action::Right);
        s.apply(Action::Sprint);
        let c = s.apply(Action::Idle);
        assert!(c.dir.is_some() && c.sprint);
        let c = s.apply(Action::ReleaseDirection);
        assert!(c.dir.is_none() && c.sprint);
        let c = s.apply(Action::ShortPass);
        assert_eq!(c.kick, Some(KickKind::ShortPass));
    }
}
