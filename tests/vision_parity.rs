//! Parity of the vision processor, towers and M-RoPE positions with transformers, on the tiny
//! random checkpoints built by `scripts/make_vision_fixtures.py` (tests/data/vision/).
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use candle_core::{Device, Tensor};
use rulegym_agent::processor::{load_frame, Processor, ProcessorConfig};
use rulegym_agent::vision::{
    detect_prefix, mrope_positions, PlaceholderIds, TextAfterVision, VisionConfig, VisionSpan,
    VisionTower,
};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vision")
}

fn inputs() -> Result<HashMap<String, Tensor>> {
    Ok(candle_core::safetensors::load(
        data().join("inputs.safetensors"),
        &Device::Cpu,
    )?)
}

fn max_diff(a: &Tensor, b: &Tensor) -> Result<f32> {
    Ok((a - b)?.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>()?)
}

fn grid(t: &Tensor) -> Result<[usize; 3]> {
    let v: Vec<i64> = t.flatten_all()?.to_vec1()?;
    Ok([v[0] as usize, v[1] as usize, v[2] as usize])
}

fn processor() -> Result<Processor> {
    Ok(Processor::new(ProcessorConfig::load(
        &data().join("qwen2_vl"),
    )?))
}

fn video_frames() -> Result<Vec<rulegym_render::Frame>> {
    (0..3)
        .map(|i| Ok(load_frame(&data().join(format!("frames/video_{i}.png")))?))
        .collect()
}

#[test]
fn image_pixels_match_transformers() -> Result<()> {
    let x = processor()?.image(&load_frame(&data().join("frames/image.png"))?)?;
    let want = &inputs()?["image_pixel_values"];
    assert_eq!(x.grid_thw, grid(&inputs()?["image_grid_thw"])?);
    let got = Tensor::from_vec(x.pixel_values, want.dims(), &Device::Cpu)?;
    let d = max_diff(&got, want)?;
    assert!(d < 1e-5, "max pixel difference {d}");
    Ok(())
}

#[test]
fn video_pixels_match_transformers() -> Result<()> {
    let x = processor()?.video(&video_frames()?)?;
    let want = &inputs()?["video_pixel_values"];
    assert_eq!(x.grid_thw, grid(&inputs()?["video_grid_thw"])?);
    // transformers resizes video frames with torchvision's uint8 antialiased bicubic (int16
    // weights), which the processor reproduces: only float rounding of the normalisation is left.
    let got = Tensor::from_vec(x.pixel_values, want.dims(), &Device::Cpu)?;
    let d = max_diff(&got, want)?;
    assert!(d < 1e-5, "max pixel difference {d}");
    Ok(())
}

struct Fixture {
    tower: VisionTower,
    expected: serde_json::Value,
    embeds: HashMap<String, Tensor>,
    ids: PlaceholderIds,
    tokens_per_second: Option<f64>,
    dev: Device,
}

/// The tower on `RULEGYM_DEVICE` (the CPU unless set); expectations stay on the CPU.
fn fixture(model_type: &str) -> Result<Fixture> {
    let dir = data().join(model_type);
    let (dev, _) = rulegym_agent::device_from_env()?;
    let cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json"))?)?;
    let vc = VisionConfig::from_hf_json(model_type, &cfg["vision_config"])?;
    let tensors = candle_core::safetensors::load(dir.join("model.safetensors"), &dev)?;
    let prefix = detect_prefix(tensors.keys());
    let tower = VisionTower::from_tensors(&vc, &tensors, &prefix, candle_core::DType::F32, &dev)?;
    let id = |k: &str| {
        cfg[k]
            .as_u64()
            .map(|v| v as u32)
            .ok_or_else(|| anyhow!("no {k}"))
    };
    let expected = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json"))?)?;
    Ok(Fixture {
        tokens_per_second: (model_type == "qwen2_5_vl").then_some(vc.tokens_per_second),
        dev: dev.clone(),
        tower,
        expected,
        embeds: candle_core::safetensors::load(dir.join("embeds.safetensors"), &Device::Cpu)?,
        ids: PlaceholderIds {
            image: id("image_token_id")?,
            video: id("video_token_id")?,
        },
    })
}

fn check_tower(model_type: &str) -> Result<()> {
    let f = fixture(model_type)?;
    let inp = inputs()?;
    for kind in ["image", "video"] {
        let px = &inp[&format!("{kind}_pixel_values")];
        let g = grid(&inp[&format!("{kind}_grid_thw")])?;
        let got = f
            .tower
            .forward(&px.to_device(&f.dev)?, &[g])?
            .to_device(&Device::Cpu)?;
        let want = &f.embeds[&format!("{kind}_embeds")];
        let d = max_diff(&got, want)?;
        assert!(
            d < 1e-4,
            "{model_type} {kind}: max embedding difference {d}"
        );
    }
    Ok(())
}

#[test]
fn qwen2_vl_tower_matches_transformers() -> Result<()> {
    check_tower("qwen2_vl")
}

#[test]
fn qwen2_5_vl_window_tower_matches_transformers() -> Result<()> {
    check_tower("qwen2_5_vl")
}

fn check_positions(model_type: &str) -> Result<()> {
    let f = fixture(model_type)?;
    for kind in ["image", "video"] {
        let e = &f.expected[kind];
        let ids = |k: &str| -> Result<Vec<u32>> {
            serde_json::from_value(e[k].clone()).context(k.to_string())
        };
        let mut toks = ids("prompt")?;
        toks.extend(ids("completion")?);
        let g: Vec<usize> = serde_json::from_value(e["grid_thw"].clone())?;
        let span = VisionSpan {
            grid_thw: [g[0], g[1], g[2]],
            is_video: kind == "video",
            second_per_grid_t: e["second_per_grid_t"].as_f64().unwrap_or(0.0),
        };
        // The fixtures come from transformers 5, whose rule for text after a video differs
        // from Qwen's (the policy's default).
        let after = TextAfterVision::SpatialExtent;
        let got = mrope_positions(&toks, f.ids, &[span], 2, f.tokens_per_second, after)?;
        let want: Vec<Vec<u32>> = serde_json::from_value(e["position_ids"].clone())?;
        assert_eq!(got.to_vec(), want, "{model_type} {kind}");
    }
    Ok(())
}

#[test]
fn qwen2_vl_mrope_positions_match_get_rope_index() -> Result<()> {
    check_positions("qwen2_vl")
}

#[test]
fn qwen2_5_vl_mrope_positions_match_get_rope_index() -> Result<()> {
    check_positions("qwen2_5_vl")
}

/// Copies a fixture checkpoint into a temp folder with a tokenizer.json (the fixture uses raw
/// ids below 320; the compact tokenizer only has to load).
fn checkpoint_dir(model_type: &str) -> Result<PathBuf> {
    checkpoint_dir_tagged(model_type, "parity")
}

/// [`checkpoint_dir`] under its own folder per `tag` (tests run in parallel).
fn checkpoint_dir_tagged(model_type: &str, tag: &str) -> Result<PathBuf> {
    let dev = Device::Cpu;
    let tmp = std::env::temp_dir().join(format!(
        "rulegym_vision_{tag}_{model_type}_{}",
        std::process::id()
    ));
    let tiny = tmp.join("tiny");
    rulegym_agent::Policy::preset("tiny", 0, &dev)?.save(&tiny)?;
    let dir = tmp.join("ckpt");
    std::fs::create_dir_all(&dir)?;
    for f in [
        "config.json",
        "model.safetensors",
        "preprocessor_config.json",
    ] {
        std::fs::copy(data().join(model_type).join(f), dir.join(f))?;
    }
    std::fs::copy(tiny.join("tokenizer.json"), dir.join("tokenizer.json"))?;
    Ok(dir)
}

fn check_logprobs(model_type: &str) -> Result<()> {
    use rulegym_agent::multimodal::VisionPrompt;
    use rulegym_agent::processor::VisionInput;
    let dir = checkpoint_dir(model_type)?;
    let (dev, _) = rulegym_agent::device_from_env()?;
    let mut policy = rulegym_agent::Policy::load(&dir, &dev)?;
    policy.set_text_after_vision(TextAfterVision::SpatialExtent)?;
    let f = fixture(model_type)?;
    let inp = inputs()?;
    for kind in ["image", "video"] {
        let e = &f.expected[kind];
        let prompt: Vec<u32> = serde_json::from_value(e["prompt"].clone())?;
        let completion: Vec<u32> = serde_json::from_value(e["completion"].clone())?;
        let want: Vec<f64> = serde_json::from_value(e["logprobs"].clone())?;
        let px = &inp[&format!("{kind}_pixel_values")];
        let vision = VisionInput {
            pixel_values: px.flatten_all()?.to_vec1()?,
            grid_thw: grid(&inp[&format!("{kind}_grid_thw")])?,
            patch_dim: px.dim(1)?,
            is_video: kind == "video",
        };
        let vp = VisionPrompt {
            tokens: prompt,
            vision: vec![vision],
        };
        let (lp, mask) = policy.log_probs_vision(&[(vp, completion.clone())], None, 1.0)?;
        let got: Vec<f32> = lp.flatten_all()?.to_vec1()?;
        assert_eq!(
            mask.flatten_all()?.to_vec1::<f32>()?,
            vec![1.0; completion.len()]
        );
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(
                (*g as f64 - w).abs() < 1e-3,
                "{model_type} {kind} token {i}: {g} vs transformers {w}"
            );
        }
    }
    std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
    Ok(())
}

#[test]
fn qwen2_vl_logprobs_match_transformers() -> Result<()> {
    check_logprobs("qwen2_vl")
}

#[test]
fn qwen2_5_vl_logprobs_match_transformers() -> Result<()> {
    check_logprobs("qwen2_5_vl")
}

/// The default rule for text after an image or video equals transformers 4's `get_rope_index`
/// (Qwen's own code and vLLM): `scripts/make_mrope_v4_fixture.py`, run under transformers 4.
#[test]
fn mrope_positions_match_qwens_rule() -> Result<()> {
    let fx: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        data().join("mrope_qwen_rule.json"),
    )?)?;
    let ids = PlaceholderIds {
        image: fx["image_token_id"].as_u64().unwrap_or(0) as u32,
        video: fx["video_token_id"].as_u64().unwrap_or(0) as u32,
    };
    let cases = fx["cases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    assert_eq!(cases.len(), 8);
    let mut differs_from_transformers5 = 0;
    for c in cases {
        let toks: Vec<u32> = serde_json::from_value(c["tokens"].clone())?;
        let spans: Vec<VisionSpan> = c["spans"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|s| -> Result<VisionSpan> {
                let g: Vec<usize> = serde_json::from_value(s["grid_thw"].clone())?;
                Ok(VisionSpan {
                    grid_thw: [g[0], g[1], g[2]],
                    is_video: s["is_video"].as_bool().unwrap_or(false),
                    second_per_grid_t: s["second_per_grid_t"].as_f64().unwrap_or(0.0),
                })
            })
            .collect::<Result<_>>()?;
        let tps = c["tokens_per_second"].as_f64();
        let want: Vec<Vec<u32>> = serde_json::from_value(c["position_ids"].clone())?;
        let got = mrope_positions(&toks, ids, &spans, 2, tps, TextAfterVision::MaxPlusOne)?;
        assert_eq!(got.to_vec(), want, "{}: {:?}", c["model_type"], c["spans"]);
        let t5 = mrope_positions(&toks, ids, &spans, 2, tps, TextAfterVision::SpatialExtent)?;
        differs_from_transformers5 += usize::from(t5.to_vec() != want);
    }
    // The rules agree on images and short Qwen2-VL videos, not on Qwen2.5-VL videos.
    assert!(
        differs_from_transformers5 >= 3,
        "{differs_from_transformers5}"
    );
    Ok(())
}

fn tensor_names(file: &Path) -> Result<BTreeSet<String>> {
    Ok(candle_core::safetensors::load(file, &Device::Cpu)?
        .into_keys()
        .collect())
}

/// Names loaded = names saved = the checkpoint's, for the text model and the vision tower of
/// Qwen2-VL and Qwen2.5-VL, in the hub layout (`model.`, `visual.`) and transformers 5's
/// (`model.language_model.`, `model.visual.`). The expected names are the transformers
/// checkpoint's own, not ours: a layer that dropped or renamed a weight leaves it unloaded
/// (passed through), and the first assertion fails.
#[test]
fn weight_names_loaded_and_saved_equal_the_checkpoints() -> Result<()> {
    for model_type in ["qwen2_vl", "qwen2_5_vl"] {
        for nested in [false, true] {
            let dir = checkpoint_dir_tagged(model_type, &format!("cover{nested}"))?;
            let st = dir.join("model.safetensors");
            if nested {
                let m = candle_core::safetensors::load(&st, &Device::Cpu)?;
                let renamed: HashMap<String, Tensor> = m
                    .into_iter()
                    .map(|(k, t)| {
                        let k = match k.strip_prefix("model.") {
                            Some(rest) => format!("model.language_model.{rest}"),
                            None if k.starts_with("visual.") => format!("model.{k}"),
                            None => k,
                        };
                        (k, t)
                    })
                    .collect();
                candle_core::safetensors::save(&renamed, &st)?;
            }
            let expected = tensor_names(&st)?;
            assert!(expected.iter().any(|n| n.contains("visual.blocks.")));
            let policy = rulegym_agent::Policy::load(&dir, &Device::Cpu)?;
            let loaded: BTreeSet<String> = policy
                .trainable_vars()
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            assert_eq!(loaded, expected, "{model_type} nested={nested}: loaded");
            let out = dir.with_file_name("saved");
            policy.save(&out)?;
            let saved = tensor_names(&out.join("model.safetensors"))?;
            assert_eq!(saved, expected, "{model_type} nested={nested}: saved");
            let again = rulegym_agent::Policy::load(&out, &Device::Cpu)?;
            let reloaded: BTreeSet<String> =
                again.trainable_vars().into_iter().map(|(n, _)| n).collect();
            assert_eq!(reloaded, expected, "{model_type} nested={nested}: reloaded");
            std::fs::remove_dir_all(dir.parent().unwrap_or(&dir)).ok();
        }
    }
    Ok(())
}
