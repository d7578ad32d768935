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
use super::optimise::{minimise_smooth, GRADIENT_TOLERANCE};
use super::special::SameEverywhere;
use super::special::{digamma, ln_gamma, ln_hyp2f1_within, log_add};
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

/// `part` and its gradient in (r, α, s, β). In Euler's form the part is
/// e ln(1−z) + ln F(1, B; C; z) − m ln(big+t), with C = m+1 and, for
/// α ≥ β, B = r+x and e = −s; for α < β, B = s+1 and e = 1−r−x.
fn part_and_gradient([r, alpha, s, beta]: [f64; 4], x: f64, t: f64) -> (f64, [f64; 4]) {
    let m = r + s + x;
    let swapped = alpha < beta;
    let (big, small) = if swapped {
        (beta, alpha)
    } else {
        (alpha, beta)
    };
    let (b, e) = if swapped {
        (s + 1.0, 1.0 - r - x)
    } else {
        (r + x, -s)
    };
    let z = (big - small) / (big + t);
    let Some(f) = series_one(b, m + 1.0, z) else {
        return (f64::NAN, [f64::NAN; 4]);
    };
    let ln_rest = (small + t).ln_s() - (big + t).ln_s();
    let value = e * ln_rest + f.value.ln_s() - m * (big + t).ln_s();
    // By the big and small rates, then mapped onto α and β.
    let dz = [(small + t) / ((big + t) * (big + t)), -1.0 / (big + t)];
    let d_ln_f = |db: f64, dc: f64, dz: f64| (f.d_b * db + f.d_c * dc + f.d_z * dz) / f.value;
    let by_big = -e / (big + t) + d_ln_f(0.0, 0.0, dz[0]) - m / (big + t);
    let by_small = e / (small + t) + d_ln_f(0.0, 0.0, dz[1]);
    let ln_big = (big + t).ln_s();
    // r and s move C and m by one each; B and e by one of them.
    let (db_r, db_s, de_r, de_s) = if swapped {
        (0.0, 1.0, -1.0, 0.0)
    } else {
        (1.0, 0.0, 0.0, -1.0)
    };
    let by_r = de_r * ln_rest + d_ln_f(db_r, 1.0, 0.0) - ln_big;
    let by_s = de_s * ln_rest + d_ln_f(db_s, 1.0, 0.0) - ln_big;
    let (by_alpha, by_beta) = if swapped {
        (by_small, by_big)
    } else {
        (by_big, by_small)
    };
    (value, [by_r, by_alpha, by_s, by_beta])
}

/// F(1, b; c; z) = Σ (b)_k / (c)_k z^k and its partial derivatives.
struct Series {
    value: f64,
    d_b: f64,
    d_c: f64,
    d_z: f64,
}

/// The series for b < c and 0 ≤ z < 1: each term is below the one before
/// times z, so it neither overflows nor needs rescaling. The derivatives
/// are summed beside it: ∂t_k/∂b = t_k Σ_{j<k} 1/(b+j), ∂t_k/∂c =
/// −t_k Σ_{j<k} 1/(c+j), ∂t_k/∂z = k t_k / z.
fn series_one(b: f64, c: f64, z: f64) -> Option<Series> {
    if !(0.0..1.0).contains(&z) || b <= 0.0 || c <= 0.0 {
        return None;
    }
    let mut out = Series {
        value: 1.0,
        d_b: 0.0,
        d_c: 0.0,
        d_z: 0.0,
    };
    let (mut term, mut sum_b, mut sum_c) = (1.0f64, 0.0f64, 0.0f64);
    for k in 1..=SERIES_TERMS {
        let j = (k - 1) as f64;
        let ratio = (b + j) / (c + j);
        // k t_k / z without dividing by z (which may be 0).
        out.d_z += k as f64 * term * ratio;
        term *= ratio * z;
        sum_b += 1.0 / (b + j);
        sum_c += 1.0 / (c + j);
        out.value += term;
        out.d_b += term * sum_b;
        out.d_c -= term * sum_c;
        if term * (k as f64 + sum_b) <= out.value * 1e-17 {
            return Some(out);
        }
    }
    None
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

impl Prepared {
    /// The summed log-likelihood and its gradient in the log-parameters θ
    /// (∂/∂θ = p ∂/∂p). With ω the share of the alive term and q =
    /// e^(P_T − P_tx) for A0's two parts: ∂ ln A0 = (∂P_tx − q ∂P_T)/(1−q).
    fn total_and_gradient(&self, theta: &[f64]) -> (f64, [f64; 4]) {
        let p = [0, 1, 2, 3].map(|i| theta[i].exp_s());
        let [r, alpha, s, beta] = p;
        let mut parts = Vec::with_capacity(self.pairs.len());
        for &(x, t) in &self.pairs {
            let part = part_and_gradient(p, x, t);
            if !(part.0.is_finite() && part.1.iter().all(|g| g.is_finite())) {
                return (f64::NEG_INFINITY, [f64::NAN; 4]);
            }
            parts.push(part);
        }
        let constant = -ln_gamma(r) + r * alpha.ln_s() + s * beta.ln_s();
        let head = [-digamma(r) + alpha.ln_s(), r / alpha, beta.ln_s(), s / beta];
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for &(h, at_tx, at_t, w) in &self.histories {
            let x = h.x;
            let ((p1, d1), (p2, d2)) = (parts[at_tx], parts[at_t]);
            let m = r + s + x;
            let alive = -(r + x) * (alpha + h.t).ln_s() - s * (beta + h.t).ln_s();
            let died = (s / m).ln_s() + ln_a0_of(p1, p2);
            let both = log_add(alive, died);
            ll += w * (constant + ln_gamma(r + x) + both);
            let omega = (alive - both).exp_s();
            let q = (p2 - p1).exp_s();
            let d_alive = [
                -(alpha + h.t).ln_s(),
                -(r + x) / (alpha + h.t),
                -(beta + h.t).ln_s(),
                -s / (beta + h.t),
            ];
            let d_died_own = [-1.0 / m, 0.0, 1.0 / s - 1.0 / m, 0.0];
            // A0 is 0 when t_x = T (the last purchase on the last day):
            // the died term then has no weight, and no slope to add.
            let dies = died > f64::NEG_INFINITY;
            for i in 0..4 {
                let d_head = head[i] + if i == 0 { digamma(r + x) } else { 0.0 };
                let d_died = match dies {
                    true => (1.0 - omega) * (d_died_own[i] + (d1[i] - q * d2[i]) / (1.0 - q)),
                    false => 0.0,
                };
                g[i] += w * (d_head + omega * d_alive[i] + d_died);
            }
        }
        (ll, [0, 1, 2, 3].map(|i| g[i] * p[i]))
    }
}

/// Fits the model from `start` (log-parameters; BG/NBD's r and α are a
/// good start for its r and α), with the analytic gradient.
pub fn fit(data: &[(History, f64)], start: [f64; 4]) -> ParetoNbd {
    let prepared = Prepared::new(data);
    let total = data.iter().map(|d| d.1).sum::<f64>().max(1.0);
    let evaluations = Cell::new(0usize);
    let budget = EVALUATIONS.min(PAIR_EVALUATIONS / prepared.pairs.len().max(1));
    let objective = |theta: &[f64]| {
        evaluations.set(evaluations.get() + 1);
        if evaluations.get() > budget {
            return (f64::INFINITY, vec![f64::NAN; 4]);
        }
        let (ll, gradient) = prepared.total_and_gradient(theta);
        (-ll / total, gradient.iter().map(|g| -g / total).collect())
    };
    let m = minimise_smooth(&objective, &start, GRADIENT_TOLERANCE);
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

/// The summed log-likelihood and its gradient in the log-parameters.
pub fn total_and_gradient(theta: &[f64], data: &[(History, f64)]) -> (f64, [f64; 4]) {
    Prepared::new(data).total_and_gradient(theta)
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
