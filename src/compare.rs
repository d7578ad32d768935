//! Key accounts over time: two periods compared, customer by customer.
//!
//! - **Periods.** By default the 12 months up to the as-of date against the
//!   12 months before (calendar months back from the as-of date, both
//!   inclusive); any two ranges can be set (`--compare S..E,S..E`, ISO
//!   dates, inclusive). Only rows up to the as-of date are read, like every
//!   section.
//! - A customer is **in a period** when it has a purchase (a row with an
//!   amount ≥ 0) in it; its **period revenue** is the net sum of its rows in
//!   the period (returns subtracted). A customer with only returns in a
//!   period is not in it, and those returns count nowhere.
//! - **Tiers per period**: the user's tier rule (`tiers::assign_by`)
//!   applied to the period's customers ranked by period revenue (ties by id).
//! - **Migration**: customers from period-1 tier (A, B, C, `none`: not in
//!   the period) to period-2 tier. A cell's `revenue` is its customers'
//!   period-2 revenue, `revenue_before` their period-1 revenue, so a lost
//!   cell (to `none`) shows what was lost. The cells sum to the customers in
//!   either period; customers in neither are counted apart (`outside`).
//! - **Revenue bridge** (the SaaS "ARR bridge" read on revenue): start =
//!   period-1 revenue, new = period-2 revenue of customers not in period 1,
//!   lost = period-1 revenue of customers not in period 2, expansion and
//!   contraction = the increases and decreases of customers in both, end =
//!   period-2 revenue. Summed in integer cents (each row rounded to the
//!   cent), so start + new − lost + expansion − contraction = end exactly.
//! - **NRR** = (start − lost + expansion − contraction) / start and **GRR**
//!   = (start − lost − contraction) / start; undefined (null) when period 1
//!   has no positive revenue. Per period-1 tier and per value of every
//!   dimension too.
//! - **Movers**: among key accounts (tier A in either period) the largest
//!   gainers and decliners by change of period revenue.

use crate::base::Base;
use crate::customer_table::{CustomerRow, RowSource, LISTED};
use crate::day::Day;
use crate::index::{CustomerId, Idx, IndexVec};
use crate::settings::{self, Field, SettingsError};
use crate::tiers::{self, Tier, TierRule};
use crate::xlsx::{self, Kind};
use chrono::Months;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Movers listed each way.
pub const MOVERS: usize = 10;

/// One inclusive range of days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: Day,
    pub end: Day,
}

impl Span {
    pub fn contains(self, day: Day) -> bool {
        self.start <= day && day <= self.end
    }

    /// Parses `START..END`.
    fn parse(text: &str) -> Result<Span, SettingsError> {
        let Some((start, end)) = text.split_once("..") else {
            return Err(malformed(text));
        };
        Ok(Span {
            start: settings::day(Field::Compare, start)?,
            end: settings::day(Field::Compare, end)?,
        })
    }
}

fn malformed(text: &str) -> SettingsError {
    SettingsError::Malformed {
        field: Field::Compare,
        text: text.to_string(),
        expected: "two ranges START..END,START..END".to_string(),
        example: "2024-01-01..2024-12-31,2025-01-01..2025-12-31".to_string(),
    }
}

/// The two periods; `None`: the default, the year up to the as-of date
/// against the year before.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompareSettings {
    pub periods: Option<[Span; 2]>,
}

impl CompareSettings {
    /// Parses `S..E,S..E` (empty: the default periods).
    pub fn parse(text: &str) -> Result<CompareSettings, SettingsError> {
        if text.trim().is_empty() {
            return Ok(CompareSettings::default());
        }
        let Some((first, second)) = text.split_once(',') else {
            return Err(malformed(text));
        };
        let parsed = CompareSettings {
            periods: Some([Span::parse(first)?, Span::parse(second)?]),
        };
        parsed.validate()?;
        Ok(parsed)
    }

    /// Each period starts on or before its end, and period 1 ends before
    /// period 2 starts (a day in both would count twice).
    pub fn validate(&self) -> Result<(), SettingsError> {
        let Some([p1, p2]) = self.periods else {
            return Ok(());
        };
        let order = |earlier: Day, later: Day| match earlier <= later {
            true => Ok(()),
            false => Err(SettingsError::DatesOutOfOrder {
                field: Field::Compare,
                earlier,
                later,
            }),
        };
        order(p1.start, p1.end)?;
        order(p2.start, p2.end)?;
        order(Day(p1.end.0 + 1), p2.start)
    }

    /// The periods for an analysis as of `as_of`.
    pub fn spans(&self, as_of: Day) -> [Span; 2] {
        self.periods.unwrap_or_else(|| default_spans(as_of))
    }
}

/// `day` moved back `months` calendar months (the month's last day when
/// the day does not exist in it).
fn months_back(day: Day, months: u32) -> Day {
    day.to_date()
        .checked_sub_months(Months::new(months))
        .map_or(Day(day.0 - 365 * months as i32 / 12), Day::from_date)
}

/// The 12 months up to `as_of`, and the 12 months before.
pub fn default_spans(as_of: Day) -> [Span; 2] {
    let end1 = months_back(as_of, 12);
    let start1 = Day(months_back(as_of, 24).0 + 1);
    [
        Span {
            start: start1,
            end: end1,
        },
        Span {
            start: Day(end1.0 + 1),
            end: as_of,
        },
    ]
}

/// A customer's tier in one period, or `None`: not in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    A,
    B,
    C,
    #[default]
    None,
}

impl Slot {
    pub const ALL: [Slot; 4] = [Slot::A, Slot::B, Slot::C, Slot::None];

    pub fn key(self) -> &'static str {
        match self {
            Slot::A => "A",
            Slot::B => "B",
            Slot::C => "C",
            Slot::None => "none",
        }
    }

    fn of(tier: Option<Tier>) -> Slot {
        match tier {
            Some(Tier::A) => Slot::A,
            Some(Tier::B) => Slot::B,
            Some(Tier::C) => Slot::C,
            None => Slot::None,
        }
    }

    fn parse(text: &str, none: &[&str]) -> Option<Slot> {
        let text = text.trim();
        Slot::ALL[..3]
            .iter()
            .copied()
            .find(|s| s.key().eq_ignore_ascii_case(text))
            .or_else(|| {
                none.contains(&text.to_lowercase().as_str())
                    .then_some(Slot::None)
            })
    }
}

/// Where a customer went: its tier in period 1 and in period 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Movement {
    pub from: Slot,
    pub to: Slot,
}

impl Movement {
    /// Every movement, in matrix order (`none>none` last).
    pub fn all() -> impl Iterator<Item = Movement> {
        Slot::ALL
            .into_iter()
            .flat_map(|from| Slot::ALL.into_iter().map(move |to| Movement { from, to }))
    }

    /// `A>B`, `none>A`, `B>none`: the key the JSON, the CSV and `--movement` use.
    pub fn key(self) -> String {
        format!("{}>{}", self.from.key(), self.to.key())
    }

    /// `A>B`, `A→B`, `new>A`, `B>lost`, `none>A` (any case).
    pub fn parse(text: &str) -> Result<Movement, SettingsError> {
        let parts = text
            .split_once('>')
            .or_else(|| text.split_once('→'))
            .and_then(|(from, to)| {
                let from = Slot::parse(from, &["none", "new"])?;
                Some((from, Slot::parse(to, &["none", "lost"])?))
            });
        let Some((from, to)) = parts else {
            return Err(SettingsError::Malformed {
                field: Field::Movement,
                text: text.to_string(),
                expected: "FROM>TO, each A, B, C or none (new, lost)".to_string(),
                example: "A>B".to_string(),
            });
        };
        Ok(Movement { from, to })
    }
}

impl Serialize for Movement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Movement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Movement, D::Error> {
        let text = String::deserialize(deserializer)?;
        Movement::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Per customer, each period's revenue (in cents) and tier; `None` when not
/// in the period.
#[derive(Clone, Debug, Default)]
pub struct Periods {
    pub spans: [Span; 2],
    /// False for a customer summary: it has no rows to date.
    pub log: bool,
    pub cents: [IndexVec<CustomerId, Option<i128>>; 2],
    pub tiers: [IndexVec<CustomerId, Option<Tier>>; 2],
}

fn nothing<T: Clone>(n: usize) -> IndexVec<CustomerId, Option<T>> {
    IndexVec::from_raw(vec![None; n])
}

/// An amount in whole cents (saturating for absurd amounts, which the
/// sums in i128 then carry without overflow).
fn cents(amount: f64) -> i128 {
    i128::from(crate::customers::cents(amount))
}

/// Cents as money.
pub fn money(cents: i128) -> f64 {
    cents as f64 / 100.0
}

impl Periods {
    pub fn of(base: &Base<'_>, settings: &CompareSettings, rule: TierRule) -> Periods {
        let spans = settings.spans(base.as_of);
        let n = base.len();
        let mut periods = Periods {
            spans,
            log: base.log,
            cents: [nothing(n), nothing(n)],
            tiers: [nothing(n), nothing(n)],
        };
        if !base.log {
            return periods;
        }
        let table = base.table;
        for (p, span) in spans.into_iter().enumerate() {
            let mut sum = vec![0i128; n];
            let mut bought = vec![false; n];
            for row in (0..table.len()).filter(|&r| span.contains(table.day[r])) {
                let c = table.customer[row] as usize;
                sum[c] += cents(table.amount[row]);
                bought[c] |= table.amount[row] >= 0.0;
            }
            for c in (0..n).filter(|&c| bought[c]) {
                periods.cents[p][CustomerId::new(c)] = Some(sum[c]);
            }
            periods.tiers[p] = tiers_in(&periods.cents[p], &table.ids, rule);
        }
        periods
    }

    pub fn movement(&self, c: CustomerId) -> Movement {
        Movement {
            from: Slot::of(self.tiers[0][c]),
            to: Slot::of(self.tiers[1][c]),
        }
    }

    /// Each period's revenue per customer in cents, `NOT_IN` when not in
    /// it: what the customer table keeps (8 bytes a customer a period).
    pub fn period_cents(&self) -> [IndexVec<CustomerId, i64>; 2] {
        self.cents.clone().map(|p| {
            IndexVec::from_raw(
                p.iter()
                    .map(|v| {
                        v.map_or(NOT_IN, |v| {
                            v.clamp(NOT_IN as i128 + 1, i64::MAX as i128) as i64
                        })
                    })
                    .collect(),
            )
        })
    }

    /// Every customer's movement: the customer table's label.
    pub fn labels(&self) -> IndexVec<CustomerId, Movement> {
        IndexVec::from_fn(self.cents[0].len(), |c| self.movement(c))
    }

    /// The bridge over the customers `member` keeps.
    pub fn bridge(&self, member: impl Fn(CustomerId) -> bool) -> Bridge {
        let mut b = BridgeCents::default();
        for c in self.cents[0].indices().filter(|&c| member(c)) {
            match (self.cents[0][c], self.cents[1][c]) {
                (Some(before), Some(after)) => {
                    b.start += before;
                    b.end += after;
                    let change = after - before;
                    b.expansion += change.max(0);
                    b.contraction += (-change).max(0);
                }
                (Some(before), None) => {
                    b.start += before;
                    b.lost += before;
                }
                (None, Some(after)) => {
                    b.new += after;
                    b.end += after;
                }
                (None, None) => {}
            }
        }
        Bridge::from(b)
    }
}

/// Tiers of the customers in a period, by the tier rule on period revenue.
fn tiers_in(
    cents: &IndexVec<CustomerId, Option<i128>>,
    ids: &[String],
    rule: TierRule,
) -> IndexVec<CustomerId, Option<Tier>> {
    let mut order: Vec<(CustomerId, i128)> = cents
        .iter_enumerated()
        .filter_map(|(c, v)| v.map(|v| (c, v)))
        .collect();
    order.sort_unstable_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| ids[a.0.index()].cmp(&ids[b.0.index()]))
    });
    let revenue: Vec<f64> = order.iter().map(|&(_, v)| money(v)).collect();
    let mut out = IndexVec::from_raw(vec![None; cents.len()]);
    for ((c, _), tier) in order.iter().zip(tiers::assign_by(&revenue, rule)) {
        out[*c] = Some(tier);
    }
    out
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct BridgeCents {
    start: i128,
    new: i128,
    lost: i128,
    expansion: i128,
    contraction: i128,
    end: i128,
}

/// The revenue bridge in money, with the exact cents beside it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bridge {
    pub start: f64,
    pub new: f64,
    pub lost: f64,
    pub expansion: f64,
    pub contraction: f64,
    pub end: f64,
    /// The same six figures in whole cents: start + new − lost + expansion
    /// − contraction = end holds exactly here.
    pub cents: [i64; 6],
    /// Net revenue retention; null when period 1 has no positive revenue.
    pub nrr: Option<f64>,
    /// Gross revenue retention; null likewise.
    pub grr: Option<f64>,
}

impl From<BridgeCents> for Bridge {
    fn from(b: BridgeCents) -> Bridge {
        let ratio = |kept: i128| (b.start > 0).then(|| kept as f64 / b.start as f64);
        let clamp = |v: i128| v.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
        Bridge {
            start: money(b.start),
            new: money(b.new),
            lost: money(b.lost),
            expansion: money(b.expansion),
            contraction: money(b.contraction),
            end: money(b.end),
            cents: [b.start, b.new, b.lost, b.expansion, b.contraction, b.end].map(clamp),
            nrr: ratio(b.start - b.lost + b.expansion - b.contraction),
            grr: ratio(b.start - b.lost - b.contraction),
        }
    }
}

/// One migration cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub customers: usize,
    /// Their period-2 revenue.
    pub revenue: f64,
    /// Their period-1 revenue (what a lost cell lost).
    pub revenue_before: f64,
    /// The first `LISTED` of them by overall revenue rank.
    pub list: Vec<CustomerRow>,
}

/// The bridge of one group of customers (a tier, a dimension value).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupBridge {
    /// The tier (`A`, `B`, `C`) or the dimension's value (null: none).
    pub value: Option<String>,
    pub customers: usize,
    pub bridge: Bridge,
}

/// A key account whose revenue moved most.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mover {
    pub id: String,
    pub name: Option<String>,
    pub movement: Movement,
    pub revenue_before: f64,
    pub revenue: f64,
    pub change: f64,
    /// `gainer` or `decliner`.
    pub kind: String,
}

/// Why a figure is missing or partial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// A customer summary has no dated rows to split into periods.
    NoLog,
    /// Period 1 starts before the file's first purchase: not all of it is in the file.
    Period1BeforeFile,
    /// No customer bought in period 1: NRR and GRR are undefined.
    Period1Empty,
    /// No customer bought in period 2.
    Period2Empty,
    /// Period 2 ends after the as-of date: the rows after it are not read.
    Period2AfterAsOf,
}

/// The comparison section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Compare {
    pub periods: Vec<Span>,
    /// Customers in period 1 and in period 2.
    pub customers: [usize; 2],
    /// Customers of the file in neither period.
    pub outside: usize,
    /// FROM tier → TO tier → cell; `none>none` is left out (see `outside`).
    pub migration: BTreeMap<String, BTreeMap<String, Cell>>,
    pub bridge: Bridge,
    pub nrr: Option<f64>,
    pub grr: Option<f64>,
    /// Per period-1 tier (A, B, C): new is 0 there by definition.
    pub by_tier: Vec<GroupBridge>,
    /// Per dimension key, one bridge per value, largest period-1 revenue first.
    pub by_dimension: BTreeMap<String, Vec<GroupBridge>>,
    pub movers: Vec<Mover>,
    pub notes: Vec<Note>,
}

pub fn section(base: &Base<'_>, rows: &RowSource<'_>, periods: &Periods) -> Compare {
    let bridge = periods.bridge(|_| true);
    let moved = rows.labels();
    let mut migration: BTreeMap<String, BTreeMap<String, Cell>> = BTreeMap::new();
    for m in Movement::all().filter(|m| m.from != Slot::None || m.to != Slot::None) {
        let cell = cell(rows, periods, |c| moved.movements[c] == m);
        let to = migration.entry(m.from.key().to_string()).or_default();
        to.insert(m.to.key().to_string(), cell);
    }
    let in_period = |p: usize| periods.cents[p].iter().filter(|v| v.is_some()).count();
    let in_either = base
        .by_customer(|c| periods.cents[0][c].is_some() || periods.cents[1][c].is_some())
        .iter()
        .filter(|&&x| x)
        .count();
    Compare {
        periods: periods.spans.to_vec(),
        customers: [in_period(0), in_period(1)],
        outside: base.len() - in_either,
        migration,
        nrr: bridge.nrr,
        grr: bridge.grr,
        by_tier: by_tier(periods),
        by_dimension: by_dimension(base, periods),
        movers: movers(rows, periods),
        notes: notes(base, periods),
        bridge,
    }
}

fn cell(rows: &RowSource<'_>, periods: &Periods, member: impl Fn(CustomerId) -> bool) -> Cell {
    let mut cell = Cell::default();
    let (mut before, mut after) = (0i128, 0i128);
    for rank in rows.ranks() {
        let c = rows.customer_at(rank);
        if !member(c) {
            continue;
        }
        cell.customers += 1;
        before += periods.cents[0][c].unwrap_or(0);
        after += periods.cents[1][c].unwrap_or(0);
        if cell.list.len() < LISTED {
            cell.list.push(rows.row(rank));
        }
    }
    cell.revenue = money(after);
    cell.revenue_before = money(before);
    cell
}

fn by_tier(periods: &Periods) -> Vec<GroupBridge> {
    Tier::ALL
        .into_iter()
        .map(|tier| {
            let member = |c: CustomerId| periods.tiers[0][c] == Some(tier);
            GroupBridge {
                value: Some(tier.to_string()),
                customers: periods.tiers[0]
                    .iter()
                    .filter(|&&t| t == Some(tier))
                    .count(),
                bridge: periods.bridge(member),
            }
        })
        .collect()
}

fn by_dimension(base: &Base<'_>, periods: &Periods) -> BTreeMap<String, Vec<GroupBridge>> {
    let in_either = |c: CustomerId| periods.cents[0][c].is_some() || periods.cents[1][c].is_some();
    base.table
        .categories
        .iter()
        .map(|category| {
            let mut values: Vec<Option<&str>> =
                category.values.iter().map(|v| Some(v.as_str())).collect();
            values.push(None);
            let mut groups: Vec<GroupBridge> = values
                .into_iter()
                .map(|value| {
                    let member = |c: CustomerId| category.value_of(c.index()) == value;
                    GroupBridge {
                        value: value.map(str::to_string),
                        customers: base
                            .by_customer(|c| member(c) && in_either(c))
                            .iter()
                            .filter(|&&x| x)
                            .count(),
                        bridge: periods.bridge(member),
                    }
                })
                .filter(|g| g.customers > 0)
                .collect();
            groups.sort_by(|a, b| {
                b.bridge
                    .start
                    .total_cmp(&a.bridge.start)
                    .then(a.value.cmp(&b.value))
            });
            (category.key.clone(), groups)
        })
        .collect()
}

fn movers(rows: &RowSource<'_>, periods: &Periods) -> Vec<Mover> {
    let key = |c: CustomerId| {
        periods.tiers[0][c] == Some(Tier::A) || periods.tiers[1][c] == Some(Tier::A)
    };
    let change =
        |c: CustomerId| periods.cents[1][c].unwrap_or(0) - periods.cents[0][c].unwrap_or(0);
    let mut accounts: Vec<_> = rows
        .ranks()
        .filter(|&r| key(rows.customer_at(r)))
        .map(|r| (r, change(rows.customer_at(r))))
        .collect();
    // Largest change first; ties by revenue rank.
    accounts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mover = |&(rank, delta): &(crate::index::Rank, i128), kind: &str| {
        let c = rows.customer_at(rank);
        Mover {
            id: rows.id(rank).to_string(),
            name: rows.name(rank).map(str::to_string),
            movement: periods.movement(c),
            revenue_before: money(periods.cents[0][c].unwrap_or(0)),
            revenue: money(periods.cents[1][c].unwrap_or(0)),
            change: money(delta),
            kind: kind.to_string(),
        }
    };
    let gainers = accounts.iter().filter(|a| a.1 > 0).take(MOVERS);
    let decliners = accounts.iter().rev().filter(|a| a.1 < 0).take(MOVERS);
    gainers
        .map(|a| mover(a, "gainer"))
        .chain(decliners.map(|a| mover(a, "decliner")))
        .collect()
}

fn notes(base: &Base<'_>, periods: &Periods) -> Vec<Note> {
    if !periods.log {
        return vec![Note::NoLog];
    }
    let first = base.customers.date_range().0;
    let empty = |p: usize| periods.cents[p].iter().all(Option::is_none);
    let mut notes = Vec::new();
    if periods.spans[0].start < first && !base.is_empty() {
        notes.push(Note::Period1BeforeFile);
    }
    if empty(0) {
        notes.push(Note::Period1Empty);
    }
    if empty(1) {
        notes.push(Note::Period2Empty);
    }
    if periods.spans[1].end > base.as_of {
        notes.push(Note::Period2AfterAsOf);
    }
    notes
}

/// One customer of the migration, for the workbook's migration sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MovedCustomer {
    pub id: String,
    pub name: Option<String>,
    pub movement: Movement,
    /// Period revenues; null when not in the period.
    pub revenue_before: Option<f64>,
    pub revenue: Option<f64>,
    /// Period-2 less period-1 revenue (a missing period counts 0).
    pub change: f64,
}

/// A period revenue in the customer table's labels: not in the period.
pub const NOT_IN: i64 = i64::MIN;

fn cents_or_zero(v: i64) -> i128 {
    if v == NOT_IN {
        0
    } else {
        i128::from(v)
    }
}

/// Every customer in either period with its movement and both period
/// revenues, in overall revenue rank order.
pub fn migration_lists(rows: &RowSource<'_>) -> Vec<MovedCustomer> {
    let [before, after] = &rows.labels().period_cents;
    let money_of = |v: i64| (v != NOT_IN).then(|| money(cents_or_zero(v)));
    rows.ranks()
        .filter_map(|rank| {
            let c = rows.customer_at(rank);
            let (b, a) = (money_of(before[c]), money_of(after[c]));
            if b.is_none() && a.is_none() {
                return None;
            }
            Some(MovedCustomer {
                id: rows.id(rank).to_string(),
                name: rows.name(rank).map(str::to_string),
                movement: rows.movement(rank),
                revenue_before: b,
                revenue: a,
                change: money(cents_or_zero(after[c]) - cents_or_zero(before[c])),
            })
        })
        .collect()
}

/// One row of the bridge per dimension value (and per tier, as dimension
/// `tier`), flat: the workbook's bridge sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BridgeRow {
    pub dimension: String,
    pub value: Option<String>,
    pub customers: usize,
    pub bridge: Bridge,
}

pub fn bridge_rows(compare: &Compare) -> Vec<BridgeRow> {
    let row = |dimension: &str, g: &GroupBridge| BridgeRow {
        dimension: dimension.to_string(),
        value: g.value.clone(),
        customers: g.customers,
        bridge: g.bridge.clone(),
    };
    let tiers = compare.by_tier.iter().map(|g| row("tier", g));
    let dims = compare
        .by_dimension
        .iter()
        .flat_map(|(key, groups)| groups.iter().map(move |g| row(key, g)));
    tiers.chain(dims).collect()
}

/// The workbook's migration sheet: its columns (headers in
/// `i18n::column_header`) and one moved customer's cells.
pub const MIGRATION_COLUMNS: [(&str, Kind); 6] = [
    ("customer_id", Kind::Text),
    ("customer_name", Kind::Text),
    ("movement", Kind::Text),
    ("revenue_before", Kind::Money),
    ("revenue_after", Kind::Money),
    ("change", Kind::Money),
];

pub fn migration_cells(moved: &MovedCustomer) -> [xlsx::Cell; 6] {
    [
        xlsx::Cell::Text(moved.id.clone()),
        xlsx::Cell::optional(&moved.name),
        xlsx::Cell::Text(moved.movement.key()),
        xlsx::Cell::figure(moved.revenue_before),
        xlsx::Cell::figure(moved.revenue),
        xlsx::Cell::Number(moved.change),
    ]
}

/// The workbook's bridge sheet: per tier (dimension `tier`) and per value
/// of every dimension.
pub const BRIDGE_COLUMNS: [(&str, Kind); 11] = [
    ("dimension", Kind::Text),
    ("value", Kind::Text),
    ("customers", Kind::Integer),
    ("start", Kind::Money),
    ("new", Kind::Money),
    ("lost", Kind::Money),
    ("expansion", Kind::Money),
    ("contraction", Kind::Money),
    ("end", Kind::Money),
    ("nrr", Kind::Percent),
    ("grr", Kind::Percent),
];

pub fn bridge_cells(row: &BridgeRow) -> [xlsx::Cell; 11] {
    let b = &row.bridge;
    [
        xlsx::Cell::Text(row.dimension.clone()),
        xlsx::Cell::optional(&row.value),
        xlsx::Cell::Number(row.customers as f64),
        xlsx::Cell::Number(b.start),
        xlsx::Cell::Number(b.new),
        xlsx::Cell::Number(b.lost),
        xlsx::Cell::Number(b.expansion),
        xlsx::Cell::Number(b.contraction),
        xlsx::Cell::Number(b.end),
        xlsx::Cell::figure(b.nrr),
        xlsx::Cell::figure(b.grr),
    ]
}

#[cfg(test)]
mod tests;
