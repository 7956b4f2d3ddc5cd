//! Short word problems; two templates per level, each a one- to three-step
//! computation with an integer answer by construction.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{Problem, NAMES};

fn name(rng: &mut ChaCha8Rng) -> &'static str {
    NAMES[rng.random_range(0..NAMES.len())]
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    let who = name(rng);
    let pick = rng.random_bool(0.5);
    let (text, answer): (String, i64) = match (d, pick) {
        (1, true) => {
            let (a, b) = (rng.random_range(1..=9), rng.random_range(1..=9));
            (
                format!(
                    "{who} has {a} apples and buys {b} more. How many apples does {who} have now?"
                ),
                a + b,
            )
        }
        (1, false) => {
            let a = rng.random_range(2..=15);
            let b = rng.random_range(1..a);
            (
                format!("{who} has {a} marbles and gives away {b}. How many marbles are left?"),
                a - b,
            )
        }
        (2, true) => {
            let (a, b) = (rng.random_range(2..=12), rng.random_range(2..=12));
            (format!("There are {a} boxes with {b} pencils in each box. How many pencils are there in total?"), a * b)
        }
        (2, false) => {
            let (b, k) = (rng.random_range(2..=9), rng.random_range(2..=12));
            (
                format!("{} cookies are shared equally among {b} children. How many cookies does each child get?", b * k),
                k,
            )
        }
        (3, true) => {
            let (a, p) = (rng.random_range(2..=9), rng.random_range(2..=9));
            let q = [20, 50, 100][rng.random_range(0..3)];
            let q = if a * p > q { 100 } else { q };
            (
                format!("{who} buys {a} notebooks at {p} dollars each and pays with a {q}-dollar bill. How much change does {who} get in dollars?"),
                q - a * p,
            )
        }
        (3, false) => {
            let (v, t) = (10 * rng.random_range(3..=12), rng.random_range(2..=8));
            (format!("A train travels at {v} km/h for {t} hours. How many kilometres does it travel?"), v * t)
        }
        (4, true) => {
            let (l, w) = (rng.random_range(3..=20), rng.random_range(2..=15));
            (
                format!("A rectangle has a perimeter of {} cm and a length of {l} cm. What is its area in square centimetres?", 2 * (l + w)),
                l * w,
            )
        }
        (4, false) => {
            let (big, small) = (rng.random_range(10..=60), rng.random_range(1..=9));
            (
                format!("The sum of two numbers is {} and their difference is {}. What is the larger number?", big + small, big - small),
                big,
            )
        }
        (_, true) => {
            let k = rng.random_range(2..=5);
            let (a, p, b) = (
                rng.random_range(2..=8),
                rng.random_range(2..=9),
                rng.random_range(2..=8),
            );
            // Choose the pencil price so the total splits evenly; when no
            // price does, the question below asks for the total instead.
            let q = (1..=9).find(|q| (a * p + b * q) % k == 0).unwrap_or(k);
            let total = a * p + b * q;
            let (text, ans) = if total % k == 0 {
                (
                    format!("{who} buys {a} pens at {p} dollars each and {b} pencils at {q} dollars each, then splits the total equally among {k} people. How many dollars does each person pay?"),
                    total / k,
                )
            } else {
                (format!("{who} buys {a} pens at {p} dollars each and {b} pencils at {q} dollars each. How many dollars is the total?"), total)
            };
            (text, ans)
        }
        (_, false) => {
            let (s, t) = (rng.random_range(1..=5), rng.random_range(5..=30));
            let r = s + rng.random_range(1..=6);
            (
                format!("An empty tank holds {} litres. Water flows in at {r} litres per minute and drains out at {s} litres per minute. After how many minutes is the tank full?", (r - s) * t),
                t,
            )
        }
    };
    Problem {
        text,
        answer: answer.to_string(),
    }
}
