//! ABC tiers: a table and two stacked bars, share of customers against
//! share of revenue, which is the whole point of tiering in one picture.

use crate::format::{self, Locale};
use crate::tiers::TierSummary;
use crate::web::i18n::{t, Key};
use crate::web::state::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Tiers(analysis: Arc<Loaded>, locale: Locale) -> impl IntoView {
    let tiers = analysis.analysis.tiers.clone();
    let bar = |value: fn(&TierSummary) -> f64, label: &'static str| {
        let segments = tiers
            .iter()
            .map(|s| {
                let share = value(s);
                view! {
                    <span class=format!("segment tier-{}", s.tier) style=format!("width:{:.3}%", share * 100.0)
                        title=format!("{}: {}", s.tier, format::percent(share))>
                        {(share >= 0.08).then(|| format!("{} {}", s.tier, format::percent(share)))}
                    </span>
                }
            })
            .collect_view();
        view! {
            <div class="stack-row">
                <span class="stack-label">{label}</span>
                <div class="stack" role="img" aria-label=label>{segments}</div>
            </div>
        }
    };
    let rows = tiers
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <td><span class=format!("badge tier-{}", s.tier)>{s.tier.to_string()}</span></td>
                    <td class="num" data-testid=format!("tier-{}", s.tier) data-value=s.customers.to_string()>
                        {format::count(s.customers)}
                    </td>
                    <td class="num">{format::percent(s.customer_share)}</td>
                    <td class="num">{format::grouped(s.revenue, 0)}</td>
                    <td class="num">{format::percent(s.revenue_share)}</td>
                    <td class="num">{format::grouped(s.average_revenue, 0)}</td>
                </tr>
            }
        })
        .collect_view();
    let customers_bar = bar(|s| s.customer_share, t(locale, Key::CustomerShare));
    let revenue_bar = bar(|s| s.revenue_share, t(locale, Key::RevenueShare));
    view! {
        <section class="card" aria-labelledby="tiers-title">
            <div class="section-head">
                <h2 id="tiers-title">{t(locale, Key::TiersTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::TiersHint)}</p>
            <div class="stacks">{customers_bar}{revenue_bar}</div>
            <table class="data">
                <thead>
                    <tr>
                        <th>{t(locale, Key::Tier)}</th>
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::CustomerShare)}</th>
                        <th class="num">{t(locale, Key::Revenue)}</th>
                        <th class="num">{t(locale, Key::RevenueShare)}</th>
                        <th class="num">{t(locale, Key::AverageRevenue)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
