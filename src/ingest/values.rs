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
    /// Bytes that are not UTF-8 in a UTF-8 file, read as U+FFFD: the cell
    /// is not what the file meant (two ids damaged alike would merge).
    BadBytes,
    /// A summary row's first purchase after its last.
    FirstAfterLast,
    /// A richer summary's cell that its row's other columns rule out
    /// (more calibration orders than orders, a date after the last purchase).
    Contradicts,
    /// `active_periods` that is not a list of month offsets and runs.
    NotMonths,
    /// A second row for a customer in a richer summary.
    RepeatedCustomer,
    /// A summary's as-of date, calibration end or window unlike the first row's.
    ParameterDiffers,
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
            ValueError::BadBytes => format!(
                "\"{}\" holds bytes that are not UTF-8 (shown as \u{FFFD}): the field was cut or damaged; correct the row, or pass --encoding if the file is not UTF-8",
                clip(value)
            ),
            ValueError::FirstAfterLast => format!(
                "the first purchase \"{}\" is after the row's last purchase: are the two columns swapped?",
                clip(value)
            ),
            ValueError::Contradicts => format!(
                "\"{}\" contradicts the row's other purchase columns (orders, first and last purchase, calibration end): was the summary made by docs/sql?",
                clip(value)
            ),
            ValueError::NotMonths => format!(
                "\"{}\" is not a list of months after the first (expected ascending offsets and runs such as 1-3,5,9-12)",
                clip(value)
            ),
            ValueError::RepeatedCustomer => format!(
                "customer \"{}\" already has a row: a summary with model columns has one row per customer",
                clip(value)
            ),
            ValueError::ParameterDiffers => format!(
                "\"{}\" differs from the first row's: as_of, calibration_end and window_days are one value for the whole summary",
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
/// Control characters are shown as escapes (`\n`, `\x1b`): a message
/// stays one line and cannot drive a terminal.
pub fn clip(value: &str) -> String {
    const MAX: usize = 40;
    let clipped = if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head}…")
    };
    crate::printable::printable(&clipped).into_owned()
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

/// A time of day as exports write it after the date: `14:22`,
/// `14:22:10.123`, `2:22:10 PM`, `下午 2:22:10`, each optionally followed
/// by its offset (`Z`, `+0800`, `-05:00`, `UTC`, `GMT+8`). The day is the
/// date as written: the day in the file's own offset.
fn is_time(time: &str) -> bool {
    let mut rest = time.trim();
    for meridiem in ["上午", "下午"] {
        if let Some(after) = rest.strip_prefix(meridiem) {
            rest = after.trim_start();
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, tail) = rest.split_at(end);
    is_clock(clock) && is_offset(strip_meridiem(tail.trim()).trim())
}

fn is_clock(clock: &str) -> bool {
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    (2..=3).contains(&parts.len())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

fn strip_meridiem(tail: &str) -> &str {
    for mark in ["AM", "PM", "am", "pm", "a.m.", "p.m.", "A.M.", "P.M."] {
        if let Some(rest) = tail.strip_prefix(mark) {
            return rest;
        }
    }
    tail
}

/// `""`, `Z`, `UTC`, `GMT`, or a signed offset of hours and minutes,
/// optionally after `UTC`/`GMT` (`+0800`, `-05:00`, `GMT+8`).
fn is_offset(tail: &str) -> bool {
    let tail = tail.trim_start_matches('(').trim_end_matches(')');
    let signed = ["UTC", "GMT"]
        .iter()
        .find_map(|zone| tail.strip_prefix(zone))
        .unwrap_or(tail);
    if tail == "Z" || signed.is_empty() {
        return true;
    }
    let Some(digits) = signed.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits = digits.replacen(':', "", 1);
    (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

fn parse_excel_serial(text: &str) -> Option<Day> {
    if text.len() == 8 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    serial_day(text.parse().ok()?)
}

/// The day of an Excel serial (1900 system), if it is in `SERIAL_RANGE`:
/// the one range check of serials, in a text cell or a workbook's date.
pub fn serial_day(serial: f64) -> Option<Day> {
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

/// An amount read the way `parse_amount` guesses: a lone `.` or `,` is
/// read by the digits after it. Files use `parse_amount_in` with the
/// style `NumberEvidence` decided for their whole column.
pub fn parse_amount(cell: &str) -> Result<f64, ValueError> {
    parse_amount_in(cell, None)
}

/// An amount in a file whose decimal separator is `style` (`None`: guess
/// per cell). Accounting forms are read too: ` $(120.00) ` is −120, a
/// dash alone after a currency sign (` $-   `, `￥-`) is zero, and the
/// full-width and typographic minus signs are minus signs.
pub fn parse_amount_in(cell: &str, style: Option<NumberStyle>) -> Result<f64, ValueError> {
    let mut text = cell.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    // Fast path: most cells are plain numbers. In a decimal-comma file a
    // dot groups thousands, so "12.500" is not 12.5 there.
    if style != Some(NumberStyle::Comma) || !text.contains('.') {
        if let Ok(value) = text.parse::<f64>() {
            return finite(value);
        }
    }
    let mut negative = false;
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        text = inner.trim();
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut rest = text;
    let mut currency = false;
    while !rest.is_empty() {
        if let Some(word) = CURRENCY.iter().find(|w| rest.starts_with(*w)) {
            rest = &rest[word.len()..];
            currency = true;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '－' | '−' => cleaned.push('-'),
            c if c.is_whitespace() || c == '\'' => {
                // Between digits a space or an apostrophe groups thousands
                // ("1 234,56", "1'234.50"): three digits must follow, or
                // "5 5" (two cells run together?) would read as 55.
                let after = rest[c.len_utf8()..].trim_start();
                if cleaned.ends_with(|p: char| p.is_ascii_digit())
                    && after.starts_with(|n: char| n.is_ascii_digit())
                    && after.bytes().take_while(u8::is_ascii_digit).count() != 3
                {
                    return Err(ValueError::NotANumber);
                }
            }
            c => cleaned.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    if let Some(inner) = cleaned.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        // "$(120.00)": the parentheses inside a currency sign.
        negative = !negative;
        cleaned = inner.to_string();
    }
    if currency && cleaned == "-" {
        // Excel's accounting format writes zero as a lone dash.
        return Ok(0.0);
    }
    if let Some(inner) = cleaned.strip_suffix('-') {
        // SAP writes negatives with a trailing minus: "1234.50-".
        negative = !negative;
        cleaned = inner.to_string();
    }
    let value = parse_grouped(&cleaned, style).ok_or(ValueError::NotANumber)?;
    finite(if negative { -value } else { value })
}

/// Parses a number that may use commas or dots as thousands or decimal
/// separators, by `style` or, without one, by the digits after them.
fn parse_grouped(text: &str, style: Option<NumberStyle>) -> Option<f64> {
    let sign_free = text.trim_start_matches(['+', '-']);
    if sign_free.is_empty()
        || !sign_free
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let plain: String = match style {
        Some(NumberStyle::Point) => grouped_by(text, ',', '.')?,
        Some(NumberStyle::Comma) => grouped_by(text, '.', ',')?,
        None => guess_grouped(text)?,
    };
    plain.parse().ok()
}

/// `text` with `group` separators removed and `decimal` made a dot; `None`
/// when the separators contradict the style (two decimal marks, or a group
/// mark after the decimal one).
fn grouped_by(text: &str, group: char, decimal: char) -> Option<String> {
    if text.matches(decimal).count() > 1 {
        return None;
    }
    if let (Some(g), Some(d)) = (text.rfind(group), text.find(decimal)) {
        if g > d {
            return None;
        }
    }
    let whole = text.split(decimal).next().unwrap_or("");
    let groups: Vec<&str> = whole.split(group).collect();
    if groups.len() > 1 && !well_grouped(&groups) {
        return None;
    }
    Some(text.replace(group, "").replace(decimal, "."))
}

/// Thousands groups as people write them: 1 to 3 digits, then groups of
/// three (or of two before the last, as in India's 1,23,45,678).
fn well_grouped(groups: &[&str]) -> bool {
    let digits = |g: &str| g.trim_start_matches(['+', '-']).len();
    let last = groups.len() - 1;
    groups.iter().enumerate().all(|(i, g)| match i {
        0 => (1..=3).contains(&digits(g)),
        i if i == last => g.len() == 3,
        _ => (2..=3).contains(&g.len()),
    })
}

/// The per-cell guess: when both separators appear the last is the
/// decimal one; a lone comma is a thousands separator when exactly three
/// digits follow it, else a decimal comma.
fn guess_grouped(text: &str) -> Option<String> {
    Some(
        if let (Some(comma), Some(dot)) = (text.rfind(','), text.rfind('.')) {
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
        },
    )
}

/// Which mark separates the decimals in a file's amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberStyle {
    /// `1,234.56`: most of Asia and the English-speaking world.
    Point,
    /// `1.234,56`: most of continental Europe and Latin America.
    Comma,
}

impl NumberStyle {
    pub fn parse(text: &str) -> Option<NumberStyle> {
        match text.trim().to_ascii_lowercase().as_str() {
            "point" | "dot" | "." => Some(NumberStyle::Point),
            "comma" | "," => Some(NumberStyle::Comma),
            _ => None,
        }
    }
}

/// What a file's amount cells say about their decimal mark, as
/// `DateEvidence` does for day and month: `1.234,56` and `12,5` can only be
/// decimal commas, `1,234.56`, `12.5` and `1,234,567` only decimal points;
/// `12.500` and `1,234` could be either.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumberEvidence {
    pub point: u64,
    pub comma: u64,
    pub ambiguous: u64,
    /// The first cell that could be read either way, with its line.
    pub example: Option<(u64, String)>,
}

impl NumberEvidence {
    pub fn observe(&mut self, line: u64, cell: &str) {
        match separator_vote(cell.trim()) {
            Some(Some(NumberStyle::Point)) => self.point += 1,
            Some(Some(NumberStyle::Comma)) => self.comma += 1,
            Some(None) => {
                self.ambiguous += 1;
                if self.example.is_none() {
                    self.example = Some((line, cell.trim().to_string()));
                }
            }
            None => {}
        }
    }

    /// Enough seen to stop looking: many votes one way and none the other.
    pub fn settled(&self) -> bool {
        (self.point >= 500 && self.comma == 0) || (self.comma >= 500 && self.point == 0)
    }

    /// The style the votes show (the majority when mixed); `None` when no
    /// cell decides and some could be read either way.
    pub fn decide(&self) -> Result<Option<NumberStyle>, (u64, String)> {
        match (self.point, self.comma) {
            (0, 0) => match &self.example {
                Some(example) => Err(example.clone()),
                None => Ok(None),
            },
            (p, c) if p >= c => Ok(Some(NumberStyle::Point)),
            _ => Ok(Some(NumberStyle::Comma)),
        }
    }
}

/// `None`: no separator; `Some(None)`: one that could be either.
fn separator_vote(text: &str) -> Option<Option<NumberStyle>> {
    let digits_after = |at: usize| {
        text[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
    };
    match (text.rfind(','), text.rfind('.')) {
        (Some(c), Some(d)) => Some(Some(if c > d {
            NumberStyle::Comma
        } else {
            NumberStyle::Point
        })),
        (Some(_), None) if text.matches(',').count() > 1 => Some(Some(NumberStyle::Point)),
        (None, Some(_)) if text.matches('.').count() > 1 => Some(Some(NumberStyle::Comma)),
        (Some(c), None) if digits_after(c) == 3 && !leading_zero(text) => Some(None),
        (None, Some(d)) if digits_after(d) == 3 && !leading_zero(text) => Some(None),
        (Some(_), None) => Some(Some(NumberStyle::Comma)),
        (None, Some(_)) => Some(Some(NumberStyle::Point)),
        (None, None) => None,
    }
}

/// "0,500" or "-0.250": no thousands group starts with a lone zero, so the
/// mark is a decimal one.
fn leading_zero(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    digits.starts_with('0') && digits[1..].starts_with([',', '.'])
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

    #[test]
    fn spaces_group_thousands_only_before_three_digits() {
        assert_eq!(parse_amount("1 234,56"), Ok(1234.56));
        assert_eq!(parse_amount("1'234.50"), Ok(1234.5));
        assert_eq!(parse_amount("12 345 678"), Ok(12_345_678.0));
        assert_eq!(parse_amount("5 5"), Err(ValueError::NotANumber));
        assert_eq!(parse_amount("12 34"), Err(ValueError::NotANumber));
    }

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
        for text in [
            "2024-03-31 14:22:10 +0800",
            "2024-03-31 14:22:10 -0500",
            "2024-03-31T14:22:10-05:00",
            "2024-03-31 14:22 UTC",
            "2024/3/31 下午 2:22:10",
        ] {
            assert_eq!(parse_date(text, None), Ok(expected), "{text}");
        }
        assert_eq!(
            parse_date("3/31/2024 2:22:10 PM", Some(DateOrder::Mdy)),
            Ok(expected)
        );
        assert_eq!(
            parse_date("2024-03-31 14:22 +08x", None),
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
            (" $(120.00) ", -120.0),
            (" $-   ", 0.0),
            ("￥-", 0.0),
            ("－120", -120.0),
            ("−1,200.50", -1200.5),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_amount(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn a_file_style_reads_the_marks_it_says() {
        let comma = Some(NumberStyle::Comma);
        assert_eq!(parse_amount_in("12.500", comma), Ok(12_500.0));
        assert_eq!(parse_amount_in("1.234,56", comma), Ok(1234.56));
        assert_eq!(parse_amount_in("12,5", comma), Ok(12.5));
        assert_eq!(
            parse_amount_in("1,234.56", comma),
            Err(ValueError::NotANumber)
        );
        let point = Some(NumberStyle::Point);
        assert_eq!(parse_amount_in("12.500", point), Ok(12.5));
        assert_eq!(parse_amount_in("1,234", point), Ok(1234.0));
        assert_eq!(
            parse_amount_in("1,234,5", point),
            Err(ValueError::NotANumber)
        );
        assert_eq!(parse_amount_in("1.234.567,5", comma), Ok(1_234_567.5));
        assert_eq!(
            parse_amount_in("1.234,56", point),
            Err(ValueError::NotANumber)
        );
    }

    #[test]
    fn number_evidence_decides_the_mark_or_asks() {
        let mut e = NumberEvidence::default();
        for (line, cell) in [(2, "12.500"), (3, "7"), (4, "1.234,56")] {
            e.observe(line, cell);
        }
        assert_eq!(e.decide(), Ok(Some(NumberStyle::Comma)));
        let mut us = NumberEvidence::default();
        us.observe(2, "1,234");
        us.observe(3, "12.50");
        assert_eq!(us.decide(), Ok(Some(NumberStyle::Point)));
        let mut unsure = NumberEvidence::default();
        unsure.observe(5, "12.500");
        unsure.observe(6, "3");
        assert_eq!(unsure.decide(), Err((5, "12.500".into())));
        let mut zero = NumberEvidence::default();
        zero.observe(2, "0,500");
        assert_eq!(zero.decide(), Ok(Some(NumberStyle::Comma)));
        assert_eq!(NumberEvidence::default().decide(), Ok(None));
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
