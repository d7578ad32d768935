//! The report's first page: what was found, in five to eight plain
//! sentences a director reads without knowing what a whale curve is.
//!
//! Each finding is one figure of the analysis put in words: its `key`
//! says which, its `value` holds the figure unformatted, and `text_en`
//! and `text_zh` are the sentence in both languages, from the templates
//! in `i18n::finding_template` with the numbers filled in. The CLI's
//! report opens with them, `analyze --json` carries them as `findings`,
//! and the page's report shows them on its first page.
//!
//! | key | value | said when |
//! |---|---|---|
//! | `top20_share` | revenue share of the top ⌈0.2 N⌉ customers | revenue is positive |
//! | `customers_for_80pct` | fewest customers that bring 80% | revenue is positive |
//! | `largest_account` | the largest customer's revenue share | revenue is positive |
//! | `loss_makers` | what the loss-makers lose together (≤ 0) | some customer loses money |
//! | `whale_peak` | peak of cumulative profit, as a share of total profit | the peak passes the total |
//! | `dormant_revenue` | the dormant customers' last-year revenue | some customer is dormant |
//! | `clv_total` | predicted value over the horizon | the models were fitted |
//! | `call_list` | valuable customers at risk | the call list is not empty |
//!
//! A customer's name is user text: control characters in it are shown as
//! escapes (`printable`), so a sentence stays one line in a terminal; the
//! page renders the text as text, never as markup.

use crate::analysis::Analysis;
use crate::clv::value::{Clv, Status};
use crate::format::{self, Locale};
use crate::i18n::{self, FindingText};
use crate::printable::printable;
use serde::{Deserialize, Serialize};

/// One sentence of the report's first page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub key: String,
    pub text_en: String,
    pub text_zh: String,
    pub value: f64,
}

impl Finding {
    /// The sentence in `locale`.
    pub fn text(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.text_en,
            Locale::Zh => &self.text_zh,
        }
    }
}

/// A sentence before it is written: which template, its figure, and the
/// placeholders' values in each language.
struct Draft {
    key: &'static str,
    template: FindingText,
    value: f64,
    fill: fn(&Analysis, Locale) -> Vec<(&'static str, String)>,
}

/// The findings of `a`, most telling first.
pub fn of(a: &Analysis) -> Vec<Finding> {
    drafts(a)
        .into_iter()
        .map(|d| Finding {
            key: d.key.to_string(),
            text_en: write(&d, a, Locale::En),
            text_zh: write(&d, a, Locale::Zh),
            value: d.value,
        })
        .collect()
}

fn write(draft: &Draft, a: &Analysis, locale: Locale) -> String {
    let mut text = i18n::finding_template(locale, draft.template).to_string();
    for (name, value) in (draft.fill)(a, locale) {
        text = text.replace(&format!("{{{name}}}"), &value);
    }
    text
}

fn drafts(a: &Analysis) -> Vec<Draft> {
    let mut out = Vec::new();
    if a.revenue_total > 0.0 {
        out.extend(concentration(a));
    }
    let p = &a.profit;
    if p.loss_makers > 0 {
        out.push(Draft {
            key: "loss_makers",
            template: FindingText::LossMakers,
            value: p.loss,
            fill: |a, l| {
                vec![
                    ("customers", format::count(a.profit.loss_makers)),
                    ("loss", format::short(a.profit.loss, l)),
                ]
            },
        });
    }
    if p.total > 0.0 && p.peak_share > 1.0 {
        out.push(Draft {
            key: "whale_peak",
            template: FindingText::WhalePeak,
            value: p.peak_share,
            fill: |a, _| {
                vec![
                    ("peak", format::percent(a.profit.peak_share)),
                    ("customers", format::count(a.profit.peak_customers)),
                    ("share", format::percent(a.profit.peak_customer_share)),
                ]
            },
        });
    }
    if a.lifecycle.dormant > 0 && a.lifecycle_detail.revenue_at_risk_known {
        out.push(Draft {
            key: "dormant_revenue",
            template: FindingText::Dormant,
            value: a.lifecycle_detail.revenue_at_risk,
            fill: |a, l| {
                vec![
                    ("customers", format::count(a.lifecycle.dormant)),
                    (
                        "revenue",
                        format::short(a.lifecycle_detail.revenue_at_risk, l),
                    ),
                ]
            },
        });
    }
    out.extend(lifetime_value(&a.clv));
    if !a.call_list.is_empty() {
        out.push(Draft {
            key: "call_list",
            template: FindingText::CallList,
            value: a.call_list.len() as f64,
            fill: |a, _| vec![("customers", call_count(a.call_list.len()))],
        });
    }
    out
}

/// The three sentences on how revenue is spread.
fn concentration(a: &Analysis) -> Vec<Draft> {
    let largest = if a.concentration.dependency_warning {
        FindingText::LargestAccountDependency
    } else {
        FindingText::LargestAccount
    };
    vec![
        Draft {
            key: "top20_share",
            template: FindingText::Top20Share,
            value: a.pareto.top20_share,
            fill: |a, _| vec![("share", format::percent(a.pareto.top20_share))],
        },
        Draft {
            key: "customers_for_80pct",
            template: FindingText::Customers80,
            value: a.pareto.customers_for_80pct_share as f64,
            fill: |a, _| {
                vec![
                    (
                        "customers",
                        format::count(a.pareto.customers_for_80pct_share),
                    ),
                    (
                        "share",
                        format::percent(a.pareto.customers_for_80pct_fraction),
                    ),
                ]
            },
        },
        Draft {
            key: "largest_account",
            template: largest,
            value: a.concentration.top1_share,
            fill: |a, _| {
                vec![
                    ("name", largest_name(a)),
                    ("share", format::percent(a.concentration.top1_share)),
                    ("threshold", format::percent(a.concentration.threshold)),
                ]
            },
        },
    ]
}

/// The predicted value over the horizon, with its interval where the
/// models gave one; nothing when they were not fitted (the historical
/// value is not a prediction).
fn lifetime_value(c: &Clv) -> Option<Draft> {
    if c.status != Status::Fitted || !c.clv_total.is_finite() {
        return None;
    }
    let template = match c.clv_total_interval {
        Some(_) => FindingText::ClvTotalInterval,
        None => FindingText::ClvTotal,
    };
    Some(Draft {
        key: "clv_total",
        template,
        value: c.clv_total,
        fill: |a, l| {
            let c = &a.clv;
            let [lo, hi] = c.clv_total_interval.unwrap_or([c.clv_total; 2]);
            vec![
                ("months", c.settings.horizon_months.to_string()),
                ("total", format::short(c.clv_total, l)),
                ("basis", i18n::value_basis(l, c.margin_applied).to_string()),
                ("lo", format::short(lo, l)),
                ("hi", format::short(hi, l)),
            ]
        },
    })
}

/// The call list's length; at its limit, more may be at risk (`500+`).
fn call_count(calls: usize) -> String {
    match calls >= crate::call_list::LIMIT {
        true => format!("{}+", format::count(calls)),
        false => format::count(calls),
    }
}

/// The largest customer's name (or id), with control characters escaped.
fn largest_name(a: &Analysis) -> String {
    a.top_customers
        .first()
        .map(|row| printable(row.name.as_deref().unwrap_or(&row.id)).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
