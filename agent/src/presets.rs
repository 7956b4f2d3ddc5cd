//! From-scratch presets for CPU training: small decoders over the compact tokenizer.
use crate::config::ModelConfig;
use crate::error::{AgentError, Result};

/// The config of a named preset for a tokenizer of `tokenizer_len` entries.
///
/// The vocabulary is rounded up to a multiple of 64 (as Qwen pads its own) and the init std is
/// 0.1: REFERENCES.md §7 found HF's 0.02 made the first outputs ignore the prompt.
pub fn preset_config(name: &str, tokenizer_len: usize) -> Result<ModelConfig> {
    let (hidden, layers, heads, kv, inter) = match name {
        "tiny" => (128, 4, 4, 2, 384),
        "small" => (256, 6, 8, 2, 768),
        _ => return Err(AgentError::UnknownPreset(name.to_string())),
    };
    let mut cfg = ModelConfig {
        model_type: "qwen2_vl".into(),
        vocab_size: tokenizer_len.div_ceil(64) * 64,
        hidden_size: hidden,
        intermediate_size: inter,
        num_hidden_layers: layers,
        num_attention_heads: heads,
        num_key_value_heads: kv,
        max_position_embeddings: 4096,
        // head_dim 32 → 16 rotary frequencies split like Qwen2-VL's 16/24/24 of 64.
        mrope_section: Some(vec![4, 6, 6]),
        tie_word_embeddings: false,
        initializer_range: 0.1,
        bos_token_id: None,
        eos_token_id: None,
        ..ModelConfig::default()
    };
    cfg.extra.insert(
        "architectures".into(),
        serde_json::json!(["Qwen2VLForConditionalGeneration"]),
    );
    cfg.validate()?;
    Ok(cfg)
}

/// The model of `scripts/bench_trl_grpo.py` (REFERENCES.md §7), for side-by-side runs with
/// TRL: transformers' `Qwen2Config` with hidden 128, 4 layers, 4 heads, 2 KV heads, MLP 512,
/// tied embeddings, 1-D RoPE (θ 10000), init std 0.1, over the character vocabulary of
/// [`crate::tokenizer::chars_tokenizer_json`] (`vocab_size` exactly its size, as the script's).
pub fn char_preset_config(tokenizer_len: usize) -> Result<ModelConfig> {
    let cfg = ModelConfig {
        model_type: "qwen2".into(),
        vocab_size: tokenizer_len,
        hidden_size: 128,
        intermediate_size: 512,
        num_hidden_layers: 4,
        num_attention_heads: 4,
        num_key_value_heads: 2,
        max_position_embeddings: 512,
        rope_theta: 10_000.0,
        mrope_section: None,
        tie_word_embeddings: true,
        initializer_range: 0.1,
        bos_token_id: None,
        eos_token_id: None,
        ..ModelConfig::default()
    };
    cfg.validate()?;
    Ok(cfg)
}
