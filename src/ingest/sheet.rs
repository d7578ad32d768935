//! Excel and OpenDocument workbooks (`.xlsx`, `.xls`, `.xlsb`, `.ods`) as rows.
//!
//! The workbook is opened with `calamine`; the first sheet is read unless
//! the user names another. Each cell becomes the text the rest of ingest
//! already understands: dates (cells with a date format) as `YYYY-MM-DD`,
//! whole numbers without a decimal point (so an id stored as a number, 4,
//! stays "4"), errors as `#DIV/0!` and the like so the row is rejected with
//! that value. A row's line number is its row number in Excel.

use super::budget;
use super::read::{Record, Rows};
use super::IngestError;
use crate::printable::printable;
use calamine::{
    open_workbook_auto_from_rs, Data, DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Sheets,
};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Does `bytes` start like a workbook (ZIP container or OLE compound file)?
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// One sheet row: its cells by column, non-empty ones only.
type SparseRow = Vec<(u32, Data)>;

/// The rows of one sheet, header first, kept sparse: a row holds only its
/// non-empty cells, and rows the sheet does not have take nothing.
pub struct SheetRows {
    pub sheet: String,
    pub sheets: Vec<String>,
    /// `xlsx`, `xlsb`, `xls` or `ods`.
    pub format: &'static str,
    headers: Vec<String>,
    /// Excel row number (1-based) and cells by column, in row order.
    rows: Vec<(u64, SparseRow)>,
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
    /// The file's bytes, or a copy with a VBA project hidden (`budget::xls`).
    inner: Sheets<Cursor<Cow<'a, [u8]>>>,
    pub sheets: Vec<String>,
}

/// Runs a parser step; a panic in calamine becomes a clear error (the CLI
/// unwinds; the page's worker, which aborts, is replaced by the page).
fn guarded<T>(step: impl FnOnce() -> Result<T, IngestError>) -> Result<T, IngestError> {
    catch_unwind(AssertUnwindSafe(step)).unwrap_or_else(|_| {
        Err(IngestError::Workbook(
            "its structure is damaged (the parser stopped)".into(),
        ))
    })
}

fn damaged(e: impl std::fmt::Display) -> IngestError {
    IngestError::Workbook(printable(&e.to_string()).into_owned())
}

/// Opens `bytes` as a workbook, after the bounded first pass of `budget`.
pub fn open_workbook(bytes: &[u8]) -> Result<Workbook<'_>, IngestError> {
    let bytes = if bytes.starts_with(b"PK") {
        budget::check_zip(bytes)?;
        Cow::Borrowed(bytes)
    } else {
        budget::xls::check(bytes)?.map_or(Cow::Borrowed(bytes), Cow::Owned)
    };
    guarded(|| {
        let inner = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(damaged)?;
        let sheets = inner.sheet_names();
        Ok(Workbook { inner, sheets })
    })
}

/// A list of names for a message: the first few, and how many more.
pub fn some_names(names: &[String]) -> String {
    const SHOWN: usize = 20;
    let shown: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| printable(&super::values::clip(n)).into_owned())
        .collect();
    match names.len().saturating_sub(SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
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
                sheet: printable(&super::values::clip(name)).into_owned(),
                sheets: some_names(&workbook.sheets),
            })?,
        None => workbook.sheets.first().cloned().ok_or(IngestError::Empty)?,
    };
    workbook.sheet(&sheet)
}

impl Workbook<'_> {
    /// The rows of sheet `name`.
    pub fn sheet(&mut self, name: &str) -> Result<SheetRows, IngestError> {
        let inner = &mut self.inner;
        let (format, rows) = guarded(|| match inner {
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx.worksheet_cells_reader(name).map_err(damaged)?;
                Ok(("xlsx", streamed(|| reader.next_cell())?))
            }
            Sheets::Xlsb(xlsb) => {
                let mut reader = xlsb.worksheet_cells_reader(name).map_err(damaged)?;
                Ok(("xlsb", streamed(|| reader.next_cell())?))
            }
            other => {
                let format = if matches!(other, Sheets::Ods(_)) {
                    "ods"
                } else {
                    "xls"
                };
                let range = other.worksheet_range(name).map_err(damaged)?;
                let mut cells = Cells::default();
                for (row, column, value) in range.used_cells() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    let at = (
                        r0.saturating_add(row as u32),
                        c0.saturating_add(column as u32),
                    );
                    cells.add(at, value.clone())?;
                }
                Ok((format, cells.rows()))
            }
        })?;
        let mut rows = SheetRows {
            sheet: name.to_string(),
            sheets: self.sheets.clone(),
            format,
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

/// The rows of a sheet calamine streams cell by cell (xlsx, xlsb).
fn streamed<'a, E: std::fmt::Display>(
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
) -> Result<Vec<(u64, SparseRow)>, IngestError> {
    let mut cells = Cells::default();
    while let Some(cell) = next_cell().map_err(damaged)? {
        cells.add(cell.get_position(), Data::from(cell.get_value().clone()))?;
    }
    Ok(cells.rows())
}

/// A sheet's cells gathered sparse, under the cell budget and Excel's grid.
/// Reading a sheet as a dense range would allocate every cell between the
/// first and the farthest one: a single cell at XFD1048576 asks for 17
/// billion cells, 20,000 rows with one cell in XFD for 10 GB.
#[derive(Default)]
struct Cells {
    rows: BTreeMap<u32, SparseRow>,
    /// Every cell seen, empty ones included: each costs parsing.
    seen: u64,
}

impl Cells {
    fn add(&mut self, (row, column): (u32, u32), value: Data) -> Result<(), IngestError> {
        self.seen += 1;
        if self.seen > budget::CELLS {
            return Err(IngestError::WorkbookBudget {
                what: format!("the sheet has more than {} cells", budget::CELLS),
            });
        }
        if u64::from(row) >= budget::ROWS || u64::from(column) >= budget::COLUMNS {
            return Err(outside_grid(u64::from(row) + 1, u64::from(column) + 1));
        }
        if value != Data::Empty {
            self.rows.entry(row).or_default().push((column, value));
        }
        Ok(())
    }

    fn rows(self) -> Vec<(u64, SparseRow)> {
        self.rows
            .into_iter()
            .map(|(row, mut cells)| {
                // A cell written twice keeps its last value, as Excel does.
                cells.reverse();
                cells.sort_by_key(|&(column, _)| column);
                cells.dedup_by_key(|(column, _)| *column);
                (u64::from(row) + 1, cells)
            })
            .collect()
    }
}

/// A cell past Excel's last row or column: the file is damaged.
pub fn outside_grid(row: u64, column: u64) -> IngestError {
    IngestError::Workbook(format!(
        "a cell at row {row}, column {column} lies outside Excel's grid of {} rows by {} columns",
        budget::ROWS,
        budget::COLUMNS
    ))
}

impl SheetRows {
    /// Fills `record` with the next non-blank row; returns its Excel row number.
    fn advance(&mut self) -> Option<u64> {
        while let Some((line, cells)) = self.rows.get(self.next) {
            self.next += 1;
            self.record.clear();
            // A cell far to the right of the header (and of the first
            // 1,024 columns) stands in the column just past them: the row
            // still shows a cell beyond the header, without thousands of
            // empty fields before it (20,000 rows with a cell in XFD).
            let width = match self.headers.len() {
                0 => usize::MAX,
                n => n.max(1024),
            };
            for (column, value) in cells {
                let at = (*column as usize).min(width);
                while self.record.len() < at {
                    self.record.push_field("");
                }
                if self.record.len() == at {
                    self.record.push_field(&cell_text(value));
                }
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
        self.headers.clear();
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
        // The one range check of every date source: a serial outside it is
        // left as its number, which the date parser rejects, never a date
        // that wrapped (serial 23,983,000 once read as 2027-03-22).
        Data::DateTime(dt) if dt.is_datetime() => {
            let in_1904 = *dt == ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, true);
            let serial = dt.as_f64() + if in_1904 { 1462.0 } else { 0.0 };
            match super::values::serial_day(serial) {
                Some(_) => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    format!("{y:04}-{m:02}-{d:02}")
                }
                None => dt.as_f64().to_string(),
            }
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
