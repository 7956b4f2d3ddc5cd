//! Multi-step integer arithmetic: `What is 7 + 3 × (12 - 4)?`
//!
//! Difficulty 1 is one operation on single digits (answers of one or two
//! digits), so a tiny policy trained from scratch can find reward at all;
//! each level adds an operation and widens the numbers. Division is always
//! exact.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{paren_neg, Problem};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }
}

/// An expression as text with its value and top-level precedence (3 = atom).
struct Expr {
    text: String,
    value: i64,
    prec: u8,
}

fn leaf(n: i64) -> Expr {
    Expr {
        text: paren_neg(n),
        value: n,
        prec: 3,
    }
}

fn combine(l: Expr, op: Op, r: Expr) -> Expr {
    let p = op.precedence();
    let wrap_l = l.prec < p;
    // `a - (b + c)` and `a ÷ (b × c)` need the parentheses on the right.
    let wrap_r = r.prec < p || (r.prec == p && matches!(op, Op::Sub | Op::Div));
    let lt = if wrap_l {
        format!("({})", l.text)
    } else {
        l.text
    };
    let rt = if wrap_r {
        format!("({})", r.text)
    } else {
        r.text
    };
    let value = match op {
        Op::Add => l.value + r.value,
        Op::Sub => l.value - r.value,
        Op::Mul => l.value * r.value,
        Op::Div => l.value / r.value,
    };
    Expr {
        text: format!("{lt} {} {rt}", op.symbol()),
        value,
        prec: p,
    }
}

fn divisors(n: i64, max: i64) -> Vec<i64> {
    let n = n.abs();
    (2..=max.min(n.max(2)))
        .filter(|d| n == 0 || n % d == 0)
        .collect()
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    if d == 1 {
        let a = rng.random_range(1..=9i64);
        let b = rng.random_range(1..=9i64);
        let e = match rng.random_range(0..3) {
            0 => combine(leaf(a), Op::Add, leaf(b)),
            1 => combine(leaf(a.max(b)), Op::Sub, leaf(a.min(b))),
            _ => combine(leaf(a), Op::Mul, leaf(b)),
        };
        return problem(e);
    }
    let (steps, max, negatives) = match d {
        2 => (2, 20, false),
        3 => (3, 30, false),
        4 => (4, 50, true),
        _ => (5, 100, true),
    };
    let ops: &[Op] = if d == 2 {
        &[Op::Add, Op::Sub, Op::Mul]
    } else {
        &[Op::Add, Op::Sub, Op::Mul, Op::Div]
    };
    let draw = |rng: &mut ChaCha8Rng| {
        let n = rng.random_range(1..=max);
        if negatives && rng.random_bool(0.25) {
            -n
        } else {
            n
        }
    };
    let mut e = leaf(draw(rng));
    for _ in 0..steps {
        let mut op = ops[rng.random_range(0..ops.len())];
        // Keep products small enough to stay mental arithmetic.
        if op == Op::Mul && e.value.abs() > 12 * max {
            op = Op::Add;
        }
        let n = if op == Op::Mul {
            rng.random_range(2..=12)
        } else {
            draw(rng)
        };
        e = match op {
            Op::Div => {
                let ds = divisors(e.value, 12);
                if ds.is_empty() {
                    combine(e, Op::Sub, leaf(n))
                } else {
                    let dv = ds[rng.random_range(0..ds.len())];
                    combine(e, Op::Div, leaf(dv))
                }
            }
            op if rng.random_bool(0.5) => combine(leaf(n), op, e),
            op => combine(e, op, leaf(n)),
        };
    }
    problem(e)
}

fn problem(e: Expr) -> Problem {
    Problem {
        text: format!("What is {}?", e.text),
        answer: e.value.to_string(),
    }
}
