//! Small whole files through the engine: no panic; on success there is a
//! customer, every number in the analysis is finite (serde_json writes NaN
//! and infinity as null, so no number may be null), and the rows read are
//! the rows kept, plus those after the as-of date, plus those rejected.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::engine::{run, Request};

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
    let bad = a.non_finite_figures();
    assert!(bad.is_empty(), "not finite at {bad:?}");
});
