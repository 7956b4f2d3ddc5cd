//! The visual math env's config, read from the JSON given to `make`.

use serde::{Deserialize, Serialize};

use super::scene::Family;
use crate::answer_format::{FormatStyle, R1_INSTRUCTION};
use crate::math::RewardConfig;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VmathConfig {
    /// Frame width and height in pixels (224..=1024; Qwen-VL reads 448 well).
    pub size: u32,
    /// 1 (one reading, small numbers) to 3 (several steps, legends, radicals).
    pub level: u8,
    /// Restricts a family to some of its kinds (`geometry`: right_triangle,
    /// isosceles, angles, circle, sector, rectangle, composite, parallel;
    /// `charts`: bar, line, pie; `plots`: line, parabola, points). Empty:
    /// the level's kinds.
    pub kinds: Vec<String>,
    /// `vmath/mixed` only: the families to draw from (empty: all).
    pub families: Vec<String>,
    /// Weight of the format reward (LMM-R1: 0.5).
    pub format_weight: f64,
    /// Weight of the accuracy reward (LMM-R1: 1.0).
    pub accuracy_weight: f64,
    pub format_style: FormatStyle,
    /// The instruction shown after each question (empty: none).
    pub instruction: String,
}

impl Default for VmathConfig {
    fn default() -> Self {
        let r = RewardConfig::default();
        Self {
            size: 448,
            level: 2,
            kinds: Vec::new(),
            families: Vec::new(),
            format_weight: r.format_weight,
            accuracy_weight: r.accuracy_weight,
            format_style: r.format_style,
            instruction: R1_INSTRUCTION.to_string(),
        }
    }
}

impl VmathConfig {
    pub fn reward(&self) -> RewardConfig {
        RewardConfig {
            format_weight: self.format_weight,
            accuracy_weight: self.accuracy_weight,
            format_style: self.format_style,
        }
    }

    /// Checks what serde cannot, for an env drawing from `families`; the
    /// message names the key.
    pub fn validate(&self, families: &[Family]) -> Result<(), String> {
        if !(224..=1024).contains(&self.size) {
            return Err(format!("size must be 224..=1024, got {}", self.size));
        }
        if !(1..=3).contains(&self.level) {
            return Err(format!("level must be 1..=3, got {}", self.level));
        }
        for (key, w) in [
            ("format_weight", self.format_weight),
            ("accuracy_weight", self.accuracy_weight),
        ] {
            if !w.is_finite() {
                return Err(format!("{key} must be finite, got {w}"));
            }
        }
        for k in &self.kinds {
            if !families.iter().any(|f| f.kinds().contains(&k.as_str())) {
                let known: Vec<&str> = families.iter().flat_map(|f| f.kinds()).copied().collect();
                return Err(format!(
                    "kinds: unknown kind '{k}' (known here: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ));
            }
        }
        Ok(())
    }
}
