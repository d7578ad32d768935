//! Every view split by one category: revenue, tier mix and Pareto per
//! industry, region or account manager.

use crate::chart::{self, Axes, Size};
use crate::dimensions::{Slice, SliceKind, Split};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::scroll_table::ScrollTable;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

fn label(slice: &Slice, locale: Locale) -> String {
    match slice.kind {
        SliceKind::Value => slice.value.clone(),
        SliceKind::Missing => t(locale, Key::NoValue).to_string(),
        SliceKind::Other => t(locale, Key::OtherValues).to_string(),
    }
}

#[component]
pub fn SplitPanel(splits: Part<Vec<Split>>, locale: Locale) -> impl IntoView {
    let state = use_state();
    move || {
        let key = state.split_by.get()?;
        let split = splits.iter().find(|s| s.key == key)?.clone();
        let names: Vec<String> = split.slices.iter().map(|s| label(s, locale)).collect();
        let revenue: Vec<(String, f64)> = names
            .iter()
            .cloned()
            .zip(split.slices.iter().map(|s| s.revenue))
            .collect();
        let mix: Vec<(String, [f64; 3])> = names
            .iter()
            .cloned()
            .zip(split.slices.iter().map(|s| s.tiers.map(|n| n as f64)))
            .collect();
        let curves: Vec<(String, Vec<[f64; 2]>)> = names
            .iter()
            .cloned()
            .zip(split.slices.iter().map(|s| s.curve.clone()))
            .collect();
        let axes = |x: &'static str, y: &'static str| Axes {
            x,
            y,
            aria: t(locale, Key::SplitTitle),
        };
        let money = move |v: f64| format::compact(v, locale);
        let revenue_svg = chart::hbars(
            &revenue,
            &money,
            &axes(t(locale, Key::RevenueByValue), ""),
            fitted(Size::default()),
        );
        let mix_svg = chart::stacked_mix(
            &["A", "B", "C"],
            &mix,
            &axes(t(locale, Key::CustomerShare), ""),
            fitted(Size::default()),
        );
        let curves_svg = chart::lorenz_multi(
            &curves,
            &axes(
                t(locale, Key::AxisCustomerShare),
                t(locale, Key::AxisRevenueShare),
            ),
            fitted(Size::default()),
        );
        let rows = split
            .slices
            .iter()
            .zip(&names)
            .map(|(s, name)| {
                view! {
                    <tr>
                        <td>{name.clone()}</td>
                        <td class="num">{format::count(s.customers)}</td>
                        <td class="num" data-value=s.revenue.to_string()>{format::grouped(s.revenue, 0)}</td>
                        <td class="num">{format::percent(s.revenue_share)}</td>
                        <td class="num" class:negative=s.profit < 0.0>{format::grouped(s.profit, 0)}</td>
                        <td class="num">{s.tiers[0]}</td>
                        <td class="num">{s.tiers[1]}</td>
                        <td class="num">{s.tiers[2]}</td>
                        <td class="num">{format::percent(s.top20_share)}</td>
                        <td class="num">{format!("{:.3}", s.gini)}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card" aria-labelledby="split-title" data-testid="split-panel">
                <div class="section-head">
                    <h2 id="split-title">{t(locale, Key::SplitTitle)} " " <span data-user-text>{split.header.clone()}</span></h2>
                </div>
                <p class="hint">{t(locale, Key::SplitHint)}</p>
                <ScrollTable label=t(locale, Key::SplitTitle)>
                    <table class="data" data-testid="split-table">
                        <thead>
                            <tr>
                                <th>{t(locale, Key::Value)}</th>
                                <th class="num">{t(locale, Key::Customers)}</th>
                                <th class="num">{t(locale, Key::Revenue)}</th>
                                <th class="num">{t(locale, Key::RevenueShare)}</th>
                                <th class="num">{t(locale, Key::Profit)}</th>
                                <th class="num">"A"</th>
                                <th class="num">"B"</th>
                                <th class="num">"C"</th>
                                <th class="num">{t(locale, Key::Top20Share)}</th>
                                <th class="num">{t(locale, Key::Gini)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ScrollTable>
                <div class="two-columns">
                    <div><h3>{t(locale, Key::RevenueByValue)}</h3>{chart_view(revenue_svg, "split-revenue-chart")}</div>
                    <div><h3>{t(locale, Key::TierMix)}</h3>{chart_view(mix_svg, "split-mix-chart")}</div>
                </div>
                <h3>{t(locale, Key::ParetoByValue)}</h3>
                {chart_view(curves_svg, "split-pareto-chart")}
            </section>
        })
    }
}
