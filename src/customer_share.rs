//! Customer share (share of wallet, 客户占有率): the part of a customer's
//! annual purchases that comes to us.
//!
//! Reinartz & Kumar and the key-account literature (Kumar & Reinartz,
//! *Customer Relationship Management*, ch. 2) name customer retention and
//! customer share as the two measures of loyalty. Per customer with an
//! annual potential from the customer master (`master.rs`):
//!
//! - `customer_share` = net revenue over the last `months` months (12 by
//!   default, up to the as-of date) ÷ the annual potential;
//! - `headroom` = potential − that revenue.
//!
//! A share above 100% is a data question (the potential is probably out of
//! date), not a figure to trust: such customers are listed apart and left
//! out of the totals and the quadrant. The others are placed by potential
//! against share, each split at its median unless the user sets a line; a
//! value strictly above the line is "large" (as the loyalty quadrant):
//!
//! | | small share | large share |
//! |---|---|---|
//! | **large potential** | grow | defend |
//! | **small potential** | deprioritise | maintain |
//!
//! The total share is the revenue of those customers over their potential:
//! the part of the known potential the business holds. A customer summary
//! has no purchase dates, so its whole revenue is used and the section says so.

use crate::base::{share_of, Base};
use crate::customer_table::{CustomerRow, RowSource, LISTED};
use crate::day::Day;
use crate::index::{CustomerId, Idx, IndexVec};
use crate::loyalty::median;
use crate::settings::{self, Field, SettingsError};
use chrono::Months;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareSettings {
    /// The months of revenue set against the annual potential.
    pub months: u32,
    /// Where potential turns large; the median when `None`.
    pub potential_split: Option<f64>,
    /// Where share turns large (a fraction); the median when `None`.
    pub share_split: Option<f64>,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            months: 12,
            potential_split: None,
            share_split: None,
        }
    }
}

impl ShareSettings {
    /// 1 to 120 months; lines, when set, finite and not negative.
    pub fn validate(&self) -> Result<(), SettingsError> {
        settings::in_range(Field::ShareMonths, f64::from(self.months), 1.0, 120.0)?;
        for split in [self.potential_split, self.share_split]
            .into_iter()
            .flatten()
        {
            settings::in_range(Field::ShareSplit, split, 0.0, f64::MAX)?;
        }
        Ok(())
    }
}

/// One customer's figures (a label of the customer table's rows).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wallet {
    pub potential: f64,
    /// Revenue of the period.
    pub revenue: f64,
    pub share: f64,
    pub headroom: f64,
}

impl Wallet {
    /// Above 100%: the potential is probably out of date.
    pub fn is_question(&self) -> bool {
        self.share > 1.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Grow,
    Defend,
    Maintain,
    Deprioritise,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Grow,
        Quadrant::Defend,
        Quadrant::Maintain,
        Quadrant::Deprioritise,
    ];

    pub fn of(large_potential: bool, large_share: bool) -> Quadrant {
        match (large_potential, large_share) {
            (true, false) => Quadrant::Grow,
            (true, true) => Quadrant::Defend,
            (false, true) => Quadrant::Maintain,
            (false, false) => Quadrant::Deprioritise,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Quadrant::Grow => "grow",
            Quadrant::Defend => "defend",
            Quadrant::Maintain => "maintain",
            Quadrant::Deprioritise => "deprioritise",
        }
    }
}

/// Customers of a quadrant (or of the questions): counted, summed, listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareGroup {
    pub customers: usize,
    pub potential: f64,
    pub revenue: f64,
    pub share: f64,
    pub headroom: f64,
    /// The first `LISTED` by potential.
    pub list: Vec<CustomerRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quadrants {
    pub grow: ShareGroup,
    pub defend: ShareGroup,
    pub maintain: ShareGroup,
    pub deprioritise: ShareGroup,
}

/// Points the chart draws at most.
pub const POINTS: usize = 2000;

/// The customer-share section (`customer_share` in the JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerShare {
    pub months: u32,
    /// The first day of the period; absent for a customer summary (its
    /// whole revenue is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Day>,
    /// Customers with a trusted share (potential known, share ≤ 100%).
    pub customers: usize,
    pub potential_total: f64,
    pub revenue: f64,
    /// `revenue` ÷ `potential_total`.
    pub share: f64,
    pub headroom_total: f64,
    pub potential_split: f64,
    pub share_split: f64,
    pub quadrants: Quadrants,
    /// Shares above 100%: data questions, outside every figure above.
    pub questions: ShareGroup,
    /// Log customers with no potential (not in the master, or none given).
    pub without_potential: usize,
    /// (potential, share, quadrant index) of at most `POINTS` customers,
    /// the largest potential first.
    pub points: Vec<[f64; 3]>,
}

/// Each customer's figures, `None` without a potential; empty when the
/// table has no potentials at all.
pub fn label(base: &Base<'_>, settings: &ShareSettings) -> IndexVec<CustomerId, Option<Wallet>> {
    let Some(potentials) = &base.table.potential else {
        return IndexVec::default();
    };
    let from = period_start(base, settings.months);
    base.by_customer(|c| {
        let potential = potentials.get(c.index()).copied().flatten()?;
        let revenue = match from {
            Some(from) => {
                let (days, amounts) = base.customers.purchases(c.index());
                days.iter()
                    .zip(amounts)
                    .filter(|(d, _)| **d >= from && **d <= base.as_of)
                    .map(|(_, a)| a)
                    .sum::<f64>()
                    // An empty sum is −0, which reads as a loss of nothing.
                    + 0.0
            }
            None => base.revenue[c],
        };
        Some(Wallet {
            potential,
            revenue,
            share: revenue / potential,
            headroom: potential - revenue,
        })
    })
}

/// The first day of the last `months` months up to the as-of date; `None`
/// for a customer summary.
fn period_start(base: &Base<'_>, months: u32) -> Option<Day> {
    if !base.log {
        return None;
    }
    let date = base
        .as_of
        .to_date()
        .checked_sub_months(Months::new(months))?;
    Some(Day(Day::from_date(date).0 + 1))
}

/// The section, or `None` when no customer has a potential.
pub fn section(
    base: &Base<'_>,
    rows: &RowSource<'_>,
    wallets: &IndexVec<CustomerId, Option<Wallet>>,
    settings: &ShareSettings,
) -> Option<CustomerShare> {
    base.table.potential.as_ref()?;
    let trusted = |c: CustomerId| {
        wallets
            .raw()
            .get(c.index())
            .copied()
            .flatten()
            .filter(|w| !w.is_question())
    };
    let known: Vec<Wallet> = (0..base.len())
        .filter_map(|c| trusted(CustomerId::new(c)))
        .collect();
    let potentials: Vec<f64> = known.iter().map(|w| w.potential).collect();
    let shares: Vec<f64> = known.iter().map(|w| w.share).collect();
    let potential_split = settings
        .potential_split
        .unwrap_or_else(|| median(&potentials));
    let share_split = settings.share_split.unwrap_or_else(|| median(&shares));
    let quadrant_of =
        |w: &Wallet| Quadrant::of(w.potential > potential_split, w.share > share_split);
    let in_quadrant =
        |q: Quadrant| move |c: CustomerId| trusted(c).is_some_and(|w| quadrant_of(&w) == q);
    let all = group(rows, wallets, |c| trusted(c).is_some());
    let mut points: Vec<(f64, [f64; 3])> = known
        .iter()
        .map(|w| {
            let q = Quadrant::ALL
                .iter()
                .position(|&q| q == quadrant_of(w))
                .unwrap_or(0);
            (w.potential, [w.potential, w.share, q as f64])
        })
        .collect();
    points.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(CustomerShare {
        months: settings.months,
        from: period_start(base, settings.months),
        customers: all.customers,
        potential_total: all.potential,
        revenue: all.revenue,
        share: all.share,
        headroom_total: all.headroom,
        potential_split,
        share_split,
        quadrants: Quadrants {
            grow: group(rows, wallets, in_quadrant(Quadrant::Grow)),
            defend: group(rows, wallets, in_quadrant(Quadrant::Defend)),
            maintain: group(rows, wallets, in_quadrant(Quadrant::Maintain)),
            deprioritise: group(rows, wallets, in_quadrant(Quadrant::Deprioritise)),
        },
        questions: group(rows, wallets, |c| {
            wallets
                .raw()
                .get(c.index())
                .copied()
                .flatten()
                .is_some_and(|w| w.is_question())
        }),
        without_potential: (0..base.len())
            .filter(|&c| wallets.raw().get(c).copied().flatten().is_none())
            .count(),
        points: points.into_iter().take(POINTS).map(|(_, p)| p).collect(),
    })
}

/// The customers for which `member` holds: summed, and listed by potential.
fn group(
    rows: &RowSource<'_>,
    wallets: &IndexVec<CustomerId, Option<Wallet>>,
    member: impl Fn(CustomerId) -> bool,
) -> ShareGroup {
    let mut members: Vec<(f64, crate::index::Rank)> = Vec::new();
    let mut g = ShareGroup::default();
    for rank in rows.ranks() {
        let c = rows.customer_at(rank);
        let Some(w) = wallets
            .raw()
            .get(c.index())
            .copied()
            .flatten()
            .filter(|_| member(c))
        else {
            continue;
        };
        g.customers += 1;
        g.potential += w.potential;
        g.revenue += w.revenue;
        g.headroom += w.headroom;
        members.push((w.potential, rank));
    }
    g.share = share_of(g.revenue, g.potential);
    members.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    g.list = members
        .iter()
        .take(LISTED)
        .map(|&(_, r)| rows.row(r))
        .collect();
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_by_hand() {
        assert_eq!(Quadrant::of(true, false), Quadrant::Grow);
        assert_eq!(Quadrant::of(true, true), Quadrant::Defend);
        assert_eq!(Quadrant::of(false, true), Quadrant::Maintain);
        assert_eq!(Quadrant::of(false, false), Quadrant::Deprioritise);
    }

    #[test]
    fn settings_are_checked() {
        assert!(ShareSettings::default().validate().is_ok());
        let bad = ShareSettings {
            months: 0,
            ..ShareSettings::default()
        };
        assert!(bad.validate().is_err());
        let negative = ShareSettings {
            share_split: Some(-0.1),
            ..ShareSettings::default()
        };
        assert!(negative.validate().is_err());
    }
}
