//! The checks every setting goes through, and the typed error they give.
//!
//! A leaf module (it imports only `day`), so that the ingest can carry a
//! `SettingsError` without depending on the sections whose settings these are.

use crate::day::Day;
use serde::{Deserialize, Serialize};
use std::fmt;

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
    Compare,
    Movement,
    ShareMonths,
    ShareSplit,
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
            Field::Compare => "--compare",
            Field::Movement => "--movement",
            Field::ShareMonths => "--share-months",
            Field::ShareSplit => "customer share line",
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
    #[error("{field}: \"{text}\" is not a whole number")]
    NotWhole { field: Field, text: String },
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
    #[error("{field}: {earlier} is after {later}: each period runs from its start to its end, and period 1 ends before period 2 starts")]
    DatesOutOfOrder {
        field: Field,
        earlier: Day,
        later: Day,
    },
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
            | SettingsError::NotWhole { field, .. }
            | SettingsError::NotADate { field, .. }
            | SettingsError::OutOfRange { field, .. }
            | SettingsError::Malformed { field, .. }
            | SettingsError::NotOneOf { field, .. }
            | SettingsError::NotAscending { field, .. }
            | SettingsError::DatesOutOfOrder { field, .. } => *field,
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

/// The option whose key `text` is (any case).
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
        .ok_or_else(|| {
            let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
            not_one_of(field, text, &keys)
        })
}

/// `text` is none of `options`.
pub fn not_one_of(field: Field, text: &str, options: &[&str]) -> SettingsError {
    SettingsError::NotOneOf {
        field,
        text: text.to_string(),
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

/// A whole number within `min..=max`, as typed (days, months).
pub fn whole(field: Field, text: &str, min: f64, max: f64) -> Result<f64, SettingsError> {
    let value = in_range(field, number(field, text)?, min, max)?;
    if value.fract() != 0.0 {
        return Err(SettingsError::NotWhole {
            field,
            text: text.to_string(),
        });
    }
    Ok(value)
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
    list(text, example, field, |part| number(field, part))
}

/// `text` split at commas into exactly `N` values, each read by `each`.
pub fn list<const N: usize>(
    text: &str,
    example: &str,
    field: Field,
    each: impl Fn(&str) -> Result<f64, SettingsError>,
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
        *slot = each(part)?;
    }
    Ok(out)
}
