//! The customer-summary path for bigger data (docs/summary.md): CDNOW master
//! aggregated to one row per customer by docs/sql/summary-duckdb.sql gives the
//! same customers, revenue, Pareto figures, tiers and concentration as the
//! log itself, and every customer the same revenue, tier, purchase days and
//! first and last purchase.
//!
//! tests/data/cdnow_master_summary.csv is that SQL's output on
//! tests/data/CDNOW_master.txt (docs/sql/summary-spark.sql writes the same
//! bytes). CI has no DuckDB; to regenerate it (`pip install duckdb`):
//!
//! ```sh
//! awk '{sub(/\r$/, "")} NR == 1 {print "customer_id,date,amount"; next}
//!      {printf "%s,%s-%s-%s,%s\n", $1, substr($2, 1, 4), substr($2, 5, 2), substr($2, 7, 2), $4}' \
//!     tests/data/CDNOW_master.txt > /tmp/cdnow_master.csv
//! python3 scripts/bench/summary_check.py --cli target/release/tierlens \
//!     --log /tmp/cdnow_master.csv --out /tmp/summary-check
//! cp /tmp/summary-check/cdnow_master_summary.csv tests/data/
//! ```

use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use tierlens::day::Day;
use tierlens::engine::{run, Outcome, Request};
use tierlens::ingest::Shape;

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serialisable")
}

/// `engine::run` on a file of tests/data. The lifetime-value fit, which is
/// most of the time in a debug build and reads only the log, calibrates on
/// CDNOW's first day (so it has nothing to fit): no compared figure
/// depends on it.
fn analyse(name: &str) -> Outcome {
    analyse_at(name, "1997-01-01")
}

/// `engine::run` on a file of tests/data, calibrated to `end`.
fn analyse_at(name: &str, end: &str) -> Outcome {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut request = Request::default();
    request.settings.clv.calibration_end = Day::parse_iso(end);
    run(&bytes, &request, &|| 0.0).expect("the file analyses")
}

/// Every leaf where `a` and `b` differ: integers exactly, other numbers to a
/// relative 1e-9.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let (left, right) = (&x.get(key), &y.get(key));
                match (left, right) {
                    (Some(l), Some(r)) => differences(l, r, &format!("{path}.{key}"), out),
                    _ => out.push(format!("{path}.{key}: {left:?} vs {right:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return out.push(format!("{path}: {} vs {} entries", x.len(), y.len()));
            }
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                differences(l, r, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) if !(x.is_u64() && y.is_u64()) => {
            let (l, r) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (l - r).abs() > 1e-9 * l.abs().max(r.abs()) {
                out.push(format!("{path}: {l} vs {r}"));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
}

#[test]
fn the_summary_gives_the_figures_of_the_log() {
    let log = analyse("CDNOW_master.txt");
    let summary = analyse("cdnow_master_summary.csv");
    same_figures(&log, &summary);
    same_customers(&log, &summary);
}

/// Concentration without `top1_rising`: a summary has no dates to cut into
/// quarters, so only the log can say whether the largest share is rising.
fn without_trend(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(object) = v.as_object_mut() {
        object.remove("top1_rising");
    }
    v
}

fn same_figures(log: &Outcome, summary: &Outcome) {
    let (a, b) = (&log.analysis, &summary.analysis);
    assert_eq!(a.input.shape, Shape::Transactions);
    assert_eq!(b.input.shape, Shape::Summary);
    assert_eq!((a.input.rows_rejected, b.input.rows_rejected), (0, 0));
    assert_eq!(b.input.rows_read, 23_570);
    assert_eq!((a.customers, b.customers), (23_570, 23_570));
    // The log's last row is a purchase, so both are as of the same day.
    assert_eq!(a.as_of, b.as_of);

    let mut found = Vec::new();
    for (key, l, r) in [
        (
            "revenue_total",
            json(&a.revenue_total),
            json(&b.revenue_total),
        ),
        ("pareto", json(&a.pareto), json(&b.pareto)),
        ("abc", json(&a.abc), json(&b.abc)),
        ("tiers", json(&a.tiers), json(&b.tiers)),
        (
            "concentration",
            without_trend(json(&a.concentration)),
            without_trend(json(&b.concentration)),
        ),
    ] {
        differences(&l, &r, key, &mut found);
    }
    assert!(found.is_empty(), "log vs summary:\n{}", found.join("\n"));
    // The figures themselves (tests/cli.rs checks them against an
    // independent computation), so that an empty comparison cannot pass.
    assert_eq!(b.pareto.customers_for_80pct_share, 7_695);
    assert_eq!((b.abc.a, b.abc.b, b.abc.c), (7_695, 8_044, 7_831));
    assert_eq!(b.pareto.top_shares.len(), 1_001);
    assert!((b.revenue_total - 2_500_315.63).abs() < 1e-6);
    // `orders` is purchase days: the A customers have 45,247 of them in
    // 47,083 rows (same-day purchases are one).
    assert!((b.tiers[0].average_purchase_days - 45_247.0 / 7_695.0).abs() < 1e-12);
}

/// Every customer has the same revenue, tier, purchase days and first and
/// last purchase, and the revenue in rank order is the same. Ranks
/// themselves are not compared: customers of equal revenue are ranked by
/// id, but a log's revenue is a sum of binary floats that can land an ulp
/// either side (450.18 as 450.17999999999995) while a summary's is the
/// exact decimal sum rounded once, so ties can be broken differently.
fn same_customers(log: &Outcome, summary: &Outcome) {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
    let rows: Vec<_> = log.customers.rows().collect();
    let summary_rows: Vec<_> = summary.customers.rows().collect();
    assert_eq!(rows.len(), summary_rows.len());
    for (l, s) in rows.iter().zip(&summary_rows) {
        assert!(
            close(l.revenue, s.revenue),
            "rank {}: {} vs {}",
            l.rank,
            l.revenue,
            s.revenue
        );
    }
    let by_id: HashMap<&str, _> = summary_rows.iter().map(|r| (r.id.as_str(), r)).collect();
    for l in rows {
        let s = by_id[l.id.as_str()];
        assert_eq!(
            (l.tier, l.purchase_days, l.first_purchase, l.last_purchase),
            (s.tier, s.purchase_days, s.first_purchase, s.last_purchase),
            "customer {}",
            l.id
        );
        assert!(
            close(l.revenue, s.revenue),
            "customer {}: {} vs {}",
            l.id,
            l.revenue,
            s.revenue
        );
    }
}

/// `engine::run` with the CDNOW convention's calibration end.
fn analyse_calibrated(name: &str) -> Outcome {
    analyse_at(name, "1997-09-30")
}

/// The richer summary (docs/summary.md: repeat revenue, calibration and
/// holdout columns, windows, active months) of the CDNOW sample, made with
/// calibration end 1997-09-30, gives the log's model fits, holdout,
/// cohorts, lifecycle and customer types; only the holdout's weekly
/// tracking, which needs each purchase day, is missing.
#[test]
fn the_richer_summary_gives_the_log_s_models_and_cohorts() {
    let log = analyse_calibrated("cdnow_sample.csv");
    let rich = analyse_calibrated("cdnow_sample_rich.csv");
    let (a, b) = (&log.analysis, &rich.analysis);
    assert_eq!(b.input.rows_rejected, 0);
    assert_eq!(b.clv.status, a.clv.status);
    let mut diffs = Vec::new();
    for (name, l, s) in [
        ("bgnbd", json(&a.clv.bgnbd), json(&b.clv.bgnbd)),
        ("mbgnbd", json(&a.clv.mbgnbd), json(&b.clv.mbgnbd)),
        (
            "pareto_nbd",
            json(&a.clv.pareto_nbd),
            json(&b.clv.pareto_nbd),
        ),
        (
            "gamma_gamma",
            json(&a.clv.gamma_gamma),
            json(&b.clv.gamma_gamma),
        ),
        ("clv_total", json(&a.clv.clv_total), json(&b.clv.clv_total)),
        (
            "buckets",
            json(&a.clv.holdout.as_ref().unwrap().buckets),
            json(&b.clv.holdout.as_ref().unwrap().buckets),
        ),
        ("retention", json(&a.retention), json(&b.retention)),
        ("lifecycle", json(&a.lifecycle), json(&b.lifecycle)),
        (
            "at_risk",
            json(&a.lifecycle_detail.revenue_at_risk),
            json(&b.lifecycle_detail.revenue_at_risk),
        ),
        ("types", type_counts(a), type_counts(b)),
    ] {
        differences_within(&l, &s, name, 1e-6, &mut diffs);
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    assert!(b.clv.holdout.as_ref().unwrap().tracking.is_empty());
    let gaps: Vec<&str> = b.summary_gaps.iter().map(|g| g.section.as_str()).collect();
    assert_eq!(gaps, ["holdout_tracking", "regularity", "compare", "trend"]);
}

/// Each customer type's key and count (its listed rows carry the key
/// accounts' movement, which needs the log).
fn type_counts(a: &tierlens::analysis::Analysis) -> Value {
    let groups = a.customer_types.groups.iter();
    json(
        &groups
            .map(|g| (g.key.clone(), g.customers))
            .collect::<Vec<_>>(),
    )
}

/// Numbers to a relative `tolerance` (a fit's optimum moves with the last
/// bits of its sums), everything else exactly.
fn differences_within(a: &Value, b: &Value, path: &str, tolerance: f64, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                match (x.get(key), y.get(key)) {
                    (Some(l), Some(r)) => {
                        differences_within(l, r, &format!("{path}.{key}"), tolerance, out)
                    }
                    (l, r) => out.push(format!("{path}.{key}: {l:?} vs {r:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                differences_within(l, r, &format!("{path}[{i}]"), tolerance, out);
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            let (l, r) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            if (l - r).abs() > tolerance * l.abs().max(r.abs()).max(1e-12) {
                out.push(format!("{path}: {l} vs {r}"));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
}

/// A richer summary that contradicts itself is rejected row by row, with
/// the cell and why; the as-of date it was made for is kept to.
#[test]
fn a_contradicting_richer_summary_is_rejected_with_reasons() {
    let text = "customer_id,first_purchase,last_purchase,orders,revenue,orders_cal,orders_holdout,active_periods,as_of\n\
        a,2024-01-05,2024-03-01,2,10,1,1,2,2024-06-30\n\
        b,2024-01-05,2024-03-01,2,10,2,1,2,2024-06-30\n\
        c,2024-01-05,2024-03-01,2,10,1,1,5,2024-06-30\n\
        d,2024-01-05,2024-03-01,2,10,1,1,x,2024-06-30\n\
        e,2024-01-05,2024-03-01,2,10,1,1,1,2024-06-29\n\
        a,2024-01-05,2024-03-01,2,10,1,1,2,2024-06-30\n";
    let outcome = run(text.as_bytes(), &Request::default(), &|| 0.0).expect("analyses");
    let input = &outcome.analysis.input;
    assert_eq!(outcome.analysis.customers, 1);
    assert_eq!(input.rows_rejected, 5, "{:?}", input.rejected_by_reason);
    for kind in [
        "bad orders_holdout",
        "bad active_periods",
        "bad as_of",
        "repeated customer",
    ] {
        assert!(
            input.rejected_by_reason.contains_key(kind),
            "{kind}: {:?}",
            input.rejected_by_reason
        );
    }
    let mut request = Request::default();
    request.settings.as_of = Day::parse_iso("2024-05-01");
    let err = run(text.as_bytes(), &request, &|| 0.0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("as of 2024-06-30"), "{err}");
}
