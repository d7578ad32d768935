//! The headline figures: customers, net revenue, profit, top-20% share,
//! Gini, A-tier count, revenue at risk and the dependency warning: a
//! summary of every section, so it takes the whole analysis.

use super::decisions::DecisionsSummary;
use crate::analysis::Analysis;
use crate::concentration::Concentration;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::ingest::Shape;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

#[component]
pub fn Overview(analysis: Part<Analysis>, file: String, locale: Locale) -> impl IntoView {
    let a = &*analysis;
    let p = &a.pareto;
    let currency = use_state().currency.get_untracked();
    let money = move |v: f64| format::money(v, locale, currency);
    let period = format!(
        "{} – {}  ·  {} {}",
        format::date(a.first_date, locale),
        format::date(a.last_date, locale),
        t(locale, Key::AsOf),
        format::date(a.as_of, locale)
    );
    let returns = format!(
        "{}: {} · {}",
        t(locale, Key::Returns),
        format::count(a.returns.rows as usize),
        money(a.returns.total)
    );
    let a_share = a.tiers.first().map_or(0.0, |tier| tier.revenue_share);
    let a_note = format!("{} {}", format::percent(a_share), t(locale, Key::OfRevenue));
    let at_risk = a.lifecycle_detail.revenue_at_risk;
    // A summary without last year's revenue does not know it: a dash, not 0.
    let at_risk_shown = match a.lifecycle_detail.revenue_at_risk_known {
        true => money(at_risk),
        false => "—".to_string(),
    };
    let risk_note = format!(
        "{} {}",
        format::count(a.lifecycle.dormant),
        t(locale, Key::DormantCustomers)
    );
    let margin = if a.revenue_total != 0.0 {
        format!(
            "{} {}",
            t(locale, Key::Margin),
            format::percent(a.profit.total / a.revenue_total)
        )
    } else {
        String::new()
    };
    let k80 = format!(
        "{} ({}) {}",
        format::count(p.customers_for_80pct_share),
        format::percent(p.customers_for_80pct_fraction),
        t(locale, Key::Customers80)
    );
    view! {
        <section class="card overview" aria-labelledby="overview-title">
            <div class="section-head">
                <h2 id="overview-title">{t(locale, Key::Overview)}</h2>
                <span class="meta">{t(locale, Key::LoadedFile)} ": " <span data-user-text>{file}</span> "  ·  " {period}</span>
            </div>
            <DecisionsSummary decisions=a.input.decisions.clone() locale=locale/>
            <super::summary_gaps::SummaryGaps gaps=a.summary_gaps.clone() locale=locale/>
            <div class="kpis">
                <Kpi testid="kpi-customers" label=t(locale, Key::Customers) value=a.customers as f64
                    shown=format::count(a.customers) note=customers_note(a, locale)/>
                <Kpi testid="kpi-revenue" label=t(locale, Key::NetRevenue) value=a.revenue_total
                    shown=money(a.revenue_total) note=returns/>
                <Kpi testid="kpi-profit" label=t(locale, Key::Profit) value=a.profit.total
                    shown=money(a.profit.total) note=margin/>
                <Kpi testid="kpi-top20-share" label=t(locale, Key::Top20Share) value=p.top20_share
                    shown=format::percent(p.top20_share) note=k80/>
                <Kpi testid="kpi-gini" label=t(locale, Key::Gini) value=p.gini
                    shown=format!("{:.3}", p.gini) note=t(locale, Key::GiniHint).to_string()/>
                <Kpi testid="kpi-a-tier" label=t(locale, Key::ATierCustomers) value=a.abc.a as f64
                    shown=format::count(a.abc.a) note=a_note/>
                <Kpi testid="kpi-revenue-at-risk" label=t(locale, Key::AtRiskShort) value=at_risk
                    shown=at_risk_shown note=risk_note/>
                <Dependency concentration=a.concentration.clone() largest=largest_name(a) locale=locale/>
            </div>
        </section>
    }
}

#[component]
fn Kpi(
    testid: &'static str,
    label: &'static str,
    value: f64,
    shown: String,
    note: String,
) -> impl IntoView {
    view! {
        <div class="kpi">
            <div class="kpi-label">{label}</div>
            <div class="kpi-value" data-testid=testid data-value=value.to_string() title=value.to_string()>{shown}</div>
            <div class="kpi-note">{note}</div>
        </div>
    }
}

/// The dependency warning, or that no customer passes the threshold.
#[component]
fn Dependency(concentration: Concentration, largest: String, locale: Locale) -> impl IntoView {
    let c = &concentration;
    let (title, note) = if c.dependency_warning {
        (
            t(locale, Key::DependencyWarning).to_string(),
            format!("{largest}: {}", format::percent(c.top1_share)),
        )
    } else {
        (
            t(locale, Key::NoDependency).to_string(),
            format!(
                "{} {} < {}",
                t(locale, Key::Top1),
                format::percent(c.top1_share),
                format::percent(c.threshold)
            ),
        )
    };
    view! {
        <div class="kpi dependency" class:alert=c.dependency_warning>
            <div class="kpi-label">{t(locale, Key::Dependency)}</div>
            <div class="kpi-value small" data-testid="kpi-dependency"
                data-value=if c.dependency_warning { "1" } else { "0" }>{title}</div>
            <div class="kpi-note">{note}</div>
        </div>
    }
}

/// The largest customer's name (or id).
fn largest_name(a: &Analysis) -> String {
    a.top_customers
        .first()
        .map(|row| row.name.clone().unwrap_or_else(|| row.id.clone()))
        .unwrap_or_default()
}

/// "6,919 transaction rows", or for a summary, that rows are customers.
fn customers_note(a: &Analysis, locale: Locale) -> String {
    match a.input.shape {
        Shape::Transactions => format!(
            "{} {}",
            format::count(a.transactions),
            t(locale, Key::TransactionRows)
        ),
        Shape::Summary => t(locale, Key::SummaryShape).to_string(),
    }
}
