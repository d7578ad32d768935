//! `Settings`: everything a user can change about the analysis, and its
//! one validation.
//!
//! Each section's module owns its settings type and checks it
//! (`TierRule::validate`, `LifecycleSettings::validate`, ...); this module
//! gathers them. The CLI, the settings panel and every in-place editor go
//! through `Settings::validate` (or the one section's `validate`), so a
//! value the CLI refuses is refused on the page with the same reason. A
//! `SettingsError` names the setting and the bound it broke; its text in
//! each language is in the translation table.

use crate::clv::value::ClvSettings;
use crate::compare::CompareSettings;
use crate::concentration;
use crate::customer_share::ShareSettings;
use crate::customer_types::TypeSettings;
use crate::day::Day;
use crate::lifecycle::LifecycleSettings;
use crate::loyalty::LoyaltySettings;
use crate::profit::{self, WhatIfSettings};
use crate::retention::Period;
use crate::rfm::RfmSettings;
use crate::tiers::TierRule;
use serde::{Deserialize, Serialize};

pub mod check;
pub use check::{
    ascending, day, finite, in_range, list, not_one_of, number, numbers, one_of, share, whole,
    Field, SettingsError,
};

/// Settings that change the analysis, not the reading of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Defaults to the last transaction date in the file.
    pub as_of: Option<Day>,
    pub tier_rule: TierRule,
    pub dependency_threshold: f64,
    /// How many of the largest customers `top_customers` lists.
    pub top_customers: usize,
    /// Margin assumed for profit when the file has no cost, profit or margin.
    pub assumed_margin: f64,
    pub what_if: WhatIfSettings,
    pub types: TypeSettings,
    pub loyalty: LoyaltySettings,
    pub rfm: RfmSettings,
    pub lifecycle: LifecycleSettings,
    pub retention_period: Period,
    pub clv: ClvSettings,
    /// Only the customers with this value of a category, when set.
    pub filter: Option<Filter>,
    /// The two periods of "Key accounts over time".
    #[serde(default)]
    pub compare: CompareSettings,
    #[serde(default)]
    pub customer_share: ShareSettings,
}

/// Keep the customers whose `key` category has `value` (`None`: no value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub key: String,
    pub value: Option<String>,
}

impl Filter {
    /// Parses `KEY=VALUE` (an empty VALUE means customers without one).
    pub fn parse(text: &str) -> Result<Filter, SettingsError> {
        let Some((key, value)) = text.split_once('=') else {
            return Err(SettingsError::Malformed {
                field: Field::Filter,
                text: text.to_string(),
                expected: "DIMENSION=VALUE".to_string(),
                example: "region=华东".to_string(),
            });
        };
        Ok(Filter {
            key: key.trim().to_string(),
            value: Some(value.trim().to_string()).filter(|v| !v.is_empty()),
        })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            tier_rule: TierRule::default(),
            dependency_threshold: concentration::DEFAULT_THRESHOLD,
            top_customers: 50,
            assumed_margin: profit::DEFAULT_ASSUMED_MARGIN,
            what_if: WhatIfSettings::default(),
            types: TypeSettings::default(),
            loyalty: LoyaltySettings::default(),
            rfm: RfmSettings::default(),
            lifecycle: LifecycleSettings::default(),
            retention_period: Period::Month,
            clv: ClvSettings::default(),
            filter: None,
            compare: CompareSettings::default(),
            customer_share: ShareSettings::default(),
        }
    }
}

impl Settings {
    /// Every setting checked; the first that is out of bounds, if any.
    pub fn validate(self) -> Result<Valid, SettingsError> {
        self.tier_rule.validate()?;
        concentration::validate(self.dependency_threshold)?;
        in_range(
            Field::TopCustomers,
            self.top_customers as f64,
            1.0,
            100_000.0,
        )?;
        profit::validate_margin(self.assumed_margin)?;
        self.what_if.validate()?;
        self.types.validate()?;
        self.loyalty.validate()?;
        self.rfm.validate()?;
        self.lifecycle.validate()?;
        self.clv.validate()?;
        self.compare.validate()?;
        self.customer_share.validate()?;
        Ok(Valid(self))
    }
}

/// Settings that passed `Settings::validate`: the only kind an analysis
/// runs with.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid(Settings);

impl std::ops::Deref for Valid {
    type Target = Settings;
    fn deref(&self) -> &Settings {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid() {
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn a_margin_that_is_not_a_share_is_refused_with_its_bound() {
        for margin in [f64::NAN, f64::INFINITY, -1e308, 1.5] {
            let settings = Settings {
                assumed_margin: margin,
                ..Settings::default()
            };
            let error = settings.validate().unwrap_err();
            assert_eq!(error.field(), Field::Margin, "{margin}");
            assert!(error.to_string().starts_with("--margin: "), "{error}");
        }
    }

    #[test]
    fn typed_values_are_read_or_named() {
        assert_eq!(number(Field::Margin, " 0.3 "), Ok(0.3));
        assert!(number(Field::Margin, "nan").is_err());
        assert_eq!(whole(Field::Horizon, "12", 1.0, 120.0), Ok(12.0));
        assert!(matches!(
            whole(Field::Horizon, "1.5", 1.0, 120.0),
            Err(SettingsError::NotWhole { .. })
        ));
        assert!(matches!(
            whole(Field::Horizon, "500", 1.0, 120.0),
            Err(SettingsError::OutOfRange { .. })
        ));
        assert_eq!(
            numbers::<2>(Field::WhatIf, "0.3,0.2", "0.3,0.2"),
            Ok([0.3, 0.2])
        );
        let error = numbers::<2>(Field::WhatIf, "0.3", "0.3,0.2").unwrap_err();
        assert_eq!(
            error.to_string(),
            "--what-if: \"0.3\": expected two comma-separated numbers, e.g. 0.3,0.2"
        );
        assert_eq!(
            one_of(Field::Cohort, "Quarter", &[("month", 1), ("quarter", 3)]),
            Ok(3)
        );
    }
}
