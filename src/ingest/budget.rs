//! The budgets a workbook is read under, and the bounded first pass that
//! enforces those calamine cannot enforce itself.
//!
//! calamine (the workbook parser) trusts its input: it inflates a zip part
//! as far as it goes, keeps every shared string, expands OpenDocument
//! repeat counts in full and parses every sheet of an `.ods` or `.xls` at
//! open. A few kilobytes can therefore ask for gigabytes. calamine is not
//! patched; it is bounded from outside:
//!
//! - a zip workbook (xlsx, xlsb, ods) is first read here, part by part,
//!   through the same `zip` crate, to the end of each part so that its CRC
//!   is checked, counting inflated bytes against `PART_BYTES`, `TOTAL_BYTES`
//!   and the compression ratio; the XML parts are scanned byte by byte in
//!   constant memory: no tag or text longer than `TOKEN_BYTES`, at most
//!   `STRINGS` shared strings and `STRING_BYTES` of their text, and the
//!   cells an OpenDocument sheet expands to (its repeat counts included,
//!   every sheet) at most `CELLS` in all;
//! - an old `.xls` (an OLE compound file) is walked first as calamine will
//!   walk it, chains, sizes and sheets' cell grids (`xls.rs`);
//! - while a sheet is read (`sheet.rs`), cells, rows and columns are
//!   counted against `CELLS` and Excel's grid (`ROWS` x `COLUMNS`), and
//!   every row is kept sparse.
//!
//! A panic left in calamine is caught around it (`sheet.rs`).

use super::IngestError;
use std::io::Read;

pub mod xls;

/// Cells read from a workbook, in all (every sheet an `.ods` expands,
/// empty cells written out included): about a million rows of sixteen
/// columns. Larger data reads as CSV, which has no such limit.
pub const CELLS: u64 = 16_000_000;
/// Excel's grid: a cell past row 1,048,576 or column XFD is damage.
pub const ROWS: u64 = 1_048_576;
pub const COLUMNS: u64 = 16_384;
/// Inflated bytes of one zip part, and of all parts together.
pub const PART_BYTES: u64 = 1 << 30;
pub const TOTAL_BYTES: u64 = 2 << 30;
/// Past `RATIO_FLOOR` inflated bytes, a part may be at most `RATIO` times
/// its compressed size: spreadsheet XML deflates 5 to 30 times, a zip bomb
/// thousands of times.
pub const RATIO: u64 = 250;
pub const RATIO_FLOOR: u64 = 64 << 20;
/// Parts in one zip (sheets, styles, relations...).
pub const PARTS: usize = 10_000;
/// One XML tag or text run: Excel's own cell limit is 32,767 characters.
pub const TOKEN_BYTES: u64 = 1 << 20;
/// Shared strings: how many, and their text in all.
pub const STRINGS: u64 = CELLS;
pub const STRING_BYTES: u64 = 512 << 20;

/// What a budget counts, for the message.
#[derive(Clone, Copy)]
enum Over {
    PartBytes,
    TotalBytes,
    Ratio,
    Parts,
    Token,
    Strings,
    StringBytes,
    Cells,
    Grid,
}

fn too_big(over: Over, part: &str) -> IngestError {
    let what = match over {
        Over::PartBytes => format!("part {part} inflates past {} MB", PART_BYTES >> 20),
        Over::TotalBytes => format!("its parts inflate past {} MB in all", TOTAL_BYTES >> 20),
        Over::Ratio => {
            format!("part {part} inflates more than {RATIO} times its compressed size (a zip bomb)")
        }
        Over::Parts => format!("it has more than {PARTS} parts"),
        Over::Token => format!(
            "part {part} has a tag or a text longer than {} MB",
            TOKEN_BYTES >> 20
        ),
        Over::Strings => format!("part {part} holds more than {STRINGS} strings"),
        Over::StringBytes => format!(
            "part {part} holds more than {} MB of text",
            STRING_BYTES >> 20
        ),
        Over::Cells => format!("its sheets expand to more than {CELLS} cells"),
        Over::Grid => {
            return IngestError::Workbook(format!(
                "part {part} places a cell outside Excel's grid of {ROWS} rows by {COLUMNS} columns"
            ))
        }
    };
    IngestError::WorkbookBudget { what }
}

/// Reads every part of a zip workbook once, under the budgets.
pub fn check_zip(bytes: &[u8]) -> Result<(), IngestError> {
    let damaged = |e: &dyn std::fmt::Display| IngestError::Workbook(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > PARTS {
        return Err(too_big(Over::Parts, ""));
    }
    let mut total = 0u64;
    let mut cells = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| damaged(&e))?;
        if part.is_dir() {
            continue;
        }
        let name = crate::printable::printable(part.name()).into_owned();
        let compressed = part.compressed_size();
        let mut scan = Scan::for_part(&name);
        let mut inflated = 0u64;
        loop {
            let n = part
                .read(&mut buf)
                .map_err(|e| damaged(&format!("part {name}: {e}")))?;
            if n == 0 {
                break;
            }
            inflated += n as u64;
            total += n as u64;
            if inflated > PART_BYTES {
                return Err(too_big(Over::PartBytes, &name));
            }
            if total > TOTAL_BYTES {
                return Err(too_big(Over::TotalBytes, &name));
            }
            if inflated > RATIO_FLOOR && inflated > compressed.saturating_mul(RATIO) {
                return Err(too_big(Over::Ratio, &name));
            }
            if let Some(scan) = &mut scan {
                scan.feed(&buf[..n]).map_err(|over| too_big(over, &name))?;
            }
        }
        if let Some(scan) = scan {
            cells += scan.finish();
            if cells > CELLS {
                return Err(too_big(Over::Cells, &name));
            }
        }
    }
    Ok(())
}

/// A constant-memory pass over one XML part.
struct Scan {
    kind: Kind,
    in_tag: bool,
    /// Bytes of the current tag or text run.
    run: u64,
    /// The current tag's first bytes (enough for the names and attributes
    /// an OpenDocument cell or row carries).
    tag: Vec<u8>,
    strings: u64,
    string_bytes: u64,
    ods: OdsExtent,
}

#[derive(PartialEq)]
enum Kind {
    Xml,
    /// An xlsx worksheet: its cell references are checked against the grid
    /// (a row number past 2^32 once wrapped onto another row's cell).
    Worksheet,
    SharedStrings,
    OdsContent,
}

impl Scan {
    fn for_part(name: &str) -> Option<Scan> {
        let kind = if name.ends_with("sharedStrings.xml") {
            Kind::SharedStrings
        } else if name == "content.xml" {
            Kind::OdsContent
        } else if name.contains("worksheets/") && name.ends_with(".xml") {
            Kind::Worksheet
        } else if name.ends_with(".xml") || name.ends_with(".rels") {
            Kind::Xml
        } else {
            return None;
        };
        Some(Scan {
            kind,
            in_tag: false,
            run: 0,
            tag: Vec::new(),
            strings: 0,
            string_bytes: 0,
            ods: OdsExtent::default(),
        })
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Over> {
        const KEEP: usize = 512;
        for &b in bytes {
            match (self.in_tag, b) {
                (false, b'<') => {
                    self.in_tag = true;
                    self.run = 0;
                    self.tag.clear();
                }
                (true, b'>') => {
                    self.in_tag = false;
                    self.run = 0;
                    self.end_tag()?;
                }
                _ => {
                    self.run += 1;
                    if self.run > TOKEN_BYTES {
                        return Err(Over::Token);
                    }
                    if self.in_tag {
                        if self.tag.len() < KEEP {
                            self.tag.push(b);
                        }
                    } else if self.kind == Kind::SharedStrings {
                        self.string_bytes += 1;
                        if self.string_bytes > STRING_BYTES {
                            return Err(Over::StringBytes);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn end_tag(&mut self) -> Result<(), Over> {
        let tag = self.tag.as_slice();
        match self.kind {
            Kind::SharedStrings
                if tag.starts_with(b"si") && matches!(tag.get(2), None | Some(b' ' | b'/')) =>
            {
                self.strings += 1;
                if self.strings > STRINGS {
                    return Err(Over::Strings);
                }
            }
            Kind::OdsContent if self.ods.tag(tag) > CELLS => return Err(Over::Cells),
            Kind::Worksheet if tag.starts_with(b"c ") || tag.starts_with(b"row ") => {
                if let Some(reference) = text_attribute(tag, b" r") {
                    let letters = reference
                        .iter()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count();
                    let (column, row) = reference.split_at(letters);
                    let number = |digits: &[u8]| {
                        digits.iter().try_fold(0u64, |n, &d| {
                            d.is_ascii_digit()
                                .then(|| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
                        })
                    };
                    let column = column.iter().fold(0u64, |n, &c| {
                        n.saturating_mul(26)
                            .saturating_add(u64::from(c.to_ascii_uppercase() - b'A' + 1))
                    });
                    match number(row) {
                        Some(row) if row <= ROWS && column <= COLUMNS => {}
                        _ => return Err(Over::Grid),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The cells the part expands to (OpenDocument content only).
    fn finish(self) -> u64 {
        if self.kind == Kind::OdsContent {
            self.ods.total()
        } else {
            0
        }
    }
}

/// What calamine's OpenDocument reader allocates, sheet by sheet: each row
/// element's cells up to its last non-empty one (repeats expanded), and a
/// dense rectangle from the first to the last non-empty row (empty rows
/// between them expanded too) by the widest row.
#[derive(Default)]
struct OdsExtent {
    /// Cells expanded in finished sheets.
    done: u64,
    /// The current row: cells up to the last non-empty one, and empty
    /// cells since then.
    row_cells: u64,
    row_pending: u64,
    row_repeats: u64,
    in_row: bool,
    /// The current sheet: its widest row, the rows from the first
    /// non-empty one to the last, rows since the last non-empty one, and
    /// the cells its rows pushed.
    width: u64,
    span: u64,
    since_last: u64,
    pushed: u64,
}

impl OdsExtent {
    /// Takes one tag; returns a lower bound of the cells so far.
    fn tag(&mut self, tag: &[u8]) -> u64 {
        // From the second byte: a closing tag's name starts with '/'.
        let name_end = tag
            .iter()
            .skip(1)
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .map_or(tag.len(), |at| at + 1);
        let closed = tag.last() == Some(&b'/');
        match &tag[..name_end] {
            b"table:table-row" => {
                self.in_row = true;
                self.row_cells = 0;
                self.row_pending = 0;
                self.row_repeats = attribute(tag, b"table:number-rows-repeated").unwrap_or(1);
                if closed {
                    self.end_row();
                }
            }
            b"/table:table-row" => self.end_row(),
            b"table:table-cell" | b"table:covered-table-cell" if self.in_row => {
                let repeats = attribute(tag, b"table:number-columns-repeated").unwrap_or(1);
                // A cell with a value or with content is not empty; one
                // written `<table:table-cell/>` (or with a style only) is.
                let valued = !closed
                    || contains(tag, b"office:value-type")
                    || contains(tag, b"table:formula");
                if valued {
                    self.row_cells = self
                        .row_cells
                        .saturating_add(self.row_pending)
                        .saturating_add(repeats);
                    self.row_pending = 0;
                } else {
                    self.row_pending = self.row_pending.saturating_add(repeats);
                }
            }
            b"/table:table" => self.end_sheet(),
            _ => {}
        }
        self.done
            .saturating_add(self.pushed)
            .saturating_add(self.span.saturating_mul(self.width))
    }

    fn end_row(&mut self) {
        if !self.in_row {
            return;
        }
        self.in_row = false;
        self.pushed = self.pushed.saturating_add(self.row_cells);
        if self.row_cells > 0 {
            self.width = self.width.max(self.row_cells);
            if self.span > 0 {
                self.span = self.span.saturating_add(self.since_last);
            }
            self.span = self.span.saturating_add(self.row_repeats);
            self.since_last = 0;
        } else if self.span > 0 {
            self.since_last = self.since_last.saturating_add(self.row_repeats);
        }
    }

    fn end_sheet(&mut self) {
        self.done = self.total();
        *self = OdsExtent {
            done: self.done,
            ..OdsExtent::default()
        };
    }

    fn total(&self) -> u64 {
        self.done
            .saturating_add(self.pushed)
            .saturating_add(self.span.saturating_mul(self.width))
    }
}

/// The text of `name="..."` in a tag.
fn text_attribute<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let at = tag
        .windows(name.len() + 2)
        .position(|w| w.starts_with(name) && &w[name.len()..] == b"=\"")?;
    let rest = &tag[at + name.len() + 2..];
    Some(&rest[..rest.iter().position(|&b| b == b'"')?])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The number in `name="N"`; a value that is no number counts as huge.
fn attribute(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = tag.windows(name.len()).position(|w| w == name)? + name.len();
    let rest = tag[at..].strip_prefix(b"=")?;
    let rest = rest.get(1..)?;
    let digits: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    Some(
        std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse().ok())
            .unwrap_or(u64::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(kind: &str, xml: &str) -> Result<u64, Over> {
        let mut scan = Scan::for_part(kind).unwrap();
        // Fed in small pieces: a tag may be cut between two reads.
        for piece in xml.as_bytes().chunks(7) {
            scan.feed(piece)?;
        }
        Ok(scan.finish())
    }

    #[test]
    fn ods_repeats_are_counted_as_calamine_expands_them() {
        let row = |cells: &str, repeat: u64| {
            format!("<table:table-row table:number-rows-repeated=\"{repeat}\">{cells}</table:table-row>")
        };
        let value = r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;
        let empty = |n: u64| format!("<table:table-cell table:number-columns-repeated=\"{n}\"/>");
        // Trailing empty cells and rows cost nothing (LibreOffice writes them).
        let sheet = format!(
            "<table:table>{}{}{}</table:table>",
            row(&format!("{value}{value}{}", empty(16382)), 1),
            row(value, 1),
            row(&empty(16384), 1_048_574)
        );
        assert_eq!(scan("content.xml", &sheet).ok(), Some(2 + 1 + 2 * 2));
        // A value repeated a billion times is counted, not expanded.
        let bomb = format!(
            "<table:table>{}</table:table>",
            row("<table:table-cell table:number-columns-repeated=\"1000000000\" office:value-type=\"float\"/>", 1)
        );
        assert!(matches!(scan("content.xml", &bomb), Err(Over::Cells)));
        // Empty rows between two values are expanded by calamine.
        let gap = format!(
            "<table:table>{}{}{}</table:table>",
            row(value, 1),
            row("", 100_000_000),
            row(value, 1)
        );
        assert!(matches!(scan("content.xml", &gap), Err(Over::Cells)));
    }

    #[test]
    fn shared_strings_and_long_runs_are_bounded() {
        assert_eq!(
            scan("xl/sharedStrings.xml", "<sst><si><t>a</t></si><si/></sst>").ok(),
            Some(0)
        );
        let mut scan = Scan::for_part("xl/worksheets/sheet1.xml").unwrap();
        let spaces = vec![b' '; (TOKEN_BYTES + 1) as usize];
        assert!(matches!(scan.feed(&spaces), Err(Over::Token)));
    }

    #[test]
    fn cell_references_past_the_grid_are_refused() {
        let sheet = |r: &str| {
            format!("<sheetData><row r=\"1\"><c r=\"{r}\" t=\"n\"><v>1</v></c></row></sheetData>")
        };
        assert!(scan("xl/worksheets/sheet1.xml", &sheet("XFD1048576")).is_ok());
        for bad in ["A4294967297", "XFE1", "A1048577", "A1x"] {
            assert!(
                matches!(
                    scan("xl/worksheets/sheet1.xml", &sheet(bad)),
                    Err(Over::Grid)
                ),
                "{bad}"
            );
        }
    }
}
