//! Every registered env honours the contract the env checker verifies:
//! determinism per seed, finite rewards equal to the sum of their parts,
//! episodes ending within `max_turns`, frames matching the modality, and any
//! text (empty, garbage, 10 KB) handled without an error or a panic.

use rulegym::envs::{self, checker};

#[test]
fn every_builtin_env_passes_the_checker() {
    let opts = checker::CheckOptions {
        seeds: vec![0, 3],
        ..Default::default()
    };
    let mut failures = Vec::new();
    for info in envs::list() {
        // `math/dataset` needs a data file; it has its own tests.
        if info.name == "math/dataset" {
            continue;
        }
        let mut env = match envs::make(&info.name, &serde_json::Value::Null) {
            Ok(env) => env,
            Err(e) => {
                failures.push(format!("{}: make failed: {e}", info.name));
                continue;
            }
        };
        let report = checker::check_env(env.as_mut(), &opts);
        if !report.passed() {
            failures.push(format!("{}: {}", info.name, report.problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Frames switched on keep their promise too: football draws one image per
/// turn, spatial a video of equal-sized frames or, with one frame, an image.
#[test]
fn rendered_configs_pass_the_checker() {
    let opts = checker::CheckOptions {
        seeds: vec![1],
        ..Default::default()
    };
    for (name, cfg) in [
        (
            "football",
            serde_json::json!({"render_frames": true, "frame": {"width": 48, "height": 36}, "max_turns": 3}),
        ),
        (
            "spatial/room_size",
            serde_json::json!({"frames": 2, "width": 16, "height": 16}),
        ),
        (
            "spatial/room_size",
            serde_json::json!({"frames": 1, "width": 16, "height": 16}),
        ),
    ] {
        let mut env = envs::make(name, &cfg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = checker::check_env(env.as_mut(), &opts);
        assert!(report.passed(), "{name} {cfg}: {:?}", report.problems);
    }
}
