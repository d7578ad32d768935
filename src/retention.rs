//! Retention: cohorts by first purchase, and the repeat and churn rates.
//!
//! Customers are grouped by the month (or quarter) of their first purchase.
//! For each cohort and each later period, the share of the cohort that
//! bought in that period is one cell of the heat map (offset 0 is 100% by
//! construction). The repeat rate of a period is the share of the customers
//! who bought in it that bought again in the next one; churn is its
//! complement. Averaged over all periods, weighted by customers, it gives
//! the average lifetime a constant churn implies: 1 / churn periods (the
//! geometric lifetime of Berger & Nasr 1998).
//!
//! Only complete periods count: the period of the as-of date is used only
//! when the as-of date is its last day, so a half-finished month does not
//! look like churn. At most `MAX_COHORTS` recent cohorts are listed. A
//! customer summary gives them only with its `active_periods` column
//! (`summary`); without it `available` is false.

use crate::base::Base;
use crate::customers::Customers;
use crate::day::Day;
use crate::settings::{self, Field, SettingsError};
use crate::summary::{self, Model};
use serde::{Deserialize, Serialize};

pub const MAX_COHORTS: usize = 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Month,
    Quarter,
}

impl Period {
    /// `month` or `quarter`.
    pub fn parse(text: &str) -> Result<Period, SettingsError> {
        settings::one_of(
            Field::Cohort,
            text,
            &[("month", Period::Month), ("quarter", Period::Quarter)],
        )
    }

    /// The period's index: months or quarters since year 0.
    pub fn index(self, day: Day) -> i32 {
        let months = day.year() * 12 + day.month() as i32 - 1;
        match self {
            Period::Month => months,
            Period::Quarter => months.div_euclid(3),
        }
    }

    pub fn label(self, index: i32) -> String {
        match self {
            Period::Month => format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1),
            Period::Quarter => format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1),
        }
    }

    /// Whether `day` is the last day of its period.
    fn ends_on(self, day: Day) -> bool {
        self.index(Day(day.0 + 1)) != self.index(day)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub label: String,
    pub customers: usize,
    /// Share of the cohort buying in each period from its first on.
    pub shares: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub label: String,
    /// Customers who bought in the period, and of them in the next.
    pub active: usize,
    pub retained: usize,
    pub rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    pub period: Period,
    pub available: bool,
    pub cohorts: Vec<Cohort>,
    pub rates: Vec<Rate>,
    pub average_repeat_rate: f64,
    pub average_churn_rate: f64,
    /// 1 / churn, in periods; `None` when nobody churned.
    pub expected_lifetime_periods: Option<f64>,
}

/// The retention section: cohorts by `period` of the first purchase.
pub fn section(base: &Base<'_>, period: Period) -> Retention {
    let months = (base.customers.model.as_ref()).is_some_and(|m| m.has(&summary::COHORT_COLUMNS));
    retention(base.customers, base.as_of, period, base.log || months)
}

/// Cohorts and rates from the customers' purchase days.
pub fn retention(customers: &Customers, as_of: Day, period: Period, available: bool) -> Retention {
    let last = period.index(as_of) - i32::from(!period.ends_on(as_of));
    let periods: Vec<Vec<i32>> = if available {
        (0..customers.len())
            .map(|c| periods_of(customers, c, period, last))
            .collect()
    } else {
        Vec::new()
    };
    let rates = rates(&periods, period, last);
    let (active, retained) = rates
        .iter()
        .fold((0, 0), |(a, r), x| (a + x.active, r + x.retained));
    let repeat = if active > 0 {
        retained as f64 / active as f64
    } else {
        0.0
    };
    let churn = if active > 0 { 1.0 - repeat } else { 0.0 };
    Retention {
        period,
        available,
        cohorts: cohorts(&periods, period, last),
        rates,
        average_repeat_rate: repeat,
        average_churn_rate: churn,
        expected_lifetime_periods: (churn > 0.0).then(|| 1.0 / churn),
    }
}

/// The distinct periods, up to `last`, in which customer `c` bought.
fn periods_of(customers: &Customers, c: usize, period: Period, last: i32) -> Vec<i32> {
    if let Some(model) = &customers.model {
        return summary_periods(customers, model, c, period, last);
    }
    let mut out: Vec<i32> = customers
        .purchases(c)
        .0
        .iter()
        .map(|&d| period.index(d))
        .filter(|&p| p <= last)
        .collect();
    out.dedup();
    out
}

/// The same from a richer summary: the first purchase's month and the
/// months after it that `active_periods` lists.
fn summary_periods(
    customers: &Customers,
    model: &Model,
    c: usize,
    period: Period,
    last: i32,
) -> Vec<i32> {
    let customer = &customers.list[c];
    if customer.purchase_days == 0 {
        return Vec::new();
    }
    let first = Period::Month.index(customer.first);
    let months = std::iter::once(0).chain(model.active_months(c));
    let mut out: Vec<i32> = months
        .map(|m| first + m as i32)
        .map(|m| match period {
            Period::Month => m,
            Period::Quarter => m.div_euclid(3),
        })
        .filter(|&p| p <= last)
        .collect();
    out.dedup();
    out
}

fn cohorts(periods: &[Vec<i32>], period: Period, last: i32) -> Vec<Cohort> {
    let first = periods
        .iter()
        .filter_map(|p| p.first().copied())
        .min()
        .unwrap_or(last + 1);
    let start = first.max(last + 1 - MAX_COHORTS as i32);
    let width = (last - start + 1).max(0) as usize;
    let mut counts = vec![vec![0usize; width]; width];
    let mut sizes = vec![0usize; width];
    for p in periods
        .iter()
        .filter(|p| p.first().is_some_and(|&f| f >= start))
    {
        let cohort = (p[0] - start) as usize;
        sizes[cohort] += 1;
        for &q in p {
            counts[cohort][(q - p[0]) as usize] += 1;
        }
    }
    (0..width)
        .filter(|&c| sizes[c] > 0)
        .map(|c| Cohort {
            label: period.label(start + c as i32),
            customers: sizes[c],
            shares: counts[c][..width - c]
                .iter()
                .map(|&n| n as f64 / sizes[c] as f64)
                .collect(),
        })
        .collect()
}

fn rates(periods: &[Vec<i32>], period: Period, last: i32) -> Vec<Rate> {
    let first = periods
        .iter()
        .filter_map(|p| p.first().copied())
        .min()
        .unwrap_or(last);
    let width = (last - first).max(0) as usize;
    let mut active = vec![0usize; width];
    let mut retained = vec![0usize; width];
    for p in periods {
        for (i, &q) in p.iter().enumerate() {
            if q < last {
                active[(q - first) as usize] += 1;
                if p.get(i + 1) == Some(&(q + 1)) {
                    retained[(q - first) as usize] += 1;
                }
            }
        }
    }
    (0..width)
        .map(|i| Rate {
            label: period.label(first + i as i32),
            active: active[i],
            retained: retained[i],
            rate: if active[i] > 0 {
                retained[i] as f64 / active[i] as f64
            } else {
                0.0
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{map, read, table};

    fn day(text: &str) -> Day {
        Day::parse_iso(text).unwrap()
    }

    fn customers(csv: &str) -> Customers {
        let mut rows = read::Records::open(csv, b',').unwrap();
        let columns = map::map_columns(&rows.headers.clone(), &[]).unwrap();
        let t = table::build(&mut rows, &columns, &Default::default(), &mut |_| {}).unwrap();
        crate::customers::aggregate(&t)
    }

    #[test]
    fn cohorts_and_rates_on_a_tiny_log() {
        // A: Jan, Feb, Mar. B: Jan, Mar. C: Feb. As of 31 March (complete).
        let c = customers("customer_id,date,amount\nA,2024-01-05,1\nA,2024-02-05,1\nA,2024-03-05,1\nB,2024-01-20,1\nB,2024-03-20,1\nC,2024-02-10,1\nC,2024-03-31,0\n");
        assert_eq!(c.len(), 3);
        let r = retention(&c, day("2024-03-31"), Period::Month, true);
        let cohorts: Vec<(&str, usize, Vec<f64>)> = r
            .cohorts
            .iter()
            .map(|c| (c.label.as_str(), c.customers, c.shares.clone()))
            .collect();
        assert_eq!(
            cohorts,
            [
                ("2024-01", 2, vec![1.0, 0.5, 1.0]),
                ("2024-02", 1, vec![1.0, 1.0])
            ]
        );
        // Jan: A, B bought; A again in Feb. Feb: A, C; A and C in Mar.
        let rates: Vec<(usize, usize)> = r.rates.iter().map(|x| (x.active, x.retained)).collect();
        assert_eq!(rates, [(2, 1), (2, 2)]);
        assert_eq!(r.average_repeat_rate, 0.75);
        assert_eq!(r.expected_lifetime_periods, Some(4.0));
        // As of 30 March, March is incomplete: one period less.
        let partial = retention(&c, day("2024-03-30"), Period::Month, true);
        assert_eq!(partial.rates.len(), 1);
        assert_eq!(partial.cohorts[0].shares, [1.0, 0.5]);
    }

    #[test]
    fn quarters_and_labels() {
        assert_eq!(
            Period::Quarter.label(Period::Quarter.index(day("2024-05-31"))),
            "2024-Q2"
        );
        assert_eq!(
            Period::Month.label(Period::Month.index(day("2023-12-01"))),
            "2023-12"
        );
        assert!(Period::Quarter.ends_on(day("2024-06-30")));
        assert!(!Period::Quarter.ends_on(day("2024-06-29")));
    }

    #[test]
    fn no_log_or_no_customers_is_defined() {
        let empty = Customers::default();
        let r = retention(&empty, day("2024-03-31"), Period::Month, true);
        assert!(r.cohorts.is_empty() && r.rates.is_empty());
        assert_eq!(
            (r.average_repeat_rate, r.expected_lifetime_periods),
            (0.0, None)
        );
    }
}
