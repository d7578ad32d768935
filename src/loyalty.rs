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
