//! Small whole files: the analysis never panics, every figure is finite,
//! and the rows read are the rows kept plus the rows rejected.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::engine::{run, Request};

fuzz_target!(|data: &[u8]| {
    let Ok(outcome) = run(data, &Request::default(), &|| 0.0) else {
        return;
    };
    let a = &outcome.analysis;
    for figure in [
        a.revenue_total,
        a.pareto.top20_share,
        a.pareto.gini,
        a.concentration.hhi,
        a.concentration.top1_share,
    ] {
        assert!(figure.is_finite(), "a figure is not finite");
    }
    assert!(a
        .tiers
        .iter()
        .all(|t| t.revenue_share.is_finite() && t.average_revenue.is_finite()));
    assert_eq!(
        a.transactions as u64 + a.input.rows_after_as_of + a.input.rows_rejected,
        a.input.rows_read
    );
});
