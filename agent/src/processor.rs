//! The Qwen2-VL / Qwen2.5-VL image and video processor, as transformers computes it.
//!
//! Steps (transformers `Qwen2VLImageProcessor` / `Qwen2VLVideoProcessor`): `smart_resize` to a
//! multiple of `patch_size·merge_size` within `[min_pixels, max_pixels]`, bicubic resize of the
//! 8-bit RGB image, rescale by `rescale_factor` (1/255), CLIP mean/std normalisation, then
//! flattening into `[grid_t·grid_h·grid_w, C·temporal_patch·patch·patch]` rows ordered by
//! merge block so that each run of `merge²` rows is one merged vision token.
//!
//! The bicubic resize reproduces Pillow's `Image.resize(BICUBIC)` bit for bit (same support,
//! coefficient normalisation, 22-bit fixed-point accumulation and 8-bit intermediate between the
//! horizontal and the vertical pass), which transformers' PIL image backend calls; video frames
//! use torchvision's uint8 antialiased port of it, whose int16 weights carry fewer bits
//! ([`Resampler::Torch`]). The committed parity fixture checks resized-and-normalised image and
//! video pixel values within 1e-5 (float rounding of the normalisation only).
use std::path::Path;

use rulegym_render::Frame;
use serde_json::Value;

/// Errors from reading a processor config or preparing an image or video.
#[derive(Debug, thiserror::Error)]
pub enum ProcessorError {
    #[error("{path}: {message}")]
    Config { path: String, message: String },
    #[error("image {what} has zero size ({width}x{height})")]
    ZeroSize {
        what: String,
        width: u32,
        height: u32,
    },
    #[error("image {what}: absolute aspect ratio must be smaller than 200, got {ratio:.1}")]
    AspectRatio { what: String, ratio: f64 },
    #[error("cannot read image {path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("video has no frames")]
    EmptyVideo,
    #[error("video frame {index} is {got_w}x{got_h} but frame 0 is {want_w}x{want_h}; all frames of a video must share one size")]
    FrameSize {
        index: usize,
        got_w: u32,
        got_h: u32,
        want_w: u32,
        want_h: u32,
    },
}

/// Processor settings, read from `preprocessor_config.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProcessorConfig {
    /// Lower bound on resized image area (`size.shortest_edge` in transformers 5).
    pub min_pixels: usize,
    /// Upper bound on resized image area (`size.longest_edge` in transformers 5).
    pub max_pixels: usize,
    /// Bounds used for video frames (`video_preprocessor_config.json`, else the image bounds,
    /// which is what transformers falls back to when a checkpoint has no video config).
    pub video_min_pixels: usize,
    pub video_max_pixels: usize,
    pub patch_size: usize,
    pub temporal_patch_size: usize,
    pub merge_size: usize,
    pub image_mean: [f32; 3],
    pub image_std: [f32; 3],
    pub rescale_factor: f64,
}

/// OpenAI CLIP normalisation constants (transformers `OPENAI_CLIP_MEAN` / `_STD`).
pub const CLIP_MEAN: [f32; 3] = [0.481_454_66, 0.457_827_5, 0.408_210_73];
pub const CLIP_STD: [f32; 3] = [0.268_629_54, 0.261_302_6, 0.275_777_1];

impl Default for ProcessorConfig {
    fn default() -> Self {
        Self {
            min_pixels: 56 * 56,
            max_pixels: 28 * 28 * 1280,
            video_min_pixels: 56 * 56,
            video_max_pixels: 28 * 28 * 1280,
            patch_size: 14,
            temporal_patch_size: 2,
            merge_size: 2,
            image_mean: CLIP_MEAN,
            image_std: CLIP_STD,
            rescale_factor: 1.0 / 255.0,
        }
    }
}

/// Reads `(min, max)` pixel bounds from a processor JSON (`min_pixels`/`max_pixels` at the top as
/// the hub writes them, or transformers 5's `size.shortest_edge`/`size.longest_edge`).
fn pixel_bounds(v: &Value) -> (Option<usize>, Option<usize>) {
    let num = |x: Option<&Value>| x.and_then(Value::as_u64).map(|n| n as usize);
    let size = v.get("size");
    let min = num(v.get("min_pixels")).or_else(|| num(size.and_then(|s| s.get("shortest_edge"))));
    let max = num(v.get("max_pixels")).or_else(|| num(size.and_then(|s| s.get("longest_edge"))));
    (min, max)
}

fn read_json(path: &Path) -> Result<Value, ProcessorError> {
    let err = |message: String| ProcessorError::Config {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| err(format!("invalid JSON: {e}")))
}

impl ProcessorConfig {
    /// Parses a Hugging Face processor JSON; keys we do not interpret are ignored (the hub files
    /// carry class names and flags that do not change the computation here).
    pub fn from_hf_json(v: &Value, path: &str) -> Result<Self, ProcessorError> {
        let err = |message: String| ProcessorError::Config {
            path: path.to_string(),
            message,
        };
        let d = Self::default();
        let usize_of = |k: &str, def: usize| -> Result<usize, ProcessorError> {
            match v.get(k).filter(|x| !x.is_null()) {
                Some(x) => x
                    .as_u64()
                    .map(|n| n as usize)
                    .ok_or_else(|| err(format!("{k} must be a positive integer"))),
                None => Ok(def),
            }
        };
        let triple = |k: &str, def: [f32; 3]| -> Result<[f32; 3], ProcessorError> {
            match v.get(k).filter(|x| !x.is_null()) {
                Some(x) => {
                    let a: Vec<f32> =
                        serde_json::from_value(x.clone()).map_err(|e| err(format!("{k}: {e}")))?;
                    <[f32; 3]>::try_from(a.as_slice())
                        .map_err(|_| err(format!("{k} must have 3 entries, got {}", a.len())))
                }
                None => Ok(def),
            }
        };
        for flag in ["do_resize", "do_rescale", "do_normalize"] {
            if v.get(flag).and_then(Value::as_bool) == Some(false) {
                return Err(err(format!("{flag}=false is not supported")));
            }
        }
        let (min, max) = pixel_bounds(v);
        let cfg = Self {
            min_pixels: min.unwrap_or(d.min_pixels),
            max_pixels: max.unwrap_or(d.max_pixels),
            video_min_pixels: min.unwrap_or(d.min_pixels),
            video_max_pixels: max.unwrap_or(d.max_pixels),
            patch_size: usize_of("patch_size", d.patch_size)?,
            temporal_patch_size: usize_of("temporal_patch_size", d.temporal_patch_size)?,
            merge_size: usize_of("merge_size", d.merge_size)?,
            image_mean: triple("image_mean", d.image_mean)?,
            image_std: triple("image_std", d.image_std)?,
            rescale_factor: v
                .get("rescale_factor")
                .and_then(Value::as_f64)
                .unwrap_or(d.rescale_factor),
        };
        cfg.validate().map_err(err)?;
        Ok(cfg)
    }

    /// Loads `preprocessor_config.json` (and `video_preprocessor_config.json` when present)
    /// from a checkpoint folder; a folder without one gets the defaults.
    pub fn load(dir: &Path) -> Result<Self, ProcessorError> {
        let p = dir.join("preprocessor_config.json");
        let mut cfg = if p.exists() {
            Self::from_hf_json(&read_json(&p)?, &p.display().to_string())?
        } else {
            Self::default()
        };
        let vp = dir.join("video_preprocessor_config.json");
        if vp.exists() {
            let (min, max) = pixel_bounds(&read_json(&vp)?);
            cfg.video_min_pixels = min.unwrap_or(cfg.video_min_pixels);
            cfg.video_max_pixels = max.unwrap_or(cfg.video_max_pixels);
        }
        Ok(cfg)
    }

    /// Writes `preprocessor_config.json` as transformers' Qwen2-VL image processor saves it.
    pub fn save(&self, dir: &Path) -> Result<(), ProcessorError> {
        let mut v = serde_json::json!({
            "image_processor_type": "Qwen2VLImageProcessor",
            "processor_class": "Qwen2VLProcessor",
            "do_resize": true, "do_rescale": true, "do_normalize": true, "do_convert_rgb": true,
            "resample": 3, "rescale_factor": self.rescale_factor,
            "image_mean": self.image_mean, "image_std": self.image_std,
            "min_pixels": self.min_pixels, "max_pixels": self.max_pixels,
            "size": {"shortest_edge": self.min_pixels, "longest_edge": self.max_pixels},
            "patch_size": self.patch_size, "temporal_patch_size": self.temporal_patch_size,
            "merge_size": self.merge_size,
        });
        let write = |name: &str, v: &Value| -> Result<(), ProcessorError> {
            let path = dir.join(name);
            let text = serde_json::to_string_pretty(v).map_err(|e| ProcessorError::Config {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            std::fs::write(&path, text).map_err(|e| ProcessorError::Config {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        };
        write("preprocessor_config.json", &v)?;
        if (self.video_min_pixels, self.video_max_pixels) != (self.min_pixels, self.max_pixels) {
            v["video_processor_type"] = "Qwen2VLVideoProcessor".into();
            v["min_pixels"] = self.video_min_pixels.into();
            v["max_pixels"] = self.video_max_pixels.into();
            v["size"] = serde_json::json!({"shortest_edge": self.video_min_pixels,
                                           "longest_edge": self.video_max_pixels});
            write("video_preprocessor_config.json", &v)?;
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), String> {
        if self.patch_size == 0 || self.temporal_patch_size == 0 || self.merge_size == 0 {
            return Err("patch_size, temporal_patch_size and merge_size must be > 0".into());
        }
        if self.min_pixels > self.max_pixels || self.video_min_pixels > self.video_max_pixels {
            return Err(format!(
                "min_pixels {} exceeds max_pixels {}",
                self.min_pixels, self.max_pixels
            ));
        }
        if self.image_std.contains(&0.0) {
            return Err("image_std must not contain 0".into());
        }
        Ok(())
    }

    /// `patch_size · merge_size`: resized sides are multiples of this.
    pub fn factor(&self) -> usize {
        self.patch_size * self.merge_size
    }

    /// Length of one flattened patch row: `3 · temporal_patch_size · patch_size²`.
    pub fn patch_dim(&self) -> usize {
        3 * self.temporal_patch_size * self.patch_size * self.patch_size
    }
}

/// Target `(height, width)`: both multiples of `factor`, area within `[min_pixels, max_pixels]`,
/// aspect ratio kept as closely as possible (transformers `smart_resize`, including Python's
/// round-half-to-even).
pub fn smart_resize(
    height: usize,
    width: usize,
    factor: usize,
    min_pixels: usize,
    max_pixels: usize,
) -> Result<(usize, usize), ProcessorError> {
    if height == 0 || width == 0 {
        return Err(ProcessorError::ZeroSize {
            what: "input".into(),
            width: width as u32,
            height: height as u32,
        });
    }
    let (h, w, f) = (height as f64, width as f64, factor as f64);
    let ratio = h.max(w) / h.min(w);
    if ratio > 200.0 {
        return Err(ProcessorError::AspectRatio {
            what: format!("{width}x{height}"),
            ratio,
        });
    }
    let mut h_bar = (h / f).round_ties_even() as usize * factor;
    let mut w_bar = (w / f).round_ties_even() as usize * factor;
    if h_bar * w_bar > max_pixels {
        let beta = ((height * width) as f64 / max_pixels as f64).sqrt();
        h_bar = factor.max((h / beta / f).floor() as usize * factor);
        w_bar = factor.max((w / beta / f).floor() as usize * factor);
    } else if h_bar * w_bar < min_pixels {
        let beta = (min_pixels as f64 / (height * width) as f64).sqrt();
        h_bar = (h * beta / f).ceil() as usize * factor;
        w_bar = (w * beta / f).ceil() as usize * factor;
    }
    Ok((h_bar, w_bar))
}

/// Pillow's fixed-point precision for 8-bit resampling.
const PRECISION_BITS: u32 = 32 - 8 - 2;

/// Whose 8-bit bicubic resize to reproduce: transformers resizes images with Pillow and video
/// frames with torchvision, whose uint8 antialiased kernel (ATen `UpSampleKernel.cpp`) ports
/// Pillow's algorithm but stores weights as int16 with a per-axis precision, so a few pixels
/// round differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resampler {
    /// `PIL.Image.resize(BICUBIC)`: 22-bit weights.
    Pillow,
    /// `torch.nn.functional.interpolate(uint8, mode="bicubic", antialias=True)`: the largest
    /// precision (≤ 22 bits) at which twice the largest weight still fits in an int16.
    Torch,
}

/// The bicubic kernel (a = −0.5), support 2, with each library's operation order.
fn bicubic(x: f64, r: Resampler) -> f64 {
    const A: f64 = -0.5;
    let x = x.abs();
    if x < 1.0 {
        ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0
    } else if x < 2.0 {
        match r {
            Resampler::Pillow => (((x - 5.0) * x + 8.0) * x - 4.0) * A,
            Resampler::Torch => ((A * x - 5.0 * A) * x + 8.0 * A) * x - 4.0 * A,
        }
    } else {
        0.0
    }
}

/// Per output pixel: first input index and fixed-point weights, plus the precision in bits
/// (Pillow `precompute_coeffs` + `normalize_coeffs_8bpc`; ATen
/// `_compute_index_ranges_int16_weights`).
fn coefficients(in_size: usize, out_size: usize, r: Resampler) -> (Vec<(usize, Vec<i32>)>, u32) {
    let scale = in_size as f64 / out_size as f64;
    let filterscale = scale.max(1.0);
    let support = 2.0 * filterscale;
    let ss = 1.0 / filterscale;
    let mut wt_max = 0f64;
    let float: Vec<(usize, Vec<f64>)> = (0..out_size)
        .map(|xx| {
            let center = (xx as f64 + 0.5) * scale;
            // C's (int) cast truncates toward zero; clamping to 0 makes that equal to floor here.
            let xmin = ((center - support + 0.5) as i64).max(0) as usize;
            let xmax = (((center + support + 0.5) as i64).min(in_size as i64) as usize).max(xmin);
            let w: Vec<f64> = (xmin..xmax)
                .map(|x| bicubic((x as f64 - center + 0.5) * ss, r))
                .collect();
            let total: f64 = w.iter().sum();
            let w: Vec<f64> = match total != 0.0 {
                true => w.iter().map(|v| v / total).collect(),
                false => w,
            };
            if total != 0.0 {
                wt_max = w.iter().copied().fold(wt_max, f64::max);
            }
            (xmin, w)
        })
        .collect();
    let precision = match r {
        Resampler::Pillow => PRECISION_BITS,
        Resampler::Torch => (0..22)
            .find(|p| (0.5 + wt_max * (1u64 << (p + 1)) as f64) as i64 >= 1 << 15)
            .unwrap_or(22),
    };
    let one = (1u64 << precision) as f64;
    let fixed = float
        .into_iter()
        .map(|(xmin, w)| {
            let k = w
                .iter()
                .map(|v| {
                    let v = v * one;
                    // C's rounding: (int)(v ± 0.5), truncating toward zero.
                    (if v < 0.0 { v - 0.5 } else { v + 0.5 }) as i32
                })
                .collect();
            (xmin, k)
        })
        .collect();
    (fixed, precision)
}

/// Bicubic resize of an RGB8 frame exactly as Pillow's `Image.resize((w, h), BICUBIC)`.
pub fn resize_bicubic(frame: &Frame, out_w: usize, out_h: usize) -> Frame {
    resize_bicubic_with(frame, out_w, out_h, Resampler::Pillow)
}

/// Bicubic resize of an RGB8 frame as `r` computes it: a horizontal then a vertical pass, each
/// in fixed point with an 8-bit result.
pub fn resize_bicubic_with(frame: &Frame, out_w: usize, out_h: usize, r: Resampler) -> Frame {
    let (in_w, in_h) = (frame.width() as usize, frame.height() as usize);
    let mut data = frame.as_rgb().to_vec();
    let mut cur_w = in_w;
    let clip8 = |acc: i64, bits: u32| (acc >> bits).clamp(0, 255) as u8;
    if out_w != in_w {
        let (coeffs, bits) = coefficients(in_w, out_w, r);
        let half = 1i64 << (bits.max(1) - 1);
        let mut out = vec![0u8; out_w * in_h * 3];
        for y in 0..in_h {
            let row = &data[y * in_w * 3..(y + 1) * in_w * 3];
            for (xx, (xmin, k)) in coeffs.iter().enumerate() {
                let mut acc = [half; 3];
                for (i, w) in k.iter().enumerate() {
                    let p = (xmin + i) * 3;
                    for c in 0..3 {
                        acc[c] += row[p + c] as i64 * *w as i64;
                    }
                }
                for c in 0..3 {
                    out[(y * out_w + xx) * 3 + c] = clip8(acc[c], bits);
                }
            }
        }
        data = out;
        cur_w = out_w;
    }
    if out_h != in_h {
        let (coeffs, bits) = coefficients(in_h, out_h, r);
        let half = 1i64 << (bits.max(1) - 1);
        let stride = cur_w * 3;
        let mut out = vec![0u8; out_h * stride];
        for (yy, (ymin, k)) in coeffs.iter().enumerate() {
            for i in 0..stride {
                let mut acc = half;
                for (j, w) in k.iter().enumerate() {
                    acc += data[(ymin + j) * stride + i] as i64 * *w as i64;
                }
                out[yy * stride + i] = clip8(acc, bits);
            }
        }
        data = out;
    }
    // Sizes match by construction: `data` holds out_w × out_h RGB pixels.
    Frame::from_rgb(out_w as u32, out_h as u32, data)
        .unwrap_or_else(|_| Frame::filled(out_w as u32, out_h as u32, [0, 0, 0]))
}

/// Flattened patches of one image or video and its grid, ready for the vision tower.
#[derive(Debug, Clone, PartialEq)]
pub struct VisionInput {
    /// Row-major `[grid_t·grid_h·grid_w, patch_dim]`.
    pub pixel_values: Vec<f32>,
    /// `(t, h, w)` in patches (`image_grid_thw` / `video_grid_thw`).
    pub grid_thw: [usize; 3],
    pub patch_dim: usize,
    /// True for videos (placeholders are `<|video_pad|>`).
    pub is_video: bool,
}

impl VisionInput {
    pub fn num_patches(&self) -> usize {
        self.grid_thw.iter().product()
    }

    /// Number of `<|image_pad|>` / `<|video_pad|>` tokens: `t·h·w / merge²`.
    pub fn num_tokens(&self, merge_size: usize) -> usize {
        self.num_patches() / (merge_size * merge_size).max(1)
    }
}

/// Reads an image file as RGB, naming the file in the error when it cannot be decoded.
pub fn load_frame(path: &Path) -> Result<Frame, ProcessorError> {
    let frame = Frame::load(path).map_err(|e| ProcessorError::Unreadable {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    if frame.width() == 0 || frame.height() == 0 {
        return Err(ProcessorError::ZeroSize {
            what: path.display().to_string(),
            width: frame.width(),
            height: frame.height(),
        });
    }
    Ok(frame)
}

/// The processor: resizes, normalises and patchifies frames.
#[derive(Debug, Clone, Default)]
pub struct Processor {
    pub config: ProcessorConfig,
}

impl Processor {
    pub fn new(config: ProcessorConfig) -> Self {
        Self { config }
    }

    /// One image: a video of one frame repeated `temporal_patch_size` times (grid_t = 1).
    pub fn image(&self, frame: &Frame) -> Result<VisionInput, ProcessorError> {
        let c = &self.config;
        self.frames(
            std::slice::from_ref(frame),
            c.min_pixels,
            c.max_pixels,
            false,
        )
    }

    /// A video given as frames (all one size). An odd frame count is padded by repeating the last
    /// frame up to a multiple of `temporal_patch_size`, as transformers does; a one-frame video
    /// therefore equals an image with `grid_t = 1`.
    pub fn video(&self, frames: &[Frame]) -> Result<VisionInput, ProcessorError> {
        let c = &self.config;
        self.frames(frames, c.video_min_pixels, c.video_max_pixels, true)
    }

    fn frames(
        &self,
        frames: &[Frame],
        min_pixels: usize,
        max_pixels: usize,
        is_video: bool,
    ) -> Result<VisionInput, ProcessorError> {
        let c = &self.config;
        let first = frames.first().ok_or(ProcessorError::EmptyVideo)?;
        let (w0, h0) = (first.width(), first.height());
        for (index, f) in frames.iter().enumerate() {
            if f.width() == 0 || f.height() == 0 {
                return Err(ProcessorError::ZeroSize {
                    what: format!("frame {index}"),
                    width: f.width(),
                    height: f.height(),
                });
            }
            if (f.width(), f.height()) != (w0, h0) {
                return Err(ProcessorError::FrameSize {
                    index,
                    got_w: f.width(),
                    got_h: f.height(),
                    want_w: w0,
                    want_h: h0,
                });
            }
        }
        let (rh, rw) = smart_resize(h0 as usize, w0 as usize, c.factor(), min_pixels, max_pixels)?;
        let tp = c.temporal_patch_size;
        let n_frames = frames.len().div_ceil(tp) * tp;
        // Normalised CHW planes per frame (the padding repeats the last frame).
        let mut planes: Vec<Vec<f32>> = Vec::with_capacity(frames.len());
        for f in frames {
            // transformers' video processor resizes with torchvision, its image processor
            // (as the fixtures use it) with Pillow.
            let resampler = match is_video {
                true => Resampler::Torch,
                false => Resampler::Pillow,
            };
            let resized = if (rw, rh) == (w0 as usize, h0 as usize) {
                f.clone()
            } else {
                resize_bicubic_with(f, rw, rh, resampler)
            };
            planes.push(self.normalise(&resized));
        }
        let (p, m) = (c.patch_size, c.merge_size);
        let (gt, gh, gw) = (n_frames / tp, rh / p, rw / p);
        let patch_dim = c.patch_dim();
        let mut out = Vec::with_capacity(gt * gh * gw * patch_dim);
        let plane = rh * rw;
        for t in 0..gt {
            for bh in 0..gh / m {
                for bw in 0..gw / m {
                    for mh in 0..m {
                        for mw in 0..m {
                            let (y0, x0) = ((bh * m + mh) * p, (bw * m + mw) * p);
                            for ch in 0..3 {
                                for k in 0..tp {
                                    let fi = (t * tp + k).min(planes.len() - 1);
                                    let src = &planes[fi][ch * plane..(ch + 1) * plane];
                                    for py in 0..p {
                                        let row = (y0 + py) * rw + x0;
                                        out.extend_from_slice(&src[row..row + p]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(VisionInput {
            pixel_values: out,
            grid_thw: [gt, gh, gw],
            patch_dim,
            is_video,
        })
    }

    /// Rescale then normalise into CHW f32, with transformers' rounding: `u8 · scale` in f64
    /// cast to f32, then `(x − mean) / std` in f32.
    fn normalise(&self, f: &Frame) -> Vec<f32> {
        let c = &self.config;
        let n = f.width() as usize * f.height() as usize;
        let mut out = vec![0f32; 3 * n];
        for (i, px) in f.as_rgb().chunks_exact(3).enumerate() {
            for ch in 0..3 {
                let x = (px[ch] as f64 * c.rescale_factor) as f32;
                out[ch * n + i] = (x - c.image_mean[ch]) / c.image_std[ch];
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32) -> Frame {
        let mut data = Vec::new();
        for y in 0..h {
            for x in 0..w {
                data.extend_from_slice(&[
                    (x * 7 % 256) as u8,
                    (y * 5 % 256) as u8,
                    ((x + y) * 3 % 256) as u8,
                ]);
            }
        }
        Frame::from_rgb(w, h, data).unwrap_or_else(|_| Frame::filled(w, h, [0, 0, 0]))
    }

    #[test]
    fn smart_resize_matches_transformers_examples() -> Result<(), ProcessorError> {
        // Values computed with transformers' smart_resize.
        assert_eq!(smart_resize(75, 100, 28, 3136, 1_003_520)?, (84, 112));
        // Python rounds 2.5 to 2 (half to even).
        assert_eq!(smart_resize(70, 70, 28, 56 * 56, 1_003_520)?, (56, 56));
        assert_eq!(smart_resize(10, 10, 28, 56 * 56, 1_003_520)?, (56, 56));
        assert_eq!(smart_resize(1000, 2000, 28, 3136, 112 * 112)?, (56, 140));
        assert_eq!(smart_resize(448, 448, 28, 3136, 1_003_520)?, (448, 448));
        Ok(())
    }

    #[test]
    fn smart_resize_rejects_extreme_aspect_and_zero_size() {
        assert!(matches!(
            smart_resize(1, 300, 28, 3136, 1_003_520),
            Err(ProcessorError::AspectRatio { .. })
        ));
        assert!(matches!(
            smart_resize(0, 30, 28, 3136, 1_003_520),
            Err(ProcessorError::ZeroSize { .. })
        ));
    }

    #[test]
    fn resize_of_a_constant_image_stays_constant() {
        let f = Frame::filled(37, 23, [200, 10, 99]);
        for resampler in [Resampler::Pillow, Resampler::Torch] {
            let r = resize_bicubic_with(&f, 56, 84, resampler);
            assert_eq!((r.width(), r.height()), (56, 84));
            assert!(r.as_rgb().chunks_exact(3).all(|p| p == [200, 10, 99]));
        }
    }

    #[test]
    fn image_patches_follow_merge_block_order() -> Result<(), ProcessorError> {
        let cfg = ProcessorConfig {
            min_pixels: 56 * 56,
            max_pixels: 56 * 84,
            ..ProcessorConfig::default()
        };
        let proc = Processor::new(cfg.clone());
        let f = gradient(84, 56);
        let x = proc.image(&f)?;
        assert_eq!(x.grid_thw, [1, 4, 6]);
        assert_eq!(x.pixel_values.len(), 24 * cfg.patch_dim());
        assert_eq!(x.num_tokens(2), 6);
        // Row 1 is the patch right of row 0 (same merge block); row 2 is the patch below.
        let plane = proc.normalise(&f);
        let at = |ch: usize, y: usize, x: usize| plane[ch * 84 * 56 + y * 84 + x];
        let pd = cfg.patch_dim();
        let row = |r: usize, ch: usize, t: usize, py: usize, px: usize| {
            x.pixel_values[r * pd + ch * 2 * 196 + t * 196 + py * 14 + px]
        };
        assert_eq!(row(1, 0, 0, 0, 0), at(0, 0, 14));
        assert_eq!(row(2, 1, 1, 3, 5), at(1, 17, 5));
        // Row 4 starts the second merge block, to the right of the first.
        assert_eq!(row(4, 2, 0, 0, 0), at(2, 0, 28));
        // The temporal copies are equal for an image.
        assert_eq!(row(3, 2, 0, 7, 9), row(3, 2, 1, 7, 9));
        Ok(())
    }

    #[test]
    fn odd_video_repeats_the_last_frame_and_one_frame_equals_an_image() -> Result<(), ProcessorError>
    {
        let proc = Processor::default();
        let frames = [
            gradient(56, 56),
            Frame::filled(56, 56, [9, 9, 9]),
            gradient(56, 56),
        ];
        let v = proc.video(&frames)?;
        assert_eq!(v.grid_thw, [2, 4, 4]);
        assert_eq!(v.num_tokens(2), 8);
        let single = proc.video(&frames[..1])?;
        let img = proc.image(&frames[0])?;
        assert_eq!(single.pixel_values, img.pixel_values);
        assert_eq!(single.grid_thw, [1, 4, 4]);
        Ok(())
    }

    #[test]
    fn bad_videos_are_refused_clearly() {
        let proc = Processor::default();
        assert!(matches!(proc.video(&[]), Err(ProcessorError::EmptyVideo)));
        let mixed = [Frame::filled(56, 56, [0; 3]), Frame::filled(28, 56, [0; 3])];
        assert!(matches!(
            proc.video(&mixed),
            Err(ProcessorError::FrameSize { index: 1, .. })
        ));
        let empty = Frame::filled(0, 0, [0; 3]);
        assert!(matches!(
            proc.image(&empty),
            Err(ProcessorError::ZeroSize { .. })
        ));
    }

    #[test]
    fn unreadable_image_names_the_file() {
        let dir = std::env::temp_dir().join("rulegym_processor_unreadable.png");
        let _ = std::fs::write(&dir, b"not a png");
        let e = load_frame(&dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("rulegym_processor_unreadable.png"), "{e}");
    }

    #[test]
    fn config_reads_hub_and_transformers5_shapes() -> Result<(), ProcessorError> {
        let hub = serde_json::json!({"min_pixels": 3136, "max_pixels": 12544, "patch_size": 14,
            "temporal_patch_size": 2, "merge_size": 2, "image_processor_type": "Qwen2VLImageProcessor"});
        let c = ProcessorConfig::from_hf_json(&hub, "p.json")?;
        assert_eq!((c.min_pixels, c.max_pixels), (3136, 12544));
        let t5 = serde_json::json!({"size": {"shortest_edge": 100, "longest_edge": 2000}});
        let c = ProcessorConfig::from_hf_json(&t5, "p.json")?;
        assert_eq!((c.min_pixels, c.max_pixels), (100, 2000));
        let bad = serde_json::json!({"image_mean": [0.5, 0.5]});
        assert!(ProcessorConfig::from_hf_json(&bad, "p.json").is_err());
        Ok(())
    }
}
