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
