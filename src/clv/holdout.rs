//! Calibration against holdout: the model fitted up to the calibration end
//! predicts each calibration customer's repeat purchases after it, and the
//! page sets that against what they did (FHL 2005, figures 2–4):
//! the mean per calibration frequency, and the cumulative weekly tracking
//! of repeat purchases over the whole span.

use super::data::History;
use super::model::Purchases;
use crate::customers::Customers;
use crate::day::Day;
use serde::{Deserialize, Serialize};

/// Calibration frequencies shown one by one; the rest share the last bar.
const LAST_BUCKET: usize = 7;
/// The tracking plot has at most this many points (a week each, or more
/// weeks per point on long histories).
const MAX_POINTS: usize = 400;

/// Customers with one calibration frequency: mean repeat purchases in the
/// holdout, actual and predicted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub frequency: String,
    pub customers: usize,
    pub actual: f64,
    pub predicted: f64,
}

/// Cumulative repeat purchases of the calibration customers by `day`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackPoint {
    pub day: Day,
    pub actual: f64,
    pub predicted: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Holdout {
    /// The holdout is after `calibration_end`, up to `as_of`.
    pub calibration_end: Day,
    pub as_of: Day,
    pub periods: f64,
    pub customers: usize,
    pub actual_total: f64,
    pub predicted_total: f64,
    /// (predicted − actual) / actual.
    pub error: f64,
    /// Mean absolute error per customer.
    pub mae: f64,
    pub buckets: Vec<Bucket>,
    pub tracking: Vec<TrackPoint>,
}

/// `None` when there is no holdout period.
pub fn holdout(
    fit: &Purchases,
    customers: &Customers,
    calibration: &[Option<History>],
    calibration_end: Day,
    as_of: Day,
    period_days: f64,
) -> Option<Holdout> {
    if as_of <= calibration_end {
        return None;
    }
    let periods = f64::from(as_of.0 - calibration_end.0) / period_days;
    let mut buckets: Vec<Bucket> = (0..=LAST_BUCKET)
        .map(|x| Bucket {
            frequency: if x == LAST_BUCKET {
                format!("{x}+")
            } else {
                x.to_string()
            },
            ..Bucket::default()
        })
        .collect();
    let mut out = Holdout {
        calibration_end,
        as_of,
        periods,
        ..Holdout::default()
    };
    let mut cache = std::collections::HashMap::new();
    for (c, h) in calibration.iter().enumerate() {
        let Some(h) = h else { continue };
        let actual = purchases_after(customers, c, calibration_end);
        let key = h.key();
        let predicted = *cache
            .entry(key)
            .or_insert_with(|| fit.expected_purchases(h, periods).unwrap_or(0.0));
        let bucket = &mut buckets[(h.x as usize).min(LAST_BUCKET)];
        bucket.customers += 1;
        bucket.actual += actual;
        bucket.predicted += predicted;
        out.customers += 1;
        out.actual_total += actual;
        out.predicted_total += predicted;
        out.mae += (predicted - actual).abs();
    }
    for b in &mut buckets {
        if b.customers > 0 {
            b.actual /= b.customers as f64;
            b.predicted /= b.customers as f64;
        }
    }
    out.buckets = buckets;
    out.mae /= out.customers.max(1) as f64;
    out.error = if out.actual_total > 0.0 {
        (out.predicted_total - out.actual_total) / out.actual_total
    } else {
        0.0
    };
    // A summary has no purchase days to track week by week.
    if customers.model.is_none() {
        out.tracking = tracking(fit, customers, calibration, as_of, period_days);
    }
    Some(out)
}

/// Customer `c`'s purchase days after the calibration end: counted in the
/// log, or a richer summary's `orders_holdout` (made for that end, which
/// `Model::fits` checked before any fit).
fn purchases_after(customers: &Customers, c: usize, calibration_end: Day) -> f64 {
    match &customers.model {
        Some(model) => f64::from(model.rows[c].orders_holdout),
        None => {
            let (days, _) = customers.purchases(c);
            days.iter().filter(|d| **d > calibration_end).count() as f64
        }
    }
}

/// Weekly cumulative repeat purchases of the calibration customers, and
/// the model's E[X(t)] summed over them from each one's first purchase.
fn tracking(
    fit: &Purchases,
    customers: &Customers,
    calibration: &[Option<History>],
    as_of: Day,
    period_days: f64,
) -> Vec<TrackPoint> {
    let members: Vec<usize> = (0..calibration.len())
        .filter(|&c| calibration[c].is_some())
        .collect();
    let Some(start) = members.iter().map(|&c| customers.list[c].first).min() else {
        return Vec::new();
    };
    let span = (as_of.0 - start.0).max(0) as usize;
    let mut first_on = vec![0.0f64; span + 1];
    let mut repeat_on = vec![0.0f64; span + 1];
    for &c in &members {
        let (days, _) = customers.purchases(c);
        first_on[(days[0].0 - start.0) as usize] += 1.0;
        for d in &days[1..] {
            repeat_on[(d.0 - start.0) as usize] += 1.0;
        }
    }
    let expected: Vec<f64> = (0..=span)
        .map(|age| {
            fit.expected_repeat_purchases(age as f64 / period_days)
                .unwrap_or(0.0)
        })
        .collect();
    let step = 7 * span.div_ceil(7 * MAX_POINTS).max(1);
    let mut actual = 0.0;
    let mut counted = 0;
    (step..=span.max(step))
        .step_by(step)
        .map(|end| {
            let end = end.min(span);
            while counted <= end {
                actual += repeat_on[counted];
                counted += 1;
            }
            let predicted = (0..=end)
                .filter(|&s| first_on[s] > 0.0)
                .map(|s| first_on[s] * expected[end - s])
                .sum();
            TrackPoint {
                day: Day(start.0 + end as i32),
                actual,
                predicted,
            }
        })
        .collect()
}
