//! Any bytes, any forced encoding label: decoding returns text or an error,
//! and valid UTF-8 that is accepted comes back unchanged (less its BOM).
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::decode::decode;

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

fuzz_target!(|data: &[u8]| {
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
});
