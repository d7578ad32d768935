//! Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the formulation of
//! Fader & Hardie ("A note on deriving the Pareto/NBD model", 2005). While
//! alive a customer buys at rate λ ~ Gamma(r, α) and dies at rate
//! μ ~ Gamma(s, β). With m = r+s+x,
//!
//!   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/m · A0 ]
//!
//! where, for α ≥ β,
//!   A0 = 2F1(m, s+1; m+1; (α−β)/(α+t_x)) (α+t_x)^−m
//!        − 2F1(m, s+1; m+1; (α−β)/(α+T)) (α+T)^−m,
//! and for α < β the same with α and β swapped and s+1 replaced by r+x.
//! Everything is in logs; A0 is a difference, taken as
//! ln A + ln(1 − e^(ln B − ln A)).

use super::data::History;
use super::optimise::{minimise_smooth, numeric_gradient, NUMERIC_GRADIENT_TOLERANCE};
use super::special::SameEverywhere;
use super::special::{ln_gamma, ln_hyp2f1_within, log_add};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbd {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
    pub log_likelihood: f64,
    pub converged: bool,
    #[serde(default)]
    pub se: Option<Errors>,
}

/// Standard errors of r, α, s and β.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Errors {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

impl Errors {
    pub fn from(se: &[f64]) -> Option<Errors> {
        match *se {
            [r, alpha, s, beta] => Some(Errors { r, alpha, s, beta }),
            _ => None,
        }
    }
}

/// Terms of the hypergeometric series before a point counts as unusable;
/// near the maximum the series needs a few dozen.
const SERIES_TERMS: usize = 5_000;
/// Likelihood evaluations before the search gives up (a fit takes about
/// 300): a bound on the time a pathological log can cost.
const EVALUATIONS: usize = 800;
/// And a bound on the hypergeometric terms' pairs evaluated in all: on a
/// very large, varied log the fit stops early and says it did not converge
/// (BG/NBD, which the predictions use, has an analytic gradient and no
/// such cost).
const PAIR_EVALUATIONS: usize = 4_000_000;

/// ln[₂F₁(m, b; m+1; (big−small)/(big+t)) (big+t)^−m], one term of A0.
fn part([r, alpha, s, beta]: [f64; 4], x: f64, t: f64) -> f64 {
    let m = r + s + x;
    let (big, small, b) = if alpha >= beta {
        (alpha, beta, s + 1.0)
    } else {
        (beta, alpha, r + x)
    };
    // Euler's transformation, ₂F₁(m, b; m+1; z) = (1−z)^(1−b) ₂F₁(1, m+1−b; m+1; z):
    // its terms fall from the start (ratio below z), where a heavy buyer's
    // b = r+x makes the original's grow for thousands of terms first.
    let z = (big - small) / (big + t);
    (1.0 - b) * (-z).ln_1p_s() + ln_hyp2f1_within(1.0, m + 1.0 - b, m + 1.0, z, SERIES_TERMS)
        - m * (big + t).ln_s()
}

/// ln A0 from its two terms, at t_x and at T.
fn ln_a0_of(first: f64, second: f64) -> f64 {
    first + (-(second - first).exp_m1_s()).ln_s()
}

fn ln_a0(p: [f64; 4], h: &History) -> f64 {
    ln_a0_of(part(p, h.x, h.t_x), part(p, h.x, h.t))
}

/// The log-likelihood of one history.
pub fn ln_likelihood(p: [f64; 4], h: &History) -> f64 {
    let [r, alpha, s, beta] = p;
    let x = h.x;
    let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln_s() + s * beta.ln_s();
    let alive = -(r + x) * (alpha + h.t).ln_s() - s * (beta + h.t).ln_s();
    let died = (s / (r + s + x)).ln_s() + ln_a0(p, h);
    head + log_add(alive, died)
}

/// Histories with the hypergeometric terms shared: A0 needs one term at
/// (x, t_x) and one at (x, T), and far fewer of those pairs are distinct
/// than whole histories, so each step evaluates every pair once.
struct Prepared {
    pairs: Vec<(f64, f64)>,
    /// Per history: its pair at t_x, its pair at T, and its weight.
    histories: Vec<(History, usize, usize, f64)>,
}

impl Prepared {
    fn new(data: &[(History, f64)]) -> Self {
        let mut index: HashMap<[u64; 2], usize> = HashMap::new();
        let mut pairs = Vec::new();
        let mut pair = |x: f64, t: f64| {
            *index.entry([x.to_bits(), t.to_bits()]).or_insert_with(|| {
                pairs.push((x, t));
                pairs.len() - 1
            })
        };
        let histories = data
            .iter()
            .map(|(h, w)| (*h, pair(h.x, h.t_x), pair(h.x, h.t), *w))
            .collect();
        Prepared { pairs, histories }
    }

    fn total(&self, p: [f64; 4]) -> f64 {
        let [r, alpha, s, beta] = p;
        let mut parts = Vec::with_capacity(self.pairs.len());
        for &(x, t) in &self.pairs {
            let v = part(p, x, t);
            if !v.is_finite() {
                return f64::NEG_INFINITY;
            }
            parts.push(v);
        }
        let constant = -ln_gamma(r) + r * alpha.ln_s() + s * beta.ln_s();
        self.histories
            .iter()
            .map(|&(h, at_tx, at_t, w)| {
                let x = h.x;
                let alive = -(r + x) * (alpha + h.t).ln_s() - s * (beta + h.t).ln_s();
                let died = (s / (r + s + x)).ln_s() + ln_a0_of(parts[at_tx], parts[at_t]);
                w * (constant + ln_gamma(r + x) + log_add(alive, died))
            })
            .sum()
    }
}

/// Fits the model from `start` (log-parameters; BG/NBD's r and α are a
/// good start for its r and α), with a numerical gradient.
pub fn fit(data: &[(History, f64)], start: [f64; 4]) -> ParetoNbd {
    let prepared = Prepared::new(data);
    let total = data.iter().map(|d| d.1).sum::<f64>().max(1.0);
    let evaluations = Cell::new(0usize);
    let budget = EVALUATIONS.min(PAIR_EVALUATIONS / prepared.pairs.len().max(1));
    let objective = |theta: &[f64]| {
        evaluations.set(evaluations.get() + 1);
        if evaluations.get() > budget {
            return f64::INFINITY;
        }
        -prepared.total([0, 1, 2, 3].map(|i| theta[i].exp_s())) / total
    };
    let m = minimise_smooth(
        &|t| numeric_gradient(&objective, t),
        &start,
        NUMERIC_GRADIENT_TOLERANCE,
    );
    let [r, alpha, s, beta] = [0, 1, 2, 3].map(|i| m.x[i].exp_s());
    ParetoNbd {
        r,
        alpha,
        s,
        beta,
        log_likelihood: -m.value * total,
        converged: m.converged && m.value.is_finite() && evaluations.get() <= budget,
        se: None,
    }
}

/// The summed log-likelihood of weighted histories at parameters `p`.
pub fn total(p: [f64; 4], data: &[(History, f64)]) -> f64 {
    Prepared::new(data).total(p)
}

impl ParetoNbd {
    fn parameters(&self) -> [f64; 4] {
        [self.r, self.alpha, self.s, self.beta]
    }
}

/// P(alive) at T: the alive term of the likelihood over the whole
/// (Fader & Hardie 2005, equation 18).
pub fn p_alive(p: &ParetoNbd, h: &History) -> f64 {
    let [r, alpha, s, beta] = p.parameters();
    let x = h.x;
    let alive = -(r + x) * (alpha + h.t).ln_s() - s * (beta + h.t).ln_s();
    let died = (s / (r + s + x)).ln_s() + ln_a0(p.parameters(), h);
    (alive - log_add(alive, died)).exp_s()
}

/// [1 − (B/(B+t))^(s−1)] / (s−1), with its limit ln((B+t)/B) at s = 1.
fn lifetime_share(s: f64, big_b: f64, t: f64) -> f64 {
    let ln_ratio = (big_b / (big_b + t)).ln_s();
    if (s - 1.0).abs() < 1e-9 {
        -ln_ratio
    } else {
        -((s - 1.0) * ln_ratio).exp_m1_s() / (s - 1.0)
    }
}

/// E[Y(t) | x, t_x, T] = (r+x)(β+T) / (α+T) · [1 − ((β+T)/(β+T+t))^(s−1)]
/// / (s−1) · P(alive) (Fader & Hardie 2005, equation 41).
pub fn expected_purchases(p: &ParetoNbd, h: &History, t: f64) -> Option<f64> {
    expected_purchases_given(p, h, t, p_alive(p, h))
}

/// `expected_purchases` with P(alive) already known: it is the costly
/// part, and a horizon asks for a dozen expectations of one history.
pub fn expected_purchases_given(p: &ParetoNbd, h: &History, t: f64, alive: f64) -> Option<f64> {
    let (r, alpha, s, beta, x) = (p.r, p.alpha, p.s, p.beta, h.x);
    let value = (r + x) * (beta + h.t) / (alpha + h.t) * lifetime_share(s, beta + h.t, t) * alive;
    Some(value).filter(|v| v.is_finite() && *v >= 0.0)
}

/// E[X(t)] of a new customer: rβ/α · [1 − (β/(β+t))^(s−1)] / (s−1).
pub fn expected_repeat_purchases(p: &ParetoNbd, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let value = p.r * p.beta / p.alpha * lifetime_share(p.s, p.beta, t);
    Some(value).filter(|v| v.is_finite() && *v >= 0.0)
}

/// The adaptive Simpson rule's tolerance and depth for the chance of a
/// purchase: the integrand below lies in [0, 1] and falls steeply only near
/// w = 1, which long horizons reach.
const SIMPSON_TOLERANCE: f64 = 1e-8;
const SIMPSON_DEPTH: u32 = 40;

/// ∫ f over [a, b] by adaptive Simpson (Kuncir 1962), splitting where the
/// two halves disagree with the whole.
fn adaptive_simpson(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    fn step(
        f: &dyn Fn(f64) -> f64,
        (a, fa): (f64, f64),
        (b, fb): (f64, f64),
        fm: f64,
        whole: f64,
        tolerance: f64,
        depth: u32,
    ) -> f64 {
        let m = 0.5 * (a + b);
        let (lm, rm) = (0.5 * (a + m), 0.5 * (m + b));
        let (flm, frm) = (f(lm), f(rm));
        let left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
        let right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
        if depth == 0 || (left + right - whole).abs() <= 15.0 * tolerance {
            return left + right + (left + right - whole) / 15.0;
        }
        step(f, (a, fa), (m, fm), flm, left, tolerance / 2.0, depth - 1)
            + step(f, (m, fm), (b, fb), frm, right, tolerance / 2.0, depth - 1)
    }
    let (fa, fb, fm) = (f(a), f(b), f(0.5 * (a + b)));
    let whole = (b - a) / 6.0 * (fa + 4.0 * fm + fb);
    step(
        f,
        (a, fa),
        (b, fb),
        fm,
        whole,
        SIMPSON_TOLERANCE,
        SIMPSON_DEPTH,
    )
}

/// P(at least one purchase in the next `t` | x, t_x, T). Alive at T, the
/// customer's λ | data ~ Gamma(R = r+x, A = α+T) and μ | data ~ Gamma(s,
/// B = β+T), independent; the first purchase beats death and the horizon
/// with probability ∫₀ᵗ E[λ e^(−λu)] E[e^(−μu)] du
///   = ∫₀ᵗ R/A (A/(A+u))^(R+1) (B/(B+u))^s du.
/// With w = 1 − (A/(A+u))^R that is ∫₀^W (B/(B+u(w)))^s dw,
/// W = 1 − (A/(A+t))^R and u(w) = A((1−w)^(−1/R) − 1): a smooth
/// integrand in [0, 1], summed by adaptive Simpson. Times P(alive) for the
/// unconditional chance.
pub fn p_purchase_if_alive(p: &ParetoNbd, h: &History, t: f64) -> f64 {
    let (big_r, big_a, big_b) = (p.r + h.x, p.alpha + h.t, p.beta + h.t);
    let top = -(big_r * (big_a / (big_a + t)).ln_s()).exp_m1_s();
    let f = |w: f64| {
        let u = big_a * (-(-w).ln_1p_s() / big_r).exp_m1_s();
        (p.s * (big_b / (big_b + u)).ln_s()).exp_s()
    };
    adaptive_simpson(&f, 0.0, top)
}
