//! Loyalty versus profitability: the four quadrants (true friends,
//! butterflies, barnacles, strangers), the lines that split them (the
//! medians unless the user sets their own), and the customers in each.

use crate::chart::{self, Axes, Size};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::loyalty::Loyalty;
use crate::loyalty::{LoyaltyAxis, Quadrant};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::customer_list::CustomerList;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

fn name(q: Quadrant) -> Key {
    match q {
        Quadrant::TrueFriends => Key::TrueFriends,
        Quadrant::Butterflies => Key::Butterflies,
        Quadrant::Barnacles => Key::Barnacles,
        Quadrant::Strangers => Key::Strangers,
    }
}

#[component]
pub fn LoyaltyPanel(loyalty: Part<Loyalty>, locale: Locale) -> impl IntoView {
    let l = &*loyalty;
    let axis_name = match l.axis {
        LoyaltyAxis::Tenure => t(locale, Key::AxisTenure),
        LoyaltyAxis::Frequency => t(locale, Key::AxisFrequency),
    };
    let axes = Axes {
        x: axis_name,
        y: t(locale, Key::Profit),
        aria: t(locale, Key::LoyaltyTitle),
    };
    let names = Quadrant::ALL.map(|q| t(locale, name(q)));
    let money = move |v: f64| format::compact(v, locale);
    let plain = |v: f64| format::grouped(v, 0);
    let svg = chart::quadrant(
        &l.points,
        (l.loyalty_split, l.profit_split),
        &names,
        &plain,
        &money,
        &axes,
        fitted(Size::default()),
    );
    let shown = RwSignal::new(0usize);
    let rows = Quadrant::ALL
        .iter()
        .zip(&l.groups)
        .enumerate()
        .map(|(i, (&q, g))| {
            view! {
                <tr class:chosen=move || shown.get() == i>
                    <td><button type="button" class="link" on:click=move |_| shown.set(i)>{t(locale, name(q))}</button></td>
                    <td class="num" data-testid=format!("quadrant-{}", q.key()) data-value=g.customers.to_string()>{format::count(g.customers)}</td>
                    <td class="num">{format::grouped(g.revenue, 0)}</td>
                    <td class="num">{format::percent(g.revenue_share)}</td>
                    <td class="num" class:negative=g.profit < 0.0>{format::grouped(g.profit, 0)}</td>
                </tr>
            }
        })
        .collect_view();
    let groups = loyalty.clone();
    let list = move || {
        groups
            .groups
            .get(shown.get())
            .cloned()
            .map(|g| view! { <CustomerList rows=g.list locale=locale testid="quadrant-list" of=Key::LoyaltyTitle/> })
    };
    view! {
        <section class="card" aria-labelledby="loyalty-title">
            <div class="section-head">
                <h2 id="loyalty-title">{t(locale, Key::LoyaltyTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::LoyaltyHint)}</p>
            <SplitEditor loyalty=loyalty.clone() locale=locale/>
            {chart_view(svg, "loyalty-chart")}
            <ScrollTable label=t(locale, Key::LoyaltyTitle)>
                <table class="data">
                    <thead>
                        <tr>
                            <th><span class="visually-hidden">{t(locale, Key::LoyaltyQuadrant)}</span></th>
                            <th class="num">{t(locale, Key::Customers)}</th>
                            <th class="num">{t(locale, Key::Revenue)}</th>
                            <th class="num">{t(locale, Key::RevenueShare)}</th>
                            <th class="num">{t(locale, Key::Profit)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            {list}
        </section>
    }
}

/// The loyalty axis and the two lines; an empty line means the median.
#[component]
fn SplitEditor(loyalty: Part<Loyalty>, locale: Locale) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    let l = &*loyalty;
    let settings = state.request.with_untracked(|r| r.settings.loyalty);
    let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let loyalty_line = RwSignal::new(text(settings.loyalty_split));
    let profit_line = RwSignal::new(text(settings.profit_split));
    let axis = RwSignal::new(l.axis);
    let apply = move |_| {
        let line = |s: String| {
            s.trim()
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
        };
        let (lx, px) = (
            line(loyalty_line.get_untracked()),
            line(profit_line.get_untracked()),
        );
        let chosen = axis.get_untracked();
        engine.change_settings(|s| {
            s.loyalty.axis = chosen;
            s.loyalty.loyalty_split = lx;
            s.loyalty.profit_split = px;
        });
    };
    let on_axis = move |ev: leptos::ev::Event| {
        axis.set(if event_target_value(&ev) == "frequency" {
            LoyaltyAxis::Frequency
        } else {
            LoyaltyAxis::Tenure
        });
    };
    let median = format!(
        "{} {}",
        t(locale, Key::Median),
        format::grouped(l.loyalty_split, 0)
    );
    let median_profit = format!(
        "{} {}",
        t(locale, Key::Median),
        format::grouped(l.profit_split, 0)
    );
    view! {
        <div class="rule-editor">
            <label>{t(locale, Key::LoyaltyAxisLabel)} " "
                <select data-testid="loyalty-axis" on:change=on_axis>
                    <option value="tenure" selected=l.axis == LoyaltyAxis::Tenure>{t(locale, Key::AxisTenure)}</option>
                    <option value="frequency" selected=l.axis == LoyaltyAxis::Frequency>{t(locale, Key::AxisFrequency)}</option>
                </select>
            </label>
            <label>{t(locale, Key::LoyaltySplit)} " "
                <input type="text" inputmode="decimal" size="8" placeholder=median data-testid="loyalty-split"
                    prop:value=move || loyalty_line.get() on:input=move |ev| loyalty_line.set(event_target_value(&ev))/>
            </label>
            <label>{t(locale, Key::ProfitSplit)} " "
                <input type="text" inputmode="decimal" size="10" placeholder=median_profit data-testid="profit-split"
                    prop:value=move || profit_line.get() on:input=move |ev| profit_line.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="secondary" data-testid="apply-loyalty" on:click=apply>{t(locale, Key::Apply)}</button>
        </div>
    }
}
