//! What customer rows are made of, and the groups sections list.
//!
//! `RowSource` holds, per customer, its figures and the labels every
//! section gave it, and per revenue rank its customer, tier and cumulative
//! share. The customer table keeps it, owned, and makes `CustomerRow`s as
//! they are shown: a million finished rows would take several times the
//! memory. Sections that list customers (types, quadrants, segments,
//! stages) sum and list them through `group`.

use crate::base::{share_of, Base};
use crate::clv::value::Prediction;
use crate::compare::Movement;
use crate::customer_share::Wallet;
use crate::customer_types::CustomerType;
use crate::customers::Customer;
use crate::day::Day;
use crate::index::{CustomerId, Idx, IndexVec, Rank};
use crate::ingest::Role;
use crate::lifecycle::Stage;
use crate::loyalty::Quadrant;
use crate::rfm::{Class, Scores, Segment};
use crate::tiers::Tier;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Customers listed per type, quadrant, segment or stage, largest revenue first.
pub const LISTED: usize = 50;

/// One customer as the tables and lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub rank: usize,
    pub id: String,
    pub name: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub account_manager: Option<String>,
    pub revenue: f64,
    /// Revenue less cost (or times the assumed margin, see `profit.source`).
    pub profit: f64,
    pub share: f64,
    pub cumulative_share: f64,
    pub tier: Tier,
    pub transactions: u32,
    pub purchase_days: u32,
    pub first_purchase: Day,
    pub last_purchase: Day,
    /// Days from the first to the last purchase.
    pub tenure_days: u32,
    /// Net revenue per transaction.
    pub average_order_value: f64,
    pub types: Vec<CustomerType>,
    pub quadrant: Quadrant,
    pub rfm: Scores,
    pub segment: Segment,
    pub class: Class,
    pub stage: Stage,
    /// The lifetime-value models' view (`None` when they are not used).
    pub prediction: Option<Prediction>,
    /// From the first compared period's tier to the second's (`A>B`, `none>A`).
    #[serde(default)]
    pub movement: Movement,
    /// From the customer master: the annual potential, the share of it the
    /// period's revenue is, and the rest (`None` without a potential).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headroom: Option<f64>,
}

/// A group of customers: one customer type, quadrant, segment or stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub customers: usize,
    pub revenue: f64,
    pub revenue_share: f64,
    pub profit: f64,
    /// The first `LISTED` of them by revenue.
    pub list: Vec<CustomerRow>,
}

/// Per customer: the label each section gave it.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    /// Customer types as bits (`CustomerType::bit`).
    pub types: IndexVec<CustomerId, u8>,
    pub quadrants: IndexVec<CustomerId, Quadrant>,
    pub scores: IndexVec<CustomerId, Scores>,
    pub segments: IndexVec<CustomerId, Segment>,
    pub classes: IndexVec<CustomerId, Class>,
    pub stages: IndexVec<CustomerId, Stage>,
    pub predictions: IndexVec<CustomerId, Option<Prediction>>,
    /// Tier in the first compared period to tier in the second (`compare`).
    pub movements: IndexVec<CustomerId, Movement>,
    /// Revenue in each compared period, in cents (`compare::NOT_IN`: not in it).
    pub period_cents: [IndexVec<CustomerId, i64>; 2],
    /// Customer share, from a customer master's potential (empty without one).
    pub wallets: IndexVec<CustomerId, Option<Wallet>>,
}

/// The text columns a row carries, in `RowSource::texts` order.
const TEXT_ROLES: [Role; 4] = [
    Role::CustomerName,
    Role::Industry,
    Role::Region,
    Role::AccountManager,
];

/// Rows waiting for their customers' figures (see `RowSource::detach`).
pub struct Detached(RowSource<'static>);

impl Detached {
    /// `list` is moved, not copied: a copy would be the memory peak.
    pub fn with_list(self, list: Vec<Customer>) -> RowSource<'static> {
        RowSource {
            list: Cow::Owned(list),
            ..self.0
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct RowSource<'a> {
    ids: Cow<'a, [String]>,
    /// Per `TEXT_ROLES` role, when the file has that column.
    texts: [Option<Cow<'a, [Option<String>]>>; 4],
    list: Cow<'a, [Customer]>,
    order: IndexVec<Rank, CustomerId>,
    tiers: IndexVec<Rank, Tier>,
    profits: IndexVec<CustomerId, f64>,
    labels: Labels,
    cumulative: IndexVec<Rank, f64>,
    /// Net revenue of all customers (summed once: rows are made per customer).
    total: f64,
}

impl<'a> RowSource<'a> {
    pub fn new(base: &Base<'a>, labels: Labels) -> Self {
        // In rank order, as every section's total: one order whatever the file's.
        let total = base.revenue_total();
        let mut running = 0.0;
        let cumulative = base.by_rank(|c| {
            running += base.revenue[c];
            share_of(running, total)
        });
        RowSource {
            ids: Cow::Borrowed(&base.table.ids),
            texts: TEXT_ROLES.map(|role| {
                base.table
                    .dimensions
                    .get(&role)
                    .map(|v| Cow::Borrowed(&v[..]))
            }),
            list: Cow::Borrowed(&base.customers.list),
            order: base.order.clone(),
            tiers: base.tier_at.clone(),
            profits: base.profit.clone(),
            labels,
            cumulative,
            total,
        }
    }

    /// The same rows without the customers' figures (given back by
    /// `with_list`), no longer borrowing the table they came from: what the
    /// customer table keeps once the table is gone.
    pub fn detach(self) -> Detached {
        Detached(RowSource {
            ids: Cow::Owned(self.ids.into_owned()),
            texts: self.texts.map(|t| t.map(|v| Cow::Owned(v.into_owned()))),
            list: Cow::Owned(Vec::new()),
            order: self.order,
            tiers: self.tiers,
            profits: self.profits,
            labels: self.labels,
            cumulative: self.cumulative,
            total: self.total,
        })
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn ranks(&self) -> impl DoubleEndedIterator<Item = Rank> + ExactSizeIterator {
        self.order.indices()
    }

    pub fn customer_at(&self, rank: Rank) -> CustomerId {
        self.order[rank]
    }

    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    pub fn id(&self, rank: Rank) -> &str {
        &self.ids[self.customer_at(rank).index()]
    }

    /// The customer's value of one of `TEXT_ROLES`.
    fn text(&self, role: Role, rank: Rank) -> Option<&str> {
        let i = TEXT_ROLES.iter().position(|&r| r == role)?;
        let column = self.texts[i].as_ref()?;
        column[self.customer_at(rank).index()].as_deref()
    }

    pub fn name(&self, rank: Rank) -> Option<&str> {
        self.text(Role::CustomerName, rank)
    }

    pub fn tier(&self, rank: Rank) -> Tier {
        self.tiers[rank]
    }

    pub fn customer(&self, rank: Rank) -> &Customer {
        &self.list[self.customer_at(rank).index()]
    }

    pub fn profit(&self, rank: Rank) -> f64 {
        self.profits[self.customer_at(rank)]
    }

    pub fn scores(&self, rank: Rank) -> Scores {
        self.labels.scores[self.customer_at(rank)]
    }

    pub fn segment(&self, rank: Rank) -> Segment {
        self.labels.segments[self.customer_at(rank)]
    }

    pub fn stage(&self, rank: Rank) -> Stage {
        self.labels.stages[self.customer_at(rank)]
    }

    pub fn movement(&self, rank: Rank) -> Movement {
        self.labels.movements[self.customer_at(rank)]
    }

    pub fn prediction(&self, rank: Rank) -> Option<Prediction> {
        self.labels.predictions[self.customer_at(rank)]
    }

    /// The row for the customer at revenue rank `rank`.
    pub fn row(&self, rank: Rank) -> CustomerRow {
        let c = self.customer_at(rank);
        let customer = &self.list[c.index()];
        let labels = &self.labels;
        let text = |role: Role| self.text(role, rank).map(str::to_string);
        let wallet = labels.wallets.raw().get(c.index()).copied().flatten();
        CustomerRow {
            rank: rank.index() + 1,
            id: self.ids[c.index()].clone(),
            name: text(Role::CustomerName),
            industry: text(Role::Industry),
            region: text(Role::Region),
            account_manager: text(Role::AccountManager),
            revenue: customer.revenue,
            profit: self.profits[c],
            share: share_of(customer.revenue, self.total),
            cumulative_share: self.cumulative[rank],
            tier: self.tiers[rank],
            transactions: customer.transactions,
            purchase_days: customer.purchase_days,
            first_purchase: customer.first,
            last_purchase: customer.last,
            tenure_days: (customer.last.0 - customer.first.0).max(0) as u32,
            average_order_value: if customer.transactions > 0 {
                customer.revenue / f64::from(customer.transactions)
            } else {
                0.0
            },
            types: CustomerType::ALL
                .into_iter()
                .filter(|t| labels.types[c] & t.bit() != 0)
                .collect(),
            quadrant: labels.quadrants[c],
            rfm: labels.scores[c],
            segment: labels.segments[c],
            class: labels.classes[c],
            stage: labels.stages[c],
            prediction: labels.predictions[c],
            movement: labels.movements[c],
            potential: wallet.map(|w| w.potential),
            customer_share: wallet.map(|w| w.share),
            headroom: wallet.map(|w| w.headroom),
        }
    }

    /// The customers for which `member(c)` holds, summed and listed.
    pub fn group(&self, key: &str, member: impl Fn(CustomerId) -> bool) -> Group {
        let mut group = Group {
            key: key.to_string(),
            customers: 0,
            revenue: 0.0,
            revenue_share: 0.0,
            profit: 0.0,
            list: Vec::new(),
        };
        for rank in self.ranks().filter(|&r| member(self.order[r])) {
            let c = self.order[rank];
            group.customers += 1;
            group.revenue += self.list[c.index()].revenue;
            group.profit += self.profits[c];
            if group.list.len() < LISTED {
                group.list.push(self.row(rank));
            }
        }
        group.revenue_share = share_of(group.revenue, self.total);
        group
    }

    /// The first `limit` rows by revenue.
    pub fn top(&self, limit: usize) -> Vec<CustomerRow> {
        self.ranks()
            .take(limit)
            .map(|rank| self.row(rank))
            .collect()
    }

    /// Loss-makers, the largest loss first (ties by revenue rank).
    pub fn loss_makers(&self, limit: usize) -> Vec<CustomerRow> {
        let loss = |r: Rank| self.profits[self.order[r]];
        let mut ranks: Vec<Rank> = self.ranks().filter(|&r| loss(r) < 0.0).collect();
        ranks.sort_by(|&a, &b| loss(a).total_cmp(&loss(b)).then(a.cmp(&b)));
        ranks
            .into_iter()
            .take(limit)
            .map(|rank| self.row(rank))
            .collect()
    }
}
