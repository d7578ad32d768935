//! The customer master: a second file, one row per customer, keyed by the
//! same customer code as the log (客户档案, 客户主数据, a CRM's accounts).
//!
//! It is read by the same ingest as the log (encodings, workbooks, the
//! header row, the column names), then joined to the log's customers:
//!
//! - **The key** is the customer id column (or, without one, the name, as
//!   in the log). Ids match exactly as text after the trim the log's ids
//!   get: `00042` matches `00042`, never `42`; a number cell of a workbook
//!   becomes text the same way in both files (4.0 reads "4").
//! - **Label columns** (industry, region, account manager, and any other
//!   column of labels) become dimensions. Where the log has the same
//!   dimension, the master's value wins for the customers it lists, and the
//!   report says so; log customers the master does not list keep the log's.
//! - **`potential`** (采购潜力, 年采购预算, wallet, annual potential, budget)
//!   is the customer's estimated annual purchases, the base of customer
//!   share (`customer_share.rs`).
//! - A file with a transaction date, or a summary's purchase dates, is a
//!   log, not a master: the log reader takes it, this one refuses it.
//!
//! The report counts the matched log customers; lists the log customers
//! the master lacks and the master's customers that never bought
//! (prospects: counted apart, never given a tier); and rejects ids that
//! appear twice, with their lines (which row is right cannot be told).

use crate::ingest::category::{self, Category};
use crate::ingest::decision::{Decision, Detail};
use crate::ingest::layout::{self, HEADER_SCAN};
use crate::ingest::map::{self, Role};
use crate::ingest::read::Rows;
use crate::ingest::values::{clip, parse_amount_in};
use crate::ingest::{IngestError, Table};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How to read the master: as `ReadOptions` are for the log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MasterOptions {
    pub encoding: Option<String>,
    pub sheet: Option<String>,
    /// `(role, header)` pairs: `customer`, `potential`, `industry`, ...
    pub map: Vec<(String, String)>,
}

/// The `potential` role's key, beside the log's roles.
pub const POTENTIAL: &str = "potential";

/// Potential headers, normalised (lowercase, no spaces or punctuation):
/// an exact match is sure.
const POTENTIAL_NAMES: &[&str] = &[
    "potential",
    "annualpotential",
    "accountpotential",
    "salespotential",
    "purchasepotential",
    "estimatedpotential",
    "wallet",
    "walletsize",
    "budget",
    "annualbudget",
    "purchasebudget",
    "采购潜力",
    "年采购潜力",
    "年采购预算",
    "采购预算",
    "潜力",
    "年度潜力",
    "客户潜力",
    "潜在采购额",
    "预计年采购额",
];

/// Words that make a header a likely potential: taken, with a decision.
const POTENTIAL_WORDS: &[&str] = &["potential", "wallet", "budget", "潜力", "预算"];

/// Prospects and log-only customers listed in the report at most.
pub const LISTED: usize = 100;

fn squeezed(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A master as read: its columns and its rows, before the join.
#[derive(Clone, Debug, Default)]
pub struct Master {
    pub file: String,
    pub key_header: String,
    pub potential_header: Option<String>,
    /// Label columns: the dimension key (a role's key or the header) and header.
    pub labels: Vec<(String, String)>,
    /// Rows with a usable, unique id.
    pub rows: Vec<MasterRow>,
    pub duplicates: Vec<Duplicate>,
    pub problems: Vec<Problem>,
    pub decisions: Vec<Decision>,
    pub rows_read: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MasterRow {
    pub line: u64,
    pub id: String,
    pub potential: Option<f64>,
    /// One value per label column ("" when empty).
    pub labels: Vec<String>,
}

/// An id on more than one row: every one of its rows is rejected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    pub id: String,
    pub lines: Vec<u64>,
}

/// A master row or cell that could not be used, with its line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub line: u64,
    pub header: String,
    pub value: String,
    /// `empty_id` (row skipped) or `bad_potential` (row kept, no potential).
    pub kind: String,
}

/// The join as the report shows it (`master` in the JSON).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MasterReport {
    pub file: String,
    /// The key column's header.
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential: Option<String>,
    pub rows_read: u64,
    /// Log customers found in the master.
    pub matched: usize,
    pub log_only: Listed,
    pub master_only: Prospects,
    /// The first `LISTED` ids on more than one row, with (up to 20 of) their lines.
    pub duplicates: Vec<Duplicate>,
    /// How many ids are on more than one row.
    pub duplicate_ids: usize,
    /// The first `LISTED` rows with a problem.
    pub problems: Vec<Problem>,
    /// Dimensions both files have: the master's values were taken.
    pub replaced: Vec<String>,
    /// Dimensions only the master has.
    pub added: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub customers: usize,
    /// The first `LISTED` ids, in the log's order.
    pub list: Vec<String>,
}

/// The master's customers with no purchase in the log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prospects {
    pub customers: usize,
    /// Their potentials added up.
    pub potential: f64,
    /// The first `LISTED`, the largest potential first.
    pub list: Vec<Prospect>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prospect {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential: Option<f64>,
}

/// Whether the headers read as a master rather than a log: no transaction
/// date and no summary purchase dates (what every log has).
fn is_log(map: &map::ColumnMap) -> bool {
    map.get(Role::Date).is_some() || Role::SUMMARY.iter().any(|&r| map.get(r).is_some())
}

/// The potential column: the user's, an exact name, or (said in a
/// decision) a header holding a potential word.
fn potential_column(
    headers: &[String],
    options: &MasterOptions,
    decisions: &mut Vec<Decision>,
) -> Result<Option<usize>, IngestError> {
    if let Some((_, wanted)) = options.map.iter().find(|(r, _)| r.trim() == POTENTIAL) {
        if wanted.trim().is_empty() {
            return Ok(None);
        }
        return headers
            .iter()
            .position(|h| h.trim() == wanted.trim() || squeezed(h) == squeezed(wanted))
            .map(Some)
            .ok_or_else(|| IngestError::MappedColumnNotFound {
                role: POTENTIAL.into(),
                header: wanted.clone(),
                found: map::list_headers(headers),
            });
    }
    if let Some(i) = headers
        .iter()
        .position(|h| POTENTIAL_NAMES.contains(&squeezed(h).as_str()))
    {
        return Ok(Some(i));
    }
    let partial = headers
        .iter()
        .position(|h| POTENTIAL_WORDS.iter().any(|w| squeezed(h).contains(w)));
    match partial {
        Some(i) => decisions.push(
            Detail::MasterPotential {
                header: headers[i].clone(),
            }
            .decided(),
        ),
        None => decisions.push(
            Detail::MasterNoPotential {
                headers: headers.to_vec(),
            }
            .decided(),
        ),
    }
    Ok(partial)
}

/// Reads a master from its rows (see `engine::read_master`).
pub fn read(
    file: &str,
    rows: &mut dyn Rows,
    options: &MasterOptions,
) -> Result<Master, IngestError> {
    let scanned = layout::first_rows(rows, &|s| s.len() >= HEADER_SCAN)?;
    let header = layout::choose_header(&scanned, None).ok_or(IngestError::NoDataRows)?;
    rows.start_at(header.index)?;
    let headers = rows.headers().to_vec();
    let mut decisions = Vec::new();
    let potential = potential_column(&headers, options, &mut decisions)?;
    let others: Vec<(String, String)> = options
        .map
        .iter()
        .filter(|(r, _)| r.trim() != POTENTIAL)
        .cloned()
        .collect();
    let mut columns = map::map_columns_unchecked(&headers, &others)?;
    if is_log(&columns) {
        return Err(IngestError::MasterIsALog {
            file: file.to_string(),
        });
    }
    if let Some(i) = potential {
        // The potential is money, never a label or another role.
        let taken: Vec<Role> = columns
            .roles()
            .filter(|&(_, c)| c == i)
            .map(|(r, _)| r)
            .collect();
        for role in taken {
            columns.remove(role);
        }
    }
    let key = columns
        .get(Role::Customer)
        .ok_or_else(|| IngestError::MasterNoKey {
            file: file.to_string(),
            found: map::list_headers(&headers),
        })?;
    let key_header = columns.headers()[key].clone();
    if columns.name_is_key {
        decisions.push(
            Detail::MasterNameKey {
                header: key_header.clone(),
            }
            .decided(),
        );
    }
    let labels = label_columns(&columns, key, potential);
    let mut master = Master {
        file: file.to_string(),
        key_header,
        potential_header: potential.map(|i| columns.headers()[i].clone()),
        labels: labels
            .iter()
            .map(|(k, i)| (k.clone(), columns.headers()[*i].clone()))
            .collect(),
        decisions,
        ..Master::default()
    };
    let unit = potential
        .and_then(|i| map::unit_factor(&columns.headers()[i]))
        .unwrap_or(1.0);
    let mut all = Vec::new();
    while let Some(record) = rows.next_record()? {
        master.rows_read += 1;
        let cell = |i: usize| record.cells.get(i).unwrap_or("").trim();
        let id = cell(key);
        if id.is_empty() {
            push_problem(
                &mut master.problems,
                problem(record.line, &master.key_header, "", "empty_id"),
            );
            continue;
        }
        let potential = potential.and_then(|i| match parse_amount_in(cell(i), None) {
            Ok(v) if v > 0.0 && (v * unit).is_finite() => Some(v * unit),
            _ if cell(i).is_empty() => None,
            _ => {
                let header = &columns.headers()[i];
                push_problem(
                    &mut master.problems,
                    problem(record.line, header, cell(i), "bad_potential"),
                );
                None
            }
        });
        all.push(MasterRow {
            line: record.line,
            id: id.to_string(),
            potential,
            labels: labels.iter().map(|(_, i)| cell(*i).to_string()).collect(),
        });
    }
    if all.is_empty() {
        return Err(IngestError::NoDataRows);
    }
    let (rows, duplicates) = unique(all);
    master.rows = rows;
    master.duplicates = duplicates;
    Ok(master)
}

/// Keeps the first `LISTED` problems: a damaged file must not fill memory.
fn push_problem(problems: &mut Vec<Problem>, problem: Problem) {
    if problems.len() < LISTED {
        problems.push(problem);
    }
}

fn problem(line: u64, header: &str, value: &str, kind: &str) -> Problem {
    Problem {
        line,
        header: header.to_string(),
        value: clip(value),
        kind: kind.to_string(),
    }
}

/// The customer-name, industry, region and account-manager columns (by
/// role key), then up to `MAX_EXTRA` other columns (by header).
fn label_columns(
    columns: &map::ColumnMap,
    key: usize,
    potential: Option<usize>,
) -> Vec<(String, usize)> {
    let roles = [
        Role::CustomerName,
        Role::Industry,
        Role::Region,
        Role::AccountManager,
    ];
    let mut labels: Vec<(String, usize)> = roles
        .iter()
        .filter_map(|&r| {
            columns
                .get(r)
                .filter(|&i| i != key)
                .map(|i| (r.key().to_string(), i))
        })
        .collect();
    let taken: Vec<usize> = labels.iter().map(|(_, i)| *i).collect();
    let extra = (0..columns.headers().len())
        .filter(|i| *i != key && Some(*i) != potential && !taken.contains(i))
        .filter(|&i| {
            let role = columns.roles().find(|&(_, c)| c == i).map(|(r, _)| r);
            !matches!(role, Some(Role::Customer))
        })
        .filter(|&i| !columns.headers()[i].starts_with("(column "))
        .take(category::MAX_EXTRA)
        .map(|i| (columns.headers()[i].clone(), i));
    labels.extend(extra);
    labels
}

/// Rows whose id is on one row only, and the ids on several, with lines.
fn unique(all: Vec<MasterRow>) -> (Vec<MasterRow>, Vec<Duplicate>) {
    let mut lines: HashMap<&str, Vec<u64>> = HashMap::new();
    for row in &all {
        lines.entry(row.id.as_str()).or_default().push(row.line);
    }
    let mut duplicates: Vec<Duplicate> = lines
        .into_iter()
        .filter(|(_, l)| l.len() > 1)
        .map(|(id, lines)| Duplicate {
            id: id.to_string(),
            lines,
        })
        .collect();
    duplicates.sort_by_key(|d| d.lines[0]);
    let twice: HashSet<&str> = duplicates.iter().map(|d| d.id.as_str()).collect();
    let rows = all
        .iter()
        .filter(|r| !twice.contains(r.id.as_str()))
        .cloned()
        .collect();
    (rows, duplicates)
}

/// Joins `master` to the log's `table`: the master's labels into its
/// dimensions (master wins), its potentials beside the customers; returns
/// the report and the decision that says which dimensions were replaced.
pub fn join(table: &mut Table, master: &Master) -> (MasterReport, Vec<Decision>) {
    let by_id: HashMap<&str, usize> = master
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let twice: HashSet<&str> = master.duplicates.iter().map(|d| d.id.as_str()).collect();
    let row_of: Vec<Option<usize>> = table
        .ids
        .iter()
        .map(|id| by_id.get(id.as_str()).copied())
        .collect();
    let mut report = MasterReport {
        file: master.file.clone(),
        key: master.key_header.clone(),
        potential: master.potential_header.clone(),
        rows_read: master.rows_read,
        matched: row_of.iter().flatten().count(),
        duplicates: master
            .duplicates
            .iter()
            .take(LISTED)
            .map(|d| Duplicate {
                id: d.id.clone(),
                lines: d.lines.iter().take(20).copied().collect(),
            })
            .collect(),
        duplicate_ids: master.duplicates.len(),
        problems: master.problems.clone(),
        ..MasterReport::default()
    };
    for (id, row) in table.ids.iter().zip(&row_of) {
        if row.is_none() && !twice.contains(id.as_str()) {
            report.log_only.customers += 1;
            if report.log_only.list.len() < LISTED {
                report.log_only.list.push(id.clone());
            }
        }
    }
    report.master_only = prospects(table, master);
    for (column, (key, header)) in master.labels.iter().enumerate() {
        let value = |c: usize| row_of[c].map(|r| master.rows[r].labels[column].as_str());
        match fill(table, key, header, &value) {
            Some(true) => report.replaced.push(key.clone()),
            Some(false) => report.added.push(key.clone()),
            None => {}
        }
    }
    table.potential = master.potential_header.as_ref().map(|_| {
        row_of
            .iter()
            .map(|r| r.and_then(|r| master.rows[r].potential))
            .collect()
    });
    let mut decisions = master.decisions.clone();
    if !report.replaced.is_empty() {
        decisions.push(
            Detail::MasterWins {
                file: master.file.clone(),
                dimensions: report.replaced.clone(),
            }
            .decided(),
        );
    }
    (report, decisions)
}

/// Gives every customer the master's value of one label column (the log's
/// where the master has none): `Some(true)` when the log had that dimension
/// too, `Some(false)` when it is new, `None` when it is not worth slicing by.
fn fill<'a>(
    table: &mut Table,
    key: &str,
    header: &str,
    value: &dyn Fn(usize) -> Option<&'a str>,
) -> Option<bool> {
    let n = table.ids.len();
    if let Some(role) = Role::from_key(key).filter(|r| *r == Role::CustomerName) {
        let had = table.dimensions.contains_key(&role);
        let column = table
            .dimensions
            .entry(role)
            .or_insert_with(|| vec![None; n]);
        for (c, slot) in column.iter_mut().enumerate() {
            if let Some(v) = value(c).filter(|v| !v.is_empty()) {
                *slot = Some(v.to_string());
            }
        }
        return Some(had);
    }
    let old = table.categories.iter().position(|c| c.key == key);
    let role = [Role::Industry, Role::Region, Role::AccountManager]
        .into_iter()
        .find(|r| r.key() == key);
    let mapped = role.is_some();
    let mut category = Category::new(key, header, usize::MAX, mapped);
    for c in 0..n {
        category.add_customer();
        let from_log = old.and_then(|o| table.categories[o].value_of(c));
        let text = value(c).filter(|v| !v.is_empty()).or(from_log);
        category.observe(c, text.unwrap_or(""));
    }
    // The same dimension role also fills the rows' text columns.
    if let Some(role) = role {
        let column = table
            .dimensions
            .entry(role)
            .or_insert_with(|| vec![None; n]);
        for (c, slot) in column.iter_mut().enumerate() {
            if let Some(v) = value(c).filter(|v| !v.is_empty()) {
                *slot = Some(v.to_string());
            }
        }
    }
    match old {
        Some(o) => {
            table.categories[o] = category;
            Some(true)
        }
        None if category.is_useful() => {
            table.categories.push(category);
            Some(false)
        }
        None => None,
    }
}

/// The master's customers the log never mentions, largest potential first.
fn prospects(table: &Table, master: &Master) -> Prospects {
    let in_log: HashSet<&str> = table.ids.iter().map(String::as_str).collect();
    let name = master
        .labels
        .iter()
        .position(|(k, _)| k == Role::CustomerName.key());
    let mut list: Vec<&MasterRow> = master
        .rows
        .iter()
        .filter(|r| !in_log.contains(r.id.as_str()))
        .collect();
    list.sort_by(|a, b| {
        b.potential
            .unwrap_or(0.0)
            .total_cmp(&a.potential.unwrap_or(0.0))
            .then(a.line.cmp(&b.line))
    });
    Prospects {
        customers: list.len(),
        potential: list.iter().filter_map(|r| r.potential).sum(),
        list: list
            .iter()
            .take(LISTED)
            .map(|r| Prospect {
                id: r.id.clone(),
                name: name.map(|i| r.labels[i].clone()).filter(|n| !n.is_empty()),
                potential: r.potential,
            })
            .collect(),
    }
}
