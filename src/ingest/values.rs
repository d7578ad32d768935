//! Cells to values: dates to `Day`s, amounts to numbers.
//!
//! Dates: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYYMMDD` and
//! `YYYY年M月D日`, each optionally followed by a time (`HH:MM[:SS]`, a `T`
//! separator, fractions), and Excel serial day numbers (1900 system) for
//! cells that hold a bare number in the serial range. Year-last dates
//! (`D/M/YYYY` or `M/D/YYYY`) need a `DateOrder`, which `DateEvidence`
//! decides from the whole date column: a first part above 12 can only be a
//! day, a second part above 12 only a day too.
//!
//! Amounts: an optional sign or parentheses for negatives, currency signs
//! and codes (¥ ￥ $ € £ CNY RMB USD 元 ...), spaces and thousands separators.
//! When both `,` and `.` appear, the last is the decimal separator
//! (`1,234.50`, `1.234,50`). A lone comma is a thousands separator when
//! exactly three digits follow it, else a decimal comma (`12,5`).

use crate::day::Day;
use serde::{Deserialize, Serialize};

/// Why a cell could not be read; shown to the user with line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueError {
    Empty,
    NotADate,
    ImpossibleDate,
    NotANumber,
    /// A non-empty cell beyond the last header: usually a separator inside
    /// an unquoted value, such as `1,200.00` in a comma-separated file.
    ExtraCell,
    /// A year-last date in a file whose day/month order is not known.
    NoDateOrder,
    /// Not a whole, non-negative number where a count is expected.
    NotACount,
    /// A real date outside `YEARS`: a placeholder such as 9999-12-31.
    DateOutOfRange,
    /// A number beyond `MAX_AMOUNT`: no transaction is that large, and sums
    /// of such numbers would overflow to infinity.
    OutOfRange,
}

/// The order of day and month in year-last dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/04/2024 is 3 April (most of the world, and many Chinese exports of foreign systems).
    Dmy,
    /// 03/04/2024 is March 4 (the United States).
    Mdy,
}

impl DateOrder {
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" | "d/m/y" => Some(DateOrder::Dmy),
            "mdy" | "m/d/y" => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

/// What a date column says about its day/month order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateEvidence {
    /// Dates whose first part is above 12: day first.
    pub day_first: u64,
    /// Dates whose second part is above 12: month first.
    pub month_first: u64,
    pub ambiguous: u64,
    /// The first year-last date seen, with its line.
    pub example: Option<(u64, String)>,
}

impl DateEvidence {
    /// Notes one cell; returns false when it is not a year-last date.
    pub fn observe(&mut self, line: u64, cell: &str) -> bool {
        let Some((a, b, _)) = strip_time(cell.trim()).and_then(year_last) else {
            return false;
        };
        match (a > 12, b > 12) {
            (true, false) => self.day_first += 1,
            (false, true) => self.month_first += 1,
            _ => self.ambiguous += 1,
        }
        if self.example.is_none() {
            self.example = Some((line, cell.trim().to_string()));
        }
        true
    }

    /// The order the evidence shows, the majority when it is mixed (the
    /// minority's dates are then rejected as impossible); `None` when every
    /// date could be either.
    pub fn decide(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (0, 0) => None,
            (d, m) if d >= m => Some(DateOrder::Dmy),
            _ => Some(DateOrder::Mdy),
        }
    }
}

impl ValueError {
    pub fn describe(&self, value: &str, what: &str) -> String {
        match self {
            ValueError::Empty => format!("empty {what}"),
            ValueError::NotADate => {
                format!("\"{}\" is not a date (expected e.g. 2024-03-31, 2024/3/31 or 20240331)", clip(value))
            }
            ValueError::ImpossibleDate => format!("\"{}\" is not a real calendar date", clip(value)),
            ValueError::NotANumber => {
                format!("\"{}\" is not an amount (expected e.g. 1234.50, ¥1,234.50 or (12.00))", clip(value))
            }
            ValueError::DateOutOfRange => format!(
                "\"{}\" is outside the years 1900 to 2199: a placeholder date?",
                clip(value)
            ),
            ValueError::OutOfRange => format!(
                "\"{}\" is beyond the largest amount Tierlens accepts (10^15)",
                clip(value)
            ),
            ValueError::NotACount => format!("\"{}\" is not a count (expected a whole number such as 12)", clip(value)),
            ValueError::NoDateOrder => format!(
                "\"{}\" puts the year last, but the file's other dates do not tell whether day or month comes first",
                clip(value)
            ),
            ValueError::ExtraCell => format!(
                "extra cell \"{}\" beyond the last header: is a separator inside an unquoted value, such as 1,200.00?",
                clip(value)
            ),
        }
    }
}

/// Long cells are cut in messages so that one bad cell cannot flood a report.
pub fn clip(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Excel serials between 1950-01-01 and 2100-12-31 are taken as dates.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 18_264.0..=73_415.0;
/// Excel's serial 0 is 1899-12-30 (its 1900 leap-year bug folded in).
const EXCEL_EPOCH: i32 = -25_569;

pub fn parse_date(cell: &str, order: Option<DateOrder>) -> Result<Day, ValueError> {
    let text = cell.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    if let Some(ymd) = iso_ymd(text) {
        return day_of(ymd);
    }
    let date_part = strip_time(text).ok_or(ValueError::NotADate)?;
    if let Some(day) = parse_excel_serial(date_part) {
        return Ok(day);
    }
    day_of(other_ymd(date_part, order)?)
}

/// The day of a year, month and day, if it exists and is in `YEARS`.
fn day_of((y, m, d): (i32, u32, u32)) -> Result<Day, ValueError> {
    if !YEARS.contains(&y) {
        return Err(ValueError::DateOutOfRange);
    }
    Day::from_ymd(y, m, d).ok_or(ValueError::ImpossibleDate)
}

/// Year, month and day of the year-first and year-last layouts.
fn other_ymd(date_part: &str, order: Option<DateOrder>) -> Result<(i32, u32, u32), ValueError> {
    if let Some(ymd) = split_ymd(date_part) {
        return Ok(ymd);
    }
    match (year_last(date_part), order) {
        (Some((a, b, y)), Some(DateOrder::Dmy)) => Ok((y, b, a)),
        (Some((a, b, y)), Some(DateOrder::Mdy)) => Ok((y, a, b)),
        (Some(_), None) => Err(ValueError::NoDateOrder),
        (None, _) => Err(ValueError::NotADate),
    }
}

/// `YYYY-MM-DD` read without splitting or allocating: most exports write
/// dates so, and a large file has millions of them.
fn iso_ymd(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    Some((digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
}

/// Years a transaction can have. ERPs write 9999-12-31 or 1900-01-00 for
/// "never"; taking those as purchases would move the as-of date by millennia.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Returns the date part of `text`, checking that any time part is a time.
fn strip_time(text: &str) -> Option<&str> {
    let cut = text.find([' ', 'T']);
    let Some(at) = cut else { return Some(text) };
    let (date, rest) = text.split_at(at);
    let time = rest[1..].trim();
    is_time(time).then_some(date)
}

fn is_time(time: &str) -> bool {
    let time = time.trim_end_matches('Z');
    let clock = time.split(['+', '.']).next().unwrap_or("");
    let parts: Vec<&str> = clock.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_excel_serial(text: &str) -> Option<Day> {
    if text.len() == 8 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let serial: f64 = text.parse().ok()?;
    SERIAL_RANGE
        .contains(&serial)
        .then(|| Day(EXCEL_EPOCH + serial.floor() as i32))
}

/// Year, month and day from the supported year-first layouts.
fn split_ymd(text: &str) -> Option<(i32, u32, u32)> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            text[0..4].parse().ok()?,
            text[4..6].parse().ok()?,
            text[6..8].parse().ok()?,
        ));
    }
    let text = text.strip_suffix('日').unwrap_or(text);
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let all_digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !all_digits(y, 4..=4) || !all_digits(m, 1..=2) || !all_digits(d, 1..=2) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// The two leading parts and the year of `D/M/YYYY`, `M-D-YYYY`, `D.M.YYYY`.
fn year_last(text: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
    };
    if !digits(a, 1..=2) || !digits(b, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

/// A margin as a fraction of revenue: `25%`, `0.25` and `25` all give 0.25
/// (a bare number above 1 can only be a percentage).
pub fn parse_margin(cell: &str) -> Result<f64, ValueError> {
    let text = cell.trim();
    let (number, percent) = match text.strip_suffix(['%', '％']) {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let value = parse_amount(number)?;
    Ok(if percent || value.abs() > 1.0 {
        value / 100.0
    } else {
        value
    })
}

/// A count such as a number of orders: a whole number, 0 or more.
pub fn parse_count(cell: &str) -> Result<u32, ValueError> {
    let value = parse_amount(cell).map_err(|e| {
        if e == ValueError::Empty {
            e
        } else {
            ValueError::NotACount
        }
    })?;
    if value >= 0.0 && value.fract() == 0.0 && value <= u32::MAX as f64 {
        Ok(value as u32)
    } else {
        Err(ValueError::NotACount)
    }
}

/// Currency words and signs that may surround an amount.
const CURRENCY: &[&str] = &[
    "CNY", "RMB", "USD", "EUR", "GBP", "HKD", "JPY", "US$", "HK$", "元", "¥", "￥", "$", "€", "£",
];

pub fn parse_amount(cell: &str) -> Result<f64, ValueError> {
    let mut text = cell.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    // Fast path: most cells are plain numbers.
    if let Ok(value) = text.parse::<f64>() {
        return finite(value);
    }
    let mut negative = false;
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        text = inner.trim();
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(word) = CURRENCY.iter().find(|w| rest.starts_with(*w)) {
            rest = &rest[word.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if !c.is_whitespace() && c != '\'' {
            cleaned.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if let Some(inner) = cleaned.strip_suffix('-') {
        // SAP writes negatives with a trailing minus: "1234.50-".
        negative = !negative;
        cleaned = inner.to_string();
    }
    let value = parse_grouped(&cleaned).ok_or(ValueError::NotANumber)?;
    finite(if negative { -value } else { value })
}

/// Parses a number that may use commas as thousands or decimal separators.
fn parse_grouped(text: &str) -> Option<f64> {
    let sign_free = text.trim_start_matches(['+', '-']);
    if sign_free.is_empty()
        || !sign_free
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let plain: String = if let (Some(comma), Some(dot)) = (text.rfind(','), text.rfind('.')) {
        // Both present: the last one is the decimal separator.
        if comma > dot {
            text.replace('.', "").replace(',', ".")
        } else {
            text.replace(',', "")
        }
    } else if let Some(comma) = text.rfind(',') {
        let decimals = &text[comma + 1..];
        if decimals.len() == 3 {
            text.replace(',', "")
        } else if text.matches(',').count() == 1 {
            text.replace(',', ".")
        } else {
            return None;
        }
    } else {
        text.to_string()
    };
    plain.parse().ok()
}

/// The largest amount accepted. Far above any real transaction, and small
/// enough that sums over billions of rows stay finite and exact to the cent.
pub const MAX_AMOUNT: f64 = 1e15;

fn finite(value: f64) -> Result<f64, ValueError> {
    if !value.is_finite() {
        Err(ValueError::NotANumber)
    } else if value.abs() > MAX_AMOUNT {
        Err(ValueError::OutOfRange)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn year_first_layouts() {
        let expected = day(1997, 1, 1);
        for text in [
            "1997-01-01",
            "1997/1/1",
            "1997.01.01",
            "19970101",
            "1997年1月1日",
            " 1997-1-1 ",
        ] {
            assert_eq!(parse_date(text, None), Ok(expected), "{text}");
        }
    }

    #[test]
    fn times_are_ignored_but_checked() {
        let expected = day(2024, 3, 31);
        for text in [
            "2024-03-31 14:05",
            "2024-03-31 14:05:59",
            "2024-03-31T14:05:59Z",
            "2024/3/31 9:05:00.123",
        ] {
            assert_eq!(parse_date(text, None), Ok(expected), "{text}");
        }
        assert_eq!(
            parse_date("2024-03-31 lunch", None),
            Err(ValueError::NotADate)
        );
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse_date("45382", None), Ok(day(2024, 3, 31)));
        assert_eq!(parse_date("35431.5", None), Ok(day(1997, 1, 1)));
        assert_eq!(parse_date("12", None), Err(ValueError::NotADate));
    }

    #[test]
    fn year_last_dates_follow_the_order() {
        assert_eq!(
            parse_date("03/04/2024", Some(DateOrder::Dmy)),
            Ok(day(2024, 4, 3))
        );
        assert_eq!(
            parse_date("03/04/2024", Some(DateOrder::Mdy)),
            Ok(day(2024, 3, 4))
        );
        assert_eq!(
            parse_date("31.12.2024 23:59", Some(DateOrder::Dmy)),
            Ok(day(2024, 12, 31))
        );
        assert_eq!(
            parse_date("31/12/2024", Some(DateOrder::Mdy)),
            Err(ValueError::ImpossibleDate)
        );
        assert_eq!(parse_date("03/04/2024", None), Err(ValueError::NoDateOrder));
        assert_eq!(
            parse_date("2024-03-04", Some(DateOrder::Mdy)),
            Ok(day(2024, 3, 4)),
            "year-first is never reordered"
        );
    }

    #[test]
    fn evidence_decides_the_order() {
        let mut e = DateEvidence::default();
        assert!(!e.observe(2, "2024-01-05"));
        for (line, cell) in [(2, "01/02/2024"), (3, "13/02/2024"), (4, "05/06/2024")] {
            assert!(e.observe(line, cell));
        }
        assert_eq!((e.day_first, e.month_first, e.ambiguous), (1, 0, 2));
        assert_eq!(e.decide(), Some(DateOrder::Dmy));
        assert_eq!(e.example, Some((2, "01/02/2024".into())));
        let mut us = DateEvidence::default();
        us.observe(2, "12/25/2024");
        us.observe(3, "12/26/2024");
        us.observe(4, "13/01/2024");
        assert_eq!(us.decide(), Some(DateOrder::Mdy), "the majority wins");
        let mut unknown = DateEvidence::default();
        unknown.observe(2, "01/02/2024");
        assert_eq!(unknown.decide(), None);
    }

    #[test]
    fn placeholder_years_are_rejected() {
        assert_eq!(
            parse_date("9999-12-31", None),
            Err(ValueError::DateOutOfRange)
        );
        assert_eq!(
            parse_date("0001-01-01", None),
            Err(ValueError::DateOutOfRange)
        );
        assert_eq!(parse_date("1900-01-01", None), Ok(day(1900, 1, 1)));
    }

    #[test]
    fn bad_dates() {
        assert_eq!(parse_date("", None), Err(ValueError::Empty));
        assert_eq!(parse_date("yesterday", None), Err(ValueError::NotADate));
        assert_eq!(
            parse_date("2023-02-29", None),
            Err(ValueError::ImpossibleDate)
        );
        assert_eq!(
            parse_date("20231345", None),
            Err(ValueError::ImpossibleDate)
        );
        assert_eq!(parse_date("97-1-1", None), Err(ValueError::NotADate));
    }

    #[test]
    fn amounts_in_the_forms_exports_use() {
        let cases = [
            ("29.33", 29.33),
            ("-12", -12.0),
            ("¥1,234.50", 1234.5),
            ("￥ 1 234.50", 1234.5),
            ("$1,234,567", 1_234_567.0),
            ("(12.00)", -12.0),
            ("CNY 88", 88.0),
            ("88元", 88.0),
            ("1234.50-", -1234.5),
            ("12,5", 12.5),
            ("1.234,50", 1234.5),
            ("+7", 7.0),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_amount(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn margins() {
        for text in ["25%", "25 %", "0.25", "25", "25％"] {
            assert_eq!(parse_margin(text), Ok(0.25), "{text}");
        }
        assert_eq!(parse_margin("-5%"), Ok(-0.05));
        assert_eq!(parse_margin("high"), Err(ValueError::NotANumber));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("12"), Ok(12));
        assert_eq!(parse_count("1,200"), Ok(1200));
        assert_eq!(parse_count("2.5"), Err(ValueError::NotACount));
        assert_eq!(parse_count("-1"), Err(ValueError::NotACount));
        assert_eq!(parse_count("many"), Err(ValueError::NotACount));
        assert_eq!(parse_count(""), Err(ValueError::Empty));
    }

    #[test]
    fn bad_amounts() {
        assert_eq!(parse_amount("1e308"), Err(ValueError::OutOfRange));
        assert_eq!(parse_amount("-2e15"), Err(ValueError::OutOfRange));
        assert_eq!(parse_amount("999999999999999"), Ok(999_999_999_999_999.0));
        for text in ["abc", "1,2,3", "--", "¥", "NaN", "inf", "1e999", "12.3.4x"] {
            assert!(parse_amount(text).is_err(), "{text}");
        }
        assert_eq!(parse_amount("  "), Err(ValueError::Empty));
    }

    #[test]
    fn messages_clip_long_values() {
        let long = "x".repeat(500);
        let text = ValueError::NotANumber.describe(&long, "amount");
        assert!(text.len() < 150, "{text}");
    }
}
