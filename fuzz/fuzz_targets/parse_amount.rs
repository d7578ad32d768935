//! Any cell: an amount parses to a finite number within the bound, or is
//! refused; counts and margins built on it are finite too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::values::{parse_amount, parse_count, parse_margin, MAX_AMOUNT};

fuzz_target!(|text: &str| {
    if let Ok(value) = parse_amount(text) {
        assert!(
            value.is_finite() && value.abs() <= MAX_AMOUNT,
            "{text:?} -> {value}"
        );
        assert_eq!(parse_amount(&format!(" {text} ")), Ok(value), "{text:?}");
    }
    if let Ok(count) = parse_count(text) {
        assert_eq!(parse_amount(text), Ok(count as f64), "{text:?}");
    }
    if let Ok(margin) = parse_margin(text) {
        assert!(margin.is_finite(), "{text:?} -> {margin}");
    }
});
