//! The headline figures: customers, net revenue, top-20% share, Gini.

use crate::format::{self, Locale};
use crate::ingest::Shape;
use crate::web::i18n::{t, Key};
use crate::web::state::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Overview(loaded: Arc<Loaded>, locale: Locale) -> impl IntoView {
    let a = &loaded.analysis;
    let p = &a.pareto;
    let period = format!(
        "{} – {}  ·  {} {}",
        a.first_date,
        a.last_date,
        t(locale, Key::AsOf),
        a.as_of
    );
    let returns = format!(
        "{}: {} · {}",
        t(locale, Key::Returns),
        format::count(a.returns.rows as usize),
        format::grouped(a.returns.total, 2)
    );
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
                <span class="meta">{t(locale, Key::LoadedFile)} ": " {loaded.file.clone()} "  ·  " {period}</span>
            </div>
            <div class="kpis">
                <Kpi testid="kpi-customers" label=t(locale, Key::Customers) value=a.customers as f64
                    shown=format::count(a.customers) note=customers_note(a, locale)/>
                <Kpi testid="kpi-revenue" label=t(locale, Key::NetRevenue) value=a.revenue_total
                    shown=format::compact(a.revenue_total, locale) note=returns/>
                <Kpi testid="kpi-top20-share" label=t(locale, Key::Top20Share) value=p.top20_share
                    shown=format::percent(p.top20_share) note=k80/>
                <Kpi testid="kpi-gini" label=t(locale, Key::Gini) value=p.gini
                    shown=format!("{:.3}", p.gini) note=t(locale, Key::GiniHint).to_string()/>
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

/// "6,919 transaction rows", or for a summary, that rows are customers.
fn customers_note(a: &crate::analysis::Analysis, locale: Locale) -> String {
    match a.input.shape {
        Shape::Transactions => format!(
            "{} {}",
            format::count(a.transactions),
            t(locale, Key::TransactionRows)
        ),
        Shape::Summary => t(locale, Key::SummaryShape).to_string(),
    }
}
