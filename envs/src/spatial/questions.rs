//! The eight VSI-Bench question types (relative direction in three
//! difficulties), one fn each, with the benchmark's templates. Answers come
//! from the scene's geometry and the walkthrough's visibility; a question
//! that would be ambiguous returns `None` and the caller redraws.
//!
//! Multiple-choice balance: each MC fn takes `want`, the answer class drawn
//! uniformly by the caller *before* searching scenes, so every class is
//! equally likely however rare it is in rooms; option order is shuffled so
//! every letter is equally likely too.

use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::balance;
use super::camera_path::Visibility;
use super::geometry::{self, P2};
use super::scene::{Object, Scene};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    ObjectCount,
    AbsDistance,
    ObjectSize,
    RoomSize,
    RelDistance,
    RelDirectionEasy,
    RelDirectionMedium,
    RelDirectionHard,
    RoutePlan,
    AppearanceOrder,
}

impl QuestionType {
    pub const ALL: [QuestionType; 10] = [
        QuestionType::ObjectCount,
        QuestionType::AbsDistance,
        QuestionType::ObjectSize,
        QuestionType::RoomSize,
        QuestionType::RelDistance,
        QuestionType::RelDirectionEasy,
        QuestionType::RelDirectionMedium,
        QuestionType::RelDirectionHard,
        QuestionType::RoutePlan,
        QuestionType::AppearanceOrder,
    ];

    /// The snake_case name used in env names (`spatial/<name>`) and exports.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::ObjectCount => "object_count",
            QuestionType::AbsDistance => "abs_distance",
            QuestionType::ObjectSize => "object_size",
            QuestionType::RoomSize => "room_size",
            QuestionType::RelDistance => "rel_distance",
            QuestionType::RelDirectionEasy => "rel_direction_easy",
            QuestionType::RelDirectionMedium => "rel_direction_medium",
            QuestionType::RelDirectionHard => "rel_direction_hard",
            QuestionType::RoutePlan => "route_plan",
            QuestionType::AppearanceOrder => "appearance_order",
        }
    }

    pub fn from_name(s: &str) -> Option<QuestionType> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn is_multiple_choice(self) -> bool {
        !matches!(
            self,
            QuestionType::ObjectCount
                | QuestionType::AbsDistance
                | QuestionType::ObjectSize
                | QuestionType::RoomSize
        )
    }

    /// How many answer classes the caller balances over (see module doc).
    pub fn classes(self) -> usize {
        match self {
            QuestionType::RelDistance => 4,
            QuestionType::RelDirectionEasy => 2,
            QuestionType::RelDirectionMedium => 3,
            QuestionType::RelDirectionHard => 4,
            QuestionType::RoutePlan => ROUTES_1 + ROUTES_2,
            _ => 1,
        }
    }
}

/// The gold answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// Option `index` (0 = A) whose text is `text`.
    Choice { index: usize, text: String },
    /// A measurement in `unit` (`m`, `cm`, `m²`, or empty for counts).
    Number { value: f64, unit: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub kind: QuestionType,
    /// The question without its options.
    pub text: String,
    /// Multiple-choice options (empty for numeric questions).
    pub options: Vec<String>,
    pub answer: Answer,
    /// Ids of the objects the question names.
    pub objects: Vec<u32>,
}

impl Question {
    /// The question as shown, with lettered options when `show_options`.
    pub fn prompt(&self, show_options: bool) -> String {
        if !show_options || self.options.is_empty() {
            return self.text.clone();
        }
        let mut s = format!("{}\nOptions:", self.text);
        for (i, o) in self.options.iter().enumerate() {
            s.push_str(&format!("\n{}. {}", letter(i), o));
        }
        s
    }

    /// The expected short answer: the option letter when options are
    /// shown, otherwise the option text or the number.
    pub fn ground_truth(&self, show_options: bool) -> String {
        match &self.answer {
            Answer::Choice { index, text } => {
                if show_options {
                    letter(*index).to_string()
                } else {
                    text.clone()
                }
            }
            Answer::Number { value, .. } => format_number(*value),
        }
    }
}

pub fn letter(i: usize) -> char {
    (b'A' + (i as u8).min(25)) as char
}

/// Numbers as the gold answer writes them: no trailing zeros.
pub fn format_number(v: f64) -> String {
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// What a question may use: the scene, what the video shows, and how long
/// a frame lasts.
pub struct Ctx<'a> {
    pub scene: &'a Scene,
    pub visibility: &'a Visibility,
    pub seconds_per_frame: f64,
}

impl Ctx<'_> {
    /// Objects that can be named without ambiguity: the only one of their
    /// category, and clearly visible in some frame.
    fn referents(&self) -> Vec<&Object> {
        self.scene
            .objects
            .iter()
            .filter(|o| self.scene.count(&o.category) == 1 && self.visibility.seen(o.id))
            .collect()
    }
}

/// Draws one question of `kind`, or `None` when this scene has no
/// unambiguous one with answer class `want`.
pub fn generate(
    kind: QuestionType,
    ctx: &Ctx,
    want: usize,
    rng: &mut impl Rng,
) -> Option<Question> {
    match kind {
        QuestionType::ObjectCount => object_count(ctx, rng),
        QuestionType::AbsDistance => abs_distance(ctx, rng),
        QuestionType::ObjectSize => object_size(ctx, rng),
        QuestionType::RoomSize => Some(room_size(ctx)),
        QuestionType::RelDistance => rel_distance(ctx, want, rng),
        QuestionType::RelDirectionEasy => rel_direction(ctx, Level::Easy, want, rng),
        QuestionType::RelDirectionMedium => rel_direction(ctx, Level::Medium, want, rng),
        QuestionType::RelDirectionHard => rel_direction(ctx, Level::Hard, want, rng),
        QuestionType::RoutePlan => route_plan(ctx, want, rng),
        QuestionType::AppearanceOrder => appearance_order(ctx, rng),
    }
}

/// Counts use categories with at least two instances, all of them visible.
pub fn object_count(ctx: &Ctx, rng: &mut impl Rng) -> Option<Question> {
    let mut cats: Vec<&str> = ctx
        .scene
        .objects
        .iter()
        .map(|o| o.category.as_str())
        .collect();
    cats.sort();
    cats.dedup();
    cats.retain(|c| {
        let of: Vec<&Object> = ctx
            .scene
            .objects
            .iter()
            .filter(|o| o.category == *c)
            .collect();
        of.len() >= 2 && of.iter().all(|o| ctx.visibility.seen(o.id))
    });
    let cat = *cats.choose(rng)?;
    let objects: Vec<u32> = ctx
        .scene
        .objects
        .iter()
        .filter(|o| o.category == cat)
        .map(|o| o.id)
        .collect();
    Some(Question {
        kind: QuestionType::ObjectCount,
        text: format!("How many {cat}(s) are in this room?"),
        options: Vec::new(),
        answer: Answer::Number {
            value: objects.len() as f64,
            unit: String::new(),
        },
        objects,
    })
}

/// Closest-point distance, rounded to 0.1 m; pairs under 0.2 m dropped.
pub fn abs_distance(ctx: &Ctx, rng: &mut impl Rng) -> Option<Question> {
    let refs = ctx.referents();
    for _ in 0..20 {
        let pair: Vec<&&Object> = refs.choose_multiple(rng, 2).collect();
        let [a, b] = pair.as_slice() else { return None };
        let d = a.distance(b);
        if d < 0.2 {
            continue;
        }
        return Some(Question {
            kind: QuestionType::AbsDistance,
            text: format!(
                "Measuring from the closest point of each object, what is the direct distance between the {} and the {} (in meters)?",
                a.category, b.category
            ),
            options: Vec::new(),
            answer: Answer::Number { value: round1(d), unit: "m".into() },
            objects: vec![a.id, b.id],
        });
    }
    None
}

/// Longest side of the box, whole centimetres.
pub fn object_size(ctx: &Ctx, rng: &mut impl Rng) -> Option<Question> {
    let o = *ctx.referents().choose(rng)?;
    Some(Question {
        kind: QuestionType::ObjectSize,
        text: format!(
            "What is the length of the longest dimension (length, width, or height) of the {}, measured in centimeters?",
            o.category
        ),
        options: Vec::new(),
        answer: Answer::Number { value: (o.longest_side() * 100.0).round(), unit: "cm".into() },
        objects: vec![o.id],
    })
}

/// Floor area to 0.1 m².
pub fn room_size(ctx: &Ctx) -> Question {
    Question {
        kind: QuestionType::RoomSize,
        text: "What is the size of this room (in square meters)? If multiple rooms are shown, estimate the size of the combined space.".into(),
        options: Vec::new(),
        answer: Answer::Number { value: round1(ctx.scene.room.area()), unit: "m²".into() },
        objects: Vec::new(),
    }
}

/// VSI-Bench's tie margin for relative distance: two option distances
/// closer than this are a tie, 0.15 m, or 0.30 m in rooms over 40 m².
pub fn rel_distance_tie_margin(room_area: f64) -> f64 {
    if room_area > 40.0 {
        0.30
    } else {
        0.15
    }
}

/// Whether a relative-distance question with option distances `sorted`
/// (closest-point, ascending) is ambiguous: the nearest touches the target
/// (< 0.15 m), any two options are within the tie margin of each other
/// (VSI-Bench's rules), or the runner-up is within 10% of the nearest (our
/// own, for long distances where 0.15 m is below what a video shows).
pub fn rel_distance_ambiguous(sorted: &[f64], room_area: f64) -> bool {
    let tie = rel_distance_tie_margin(room_area);
    let (Some(&first), Some(&second)) = (sorted.first(), sorted.get(1)) else {
        return true;
    };
    // Sorted, so the closest pair of distances is adjacent.
    first < 0.15 || sorted.windows(2).any(|w| w[1] - w[0] < tie) || second - first < 0.1 * second
}

/// Which of four objects is closest to a target, with the answer's
/// category kept at the calibrated rate of [`balance::answer_weight`].
pub fn rel_distance(ctx: &Ctx, want: usize, rng: &mut impl Rng) -> Option<Question> {
    rel_distance_weighted(ctx, want, &balance::answer_weight, rng)
}

/// Which of four objects is closest to a target; rejected when VSI-Bench
/// would call it ambiguous ([`rel_distance_ambiguous`]). The answer is put
/// at option `want` (uniform letters).
///
/// Closest-point distances favour big free-standing things (a table is the
/// nearest of four random objects 2 times in 3 when offered), a prior a
/// policy could learn without looking. A drawn question is kept with
/// probability `weight(answer category)`; the weights are solved so that
/// every category is the answer a quarter of the times it is offered (see
/// [`balance`]); a rejected draw is redrawn in the same scene.
pub fn rel_distance_weighted(
    ctx: &Ctx,
    want: usize,
    weight: &dyn Fn(&str) -> f64,
    rng: &mut impl Rng,
) -> Option<Question> {
    let refs = ctx.referents();
    if refs.len() < 5 {
        return None;
    }
    for _ in 0..60 {
        let mut pick: Vec<&Object> = refs.choose_multiple(rng, 5).copied().collect();
        let target = pick.remove(0);
        let mut d: Vec<(f64, usize)> = pick
            .iter()
            .enumerate()
            .map(|(i, o)| (o.distance(target), i))
            .collect();
        d.sort_by(|a, b| a.0.total_cmp(&b.0));
        let sorted: Vec<f64> = d.iter().map(|x| x.0).collect();
        if rel_distance_ambiguous(&sorted, ctx.scene.room.area()) {
            continue;
        }
        let w = weight(&pick[d[0].1].category);
        if !rng.random_bool(if w.is_finite() {
            w.clamp(0.0, 1.0)
        } else {
            0.0
        }) {
            continue;
        }
        // Move the answer to slot `want`; the other three keep random order.
        pick.swap(d[0].1, want.min(3));
        let names: Vec<String> = pick.iter().map(|o| o.category.clone()).collect();
        let index = want.min(3);
        return Some(Question {
            kind: QuestionType::RelDistance,
            text: format!(
                "Measuring from the closest point of each object, which of these objects ({}) is the closest to the {}?",
                names.join(", "),
                target.category
            ),
            answer: Answer::Choice { index, text: names[index].clone() },
            options: names,
            objects: std::iter::once(target.id).chain(pick.iter().map(|o| o.id)).collect(),
        });
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Easy,
    Medium,
    Hard,
}

impl Level {
    pub fn options(self) -> &'static [&'static str] {
        match self {
            Level::Easy => &["left", "right"],
            Level::Medium => &["left", "right", "back"],
            Level::Hard => &["front-left", "front-right", "back-left", "back-right"],
        }
    }

    /// The option index for a counter-clockwise angle θ ∈ [0, 360) from
    /// the heading, `None` inside the back wedge that easy questions drop.
    /// Medium: left < 135°, back 135–225°, right > 225° (VSI-Bench).
    pub fn bin(self, theta: f64) -> Option<usize> {
        match self {
            Level::Easy if (135.0..=225.0).contains(&theta) => None,
            Level::Easy => Some(if theta < 180.0 { 0 } else { 1 }),
            Level::Medium if theta < 135.0 => Some(0),
            Level::Medium if theta > 225.0 => Some(1),
            Level::Medium => Some(2),
            Level::Hard if theta < 90.0 => Some(0),
            Level::Hard if theta < 180.0 => Some(2),
            Level::Hard if theta < 270.0 => Some(3),
            Level::Hard => Some(1),
        }
    }

    /// Angles where the answer changes (including the back wedge's edges).
    pub fn boundaries(self) -> &'static [f64] {
        match self {
            Level::Easy | Level::Medium => &[0.0, 135.0, 225.0, 360.0],
            Level::Hard => &[0.0, 90.0, 180.0, 270.0, 360.0],
        }
    }
}

/// Standing by A facing B, where is C? Kept only when the three are 0.3–5 m
/// apart (closest-point distance, as VSI-Bench measures it, so a pillow on
/// the bed it is faced from is never asked about), θ is ≥ 10° from every
/// bin edge, and at most 2 of C's 8 box corners fall in another bin than
/// its centre.
pub fn rel_direction(ctx: &Ctx, level: Level, want: usize, rng: &mut impl Rng) -> Option<Question> {
    let refs = ctx.referents();
    if refs.len() < 3 {
        return None;
    }
    for _ in 0..60 {
        let pick: Vec<&Object> = refs.choose_multiple(rng, 3).copied().collect();
        let (a, b, c) = (pick[0], pick[1], pick[2]);
        let ok = [(a, b), (a, c), (b, c)]
            .iter()
            .all(|(p, q)| (0.3..=5.0).contains(&p.distance(q)));
        if !ok {
            continue;
        }
        let heading = geometry::sub(b.floor_center(), a.floor_center());
        let theta =
            geometry::angle_left_deg(heading, geometry::sub(c.floor_center(), a.floor_center()));
        if level.boundaries().iter().any(|e| (theta - e).abs() < 10.0) {
            continue;
        }
        let Some(bin) = level.bin(theta) else {
            continue;
        };
        if bin != want {
            continue;
        }
        let stray = c
            .footprint()
            .iter()
            .filter(|&&p| {
                level.bin(geometry::angle_left_deg(
                    heading,
                    geometry::sub(p, a.floor_center()),
                )) != Some(bin)
            })
            .count()
            * 2; // each footprint corner stands for a top and a bottom corner
        if stray > 2 {
            continue;
        }
        let (sa, sb, sc) = (&a.category, &b.category, &c.category);
        let text = match level {
            Level::Easy => format!("If I am standing by the {sa} and facing the {sb}, is the {sc} to the left or the right of the {sb}?"),
            Level::Medium => format!("If I am standing by the {sa} and facing the {sb}, is the {sc} to my left, right, or back? An object is to my back if I would have to turn at least 135 degrees in order to face it."),
            Level::Hard => format!("If I am standing by the {sa} and facing the {sb}, is the {sc} to my front-left, front-right, back-left, or back-right? The directions refer to the quadrants of a Cartesian plane (if I am standing at the origin and facing along the positive y-axis)."),
        };
        let kind = match level {
            Level::Easy => QuestionType::RelDirectionEasy,
            Level::Medium => QuestionType::RelDirectionMedium,
            Level::Hard => QuestionType::RelDirectionHard,
        };
        let options: Vec<String> = level.options().iter().map(|s| s.to_string()).collect();
        return Some(Question {
            kind,
            text,
            answer: Answer::Choice {
                index: bin,
                text: options[bin].clone(),
            },
            options,
            objects: vec![a.id, b.id, c.id],
        });
    }
    None
}

const TURNS: [&str; 3] = ["turn left", "turn right", "turn back"];
const ROUTES_1: usize = 3;
const ROUTES_2: usize = 9;

/// The turn sequence of route class `k`: 0–2 one turn, 3–11 two turns.
pub fn route_class(k: usize) -> Vec<usize> {
    if k < ROUTES_1 {
        vec![k]
    } else {
        let j = k - ROUTES_1;
        vec![j / 3, j % 3]
    }
}

/// The turn at `p` coming from `prev` and heading to `next`: 0 left
/// (45–135°), 1 right (225–315°), 2 back (135–225°); `None` when it is
/// nearly straight on or within 10° of a threshold. We define these
/// thresholds ourselves: VSI-Bench's routes were written by people.
pub fn turn(prev: P2, p: P2, next: P2) -> Option<usize> {
    let a = geometry::angle_left_deg(geometry::sub(p, prev), geometry::sub(next, p));
    if [45.0, 135.0, 225.0, 315.0]
        .iter()
        .any(|e| (a - e).abs() < 10.0)
    {
        return None;
    }
    match a {
        x if (45.0..135.0).contains(&x) => Some(0),
        x if (135.0..225.0).contains(&x) => Some(2),
        x if (225.0..315.0).contains(&x) => Some(1),
        _ => None,
    }
}

fn route_text(turns: &[usize]) -> String {
    turns
        .iter()
        .map(|&t| TURNS[t])
        .collect::<Vec<_>>()
        .join(", ")
}

/// Start at A facing B, walk to B, turn, (walk to D, turn,) walk to C.
pub fn route_plan(ctx: &Ctx, want: usize, rng: &mut impl Rng) -> Option<Question> {
    let goal = route_class(want);
    let refs = ctx.referents();
    let n = goal.len() + 2;
    if refs.len() < n {
        return None;
    }
    let outline = &ctx.scene.room.outline;
    let walkable = |p: P2, q: P2| {
        let l = geometry::norm(geometry::sub(q, p));
        (0.5..=8.0).contains(&l)
            && (1..10).all(|k| {
                let t = k as f64 / 10.0;
                geometry::inside(
                    [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t],
                    outline,
                )
            })
    };
    for _ in 0..150 {
        let stops: Vec<&Object> = refs.choose_multiple(rng, n).copied().collect();
        let pts: Vec<P2> = stops.iter().map(|o| o.floor_center()).collect();
        if !pts.windows(2).all(|w| walkable(w[0], w[1])) {
            continue;
        }
        let turns: Option<Vec<usize>> = pts.windows(3).map(|w| turn(w[0], w[1], w[2])).collect();
        if turns.as_deref() != Some(goal.as_slice()) {
            continue;
        }
        // Options: the answer and up to three other sequences of its length.
        let pool: Vec<usize> = if goal.len() == 1 {
            (0..ROUTES_1).collect()
        } else {
            (ROUTES_1..ROUTES_1 + ROUTES_2).collect()
        };
        let mut others: Vec<usize> = pool.into_iter().filter(|&k| k != want).collect();
        others.shuffle(rng);
        let mut classes: Vec<usize> = std::iter::once(want)
            .chain(others.into_iter().take(3))
            .collect();
        classes.shuffle(rng);
        let options: Vec<String> = classes
            .iter()
            .map(|&k| route_text(&route_class(k)))
            .collect();
        let index = classes.iter().position(|&k| k == want)?;
        let name = |i: usize| stops[i].category.clone();
        let mut steps = vec![format!("Go forward until the {}.", name(1))];
        for i in 2..n {
            steps.push("[please fill in]".into());
            steps.push(format!("Go forward until the {}.", name(i)));
        }
        let steps: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect();
        let text = format!(
            "You are a robot beginning at the {} and facing the {}. You want to navigate to the {}. You will perform the following actions (Note: for each [please fill in], choose either 'turn back,' 'turn left,' or 'turn right.'): {} You have reached the final destination.",
            name(0),
            name(1),
            name(n - 1),
            steps.join(" ")
        );
        return Some(Question {
            kind: QuestionType::RoutePlan,
            text,
            answer: Answer::Choice {
                index,
                text: options[index].clone(),
            },
            options,
            objects: stops.iter().map(|o| o.id).collect(),
        });
    }
    None
}

/// First-appearance order of four categories, in whole seconds; rejected
/// when any two appear within 1 s of each other.
pub fn appearance_order(ctx: &Ctx, rng: &mut impl Rng) -> Option<Question> {
    let mut first: Vec<(String, f64)> = Vec::new();
    for o in &ctx.scene.objects {
        let Some(f) = ctx
            .visibility
            .first_frame
            .get(o.id as usize)
            .copied()
            .flatten()
        else {
            continue;
        };
        let t = (f as f64 * ctx.seconds_per_frame).floor();
        match first.iter_mut().find(|(c, _)| *c == o.category) {
            Some(e) => e.1 = e.1.min(t),
            None => first.push((o.category.clone(), t)),
        }
    }
    if first.len() < 4 {
        return None;
    }
    for _ in 0..30 {
        let listed: Vec<&(String, f64)> = first.choose_multiple(rng, 4).collect();
        let apart = (0..4).all(|i| (i + 1..4).all(|j| (listed[i].1 - listed[j].1).abs() > 1.0));
        if !apart {
            continue;
        }
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by(|&i, &j| listed[i].1.total_cmp(&listed[j].1));
        let text_of = |perm: &[usize]| {
            perm.iter()
                .map(|&i| listed[i].0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut options = vec![text_of(&order)];
        while options.len() < 4 {
            let mut p: Vec<usize> = (0..4).collect();
            p.shuffle(rng);
            let t = text_of(&p);
            if !options.contains(&t) {
                options.push(t);
            }
        }
        let answer = options[0].clone();
        options.shuffle(rng);
        let index = options.iter().position(|o| *o == answer)?;
        let names: Vec<&str> = listed.iter().map(|(c, _)| c.as_str()).collect();
        let objects = ctx
            .scene
            .objects
            .iter()
            .filter(|o| names.contains(&o.category.as_str()))
            .map(|o| o.id)
            .collect();
        return Some(Question {
            kind: QuestionType::AppearanceOrder,
            text: format!(
                "What will be the first-time appearance order of the following categories in the video: {}?",
                names.join(", ")
            ),
            options,
            answer: Answer::Choice { index, text: answer },
            objects,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_bins_follow_vsi_bench() {
        assert_eq!(Level::Medium.bin(90.0), Some(0));
        assert_eq!(Level::Medium.bin(180.0), Some(2));
        assert_eq!(Level::Medium.bin(300.0), Some(1));
        assert_eq!(Level::Easy.bin(170.0), None);
        assert_eq!(Level::Easy.bin(30.0), Some(0));
        assert_eq!(Level::Hard.bin(100.0), Some(2));
        assert_eq!(Level::Hard.bin(350.0), Some(1));
        assert_eq!(
            Level::Hard.options()[Level::Hard.bin(200.0).unwrap_or(0)],
            "back-right"
        );
    }

    #[test]
    fn turns_are_read_from_the_walker_heading() {
        // Walking +x then turning to -z: seen from above with -z up, that is a left turn.
        assert_eq!(turn([0.0, 0.0], [1.0, 0.0], [1.0, -1.0]), Some(0));
        assert_eq!(turn([0.0, 0.0], [1.0, 0.0], [1.0, 1.0]), Some(1));
        assert_eq!(turn([0.0, 0.0], [1.0, 0.0], [0.0, 0.1]), Some(2));
        assert_eq!(turn([0.0, 0.0], [1.0, 0.0], [2.0, 0.1]), None);
    }

    #[test]
    fn route_classes_cover_one_and_two_turn_sequences() {
        let all: Vec<Vec<usize>> = (0..QuestionType::RoutePlan.classes())
            .map(route_class)
            .collect();
        assert_eq!(all.len(), 12);
        assert!(all.contains(&vec![2]) && all.contains(&vec![1, 0]));
    }

    #[test]
    fn rel_distance_ties_follow_vsi_bench() {
        // The nearest touches the target.
        assert!(rel_distance_ambiguous(&[0.1, 1.0, 2.0, 3.0], 20.0));
        // Any two options within 0.15 m, not only the two nearest.
        assert!(rel_distance_ambiguous(&[0.5, 1.0, 2.0, 2.1], 20.0));
        assert!(!rel_distance_ambiguous(&[0.5, 1.0, 2.0, 2.2], 20.0));
        // 0.30 m in rooms over 40 m².
        assert!(rel_distance_ambiguous(&[0.5, 1.0, 2.0, 2.2], 41.0));
        assert!(!rel_distance_ambiguous(&[0.5, 1.0, 2.0, 2.4], 41.0));
        // Within 10% of each other at long range.
        assert!(rel_distance_ambiguous(&[3.0, 3.2, 4.0, 5.0], 20.0));
    }

    #[test]
    fn numbers_print_without_trailing_zero() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(2.26), "2.3");
        assert_eq!(format_number(12.5), "12.5");
    }
}
