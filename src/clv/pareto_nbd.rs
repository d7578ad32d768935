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
use super::optimise::fit_four;
use super::special::{ln_gamma, ln_hyp2f1, log_add};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbd {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
    pub log_likelihood: f64,
    pub converged: bool,
}

fn ln_a0([r, alpha, s, beta]: [f64; 4], h: &History) -> f64 {
    let m = r + s + h.x;
    let (big, small, b) = if alpha >= beta {
        (alpha, beta, s + 1.0)
    } else {
        (beta, alpha, r + h.x)
    };
    let part = |t: f64| ln_hyp2f1(m, b, m + 1.0, (big - small) / (big + t)) - m * (big + t).ln();
    let (first, second) = (part(h.t_x), part(h.t));
    first + (-(second - first).exp_m1()).ln()
}

/// The log-likelihood of one history.
pub fn ln_likelihood(p: [f64; 4], h: &History) -> f64 {
    let [r, alpha, s, beta] = p;
    let x = h.x;
    let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
    let alive = -(r + x) * (alpha + h.t).ln() - s * (beta + h.t).ln();
    let died = (s / (r + s + x)).ln() + ln_a0(p, h);
    head + log_add(alive, died)
}

pub fn fit(data: &[(History, f64)]) -> ParetoNbd {
    let ([r, alpha, s, beta], log_likelihood, converged) = fit_four(data, ln_likelihood);
    ParetoNbd {
        r,
        alpha,
        s,
        beta,
        log_likelihood,
        converged,
    }
}
