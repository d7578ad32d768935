//! Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV: using
//! iso-value curves"). A customer's transaction values are Gamma(p, ν)
//! with ν ~ Gamma(q, γ); fitted on customers with at least one repeat
//! purchase and a positive mean repeat spend m_x:
//!
//!   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x
//!          + px ln x − (px+q) ln(γ + x m_x)
//!
//! (γ is reported as `v`). Customers with no repeat purchase, or returns
//! that leave the mean at or below zero, are left out of the fit and said so
//! in `customers`.

use super::data::History;
use super::optimise::minimise;
use super::special::ln_gamma;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
    pub log_likelihood: f64,
    /// Customers the fit used.
    pub customers: usize,
    pub converged: bool,
}

fn usable(h: &History) -> bool {
    h.x >= 1.0 && h.mean_spend > 0.0 && h.mean_spend.is_finite()
}

pub fn ln_likelihood([p, q, v]: [f64; 3], h: &History) -> f64 {
    let (x, m) = (h.x, h.mean_spend);
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * v.ln()
        + (p * x - 1.0) * m.ln()
        + p * x * x.ln()
        - (p * x + q) * (v + x * m).ln()
}

pub fn fit(histories: &[History]) -> GammaGamma {
    let used: Vec<&History> = histories.iter().filter(|h| usable(h)).collect();
    let n = used.len().max(1) as f64;
    let objective = |t: &[f64]| {
        let p = [t[0].exp(), t[1].exp(), t[2].exp()];
        -used.iter().map(|h| ln_likelihood(p, h)).sum::<f64>() / n
    };
    let m = minimise(&objective, &[0.0; 3]);
    GammaGamma {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        v: m.x[2].exp(),
        log_likelihood: -m.value * n,
        customers: used.len(),
        converged: m.converged && !used.is_empty(),
    }
}

/// E[M | x, m_x]: the customer's expected average spend.
pub fn expected_spend(g: &GammaGamma, h: &History, population_mean: f64) -> f64 {
    if !usable(h) {
        return population_mean;
    }
    let (x, m) = (h.x, h.mean_spend);
    (g.p * (g.v + x * m)) / (g.p * x + g.q - 1.0)
}
