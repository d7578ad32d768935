//! `Analysis`: every result for one file, in one serde struct, and the
//! assembler that builds it.
//!
//! This is what `tierlens analyze --json` prints and what the browser's
//! engine hands to the UI. Field names are fixed by `CONTRACT.md`; fields may
//! be added beside them. Numbers are plain: shares as fractions 0..1, money
//! in the file's currency, days as `YYYY-MM-DD`.
//!
//! Each section is built by its own module from the customers' `Base`
//! (`pareto::section`, `rfm::section`, ...). Sections that label customers
//! (types, quadrants, RFM, stages, the models' predictions) do so first, so
//! that every listed row carries every label; then the rows are made and
//! each section sums and lists its groups from them.

use crate::base::Base;
use crate::call_list::{self};
use crate::clv::{self, value::Clv};
use crate::compare::{self, Compare};
use crate::concentration::{self, Concentration};
use crate::customer_share::{self, CustomerShare};
use crate::customer_table::{CustomerRow, Labels, RowSource};
use crate::customer_types::{self, CustomerTypes};
use crate::customers::{self, Returns};
use crate::day::Day;
use crate::dimensions::{self, DimensionInfo, Split};
use crate::distributions::{self, Distributions};
use crate::findings::{self, Finding};
use crate::ingest::{InputReport, Table};
use crate::lifecycle::{self, LifecycleCounts, LifecycleDetail};
use crate::loyalty::{self, Loyalty};
use crate::master::MasterReport;
use crate::pareto::{self, Pareto};
use crate::profit::{self, Profit};
use crate::retention::{self, Retention};
use crate::rfm::{self, Rfm, Segment};
use crate::settings::{Filter, Valid};
use crate::tiers::{self, AbcCounts, TierRule, TierSummary};
use crate::trend::{self, TrendPoint};
use serde::{Deserialize, Serialize};

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
    pub call_list: Vec<call_list::Call>,
    /// Categories to filter or split by, with their values (from every
    /// customer, before any filter).
    pub dimensions: Vec<DimensionInfo>,
    /// Every category, split.
    pub splits: Vec<Split>,
    /// Revenue, profit and lifetime value per customer, binned.
    pub distributions: Distributions,
    /// The filter this analysis ran with.
    pub filter: Option<Filter>,
    pub timings_ms: Timings,
    /// Key accounts over time: two periods compared (`compare`).
    pub compare: Compare,
    /// Concentration per quarter (or month), oldest first (`trend`).
    pub trend: Vec<TrendPoint>,
    /// The customer master's join, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<MasterReport>,
    /// Customer share, when the master gave potentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_share: Option<CustomerShare>,
    /// The report's first-page sentences (`findings`), made last from
    /// the figures above.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// For a customer summary: each section or figure it cannot give, and
    /// the columns that would (`summary::gaps`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary_gaps: Vec<crate::summary::Gap>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub read: f64,
    pub analyze: f64,
    pub fit: f64,
    pub total: f64,
}

/// Runs every section on a table whose rows are all on or before `as_of`,
/// and gives back, with the analysis, what every customer's row is made of
/// (the customer table a user searches and exports).
pub fn assemble(
    table: &Table,
    as_of: Day,
    settings: &Valid,
    input: InputReport,
    clock: &dyn Fn() -> f64,
) -> (Analysis, RowSource<'static>) {
    let customers = customers::aggregate(table);
    let costs_known = input.cost_from.is_some();
    let has_orders = input.columns.contains_key("orders");
    let (margin, rule) = (settings.assumed_margin, settings.tier_rule);
    let base = Base::new(table, &customers, as_of, margin, rule, costs_known);
    let placed = loyalty::label(&base, &settings.loyalty);
    let rfm_values = rfm::values(&base, settings.rfm.monetary);
    let periods = compare::Periods::of(&base, &settings.compare, rule);
    let (scores, breaks) = rfm::score(rfm_values.raw(), &settings.rfm);
    let mut labels = Labels {
        types: customer_types::labels(&base, &settings.types),
        quadrants: placed.quadrants(),
        segments: scores.iter().map(|s| Segment::of(s.r, s.f)).collect(),
        classes: rfm::classes(rfm_values.raw()).into_iter().collect(),
        stages: lifecycle::labels(&base, &settings.lifecycle),
        scores: scores.into_iter().collect(),
        predictions: Default::default(),
        movements: periods.labels(),
        period_cents: periods.period_cents(),
        wallets: customer_share::label(&base, &settings.customer_share),
    };
    let fit_start = clock();
    let (clv, predictions) = clv::section(&base, &labels, settings.clv);
    let fit_ms = clock() - fit_start;
    labels.predictions = predictions;
    let distributions = distributions::section(&base, &labels.predictions);
    let rows = RowSource::new(&base, labels);
    let (first_date, last_date) = customers.date_range();
    let tier_summary = tiers::section(&base);
    let (dimensions, splits) = dimensions::section(&base);
    let trend = trend::section(&base);
    let mut analysis = Analysis {
        customers: base.len(),
        transactions: table.len(),
        revenue_total: base.revenue_total(),
        as_of,
        first_date,
        last_date,
        returns: Returns::of(table),
        pareto: pareto::section(&base),
        abc: AbcCounts::of(&tier_summary),
        tier_rule: settings.tier_rule,
        tiers: tier_summary,
        concentration: concentration::section(&base, settings.dependency_threshold)
            .with_trend(trend::top1_rising(&trend)),
        profit: profit::section(&base, input.cost_from, margin, settings.what_if),
        top_customers: rows.top(settings.top_customers),
        loss_makers: rows.loss_makers(profit::LOSS_MAKERS_LISTED),
        customer_types: customer_types::section(&base, &rows, &settings.types),
        loyalty: loyalty::section(&base, &rows, &placed),
        rfm: rfm::section(&base, &rows, &rfm_values, &settings.rfm, breaks),
        lifecycle: LifecycleCounts::of(&rows.labels().stages),
        lifecycle_detail: lifecycle::section(&base, &rows, &settings.lifecycle),
        retention: retention::section(&base, settings.retention_period),
        call_list: call_list::build(&rows, clv.margin_applied),
        clv,
        dimensions,
        splits,
        distributions,
        filter: settings.filter.clone(),
        master: None,
        customer_share: customer_share::section(
            &base,
            &rows,
            &rows.labels().wallets,
            &settings.customer_share,
        ),
        input,
        timings_ms: Timings {
            fit: fit_ms,
            ..Timings::default()
        },
        compare: compare::section(&base, &rows, &periods),
        trend,
        findings: Vec::new(),
        summary_gaps: summary_gaps(&base, settings, has_orders),
    };
    analysis.findings = findings::of(&analysis);
    // The customers' figures move to the rows (a copy would be the memory peak).
    let detached = rows.detach();
    drop(base);
    (analysis, detached.with_list(customers.list))
}

/// What a summary cannot give with these settings (nothing for a log).
fn summary_gaps(
    base: &Base<'_>,
    settings: &crate::settings::Settings,
    orders: bool,
) -> Vec<crate::summary::Gap> {
    if base.log {
        return Vec::new();
    }
    let asked = crate::summary::Asked {
        calibration_end: settings
            .clv
            .calibration_end
            .unwrap_or(base.as_of)
            .min(base.as_of),
        as_of: base.as_of,
        window_days: settings.types.window_days,
        costs: base.costs_known,
        orders,
    };
    crate::summary::gaps(base.customers.model.as_ref(), &asked)
}

/// Fields of an `Analysis` that may be null in its JSON: optional text and
/// settings. Anywhere else a null is a number that was NaN or infinite
/// (serde_json writes both as null).
const OPTIONAL_FIELDS: &[&str] = &[
    "name",
    "made_for",
    "asked",
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
    "nrr",
    "grr",
    "top1_rising",
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
        let total = |g: &[crate::rfm::Named]| g.iter().map(|s| s.group.customers).sum::<usize>();
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
