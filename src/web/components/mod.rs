//! One component per file; each takes the part of the `Analysis` it shows.

pub mod app;
pub mod chart_view;
pub mod concentration;
pub mod customer_list;
pub mod customer_types;
pub mod field;
pub mod header;
pub mod import_report;
pub mod intake;
pub mod lifecycle;
pub mod lifetime_value;
pub mod loyalty;
pub mod mapping;
pub mod overview;
pub mod pareto;
pub mod profit;
pub mod retention;
pub mod rfm;
pub mod slicer;
pub mod split;
pub mod status;
pub mod tiers;
pub mod top_customers;
