//! Every generator's answers re-verified independently of the generator
//! code: expressions are re-evaluated by a separate evaluator, equations
//! checked by substituting the answer back, counts brute-forced by
//! enumeration, modular answers by repeated multiplication or search.
//! Problems come through the registry (`make` + `reset`), for many seeds at
//! every difficulty level.

use std::collections::HashSet;

use rulegym::envs::{self, Env};

const SEEDS: u64 = 120;

/// An exact fraction for the checks (independent of the envs' `Rat`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Q(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        assert!(d != 0, "division by zero");
        let g = gcd(n, d).max(1) * d.signum();
        Q(n / g, d / g)
    }
    fn add(self, o: Q) -> Q {
        Q::new(self.0 * o.1 + o.0 * self.1, self.1 * o.1)
    }
    fn sub(self, o: Q) -> Q {
        self.add(Q(-o.0, o.1))
    }
    fn mul(self, o: Q) -> Q {
        Q::new(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Q) -> Q {
        Q::new(self.0 * o.1, self.1 * o.0)
    }
}

/// Shunting-free recursive evaluator over `+ - × ÷ * / ( )`, decimals and
/// implicit multiplication before `(`.
struct Eval<'a> {
    s: &'a [u8],
    i: usize,
}

impl Eval<'_> {
    fn run(text: &str) -> Q {
        let t = text.replace('×', "*").replace('÷', "/").replace(' ', "");
        let mut e = Eval {
            s: t.as_bytes(),
            i: 0,
        };
        let v = e.expr();
        assert_eq!(e.i, e.s.len(), "trailing input in {text:?}");
        v
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn expr(&mut self) -> Q {
        let mut v = self.term();
        while let Some(c @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let r = self.term();
            v = if c == b'+' { v.add(r) } else { v.sub(r) };
        }
        v
    }
    fn term(&mut self) -> Q {
        let mut v = self.factor();
        loop {
            match self.peek() {
                Some(b'*') => {
                    self.i += 1;
                    v = v.mul(self.factor());
                }
                Some(b'/') => {
                    self.i += 1;
                    v = v.div(self.factor());
                }
                Some(b'(') => v = v.mul(self.factor()),
                _ => return v,
            }
        }
    }
    fn factor(&mut self) -> Q {
        match self.peek() {
            Some(b'-') => {
                self.i += 1;
                Q(-1, 1).mul(self.factor())
            }
            Some(b'(') => {
                self.i += 1;
                let v = self.expr();
                assert_eq!(self.peek(), Some(b')'));
                self.i += 1;
                v
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(b'0'..=b'9' | b'.')) {
                    self.i += 1;
                }
                let num = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                let (int, frac) = num.split_once('.').unwrap_or((num, ""));
                let digits: i128 = format!("{int}{frac}")
                    .parse()
                    .unwrap_or_else(|_| panic!("bad number {num:?}"));
                Q::new(digits, 10i128.pow(frac.len() as u32))
            }
        }
    }
}

/// All integers in `text`, in order (a `-` right before a digit is a sign).
fn numbers(text: &str) -> Vec<i64> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let neg = i > 0 && b[i - 1] == b'-' && (i < 2 || !b[i - 2].is_ascii_alphanumeric());
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n: i64 = text[start..i].parse().unwrap();
            out.push(if neg { -n } else { n });
        } else {
            i += 1;
        }
    }
    out
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let a = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in {text:?}"))
        + start.len();
    let b = a + text[a..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not in {text:?}"));
    &text[a..b]
}

/// Calls `check(problem, answer)` for every seed and difficulty of `name`.
fn each_problem(name: &str, mut check: impl FnMut(u8, &str, &str)) {
    for d in 1..=5u8 {
        let mut env = envs::make(name, &serde_json::json!({ "difficulty": d })).unwrap();
        for seed in 0..SEEDS {
            let r = env.reset(Some(seed)).unwrap();
            let problem = r.observation.text.lines().next().unwrap().to_string();
            let answer = r.info["answer"].as_str().unwrap().to_string();
            check(d, &problem, &answer);
            // The env's own verifier accepts its gold answer.
            let step = env
                .step(&format!("<think>.</think><answer>{answer}</answer>"))
                .unwrap();
            assert_eq!(
                step.reward_parts["accuracy"], 1.0,
                "{name} d{d}: {problem} / {answer}"
            );
        }
    }
}

fn substitute(side: &str, var: char, value: &str) -> Q {
    Eval::run(&side.replace(var, &format!("({value})")))
}

#[test]
fn arithmetic_answers_match_a_separate_evaluator() {
    each_problem("math/arithmetic", |_, p, a| {
        let expr = between(p, "What is ", "?");
        assert_eq!(Eval::run(expr), Eval::run(a), "{p}");
    });
}

#[test]
fn default_math_env_is_one_operation_on_single_digits() {
    let mut env = envs::make("math", &serde_json::Value::Null).unwrap();
    for seed in 0..SEEDS {
        let r = env.reset(Some(seed)).unwrap();
        let p = r.observation.text.lines().next().unwrap().to_string();
        let ops = p.matches(['+', '-', '×', '÷']).count();
        assert_eq!(ops, 1, "{p}");
        assert!(numbers(&p).iter().all(|n| (0..10).contains(n)), "{p}");
        let a = r.info["answer"].as_str().unwrap();
        assert!(
            a.len() <= 2 && Eval::run(between(&p, "What is ", "?")) == Eval::run(a),
            "{p} {a}"
        );
    }
}

#[test]
fn fraction_answers_match_a_separate_evaluator() {
    each_problem("math/fractions", |_, p, a| {
        assert_eq!(Eval::run(between(p, "What is ", "?")), Eval::run(a), "{p}");
    });
}

#[test]
fn percentage_answers_are_recomputed_from_the_text() {
    each_problem("math/percentages", |_, p, a| {
        let n = numbers(p);
        let pct = |x: i64, q: i64| Q::new((x * q) as i128, 100);
        let want = if p.starts_with("What percent of") {
            // a is p% of b  <=>  p = 100 a / b
            assert!(a.ends_with("\\%"), "{a}");
            let got = Eval::run(a.trim_end_matches("\\%"));
            assert_eq!(got, Q::new(100 * n[1] as i128, n[0] as i128), "{p}");
            return;
        } else if p.starts_with("What is") {
            pct(n[1], n[0])
        } else if p.contains("increases by") && p.contains("then") {
            pct(n[0], 100 + n[1]).mul(Q::new(100 - n[2] as i128, 100))
        } else if p.contains("increases") {
            pct(n[0], 100 + n[1])
        } else {
            pct(n[0], 100 - n[1])
        };
        assert_eq!(Eval::run(a), want, "{p}");
    });
}

#[test]
fn linear_answers_satisfy_the_equation() {
    each_problem("math/linear", |d, p, a| {
        let eq = between(p, "Solve for x: ", ".");
        let (l, r) = eq.split_once(" = ").unwrap();
        assert_eq!(
            substitute(l, 'x', a),
            substitute(r, 'x', a),
            "{p} with x = {a}"
        );
        if d <= 3 {
            assert!(
                !a.contains('/') && !a.contains('.'),
                "integer solution expected: {p} {a}"
            );
        }
    });
}

#[test]
fn system_answers_satisfy_both_equations() {
    each_problem("math/systems", |_, p, a| {
        let (x, y) = a.trim_matches(['(', ')']).split_once(", ").unwrap();
        let eqs = between(p, "equations ", ". Give");
        for eq in eqs.split(" and ") {
            let (l, r) = eq.split_once(" = ").unwrap();
            let l = l
                .replace('x', &format!("({x})"))
                .replace('y', &format!("({y})"));
            assert_eq!(Eval::run(&l), Eval::run(r), "{p} with {a}");
        }
    });
}

#[test]
fn word_problem_answers_are_recomputed_per_template() {
    each_problem("math/word", |_, p, a| {
        let n = numbers(p);
        let want = if p.contains("buys") && p.contains("more") {
            n[0] + n[1]
        } else if p.contains("gives away") {
            n[0] - n[1]
        } else if p.contains("boxes with") {
            n[0] * n[1]
        } else if p.contains("shared equally") {
            n[0] / n[1]
        } else if p.contains("change") {
            n[2] - n[0] * n[1]
        } else if p.contains("train") {
            n[0] * n[1]
        } else if p.contains("rectangle") {
            n[1] * (n[0] / 2 - n[1])
        } else if p.contains("difference") {
            (n[0] + n[1]) / 2
        } else if p.contains("splits the total") {
            (n[0] * n[1] + n[2] * n[3]) / n[4]
        } else if p.contains("pencils at") {
            n[0] * n[1] + n[2] * n[3]
        } else if p.contains("tank") {
            n[0] / (n[1] - n[2])
        } else {
            panic!("unknown template: {p}")
        };
        assert_eq!(a.parse::<i64>().unwrap(), want, "{p}");
    });
}

#[test]
fn modular_answers_match_brute_force() {
    each_problem("math/modular", |_, p, a| {
        let n = numbers(p);
        let a: i64 = a.parse().unwrap();
        if p.contains("remainder") {
            assert_eq!(a, n[0] % n[1], "{p}");
        } else if p.contains('×') {
            assert_eq!(a, n[0] * n[1] % n[2], "{p}");
        } else if p.contains('^') {
            let mut acc = 1 % n[2];
            for _ in 0..n[1] {
                acc = acc * n[0] % n[2];
            }
            assert_eq!(a, acc, "{p}");
        } else {
            // 0 ≤ x < m with a·x ≡ b (mod m): search every x; exactly one.
            let (m, k, b) = (n[1], n[2], n[3]);
            let sols: Vec<i64> = (0..m).filter(|x| k * x % m == b % m).collect();
            assert_eq!(sols, vec![a], "{p}");
        }
    });
}

fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let x = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, x.clone());
            out.push(p);
        }
    }
    out
}

#[test]
fn counting_answers_match_enumeration() {
    each_problem("math/counting", |_, p, a| {
        let n = numbers(p);
        let count: usize = if p.contains("books") {
            permutations(&(0..n[0]).collect::<Vec<_>>()).len()
        } else if p.contains("choose") {
            let (k, total) = (n[0] as u32, n[1]);
            (0u32..1 << total).filter(|m| m.count_ones() == k).count()
        } else if p.contains("prizes") {
            let (k, people) = (n[0] as u32, n[1]);
            (0..people.pow(k))
                .filter(|code| {
                    let digits: Vec<i64> = (0..k).map(|j| code / people.pow(j) % people).collect();
                    digits.iter().collect::<HashSet<_>>().len() == k as usize
                })
                .count()
        } else if p.contains("divisible") {
            (1..=n[1])
                .filter(|x| x % n[2] == 0 || x % n[3] == 0)
                .count()
        } else if p.contains("letters of the word") {
            let word = p.trim_end_matches('?').rsplit(' ').next().unwrap();
            let letters: Vec<char> = word.chars().collect();
            permutations(&letters)
                .into_iter()
                .collect::<HashSet<_>>()
                .len()
        } else if p.contains("strictly increasing") {
            let k = n[0] as u32;
            (10i64.pow(k - 1)..10i64.pow(k))
                .filter(|x| {
                    let d: Vec<u8> = x.to_string().bytes().collect();
                    d.windows(2).all(|w| w[0] < w[1])
                })
                .count()
        } else {
            panic!("unknown template: {p}")
        };
        assert_eq!(a.parse::<usize>().unwrap(), count, "{p}");
    });
}

#[test]
fn sequence_answers_follow_the_listed_terms() {
    each_problem("math/sequences", |_, p, a| {
        let a: i64 = a.parse().unwrap();
        let listed = between(p, "sequence ", ", ...");
        let t: Vec<i64> = listed.split(", ").map(|s| s.parse().unwrap()).collect();
        let diffs: Vec<i64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        if p.contains("next term") {
            let last = *t.last().unwrap();
            let want = if diffs.windows(2).all(|w| w[0] == w[1]) {
                last + diffs[0]
            } else if t.windows(2).all(|w| w[1] * t[0] == w[0] * t[1]) {
                last * t[1] / t[0]
            } else {
                let second = diffs[1] - diffs[0];
                assert!(diffs.windows(2).all(|w| w[1] - w[0] == second), "{p}");
                last + diffs.last().unwrap() + second
            };
            assert_eq!(a, want, "{p}");
        } else if p.contains("term number") {
            let k = numbers(p)[0];
            let mut v = t[0];
            for _ in 1..k {
                v += diffs[0];
            }
            assert_eq!(a, v, "{p}");
        } else {
            let k = numbers(p)[0];
            let mut sum = 0;
            let mut v = t[0];
            for _ in 0..k {
                sum += v;
                v = if p.contains("geometric") {
                    v * t[1] / t[0]
                } else {
                    v + diffs[0]
                };
            }
            assert_eq!(a, sum, "{p}");
        }
    });
}

#[test]
fn problems_are_fixed_by_the_seed_and_vary_across_seeds() {
    for name in ["math/mixed", "math/word", "math/systems"] {
        let mut a = envs::make(name, &serde_json::Value::Null).unwrap();
        let mut b = envs::make(name, &serde_json::Value::Null).unwrap();
        let mut seen = HashSet::new();
        for seed in 0..50 {
            let ra = a.reset(Some(seed)).unwrap();
            assert_eq!(ra, b.reset(Some(seed)).unwrap(), "{name} seed {seed}");
            seen.insert(ra.observation.text);
        }
        assert!(
            seen.len() > 40,
            "{name}: only {} distinct problems",
            seen.len()
        );
    }
}

#[test]
fn mixed_env_draws_only_weighted_families() {
    let cfg = serde_json::json!({"mix": {"modular": 1.0, "counting": 0.0}, "difficulty": 1});
    let mut env = envs::make("math/mixed", &cfg).unwrap();
    for seed in 0..40 {
        let text = env.reset(Some(seed)).unwrap().observation.text;
        assert!(text.contains("remainder"), "{text}");
    }
}
