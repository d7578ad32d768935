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

/// Cumulative-share cut-offs for the A and B tiers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cutoffs {
    pub a: f64,
    pub b: f64,
}

impl Default for Cutoffs {
    fn default() -> Self {
        Cutoffs { a: 0.8, b: 0.95 }
    }
}

impl Cutoffs {
    /// Parses `"0.8,0.95"`; both in (0, 1] and a < b.
    pub fn parse(text: &str) -> Result<Cutoffs, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [a, b] = parts.as_slice() else {
            return Err(format!("\"{text}\": expected two shares such as 0.8,0.95"));
        };
        let share = |s: &str| {
            s.parse::<f64>()
                .map_err(|_| format!("\"{s}\" is not a number"))
        };
        Cutoffs::new(share(a)?, share(b)?)
    }

    pub fn new(a: f64, b: f64) -> Result<Cutoffs, String> {
        if !(a > 0.0 && a < b && b <= 1.0) {
            return Err(format!(
                "tier cut-offs {a},{b}: need 0 < A < B <= 1, e.g. 0.8,0.95"
            ));
        }
        Ok(Cutoffs { a, b })
    }
}

/// Tiers in rank order for `revenue` sorted largest first.
pub fn assign(revenue: &[f64], cutoffs: Cutoffs) -> Vec<Tier> {
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
            if share_above < cutoffs.a {
                Tier::A
            } else if share_above < cutoffs.b {
                Tier::B
            } else {
                Tier::C
            }
        })
        .collect()
}

/// What one tier holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierSummary {
    pub tier: Tier,
    pub customers: usize,
    pub customer_share: f64,
    pub revenue: f64,
    pub revenue_share: f64,
    pub average_revenue: f64,
}

/// Per-tier counts and revenue, in the order A, B, C.
pub fn summarise(revenue: &[f64], tiers: &[Tier]) -> Vec<TierSummary> {
    let total: f64 = revenue.iter().sum();
    let n = revenue.len();
    Tier::ALL
        .iter()
        .map(|&tier| {
            let (count, sum) = revenue
                .iter()
                .zip(tiers)
                .filter(|(_, &t)| t == tier)
                .fold((0usize, 0.0), |(c, s), (r, _)| (c + 1, s + r));
            TierSummary {
                tier,
                customers: count,
                customer_share: ratio(count as f64, n as f64),
                revenue: sum,
                revenue_share: if total > 0.0 { sum / total } else { 0.0 },
                average_revenue: ratio(sum, count as f64),
            }
        })
        .collect()
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
    fn the_contract_rule_by_hand() {
        // Shares above each customer: 0, .5, .8, .9, .95, .98
        let revenue = [50.0, 30.0, 10.0, 5.0, 3.0, 2.0];
        let tiers = assign(&revenue, Cutoffs::default());
        assert_eq!(
            tiers,
            [Tier::A, Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]
        );
    }

    #[test]
    fn the_largest_customer_is_always_a() {
        assert_eq!(assign(&[99.0, 1.0], Cutoffs::default()), [Tier::A, Tier::C]);
        assert_eq!(assign(&[1.0], Cutoffs::default()), [Tier::A]);
    }

    #[test]
    fn non_positive_total_is_all_c() {
        assert_eq!(
            assign(&[5.0, -10.0], Cutoffs::default()),
            [Tier::C, Tier::C]
        );
        assert!(assign(&[], Cutoffs::default()).is_empty());
    }

    #[test]
    fn summaries_add_up() {
        let revenue = [50.0, 30.0, 10.0, 5.0, 3.0, 2.0];
        let s = summarise(&revenue, &assign(&revenue, Cutoffs::default()));
        assert_eq!(s.iter().map(|t| t.customers).collect::<Vec<_>>(), [2, 2, 2]);
        assert_eq!(s[0].revenue, 80.0);
        assert!((s.iter().map(|t| t.revenue_share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(s[2].average_revenue, 2.5);
    }

    #[test]
    fn cutoffs_are_validated() {
        assert_eq!(Cutoffs::parse("0.7, 0.9"), Ok(Cutoffs { a: 0.7, b: 0.9 }));
        assert!(Cutoffs::parse("0.9,0.8").is_err());
        assert!(Cutoffs::parse("0.8").is_err());
        assert!(Cutoffs::parse("x,0.9").is_err());
        assert!(Cutoffs::parse("0.8,1.5").is_err());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn tiers_partition_in_rank_order(mut v in prop::collection::vec(0.0f64..1e6, 1..300)) {
                v.sort_by(|a, b| b.total_cmp(a));
                let tiers = assign(&v, Cutoffs::default());
                prop_assert_eq!(tiers.len(), v.len());
                prop_assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "A before B before C");
                let s = summarise(&v, &tiers);
                prop_assert_eq!(s.iter().map(|t| t.customers).sum::<usize>(), v.len());
                if v.iter().sum::<f64>() > 0.0 {
                    prop_assert_eq!(tiers[0], Tier::A);
                    prop_assert!((s.iter().map(|t| t.revenue_share).sum::<f64>() - 1.0).abs() < 1e-9);
                }
            }
        }
    }
}
