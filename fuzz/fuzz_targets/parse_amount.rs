//! Any cell: an amount parses to a finite number within the bound, or is refused.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::values::{parse_amount, parse_count, parse_margin, MAX_AMOUNT};

fuzz_target!(|text: &str| {
    if let Ok(value) = parse_amount(text) {
        assert!(
            value.is_finite() && value.abs() <= MAX_AMOUNT,
            "{text:?} -> {value}"
        );
    }
    let _ = parse_count(text);
    if let Ok(margin) = parse_margin(text) {
        assert!(margin.is_finite(), "{text:?} -> {margin}");
    }
});
