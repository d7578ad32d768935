//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy
//! way"). While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
//! after each purchase they drop out with probability p ~ Beta(a, b). The
//! likelihood of (x, t_x, T) is, in logs,
//!
//!   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//!          + ln[ (α+T)^−(r+x) + [x>0] a/(b+x−1) (α+t_x)^−(r+x) ]
//!
//! (their equation 6), summed over customers and maximised over the log
//! parameters.

use super::data::History;
use super::optimise::{minimise_smooth, GRADIENT_TOLERANCE};
use super::special::SameEverywhere;
use super::special::{digamma, ln_beta, ln_gamma, log_add};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub converged: bool,
    /// Standard errors of the parameters (observed information).
    #[serde(default)]
    pub se: Option<Errors>,
}

/// Standard errors of r, α, a and b (BG/NBD and MBG/NBD).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Errors {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

impl Errors {
    pub fn from(se: &[f64]) -> Option<Errors> {
        match *se {
            [r, alpha, a, b] => Some(Errors { r, alpha, a, b }),
            _ => None,
        }
    }
}

/// The log-likelihood of one history.
pub fn ln_likelihood(p: [f64; 4], h: &History) -> f64 {
    let [r, alpha, a, b] = p;
    let x = h.x;
    let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln_s() + ln_beta(a, b + x) - ln_beta(a, b);
    let stay = -(r + x) * (alpha + h.t).ln_s();
    let gone = if x > 0.0 {
        a.ln_s() - (b + x - 1.0).ln_s() - (r + x) * (alpha + h.t_x).ln_s()
    } else {
        f64::NEG_INFINITY
    };
    head + log_add(stay, gone)
}

/// Fits the model to weighted histories: BFGS on the analytic gradient.
pub fn fit(data: &[(History, f64)]) -> BgNbd {
    let by_x = weight_by_x(data);
    let total = data.iter().map(|d| d.1).sum::<f64>().max(1.0);
    let objective = |theta: &[f64]| {
        let (ll, gradient) = total_and_gradient(theta, data, &by_x);
        (-ll / total, gradient.iter().map(|g| -g / total).collect())
    };
    let m = minimise_smooth(&objective, &[0.0; 4], GRADIENT_TOLERANCE);
    let [r, alpha, a, b] = [0, 1, 2, 3].map(|i| m.x[i].exp_s());
    BgNbd {
        r,
        alpha,
        a,
        b,
        log_likelihood: -m.value * total,
        converged: m.converged && m.value.is_finite(),
        se: None,
    }
}

/// Customers' weights summed per frequency: the gamma-function part of the
/// likelihood depends on x alone, so it is evaluated once per x.
pub fn weight_by_x(data: &[(History, f64)]) -> Vec<(f64, f64)> {
    let mut by_x: BTreeMap<u64, f64> = BTreeMap::new();
    for (h, w) in data {
        *by_x.entry(h.x.to_bits()).or_default() += w;
    }
    by_x.into_iter()
        .map(|(x, w)| (f64::from_bits(x), w))
        .collect()
}

/// The summed log-likelihood and its gradient in the log-parameters θ
/// (∂/∂θ = p ∂/∂p). With the two terms of the last bracket weighted by
/// their shares ω (stay) and 1−ω (gone):
///   ∂/∂r = ψ(r+x) − ψ(r) + ln α − ω ln(α+T) − (1−ω) ln(α+t_x)
///   ∂/∂α = r/α − (r+x) [ω/(α+T) + (1−ω)/(α+t_x)]
///   ∂/∂a = ψ(a+b) − ψ(a+b+x) + (1−ω)/a
///   ∂/∂b = ψ(b+x) − ψ(b) + ψ(a+b) − ψ(a+b+x) − (1−ω)/(b+x−1)
pub fn total_and_gradient(
    theta: &[f64],
    data: &[(History, f64)],
    by_x: &[(f64, f64)],
) -> (f64, [f64; 4]) {
    let [r, alpha, a, b] = [0, 1, 2, 3].map(|i| theta[i].exp_s());
    let (mut ll, mut g) = (0.0, [0.0; 4]);
    let constant = -ln_gamma(r) + r * alpha.ln_s() + ln_gamma(a + b) - ln_gamma(b);
    let (psi_r, psi_b, psi_ab) = (digamma(r), digamma(b), digamma(a + b));
    for &(x, w) in by_x {
        ll += w * (constant + ln_gamma(r + x) + ln_gamma(b + x) - ln_gamma(a + b + x));
        let psi_abx = digamma(a + b + x);
        g[0] += w * (digamma(r + x) - psi_r + alpha.ln_s());
        g[1] += w * r / alpha;
        g[2] += w * (psi_ab - psi_abx);
        g[3] += w * (digamma(b + x) - psi_b + psi_ab - psi_abx);
    }
    for (h, w) in data {
        let x = h.x;
        let ln_t = (alpha + h.t).ln_s();
        let stay = -(r + x) * ln_t;
        if x == 0.0 {
            ll += w * stay;
            g[0] -= w * ln_t;
            g[1] -= w * r / (alpha + h.t);
            continue;
        }
        let ln_tx = (alpha + h.t_x).ln_s();
        let gone = a.ln_s() - (b + x - 1.0).ln_s() - (r + x) * ln_tx;
        let both = log_add(stay, gone);
        let (omega, rest) = ((stay - both).exp_s(), (gone - both).exp_s());
        ll += w * both;
        g[0] -= w * (omega * ln_t + rest * ln_tx);
        g[1] -= w * (r + x) * (omega / (alpha + h.t) + rest / (alpha + h.t_x));
        g[2] += w * rest / a;
        g[3] -= w * rest / (b + x - 1.0);
    }
    let p = [r, alpha, a, b];
    (ll, [0, 1, 2, 3].map(|i| g[i] * p[i]))
}

/// P(alive) at T.
pub fn p_alive(p: &BgNbd, h: &History) -> f64 {
    if h.x == 0.0 {
        return 1.0;
    }
    let odds = (p.a.ln_s() - (p.b + h.x - 1.0).ln_s()
        + (p.r + h.x) * ((p.alpha + h.t) / (p.alpha + h.t_x)).ln_s())
    .exp_s();
    1.0 / (1.0 + odds)
}

/// E[Y(t) | x, t_x, T]: expected purchases in the next `t` periods (FHL
/// 2005, equation 10). `None` when the hypergeometric series does not
/// converge or the figure is not finite.
pub fn expected_purchases(p: &BgNbd, h: &History, t: f64) -> Option<f64> {
    let (r, alpha, a, b, x) = (p.r, p.alpha, p.a, p.b, h.x);
    let c = a + b + x - 1.0;
    let z = t / (alpha + h.t + t);
    let term = super::special::power_times_hyp2f1(r + x, b + x, c, z);
    let numerator = c / (a - 1.0) * (1.0 - term);
    let denominator = if x > 0.0 {
        1.0 + a / (b + x - 1.0) * ((r + x) * ((alpha + h.t) / (alpha + h.t_x)).ln_s()).exp_s()
    } else {
        1.0
    };
    Some(numerator / denominator).filter(|v| v.is_finite() && *v >= 0.0)
}

/// E[X(t)]: expected repeat purchases of a new customer in their first `t`
/// periods (FHL 2005, equation 7):
///   (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
/// `None` where the model has no finite answer (a+b ≤ 1 or a = 1).
pub fn expected_repeat_purchases(p: &BgNbd, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let c = p.a + p.b - 1.0;
    let ln_term = p.r * (p.alpha / (p.alpha + t)).ln_s()
        + super::special::ln_hyp2f1(p.r, p.b, c, t / (p.alpha + t));
    Some(c / (p.a - 1.0) * (1.0 - ln_term.exp_s())).filter(|v| v.is_finite() && *v >= 0.0)
}

/// The share of new customers who have not dropped out by `t`:
/// E[(α/(α+pt))^r] over p ~ Beta(a, b), which by Euler's integral and
/// Pfaff's transformation is (α/(α+t))^r ₂F₁(r, b; a+b; t/(α+t)).
pub fn survival(p: &BgNbd, t: f64) -> f64 {
    let ln = p.r * (p.alpha / (p.alpha + t)).ln_s()
        + super::special::ln_hyp2f1(p.r, p.b, p.a + p.b, t / (p.alpha + t));
    ln.exp_s()
}
