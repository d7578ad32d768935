//! Any text: sniffing and reading every record never panics, and line
//! numbers never go backwards.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::read::{sniff_delimiter, Records, Rows};

fuzz_target!(|text: &str| {
    let Ok(mut records) = Records::open(text, sniff_delimiter(text)) else {
        return;
    };
    let mut last = 0;
    while let Ok(Some(record)) = records.next_record() {
        assert!(record.line >= last, "line numbers go backwards");
        last = record.line;
    }
});
