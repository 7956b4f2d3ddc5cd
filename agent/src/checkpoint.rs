//! Hugging Face checkpoint folders: `config.json`, `model.safetensors` (or shards plus
//! `model.safetensors.index.json`), `tokenizer.json`, `tokenizer_config.json`,
//! `generation_config.json`. Loaded and saved in the same layout (weight-name prefix, config
//! style, sharding), with tensors we do not use (the vision tower) passed through unchanged.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use serde_json::{json, Value};

use crate::chat::QWEN2_VL_CHAT_TEMPLATE;
use crate::config::ModelConfig;
use crate::device::dtype_name;
use crate::error::{io_err, AgentError, Result};
use crate::multimodal::VisionPart;
use crate::params::Params;
use crate::policy::Policy;
use crate::tokenizer::TextTokenizer;

/// Shards are cut at this many bytes when saving a checkpoint that was sharded.
const SHARD_BYTES: usize = 2 << 30;

fn read_json(path: &Path) -> Result<Value> {
    let bytes = std::fs::read(path).map_err(io_err(path))?;
    serde_json::from_slice(&bytes).map_err(|e| AgentError::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn write_json(path: &Path, v: &Value) -> Result<()> {
    let s = serde_json::to_string_pretty(v).map_err(|e| AgentError::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    std::fs::write(path, s).map_err(io_err(path))
}

/// The safetensors files of a folder: the index's shards, or `model.safetensors`.
fn weight_files(dir: &Path) -> Result<(Vec<PathBuf>, bool)> {
    let index = dir.join("model.safetensors.index.json");
    if index.exists() {
        let v = read_json(&index)?;
        let map = v
            .get("weight_map")
            .and_then(Value::as_object)
            .ok_or_else(|| AgentError::Json {
                path: index.clone(),
                message: "no weight_map object".into(),
            })?;
        let mut files: Vec<String> = map
            .values()
            .filter_map(|f| f.as_str().map(String::from))
            .collect();
        files.sort();
        files.dedup();
        return Ok((files.iter().map(|f| dir.join(f)).collect(), true));
    }
    let single = dir.join("model.safetensors");
    if !single.exists() {
        return Err(AgentError::Io {
            path: single,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no model.safetensors or model.safetensors.index.json",
            ),
        });
    }
    Ok((vec![single], false))
}

/// Which decoder prefix the tensor names use.
fn detect_prefix(names: &BTreeMap<String, Tensor>, looked_in: &str) -> Result<String> {
    for p in ["model.language_model", "model"] {
        if names.contains_key(&format!("{p}.embed_tokens.weight")) {
            return Ok(p.to_string());
        }
    }
    Err(AgentError::MissingTensor {
        name: "model.embed_tokens.weight (or model.language_model.embed_tokens.weight)".into(),
        looked_in: looked_in.to_string(),
    })
}

impl Policy {
    /// Loads a Hugging Face checkpoint folder in f32.
    pub fn load(dir: &Path, device: &Device) -> Result<Policy> {
        load(dir, device, DType::F32)
    }

    /// Loads a checkpoint folder in the given dtype.
    pub fn load_with_dtype(dir: &Path, device: &Device, dtype: DType) -> Result<Policy> {
        load(dir, device, dtype)
    }

    /// Saves as a Hugging Face checkpoint folder in the layout it was loaded from.
    pub fn save(&self, dir: &Path) -> Result<()> {
        save(self, dir)
    }
}

/// Loads a checkpoint folder.
pub fn load(dir: &Path, device: &Device, dtype: DType) -> Result<Policy> {
    let mut cfg = ModelConfig::from_hf_json(&read_json(&dir.join("config.json"))?)?;
    let tok = TextTokenizer::from_file(&dir.join("tokenizer.json"))?;
    let (files, sharded) = weight_files(dir)?;
    let mut tensors = BTreeMap::new();
    for f in &files {
        let map =
            candle_core::safetensors::load(f, device).map_err(|e| AgentError::Safetensors {
                path: f.clone(),
                message: e.to_string(),
            })?;
        tensors.extend(map);
    }
    let looked_in = files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    cfg.weight_prefix = detect_prefix(&tensors, &looked_in)?;
    if cfg.tie_word_embeddings {
        // Tied checkpoints sometimes still store a copy of the head; the embedding rules.
        tensors.remove("lm_head.weight");
    }
    let params = Params::from_tensors(&cfg, &mut tensors, dtype, &looked_in)?;
    let vision = VisionPart::load(&cfg, &mut tensors, dir, device, dtype)?;
    let mut policy = Policy::assemble(cfg, tok, params, device, dtype)?;
    policy.vision = vision;
    policy.rebuild()?;
    policy.passthrough = tensors.into_iter().collect();
    policy.sharded = sharded;
    let gen = dir.join("generation_config.json");
    if gen.exists() {
        policy.generation_config = Some(read_json(&gen)?);
    }
    if dir.join("adapter_config.json").exists() {
        policy.load_adapters(dir)?;
    }
    let tc = dir.join("tokenizer_config.json");
    if tc.exists() {
        policy.tokenizer_config = Some(read_json(&tc)?);
    }
    Ok(policy)
}

/// Saves a policy as a checkpoint folder.
pub fn save(p: &Policy, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut cfg = p.cfg.clone();
    cfg.torch_dtype = dtype_name(p.dtype).into();
    write_json(&dir.join("config.json"), &cfg.to_hf_json())?;
    let mut all: Vec<(String, Tensor)> = p
        .params
        .vars
        .iter()
        .map(|(k, v)| (k.clone(), v.as_tensor().detach()))
        .collect();
    all.extend(p.passthrough.iter().cloned());
    if let Some(v) = &p.vision {
        all.extend(
            v.tower
                .named_vars()
                .iter()
                .map(|(k, t)| (k.clone(), t.as_tensor().detach())),
        );
        v.processor.config.save(dir)?;
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    write_weights(dir, &all, p.sharded)?;
    let tpath = dir.join("tokenizer.json");
    std::fs::write(&tpath, &p.tok.json).map_err(io_err(&tpath))?;
    write_json(&dir.join("tokenizer_config.json"), &tokenizer_config(p))?;
    write_json(&dir.join("generation_config.json"), &generation_config(p))?;
    if let Some(a) = &p.adapters {
        a.save(dir)?;
    }
    Ok(())
}

fn write_weights(dir: &Path, all: &[(String, Tensor)], sharded: bool) -> Result<()> {
    let meta: HashMap<String, String> = [("format".to_string(), "pt".to_string())].into();
    let bytes = |t: &Tensor| t.elem_count() * t.dtype().size_in_bytes();
    if !sharded {
        let path = dir.join("model.safetensors");
        return safetensors::serialize_to_file(
            all.iter().map(|(k, t)| (k.as_str(), t)),
            Some(meta),
            &path,
        )
        .map_err(|e| AgentError::Safetensors {
            path,
            message: e.to_string(),
        });
    }
    let mut shards: Vec<Vec<&(String, Tensor)>> = vec![Vec::new()];
    let mut size = 0;
    for e in all {
        if size > 0 && size + bytes(&e.1) > SHARD_BYTES {
            shards.push(Vec::new());
            size = 0;
        }
        size += bytes(&e.1);
        if let Some(last) = shards.last_mut() {
            last.push(e);
        }
    }
    let n = shards.len();
    let mut weight_map = serde_json::Map::new();
    for (i, shard) in shards.iter().enumerate() {
        let name = format!("model-{:05}-of-{:05}.safetensors", i + 1, n);
        let path = dir.join(&name);
        safetensors::serialize_to_file(
            shard.iter().map(|(k, t)| (k.as_str(), t)),
            Some(meta.clone()),
            &path,
        )
        .map_err(|e| AgentError::Safetensors {
            path: path.clone(),
            message: e.to_string(),
        })?;
        for (k, _) in shard {
            weight_map.insert(k.clone(), Value::from(name.clone()));
        }
    }
    let total: usize = all.iter().map(|(_, t)| bytes(t)).sum();
    write_json(
        &dir.join("model.safetensors.index.json"),
        &json!({"metadata": {"total_size": total}, "weight_map": weight_map}),
    )
}

fn tokenizer_config(p: &Policy) -> Value {
    if let Some(tc) = &p.tokenizer_config {
        return tc.clone();
    }
    let mut added = serde_json::Map::new();
    for (id, tok) in p.tok.inner.get_added_tokens_decoder() {
        added.insert(
            id.to_string(),
            json!({"content": tok.content, "lstrip": tok.lstrip, "normalized": tok.normalized,
                   "rstrip": tok.rstrip, "single_word": tok.single_word, "special": tok.special}),
        );
    }
    json!({
        "add_bos_token": false,
        "add_prefix_space": false,
        "added_tokens_decoder": added,
        "bos_token": null,
        "chat_template": QWEN2_VL_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": false,
        "eos_token": "<|im_end|>",
        "errors": "replace",
        "model_max_length": p.cfg.max_position_embeddings,
        "pad_token": "<|endoftext|>",
        "split_special_tokens": false,
        "tokenizer_class": "Qwen2Tokenizer",
        "unk_token": null
    })
}

fn generation_config(p: &Policy) -> Value {
    if let Some(g) = &p.generation_config {
        return g.clone();
    }
    let id = |t: &str| p.tok.token_id(t);
    json!({
        "bos_token_id": id("<|endoftext|>"),
        "eos_token_id": p.tok.stop_ids,
        "pad_token_id": id("<|endoftext|>"),
        "do_sample": true,
        "temperature": 1.0,
        "top_p": 1.0,
        "top_k": 0
    })
}
