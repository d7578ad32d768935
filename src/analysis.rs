//! `Analysis`: every result for one file, in one serde struct.
//!
//! This is what `tierlens analyze --json` prints and what the browser's
//! engine hands to the UI. Field names are fixed by `CONTRACT.md`; fields may
//! be added beside them. Numbers are plain: shares as fractions 0..1, money
//! in the file's currency, days as `YYYY-MM-DD`.

use crate::concentration::{self, Concentration};
use crate::customers::{self, Customers};
use crate::day::Day;
use crate::ingest::{Rejection, Role, Table};
use crate::pareto::{self, Pareto};
use crate::tiers::{self, Cutoffs, Tier, TierSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Settings that change the analysis, not the reading of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Defaults to the last transaction date in the file.
    pub as_of: Option<Day>,
    pub abc: Cutoffs,
    pub dependency_threshold: f64,
    /// How many of the largest customers `top_customers` lists.
    pub top_customers: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            abc: Cutoffs::default(),
            dependency_threshold: concentration::DEFAULT_THRESHOLD,
            top_customers: 50,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Analysis {
    pub input: InputReport,
    pub customers: usize,
    pub transactions: usize,
    pub revenue_total: f64,
    pub as_of: Day,
    pub first_date: Day,
    pub last_date: Day,
    pub returns: Returns,
    pub pareto: Pareto,
    pub abc: AbcCounts,
    pub abc_cutoffs: Cutoffs,
    pub tiers: Vec<TierSummary>,
    pub concentration: Concentration,
    pub top_customers: Vec<CustomerRow>,
    pub timings_ms: Timings,
}

/// What was read, what was detected and what was rejected.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InputReport {
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub rows_blank: u64,
    /// Rows dated after `as_of`: read, valid, left out of the analysis.
    pub rows_after_as_of: u64,
    /// "transactions" (one row per purchase) or "summary" (one row per
    /// customer); analyses that need the purchase log say so for a summary.
    pub shape: crate::ingest::Shape,
    /// The column cost was taken or derived from: cost, profit or margin.
    pub cost_from: Option<Role>,
    /// "text" (CSV, TSV ...), "xlsx" or "xls".
    pub format: String,
    /// The text encoding detected or forced; empty for workbooks.
    pub encoding: String,
    /// The delimiter sniffed; empty for workbooks.
    pub delimiter: String,
    /// The workbook sheet read, and every sheet the workbook has.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// The day/month order used for year-last dates, if the file has any.
    pub date_order: Option<crate::ingest::values::DateOrder>,
    pub columns: BTreeMap<String, String>,
    /// Every header of the file, in order.
    pub headers: Vec<String>,
    /// Roles whose column was guessed from the values, not the header.
    pub columns_from_values: Vec<String>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// The first rejections, `{line, column, header, reason}`.
    pub errors: Vec<Rejection>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Returns {
    pub rows: u64,
    pub total: f64,
}

/// Customer counts per tier, keyed `"A"`, `"B"`, `"C"` as the contract says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AbcCounts {
    #[serde(rename = "A")]
    pub a: usize,
    #[serde(rename = "B")]
    pub b: usize,
    #[serde(rename = "C")]
    pub c: usize,
}

/// One customer as the overview's table shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub rank: usize,
    pub id: String,
    pub name: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub account_manager: Option<String>,
    pub revenue: f64,
    pub share: f64,
    pub cumulative_share: f64,
    pub tier: Tier,
    pub transactions: u32,
    pub purchase_days: u32,
    pub first_purchase: Day,
    pub last_purchase: Day,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub read: f64,
    pub analyze: f64,
    pub fit: f64,
    pub total: f64,
}

/// Runs every analysis on a table whose rows are all on or before `as_of`.
pub fn analyze(table: &Table, as_of: Day, settings: &Settings, input: InputReport) -> Analysis {
    let customers = customers::aggregate(table);
    let order = customers.ranked_by_revenue(&table.ids);
    let revenue: Vec<f64> = order
        .iter()
        .map(|&c| customers.list[c as usize].revenue)
        .collect();
    let tier_of = tiers::assign(&revenue, settings.abc);
    let tier_summary = tiers::summarise(&revenue, &tier_of);
    let (first_date, last_date) = date_range(&customers);
    Analysis {
        input,
        customers: customers.len(),
        transactions: table.len(),
        revenue_total: revenue.iter().sum(),
        as_of,
        first_date,
        last_date,
        returns: returns(table),
        pareto: pareto::pareto(&revenue),
        abc: abc_counts(&tier_summary),
        abc_cutoffs: settings.abc,
        tiers: tier_summary,
        concentration: concentration::concentration(&revenue, settings.dependency_threshold),
        top_customers: top_rows(table, &customers, &order, &tier_of, settings.top_customers),
        timings_ms: Timings::default(),
    }
}

/// The first and last purchase of any customer (for a summary, the table's
/// dates are only each customer's last purchase).
fn date_range(customers: &Customers) -> (Day, Day) {
    let first = customers
        .list
        .iter()
        .map(|c| c.first)
        .min()
        .unwrap_or_default();
    let last = customers
        .list
        .iter()
        .map(|c| c.last)
        .max()
        .unwrap_or_default();
    (first, last)
}

fn returns(table: &Table) -> Returns {
    table
        .amount
        .iter()
        .filter(|&&a| a < 0.0)
        .fold(Returns::default(), |r, &a| Returns {
            rows: r.rows + 1,
            total: r.total + a,
        })
}

fn abc_counts(summary: &[TierSummary]) -> AbcCounts {
    let count = |tier: Tier| {
        summary
            .iter()
            .find(|s| s.tier == tier)
            .map_or(0, |s| s.customers)
    };
    AbcCounts {
        a: count(Tier::A),
        b: count(Tier::B),
        c: count(Tier::C),
    }
}

fn top_rows(
    table: &Table,
    customers: &Customers,
    order: &[u32],
    tiers: &[Tier],
    limit: usize,
) -> Vec<CustomerRow> {
    let total = customers.revenue_total();
    let share = |r: f64| if total > 0.0 { r / total } else { 0.0 };
    let dimension = |role: Role, c: usize| table.dimensions.get(&role).and_then(|v| v[c].clone());
    let mut cumulative = 0.0;
    order
        .iter()
        .zip(tiers)
        .take(limit)
        .enumerate()
        .map(|(rank, (&c, &tier))| {
            let c = c as usize;
            let customer = &customers.list[c];
            cumulative += customer.revenue;
            CustomerRow {
                rank: rank + 1,
                id: table.ids[c].clone(),
                name: dimension(Role::CustomerName, c),
                industry: dimension(Role::Industry, c),
                region: dimension(Role::Region, c),
                account_manager: dimension(Role::AccountManager, c),
                revenue: customer.revenue,
                share: share(customer.revenue),
                cumulative_share: share(cumulative),
                tier,
                transactions: customer.transactions,
                purchase_days: customer.purchase_days,
                first_purchase: customer.first,
                last_purchase: customer.last,
            }
        })
        .collect()
}
