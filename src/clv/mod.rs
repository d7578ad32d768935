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
