//! Customer types from key-account practice, each a documented rule.
//!
//! Spend trend compares two windows of `window_days` (default 180) ending
//! at the as-of date: *recent* is (as_of − W, as_of], *previous* is
//! (as_of − 2W, as_of − W]. With N customers ranked by net revenue:
//!
//! - **Super customer**: in the top ceil(10% · N) by revenue *and* in the
//!   top 10% by purchase frequency (purchase days at least those of the
//!   customer ranked ceil(10% · N) by frequency), with positive revenue.
//!   The few who both spend and buy most.
//! - **High-performance**: an A-tier customer with positive profit who
//!   bought in both windows and whose recent spend is at least 80% of the
//!   previous: steady, high contribution. Super customers are not repeated.
//! - **High-potential**: not A-tier, bought recently, and either spend
//!   rising (recent at least 1.5× previous, previous > 0) or new within the
//!   recent window with recent spend in the top quarter of recent buyers.
//! - **Risky big account**: an A-tier customer whose recent spend fell
//!   below 50% of the previous window (including to nothing): a large share
//!   of the business, slipping. The biggest customer is not always the
//!   safest one.
//!
//! A customer may carry more than one type (a super customer can also be a
//! risky one). A customer summary gives the trend only with its window
//! columns made for this window (`summary`); without them only super
//! customers can be found in it (`trend_available` is false).

use crate::base::Base;
use crate::customer_table::{Group, RowSource};
use crate::day::Day;
use crate::index::{CustomerId, Idx, IndexVec};
use crate::pareto::top_count;
use crate::settings::{self, Field, SettingsError};
use crate::tiers::Tier;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerType {
    Super,
    HighPerformance,
    HighPotential,
    RiskyBig,
}

impl CustomerType {
    pub const ALL: [CustomerType; 4] = [
        CustomerType::Super,
        CustomerType::HighPerformance,
        CustomerType::HighPotential,
        CustomerType::RiskyBig,
    ];

    /// This type's bit in a customer's `Types`.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    pub fn key(self) -> &'static str {
        match self {
            CustomerType::Super => "super",
            CustomerType::HighPerformance => "high_performance",
            CustomerType::HighPotential => "high_potential",
            CustomerType::RiskyBig => "risky_big",
        }
    }
}

/// The thresholds of the rules above; every one editable.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeSettings {
    pub window_days: u32,
    /// Share of customers counted as "top" for super customers.
    pub top_share: f64,
    /// Recent/previous spend at or above which A-tier spend is steady.
    pub steady: f64,
    /// Recent/previous spend at or above which spend is rising.
    pub rise: f64,
    /// Recent/previous spend below which a big account is falling.
    pub fall: f64,
}

impl Default for TypeSettings {
    fn default() -> Self {
        TypeSettings {
            window_days: 180,
            top_share: 0.1,
            steady: 0.8,
            rise: 1.5,
            fall: 0.5,
        }
    }
}

impl TypeSettings {
    /// A window of 1 to 3,650 days; shares and ratios finite and not negative.
    pub fn validate(&self) -> Result<(), SettingsError> {
        settings::in_range(Field::TypeWindow, f64::from(self.window_days), 1.0, 3650.0)?;
        settings::share(Field::TypeShares, self.top_share)?;
        for ratio in [self.steady, self.rise, self.fall] {
            settings::in_range(Field::TypeShares, ratio, 0.0, 1e6)?;
        }
        Ok(())
    }
}

/// The customer-types section: the customers of each type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerTypes {
    pub settings: TypeSettings,
    /// False for a customer summary: no purchase log, no spend trend.
    pub trend_available: bool,
    /// First days of the recent and the previous window.
    pub recent_from: Day,
    pub previous_from: Day,
    /// One group per type, in `CustomerType::ALL` order.
    pub groups: Vec<Group>,
}

/// Each customer's types, as bits (`CustomerType::bit`).
pub fn labels(base: &Base<'_>, settings: &TypeSettings) -> IndexVec<CustomerId, u8> {
    let facts = facts(base, settings.window_days);
    let bits = classify(
        &facts,
        settings,
        base.as_of,
        trend_available(base, settings),
    );
    let mut by_customer = IndexVec::from_raw(vec![0u8; base.len()]);
    for (&c, b) in base.order.iter().zip(bits) {
        by_customer[c] = b;
    }
    by_customer
}

pub fn section(base: &Base<'_>, rows: &RowSource<'_>, settings: &TypeSettings) -> CustomerTypes {
    let types = &rows.labels().types;
    let window = settings.window_days as i32;
    CustomerTypes {
        settings: *settings,
        trend_available: trend_available(base, settings),
        recent_from: Day(base.as_of.0 - window + 1),
        previous_from: Day(base.as_of.0 - 2 * window + 1),
        groups: CustomerType::ALL
            .iter()
            .map(|t| rows.group(t.key(), |c| types[c] & t.bit() != 0))
            .collect(),
    }
}

/// Whether the spend trend is known: from the log, or from a summary's
/// window columns made for this window.
fn trend_available(base: &Base<'_>, settings: &TypeSettings) -> bool {
    let window = |m: &crate::summary::Model| m.window_spend(0, settings.window_days).is_some();
    base.log || (base.customers.model.as_ref()).is_some_and(|m| !m.rows.is_empty() && window(m))
}

/// What the rules need, in revenue rank order.
fn facts(base: &Base<'_>, window_days: u32) -> Vec<Facts> {
    base.order
        .iter()
        .map(|&c| {
            let customer = base.customer(c);
            let (days, amounts) = base.purchases(c);
            let model = base.customers.model.as_ref();
            let (recent, previous) = model
                .and_then(|m| m.window_spend(c.index(), window_days))
                .unwrap_or_else(|| window_spend(days, amounts, base.as_of, window_days));
            Facts {
                revenue: customer.revenue,
                profit: base.profit[c],
                tier: base.tier[c],
                purchase_days: customer.purchase_days,
                first: customer.first,
                recent,
                previous,
            }
        })
        .collect()
}

/// What the rules need to know of one customer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    pub revenue: f64,
    pub profit: f64,
    pub tier: Tier,
    pub purchase_days: u32,
    pub first: Day,
    /// Spend in the recent and the previous window.
    pub recent: f64,
    pub previous: f64,
}

/// Spend in the recent and previous windows from a customer's purchase
/// days and their amounts.
pub fn window_spend(days: &[Day], amounts: &[f64], as_of: Day, window_days: u32) -> (f64, f64) {
    let w = window_days as i32;
    let (recent_from, previous_from) = (as_of.0 - w, as_of.0 - 2 * w);
    let (mut recent, mut previous) = (0.0, 0.0);
    for (day, amount) in days.iter().zip(amounts) {
        if day.0 > recent_from && day.0 <= as_of.0 {
            recent += amount;
        } else if day.0 > previous_from && day.0 <= recent_from {
            previous += amount;
        }
    }
    (recent, previous)
}

/// Each customer's types as bits, for `facts` in revenue rank order.
pub fn classify(
    facts: &[Facts],
    settings: &TypeSettings,
    as_of: Day,
    trend_available: bool,
) -> Vec<u8> {
    let n = facts.len();
    let top = top_count(n, settings.top_share);
    let frequency_bar = frequency_bar(facts, top);
    let recent_bar = recent_buyers_top_quarter(facts);
    let new_since = as_of.0 - settings.window_days as i32;
    facts
        .iter()
        .enumerate()
        .map(|(rank, f)| {
            let mut bits = 0;
            let is_super = rank < top && f.revenue > 0.0 && f.purchase_days >= frequency_bar;
            if is_super {
                bits |= CustomerType::Super.bit();
            }
            if !trend_available {
                return bits;
            }
            let a = f.tier == Tier::A;
            let bought_before = f.previous > 0.0;
            if a && !is_super
                && f.profit > 0.0
                && bought_before
                && f.recent >= settings.steady * f.previous
            {
                bits |= CustomerType::HighPerformance.bit();
            }
            let rising = bought_before && f.recent >= settings.rise * f.previous;
            let promising_newcomer = f.first.0 > new_since && f.recent >= recent_bar;
            if !a && f.recent > 0.0 && (rising || promising_newcomer) {
                bits |= CustomerType::HighPotential.bit();
            }
            if a && bought_before && f.recent < settings.fall * f.previous {
                bits |= CustomerType::RiskyBig.bit();
            }
            bits
        })
        .collect()
}

/// The purchase days of the customer ranked `top` by frequency (ties in).
fn frequency_bar(facts: &[Facts], top: usize) -> u32 {
    if top == 0 {
        return u32::MAX;
    }
    let mut days: Vec<u32> = facts.iter().map(|f| f.purchase_days).collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days[top - 1]
}

/// Recent spend at the 75th percentile of customers who bought recently
/// (nearest rank); infinite when nobody did.
fn recent_buyers_top_quarter(facts: &[Facts]) -> f64 {
    let mut recent: Vec<f64> = facts
        .iter()
        .map(|f| f.recent)
        .filter(|&r| r > 0.0)
        .collect();
    if recent.is_empty() {
        return f64::INFINITY;
    }
    recent.sort_by(f64::total_cmp);
    let rank = (0.75 * recent.len() as f64).ceil() as usize;
    recent[rank.clamp(1, recent.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(revenue: f64, tier: Tier, purchase_days: u32, recent: f64, previous: f64) -> Facts {
        Facts {
            revenue,
            profit: revenue * 0.2,
            tier,
            purchase_days,
            first: Day(0),
            recent,
            previous,
        }
    }

    const AS_OF: Day = Day(1000);

    #[test]
    fn each_rule_by_hand() {
        // Ten customers in revenue order; the top 10% is one customer.
        let mut facts = vec![
            fact(900.0, Tier::A, 30, 100.0, 100.0), // super: top by revenue and frequency
            fact(800.0, Tier::A, 10, 90.0, 100.0),  // high-performance: steady (90%)
            fact(700.0, Tier::A, 12, 20.0, 100.0),  // risky: fell to 20%
            fact(100.0, Tier::B, 5, 60.0, 20.0),    // high-potential: tripled
            fact(90.0, Tier::B, 4, 10.0, 10.0),     // nothing: flat B
            fact(60.0, Tier::C, 2, 60.0, 0.0),      // high-potential: new, top quarter
            fact(50.0, Tier::C, 1, 0.0, 50.0),      // nothing: C, gone quiet
            fact(30.0, Tier::C, 1, 30.0, 0.0),      // new, but below the top quarter
            fact(20.0, Tier::C, 1, 5.0, 0.0),
            fact(10.0, Tier::C, 1, 0.0, 0.0),
        ];
        facts[5].first = Day(950);
        facts[7].first = Day(950);
        let bits = classify(&facts, &TypeSettings::default(), AS_OF, true);
        let s = CustomerType::Super.bit();
        let hp = CustomerType::HighPerformance.bit();
        let pot = CustomerType::HighPotential.bit();
        let risky = CustomerType::RiskyBig.bit();
        assert_eq!(bits, [s, hp, risky, pot, 0, pot, 0, 0, 0, 0]);
    }

    #[test]
    fn a_falling_super_customer_is_also_risky() {
        let facts = [
            fact(900.0, Tier::A, 9, 10.0, 100.0),
            fact(1.0, Tier::C, 1, 0.0, 0.0),
        ];
        let bits = classify(&facts, &TypeSettings::default(), AS_OF, true);
        assert_eq!(
            bits[0],
            CustomerType::Super.bit() | CustomerType::RiskyBig.bit()
        );
    }

    #[test]
    fn without_a_purchase_log_only_super_customers_are_found() {
        let facts = [
            fact(900.0, Tier::A, 9, 0.0, 0.0),
            fact(800.0, Tier::A, 1, 0.0, 100.0),
        ];
        let bits = classify(&facts, &TypeSettings::default(), AS_OF, false);
        assert_eq!(bits, [CustomerType::Super.bit(), 0]);
    }

    #[test]
    fn edge_cases_are_defined() {
        assert!(classify(&[], &TypeSettings::default(), AS_OF, true).is_empty());
        let zero = [fact(0.0, Tier::C, 0, 0.0, 0.0)];
        assert_eq!(classify(&zero, &TypeSettings::default(), AS_OF, true), [0]);
    }

    #[test]
    fn windows_split_spend_at_their_edges() {
        let days = [Day(500), Day(640), Day(641), Day(820), Day(821), Day(1000)];
        let amounts = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
        // recent (820, 1000], previous (640, 820].
        assert_eq!(window_spend(&days, &amounts, AS_OF, 180), (48.0, 12.0));
    }
}
