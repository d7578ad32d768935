//! Looking at a file before reading it: where the header is, which column
//! is which, how its dates and numbers are written, and what its status
//! columns leave out. Each choice made on weak evidence becomes a
//! `Decision`; when the evidence is too weak to choose, the file is not
//! read and the user is asked (`IngestError::AmbiguousColumn`,
//! `AmbiguousDates`, `AmbiguousDecimal`).

use super::decision::{Decision, Detail};
use super::layout::{self, HeaderChoice, Line, HEADER_SCAN};
use super::map::{self, ColumnMap, Role};
use super::read::Rows;
use super::status::StatusChoice;
use super::table::{Plan, Table};
use super::values::{parse_amount, DateEvidence, DateOrder, NumberEvidence, NumberStyle};
use super::IngestError;
use serde::{Deserialize, Serialize};

/// What the user told us about reading the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `(role, header)` pairs that override the guessed column mapping.
    pub map: Vec<(String, String)>,
    /// The line of the header row; found when `None`.
    pub header_row: Option<u64>,
    /// Day/month order of year-last dates; decided from the data when `None`.
    pub date_order: Option<DateOrder>,
    /// The decimal mark; decided from the data when `None`.
    pub decimal: Option<NumberStyle>,
    /// Status values to keep or leave out beyond the default rule.
    pub status: StatusChoice,
    /// One multiplier for every money column instead of the header's unit
    /// (`1`: read the amounts as written).
    pub unit: Option<f64>,
}

/// What inspecting found: the map, how to read rows, and the decisions.
#[derive(Debug)]
pub struct Inspection {
    pub map: ColumnMap,
    pub plan: Plan,
    pub header: HeaderChoice,
    pub decisions: Vec<Decision>,
    /// Roles whose column came from the values, not the header.
    pub from_values: Vec<String>,
}

/// Rows looked at to guess roles from values and to check candidates.
const VALUE_SAMPLE: usize = 200;

/// Looks at `rows` and leaves them at the first data record.
pub fn inspect(
    rows: &mut dyn Rows,
    options: &Options,
    sheets: &[String],
) -> Result<Inspection, IngestError> {
    let header = place_header(rows, options.header_row)?;
    let sample = sample(rows)?;
    let mut decisions = Vec::new();
    if header.index > 0 {
        decisions.push(
            Detail::HeaderRow {
                line: header.line,
                above: header.above.clone(),
            }
            .decided(),
        );
    }
    let (mut map, from_values, fill_down) =
        map_roles(rows, options, &sample, header.line, sheets, &mut decisions)?;
    let counterparty = counterparty(&map, &sample, &mut decisions);
    drop_unreadable_money(&mut map, &sample, &options.map, &mut decisions);
    let evidence = scan(rows, &map)?;
    if let Some((header, values)) = evidence.currencies.clone().filter(|(_, v)| v.len() > 1) {
        return Err(IngestError::MixedCurrencies { header, values });
    }
    let order = match options.date_order {
        Some(order) => Some(order),
        None => evidence.date_order()?,
    };
    if let (None, Some(order), Some((line, example))) =
        (options.date_order, order, &evidence.dates.example)
    {
        decisions.push(
            Detail::DateOrder {
                order,
                line: *line,
                example: example.clone(),
            }
            .decided(),
        );
    }
    let style = match options.decimal {
        Some(style) => Some(style),
        None => evidence
            .numbers
            .decide()
            .map_err(|(line, example)| IngestError::AmbiguousDecimal { example, line })?,
    };
    if style == Some(NumberStyle::Comma) {
        let header = map.get(Role::Amount).map_or("", |i| &map.headers()[i]);
        decisions.push(
            Detail::DecimalComma {
                header: header.into(),
            }
            .decided(),
        );
    }
    let units = units(&map, options.unit, &mut decisions);
    Ok(Inspection {
        plan: Plan {
            order,
            style,
            units,
            fill_down,
            counterparty,
            status: options.status.clone(),
        },
        map,
        header,
        decisions,
        from_values,
    })
}

/// Finds the header among the first rows (or takes the user's line) and
/// starts `rows` there.
fn place_header(rows: &mut dyn Rows, wanted: Option<u64>) -> Result<HeaderChoice, IngestError> {
    let enough = |scanned: &[Line]| match wanted {
        Some(line) => scanned.last().is_some_and(|(l, _)| *l >= line) || scanned.len() >= 10_000,
        None => scanned.len() >= HEADER_SCAN,
    };
    let scanned = layout::first_rows(rows, &enough)?;
    let choice = layout::choose_header(&scanned, wanted).ok_or(IngestError::HeaderRowNotFound {
        line: wanted.unwrap_or(0),
    })?;
    if wanted.is_none() {
        if let Some(example) = layout::data_not_header(&scanned[choice.index].1) {
            return Err(IngestError::NoHeaderRow {
                line: choice.line,
                example,
            });
        }
    }
    rows.start_at(choice.index)?;
    Ok(choice)
}

/// The first data rows as text, then back to the first of them.
fn sample(rows: &mut dyn Rows) -> Result<Vec<Vec<String>>, IngestError> {
    let mut sample = Vec::new();
    while let Some(record) = rows.next_record()? {
        sample.push(record.cells.iter().map(String::from).collect());
        if sample.len() == VALUE_SAMPLE {
            break;
        }
    }
    rows.rewind()?;
    Ok(sample)
}

/// The column map: headers first, then a group layout, then values for
/// what is still missing; then the amount among close candidates.
fn map_roles(
    rows: &mut dyn Rows,
    options: &Options,
    sample: &[Vec<String>],
    header_line: u64,
    sheets: &[String],
    decisions: &mut Vec<Decision>,
) -> Result<(ColumnMap, Vec<String>, bool), IngestError> {
    let mut map = map::map_columns_unchecked(rows.headers(), &options.map)?;
    let user_named = |role: Role| options.map.iter().any(|(r, _)| r == role.key());
    let mut fill_down = false;
    if map.get(Role::Customer).is_none() && !user_named(Role::Customer) {
        if let Some(column) = layout::group_column(&map, sample) {
            map.set(Role::Customer, column);
            fill_down = true;
        }
    }
    let guessed = map::guess_from_values(&map, sample);
    let mut overrides = options.map.clone();
    if fill_down {
        let column = map.get(Role::Customer).unwrap_or(0);
        overrides.push(("customer".into(), map.headers()[column].clone()));
    }
    overrides.extend(guessed.iter().cloned());
    // Still missing: the headers' own error says best what was expected,
    // and roles guessed for an unusable file would only confuse.
    let mut full = map::map_columns(rows.headers(), &overrides).map_err(|e| {
        let first = map::map_columns(rows.headers(), &options.map).err();
        with_context(first.unwrap_or(e), header_line, sheets)
    })?;
    for (role, header) in &guessed {
        if let Some(role) = Role::from_key(role) {
            decisions.push(
                Detail::RoleFromValues {
                    role,
                    header: header.clone(),
                }
                .decided(),
            );
        }
    }
    if !user_named(Role::Amount) {
        resolve_amount(&mut full, sample, decisions)?;
    }
    note_mapping(&full, sample, decisions);
    let from_values = guessed.into_iter().map(|(role, _)| role).collect();
    Ok((full, from_values, fill_down))
}

/// A missing-column error with the header line and the sheets, so that
/// the message can say which option would make the file work.
fn with_context(error: IngestError, line: u64, all_sheets: &[String]) -> IngestError {
    match error {
        IngestError::MissingColumn {
            role,
            expected,
            found,
            headers,
            ..
        } => IngestError::MissingColumn {
            role,
            expected,
            found,
            headers,
            header_line: line,
            sheets: all_sheets.to_vec(),
        },
        other => other,
    }
}

/// Whether most of a column's values read as names of people or firms
/// ("Acme Ltd", 上海某某有限公司) rather than codes or addresses (C001, a@b.cn).
fn looks_like_names(sample: &[Vec<String>], column: usize) -> bool {
    let values: Vec<&str> = sample
        .iter()
        .filter_map(|row| row.get(column).map(|c| c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    let named = values
        .iter()
        .filter(|v| {
            (v.contains(' ') || v.chars().any(|c| !c.is_ascii() && c.is_alphabetic()))
                && !v.chars().any(|c| c.is_ascii_digit() || c == '@')
        })
        .count();
    !values.is_empty() && named * 2 >= values.len()
}

/// Decisions the map itself carries: the name as key, repeated headers,
/// quantity × price.
fn note_mapping(map: &ColumnMap, sample: &[Vec<String>], decisions: &mut Vec<Decision>) {
    let header = |role: Role| {
        map.get(role)
            .map_or(String::new(), |i| map.headers()[i].clone())
    };
    let customer = map.get(Role::Customer).unwrap_or(0);
    let names = map.get(Role::CustomerName).is_none() && looks_like_names(sample, customer);
    if map.name_is_key || names {
        decisions.push(
            Detail::NameAsKey {
                header: header(Role::Customer),
            }
            .decided(),
        );
    }
    for duplicate in &map.duplicates {
        decisions.push(
            Detail::DuplicateHeader {
                header: duplicate.clone(),
            }
            .decided(),
        );
    }
    if map.derives_amount() {
        decisions.push(
            Detail::QuantityTimesPrice {
                quantity: header(Role::Quantity),
                price: header(Role::UnitPrice),
            }
            .decided(),
        );
    }
}

/// The amount among columns whose headers all read as one: candidates
/// whose sampled values are all zero or empty drop out (`Insurance
/// Amount`); of the best-ranked rest, one is taken, unless two of them
/// disagree, when the user is asked.
fn resolve_amount(
    map: &mut ColumnMap,
    sample: &[Vec<String>],
    decisions: &mut Vec<Decision>,
) -> Result<(), IngestError> {
    if map.amount_candidates.len() < 2 {
        return Ok(());
    }
    let values = |i: usize| -> Vec<Option<f64>> {
        sample
            .iter()
            .map(|row| row.get(i).and_then(|c| parse_amount(c).ok()))
            .collect()
    };
    let live: Vec<(usize, u8)> = map
        .amount_candidates
        .iter()
        .copied()
        .filter(|&(i, _)| values(i).iter().any(|v| v.is_some_and(|v| v != 0.0)))
        // A column of 0 and 1 is a flag ("Paid": yes or no), not money.
        .filter(|&(i, _)| !values(i).iter().flatten().all(|&v| v == 0.0 || v == 1.0))
        .collect();
    let Some(&(best, rank)) = live.first() else {
        return Ok(());
    };
    let tied: Vec<usize> = live
        .iter()
        .filter(|&&(_, r)| r == rank)
        .map(|&(i, _)| i)
        .collect();
    let differ = |a: usize, b: usize| {
        values(a).iter().zip(values(b)).any(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() > 0.005,
            (None, None) => false,
            _ => true,
        })
    };
    if tied.iter().skip(1).any(|&other| differ(best, other)) {
        let mut columns = map.report();
        columns.remove(Role::Amount.key());
        return Err(IngestError::AmbiguousColumn {
            role: Role::Amount,
            candidates: tied.iter().map(|&i| map.headers()[i].clone()).collect(),
            headers: map.headers().to_vec(),
            columns,
        });
    }
    map.set(Role::Amount, best);
    let others = map
        .amount_candidates
        .iter()
        .filter(|&&(i, _)| i != best)
        .map(|&(i, _)| map.headers()[i].clone())
        .collect();
    decisions.push(
        Detail::AmountRanked {
            header: map.headers()[best].clone(),
            others,
        }
        .decided(),
    );
    Ok(())
}

/// A payment account's export (PayPal) names both sides of each row: the
/// payer in `From Email Address`, the payee in `To`. The account's owner
/// is on one side of nearly every row; the customer is the other side, so
/// a refund (from the owner to the buyer) belongs to the buyer.
fn counterparty(
    map: &ColumnMap,
    sample: &[Vec<String>],
    decisions: &mut Vec<Decision>,
) -> Option<(usize, String)> {
    let from = map.get(Role::Customer)?;
    let headers = map.headers();
    let normalised = |h: &str| map::Normalised::new(h).text;
    let paired = |a: &str, b: &str| normalised(&headers[from]).replacen(a, b, 1);
    let to = headers.iter().position(|h| {
        normalised(h) == paired("from", "to") && normalised(h) != normalised(&headers[from])
    })?;
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for row in sample {
        for i in [from, to] {
            let cell = row.get(i).map_or("", |c| c.trim());
            if !cell.is_empty() {
                *counts.entry(cell).or_insert(0) += 1;
            }
        }
    }
    let (owner, seen) = counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, std::cmp::Reverse(v)))?;
    if seen * 2 < sample.len() {
        return None;
    }
    decisions.push(
        Detail::Counterparty {
            from: headers[from].clone(),
            to: headers[to].clone(),
            owner: owner.to_string(),
        }
        .decided(),
    );
    Some((to, owner.to_string()))
}

/// The money columns, whose cells share the file's decimal mark and may
/// name a unit.
const MONEY: [Role; 5] = [
    Role::Amount,
    Role::UnitPrice,
    Role::Refund,
    Role::Cost,
    Role::Profit,
];

/// The multipliers the money headers name, or the user's one for all.
fn units(
    map: &ColumnMap,
    forced: Option<f64>,
    decisions: &mut Vec<Decision>,
) -> std::collections::BTreeMap<Role, f64> {
    let mut units = std::collections::BTreeMap::new();
    for role in MONEY {
        let Some(i) = map.get(role) else { continue };
        let header = &map.headers()[i];
        let factor = match forced {
            Some(f) => Some(f),
            None => map::unit_factor(header),
        };
        if let Some(factor) = factor.filter(|&f| f != 1.0) {
            units.insert(role, factor);
            decisions.push(
                Detail::Unit {
                    header: header.clone(),
                    factor,
                }
                .decided(),
            );
        }
    }
    units
}

/// Headers of a currency code column, as normalised.
const CURRENCY_HEADERS: &[&str] = &[
    "currency",
    "currencycode",
    "币种",
    "币别",
    "货币",
    "waehrung",
    "währung",
    "devise",
    "moneda",
    "valuta",
];

/// The column that names each amount's currency, unless the amount is
/// already converted to one (Stripe's `Converted Amount`, 本位币金额).
fn currency_column(map: &ColumnMap) -> Option<(usize, String)> {
    let amount = map
        .get(Role::Amount)
        .map_or(String::new(), |i| map.headers()[i].to_lowercase());
    if ["converted", "本位币", "local", "折合"]
        .iter()
        .any(|w| amount.contains(w))
    {
        return None;
    }
    map.headers()
        .iter()
        .position(|h| CURRENCY_HEADERS.contains(&map::Normalised::new(h).text.as_str()))
        .map(|i| (i, map.headers()[i].clone()))
}

/// An optional money column whose values are mostly not amounts (a
/// `refunded` column of Yes and No) is no money column: it is unmapped,
/// and said, rather than rejecting every row.
fn drop_unreadable_money(
    map: &mut ColumnMap,
    sample: &[Vec<String>],
    user: &[(String, String)],
    decisions: &mut Vec<Decision>,
) {
    for role in [Role::Refund, Role::Cost, Role::Profit, Role::UnitPrice] {
        let Some(i) = map.get(role) else { continue };
        if user.iter().any(|(r, _)| r == role.key()) {
            continue;
        }
        let cells: Vec<&str> = sample
            .iter()
            .filter_map(|row| row.get(i).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        let numbers = cells.iter().filter(|c| parse_amount(c).is_ok()).count();
        if !cells.is_empty() && numbers * 2 < cells.len() {
            if role == Role::Refund && map.get(Role::Status).is_none() {
                // "refunded: Yes / No" says whether the order was refunded:
                // a status, judged as one (status.rs), not an amount.
                map.set(Role::Status, i);
                continue;
            }
            decisions.push(
                Detail::NotMoney {
                    role,
                    header: map.headers()[i].clone(),
                }
                .decided(),
            );
            map.remove(role);
        }
    }
}

/// What one pass over the file says about its dates and numbers.
struct Evidence {
    dates: DateEvidence,
    numbers: NumberEvidence,
    /// The currency column's header and its distinct values (a few).
    currencies: Option<(String, Vec<String>)>,
}

impl Evidence {
    fn date_order(&self) -> Result<Option<DateOrder>, IngestError> {
        match (self.dates.decide(), &self.dates.example) {
            (Some(order), _) => Ok(Some(order)),
            (None, Some((line, example))) => Err(IngestError::AmbiguousDates {
                example: example.clone(),
                line: *line,
            }),
            (None, None) => Ok(None),
        }
    }
}

/// Reads the date column for its day/month order (every year-last date,
/// counted to the end) and the money columns until their decimal mark is
/// clear, then rewinds `rows`. Dates that are not year-last say nothing
/// about the order: they stop the date scan only after
/// `WITHOUT_YEAR_LAST` of them and no year-last one (an ISO date on the
/// first line once settled the order, and 500 rows of 25/12/2024 after it
/// were rejected).
fn scan(rows: &mut dyn Rows, map: &ColumnMap) -> Result<Evidence, IngestError> {
    let date = map.get(Role::Date);
    let money: Vec<usize> = MONEY.iter().filter_map(|&r| map.get(r)).collect();
    let mut evidence = Evidence {
        dates: DateEvidence::default(),
        numbers: NumberEvidence::default(),
        currencies: currency_column(map).map(|(_, h)| (h, Vec::new())),
    };
    let currency = currency_column(map).map(|(i, _)| i);
    const WITHOUT_YEAR_LAST: u64 = 100_000;
    let mut other_dates = 0u64;
    let mut dates_done = date.is_none();
    while let Some(record) = rows.next_record()? {
        if let (Some(i), Some((_, seen))) = (currency, evidence.currencies.as_mut()) {
            let value = record.cells.get(i).unwrap_or("").trim().to_uppercase();
            if !value.is_empty() && !seen.contains(&value) && seen.len() < 5 {
                seen.push(value);
            }
        }
        if !dates_done {
            let cell = record.cells.get(date.unwrap_or(0)).unwrap_or("");
            if !cell.trim().is_empty()
                && !evidence.dates.observe(record.line, cell)
                && evidence.dates.example.is_none()
            {
                other_dates += 1;
                dates_done = other_dates >= WITHOUT_YEAR_LAST;
            }
        }
        for &i in &money {
            evidence
                .numbers
                .observe(record.line, record.cells.get(i).unwrap_or(""));
        }
        if dates_done && evidence.numbers.settled() && currency.is_none() {
            break;
        }
    }
    rows.rewind()?;
    Ok(evidence)
}

/// The decisions only reading every row can make: totals left out, the
/// fill-down, line items, status exclusions, refunds.
pub fn after_reading(inspection: &Inspection, table: &Table) -> Vec<Decision> {
    let map = &inspection.map;
    let header = |role: Role| {
        map.get(role)
            .map_or(String::new(), |i| map.headers()[i].clone())
    };
    let mut found = Vec::new();
    if let Some(first) = table.total_rows.lines.first() {
        found.push(Detail::TotalsExcluded {
            rows: table.total_rows.count,
            first_line: first.line,
            example: first.text.clone(),
        });
    }
    if inspection.plan.fill_down {
        found.push(Detail::FillDown {
            header: header(Role::Customer),
            groups: table.group_rows,
        });
    }
    if table.line_item_rows > 0 {
        let key = if map.get(Role::OrderId).is_some() {
            Role::OrderId
        } else {
            Role::Customer
        };
        found.push(Detail::LineItems {
            rows: table.line_item_rows,
            header: header(key),
        });
    }
    for role in [Role::Status, Role::TransactionType] {
        let left_out: Vec<_> = table
            .status_values
            .iter()
            .filter(|v| v.role == role && v.excluded)
            .collect();
        if left_out.is_empty() {
            continue;
        }
        found.push(Detail::StatusExcluded {
            header: header(role),
            rows: left_out.iter().map(|v| v.rows).sum(),
            amount: left_out.iter().map(|v| v.amount).sum::<f64>() + 0.0,
            values: left_out.iter().map(|v| v.value.clone()).collect(),
        });
    }
    if table.refund_rows > 0 {
        found.push(Detail::RefundSubtracted {
            header: header(Role::Refund),
            rows: table.refund_rows,
            total: table.refunds,
        });
    }
    found.into_iter().map(Detail::decided).collect()
}
