//! Excel and OpenDocument workbooks (`.xlsx`, `.xls`, `.xlsb`, `.ods`) as rows.
//!
//! The workbook is opened with `calamine`; the first sheet is read unless
//! the user names another. Each cell becomes the text the rest of ingest
//! already understands: dates (cells with a date format) as `YYYY-MM-DD`,
//! whole numbers without a decimal point (so an id stored as a number, 4,
//! stays "4"), errors as `#DIV/0!` and the like so the row is rejected with
//! that value. A row's line number is its row number in Excel.

use super::read::{Record, Rows};
use super::IngestError;
use calamine::{open_workbook_auto_from_rs, Data, Range, Reader, Sheets, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Does `bytes` start like a workbook (ZIP container or OLE compound file)?
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// The rows of one sheet, header first, kept sparse: a row holds only the
/// cells up to its last one, and rows the sheet does not have take nothing.
pub struct SheetRows {
    pub sheet: String,
    pub sheets: Vec<String>,
    headers: Vec<String>,
    /// Excel row number (1-based) and cells by column, in row order.
    rows: Vec<(u64, Vec<Data>)>,
    /// Index into `rows` of the next row to read.
    next: usize,
    /// Index into `rows` of the header row, and the blank rows above it.
    header_at: usize,
    blank_above: u64,
    blank_rows: u64,
    record: csv::StringRecord,
}

/// An open workbook, to read one sheet or several.
pub struct Workbook<'a> {
    inner: Sheets<Cursor<&'a [u8]>>,
    pub sheets: Vec<String>,
}

/// Opens `bytes` as a workbook.
pub fn open_workbook(bytes: &[u8]) -> Result<Workbook<'_>, IngestError> {
    let inner = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| IngestError::Workbook(e.to_string()))?;
    let sheets = inner.sheet_names();
    Ok(Workbook { inner, sheets })
}

/// Opens `bytes` as a workbook and reads the sheet named `wanted` (or the first).
pub fn open(bytes: &[u8], wanted: Option<&str>) -> Result<SheetRows, IngestError> {
    let mut workbook = open_workbook(bytes)?;
    let sheet = match wanted {
        Some(name) => workbook
            .sheets
            .iter()
            .find(|s| s.as_str() == name)
            .cloned()
            .ok_or_else(|| IngestError::SheetNotFound {
                sheet: name.to_string(),
                sheets: workbook.sheets.join(", "),
            })?,
        None => workbook.sheets.first().cloned().ok_or(IngestError::Empty)?,
    };
    workbook.sheet(&sheet)
}

impl Workbook<'_> {
    /// The rows of sheet `name`.
    pub fn sheet(&mut self, name: &str) -> Result<SheetRows, IngestError> {
        let rows = match &mut self.inner {
            Sheets::Xlsx(xlsx) => sparse_rows(xlsx, name)?,
            other => dense_rows(
                other
                    .worksheet_range(name)
                    .map_err(|e| IngestError::Workbook(e.to_string()))?,
            ),
        };
        let mut rows = SheetRows {
            sheet: name.to_string(),
            sheets: self.sheets.clone(),
            headers: Vec::new(),
            rows,
            next: 0,
            header_at: 0,
            blank_above: 0,
            blank_rows: 0,
            record: csv::StringRecord::new(),
        };
        rows.start_at(0)?;
        Ok(rows)
    }
}

/// An xlsx sheet streamed cell by cell. Reading it as a dense range would
/// allocate every cell between the first and the farthest one: a single
/// cell at XFD1048576 asks for 17 billion cells.
fn sparse_rows(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<(u64, Vec<Data>)>, IngestError> {
    let error = |e: calamine::XlsxError| IngestError::Workbook(e.to_string());
    let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(error)?;
    let mut rows: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(error)? {
        let (row, column) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value != Data::Empty {
            rows.entry(row).or_default().push((column, value));
        }
    }
    Ok(rows
        .into_iter()
        .map(|(row, mut cells)| {
            cells.sort_by_key(|&(column, _)| column);
            let width = cells.last().map_or(0, |&(column, _)| column as usize + 1);
            let mut dense = vec![Data::Empty; width];
            for (column, value) in cells {
                dense[column as usize] = value;
            }
            (row as u64 + 1, dense)
        })
        .collect())
}

/// The other formats come as a range from calamine.
fn dense_rows(range: Range<Data>) -> Vec<(u64, Vec<Data>)> {
    let first_row = range.start().map_or(0, |(row, _)| row as u64);
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i as u64 + 1, cells.to_vec()))
        .collect()
}

impl SheetRows {
    /// Fills `record` with the next non-blank row; returns its Excel row number.
    fn advance(&mut self) -> Option<u64> {
        while let Some((line, cells)) = self.rows.get(self.next) {
            self.next += 1;
            self.record.clear();
            for cell in cells {
                self.record.push_field(&cell_text(cell));
            }
            if self.record.iter().all(|c| c.trim().is_empty()) {
                self.blank_rows += 1;
                continue;
            }
            return Some(*line);
        }
        None
    }
}

impl Rows for SheetRows {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_record(&mut self) -> Result<Option<Record<'_>>, IngestError> {
        Ok(self.advance().map(|line| Record {
            line,
            cells: &self.record,
        }))
    }

    fn blank_rows(&self) -> u64 {
        self.blank_rows
    }

    /// Progress through a sheet counts rows, not bytes.
    fn position(&self) -> (u64, u64) {
        (self.next as u64, self.rows.len() as u64)
    }

    fn rewind(&mut self) -> Result<(), IngestError> {
        self.next = self.header_at + 1;
        self.blank_rows = self.blank_above;
        Ok(())
    }

    fn start_at(&mut self, skip: usize) -> Result<(), IngestError> {
        self.next = 0;
        self.blank_rows = 0;
        for _ in 0..skip {
            self.advance().ok_or(IngestError::Empty)?;
        }
        self.advance().ok_or(IngestError::Empty)?;
        self.header_at = self.next - 1;
        self.blank_above = self.blank_rows;
        self.headers = self.record.iter().map(|h| h.trim().to_string()).collect();
        Ok(())
    }

    fn header_line(&self) -> u64 {
        self.rows.get(self.header_at).map_or(1, |(line, _)| *line)
    }
}

/// A cell as text the value parsers read.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_become_the_text_ingest_reads() {
        assert_eq!(cell_text(&Data::Float(4.0)), "4");
        assert_eq!(cell_text(&Data::Float(29.33)), "29.33");
        assert_eq!(cell_text(&Data::Int(-7)), "-7");
        assert_eq!(cell_text(&Data::String("00004".into())), "00004");
        let date = ExcelDateTime::new(35431.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "1997-01-01");
        let date_1904 = ExcelDateTime::new(33969.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell_text(&Data::DateTime(date_1904)), "1997-01-01");
        assert_eq!(
            cell_text(&Data::Error(calamine::CellErrorType::Div0)),
            "##DIV/0!"
        );
    }

    #[test]
    fn not_a_workbook_is_a_clear_error() {
        let err = open(b"PK\x03\x04 not really a zip", None).err().unwrap();
        assert!(matches!(err, IngestError::Workbook(_)), "{err:?}");
    }
}
