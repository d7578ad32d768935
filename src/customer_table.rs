//! The customer table a manager searches, sorts and filters, and the card
//! of one customer.
//!
//! Every customer is a `CustomerRow` (revenue rank, tier, RFM, stage, CLV
//! ...) plus its value of every dimension column. Rows are made when they
//! are shown, searched or exported, from the analysis's `RowSource`: a
//! million finished rows would be the largest thing in the worker's memory.
//! A `Query` keeps the rows whose id or name contains the search text
//! (case-insensitive) and that match every chosen filter (tier, RFM
//! segment, lifecycle stage, one value of one dimension), sorted by one
//! key. Sorting is total and stable: ties go by revenue rank, and customers
//! without a value (no name, no model prediction) come last in either
//! direction. The browser keeps this table in its worker and sends the page
//! only the rows in view (`page`), which is what lets a million customers
//! scroll; the CLI's `customers` command prints the same pages.

pub mod csv;
mod rows;

pub use rows::{CustomerRow, Group, Labels, RowSource, LISTED};

use crate::clv::value::ChurnRisk;
use crate::compare::Movement;
use crate::day::Day;
use crate::index::{Idx, Rank};
use crate::ingest::Table;
use crate::lifecycle::Stage;
use crate::rfm::Segment;
use crate::settings::{self, Field, Filter, SettingsError};
use crate::tiers::Tier;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::cmp::Ordering;

/// What the table can be sorted by (the CLI's `--sort` names).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Rank,
    Id,
    Name,
    Tier,
    Revenue,
    Profit,
    Transactions,
    PurchaseDays,
    FirstPurchase,
    LastPurchase,
    /// The RFM score read as a three-digit number (R first).
    Rfm,
    Segment,
    Stage,
    PAlive,
    ExpectedPurchases,
    Clv,
    #[serde(rename = "p_purchase_90d")]
    PPurchase90d,
    ExpectedNextPurchase,
    /// Low, medium, high.
    ChurnRisk,
}

impl SortKey {
    pub const ALL: [SortKey; 19] = [
        SortKey::Rank,
        SortKey::Id,
        SortKey::Name,
        SortKey::Tier,
        SortKey::Revenue,
        SortKey::Profit,
        SortKey::Transactions,
        SortKey::PurchaseDays,
        SortKey::FirstPurchase,
        SortKey::LastPurchase,
        SortKey::Rfm,
        SortKey::Segment,
        SortKey::Stage,
        SortKey::PAlive,
        SortKey::ExpectedPurchases,
        SortKey::Clv,
        SortKey::PPurchase90d,
        SortKey::ExpectedNextPurchase,
        SortKey::ChurnRisk,
    ];

    /// The key as `--sort` and the page name it.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<SortKey, SettingsError> {
        let names = SortKey::ALL.map(|k| k.name());
        let options: Vec<(&str, SortKey)> =
            names.iter().map(String::as_str).zip(SortKey::ALL).collect();
        settings::one_of(Field::Sort, text, &options)
    }
}

/// Which customers, in which order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub sort: SortKey,
    pub descending: bool,
    /// Part of an id or a name; empty keeps everyone.
    pub search: String,
    pub tier: Option<Tier>,
    pub segment: Option<Segment>,
    pub stage: Option<Stage>,
    /// One value of one dimension (`value: None` means no value).
    pub dimension: Option<Filter>,
    /// One churn risk (customers without a prediction have none).
    #[serde(default)]
    pub churn_risk: Option<ChurnRisk>,
    /// One movement between the compared periods (`A>B`, `none>A`, ...).
    #[serde(default)]
    pub movement: Option<Movement>,
}

/// A window of the matching rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The query these rows answer.
    pub query: Query,
    /// Every customer in the table.
    pub customers: usize,
    pub matches: usize,
    pub offset: usize,
    pub rows: Vec<CustomerRow>,
}

/// One dimension column, its value per row.
#[derive(Clone, Debug)]
struct Dimension {
    key: String,
    header: String,
    values: Vec<String>,
    /// Per row: an index into `values`, or `u32::MAX` for none.
    of: Vec<u32>,
}

/// Every customer of an analysis.
#[derive(Clone, Debug, Default)]
pub struct CustomerTable {
    /// Rows are made from this as they are shown (rank order).
    rows: RowSource<'static>,
    dimensions: Vec<Dimension>,
    /// Lower-cased id and name per row, for the search: made at the first
    /// search, as most analyses are never searched and a million rows take
    /// a million strings.
    folded: OnceCell<Vec<String>>,
    /// The last query and the rows it matched, in order.
    cached: Option<(Query, Vec<u32>)>,
}

impl CustomerTable {
    /// The rows of an analysis (as `analysis::assemble` gives them) and
    /// the table they were computed from (for the dimension values).
    pub fn new(rows: RowSource<'static>, table: &Table) -> CustomerTable {
        let dimensions = table
            .categories
            .iter()
            .map(|c| Dimension {
                key: c.key.clone(),
                header: c.header.clone(),
                values: c.values.clone(),
                of: rows
                    .ranks()
                    .map(|rank| {
                        c.code
                            .get(rows.customer_at(rank).index())
                            .copied()
                            .unwrap_or(u32::MAX)
                    })
                    .collect(),
            })
            .collect();
        CustomerTable {
            rows,
            dimensions,
            folded: OnceCell::new(),
            cached: None,
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every row, in rank order.
    /// Every customer in either compared period, with both period revenues
    /// (the workbook's migration sheet).
    pub fn migration_lists(&self) -> Vec<crate::compare::MovedCustomer> {
        crate::compare::migration_lists(&self.rows)
    }

    pub fn rows(&self) -> impl Iterator<Item = CustomerRow> + '_ {
        self.rows.ranks().map(|rank| self.rows.row(rank))
    }

    /// Matches `query` and remembers the order; returns how many match.
    pub fn apply(&mut self, query: &Query) -> usize {
        if let Some((cached, order)) = &self.cached {
            if cached == query {
                return order.len();
            }
        }
        let order = self.select(query);
        let n = order.len();
        self.cached = Some((query.clone(), order));
        n
    }

    /// `count` rows from `offset` of the matches of `query`.
    pub fn page(&mut self, query: &Query, offset: usize, count: usize) -> Page {
        let matches = self.apply(query);
        let order = self.cached.as_ref().map_or(&[][..], |(_, o)| o.as_slice());
        let start = offset.min(matches);
        let end = start.saturating_add(count).min(matches);
        Page {
            query: query.clone(),
            customers: self.rows.len(),
            matches,
            offset: start,
            rows: order[start..end]
                .iter()
                .map(|&r| self.rows.row(Rank::new(r as usize)))
                .collect(),
        }
    }

    /// The matching rows of `query`, in order, as the export writes them.
    pub fn matching(&mut self, query: &Query) -> impl Iterator<Item = CustomerRow> + '_ {
        self.apply(query);
        let order = self.cached.as_ref().map_or(&[][..], |(_, o)| o.as_slice());
        order.iter().map(|&r| self.rows.row(Rank::new(r as usize)))
    }

    /// A customer's row and dimension values (header, value).
    pub fn find(&self, id: &str) -> Option<(CustomerRow, Vec<(String, String)>)> {
        let r = self.rows.ranks().find(|&rank| self.rows.id(rank) == id)?;
        let dims = self
            .dimensions
            .iter()
            .filter_map(|d| {
                let value = d.values.get(d.of[r.index()] as usize)?;
                Some((d.header.clone(), value.clone()))
            })
            .collect();
        Some((self.rows.row(r), dims))
    }

    fn select(&self, query: &Query) -> Vec<u32> {
        let needle = query.search.trim().to_lowercase();
        let folded = match needle.is_empty() {
            true => &[][..],
            false => self.folded.get_or_init(|| fold(&self.rows)).as_slice(),
        };
        let dimension = query.dimension.as_ref().map(|f| self.dimension_filter(f));
        let mut order: Vec<u32> = (0..self.rows.len() as u32)
            .filter(|&r| {
                let (rows, rank) = (&self.rows, Rank::new(r as usize));
                query.tier.is_none_or(|t| rows.tier(rank) == t)
                    && query.segment.is_none_or(|s| rows.segment(rank) == s)
                    && query.stage.is_none_or(|s| rows.stage(rank) == s)
                    && query
                        .churn_risk
                        .is_none_or(|c| rows.prediction(rank).map(|p| p.churn_risk) == Some(c))
                    && query.movement.is_none_or(|m| rows.movement(rank) == m)
                    && dimension.as_ref().is_none_or(|keep| keep(r as usize))
                    && (needle.is_empty() || folded[r as usize].contains(&needle))
            })
            .collect();
        self.sort(&mut order, query.sort, query.descending);
        order
    }

    /// Whether row r has the filter's value; an unknown key keeps nobody.
    fn dimension_filter(&self, filter: &Filter) -> impl Fn(usize) -> bool + '_ {
        let dim = self.dimensions.iter().find(|d| d.key == filter.key);
        let wanted: Option<u32> = match (dim, &filter.value) {
            (Some(d), Some(v)) => d.values.iter().position(|x| x == v).map(|i| i as u32),
            (Some(_), None) => Some(u32::MAX),
            (None, _) => None,
        };
        move |r| match (dim, wanted) {
            (Some(d), Some(w)) => d.of[r] == w,
            _ => false,
        }
    }

    fn sort(&self, order: &mut [u32], key: SortKey, descending: bool) {
        let rows = &self.rows;
        let directed = |o: Ordering| if descending { o.reverse() } else { o };
        // Rows are in rank order, so the row index is the rank tie-break.
        match sort_value(key) {
            Value::Number(value) => {
                let keys: Vec<Option<f64>> = rows.ranks().map(|r| value(rows, r)).collect();
                order.sort_unstable_by(|&a, &b| {
                    let (ka, kb) = (keys[a as usize], keys[b as usize]);
                    missing_last(ka, kb, |x, y| directed(x.total_cmp(&y))).then(a.cmp(&b))
                });
            }
            Value::Text(text) => {
                order.sort_unstable_by(|&a, &b| {
                    let at = |r: u32| Rank::new(r as usize);
                    let (ka, kb) = (text(rows, at(a)), text(rows, at(b)));
                    missing_last(ka, kb, |x, y| directed(x.cmp(y))).then(a.cmp(&b))
                });
            }
        }
    }
}

/// Missing values after present ones, whatever the direction.
fn missing_last<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A sort key's value at a rank.
enum Value {
    Number(fn(&RowSource<'static>, Rank) -> Option<f64>),
    Text(for<'s> fn(&'s RowSource<'static>, Rank) -> Option<&'s str>),
}

fn sort_value(key: SortKey) -> Value {
    use Value::{Number, Text};
    match key {
        SortKey::Rank => Number(|_, r| Some(r.index() as f64)),
        SortKey::Id => Text(|s, r| Some(s.id(r))),
        SortKey::Name => Text(|s, r| s.name(r).filter(|n| !n.is_empty())),
        SortKey::Tier => Text(|s, r| Some(tier_text(s.tier(r)))),
        SortKey::Revenue => Number(|s, r| Some(s.customer(r).revenue)),
        SortKey::Profit => Number(|s, r| Some(s.profit(r))),
        SortKey::Transactions => Number(|s, r| Some(f64::from(s.customer(r).transactions))),
        SortKey::PurchaseDays => Number(|s, r| Some(f64::from(s.customer(r).purchase_days))),
        SortKey::FirstPurchase => Number(|s, r| Some(f64::from(s.customer(r).first.0))),
        SortKey::LastPurchase => Number(|s, r| Some(f64::from(s.customer(r).last.0))),
        SortKey::Rfm => Number(|s, r| {
            let rfm = s.scores(r);
            Some(f64::from(rfm.r) * 100.0 + f64::from(rfm.f) * 10.0 + f64::from(rfm.m))
        }),
        SortKey::Segment => Text(|s, r| Some(s.segment(r).key())),
        SortKey::Stage => Number(|s, r| {
            Stage::ALL
                .iter()
                .position(|x| *x == s.stage(r))
                .map(|i| i as f64)
        }),
        SortKey::PAlive => Number(|s, r| s.prediction(r).map(|p| p.p_alive)),
        SortKey::ExpectedPurchases => Number(|s, r| s.prediction(r).map(|p| p.expected_purchases)),
        SortKey::Clv => Number(|s, r| s.prediction(r).map(|p| p.clv)),
        SortKey::PPurchase90d => Number(|s, r| s.prediction(r).map(|p| p.p_purchase_90d)),
        SortKey::ExpectedNextPurchase => Number(|s, r| {
            let p = s.prediction(r)?;
            p.expected_next_purchase.map(|d| f64::from(d.0))
        }),
        SortKey::ChurnRisk => Number(|s, r| {
            let risk = s.prediction(r)?.churn_risk;
            ChurnRisk::ALL
                .iter()
                .position(|c| *c == risk)
                .map(|i| i as f64)
        }),
    }
}

fn tier_text(tier: Tier) -> &'static str {
    match tier {
        Tier::A => "A",
        Tier::B => "B",
        Tier::C => "C",
    }
}

/// One purchase day on a card's timeline: the day's net amount.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub day: Day,
    pub amount: f64,
}

/// One customer, as the card shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub row: CustomerRow,
    /// (dimension header, value) for every dimension the customer has.
    pub dimensions: Vec<(String, String)>,
    /// Days from the last purchase to the as-of date.
    pub recency_days: i32,
    /// Net amount per day (or per month, see `by_month`), in date order.
    pub purchases: Vec<Purchase>,
    /// Too many days to draw one by one: the timeline is by month.
    pub by_month: bool,
}

/// Days a timeline draws one by one; beyond this it is by month.
pub const TIMELINE_DAYS: usize = 2000;

/// The card of `id`: its row and its purchases up to `as_of` in `table`
/// (the file's whole table: the card shows every day it has, merged per
/// day like the analyses count them). `None` for an unknown id.
pub fn card(customers: &CustomerTable, table: &Table, as_of: Day, id: &str) -> Option<Card> {
    let (row, dimensions) = customers.find(id)?;
    let index = table.ids.iter().position(|x| x == id);
    let mut days: Vec<(Day, f64)> = match (index, &table.summary) {
        (Some(c), None) => (0..table.len())
            .filter(|&r| table.customer[r] as usize == c && table.day[r] <= as_of)
            .map(|r| (table.day[r], table.amount[r]))
            .collect(),
        _ => Vec::new(),
    };
    days.sort_by_key(|d| d.0);
    let mut purchases = merge(days.into_iter());
    let by_month = purchases.len() > TIMELINE_DAYS;
    if by_month {
        purchases = merge(purchases.iter().map(|p| (month_start(p.day), p.amount)));
    }
    Some(Card {
        recency_days: as_of.0 - row.last_purchase.0,
        row,
        dimensions,
        purchases,
        by_month,
    })
}

/// Adds the amounts of equal, adjacent days.
fn merge(days: impl Iterator<Item = (Day, f64)>) -> Vec<Purchase> {
    let mut out: Vec<Purchase> = Vec::new();
    for (day, amount) in days {
        match out.last_mut() {
            Some(last) if last.day == day => last.amount += amount,
            _ => out.push(Purchase { day, amount }),
        }
    }
    out
}

fn month_start(day: Day) -> Day {
    Day::from_ymd(day.year(), day.month(), 1).unwrap_or(day)
}

/// Each row's id and name, lower-cased, for the search.
fn fold(rows: &RowSource<'_>) -> Vec<String> {
    rows.ranks()
        .map(|r| format!("{}\u{1f}{}", rows.id(r), rows.name(r).unwrap_or("")).to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests;
