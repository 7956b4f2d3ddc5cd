//! The Qwen2-VL and Qwen2.5-VL vision transformers: patch embedding, blocks, patch merger.
//!
//! Weights are named as hub checkpoints name them under `visual.` (transformers 5 writes
//! `model.visual.`); the prefix is kept so a checkpoint is saved back in its own layout.
use std::collections::{BTreeSet, HashMap};

use candle_core::{DType, Device, Tensor, Var};
use rand_distr::Normal;

use super::config::{Activation, VisionConfig, VisionKind};
use super::layers::{apply_rope, segment_attention, Norm};
use super::positions::{frame_segments, inverse, patch_positions, window_index};
use super::VisionError;
use crate::nn::{build, Fresh, GatedMlp, Init, Linear, Load, Lookup, Shapes, Vb, WeightError};

type Result<T> = std::result::Result<T, VisionError>;
type WResult<T> = std::result::Result<T, WeightError>;

/// Which parts of the tower are excluded from training.
///
/// Frozen parameters enter the graph detached: with the whole tower frozen no backward pass
/// runs through it at all (pixels are constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VisionFreeze {
    /// Patch embedding and blocks.
    pub tower: bool,
    /// The patch merger.
    pub merger: bool,
}

/// Every tensor of a tower with its shape, named relative to the `visual.` prefix (listed by
/// building the layers over shapes only).
pub fn expected_tensors(cfg: &VisionConfig) -> Result<Vec<(String, Vec<usize>)>> {
    let (_, inv) = build(&Shapes, "", |vb| Layers::new(cfg, vb))?;
    Ok(inv.params.into_iter().map(|p| (p.name, p.shape)).collect())
}

/// Self-attention over `qkv` (one fused projection) and `proj`.
#[derive(Debug, Clone)]
struct Attention {
    qkv: Linear,
    proj: Linear,
}

/// Qwen2-VL's `fc1 → act → fc2` or Qwen2.5-VL's gated `gate_proj`/`up_proj`/`down_proj`.
#[derive(Debug, Clone)]
enum Mlp {
    Plain { fc1: Linear, fc2: Linear },
    Gated(GatedMlp),
}

impl Mlp {
    fn new(cfg: &VisionConfig, vb: Vb) -> WResult<Self> {
        let (e, m) = (cfg.embed_dim, cfg.mlp_dim);
        Ok(match cfg.kind {
            VisionKind::Qwen2Vl => Mlp::Plain {
                fc1: Linear::new(e, m, true, vb.pp("fc1"))?,
                fc2: Linear::new(m, e, true, vb.pp("fc2"))?,
            },
            VisionKind::Qwen25Vl => Mlp::Gated(GatedMlp::new(e, m, true, vb)?),
        })
    }

    fn forward(&self, x: &Tensor, act: Activation) -> candle_core::Result<Tensor> {
        match self {
            Mlp::Plain { fc1, fc2 } => fc2.forward(&act.apply(&fc1.forward(x)?)?),
            Mlp::Gated(g) => g.forward(x, |t| act.apply(t)),
        }
    }
}

/// One pre-norm block: `x + attn(norm1(x))`, then `x + mlp(norm2(x))`.
#[derive(Debug, Clone)]
struct Block {
    norm1: Norm,
    norm2: Norm,
    attn: Attention,
    mlp: Mlp,
}

impl Block {
    fn new(cfg: &VisionConfig, vb: Vb) -> WResult<Self> {
        let e = cfg.embed_dim;
        // Asked for in checkpoint order (norms, attention, MLP): random init draws follow it.
        let norm1 = Norm::new(cfg, vb.pp("norm1"))?;
        let norm2 = Norm::new(cfg, vb.pp("norm2"))?;
        let attn = vb.pp("attn");
        let attn = Attention {
            qkv: Linear::new(e, 3 * e, true, attn.pp("qkv"))?,
            proj: Linear::new(e, e, true, attn.pp("proj"))?,
        };
        let mlp = Mlp::new(cfg, vb.pp("mlp"))?;
        Ok(Self {
            norm1,
            norm2,
            attn,
            mlp,
        })
    }

    /// `x`: `[N, embed]`; attention runs within each of `segments` (consecutive rows).
    fn forward(
        &self,
        x: &Tensor,
        cfg: &VisionConfig,
        (cos, sin): (&Tensor, &Tensor),
        segments: &[usize],
    ) -> Result<Tensor> {
        let (n, heads, hd) = (x.dim(0)?, cfg.num_heads, cfg.head_dim());
        let h = self.norm1.forward(x)?;
        let qkv = self.attn.qkv.forward(&h)?.reshape((n, 3, heads, hd))?;
        let q = apply_rope(&qkv.narrow(1, 0, 1)?.squeeze(1)?, cos, sin)?;
        let k = apply_rope(&qkv.narrow(1, 1, 1)?.squeeze(1)?, cos, sin)?;
        let v = qkv.narrow(1, 2, 1)?.squeeze(1)?;
        let a = segment_attention(&q, &k, &v, segments)?;
        let x = (x + self.attn.proj.forward(&a)?)?;
        let m = self.mlp.forward(&self.norm2.forward(&x)?, cfg.activation)?;
        Ok((x + m)?)
    }
}

/// The patch merger: `ln_q`, then `merge² · embed → merge² · embed → out` with GELU between.
#[derive(Debug, Clone)]
struct Merger {
    ln_q: Norm,
    fc0: Linear,
    fc2: Linear,
}

impl Merger {
    fn new(cfg: &VisionConfig, vb: Vb) -> WResult<Self> {
        let md = cfg.merged_dim();
        Ok(Self {
            ln_q: Norm::new(cfg, vb.pp("ln_q"))?,
            fc0: Linear::new(md, md, true, vb.pp("mlp").pp(0))?,
            fc2: Linear::new(md, cfg.out_dim, true, vb.pp("mlp").pp(2))?,
        })
    }

    /// `[N, embed]` → `[N / merge², out]`.
    fn forward(&self, x: &Tensor, cfg: &VisionConfig) -> candle_core::Result<Tensor> {
        let unit = cfg.spatial_merge_size * cfg.spatial_merge_size;
        let y = self
            .ln_q
            .forward(x)?
            .reshape((x.dim(0)? / unit, unit * cfg.embed_dim))?;
        self.fc2.forward(&self.fc0.forward(&y)?.gelu_erf()?)
    }
}

/// The tower's layers, named as under `visual.`: `patch_embed.proj`, `blocks.N`, `merger`.
#[derive(Debug, Clone)]
struct Layers {
    /// The patch embedding (a 3-D convolution with stride = kernel) as `[embed, patch_dim]`.
    patch: Tensor,
    blocks: Vec<Block>,
    merger: Merger,
}

impl Layers {
    fn new(cfg: &VisionConfig, vb: Vb) -> WResult<Self> {
        let (e, p) = (cfg.embed_dim, cfg.patch_size);
        let shape = [e, cfg.in_channels, cfg.temporal_patch_size, p, p];
        let patch = vb
            .pp("patch_embed")
            .pp("proj")
            .get(&shape, "weight", Init::Normal)?
            .reshape((e, cfg.patch_dim()))?;
        let blocks = (0..cfg.depth)
            .map(|b| Block::new(cfg, vb.pp("blocks").pp(b)))
            .collect::<WResult<_>>()?;
        Ok(Self {
            patch,
            blocks,
            merger: Merger::new(cfg, vb.pp("merger"))?,
        })
    }
}

/// A vision tower whose parameters are candle `Var`s.
#[derive(Debug, Clone)]
pub struct VisionTower {
    cfg: VisionConfig,
    /// `visual.` or `model.visual.`.
    prefix: String,
    vars: Vec<(String, Var)>,
    layers: Layers,
    /// Names of frozen parameters: their tensors enter the graph detached.
    frozen: BTreeSet<String>,
}

/// The weight prefix a checkpoint uses for its tower (`model.visual.` in transformers 5).
pub fn detect_prefix<'a>(names: impl IntoIterator<Item = &'a String>) -> String {
    if names.into_iter().any(|n| n.starts_with("model.visual.")) {
        "model.visual.".into()
    } else {
        "visual.".into()
    }
}

/// The builder's root for a weight prefix (`visual.` → `visual`).
fn root(prefix: &str) -> &str {
    prefix.strip_suffix('.').unwrap_or(prefix)
}

impl VisionTower {
    /// Builds the tower from checkpoint tensors (full names, `prefix` included).
    pub fn from_tensors(
        cfg: &VisionConfig,
        tensors: &HashMap<String, Tensor>,
        prefix: &str,
        dtype: DType,
        device: &Device,
    ) -> Result<Self> {
        cfg.validate()?;
        let find = |name: &str| tensors.get(name).cloned();
        let load = Load::new(&find, dtype, Some(device), "the checkpoint");
        build(&load, root(prefix), |vb| Layers::new(cfg, vb))?;
        Self::assemble(
            cfg.clone(),
            prefix.to_string(),
            load.into_vars(),
            BTreeSet::new(),
        )
    }

    /// Random init from a seed: weights N(0, initializer_range), norm weights 1, biases 0 —
    /// the spread presets need so that outputs depend on the image.
    pub fn random(cfg: &VisionConfig, seed: u64, device: &Device) -> Result<Self> {
        cfg.validate()?;
        let normal = Normal::new(0.0f32, cfg.initializer_range as f32)
            .map_err(|e| VisionError::Config(format!("initializer_range: {e}")))?;
        let prefix = "visual.";
        let fresh = Fresh::new(seed, normal, DType::F32, device);
        build(&fresh, root(prefix), |vb| Layers::new(cfg, vb))?;
        Self::assemble(
            cfg.clone(),
            prefix.into(),
            fresh.into_vars(),
            BTreeSet::new(),
        )
    }

    fn assemble(
        cfg: VisionConfig,
        prefix: String,
        vars: Vec<(String, Var)>,
        frozen: BTreeSet<String>,
    ) -> Result<Self> {
        let map: HashMap<&str, Tensor> = vars
            .iter()
            .map(|(n, v)| {
                let t = if frozen.contains(n) {
                    v.as_tensor().detach()
                } else {
                    v.as_tensor().clone()
                };
                (n.as_str(), t)
            })
            .collect();
        let find = |name: &str| map.get(name).cloned();
        let src = Lookup {
            find: &find,
            lora: None,
            looked_in: "the tower's parameters",
        };
        let (layers, _) = build(&src, root(&prefix), |vb| Layers::new(&cfg, vb))?;
        Ok(Self {
            layers,
            cfg,
            prefix,
            vars,
            frozen,
        })
    }

    pub fn config(&self) -> &VisionConfig {
        &self.cfg
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Renames the weights under another prefix (`visual.` or `model.visual.`), for saving a
    /// checkpoint in the layout its text weights use.
    pub fn set_prefix(&mut self, prefix: &str) -> Result<()> {
        let rename = |name: &String| match name.strip_prefix(&self.prefix) {
            Some(rest) => format!("{prefix}{rest}"),
            None => name.clone(),
        };
        let vars = self
            .vars
            .iter()
            .map(|(n, v)| (rename(n), v.clone()))
            .collect();
        let frozen = self.frozen.iter().map(rename).collect();
        *self = Self::assemble(self.cfg.clone(), prefix.to_string(), vars, frozen)?;
        Ok(())
    }

    /// All parameters with their checkpoint names.
    pub fn named_vars(&self) -> &[(String, Var)] {
        &self.vars
    }

    /// The parameters an optimizer should update (frozen ones excluded).
    pub fn trainable_vars(&self) -> Vec<(String, Var)> {
        self.vars
            .iter()
            .filter(|(n, _)| !self.frozen.contains(n))
            .cloned()
            .collect()
    }

    /// Freezes the named parameters (names as in [`VisionTower::named_vars`]); frozen tensors
    /// enter the graph detached, so no gradient is computed for them.
    pub fn freeze_names(&mut self, names: &[String]) -> Result<()> {
        for n in names {
            if !self.vars.iter().any(|(v, _)| v == n) {
                return Err(VisionError::MissingTensor { name: n.clone() });
            }
        }
        let mut frozen = self.frozen.clone();
        frozen.extend(names.iter().cloned());
        *self = Self::assemble(
            self.cfg.clone(),
            self.prefix.clone(),
            self.vars.clone(),
            frozen,
        )?;
        Ok(())
    }

    /// Freezes the tower (patch embedding and blocks) and/or the merger.
    pub fn set_freeze(&mut self, freeze: VisionFreeze) -> Result<()> {
        let merger = format!("{}merger.", self.prefix);
        let names: Vec<String> = self
            .vars
            .iter()
            .map(|(n, _)| n)
            .filter(|n| {
                let in_merger = n.starts_with(&merger);
                in_merger && freeze.merger || !in_merger && freeze.tower
            })
            .cloned()
            .collect();
        self.freeze_names(&names)
    }

    /// Which parts are entirely frozen.
    pub fn freeze_state(&self) -> VisionFreeze {
        let merger = format!("{}merger.", self.prefix);
        let all = |in_merger: bool| {
            self.vars
                .iter()
                .filter(|(n, _)| n.starts_with(&merger) == in_merger)
                .all(|(n, _)| self.frozen.contains(n))
        };
        VisionFreeze {
            tower: all(false),
            merger: all(true),
        }
    }

    /// A deep copy whose parameters are new `Var`s (never aliased with this tower's).
    pub fn deep_copy(&self) -> Result<Self> {
        let vars = self
            .vars
            .iter()
            .map(|(n, v)| Ok((n.clone(), Var::from_tensor(&v.as_tensor().copy()?)?)))
            .collect::<Result<Vec<_>>>()?;
        Self::assemble(
            self.cfg.clone(),
            self.prefix.clone(),
            vars,
            self.frozen.clone(),
        )
    }

    /// 2-D rotary tables `[N, head_dim]` for the patches of `grids`.
    fn rope_tables(&self, grids: &[[usize; 3]], device: &Device) -> Result<(Tensor, Tensor)> {
        let hd = self.cfg.head_dim();
        let quarter = hd / 4;
        let inv: Vec<f32> = (0..quarter)
            .map(|j| 1.0 / (self.cfg.rope_theta as f32).powf((2 * j) as f32 / (hd / 2) as f32))
            .collect();
        let pos = patch_positions(grids, self.cfg.spatial_merge_size);
        let mut cos = Vec::with_capacity(pos.len() * hd);
        let mut sin = Vec::with_capacity(pos.len() * hd);
        let mut row = vec![0f32; hd / 2];
        for (h, w) in &pos {
            for j in 0..quarter {
                // torch computes the angle in f32: position × inv_freq.
                row[j] = *h as f32 * inv[j];
                row[quarter + j] = *w as f32 * inv[j];
            }
            for _ in 0..2 {
                cos.extend(row.iter().map(|a| a.cos()));
                sin.extend(row.iter().map(|a| a.sin()));
            }
        }
        let n = pos.len();
        Ok((
            Tensor::from_vec(cos, (n, hd), device)?,
            Tensor::from_vec(sin, (n, hd), device)?,
        ))
    }

    fn check_input(&self, pixels: &Tensor, grids: &[[usize; 3]]) -> Result<usize> {
        let m = self.cfg.spatial_merge_size;
        if grids.is_empty() {
            return Err(VisionError::Input(
                "no images or videos given (empty grid_thw)".into(),
            ));
        }
        for g in grids {
            if g[0] == 0 || g[1] % m != 0 || g[2] % m != 0 || g[1] == 0 || g[2] == 0 {
                return Err(VisionError::Input(format!(
                    "grid_thw {g:?}: t must be > 0 and h, w positive multiples of spatial_merge_size {m}"
                )));
            }
        }
        let n: usize = grids.iter().map(|g| g[0] * g[1] * g[2]).sum();
        let want = [n, self.cfg.patch_dim()];
        if pixels.dims() != want {
            return Err(VisionError::Input(format!(
                "pixel_values has shape {:?} but grid_thw {grids:?} needs {want:?}",
                pixels.dims()
            )));
        }
        Ok(n)
    }

    /// Encodes flattened patches `[Σ t·h·w, patch_dim]` (the processor's rows, items
    /// concatenated) into merged embeddings `[Σ t·h·w / merge², out_dim]`, item after item.
    pub fn forward(&self, pixels: &Tensor, grids: &[[usize; 3]]) -> Result<Tensor> {
        let n = self.check_input(pixels, grids)?;
        let dev = pixels.device().clone();
        let unit = self.cfg.spatial_merge_size * self.cfg.spatial_merge_size;
        let patch = &self.layers.patch;
        let dtype = patch.dtype();
        let mut x = crate::gemm::matmul(&pixels.to_dtype(dtype)?, &patch.t()?)?;
        let (mut cos, mut sin) = self.rope_tables(grids, &dev)?;
        cos = cos.to_dtype(dtype)?;
        sin = sin.to_dtype(dtype)?;
        let full = frame_segments(grids);
        let mut windows = None;
        if self.cfg.kind == VisionKind::Qwen25Vl {
            let (idx, lens) = window_index(
                grids,
                self.cfg.spatial_merge_size,
                self.cfg.window_size,
                self.cfg.patch_size,
            );
            let idx_t = Tensor::new(idx.as_slice(), &dev)?;
            let permute = |t: &Tensor| -> Result<Tensor> {
                let c = t.dim(1)?;
                Ok(t.reshape((n / unit, unit, c))?
                    .index_select(&idx_t, 0)?
                    .reshape((n, c))?)
            };
            x = permute(&x)?;
            cos = permute(&cos)?;
            sin = permute(&sin)?;
            windows = Some((lens, inverse(&idx)));
        }
        for (i, b) in self.layers.blocks.iter().enumerate() {
            let segments = match &windows {
                Some((lens, _)) if !self.cfg.fullatt_block_indexes.contains(&i) => lens,
                _ => &full,
            };
            x = b.forward(&x, &self.cfg, (&cos, &sin), segments)?;
        }
        let mut y = self.layers.merger.forward(&x, &self.cfg)?;
        if let Some((_, inv)) = &windows {
            y = y.index_select(&Tensor::new(inv.as_slice(), &dev)?, 0)?;
        }
        Ok(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn tiny(kind: VisionKind) -> VisionConfig {
        VisionConfig::tiny(kind)
    }

    #[test]
    fn weights_loaded_equal_the_checkpoint_names() -> Result<()> {
        for kind in [VisionKind::Qwen2Vl, VisionKind::Qwen25Vl] {
            let cfg = tiny(kind);
            let dev = Device::Cpu;
            let map: HashMap<String, Tensor> = expected_tensors(&cfg)?
                .into_iter()
                .map(|(n, s)| {
                    Ok((
                        format!("model.visual.{n}"),
                        Tensor::zeros(s, DType::F32, &dev)?,
                    ))
                })
                .collect::<Result<_>>()?;
            let prefix = detect_prefix(map.keys());
            assert_eq!(prefix, "model.visual.");
            let t = VisionTower::from_tensors(&cfg, &map, &prefix, DType::F32, &dev)?;
            let mut got: Vec<&String> = t.named_vars().iter().map(|(n, _)| n).collect();
            let mut want: Vec<&String> = map.keys().collect();
            got.sort();
            want.sort();
            assert_eq!(got, want);
        }
        Ok(())
    }

    #[test]
    fn missing_and_misshapen_tensors_are_named() -> Result<()> {
        let cfg = tiny(VisionKind::Qwen2Vl);
        let dev = Device::Cpu;
        let mut map: HashMap<String, Tensor> = expected_tensors(&cfg)?
            .into_iter()
            .map(|(n, s)| Ok((format!("visual.{n}"), Tensor::zeros(s, DType::F32, &dev)?)))
            .collect::<Result<_>>()?;
        map.insert(
            "visual.merger.mlp.2.bias".into(),
            Tensor::zeros(5, DType::F32, &dev)?,
        );
        let e = VisionTower::from_tensors(&cfg, &map, "visual.", DType::F32, &dev).err();
        assert!(e.is_some_and(|e| e.to_string().contains("visual.merger.mlp.2.bias")));
        map.remove("visual.blocks.1.attn.qkv.weight");
        let e = VisionTower::from_tensors(&cfg, &map, "visual.", DType::F32, &dev).err();
        assert!(e.is_some_and(|e| e.to_string().contains("blocks.1.attn.qkv.weight")));
        Ok(())
    }

    #[test]
    fn window_tower_output_does_not_depend_on_item_order() -> Result<()> {
        // Two images encoded together equal each encoded alone (the windows and the inverse
        // reorder keep items apart and in order).
        let cfg = tiny(VisionKind::Qwen25Vl);
        let dev = Device::Cpu;
        let t = VisionTower::random(&cfg, 3, &dev)?;
        let a = Tensor::randn(0f32, 1.0, (4 * 6, cfg.patch_dim()), &dev)?;
        let b = Tensor::randn(0f32, 1.0, (2 * 4 * 2, cfg.patch_dim()), &dev)?;
        let both = t.forward(&Tensor::cat(&[&a, &b], 0)?, &[[1, 4, 6], [2, 4, 2]])?;
        let ya = t.forward(&a, &[[1, 4, 6]])?;
        let yb = t.forward(&b, &[[2, 4, 2]])?;
        let sep = Tensor::cat(&[&ya, &yb], 0)?;
        let d = (both - sep)?
            .abs()?
            .flatten_all()?
            .max(0)?
            .to_scalar::<f32>()?;
        assert!(d < 1e-5, "{d}");
        Ok(())
    }

    #[test]
    fn wrong_pixel_shape_is_refused() -> Result<()> {
        let cfg = tiny(VisionKind::Qwen2Vl);
        let t = VisionTower::random(&cfg, 1, &Device::Cpu)?;
        let x = Tensor::zeros((10, cfg.patch_dim()), DType::F32, &Device::Cpu)?;
        assert!(matches!(
            t.forward(&x, &[[1, 4, 4]]),
            Err(VisionError::Input(_))
        ));
        Ok(())
    }
}
