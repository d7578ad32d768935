//! The `parse_amount` target; what it checks is `checks::parse_amount`, which
//! tests/robustness.rs also runs over the committed corpus.
#![no_main]

#[path = "../checks.rs"]
mod checks;
#[path = "../finite.rs"]
mod finite;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::parse_amount(data));
