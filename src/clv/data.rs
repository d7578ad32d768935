//! The models' view of a customer at the calibration end: x repeat
//! purchases (purchase days after the first), t_x the time of the last
//! one and T the time since the first, in periods from the first purchase
//! (the contract: same-day purchases merged, time in `--period` units).
//! Customers whose first purchase is after the calibration end are not in
//! the calibration.

use crate::customers::Customers;
use crate::day::Day;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct History {
    pub x: f64,
    pub t_x: f64,
    pub t: f64,
    /// Mean value of the repeat purchases (0 when x = 0).
    pub mean_spend: f64,
}

impl History {
    /// Equal (x, t_x, T) share every model figure: the key they are
    /// merged and cached by.
    pub fn key(&self) -> [u64; 3] {
        [self.x.to_bits(), self.t_x.to_bits(), self.t.to_bits()]
    }
}

/// One history per calibration customer, in customer order (`None` for
/// those not yet acquired at `end`).
/// A richer summary gives them from its columns (`Model::history`).
pub fn histories(
    customers: &Customers,
    (end, as_of): (Day, Day),
    period_days: f64,
) -> Vec<Option<History>> {
    if let Some(model) = &customers.model {
        return (0..customers.len())
            .map(|c| model.history(c, &customers.list[c], (end, as_of), period_days))
            .collect();
    }
    (0..customers.len())
        .map(|c| {
            let (days, amounts) = customers.purchases(c);
            let n = days.iter().take_while(|d| **d <= end).count();
            let first = *days.first().filter(|_| n > 0)?;
            let repeat = &amounts[1..n];
            Some(History {
                x: (n - 1) as f64,
                t_x: f64::from(days[n - 1].0 - first.0) / period_days,
                t: f64::from(end.0 - first.0) / period_days,
                mean_spend: if repeat.is_empty() {
                    0.0
                } else {
                    repeat.iter().sum::<f64>() / repeat.len() as f64
                },
            })
        })
        .collect()
}

/// Equal (x, t_x, T) merged with a weight: the likelihood is evaluated
/// once per distinct history, however many customers share it. In the
/// histories' order, not the customers': the sums of a fit then run in one
/// order whatever the order of the file's rows, and so give the same bits.
pub fn grouped(histories: &[Option<History>]) -> Vec<(History, f64)> {
    let mut index: HashMap<[u64; 3], usize> = HashMap::new();
    let mut out: Vec<(History, f64)> = Vec::new();
    for h in histories.iter().flatten() {
        let key = h.key();
        match index.get(&key) {
            Some(&i) => out[i].1 += 1.0,
            None => {
                index.insert(key, out.len());
                out.push((*h, 1.0));
            }
        }
    }
    out.sort_unstable_by_key(|(h, _)| h.key());
    out
}
