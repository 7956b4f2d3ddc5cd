use super::*;
use crate::checker::{check_env, CheckOptions};
use crate::math::verify::{equivalent, parse_gold};
use crate::registry::Registry;

fn reg() -> Registry {
    let mut r = Registry::default();
    register_all(&mut r).unwrap();
    r
}

#[test]
fn every_env_serves_an_image_and_grades_its_gold_answer() {
    let r = reg();
    for name in names() {
        let mut env = r.make(&name, &serde_json::json!({"size": 224})).unwrap();
        for seed in 0..40 {
            let reset = env.reset(Some(seed)).unwrap();
            let frame = &reset.observation.frames[0];
            assert_eq!((frame.width(), frame.height()), (224, 224));
            assert!(!reset.observation.text.is_empty());
            let gold = reset.info["answer"].as_str().unwrap().to_string();
            let step = env
                .step(&format!("<think>read it</think><answer>{gold}</answer>"))
                .unwrap();
            assert_eq!(step.reward, 1.5, "{name} seed {seed}: {gold}");
            assert!(step.terminated);
        }
    }
}

#[test]
fn every_level_of_every_family_gives_parseable_answers() {
    use rand::SeedableRng;
    for family in Family::ALL {
        for level in 1..=3 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(level as u64);
            for _ in 0..300 {
                let s = family.generate(&mut rng, level, &[]);
                let a = s.answer();
                let g = parse_gold(&a).unwrap_or_else(|e| panic!("{a}: {e}"));
                assert!(equivalent(&g, &g));
                // The scene round-trips through JSON (info carries it).
                let back: Scene =
                    serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
                assert_eq!(back.answer(), a);
            }
        }
    }
}

#[test]
fn wrong_and_unformatted_answers_lose_their_parts() {
    let mut env = make_env("vmath/counting", &serde_json::Value::Null).unwrap();
    let reset = env.reset(Some(5)).unwrap();
    let gold: i64 = reset.info["answer"].as_str().unwrap().parse().unwrap();
    let s = env
        .step(&format!("<think>.</think><answer>{}</answer>", gold + 1))
        .unwrap();
    assert_eq!(
        (s.reward_parts["format"], s.reward_parts["accuracy"]),
        (0.5, 0.0)
    );
    env.reset(Some(5)).unwrap();
    let s = env.step(&format!("it is {gold}")).unwrap();
    assert_eq!(s.reward_parts["format"], 0.0);
}

#[test]
fn the_checker_passes_every_vmath_env() {
    let r = reg();
    for name in names() {
        let mut env = r.make(&name, &serde_json::json!({"size": 224})).unwrap();
        let report = check_env(&mut env, &CheckOptions::default());
        assert!(report.passed(), "{name}: {:?}", report.problems);
    }
}

#[test]
fn bad_configs_name_the_key() {
    let r = reg();
    for (name, cfg, key) in [
        ("vmath/geometry", serde_json::json!({"size": 100}), "size"),
        ("vmath/geometry", serde_json::json!({"level": 4}), "level"),
        ("vmath/geometry", serde_json::json!({"sizee": 448}), "sizee"),
        (
            "vmath/charts",
            serde_json::json!({"kinds": ["circle"]}),
            "kinds",
        ),
        (
            "vmath/tables",
            serde_json::json!({"kinds": ["bar"]}),
            "kinds",
        ),
        (
            "vmath/plots",
            serde_json::json!({"families": ["plots"]}),
            "families",
        ),
        (
            "vmath/mixed",
            serde_json::json!({"families": ["poetry"]}),
            "families",
        ),
    ] {
        let e = r.make(name, &cfg).err().unwrap().to_string();
        assert!(e.contains(key), "{name} {cfg}: {e}");
    }
    assert!(r.make("vmath/nope", &serde_json::Value::Null).is_err());
}

#[test]
fn kinds_restrict_a_family_and_mixed_draws_every_family() {
    let mut env = make_env("vmath/charts", &serde_json::json!({"kinds": ["pie"]})).unwrap();
    for seed in 0..20 {
        env.reset(Some(seed)).unwrap();
        match env.scene() {
            Some(Scene::Charts(c)) => assert_eq!(c.kind, charts::ChartKind::Pie),
            other => panic!("{other:?}"),
        }
    }
    let mut env = make_env("vmath/mixed", &serde_json::json!({"size": 224})).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..60 {
        let r = env.reset(Some(seed)).unwrap();
        seen.insert(r.info["family"].as_str().unwrap().to_string());
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
}

#[test]
fn images_have_ink_and_differ_between_seeds() {
    let mut env = make_env("vmath/mixed", &serde_json::Value::Null).unwrap();
    let a = env.reset(Some(1)).unwrap().observation.frames[0].clone();
    let b = env.reset(Some(2)).unwrap().observation.frames[0].clone();
    assert_ne!(a, b);
    let dark = a.as_rgb().chunks_exact(3).filter(|p| p[0] < 100).count();
    assert!(dark > 200, "{dark}");
}
