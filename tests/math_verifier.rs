//! The verifier case table: ours must equal the intended verdict on every
//! case of `tests/data/math/verifier_cases.jsonl`, and arbitrary input must
//! never panic.

use std::path::PathBuf;

use proptest::prelude::*;
use rulegym::envs::math::verify::{extract, parse_answer, parse_gold, Choices};
use rulegym::envs::math::{format_ok, score_response, score_with, FormatStyle, RewardConfig};

struct Case {
    id: u64,
    category: String,
    gold: String,
    response: String,
    intended: bool,
}

fn cases() -> anyhow::Result<Vec<Case>> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/math/verifier_cases.jsonl");
    let text = std::fs::read_to_string(&path)?;
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let s = |k: &str| {
                v[k].as_str()
                    .map(str::to_string)
                    .ok_or_else(|| anyhow::anyhow!("{}:{}: missing {k}", path.display(), i + 1))
            };
            Ok(Case {
                id: v["id"].as_u64().unwrap_or(i as u64),
                category: s("category")?,
                gold: s("gold")?,
                response: s("response")?,
                intended: v["intended"].as_bool().ok_or_else(|| {
                    anyhow::anyhow!("{}:{}: missing intended", path.display(), i + 1)
                })?,
            })
        })
        .collect()
}

#[test]
fn ours_equals_the_intended_verdict_on_every_case() -> anyhow::Result<()> {
    let cases = cases()?;
    assert!(cases.len() >= 550, "only {} cases", cases.len());
    let cfg = RewardConfig::default();
    let mut wrong = Vec::new();
    for c in &cases {
        let ours = score_response(&c.response, &c.gold, &cfg)?.correct;
        if ours != c.intended {
            wrong.push(format!(
                "#{} [{}] gold {:?} response {:?}: intended {}, ours {}",
                c.id,
                c.category,
                c.gold,
                c.response.chars().take(120).collect::<String>(),
                c.intended,
                ours
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn every_category_has_equivalent_and_inequivalent_cases() -> anyhow::Result<()> {
    let cases = cases()?;
    let mut cats: Vec<&str> = cases.iter().map(|c| c.category.as_str()).collect();
    cats.sort();
    cats.dedup();
    for cat in cats {
        let of = |v: bool| cases.iter().any(|c| c.category == cat && c.intended == v);
        assert!(
            of(true) && of(false),
            "category {cat} lacks a true or a false case"
        );
    }
    Ok(())
}

#[test]
fn issue_13_styles_have_at_least_150_cases_over_seven_groups() -> anyhow::Result<()> {
    let cases = cases()?;
    let groups = [
        "answer_in_prose",
        "self_correction",
        "several_boxes",
        "approximation",
        "notation",
        "relation",
        "identity",
    ];
    let mut total = 0;
    for g in groups {
        let n = cases.iter().filter(|c| c.category == g).count();
        assert!(n >= 15, "group {g} has only {n} cases");
        total += n;
    }
    assert!(total >= 150, "only {total} issue-13 cases");
    Ok(())
}

#[test]
fn prose_answers_earn_accuracy_but_never_the_format_reward() -> anyhow::Result<()> {
    let cfg = RewardConfig::default();
    for response in [
        "So the answer is 12.",
        "Final Answer: The final answer is $12$. I hope it is correct.",
        "<think>add</think>\n#### 12",
        "<think>add</think><answer>11</answer> Wait, I made a mistake. <answer>12</answer>",
    ] {
        let s = score_response(response, "12", &cfg)?;
        assert!(s.correct, "{response:?}");
        assert!(!s.format_ok, "{response:?}");
        assert_eq!(s.reward, cfg.accuracy_weight, "{response:?}");
    }
    Ok(())
}

const FRAGMENTS: [&str; 34] = [
    "The answer is ",
    "Final answer: ",
    "answer",
    "Answer:",
    "Alternatively, ",
    "answers are ",
    "$",
    "$$",
    "\\[",
    "\\]",
    "\\(",
    "\\)",
    "\\boxed{",
    "}",
    "{",
    "<answer>",
    "</answer>",
    "<think>",
    "</think>",
    "\n",
    "\n\nQuestion: ",
    ". ",
    ", though ",
    " or ",
    " and ",
    "Wait, ",
    "Therefore ",
    "x = ",
    "\\pm",
    "\\approx",
    "\\overline{3}",
    "0.",
    "12",
    "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
];
const GOLDS: [&str; 6] = ["5", "\\text{(B)}", "1011_2", "e", "\\text{No}", "2i, -2i"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random text finds few of the verifier's paths; responses spliced
    /// from the pieces its rules look for find the rest (a blind set found a
    /// slice of a statement that overlapped the next one).
    #[test]
    fn responses_spliced_from_answer_phrases_never_panic(
        parts in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..14),
        gold in 0usize..GOLDS.len()
    ) {
        let s: String = parts.iter().map(|&k| FRAGMENTS[k]).collect();
        let _ = extract::candidates(&s);
        let _ = score_response(&s, GOLDS[gold], &RewardConfig::default());
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = parse_answer(&s);
        let _ = extract::candidates(&s);
        let _ = format_ok(&s, FormatStyle::Strict);
        let _ = format_ok(&s, FormatStyle::Lenient);
        let _ = score_response(&s, "5", &RewardConfig::default());
    }

    #[test]
    fn latex_like_text_never_panics(s in "[0-9a-z\\\\{}()\\[\\],.=+*/^%!_ -]{0,200}") {
        let wrapped = format!("<think>x</think><answer>{s}</answer>");
        let scored = score_response(&wrapped, "\\frac{1}{2}", &RewardConfig::default());
        prop_assert!(scored.is_ok());
        let _ = parse_answer(&format!("\\boxed{{{s}}}"));
    }

    #[test]
    fn integers_round_trip_in_every_notation(n in -1_000_000_000i64..1_000_000_000) {
        let gold = n.to_string();
        let cfg = RewardConfig::default();
        let plain = format!("<think>x</think><answer>{n}</answer>");
        prop_assert!(score_response(&plain, &gold, &cfg).unwrap().correct);
        let boxed = format!("so \\boxed{{{n}.0}}");
        prop_assert!(score_response(&boxed, &gold, &cfg).unwrap().correct);
        let off = format!("\\boxed{{{}}}", n + 1);
        prop_assert!(!score_response(&off, &gold, &cfg).unwrap().correct);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fraction_sums_equal_their_common_denominator_form(
        p in -999i64..999, q in 1i64..99, r in -999i64..999, s in 1i64..99
    ) {
        let gold = format!("{}/{}", p * s + r * q, q * s);
        let response = format!("<answer>\\frac{{{p}}}{{{q}}} + \\dfrac{{{r}}}{{{s}}}</answer>");
        prop_assert!(score_response(&response, &gold, &RewardConfig::default()).unwrap().correct);
        let off = format!("<answer>\\frac{{{}}}{{{q}}} + \\dfrac{{{r}}}{{{s}}}</answer>", p + 1);
        prop_assert!(!score_response(&off, &gold, &RewardConfig::default()).unwrap().correct);
    }

    #[test]
    fn radicals_normalise_whatever_square_is_pulled_out(k in 1i64..30, m in 1i64..50) {
        // k·√m and √(k²m) are one number.
        let gold = format!("{k}\\sqrt{{{m}}}");
        let response = format!("\\boxed{{\\sqrt{{{}}}}}", k * k * m);
        prop_assert!(score_response(&response, &gold, &RewardConfig::default()).unwrap().correct);
    }
}

#[test]
fn huge_inputs_are_refused_quickly() {
    let start = std::time::Instant::now();
    let big = format!(
        "<think>{}</think><answer>{}</answer>",
        "(".repeat(50_000),
        "1+".repeat(20_000)
    );
    let s = score_response(&big, "1", &RewardConfig::default()).unwrap();
    assert_eq!(s.accuracy, 0.0);
    let nested = format!(
        "<answer>{}1{}</answer>",
        "\\frac{".repeat(400),
        "}{2}".repeat(400)
    );
    assert_eq!(
        score_response(&nested, "1", &RewardConfig::default())
            .unwrap()
            .accuracy,
        0.0
    );
    assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
}

/// Agreement with the intended verdicts of a blind set (written by someone
/// who had not read the verifier; see `tests/data/math/heldout/README.md`),
/// undecidable lines left out: (agreeing, decided, the disagreements).
fn heldout_agreement(set: &str) -> anyhow::Result<(usize, usize, Vec<String>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/math/heldout")
        .join(set)
        .join("heldout_cases.jsonl");
    let text = std::fs::read_to_string(&path)?;
    let cfg = RewardConfig::default();
    let (mut agree, mut decided, mut misses) = (0, 0, Vec::new());
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if v["undecidable"].as_bool().unwrap_or(false) {
            continue;
        }
        let field = |k: &str| {
            v[k].as_str()
                .ok_or_else(|| anyhow::anyhow!("{}:{}: missing {k}", path.display(), i + 1))
        };
        let intended = v["intended"]
            .as_bool()
            .ok_or_else(|| anyhow::anyhow!("{}:{}: missing intended", path.display(), i + 1))?;
        // The question, when the set has it (set6 on: `problem`; older sets
        // keep it in the note as `Q: … | …`): its options are the grader's.
        let note = v["note"].as_str().unwrap_or_default();
        let problem = v["problem"].as_str().or_else(|| {
            note.strip_prefix("Q: ")
                .map(|q| q.split(" | ").next().unwrap_or(q))
        });
        let choices = problem.map_or_else(Choices::none, Choices::from_problem);
        let gold = parse_gold(field("gold")?)?;
        let ours = score_with(field("response")?, &gold, &choices, &cfg).correct;
        decided += 1;
        if ours == intended {
            agree += 1;
        } else {
            misses.push(format!("{set} #{}: intended {intended}", v["id"]));
        }
    }
    Ok((agree, decided, misses))
}

#[test]
fn blind_sets_agree_with_the_careful_grader() -> anyhow::Result<()> {
    // Each set was held out when first scored (93.7%, 95.9%, 91.7%, 83.8%,
    // 91.0%); the verifier was then fixed on the kinds of response they
    // missed, so they guard against regressions now. What is left is in the
    // README. The second number is how many lines each set decides, so a
    // line lost to a parse slip cannot raise the rate.
    for (set, min_decided, floor) in [
        ("set1", 383, 0.994),
        ("set2", 386, 0.997),
        ("set3", 410, 0.999),
        ("set6", 395, 0.91),
        ("set7", 145, 0.91),
    ] {
        let (agree, decided, misses) = heldout_agreement(set)?;
        assert!(
            decided >= min_decided,
            "{set}: only {decided} decided lines, expected {min_decided}"
        );
        let rate = agree as f64 / decided as f64;
        assert!(
            rate >= floor,
            "{set}: {agree}/{decided} = {rate:.4}; misses {misses:?}"
        );
    }
    Ok(())
}
