//! The 20/80/30 profit whale curve, the loss-making customers, and a
//! what-if: profit without the bottom customers, or with them served more
//! cheaply.

use crate::chart::{self, Axes, Size};
use crate::customer_table::CustomerRow;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::profit::{Profit, WhatIfSettings};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::customer_list::CustomerList;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn ProfitPanel(
    profit: Part<Profit>,
    /// The header of the column profit comes from.
    source_column: String,
    loss_makers: Part<Vec<CustomerRow>>,
    locale: Locale,
) -> impl IntoView {
    let p = &*profit;
    let source = match p.assumed_margin {
        Some(margin) => view! {
            <p class="note assumed" data-testid="profit-assumed">{t(locale, Key::ProfitAssumed)} " " {format::percent(margin)}</p>
        }
        .into_any(),
        None => view! {
            <p class="hint">{t(locale, Key::ProfitFrom)} " " <span data-user-text>{source_column}</span></p>
        }
        .into_any(),
    };
    let svg = whale_svg(p, locale);
    view! {
        <section class="card" aria-labelledby="profit-title">
            <div class="section-head">
                <h2 id="profit-title">{t(locale, Key::ProfitTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::ProfitHint)}</p>
            {source}
            <div class="stats">
                <Stat label=t(locale, Key::TotalProfit) testid="profit-total" value=p.total text=format::compact(p.total, locale)/>
                <Stat label=t(locale, Key::PeakShare) testid="profit-peak" value=p.peak_share text=format::percent(p.peak_share)/>
                <Stat label=t(locale, Key::LossMakers) testid="profit-loss-makers" value=p.loss_makers as f64 text=format::count(p.loss_makers)/>
                <Stat label=t(locale, Key::TheyLose) testid="profit-loss" value=p.loss text=format::compact(p.loss, locale)/>
            </div>
            {chart_view(svg, "whale-chart")}
            <WhatIf profit=profit.clone() locale=locale/>
            <h3>{t(locale, Key::LossMakers)}</h3>
            <CustomerList rows=loss_makers.to_vec() locale=locale testid="loss-makers" of=Key::LossMakers/>
        </section>
    }
}

/// The whale curve with its peak marked (also on the report's first page).
pub fn whale_svg(p: &Profit, locale: Locale) -> String {
    let axes = Axes {
        x: t(locale, Key::AxisProfitCustomers),
        y: t(locale, Key::AxisProfitShare),
        aria: t(locale, Key::ProfitTitle),
    };
    chart::whale(
        &p.curve,
        (p.peak_customer_share, p.peak_share),
        &axes,
        fitted(Size::default()),
    )
}

#[component]
fn Stat(
    label: &'static str,
    #[prop(into)] testid: String,
    value: f64,
    text: String,
) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat-label">{label}</span>
            <span class="stat-value" data-testid=testid data-value=value.to_string()>{text}</span>
        </div>
    }
}

#[component]
fn WhatIf(profit: Part<Profit>, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let p = &*profit;
    let bottom = RwSignal::new(format!("{}", (p.what_if_settings.bottom * 100.0).round()));
    let cut = RwSignal::new(format!("{}", (p.what_if_settings.cost_cut * 100.0).round()));
    let apply = move |_| {
        let share = |s: String| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=100.0).contains(v))
                .map(|v| v / 100.0)
        };
        if let (Some(bottom), Some(cost_cut)) =
            (share(bottom.get_untracked()), share(cut.get_untracked()))
        {
            engine.change_settings(|s| s.what_if = WhatIfSettings { bottom, cost_cut });
        }
    };
    let rows = p
        .what_if
        .iter()
        .map(|w| {
            let mine = w.drop_bottom == p.what_if_settings.bottom;
            view! {
                <tr class:mine=mine>
                    <td>{t(locale, Key::Bottom)} " " {format::percent(w.drop_bottom)} " (" {format::count(w.customers)} ")"</td>
                    <td class="num">{format::grouped(w.profit, 0)}</td>
                    <td class="num" class:negative=w.change < 0.0>{signed(w.change)}</td>
                    <td class="num">{format::grouped(w.cheaper_profit, 0)}</td>
                    <td class="num">{signed(w.cheaper_change)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{t(locale, Key::WhatIf)}</h3>
        <div class="rule-editor">
            <label>{t(locale, Key::WhatIfBottom)} " "
                <input type="number" min="0" max="100" step="1" data-testid="what-if-bottom" prop:value=move || bottom.get()
                    on:input=move |ev| bottom.set(event_target_value(&ev))/>
            </label>
            <label>{t(locale, Key::WhatIfCut)} " "
                <input type="number" min="0" max="100" step="1" data-testid="what-if-cut" prop:value=move || cut.get()
                    on:input=move |ev| cut.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="secondary" data-testid="apply-what-if" on:click=apply>{t(locale, Key::Apply)}</button>
        </div>
        <ScrollTable label=t(locale, Key::WhatIf)>
            <table class="data" data-testid="what-if-table">
                <thead>
                    <tr>
                        <th><span class="visually-hidden">{t(locale, Key::WhatIfMeasure)}</span></th>
                        <th class="num">{t(locale, Key::IfDropped)}</th>
                        <th class="num">{t(locale, Key::Change)}</th>
                        <th class="num">{t(locale, Key::IfCheaper)}</th>
                        <th class="num">{t(locale, Key::Change)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    }
}

fn signed(change: f64) -> String {
    let text = format::percent(change);
    if change > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}
