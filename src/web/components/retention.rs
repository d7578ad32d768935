//! Retention: cohorts by the month (or quarter) of their first purchase as
//! a heat map of the share buying in each later period, and the repeat and
//! churn rates with the average lifetime they imply.

use crate::chart::{self, Axes, Size};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::retention::Period;
use crate::retention::Retention;
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn RetentionPanel(retention: Part<Retention>, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let r = &*retention;
    if !r.available {
        return view! {
            <section class="card" aria-labelledby="retention-title">
                <h2 id="retention-title">{t(locale, Key::RetentionTitle)}</h2>
                <p class="note">{t(locale, Key::NoRetention)}</p>
            </section>
        }
        .into_any();
    }
    let quarter = r.period == Period::Quarter;
    let on_period = move |ev: leptos::ev::Event| {
        let period = if event_target_value(&ev) == "quarter" {
            Period::Quarter
        } else {
            Period::Month
        };
        engine.change_settings(|s| s.retention_period = period);
    };
    let width = r.cohorts.iter().map(|c| c.shares.len()).max().unwrap_or(0);
    let head = (0..width)
        .map(|k| view! { <th>{format!("+{k}")}</th> })
        .collect_view();
    let rows = r
        .cohorts
        .iter()
        .map(|c| {
            let cells = c
                .shares
                .iter()
                .map(|&share| {
                    let (background, ink) = super::heat::shade(share, super::heat::GREEN);
                    view! {
                        <td class="heat" style:background=background style:color=ink>
                            {format!("{:.0}%", share * 100.0)}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{c.label.clone()}</th>
                    <td class="num">{format::count(c.customers)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let lifetime = r.expected_lifetime_periods;
    view! {
        <section class="card" aria-labelledby="retention-title">
            <div class="section-head">
                <h2 id="retention-title">{t(locale, Key::RetentionTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::RetentionHint)}</p>
            <div class="rule-editor">
                <label>{t(locale, Key::CohortBy)} " "
                    <select data-testid="cohort-period" on:change=on_period>
                        <option value="month" selected=!quarter>{t(locale, Key::Month)}</option>
                        <option value="quarter" selected=quarter>{t(locale, Key::Quarter)}</option>
                    </select>
                </label>
            </div>
            <div class="stats">
                <div class="stat">
                    <span class="stat-label">{t(locale, Key::RepeatRate)}</span>
                    <span class="stat-value" data-testid="retention-repeat" data-value=r.average_repeat_rate.to_string()>{format::percent(r.average_repeat_rate)}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{t(locale, Key::ChurnRate)}</span>
                    <span class="stat-value" data-testid="retention-churn" data-value=r.average_churn_rate.to_string()>{format::percent(r.average_churn_rate)}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{t(locale, Key::ExpectedLifetime)}</span>
                    <span class="stat-value" data-testid="retention-lifetime" data-value=lifetime.unwrap_or(0.0).to_string()>
                        {lifetime.map_or("–".to_string(), |p| format!("{p:.1}"))} " " {t(locale, if quarter { Key::Quarters } else { Key::Months })}
                    </span>
                </div>
            </div>
            {rates_chart(r, locale)}
            <ScrollTable label=t(locale, Key::RetentionTitle) class="heat-scroll">
                <table class="heatmap cohorts" data-testid="cohort-heatmap">
                    <thead><tr><th>{t(locale, Key::Cohort)}</th><th class="num">{t(locale, Key::Customers)}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        </section>
    }
    .into_any()
}

/// The repeat rate of each period, as a line.
fn rates_chart(r: &Retention, locale: Locale) -> impl IntoView {
    let points: Vec<(String, f64)> = r.rates.iter().map(|x| (x.label.clone(), x.rate)).collect();
    let axes = Axes {
        x: "",
        y: t(locale, Key::RepeatRate),
        aria: t(locale, Key::RepeatRate),
    };
    chart_view(
        chart::period_line(
            &points,
            &axes,
            fitted(Size {
                width: 640,
                height: 240,
            }),
        ),
        "repeat-chart",
    )
}
