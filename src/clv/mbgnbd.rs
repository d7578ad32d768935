//! MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
//! comparison of models for customer base analysis"; the conditional
//! expectation corrected by Wagner & Hoppe 2008). BG/NBD with one change:
//! a customer may also drop out right after the first purchase, so a
//! one-time buyer is no longer certainly alive. While alive a customer buys
//! at Poisson rate λ ~ Gamma(r, α); at the first purchase and after each
//! repeat purchase they drop out with probability p ~ Beta(a, b):
//!
//!   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
//!          − (r+x) ln(α+T) + ln[1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)]
//!
//!   P(alive) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x))
//!
//!   E[Y(t) | x, t_x, T] = (a+b+x)/(a−1)
//!       · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
//!       · P(alive)
//!
//! as in lifetimes' `ModifiedBetaGeoFitter` and BTYDplus' `mbgnbd`. On the
//! CDNOW sample they give r 0.525, α 6.183, a 0.891, b 1.614.

use super::data::History;
use super::optimise::{minimise_smooth, GRADIENT_TOLERANCE};
use super::special::SameEverywhere;
use super::special::{digamma, ln_beta, ln_gamma, ln_hyp2f1, log_add, power_times_hyp2f1};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MbgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub converged: bool,
    #[serde(default)]
    pub se: Option<super::bgnbd::Errors>,
}

/// ln of the odds of having dropped out against being alive at T.
fn ln_gone_odds([r, alpha, a, b]: [f64; 4], h: &History) -> f64 {
    a.ln_s() - (b + h.x).ln_s() + (r + h.x) * ((alpha + h.t) / (alpha + h.t_x)).ln_s()
}

/// The log-likelihood of one history.
pub fn ln_likelihood(p: [f64; 4], h: &History) -> f64 {
    let [r, alpha, a, b] = p;
    let x = h.x;
    ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln_s() + ln_beta(a, b + x + 1.0)
        - ln_beta(a, b)
        - (r + x) * (alpha + h.t).ln_s()
        + ln_one_plus_exp(ln_gone_odds(p, h))
}

/// ln(1 + e^v) without overflow.
fn ln_one_plus_exp(v: f64) -> f64 {
    if v > 0.0 {
        v + (-v).exp_s().ln_1p_s()
    } else {
        v.exp_s().ln_1p_s()
    }
}

/// The summed log-likelihood of weighted histories.
pub fn total(p: [f64; 4], data: &[(History, f64)]) -> f64 {
    data.iter().map(|(h, w)| w * ln_likelihood(p, h)).sum()
}

/// The summed log-likelihood and its gradient in the log-parameters θ
/// (∂/∂θ = p ∂/∂p), as BG/NBD's (`bgnbd::total_and_gradient`) with
/// B(a, b+x+1) and the drop-out odds a/(b+x) for every x. With the two
/// terms of the last bracket weighted by their shares ω (stay) and 1−ω:
///   ∂/∂r = ψ(r+x) − ψ(r) + ln α − ω ln(α+T) − (1−ω) ln(α+t_x)
///   ∂/∂α = r/α − (r+x) [ω/(α+T) + (1−ω)/(α+t_x)]
///   ∂/∂a = ψ(a+b) − ψ(a+b+x+1) + (1−ω)/a
///   ∂/∂b = ψ(b+x+1) − ψ(b) + ψ(a+b) − ψ(a+b+x+1) − (1−ω)/(b+x)
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
        ll += w * (constant + ln_gamma(r + x) + ln_gamma(b + x + 1.0) - ln_gamma(a + b + x + 1.0));
        let psi_abx = digamma(a + b + x + 1.0);
        g[0] += w * (digamma(r + x) - psi_r + alpha.ln_s());
        g[1] += w * r / alpha;
        g[2] += w * (psi_ab - psi_abx);
        g[3] += w * (digamma(b + x + 1.0) - psi_b + psi_ab - psi_abx);
    }
    for (h, w) in data {
        let x = h.x;
        let (ln_t, ln_tx) = ((alpha + h.t).ln_s(), (alpha + h.t_x).ln_s());
        let stay = -(r + x) * ln_t;
        let gone = a.ln_s() - (b + x).ln_s() - (r + x) * ln_tx;
        let both = log_add(stay, gone);
        let (omega, rest) = ((stay - both).exp_s(), (gone - both).exp_s());
        ll += w * both;
        g[0] -= w * (omega * ln_t + rest * ln_tx);
        g[1] -= w * (r + x) * (omega / (alpha + h.t) + rest / (alpha + h.t_x));
        g[2] += w * rest / a;
        g[3] -= w * rest / (b + x);
    }
    let p = [r, alpha, a, b];
    (ll, [0, 1, 2, 3].map(|i| g[i] * p[i]))
}

/// Fits the model from `start` (log-parameters; BG/NBD's are a good
/// start), with the analytic gradient.
pub fn fit(data: &[(History, f64)], start: [f64; 4]) -> MbgNbd {
    let by_x = super::bgnbd::weight_by_x(data);
    let n = data.iter().map(|d| d.1).sum::<f64>().max(1.0);
    let objective = |theta: &[f64]| {
        let (ll, gradient) = total_and_gradient(theta, data, &by_x);
        (-ll / n, gradient.iter().map(|g| -g / n).collect())
    };
    let m = minimise_smooth(&objective, &start, GRADIENT_TOLERANCE);
    let [r, alpha, a, b] = [0, 1, 2, 3].map(|i| m.x[i].exp_s());
    MbgNbd {
        r,
        alpha,
        a,
        b,
        log_likelihood: -m.value * n,
        converged: m.converged && m.value.is_finite(),
        se: None,
    }
}

impl MbgNbd {
    fn parameters(&self) -> [f64; 4] {
        [self.r, self.alpha, self.a, self.b]
    }
}

/// P(alive) at T; below 1 for a one-time buyer too.
pub fn p_alive(p: &MbgNbd, h: &History) -> f64 {
    1.0 / (1.0 + ln_gone_odds(p.parameters(), h).exp_s())
}

/// E[Y(t) | x, t_x, T]: expected purchases in the next `t` periods.
/// `None` when the series does not converge or the figure is not finite.
pub fn expected_purchases(p: &MbgNbd, h: &History, t: f64) -> Option<f64> {
    let (r, alpha, a, b, x) = (p.r, p.alpha, p.a, p.b, h.x);
    let z = t / (alpha + h.t + t);
    let term = power_times_hyp2f1(r + x, b + x + 1.0, a + b + x, z);
    let value = (a + b + x) / (a - 1.0) * (1.0 - term) * p_alive(p, h);
    Some(value).filter(|v| v.is_finite() && *v >= 0.0)
}

/// E[X(t)]: expected repeat purchases of a new customer in their first `t`
/// periods, b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
pub fn expected_repeat_purchases(p: &MbgNbd, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let ln_term = p.r * (p.alpha / (p.alpha + t)).ln_s()
        + ln_hyp2f1(p.r, p.b + 1.0, p.a + p.b, t / (p.alpha + t));
    Some(p.b / (p.a - 1.0) * (1.0 - ln_term.exp_s())).filter(|v| v.is_finite() && *v >= 0.0)
}
