//! Option balance for relative distance: how often a drawn question whose
//! answer is category c is kept, solved so that every category is the
//! answer a quarter of the times it is offered.
//!
//! Why: with closest-point distances, big free-standing furniture (tables,
//! armchairs, refrigerators) is usually the nearest of four random objects
//! and things on surfaces or walls rarely are, so "answer armchair whenever
//! it is offered" would beat chance without looking. Answer letters are
//! balanced separately (the caller draws the letter first).
//!
//! Rooms rarely have more than six uniquely nameable, visible objects, so
//! the option set cannot be chosen freely within a scene; the balance is
//! reached across scenes by thinning, with weights measured on the
//! generator itself ([`calibrate`], run by
//! `cargo run -p rulegym-envs --example rel_distance_weights`). Thinning by
//! the answer changes which categories are offered alongside it, so the
//! weights are found by iterating, not from one measurement.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::camera_path::Visibility;
use super::questions::{rel_distance_weighted, Answer, Ctx};
use super::scene::Scene;

/// Keep probability for a relative-distance question by its answer's
/// category, from [`calibrate`] on the ~5,000 scenes able to hold one
/// among 30,000 default scenes (10 rounds of 30,000 questions); each
/// comment is the answered/offered rate the category then reaches.
pub const ANSWER_WEIGHTS: &[(&str, f64)] = &[
    ("table", 0.038),        // 0.242 of 3962 offered
    ("bed", 0.055),          // 0.251 of 10718 offered
    ("armchair", 0.060),     // 0.249 of 7774 offered
    ("plant", 0.060),        // 0.245 of 8763 offered
    ("chair", 0.067),        // 0.255 of 4946 offered
    ("trash can", 0.074),    // 0.241 of 8130 offered
    ("stool", 0.075),        // 0.274 of 2290 offered
    ("sofa", 0.090),         // 0.242 of 3305 offered
    ("desk", 0.095),         // 0.259 of 6672 offered
    ("bathtub", 0.098),      // 0.249 of 852 offered
    ("wardrobe", 0.098),     // 0.245 of 9038 offered
    ("toilet", 0.119),       // 0.245 of 913 offered
    ("dresser", 0.125),      // 0.250 of 10089 offered
    ("nightstand", 0.128),   // 0.250 of 5025 offered
    ("bookshelf", 0.139),    // 0.247 of 9864 offered
    ("cabinet", 0.140),      // 0.254 of 5156 offered
    ("sink", 0.163),         // 0.246 of 1245 offered
    ("refrigerator", 0.192), // 0.267 of 430 offered
    ("pillow", 0.274),       // 0.258 of 3336 offered
    ("lamp", 0.347),         // 0.251 of 2889 offered
    ("tv", 0.391),           // 0.254 of 13145 offered
    ("monitor", 1.000),      // 0.255 of 1458 offered
];

/// The keep probability for `category`; categories outside the table (none
/// of ours) are always kept.
pub fn answer_weight(category: &str) -> f64 {
    ANSWER_WEIGHTS
        .iter()
        .find(|(c, _)| *c == category)
        .map_or(1.0, |&(_, w)| w)
}

/// Whether `scene` has the five objects of a unique category that a
/// relative-distance question needs (before asking whether they are
/// visible, which costs a rendering pass).
pub fn may_ask_rel_distance(scene: &Scene) -> bool {
    scene
        .objects
        .iter()
        .filter(|o| scene.count(&o.category) == 1)
        .count()
        >= 5
}

/// Per-category counts of questions where it was offered and answered.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub offered: usize,
    pub answered: usize,
}

impl Tally {
    /// P(answer | offered).
    pub fn rate(&self) -> f64 {
        self.answered as f64 / self.offered.max(1) as f64
    }
}

/// Draws `n` questions as the env does (a scene, then up to `tries`
/// further scenes until one yields a question) with keep weights `w`, and
/// counts per category how often it was offered and answered.
pub fn tally(
    scenes: &[(Scene, Visibility)],
    w: &BTreeMap<String, f64>,
    n: usize,
    rng: &mut impl Rng,
) -> BTreeMap<String, Tally> {
    let weight = |c: &str| w.get(c).copied().unwrap_or(1.0);
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    if scenes.is_empty() {
        return out;
    }
    for _ in 0..n {
        let want = rng.random_range(0..4);
        for _ in 0..400 {
            let (scene, visibility) = &scenes[rng.random_range(0..scenes.len())];
            let ctx = Ctx {
                scene,
                visibility,
                seconds_per_frame: 1.0,
            };
            let Some(q) = rel_distance_weighted(&ctx, want, &weight, rng) else {
                continue;
            };
            for o in &q.options {
                out.entry(o.clone()).or_default().offered += 1;
            }
            if let Answer::Choice { text, .. } = &q.answer {
                out.entry(text.clone()).or_default().answered += 1;
            }
            break;
        }
    }
    out
}

/// Solves the keep weights: each round draws `per_round` questions with the
/// current weights and multiplies category c's weight by the factor that
/// would bring its answered/offered rate r to 1/4 if nothing else moved,
/// (1 − r) / 3r (damped, with one pseudo-answer in four pseudo-offers so
/// rare categories move gently), then rescales so the largest weight is 1.
pub fn calibrate(
    scenes: &[(Scene, Visibility)],
    rounds: usize,
    per_round: usize,
    seed: u64,
) -> BTreeMap<String, f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut w: BTreeMap<String, f64> = BTreeMap::new();
    for _ in 0..rounds {
        let t = tally(scenes, &w, per_round, &mut rng);
        for (c, k) in &t {
            let r = (k.answered as f64 + 1.0) / (k.offered as f64 + 4.0);
            let f = ((1.0 - r) / (3.0 * r)).clamp(0.25, 4.0).powf(0.8);
            let e = w.entry(c.clone()).or_insert(1.0);
            *e *= f;
        }
        let top = w.values().cloned().fold(0.0, f64::max);
        if top > 0.0 {
            w.values_mut().for_each(|v| *v /= top);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::categories::CATEGORIES;

    #[test]
    fn every_category_has_a_calibrated_weight() {
        for c in CATEGORIES {
            let w = ANSWER_WEIGHTS.iter().find(|(n, _)| *n == c.name);
            assert!(
                w.is_some_and(|&(_, w)| w > 0.0 && w <= 1.0),
                "{}: rerun the rel_distance_weights example",
                c.name
            );
        }
        let top = ANSWER_WEIGHTS.iter().map(|w| w.1).fold(0.0, f64::max);
        assert_eq!(top, 1.0);
    }
}
