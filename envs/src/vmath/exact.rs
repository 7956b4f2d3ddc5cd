//! Exact answers written as LaTeX the math verifier parses: reduced
//! fractions, simplified radicals (`3\sqrt{2}`, never `\sqrt{18}`) and
//! multiples of π. Integers stay small (generators bound them), so i64
//! arithmetic cannot overflow here.

pub fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `n / d` reduced with a positive denominator (`d != 0`).
pub fn reduce(n: i64, d: i64) -> (i64, i64) {
    let g = gcd(n, d).max(1);
    let s = if d < 0 { -1 } else { 1 };
    (s * n / g, s * d / g)
}

/// `n / d` as an integer or `\frac{n}{d}` (sign in front).
pub fn frac(n: i64, d: i64) -> String {
    let (n, d) = reduce(n, d);
    if d == 1 {
        n.to_string()
    } else if n < 0 {
        format!("-\\frac{{{}}}{{{d}}}", -n)
    } else {
        format!("\\frac{{{n}}}{{{d}}}")
    }
}

/// Splits `n >= 0` into `(s, r)` with `n = s² r` and `r` squarefree.
pub fn sqrt_parts(n: i64) -> (i64, i64) {
    let (mut s, mut r) = (1, n.max(0));
    let mut f = 2;
    while f * f <= r {
        while r % (f * f) == 0 {
            r /= f * f;
            s *= f;
        }
        f += 1;
    }
    (s, r)
}

/// `(n / d) · √radicand` simplified: `\frac{3\sqrt{2}}{2}`, `4\sqrt{5}`, `7`.
pub fn surd(n: i64, d: i64, radicand: i64) -> String {
    let (s, r) = sqrt_parts(radicand);
    if r == 0 {
        return "0".into();
    }
    let (n, d) = reduce(n * s, d);
    if r == 1 {
        return frac(n, d);
    }
    let sign = if n < 0 { "-" } else { "" };
    let a = n.abs();
    let top = if a == 1 {
        format!("\\sqrt{{{r}}}")
    } else {
        format!("{a}\\sqrt{{{r}}}")
    };
    if d == 1 {
        format!("{sign}{top}")
    } else {
        format!("{sign}\\frac{{{top}}}{{{d}}}")
    }
}

/// `(n / d) · π`: `\pi`, `6\pi`, `\frac{25\pi}{4}`.
pub fn pi_multiple(n: i64, d: i64) -> String {
    let (n, d) = reduce(n, d);
    if n == 0 {
        return "0".into();
    }
    let sign = if n < 0 { "-" } else { "" };
    let a = n.abs();
    let top = if a == 1 {
        "\\pi".to_string()
    } else {
        format!("{a}\\pi")
    };
    if d == 1 {
        format!("{sign}{top}")
    } else {
        format!("{sign}\\frac{{{top}}}{{{d}}}")
    }
}

/// An integer plus a radical term, `k + (n/d)√r`, as one expression.
pub fn int_plus_surd(k: i64, n: i64, d: i64, radicand: i64) -> String {
    let s = surd(n, d, radicand);
    if sqrt_parts(radicand).1 == 1 {
        // The radical is rational: add exactly.
        let (s0, _) = sqrt_parts(radicand);
        let (n, d) = reduce(n * s0, d);
        return frac(k * d + n, d);
    }
    if k == 0 {
        s
    } else {
        format!("{k}+{s}")
    }
}

/// An ordered pair of fractions, `(a, b)`.
pub fn pair(a: (i64, i64), b: (i64, i64)) -> String {
    format!("({}, {})", frac(a.0, a.1), frac(b.0, b.1))
}

/// A number as drawn in a figure: an integer, or a fraction as `p/q`.
pub fn plain(n: i64, d: i64) -> String {
    let (n, d) = reduce(n, d);
    if d == 1 {
        n.to_string()
    } else {
        format!("{n}/{d}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_are_simplified_and_fractions_reduced() {
        assert_eq!(surd(1, 1, 18), "3\\sqrt{2}");
        assert_eq!(surd(3, 4, 8), "\\frac{3\\sqrt{2}}{2}");
        assert_eq!(surd(1, 2, 16), "2");
        assert_eq!(frac(6, -4), "-\\frac{3}{2}");
        assert_eq!(pi_multiple(25, 4), "\\frac{25\\pi}{4}");
        assert_eq!(pi_multiple(2, 2), "\\pi");
        assert_eq!(int_plus_surd(7, 1, 1, 25), "12");
        assert_eq!(int_plus_surd(3, 1, 1, 2), "3+\\sqrt{2}");
        assert_eq!(pair((1, 2), (-4, 2)), "(\\frac{1}{2}, -2)");
    }
}
