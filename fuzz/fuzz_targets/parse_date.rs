//! The `parse_date` target; what it checks is `checks::parse_date`, which
//! tests/robustness.rs also runs over the committed corpus.
#![no_main]

#[path = "../checks.rs"]
mod checks;
#[path = "../finite.rs"]
mod finite;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::parse_date(data));
