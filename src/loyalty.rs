//! Loyalty versus profitability: loyal is not the same as profitable.
//!
//! Reinartz & Kumar ("The mismanagement of customer loyalty", HBR 2002)
//! cross a customer's loyalty with their profit:
//!
//! | | low loyalty | high loyalty |
//! |---|---|---|
//! | **high profit** | Butterflies | True friends |
//! | **low profit** | Strangers | Barnacles |
//!
//! Loyalty is either tenure (days from the first to the last purchase: how
//! long the relationship has lasted) or purchase frequency (purchase days).
//! Each axis is split at its median by default, or at a value the user
//! sets; a value strictly above the split is "high", so a split at the
//! median of many one-time buyers puts every one-time buyer on the low side.

use crate::base::Base;
use crate::customer_table::{Group, RowSource};
use crate::customers::Customer;
use crate::index::{CustomerId, Idx, IndexVec, Rank};
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoyaltyAxis {
    #[default]
    Tenure,
    Frequency,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoyaltySettings {
    pub axis: LoyaltyAxis,
    /// Where loyalty turns high; the median when `None`.
    pub loyalty_split: Option<f64>,
    /// Where profit turns high; the median when `None`.
    pub profit_split: Option<f64>,
}

impl LoyaltyAxis {
    /// `tenure` or `frequency`.
    pub fn parse(text: &str) -> Result<LoyaltyAxis, SettingsError> {
        settings::one_of(
            Field::LoyaltyAxis,
            text,
            &[
                ("tenure", LoyaltyAxis::Tenure),
                ("frequency", LoyaltyAxis::Frequency),
            ],
        )
    }

    /// Tenure in days, or purchase days.
    pub fn value(self, c: &Customer) -> f64 {
        match self {
            LoyaltyAxis::Tenure => f64::from((c.last.0 - c.first.0).max(0)),
            LoyaltyAxis::Frequency => f64::from(c.purchase_days),
        }
    }
}

impl LoyaltySettings {
    /// Splits, when set, are finite numbers.
    pub fn validate(&self) -> Result<(), SettingsError> {
        for split in [self.loyalty_split, self.profit_split]
            .into_iter()
            .flatten()
        {
            settings::finite(Field::LoyaltySplit, split)?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    TrueFriends,
    Butterflies,
    Barnacles,
    Strangers,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::TrueFriends,
        Quadrant::Butterflies,
        Quadrant::Barnacles,
        Quadrant::Strangers,
    ];

    pub fn of(loyal: bool, profitable: bool) -> Quadrant {
        match (loyal, profitable) {
            (true, true) => Quadrant::TrueFriends,
            (false, true) => Quadrant::Butterflies,
            (true, false) => Quadrant::Barnacles,
            (false, false) => Quadrant::Strangers,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Quadrant::TrueFriends => "true_friends",
            Quadrant::Butterflies => "butterflies",
            Quadrant::Barnacles => "barnacles",
            Quadrant::Strangers => "strangers",
        }
    }
}

/// Points the loyalty chart draws at most.
pub const SCATTER_POINTS: usize = 2000;

/// The loyalty section: the four quadrants and the chart's points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loyalty {
    pub axis: LoyaltyAxis,
    pub loyalty_split: f64,
    pub profit_split: f64,
    /// One group per quadrant, in `Quadrant::ALL` order.
    pub groups: Vec<Group>,
    /// (loyalty, profit, quadrant index) of at most `SCATTER_POINTS`
    /// customers: the largest by revenue, then an even spread of the rest.
    pub points: Vec<[f64; 3]>,
}

/// Each customer's loyalty value and quadrant.
pub struct Placed {
    pub axis: LoyaltyAxis,
    pub values: IndexVec<CustomerId, f64>,
    pub placement: Placement,
}

impl Placed {
    pub fn quadrants(&self) -> IndexVec<CustomerId, Quadrant> {
        IndexVec::from_raw(self.placement.quadrants.clone())
    }
}

/// Places every customer of `base`.
pub fn label(base: &Base<'_>, settings: &LoyaltySettings) -> Placed {
    let values = base.by_customer(|c| settings.axis.value(base.customer(c)));
    let placement = place(values.raw(), base.profit.raw(), settings);
    Placed {
        axis: settings.axis,
        values,
        placement,
    }
}

pub fn section(base: &Base<'_>, rows: &RowSource<'_>, placed: &Placed) -> Loyalty {
    let quadrants = &placed.placement.quadrants;
    Loyalty {
        axis: placed.axis,
        loyalty_split: placed.placement.loyalty_split,
        profit_split: placed.placement.profit_split,
        groups: Quadrant::ALL
            .iter()
            .map(|&q| rows.group(q.key(), |c| quadrants[c.index()] == q))
            .collect(),
        points: scatter(base, placed),
    }
}

/// The loyalty chart's points: the largest customers, then every k-th.
fn scatter(base: &Base<'_>, placed: &Placed) -> Vec<[f64; 3]> {
    let n = base.len();
    let head = n.min(SCATTER_POINTS / 4);
    let step = (n - head).div_ceil(SCATTER_POINTS - head).max(1);
    (0..head)
        .chain((head..n).step_by(step))
        .map(|rank| {
            let c = base.order[Rank::new(rank)];
            let quadrant = placed.placement.quadrants[c.index()];
            let q = Quadrant::ALL
                .iter()
                .position(|&q| q == quadrant)
                .unwrap_or(0);
            [placed.values[c], base.profit[c], q as f64]
        })
        .collect()
}

/// The splits used and each customer's quadrant, in input order.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub loyalty_split: f64,
    pub profit_split: f64,
    pub quadrants: Vec<Quadrant>,
}

/// Places each customer given their loyalty and profit values.
pub fn place(loyalty: &[f64], profit: &[f64], settings: &LoyaltySettings) -> Placement {
    let loyalty_split = settings.loyalty_split.unwrap_or_else(|| median(loyalty));
    let profit_split = settings.profit_split.unwrap_or_else(|| median(profit));
    let quadrants = loyalty
        .iter()
        .zip(profit)
        .map(|(&l, &p)| Quadrant::of(l > loyalty_split, p > profit_split))
        .collect();
    Placement {
        loyalty_split,
        profit_split,
        quadrants,
    }
}

/// The median (the mean of the two middle values for an even count); 0
/// for no values.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_by_hand_at_the_medians() {
        // Loyalty median 15, profit median 25.
        let loyalty = [30.0, 5.0, 20.0, 10.0];
        let profit = [50.0, 40.0, 10.0, -5.0];
        let p = place(&loyalty, &profit, &LoyaltySettings::default());
        assert_eq!((p.loyalty_split, p.profit_split), (15.0, 25.0));
        assert_eq!(
            p.quadrants,
            [
                Quadrant::TrueFriends,
                Quadrant::Butterflies,
                Quadrant::Barnacles,
                Quadrant::Strangers
            ]
        );
    }

    #[test]
    fn user_splits_replace_the_medians_and_ties_are_low() {
        let settings = LoyaltySettings {
            axis: LoyaltyAxis::Frequency,
            loyalty_split: Some(1.0),
            profit_split: Some(0.0),
        };
        let p = place(&[1.0, 2.0], &[0.0, 3.0], &settings);
        assert_eq!(p.quadrants, [Quadrant::Strangers, Quadrant::TrueFriends]);
    }

    #[test]
    fn edge_cases_are_defined() {
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[7.0]), 7.0);
        let p = place(&[], &[], &LoyaltySettings::default());
        assert!(p.quadrants.is_empty());
        let same = place(&[3.0; 5], &[2.0; 5], &LoyaltySettings::default());
        assert!(same.quadrants.iter().all(|&q| q == Quadrant::Strangers));
    }
}
