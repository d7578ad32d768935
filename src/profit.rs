//! Profit per customer and the 20/80/30 whale curve.
//!
//! Profit is net revenue less cost. Cost comes from the file (a cost,
//! profit or margin column); without one, profit is revenue times a margin
//! the user sets, and the result says it is assumed.
//!
//! The whale curve (Kaplan & Narayanan 2001, "Measuring and managing
//! customer profitability") ranks customers by profit, largest first, and
//! plots cumulative profit as a share of total profit. It rises above 100%
//! (the profitable customers earn more than the business keeps), peaks, and
//! falls back to 100% as the loss-makers give part of it away: the typical
//! finding is that 20% of customers earn 150–300% of profit and the worst
//! 30% halve it. `peak_share` is that peak; `what_if` says what profit would
//! be without the bottom 10/20/30% of customers by profit (dropped, or
//! served at no loss).
//!
//! With a total profit of zero or below, shares of it are undefined and
//! reported as 0; amounts are still reported.

use crate::customers::Customers;
use crate::ingest::Role;
use serde::{Deserialize, Serialize};

/// The margin assumed when the file has no cost, profit or margin column.
pub const DEFAULT_ASSUMED_MARGIN: f64 = 0.25;

/// The most points the whale curve carries to a chart.
pub const CURVE_POINTS: usize = 1000;

/// Loss-makers listed by name, the largest losses first.
pub const LOSS_MAKERS_LISTED: usize = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profit {
    /// "cost", "profit" or "margin" (from the file), or "assumed".
    pub source: String,
    /// The margin used when `source` is "assumed".
    pub assumed_margin: Option<f64>,
    pub total: f64,
    /// Highest cumulative profit as a share of total profit (1.5 = 150%).
    pub peak_share: f64,
    /// Customers up to the peak, and their share of all customers.
    pub peak_customers: usize,
    pub peak_customer_share: f64,
    pub loss_makers: usize,
    /// Sum of the loss-makers' profits (zero or negative).
    pub loss: f64,
    /// (customer share, cumulative profit share), from (0, 0) to (1, 1).
    pub curve: Vec<[f64; 2]>,
    pub what_if: Vec<WhatIf>,
}

/// Profit without the bottom `drop_bottom` share of customers by profit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub drop_bottom: f64,
    pub profit: f64,
    /// Relative to total profit (0.25 = +25%); 0 when total profit <= 0.
    pub change: f64,
}

/// Each customer's profit, in the order of `customers.list`.
pub fn per_customer(customers: &Customers, assumed_margin: f64) -> Vec<f64> {
    customers
        .list
        .iter()
        .map(|c| match c.cost {
            Some(cost) => c.revenue - cost,
            None => c.revenue * assumed_margin,
        })
        .collect()
}

/// Profits largest first, then the whale curve and what-ifs over them.
pub fn profit(profits: &[f64], cost_from: Option<Role>, assumed_margin: f64) -> Profit {
    let mut sorted = profits.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = sorted.iter().sum();
    let n = sorted.len();
    let (peak, peak_customers) = peak(&sorted);
    let share = |x: f64| if total > 0.0 { x / total } else { 0.0 };
    let losses: Vec<f64> = sorted.iter().copied().filter(|p| *p < 0.0).collect();
    Profit {
        source: cost_from.map_or("assumed", Role::key).to_string(),
        assumed_margin: cost_from.is_none().then_some(assumed_margin),
        total,
        peak_share: share(peak),
        peak_customers,
        peak_customer_share: if n == 0 {
            0.0
        } else {
            peak_customers as f64 / n as f64
        },
        loss_makers: losses.len(),
        loss: losses.iter().sum(),
        curve: curve(&sorted, total),
        what_if: [0.1, 0.2, 0.3]
            .iter()
            .map(|&f| what_if(&sorted, total, f))
            .collect(),
    }
}

/// The highest cumulative profit and how many customers reach it.
fn peak(sorted: &[f64]) -> (f64, usize) {
    let mut cumulative = 0.0;
    let mut best = (0.0, 0);
    for (i, p) in sorted.iter().enumerate() {
        cumulative += p;
        if cumulative > best.0 {
            best = (cumulative, i + 1);
        }
    }
    best
}

fn curve(sorted: &[f64], total: f64) -> Vec<[f64; 2]> {
    let n = sorted.len();
    let mut points = vec![[0.0, 0.0]];
    if n == 0 {
        return points;
    }
    let step = n.div_ceil(CURVE_POINTS);
    let mut cumulative = 0.0;
    for (i, p) in sorted.iter().enumerate() {
        cumulative += p;
        if (i + 1) % step == 0 || i + 1 == n {
            let y = if total > 0.0 { cumulative / total } else { 0.0 };
            points.push([(i + 1) as f64 / n as f64, y]);
        }
    }
    points
}

fn what_if(sorted: &[f64], total: f64, drop_bottom: f64) -> WhatIf {
    let dropped = crate::pareto::top_count(sorted.len(), drop_bottom);
    let kept: f64 = sorted[..sorted.len() - dropped].iter().sum();
    WhatIf {
        drop_bottom,
        profit: kept,
        change: if total > 0.0 { kept / total - 1.0 } else { 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whale_curve_by_hand() {
        // Ten customers: profits 60, 40, 30, 10, 5, 0, -5, -10, -20, -10 → total 100.
        let profits = [10.0, -10.0, 60.0, 5.0, -20.0, 40.0, 0.0, 30.0, -5.0, -10.0];
        let p = profit(&profits, Some(Role::Cost), DEFAULT_ASSUMED_MARGIN);
        assert_eq!(p.total, 100.0);
        assert_eq!(
            (p.peak_share, p.peak_customers),
            (1.45, 5),
            "60+40+30+10+5 = 145"
        );
        assert_eq!(p.peak_customer_share, 0.5);
        assert_eq!((p.loss_makers, p.loss), (4, -45.0));
        assert_eq!(p.source, "cost");
        assert_eq!(p.assumed_margin, None);
        // Dropping the bottom 30% (−10, −10, −20) gives 140: +40%.
        let w30 = &p.what_if[2];
        assert_eq!((w30.profit, w30.change), (140.0, 0.3999999999999999));
        assert_eq!(p.curve.last(), Some(&[1.0, 1.0]));
    }

    #[test]
    fn without_cost_the_margin_is_assumed_and_said() {
        let p = profit(&[25.0, 5.0], None, 0.25);
        assert_eq!(p.source, "assumed");
        assert_eq!(p.assumed_margin, Some(0.25));
        assert_eq!(p.peak_share, 1.0);
        assert_eq!(p.loss_makers, 0);
    }

    #[test]
    fn a_loss_making_business_has_defined_figures() {
        for profits in [vec![-5.0, -1.0], vec![], vec![0.0], vec![3.0, -3.0]] {
            let p = profit(&profits, Some(Role::Profit), 0.25);
            assert_eq!(p.peak_share, 0.0);
            assert!(p
                .what_if
                .iter()
                .all(|w| w.change == 0.0 && w.profit.is_finite()));
            assert!(p.curve.iter().flatten().all(|v| v.is_finite()));
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn the_peak_is_at_least_the_total_and_what_ifs_never_lose(v in prop::collection::vec(-1e6f64..1e6, 1..300)) {
                let p = profit(&v, Some(Role::Cost), 0.25);
                if p.total > 0.0 {
                    prop_assert!(p.peak_share >= 1.0 - 1e-9, "the peak is never below the end");
                }
                for w in &p.what_if {
                    // Dropping only loss-makers can never lower profit.
                    if crate::pareto::top_count(v.len(), w.drop_bottom) <= p.loss_makers {
                        prop_assert!(w.profit >= p.total - 1e-6, "{} < {}", w.profit, p.total);
                    }
                }
                prop_assert!(p.loss <= 0.0);
                prop_assert!(p.curve.windows(2).all(|w| w[1][0] >= w[0][0]));
            }
        }
    }
}
