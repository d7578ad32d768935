//! `InputReport`: what was read, what was detected and what was rejected.
//!
//! The first part of every `Analysis`: how the file was read, every choice
//! made on weak evidence, and every row left out with its reason.

use super::decision::Decision;
use super::status::StatusValue;
use super::table::TotalRows;
use super::values::{DateOrder, NumberStyle};
use super::{Rejection, Role, Shape};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What was read, what was detected and what was rejected.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InputReport {
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub rows_blank: u64,
    /// Rows dated after `as_of`: read, valid, left out of the analysis.
    pub rows_after_as_of: u64,
    /// Rows left out by their status (cancelled, failed, Closed Lost ...).
    #[serde(default)]
    pub rows_excluded: u64,
    /// "transactions" (one row per purchase) or "summary" (one row per
    /// customer); analyses that need the purchase log say so for a summary.
    pub shape: Shape,
    /// The column cost was taken or derived from: cost, profit or margin.
    pub cost_from: Option<Role>,
    /// "text" (CSV, TSV ...), "xlsx" or "xls".
    pub format: String,
    /// The text encoding detected or forced; empty for workbooks.
    pub encoding: String,
    /// The delimiter sniffed; empty for workbooks.
    pub delimiter: String,
    /// The workbook sheet read, and every sheet the workbook has.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// The day/month order used for year-last dates, if the file has any.
    pub date_order: Option<DateOrder>,
    /// The decimal mark of the amounts, when the file shows one.
    #[serde(default)]
    pub decimal: Option<NumberStyle>,
    /// The line (or sheet row) the headers were read from.
    #[serde(default)]
    pub header_line: u64,
    /// Every choice made on weak evidence, with why and how to change it.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Total, subtotal and footer rows left out, with their lines.
    #[serde(default)]
    pub total_rows: TotalRows,
    /// Every value of the status columns: rows, amount, left out or not.
    #[serde(default)]
    pub status: Vec<StatusValue>,
    pub columns: BTreeMap<String, String>,
    /// Every header of the file, in order.
    pub headers: Vec<String>,
    /// Roles whose column was guessed from the values, not the header.
    pub columns_from_values: Vec<String>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// The first rejections, `{line, column, header, reason}`.
    pub errors: Vec<Rejection>,
}
