//! Concentration risk: how much the business depends on its largest accounts.
//!
//! - `top1_share`, `top5_share`, `top10_share`: revenue shares of the largest
//!   1, 5 and 10 customers (all of them when there are fewer).
//! - `hhi`: the Herfindahl(-Hirschman) index, Σ s², with each customer's
//!   revenue share s as a fraction; 1/N for N equal customers, 1 for one.
//!   (Competition authorities quote it ×10,000; here it stays in 0..1.)
//! - `dependency_warning`: the largest customer's share exceeds the
//!   threshold (default 10%), the point where losing that one account
//!   would visibly hurt: "the biggest customer is not always the best one".
//!
//! Shares are of net revenue; with a non-positive total they are all 0.

use crate::base::Base;
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};

pub const DEFAULT_THRESHOLD: f64 = 0.10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concentration {
    pub top1_share: f64,
    pub top5_share: f64,
    pub top10_share: f64,
    pub hhi: f64,
    pub threshold: f64,
    pub dependency_warning: bool,
    /// The largest customer's share in the first and the last of the last
    /// four complete quarters, when it grew (`trend::top1_rising`).
    #[serde(default)]
    pub top1_rising: Option<[f64; 2]>,
}

/// The concentration section; `threshold` is the largest customer's
/// share above which the business depends on it.
pub fn section(base: &Base<'_>, threshold: f64) -> Concentration {
    concentration(base.ranked_revenue.raw(), threshold)
}

/// The dependency threshold is a share of revenue.
pub fn validate(threshold: f64) -> Result<(), SettingsError> {
    settings::share(Field::Dependency, threshold).map(|_| ())
}

/// `revenue` must be sorted largest first.
pub fn concentration(revenue: &[f64], threshold: f64) -> Concentration {
    let total: f64 = revenue.iter().sum();
    let share = |k: usize| -> f64 {
        if total <= 0.0 {
            0.0
        } else {
            revenue.iter().take(k).sum::<f64>() / total
        }
    };
    let hhi = if total <= 0.0 {
        0.0
    } else {
        revenue.iter().map(|r| (r / total).powi(2)).sum()
    };
    let top1 = share(1);
    Concentration {
        top1_share: top1,
        top5_share: share(5),
        top10_share: share(10),
        hhi,
        threshold,
        dependency_warning: top1 > threshold,
        top1_rising: None,
    }
}

impl Concentration {
    /// The same, with the trend's word on the largest share (see `trend`).
    pub fn with_trend(self, top1_rising: Option<[f64; 2]>) -> Concentration {
        Concentration {
            top1_rising,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_hand() {
        let c = concentration(&[50.0, 30.0, 20.0], DEFAULT_THRESHOLD);
        assert_eq!(c.top1_share, 0.5);
        assert_eq!(c.top5_share, 1.0);
        assert!((c.hhi - (0.25 + 0.09 + 0.04)).abs() < 1e-12);
        assert!(c.dependency_warning);
    }

    #[test]
    fn equal_customers_give_one_over_n() {
        let c = concentration(&[1.0; 20], DEFAULT_THRESHOLD);
        assert!((c.hhi - 0.05).abs() < 1e-12);
        assert!((c.top1_share - 0.05).abs() < 1e-12);
        assert!(!c.dependency_warning);
    }

    #[test]
    fn non_positive_total() {
        let c = concentration(&[3.0, -5.0], DEFAULT_THRESHOLD);
        assert_eq!(
            (c.top1_share, c.hhi, c.dependency_warning),
            (0.0, 0.0, false)
        );
    }
}
