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
use crate::concentration;
use crate::customer_types::TypeSettings;
use crate::day::Day;
use crate::lifecycle::LifecycleSettings;
use crate::loyalty::LoyaltySettings;
use crate::profit::{self, WhatIfSettings};
use crate::retention::Period;
use crate::rfm::RfmSettings;
use crate::tiers::TierRule;
use serde::{Deserialize, Serialize};
use std::fmt;

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
        }
    }
}

impl Settings {
    /// Every setting checked; the first that is out of bounds, if any.
    pub fn validate(self) -> Result<Valid, SettingsError> {
        self.tier_rule.validate()?;
        share(Field::Dependency, self.dependency_threshold)?;
        in_range(
            Field::TopCustomers,
            self.top_customers as f64,
            1.0,
            100_000.0,
        )?;
        share(Field::Margin, self.assumed_margin)?;
        self.what_if.validate()?;
        self.types.validate()?;
        self.loyalty.validate()?;
        self.rfm.validate()?;
        self.lifecycle.validate()?;
        self.clv.validate()?;
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

/// The setting a `SettingsError` is about. Its key names it in the JSON
/// and the translation table; `flag` is the CLI's option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    AsOf,
    TierBy,
    TierLimits,
    Dependency,
    TopCustomers,
    Margin,
    WhatIf,
    TypeWindow,
    TypeShares,
    LoyaltyAxis,
    LoyaltySplit,
    RfmMonetary,
    RfmBreaks,
    Lifecycle,
    Cohort,
    CalibrationEnd,
    Period,
    Horizon,
    Discount,
    RetentionPoints,
    Model,
    Filter,
    Sort,
    Tier,
    Segment,
    Stage,
    ChurnRisk,
    Decimal,
    DateOrder,
    Unit,
    Mapping,
}

impl Field {
    /// The CLI option that sets it.
    pub fn flag(self) -> &'static str {
        match self {
            Field::AsOf => "--as-of",
            Field::TierBy => "--tier-by",
            Field::TierLimits => "--abc",
            Field::Dependency => "dependency threshold",
            Field::TopCustomers => "top customers",
            Field::Margin => "--margin",
            Field::WhatIf => "--what-if",
            Field::TypeWindow => "type window",
            Field::TypeShares => "type thresholds",
            Field::LoyaltyAxis => "--loyalty",
            Field::LoyaltySplit => "loyalty split",
            Field::RfmMonetary => "--rfm-monetary",
            Field::RfmBreaks => "--rfm-breaks",
            Field::Lifecycle => "--lifecycle",
            Field::Cohort => "--cohort",
            Field::CalibrationEnd => "--calibration-end",
            Field::Period => "--period",
            Field::Horizon => "--horizon",
            Field::Discount => "--discount",
            Field::RetentionPoints => "--retention-points",
            Field::Model => "--model",
            Field::Filter => "--filter",
            Field::Sort => "--sort",
            Field::Tier => "--tier",
            Field::Segment => "--segment",
            Field::Stage => "--stage",
            Field::ChurnRisk => "--churn-risk",
            Field::Decimal => "--decimal",
            Field::DateOrder => "--date-order",
            Field::Unit => "--unit",
            Field::Mapping => "--map",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.flag())
    }
}

/// A setting that cannot be used, with the field and the bound it broke.
/// `text` is what the user typed, shown back as data.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SettingsError {
    #[error("{field}: \"{text}\" is not a number")]
    NotANumber { field: Field, text: String },
    #[error("{field}: \"{text}\" is not a date in the form YYYY-MM-DD")]
    NotADate { field: Field, text: String },
    #[error("{field}: {} is outside {} to {}", shown(*.value), shown(*.min), shown(*.max))]
    OutOfRange {
        field: Field,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error("{field}: \"{text}\": expected {expected}, e.g. {example}")]
    Malformed {
        field: Field,
        text: String,
        expected: String,
        example: String,
    },
    #[error("{field}: \"{text}\": expected one of {}", .options.join(", "))]
    NotOneOf {
        field: Field,
        text: String,
        options: Vec<String>,
    },
    #[error("{field}: {} must be below {}", shown(*.low), shown(*.high))]
    NotAscending { field: Field, low: f64, high: f64 },
}

/// A number short enough for one line: huge and tiny ones in e-notation.
fn shown(value: f64) -> String {
    let size = value.abs();
    if size != 0.0 && !(1e-4..1e9).contains(&size) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

impl SettingsError {
    pub fn field(&self) -> Field {
        match self {
            SettingsError::NotANumber { field, .. }
            | SettingsError::NotADate { field, .. }
            | SettingsError::OutOfRange { field, .. }
            | SettingsError::Malformed { field, .. }
            | SettingsError::NotOneOf { field, .. }
            | SettingsError::NotAscending { field, .. } => *field,
        }
    }
}

/// `value` when it is finite and within `min..=max`.
pub fn in_range(field: Field, value: f64, min: f64, max: f64) -> Result<f64, SettingsError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(SettingsError::OutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}

/// `value` when it is a finite number.
pub fn finite(field: Field, value: f64) -> Result<f64, SettingsError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(SettingsError::NotANumber {
            field,
            text: value.to_string(),
        })
    }
}

/// A share: finite, from 0 to 1.
pub fn share(field: Field, value: f64) -> Result<f64, SettingsError> {
    in_range(field, value, 0.0, 1.0)
}

/// `low < high`, else which is out of order.
pub fn ascending(field: Field, low: f64, high: f64) -> Result<(), SettingsError> {
    if low < high {
        Ok(())
    } else {
        Err(SettingsError::NotAscending { field, low, high })
    }
}

/// A finite number as typed (surrounding spaces allowed).
pub fn number(field: Field, text: &str) -> Result<f64, SettingsError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| SettingsError::NotANumber {
            field,
            text: text.to_string(),
        })
}

/// A day typed as YYYY-MM-DD.
pub fn day(field: Field, text: &str) -> Result<Day, SettingsError> {
    Day::parse_iso(text.trim()).ok_or_else(|| SettingsError::NotADate {
        field,
        text: text.to_string(),
    })
}

/// The option whose key `text` is.
pub fn one_of<T: Copy>(
    field: Field,
    text: &str,
    options: &[(&str, T)],
) -> Result<T, SettingsError> {
    let wanted = text.trim();
    options
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(wanted))
        .map(|(_, value)| *value)
        .ok_or_else(|| SettingsError::NotOneOf {
            field,
            text: text.to_string(),
            options: options.iter().map(|(k, _)| k.to_string()).collect(),
        })
}

fn count_word(n: usize) -> String {
    let words = ["no", "one", "two", "three", "four", "five"];
    words.get(n).map_or(n.to_string(), |w| w.to_string())
}

/// `text` split at commas into exactly `N` numbers.
pub fn numbers<const N: usize>(
    field: Field,
    text: &str,
    example: &str,
) -> Result<[f64; N], SettingsError> {
    let parts: Vec<&str> = text.split(',').collect();
    if parts.len() != N {
        return Err(SettingsError::Malformed {
            field,
            text: text.to_string(),
            expected: format!("{} comma-separated numbers", count_word(N)),
            example: example.to_string(),
        });
    }
    let mut out = [0.0; N];
    for (slot, part) in out.iter_mut().zip(parts) {
        *slot = number(field, part)?;
    }
    Ok(out)
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
