//! The Pareto (80/20) view of revenue concentration.
//!
//! Customers are ranked by net revenue, largest first. The concentration
//! curve plots the cumulative share of customers (x) against the cumulative
//! share of revenue they bring (y); the equality line is y = x.
//!
//! - `top20_share`: revenue share of the top ceil(0.2 N) customers.
//! - `customers_for_80pct_share`: the fewest top customers whose cumulative
//!   revenue share reaches 0.8 (and `_fraction`, that count over N).
//! - `gini`: the Gini coefficient of revenue per customer,
//!   G = (2 Σ i·x(i)) / (N Σ x) − (N + 1) / N with x ascending and i = 1..N
//!   (Gini 1912; the discrete form in e.g. Damgaard & Weiner 2000).
//!   0 is perfect equality; it approaches 1 as one customer takes all.
//!
//! When total revenue is not positive, shares are undefined: every share and
//! the Gini are reported as 0, never NaN.

use crate::base::Base;
use serde::{Deserialize, Serialize};

/// The most points a curve carries to a chart.
pub const CURVE_POINTS: usize = 1000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pareto {
    pub top20_share: f64,
    pub gini: f64,
    pub customers_for_80pct_share: usize,
    pub customers_for_80pct_fraction: f64,
    /// (customer share, revenue share) from (0, 0) to (1, 1).
    pub curve: Vec<[f64; 2]>,
    /// `top_shares[k]` is the revenue share of the top ceil(k/1000 · N)
    /// customers: the exact readout for any x in steps of 0.1%.
    pub top_shares: Vec<f64>,
}

/// `revenue` must be sorted largest first.
pub fn pareto(revenue: &[f64]) -> Pareto {
    let total: f64 = revenue.iter().sum();
    let n = revenue.len();
    let k80 = customers_for_share(revenue, total, 0.8);
    Pareto {
        top20_share: top_share(revenue, 0.2),
        gini: gini(revenue, total),
        customers_for_80pct_share: k80,
        customers_for_80pct_fraction: if n == 0 { 0.0 } else { k80 as f64 / n as f64 },
        curve: curve(revenue, total),
        top_shares: top_shares(revenue, total),
    }
}

/// Steps of the readout's x: 0.1% of the customers.
/// The Pareto section of a file's customers.
pub fn section(base: &Base<'_>) -> Pareto {
    pareto(base.ranked_revenue.raw())
}

pub const READOUT_STEPS: usize = 1000;

fn top_shares(revenue: &[f64], total: f64) -> Vec<f64> {
    let n = revenue.len();
    if n == 0 || total <= 0.0 {
        return vec![0.0; READOUT_STEPS + 1];
    }
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0);
    for r in revenue {
        prefix.push(prefix[prefix.len() - 1] + r);
    }
    (0..=READOUT_STEPS)
        .map(|k| prefix[top_count(n, k as f64 / READOUT_STEPS as f64)] / total)
        .collect()
}

/// Revenue share of the top ceil(fraction · N) customers.
pub fn top_share(revenue: &[f64], fraction: f64) -> f64 {
    let total: f64 = revenue.iter().sum();
    if total <= 0.0 || revenue.is_empty() {
        return 0.0;
    }
    let k = top_count(revenue.len(), fraction);
    revenue[..k].iter().sum::<f64>() / total
}

/// ceil(fraction · n), computed so that 0.2 · 10 is exactly 2.
pub fn top_count(n: usize, fraction: f64) -> usize {
    let exact = fraction.clamp(0.0, 1.0) * n as f64;
    let rounded = exact.round();
    let k = if (exact - rounded).abs() < 1e-9 {
        rounded
    } else {
        exact.ceil()
    };
    (k as usize).min(n)
}

/// The fewest top customers whose cumulative revenue share reaches `share`.
pub fn customers_for_share(revenue: &[f64], total: f64, share: f64) -> usize {
    if total <= 0.0 {
        return 0;
    }
    let mut cumulative = 0.0;
    for (i, r) in revenue.iter().enumerate() {
        cumulative += r;
        if cumulative / total >= share {
            return i + 1;
        }
    }
    revenue.len()
}

fn gini(revenue_desc: &[f64], total: f64) -> f64 {
    let n = revenue_desc.len();
    if n == 0 || total <= 0.0 {
        return 0.0;
    }
    // Ascending rank i = n - position in the descending list.
    let weighted: f64 = revenue_desc
        .iter()
        .enumerate()
        .map(|(pos, x)| (n - pos) as f64 * x)
        .sum();
    let nf = n as f64;
    2.0 * weighted / (nf * total) - (nf + 1.0) / nf
}

/// The concentration curve, downsampled to at most `CURVE_POINTS` points.
fn curve(revenue: &[f64], total: f64) -> Vec<[f64; 2]> {
    let n = revenue.len();
    let mut points = vec![[0.0, 0.0]];
    if n == 0 || total <= 0.0 {
        points.push([1.0, 0.0]);
        return points;
    }
    let step = n.div_ceil(CURVE_POINTS);
    let mut cumulative = 0.0;
    for (i, r) in revenue.iter().enumerate() {
        cumulative += r;
        let k = i + 1;
        if k % step == 0 || k == n {
            points.push([k as f64 / n as f64, cumulative / total]);
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_ten_customers() {
        // 10 customers; the top 2 bring 60 + 20 = 80 of 100.
        let revenue = [60.0, 20.0, 5.0, 5.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0];
        let p = pareto(&revenue);
        assert!((p.top20_share - 0.8).abs() < 1e-12);
        assert_eq!(p.customers_for_80pct_share, 2);
        assert!((p.customers_for_80pct_fraction - 0.2).abs() < 1e-12);
        // Ascending: 1,1,2,2,2,2,5,5,20,60; Σ i·x = 1+2+6+8+10+12+35+40+180+600 = 894.
        let expected = 2.0 * 894.0 / (10.0 * 100.0) - 11.0 / 10.0;
        assert!(
            (p.gini - expected).abs() < 1e-12,
            "{} vs {expected}",
            p.gini
        );
    }

    #[test]
    fn equal_customers_have_no_concentration() {
        let p = pareto(&[5.0; 7]);
        assert!(p.gini.abs() < 1e-12);
        assert!(
            (p.top20_share - 2.0 / 7.0).abs() < 1e-12,
            "ceil(1.4) = 2 customers"
        );
        assert_eq!(p.customers_for_80pct_share, 6);
    }

    #[test]
    fn one_customer_takes_all() {
        let p = pareto(&[42.0]);
        assert_eq!(p.top20_share, 1.0);
        assert_eq!(p.gini, 0.0);
        assert_eq!(p.curve, vec![[0.0, 0.0], [1.0, 1.0]]);
    }

    #[test]
    fn non_positive_totals_are_defined() {
        for revenue in [vec![0.0, 0.0], vec![5.0, -9.0], vec![]] {
            let p = pareto(&revenue);
            assert_eq!(p.top20_share, 0.0);
            assert_eq!(p.gini, 0.0);
            assert!(p.curve.iter().flatten().all(|v| v.is_finite()));
        }
    }

    #[test]
    fn top_count_is_exact_on_round_fractions() {
        assert_eq!(top_count(10, 0.2), 2);
        assert_eq!(top_count(11, 0.2), 3);
        assert_eq!(top_count(2357, 0.2), 472);
        assert_eq!(top_count(3, 1.5), 3);
    }

    #[test]
    fn curve_is_downsampled_and_ends_at_one() {
        let revenue: Vec<f64> = (0..5000).rev().map(|i| i as f64 + 1.0).collect();
        let p = pareto(&revenue);
        assert!(p.curve.len() <= CURVE_POINTS + 2);
        assert_eq!(p.curve.last().unwrap()[0], 1.0);
        assert!((p.curve.last().unwrap()[1] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_readout_by_hand() {
        // 3 customers: top 10% = ceil(0.3) = 1 customer, top 50% = 2.
        let p = pareto(&[60.0, 30.0, 10.0]);
        assert_eq!(p.top_shares.len(), READOUT_STEPS + 1);
        assert_eq!(
            (
                p.top_shares[0],
                p.top_shares[100],
                p.top_shares[500],
                p.top_shares[1000]
            ),
            (0.0, 0.6, 0.9, 1.0)
        );
        assert!(pareto(&[]).top_shares.iter().all(|&s| s == 0.0));
        assert!(pareto(&[-3.0]).top_shares.iter().all(|&s| s == 0.0));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn sorted_desc(mut v: Vec<f64>) -> Vec<f64> {
            v.sort_by(|a, b| b.total_cmp(a));
            v
        }

        proptest! {
            #[test]
            fn curve_is_monotone_and_shares_bounded(v in prop::collection::vec(0.0f64..1e6, 1..400)) {
                let revenue = sorted_desc(v);
                let p = pareto(&revenue);
                prop_assert!(p.gini >= -1e-9 && p.gini <= 1.0);
                prop_assert!(p.top20_share >= 0.0 && p.top20_share <= 1.0 + 1e-9);
                for pair in p.curve.windows(2) {
                    prop_assert!(pair[1][0] >= pair[0][0]);
                    prop_assert!(pair[1][1] >= pair[0][1] - 1e-9);
                }
                let last = p.curve[p.curve.len() - 1];
                prop_assert!(last[0] == 1.0 && (last[1] - 1.0).abs() < 1e-9, "ends at (1, 1): {:?}", last);
                prop_assert!(p.top_shares.windows(2).all(|w| w[1] >= w[0] - 1e-9));
                prop_assert!((p.top_shares[200] - p.top20_share).abs() < 1e-9, "the readout at 20% is the contract's figure");
            }

            #[test]
            fn any_amounts_give_finite_figures(v in prop::collection::vec(-1e9f64..1e9, 0..200)) {
                let p = pareto(&sorted_desc(v));
                prop_assert!(p.gini.is_finite() && p.top20_share.is_finite());
                prop_assert!(p.curve.iter().flatten().all(|x| x.is_finite()));
            }
        }
    }
}
