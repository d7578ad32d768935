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
//! - **An invoice status** (`Invoice Status`, 发票状态): only voided,
//!   deleted, draft and cancelled invoices are left out; an open, sent or
//!   authorised one is revenue, and a closed one is paid.
//! - **A transaction type column** (PayPal's `Type`, 交易类型): withdrawals,
//!   transfers, currency conversions, holds and fees are not sales; nor, in
//!   an accounting list, a payment against an invoice, a deposit, a journal
//!   entry or an estimate (QuickBooks), which would count a sale twice or
//!   one never made.
//!
//! Words are matched as words ("fee" is not in "Coffee") and a negation
//! turns them around ("not refunded"); a refund that was refused, closed or
//! failed (拒绝退款, 退款关闭) leaves the sale standing.
//!
//! Every value is listed with its rows and amount, and the user can keep
//! or drop any of them (`--keep-status`, `--drop-status`, the mapping
//! panel's checkboxes): the lists below are a default, not a verdict.

use super::map::Role;
use serde::{Deserialize, Serialize};

/// Words of a status that mean the money never came or went back; a word
/// of the value must start with one ("Cancelled", "voided", "Declined").
const NO_REVENUE: &[&str] = &[
    "cancel",
    "closed",
    "void",
    "fail",
    "declin",
    "refunded",
    "unpaid",
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
    "deleted",
];
/// The same in Chinese, found anywhere in the value.
const NO_REVENUE_ZH: &[&str] = &[
    "交易关闭",
    "订单关闭",
    "已关闭",
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
/// Values that keep a row although they hold a word above: a refund that
/// was refused, closed or failed leaves the sale standing.
const STILL_REVENUE: &[&str] = &[
    "partiallyrefunded",
    "partialrefund",
    "partlyrefunded",
    "closedwon",
    "部分退款",
    "退款关闭",
    "拒绝退款",
    "没有申请退款",
    "无退款",
    "退款失败",
    "未退款",
    "取消退款",
];
/// Words that turn a status around: "not refunded", "no refund".
const NEGATIONS: &[&str] = &["not", "no", "non", "never", "without"];

/// Of an invoice, only these undo the sale: an open, sent or authorised
/// invoice is revenue (accrual), and "closed" means paid.
const INVOICE_UNDONE: &[&str] = &["void", "deleted", "draft", "cancel"];
const INVOICE_UNDONE_ZH: &[&str] = &["作废", "红冲", "删除", "草稿"];

/// Stage values that are won deals.
const WON: &[&str] = &["won", "赢单", "成交", "签约", "已签约", "已成交"];

/// Transaction types that move money without a sale (PayPal), as words.
const NOT_A_SALE: &[&str] = &[
    "withdraw",
    "withdrawal",
    "transfer",
    "conversion",
    "hold",
    "authorization",
    "authorisation",
    "fee",
    "fees",
];
const NOT_A_SALE_ZH: &[&str] = &["提现", "转账", "充值", "冻结", "结汇"];
/// Whole types of accounting lists that are not sales: a payment received
/// against an invoice counts the invoice twice (QuickBooks' transaction
/// list), an estimate or quote was never sold.
const NOT_A_SALE_TYPE: &[&str] = &[
    "payment",
    "receivepayment",
    "deposit",
    "journalentry",
    "estimate",
    "quote",
    "transfer",
    "收款",
    "收款单",
    "报价单",
];

/// How a column's values are judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    Status,
    Stage,
    Invoice,
    /// `refunded: Yes / No`: yes means the money went back.
    RefundFlag,
    TransactionType,
}

impl StatusKind {
    /// The kind of the column mapped to `role` under `header`.
    pub fn of(role: Role, header: &str) -> StatusKind {
        let h = header.to_lowercase();
        match role {
            Role::TransactionType => StatusKind::TransactionType,
            _ if h.contains("stage") || h.contains("阶段") => StatusKind::Stage,
            _ if (h.contains("refund") || h.contains("退款"))
                && !h.contains("status")
                && !h.contains("状态") =>
            {
                StatusKind::RefundFlag
            }
            _ if h.contains("invoice") || h.contains("bill") || h.contains("发票") => {
                StatusKind::Invoice
            }
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

/// The value's words, lower case: "On-hold" is "on", "hold".
fn words(value: &str) -> Vec<String> {
    value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the default rule leaves a row with this value out.
pub fn means_no_revenue(kind: StatusKind, value: &str) -> bool {
    let v = normalise(value);
    if v.is_empty() {
        return false;
    }
    let words = words(value);
    let word_starts = |list: &[&str]| words.iter().any(|w| list.iter().any(|x| w.starts_with(x)));
    let word_is = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let has = |list: &[&str]| list.iter().any(|x| v.contains(x));
    match kind {
        StatusKind::Stage => !has(WON) || v.contains("lost"),
        StatusKind::RefundFlag => {
            ["yes", "y", "true", "1", "是", "已退款", "x"].contains(&v.as_str())
        }
        StatusKind::Invoice => word_starts(INVOICE_UNDONE) || has(INVOICE_UNDONE_ZH),
        StatusKind::Status => {
            let hit = word_starts(NO_REVENUE) || v == "onhold" || has(NO_REVENUE_ZH);
            hit && !has(STILL_REVENUE) && !word_is(NEGATIONS)
        }
        StatusKind::TransactionType => {
            word_is(NOT_A_SALE) || has(NOT_A_SALE_ZH) || NOT_A_SALE_TYPE.contains(&v.as_str())
        }
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
            "on-hold",
        ] {
            assert!(means_no_revenue(StatusKind::Status, value), "{value}");
        }
        for value in [
            "退款关闭",
            "拒绝退款",
            "没有申请退款",
            "Delivered - not refunded",
        ] {
            assert!(!means_no_revenue(StatusKind::Status, value), "{value}");
        }
        let invoice = StatusKind::of(Role::Status, "invoice_status");
        assert!(
            !means_no_revenue(invoice, "Closed"),
            "a closed invoice is paid"
        );
        assert!(!means_no_revenue(invoice, "AUTHORISED"));
        assert!(means_no_revenue(invoice, "VOIDED"));
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
        assert!(!means_no_revenue(kind, "Coffee"), "fee inside a word");
        assert!(!means_no_revenue(kind, "Household"), "hold inside a word");
        assert!(
            means_no_revenue(kind, "Payment"),
            "QuickBooks: a payment against an invoice"
        );
        assert!(!means_no_revenue(kind, "Invoice"));
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
