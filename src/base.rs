//! `Base`: what every section starts from.
//!
//! One file's customers, aggregated once, with the figures most sections
//! share: net revenue, profit and tier per customer, and the revenue rank
//! order. Each section's module reads what it needs from here and builds
//! its own part of the `Analysis` (see `analysis::assemble`).

use crate::customers::{Customer, Customers};
use crate::day::Day;
use crate::index::{CustomerId, Idx, IndexVec, Rank};
use crate::ingest::Table;
use crate::profit;
use crate::tiers::{self, Tier, TierRule};

pub struct Base<'a> {
    pub table: &'a Table,
    pub customers: &'a Customers,
    pub as_of: Day,
    /// False for a customer summary: no purchase log, so no spend trend,
    /// no reactivation and no cohorts.
    pub log: bool,
    /// Whether profit comes from the file's cost (else an assumed margin).
    pub costs_known: bool,
    /// Customers by net revenue, largest first; ties by id.
    pub order: IndexVec<Rank, CustomerId>,
    pub revenue: IndexVec<CustomerId, f64>,
    /// Net revenue in rank order: what Pareto, tiers and concentration read.
    pub ranked_revenue: IndexVec<Rank, f64>,
    pub profit: IndexVec<CustomerId, f64>,
    /// Tier by rank, from the tier rule.
    pub tier_at: IndexVec<Rank, Tier>,
    /// The same tiers by customer.
    pub tier: IndexVec<CustomerId, Tier>,
}

/// `part` as a share of `whole`; 0 when the whole is not positive (no
/// revenue, no profit, no customers): every section's shares read so.
pub fn share_of(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

impl<'a> Base<'a> {
    pub fn new(
        table: &'a Table,
        customers: &'a Customers,
        as_of: Day,
        assumed_margin: f64,
        rule: TierRule,
        costs_known: bool,
    ) -> Base<'a> {
        let order: IndexVec<Rank, CustomerId> = customers
            .ranked_by_revenue(&table.ids)
            .into_iter()
            .map(|c| CustomerId::new(c as usize))
            .collect();
        let revenue = IndexVec::from_fn(customers.len(), |c: CustomerId| {
            customers.list[c.index()].revenue
        });
        let profit = IndexVec::from_raw(profit::per_customer(customers, assumed_margin));
        let ranked_revenue: IndexVec<Rank, f64> = order.iter().map(|&c| revenue[c]).collect();
        let tier_at = IndexVec::from_raw(tiers::assign_by(ranked_revenue.raw(), rule));
        let mut tier = IndexVec::from_raw(vec![Tier::C; customers.len()]);
        for (rank, &c) in order.iter_enumerated() {
            tier[c] = tier_at[rank];
        }
        Base {
            table,
            customers,
            as_of,
            log: table.summary.is_none(),
            costs_known,
            order,
            revenue,
            ranked_revenue,
            profit,
            tier_at,
            tier,
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn customer(&self, c: CustomerId) -> &'a Customer {
        &self.customers.list[c.index()]
    }

    /// The customer at revenue rank `rank`.
    pub fn at(&self, rank: Rank) -> CustomerId {
        self.order[rank]
    }

    /// `f` of each customer, in revenue rank order.
    pub fn by_rank<T>(&self, mut f: impl FnMut(CustomerId) -> T) -> IndexVec<Rank, T> {
        self.order.iter().map(|&c| f(c)).collect()
    }

    /// `f` of each customer, in customer order.
    pub fn by_customer<T>(&self, f: impl FnMut(CustomerId) -> T) -> IndexVec<CustomerId, T> {
        IndexVec::from_fn(self.customers.len(), f)
    }

    /// Customer `c`'s purchase days and the net amount of each.
    pub fn purchases(&self, c: CustomerId) -> (&'a [Day], &'a [f64]) {
        self.customers.purchases(c.index())
    }

    /// Net revenue of every customer, summed in rank order.
    pub fn revenue_total(&self) -> f64 {
        self.ranked_revenue.iter().sum()
    }
}
