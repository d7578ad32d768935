//! Any bytes, any forced encoding label: decoding returns text or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tierlens::ingest::decode::decode;

fuzz_target!(|data: &[u8]| {
    let _ = decode(data, None);
    if let Some((&first, rest)) = data.split_first() {
        let labels = [
            "utf-8", "gbk", "gb18030", "utf-16le", "utf-16be", "big5", "nonsense",
        ];
        let _ = decode(rest, Some(labels[first as usize % labels.len()]));
    }
});
