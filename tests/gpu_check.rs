//! The GPU check cannot rot: `scripts/gpu_check.sh --smoke` builds the measurement example and
//! the device test suite, runs them on the CPU with the tiny shape, and every figure it writes
//! is there, finite and positive. The run mode's preflight names what a machine lacks.
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, ensure, Context, Result};
use serde_json::Value;

const PIECES: &[&str] = &[
    "prefill",
    "decode",
    "train_full",
    "grpo_step",
    "train_lora",
    "vision_forward",
    "vision_train",
];

/// The measurement's shapes, shared with the example.
#[path = "../examples/gpu_check/shape.rs"]
#[allow(dead_code)]
mod shape;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rulegym-gpu-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn script() -> Command {
    let mut c = Command::new("bash");
    c.arg(root().join("scripts/gpu_check.sh"));
    // The script builds with the cargo that runs this test (cargo sets CARGO for tests).
    if let Ok(cargo) = std::env::var("CARGO") {
        c.env("CARGO", cargo);
    }
    c
}

fn read_json(p: &Path) -> Result<Value> {
    let s = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
    serde_json::from_str(&s).with_context(|| format!("parsing {}", p.display()))
}

fn positive(v: &Value, at: &str) -> Result<f64> {
    let x = v
        .as_f64()
        .ok_or_else(|| anyhow!("{at} is not a number: {v}"))?;
    ensure!(
        x.is_finite() && x > 0.0,
        "{at} = {x} is not finite and positive"
    );
    Ok(x)
}

fn field<'a>(v: &'a Value, key: &str, at: &str) -> Result<&'a Value> {
    v.get(key).ok_or_else(|| anyhow!("{at} has no {key}"))
}

/// Every piece has its figures, each finite and positive, and the parts it is made of.
fn check_pieces(report: &Value) -> Result<()> {
    let pieces = field(report, "pieces", "report")?;
    for name in PIECES {
        let p = field(pieces, name, "pieces")?;
        for k in ["tokens", "seconds", "tokens_per_s", "peak_mib"] {
            positive(field(p, k, name)?, &format!("{name}.{k}"))?;
        }
        let rate = p["tokens"].as_f64().unwrap_or(0.0) / p["seconds"].as_f64().unwrap_or(1.0);
        let got = p["tokens_per_s"].as_f64().unwrap_or(0.0);
        ensure!(
            (rate - got).abs() <= 1e-6 * rate,
            "{name}: tokens/s {got} ≠ {rate}"
        );
        for (k, v) in field(p, "parts_s", name)?.as_object().into_iter().flatten() {
            positive(v, &format!("{name}.parts_s.{k}"))?;
        }
        for (k, v) in field(p, "info", name)?.as_object().into_iter().flatten() {
            let x = v.as_f64().ok_or_else(|| anyhow!("{name}.info.{k}: {v}"))?;
            ensure!(x.is_finite(), "{name}.info.{k} = {x}");
        }
    }
    for (piece, parts) in [
        ("train_full", &["forward", "backward", "optimizer"][..]),
        ("train_lora", &["forward", "backward", "optimizer"][..]),
        ("grpo_step", &["generate", "update", "reference_copy"][..]),
    ] {
        for part in parts {
            positive(
                field(&pieces[piece]["parts_s"], part, piece)?,
                &format!("{piece}.parts_s.{part}"),
            )?;
        }
    }
    let full = positive(&pieces["train_full"]["info"]["trainable_params"], "full")?;
    let lora = positive(&pieces["train_lora"]["info"]["trainable_params"], "lora")?;
    ensure!(
        lora < full,
        "LoRA trains {lora} parameters, full fine-tuning {full}"
    );
    positive(&pieces["train_full"]["info"]["grad_norm"], "grad_norm")?;
    positive(
        &pieces["grpo_step"]["info"]["optimizer_steps"],
        "grpo steps",
    )?;
    Ok(())
}

#[test]
fn smoke_run_writes_every_figure_finite_and_positive() -> Result<()> {
    let out = scratch("smoke");
    let run = script()
        .args(["--smoke", "--out"])
        .arg(&out)
        .current_dir(root())
        .output()?;
    let log = String::from_utf8_lossy(&run.stderr);
    ensure!(run.status.success(), "gpu_check.sh --smoke failed:\n{log}");

    let report = read_json(&out.join("gpu_check.json"))?;
    for k in [
        "schema",
        "shape",
        "device",
        "dtype",
        "built_with_cuda",
        "text_config",
        "vision_config",
        "workload",
        "memory_source",
        "setup_s",
        "errors",
    ] {
        field(&report, k, "report")?;
    }
    ensure!(report["shape"] == "smoke" && report["device"] == "cpu" && report["dtype"] == "f32");
    for k in [
        "text_params",
        "vision_params",
        "resident_mib",
        "cpu_threads",
    ] {
        positive(&report[k], k)?;
    }
    for k in ["text_init", "vision_init", "warm_up"] {
        positive(field(&report["setup_s"], k, "setup_s")?, k)?;
    }
    ensure!(
        report["errors"].as_object().is_some_and(|e| e.is_empty()),
        "pieces failed: {}",
        report["errors"]
    );
    check_pieces(&report)?;

    let tests = read_json(&out.join("tests.json"))?;
    ensure!(
        tests["rc"] == 0 && tests["passed"] == 2 && tests["failed"] == 0,
        "suite: {tests}"
    );
    let md = std::fs::read_to_string(out.join("gpu_check.md"))?;
    for row in ["| prefill |", "| GRPO step |", "| vision tower forward |"] {
        ensure!(md.contains(row), "gpu_check.md lacks {row}:\n{md}");
    }
    let summary = read_json(&out.join("summary.json"))?;
    ensure!(summary["measure_rc"] == "0", "summary: {summary}");
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

#[test]
fn gpu_run_without_carried_binaries_says_how_to_build_them() -> Result<()> {
    let out = scratch("nocarry");
    let carry = scratch("nocarry-carry");
    let run = script()
        .arg("--out")
        .arg(&out)
        .env("GPU_CHECK_CARRY", &carry)
        .output()?;
    let log = String::from_utf8_lossy(&run.stderr);
    ensure!(!run.status.success(), "ran without binaries:\n{log}");
    ensure!(
        log.contains("BUILD_INFO") && log.contains("--build"),
        "{log}"
    );
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

/// Links `exe` against a `libcublas.so.11` that is then deleted: what a CUDA 11.8 build looks
/// like on a machine without that toolkit. `false` when no C compiler is at hand.
fn stage_missing_cublas(dir: &Path, exe: &Path) -> Result<bool> {
    let cc = |args: &[&str]| {
        Command::new("cc")
            .args(args)
            .current_dir(dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    std::fs::write(dir.join("lib.c"), "int cublas_stub(void) { return 0; }\n")?;
    std::fs::write(
        dir.join("main.c"),
        "int cublas_stub(void);\nint main(void) { return cublas_stub(); }\n",
    )?;
    let exe = exe.to_string_lossy();
    let ok = cc(&[
        "-shared",
        "-fPIC",
        "-o",
        "libcublas.so.11",
        "lib.c",
        "-Wl,-soname,libcublas.so.11",
    ]) && cc(&["main.c", "-L.", "-l:libcublas.so.11", "-o", &exe]);
    std::fs::remove_file(dir.join("libcublas.so.11")).ok();
    Ok(ok)
}

/// A carried build whose library and driver this machine lacks: the preflight names each
/// and runs nothing.
#[test]
fn preflight_names_what_the_machine_lacks() -> Result<()> {
    if Path::new("/usr/bin/nvidia-smi").exists() || Path::new("/bin/nvidia-smi").exists() {
        eprintln!("nvidia-smi is installed here: the missing-driver case cannot be staged");
        return Ok(());
    }
    let out = scratch("lacks");
    let carry = scratch("lacks-carry");
    std::fs::create_dir_all(&carry)?;
    let staged = stage_missing_cublas(&carry, &carry.join("gpu_check"))?;
    if !staged {
        std::fs::copy("/bin/true", carry.join("gpu_check"))?;
    }
    std::fs::copy("/bin/true", carry.join("gpu_suite"))?;
    std::fs::write(
        carry.join("BUILD_INFO"),
        format!(
            "BUILT_AT={}\nNVCC_VERSION=11.8\nCUDA_COMPUTE_CAP=80\nGIT_REV=test\n",
            root().display()
        ),
    )?;
    // Only the basic tools on PATH: no nvidia-smi.
    let run = script()
        .arg("--out")
        .arg(&out)
        .env("GPU_CHECK_CARRY", &carry)
        .env("PATH", "/usr/bin:/bin")
        .output()?;
    let log = String::from_utf8_lossy(&run.stderr);
    ensure!(
        run.status.code() == Some(3),
        "preflight did not stop the run:\n{log}"
    );
    ensure!(log.contains("MISSING: nvidia-smi"), "{log}");
    if staged {
        ensure!(log.contains("MISSING: libcublas.so.11"), "{log}");
    }
    let summary = read_json(&out.join("summary.json"))?;
    ensure!(summary["preflight"] == "failed", "{summary}");
    let missing: Vec<&str> = summary["missing"]
        .as_array()
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    ensure!(
        missing.iter().any(|m| m.contains("nvidia-smi")),
        "{summary}"
    );
    ensure!(
        !out.join("tests.log").exists(),
        "tests ran after a failed preflight"
    );
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&carry).ok();
    Ok(())
}

/// The full shape is Qwen2.5-VL-3B's: configs the model accepts, and parameter counts near the
/// released checkpoint's (3.09 B in the language model with tied embeddings, as Qwen2.5-3B;
/// 3.75 B with the vision tower, as the hub lists it).
#[test]
fn full_shape_is_qwen25_vl_3b() -> Result<()> {
    let s = shape::qwen25_vl_3b();
    s.text.validate()?;
    s.vision.validate().map_err(|e| anyhow!("{e}"))?;
    let (text, vision) = shape::param_counts(&s)?;
    let (text, total) = (text as f64 / 1e9, (text + vision) as f64 / 1e9);
    ensure!((3.05..3.12).contains(&text), "text {text:.3} B");
    ensure!((3.70..3.80).contains(&total), "total {total:.3} B");
    ensure!(s.work.gen_batch == 16 && s.work.prompt_len == 512);
    ensure!(s.work.grpo_prompts * s.work.grpo_group == 64 && s.work.grpo_new_tokens == 256);
    ensure!(s.work.lora_rank == 64);
    Ok(())
}

fn write_exe(path: &Path, body: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, format!("#!/bin/sh\n{body}\n"))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    Ok(())
}

/// `--build` then a run from the carried folder, as on the GPU machine, with CPU binaries and
/// stand-ins for `nvcc` and `nvidia-smi`. The carry limit is set so the binaries are packed.
#[test]
fn carried_build_runs_the_gpu_path() -> Result<()> {
    let carry = scratch("carry");
    let out = scratch("carry-out");
    let tools = scratch("carry-tools");
    std::fs::create_dir_all(&tools)?;
    write_exe(
        &tools.join("nvcc"),
        "echo 'Cuda compilation tools, release 11.8, V11.8.89'",
    )?;
    write_exe(
        &tools.join("nvidia-smi"),
        r#"case "$*" in
  *--query-gpu=name*) echo 'Stand-in GPU, 9.0, 550.54, 143771 MiB' ;;
  *) echo '| NVIDIA-SMI 550.54   Driver Version: 550.54   CUDA Version: 12.4 |' ;;
esac"#,
    )?;
    let path = format!(
        "{}:{}",
        tools.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let build = script()
        .arg("--build")
        .env("PATH", &path)
        .env("GPU_CHECK_CARRY", &carry)
        .env("GPU_CHECK_CARGO_ARGS", "")
        .env("GPU_CHECK_CARRY_LIMIT_MIB", "24")
        .output()?;
    let blog = String::from_utf8_lossy(&build.stdout);
    ensure!(
        build.status.success(),
        "--build failed:\n{blog}\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    ensure!(
        blog.contains("gzip -9"),
        "the binaries were not packed:\n{blog}"
    );
    let info = std::fs::read_to_string(carry.join("BUILD_INFO"))?;
    ensure!(
        info.contains("NVCC_VERSION=11.8") && info.contains("CUDA_COMPUTE_CAP=80"),
        "{info}"
    );
    ensure!(carry.join("gpu_check.gz").exists() && carry.join("gpu_suite.gz").exists());

    let run = script()
        .args(["--no-tests", "--out"])
        .arg(&out)
        .args(["--", "--smoke"])
        .env("PATH", &path)
        .env("GPU_CHECK_CARRY", &carry)
        .env("RULEGYM_DEVICE", "cpu")
        .output()?;
    let log = String::from_utf8_lossy(&run.stderr);
    ensure!(run.status.success(), "run from the carry failed:\n{log}");
    let pre = std::fs::read_to_string(out.join("preflight.txt"))?;
    for want in [
        "GPU: Stand-in GPU",
        "driver supports CUDA 12.4",
        "preflight: ok",
    ] {
        ensure!(pre.contains(want), "preflight lacks {want:?}:\n{pre}");
    }
    let report = read_json(&out.join("gpu_check.json"))?;
    check_pieces(&report)?;
    let summary = read_json(&out.join("summary.json"))?;
    ensure!(
        summary["measure_rc"] == "0" && summary["tests_rc"] == "skipped",
        "{summary}"
    );
    for d in [&carry, &out, &tools] {
        std::fs::remove_dir_all(d).ok();
    }
    Ok(())
}
