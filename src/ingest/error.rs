//! The one error type of ingest: the file cannot be used at all.
//!
//! Each variant carries what a user needs to fix the file: what was found,
//! where, and what was expected. Problems with single rows are not errors;
//! they are `Rejection`s and the import goes on.

use super::map::Role;
use super::table::Rejection;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What a file that is not a text table looks like, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    ZipOrXlsx,
    OldOffice,
    Pdf,
    Png,
    Jpeg,
    Gif,
    Gzip,
    Rar,
    SevenZip,
    Program,
    Utf16WithoutBom,
    Binary,
}

impl FileKind {
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::ZipOrXlsx => "a ZIP archive or an .xlsx workbook",
            FileKind::OldOffice => "an old Excel (.xls) or Office file",
            FileKind::Pdf => "a PDF document",
            FileKind::Png => "a PNG image",
            FileKind::Jpeg => "a JPEG image",
            FileKind::Gif => "a GIF image",
            FileKind::Gzip => "a gzip archive",
            FileKind::Rar => "a RAR archive",
            FileKind::SevenZip => "a 7-Zip archive",
            FileKind::Program => "a program",
            FileKind::Utf16WithoutBom => "UTF-16 text without a byte-order mark",
            FileKind::Binary => "a binary file",
        }
    }
}

fn quoted(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    quoted.join(" and ")
}

fn sheets_hint(sheets: &[String]) -> String {
    if sheets.len() > 1 {
        format!(
            ", or --sheet NAME to read another sheet (the workbook's sheets: {})",
            super::sheet::some_names(sheets)
        )
    } else {
        String::new()
    }
}

#[derive(Debug, Error, Clone, PartialEq, Serialize, Deserialize)]
pub enum IngestError {
    /// A setting out of bounds (the analysis never runs with one).
    #[error(transparent)]
    Settings(#[from] crate::settings::check::SettingsError),

    #[error("the file is empty: expected a CSV or TSV export with a header row and one row per purchase")]
    Empty,

    #[error("the file looks like {}, not a text table: export the data as CSV (UTF-8 or GBK) and try again", kind.describe())]
    NotText { kind: FileKind },

    #[error("the workbook could not be read ({0}): save it again from Excel, or export the sheet as CSV")]
    Workbook(String),

    #[error("the workbook is too large to read safely: {what} (README \"SECURITY\" lists the limits); export the sheet as CSV, which has none")]
    WorkbookBudget { what: String },

    #[error("line {line} has {columns} columns, more than the {limit} a sheet can have (Excel's own limit): check the delimiter (--map, --encoding), or export only the columns needed")]
    TooManyColumns { line: u64, columns: u64, limit: u64 },

    #[error("the workbook has no sheet \"{sheet}\"; its sheets are: {sheets}")]
    SheetNotFound { sheet: String, sheets: String },

    #[error("dates such as \"{example}\" (line {line}) put the year last, and no date in the file shows whether the day or the month comes first: choose the order (--date-order dmy for 3 April, mdy for March 4)")]
    AmbiguousDates { example: String, line: u64 },

    #[error("line {line} reads as data, not as headers (such as \"{example}\"): add a header row naming the columns (for example customer, date, amount), or pass --header-row N if the headers are further down")]
    NoHeaderRow { line: u64, example: String },

    #[error("the amounts are in several currencies ({}) in column \"{header}\": adding them would mix money; filter the file to one currency, or map an amount column that is already converted (--map amount=HEADER)", values.join(", "))]
    MixedCurrencies { header: String, values: Vec<String> },

    #[error("all {rows} data rows were left out by their status ({}): none is revenue by the default rule; pass --keep-status VALUE for the values that are", values.join(", "))]
    AllExcluded { rows: u64, values: Vec<String> },

    #[error("--header-row {line}: the file has no row on line {line} (or it is blank); give the line the headers are on, as a text editor or Excel numbers it")]
    HeaderRowNotFound { line: u64 },

    #[error("unknown encoding \"{0}\": use a name such as utf-8, utf-16le, gbk or gb18030")]
    UnknownEncoding(String),

    #[error("the file has a header row but no data rows")]
    NoDataRows,

    #[error("it reads as a transaction log (it has a date column), not as a customer master: give it as the log, and as the master a file with one row per customer (a customer id, and columns such as industry, region, potential)")]
    MasterIsALog { file: String },

    #[error("no customer id column to join the customer master to the log by: expected a header such as customer_id, 客户编号 or 客户名称; its headers are: {found}. Pass --master-map customer=HEADER")]
    MasterNoKey { file: String, found: String },

    #[error("both files read as transaction logs: drop one log and, beside it, a customer master (one row per customer: a customer id, and columns such as industry, region, potential)")]
    TwoLogs,

    #[error("neither file has a transaction date: one must be the log (customer, date, amount), the other the customer master")]
    NoLog,

    #[error("no {} column: expected a header such as {expected}; the headers on line {header_line} are: {found}. Pass --map {}=HEADER, or --header-row N if the headers are on another line{}", role.key(), role.key(), sheets_hint(sheets))]
    MissingColumn {
        role: Role,
        expected: String,
        found: String,
        /// Every header, for the page to offer them.
        headers: Vec<String>,
        /// The line the headers were read from.
        #[serde(default)]
        header_line: u64,
        /// The workbook's sheets, when the file is one.
        #[serde(default)]
        sheets: Vec<String>,
    },

    #[error("{} columns could be the {}: {} (their values differ, and nothing says which is right): choose one with --map {}=HEADER", candidates.len(), role.key(), quoted(candidates), role.key())]
    AmbiguousColumn {
        role: Role,
        candidates: Vec<String>,
        /// Every header, for the page to offer them.
        headers: Vec<String>,
        /// The other roles as guessed, for the page to show them chosen.
        columns: std::collections::BTreeMap<String, String>,
    },

    #[error("amounts such as \"{example}\" (line {line}) could use a decimal point or a decimal comma, and no amount in the file shows which: choose one (--decimal point for 12.500 = 12.5, --decimal comma for 12.500 = 12500)")]
    AmbiguousDecimal { example: String, line: u64 },

    #[error(
        "--map {role}={header}: the file has no column \"{header}\"; its headers are: {found}"
    )]
    MappedColumnNotFound {
        role: String,
        header: String,
        found: String,
    },

    #[error("unknown role \"{0}\" in a column mapping: the roles are {1}")]
    UnknownRole(String, String),

    #[error("line {line}: the file could not be read as a table ({reason})")]
    Malformed { line: u64, reason: String },

    #[error("no transactions on or before the as-of date {as_of}: the file's transactions start on {first}")]
    NothingBeforeAsOf { as_of: String, first: String },

    #[error("the summary is as of {made} (its as_of column), and its model columns hold for that day only: leave the as-of date empty, or run the SQL again with as_of = {asked}")]
    SummaryAsOf { asked: String, made: String },

    #[error("no customer has {key} = \"{value}\"; the file's dimensions and values: {known}")]
    EmptyFilter {
        key: String,
        value: String,
        known: String,
    },

    #[error("the file is {:.1} MB and the page reads files up to {} MB: a larger one could exhaust the browser tab's memory. Aggregate the transactions to one row per customer (the summary shape: customer, first_purchase, last_purchase, orders, revenue; see \"Bigger data\" in the README), or run the tierlens command-line tool on the file", *bytes as f64 / 1e6, limit / 1_000_000)]
    TooLarge { bytes: u64, limit: u64 },

    #[error("none of the {rows} data rows could be used; the first problem: line {}, column {}: {}", first.line, first.column, first.reason)]
    NoUsableRows { rows: u64, first: Box<Rejection> },
}
