//! Status and outcome: which rows are revenue.
//!
//! Exports list every order, payment or deal, whatever became of it: a
//! cancelled order, a failed payment, a refunded charge, a Closed Lost
//! opportunity or a PayPal withdrawal is a row with an amount, and none of
//! them is money a customer paid. The rule:
//!
//! - **A stage column** (`Stage`, `Deal Stage`, 商机阶段): only won deals are
//!   revenue (`Closed Won`, `closedwon`, 赢单, 成交); every open or lost
//!   stage is left out.
//! - **A status column** (`Status`, `Financial Status`, 订单状态, 交易状态):
//!   rows whose status says the money never came or went back are left
//!   out: cancelled, closed, voided, failed, declined, refunded (in full),
//!   unpaid, pending, on hold (awaiting payment), authorised but not
//!   captured, expired, reversed,
//!   denied, Closed Lost, 交易关闭, 已取消, 作废, 退款成功, 待付款. Every other
//!   value, and an empty one, is kept: `partially_refunded` is revenue,
//!   less the refund column.
//! - **A transaction type column** (PayPal's `Type`, 交易类型): withdrawals,
//!   transfers, currency conversions, holds and fees are not sales.
//!
//! Every value is listed with its rows and amount, and the user can keep
//! or drop any of them (`--keep-status`, `--drop-status`, the mapping
//! panel's checkboxes): the lists below are a default, not a verdict.

use super::map::Role;
use serde::{Deserialize, Serialize};

/// Values of a status column that mean the money never came or went back.
const NO_REVENUE: &[&str] = &[
    "cancel",
    "closed",
    "void",
    "fail",
    "declin",
    "refunded",
    "unpaid",
    "notpaid",
    "pending",
    "authorized",
    "authorised",
    "expired",
    "revers",
    "denied",
    "reject",
    "abandon",
    "lost",
    "draft",
    "onhold",
    "交易关闭",
    "关闭",
    "取消",
    "作废",
    "失败",
    "退款成功",
    "已退款",
    "全额退款",
    "待付款",
    "未付款",
    "等待买家付款",
    "待支付",
    "未支付",
    "拒绝",
    "无效",
    "撤销",
    "已退货",
];

/// Status words that keep a row although they contain a word above.
const STILL_REVENUE: &[&str] = &[
    "partiallyrefunded",
    "partialrefund",
    "partlyrefunded",
    "部分退款",
    "closedwon",
];

/// Stage values that are won deals.
const WON: &[&str] = &["won", "赢单", "成交", "签约", "已签约", "已成交"];

/// Transaction types that move money without a sale.
const NOT_A_SALE: &[&str] = &[
    "withdraw",
    "transfer",
    "conversion",
    "hold",
    "authoriz",
    "authoris",
    "fee",
    "提现",
    "转账",
    "充值",
    "冻结",
    "结汇",
];

/// How a column's values are judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    Status,
    Stage,
    TransactionType,
}

impl StatusKind {
    /// The kind of the column mapped to `role` under `header`.
    pub fn of(role: Role, header: &str) -> StatusKind {
        let h = header.to_lowercase();
        match role {
            Role::TransactionType => StatusKind::TransactionType,
            _ if h.contains("stage") || h.contains("阶段") => StatusKind::Stage,
            _ => StatusKind::Status,
        }
    }
}

/// Lower case without spaces, underscores and hyphens: `Closed Won`,
/// `closed_won` and `closedwon` are one value.
pub fn normalise(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '/' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the default rule leaves a row with this value out.
pub fn means_no_revenue(kind: StatusKind, value: &str) -> bool {
    let v = normalise(value);
    if v.is_empty() {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| v.contains(w));
    match kind {
        StatusKind::Stage => !has(WON) || v.contains("lost"),
        StatusKind::Status => has(NO_REVENUE) && !has(STILL_REVENUE),
        StatusKind::TransactionType => has(NOT_A_SALE),
    }
}

/// The default rule with the user's choices on top.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusChoice {
    /// Values to keep whatever the rule says, as the user wrote them.
    pub keep: Vec<String>,
    /// Values to leave out whatever the rule says.
    pub drop: Vec<String>,
}

impl StatusChoice {
    pub fn is_default(&self) -> bool {
        self.keep.is_empty() && self.drop.is_empty()
    }

    /// Whether a row with `value` in a column of `kind` is left out.
    pub fn excludes(&self, kind: StatusKind, value: &str) -> bool {
        let v = normalise(value);
        let named = |list: &[String]| list.iter().any(|x| normalise(x) == v);
        if named(&self.keep) {
            false
        } else if named(&self.drop) {
            true
        } else {
            means_no_revenue(kind, value)
        }
    }
}

/// One value of a status column: its rows and amount, and whether its
/// rows were left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusValue {
    pub role: Role,
    /// The header of the column.
    pub column: String,
    pub value: String,
    pub rows: u64,
    pub amount: f64,
    pub excluded: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_that_are_not_revenue() {
        for value in [
            "Failed",
            "Refunded",
            "voided",
            "Cancelled",
            "canceled",
            "交易关闭",
            "已取消",
            "Closed Lost",
            "unpaid",
            "pending",
            "等待买家付款",
        ] {
            assert!(means_no_revenue(StatusKind::Status, value), "{value}");
        }
        for value in [
            "Paid",
            "paid",
            "partially_refunded",
            "Completed",
            "交易成功",
            "Closed Won",
            "",
            "卖家已发货，等待买家确认",
        ] {
            assert!(!means_no_revenue(StatusKind::Status, value), "{value}");
        }
    }

    #[test]
    fn only_won_stages_are_revenue() {
        for value in ["Closed Won", "closedwon", "赢单"] {
            assert!(!means_no_revenue(StatusKind::Stage, value), "{value}");
        }
        for value in [
            "Closed Lost",
            "closedlost",
            "Prospecting",
            "Negotiation/Review",
            "appointmentscheduled",
            "contractsent",
        ] {
            assert!(means_no_revenue(StatusKind::Stage, value), "{value}");
        }
        assert_eq!(
            StatusKind::of(Role::Status, "Deal Stage"),
            StatusKind::Stage
        );
        assert_eq!(StatusKind::of(Role::Status, "订单状态"), StatusKind::Status);
    }

    #[test]
    fn withdrawals_are_not_sales() {
        let kind = StatusKind::TransactionType;
        assert!(means_no_revenue(kind, "General Withdrawal"));
        assert!(means_no_revenue(kind, "General Currency Conversion"));
        assert!(!means_no_revenue(kind, "Express Checkout Payment"));
        assert!(!means_no_revenue(kind, "Payment Refund"));
    }

    #[test]
    fn the_users_choice_wins() {
        let choice = StatusChoice {
            keep: vec!["pending".into()],
            drop: vec!["On Hold".into()],
        };
        assert!(!choice.excludes(StatusKind::Status, "Pending"));
        assert!(choice.excludes(StatusKind::Status, "on hold"));
        assert!(choice.excludes(StatusKind::Status, "Failed"));
    }
}
