//! Small whole files through the engine: no panic; on success there is a
//! customer, every number in the analysis is finite (serde_json writes NaN
//! and infinity as null, so no number may be null), and the rows read are
//! the rows kept, plus those after the as-of date, plus those rejected.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tierlens::engine::{run, Request};

/// Keys whose value may be null: optional text, not numbers.
const MAY_BE_NULL: &[&str] = &[
    "name",
    "industry",
    "region",
    "account_manager",
    "sheet",
    "date_order",
    "cost_from",
    "role",
];

fn no_null_numbers(value: &Value, key: &str) {
    match value {
        Value::Null => assert!(MAY_BE_NULL.contains(&key), "null at {key}"),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{key}: {n}"),
        Value::Array(items) => items.iter().for_each(|v| no_null_numbers(v, key)),
        Value::Object(map) => map.iter().for_each(|(k, v)| no_null_numbers(v, k)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(outcome) = run(data, &Request::default(), &|| 0.0) else {
        return;
    };
    let a = &outcome.analysis;
    assert!(a.customers > 0, "an analysis without customers");
    for figure in [
        a.revenue_total,
        a.pareto.top20_share,
        a.pareto.gini,
        a.concentration.hhi,
        a.concentration.top1_share,
    ] {
        assert!(figure.is_finite(), "a key figure is not finite");
    }
    assert!(a.tiers.iter().all(|t| t.revenue_share.is_finite()
        && t.customer_share.is_finite()
        && t.average_revenue.is_finite()));
    assert_eq!(
        a.transactions as u64 + a.input.rows_after_as_of + a.input.rows_rejected,
        a.input.rows_read,
        "rows do not add up"
    );
    no_null_numbers(&serde_json::to_value(a).unwrap(), "");
});
