//! Visual math: every answer re-derived from the scene description the
//! env reports in `info["scene"]` (its own arithmetic on the JSON, written
//! in other forms than the generator's: unsimplified radicals, unreduced
//! fractions), and the verifier must find the two equal; the env checker
//! on every env; one golden PNG per family; hostile text never panics.
//!
//! Regenerate the golden PNGs with
//! `RULEGYM_BLESS=1 cargo test --test vmath golden`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use proptest::prelude::*;
use rulegym::envs::checker::{check_env, CheckOptions};
use rulegym::envs::math::verify::{equivalent, parse_gold};
use rulegym::envs::vmath::{make_env, names};
use rulegym::envs::Env;
use rulegym::render::Frame;
use serde_json::Value;

const SEEDS: u64 = 150;

fn int(v: &Value, key: &str) -> Result<i64> {
    v[key].as_i64().with_context(|| format!("{key} in {v}"))
}

fn ints(v: &Value) -> Result<Vec<i64>> {
    v.as_array()
        .context("array")?
        .iter()
        .map(|x| x.as_i64().context("int"))
        .collect()
}

fn idx(v: &Value, key: &str) -> Result<usize> {
    Ok(int(v, key)? as usize)
}

/// `(a, b)` written as a JSON pair.
fn pt(v: &Value) -> Result<(i64, i64)> {
    Ok((v[0].as_i64().context("x")?, v[1].as_i64().context("y")?))
}

fn geometry(s: &Value) -> Result<String> {
    let f = &s["figure"];
    let ask = s["ask"].as_str().context("ask")?;
    let g = |k: &str| int(f, k);
    Ok(match (f["kind"].as_str().context("kind")?, ask) {
        ("right_legs", "hypotenuse") => format!("\\sqrt{{{}}}", g("a")?.pow(2) + g("b")?.pow(2)),
        ("right_legs", "area") => format!("{}/2", g("a")? * g("b")?),
        ("right_legs", "perimeter") => format!(
            "{} + {} + \\sqrt{{{}}}",
            g("a")?,
            g("b")?,
            g("a")?.pow(2) + g("b")?.pow(2)
        ),
        ("right_leg_hyp", "leg") => format!("\\sqrt{{{}}}", g("c")?.pow(2) - g("a")?.pow(2)),
        ("right_leg_hyp", "area") => {
            format!(
                "\\frac{{{}\\sqrt{{{}}}}}{{2}}",
                g("a")?,
                g("c")?.pow(2) - g("a")?.pow(2)
            )
        }
        ("isosceles", "height") => {
            // h² = leg² - (base/2)², written over 4.
            format!(
                "\\sqrt{{\\frac{{{}}}{{4}}}}",
                4 * g("leg")?.pow(2) - g("base")?.pow(2)
            )
        }
        ("isosceles", "area") => format!(
            "\\frac{{1}}{{2}} \\cdot {} \\cdot \\sqrt{{\\frac{{{}}}{{4}}}}",
            g("base")?,
            4 * g("leg")?.pow(2) - g("base")?.pow(2)
        ),
        ("isosceles", "perimeter") => format!("{}", g("leg")? + g("leg")? + g("base")?),
        ("angles", "angle") => format!("{}^\\circ", 180 - g("a")? - g("b")?),
        ("circle", "area") => format!("{}\\pi", g("r")? * g("r")?),
        ("circle", "circumference") => format!("{}\\pi", 2 * g("r")?),
        ("sector", "area") => format!("\\frac{{{}\\pi}}{{360}}", g("deg")? * g("r")?.pow(2)),
        ("sector", "arc_length") => format!("\\frac{{{}\\pi}}{{360}}", 2 * g("deg")? * g("r")?),
        ("rectangle", "area") => format!("{}", g("w")? * g("h")?),
        ("rectangle", "perimeter") => format!("{}", g("w")? + g("h")? + g("w")? + g("h")?),
        ("rectangle", "diagonal") => format!("\\sqrt{{{}}}", g("w")?.pow(2) + g("h")?.pow(2)),
        ("l_shape", "area") => format!("{}", g("w")? * g("h")? - g("cut_w")? * g("cut_h")?),
        ("l_shape", "perimeter") => format!("{}", 2 * g("w")? + 2 * g("h")?),
        ("parallel", "angle") => {
            // Quadrants alternate between the angle and its supplement.
            let same = (g("marked")? + g("target")?) % 2 == 0;
            let a = g("angle")?;
            format!("{}", if same { a } else { 180 - a })
        }
        (k, a) => bail!("unexpected geometry {k}/{a}"),
    })
}

fn charts(s: &Value) -> Result<String> {
    let ask = &s["ask"];
    let series = &s["series"][idx(ask, "series")?]["values"];
    let v = ints(series)?;
    let labels: Vec<&str> = s["labels"]
        .as_array()
        .context("labels")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let total: i64 = v.iter().sum();
    Ok(match ask["op"].as_str().context("op")? {
        "value" => v[idx(ask, "cat")?].to_string(),
        "difference" => (v[idx(ask, "a")?] - v[idx(ask, "b")?]).to_string(),
        "change" => (v[idx(ask, "to")?] - v[idx(ask, "from")?]).to_string(),
        "sum" => total.to_string(),
        "ratio" => format!("{}/{}", v[idx(ask, "a")?], v[idx(ask, "b")?]),
        "percent" => format!("\\frac{{{}}}{{{total}}}\\%", 100 * v[idx(ask, "cat")?]),
        "argmax" => {
            let mut best = 0;
            for i in 1..v.len() {
                if v[i] > v[best] {
                    best = i;
                }
            }
            labels[best].to_string()
        }
        op => bail!("unexpected chart op {op}"),
    })
}

fn plots(s: &Value) -> Result<String> {
    let c = &s["curve"];
    let ask = &s["ask"];
    let op = ask["op"].as_str().context("op")?;
    Ok(match c["kind"].as_str().context("kind")? {
        "line" => {
            let ((x1, y1), (x2, y2)) = (pt(&c["p"])?, pt(&c["q"])?);
            // y = y1 + m (x - x1) with m = (y2 - y1)/(x2 - x1).
            let (num, den) = (y2 - y1, x2 - x1);
            match op {
                "slope" => format!("{num}/{den}"),
                "intercept" => format!("{y1} - ({num}/{den})*({x1})"),
                "zero" => format!("{x1} - ({y1})*({den})/({num})"),
                "value_at" => format!("{y1} + ({num}/{den})*({} - ({x1}))", int(ask, "x")?),
                _ => bail!("line/{op}"),
            }
        }
        "parabola" => {
            let (an, ad, h, k) = (
                int(c, "a_num")?,
                int(c, "a_den")?,
                int(c, "h")?,
                int(c, "k")?,
            );
            match op {
                "vertex" => format!("({h}, {k})"),
                "value_at" => {
                    let x = int(ask, "x")?;
                    format!("({an}/{ad})*({x} - ({h}))^2 + ({k})")
                }
                _ => bail!("parabola/{op}"),
            }
        }
        "points" => {
            let ((x1, y1), (x2, y2)) = (pt(&c["p"])?, pt(&c["q"])?);
            match op {
                "distance" => format!("\\sqrt{{{}}}", (x2 - x1).pow(2) + (y2 - y1).pow(2)),
                "midpoint" => format!("({}/2, {}/2)", x1 + x2, y1 + y2),
                _ => bail!("points/{op}"),
            }
        }
        k => bail!("curve {k}"),
    })
}

fn tables(s: &Value) -> Result<String> {
    let ask = &s["ask"];
    let cells: Vec<Vec<i64>> = s["cells"]
        .as_array()
        .context("cells")?
        .iter()
        .map(ints)
        .collect::<Result<_>>()?;
    let column = |c: usize| cells.iter().map(move |r| r[c]);
    Ok(match ask["op"].as_str().context("op")? {
        "lookup" => cells[idx(ask, "row")?][idx(ask, "col")?].to_string(),
        "row_total" => cells[idx(ask, "row")?].iter().sum::<i64>().to_string(),
        "column_total" => column(idx(ask, "col")?).sum::<i64>().to_string(),
        "difference" => {
            let c = idx(ask, "col")?;
            (cells[idx(ask, "a")?][c] - cells[idx(ask, "b")?][c]).to_string()
        }
        "column_max" => {
            let c = idx(ask, "col")?;
            let best =
                (0..cells.len()).fold(0, |b, i| if cells[i][c] > cells[b][c] { i } else { b });
            s["rows"][best].as_str().context("row")?.to_string()
        }
        "column_mean" => {
            let c = idx(ask, "col")?;
            format!("{}/{}", column(c).sum::<i64>(), cells.len())
        }
        op => bail!("table op {op}"),
    })
}

fn counting(s: &Value) -> Result<String> {
    let (shape, colour) = (s["shape"].as_str(), s["colour"].as_str());
    let n = s["objects"]
        .as_array()
        .context("objects")?
        .iter()
        .filter(|o| shape.is_none_or(|x| o["shape"] == x))
        .filter(|o| colour.is_none_or(|x| o["colour"] == x))
        .count();
    Ok(n.to_string())
}

fn rederive(scene: &Value) -> Result<String> {
    match scene["family"].as_str().context("family")? {
        "geometry" => geometry(scene),
        "charts" => charts(scene),
        "plots" => plots(scene),
        "tables" => tables(scene),
        "counting" => counting(scene),
        f => bail!("family {f}"),
    }
}

#[test]
fn every_answer_rederived_from_the_scene_is_the_gold_one() -> Result<()> {
    for name in names().into_iter().filter(|n| n != "vmath/mixed") {
        for level in 1..=3 {
            let mut env = make_env(&name, &serde_json::json!({"level": level, "size": 224}))?;
            for seed in 0..SEEDS {
                let r = env.reset(Some(seed))?;
                let gold = r.info["answer"].as_str().context("answer")?;
                let mine = rederive(&r.info["scene"])
                    .with_context(|| format!("{name} L{level} seed {seed}"))?;
                let (g, m) = (parse_gold(gold)?, parse_gold(&mine)?);
                assert!(
                    equivalent(&g, &m),
                    "{name} L{level} seed {seed}: gold {gold} vs re-derived {mine}"
                );
                // The env grades the re-derived form as right.
                let s = env.step(&format!("<think>.</think><answer>{mine}</answer>"))?;
                assert_eq!(
                    s.reward, 1.5,
                    "{name} L{level} seed {seed}: {mine} vs {gold}"
                );
            }
        }
    }
    Ok(())
}

#[test]
fn the_env_checker_passes_every_vmath_env() -> Result<()> {
    for name in names() {
        let mut env = make_env(&name, &serde_json::json!({"size": 224}))?;
        let report = check_env(&mut env, &CheckOptions::default());
        assert!(report.passed(), "{name}: {:?}", report.problems);
    }
    Ok(())
}

/// Fraction of channels differing by more than 48, and the mean difference.
fn diff(a: &Frame, b: &Frame) -> (f64, f64) {
    let (mut big, mut sum) = (0usize, 0u64);
    for (x, y) in a.as_rgb().iter().zip(b.as_rgb()) {
        let d = x.abs_diff(*y);
        sum += d as u64;
        big += usize::from(d > 48);
    }
    let n = a.as_rgb().len().max(1) as f64;
    (big as f64 / n, sum as f64 / n)
}

#[test]
fn a_golden_png_per_family_matches_within_tolerance() -> Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vmath");
    for name in names().into_iter().filter(|n| n != "vmath/mixed") {
        let family = name.trim_start_matches("vmath/");
        let mut env = make_env(&name, &serde_json::json!({"size": 224, "level": 2}))?;
        let frame = env.reset(Some(2024))?.observation.frames.remove(0);
        let path = dir.join(format!("{family}.png"));
        if std::env::var("RULEGYM_BLESS").is_ok() {
            std::fs::create_dir_all(&dir)?;
            frame.save(&path)?;
        }
        let golden = Frame::load(&path)
            .with_context(|| format!("{} (bless with RULEGYM_BLESS=1)", path.display()))?;
        assert_eq!((golden.width(), golden.height()), (224, 224));
        let (big, mean) = diff(&golden, &frame);
        assert!(
            big < 0.002 && mean < 0.5,
            "{family}: {:.3}% channels differ, mean {mean:.3}; rebless if intended",
            big * 100.0
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_action_is_judged_without_panicking(
        s in prop_oneof![
            Just(String::new()),
            ".{0,300}",
            "(<answer>|</answer>|<think>|\\\\frac|\\\\sqrt|\\{|\\}|\\(|\\)|,|-|[0-9]|\\^|\\\\pi){0,120}",
            Just("9".repeat(100_000)),
            Just(format!("<think>x</think><answer>{}</answer>", "(".repeat(5_000))),
        ],
        seed in 0u64..50,
        env_i in 0usize..6,
    ) {
        let name = &names()[env_i];
        let mut env = make_env(name, &serde_json::json!({"size": 224})).unwrap();
        env.reset(Some(seed)).unwrap();
        let step = env.step(&s).unwrap();
        prop_assert!(step.reward.is_finite());
        prop_assert!([0.0, 0.5, 1.0, 1.5].contains(&step.reward));
        prop_assert!(step.terminated);
    }
}
