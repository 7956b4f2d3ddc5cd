//! The Qwen2-VL and Qwen2.5-VL vision transformers: patch embedding, blocks, patch merger.
//!
//! Weights are named as hub checkpoints name them under `visual.` (transformers 5 writes
//! `model.visual.`); the prefix is kept so a checkpoint is saved back in its own layout.
use std::collections::{BTreeSet, HashMap};

use candle_core::{DType, Device, Tensor, Var};
use rand::SeedableRng;
use rand_distr::{Distribution, Normal};

use super::config::{Activation, VisionConfig, VisionKind};
use super::layers::{apply_rope, quick_gelu, segment_attention, Linear, Norm};
use super::positions::{frame_segments, inverse, patch_positions, window_index};
use super::VisionError;

type Result<T> = std::result::Result<T, VisionError>;

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

/// Every tensor of a tower with its shape, named relative to the `visual.` prefix.
pub fn expected_tensors(cfg: &VisionConfig) -> Vec<(String, Vec<usize>)> {
    let (e, m) = (cfg.embed_dim, cfg.mlp_dim);
    let mut out = vec![(
        "patch_embed.proj.weight".to_string(),
        vec![
            e,
            cfg.in_channels,
            cfg.temporal_patch_size,
            cfg.patch_size,
            cfg.patch_size,
        ],
    )];
    let layer_norm = cfg.kind == VisionKind::Qwen2Vl;
    let norm = |out: &mut Vec<(String, Vec<usize>)>, name: &str| {
        out.push((format!("{name}.weight"), vec![e]));
        if layer_norm {
            out.push((format!("{name}.bias"), vec![e]));
        }
    };
    let lin = |out: &mut Vec<(String, Vec<usize>)>, name: &str, o: usize, i: usize| {
        out.push((format!("{name}.weight"), vec![o, i]));
        out.push((format!("{name}.bias"), vec![o]));
    };
    for b in 0..cfg.depth {
        let p = format!("blocks.{b}");
        norm(&mut out, &format!("{p}.norm1"));
        norm(&mut out, &format!("{p}.norm2"));
        lin(&mut out, &format!("{p}.attn.qkv"), 3 * e, e);
        lin(&mut out, &format!("{p}.attn.proj"), e, e);
        match cfg.kind {
            VisionKind::Qwen2Vl => {
                lin(&mut out, &format!("{p}.mlp.fc1"), m, e);
                lin(&mut out, &format!("{p}.mlp.fc2"), e, m);
            }
            VisionKind::Qwen25Vl => {
                lin(&mut out, &format!("{p}.mlp.gate_proj"), m, e);
                lin(&mut out, &format!("{p}.mlp.up_proj"), m, e);
                lin(&mut out, &format!("{p}.mlp.down_proj"), e, m);
            }
        }
    }
    norm(&mut out, "merger.ln_q");
    let md = cfg.merged_dim();
    lin(&mut out, "merger.mlp.0", md, md);
    lin(&mut out, "merger.mlp.2", cfg.out_dim, md);
    out
}

#[derive(Debug, Clone)]
enum Mlp {
    Plain {
        fc1: Linear,
        fc2: Linear,
    },
    Gated {
        gate: Linear,
        up: Linear,
        down: Linear,
    },
}

#[derive(Debug, Clone)]
struct Block {
    norm1: Norm,
    norm2: Norm,
    qkv: Linear,
    proj: Linear,
    mlp: Mlp,
}

/// A vision tower whose parameters are candle `Var`s.
#[derive(Debug, Clone)]
pub struct VisionTower {
    cfg: VisionConfig,
    /// `visual.` or `model.visual.`.
    prefix: String,
    vars: Vec<(String, Var)>,
    patch: Tensor,
    blocks: Vec<Block>,
    merger_norm: Norm,
    merger_fc0: Linear,
    merger_fc2: Linear,
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
        let mut vars = Vec::new();
        for (name, shape) in expected_tensors(cfg) {
            let full = format!("{prefix}{name}");
            let t = tensors
                .get(&full)
                .ok_or_else(|| VisionError::MissingTensor { name: full.clone() })?;
            if t.dims() != shape.as_slice() {
                return Err(VisionError::ShapeMismatch {
                    name: full,
                    got: t.dims().to_vec(),
                    want: shape,
                });
            }
            let t = t.to_device(device)?.to_dtype(dtype)?;
            vars.push((full, Var::from_tensor(&t)?));
        }
        Self::assemble(cfg.clone(), prefix.to_string(), vars, BTreeSet::new())
    }

    /// Random init from a seed: weights N(0, initializer_range), norm weights 1, biases 0 —
    /// the spread presets need so that outputs depend on the image.
    pub fn random(cfg: &VisionConfig, seed: u64, device: &Device) -> Result<Self> {
        cfg.validate()?;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let normal = Normal::new(0.0f32, cfg.initializer_range as f32)
            .map_err(|e| VisionError::Config(format!("initializer_range: {e}")))?;
        let prefix = "visual.".to_string();
        let mut vars = Vec::new();
        for (name, shape) in expected_tensors(cfg) {
            let n: usize = shape.iter().product();
            let is_norm = name.contains("norm") || name.contains("ln_q");
            let data: Vec<f32> = if name.ends_with(".bias") {
                vec![0.0; n]
            } else if is_norm {
                vec![1.0; n]
            } else {
                (0..n).map(|_| normal.sample(&mut rng)).collect()
            };
            let t = Tensor::from_vec(data, shape, device)?;
            vars.push((format!("{prefix}{name}"), Var::from_tensor(&t)?));
        }
        Self::assemble(cfg.clone(), prefix, vars, BTreeSet::new())
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
        let get = |name: &str| -> Result<Tensor> {
            let full = format!("{prefix}{name}");
            map.get(full.as_str())
                .cloned()
                .ok_or(VisionError::MissingTensor { name: full })
        };
        let lin = |name: &str| -> Result<Linear> {
            Ok(Linear {
                weight: get(&format!("{name}.weight"))?,
                bias: Some(get(&format!("{name}.bias"))?),
            })
        };
        let norm = |name: &str| -> Result<Norm> {
            Ok(match cfg.kind {
                VisionKind::Qwen2Vl => Norm::Layer {
                    weight: get(&format!("{name}.weight"))?,
                    bias: get(&format!("{name}.bias"))?,
                },
                VisionKind::Qwen25Vl => Norm::Rms {
                    weight: get(&format!("{name}.weight"))?,
                },
            })
        };
        let patch = get("patch_embed.proj.weight")?.reshape((cfg.embed_dim, cfg.patch_dim()))?;
        let mut blocks = Vec::with_capacity(cfg.depth);
        for b in 0..cfg.depth {
            let p = format!("blocks.{b}");
            let mlp = match cfg.kind {
                VisionKind::Qwen2Vl => Mlp::Plain {
                    fc1: lin(&format!("{p}.mlp.fc1"))?,
                    fc2: lin(&format!("{p}.mlp.fc2"))?,
                },
                VisionKind::Qwen25Vl => Mlp::Gated {
                    gate: lin(&format!("{p}.mlp.gate_proj"))?,
                    up: lin(&format!("{p}.mlp.up_proj"))?,
                    down: lin(&format!("{p}.mlp.down_proj"))?,
                },
            };
            blocks.push(Block {
                norm1: norm(&format!("{p}.norm1"))?,
                norm2: norm(&format!("{p}.norm2"))?,
                qkv: lin(&format!("{p}.attn.qkv"))?,
                proj: lin(&format!("{p}.attn.proj"))?,
                mlp,
            });
        }
        Ok(Self {
            merger_norm: norm("merger.ln_q")?,
            merger_fc0: lin("merger.mlp.0")?,
            merger_fc2: lin("merger.mlp.2")?,
            patch,
            blocks,
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
        let e = self.cfg.embed_dim;
        let dtype = self.patch.dtype();
        let mut x = crate::gemm::matmul(&pixels.to_dtype(dtype)?, &self.patch.t()?)?;
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
        let heads = self.cfg.num_heads;
        let hd = self.cfg.head_dim();
        for (i, b) in self.blocks.iter().enumerate() {
            let segments = match &windows {
                Some((lens, _)) if !self.cfg.fullatt_block_indexes.contains(&i) => lens,
                _ => &full,
            };
            let h = b.norm1.forward(&x)?;
            let qkv = b.qkv.forward(&h)?.reshape((n, 3, heads, hd))?;
            let q = apply_rope(&qkv.narrow(1, 0, 1)?.squeeze(1)?, &cos, &sin)?;
            let k = apply_rope(&qkv.narrow(1, 1, 1)?.squeeze(1)?, &cos, &sin)?;
            let v = qkv.narrow(1, 2, 1)?.squeeze(1)?;
            let a = segment_attention(&q, &k, &v, segments)?;
            x = (x + b.proj.forward(&a)?)?;
            let h = b.norm2.forward(&x)?;
            let m = match &b.mlp {
                Mlp::Plain { fc1, fc2 } => {
                    let y = fc1.forward(&h)?;
                    let y = match self.cfg.activation {
                        Activation::QuickGelu => quick_gelu(&y)?,
                        Activation::Silu => y.silu()?,
                        Activation::Gelu => y.gelu_erf()?,
                    };
                    fc2.forward(&y)?
                }
                Mlp::Gated { gate, up, down } => {
                    let g = gate.forward(&h)?;
                    let g = match self.cfg.activation {
                        Activation::QuickGelu => quick_gelu(&g)?,
                        Activation::Silu => g.silu()?,
                        Activation::Gelu => g.gelu_erf()?,
                    };
                    down.forward(&(g * up.forward(&h)?)?)?
                }
            };
            x = (x + m)?;
        }
        let y = self
            .merger_norm
            .forward(&x)?
            .reshape((n / unit, unit * e))?;
        let y = self.merger_fc0.forward(&y)?.gelu_erf()?;
        let mut y = self.merger_fc2.forward(&y)?;
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
            let map: HashMap<String, Tensor> = expected_tensors(&cfg)
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
        let mut map: HashMap<String, Tensor> = expected_tensors(&cfg)
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
