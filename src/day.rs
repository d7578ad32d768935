//! Calendar days as plain integers.
//!
//! Every date in the core is a `Day`: the number of days since 1970-01-01.
//! Integers keep the transaction table compact (four bytes a row) and make
//! recency and gaps simple subtraction. Conversion to and from the calendar
//! goes through `chrono`, and JSON shows days as `YYYY-MM-DD`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Days since 1970-01-01 (negative before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Day(pub i32);

/// `NaiveDate::num_days_from_ce()` of 1970-01-01.
const UNIX_EPOCH_CE: i32 = 719_163;

impl Day {
    /// The day for a calendar date, or `None` when the date does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        NaiveDate::from_ymd_opt(year, month, day).map(Day::from_date)
    }

    pub fn from_date(date: NaiveDate) -> Day {
        Day(date.num_days_from_ce() - UNIX_EPOCH_CE)
    }

    pub fn to_date(self) -> NaiveDate {
        // Every i32 day that came from a parsed date is in chrono's range;
        // the fallback only guards arithmetic on extreme values.
        NaiveDate::from_num_days_from_ce_opt(self.0.saturating_add(UNIX_EPOCH_CE))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Parses `YYYY-MM-DD` exactly (the form the CLI takes for `--as-of`).
    pub fn parse_iso(text: &str) -> Option<Day> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .map(Day::from_date)
    }

    pub fn year(self) -> i32 {
        self.to_date().year()
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.to_date().month()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_date().format("%Y-%m-%d"))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_zero() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(1970, 1, 2), Some(Day(1)));
        assert_eq!(Day::from_ymd(1969, 12, 31), Some(Day(-1)));
    }

    #[test]
    fn round_trips_through_text() {
        let day = Day::from_ymd(1997, 9, 30).unwrap();
        assert_eq!(day.to_string(), "1997-09-30");
        assert_eq!(Day::parse_iso("1997-09-30"), Some(day));
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"1997-09-30\"");
        assert_eq!(serde_json::from_str::<Day>("\"1997-09-30\"").unwrap(), day);
        assert!(serde_json::from_str::<Day>("\"30/9/1997\"").is_err());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Day::from_ymd(2023, 2, 29), None);
        assert_eq!(Day::parse_iso("2024-13-01"), None);
        assert!(Day::from_ymd(2024, 2, 29).is_some());
    }
}
