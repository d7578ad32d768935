//! One component per file; each takes the part of the `Analysis` it shows.

pub mod app;
pub mod concentration;
pub mod header;
pub mod import_report;
pub mod intake;
pub mod mapping;
pub mod overview;
pub mod status;
pub mod tiers;
pub mod top_customers;
