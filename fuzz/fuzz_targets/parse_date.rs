//! Any cell, each day/month order: a date parses to a day within the
//! accepted years or is refused; surrounding spaces change nothing, and the
//! day's own `YYYY-MM-DD` reads back as the same day.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::values::{parse_date, DateEvidence, DateOrder, YEARS};

fuzz_target!(|text: &str| {
    for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
        let parsed = parse_date(text, order);
        assert_eq!(parse_date(&format!(" {text}\t"), order), parsed);
        if let Ok(day) = parsed {
            assert!(YEARS.contains(&day.year()), "{text:?} -> {day}");
            assert_eq!(parse_date(&day.to_string(), None), Ok(day), "{text:?}");
        }
    }
    let mut evidence = DateEvidence::default();
    evidence.observe(1, text);
    let _ = evidence.decide();
});
