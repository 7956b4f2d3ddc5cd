//! The vision tower's configuration, read from `config.json`'s `vision_config`.
//!
//! Qwen2-VL and Qwen2.5-VL name the same quantities differently: Qwen2-VL's tower width is
//! `embed_dim` and its `hidden_size` is the language model's width; Qwen2.5-VL's tower width is
//! `hidden_size` and the language width `out_hidden_size`. Both normalise into [`VisionConfig`].
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::VisionError;

/// Which tower architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VisionKind {
    /// LayerNorm blocks, QuickGELU MLP, full attention within each frame.
    #[default]
    Qwen2Vl,
    /// RMSNorm blocks, SwiGLU MLP, window attention except in `fullatt_block_indexes`.
    Qwen25Vl,
}

/// Activation of the block MLP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    #[default]
    QuickGelu,
    Silu,
    Gelu,
}

/// A normalised vision-tower configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VisionConfig {
    pub kind: VisionKind,
    /// Number of transformer blocks.
    pub depth: usize,
    /// Width of the tower.
    pub embed_dim: usize,
    /// Width of the language model (the merger's output).
    pub out_dim: usize,
    pub num_heads: usize,
    /// Hidden width of the block MLP.
    pub mlp_dim: usize,
    pub activation: Activation,
    pub in_channels: usize,
    pub patch_size: usize,
    pub temporal_patch_size: usize,
    pub spatial_merge_size: usize,
    /// Qwen2.5-VL: window side in pixels.
    pub window_size: usize,
    /// Qwen2.5-VL: blocks that attend over the whole frame instead of windows.
    pub fullatt_block_indexes: Vec<usize>,
    /// Qwen2.5-VL: temporal M-RoPE positions per second of video.
    pub tokens_per_second: f64,
    pub rope_theta: f64,
    /// Std of the random init used by presets.
    pub initializer_range: f64,
}

impl Default for VisionConfig {
    fn default() -> Self {
        Self {
            kind: VisionKind::Qwen2Vl,
            depth: 32,
            embed_dim: 1280,
            out_dim: 1536,
            num_heads: 16,
            mlp_dim: 5120,
            activation: Activation::QuickGelu,
            in_channels: 3,
            patch_size: 14,
            temporal_patch_size: 2,
            spatial_merge_size: 2,
            window_size: 112,
            fullatt_block_indexes: vec![],
            tokens_per_second: 2.0,
            rope_theta: 10_000.0,
            initializer_range: 0.02,
        }
    }
}

impl VisionConfig {
    /// A two-block tower of a few thousand parameters with real weight
    /// spread: small enough for gradient and finite-difference tests.
    pub fn tiny(kind: VisionKind) -> VisionConfig {
        VisionConfig {
            kind,
            depth: 2,
            embed_dim: 16,
            out_dim: 12,
            num_heads: 2,
            mlp_dim: 24,
            activation: match kind {
                VisionKind::Qwen2Vl => Activation::QuickGelu,
                VisionKind::Qwen25Vl => Activation::Silu,
            },
            patch_size: 2,
            window_size: 8,
            fullatt_block_indexes: vec![1],
            initializer_range: 0.3,
            ..VisionConfig::default()
        }
    }

    pub fn head_dim(&self) -> usize {
        self.embed_dim / self.num_heads.max(1)
    }

    /// Length of one flattened patch: `in_channels · temporal_patch · patch²`.
    pub fn patch_dim(&self) -> usize {
        self.in_channels * self.temporal_patch_size * self.patch_size * self.patch_size
    }

    /// Width of a merged token before the merger MLP: `embed_dim · merge²`.
    pub fn merged_dim(&self) -> usize {
        self.embed_dim * self.spatial_merge_size * self.spatial_merge_size
    }

    pub fn validate(&self) -> Result<(), VisionError> {
        let bad = |m: String| Err(VisionError::Config(m));
        if self.depth == 0 || self.embed_dim == 0 || self.num_heads == 0 || self.out_dim == 0 {
            return bad("depth, embed_dim, num_heads and out_dim must be > 0".into());
        }
        if !self.embed_dim.is_multiple_of(self.num_heads) {
            return bad(format!(
                "embed_dim {} is not divisible by num_heads {}",
                self.embed_dim, self.num_heads
            ));
        }
        if !self.head_dim().is_multiple_of(4) {
            return bad(format!(
                "vision head_dim {} must be a multiple of 4 (2-D rotary over h and w)",
                self.head_dim()
            ));
        }
        if self.patch_size == 0 || self.temporal_patch_size == 0 || self.spatial_merge_size == 0 {
            return bad(
                "patch_size, temporal_patch_size and spatial_merge_size must be > 0".into(),
            );
        }
        if self.kind == VisionKind::Qwen25Vl {
            let unit = self.spatial_merge_size * self.patch_size;
            if self.window_size < unit || !self.window_size.is_multiple_of(unit) {
                return bad(format!(
                    "window_size {} must be a positive multiple of spatial_merge_size·patch_size = {unit}",
                    self.window_size
                ));
            }
        }
        if let Some(i) = self
            .fullatt_block_indexes
            .iter()
            .find(|i| **i >= self.depth)
        {
            return bad(format!(
                "fullatt_block_indexes entry {i} >= depth {}",
                self.depth
            ));
        }
        Ok(())
    }

    /// Parses `vision_config` of a `qwen2_vl` or `qwen2_5_vl` checkpoint.
    pub fn from_hf_json(model_type: &str, v: &Value) -> Result<Self, VisionError> {
        let err = |m: String| VisionError::Config(format!("vision_config: {m}"));
        let kind = match model_type {
            "qwen2_vl" => VisionKind::Qwen2Vl,
            "qwen2_5_vl" => VisionKind::Qwen25Vl,
            other => return Err(err(format!("model_type {other:?} has no vision tower"))),
        };
        let num = |k: &str| v.get(k).filter(|x| !x.is_null());
        let usize_of = |k: &str, def: Option<usize>| -> Result<usize, VisionError> {
            match num(k) {
                Some(x) => x
                    .as_u64()
                    .map(|n| n as usize)
                    .ok_or_else(|| err(format!("{k} must be an integer"))),
                None => def.ok_or_else(|| err(format!("missing {k}"))),
            }
        };
        let f64_of = |k: &str, def: f64| num(k).and_then(Value::as_f64).unwrap_or(def);
        let act = match num("hidden_act").and_then(Value::as_str) {
            None if kind == VisionKind::Qwen2Vl => Activation::QuickGelu,
            None => Activation::Silu,
            Some("quick_gelu") => Activation::QuickGelu,
            Some("silu") => Activation::Silu,
            Some("gelu") => Activation::Gelu,
            Some(other) => return Err(err(format!("hidden_act {other:?} is not supported"))),
        };
        let in_channels = match num("in_channels") {
            Some(_) => usize_of("in_channels", None)?,
            None => usize_of("in_chans", Some(3))?,
        };
        let rope_theta = num("rope_parameters")
            .and_then(|r| r.get("rope_theta"))
            .and_then(Value::as_f64)
            .unwrap_or(10_000.0);
        let d = Self::default();
        let cfg = match kind {
            VisionKind::Qwen2Vl => {
                let embed_dim = usize_of("embed_dim", None)?;
                let ratio = f64_of("mlp_ratio", 4.0);
                Self {
                    kind,
                    depth: usize_of("depth", None)?,
                    embed_dim,
                    out_dim: usize_of("hidden_size", None)?,
                    num_heads: usize_of("num_heads", None)?,
                    mlp_dim: (embed_dim as f64 * ratio) as usize,
                    activation: act,
                    in_channels,
                    patch_size: usize_of("patch_size", Some(14))?,
                    temporal_patch_size: usize_of("temporal_patch_size", Some(2))?,
                    spatial_merge_size: usize_of("spatial_merge_size", Some(2))?,
                    window_size: d.window_size,
                    fullatt_block_indexes: vec![],
                    tokens_per_second: d.tokens_per_second,
                    rope_theta,
                    initializer_range: f64_of("initializer_range", d.initializer_range),
                }
            }
            VisionKind::Qwen25Vl => Self {
                kind,
                depth: usize_of("depth", None)?,
                embed_dim: usize_of("hidden_size", None)?,
                out_dim: usize_of("out_hidden_size", None)?,
                num_heads: usize_of("num_heads", None)?,
                mlp_dim: usize_of("intermediate_size", None)?,
                activation: act,
                in_channels,
                patch_size: usize_of("patch_size", Some(14))?,
                temporal_patch_size: usize_of("temporal_patch_size", Some(2))?,
                spatial_merge_size: usize_of("spatial_merge_size", Some(2))?,
                window_size: usize_of("window_size", Some(112))?,
                fullatt_block_indexes: match num("fullatt_block_indexes") {
                    Some(x) => serde_json::from_value(x.clone())
                        .map_err(|e| err(format!("fullatt_block_indexes: {e}")))?,
                    None => vec![7, 15, 23, 31],
                },
                tokens_per_second: f64_of("tokens_per_second", 4.0),
                rope_theta,
                initializer_range: f64_of("initializer_range", d.initializer_range),
            },
        };
        cfg.validate()?;
        Ok(cfg)
    }

    /// Renders `vision_config` as the hub writes it for this model type.
    pub fn to_hf_json(&self) -> Value {
        let act = match self.activation {
            Activation::QuickGelu => "quick_gelu",
            Activation::Silu => "silu",
            Activation::Gelu => "gelu",
        };
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_string(), v);
        };
        put("depth", self.depth.into());
        put("num_heads", self.num_heads.into());
        put("hidden_act", act.into());
        put("in_channels", self.in_channels.into());
        put("patch_size", self.patch_size.into());
        put("temporal_patch_size", self.temporal_patch_size.into());
        put("spatial_merge_size", self.spatial_merge_size.into());
        put("initializer_range", self.initializer_range.into());
        put(
            "rope_parameters",
            serde_json::json!({"rope_type": "axial", "rope_theta": self.rope_theta}),
        );
        match self.kind {
            VisionKind::Qwen2Vl => {
                put("model_type", "qwen2_vl".into());
                put("embed_dim", self.embed_dim.into());
                put("hidden_size", self.out_dim.into());
                put(
                    "mlp_ratio",
                    (self.mlp_dim as f64 / self.embed_dim.max(1) as f64).into(),
                );
            }
            VisionKind::Qwen25Vl => {
                put("model_type", "qwen2_5_vl".into());
                put("hidden_size", self.embed_dim.into());
                put("out_hidden_size", self.out_dim.into());
                put("intermediate_size", self.mlp_dim.into());
                put("window_size", self.window_size.into());
                put(
                    "fullatt_block_indexes",
                    serde_json::json!(self.fullatt_block_indexes),
                );
                put("tokens_per_second", self.tokens_per_second.into());
            }
        }
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_qwen2_vl_config_reads_with_defaults() -> Result<(), VisionError> {
        let v = serde_json::json!({"depth": 32, "embed_dim": 1280, "mlp_ratio": 4, "num_heads": 16,
            "in_chans": 3, "hidden_size": 1536, "patch_size": 14, "spatial_merge_size": 2,
            "spatial_patch_size": 14, "temporal_patch_size": 2});
        let c = VisionConfig::from_hf_json("qwen2_vl", &v)?;
        assert_eq!((c.embed_dim, c.out_dim, c.mlp_dim), (1280, 1536, 5120));
        assert_eq!(c.activation, Activation::QuickGelu);
        assert_eq!(VisionConfig::from_hf_json("qwen2_vl", &c.to_hf_json())?, c);
        Ok(())
    }

    #[test]
    fn hub_qwen2_5_vl_config_reads_windows() -> Result<(), VisionError> {
        let v = serde_json::json!({"depth": 32, "hidden_act": "silu", "hidden_size": 1280,
            "intermediate_size": 3420, "num_heads": 16, "in_chans": 3, "out_hidden_size": 2048,
            "patch_size": 14, "spatial_merge_size": 2, "window_size": 112,
            "fullatt_block_indexes": [7, 15, 23, 31], "tokens_per_second": 2, "temporal_patch_size": 2});
        let c = VisionConfig::from_hf_json("qwen2_5_vl", &v)?;
        assert_eq!(c.kind, VisionKind::Qwen25Vl);
        assert_eq!(c.fullatt_block_indexes, vec![7, 15, 23, 31]);
        assert_eq!(
            VisionConfig::from_hf_json("qwen2_5_vl", &c.to_hf_json())?,
            c
        );
        Ok(())
    }

    #[test]
    fn bad_window_size_is_named() {
        let v = serde_json::json!({"depth": 2, "hidden_size": 32, "intermediate_size": 48,
            "num_heads": 2, "out_hidden_size": 64, "window_size": 30, "fullatt_block_indexes": [1]});
        let e = VisionConfig::from_hf_json("qwen2_5_vl", &v)
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("window_size")));
    }
}
