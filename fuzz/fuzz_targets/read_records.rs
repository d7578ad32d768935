//! Any text, any delimiter: sniffing and reading every record never panics;
//! each record starts on a later line than the one before (lines as an
//! editor counts them) and no later than the text's last line; a rewind
//! reads the same records again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::read::{sniff_delimiter, Records, Rows};

/// Each record's line and width, until the end or the first error.
fn read_all(records: &mut Records<'_>) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    while let Ok(Some(record)) = records.next_record() {
        out.push((record.line, record.cells.len()));
    }
    out
}

fuzz_target!(|input: (u8, &str)| {
    let (choice, text) = input;
    let sniffed = sniff_delimiter(text);
    assert!(b",\t;|".contains(&sniffed));
    let delimiter = [sniffed, b',', b'\t', b';', b'|'][choice as usize % 5];
    let Ok(mut records) = Records::open(text, delimiter) else {
        return;
    };
    // Lines as an editor counts them: `\n`, `\r\n` and a lone `\r` each end one.
    let bytes = text.as_bytes();
    let breaks = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let lines = breaks as u64 + 1;
    assert!((1..=lines).contains(&records.header_line));
    let first = read_all(&mut records);
    let mut last = records.header_line;
    for &(line, _) in &first {
        assert!(line > last, "line {line} after line {last}");
        assert!(line <= lines, "line {line} of {lines}");
        last = line;
    }
    if records.rewind().is_ok() {
        assert_eq!(read_all(&mut records), first, "a rewind reads differently");
    }
});
