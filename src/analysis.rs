//! `Analysis`: every result for one file, in one serde struct.
//!
//! This is what `tierlens analyze --json` prints and what the browser's
//! engine hands to the UI. Field names are fixed by `CONTRACT.md`; fields may
//! be added beside them. Numbers are plain: shares as fractions 0..1, money
//! in the file's currency, days as `YYYY-MM-DD`.

use crate::clv;
use crate::clv::value::{Clv, ClvSettings, Labelling, Prediction};
use crate::concentration::{self, Concentration};
use crate::customer_types::{self, CustomerType, Facts, TypeSettings};
use crate::customers::{self, Customers};
use crate::day::Day;
use crate::dimensions::{self, DimensionInfo, Split};
use crate::ingest::{Rejection, Role, Table};
use crate::lifecycle::{self, LifecycleSettings, Stage};
use crate::loyalty::{self, LoyaltyAxis, LoyaltySettings, Quadrant};
use crate::pareto::{self, Pareto};
use crate::profit::{self, Profit, WhatIfSettings};
use crate::retention::{self, Period, Retention};
use crate::rfm::{self, Class, MonetaryBasis, RfmSettings, Scores, Segment};
use crate::tiers::{self, RankedValues, Tier, TierRule, TierSummary};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
    "decimal",
    "cost_from",
    "role",
    "assumed_margin",
    "filter",
    "value",
    "loyalty_split",
    "profit_split",
    "expected_lifetime_periods",
    "recency_breaks",
    "frequency_breaks",
    "monetary_breaks",
    "calibration_end",
    "prediction",
    "bgnbd",
    "pareto_nbd",
    "gamma_gamma",
    "alive_matrix",
    "holdout",
    "what_if",
    "profit_model",
    "se",
    "interval",
    "clv_total_interval",
    "regularity",
    "mbgnbd",
    "model_choice",
    "expected_next_purchase",
    "model",
];

impl Analysis {
    /// JSON paths of every figure that is not a finite number (or is −0). Empty for
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
        // −0 reads as a loss of nothing: every empty sum must be 0.
        Value::Number(n) if n.as_f64().is_some_and(|v| v == 0.0 && v.is_sign_negative()) => {
            found.push(format!("{path} (−0)"))
        }
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

    /// Tiers, quadrants and splits each partition the customers; shares
    /// sum to 1 when revenue is positive; nothing is NaN.
    fn assert_well_formed(a: &super::Analysis) {
        assert!(
            a.non_finite_figures().is_empty(),
            "{:?}",
            a.non_finite_figures()
        );
        let n = a.customers;
        assert_eq!(a.tiers.iter().map(|t| t.customers).sum::<usize>(), n);
        assert_eq!(
            a.loyalty.groups.iter().map(|g| g.customers).sum::<usize>(),
            n
        );
        for split in &a.splits {
            assert_eq!(split.slices.iter().map(|s| s.customers).sum::<usize>(), n);
        }
        if a.revenue_total > 0.0 {
            let shares: f64 = a.tiers.iter().map(|t| t.revenue_share).sum();
            assert!((shares - 1.0).abs() < 1e-9, "{shares}");
            let last = a.pareto.curve[a.pareto.curve.len() - 1];
            assert!((last[1] - 1.0).abs() < 1e-9 && last[0] == 1.0);
        }
        assert!(a.pareto.curve.windows(2).all(|w| w[1][0] >= w[0][0]));
        assert!(a.profit.curve.windows(2).all(|w| w[1][0] >= w[0][0]));
        // Every listed customer of a type carries it; super ones are in the top 10%.
        let top = crate::pareto::top_count(n, a.customer_types.settings.top_share);
        for (group, kind) in a
            .customer_types
            .groups
            .iter()
            .zip(crate::customer_types::CustomerType::ALL)
        {
            assert_eq!(group.key, kind.key());
            for row in &group.list {
                assert!(
                    row.types.contains(&kind),
                    "{} listed as {}",
                    row.id,
                    group.key
                );
                if kind == crate::customer_types::CustomerType::Super {
                    assert!(row.rank <= top, "super customer ranked {}", row.rank);
                }
            }
        }
        for group in &a.loyalty.groups {
            assert!(group.list.iter().all(|row| row.quadrant.key() == group.key));
        }
        let total = |g: &[super::Named]| g.iter().map(|s| s.group.customers).sum::<usize>();
        assert_eq!(total(&a.rfm.segments), n, "the eleven segments partition");
        assert_eq!(total(&a.rfm.classes), n, "the eight classes partition");
        assert_eq!(a.rfm.grid.iter().map(|c| c.customers).sum::<usize>(), n);
        let l = &a.lifecycle;
        assert_eq!(l.new + l.reactivated + l.active + l.dormant + l.lost, n);
        for segment in &a.rfm.segments {
            assert!(segment
                .group
                .list
                .iter()
                .all(|row| row.segment.key() == segment.group.key));
        }
    }

    #[test]
    fn edge_cases_give_defined_results() {
        let cases: [&[u8]; 5] = [
            b"customer_id,date,amount,region\nA,2024-01-01,10,North\n",
            b"customer_id,date,amount,region\nA,2024-01-01,10,N\nB,2024-02-01,10,S\nC,2024-03-01,10,N\n",
            b"customer_id,date,amount\nA,2024-01-01,10\nA,2024-01-05,-10\nB,2024-01-02,0\n",
            b"customer_id,date,amount\nA,2024-01-01,-10\nB,2024-01-02,-5\n",
            b"customer_id,first_purchase,last_purchase,orders,revenue\nA,2023-01-01,2024-01-01,3,90\nB,2023-06-01,2023-06-01,1,10\n",
        ];
        for csv in cases {
            let a = run(csv, &Request::default(), &|| 0.0).unwrap().analysis;
            assert_well_formed(&a);
        }
        let equal = run(cases[1], &Request::default(), &|| 0.0)
            .unwrap()
            .analysis;
        assert!(equal.pareto.gini.abs() < 1e-12, "all equal: Gini 0");
        assert!(
            (equal.pareto.top20_share - 1.0 / 3.0).abs() < 1e-12,
            "top ceil(0.6) = 1 of 3"
        );
        let summary = run(cases[4], &Request::default(), &|| 0.0)
            .unwrap()
            .analysis;
        assert!(!summary.customer_types.trend_available);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn any_small_log_gives_a_well_formed_analysis(
                rows in prop::collection::vec((0u8..12, 0u16..700, -500i32..5000, 0u8..4), 1..80)
            ) {
                let mut csv = String::from("customer_id,date,amount,cost,region\n");
                for (c, d, amount, region) in rows {
                    let day = crate::day::Day(19_700 + i32::from(d));
                    csv.push_str(&format!("C{c},{day},{amount},{},R{region}\n", amount.max(0) / 2 + 40));
                }
                let a = run(csv.as_bytes(), &Request::default(), &|| 0.0).unwrap().analysis;
                assert_well_formed(&a);
            }
        }
    }

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
    pub tier_rule: TierRule,
    pub dependency_threshold: f64,
    /// How many of the largest customers `top_customers` lists.
    pub top_customers: usize,
    /// Margin assumed for profit when the file has no cost, profit or margin.
    pub assumed_margin: f64,
    pub what_if: WhatIfSettings,
    pub types: TypeSettings,
    pub loyalty: LoyaltySettings,
    pub rfm: RfmSettings,
    pub lifecycle: LifecycleSettings,
    pub retention_period: Period,
    pub clv: ClvSettings,
    /// Only the customers with this value of a category, when set.
    pub filter: Option<Filter>,
}

/// Keep the customers whose `key` category has `value` (`None`: no value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub key: String,
    pub value: Option<String>,
}

impl Filter {
    /// Parses `KEY=VALUE` (an empty VALUE means customers without one).
    pub fn parse(text: &str) -> Result<Filter, String> {
        let Some((key, value)) = text.split_once('=') else {
            return Err(format!(
                "\"{text}\": expected DIMENSION=VALUE, e.g. region=华东"
            ));
        };
        Ok(Filter {
            key: key.trim().to_string(),
            value: Some(value.trim().to_string()).filter(|v| !v.is_empty()),
        })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            tier_rule: TierRule::default(),
            dependency_threshold: concentration::DEFAULT_THRESHOLD,
            top_customers: 50,
            assumed_margin: profit::DEFAULT_ASSUMED_MARGIN,
            what_if: WhatIfSettings::default(),
            types: TypeSettings::default(),
            loyalty: LoyaltySettings::default(),
            rfm: RfmSettings::default(),
            lifecycle: LifecycleSettings::default(),
            retention_period: Period::Month,
            clv: ClvSettings::default(),
            filter: None,
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
    pub tier_rule: TierRule,
    pub tiers: Vec<TierSummary>,
    pub concentration: Concentration,
    pub profit: Profit,
    pub top_customers: Vec<CustomerRow>,
    /// The customers losing the most money, largest loss first.
    pub loss_makers: Vec<CustomerRow>,
    pub customer_types: CustomerTypes,
    pub loyalty: Loyalty,
    pub rfm: Rfm,
    /// Customers per stage, keyed as the contract says.
    pub lifecycle: LifecycleCounts,
    pub lifecycle_detail: LifecycleDetail,
    pub retention: Retention,
    pub clv: Clv,
    /// Valuable customers at risk, most at stake first (`call_list`).
    pub call_list: Vec<crate::call_list::Call>,
    /// Categories to filter or split by, with their values (from every
    /// customer, before any filter).
    pub dimensions: Vec<DimensionInfo>,
    /// Every category, split.
    pub splits: Vec<Split>,
    /// The filter this analysis ran with.
    pub filter: Option<Filter>,
    pub timings_ms: Timings,
}

/// Customers listed per type or quadrant, largest revenue first.
pub const LISTED: usize = 50;

/// A group of customers: one customer type or one loyalty quadrant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub customers: usize,
    pub revenue: f64,
    pub revenue_share: f64,
    pub profit: f64,
    /// The first `LISTED` of them by revenue.
    pub list: Vec<CustomerRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerTypes {
    pub settings: TypeSettings,
    /// False for a customer summary: no purchase log, no spend trend.
    pub trend_available: bool,
    /// First days of the recent and the previous window.
    pub recent_from: Day,
    pub previous_from: Day,
    /// One group per type, in `CustomerType::ALL` order.
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loyalty {
    pub axis: LoyaltyAxis,
    pub loyalty_split: f64,
    pub profit_split: f64,
    /// One group per quadrant, in `Quadrant::ALL` order.
    pub groups: Vec<Group>,
    /// (loyalty, profit, quadrant index) of at most `SCATTER_POINTS`
    /// customers: the largest by revenue, then an even spread of the rest.
    pub points: Vec<[f64; 3]>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LifecycleCounts {
    pub new: usize,
    pub reactivated: usize,
    pub active: usize,
    pub dormant: usize,
    pub lost: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleDetail {
    pub settings: LifecycleSettings,
    /// False for a customer summary: no log, so no reactivation is seen.
    pub reactivation_known: bool,
    /// One group per stage, in `Stage::ALL` order.
    pub stages: Vec<Group>,
    /// The dormant customers' net revenue in the year before the as-of date.
    pub revenue_at_risk: f64,
    /// Dormant customers by their last year's revenue, largest first: whom to wake.
    pub wake_up: Vec<CustomerRow>,
}

/// A named group with its recommended action (an RFM segment or class).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    pub action: String,
    #[serde(flatten)]
    pub group: Group,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    pub settings: RfmSettings,
    pub breaks: rfm::Breaks,
    /// The eleven segments of the R-by-F grid, in `Segment::ALL` order.
    pub segments: Vec<Named>,
    /// The eight classes from R, F, M against their averages.
    pub classes: Vec<Named>,
    /// The 25 R-by-F cells, R then F ascending.
    pub grid: Vec<GridCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    pub r: u8,
    pub f: u8,
    pub customers: usize,
    pub revenue: f64,
    /// Mean monetary value (the chosen basis) of the cell's customers.
    pub average_monetary: f64,
}

/// Per customer (indexed like `Customers::list`): the labels a row carries.
#[derive(Clone, Debug, Default)]
struct Labels {
    types: Vec<u8>,
    quadrants: Vec<Quadrant>,
    scores: Vec<Scores>,
    segments: Vec<Segment>,
    classes: Vec<Class>,
    stages: Vec<Stage>,
    predictions: Vec<Option<Prediction>>,
}

/// Points the loyalty chart draws at most.
pub const SCATTER_POINTS: usize = 2000;

/// What was read, what was detected and what was rejected.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InputReport {
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub rows_blank: u64,
    /// Rows dated after `as_of`: read, valid, left out of the analysis.
    pub rows_after_as_of: u64,
    /// Rows left out by their status (cancelled, failed, Closed Lost ...).
    #[serde(default)]
    pub rows_excluded: u64,
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
    /// The decimal mark of the amounts, when the file shows one.
    #[serde(default)]
    pub decimal: Option<crate::ingest::values::NumberStyle>,
    /// The line (or sheet row) the headers were read from.
    #[serde(default)]
    pub header_line: u64,
    /// Every choice made on weak evidence, with why and how to change it.
    #[serde(default)]
    pub decisions: Vec<crate::ingest::decision::Decision>,
    /// Total, subtotal and footer rows left out, with their lines.
    #[serde(default)]
    pub total_rows: crate::ingest::table::TotalRows,
    /// Every value of the status columns: rows, amount, left out or not.
    #[serde(default)]
    pub status: Vec<crate::ingest::status::StatusValue>,
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
    /// Days from the first to the last purchase.
    pub tenure_days: u32,
    /// Net revenue per transaction.
    pub average_order_value: f64,
    pub types: Vec<CustomerType>,
    pub quadrant: Quadrant,
    pub rfm: Scores,
    pub segment: Segment,
    pub class: Class,
    pub stage: Stage,
    /// The lifetime-value models' view (`None` when they are not used).
    pub prediction: Option<Prediction>,
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
    analyze_with_rows(table, as_of, settings, input, false, &|| 0.0).0
}

/// `analyze`, and with `all_rows` what every customer's row is made of
/// (the segmented customer table a user searches and exports).
pub fn analyze_with_rows(
    table: &Table,
    as_of: Day,
    settings: &Settings,
    input: InputReport,
    all_rows: bool,
    clock: &dyn Fn() -> f64,
) -> (Analysis, Option<RowSource<'static>>) {
    let customers = customers::aggregate(table);
    let order = customers.ranked_by_revenue(&table.ids);
    let by_rank =
        |f: &dyn Fn(usize) -> f64| -> Vec<f64> { order.iter().map(|&c| f(c as usize)).collect() };
    let revenue = by_rank(&|c| customers.list[c].revenue);
    let profits = profit::per_customer(&customers, settings.assumed_margin);
    let ranked_profit = by_rank(&|c| profits[c]);
    let ranked_days: Vec<u32> = order
        .iter()
        .map(|&c| customers.list[c as usize].purchase_days)
        .collect();
    let tier_of = tiers::assign_by(&revenue, settings.tier_rule);
    let tier_summary = tiers::summarise(
        &RankedValues {
            revenue: &revenue,
            profit: &ranked_profit,
            purchase_days: &ranked_days,
        },
        &tier_of,
    );
    let (first_date, last_date) = date_range(&customers);
    let trend_available = table.summary.is_none();
    let facts = facts(
        &customers,
        &order,
        &tier_of,
        &ranked_profit,
        as_of,
        settings.types.window_days,
    );
    // `classify` answers in rank order; everything below indexes by customer.
    let mut type_bits = vec![0u8; customers.len()];
    for (rank, bits) in customer_types::classify(&facts, &settings.types, as_of, trend_available)
        .into_iter()
        .enumerate()
    {
        type_bits[order[rank] as usize] = bits;
    }
    // Freed now, not at the end: the model fits below are the memory peak.
    drop((facts, ranked_profit, ranked_days));
    let loyalty_values: Vec<f64> = customers
        .list
        .iter()
        .map(|c| loyalty_value(c, settings.loyalty.axis))
        .collect();
    let placement = loyalty::place(&loyalty_values, &profits, &settings.loyalty);
    let rfm_values = rfm_values(&customers, as_of, settings.rfm.monetary);
    let (scores, breaks) = rfm::score(&rfm_values, &settings.rfm);
    let mut labels = Labels {
        types: type_bits,
        quadrants: placement.quadrants.clone(),
        segments: scores.iter().map(|s| Segment::of(s.r, s.f)).collect(),
        classes: rfm::classes(&rfm_values),
        stages: (0..customers.len())
            .map(|c| lifecycle::stage(&ages(&customers, c, as_of), &settings.lifecycle))
            .collect(),
        scores,
        predictions: Vec::new(),
    };
    let customer_revenue: Vec<f64> = customers.list.iter().map(|c| c.revenue).collect();
    let mut tier_by_customer = vec![Tier::C; customers.len()];
    for (rank, &c) in order.iter().enumerate() {
        tier_by_customer[c as usize] = tier_of[rank];
    }
    let fit_start = clock();
    let (clv, predictions) = lifetime_value(
        table,
        &customers,
        as_of,
        settings,
        (&profits, &customer_revenue),
        &tier_by_customer,
        &labels,
        input.cost_from.is_some(),
    );
    let fit_ms = clock() - fit_start;
    labels.predictions = predictions;
    let ranking = RowSource::new(table, &customers, order, tier_of, profits, labels);
    let (order, labels, profits) = (&ranking.order, &ranking.labels, &ranking.profits);
    let call_list = crate::call_list::build(&ranking, clv.margin_applied);
    let split_values = dimensions::CustomerValues {
        revenue: &customer_revenue,
        profit: profits,
        tier: &tier_by_customer,
    };
    let analysis = Analysis {
        customers: customers.len(),
        transactions: table.len(),
        revenue_total: revenue.iter().sum(),
        as_of,
        first_date,
        last_date,
        returns: returns(table),
        pareto: pareto::pareto(&revenue),
        abc: abc_counts(&tier_summary),
        tier_rule: settings.tier_rule,
        tiers: tier_summary,
        concentration: concentration::concentration(&revenue, settings.dependency_threshold),
        profit: profit::profit(
            &customer_revenue,
            profits,
            input.cost_from,
            settings.assumed_margin,
            settings.what_if,
        ),
        top_customers: ranking.top(settings.top_customers),
        loss_makers: ranking.loss_makers(profit::LOSS_MAKERS_LISTED),
        customer_types: CustomerTypes {
            settings: settings.types,
            trend_available,
            recent_from: Day(as_of.0 - settings.types.window_days as i32 + 1),
            previous_from: Day(as_of.0 - 2 * settings.types.window_days as i32 + 1),
            groups: CustomerType::ALL
                .iter()
                .map(|t| {
                    ranking.group(t.key(), |rank| {
                        labels.types[order[rank] as usize] & t.bit() != 0
                    })
                })
                .collect(),
        },
        loyalty: Loyalty {
            axis: settings.loyalty.axis,
            loyalty_split: placement.loyalty_split,
            profit_split: placement.profit_split,
            groups: Quadrant::ALL
                .iter()
                .map(|&q| {
                    ranking.group(q.key(), |rank| {
                        placement.quadrants[order[rank] as usize] == q
                    })
                })
                .collect(),
            points: scatter(order, &loyalty_values, profits, &placement.quadrants),
        },
        rfm: rfm_section(&ranking, &rfm_values, settings, breaks),
        lifecycle: lifecycle_counts(&labels.stages),
        lifecycle_detail: lifecycle_section(&ranking, &customers, as_of, settings, trend_available),
        retention: retention::retention(
            &customers,
            as_of,
            settings.retention_period,
            trend_available,
        ),
        dimensions: table
            .categories
            .iter()
            .map(|c| dimensions::info(c, &customer_revenue))
            .collect(),
        splits: table
            .categories
            .iter()
            .map(|c| dimensions::split(c, &split_values))
            .collect(),
        clv,
        call_list,
        filter: settings.filter.clone(),
        input,
        timings_ms: Timings {
            fit: fit_ms,
            ..Timings::default()
        },
    };
    // The customers' figures move to the rows (a copy would be the memory peak).
    let rows = all_rows.then(|| ranking.without_list());
    (analysis, rows.map(|r| r.with_list(customers.list)))
}

/// The CLV section: value to date is profit when costs are known, else
/// net revenue; the totals are read by tier, RFM segment, stage and
/// every dimension.
#[allow(clippy::too_many_arguments)]
fn lifetime_value(
    table: &Table,
    customers: &Customers,
    as_of: Day,
    settings: &Settings,
    (profits, revenue): (&[f64], &[f64]),
    tiers: &[Tier],
    labels: &Labels,
    costs_known: bool,
) -> (Clv, Vec<Option<Prediction>>) {
    let labelling = |key: &str, values: Vec<String>, of: Vec<Option<u32>>| Labelling {
        key: key.to_string(),
        header: key.to_string(),
        values,
        of,
    };
    let text = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    fn position<T: PartialEq>(all: &[T], x: &T) -> Option<u32> {
        Some(all.iter().position(|a| a == x).unwrap_or(0) as u32)
    }
    let inputs = clv::value::Inputs {
        customers,
        as_of,
        log: table.summary.is_none(),
        historical: if costs_known { profits } else { revenue },
        margin_applied: costs_known,
        labels: vec![
            labelling(
                "tier",
                Tier::ALL.iter().map(Tier::to_string).collect(),
                tiers.iter().map(|t| position(&Tier::ALL, t)).collect(),
            ),
            labelling(
                "segment",
                text(&Segment::ALL.map(Segment::key)),
                labels
                    .segments
                    .iter()
                    .map(|s| position(&Segment::ALL, s))
                    .collect(),
            ),
            labelling(
                "stage",
                text(&Stage::ALL.map(Stage::key)),
                labels
                    .stages
                    .iter()
                    .map(|s| position(&Stage::ALL, s))
                    .collect(),
            ),
        ],
        dimensions: table
            .categories
            .iter()
            .map(|c| Labelling {
                key: c.key.clone(),
                header: c.header.clone(),
                values: c.values.clone(),
                of: (0..customers.len())
                    .map(|i| c.code_of(i).map(|v| v as u32))
                    .collect(),
            })
            .collect(),
    };
    clv::value::lifetime_value(&inputs, settings.clv)
}

/// Recency, frequency and monetary value of each customer.
fn rfm_values(customers: &Customers, as_of: Day, basis: MonetaryBasis) -> Vec<rfm::Values> {
    customers
        .list
        .iter()
        .map(|c| rfm::Values {
            recency_days: f64::from(as_of.0 - c.last.0),
            frequency: f64::from(c.purchase_days),
            monetary: match basis {
                MonetaryBasis::Revenue => c.revenue,
                MonetaryBasis::AverageOrder if c.transactions > 0 => {
                    c.revenue / f64::from(c.transactions)
                }
                MonetaryBasis::AverageOrder => 0.0,
            },
        })
        .collect()
}

/// Days since the first and last purchase, and the gap before the last.
fn ages(customers: &Customers, c: usize, as_of: Day) -> lifecycle::Ages {
    let customer = &customers.list[c];
    let (days, _) = customers.purchases(c);
    lifecycle::Ages {
        since_first: as_of.0 - customer.first.0,
        since_last: as_of.0 - customer.last.0,
        gap_before_last: match days {
            [.., before, last] => Some(last.0 - before.0),
            _ => None,
        },
    }
}

fn rfm_section(
    ranking: &RowSource<'_>,
    values: &[rfm::Values],
    settings: &Settings,
    breaks: rfm::Breaks,
) -> Rfm {
    let en = crate::format::Locale::En;
    let labels = &ranking.labels;
    let member_of = |rank: usize| ranking.customer_at(rank);
    let segments = Segment::ALL
        .iter()
        .map(|&s| Named {
            name: s.name().to_string(),
            action: s.text(en).1.to_string(),
            group: ranking.group(s.key(), |rank| labels.segments[member_of(rank)] == s),
        })
        .collect();
    let classes = Class::ALL
        .iter()
        .map(|&k| Named {
            name: k.name().to_string(),
            action: k.text().3.to_string(),
            group: ranking.group(k.key(), |rank| labels.classes[member_of(rank)] == k),
        })
        .collect();
    Rfm {
        settings: settings.rfm,
        breaks,
        segments,
        classes,
        grid: grid(&labels.scores, values, ranking),
    }
}

/// The 25 R-by-F cells: customers, revenue and mean monetary value.
fn grid(scores: &[Scores], values: &[rfm::Values], ranking: &RowSource<'_>) -> Vec<GridCell> {
    let mut cells: Vec<GridCell> = (1..=5u8)
        .flat_map(|r| {
            (1..=5u8).map(move |f| GridCell {
                r,
                f,
                customers: 0,
                revenue: 0.0,
                average_monetary: 0.0,
            })
        })
        .collect();
    for (c, s) in scores.iter().enumerate() {
        let cell = &mut cells[usize::from(s.r - 1) * 5 + usize::from(s.f - 1)];
        cell.customers += 1;
        cell.revenue += ranking.list[c].revenue;
        cell.average_monetary += values[c].monetary;
    }
    for cell in &mut cells {
        if cell.customers > 0 {
            cell.average_monetary /= cell.customers as f64;
        }
    }
    cells
}

fn lifecycle_counts(stages: &[Stage]) -> LifecycleCounts {
    let count = |s: Stage| stages.iter().filter(|&&x| x == s).count();
    LifecycleCounts {
        new: count(Stage::New),
        reactivated: count(Stage::Reactivated),
        active: count(Stage::Active),
        dormant: count(Stage::Dormant),
        lost: count(Stage::Lost),
    }
}

fn lifecycle_section(
    ranking: &RowSource<'_>,
    customers: &Customers,
    as_of: Day,
    settings: &Settings,
    log: bool,
) -> LifecycleDetail {
    let stages = &ranking.labels.stages;
    let last_year = |c: usize| {
        let (days, amounts) = customers.purchases(c);
        customer_types::window_spend(days, amounts, as_of, 365).0
    };
    let mut dormant: Vec<(usize, f64)> = (0..ranking.order.len())
        .filter(|&rank| stages[ranking.order[rank] as usize] == Stage::Dormant)
        .map(|rank| (rank, last_year(ranking.order[rank] as usize)))
        .collect();
    let revenue_at_risk = dormant.iter().map(|d| d.1).sum::<f64>() + 0.0;
    dormant.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    LifecycleDetail {
        settings: settings.lifecycle,
        reactivation_known: log,
        stages: Stage::ALL
            .iter()
            .map(|&s| ranking.group(s.key(), |rank| stages[ranking.order[rank] as usize] == s))
            .collect(),
        revenue_at_risk,
        wake_up: dormant
            .iter()
            .take(LISTED)
            .map(|&(rank, _)| ranking.row(rank))
            .collect(),
    }
}

/// Tenure in days, or purchase days, as the loyalty axis says.
fn loyalty_value(c: &customers::Customer, axis: LoyaltyAxis) -> f64 {
    match axis {
        LoyaltyAxis::Tenure => f64::from((c.last.0 - c.first.0).max(0)),
        LoyaltyAxis::Frequency => f64::from(c.purchase_days),
    }
}

/// What the customer-type rules need, in revenue rank order.
fn facts(
    customers: &Customers,
    order: &[u32],
    tiers: &[Tier],
    profit: &[f64],
    as_of: Day,
    window_days: u32,
) -> Vec<Facts> {
    order
        .iter()
        .enumerate()
        .map(|(rank, &c)| {
            let customer = &customers.list[c as usize];
            let (days, amounts) = customers.purchases(c as usize);
            let (recent, previous) =
                customer_types::window_spend(days, amounts, as_of, window_days);
            Facts {
                revenue: customer.revenue,
                profit: profit[rank],
                tier: tiers[rank],
                purchase_days: customer.purchase_days,
                first: customer.first,
                recent,
                previous,
            }
        })
        .collect()
}

/// The loyalty chart's points: the largest customers, then every k-th.
fn scatter(
    order: &[u32],
    loyalty: &[f64],
    profit: &[f64],
    quadrants: &[Quadrant],
) -> Vec<[f64; 3]> {
    let n = order.len();
    let head = n.min(SCATTER_POINTS / 4);
    let step = (n - head).div_ceil(SCATTER_POINTS - head).max(1);
    (0..head)
        .chain((head..n).step_by(step))
        .map(|rank| {
            let c = order[rank] as usize;
            let q = Quadrant::ALL
                .iter()
                .position(|&q| q == quadrants[c])
                .unwrap_or(0);
            [loyalty[c], profit[c], q as f64]
        })
        .collect()
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

/// What customer rows are made of: per customer (indexed like
/// `Table::ids`) its figures and labels, per revenue rank its customer,
/// tier and cumulative share. The customer table keeps this, owned, and
/// makes rows as they are shown: a million `CustomerRow`s would take
/// several times the memory.
#[derive(Clone, Debug, Default)]
pub struct RowSource<'a> {
    ids: Cow<'a, [String]>,
    /// Per `TEXT_ROLES` role, when the file has that column.
    texts: [Option<Cow<'a, [Option<String>]>>; 4],
    list: Cow<'a, [customers::Customer]>,
    order: Vec<u32>,
    tiers: Vec<Tier>,
    profits: Vec<f64>,
    labels: Labels,
    /// Cumulative revenue share at each rank.
    cumulative: Vec<f64>,
    /// Net revenue of all customers (summed once: rows are made per customer).
    total: f64,
}

impl RowSource<'static> {
    fn with_list(self, list: Vec<customers::Customer>) -> RowSource<'static> {
        RowSource {
            list: Cow::Owned(list),
            ..self
        }
    }
}

/// The text columns a row carries, in `RowSource::texts` order.
const TEXT_ROLES: [Role; 4] = [
    Role::CustomerName,
    Role::Industry,
    Role::Region,
    Role::AccountManager,
];

impl<'a> RowSource<'a> {
    fn new(
        table: &'a Table,
        customers: &'a Customers,
        order: Vec<u32>,
        tiers: Vec<Tier>,
        profits: Vec<f64>,
        labels: Labels,
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
        RowSource {
            ids: Cow::Borrowed(&table.ids),
            texts: TEXT_ROLES
                .map(|role| table.dimensions.get(&role).map(|v| Cow::Borrowed(&v[..]))),
            list: Cow::Borrowed(&customers.list),
            order,
            tiers,
            profits,
            labels,
            cumulative,
            total,
        }
    }

    /// The same rows without the customers' figures (to be given back by
    /// `with_list`), no longer borrowing the table they came from.
    fn without_list(self) -> RowSource<'static> {
        RowSource {
            ids: Cow::Owned(self.ids.into_owned()),
            texts: self.texts.map(|t| t.map(|v| Cow::Owned(v.into_owned()))),
            list: Cow::Owned(Vec::new()),
            order: self.order,
            tiers: self.tiers,
            profits: self.profits,
            labels: self.labels,
            cumulative: self.cumulative,
            total: self.total,
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The customer (index into `Table::ids`) at revenue rank `rank`.
    pub fn customer_at(&self, rank: usize) -> usize {
        self.order[rank] as usize
    }

    pub fn id(&self, rank: usize) -> &str {
        &self.ids[self.customer_at(rank)]
    }

    /// The customer's value of one of `TEXT_ROLES`.
    fn text(&self, role: Role, rank: usize) -> Option<&str> {
        let i = TEXT_ROLES.iter().position(|&r| r == role)?;
        let column = self.texts[i].as_ref()?;
        column[self.customer_at(rank)].as_deref()
    }

    pub fn name(&self, rank: usize) -> Option<&str> {
        self.text(Role::CustomerName, rank)
    }

    pub fn tier(&self, rank: usize) -> Tier {
        self.tiers[rank]
    }

    pub fn customer(&self, rank: usize) -> &customers::Customer {
        &self.list[self.customer_at(rank)]
    }

    pub fn profit(&self, rank: usize) -> f64 {
        self.profits[self.customer_at(rank)]
    }

    pub fn scores(&self, rank: usize) -> Scores {
        self.labels.scores[self.customer_at(rank)]
    }

    pub fn segment(&self, rank: usize) -> Segment {
        self.labels.segments[self.customer_at(rank)]
    }

    pub fn stage(&self, rank: usize) -> Stage {
        self.labels.stages[self.customer_at(rank)]
    }

    pub fn prediction(&self, rank: usize) -> Option<Prediction> {
        self.labels.predictions[self.customer_at(rank)]
    }

    /// The row for the customer at revenue rank `rank` (0-based).
    pub fn row(&self, rank: usize) -> CustomerRow {
        let c = self.customer_at(rank);
        let customer = &self.list[c];
        let total = self.total;
        let text = |role: Role| self.text(role, rank).map(str::to_string);
        CustomerRow {
            rank: rank + 1,
            id: self.ids[c].clone(),
            name: text(Role::CustomerName),
            industry: text(Role::Industry),
            region: text(Role::Region),
            account_manager: text(Role::AccountManager),
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
            tenure_days: (customer.last.0 - customer.first.0).max(0) as u32,
            average_order_value: if customer.transactions > 0 {
                customer.revenue / f64::from(customer.transactions)
            } else {
                0.0
            },
            types: CustomerType::ALL
                .into_iter()
                .filter(|t| self.labels.types[c] & t.bit() != 0)
                .collect(),
            quadrant: self.labels.quadrants[c],
            rfm: self.labels.scores[c],
            segment: self.labels.segments[c],
            class: self.labels.classes[c],
            stage: self.labels.stages[c],
            prediction: self.labels.predictions[c],
        }
    }

    /// The customers for which `member(rank)` holds, summed and listed.
    fn group(&self, key: &str, member: impl Fn(usize) -> bool) -> Group {
        let total = self.total;
        let mut group = Group {
            key: key.to_string(),
            customers: 0,
            revenue: 0.0,
            revenue_share: 0.0,
            profit: 0.0,
            list: Vec::new(),
        };
        for rank in (0..self.order.len()).filter(|&r| member(r)) {
            let c = self.order[rank] as usize;
            group.customers += 1;
            group.revenue += self.list[c].revenue;
            group.profit += self.profits[c];
            if group.list.len() < LISTED {
                group.list.push(self.row(rank));
            }
        }
        group.revenue_share = if total > 0.0 {
            group.revenue / total
        } else {
            0.0
        };
        group
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
