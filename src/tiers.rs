//! ABC tiers: the few customers that carry the business, the middle, the tail.
//!
//! Customers are ranked by net revenue, largest first. With cut-offs
//! (a, b), default (0.8, 0.95), a customer is **A** while the cumulative
//! revenue share of the customers ranked *above* it is below a, **B** while
//! it is below b, and **C** otherwise. So the largest customer is always A,
//! and the customer whose revenue crosses 80% is still A. This is the rule
//! fixed in the interface contract; it is the usual ABC analysis of
//! inventory practice (Dickie 1951) applied to customers.
//!
//! When total revenue is not positive no customer carries a share of it,
//! so every customer is C.

use crate::base::{share_of, Base};
use crate::format::Locale;
use crate::pareto::top_count;
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    /// `A`, `B` or `C` (any case).
    pub fn parse(text: &str) -> Result<Tier, SettingsError> {
        let tiers = [("A", Tier::A), ("B", Tier::B), ("C", Tier::C)];
        settings::one_of(Field::Tier, text, &tiers)
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        })
    }
}

/// How customers are put into tiers. The contract's rule is `Cumulative`
/// with (0.8, 0.95); the others are the two other ways key-account teams
/// draw the line: a fixed share of the customer list, or a revenue amount.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum TierRule {
    /// A while the cumulative revenue share above is below `a`, B below `b`.
    Cumulative { a: f64, b: f64 },
    /// The top ceil(a·N) customers are A, the next up to ceil(b·N) are B.
    TopShare { a: f64, b: f64 },
    /// Revenue of at least `a` is A, at least `b` is B.
    Revenue { a: f64, b: f64 },
}

impl Default for TierRule {
    fn default() -> Self {
        TierRule::Cumulative { a: 0.8, b: 0.95 }
    }
}

impl TierRule {
    /// `by` is `cumulative`, `top` or `revenue`; `values` is `"a,b"`.
    pub fn parse(by: &str, values: &str) -> Result<TierRule, SettingsError> {
        let [a, b] = settings::numbers(Field::TierLimits, values, "0.8,0.95")?;
        let kinds = [("cumulative", 0), ("top", 1), ("revenue", 2)];
        let rule = match settings::one_of(Field::TierBy, by, &kinds)? {
            0 => TierRule::Cumulative { a, b },
            1 => TierRule::TopShare { a, b },
            _ => TierRule::Revenue { a, b },
        };
        rule.validate()?;
        Ok(rule)
    }

    /// The rule as a form shows it: its kind (`cumulative`, `top`,
    /// `revenue`) and both limits as a user types them, the share rules in
    /// percent and the revenue rule in money.
    pub fn form_values(self) -> (&'static str, f64, f64) {
        match self {
            TierRule::Cumulative { a, b } => ("cumulative", a * 100.0, b * 100.0),
            TierRule::TopShare { a, b } => ("top", a * 100.0, b * 100.0),
            TierRule::Revenue { a, b } => ("revenue", a, b),
        }
    }

    /// The rule a form's kind and typed limits describe (the inverse of
    /// `form_values`), validated.
    pub fn from_form(kind: &str, a: f64, b: f64) -> Result<TierRule, SettingsError> {
        let rule = match kind {
            "top" => TierRule::TopShare {
                a: a / 100.0,
                b: b / 100.0,
            },
            "revenue" => TierRule::Revenue { a, b },
            _ => TierRule::Cumulative {
                a: a / 100.0,
                b: b / 100.0,
            },
        };
        rule.validate()?;
        Ok(rule)
    }

    /// Shares between 0 and 1 with A below B, or revenue amounts with
    /// A above B.
    pub fn validate(&self) -> Result<(), SettingsError> {
        match *self {
            TierRule::Cumulative { a, b } | TierRule::TopShare { a, b } => {
                settings::share(Field::TierLimits, a)?;
                settings::share(Field::TierLimits, b)?;
                settings::ascending(Field::TierLimits, 0.0, a)?;
                settings::ascending(Field::TierLimits, a, b)
            }
            TierRule::Revenue { a, b } => {
                settings::finite(Field::TierLimits, a)?;
                settings::finite(Field::TierLimits, b)?;
                if a > b {
                    return Ok(());
                }
                Err(SettingsError::Malformed {
                    field: Field::TierLimits,
                    text: format!("{a},{b}"),
                    expected: "revenue thresholds with A above B".to_string(),
                    example: "100000,10000".to_string(),
                })
            }
        }
    }
}

/// Tiers in rank order for `revenue` sorted largest first, by any rule.
pub fn assign_by(revenue: &[f64], rule: TierRule) -> Vec<Tier> {
    let pick = |in_a: bool, in_b: bool| match (in_a, in_b) {
        (true, _) => Tier::A,
        (false, true) => Tier::B,
        _ => Tier::C,
    };
    match rule {
        TierRule::Cumulative { a, b } => {
            let total: f64 = revenue.iter().sum();
            if total <= 0.0 {
                return vec![Tier::C; revenue.len()];
            }
            let mut above = 0.0;
            revenue
                .iter()
                .map(|r| {
                    let share_above = above / total;
                    above += r;
                    pick(share_above < a, share_above < b)
                })
                .collect()
        }
        TierRule::TopShare { a, b } => {
            let n = revenue.len();
            let (ka, kb) = (top_count(n, a), top_count(n, b));
            (0..n).map(|rank| pick(rank < ka, rank < kb)).collect()
        }
        TierRule::Revenue { a, b } => revenue.iter().map(|&r| pick(r >= a, r >= b)).collect(),
    }
}

/// What one tier holds. `profit_share` is of total profit (0 when total
/// profit is not positive); `average_purchase_days` is the purchase
/// frequency of the tier's average customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierSummary {
    pub tier: Tier,
    pub customers: usize,
    pub customer_share: f64,
    pub revenue: f64,
    pub revenue_share: f64,
    pub average_revenue: f64,
    pub profit: f64,
    pub profit_share: f64,
    pub average_purchase_days: f64,
    /// The default service recommendation (English); the page shows the
    /// user's own text when they have edited it.
    pub recommendation: String,
}

/// Per customer, in revenue rank order: what a tier summary adds up.
pub struct RankedValues<'a> {
    pub revenue: &'a [f64],
    pub profit: &'a [f64],
    pub purchase_days: &'a [u32],
}

/// Per-tier counts, revenue, profit and frequency, in the order A, B, C.
pub fn summarise(values: &RankedValues<'_>, tiers: &[Tier]) -> Vec<TierSummary> {
    let total: f64 = values.revenue.iter().sum();
    let total_profit: f64 = values.profit.iter().sum();
    let n = values.revenue.len();
    Tier::ALL
        .iter()
        .map(|&tier| {
            let (mut count, mut revenue, mut profit, mut days) = (0usize, 0.0, 0.0, 0u64);
            for (rank, _) in tiers.iter().enumerate().filter(|(_, &t)| t == tier) {
                count += 1;
                revenue += values.revenue[rank];
                profit += values.profit[rank];
                days += u64::from(values.purchase_days[rank]);
            }
            TierSummary {
                tier,
                customers: count,
                customer_share: ratio(count as f64, n as f64),
                revenue,
                revenue_share: share_of(revenue, total),
                average_revenue: ratio(revenue, count as f64),
                profit,
                profit_share: share_of(profit, total_profit),
                average_purchase_days: ratio(days as f64, count as f64),
                recommendation: crate::i18n::service(Some(tier), Locale::En).to_string(),
            }
        })
        .collect()
}

/// The tier section: one summary per tier, in the order A, B, C.
pub fn section(base: &Base<'_>) -> Vec<TierSummary> {
    let profit = base.by_rank(|c| base.profit[c]);
    let purchase_days = base.by_rank(|c| base.customer(c).purchase_days);
    summarise(
        &RankedValues {
            revenue: base.ranked_revenue.raw(),
            profit: profit.raw(),
            purchase_days: purchase_days.raw(),
        },
        base.tier_at.raw(),
    )
}

/// Customer counts per tier, keyed `"A"`, `"B"`, `"C"` as the contract says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbcCounts {
    #[serde(rename = "A")]
    pub a: usize,
    #[serde(rename = "B")]
    pub b: usize,
    #[serde(rename = "C")]
    pub c: usize,
}

impl AbcCounts {
    pub fn of(summary: &[TierSummary]) -> AbcCounts {
        let count = |tier: Tier| {
            summary
                .iter()
                .find(|s| s.tier == tier)
                .map_or(0, |s| s.customers)
        };
        AbcCounts {
            a: count(Tier::A),
            b: count(Tier::B),
            c: count(Tier::C),
        }
    }

    /// One more customer in `tier`.
    pub fn add(&mut self, tier: Tier) {
        match tier {
            Tier::A => self.a += 1,
            Tier::B => self.b += 1,
            Tier::C => self.c += 1,
        }
    }

    pub fn as_array(&self) -> [usize; 3] {
        [self.a, self.b, self.c]
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reads_back_the_rule_it_shows() {
        for rule in [
            TierRule::default(),
            TierRule::TopShare { a: 0.2, b: 0.5 },
            TierRule::Revenue {
                a: 100_000.0,
                b: 10_000.0,
            },
        ] {
            let (kind, a, b) = rule.form_values();
            assert_eq!(TierRule::from_form(kind, a, b), Ok(rule));
        }
        assert_eq!(
            rule_kind(TierRule::from_form("top", 20.0, 50.0)),
            Some("top")
        );
        assert!(TierRule::from_form("cumulative", 95.0, 80.0).is_err());
        assert!(TierRule::from_form("revenue", 10.0, 100.0).is_err());
    }

    fn rule_kind(rule: Result<TierRule, SettingsError>) -> Option<&'static str> {
        rule.ok().map(|r| r.form_values().0)
    }

    #[test]
    fn the_contract_rule_by_hand() {
        // Shares above each customer: 0, .5, .8, .9, .95, .98
        let revenue = [50.0, 30.0, 10.0, 5.0, 3.0, 2.0];
        let tiers = assign_by(&revenue, TierRule::default());
        assert_eq!(
            tiers,
            [Tier::A, Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]
        );
    }

    #[test]
    fn the_largest_customer_is_always_a() {
        assert_eq!(
            assign_by(&[99.0, 1.0], TierRule::default()),
            [Tier::A, Tier::C]
        );
        assert_eq!(assign_by(&[1.0], TierRule::default()), [Tier::A]);
    }

    #[test]
    fn non_positive_total_is_all_c() {
        assert_eq!(
            assign_by(&[5.0, -10.0], TierRule::default()),
            [Tier::C, Tier::C]
        );
        assert!(assign_by(&[], TierRule::default()).is_empty());
    }

    #[test]
    fn summaries_add_up() {
        let revenue = [50.0, 30.0, 10.0, 5.0, 3.0, 2.0];
        let profit = [10.0, 6.0, 2.0, 1.0, -1.0, -2.0];
        let purchase_days = [12, 8, 3, 1, 1, 1];
        let values = RankedValues {
            revenue: &revenue,
            profit: &profit,
            purchase_days: &purchase_days,
        };
        let s = summarise(&values, &assign_by(&revenue, TierRule::default()));
        assert_eq!(s.iter().map(|t| t.customers).collect::<Vec<_>>(), [2, 2, 2]);
        assert_eq!(s[0].revenue, 80.0);
        assert!((s.iter().map(|t| t.revenue_share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(s[2].average_revenue, 2.5);
        assert_eq!((s[0].profit, s[0].profit_share), (16.0, 1.0));
        assert_eq!((s[2].profit, s[2].profit_share), (-3.0, -0.1875));
        assert_eq!(s[0].average_purchase_days, 10.0);
        assert!(s[0].recommendation.contains("account manager"));
    }

    #[test]
    fn tiers_by_top_share_and_by_revenue_by_hand() {
        let revenue = [50.0, 30.0, 10.0, 5.0, 3.0, 2.0, 1.0, 1.0, 0.0, -1.0];
        // Top 20% = 2 customers are A, up to 50% = 5 are B.
        let top = TierRule::TopShare { a: 0.2, b: 0.5 };
        let by_top = assign_by(&revenue, top);
        assert_eq!(by_top.iter().filter(|&&t| t == Tier::A).count(), 2);
        assert_eq!(by_top.iter().filter(|&&t| t == Tier::B).count(), 3);
        let by_amount = assign_by(&revenue, TierRule::Revenue { a: 30.0, b: 2.0 });
        assert_eq!(
            by_amount,
            [
                Tier::A,
                Tier::A,
                Tier::B,
                Tier::B,
                Tier::B,
                Tier::B,
                Tier::C,
                Tier::C,
                Tier::C,
                Tier::C
            ]
        );
        assert_eq!(assign_by(&[], top), []);
        assert_eq!(assign_by(&[7.0], top), [Tier::A]);
    }

    #[test]
    fn tier_rules_are_parsed_and_validated() {
        assert_eq!(
            TierRule::parse("top", "0.1, 0.3"),
            Ok(TierRule::TopShare { a: 0.1, b: 0.3 })
        );
        assert_eq!(
            TierRule::parse("revenue", "100000,5000"),
            Ok(TierRule::Revenue {
                a: 100000.0,
                b: 5000.0
            })
        );
        assert!(TierRule::parse("revenue", "10,100").is_err());
        assert!(TierRule::parse("top", "0.5,0.2").is_err());
        assert!(TierRule::parse("weight", "0.5,0.8").is_err());
        assert!(TierRule::parse("cumulative", "nan,0.9").is_err());
    }

    #[test]
    fn cutoffs_are_validated() {
        let cumulative = |text| TierRule::parse("cumulative", text);
        assert_eq!(
            cumulative("0.7, 0.9"),
            Ok(TierRule::Cumulative { a: 0.7, b: 0.9 })
        );
        assert!(cumulative("0.9,0.8").is_err());
        assert!(cumulative("0.8").is_err());
        assert!(cumulative("x,0.9").is_err());
        assert!(cumulative("0.8,1.5").is_err());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn tiers_partition_in_rank_order(mut v in prop::collection::vec(0.0f64..1e6, 1..300)) {
                v.sort_by(|a, b| b.total_cmp(a));
                let tiers = assign_by(&v, TierRule::default());
                prop_assert_eq!(tiers.len(), v.len());
                prop_assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "A before B before C");
                let zeros = vec![0.0; v.len()];
                let days = vec![1; v.len()];
                let s = summarise(&RankedValues { revenue: &v, profit: &zeros, purchase_days: &days }, &tiers);
                prop_assert_eq!(s.iter().map(|t| t.customers).sum::<usize>(), v.len());
                if v.iter().sum::<f64>() > 0.0 {
                    prop_assert_eq!(tiers[0], Tier::A);
                    prop_assert!((s.iter().map(|t| t.revenue_share).sum::<f64>() - 1.0).abs() < 1e-9);
                }
            }

            #[test]
            fn every_rule_partitions_in_rank_order(mut v in prop::collection::vec(-1e3f64..1e6, 0..200), a in 0.01f64..0.5, gap in 0.01f64..0.5) {
                v.sort_by(|a, b| b.total_cmp(a));
                for rule in [TierRule::Cumulative { a, b: a + gap }, TierRule::TopShare { a, b: a + gap }, TierRule::Revenue { a: 1e5 * (a + gap), b: 1e5 * a }] {
                    let tiers = assign_by(&v, rule);
                    prop_assert_eq!(tiers.len(), v.len());
                    prop_assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "{:?}", rule);
                }
            }
        }
    }
}
