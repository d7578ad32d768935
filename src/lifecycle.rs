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
//! customer summary has no purchase log, so no one in it can be found
//! reactivated (`reactivation_known` is false).

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

impl LifecycleSettings {
    /// Parses "NEW,ACTIVE,GAP,DORMANT": four whole numbers of days, none
    /// negative, dormant at least active.
    pub fn parse(text: &str) -> Result<LifecycleSettings, String> {
        let days: Vec<Option<i32>> = text
            .split(',')
            .map(|d| d.trim().parse::<i32>().ok().filter(|d| *d >= 0))
            .collect();
        match days.as_slice() {
            [Some(new), Some(active), Some(gap), Some(dormant)] if dormant >= active => {
                Ok(LifecycleSettings {
                    new_days: *new,
                    active_days: *active,
                    gap_days: *gap,
                    dormant_days: *dormant,
                })
            }
            _ => Err(format!(
                "\"{text}\": expected four whole numbers of days NEW,ACTIVE,GAP,DORMANT with DORMANT >= ACTIVE, e.g. 90,90,90,365"
            )),
        }
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
