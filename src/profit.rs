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
//! be without the bottom 10/20/30% (and a share the user picks) of
//! customers by profit, or with those customers served at a lower cost.
//!
//! With a total profit of zero or below, shares of it are undefined and
//! reported as 0; amounts are still reported.

use crate::base::{share_of, Base};
use crate::customers::Customers;
use crate::ingest::Role;
use crate::settings::{self, Field, SettingsError};
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
    /// The loss-makers' net revenue.
    pub loss_revenue: f64,
    /// (customer share, cumulative profit share), from (0, 0) to (1, 1).
    pub curve: Vec<[f64; 2]>,
    /// Bottom 10%, 20%, 30% and the user's share, ascending.
    pub what_if: Vec<WhatIf>,
    pub what_if_settings: WhatIfSettings,
}

/// The loss-making customers as the tier table's last row: each share of
/// all customers, all revenue and total profit (0 when that is not positive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossRow {
    pub customer_share: f64,
    pub revenue_share: f64,
    pub profit_share: f64,
    pub average_revenue: f64,
}

impl Profit {
    pub fn loss_row(&self, customers: usize, revenue_total: f64) -> LossRow {
        LossRow {
            customer_share: share_of(self.loss_makers as f64, customers as f64),
            revenue_share: share_of(self.loss_revenue, revenue_total),
            profit_share: share_of(self.loss, self.total),
            average_revenue: share_of(self.loss_revenue, self.loss_makers as f64),
        }
    }
}

/// Profit without the bottom `drop_bottom` share of customers by profit
/// (`profit`), or with them served more cheaply (`cheaper_profit`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub drop_bottom: f64,
    /// How many customers that bottom share is.
    pub customers: usize,
    pub profit: f64,
    /// Relative to total profit (0.25 = +25%); 0 when total profit <= 0.
    pub change: f64,
    pub cheaper_profit: f64,
    pub cheaper_change: f64,
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

/// What the user sets for the what-if: the bottom share of customers by
/// profit, and how much cheaper they could be served.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIfSettings {
    pub bottom: f64,
    /// Fraction of the bottom customers' cost saved (0.2 = 20% cheaper).
    pub cost_cut: f64,
}

impl Default for WhatIfSettings {
    fn default() -> Self {
        WhatIfSettings {
            bottom: 0.3,
            cost_cut: 0.2,
        }
    }
}

/// The profit section: the whale curve, loss-makers and what-ifs.
pub fn section(
    base: &Base<'_>,
    cost_from: Option<Role>,
    assumed_margin: f64,
    what_if: WhatIfSettings,
) -> Profit {
    profit(
        base.revenue.raw(),
        base.profit.raw(),
        cost_from,
        assumed_margin,
        what_if,
    )
}

/// The assumed margin is a share of revenue.
pub fn validate_margin(margin: f64) -> Result<(), SettingsError> {
    settings::share(Field::Margin, margin).map(|_| ())
}

impl WhatIfSettings {
    /// Parses "BOTTOM,COST_CUT", two shares.
    pub fn parse(text: &str) -> Result<WhatIfSettings, SettingsError> {
        let [bottom, cost_cut] = settings::numbers(Field::WhatIf, text, "0.3,0.2")?;
        let what_if = WhatIfSettings { bottom, cost_cut };
        what_if.validate()?;
        Ok(what_if)
    }

    /// Both are shares.
    pub fn validate(&self) -> Result<(), SettingsError> {
        settings::share(Field::WhatIf, self.bottom)?;
        settings::share(Field::WhatIf, self.cost_cut)?;
        Ok(())
    }
}

/// Profits largest first, then the whale curve and what-ifs over them.
/// `revenue` and `profits` are per customer, in the same order.
pub fn profit(
    revenue: &[f64],
    profits: &[f64],
    cost_from: Option<Role>,
    assumed_margin: f64,
    what_if_settings: WhatIfSettings,
) -> Profit {
    let mut pairs: Vec<(f64, f64)> = profits
        .iter()
        .copied()
        .zip(revenue.iter().copied())
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let sorted: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let total: f64 = sorted.iter().sum();
    let n = sorted.len();
    let (peak, peak_customers) = peak(&sorted);
    let share = |x: f64| if total > 0.0 { x / total } else { 0.0 };
    let losing = pairs.iter().filter(|p| p.0 < 0.0);
    let mut bottoms = vec![0.1, 0.2, 0.3, what_if_settings.bottom.clamp(0.0, 1.0)];
    bottoms.sort_by(f64::total_cmp);
    bottoms.dedup();
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
        loss_makers: losing.clone().count(),
        // + 0.0: an empty f64 sum is −0, which would read as a loss.
        loss: losing.clone().map(|p| p.0).sum::<f64>() + 0.0,
        loss_revenue: losing.map(|p| p.1).sum::<f64>() + 0.0,
        curve: curve(&sorted, total),
        what_if: bottoms
            .iter()
            .map(|&f| what_if(&pairs, total, f, what_if_settings.cost_cut))
            .collect(),
        what_if_settings,
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

/// `pairs` are (profit, revenue), largest profit first. Serving cheaper
/// saves `cost_cut` of each bottom customer's cost (revenue − profit).
fn what_if(pairs: &[(f64, f64)], total: f64, drop_bottom: f64, cost_cut: f64) -> WhatIf {
    let n = pairs.len();
    let dropped = crate::pareto::top_count(n, drop_bottom);
    let bottom = &pairs[n - dropped..];
    let kept: f64 = pairs[..n - dropped].iter().map(|p| p.0).sum::<f64>() + 0.0;
    let saved: f64 = bottom
        .iter()
        .map(|(p, r)| (r - p).max(0.0) * cost_cut)
        .sum();
    let change = |profit: f64| {
        if total > 0.0 {
            profit / total - 1.0
        } else {
            0.0
        }
    };
    WhatIf {
        drop_bottom,
        customers: dropped,
        profit: kept,
        change: change(kept),
        cheaper_profit: total + saved,
        cheaper_change: change(total + saved),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whale_curve_by_hand() {
        // Ten customers: profits 60, 40, 30, 10, 5, 0, -5, -10, -20, -10 → total 100.
        let profits = [10.0, -10.0, 60.0, 5.0, -20.0, 40.0, 0.0, 30.0, -5.0, -10.0];
        let revenue = [20.0, 10.0, 100.0, 10.0, 30.0, 80.0, 5.0, 50.0, 5.0, 10.0];
        let p = profit(
            &revenue,
            &profits,
            Some(Role::Cost),
            DEFAULT_ASSUMED_MARGIN,
            WhatIfSettings::default(),
        );
        assert_eq!(p.total, 100.0);
        assert_eq!(
            (p.peak_share, p.peak_customers),
            (1.45, 5),
            "60+40+30+10+5 = 145"
        );
        assert_eq!(p.peak_customer_share, 0.5);
        assert_eq!((p.loss_makers, p.loss, p.loss_revenue), (4, -45.0, 55.0));
        assert_eq!(p.source, "cost");
        assert_eq!(p.assumed_margin, None);
        // Dropping the bottom 30% (−10, −10, −20) gives 140: +40%.
        assert_eq!(p.what_if.len(), 3, "the user's 30% is one of the defaults");
        let w30 = &p.what_if[2];
        assert_eq!(
            (w30.customers, w30.profit, w30.change),
            (3, 140.0, 0.3999999999999999)
        );
        // Their costs are 20, 50 and 20: 20% cheaper saves 18.
        assert_eq!(
            (w30.cheaper_profit, w30.cheaper_change),
            (118.0, 0.17999999999999994)
        );
        assert_eq!(p.curve.last(), Some(&[1.0, 1.0]));
    }

    #[test]
    fn without_cost_the_margin_is_assumed_and_said() {
        let p = profit(
            &[100.0, 20.0],
            &[25.0, 5.0],
            None,
            0.25,
            WhatIfSettings {
                bottom: 0.5,
                cost_cut: 0.1,
            },
        );
        assert_eq!(
            p.what_if.iter().map(|w| w.drop_bottom).collect::<Vec<_>>(),
            [0.1, 0.2, 0.3, 0.5]
        );
        assert_eq!(p.source, "assumed");
        assert_eq!(p.assumed_margin, Some(0.25));
        assert_eq!(p.peak_share, 1.0);
        assert_eq!(p.loss_makers, 0);
    }

    #[test]
    fn a_loss_making_business_has_defined_figures() {
        for profits in [vec![-5.0, -1.0], vec![], vec![0.0], vec![3.0, -3.0]] {
            let p = profit(
                &profits,
                &profits,
                Some(Role::Profit),
                0.25,
                WhatIfSettings::default(),
            );
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
                let p = profit(&v, &v, Some(Role::Cost), 0.25, WhatIfSettings::default());
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
