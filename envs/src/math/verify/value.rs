//! Exact values: finite sums of `rational · √squarefree · π^k` terms.
//!
//! A grader has to see that `2\sqrt{2}`, `\sqrt{8}` and `\frac{4}{\sqrt 2}` are
//! one number and that `\frac{\pi}{2}` is not `1.5708`, so values stay exact:
//! radicals are normalised (`√8 = 2√2`) and π is kept as a symbol. Every
//! operation is checked; an overflow or an operation outside this field
//! (`√(1+√2)`, `2^{1/3}`) gives `None`, never a panic or a rounded guess.

use std::fmt;

/// Largest radicand we factor; larger ones are refused (trial division cost).
const MAX_RADICAND: u128 = 10_000_000_000;
/// Largest integer exponent we expand.
const MAX_EXPONENT: i128 = 256;

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// A normalised rational `n/d` with `d > 0` and `gcd(n, d) = 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rat {
    n: i128,
    d: i128,
}

impl Rat {
    pub const ZERO: Rat = Rat { n: 0, d: 1 };
    pub const ONE: Rat = Rat { n: 1, d: 1 };

    pub fn new(n: i128, d: i128) -> Option<Rat> {
        if d == 0 || n == i128::MIN || d == i128::MIN {
            return None;
        }
        let g = gcd(n, d).max(1);
        let (mut n, mut d) = (n / g, d / g);
        if d < 0 {
            n = -n;
            d = -d;
        }
        Some(Rat { n, d })
    }

    pub fn int(n: i128) -> Rat {
        Rat { n, d: 1 }
    }

    pub fn numer(self) -> i128 {
        self.n
    }

    pub fn denom(self) -> i128 {
        self.d
    }

    pub fn is_zero(self) -> bool {
        self.n == 0
    }

    pub fn is_integer(self) -> bool {
        self.d == 1
    }

    pub fn checked_add(self, o: Rat) -> Option<Rat> {
        let g = gcd(self.d, o.d);
        let l = (self.d / g).checked_mul(o.d)?;
        let a = self.n.checked_mul(l / self.d)?;
        let b = o.n.checked_mul(l / o.d)?;
        Rat::new(a.checked_add(b)?, l)
    }

    pub fn checked_neg(self) -> Option<Rat> {
        Some(Rat {
            n: self.n.checked_neg()?,
            d: self.d,
        })
    }

    pub fn checked_sub(self, o: Rat) -> Option<Rat> {
        self.checked_add(o.checked_neg()?)
    }

    pub fn checked_mul(self, o: Rat) -> Option<Rat> {
        // Cross-reduce first so products of normalised values overflow late.
        let g1 = gcd(self.n, o.d).max(1);
        let g2 = gcd(o.n, self.d).max(1);
        let n = (self.n / g1).checked_mul(o.n / g2)?;
        let d = (self.d / g2).checked_mul(o.d / g1)?;
        Rat::new(n, d)
    }

    pub fn recip(self) -> Option<Rat> {
        Rat::new(self.d, self.n)
    }

    pub fn checked_div(self, o: Rat) -> Option<Rat> {
        self.checked_mul(o.recip()?)
    }

    pub fn pow(self, e: i128) -> Option<Rat> {
        if e.unsigned_abs() > MAX_EXPONENT as u128 {
            // Only trivial bases survive huge exponents exactly.
            return match (self.n, self.d) {
                (0, _) if e > 0 => Some(Rat::ZERO),
                (1, 1) => Some(Rat::ONE),
                (-1, 1) => Some(if e % 2 == 0 { Rat::ONE } else { Rat::int(-1) }),
                _ => None,
            };
        }
        let base = if e < 0 { self.recip()? } else { self };
        let mut acc = Rat::ONE;
        for _ in 0..e.abs() {
            acc = acc.checked_mul(base)?;
        }
        Some(acc)
    }

    pub fn to_f64(self) -> f64 {
        self.n as f64 / self.d as f64
    }
}

impl fmt::Display for Rat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.d == 1 {
            write!(f, "{}", self.n)
        } else {
            write!(f, "{}/{}", self.n, self.d)
        }
    }
}

/// Splits `n` into `(s, r)` with `n = s² · r` and `r` squarefree.
fn square_split(mut n: u128) -> Option<(u128, u128)> {
    if n > MAX_RADICAND {
        return None;
    }
    let (mut s, mut r) = (1u128, 1u128);
    let mut p = 2u128;
    while p * p <= n {
        while n.is_multiple_of(p * p) {
            n /= p * p;
            s *= p;
        }
        if n.is_multiple_of(p) {
            n /= p;
            r *= p;
        }
        p += 1;
    }
    Some((s, r * n))
}

fn int_root(n: u128, k: u32) -> Option<u128> {
    if n < 2 {
        return Some(n);
    }
    let guess = (n as f64).powf(1.0 / k as f64).round() as u128;
    (guess.saturating_sub(1)..=guess + 1).find(|&c| c.checked_pow(k) == Some(n))
}

/// One term `coef · √rad · π^pi` with `rad` squarefree (1 for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub coef: Rat,
    pub rad: u64,
    pub pi: i32,
}

/// A sum of terms, sorted by `(rad, pi)`, with no zero or repeated terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Value {
    terms: Vec<Term>,
}

impl Value {
    pub fn zero() -> Value {
        Value::default()
    }

    pub fn rat(r: Rat) -> Value {
        Value::from_terms(vec![Term {
            coef: r,
            rad: 1,
            pi: 0,
        }])
        .unwrap_or_default()
    }

    pub fn int(n: i128) -> Value {
        Value::rat(Rat::int(n))
    }

    pub fn pi() -> Value {
        Value {
            terms: vec![Term {
                coef: Rat::ONE,
                rad: 1,
                pi: 1,
            }],
        }
    }

    fn from_terms(mut terms: Vec<Term>) -> Option<Value> {
        terms.sort_by_key(|t| (t.rad, t.pi));
        let mut out: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            match out.last_mut() {
                Some(last) if last.rad == t.rad && last.pi == t.pi => {
                    last.coef = last.coef.checked_add(t.coef)?;
                }
                _ => out.push(t),
            }
        }
        out.retain(|t| !t.coef.is_zero());
        Some(Value { terms: out })
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The value as a rational, when it has no radical or π part.
    pub fn as_rat(&self) -> Option<Rat> {
        match self.terms.as_slice() {
            [] => Some(Rat::ZERO),
            [t] if t.rad == 1 && t.pi == 0 => Some(t.coef),
            _ => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn checked_add(&self, o: &Value) -> Option<Value> {
        let mut terms = self.terms.clone();
        terms.extend_from_slice(&o.terms);
        Value::from_terms(terms)
    }

    pub fn checked_neg(&self) -> Option<Value> {
        let terms = self
            .terms
            .iter()
            .map(|t| {
                Some(Term {
                    coef: t.coef.checked_neg()?,
                    ..*t
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Value { terms })
    }

    pub fn checked_sub(&self, o: &Value) -> Option<Value> {
        self.checked_add(&o.checked_neg()?)
    }

    pub fn checked_mul(&self, o: &Value) -> Option<Value> {
        let mut terms = Vec::with_capacity(self.terms.len() * o.terms.len());
        for a in &self.terms {
            for b in &o.terms {
                // √a·√b = g·√(a/g · b/g) with g = gcd(a, b), both squarefree.
                let g = gcd(a.rad as i128, b.rad as i128) as u64;
                let rad = (a.rad / g).checked_mul(b.rad / g)?;
                let coef = a
                    .coef
                    .checked_mul(b.coef)?
                    .checked_mul(Rat::int(g as i128))?;
                terms.push(Term {
                    coef,
                    rad,
                    pi: a.pi.checked_add(b.pi)?,
                });
            }
        }
        Value::from_terms(terms)
    }

    /// `1/self`, for one term or for `(a + b√r)·π^k` (by the conjugate).
    pub fn recip(&self) -> Option<Value> {
        match self.terms.as_slice() {
            [t] => {
                // 1/(c√r π^k) = √r / (c r) · π^-k
                let coef = t.coef.checked_mul(Rat::int(t.rad as i128))?.recip()?;
                Some(Value {
                    terms: vec![Term {
                        coef,
                        rad: t.rad,
                        pi: t.pi.checked_neg()?,
                    }],
                })
            }
            [a, b] if a.pi == b.pi && a.rad == 1 => {
                // 1/(x + y√r) = (x − y√r)/(x² − y² r)
                let norm = a.coef.checked_mul(a.coef)?.checked_sub(
                    b.coef
                        .checked_mul(b.coef)?
                        .checked_mul(Rat::int(b.rad as i128))?,
                )?;
                let conj = Value::from_terms(vec![
                    Term {
                        coef: a.coef.checked_div(norm)?,
                        rad: 1,
                        pi: a.pi.checked_neg()?,
                    },
                    Term {
                        coef: b.coef.checked_neg()?.checked_div(norm)?,
                        rad: b.rad,
                        pi: b.pi.checked_neg()?,
                    },
                ])?;
                Some(conj)
            }
            _ => None,
        }
    }

    pub fn checked_div(&self, o: &Value) -> Option<Value> {
        self.checked_mul(&o.recip()?)
    }

    /// `self^e` for a rational exponent: integers expand, `1/n` takes an
    /// exact root, anything else is refused.
    pub fn pow(&self, e: &Value) -> Option<Value> {
        let e = e.as_rat()?;
        let base = if e.is_integer() {
            self.clone()
        } else {
            self.root(u32::try_from(e.denom()).ok()?)?
        };
        let k = e.numer();
        if let Some(r) = base.as_rat() {
            return Some(Value::rat(r.pow(k)?));
        }
        if k.unsigned_abs() > MAX_EXPONENT as u128 {
            return None;
        }
        let b = if k < 0 { base.recip()? } else { base };
        let mut acc = Value::int(1);
        for _ in 0..k.abs() {
            acc = acc.checked_mul(&b)?;
        }
        Some(acc)
    }

    /// The principal `n`-th root: square roots of non-negative rationals
    /// (times an even power of π) become radicals; other roots must be exact.
    pub fn root(&self, n: u32) -> Option<Value> {
        if n == 0 {
            return None;
        }
        if n == 1 {
            return Some(self.clone());
        }
        if self.is_zero() {
            return Some(Value::zero());
        }
        let [t] = self.terms.as_slice() else {
            return None;
        };
        if t.rad != 1 || t.pi.checked_rem(i32::try_from(n).ok()?)? != 0 {
            return None;
        }
        let (p, q) = (t.coef.numer(), t.coef.denom());
        let pi = t.pi.checked_div(i32::try_from(n).ok()?)?;
        if p < 0 {
            // Odd roots of negatives are real; even ones are not.
            if n.is_multiple_of(2) {
                return None;
            }
            return Value::rat(Rat::int(-1)).checked_mul(
                &Value::rat(t.coef.checked_neg()?)
                    .root(n)?
                    .checked_mul(&pi_pow(pi))?,
            );
        }
        if let (Some(a), Some(b)) = (int_root(p as u128, n), int_root(q as u128, n)) {
            return Value::rat(Rat::new(a as i128, b as i128)?).checked_mul(&pi_pow(pi));
        }
        if n != 2 {
            return None;
        }
        // √(p/q) = √(p q)/q, then pull squares out of p q.
        let pq = (p as u128).checked_mul(q as u128)?;
        let (s, r) = square_split(pq)?;
        let coef = Rat::new(i128::try_from(s).ok()?, q)?;
        Some(Value {
            terms: vec![Term {
                coef,
                rad: u64::try_from(r).ok()?,
                pi,
            }],
        })
    }

    pub fn factorial(&self) -> Option<Value> {
        let n = self.as_rat().filter(|r| r.is_integer())?.numer();
        if !(0..=33).contains(&n) {
            return None;
        }
        let mut acc: i128 = 1;
        for k in 2..=n {
            acc = acc.checked_mul(k)?;
        }
        Some(Value::int(acc))
    }

    pub fn binom(&self, k: &Value) -> Option<Value> {
        let n = self.as_rat().filter(|r| r.is_integer())?.numer();
        let k = k.as_rat().filter(|r| r.is_integer())?.numer();
        if n < 0 || k < 0 || k > n || n > 10_000 {
            return if n >= 0 && (k < 0 || k > n) {
                Some(Value::zero())
            } else {
                None
            };
        }
        let k = k.min(n - k);
        let mut acc: i128 = 1;
        for i in 0..k {
            acc = acc.checked_mul(n - i)? / (i + 1);
        }
        Some(Value::int(acc))
    }

    /// `|self|`, the sign read from the value (exact for rationals; a sum of
    /// radicals is never zero unless all its terms are).
    pub fn abs(&self) -> Option<Value> {
        if self.to_f64() < 0.0 {
            self.checked_neg()
        } else {
            Some(self.clone())
        }
    }

    /// A float approximation: for display, and for comparing a rounded
    /// decimal with an exact value (`equiv.rs`).
    pub fn to_f64(&self) -> f64 {
        self.terms
            .iter()
            .map(|t| t.coef.to_f64() * (t.rad as f64).sqrt() * std::f64::consts::PI.powi(t.pi))
            .sum()
    }
}

fn pi_pow(k: i32) -> Value {
    if k == 0 {
        Value::int(1)
    } else {
        Value {
            terms: vec![Term {
                coef: Rat::ONE,
                rad: 1,
                pi: k,
            }],
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.terms.is_empty() {
            return write!(f, "0");
        }
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                write!(f, " + ")?;
            }
            write!(f, "{}", t.coef)?;
            if t.rad != 1 {
                write!(f, "*sqrt({})", t.rad)?;
            }
            match t.pi {
                0 => {}
                1 => write!(f, "*pi")?,
                k => write!(f, "*pi^{k}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqrt(n: i128) -> Value {
        Value::int(n).root(2).unwrap()
    }

    #[test]
    fn radicals_are_normalised() {
        assert_eq!(sqrt(8), Value::int(2).checked_mul(&sqrt(2)).unwrap());
        assert_eq!(sqrt(16), Value::int(4));
        assert_eq!(
            sqrt(2).checked_mul(&sqrt(6)).unwrap(),
            Value::int(2).checked_mul(&sqrt(3)).unwrap()
        );
    }

    #[test]
    fn division_rationalises_the_denominator() {
        let a = Value::int(4).checked_div(&sqrt(2)).unwrap();
        assert_eq!(a, Value::int(2).checked_mul(&sqrt(2)).unwrap());
        // 1/(1+√2) = √2 − 1
        let d = Value::int(1).checked_add(&sqrt(2)).unwrap();
        assert_eq!(
            Value::int(1).checked_div(&d).unwrap(),
            sqrt(2).checked_sub(&Value::int(1)).unwrap()
        );
    }

    #[test]
    fn pi_is_symbolic() {
        let half_pi = Value::pi().checked_div(&Value::int(2)).unwrap();
        assert_ne!(half_pi, Value::rat(Rat::new(157, 100).unwrap()));
        assert_eq!(half_pi.checked_mul(&Value::int(2)).unwrap(), Value::pi());
    }

    #[test]
    fn overflow_is_refused_not_a_panic() {
        let big = Value::int(i128::MAX / 2);
        assert!(big.checked_mul(&big).is_none());
        assert!(Value::int(10).pow(&Value::int(100)).is_none());
        assert!(Value::int(1).checked_div(&Value::zero()).is_none());
        assert!(Value::int(-4).root(2).is_none());
        assert_eq!(Value::int(-8).root(3), Some(Value::int(-2)));
    }
}
