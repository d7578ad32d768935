//! Every choice made on weak evidence while reading a file, said out loud.
//!
//! A header found below line 1, a column guessed from its values, total
//! rows left out, a unit applied, rows excluded by their status: each is a
//! `Decision` in `input.decisions`, shown in the page's import report and
//! printed by the CLI, with what was done, why, and the option that
//! changes it. A manager who finds one silently wrong figure stops
//! trusting all of them.

use super::map::Role;
use super::values::DateOrder;
use serde::{Deserialize, Serialize};

/// What was decided, with the facts the page words in its own language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// The header is on `line`; the rows above it are a title.
    HeaderRow {
        line: u64,
        above: Vec<String>,
    },
    RoleFromValues {
        role: Role,
        header: String,
    },
    /// No id column: the customer name is the key.
    NameAsKey {
        header: String,
    },
    /// Several columns read as an amount; the best-ranked was taken.
    AmountRanked {
        header: String,
        others: Vec<String>,
    },
    TotalsExcluded {
        rows: u64,
        first_line: u64,
        example: String,
    },
    /// A group layout: the customer filled down from its group rows.
    FillDown {
        header: String,
        groups: u64,
    },
    /// Further lines of an order whose amount is on its first line.
    LineItems {
        rows: u64,
        header: String,
    },
    QuantityTimesPrice {
        quantity: String,
        price: String,
    },
    Unit {
        header: String,
        factor: f64,
    },
    StatusExcluded {
        header: String,
        rows: u64,
        amount: f64,
        values: Vec<String>,
    },
    RefundSubtracted {
        header: String,
        rows: u64,
        total: f64,
    },
    DecimalComma {
        header: String,
    },
    Sheet {
        sheet: String,
        others: Vec<String>,
    },
    Encoding {
        encoding: String,
    },
    /// Both sides of each row are named; the customer is the one that is
    /// not the account's owner.
    Counterparty {
        from: String,
        to: String,
        owner: String,
    },
    DuplicateHeader {
        header: String,
    },
    /// Year-last dates read in this day/month order, decided by `example`.
    DateOrder {
        order: DateOrder,
        line: u64,
        example: String,
    },
    /// An optional money column whose values are not amounts, unmapped.
    NotMoney {
        role: Role,
        header: String,
    },
    /// The customer master's potential column found by a word in its header.
    MasterPotential {
        header: String,
    },
    /// The customer master has no potential column.
    MasterNoPotential {
        headers: Vec<String>,
    },
    /// The customer master has no id column: its names are the key.
    MasterNameKey {
        header: String,
    },
    /// Dimensions both files have: the master's values were taken.
    MasterWins {
        file: String,
        dimensions: Vec<String>,
    },
}

/// One decision: the facts, and the English sentence of the CLI and JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    pub detail: Detail,
    pub what: String,
    pub why: String,
}

fn list(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(8).map(|s| format!("\"{s}\"")).collect();
    let more = items.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

impl Detail {
    /// The decision with its English sentences.
    pub fn decided(self) -> Decision {
        let (what, why) = self.english();
        Decision {
            detail: self,
            what,
            why,
        }
    }

    fn english(&self) -> (String, String) {
        match self {
            Detail::HeaderRow { line, above } => (
                format!("headers read from line {line}"),
                format!(
                    "the rows above it read as a title, not a header: {} (--header-row N to choose another)",
                    list(above)
                ),
            ),
            Detail::RoleFromValues { role, header } => (
                format!("\"{header}\" taken as the {} column", role.key()),
                format!(
                    "no header names the {}; the column's values look like one (--map {}=HEADER to choose another)",
                    role.key(),
                    role.key()
                ),
            ),
            Detail::NameAsKey { header } => (
                format!("customers told apart by \"{header}\""),
                "the file has no customer id or code column, so the name is the key: two customers with one name count as one (--map customer=HEADER for an id column)".into(),
            ),
            Detail::AmountRanked { header, others } => (
                format!("\"{header}\" taken as the amount"),
                format!(
                    "of the columns that read as an amount it ranks first (net or paid, then totals, then plain amounts, then gross), above {} (--map amount=HEADER to choose another)",
                    list(others)
                ),
            ),
            Detail::TotalsExcluded {
                rows,
                first_line,
                example,
            } => (
                format!("{rows} total, subtotal or footer rows left out"),
                format!(
                    "rows such as \"{example}\" (line {first_line}) sum other rows or describe the report; counting them would count revenue twice"
                ),
            ),
            Detail::FillDown { header, groups } => (
                format!("customers filled down from {groups} group rows in \"{header}\""),
                "the file is a report grouped by customer: each customer stands on a row of its own above its lines".into(),
            ),
            Detail::LineItems { rows, header } => (
                format!("{rows} further line-item rows read as part of their order"),
                format!("they repeat \"{header}\" of the row above and carry no amount and no date of their own: the order's amount is on its first line"),
            ),
            Detail::QuantityTimesPrice { quantity, price } => (
                format!("amount = \"{quantity}\" × \"{price}\""),
                "the file has no amount column, only a quantity and a unit price (--map amount=HEADER if it has one)".into(),
            ),
            Detail::Unit { header, factor } => (
                format!("\"{header}\" multiplied by {factor}"),
                "its header names the unit the amounts are in (--unit 1 to read them as written)".into(),
            ),
            Detail::StatusExcluded {
                header,
                rows,
                amount,
                values,
            } => (
                format!("{rows} rows left out by \"{header}\" ({amount:.2} in all)"),
                format!(
                    "their status means no revenue: {} (--keep-status VALUE to count them, --drop-status VALUE to leave out others)",
                    list(values)
                ),
            ),
            Detail::RefundSubtracted { header, rows, total } => (
                format!("\"{header}\" subtracted from the amounts ({total:.2} on {rows} rows)"),
                "refunds are money the customer got back (--map refund= to keep the amounts as written)".into(),
            ),
            Detail::DecimalComma { header } => (
                format!("\"{header}\" read with a decimal comma (1.234,56)"),
                "the column's values only make sense that way, such as 1.234,56 or 12,5 (--decimal point to read them otherwise)".into(),
            ),
            Detail::Sheet { sheet, others } => (
                format!("sheet \"{sheet}\" read"),
                format!(
                    "it reads as the transaction log: dates and amounts on most rows; the workbook's other sheets: {} (--sheet NAME to read another)",
                    list(others)
                ),
            ),
            Detail::Encoding { encoding } => (
                format!("text decoded as {encoding}"),
                "the file is not UTF-8 and its bytes read best in this encoding (--encoding NAME to choose another)".into(),
            ),
            Detail::Counterparty { from, to, owner } => (
                format!("the customer is the other party: \"{from}\", or \"{to}\" where \"{from}\" is \"{owner}\""),
                format!("\"{owner}\" is on one side of nearly every row: it is the account's owner, so rows it sent (refunds) belong to the party it sent them to (--map customer=HEADER to read one column only)"),
            ),
            Detail::DateOrder { order, line, example } => (
                format!(
                    "dates read {}",
                    match order {
                        DateOrder::Dmy => "day first (03/04/2024 is 3 April)",
                        DateOrder::Mdy => "month first (03/04/2024 is March 4)",
                    }
                ),
                format!("the dates put the year last, and the parts above 12 show the order, as in \"{example}\" (line {line}) (--date-order dmy|mdy to choose the other)"),
            ),
            Detail::MasterPotential { header } => (
                format!("\"{header}\" read as the customer master's potential"),
                "its header names a potential or budget, not exactly (--master-map potential=HEADER to choose another, or potential= for none)".into(),
            ),
            Detail::MasterNoPotential { headers } => (
                "no potential column in the customer master: no customer share".into(),
                format!(
                    "no header names an annual potential or purchase budget (采购潜力, 年采购预算, potential, wallet); its headers: {} (--master-map potential=HEADER)",
                    list(headers)
                ),
            ),
            Detail::MasterNameKey { header } => (
                format!("the customer master is joined by \"{header}\""),
                "it has no customer id or code column, so names must match the log's key exactly (--master-map customer=HEADER)".into(),
            ),
            Detail::MasterWins { file, dimensions } => (
                format!("{} taken from the customer master", list(dimensions)),
                format!("both files have them; {file} is the master, so its values win for the customers it lists (the log's are kept for the others)"),
            ),
            Detail::NotMoney { role, header } => (
                format!("\"{header}\" not read as the {}", role.key()),
                format!("its values are not amounts (--map {}=HEADER to use a column that is)", role.key()),
            ),
            Detail::DuplicateHeader { header } => (
                format!("\"{header}\" appears more than once"),
                format!("the later copies are called \"{header} (2)\" and so on; check which one each role uses"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_serialises_with_its_kind_and_sentences() {
        let d = Detail::Unit {
            header: "金额(万元)".into(),
            factor: 10_000.0,
        }
        .decided();
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["kind"], "unit");
        assert_eq!(v["header"], "金额(万元)");
        assert!(v["what"].as_str().unwrap().contains("10000"));
        assert!(v["why"].as_str().unwrap().contains("--unit"));
        let back: Decision = serde_json::from_value(v).unwrap();
        assert_eq!(back, d);
    }
}
