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
use super::optimise::{minimise_smooth, GRADIENT_TOLERANCE};
use super::special::SameEverywhere;
use super::special::{digamma, ln_gamma, Sum};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
    pub log_likelihood: f64,
    /// Customers the fit used.
    pub customers: usize,
    pub converged: bool,
    #[serde(default)]
    pub se: Option<Errors>,
}

/// Standard errors of p, q and γ.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Errors {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

fn usable(h: &History) -> bool {
    h.x >= 1.0 && h.mean_spend > 0.0 && h.mean_spend.is_finite()
}

/// The repeat buyers the model is fitted on, merged by equal (x, mean
/// spend): the likelihood depends on nothing else. In order of (x, mean
/// spend) rather than of the customers, so that its sums, and so its
/// figures, do not depend on the order of the file's rows.
fn used(histories: &[History]) -> Vec<Spends> {
    let mut keys: Vec<(f64, f64)> = histories
        .iter()
        .filter(|h| usable(h))
        .map(|h| (h.x, h.mean_spend))
        .collect();
    keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<Spends> = Vec::new();
    for (x, m) in keys {
        match out.last_mut() {
            Some(last) if last.x == x && last.m == m => last.n += 1.0,
            _ => out.push(Spends { x, m, n: 1.0 }),
        }
    }
    out
}

/// Repeat buyers with x repeat purchases of mean value m: n of them.
#[derive(Clone, Copy, Debug)]
struct Spends {
    x: f64,
    m: f64,
    n: f64,
}

pub fn ln_likelihood([p, q, v]: [f64; 3], h: &History) -> f64 {
    let (x, m) = (h.x, h.mean_spend);
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * v.ln_s()
        + (p * x - 1.0) * m.ln_s()
        + p * x * x.ln_s()
        - (p * x + q) * (v + x * m).ln_s()
}

pub fn fit(histories: &[History]) -> GammaGamma {
    let used = used(histories);
    let by_x = sums_by_x(&used);
    let customers = used.iter().map(|s| s.n).sum::<f64>();
    let n = customers.max(1.0);
    let objective = |theta: &[f64]| {
        let (ll, gradient) = total_and_gradient(theta, &used, &by_x);
        (-ll / n, gradient.iter().map(|g| -g / n).collect())
    };
    let m = minimise_smooth(&objective, &[0.0; 3], GRADIENT_TOLERANCE);
    GammaGamma {
        p: m.x[0].exp_s(),
        q: m.x[1].exp_s(),
        v: m.x[2].exp_s(),
        log_likelihood: -m.value * n,
        customers: customers as usize,
        converged: m.converged && !used.is_empty(),
        se: None,
    }
}

/// Per frequency x: customers and the sum of their ln m_x. Every term of
/// the likelihood but ln(γ + x m_x) depends on x alone or on these sums.
fn sums_by_x(used: &[Spends]) -> Vec<(f64, f64, f64)> {
    let mut by_x: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
    for s in used {
        let entry = by_x.entry(s.x.to_bits()).or_default();
        entry.0 += s.n;
        entry.1 += s.n * s.m.ln_s();
    }
    by_x.into_iter()
        .map(|(x, (n, ln_m))| (f64::from_bits(x), n, ln_m))
        .collect()
}

/// The summed log-likelihood and its gradient in log-parameters:
///   ∂/∂p = Σ x [ψ(px+q) − ψ(px) + ln m_x + ln x − ln(γ+x m_x)]
///   ∂/∂q = Σ ψ(px+q) − ψ(q) + ln γ − ln(γ+x m_x)
///   ∂/∂γ = Σ q/γ − (px+q)/(γ+x m_x)
fn total_and_gradient(theta: &[f64], used: &[Spends], by_x: &[(f64, f64, f64)]) -> (f64, [f64; 3]) {
    let [p, q, v] = [0, 1, 2].map(|i| theta[i].exp_s());
    // The parts by x and by customer are large and cancel: summed with
    // compensation (`special::Sum`).
    let (mut ll, mut g) = (Sum::default(), [Sum::default(); 3]);
    let (ln_gamma_q, psi_q) = (ln_gamma(q), digamma(q));
    for &(x, n, ln_m) in by_x {
        let (px, pxq) = (p * x, p * x + q);
        let (psi_pxq, psi_px) = (digamma(pxq), digamma(px));
        ll.add(
            n * (ln_gamma(pxq) - ln_gamma(px) - ln_gamma_q + q * v.ln_s() + px * x.ln_s())
                + (px - 1.0) * ln_m,
        );
        g[0].add(n * x * (psi_pxq - psi_px + x.ln_s()) + x * ln_m);
        g[1].add(n * (psi_pxq - psi_q + v.ln_s()));
        g[2].add(n * q / v);
    }
    for &Spends { x, m, n } in used {
        let spent = v + x * m;
        let ln_spent = spent.ln_s();
        ll.add(-n * (p * x + q) * ln_spent);
        g[0].add(-n * x * ln_spent);
        g[1].add(-n * ln_spent);
        g[2].add(-n * (p * x + q) / spent);
    }
    let g = g.map(Sum::value);
    (ll.value(), [g[0] * p, g[1] * q, g[2] * v])
}

/// E[M | x, m_x] = p(γ + x m_x) / (px + q − 1): the customer's expected
/// average spend. It holds for any mean m_x ≥ 0 of a repeat buyer: a
/// customer whose repeat purchases were all worth 0 is shrunk towards
/// zero, not given the population's mean (lifetimes'
/// `conditional_expected_average_profit` does the same). Only one-time
/// buyers and negative means (returns) get the population mean.
pub fn expected_spend(g: &GammaGamma, h: &History, population_mean: f64) -> f64 {
    if h.x < 1.0 || !(h.mean_spend >= 0.0 && h.mean_spend.is_finite()) {
        return population_mean;
    }
    let (x, m) = (h.x, h.mean_spend);
    (g.p * (g.v + x * m)) / (g.p * x + g.q - 1.0)
}

/// The fit with its standard errors from the observed information.
pub fn with_errors(g: GammaGamma, histories: &[History]) -> GammaGamma {
    let used = used(histories);
    let by_x = sums_by_x(&used);
    // ∂/∂p = (∂/∂θ) / p, θ = ln p.
    let gradient = |p: &[f64]| -> Vec<f64> {
        let theta: Vec<f64> = p.iter().map(|v| v.ln_s()).collect();
        let in_logs = total_and_gradient(&theta, &used, &by_x).1;
        (0..3).map(|i| in_logs[i] / p[i]).collect()
    };
    let se = super::optimise::covariance(&gradient, &[g.p, g.q, g.v])
        .map(|c| super::optimise::standard_errors(&c))
        .map(|e| Errors {
            p: e[0],
            q: e[1],
            v: e[2],
        });
    GammaGamma { se, ..g }
}
