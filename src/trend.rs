//! The concentration trend: is the business getting more dependent on its
//! largest accounts?
//!
//! Per calendar quarter (per calendar month when the file spans less than
//! 365 days, so a short file still has a few points), from the quarter of
//! the first purchase to the one of the as-of date: the customers with a
//! purchase (amount ≥ 0) in it, their net revenue in it, and the
//! concentration figures of `concentration.rs` and `pareto.rs` on that
//! revenue: top-1 and top-5 shares, the Herfindahl index, and the top-20%
//! share (the largest ⌈0.2 N⌉). The first and last period may be partial
//! (`complete: false`).
//!
//! **Rising dependency**: over the last four complete quarters, the largest
//! customer's share in the latest is above its share in the first of them
//! (at least four complete quarters needed; never from months).

use crate::base::{share_of, Base};
use crate::concentration;
use crate::day::Day;
use crate::pareto::top_count;
use serde::{Deserialize, Serialize};

/// Files shorter than this (days from first purchase to as-of) go by month.
pub const MONTHLY_BELOW_DAYS: i32 = 365;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// `2024-Q1` or `2024-01`.
    pub period: String,
    pub start: Day,
    pub end: Day,
    /// Whether the whole period lies within the file's dates.
    pub complete: bool,
    pub customers: usize,
    pub revenue: f64,
    pub top1_share: f64,
    pub top5_share: f64,
    pub hhi: f64,
    pub top20_share: f64,
}

/// The first day of the period (quarter or month) holding `day`, and of the next.
fn bounds(day: Day, months: u32) -> (Day, Day) {
    let (y, m) = (day.year(), day.month());
    let first = (m - 1) / months * months + 1;
    let start = Day::from_ymd(y, first, 1).unwrap_or(day);
    let (ny, nm) = match first + months {
        13 => (y + 1, 1),
        n => (y, n),
    };
    (start, Day::from_ymd(ny, nm, 1).unwrap_or(Day(day.0 + 1)))
}

fn label(start: Day, months: u32) -> String {
    match months {
        3 => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
        _ => format!("{}-{:02}", start.year(), start.month()),
    }
}

/// The trend section: empty for a customer summary (no dated rows) or an
/// empty file.
pub fn section(base: &Base<'_>) -> Vec<TrendPoint> {
    if !base.log || base.is_empty() {
        return Vec::new();
    }
    let (first, _) = base.customers.date_range();
    let months = if base.as_of.0 - first.0 < MONTHLY_BELOW_DAYS {
        1
    } else {
        3
    };
    let mut points = Vec::new();
    let mut start = bounds(first, months).0;
    // A guard: dates are bounded, but the loop must end whatever they are.
    while start <= base.as_of && points.len() < 10_000 {
        let (_, next) = bounds(start, months);
        let end = Day(next.0 - 1);
        let complete = start >= first && end <= base.as_of;
        points.push(point(base, start, end, label(start, months), complete));
        start = next;
    }
    points
}

fn point(base: &Base<'_>, start: Day, end: Day, period: String, complete: bool) -> TrendPoint {
    let table = base.table;
    let n = base.len();
    let mut revenue = vec![0.0; n];
    let mut bought = vec![false; n];
    for row in (0..table.len()).filter(|&r| (start..=end).contains(&table.day[r])) {
        let c = table.customer[row] as usize;
        revenue[c] += table.amount[row];
        bought[c] |= table.amount[row] >= 0.0;
    }
    let mut ranked: Vec<f64> = (0..n).filter(|&c| bought[c]).map(|c| revenue[c]).collect();
    ranked.sort_unstable_by(|a, b| b.total_cmp(a));
    let c = concentration::concentration(&ranked, concentration::DEFAULT_THRESHOLD);
    let total: f64 = ranked.iter().sum();
    let top20: f64 = ranked.iter().take(top_count(ranked.len(), 0.2)).sum();
    // Amounts near f64's limit (a hostile file) can overflow a quarter's
    // sum; such a figure is shown as 0, never as NaN or infinity.
    let finite = |v: f64| if v.is_finite() { v + 0.0 } else { 0.0 };
    TrendPoint {
        period,
        start,
        end,
        complete,
        customers: ranked.len(),
        revenue: finite(total),
        top1_share: finite(c.top1_share),
        top5_share: finite(c.top5_share),
        hhi: finite(c.hhi),
        top20_share: finite(share_of(top20, total)),
    }
}

/// Whether the largest customer's share grew over the last four complete
/// quarters: the shares of the first and the last of them, when it did.
pub fn top1_rising(trend: &[TrendPoint]) -> Option<[f64; 2]> {
    let quarters: Vec<&TrendPoint> = trend
        .iter()
        .filter(|p| p.complete && p.period.contains('Q'))
        .collect();
    let last4 = quarters.get(quarters.len().checked_sub(4)?..)?;
    let (from, to) = (last4[0].top1_share, last4[3].top1_share);
    (to > from).then_some([from, to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_months_are_calendar_periods() {
        let d = |y, m, d| Day::from_ymd(y, m, d).unwrap();
        assert_eq!(bounds(d(2024, 5, 17), 3), (d(2024, 4, 1), d(2024, 7, 1)));
        assert_eq!(bounds(d(2024, 12, 31), 3), (d(2024, 10, 1), d(2025, 1, 1)));
        assert_eq!(bounds(d(2024, 12, 31), 1), (d(2024, 12, 1), d(2025, 1, 1)));
        assert_eq!(label(d(2024, 10, 1), 3), "2024-Q4");
        assert_eq!(label(d(2024, 2, 1), 1), "2024-02");
    }

    fn at(period: &str, top1: f64) -> TrendPoint {
        TrendPoint {
            period: period.to_string(),
            start: Day(0),
            end: Day(0),
            complete: true,
            customers: 1,
            revenue: 1.0,
            top1_share: top1,
            top5_share: 1.0,
            hhi: 1.0,
            top20_share: 1.0,
        }
    }

    #[test]
    fn rising_compares_the_first_and_last_of_four_quarters() {
        let q = |shares: &[f64]| -> Vec<TrendPoint> {
            shares.iter().map(|&s| at("2024-Q1", s)).collect()
        };
        assert_eq!(top1_rising(&q(&[0.1, 0.2, 0.1, 0.15])), Some([0.1, 0.15]));
        assert_eq!(
            top1_rising(&q(&[0.5, 0.1, 0.2, 0.1, 0.15])),
            Some([0.1, 0.15])
        );
        assert_eq!(top1_rising(&q(&[0.2, 0.1, 0.1, 0.15])), None);
        assert_eq!(top1_rising(&q(&[0.1, 0.2, 0.3])), None, "three quarters");
        let months: Vec<TrendPoint> = (0..6).map(|i| at("2024-01", i as f64 / 10.0)).collect();
        assert_eq!(top1_rising(&months), None, "months never");
    }
}
