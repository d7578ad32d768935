//! Tierlens: which customers carry the business.
//!
//! The crate is a pure core (ingest and analyses, no web dependency) that the
//! native CLI and the browser app share. Data flows one way:
//!
//! ```text
//! bytes -> ingest::decode -> ingest::read -> ingest::map -> ingest::Table
//!       -> customers -> pareto, tiers, concentration -> analysis::Analysis
//! ```
//!
//! `engine::run` is the single entry point from bytes to an `Analysis`; the
//! CLI calls it directly and the browser calls it behind its worker boundary.

pub mod analysis;
pub mod base;
pub mod call_list;
pub mod chart;
pub mod clv;
pub mod compare;
pub mod concentration;
pub mod customer_share;
pub mod customer_table;
pub mod customer_types;
pub mod customers;
pub mod day;
pub mod dimensions;
pub mod distributions;
pub mod embedding;
pub mod engine;
pub mod export;
pub mod findings;
pub mod format;
pub mod i18n;
pub mod index;
pub mod ingest;
pub mod lifecycle;
pub mod loyalty;
pub mod master;
pub mod parallel;
pub mod pareto;
pub mod printable;
pub mod profit;
pub mod protocol;
pub mod retention;
pub mod rfm;
pub mod settings;
pub mod summary;
pub mod template;
pub mod tiers;
pub mod trend;
pub mod xlsx;

#[cfg(not(target_arch = "wasm32"))]
pub mod sample;

#[cfg(target_arch = "wasm32")]
pub mod web;
