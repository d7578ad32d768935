//! RFM: the R-by-F grid as a heat map (by customers or by monetary value),
//! the eleven named segments with their actions and customers, and the
//! eight classes of Chinese CRM practice.

use crate::format::{self, Locale};
use crate::i18n::{settings_error, t, Key};
use crate::rfm::Rfm;
use crate::rfm::{self, Class, MonetaryBasis, Segment};
use crate::rfm::{GridCell, Named};
use crate::settings::SettingsError;
use crate::web::components::customer_list::CustomerList;
use crate::web::components::field::field;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn RfmPanel(rfm: Part<Rfm>, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let by_money = RwSignal::new(false);
    let shown = RwSignal::new(0usize);
    let grid = rfm.clone();
    let on_basis = move |ev: leptos::ev::Event| {
        let basis = if event_target_value(&ev) == "aov" {
            MonetaryBasis::AverageOrder
        } else {
            MonetaryBasis::Revenue
        };
        engine.change_settings(|s| s.rfm.monetary = basis);
    };
    let segments = rfm.clone();
    let rows = Segment::ALL
        .iter()
        .zip(rfm.segments.iter())
        .enumerate()
        .map(|(i, (&s, named))| segment_row(i, s, named, shown, locale))
        .collect_view();
    let classes = Class::ALL
        .iter()
        .zip(rfm.classes.iter())
        .map(|(&c, named)| class_row(c, named, locale))
        .collect_view();
    let list = move || {
        segments.segments.get(shown.get()).map(
            |s| view! { <CustomerList rows=s.group.list.clone() locale=locale testid="rfm-list" of=Key::Segment/> },
        )
    };
    let aov = rfm.settings.monetary == MonetaryBasis::AverageOrder;
    view! {
        <section class="card" aria-labelledby="rfm-title">
            <div class="section-head">
                <h2 id="rfm-title">{t(locale, Key::RfmTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::RfmHint)}</p>
            <div class="rule-editor">
                <label>{t(locale, Key::RfmMonetary)} " "
                    <select data-testid="rfm-monetary" on:change=on_basis>
                        <option value="revenue" selected=!aov>{t(locale, Key::NetRevenue)}</option>
                        <option value="aov" selected=aov>{t(locale, Key::AverageOrder)}</option>
                    </select>
                </label>
                <label>{t(locale, Key::ColourBy)} " "
                    <select data-testid="rfm-color-by" on:change=move |ev| by_money.set(event_target_value(&ev) == "money")>
                        <option value="count">{t(locale, Key::Customers)}</option>
                        <option value="money">{t(locale, Key::AverageMonetary)}</option>
                    </select>
                </label>
            </div>
            <BreaksEditor rfm=rfm.clone() locale=locale/>
            {move || grid_view(&grid.grid, by_money.get(), locale)}
            <ScrollTable label=t(locale, Key::Segment)>
                <table class="data segments">
                    <thead><tr>
                        <th>{t(locale, Key::Segment)}</th>
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::RevenueShare)}</th>
                        <th>{t(locale, Key::Action)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            {list}
            <h3>{t(locale, Key::RfmClasses)}</h3>
            <p class="hint">{t(locale, Key::RfmClassesHint)}</p>
            <ScrollTable label=t(locale, Key::RfmClasses)>
                <table class="data">
                    <thead><tr>
                        <th>{t(locale, Key::Segment)}</th>
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::Revenue)}</th>
                        <th class="num">{t(locale, Key::RevenueShare)}</th>
                        <th>{t(locale, Key::Action)}</th>
                    </tr></thead>
                    <tbody>{classes}</tbody>
                </table>
            </ScrollTable>
        </section>
    }
}

/// Breakpoints per measure, four ascending values; empty means quintiles.
#[component]
fn BreaksEditor(rfm: Part<Rfm>, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let text = |b: Option<[f64; 4]>| {
        b.map(|b| b.map(|v| v.to_string()).join(","))
            .unwrap_or_default()
    };
    let used = |b: [f64; 4]| b.map(|v| format::grouped(v, 0).replace(',', "")).join(", ");
    let fields = [
        rfm.settings.recency_breaks,
        rfm.settings.frequency_breaks,
        rfm.settings.monetary_breaks,
    ]
    .map(|b| RwSignal::new(text(b)));
    let placeholders = [
        used(rfm.breaks.recency),
        used(rfm.breaks.frequency),
        used(rfm.breaks.monetary),
    ];
    let error = RwSignal::new(None::<String>);
    let apply = move |_| {
        let parsed: Result<Vec<Option<[f64; 4]>>, SettingsError> = fields
            .iter()
            .map(|f| rfm::parse_breaks(&f.get_untracked()))
            .collect();
        match parsed.as_deref() {
            Ok([r, f, m]) => {
                let (r, f, m) = (*r, *f, *m);
                error.set(None);
                engine.change_settings(|s| {
                    s.rfm.recency_breaks = r;
                    s.rfm.frequency_breaks = f;
                    s.rfm.monetary_breaks = m;
                });
            }
            Ok(_) => {}
            Err(e) => error.set(Some(settings_error(locale, e))),
        }
    };
    let labels = [
        Key::RecencyBreaks,
        Key::FrequencyBreaks,
        Key::MonetaryBreaks,
    ];
    let ids = [
        "rfm-breaks-recency",
        "rfm-breaks-frequency",
        "rfm-breaks-monetary",
    ];
    let inputs = fields
        .into_iter()
        .zip(labels)
        .zip(ids)
        .zip(placeholders)
        .map(|(((value, label), id), placeholder)| field(t(locale, label), id, placeholder, value))
        .collect_view();
    view! {
        <div class="rule-editor">
            {inputs}
            <button type="button" class="secondary" data-testid="apply-rfm" on:click=apply>{t(locale, Key::Apply)}</button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
        <p class="hint">{t(locale, Key::BreaksHint)}</p>
    }
}

fn segment_row(
    i: usize,
    s: Segment,
    named: &Named,
    shown: RwSignal<usize>,
    locale: Locale,
) -> impl IntoView {
    let (name, action) = s.text(locale);
    view! {
        <tr class:chosen=move || shown.get() == i>
            <td><button type="button" class="link" on:click=move |_| shown.set(i)>{name}</button></td>
            <td class="num" data-testid=format!("rfm-segment-{}", s.key()) data-value=named.group.customers.to_string()>
                {format::count(named.group.customers)}
            </td>
            <td class="num">{format::percent(named.group.revenue_share)}</td>
            <td class="action">{action}</td>
        </tr>
    }
}

fn class_row(c: Class, named: &Named, locale: Locale) -> impl IntoView {
    let (zh, en, action_zh, action_en) = c.text();
    let (name, action) = match locale {
        Locale::Zh => (zh.to_string(), action_zh),
        Locale::En => (format!("{zh} · {en}"), action_en),
    };
    view! {
        <tr>
            <td>{name}</td>
            <td class="num" data-testid=format!("rfm-class-{}", c.key()) data-value=named.group.customers.to_string()>
                {format::count(named.group.customers)}
            </td>
            <td class="num">{format::grouped(named.group.revenue, 0)}</td>
            <td class="num">{format::percent(named.group.revenue_share)}</td>
            <td class="action">{action}</td>
        </tr>
    }
}

/// The grid, R 5 at the top, F 1 to 5 across; shade by count or money.
fn grid_view(grid: &[GridCell], by_money: bool, locale: Locale) -> impl IntoView {
    let measure = |c: &GridCell| {
        if by_money {
            c.average_monetary.max(0.0)
        } else {
            c.customers as f64
        }
    };
    let top = grid.iter().map(measure).fold(0.0, f64::max);
    let rows = (1..=5u8)
        .rev()
        .map(|r| {
            let cells = grid
                .iter()
                .filter(|c| c.r == r)
                .map(|c| {
                    let share = if top > 0.0 { measure(c) / top } else { 0.0 };
                    let (background, ink) = super::heat::shade(share, super::heat::BLUE);
                    view! {
                        <td class="heat" style:background=background style:color=ink
                            title=format!("R{} F{}: {} · {}", c.r, c.f, c.customers, format::compact(c.average_monetary, locale))>
                            <strong>{format::count(c.customers)}</strong>
                            <span>{format::compact(c.average_monetary, locale)}</span>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("R{r}")}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <ScrollTable label=t(locale, Key::RfmTitle) class="heat-scroll">
            <table class="heatmap rfm-grid" data-testid="rfm-grid">
                <thead><tr><th><span class="visually-hidden">{t(locale, Key::RfmCorner)}</span></th>{(1..=5).map(|f| view! { <th>{format!("F{f}")}</th> }).collect_view()}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
        <p class="hint">{t(locale, Key::RfmGridHint)}</p>
    }
}
