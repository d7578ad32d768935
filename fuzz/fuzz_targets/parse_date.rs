//! Any cell: a date parses to a day within the accepted years, or is refused.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::values::{parse_date, DateOrder, YEARS};

fuzz_target!(|text: &str| {
    for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
        if let Ok(day) = parse_date(text, order) {
            assert!(
                YEARS.contains(&day.year()) || text.trim().parse::<f64>().is_ok(),
                "{text:?} -> {day}"
            );
        }
    }
});
