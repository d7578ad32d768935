//! The customer lifecycle: new, reactivated, active, dormant (休眠, can be
//! woken), lost.
//!
//! The contract's default rule, in days before the as-of date, first match
//! wins (every threshold is a setting):
//! - **new**: the first purchase is at most 90 days old;
//! - **reactivated**: the last purchase is at most 90 days old and the gap
//!   before it (from the purchase day before) was over 90 days;
//! - **active**: the last purchase is at most 90 days old;
//! - **dormant**: the last purchase is at most 365 days old;
//! - **lost**: otherwise.
//!
//! "Revenue at risk" is what the dormant customers spent in the year before
//! the as-of date: the business that goes if they are not woken. A
//! customer summary shows reactivation only with its `previous_purchase`
//! column, and revenue at risk with `revenue_last_year` (`summary`);
//! without them `reactivation_known` and `revenue_at_risk_known` are false.

use crate::base::Base;
use crate::customer_table::{Group, RowSource, LISTED};
use crate::customer_types::window_spend;
use crate::index::{CustomerId, Idx, IndexVec, Rank};
use crate::ingest::map::Role;
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleSettings {
    pub new_days: i32,
    pub active_days: i32,
    /// A gap longer than this before the last purchase is a reactivation.
    pub gap_days: i32,
    pub dormant_days: i32,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        LifecycleSettings {
            new_days: 90,
            active_days: 90,
            gap_days: 90,
            dormant_days: 365,
        }
    }
}

/// The longest threshold: a hundred years of days.
const MAX_DAYS: f64 = 36_500.0;

impl LifecycleSettings {
    /// Parses "NEW,ACTIVE,GAP,DORMANT": four numbers of days.
    pub fn parse(text: &str) -> Result<LifecycleSettings, SettingsError> {
        let day = |part: &str| settings::whole(Field::Lifecycle, part, 0.0, MAX_DAYS);
        let days = settings::list::<4>(text, "90,90,90,365", Field::Lifecycle, day)?;
        let [new_days, active_days, gap_days, dormant_days] = days.map(|d| d as i32);
        let parsed = LifecycleSettings {
            new_days,
            active_days,
            gap_days,
            dormant_days,
        };
        parsed.validate()?;
        Ok(parsed)
    }

    /// Whole days from 0 to 36,500, dormant at least active.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let days = [
            self.new_days,
            self.active_days,
            self.gap_days,
            self.dormant_days,
        ];
        for d in days {
            settings::in_range(Field::Lifecycle, f64::from(d), 0.0, MAX_DAYS)?;
        }
        if self.dormant_days < self.active_days {
            return Err(SettingsError::NotAscending {
                field: Field::Lifecycle,
                low: f64::from(self.active_days),
                high: f64::from(self.dormant_days),
            });
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    Reactivated,
    Active,
    Dormant,
    Lost,
}

impl Stage {
    /// A stage's key: `new`, `reactivated`, `active`, `dormant` or `lost`.
    pub fn parse(text: &str) -> Result<Stage, SettingsError> {
        settings::one_of(Field::Stage, text, &Stage::ALL.map(|s| (s.key(), s)))
    }

    pub const ALL: [Stage; 5] = [
        Stage::New,
        Stage::Reactivated,
        Stage::Active,
        Stage::Dormant,
        Stage::Lost,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Reactivated => "reactivated",
            Stage::Active => "active",
            Stage::Dormant => "dormant",
            Stage::Lost => "lost",
        }
    }
}

/// Customers per stage, keyed as the contract says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LifecycleCounts {
    pub new: usize,
    pub reactivated: usize,
    pub active: usize,
    pub dormant: usize,
    pub lost: usize,
}

impl LifecycleCounts {
    pub fn of(stages: &IndexVec<CustomerId, Stage>) -> LifecycleCounts {
        let count = |s: Stage| stages.iter().filter(|&&x| x == s).count();
        LifecycleCounts {
            new: count(Stage::New),
            reactivated: count(Stage::Reactivated),
            active: count(Stage::Active),
            dormant: count(Stage::Dormant),
            lost: count(Stage::Lost),
        }
    }
}

/// The lifecycle section: each stage's customers, and whom to wake.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleDetail {
    pub settings: LifecycleSettings,
    /// False for a customer summary: no log, so no reactivation is seen.
    pub reactivation_known: bool,
    /// One group per stage, in `Stage::ALL` order.
    pub stages: Vec<Group>,
    /// The dormant customers' net revenue in the year before the as-of date.
    pub revenue_at_risk: f64,
    /// False for a summary without `revenue_last_year`: the figure is 0
    /// for want of the purchases, not because nothing is at risk.
    #[serde(default = "known")]
    pub revenue_at_risk_known: bool,
    /// Dormant customers by their last year's revenue, largest first: whom to wake.
    pub wake_up: Vec<crate::customer_table::CustomerRow>,
}

fn known() -> bool {
    true
}

/// Each customer's stage.
pub fn labels(base: &Base<'_>, settings: &LifecycleSettings) -> IndexVec<CustomerId, Stage> {
    base.by_customer(|c| stage(&ages(base, c), settings))
}

/// Days since the first and last purchase, and the gap before the last.
fn ages(base: &Base<'_>, c: CustomerId) -> Ages {
    let customer = base.customer(c);
    let (days, _) = base.purchases(c);
    let gap_before_last = match (days, &base.customers.model) {
        ([.., before, last], _) => Some(last.0 - before.0),
        (_, Some(model)) => model.rows[c.index()]
            .previous
            .map(|before| customer.last.0 - before.0),
        _ => None,
    };
    Ages {
        since_first: base.as_of.0 - customer.first.0,
        since_last: base.as_of.0 - customer.last.0,
        gap_before_last,
    }
}

pub fn section(
    base: &Base<'_>,
    rows: &RowSource<'_>,
    settings: &LifecycleSettings,
) -> LifecycleDetail {
    let stages = &rows.labels().stages;
    let model = base.customers.model.as_ref();
    let last_year_known = base.log || model.is_some_and(|m| m.has(&[Role::RevenueLastYear]));
    let last_year = |c: CustomerId| match model {
        Some(m) => m.rows[c.index()].last_year,
        None => {
            let (days, amounts) = base.purchases(c);
            window_spend(days, amounts, base.as_of, 365).0
        }
    };
    let mut dormant: Vec<(Rank, f64)> = rows
        .ranks()
        .filter(|&rank| stages[rows.customer_at(rank)] == Stage::Dormant)
        .map(|rank| (rank, last_year(rows.customer_at(rank))))
        .collect();
    let revenue_at_risk = dormant.iter().map(|d| d.1).sum::<f64>() + 0.0;
    dormant.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    LifecycleDetail {
        settings: *settings,
        reactivation_known: base.log || model.is_some_and(|m| m.has(&[Role::PreviousPurchase])),
        revenue_at_risk_known: last_year_known,
        stages: Stage::ALL
            .iter()
            .map(|&s| rows.group(s.key(), |c| stages[c] == s))
            .collect(),
        revenue_at_risk,
        wake_up: dormant
            .iter()
            .take(LISTED)
            .map(|&(rank, _)| rows.row(rank))
            .collect(),
    }
}

/// What the rule needs of one customer, as days before the as-of date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ages {
    pub since_first: i32,
    pub since_last: i32,
    /// Days between the last purchase and the one before, if any.
    pub gap_before_last: Option<i32>,
}

/// The stage of one customer.
pub fn stage(ages: &Ages, s: &LifecycleSettings) -> Stage {
    if ages.since_first <= s.new_days {
        Stage::New
    } else if ages.since_last <= s.active_days
        && ages.gap_before_last.is_some_and(|g| g > s.gap_days)
    {
        Stage::Reactivated
    } else if ages.since_last <= s.active_days {
        Stage::Active
    } else if ages.since_last <= s.dormant_days {
        Stage::Dormant
    } else {
        Stage::Lost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages(first: i32, last: i32, gap: Option<i32>) -> Ages {
        Ages {
            since_first: first,
            since_last: last,
            gap_before_last: gap,
        }
    }

    #[test]
    fn the_contract_rule_at_its_boundaries() {
        let s = LifecycleSettings::default();
        assert_eq!(
            stage(&ages(90, 0, None), &s),
            Stage::New,
            "exactly 90 days is still new"
        );
        assert_eq!(stage(&ages(91, 91, None), &s), Stage::Dormant);
        assert_eq!(stage(&ages(400, 90, Some(91)), &s), Stage::Reactivated);
        assert_eq!(
            stage(&ages(400, 90, Some(90)), &s),
            Stage::Active,
            "a gap of exactly 90 is no reactivation"
        );
        assert_eq!(stage(&ages(400, 90, None), &s), Stage::Active);
        assert_eq!(
            stage(&ages(400, 365, Some(5)), &s),
            Stage::Dormant,
            "exactly 365 days is dormant"
        );
        assert_eq!(stage(&ages(400, 366, Some(5)), &s), Stage::Lost);
    }

    #[test]
    fn thresholds_are_parsed_and_checked() {
        assert_eq!(
            LifecycleSettings::parse(" 30, 60,120 ,180"),
            Ok(LifecycleSettings {
                new_days: 30,
                active_days: 60,
                gap_days: 120,
                dormant_days: 180
            })
        );
        for bad in [
            "30,60,120",
            "30,60,120,50",
            "30,-1,120,180",
            "a,60,120,180",
            "30,60,120,180,1",
        ] {
            assert!(LifecycleSettings::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thresholds_are_settings() {
        let s = LifecycleSettings {
            new_days: 30,
            active_days: 60,
            gap_days: 120,
            dormant_days: 180,
        };
        assert_eq!(stage(&ages(45, 10, None), &s), Stage::Active);
        assert_eq!(stage(&ages(300, 50, Some(100)), &s), Stage::Active);
        assert_eq!(stage(&ages(300, 50, Some(121)), &s), Stage::Reactivated);
        assert_eq!(stage(&ages(300, 181, None), &s), Stage::Lost);
    }
}
