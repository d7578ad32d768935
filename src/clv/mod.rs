//! Customer lifetime value: the probabilistic models of repeat buying and
//! spend, fitted by maximum likelihood on a calibration period.
//!
//! `data` turns the purchase log into (x, t_x, T) histories; `bgnbd`,
//! `mbgnbd`, `pareto_nbd` and `gamma_gamma` hold one model each with its
//! likelihood from the paper; `model` puts the three purchase models behind
//! one face and chooses between them; `optimise` is the search they share
//! and the observed information their standard errors come from; `special`
//! the log-space special functions. `value` turns a fit into each
//! customer's lifetime value, chance of a purchase and churn risk, and the
//! totals; `interval` says how sure those totals are; `holdout` checks the
//! fit against what happened after the calibration end; `regularity` how
//! regular buying is; `what_if` asks what more retention would be worth.

pub mod bgnbd;
pub mod data;
pub mod gamma_gamma;
pub mod holdout;
pub mod interval;
pub mod mbgnbd;
pub mod model;
pub mod optimise;
pub mod pareto_nbd;
pub mod regularity;
pub mod special;
pub mod value;
pub mod what_if;

#[cfg(test)]
mod tests;

use crate::base::Base;
use crate::customer_table::Labels;
use crate::index::{CustomerId, IndexVec};
use crate::lifecycle::Stage;
use crate::rfm::Segment;
use crate::tiers::Tier;
use value::{Clv, ClvSettings, Labelling, Prediction};

/// The CLV section: value to date is profit when costs are known, else
/// net revenue; the totals are read by tier, RFM segment, stage and every
/// dimension. Also each customer's prediction, for the rows.
pub fn section(
    base: &Base<'_>,
    labels: &Labels,
    settings: ClvSettings,
) -> (Clv, IndexVec<CustomerId, Option<Prediction>>) {
    // Profit per purchase is estimated from each purchase's amount, so a
    // summary's lifetime value is revenue even with costs
    // (`summary::gaps` says so).
    let margin_applied = base.costs_known && base.log;
    let inputs = value::Inputs {
        customers: base.customers,
        as_of: base.as_of,
        log: base.log,
        historical: match margin_applied {
            true => base.profit.raw(),
            false => base.revenue.raw(),
        },
        margin_applied,
        labels: vec![
            labelling("tier", &Tier::ALL, |t| t.to_string(), base.tier.raw()),
            labelling(
                "segment",
                &Segment::ALL,
                |s| s.key().to_string(),
                labels.segments.raw(),
            ),
            labelling(
                "stage",
                &Stage::ALL,
                |s| s.key().to_string(),
                labels.stages.raw(),
            ),
        ],
        dimensions: base
            .table
            .categories
            .iter()
            .map(|c| Labelling {
                key: c.key.clone(),
                header: c.header.clone(),
                values: c.values.clone(),
                of: (0..base.len())
                    .map(|i| c.code_of(i).map(|v| v as u32))
                    .collect(),
            })
            .collect(),
    };
    let (clv, predictions) = value::lifetime_value(&inputs, settings);
    (clv, IndexVec::from_raw(predictions))
}

/// Customers labelled by one of `all` (a tier, a segment, a stage).
fn labelling<T: PartialEq>(key: &str, all: &[T], name: fn(&T) -> String, of: &[T]) -> Labelling {
    let position = |x: &T| all.iter().position(|a| a == x).unwrap_or(0) as u32;
    Labelling {
        key: key.to_string(),
        header: key.to_string(),
        values: all.iter().map(name).collect(),
        of: of.iter().map(|x| Some(position(x))).collect(),
    }
}
