//! One row per customer, aggregated from the transaction table.
//!
//! Net revenue is the sum of every amount, so returns (negative amounts)
//! are subtracted. Purchases on the same day by the same customer count as
//! one purchase with their amounts added (the contract's rule, and the
//! convention of the BG/NBD literature); a day with only returns is not a
//! purchase day. The merged purchase log is kept in compressed-row form
//! (`offsets` into `days`/`day_amounts`) for the recency and frequency
//! analyses.

use crate::day::Day;
use crate::ingest::table::SummaryRow;
use crate::ingest::Table;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    /// Net revenue: all amounts added, returns subtracted.
    pub revenue: f64,
    /// Total cost, when the file has a cost column.
    pub cost: Option<f64>,
    pub transactions: u32,
    /// Distinct days with at least one non-negative transaction.
    pub purchase_days: u32,
    pub returns: u32,
    pub returns_total: f64,
    pub first: Day,
    pub last: Day,
}

#[derive(Debug, Default)]
pub struct Customers {
    /// Indexed like `Table::ids`.
    pub list: Vec<Customer>,
    /// `days[offsets[c]..offsets[c + 1]]` are customer c's purchase days.
    pub offsets: Vec<u32>,
    pub days: Vec<Day>,
    pub day_amounts: Vec<f64>,
    /// A richer summary's model columns, one row per customer.
    pub model: Option<crate::summary::Model>,
}

impl Customers {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Customer `c`'s purchase days and the net amount of each, in order
    /// (empty for a customer summary, which has no log).
    pub fn purchases(&self, c: usize) -> (&[Day], &[f64]) {
        let span = self.offsets[c] as usize..self.offsets[c + 1] as usize;
        (&self.days[span.clone()], &self.day_amounts[span])
    }

    /// The first and last purchase of any customer (for a summary, the
    /// table's dates are only each customer's last purchase).
    pub fn date_range(&self) -> (Day, Day) {
        let first = self.list.iter().map(|c| c.first).min();
        let last = self.list.iter().map(|c| c.last).max();
        (first.unwrap_or_default(), last.unwrap_or_default())
    }

    /// Customer indices by revenue in whole cents, largest first; ties by
    /// id text, so the order (and so every tier boundary) never depends on
    /// file order: two revenues equal to the cent rank by id even where
    /// their sums differ in the last bit (10.1 + 20.2 against 30.3).
    pub fn ranked_by_revenue(&self, ids: &[String]) -> Vec<u32> {
        let cents: Vec<i64> = self.list.iter().map(|c| cents(c.revenue)).collect();
        let mut order: Vec<u32> = (0..self.list.len() as u32).collect();
        // Ids are distinct, so no two keys are equal and an unstable sort
        // gives the one order; it is the faster one, without a buffer.
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            cents[b].cmp(&cents[a]).then_with(|| ids[a].cmp(&ids[b]))
        });
        order
    }
}

/// The returns in a table: rows with a negative amount, and their sum.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Returns {
    pub rows: u64,
    pub total: f64,
}

impl Returns {
    pub fn of(table: &Table) -> Returns {
        table
            .amount
            .iter()
            .filter(|&&a| a < 0.0)
            .fold(Returns::default(), |r, &a| Returns {
                rows: r.rows + 1,
                total: r.total + a,
            })
    }
}

/// Aggregates the rows of `table`, one `Customer` per interned id.
pub fn aggregate(table: &Table) -> Customers {
    if let Some(summary) = &table.summary {
        return from_summary(table, summary);
    }
    let rows_by_customer = group_rows(table);
    let n = table.customers();
    // A purchase day per row at most: reserved, as growing by doubling
    // could leave a third of a million-row column unused.
    let mut out = Customers {
        list: Vec::with_capacity(n),
        offsets: Vec::with_capacity(n + 1),
        days: Vec::with_capacity(table.len()),
        day_amounts: Vec::with_capacity(table.len()),
        model: None,
    };
    out.offsets.push(0);
    let mut rows: Vec<u32> = Vec::new();
    for c in 0..n {
        rows.clear();
        let span = rows_by_customer.offsets[c] as usize..rows_by_customer.offsets[c + 1] as usize;
        rows.extend_from_slice(&rows_by_customer.rows[span]);
        // By day, then amount and cost: the sums are then added in one
        // order whatever the file's, so equal customers get equal bits.
        rows.sort_unstable_by(|&a, &b| row_order(table, a as usize, b as usize));
        out.list
            .push(summarise(table, &rows, &mut out.days, &mut out.day_amounts));
        out.offsets.push(out.days.len() as u32);
    }
    out
}

/// Customers from a summary: each row already is a customer (rows for the
/// same id are merged: revenue and orders added, the earliest first and the
/// latest last purchase kept). There is no purchase log, so `days` stays
/// empty and purchase days are the order counts, when the file has them.
fn from_summary(table: &Table, summary: &[SummaryRow]) -> Customers {
    let n = table.customers();
    let mut list: Vec<Option<Customer>> = vec![None; n];
    for (row, s) in summary.iter().enumerate() {
        let amount = table.amount[row];
        let orders = s.orders.unwrap_or(0);
        let (first, last) = (
            s.first.or(s.last).unwrap_or_default(),
            s.last.or(s.first).unwrap_or_default(),
        );
        let entry = list[table.customer[row] as usize].get_or_insert(Customer {
            revenue: 0.0,
            cost: table.cost.as_ref().map(|_| 0.0),
            transactions: 0,
            purchase_days: 0,
            returns: 0,
            returns_total: 0.0,
            first,
            last,
        });
        add_row(entry, table, row, amount);
        // Counts come from the file: a merge must not overflow.
        entry.transactions = entry.transactions.saturating_add(orders);
        entry.purchase_days = entry.purchase_days.saturating_add(orders);
        entry.first = entry.first.min(first);
        entry.last = entry.last.max(last);
    }
    // A richer summary has one row per customer (`Builder::admit`), so
    // each customer's model row is the row that made it.
    let model = table.model.as_ref().map(|m| {
        let mut row_of = vec![0usize; n];
        for (row, &c) in table.customer.iter().enumerate() {
            row_of[c as usize] = row;
        }
        m.pick(row_of.into_iter())
    });
    Customers {
        list: list.into_iter().flatten().collect(),
        offsets: vec![0; n + 1],
        days: Vec::new(),
        day_amounts: Vec::new(),
        model,
    }
}

/// Row indices grouped by customer (a counting sort: linear in the rows).
struct Grouped {
    offsets: Vec<u32>,
    rows: Vec<u32>,
}

fn group_rows(table: &Table) -> Grouped {
    let n = table.customers();
    let mut offsets = vec![0u32; n + 1];
    for &c in &table.customer {
        offsets[c as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut next = offsets.clone();
    let mut rows = vec![0u32; table.len()];
    for (r, &c) in table.customer.iter().enumerate() {
        rows[next[c as usize] as usize] = r as u32;
        next[c as usize] += 1;
    }
    Grouped { offsets, rows }
}

/// An amount in whole cents, the key customers are ranked by
/// (saturating: an absurd amount is not a panic).
pub fn cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

/// A customer's rows in a canonical order: by day, then amount, then cost.
fn row_order(table: &Table, a: usize, b: usize) -> std::cmp::Ordering {
    let cost = |r: usize| table.cost.as_ref().map_or(0.0, |c| c[r]);
    table.day[a]
        .cmp(&table.day[b])
        .then_with(|| table.amount[a].total_cmp(&table.amount[b]))
        .then_with(|| cost(a).total_cmp(&cost(b)))
}

/// Sums one customer's rows (sorted by day) and appends its purchase days.
fn summarise(table: &Table, rows: &[u32], days: &mut Vec<Day>, amounts: &mut Vec<f64>) -> Customer {
    let mut customer = Customer {
        revenue: 0.0,
        cost: table.cost.as_ref().map(|_| 0.0),
        transactions: rows.len() as u32,
        purchase_days: 0,
        returns: 0,
        returns_total: 0.0,
        first: rows
            .first()
            .map_or(Day::default(), |&r| table.day[r as usize]),
        last: rows
            .last()
            .map_or(Day::default(), |&r| table.day[r as usize]),
    };
    let mut i = 0;
    while i < rows.len() {
        let day = table.day[rows[i] as usize];
        let (mut net, mut bought) = (0.0, false);
        while i < rows.len() && table.day[rows[i] as usize] == day {
            let r = rows[i] as usize;
            let amount = table.amount[r];
            add_row(&mut customer, table, r, amount);
            net += amount;
            bought |= amount >= 0.0;
            i += 1;
        }
        if bought {
            if customer.purchase_days == 0 {
                customer.first = day;
            }
            customer.purchase_days += 1;
            customer.last = day;
            days.push(day);
            amounts.push(net);
        }
    }
    customer
}

fn add_row(customer: &mut Customer, table: &Table, row: usize, amount: f64) {
    customer.revenue += amount;
    if amount < 0.0 {
        customer.returns += 1;
        customer.returns_total += amount;
    }
    if let (Some(total), Some(costs)) = (customer.cost.as_mut(), table.cost.as_ref()) {
        *total += costs[row];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(u32, i32, f64)]) -> Table {
        let n = rows.iter().map(|r| r.0).max().map_or(0, |m| m + 1);
        Table {
            ids: (0..n).map(|i| format!("C{i}")).collect(),
            customer: rows.iter().map(|r| r.0).collect(),
            day: rows.iter().map(|r| Day(r.1)).collect(),
            amount: rows.iter().map(|r| r.2).collect(),
            ..Table::default()
        }
    }

    #[test]
    fn same_day_purchases_merge_and_returns_net() {
        let t = table(&[
            (0, 5, 10.0),
            (0, 5, 2.0),
            (1, 1, 7.0),
            (0, 9, -4.0),
            (0, 3, 1.0),
        ]);
        let cs = aggregate(&t);
        let a = &cs.list[0];
        assert_eq!(a.revenue, 9.0);
        assert_eq!(a.transactions, 4);
        assert_eq!(a.purchase_days, 2, "day 9 only has a return");
        assert_eq!((a.first, a.last), (Day(3), Day(5)));
        assert_eq!((a.returns, a.returns_total), (1, -4.0));
        assert_eq!(&cs.days[0..2], &[Day(3), Day(5)]);
        assert_eq!(&cs.day_amounts[0..2], &[1.0, 12.0]);
        assert_eq!(cs.offsets, [0, 2, 3]);
    }

    #[test]
    fn ranking_breaks_ties_by_id() {
        let t = table(&[(0, 1, 5.0), (1, 1, 9.0), (2, 1, 5.0)]);
        let cs = aggregate(&t);
        assert_eq!(cs.ranked_by_revenue(&t.ids), [1, 0, 2]);
    }

    #[test]
    fn revenues_equal_to_the_cent_rank_by_id_whatever_the_row_order() {
        // 0.1 + 0.2 and 0.2 + 0.1 differ from 0.3 in the last bit; summed in
        // file order, customer 0 ranked above customer 1 or below it
        // depending on which row came first.
        let rows = [
            (1, 1, 0.2),
            (1, 1, 0.1),
            (0, 2, 0.3),
            (2, 1, 0.1),
            (2, 1, 0.2),
        ];
        let mut reversed = rows;
        reversed.reverse();
        let (t, r) = (table(&rows), table(&reversed));
        let (cs, cr) = (aggregate(&t), aggregate(&r));
        for c in 0..3 {
            assert_eq!(cs.list[c].revenue.to_bits(), cr.list[c].revenue.to_bits());
        }
        assert_eq!(cs.ranked_by_revenue(&t.ids), [0, 1, 2]);
        assert_eq!(cr.ranked_by_revenue(&r.ids), [0, 1, 2]);
        assert_eq!(cents(-0.125), -13);
        assert_eq!(cents(1e300), i64::MAX, "saturates");
    }

    #[test]
    fn a_summary_becomes_customers_directly() {
        let mut t = table(&[(0, 30, 100.0), (1, 40, 50.0), (0, 60, 20.0)]);
        let s = |first: Option<i32>, last: i32, orders| SummaryRow {
            first: first.map(Day),
            last: Some(Day(last)),
            orders: Some(orders),
        };
        t.summary = Some(vec![s(Some(10), 30, 4), s(None, 40, 1), s(Some(5), 60, 2)]);
        let cs = aggregate(&t);
        assert_eq!(cs.list[0].revenue, 120.0);
        assert_eq!((cs.list[0].first, cs.list[0].last), (Day(5), Day(60)));
        assert_eq!((cs.list[0].transactions, cs.list[0].purchase_days), (6, 6));
        assert_eq!((cs.list[1].first, cs.list[1].last), (Day(40), Day(40)));
        assert!(cs.days.is_empty());
        assert_eq!(cs.offsets, [0, 0, 0]);
    }

    #[test]
    fn cost_is_summed_when_present() {
        let mut t = table(&[(0, 1, 10.0), (0, 2, 5.0)]);
        t.cost = Some(vec![6.0, 4.0]);
        assert_eq!(aggregate(&t).list[0].cost, Some(10.0));
    }
}
