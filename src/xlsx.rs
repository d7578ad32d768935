//! The Excel export: the customer table and the call list as an `.xlsx`
//! workbook, typed cell by cell.
//!
//! A sheet is a list of columns, each with a header and a `Kind` (text,
//! integer, money, percent, date, number), and rows of `Cell`s. Every
//! sheet gets a bold, frozen header row, an autofilter over its columns,
//! number formats by kind (`#,##0.00`, `0.0%`, `yyyy-mm-dd`) and column
//! widths that fit the longest value (a CJK character counts as two, as
//! Excel draws it twice as wide). Numbers are written as numbers and dates
//! as dates; text only ever with `write_string`, so a customer named
//! `=HYPERLINK(...)` is a string cell that no spreadsheet evaluates: the
//! OWASP neutralisation the CSV needs (`export::text`) is not needed here,
//! and not applied, so the name reads exactly as in the file. A missing
//! figure (no model prediction) is an empty cell, never 0.
//!
//! The writer is rust_xlsxwriter (Office Open XML, ECMA-376). It keeps
//! every cell in memory until it saves, about 150 bytes a cell, so the
//! workbook is refused above `MAX_ROWS` customers (the CSV has no limit).
//! The creation time is fixed, so the same analysis gives the same bytes.

use crate::call_list::Call;
use crate::compare::{BridgeRow, MovedCustomer};
use crate::customer_table::{CustomerRow, CustomerTable};
use crate::day::Day;
use crate::export::{number, text};
use crate::format::Locale;
use crate::i18n::{column_header, t, Key};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// The most customers a workbook holds: 100,000 rows of 33 cells took
/// 510 MB more than the analysis alone in the CLI (peak RSS 707 against
/// 196 MB), and a tab holds the analysis besides.
pub const MAX_ROWS: usize = 100_000;
/// Excel's limit on one cell's text.
const MAX_TEXT: usize = 32_767;
/// Column widths in characters: at least the filter button's room, at
/// most a readable width (longer text wraps nothing, it is just cut off
/// on screen and complete in the cell).
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 50.0;
/// Room for the autofilter's drop-down button beside a header.
const FILTER_BUTTON: f64 = 3.0;

/// What a column holds, and so how its cells are written and formatted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Money,
    Percent,
    Date,
    Number,
}

/// One cell of an export: the CSV and the workbook render the same cells.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(Day),
    /// A figure that does not exist (no prediction): an empty cell.
    Empty,
}

impl Cell {
    /// The cell as the CSV writes it: text neutralised, numbers as `number`.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => text(s).into_owned(),
            Cell::Number(v) => number(*v),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// An optional text: empty when absent.
    pub fn optional(value: &Option<String>) -> Cell {
        Cell::Text(value.clone().unwrap_or_default())
    }

    /// An optional figure: `Empty` when absent.
    pub fn figure(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
}

/// The rows of a sheet, made as they are written (a large table is never
/// held twice).
pub type Rows<'a> = Box<dyn Iterator<Item = Vec<Cell>> + 'a>;

pub struct Sheet<'a> {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
}

impl<'a> Sheet<'a> {
    /// A sheet whose headers are the export's column keys, in `locale`.
    pub fn new(
        name: &str,
        columns: &[(&'static str, Kind)],
        locale: Locale,
        rows: Rows<'a>,
    ) -> Sheet<'a> {
        let columns = columns
            .iter()
            .map(|&(key, kind)| Column {
                header: column_header(locale, key).to_string(),
                kind,
            })
            .collect();
        Sheet {
            name: name.to_string(),
            columns,
            rows,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum XlsxError {
    #[error("the Excel export holds at most {limit} customers and this analysis has {rows}: use the CSV export, or filter to fewer customers")]
    TooLarge { rows: usize, limit: usize },
    #[error("the workbook could not be written: {0}")]
    Writer(String),
}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> XlsxError {
        XlsxError::Writer(e.to_string())
    }
}

/// Refuses a table too large to build in memory.
pub fn check_size(rows: usize) -> Result<(), XlsxError> {
    match rows > MAX_ROWS {
        true => Err(XlsxError::TooLarge {
            rows,
            limit: MAX_ROWS,
        }),
        false => Ok(()),
    }
}

/// The customer table (the CSV's columns, in its order) and, when the
/// models made one, the call list, as one workbook; refused above
/// `MAX_ROWS` customers (`count` of them).
pub fn customers_workbook<'a>(
    customers: impl Iterator<Item = CustomerRow> + 'a,
    count: usize,
    lists: &'a Lists,
    locale: Locale,
) -> Result<Vec<u8>, XlsxError> {
    check_size(count)?;
    workbook(customer_sheets(customers, lists, locale))
}

/// What the workbook holds beside the customer table: who to call, who
/// moved between the compared periods, and the revenue bridge per tier and
/// per value of every dimension.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    pub calls: Vec<Call>,
    pub moved: Vec<MovedCustomer>,
    pub bridge: Vec<BridgeRow>,
}

impl Lists {
    pub fn of(analysis: &crate::analysis::Analysis, customers: &CustomerTable) -> Lists {
        Lists {
            moved: customers.migration_lists(),
            ..Lists::of_analysis(analysis)
        }
    }

    /// The lists that come from the analysis alone; the moved customers
    /// (one row per customer in either period) are listed when a workbook
    /// is made, not kept.
    pub fn of_analysis(analysis: &crate::analysis::Analysis) -> Lists {
        Lists {
            calls: analysis.call_list.clone(),
            moved: Vec::new(),
            bridge: crate::compare::bridge_rows(&analysis.compare),
        }
    }
}

/// The workbook's sheets: the customers, then who to call, who moved
/// between the periods and the bridge (each when it has rows).
pub fn customer_sheets<'a>(
    customers: impl Iterator<Item = CustomerRow> + 'a,
    lists: &'a Lists,
    locale: Locale,
) -> Vec<Sheet<'a>> {
    use crate::call_list as list;
    use crate::compare;
    use crate::customer_table::csv as table;
    let mut sheets = vec![Sheet::new(
        t(locale, Key::NavCustomers),
        &table::COLUMNS,
        locale,
        Box::new(customers.map(|row| table::cells(&row).to_vec())),
    )];
    if !lists.calls.is_empty() {
        sheets.push(Sheet::new(
            t(locale, Key::CallListTitle),
            &list::COLUMNS,
            locale,
            Box::new(lists.calls.iter().map(|call| list::cells(call).to_vec())),
        ));
    }
    if !lists.moved.is_empty() {
        sheets.push(Sheet::new(
            t(locale, Key::MigrationTitle),
            &compare::MIGRATION_COLUMNS,
            locale,
            Box::new(
                lists
                    .moved
                    .iter()
                    .map(|m| compare::migration_cells(m).to_vec()),
            ),
        ));
    }
    if !lists.bridge.is_empty() {
        sheets.push(Sheet::new(
            t(locale, Key::BridgeTitle),
            &compare::BRIDGE_COLUMNS,
            locale,
            Box::new(
                lists
                    .bridge
                    .iter()
                    .map(|b| compare::bridge_cells(b).to_vec()),
            ),
        ));
    }
    sheets
}

/// The sheets as the bytes of an `.xlsx` file.
pub fn workbook(sheets: Vec<Sheet<'_>>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // 2000-01-01: a fixed creation time keeps the bytes reproducible.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let formats = Formats::new();
    for sheet in sheets {
        write_sheet(book.add_worksheet(), sheet, &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

struct Formats {
    header: Format,
    money: Format,
    percent: Format,
    date: Format,
    number: Format,
    integer: Format,
}

impl Formats {
    fn new() -> Formats {
        let num = |code: &str| Format::new().set_num_format(code);
        Formats {
            header: Format::new().set_bold(),
            money: num("#,##0.00"),
            percent: num("0.0%"),
            date: num("yyyy-mm-dd"),
            number: num("#,##0.00"),
            integer: num("0"),
        }
    }

    fn of(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text => None,
            Kind::Integer => Some(&self.integer),
            Kind::Money => Some(&self.money),
            Kind::Percent => Some(&self.percent),
            Kind::Date => Some(&self.date),
            Kind::Number => Some(&self.number),
        }
    }
}

fn write_sheet(sheet: &mut Worksheet, data: Sheet<'_>, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(&data.name)?;
    let mut widths: Vec<f64> = data
        .columns
        .iter()
        .map(|c| width(&c.header) + FILTER_BUTTON)
        .collect();
    for (col, column) in data.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, &column.header, &formats.header)?;
    }
    let mut last = 0u32;
    for (i, cells) in data.rows.enumerate() {
        last = i as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            let kind = data.columns.get(col).map_or(Kind::Text, |c| c.kind);
            let shown = write_cell(sheet, (last, col as u16), cell, kind, formats)?;
            if let Some(w) = widths.get_mut(col) {
                *w = w.max(width(&shown));
            }
        }
    }
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, w.clamp(MIN_WIDTH, MAX_WIDTH) + 1.0)?;
    }
    let last_col = data.columns.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, last_col)?;
    Ok(())
}

/// Writes one typed cell; returns what Excel will show, for the width.
fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    kind: Kind,
    formats: &Formats,
) -> Result<String, XlsxError> {
    match (cell, formats.of(kind)) {
        (Cell::Text(s), _) => {
            let s = excel_text(s);
            sheet.write_string(row, col, s)?;
            Ok(s.to_string())
        }
        (Cell::Number(v), Some(format)) if v.is_finite() => {
            sheet.write_number_with_format(row, col, *v, format)?;
            Ok(shown_number(*v, kind))
        }
        (Cell::Number(v), None) if v.is_finite() => {
            sheet.write_number(row, col, *v)?;
            Ok(number(*v))
        }
        // Before 1900 Excel has no dates: the ISO text, as the CSV has it.
        (Cell::Date(day), format) => {
            match (excel_date(*day), format) {
                (Some(date), Some(format)) => {
                    sheet.write_datetime_with_format(row, col, &date, format)?
                }
                _ => sheet.write_string(row, col, day.to_string())?,
            };
            Ok(day.to_string())
        }
        // An infinite or NaN figure (the core makes none) stays empty
        // rather than wrong, as does a missing one.
        (Cell::Number(_) | Cell::Empty, _) => Ok(String::new()),
    }
}

/// Text cut at Excel's limit of 32,767 characters (Excel would refuse
/// the file otherwise); no field of a sane export comes near it.
fn excel_text(s: &str) -> &str {
    match s.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// A day as Excel's date; `None` before 1900, where Excel has no dates.
fn excel_date(day: Day) -> Option<ExcelDateTime> {
    let date = day.to_date();
    use chrono::Datelike;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}

/// A number as its format shows it, for the column's width.
fn shown_number(v: f64, kind: Kind) -> String {
    match kind {
        Kind::Percent => format!("{:.1}%", v * 100.0),
        Kind::Integer => format!("{v:.0}"),
        _ => crate::format::grouped(v, 2),
    }
}

/// Display width in characters: East Asian wide characters count two.
pub fn width(s: &str) -> f64 {
    s.chars().map(|c| if is_wide(c) { 2.0 } else { 1.0 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: Vec<Vec<Cell>>) -> Sheet<'static> {
        Sheet {
            name: "S".into(),
            columns: vec![
                Column {
                    header: "name".into(),
                    kind: Kind::Text,
                },
                Column {
                    header: "revenue".into(),
                    kind: Kind::Money,
                },
            ],
            rows: Box::new(rows.into_iter()),
        }
    }

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("abc"), 3.0);
        assert_eq!(width("华东精密"), 8.0);
        assert_eq!(width("ＡＢ"), 4.0);
    }

    #[test]
    fn the_same_sheets_give_the_same_bytes() {
        let rows = || vec![vec![Cell::Text("=1+1".into()), Cell::Number(12.5)]];
        let a = workbook(vec![sheet(rows())]).unwrap();
        let b = workbook(vec![sheet(rows())]).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..2], b"PK");
    }

    #[test]
    fn csv_cells_are_the_export_rules() {
        assert_eq!(Cell::Text("=1+1".into()).csv(), "'=1+1");
        assert_eq!(Cell::Number(-12.0).csv(), "-12");
        assert_eq!(Cell::Empty.csv(), "");
        assert_eq!(Cell::Date(Day(0)).csv(), "1970-01-01");
        assert_eq!(Cell::figure(None), Cell::Empty);
    }

    #[test]
    fn too_many_customers_are_refused_with_the_way_out() {
        assert!(check_size(MAX_ROWS).is_ok());
        let e = check_size(MAX_ROWS + 1).unwrap_err();
        assert!(e.to_string().contains("CSV"), "{e}");
    }

    #[test]
    fn long_text_is_cut_at_excels_limit() {
        let long = "客".repeat(MAX_TEXT + 5);
        assert_eq!(excel_text(&long).chars().count(), MAX_TEXT);
        assert!(workbook(vec![sheet(vec![vec![Cell::Text(long)]])]).is_ok());
    }
}
