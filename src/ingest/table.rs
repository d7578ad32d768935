//! The columnar transaction table and the record of every rejected row.
//!
//! One row per transaction in parallel columns: an interned customer index
//! (`u32`), a `Day`, the amount and, when the file has one, the cost. That is
//! 16 to 24 bytes a row, so millions of rows fit in a browser tab. Customer
//! dimensions (name, industry, region, account manager) are kept once per
//! customer: the first non-empty value seen.
//!
//! A row that cannot be read is rejected with its line, column and reason;
//! all rejected rows are counted and kept as CSV for download, and the
//! first `MAX_EXAMPLES` are kept as structured examples.

use super::category::{self, Category};
use super::id_index::IdIndex;
use super::layout;
use super::map::Shape;
use super::map::{ColumnMap, Role};
use super::read::{Record, Rows};
use super::status::{StatusChoice, StatusKind, StatusValue};
use super::values::{
    clip, parse_amount_in, parse_count, parse_date, parse_margin, DateOrder, NumberStyle,
    ValueError,
};
use super::IngestError;
use crate::day::Day;
use crate::export;
use crate::summary::{self, Model, ModelRow, Params};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// How many rejections are kept with full detail for the report.
pub const MAX_EXAMPLES: usize = 100;

/// Distinct status values counted one by one; more are still judged.
const MAX_STATUS_VALUES: usize = 200;

/// How to read the rows beyond the column map: what the engine decided
/// from the whole file or was told.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Day/month order of year-last dates.
    pub order: Option<DateOrder>,
    /// The decimal mark of the file's amounts.
    pub style: Option<NumberStyle>,
    /// Multipliers of money columns whose header names a unit (金额(万元)).
    pub units: BTreeMap<Role, f64>,
    /// Group layout: the customer column is filled down from group rows.
    pub fill_down: bool,
    /// A payment account's export: where the customer cell holds the
    /// account's owner (the second field), the customer is in the column
    /// of the first.
    pub counterparty: Option<(usize, String)>,
    /// Which status values are left out.
    pub status: StatusChoice,
}

/// Total, subtotal and footer rows: neither customers nor rejections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TotalRows {
    pub count: u64,
    /// The first `MAX_EXAMPLES`, with their lines.
    pub lines: Vec<TotalLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalLine {
    pub line: u64,
    pub text: String,
}

/// One rejected row: where, what, and why in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// 1-based line where the row starts, as a text editor counts.
    pub line: u64,
    /// 1-based column (field) number.
    pub column: usize,
    /// The header of that column.
    pub header: String,
    /// The English sentence; the page words it from `role` and `problem`.
    pub reason: String,
    /// The role of the column; `None` for a cell beyond the last header.
    pub role: Option<Role>,
    pub problem: ValueError,
    /// The offending cell, clipped to a readable length.
    pub value: String,
}

/// The short kind a rejection is counted under: "bad date", "empty customer",
/// "extra cell".
pub fn kind(role: Option<Role>, problem: ValueError) -> String {
    match (problem, role) {
        (ValueError::BadBytes, _) => "invalid bytes".into(),
        (ValueError::RepeatedCustomer, _) => "repeated customer".into(),
        (ValueError::ExtraCell, _) | (_, None) => "extra cell".into(),
        (ValueError::Empty, Some(role)) => format!("empty {}", role.key()),
        (_, Some(role)) => format!("bad {}", role.key()),
    }
}

/// Per-customer descriptive columns, interned.
pub const DIMENSIONS: [Role; 4] = [
    Role::CustomerName,
    Role::Industry,
    Role::Region,
    Role::AccountManager,
];

#[derive(Debug, Default)]
pub struct Table {
    /// Customer id text for each interned index.
    pub ids: Vec<String>,
    pub customer: Vec<u32>,
    pub day: Vec<Day>,
    pub amount: Vec<f64>,
    pub cost: Option<Vec<f64>>,
    /// For a customer summary, one entry per row; `None` for a transaction log.
    pub summary: Option<Vec<SummaryRow>>,
    /// A richer summary's model columns, one entry per row.
    pub model: Option<Model>,
    /// For each of `DIMENSIONS` present in the file: a value per customer.
    pub dimensions: BTreeMap<Role, Vec<Option<String>>>,
    /// The columns customers can be sliced by (industry, region, ...).
    pub categories: Vec<Category>,
    /// Each customer's annual potential, from a joined customer master
    /// (`master::join`); `None` without a potential column.
    pub potential: Option<Vec<Option<f64>>>,
    pub rows_read: u64,
    pub rows_blank: u64,
    pub rows_rejected: u64,
    /// Rejected row counts by short reason kind ("bad date", ...).
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub examples: Vec<Rejection>,
    /// Every rejected row as CSV: line, column, reason, then its cells.
    pub rejected_csv: String,
    pub total_rows: TotalRows,
    /// Group rows of a group layout (a customer's name above its lines).
    pub group_rows: u64,
    /// Further line items of an order whose amount stands on its first line.
    pub line_item_rows: u64,
    /// Rows left out by their status, and every status value seen.
    pub rows_excluded: u64,
    pub status_values: Vec<StatusValue>,
    /// Refunds subtracted from the amounts, and on how many rows.
    pub refunds: f64,
    pub refund_rows: u64,
}

impl Table {
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    pub fn customers(&self) -> usize {
        self.ids.len()
    }

    /// The columns grow by doubling while rows are read: up to half of
    /// them can be unused, and the table lives as long as the analysis.
    fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.customer.shrink_to_fit();
        self.day.shrink_to_fit();
        self.amount.shrink_to_fit();
        if let Some(cost) = &mut self.cost {
            cost.shrink_to_fit();
        }
        for values in self.dimensions.values_mut() {
            values.shrink_to_fit();
        }
        for category in &mut self.categories {
            category.code.shrink_to_fit();
        }
    }

    /// The rows dated on or before `as_of`, with customers that have none
    /// left out; also the number of rows dropped. The usual case, nothing
    /// after `as_of`, costs one scan.
    pub fn until(self, as_of: Day) -> (Table, u64) {
        let later = self.day.iter().filter(|&&d| d > as_of).count() as u64;
        if later == 0 {
            return (self, 0);
        }
        (self.subset(|row| self.day[row] <= as_of), later)
    }

    /// The rows for which `keep(row)` holds, with customers that have none
    /// left out. Read counts and rejections are not carried over.
    pub fn subset(&self, keep: impl Fn(usize) -> bool) -> Table {
        let mut kept = Table {
            cost: self.cost.as_ref().map(|_| Vec::new()),
            summary: self.summary.as_ref().map(|_| Vec::new()),
            dimensions: self.dimensions.keys().map(|&r| (r, Vec::new())).collect(),
            ..Table::default()
        };
        let mut rows_kept = Vec::new();
        let mut new_index = vec![u32::MAX; self.ids.len()];
        let mut old_of = Vec::new();
        for row in (0..self.len()).filter(|&r| keep(r)) {
            let old = self.customer[row] as usize;
            if new_index[old] == u32::MAX {
                new_index[old] = kept.ids.len() as u32;
                old_of.push(old as u32);
                kept.ids.push(self.ids[old].clone());
                for (role, values) in kept.dimensions.iter_mut() {
                    values.push(self.dimensions[role][old].clone());
                }
            }
            kept.customer.push(new_index[old]);
            kept.day.push(self.day[row]);
            kept.amount.push(self.amount[row]);
            if let (Some(k), Some(c)) = (kept.cost.as_mut(), self.cost.as_ref()) {
                k.push(c[row]);
            }
            if let (Some(k), Some(s)) = (kept.summary.as_mut(), self.summary.as_ref()) {
                k.push(s[row]);
            }
            rows_kept.push(row);
        }
        kept.model = self.model.as_ref().map(|m| m.pick(rows_kept.into_iter()));
        kept.categories = self.categories.iter().map(|c| c.subset(&old_of)).collect();
        kept.potential = self
            .potential
            .as_ref()
            .map(|p| old_of.iter().map(|&o| p[o as usize]).collect());
        kept
    }

    /// The rows of customers whose `category` value is `value` (`None`:
    /// customers without a value). An unknown category keeps nothing.
    pub fn with_category(&self, category: &str, value: Option<&str>) -> Table {
        let Some(c) = self.categories.iter().find(|c| c.key == category) else {
            return self.subset(|_| false);
        };
        let wanted: Vec<bool> = (0..self.ids.len())
            .map(|i| c.value_of(i) == value)
            .collect();
        self.subset(|row| wanted[self.customer[row] as usize])
    }
}

/// How far reading has come: rows so far, and how much of the source
/// (bytes of decoded text, or rows of a sheet) out of `total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub rows: u64,
    pub bytes: u64,
    pub total: u64,
}

/// Rows between two progress reports: often enough for a smooth bar,
/// rare enough to cost nothing.
const PROGRESS_EVERY: u64 = 1 << 16;
/// After this many records the rest of the file's rows are estimated from
/// the bytes they took, and the columns reserved for them.
const RESERVE_AFTER: u64 = 4096;

/// Reads every record of `records` into a `Table`, reporting progress.
pub fn build(
    rows: &mut dyn Rows,
    map: &ColumnMap,
    plan: &Plan,
    progress: &mut dyn FnMut(Parsed),
) -> Result<Table, IngestError> {
    let mut builder = Builder::new(map, plan);
    builder.lossy = rows.lossy();
    let mut records = 0u64;
    while let Some(record) = rows.next_record()? {
        builder.push(&record);
        records += 1;
        if records == RESERVE_AFTER {
            builder.reserve(rows.position());
        }
        let read = builder.table.rows_read;
        if read % PROGRESS_EVERY == 0 {
            let (bytes, total) = rows.position();
            progress(Parsed {
                rows: read,
                bytes,
                total,
            });
        }
    }
    let (_, total) = rows.position();
    progress(Parsed {
        rows: builder.table.rows_read,
        bytes: total,
        total,
    });
    builder.table.rows_blank = rows.blank_rows();
    builder.finish()
}

struct Builder<'m> {
    map: &'m ColumnMap,
    plan: &'m Plan,
    order: Option<DateOrder>,
    headers: &'m [String],
    index: IdIndex,
    table: Table,
    rejected: Option<csv::Writer<Vec<u8>>>,
    /// The customer of the current group, in a group layout.
    group: Option<String>,
    /// A report footer was seen: short rows after it are footer too.
    after_footer: bool,
    /// The column whose date makes a row data, never a total: the
    /// transaction date, or a summary's last or first purchase.
    dated_by: Option<usize>,
    /// The order number (or customer) of the last data row, to tell its
    /// line items.
    last_order: String,
    /// Status columns, with how their values are judged.
    statuses: Vec<(Role, usize, StatusKind)>,
    status_index: HashMap<(Role, String), usize>,
    /// The decoder put U+FFFD for bad bytes: rows holding one are rejected.
    lossy: bool,
}

/// The cell that made a row unusable.
struct Bad {
    column: usize,
    role: Option<Role>,
    problem: ValueError,
    value: String,
}

/// The value of one row once every cell it needs has been read.
struct Row<'r> {
    customer: Cow<'r, str>,
    /// The transaction's date; for a summary row, its last (or first) purchase.
    day: Day,
    amount: f64,
    /// The refund already taken off `amount`.
    refund: f64,
    cost: Option<f64>,
    summary: Option<SummaryRow>,
    model: Option<ModelCells>,
}

/// A row's model columns as read, before they join the table's.
struct ModelCells {
    row: ModelRow,
    months: Vec<[u16; 2]>,
    params: Params,
}

/// What a customer-summary row adds to a row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SummaryRow {
    pub first: Option<Day>,
    pub last: Option<Day>,
    pub orders: Option<u32>,
}

/// Which column gives the cost, in order of preference.
pub fn cost_source(map: &ColumnMap) -> Option<Role> {
    [Role::Cost, Role::Profit, Role::Margin]
        .into_iter()
        .find(|&r| map.get(r).is_some())
}

fn bad(role: Role, (column, text): (usize, &str), problem: ValueError) -> Bad {
    Bad {
        column,
        role: Some(role),
        problem,
        value: clip(text),
    }
}

impl<'m> Builder<'m> {
    fn new(map: &'m ColumnMap, plan: &'m Plan) -> Builder<'m> {
        let headers = map.headers();
        let mut table = Table::default();
        if map.shape() == Shape::Summary {
            table.summary = Some(Vec::new());
            let present: Vec<Role> = std::iter::once(Role::Orders)
                .chain(Role::MODEL)
                .filter(|&r| map.get(r).is_some())
                .collect();
            if present.iter().any(|r| r.is_model()) {
                table.model = Some(Model::new(present));
            }
        }
        if cost_source(map).is_some() {
            table.cost = Some(Vec::new());
        }
        for role in DIMENSIONS {
            if map.get(role).is_some() {
                table.dimensions.insert(role, Vec::new());
            }
        }
        table.categories = categories(map, headers);
        let statuses = [Role::Status, Role::TransactionType]
            .into_iter()
            .filter_map(|role| {
                let i = map.get(role)?;
                Some((role, i, StatusKind::of(role, &headers[i])))
            })
            .collect();
        Builder {
            map,
            plan,
            order: plan.order,
            headers,
            index: IdIndex::default(),
            table,
            rejected: None,
            group: None,
            after_footer: false,
            dated_by: [Role::Date, Role::LastPurchase, Role::FirstPurchase]
                .into_iter()
                .find_map(|r| map.get(r)),
            last_order: String::new(),
            statuses,
            status_index: HashMap::new(),
            lossy: false,
        }
    }

    /// Reserves the columns and the id index for the rows still to come,
    /// estimated from how far `RESERVE_AFTER` records came: growing by
    /// doubling, a million-row column was copied twenty times and could
    /// end up with half its capacity unused, and the index rehashed every
    /// id at each doubling. Customers are estimated as if they kept
    /// arriving at the same rate, at most one per row.
    fn reserve(&mut self, (done, total): (u64, u64)) {
        if done == 0 || total <= done {
            return;
        }
        let scale = |n: usize| (n as f64 * total as f64 / done as f64 * 1.02) as usize;
        // A row of a log takes 16 bytes or more (`1,2024-01-01,5` and its
        // line break): at most the file's size in 16-byte columns, however
        // short the first rows were.
        let rows = scale(self.table.len()).min((total / 16) as usize);
        let more = rows.saturating_sub(self.table.len());
        self.table.customer.reserve(more);
        self.table.day.reserve(more);
        self.table.amount.reserve(more);
        if let Some(cost) = &mut self.table.cost {
            cost.reserve(more);
        }
        let customers = scale(self.table.customers()).min(rows);
        self.index.reserve(customers, &self.table.ids);
    }

    fn push(&mut self, record: &Record<'_>) {
        let date = self.dated_by;
        let found =
            layout::total_row(record.cells, date, self.map.get(Role::Customer)).or_else(|| {
                self.after_footer
                    .then(|| layout::footer_tail(record.cells, date))?
            });
        if let Some((text, footer)) = found {
            self.after_footer |= footer;
            let text = clip(text);
            self.note_total(record.line, text);
            return;
        }
        if self.plan.fill_down {
            let column = self.map.get(Role::Customer).unwrap_or(0);
            if let Some(label) = layout::group_label(record.cells, column) {
                self.group = Some(label.to_string());
                self.table.group_rows += 1;
                return;
            }
        }
        if self.is_line_item(record) {
            self.table.line_item_rows += 1;
            return;
        }
        self.table.rows_read += 1;
        let excluded = self.excluded_by_status(record);
        if excluded {
            self.table.rows_excluded += 1;
            let amount = self.read_amount(record).unwrap_or(0.0);
            self.tally_status(record, amount, true);
            return;
        }
        match self
            .read_row(record)
            .and_then(|row| self.admit(row, record))
        {
            Ok(row) => {
                self.tally_status(record, row.amount, false);
                self.add(row, record)
            }
            Err(bad) => self.reject(record, bad),
        }
    }

    fn note_total(&mut self, line: u64, text: String) {
        let totals = &mut self.table.total_rows;
        totals.count += 1;
        if totals.lines.len() < MAX_EXAMPLES {
            totals.lines.push(TotalLine { line, text });
        }
    }

    /// A further line of an order (Shopify writes the order's amount,
    /// status and date on its first line only): no amount and no date of
    /// its own, and the same order number as the row before (or, without
    /// an order number column, the same customer).
    fn is_line_item(&mut self, record: &Record<'_>) -> bool {
        let key_role = if self.map.get(Role::OrderId).is_some() {
            Role::OrderId
        } else {
            Role::Customer
        };
        let key = self.cell(record, key_role).1;
        let bare = self.cell(record, Role::Amount).1.is_empty()
            && self.map.get(Role::Amount).is_some()
            && self.cell(record, Role::Date).1.is_empty();
        if bare && !key.is_empty() && key == self.last_order {
            return true;
        }
        if key != self.last_order {
            // Reuse the buffer: this runs on every row of a large file.
            self.last_order.clear();
            self.last_order.push_str(key);
        }
        false
    }

    fn excluded_by_status(&self, record: &Record<'_>) -> bool {
        self.statuses.iter().any(|&(_, i, kind)| {
            let value = record.cells.get(i).unwrap_or("").trim();
            self.plan.status.excludes(kind, value)
        })
    }

    /// Counts the row under each of its status values.
    fn tally_status(&mut self, record: &Record<'_>, amount: f64, excluded: bool) {
        for &(role, i, kind) in &self.statuses {
            let value = record.cells.get(i).unwrap_or("").trim();
            let key = (role, value.to_string());
            let index = match self.status_index.get(&key) {
                Some(&index) => index,
                None if self.table.status_values.len() < MAX_STATUS_VALUES => {
                    let index = self.table.status_values.len();
                    self.table.status_values.push(StatusValue {
                        role,
                        column: self.headers[i].clone(),
                        value: clip(value),
                        rows: 0,
                        amount: 0.0,
                        excluded: self.plan.status.excludes(kind, value),
                    });
                    self.status_index.insert(key, index);
                    index
                }
                None => continue,
            };
            let tally = &mut self.table.status_values[index];
            tally.rows += 1;
            tally.amount += amount;
            tally.excluded |= excluded && self.plan.status.excludes(kind, value);
        }
    }

    /// Reads the cells of one row, or says which cell is wrong and why.
    fn read_row<'r>(&self, record: &Record<'r>) -> Result<Row<'r>, Bad> {
        if let Some(extra) = self.extra_cell(record) {
            return Err(extra);
        }
        if let Some(damaged) = self.damaged_cell(record) {
            return Err(damaged);
        }
        let customer = self.customer(record)?;
        let (day, summary) = match self.map.shape() {
            Shape::Transactions => {
                let date = self.cell(record, Role::Date);
                (
                    parse_date(date.1, self.order).map_err(|e| bad(Role::Date, date, e))?,
                    None,
                )
            }
            Shape::Summary => {
                let s = self.read_summary(record)?;
                // A summary row has at least one of its purchase dates.
                (s.last.or(s.first).unwrap_or_default(), Some(s))
            }
        };
        let model = match (&self.table.model, &summary) {
            (Some(_), Some(s)) => Some(self.read_model(record, s)?),
            _ => None,
        };
        let (amount, refund) = self.read_money(record)?;
        let cost = self.read_cost(record, amount)?;
        Ok(Row {
            customer,
            day,
            amount,
            refund,
            cost,
            summary,
            model,
        })
    }

    /// The row's customer; in a group layout, the group's when the cell is empty.
    fn customer<'r>(&self, record: &Record<'r>) -> Result<Cow<'r, str>, Bad> {
        let mut cell = self.cell(record, Role::Customer);
        if let Some((other, owner)) = &self.plan.counterparty {
            if cell.1 == owner {
                cell = (*other, record.cells.get(*other).unwrap_or("").trim());
            }
        }
        match (&self.group, cell.1.is_empty()) {
            (_, false) => Ok(Cow::Borrowed(cell.1)),
            (Some(group), true) if self.plan.fill_down => Ok(Cow::Owned(group.clone())),
            _ => Err(bad(Role::Customer, cell, ValueError::Empty)),
        }
    }

    /// A money cell of `role`, in the file's decimal style and the unit
    /// its header names.
    fn money(&self, record: &Record<'_>, role: Role) -> Result<f64, Bad> {
        let cell = self.cell(record, role);
        let value = parse_amount_in(cell.1, self.plan.style).map_err(|e| bad(role, cell, e))?;
        Ok(value * self.plan.units.get(&role).copied().unwrap_or(1.0))
    }

    /// The row's net amount: the amount column (or quantity × unit price
    /// when the file has none) less any refund on the row.
    fn read_amount(&self, record: &Record<'_>) -> Result<f64, Bad> {
        Ok(self.read_money(record)?.0)
    }

    /// The row's net amount and the refund taken off it (0 without one).
    fn read_money(&self, record: &Record<'_>) -> Result<(f64, f64), Bad> {
        let gross = if self.map.get(Role::Amount).is_some() || !self.map.derives_amount() {
            self.money(record, Role::Amount)?
        } else {
            let cell = self.cell(record, Role::Quantity);
            let quantity = parse_amount_in(cell.1, self.plan.style)
                .map_err(|e| bad(Role::Quantity, cell, e))?;
            quantity * self.money(record, Role::UnitPrice)?
        };
        if self.map.get(Role::Refund).is_none() || self.cell(record, Role::Refund).1.is_empty() {
            return Ok((gross, 0.0));
        }
        let refund = self.money(record, Role::Refund)?.abs();
        Ok((gross - refund, refund))
    }

    /// The row's cost: from the cost column, else revenue less profit, else
    /// revenue times (1 − margin); `None` when the file has none of them.
    fn read_cost(&self, record: &Record<'_>, amount: f64) -> Result<Option<f64>, Bad> {
        let Some(role) = cost_source(self.map) else {
            return Ok(None);
        };
        let cost = match role {
            Role::Margin => {
                let cell = self.cell(record, role);
                amount * (1.0 - parse_margin(cell.1).map_err(|e| bad(role, cell, e))?)
            }
            Role::Profit => amount - self.money(record, role)?,
            _ => self.money(record, role)?,
        };
        Ok(Some(cost))
    }

    /// The column index and trimmed text of `role`'s cell.
    fn cell<'r>(&self, record: &Record<'r>, role: Role) -> (usize, &'r str) {
        let i = self.map.get(role).unwrap_or(0);
        (i, record.cells.get(i).unwrap_or("").trim())
    }

    /// A summary row's first and last purchase and order count. A mapped
    /// date may be empty as long as the other one is there.
    fn read_summary(&self, record: &Record<'_>) -> Result<SummaryRow, Bad> {
        let mut dates = [None, None];
        for (slot, role) in dates.iter_mut().zip(Role::SUMMARY) {
            if self.map.get(role).is_none() {
                continue;
            }
            let cell = self.cell(record, role);
            if !cell.1.is_empty() {
                *slot = Some(parse_date(cell.1, self.order).map_err(|e| bad(role, cell, e))?);
            }
        }
        let [first, last] = dates;
        if first.is_none() && last.is_none() {
            let role = if self.map.get(Role::LastPurchase).is_some() {
                Role::LastPurchase
            } else {
                Role::FirstPurchase
            };
            return Err(bad(role, self.cell(record, role), ValueError::Empty));
        }
        if let (Some(first), Some(last)) = (first, last) {
            if first > last {
                let cell = self.cell(record, Role::FirstPurchase);
                return Err(bad(Role::FirstPurchase, cell, ValueError::FirstAfterLast));
            }
        }
        let orders = match self.map.get(Role::Orders) {
            None => None,
            Some(_) => {
                let cell = self.cell(record, Role::Orders);
                Some(parse_count(cell.1).map_err(|e| bad(Role::Orders, cell, e))?)
            }
        };
        Ok(SummaryRow {
            first,
            last,
            orders,
        })
    }

    /// A richer summary's model cells (`crate::summary`), each checked
    /// against the row's purchase columns: a summary that contradicts
    /// itself would give figures no log could.
    fn read_model(&self, record: &Record<'_>, s: &SummaryRow) -> Result<ModelCells, Bad> {
        let has = |r: Role| self.map.get(r).is_some();
        let date = |r: Role| -> Result<Option<Day>, Bad> {
            let cell = self.cell(record, r);
            if !has(r) || cell.1.is_empty() {
                return Ok(None);
            }
            parse_date(cell.1, self.order)
                .map(Some)
                .map_err(|e| bad(r, cell, e))
        };
        let money = |r: Role| {
            if has(r) {
                self.money(record, r)
            } else {
                Ok(0.0)
            }
        };
        let count = |r: Role| -> Result<u32, Bad> {
            let cell = self.cell(record, r);
            if !has(r) {
                return Ok(0);
            }
            parse_count(cell.1).map_err(|e| bad(r, cell, e))
        };
        let contradicts = |r: Role| bad(r, self.cell(record, r), ValueError::Contradicts);
        let (first, last) = (s.first.or(s.last), s.last.or(s.first));
        let within = |d: Day| first.is_none_or(|f| d >= f) && last.is_none_or(|l| d <= l);
        let orders = s.orders;
        let params = Params {
            as_of: date(Role::AsOf)?,
            calibration_end: date(Role::CalibrationEnd)?,
            window_days: if has(Role::WindowDays) {
                Some(count(Role::WindowDays)?).filter(|&w| w > 0)
            } else {
                None
            },
        };
        if has(Role::WindowDays) && params.window_days.is_none() {
            return Err(contradicts(Role::WindowDays));
        }
        let previous = date(Role::PreviousPurchase)?;
        if previous.is_some_and(|p| !within(p) || Some(p) == last) {
            return Err(contradicts(Role::PreviousPurchase));
        }
        if has(Role::PreviousPurchase) && previous.is_none() && orders.is_some_and(|n| n >= 2) {
            let cell = self.cell(record, Role::PreviousPurchase);
            return Err(bad(Role::PreviousPurchase, cell, ValueError::Empty));
        }
        let (orders_cal, orders_holdout) = (count(Role::OrdersCal)?, count(Role::OrdersHoldout)?);
        let both = has(Role::OrdersCal) && has(Role::OrdersHoldout);
        if both
            && orders
                .is_some_and(|n| u64::from(orders_cal) + u64::from(orders_holdout) != u64::from(n))
        {
            return Err(contradicts(Role::OrdersHoldout));
        }
        let last_cal = date(Role::LastPurchaseCal)?;
        let after_end = |d: Day| params.calibration_end.is_some_and(|e| d > e);
        if last_cal.is_some_and(|d| !within(d) || after_end(d)) {
            return Err(contradicts(Role::LastPurchaseCal));
        }
        if has(Role::LastPurchaseCal)
            && has(Role::OrdersCal)
            && (orders_cal > 0) != last_cal.is_some()
        {
            return Err(contradicts(Role::LastPurchaseCal));
        }
        let months = self.read_months(record, first, last)?;
        Ok(ModelCells {
            row: ModelRow {
                repeat_revenue: money(Role::RepeatRevenue)?,
                previous,
                orders_cal,
                last_cal,
                repeat_revenue_cal: money(Role::RepeatRevenueCal)?,
                orders_holdout,
                recent: money(Role::RevenueRecent)?,
                previous_window: money(Role::RevenuePrevious)?,
                last_year: money(Role::RevenueLastYear)?,
                months: (0, 0),
            },
            months,
            params,
        })
    }

    /// `active_periods`: runs of month offsets, none after the last purchase's month.
    fn read_months(
        &self,
        record: &Record<'_>,
        first: Option<Day>,
        last: Option<Day>,
    ) -> Result<Vec<[u16; 2]>, Bad> {
        if self.map.get(Role::ActivePeriods).is_none() {
            return Ok(Vec::new());
        }
        let cell = self.cell(record, Role::ActivePeriods);
        let runs = summary::parse_months(cell.1)
            .ok_or_else(|| bad(Role::ActivePeriods, cell, ValueError::NotMonths))?;
        let month = |d: Day| d.year() * 12 + d.month() as i32;
        let span = match (first, last) {
            (Some(f), Some(l)) => month(l) - month(f),
            _ => 0,
        };
        if runs.last().is_some_and(|r| i32::from(r[1]) > span) {
            return Err(bad(Role::ActivePeriods, cell, ValueError::Contradicts));
        }
        Ok(runs)
    }

    /// A read row, once it agrees with the rows before it: a richer
    /// summary has one row per customer (its months and previous purchase
    /// cannot be merged) and one as-of date, calibration end and window.
    fn admit<'r>(&self, row: Row<'r>, record: &Record<'_>) -> Result<Row<'r>, Bad> {
        let (Some(model), Some(cells)) = (&self.table.model, &row.model) else {
            return Ok(row);
        };
        if self.index.find(&self.table.ids, &row.customer).is_some() {
            let cell = self.cell(record, Role::Customer);
            return Err(bad(Role::Customer, cell, ValueError::RepeatedCustomer));
        }
        let (now, before) = (cells.params, model.params);
        let differs = [
            (Role::AsOf, now.as_of != before.as_of),
            (
                Role::CalibrationEnd,
                now.calibration_end != before.calibration_end,
            ),
            (Role::WindowDays, now.window_days != before.window_days),
        ];
        match differs
            .iter()
            .find(|(r, d)| *d && self.map.get(*r).is_some())
        {
            Some(&(role, _)) if !model.rows.is_empty() => Err(bad(
                role,
                self.cell(record, role),
                ValueError::ParameterDiffers,
            )),
            _ => Ok(row),
        }
    }

    /// The first mapped cell holding U+FFFD: bytes a UTF-8 file could not
    /// decode there (`decode` reads such a file line by line).
    fn damaged_cell(&self, record: &Record<'_>) -> Option<Bad> {
        if !self.lossy {
            return None;
        }
        let (role, column) = self
            .map
            .roles()
            .filter(|&(_, i)| record.cells.get(i).is_some_and(|c| c.contains('\u{FFFD}')))
            .min_by_key(|&(_, i)| i)?;
        Some(Bad {
            column,
            role: Some(role),
            problem: ValueError::BadBytes,
            value: clip(record.cells.get(column).unwrap_or("").trim()),
        })
    }

    /// The first non-empty cell past the header's width, if any.
    fn extra_cell(&self, record: &Record<'_>) -> Option<Bad> {
        let width = self.headers.len();
        let (offset, text) = record
            .cells
            .iter()
            .skip(width)
            .enumerate()
            .find(|(_, c)| !c.trim().is_empty())?;
        Some(Bad {
            column: width + offset,
            role: None,
            problem: ValueError::ExtraCell,
            value: clip(text.trim()),
        })
    }

    fn add(&mut self, row: Row<'_>, record: &Record<'_>) {
        self.table.refunds += row.refund;
        self.table.refund_rows += u64::from(row.refund != 0.0);
        let id = match self.index.find(&self.table.ids, &row.customer) {
            Some(id) => id,
            None => {
                let id = self.index.insert(&mut self.table.ids, &row.customer);
                for values in self.table.dimensions.values_mut() {
                    values.push(None);
                }
                for category in &mut self.table.categories {
                    category.add_customer();
                }
                id
            }
        };
        self.table.customer.push(id);
        self.table.day.push(row.day);
        self.table.amount.push(row.amount);
        if let (Some(costs), Some(cost)) = (self.table.cost.as_mut(), row.cost) {
            costs.push(cost);
        }
        if let (Some(rows), Some(summary)) = (self.table.summary.as_mut(), row.summary) {
            rows.push(summary);
        }
        if let (Some(model), Some(cells)) = (self.table.model.as_mut(), row.model) {
            model.params = cells.params;
            let start = model.months.len() as u32;
            model.months.extend(cells.months);
            model.rows.push(ModelRow {
                months: (start, model.months.len() as u32),
                ..cells.row
            });
        }
        self.fill_dimensions(id as usize, record);
    }

    fn fill_dimensions(&mut self, customer: usize, record: &Record<'_>) {
        for category in &mut self.table.categories {
            category.observe(customer, record.cells.get(category.column).unwrap_or(""));
        }
        for (role, values) in self.table.dimensions.iter_mut() {
            if values[customer].is_some() {
                continue;
            }
            let i = self.map.get(*role).unwrap_or(0);
            let text = record.cells.get(i).unwrap_or("").trim();
            if !text.is_empty() {
                values[customer] = Some(text.to_string());
            }
        }
    }

    fn reject(&mut self, record: &Record<'_>, bad: Bad) {
        let table = &mut self.table;
        table.rows_rejected += 1;
        *table
            .rejected_by_reason
            .entry(kind(bad.role, bad.problem))
            .or_insert(0) += 1;
        let reason = bad
            .problem
            .describe(&bad.value, bad.role.map_or("cell", Role::key));
        let writer = self
            .rejected
            .get_or_insert_with(|| rejected_writer(self.headers));
        let mut out = vec![
            record.line.to_string(),
            (bad.column + 1).to_string(),
            reason.clone(),
        ];
        out.extend(record.cells.iter().map(|c| export::text(c).into_owned()));
        // A sheet's row stops at its last filled cell, and the writer wants
        // every record as wide as the header: a shorter one ran into the next.
        out.resize(out.len().max(self.headers.len() + 3), String::new());
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(&out);
        if table.examples.len() < MAX_EXAMPLES {
            table.examples.push(Rejection {
                line: record.line,
                column: bad.column + 1,
                header: self.headers.get(bad.column).cloned().unwrap_or_default(),
                reason,
                role: bad.role,
                problem: bad.problem,
                value: bad.value,
            });
        }
    }

    fn finish(mut self) -> Result<Table, IngestError> {
        if let Some(writer) = self.rejected.take() {
            let bytes = writer.into_inner().unwrap_or_default();
            self.table.rejected_csv = String::from_utf8(bytes).unwrap_or_default();
        }
        let mut table = self.table;
        table.categories.retain(Category::is_useful);
        table.shrink_to_fit();
        if !table.is_empty() {
            return Ok(table);
        }
        // No row was kept: none were there, all were left out by their
        // status, or all were rejected.
        if table.rows_excluded > 0 && table.rows_rejected == 0 {
            return Err(IngestError::AllExcluded {
                rows: table.rows_excluded,
                values: table
                    .status_values
                    .iter()
                    .filter(|v| v.excluded)
                    .map(|v| v.value.clone())
                    .take(8)
                    .collect(),
            });
        }
        match table.examples.first() {
            Some(first) => Err(IngestError::NoUsableRows {
                rows: table.rows_read,
                first: Box::new(first.clone()),
            }),
            None => Err(IngestError::NoDataRows),
        }
    }
}

/// The mapped industry, region and account-manager columns, then up to
/// `MAX_EXTRA` columns no role took.
fn categories(map: &ColumnMap, headers: &[String]) -> Vec<Category> {
    let mapped = [Role::Industry, Role::Region, Role::AccountManager]
        .into_iter()
        .filter_map(|role| {
            map.get(role)
                .map(|i| Category::new(role.key(), &headers[i], i, true))
        });
    let extra = map
        .unmapped()
        .into_iter()
        .filter(|&i| !headers[i].trim().is_empty())
        .take(category::MAX_EXTRA)
        .map(|i| Category::new(&headers[i], &headers[i], i, false));
    mapped.chain(extra).collect()
}

fn rejected_writer(headers: &[String]) -> csv::Writer<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(export::BOM.as_bytes().to_vec());
    let mut header = vec![
        "line".to_string(),
        "column".to_string(),
        "reason".to_string(),
    ];
    header.extend(headers.iter().map(|h| export::text(h).into_owned()));
    let _ = writer.write_record(&header);
    writer
}

#[cfg(test)]
mod tests {
    use super::super::{map::map_columns, read::Records};
    use super::*;

    fn table(text: &str) -> Result<Table, IngestError> {
        let mut records = Records::open(text, b',')?;
        let map = map_columns(&records.headers.clone(), &[])?;
        build(&mut records, &map, &Default::default(), &mut |_| {})
    }

    #[test]
    fn interns_customers_and_keeps_rows() {
        let t =
            table("customer_id,date,amount\nA,2024-01-01,10\nB,2024-01-02,5\nA,2024-01-03,-2\n")
                .unwrap();
        assert_eq!(t.ids, ["A", "B"]);
        assert_eq!(t.customer, [0, 1, 0]);
        assert_eq!(t.amount, [10.0, 5.0, -2.0]);
        assert_eq!(t.rows_read, 3);
        assert_eq!(t.rows_rejected, 0);
    }

    #[test]
    fn bad_rows_are_rejected_with_line_column_and_reason() {
        let text = "customer_id,date,amount\nA,2024-01-01,10\n,2024-01-02,5\nB,someday,5\nC,2024-01-02,ten\nD,2024-01-02,1\n";
        let t = table(text).unwrap();
        assert_eq!(t.rows_read, 5);
        assert_eq!(t.rows_rejected, 3);
        assert_eq!(t.len(), 2);
        let where_: Vec<(u64, usize)> = t.examples.iter().map(|r| (r.line, r.column)).collect();
        assert_eq!(where_, [(3, 1), (4, 2), (5, 3)]);
        assert!(t.examples[2].reason.contains("\"ten\" is not an amount"));
        assert_eq!(t.rejected_by_reason["bad date"], 1);
        assert_eq!(t.rejected_by_reason["empty customer"], 1);
        assert_eq!(
            (t.examples[1].role, t.examples[1].problem),
            (Some(Role::Date), ValueError::NotADate)
        );
        assert_eq!(t.examples[1].value, "someday");
        let csv_lines: Vec<&str> = t.rejected_csv.lines().collect();
        assert_eq!(csv_lines.len(), 4, "{csv_lines:?}");
        assert!(csv_lines[2].starts_with("4,2,"));
    }

    #[test]
    fn rejected_cells_are_neutralised_in_the_download() {
        let t = table("customer_id,date,amount\n=HYPERLINK(\"x\"),bad,1\n").unwrap_err();
        let IngestError::NoUsableRows { rows: 1, first } = t else {
            panic!("{t:?}")
        };
        assert_eq!((first.line, first.column), (2, 2));
        let mut records = Records::open(
            "customer_id,date,amount\n=cmd,bad,1\nA,2024-01-01,1\n",
            b',',
        )
        .unwrap();
        let map = map_columns(&records.headers.clone(), &[]).unwrap();
        let t = build(&mut records, &map, &Default::default(), &mut |_| {}).unwrap();
        assert!(t.rejected_csv.contains("'=cmd"), "{}", t.rejected_csv);
    }

    #[test]
    fn dimensions_keep_the_first_value_seen() {
        let text = "customer_id,date,amount,region\nA,2024-01-01,1,\nA,2024-01-02,1,华东\nA,2024-01-03,1,华南\n";
        let t = table(text).unwrap();
        assert_eq!(t.dimensions[&Role::Region], [Some("华东".to_string())]);
    }

    #[test]
    fn until_drops_later_rows_and_their_customers() {
        let text = "customer_id,date,amount,region\nA,2024-01-05,1,x\nB,2024-01-01,2,y\nA,2024-01-01,3,x\n";
        let t = table(text).unwrap();
        let (kept, later) = t.until(Day::from_ymd(2024, 1, 2).unwrap());
        assert_eq!(later, 1);
        assert_eq!(kept.ids, ["B", "A"]);
        assert_eq!(kept.customer, [0, 1]);
        assert_eq!(kept.amount, [2.0, 3.0]);
        assert_eq!(
            kept.dimensions[&Role::Region],
            [Some("y".into()), Some("x".into())]
        );
    }

    #[test]
    fn an_unquoted_thousands_separator_rejects_the_row() {
        let t = table("customer_id,date,amount\nA,2024-01-01,￥1,200.00\nB,2024-01-01,\"￥1,200.00\"\nC,2024-01-01,5,,\n").unwrap();
        assert_eq!(
            t.amount,
            [1200.0, 5.0],
            "quoted and trailing-empty rows are fine"
        );
        assert_eq!(t.rows_rejected, 1);
        let r = &t.examples[0];
        assert_eq!(
            (r.line, r.column, r.role, r.problem),
            (2, 4, None, ValueError::ExtraCell)
        );
        assert!(r.reason.contains("\"200.00\""), "{}", r.reason);
        assert_eq!(t.rejected_by_reason["extra cell"], 1);
    }

    #[test]
    fn cost_comes_from_profit_or_margin_when_there_is_no_cost() {
        let t = table("customer_id,date,amount,profit\nA,2024-01-01,100,30\n").unwrap();
        assert_eq!(t.cost, Some(vec![70.0]));
        let t =
            table("customer_id,date,amount,毛利率\nA,2024-01-01,200,25%\nB,2024-01-01,100,bad\n")
                .unwrap();
        assert_eq!(t.cost, Some(vec![150.0]));
        assert_eq!(t.rejected_by_reason["bad margin"], 1);
    }

    #[test]
    fn header_only_file() {
        assert_eq!(
            table("customer_id,date,amount\n").unwrap_err(),
            IngestError::NoDataRows
        );
    }
}
