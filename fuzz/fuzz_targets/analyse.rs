//! The `analyse` target; what it checks is `checks::analyse`, which
//! tests/robustness.rs also runs over the committed corpus.
#![no_main]

#[path = "../checks.rs"]
mod checks;
#[path = "../finite.rs"]
mod finite;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::analyse(data));
