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

fn micro(dtype: DType, seed: u64) -> Result<Policy> {
    let tiny = Policy::preset("tiny", 0, &Device::Cpu)?;
    Ok(Policy::from_config(
        &micro_config(tiny.vocab_size()),
        seed,
        &Device::Cpu,
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
    let w = Tensor::arange(1.0, (bs * t) as f64 + 1.0, &Device::Cpu)?
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
        let mut eval = |delta: f64| -> Result<f64> {
            let mut f = flat.clone();
            f[i] += delta;
            v.set(&Tensor::from_vec(f, orig.shape(), &Device::Cpu)?)?;
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
