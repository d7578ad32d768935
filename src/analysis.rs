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
use crate::profit::{self, Profit};
use crate::tiers::{self, Cutoffs, Tier, TierSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Fields of an `Analysis` that may be null in its JSON: optional text and
/// settings. Anywhere else a null is a number that was NaN or infinite
/// (serde_json writes both as null).
const OPTIONAL_FIELDS: &[&str] = &[
    "name",
    "industry",
    "region",
    "account_manager",
    "sheet",
    "date_order",
    "cost_from",
    "role",
    "assumed_margin",
];

impl Analysis {
    /// JSON paths of every figure that is not a finite number. Empty for
    /// any analysis the core produces; tests and fuzzers check that.
    pub fn non_finite_figures(&self) -> Vec<String> {
        let mut found = Vec::new();
        match serde_json::to_value(self) {
            Ok(value) => collect_non_finite(&value, "", "", &mut found),
            Err(e) => found.push(format!("(not serialisable: {e})")),
        }
        found
    }
}

fn collect_non_finite(value: &serde_json::Value, path: &str, key: &str, found: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Null if !OPTIONAL_FIELDS.contains(&key) => found.push(path.to_string()),
        Value::Number(n) if !n.as_f64().is_some_and(f64::is_finite) => found.push(path.to_string()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_non_finite(item, &format!("{path}[{i}]"), key, found);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                collect_non_finite(item, &format!("{path}.{k}"), k, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{run, Request};

    #[test]
    fn a_nan_figure_is_found_by_its_path() {
        let csv = b"customer_id,customer_name,date,amount,cost\nA,,2024-01-01,10,4\nB,Beta,2024-01-02,5,1\n";
        let mut a = run(csv, &Request::default(), &|| 0.0).unwrap().analysis;
        assert!(
            a.non_finite_figures().is_empty(),
            "{:?}",
            a.non_finite_figures()
        );
        a.pareto.gini = f64::NAN;
        a.tiers[1].revenue_share = f64::INFINITY;
        assert_eq!(
            a.non_finite_figures(),
            [".pareto.gini", ".tiers[1].revenue_share"]
        );
    }
}

/// Settings that change the analysis, not the reading of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Defaults to the last transaction date in the file.
    pub as_of: Option<Day>,
    pub abc: Cutoffs,
    pub dependency_threshold: f64,
    /// How many of the largest customers `top_customers` lists.
    pub top_customers: usize,
    /// Margin assumed for profit when the file has no cost, profit or margin.
    pub assumed_margin: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            abc: Cutoffs::default(),
            dependency_threshold: concentration::DEFAULT_THRESHOLD,
            top_customers: 50,
            assumed_margin: profit::DEFAULT_ASSUMED_MARGIN,
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
    pub profit: Profit,
    pub top_customers: Vec<CustomerRow>,
    /// The customers losing the most money, largest loss first.
    pub loss_makers: Vec<CustomerRow>,
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
    /// Revenue less cost (or times the assumed margin, see `profit.source`).
    pub profit: f64,
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
    let profits = profit::per_customer(&customers, settings.assumed_margin);
    let ranking = Ranking::new(table, &customers, &order, &tier_of, &profits);
    let profit_summary = profit::profit(&profits, input.cost_from, settings.assumed_margin);
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
        profit: profit_summary,
        top_customers: ranking.top(settings.top_customers),
        loss_makers: ranking.loss_makers(profit::LOSS_MAKERS_LISTED),
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

/// Per customer: revenue rank, cumulative share and profit, for building rows.
struct Ranking<'a> {
    table: &'a Table,
    customers: &'a Customers,
    order: &'a [u32],
    tiers: &'a [Tier],
    profits: &'a [f64],
    /// Cumulative revenue share at each rank.
    cumulative: Vec<f64>,
}

impl<'a> Ranking<'a> {
    fn new(
        table: &'a Table,
        customers: &'a Customers,
        order: &'a [u32],
        tiers: &'a [Tier],
        profits: &'a [f64],
    ) -> Self {
        let total = customers.revenue_total();
        let mut running = 0.0;
        let cumulative = order
            .iter()
            .map(|&c| {
                running += customers.list[c as usize].revenue;
                if total > 0.0 {
                    running / total
                } else {
                    0.0
                }
            })
            .collect();
        Ranking {
            table,
            customers,
            order,
            tiers,
            profits,
            cumulative,
        }
    }

    /// The row for the customer at revenue rank `rank` (0-based).
    fn row(&self, rank: usize) -> CustomerRow {
        let c = self.order[rank] as usize;
        let customer = &self.customers.list[c];
        let total = self.customers.revenue_total();
        let dimension = |role: Role| self.table.dimensions.get(&role).and_then(|v| v[c].clone());
        CustomerRow {
            rank: rank + 1,
            id: self.table.ids[c].clone(),
            name: dimension(Role::CustomerName),
            industry: dimension(Role::Industry),
            region: dimension(Role::Region),
            account_manager: dimension(Role::AccountManager),
            revenue: customer.revenue,
            profit: self.profits[c],
            share: if total > 0.0 {
                customer.revenue / total
            } else {
                0.0
            },
            cumulative_share: self.cumulative[rank],
            tier: self.tiers[rank],
            transactions: customer.transactions,
            purchase_days: customer.purchase_days,
            first_purchase: customer.first,
            last_purchase: customer.last,
        }
    }

    fn top(&self, limit: usize) -> Vec<CustomerRow> {
        (0..self.order.len().min(limit))
            .map(|rank| self.row(rank))
            .collect()
    }

    /// Loss-makers, the largest loss first (ties by revenue rank).
    fn loss_makers(&self, limit: usize) -> Vec<CustomerRow> {
        let mut ranks: Vec<usize> = (0..self.order.len())
            .filter(|&r| self.profits[self.order[r] as usize] < 0.0)
            .collect();
        ranks.sort_by(|&a, &b| {
            self.profits[self.order[a] as usize]
                .total_cmp(&self.profits[self.order[b] as usize])
                .then(a.cmp(&b))
        });
        ranks
            .into_iter()
            .take(limit)
            .map(|rank| self.row(rank))
            .collect()
    }
}
