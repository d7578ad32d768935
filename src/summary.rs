//! The richer customer summary: the columns beyond `orders` and `revenue`
//! that let a summary give the log's figures in the sections a plain one
//! cannot (`docs/summary.md` and `docs/sql/` make them in DuckDB or Spark).
//!
//! A *purchase day* is a day with an amount ≥ 0, its value the day's net
//! amount, as `customers` merges a log. With the summary's parameters
//! `as_of`, `calibration_end` and `window_days` (W):
//!
//! | column | what it is | who reads it |
//! |---|---|---|
//! | `repeat_revenue` | value of the purchase days after the first | Gamma-Gamma |
//! | `previous_purchase` | the purchase day before the last | reactivation |
//! | `orders_cal`, `last_purchase_cal`, `repeat_revenue_cal` | the same as `orders`, `last_purchase`, `repeat_revenue`, up to `calibration_end` | the fits with a holdout |
//! | `orders_holdout` | purchase days after `calibration_end` | the holdout |
//! | `revenue_recent`, `revenue_previous` | value in (as_of − W, as_of] and (as_of − 2W, as_of − W] | customer types |
//! | `revenue_last_year` | value in (as_of − 365, as_of] | revenue at risk |
//! | `active_periods` | months after the first purchase's (offset 0) with a purchase day, as `1-3,5` | cohorts |
//!
//! The three parameters are one value on every row. A summary answers only
//! for its own parameters: asked for another as-of date, calibration end
//! or window, a section says which figure needs the SQL run again
//! (`gaps`). What needs each purchase day (the holdout's weekly tracking,
//! regularity, profit per purchase with costs, the key accounts over time
//! and the monthly trend) needs the log.

use crate::clv::data::History;
use crate::customers::Customer;
use crate::day::Day;
use crate::ingest::map::Role;
use serde::{Deserialize, Serialize};

/// One row's model columns (zero or `None` where the file has no column:
/// `Model::present` says which it has).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ModelRow {
    pub repeat_revenue: f64,
    pub previous: Option<Day>,
    pub orders_cal: u32,
    pub last_cal: Option<Day>,
    pub repeat_revenue_cal: f64,
    pub orders_holdout: u32,
    pub recent: f64,
    pub previous_window: f64,
    pub last_year: f64,
    /// `Model::months[from..to]`: the row's active months.
    pub months: (u32, u32),
}

/// The values a summary was made with, the same on every row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    pub as_of: Option<Day>,
    pub calibration_end: Option<Day>,
    pub window_days: Option<u32>,
}

/// A summary's model columns: one row per table row, then (in `Customers`)
/// one per customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The model columns the file has, in `Role::MODEL` order, after
    /// `orders` when it has that too.
    pub present: Vec<Role>,
    pub params: Params,
    pub rows: Vec<ModelRow>,
    /// Runs of active months, `[first, last]` offsets, ascending.
    pub months: Vec<[u16; 2]>,
}

/// The longest run of months a summary may list: a thousand years.
pub const MAX_MONTH: u16 = 12_000;

impl Model {
    pub fn new(present: Vec<Role>) -> Model {
        Model {
            present,
            ..Model::default()
        }
    }

    /// Whether the file has every one of `roles`.
    pub fn has(&self, roles: &[Role]) -> bool {
        roles.iter().all(|r| self.present.contains(r))
    }

    /// The rows at `rows`, in that order (their months copied along).
    pub fn pick(&self, rows: impl Iterator<Item = usize>) -> Model {
        let mut out = Model {
            present: self.present.clone(),
            params: self.params,
            ..Model::default()
        };
        for r in rows {
            let mut row = self.rows[r];
            let (from, to) = row.months;
            let start = out.months.len() as u32;
            out.months
                .extend_from_slice(&self.months[from as usize..to as usize]);
            row.months = (start, out.months.len() as u32);
            out.rows.push(row);
        }
        out
    }

    /// Customer `c`'s active month offsets after the first (ascending).
    pub fn active_months(&self, c: usize) -> impl Iterator<Item = u32> + '_ {
        let (from, to) = self.rows[c].months;
        self.months[from as usize..to as usize]
            .iter()
            .flat_map(|&[a, b]| u32::from(a)..=u32::from(b))
    }

    /// The models' history of customer `c` at `end`: the totals at the
    /// as-of date, the calibration columns at the summary's calibration
    /// end. `None` for a customer with no purchase day by then, or for an
    /// `end` the summary has no columns for (`fits` says so first).
    pub fn history(
        &self,
        c: usize,
        customer: &Customer,
        (end, as_of): (Day, Day),
        period_days: f64,
    ) -> Option<History> {
        let row = &self.rows[c];
        let (orders, last, repeat) = if end == as_of {
            (
                customer.purchase_days,
                Some(customer.last),
                row.repeat_revenue,
            )
        } else if Some(end) == self.params.calibration_end {
            (row.orders_cal, row.last_cal, row.repeat_revenue_cal)
        } else {
            return None;
        };
        let last = last.filter(|_| orders > 0 && customer.first <= end)?;
        let x = f64::from(orders - 1);
        Some(History {
            x,
            t_x: f64::from(last.0 - customer.first.0) / period_days,
            t: f64::from(end.0 - customer.first.0) / period_days,
            mean_spend: if orders > 1 { repeat / x } else { 0.0 },
        })
    }

    /// Whether the models can be fitted at `end` from these columns.
    pub fn fits(&self, end: Day, as_of: Day) -> bool {
        self.has(&CLV_COLUMNS)
            && (end == as_of
                || (self.has(&HOLDOUT_COLUMNS) && self.params.calibration_end == Some(end)))
    }

    /// Spend in the recent and previous windows, when the file has them
    /// for `window_days`.
    pub fn window_spend(&self, c: usize, window_days: u32) -> Option<(f64, f64)> {
        let fits = self.params.window_days == Some(window_days);
        let row = &self.rows[c];
        (fits && self.has(&TYPE_COLUMNS)).then_some((row.recent, row.previous_window))
    }
}

/// Parses `active_periods`: month offsets and runs (`1-3,5,9-12`),
/// ascending, each at least 1; adjacent runs are joined. Empty text is no
/// month after the first.
pub fn parse_months(text: &str) -> Option<Vec<[u16; 2]>> {
    let mut out: Vec<[u16; 2]> = Vec::new();
    for part in text.split(',').map(str::trim) {
        if part.is_empty() && text.trim().is_empty() {
            break;
        }
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (month(a)?, month(b)?),
            None => (month(part)?, month(part)?),
        };
        let after = out.last().map_or(0, |r| r[1]);
        if a > b || a <= after {
            return None;
        }
        match out.last_mut() {
            Some(last) if last[1] + 1 == a => last[1] = b,
            _ => out.push([a, b]),
        }
    }
    Some(out)
}

fn month(text: &str) -> Option<u16> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|m| (1..=MAX_MONTH).contains(m))
}

/// The columns the models read from a summary.
pub const CLV_COLUMNS: [Role; 2] = [Role::Orders, Role::RepeatRevenue];
/// The columns of a holdout.
pub const HOLDOUT_COLUMNS: [Role; 5] = [
    Role::CalibrationEnd,
    Role::OrdersCal,
    Role::LastPurchaseCal,
    Role::RepeatRevenueCal,
    Role::OrdersHoldout,
];
/// The columns of the cohorts: who bought when.
pub const COHORT_COLUMNS: [Role; 2] = [Role::Orders, Role::ActivePeriods];
pub const TYPE_COLUMNS: [Role; 3] = [Role::WindowDays, Role::RevenueRecent, Role::RevenuePrevious];

/// A section, or a figure in one, a summary cannot give, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// `clv`, `holdout`, `holdout_tracking`, `cohorts`, `reactivation`,
    /// `revenue_at_risk`, `customer_types`, `regularity`, `profit_clv`,
    /// `compare` or `trend`.
    pub section: String,
    /// The columns it would need; empty when it needs the purchase log.
    pub columns: Vec<String>,
    /// The summary's own value when the setting asks for another (the
    /// calibration end or the window the SQL was run with).
    #[serde(default)]
    pub made_for: Option<String>,
    /// What the settings asked instead, beside `made_for`.
    #[serde(default)]
    pub asked: Option<String>,
}

/// What the analysis asked of the summary.
pub struct Asked {
    pub calibration_end: Day,
    pub as_of: Day,
    pub window_days: u32,
    pub costs: bool,
    /// Whether the summary has `orders` (a model column or not).
    pub orders: bool,
}

/// Every section or figure this summary cannot give, with what it needs.
pub fn gaps(model: Option<&Model>, asked: &Asked) -> Vec<Gap> {
    let empty = Model::default();
    let model = model.unwrap_or(&empty);
    let has = |r: Role| (r == Role::Orders && asked.orders) || model.present.contains(&r);
    let missing = |roles: &[Role]| -> Vec<String> {
        roles
            .iter()
            .filter(|&&r| !has(r))
            .map(|r| r.key().to_string())
            .collect()
    };
    let gap = |section: &str, columns: Vec<String>, made: Option<(String, String)>| Gap {
        section: section.to_string(),
        columns,
        made_for: made.as_ref().map(|m| m.0.clone()),
        asked: made.map(|m| m.1),
    };
    let mut out = Vec::new();
    let clv = missing(&CLV_COLUMNS);
    if !clv.is_empty() {
        out.push(gap("clv", clv, None));
    }
    if asked.calibration_end < asked.as_of {
        let columns = missing(&HOLDOUT_COLUMNS);
        let made = model.params.calibration_end;
        if !columns.is_empty() || made != Some(asked.calibration_end) {
            let made = made
                .filter(|_| columns.is_empty())
                .map(|d| (d.to_string(), asked.calibration_end.to_string()));
            out.push(gap("holdout", columns, made));
        }
        out.push(gap("holdout_tracking", Vec::new(), None));
    }
    for (section, roles) in [
        ("cohorts", &COHORT_COLUMNS[..]),
        ("reactivation", &[Role::PreviousPurchase][..]),
        ("revenue_at_risk", &[Role::RevenueLastYear][..]),
    ] {
        let columns = missing(roles);
        if !columns.is_empty() {
            out.push(gap(section, columns, None));
        }
    }
    let types = missing(&TYPE_COLUMNS);
    let window = model.params.window_days;
    if !types.is_empty() || window != Some(asked.window_days) {
        let made = window
            .filter(|_| types.is_empty())
            .map(|w| (w.to_string(), asked.window_days.to_string()));
        out.push(gap("customer_types", types, made));
    }
    if asked.costs {
        out.push(gap("profit_clv", Vec::new(), None));
    }
    for section in ["regularity", "compare", "trend"] {
        out.push(gap(section, Vec::new(), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_name_the_columns_or_the_settings_made_for() {
        let asked = Asked {
            calibration_end: Day(30),
            as_of: Day(60),
            window_days: 90,
            costs: false,
            orders: false,
        };
        let plain = gaps(None, &asked);
        let clv = plain.iter().find(|g| g.section == "clv").unwrap();
        assert_eq!(clv.columns, ["orders", "repeat_revenue"]);
        let mut m = Model::new([&[Role::Orders][..], &Role::MODEL].concat());
        m.params = Params {
            as_of: Some(Day(60)),
            calibration_end: Some(Day(20)),
            window_days: Some(180),
        };
        let rich = gaps(Some(&m), &asked);
        let sections: Vec<&str> = rich.iter().map(|g| g.section.as_str()).collect();
        assert_eq!(
            sections,
            [
                "holdout",
                "holdout_tracking",
                "customer_types",
                "regularity",
                "compare",
                "trend"
            ]
        );
        let holdout = &rich[0];
        assert_eq!(holdout.made_for.as_deref(), Some("1970-01-21"));
        assert_eq!(holdout.asked.as_deref(), Some("1970-01-31"));
        assert_eq!(rich[2].made_for.as_deref(), Some("180"));
    }

    #[test]
    fn months_read_as_runs() {
        assert_eq!(parse_months(""), Some(vec![]));
        assert_eq!(
            parse_months("1-3,5,9-12"),
            Some(vec![[1, 3], [5, 5], [9, 12]])
        );
        assert_eq!(parse_months("1,2,3"), Some(vec![[1, 3]]));
        assert_eq!(parse_months(" 2 , 4-4 "), Some(vec![[2, 2], [4, 4]]));
        for bad in [
            "0", "3,2", "2-1", "1,1", "a", "1-", "-2", "1;2", "1,,2", "99999",
        ] {
            assert_eq!(parse_months(bad), None, "{bad}");
        }
    }

    #[test]
    fn picked_rows_keep_their_months() {
        let mut m = Model::new(vec![Role::ActivePeriods]);
        for runs in [vec![[1, 2]], vec![], vec![[3, 3], [5, 6]]] {
            let start = m.months.len() as u32;
            m.months.extend(runs);
            m.rows.push(ModelRow {
                months: (start, m.months.len() as u32),
                ..ModelRow::default()
            });
        }
        let picked = m.pick([2, 0].into_iter());
        let months = |m: &Model, c| m.active_months(c).collect::<Vec<_>>();
        assert_eq!(months(&picked, 0), vec![3, 5, 6]);
        assert_eq!(months(&picked, 1), vec![1, 2]);
    }

    #[test]
    fn a_history_comes_from_the_totals_or_the_calibration_columns() {
        let (first, last) = (Day(0), Day(70));
        let customer = Customer {
            revenue: 100.0,
            cost: None,
            transactions: 4,
            purchase_days: 4,
            returns: 0,
            returns_total: 0.0,
            first,
            last,
        };
        let mut m = Model::new([&[Role::Orders][..], &Role::MODEL].concat());
        m.params = Params {
            as_of: Some(Day(140)),
            calibration_end: Some(Day(35)),
            window_days: Some(180),
        };
        m.rows.push(ModelRow {
            repeat_revenue: 60.0,
            orders_cal: 2,
            last_cal: Some(Day(28)),
            repeat_revenue_cal: 25.0,
            orders_holdout: 2,
            ..ModelRow::default()
        });
        let as_of = Day(140);
        let now = m.history(0, &customer, (as_of, as_of), 7.0).unwrap();
        assert_eq!(
            (now.x, now.t_x, now.t, now.mean_spend),
            (3.0, 10.0, 20.0, 20.0)
        );
        let cal = m.history(0, &customer, (Day(35), as_of), 7.0).unwrap();
        assert_eq!(
            (cal.x, cal.t_x, cal.t, cal.mean_spend),
            (1.0, 4.0, 5.0, 25.0)
        );
        assert_eq!(m.history(0, &customer, (Day(50), as_of), 7.0), None);
        assert!(m.fits(Day(35), as_of) && m.fits(as_of, as_of) && !m.fits(Day(50), as_of));
    }
}
