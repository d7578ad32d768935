//! One customer on a card: the purchase timeline, RFM scores, tier, stage,
//! lifetime value, probability alive and what to do next. The worker
//! builds the card from its table (`use_engine().ask_card`); this only shows it.

use crate::chart::{self, Axes, Size};
use crate::customer_table::Card;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::engine::use_engine;
use crate::web::state::use_state;
use leptos::prelude::*;

#[component]
pub fn CustomerCard(id: String, locale: Locale, open: RwSignal<Option<String>>) -> impl IntoView {
    let card = RwSignal::new(None::<Option<Card>>);
    let engine = use_engine();
    engine.ask_card(id.clone(), move |answer: Option<Card>| {
        card.set(Some(answer))
    });
    let close = move || open.set(None);
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let content = move || match card.get() {
        None => view! { <p class="hint">{t(locale, Key::Loading)}</p> }.into_any(),
        Some(None) => view! { <p class="hint">{t(locale, Key::NoMatches)}</p> }.into_any(),
        Some(Some(card)) => view! { <Details card=card locale=locale/> }.into_any(),
    };
    view! {
        <div class="customer-card-backdrop" on:click=move |_| close()>
            <div class="customer-card" role="dialog" aria-modal="true" aria-labelledby="card-title"
                data-testid="customer-card" on:click=|ev| ev.stop_propagation() on:keydown=on_key>
                <div class="card-head">
                    <h2 id="card-title">{id.clone()}</h2>
                    <button type="button" class="button" node_ref=close_button data-testid="card-close"
                        on:click=move |_| close()>{t(locale, Key::Close)}</button>
                </div>
                {content}
            </div>
        </div>
    }
}

#[component]
fn Details(card: Card, locale: Locale) -> impl IntoView {
    let currency = use_state().currency.get_untracked();
    let money = move |v: f64| format::money(v, locale, currency);
    let row = &card.row;
    let (segment, action) = row.segment.text(locale);
    let stage = super::lifecycle::stage_name(row.stage, locale);
    let p = row.prediction.as_ref();
    let figure = |label: Key, shown: String, testid: &'static str, value: String| {
        view! {
            <div class="stat">
                <span class="stat-label">{t(locale, label)}</span>
                <span class="stat-value" data-testid=testid data-value=value>{shown}</span>
            </div>
        }
    };
    let dims = card
        .dimensions
        .iter()
        .map(|(key, value)| view! { <dt>{key.clone()}</dt><dd>{value.clone()}</dd> })
        .collect_view();
    let points: Vec<(crate::day::Day, f64)> =
        card.purchases.iter().map(|p| (p.day, p.amount)).collect();
    let axes = Axes {
        x: t(locale, Key::Date),
        y: t(locale, Key::Revenue),
        aria: t(locale, Key::TimelineTitle),
    };
    let compact = move |v: f64| format::compact(v, locale);
    let svg = chart::timeline(
        &points,
        &axes,
        super::chart_view::fitted(Size {
            width: 720,
            height: 240,
        }),
        &compact,
    );
    view! {
        <p class="card-sub">
            <span class="customer-name">{row.name.clone().unwrap_or_default()}</span>
            " "<span class=format!("badge tier-{}", row.tier) data-testid="card-tier">{row.tier.to_string()}</span>
            " · "<span data-testid="card-stage">{stage}</span>
            " · "<span data-testid="card-segment">{segment}</span>
        </p>
        <div class="stats">
            {figure(Key::Revenue, money(row.revenue), "card-revenue", row.revenue.to_string())}
            {figure(Key::Profit, money(row.profit), "card-profit", row.profit.to_string())}
            {figure(Key::Purchases, format::count(row.purchase_days as usize), "card-purchases", row.purchase_days.to_string())}
            {figure(Key::LastPurchase, format::date(row.last_purchase, locale), "card-last", row.last_purchase.to_string())}
            {figure(Key::ClvShort, p.map(|p| money(p.clv)).unwrap_or_else(|| "–".into()), "card-clv",
                p.map(|p| p.clv.to_string()).unwrap_or_default())}
            {figure(Key::PAlive, p.map(|p| format::percent(p.p_alive)).unwrap_or_else(|| "–".into()), "card-p-alive",
                p.map(|p| p.p_alive.to_string()).unwrap_or_default())}
            {figure(Key::PPurchase90d, p.map(|p| format::percent(p.p_purchase_90d)).unwrap_or_else(|| "–".into()), "card-p-purchase-90d",
                p.map(|p| p.p_purchase_90d.to_string()).unwrap_or_default())}
            {figure(Key::ChurnRiskShort, p.map(|p| super::lifetime_value::churn_name(p.churn_risk, locale).to_string()).unwrap_or_else(|| "–".into()), "card-churn-risk",
                p.map(|p| p.churn_risk.key().to_string()).unwrap_or_default())}
            {figure(Key::NextPurchase, p.map(|p| p.expected_next_purchase.map_or_else(|| t(locale, Key::NextPurchaseNone).to_string(), |d| format::date(d, locale))).unwrap_or_else(|| "–".into()), "card-next-purchase",
                p.and_then(|p| p.expected_next_purchase).map(|d| d.to_string()).unwrap_or_default())}
        </div>
        <div class="card-columns">
            <div>
                <h3>{t(locale, Key::RfmScores)}</h3>
                <div class="rfm-scores" data-testid="card-rfm">
                    <span><b>"R"</b>{row.rfm.r}</span>
                    <span><b>"F"</b>{row.rfm.f}</span>
                    <span><b>"M"</b>{row.rfm.m}</span>
                </div>
                <h3>{t(locale, Key::RecommendedAction)}</h3>
                <p class="action" data-testid="card-action">{action}</p>
            </div>
            <dl class="dims">{dims}</dl>
        </div>
        <h3>{t(locale, Key::TimelineTitle)}</h3>
        {card.by_month.then(|| view! { <p class="hint">{t(locale, Key::TimelineByMonth)}</p> })}
        {super::chart_view::chart_view(svg, "card-timeline")}
    }
}
