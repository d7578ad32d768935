//! What each fuzz target checks, one function per target, each taking raw
//! bytes. The targets in fuzz_targets/ are one line each around these, and
//! tests/robustness.rs replays the committed corpus through the very same
//! functions on stable Rust, so CI proves the corpus stays clean without
//! nightly or libFuzzer. Include as `mod checks;` beside `mod finite;`.

// Each fuzz target uses one of these functions.
#![allow(dead_code)]

use crate::finite::non_finite_paths;
use std::borrow::Cow;
use tierlens::customer_table::csv::customers_csv;
use tierlens::customer_table::{self, Query, SortKey};
use tierlens::engine::{self, Request};
use tierlens::ingest::decode::decode;
use tierlens::ingest::read::{self, Records, Rows};
use tierlens::ingest::values::{self, DateEvidence, DateOrder, MAX_AMOUNT, YEARS};

/// The check of the fuzz target named `target`, if there is one.
pub fn for_target(target: &str) -> Option<fn(&[u8])> {
    Some(match target {
        "decode" => decode_bytes,
        "read_records" => read_records,
        "parse_date" => parse_date,
        "parse_amount" => parse_amount,
        "analyse" => analyse,
        "workbook" => workbook,
        _ => return None,
    })
}

/// Labels a forced encoding may have; the first byte of the input picks one.
const LABELS: [&str; 9] = [
    "utf-8",
    "gbk",
    "gb18030",
    "utf-16le",
    "utf-16be",
    "big5",
    "shift_jis",
    " UTF-8 ",
    "nonsense",
];

/// Detected: text or an error, and valid UTF-8 comes back unchanged (less a
/// BOM). Forced: any label, known or not, gives text or an error.
pub fn decode_bytes(data: &[u8]) {
    if let Ok(decoded) = decode(data, None) {
        assert!(!decoded.encoding.is_empty());
        if let Ok(text) = std::str::from_utf8(data) {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            assert_eq!(decoded.text, text, "valid UTF-8 was changed");
        }
    }
    if let Some((&first, rest)) = data.split_first() {
        let _ = decode(rest, Some(LABELS[first as usize % LABELS.len()]));
    }
}

/// Text decoded as the engine decodes it, read as the engine reads it (the
/// sniffed delimiter, space-aligned columns collapsed to tabs), then with
/// each delimiter forced.
pub fn read_records(data: &[u8]) {
    let Ok(decoded) = decode(data, None) else {
        return;
    };
    let text = decoded.text.as_ref();
    let sniffed = read::sniff_delimiter(text);
    assert!(b",\t;| ".contains(&sniffed), "sniffed {sniffed:?}");
    let engine_text = if sniffed == read::WHITESPACE {
        let collapsed = read::collapse_whitespace(text);
        assert_eq!(editor_lines(&collapsed), editor_lines(text), "lines moved");
        Cow::Owned(collapsed)
    } else {
        Cow::Borrowed(text)
    };
    let delimiter = if sniffed == read::WHITESPACE {
        b'\t'
    } else {
        sniffed
    };
    check_records(&engine_text, delimiter);
    for forced in [b',', b'\t', b';', b'|'] {
        check_records(text, forced);
    }
}

/// Lines as an editor counts them: `\n`, `\r\n` and a lone `\r` end one.
fn editor_lines(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let breaks = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks as u64 + 1
}

/// Each record starts on a later line than the one before and no later
/// than the last line; reading ends at the end of the text; a rewind reads
/// the same records again.
fn check_records(text: &str, delimiter: u8) {
    let Ok(mut records) = Records::open(text, delimiter) else {
        return;
    };
    let lines = editor_lines(text);
    assert!((1..=lines).contains(&records.header_line));
    let (first, finished) = read_all(&mut records);
    let mut last = records.header_line;
    for &(line, _) in &first {
        assert!(line > last, "line {line} after line {last}");
        assert!(line <= lines, "line {line} of {lines}");
        last = line;
    }
    if finished {
        let (read, total) = records.position();
        assert_eq!(
            read, total,
            "the end of the records is not the end of the text"
        );
    }
    if records.rewind().is_ok() {
        assert_eq!(
            read_all(&mut records).0,
            first,
            "a rewind reads differently"
        );
    }
}

/// Each record's line and width until the end or the first error, and
/// whether the end was reached.
fn read_all(records: &mut Records<'_>) -> (Vec<(u64, usize)>, bool) {
    let mut out = Vec::new();
    loop {
        match records.next_record() {
            Ok(Some(record)) => out.push((record.line, record.cells.len())),
            Ok(None) => return (out, true),
            Err(_) => return (out, false),
        }
    }
}

/// Any cell, each day/month order: a day within the accepted years or a
/// refusal; spaces around the cell change nothing; the day's own
/// `YYYY-MM-DD` reads back as the same day; the order evidence never panics.
pub fn parse_date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
        let parsed = values::parse_date(&text, order);
        assert_eq!(values::parse_date(&format!(" {text}\t"), order), parsed);
        if let Ok(day) = parsed {
            assert!(YEARS.contains(&day.year()), "{text:?} -> {day}");
            let again = values::parse_date(&day.to_string(), None);
            assert_eq!(again, Ok(day), "{text:?}");
        }
    }
    let mut evidence = DateEvidence::default();
    evidence.observe(1, &text);
    let _ = evidence.decide();
}

/// Any cell: a finite amount within the bound or a refusal; spaces change
/// nothing; the amount's own digits read back as the same amount; `(x)`
/// is `-x` when both read; a count is the amount; a margin is finite.
pub fn parse_amount(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = values::parse_amount(&text) {
        assert!(
            value.is_finite() && value.abs() <= MAX_AMOUNT,
            "{text:?} -> {value}"
        );
        assert_eq!(
            values::parse_amount(&format!(" {text} ")),
            Ok(value),
            "{text:?}"
        );
        assert_eq!(
            values::parse_amount(&value.to_string()),
            Ok(value),
            "{text:?}"
        );
        if let Ok(negated) = values::parse_amount(&format!("({text})")) {
            assert_eq!(negated, -value, "({text})");
        }
    }
    if let Ok(count) = values::parse_count(&text) {
        assert_eq!(values::parse_amount(&text), Ok(count as f64), "{text:?}");
    }
    if let Ok(margin) = values::parse_margin(&text) {
        assert!(margin.is_finite(), "{text:?} -> {margin}");
    }
}

/// A whole file through `engine::load` and `engine::analyse` with the
/// default request, then what the page and the CLI do with the result:
/// sort the customer table by every key, open a customer's card, export the
/// customers. No panic; on success a customer, rows that add up, and no
/// NaN or infinity anywhere in the analysis, the rows or the cards.
pub fn analyse(data: &[u8]) {
    let request = Request::default();
    let clock = || 0.0;
    let Ok(loaded) = engine::load(data, &request, &clock, &mut |_| {}) else {
        return;
    };
    let Ok(mut outcome) = engine::analyse(&loaded, &request.settings, &clock) else {
        return;
    };
    let a = &outcome.analysis;
    assert!(a.customers > 0, "an analysis without customers");
    assert_eq!(outcome.customers.len(), a.customers, "a row per customer");
    assert_eq!(
        a.transactions as u64 + a.input.rows_after_as_of + a.input.rows_rejected,
        a.input.rows_read,
        "rows kept + after the as-of date + rejected = rows read"
    );
    assert_finite("the analysis", a);
    let rows: Vec<_> = outcome.customers.rows().collect();
    assert_finite("the customer rows", &rows);
    let as_of = a.as_of;
    for sort in SortKey::ALL {
        for descending in [false, true] {
            let query = Query {
                sort,
                descending,
                ..Query::default()
            };
            let page = outcome.customers.page(&query, 0, 5);
            assert_eq!(page.matches, outcome.customers.len(), "{sort:?}");
        }
    }
    for row in [rows.first(), rows.last()].into_iter().flatten() {
        let card = customer_table::card(&outcome.customers, loaded.table(), as_of, &row.id);
        let card = card.expect("every customer of the table has a card");
        assert_finite("a card", &card);
    }
    let _ = customers_csv(&rows);
}

fn assert_finite<T: serde::Serialize + ?Sized>(what: &str, value: &T) {
    let bad = non_finite_paths(value);
    assert!(bad.is_empty(), "not finite in {what}: {bad:?}");
}

/// Any bytes as a workbook (xlsx, xlsb, ods, xls): the budgets' first
/// pass, calamine and the sparse rows give rows or an error, never a
/// panic past `sheet.rs`'s guard; through the engine every figure is
/// finite. The first byte picks the container so that most inputs get
/// past the signature check: a zip, an OLE file, or the bytes as they are.
pub fn workbook(data: &[u8]) {
    use tierlens::ingest::sheet;
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let bytes: Cow<[u8]> = match first % 3 {
        0 if !rest.starts_with(b"PK") => Cow::Owned([b"PK\x03\x04".as_slice(), rest].concat()),
        1 if !sheet::is_workbook(rest) => {
            Cow::Owned([b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), rest].concat())
        }
        _ => Cow::Borrowed(rest),
    };
    if let Ok(mut book) = sheet::open_workbook(&bytes) {
        let names: Vec<String> = book.sheets.iter().take(4).cloned().collect();
        for name in names {
            if let Ok(mut rows) = book.sheet(&name) {
                while let Ok(Some(_)) = rows.next_record() {}
            }
        }
    }
    if let Ok(outcome) = engine::run(&bytes, &Request::default(), &|| 0.0) {
        let json = serde_json::to_value(&outcome.analysis).unwrap();
        let bad = non_finite_paths(&json);
        assert!(bad.is_empty(), "non-finite figures: {bad:?}");
    }
}
