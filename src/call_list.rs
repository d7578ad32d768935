//! Who to call: the valuable customers the models think are slipping away,
//! most at stake first, each with its reason.
//!
//! A customer is on the list when it is valuable (tier A, or a predicted
//! CLV in the top tenth) and at risk: a high churn risk (over two chances
//! in three of no purchase in the next 90 days) or a P(alive) that has
//! fallen by `FADING_DROP` or more since its last purchase. The list is
//! ordered by the value at stake: the customer's value to date (profit
//! when costs are known, else revenue) times the chance that it is still a
//! customer but will not buy in the next 90 days, P(alive) − P(purchase in
//! 90 days). A customer long gone (P(alive) near 0) has little left to
//! save by a call; one buying steadily needs none.

use crate::clv::value::ChurnRisk;
use crate::customer_table::csv::{csv_of, prediction};
use crate::customer_table::{CustomerRow, RowSource};
use crate::index::Rank;
use crate::tiers::Tier;
use crate::xlsx::{Cell, Kind};
use serde::{Deserialize, Serialize};

/// A fall of P(alive) since the last purchase that counts as fading.
pub const FADING_DROP: f64 = 0.2;
/// The share of customers by predicted CLV that counts as high value.
const TOP_CLV_SHARE: f64 = 0.1;
/// The longest list kept (the page filters it by account manager).
pub const LIMIT: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    HighChurnRisk,
    Fading,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::HighChurnRisk => "high_churn_risk",
            Reason::Fading => "fading",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    #[serde(flatten)]
    pub customer: CustomerRow,
    pub reasons: Vec<Reason>,
    /// Value to date times P(alive) − P(purchase in 90 days).
    pub value_at_stake: f64,
}

/// The list from every customer's row; `value_is_profit` as the CLV's.
pub fn build(rows: &RowSource<'_>, value_is_profit: bool) -> Vec<Call> {
    let high_clv = clv_threshold(rows);
    let mut calls: Vec<(Rank, Vec<Reason>, f64)> = rows
        .ranks()
        .filter_map(|rank| {
            let p = rows.prediction(rank)?;
            let valuable = rows.tier(rank) == Tier::A || high_clv.is_some_and(|t| p.clv >= t);
            let reasons = reasons(p.churn_risk, p.p_alive_drop);
            if !valuable || reasons.is_empty() {
                return None;
            }
            let value = match value_is_profit {
                true => rows.profit(rank),
                false => rows.customer(rank).revenue,
            };
            let quiet = (p.p_alive - p.p_purchase_90d).max(0.0);
            Some((rank, reasons, value * quiet + 0.0))
        })
        .collect();
    calls.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    calls.truncate(LIMIT);
    calls
        .into_iter()
        .map(|(rank, reasons, value_at_stake)| Call {
            customer: rows.row(rank),
            reasons,
            value_at_stake,
        })
        .collect()
}

fn reasons(churn: ChurnRisk, drop: f64) -> Vec<Reason> {
    let mut out = Vec::new();
    if churn == ChurnRisk::High {
        out.push(Reason::HighChurnRisk);
    }
    if drop >= FADING_DROP {
        out.push(Reason::Fading);
    }
    out
}

/// The lowest CLV in the top tenth of customers by it.
fn clv_threshold(rows: &RowSource<'_>) -> Option<f64> {
    let mut values: Vec<f64> = rows
        .ranks()
        .filter_map(|rank| rows.prediction(rank).map(|p| p.clv))
        .collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let top = crate::pareto::top_count(values.len(), TOP_CLV_SHARE);
    top.checked_sub(1).and_then(|i| values.get(i).copied())
}

/// The calls of one account manager (all when `manager` is `None`).
pub fn of_manager<'a>(
    calls: &'a [Call],
    manager: Option<&'a str>,
) -> impl Iterator<Item = &'a Call> {
    calls
        .iter()
        .filter(move |c| manager.is_none_or(|m| c.customer.account_manager.as_deref() == Some(m)))
}

/// The call list's columns, in order: the CSV's header and the workbook's.
pub const COLUMNS: [(&str, Kind); 12] = [
    ("customer_id", Kind::Text),
    ("customer_name", Kind::Text),
    ("account_manager", Kind::Text),
    ("tier", Kind::Text),
    ("reasons", Kind::Text),
    ("value_at_stake", Kind::Money),
    ("clv", Kind::Money),
    ("p_alive", Kind::Percent),
    ("p_purchase_90d", Kind::Percent),
    ("churn_risk", Kind::Text),
    ("expected_next_purchase", Kind::Date),
    ("last_purchase", Kind::Date),
];

/// One call's cells, in the order of `COLUMNS`.
pub fn cells(call: &Call) -> [Cell; 12] {
    let row = &call.customer;
    let reasons: Vec<&str> = call.reasons.iter().map(|r| r.key()).collect();
    [
        Cell::Text(row.id.clone()),
        Cell::optional(&row.name),
        Cell::optional(&row.account_manager),
        Cell::Text(row.tier.to_string()),
        Cell::Text(reasons.join(" ")),
        Cell::Number(call.value_at_stake),
        prediction(row, |p| p.clv),
        prediction(row, |p| p.p_alive),
        prediction(row, |p| p.p_purchase_90d),
        row.prediction
            .map_or(Cell::Empty, |p| Cell::Text(p.churn_risk.key().to_string())),
        row.prediction
            .and_then(|p| p.expected_next_purchase)
            .map_or(Cell::Empty, Cell::Date),
        Cell::Date(row.last_purchase),
    ]
}

/// Who to call: the call list's customers, most at stake first.
pub fn csv<'a>(calls: impl IntoIterator<Item = &'a Call>) -> String {
    csv_of(&COLUMNS, calls.into_iter().map(cells))
}
