//! The policy's training-critical guarantees: gradients reach every parameter and match
//! finite differences, cached sampling equals full recomputation, sampling log-probs equal
//! `log_probs`, and checkpoints round-trip.
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use rulegym_agent::{
    Constraint, DType, Device, FinishReason, Message, ModelConfig, Policy, SampleOptions, Tensor,
};

/// A very small decoder for exact tests (the compact tokenizer sets the vocabulary).
fn micro_config(vocab: usize) -> ModelConfig {
    ModelConfig {
        vocab_size: vocab,
        hidden_size: 32,
        intermediate_size: 48,
        num_hidden_layers: 2,
        num_attention_heads: 4,
        num_key_value_heads: 2,
        max_position_embeddings: 256,
        rope_theta: 10_000.0,
        mrope_section: Some(vec![1, 1, 2]),
        initializer_range: 0.2,
        ..ModelConfig::default()
    }
}

/// On `RULEGYM_DEVICE` (the CPU unless set): a GPU build runs the gradient checks there,
/// where attention and softmax take the composed ops instead of the CPU kernels.
fn micro(dtype: DType, seed: u64) -> Result<Policy> {
    let tiny = Policy::preset("tiny", 0, &Device::Cpu)?;
    let (dev, _) = rulegym_agent::device_from_env()?;
    Ok(Policy::from_config(
        &micro_config(tiny.vocab_size()),
        seed,
        &dev,
        dtype,
    )?)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rulegym-agent-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn batch(p: &Policy) -> Result<Vec<(Vec<u32>, Vec<u32>)>> {
    Ok(vec![
        (
            p.encode_chat(&[Message::user("What is 3 + 4?")])?,
            p.encode("<think>3 plus 4</think><answer>7</answer><|im_end|>")?,
        ),
        (
            p.encode_chat(&[Message::system("Be brief."), Message::user("Move left")])?,
            p.encode("left")?,
        ),
    ])
}

/// Weighted sum of log-probs, so every position matters differently.
fn loss(p: &Policy, b: &[(Vec<u32>, Vec<u32>)]) -> Result<Tensor> {
    let (lp, mask) = p.log_probs(b, None, 0.9)?;
    let (bs, t) = lp.dims2()?;
    let w = Tensor::arange(1.0, (bs * t) as f64 + 1.0, lp.device())?
        .to_dtype(lp.dtype())?
        .reshape((bs, t))?;
    Ok((lp * w)?.mul(&mask)?.sum_all()?)
}

#[test]
fn every_trainable_tensor_gets_a_finite_nonzero_gradient() -> Result<()> {
    let p = micro(DType::F32, 1)?;
    let b = batch(&p)?;
    let grads = loss(&p, &b)?.backward()?;
    let vars = p.trainable_vars();
    assert!(vars.len() > 20);
    for (name, v) in vars {
        let g = grads
            .get(v.as_tensor())
            .ok_or_else(|| anyhow!("{name} got no gradient"))?;
        let g: Vec<f32> = g.flatten_all()?.to_vec1()?;
        assert!(
            g.iter().all(|x| x.is_finite()),
            "{name} has a non-finite gradient"
        );
        assert!(
            g.iter().any(|x| *x != 0.0),
            "{name} has an all-zero gradient"
        );
    }
    Ok(())
}

#[test]
fn gradients_match_finite_differences() -> Result<()> {
    let p = micro(DType::F64, 2)?;
    let b = batch(&p)?;
    let grads = loss(&p, &b)?.backward()?;
    let h = 1e-5;
    for (name, v) in p.trainable_vars().into_iter().step_by(3) {
        let g = grads
            .get(v.as_tensor())
            .ok_or_else(|| anyhow!("{name}: no grad"))?;
        let g: Vec<f64> = g.flatten_all()?.to_vec1()?;
        let orig = v.as_tensor().copy()?;
        let flat: Vec<f64> = orig.flatten_all()?.to_vec1()?;
        let i = flat.len() / 2;
        let eval = |delta: f64| -> Result<f64> {
            let mut f = flat.clone();
            f[i] += delta;
            v.set(&Tensor::from_vec(f, orig.shape(), orig.device())?)?;
            Ok(loss(&p, &b)?.to_scalar::<f64>()?)
        };
        let fd = (eval(h)? - eval(-h)?) / (2.0 * h);
        v.set(&orig)?;
        let tol = 1e-6 + 1e-4 * fd.abs().max(g[i].abs());
        assert!(
            (fd - g[i]).abs() < tol,
            "{name}[{i}]: analytic {} vs numeric {fd}",
            g[i]
        );
    }
    Ok(())
}

#[test]
fn cached_greedy_decoding_equals_full_recomputation() -> Result<()> {
    let p = Policy::preset("tiny", 3, &Device::Cpu)?;
    let prompts = vec![
        p.encode_chat(&[Message::user("What is 12 + 30?")])?,
        p.encode_chat(&[Message::user("Hi")])?,
    ];
    let opts = SampleOptions {
        n: 2,
        max_new_tokens: 12,
        temperature: 0.0,
        ..SampleOptions::default()
    };
    let out = p.generate(&prompts, &opts)?;
    for (prompt, samples) in prompts.iter().zip(&out) {
        assert_eq!(samples.len(), 2);
        assert_eq!(
            samples[0].tokens, samples[1].tokens,
            "greedy samples differ"
        );
        let mut seq = prompt.clone();
        for (j, &tok) in samples[0].tokens.iter().enumerate() {
            let logits: Vec<f32> = p.next_token_logits(&seq)?.to_vec1()?;
            let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            assert!(
                (logits[tok as usize] - max).abs() < 1e-4,
                "step {j}: cached decoding chose {tok}, not the full-forward argmax"
            );
            seq.push(tok);
        }
    }
    Ok(())
}

#[test]
fn sampling_logprobs_equal_log_probs_under_constraint_and_temperature() -> Result<()> {
    let p = Policy::preset("tiny", 4, &Device::Cpu)?;
    let prompts = vec![
        p.encode_chat(&[Message::user("Choose a move.")])?,
        p.encode_chat(&[Message::user("Score!")])?,
    ];
    let constraint = Constraint {
        scaffold: true,
        answer_choices: Some(vec!["left".into(), "right".into(), "long pass".into()]),
        max_think_tokens: Some(5),
        max_answer_tokens: None,
        answer_sequence: None,
    };
    let opts = SampleOptions {
        n: 3,
        max_new_tokens: 20,
        temperature: 0.7,
        constraint: Some(constraint.clone()),
        seed: 11,
        ..SampleOptions::default()
    };
    let out = p.generate(&prompts, &opts)?;
    let mut b = Vec::new();
    let mut want = Vec::new();
    for (prompt, samples) in prompts.iter().zip(&out) {
        for s in samples {
            assert_eq!(s.finish, FinishReason::Stop, "{:?}", s.text);
            assert!(
                s.text.starts_with("<think>") && s.text.ends_with("</answer>"),
                "{:?}",
                s.text
            );
            let ans = s
                .text
                .split("<answer>")
                .nth(1)
                .unwrap_or("")
                .trim_end_matches("</answer>");
            assert!(
                ["left", "right", "long pass"].contains(&ans),
                "{:?}",
                s.text
            );
            b.push((prompt.clone(), s.tokens.clone()));
            want.push(s.logprobs.clone());
        }
    }
    let (lp, mask) = p.log_probs(&b, Some(&constraint), 0.7)?;
    let lp: Vec<Vec<f32>> = lp.to_vec2()?;
    let mask: Vec<Vec<f32>> = mask.to_vec2()?;
    for (i, w) in want.iter().enumerate() {
        for (j, x) in w.iter().enumerate() {
            assert!(
                (lp[i][j] - x).abs() < 1e-4,
                "row {i} tok {j}: {} vs {x}",
                lp[i][j]
            );
            assert_eq!(mask[i][j], 1.0);
        }
        assert!(lp[i][w.len()..].iter().all(|x| *x == 0.0));
    }
    // Same seed, same samples.
    assert_eq!(p.generate(&prompts, &opts)?, out);
    Ok(())
}

#[test]
fn preset_checkpoint_round_trips_with_identical_outputs() -> Result<()> {
    let p = Policy::preset("tiny", 5, &Device::Cpu)?;
    let dir = tmpdir("roundtrip");
    p.save(&dir)?;
    for f in [
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "generation_config.json",
    ] {
        assert!(dir.join(f).exists(), "{f} not written");
    }
    let q = Policy::load(&dir, &Device::Cpu)?;
    assert_eq!(q.config(), p.config());
    let b = batch(&p)?;
    let a: Vec<Vec<f32>> = p.log_probs(&b, None, 1.0)?.0.to_vec2()?;
    let c: Vec<Vec<f32>> = q.log_probs(&b, None, 1.0)?.0.to_vec2()?;
    assert_eq!(a, c);
    let opts = SampleOptions {
        n: 2,
        max_new_tokens: 8,
        seed: 9,
        ..SampleOptions::default()
    };
    let prompts = vec![b[0].0.clone()];
    assert_eq!(p.generate(&prompts, &opts)?, q.generate(&prompts, &opts)?);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn frozen_copy_keeps_its_weights_and_has_no_trainable_vars() -> Result<()> {
    let p = micro(DType::F32, 6)?;
    let r = p.frozen_copy()?;
    assert!(r.trainable_vars().is_empty());
    let b = batch(&p)?;
    let before: Vec<Vec<f32>> = r.log_probs(&b, None, 1.0)?.0.to_vec2()?;
    for (_, v) in p.trainable_vars() {
        v.set(&v.as_tensor().affine(1.5, 0.01)?)?;
    }
    let after: Vec<Vec<f32>> = r.log_probs(&b, None, 1.0)?.0.to_vec2()?;
    assert_eq!(before, after);
    let changed: Vec<Vec<f32>> = p.log_probs(&b, None, 1.0)?.0.to_vec2()?;
    assert_ne!(before, changed);
    Ok(())
}

#[test]
fn outputs_depend_on_the_prompt() -> Result<()> {
    let p = Policy::preset("tiny", 7, &Device::Cpu)?;
    let a: Vec<f32> = p
        .next_token_logits(&p.encode_chat(&[Message::user("1 + 1")])?)?
        .to_vec1()?;
    let b: Vec<f32> = p
        .next_token_logits(&p.encode_chat(&[Message::user("move left")])?)?
        .to_vec1()?;
    let diff = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x - y).abs())
        .fold(0f32, f32::max);
    assert!(
        diff > 0.1,
        "logits barely depend on the prompt: max diff {diff}"
    );
    Ok(())
}

#[test]
fn too_long_prompt_names_the_limit() -> Result<()> {
    let p = micro(DType::F32, 8)?;
    let long = vec![5u32; 300];
    let e = p
        .generate(&[long], &SampleOptions::default())
        .err()
        .map(|e| e.to_string());
    assert!(e.is_some_and(|m| m.contains("max_position_embeddings=256")));
    Ok(())
}

// ---- Hugging Face checkpoint folders ----

use rulegym_agent::candle_core::safetensors::save as save_st;
use rulegym_agent::config::ConfigStyle;
use rulegym_agent::text::param_specs;
use std::collections::{BTreeSet, HashMap};

/// Writes a checkpoint folder of zero tensors named like the real thing, plus vision
/// tensors the text model must pass through; sharded in two files when `shards`.
fn fake_checkpoint(dir: &std::path::Path, cfg: &ModelConfig, shards: bool) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_vec(&cfg.to_hf_json())?,
    )?;
    let tok = rulegym_agent::tokenizer::TextTokenizer::compact()?;
    std::fs::write(dir.join("tokenizer.json"), &tok.json)?;
    let vis = if cfg.weight_prefix == "model" {
        "visual"
    } else {
        "model.visual"
    };
    let mut all: Vec<(String, Tensor)> = Vec::new();
    for s in param_specs(cfg)? {
        all.push((
            s.name,
            Tensor::zeros(s.shape.as_slice(), DType::F32, &Device::Cpu)?,
        ));
    }
    for n in ["patch_embed.proj.weight", "merger.ln_q.weight"] {
        all.push((
            format!("{vis}.{n}"),
            Tensor::ones(4, DType::F32, &Device::Cpu)?,
        ));
    }
    let names = all.iter().map(|(n, _)| n.clone()).collect();
    if shards {
        let mid = all.len() / 2;
        let mut weight_map = serde_json::Map::new();
        for (i, part) in [&all[..mid], &all[mid..]].iter().enumerate() {
            let file = format!("model-0000{}-of-00002.safetensors", i + 1);
            let m: HashMap<String, Tensor> = part.iter().cloned().collect();
            save_st(&m, dir.join(&file))?;
            for (n, _) in part.iter() {
                weight_map.insert(n.clone(), file.clone().into());
            }
        }
        let index = serde_json::json!({"metadata": {}, "weight_map": weight_map});
        std::fs::write(
            dir.join("model.safetensors.index.json"),
            serde_json::to_vec(&index)?,
        )?;
    } else {
        let m: HashMap<String, Tensor> = all.into_iter().collect();
        save_st(&m, dir.join("model.safetensors"))?;
    }
    Ok(names)
}

fn saved_names(dir: &std::path::Path) -> Result<BTreeSet<String>> {
    let index = dir.join("model.safetensors.index.json");
    if index.exists() {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(index)?)?;
        let map = v["weight_map"]
            .as_object()
            .ok_or_else(|| anyhow!("no weight_map"))?;
        return Ok(map.keys().cloned().collect());
    }
    let m =
        rulegym_agent::candle_core::safetensors::load(dir.join("model.safetensors"), &Device::Cpu)?;
    Ok(m.into_keys().collect())
}

#[test]
fn weight_names_loaded_and_saved_equal_the_expected_set() -> Result<()> {
    let base = micro_config(2624);
    let layouts = [
        ("model", ConfigStyle::Flat, false, false),
        ("model.language_model", ConfigStyle::Nested, true, true),
    ];
    for (prefix, style, tie, shards) in layouts {
        let cfg = ModelConfig {
            weight_prefix: prefix.into(),
            config_style: style,
            tie_word_embeddings: tie,
            ..base.clone()
        };
        let dir = tmpdir(&format!("cover-{prefix}"));
        let all = fake_checkpoint(&dir, &cfg, shards)?;
        let p = Policy::load(&dir, &Device::Cpu)?;
        let expected: BTreeSet<String> = param_specs(&cfg)?.into_iter().map(|s| s.name).collect();
        let loaded: BTreeSet<String> = p.trainable_vars().into_iter().map(|(n, _)| n).collect();
        assert_eq!(loaded, expected, "{prefix}");
        assert_eq!(p.config().weight_prefix, prefix);
        assert_eq!(p.config().config_style, style);
        assert_eq!(expected.contains("lm_head.weight"), !tie);
        let out = tmpdir(&format!("cover-out-{prefix}"));
        p.save(&out)?;
        assert_eq!(
            saved_names(&out)?,
            all.into_iter().collect::<BTreeSet<_>>(),
            "{prefix}"
        );
        assert_eq!(out.join("model.safetensors.index.json").exists(), shards);
        let again = Policy::load(&out, &Device::Cpu)?;
        assert_eq!(again.config(), p.config());
        std::fs::remove_dir_all(&dir)?;
        std::fs::remove_dir_all(&out)?;
    }
    Ok(())
}

fn load_err(dir: &std::path::Path) -> String {
    match Policy::load(dir, &Device::Cpu) {
        Ok(_) => "loaded".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_checkpoints_give_errors_naming_the_culprit() -> Result<()> {
    let cfg = micro_config(2624);
    let dir = tmpdir("bad");
    fake_checkpoint(&dir, &cfg, false)?;
    let st = dir.join("model.safetensors");
    // Shape mismatch.
    let mut m: HashMap<String, Tensor> =
        rulegym_agent::candle_core::safetensors::load(&st, &Device::Cpu)?;
    let name = "model.layers.1.mlp.up_proj.weight".to_string();
    m.insert(
        name.clone(),
        Tensor::zeros((3, 3), DType::F32, &Device::Cpu)?,
    );
    save_st(&m, &st)?;
    let e = load_err(&dir);
    assert!(e.contains(&name) && e.contains("[3, 3]"), "{e}");
    // Missing tensor.
    m.remove(&name);
    save_st(&m, &st)?;
    let e = load_err(&dir);
    assert!(e.contains("missing tensor") && e.contains(&name), "{e}");
    // Corrupt file.
    std::fs::write(&st, b"not a safetensors file")?;
    let e = load_err(&dir);
    assert!(e.contains("model.safetensors"), "{e}");
    // No weights at all.
    std::fs::remove_file(&st)?;
    let e = load_err(&dir);
    assert!(e.contains("model.safetensors"), "{e}");
    // Unknown model type.
    let mut v = cfg.to_hf_json();
    v["model_type"] = "llama".into();
    std::fs::write(dir.join("config.json"), serde_json::to_vec(&v)?)?;
    let e = load_err(&dir);
    assert!(e.contains("llama"), "{e}");
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn half_precision_policies_run_and_agree_with_f32() -> Result<()> {
    let p = micro(DType::F32, 9)?;
    let b = batch(&p)?;
    let (a, _) = p.log_probs(&b, None, 1.0)?;
    for dt in [DType::BF16, DType::F16] {
        let q = micro(dt, 9)?;
        let (h, _) = q.log_probs(&b, None, 1.0)?;
        let d: f32 = (h.to_dtype(DType::F32)? - &a)?
            .abs()?
            .max_all()?
            .to_scalar()?;
        assert!(d < 0.25, "{dt:?} log-probs differ from f32 by {d}");
        let s = q.generate(
            &[b[0].0.clone()],
            &SampleOptions {
                max_new_tokens: 4,
                ..Default::default()
            },
        )?;
        assert_eq!(s[0][0].tokens.len(), s[0][0].logprobs.len());
    }
    Ok(())
}

// ---- LoRA and freezing ----

use rulegym_agent::LoraConfig;

fn lp_rows(p: &Policy, b: &[(Vec<u32>, Vec<u32>)]) -> Result<Vec<Vec<f32>>> {
    Ok(p.log_probs(b, None, 1.0)?.0.to_vec2()?)
}

fn max_diff(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// LoRA on q/v plus the MLP up projection, with B randomised so adapters matter.
fn lora_policy() -> Result<(Policy, Vec<Vec<f32>>)> {
    let mut p = micro(DType::F32, 10)?;
    let b = batch(&p)?;
    let base = lp_rows(&p, &b)?;
    let cfg = LoraConfig {
        rank: 4,
        alpha: 8.0,
        target_modules: vec!["q_proj".into(), "v_proj".into(), "up_proj".into()],
        dropout: 0.0,
    };
    p.enable_lora(&cfg)?;
    assert_eq!(
        lp_rows(&p, &b)?,
        base,
        "fresh adapters (B = 0) changed the outputs"
    );
    for (name, v) in p.trainable_vars() {
        if name.contains("lora_B") {
            v.set(&Tensor::randn(0f32, 0.3, v.shape(), v.device())?)?;
        }
    }
    Ok((p, base))
}

#[test]
fn lora_trains_only_adapters_and_every_adapter_gets_gradient() -> Result<()> {
    let (p, _) = lora_policy()?;
    let vars = p.trainable_vars();
    assert_eq!(vars.len(), 2 * 3 * 2, "2 layers × 3 modules × (A, B)");
    assert!(vars
        .iter()
        .all(|(n, _)| n.starts_with("base_model.model.model.layers.")));
    let grads = loss(&p, &batch(&p)?)?.backward()?;
    for (name, v) in &vars {
        let g: Vec<f32> = grads
            .get(v.as_tensor())
            .ok_or_else(|| anyhow!("{name}: no grad"))?
            .flatten_all()?
            .to_vec1()?;
        assert!(
            g.iter().all(|x| x.is_finite()) && g.iter().any(|x| *x != 0.0),
            "{name}"
        );
    }
    Ok(())
}

/// Dropout masks come from the seed the trainer sets, so two runs draw the same ones.
#[test]
fn lora_dropout_is_seeded() -> Result<()> {
    let mut p = micro(DType::F32, 10)?;
    let b = batch(&p)?;
    p.enable_lora(&LoraConfig {
        rank: 4,
        alpha: 8.0,
        target_modules: vec!["q_proj".into(), "v_proj".into()],
        dropout: 0.5,
    })?;
    for (name, v) in p.trainable_vars() {
        if name.contains("lora_B") {
            v.set(&Tensor::randn(0f32, 0.3, v.shape(), v.device())?)?;
        }
    }
    let run = |seed: u64| -> Result<Vec<Vec<f32>>> {
        p.reseed_dropout(seed);
        let first = lp_rows(&p, &b)?;
        // The second forward after one reseed draws new masks.
        let second = lp_rows(&p, &b)?;
        assert!(
            max_diff(&first, &second) > 1e-4,
            "masks repeated within a seed"
        );
        Ok(first)
    };
    let a = run(7)?;
    assert_eq!(a, run(7)?, "same seed, different masks");
    assert!(max_diff(&a, &run(8)?) > 1e-4, "the seed had no effect");
    Ok(())
}

#[test]
fn merged_lora_equals_unmerged_and_adapters_round_trip_alone() -> Result<()> {
    let (p, base) = lora_policy()?;
    let b = batch(&p)?;
    let with = lp_rows(&p, &b)?;
    assert!(max_diff(&with, &base) > 1e-3, "adapters had no effect");
    // Adapters alone, onto a fresh copy of the same base.
    let dir = tmpdir("adapters");
    p.save_adapters(&dir)?;
    assert!(dir.join("adapter_config.json").exists());
    let mut fresh = micro(DType::F32, 10)?;
    fresh.load_adapters(&dir)?;
    assert_eq!(lp_rows(&fresh, &b)?, with);
    // Full checkpoint with adapters.
    let full = tmpdir("lora-full");
    p.save(&full)?;
    let q = Policy::load(&full, p.device())?;
    assert_eq!(q.lora_config(), p.lora_config());
    assert_eq!(lp_rows(&q, &b)?, with);
    // Merge.
    let mut m = p.clone();
    m.merge_lora()?;
    assert!(m.lora_config().is_none());
    assert!(max_diff(&lp_rows(&m, &b)?, &with) < 1e-4);
    std::fs::remove_dir_all(&dir)?;
    std::fs::remove_dir_all(&full)?;
    Ok(())
}

#[test]
fn freezing_by_pattern_removes_parameters_from_training() -> Result<()> {
    let mut p = micro(DType::F32, 11)?;
    let all = p.trainable_vars().len();
    p.freeze(&["model.layers.0.*".to_string(), "*embed_tokens*".to_string()])?;
    let left = p.trainable_vars();
    assert!(left
        .iter()
        .all(|(n, _)| !n.starts_with("model.layers.0.") && !n.contains("embed")));
    assert_eq!(
        all - left.len(),
        12 + 1,
        "layer 0 has 12 tensors, plus the embedding"
    );
    let grads = loss(&p, &batch(&p)?)?.backward()?;
    assert!(left.iter().all(|(_, v)| grads.get(v.as_tensor()).is_some()));
    assert!(p.freeze(&["no.such.*".to_string()]).is_err());
    assert!(p
        .enable_lora(&LoraConfig {
            target_modules: vec!["nope".into()],
            ..LoraConfig::default()
        })
        .is_err());
    Ok(())
}

// ---- The real Qwen tokenizer (optional: `scripts/setup.sh` fetches it) ----

#[test]
fn real_qwen_tokenizer_keeps_special_ids_and_drives_the_constraint() -> Result<()> {
    use rulegym_agent::constraint::{ConstraintMachine, MaskKey};
    use rulegym_agent::tokenizer::TextTokenizer;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("models/qwen-tokenizer/tokenizer.json");
    if !path.exists() {
        eprintln!("skipping: {} absent (run scripts/setup.sh)", path.display());
        return Ok(());
    }
    let tok = TextTokenizer::from_file(&path)?;
    let text = rulegym_agent::render_chat(&[Message::user("What is 2+2?")], true);
    let ids = tok.encode(&text)?;
    assert_eq!(ids[0], 151_644, "<|im_start|>");
    assert!(ids.contains(&151_645), "<|im_end|>");
    assert_eq!(tok.decode(&ids)?, text);
    assert_eq!(
        tok.encode("<|vision_start|><|image_pad|><|vision_end|>")?,
        vec![151_652, 151_655, 151_653]
    );
    let c = Constraint {
        scaffold: true,
        answer_choices: Some(vec!["left".into(), "top_right".into()]),
        max_think_tokens: None,
        max_answer_tokens: None,
        answer_sequence: None,
    };
    let m = ConstraintMachine::new(&c, &tok, 151_936)?;
    let mut good = tok.encode("<think>go up and right</think><answer>top_right</answer>")?;
    good.push(151_645);
    m.replay(&good)?;
    let mut bad = tok.encode("<think>x</think><answer>shoot</answer>")?;
    bad.push(151_645);
    assert!(m.replay(&bad).is_err());

    // Free answers: `</answer>` is `</` `answer` `>` alone but ` </` (or `.</`) `answer` `>`
    // after text, and `</think>` is one added token; each closes its phase.
    let free = ConstraintMachine::new(
        &Constraint {
            scaffold: true,
            ..Constraint::default()
        },
        &tok,
        151_936,
    )?;
    for text in [
        "<think>2 plus 2.</think><answer>4</answer>",
        "<think>sum </think><answer>it is 4 </answer>",
        "<think>x</think><answer>4.</answer>",
    ] {
        let mut ids = tok.encode(text)?;
        assert!(ids.contains(&151_668), "{text}: {ids:?}");
        ids.push(151_645);
        let keys = free.replay(&ids)?;
        assert_eq!(keys.last(), Some(&MaskKey::Only(151_645)), "{text}");
    }
    Ok(())
}
