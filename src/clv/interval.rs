//! How sure the CLV figures are: a 90% interval on the total and on each
//! tier's CLV from the uncertainty of the purchase model's parameters, by
//! the delta method. With θ̂ the estimates, Σ their covariance (the inverse
//! observed information, `optimise::covariance`) and g the gradient of a
//! total in θ (central differences), the total's variance is gᵀ Σ g and the
//! interval total ± 1.645 √(gᵀ Σ g). It needs no random draws, so the page
//! and the CLI agree to the bit, and it runs on the distinct histories:
//! eight passes over them, one per step up and down each parameter.
//!
//! What it leaves out: the spend or profit of a purchase is taken as known,
//! and so is which model is right; it is the interval of the model's
//! expectation, not of what the customers will actually do.

use super::data::History;
use super::model::Purchases;
use super::value::{discounted_purchases, Labelling};
use std::collections::HashMap;

/// z of a two-sided 90% normal interval.
const Z_90: f64 = 1.644_853_626_951_472_2;
/// The relative step of the derivatives.
const STEP: f64 = 1e-4;

/// Distinct histories with what a purchase is worth summed per group:
/// index 0 every customer, then one per value of the labelling.
struct Weighted {
    histories: Vec<History>,
    weights: Vec<Vec<f64>>,
}

fn weighted(now: &[Option<History>], worth: &[f64], tier: Option<&Labelling>) -> Weighted {
    let groups = 1 + tier.map_or(0, |t| t.values.len());
    let mut index: HashMap<[u64; 3], usize> = HashMap::new();
    let mut out = Weighted {
        histories: Vec::new(),
        weights: Vec::new(),
    };
    for (c, (h, &w)) in now.iter().zip(worth).enumerate() {
        let Some(h) = h else { continue };
        let i = *index.entry(h.key()).or_insert_with(|| {
            out.histories.push(*h);
            out.weights.push(vec![0.0; groups]);
            out.histories.len() - 1
        });
        out.weights[i][0] += w;
        let group = tier.and_then(|t| t.of.get(c).copied().flatten());
        if let Some(cell) = group.and_then(|g| out.weights[i].get_mut(g as usize + 1)) {
            *cell += w;
        }
    }
    out
}

/// Each group's CLV under `model`.
fn totals(model: &Purchases, data: &Weighted, steps: &[(f64, f64)]) -> Vec<f64> {
    let mut sums = vec![0.0; data.weights.first().map_or(1, Vec::len)];
    for (h, w) in data.histories.iter().zip(&data.weights) {
        let discounted = discounted_purchases(model, h, steps).1;
        for (sum, w) in sums.iter_mut().zip(w) {
            *sum += w * discounted;
        }
    }
    sums
}

/// 90% intervals on the CLV of every customer, then of each tier (the
/// first labelling), in that order; `None` where a figure is not finite.
pub fn intervals(
    fit: &Purchases,
    covariance: &[Vec<f64>],
    now: &[Option<History>],
    worth: &[f64],
    labels: &[Labelling],
    steps: &[(f64, f64)],
) -> Vec<Option<[f64; 2]>> {
    let data = weighted(now, worth, labels.first());
    let centre = totals(fit, &data, steps);
    let p = fit.parameters();
    // The eight steps, up and down each parameter, side by side.
    let moves: Vec<(usize, f64)> = (0..4).flat_map(|j| [(j, 1.0), (j, -1.0)]).collect();
    let moved = crate::parallel::map(&moves, |&(j, k)| {
        let mut q = p;
        q[j] += k * STEP * p[j].abs();
        totals(&fit.with_parameters(q), &data, steps)
    });
    let gradients: Vec<Vec<f64>> = (0..4)
        .map(|j| {
            let h = STEP * p[j].abs();
            let (up, down) = (&moved[2 * j], &moved[2 * j + 1]);
            up.iter()
                .zip(down)
                .map(|(u, d)| (u - d) / (2.0 * h))
                .collect()
        })
        .collect();
    (0..centre.len())
        .map(|g| {
            let variance: f64 = (0..4)
                .flat_map(|j| (0..4).map(move |k| (j, k)))
                .map(|(j, k)| gradients[j][g] * covariance[j][k] * gradients[k][g])
                .sum();
            let half = Z_90 * variance.max(0.0).sqrt();
            let interval = [centre[g] - half + 0.0, centre[g] + half + 0.0];
            Some(interval).filter(|i| i.iter().all(|v| v.is_finite()))
        })
        .collect()
}
