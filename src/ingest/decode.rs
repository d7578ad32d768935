//! Bytes to UTF-8 text, detecting the encoding.
//!
//! Detection, in order: a byte-order mark (UTF-8, UTF-16 LE/BE); valid UTF-8;
//! otherwise the legacy encoding `chardetng` (Firefox's detector) finds
//! most plausible: GBK is read as GB18030, its superset that Excel writes
//! on Chinese Windows; Windows-1252 and the other single-byte encodings
//! of European Excel are told apart from it. Our users are mostly
//! Chinese, so a guess of Big5 or a Japanese or Korean encoding gives way
//! to GB18030 whenever the bytes are valid GB18030 too. Files that are not text at all (spreadsheets, archives, images,
//! other binaries) are refused with a message that names what they look like.
//! The user may force an encoding by its WHATWG label (`--encoding gbk`).

use super::error::FileKind;
use super::IngestError;
use encoding_rs::{Encoding, GB18030, UTF_8};
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read with.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    /// Some bytes could not be decoded and are U+FFFD in `text`: the rows
    /// that hold them are rejected (a U+FFFD the file itself holds is text).
    pub lossy: bool,
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&str>) -> Result<Decoded<'a>, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some(label) = forced {
        let encoding = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| IngestError::UnknownEncoding(label.to_string()))?;
        return Ok(with_encoding(bytes, encoding));
    }
    if let Some(decoded) = utf32(bytes) {
        return Ok(decoded);
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(with_encoding(bytes, encoding));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(IngestError::NotText { kind });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
            lossy: false,
        });
    }
    if mostly_utf8(bytes) {
        // Decoded by line, not by file: the few bad bytes become U+FFFD
        // in the rows that hold them (rejected there, with their line);
        // every other row keeps its text. One cut field once sent the
        // whole file to GB18030 and merged ids that differ in a byte.
        return Ok(Decoded {
            text: Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
            encoding: UTF_8.name(),
            lossy: true,
        });
    }
    Ok(with_encoding(bytes, detect_legacy(bytes)))
}

/// Whether bytes that are not all valid UTF-8 are still a UTF-8 file with
/// a few damaged spots: at least eight valid multi-byte characters for each
/// invalid sequence. GBK text is almost all invalid sequences; a
/// Windows-1252 file has no valid multi-byte character at all.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid >= invalid * 8
}

/// UTF-32 with its byte-order mark (which starts like UTF-16 LE's, so
/// it was read as UTF-16 with a NUL after every character); encoding_rs
/// has no UTF-32. Code units that are no character become U+FFFD.
fn utf32(bytes: &[u8]) -> Option<Decoded<'static>> {
    let (little, name) = if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        (true, "UTF-32LE")
    } else if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        (false, "UTF-32BE")
    } else {
        return None;
    };
    let mut lossy = false;
    let text = bytes[4..]
        .chunks(4)
        .map(|unit| {
            let mut four = [0u8; 4];
            four[..unit.len()].copy_from_slice(unit);
            let n = if little {
                u32::from_le_bytes(four)
            } else {
                u32::from_be_bytes(four)
            };
            char::from_u32(n)
                .filter(|_| unit.len() == 4)
                .unwrap_or_else(|| {
                    lossy = true;
                    '\u{FFFD}'
                })
        })
        .collect();
    Some(Decoded {
        text: Cow::Owned(text),
        encoding: name,
        lossy,
    })
}

/// The legacy encoding of bytes that are not UTF-8.
fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The first megabyte decides; detection is linear and this bounds it.
    let head = &bytes[..bytes.len().min(1 << 20)];
    detector.feed(head, head.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let valid_gb = || {
        GB18030
            .decode_without_bom_handling_and_without_replacement(head)
            .is_some()
    };
    if guess == encoding_rs::GBK || guess == GB18030 || (reads_as_gb2312(head) && valid_gb()) {
        GB18030
    } else {
        guess
    }
}

/// Whether the bytes above ASCII come in the pairs of common Chinese
/// text: a lead byte and a trail byte both above 0xA0 (GB2312's range).
/// A Windows-1252 letter is one high byte among ASCII ones ("M\xfcller"),
/// so it is no such pair. The detector needs this help on files whose
/// only Chinese is a few header words: alone it may call them IBM866.
fn reads_as_gb2312(bytes: &[u8]) -> bool {
    let (mut pairs, mut others) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&trail) if bytes[i] >= 0xA1 && trail >= 0xA1 => pairs += 1,
            _ => others += 1,
        }
        i += 2;
    }
    pairs > 0 && pairs >= others * 4
}

/// Decodes with a known encoding; a BOM, if present, is removed.
fn with_encoding<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Decoded<'a> {
    let (text, used, lossy) = encoding.decode(bytes);
    Decoded {
        text,
        encoding: used.name(),
        lossy,
    }
}

/// Names the kind of a binary file from its first bytes, or `None` for text.
fn binary_kind(bytes: &[u8]) -> Option<FileKind> {
    const SIGNATURES: &[(&[u8], FileKind)] = &[
        (b"PK\x03\x04", FileKind::ZipOrXlsx),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FileKind::OldOffice),
        (b"%PDF", FileKind::Pdf),
        (b"\x89PNG", FileKind::Png),
        (b"\xFF\xD8\xFF", FileKind::Jpeg),
        (b"GIF8", FileKind::Gif),
        (b"\x1F\x8B", FileKind::Gzip),
        (b"Rar!", FileKind::Rar),
        (b"7z\xBC\xAF", FileKind::SevenZip),
        (b"\x7FELF", FileKind::Program),
    ];
    for &(magic, kind) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    if looks_like_utf16_without_bom(bytes) {
        Some(FileKind::Utf16WithoutBom)
    } else {
        has_control_bytes(bytes).then_some(FileKind::Binary)
    }
}

/// Text never has NUL bytes; binary files almost always do near the start.
fn has_control_bytes(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// UTF-16 without a BOM shows as every other byte being zero.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 8 {
        return false;
    }
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    zeros_even * 10 > half * 9 || zeros_odd * 10 > half * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed() {
        let d = decode(b"customer_id,date,amount\n", None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFid,date\n", None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "id,date\n");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "客户,日期\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "客户,日期\n");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GB18030.encode("客户编号,日期,金额\nA,1997/1/1,￥10\n");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("客户编号,日期,金额"));
    }

    #[test]
    fn windows_1252_is_not_read_as_chinese() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Kunde;Datum;Betrag\nMüller GmbH;05.03.2024;1.234,56\nSociété Générale;06.03.2024;99,00\nBäckerei Öztürk;07.03.2024;12,50\n");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Müller GmbH") && d.text.contains("Société Générale"));
    }

    #[test]
    fn short_gbk_stays_gbk() {
        for text in [
            "客户,金额\n甲,1\n",
            "customer_id,date,amount\n张三,2024-01-01,5\n",
        ] {
            let (bytes, _, _) = GB18030.encode(text);
            assert_eq!(decode(&bytes, None).unwrap().encoding, "gb18030", "{text}");
        }
    }

    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = GB18030.encode("金额");
        let d = decode(&bytes, Some("gbk")).unwrap();
        assert_eq!(d.text, "金额");
        assert_eq!(
            decode(b"x", Some("klingon")).unwrap_err(),
            IngestError::UnknownEncoding("klingon".into())
        );
    }

    #[test]
    fn binaries_are_named() {
        let err = decode(b"PK\x03\x04\x14\x00rest", None).unwrap_err();
        assert!(err.to_string().contains("xlsx"), "{err}");
        let err = decode(b"abc\x00\x01\x02def", None).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
        assert_eq!(decode(b"", None).unwrap_err(), IngestError::Empty);
    }
}
