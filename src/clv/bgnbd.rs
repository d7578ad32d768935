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
use super::optimise::fit_four;
use super::special::{ln_beta, ln_gamma, log_add};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub converged: bool,
}

/// The log-likelihood of one history.
pub fn ln_likelihood(p: [f64; 4], h: &History) -> f64 {
    let [r, alpha, a, b] = p;
    let x = h.x;
    let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_beta(a, b + x) - ln_beta(a, b);
    let stay = -(r + x) * (alpha + h.t).ln();
    let gone = if x > 0.0 {
        a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + h.t_x).ln()
    } else {
        f64::NEG_INFINITY
    };
    head + log_add(stay, gone)
}

/// Fits the model to weighted histories.
pub fn fit(data: &[(History, f64)]) -> BgNbd {
    let ([r, alpha, a, b], log_likelihood, converged) = fit_four(data, ln_likelihood);
    BgNbd {
        r,
        alpha,
        a,
        b,
        log_likelihood,
        converged,
    }
}

/// P(alive) at T.
pub fn p_alive(p: &BgNbd, h: &History) -> f64 {
    if h.x == 0.0 {
        return 1.0;
    }
    let odds = (p.a.ln() - (p.b + h.x - 1.0).ln()
        + (p.r + h.x) * ((p.alpha + h.t) / (p.alpha + h.t_x)).ln())
    .exp();
    1.0 / (1.0 + odds)
}

/// E[Y(t) | x, t_x, T]: expected purchases in the next `t` periods (FHL
/// 2005, equation 10). `None` when the hypergeometric series does not
/// converge or the figure is not finite.
pub fn expected_purchases(p: &BgNbd, h: &History, t: f64) -> Option<f64> {
    let (r, alpha, a, b, x) = (p.r, p.alpha, p.a, p.b, h.x);
    let c = a + b + x - 1.0;
    let z = t / (alpha + h.t + t);
    let ln_term = (r + x) * ((alpha + h.t) / (alpha + h.t + t)).ln()
        + super::special::ln_hyp2f1(r + x, b + x, c, z);
    let numerator = c / (a - 1.0) * (1.0 - ln_term.exp());
    let denominator = if x > 0.0 {
        1.0 + a / (b + x - 1.0) * ((r + x) * ((alpha + h.t) / (alpha + h.t_x)).ln()).exp()
    } else {
        1.0
    };
    Some(numerator / denominator).filter(|v| v.is_finite() && *v >= 0.0)
}
