//! The model shapes and workloads the check measures: Qwen2.5-VL-3B's real shapes on a GPU,
//! and a tiny shape with the same structure for the CPU smoke run (CI-sized, so the binary and
//! the script around it cannot rot).
use rulegym_agent::vision::{Activation, VisionConfig, VisionKind};
use rulegym_agent::ModelConfig;
use serde::Serialize;

/// How big each measured piece of work is.
#[derive(Debug, Clone, Serialize)]
pub struct Workload {
    /// Prefill/decode: prompts sampled at once, prompt length, decode steps timed.
    pub gen_batch: usize,
    pub prompt_len: usize,
    pub decode_tokens: usize,
    /// Log-probs + backward: sequences per pass and their prompt/completion split.
    pub train_batch: usize,
    pub train_prompt_len: usize,
    pub train_completion_len: usize,
    /// One GRPO step: prompts × group completions of up to `grpo_new_tokens`.
    pub grpo_prompts: usize,
    pub grpo_group: usize,
    pub grpo_prompt_len: usize,
    pub grpo_new_tokens: usize,
    /// Sequences per forward/backward in the GRPO update (gradient accumulation).
    pub grpo_micro_batch: usize,
    /// LoRA rank (alpha = 2·rank, every linear of the decoder).
    pub lora_rank: usize,
    /// Vision tower: images per forward and their side in pixels.
    pub vision_images: usize,
    pub image_side: usize,
}

/// A text decoder, a vision tower and the work to run on them.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: &'static str,
    pub text: ModelConfig,
    pub vision: VisionConfig,
    pub work: Workload,
}

/// Qwen2.5-VL-3B-Instruct's `config.json`: hidden 2048, 36 layers, 16 heads / 2 KV heads,
/// MLP 11008, vocabulary 151,936, tied embeddings; vision tower 32 blocks of width 1280.
pub fn qwen25_vl_3b() -> Shape {
    let text = ModelConfig {
        model_type: "qwen2_5_vl".into(),
        vocab_size: 151_936,
        hidden_size: 2048,
        intermediate_size: 11_008,
        num_hidden_layers: 36,
        num_attention_heads: 16,
        num_key_value_heads: 2,
        max_position_embeddings: 128_000,
        rope_theta: 1_000_000.0,
        mrope_section: Some(vec![16, 24, 24]),
        tie_word_embeddings: true,
        initializer_range: 0.02,
        torch_dtype: "bfloat16".into(),
        ..ModelConfig::default()
    };
    let vision = VisionConfig {
        kind: VisionKind::Qwen25Vl,
        depth: 32,
        embed_dim: 1280,
        out_dim: 2048,
        num_heads: 16,
        mlp_dim: 3420,
        activation: Activation::Silu,
        patch_size: 14,
        temporal_patch_size: 2,
        spatial_merge_size: 2,
        window_size: 112,
        fullatt_block_indexes: vec![7, 15, 23, 31],
        tokens_per_second: 2.0,
        initializer_range: 0.02,
        ..VisionConfig::default()
    };
    Shape {
        name: "qwen2.5-vl-3b",
        text,
        vision,
        work: Workload {
            gen_batch: 16,
            prompt_len: 512,
            decode_tokens: 128,
            // 4 sequences, not 8: eager attention keeps [B, heads, T, T] scores of every layer
            // for backward, and the GRPO step already holds ~62 GB of bf16 weights, reference
            // copy, f32 masters, moments and gradients; by estimate 4 × 768 tokens add ~30 GB
            // of activations, 8 twice that, too close to an H200's 141 GB to risk the run.
            train_batch: 4,
            train_prompt_len: 512,
            train_completion_len: 256,
            grpo_prompts: 8,
            grpo_group: 8,
            grpo_prompt_len: 512,
            grpo_new_tokens: 256,
            grpo_micro_batch: 4,
            lora_rank: 64,
            vision_images: 8,
            image_side: 448,
        },
    }
}

/// The same structure (M-RoPE, GQA, tied embeddings, a windowed Qwen2.5-VL tower with one
/// full-attention block) at a size that measures in well under a second per piece on a CPU.
pub fn smoke(tokenizer_len: usize) -> Shape {
    let text = ModelConfig {
        model_type: "qwen2_5_vl".into(),
        // Padded to a multiple of 64 as Qwen pads its own (and the presets do).
        vocab_size: tokenizer_len.div_ceil(64) * 64,
        hidden_size: 64,
        intermediate_size: 128,
        num_hidden_layers: 2,
        num_attention_heads: 4,
        num_key_value_heads: 2,
        max_position_embeddings: 1024,
        mrope_section: Some(vec![2, 3, 3]),
        tie_word_embeddings: true,
        initializer_range: 0.1,
        bos_token_id: None,
        eos_token_id: None,
        ..ModelConfig::default()
    };
    let vision = VisionConfig {
        kind: VisionKind::Qwen25Vl,
        depth: 2,
        embed_dim: 32,
        out_dim: 64,
        num_heads: 2,
        mlp_dim: 64,
        activation: Activation::Silu,
        patch_size: 14,
        window_size: 112,
        fullatt_block_indexes: vec![1],
        initializer_range: 0.1,
        ..VisionConfig::default()
    };
    Shape {
        name: "smoke",
        text,
        vision,
        work: Workload {
            gen_batch: 2,
            prompt_len: 16,
            decode_tokens: 8,
            train_batch: 2,
            train_prompt_len: 16,
            train_completion_len: 8,
            grpo_prompts: 2,
            grpo_group: 2,
            grpo_prompt_len: 16,
            grpo_new_tokens: 8,
            grpo_micro_batch: 2,
            lora_rank: 4,
            vision_images: 2,
            image_side: 112,
        },
    }
}

/// Parameter counts `(text, vision)` of a shape, from the configs alone.
pub fn param_counts(s: &Shape) -> Result<(usize, usize), rulegym_agent::AgentError> {
    let text: usize = rulegym_agent::text::param_specs(&s.text)?
        .iter()
        .map(|p| p.shape.iter().product::<usize>())
        .sum();
    let vision: usize = rulegym_agent::vision::expected_tensors(&s.vision)?
        .iter()
        .map(|(_, shape)| shape.iter().product::<usize>())
        .sum();
    Ok((text, vision))
}
