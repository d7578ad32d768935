//! Slicing by a category column: tier mix per industry, Pareto per region,
//! revenue per account manager.
//!
//! A *split* groups the customers by their value of one category (see
//! `ingest::category`) and gives each group its customers, revenue, share
//! of all revenue, profit, ABC mix (the tiers of the whole customer base,
//! so "A" means the same in every group), and its own Pareto figures: the
//! top-20% share and Gini within the group, and its concentration curve.
//! Groups are ordered by revenue; beyond `MAX_SLICES` the rest are merged
//! into one "other" group, and customers without a value form their own.
//!
//! A *filter* (in `engine`) keeps only the customers with one value, and
//! every analysis then runs on them alone.

use crate::base::Base;
use crate::ingest::Category;
use crate::pareto;
use crate::tiers::Tier;
use serde::{Deserialize, Serialize};

/// Groups shown by name; the rest are merged into "other".
pub const MAX_SLICES: usize = 20;

/// Values listed for a filter, largest revenue first.
pub const MAX_FILTER_VALUES: usize = 200;

/// Points of each group's concentration curve.
const SLICE_CURVE_POINTS: usize = 50;

/// A category the customers can be filtered or split by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionInfo {
    pub key: String,
    pub header: String,
    /// Values by revenue, largest first (at most `MAX_FILTER_VALUES`).
    pub values: Vec<String>,
}

/// One dimension, split.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    pub key: String,
    pub header: String,
    pub slices: Vec<Slice>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SliceKind {
    Value,
    /// Customers with no value in this column.
    Missing,
    /// Every value beyond the first `MAX_SLICES`.
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// The value; empty for `Missing` and `Other`.
    pub value: String,
    pub kind: SliceKind,
    pub customers: usize,
    pub revenue: f64,
    pub revenue_share: f64,
    pub profit: f64,
    /// Customers per tier, A, B, C.
    pub tiers: [usize; 3],
    pub top20_share: f64,
    pub gini: f64,
    pub curve: Vec<[f64; 2]>,
}

/// Per customer (indexed like the table's ids): what a split adds up.
pub struct CustomerValues<'a> {
    pub revenue: &'a [f64],
    pub profit: &'a [f64],
    pub tier: &'a [Tier],
}

/// Every category's values (for the filter) and its split.
pub fn section(base: &Base<'_>) -> (Vec<DimensionInfo>, Vec<Split>) {
    let categories = &base.table.categories;
    let values = CustomerValues {
        revenue: base.revenue.raw(),
        profit: base.profit.raw(),
        tier: base.tier.raw(),
    };
    (
        categories
            .iter()
            .map(|c| info(c, base.revenue.raw()))
            .collect(),
        categories.iter().map(|c| split(c, &values)).collect(),
    )
}

/// The dimension's values, largest revenue first.
pub fn info(category: &Category, revenue: &[f64]) -> DimensionInfo {
    let by_value = revenue_by_value(category, revenue);
    DimensionInfo {
        key: category.key.clone(),
        header: category.header.clone(),
        values: largest_first(&by_value)
            .into_iter()
            .take(MAX_FILTER_VALUES)
            .map(|v| category.values[v].clone())
            .collect(),
    }
}

/// Net revenue per value of `category` (customers without one left out).
fn revenue_by_value(category: &Category, revenue: &[f64]) -> Vec<f64> {
    let mut by_value = vec![0.0; category.values.len()];
    for (c, r) in revenue.iter().enumerate() {
        if let Some(v) = category.code_of(c) {
            by_value[v] += r;
        }
    }
    by_value
}

/// Value indices, the largest revenue first (ties in value order).
fn largest_first(by_value: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..by_value.len()).collect();
    order.sort_by(|&a, &b| by_value[b].total_cmp(&by_value[a]).then(a.cmp(&b)));
    order
}

/// Every category of `table` with its values, from the table's rows
/// (net revenue per customer is the sum of its amounts).
pub fn all_info(table: &crate::ingest::Table) -> Vec<DimensionInfo> {
    let mut revenue = vec![0.0; table.customers()];
    for (&c, &amount) in table.customer.iter().zip(&table.amount) {
        revenue[c as usize] += amount;
    }
    table.categories.iter().map(|c| info(c, &revenue)).collect()
}

/// Groups customers by `category` and summarises each group.
pub fn split(category: &Category, values: &CustomerValues<'_>) -> Split {
    let groups = groups(category, values.revenue);
    let total: f64 = values.revenue.iter().sum();
    Split {
        key: category.key.clone(),
        header: category.header.clone(),
        slices: groups
            .into_iter()
            .map(|(value, kind, members)| slice(value, kind, &members, values, total))
            .collect(),
    }
}

/// A value, its kind and its customers (indices in customer order).
pub type Group = (String, SliceKind, Vec<usize>);

/// Customer indices per value, the largest groups first, then "other",
/// then customers without a value.
pub fn groups(category: &Category, revenue: &[f64]) -> Vec<Group> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); category.values.len()];
    let mut missing = Vec::new();
    for c in 0..revenue.len() {
        match category.code_of(c) {
            Some(v) => members[v].push(c),
            None => missing.push(c),
        }
    }
    let order: Vec<usize> = largest_first(&revenue_by_value(category, revenue))
        .into_iter()
        .filter(|&v| !members[v].is_empty())
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut other = Vec::new();
    for (i, v) in order.into_iter().enumerate() {
        if i < MAX_SLICES {
            groups.push((
                category.values[v].clone(),
                SliceKind::Value,
                std::mem::take(&mut members[v]),
            ));
        } else {
            other.append(&mut members[v]);
        }
    }
    if !other.is_empty() {
        groups.push((String::new(), SliceKind::Other, other));
    }
    if !missing.is_empty() {
        groups.push((String::new(), SliceKind::Missing, missing));
    }
    groups
}

fn slice(
    value: String,
    kind: SliceKind,
    members: &[usize],
    values: &CustomerValues<'_>,
    total: f64,
) -> Slice {
    let mut revenue: Vec<f64> = members.iter().map(|&c| values.revenue[c]).collect();
    revenue.sort_by(|a, b| b.total_cmp(a));
    let sum: f64 = revenue.iter().sum();
    let mut tiers = [0usize; 3];
    for &c in members {
        tiers[values.tier[c] as usize] += 1;
    }
    let p = pareto::pareto(&revenue);
    Slice {
        value,
        kind,
        customers: members.len(),
        revenue: sum,
        revenue_share: if total > 0.0 { sum / total } else { 0.0 },
        profit: members.iter().map(|&c| values.profit[c]).sum(),
        tiers,
        top20_share: p.top20_share,
        gini: p.gini,
        curve: thin(&p.curve, SLICE_CURVE_POINTS),
    }
}

/// At most about `points` points of `curve`, always keeping its ends.
fn thin(curve: &[[f64; 2]], points: usize) -> Vec<[f64; 2]> {
    let step = curve.len().div_ceil(points).max(1);
    let mut out: Vec<[f64; 2]> = curve.iter().step_by(step).copied().collect();
    if let (Some(last), Some(kept)) = (curve.last(), out.last()) {
        if last != kept {
            out.push(*last);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(values: &[Option<&str>]) -> Category {
        let mut c = Category::new("region", "Region", 0, true);
        for (i, v) in values.iter().enumerate() {
            c.add_customer();
            if let Some(v) = v {
                c.observe(i, v);
            }
        }
        c
    }

    #[test]
    fn a_split_by_hand() {
        let c = category(&[Some("East"), Some("West"), Some("East"), None, Some("East")]);
        let revenue = [50.0, 30.0, 10.0, 6.0, 4.0];
        let profit = [10.0, -3.0, 2.0, 1.0, 1.0];
        let tier = [Tier::A, Tier::A, Tier::B, Tier::C, Tier::C];
        let s = split(
            &c,
            &CustomerValues {
                revenue: &revenue,
                profit: &profit,
                tier: &tier,
            },
        );
        let names: Vec<(&str, SliceKind)> = s
            .slices
            .iter()
            .map(|s| (s.value.as_str(), s.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("East", SliceKind::Value),
                ("West", SliceKind::Value),
                ("", SliceKind::Missing)
            ]
        );
        let east = &s.slices[0];
        assert_eq!(
            (
                east.customers,
                east.revenue,
                east.revenue_share,
                east.profit
            ),
            (3, 64.0, 0.64, 13.0)
        );
        assert_eq!(east.tiers, [1, 1, 1]);
        // East's top 20% is ceil(0.6) = 1 customer: 50 of 64.
        assert_eq!(east.top20_share, 50.0 / 64.0);
        assert_eq!(s.slices.iter().map(|s| s.customers).sum::<usize>(), 5);
        assert!((s.slices.iter().map(|s| s.revenue_share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(info(&c, &revenue).values, ["East", "West"]);
    }

    #[test]
    fn beyond_the_limit_values_are_merged_into_other() {
        let names: Vec<String> = (0..MAX_SLICES + 5).map(|i| format!("V{i}")).collect();
        let c = category(&names.iter().map(|n| Some(n.as_str())).collect::<Vec<_>>());
        let revenue: Vec<f64> = (0..names.len()).map(|i| 100.0 - i as f64).collect();
        let zeros = vec![0.0; names.len()];
        let tier = vec![Tier::C; names.len()];
        let s = split(
            &c,
            &CustomerValues {
                revenue: &revenue,
                profit: &zeros,
                tier: &tier,
            },
        );
        assert_eq!(s.slices.len(), MAX_SLICES + 1);
        let other = s.slices.last().unwrap();
        assert_eq!((other.kind, other.customers), (SliceKind::Other, 5));
        assert_eq!(s.slices[0].value, "V0");
    }

    #[test]
    fn no_customers_or_no_revenue_give_defined_figures() {
        let c = category(&[]);
        let s = split(
            &c,
            &CustomerValues {
                revenue: &[],
                profit: &[],
                tier: &[],
            },
        );
        assert!(s.slices.is_empty());
        let c = category(&[Some("X"), Some("X")]);
        let s = split(
            &c,
            &CustomerValues {
                revenue: &[-5.0, 0.0],
                profit: &[0.0, 0.0],
                tier: &[Tier::C, Tier::C],
            },
        );
        assert_eq!(
            (
                s.slices[0].revenue_share,
                s.slices[0].gini,
                s.slices[0].top20_share
            ),
            (0.0, 0.0, 0.0)
        );
    }
}
