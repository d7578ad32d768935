//! The customer lifecycle: how many customers are new, reactivated,
//! active, dormant (休眠, can be woken) or lost, with editable thresholds,
//! the revenue at risk, and the dormant customers to wake first.

use crate::chart::{self, Axes, Size};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::lifecycle::LifecycleDetail;
use crate::lifecycle::{LifecycleSettings, Stage};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::customer_list::CustomerList;
use crate::web::components::field::field;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

pub fn stage_name(stage: Stage, locale: Locale) -> &'static str {
    t(
        locale,
        match stage {
            Stage::New => Key::StageNew,
            Stage::Reactivated => Key::StageReactivated,
            Stage::Active => Key::StageActive,
            Stage::Dormant => Key::StageDormant,
            Stage::Lost => Key::StageLost,
        },
    )
}

/// Customers per stage (also on the report's first page).
pub fn stages_svg(detail: &LifecycleDetail, locale: Locale) -> String {
    let rows: Vec<(String, f64)> = Stage::ALL
        .iter()
        .zip(&detail.stages)
        .map(|(&s, g)| (stage_name(s, locale).to_string(), g.customers as f64))
        .collect();
    let axes = Axes {
        x: t(locale, Key::Customers),
        y: "",
        aria: t(locale, Key::LifecycleTitle),
    };
    chart::hbars(
        &rows,
        &|v| format::grouped(v, 0),
        &axes,
        fitted(Size::default()),
    )
}

#[component]
pub fn LifecyclePanel(lifecycle: Part<LifecycleDetail>, locale: Locale) -> impl IntoView {
    let detail = &*lifecycle;
    let svg = stages_svg(detail, locale);
    let cards = Stage::ALL
        .iter()
        .zip(&detail.stages)
        .map(|(&s, g)| {
            view! {
                <div class=format!("stat stage-{}", s.key())>
                    <span class="stat-label">{stage_name(s, locale)}</span>
                    <span class="stat-value" data-testid=format!("lifecycle-{}", s.key()) data-value=g.customers.to_string()>
                        {format::count(g.customers)}
                    </span>
                    <span class="stat-note">{format::percent(g.revenue_share)} " " {t(locale, Key::RevenueShare)}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="lifecycle-title">
            <div class="section-head">
                <h2 id="lifecycle-title">{t(locale, Key::LifecycleTitle)}</h2>
            </div>
            <p class="hint">{rule_text(&detail.settings, locale)}</p>
            {(!detail.reactivation_known).then(|| view! { <p class="note">{t(locale, Key::NoReactivation)}</p> })}
            <Thresholds settings=detail.settings locale=locale/>
            <div class="stats">{cards}</div>
            {chart_view(svg, "lifecycle-chart")}
            <h3>{t(locale, Key::WakeUp)}</h3>
            <p class="hint">
                {t(locale, Key::RevenueAtRisk)} ": "
                <strong data-testid="revenue-at-risk" data-value=detail.revenue_at_risk.to_string()>
                    {match detail.revenue_at_risk_known {
                        true => format::grouped(detail.revenue_at_risk, 0),
                        false => "—".to_string(),
                    }}
                </strong>
            </p>
            <CustomerList rows=detail.wake_up.clone() locale=locale testid="wake-up" of=Key::WakeUp/>
        </section>
    }
}

fn rule_text(s: &LifecycleSettings, locale: Locale) -> String {
    t(locale, Key::LifecycleRule)
        .replace("{new}", &s.new_days.to_string())
        .replace("{active}", &s.active_days.to_string())
        .replace("{gap}", &s.gap_days.to_string())
        .replace("{dormant}", &s.dormant_days.to_string())
}

/// The four day thresholds of the rule, then rerun.
#[component]
fn Thresholds(settings: LifecycleSettings, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let fields = [
        settings.new_days,
        settings.active_days,
        settings.gap_days,
        settings.dormant_days,
    ]
    .map(|d| RwSignal::new(d.to_string()));
    let error = RwSignal::new(false);
    let apply = move |_| {
        let days: Vec<String> = fields.iter().map(|f| f.get_untracked()).collect();
        match LifecycleSettings::parse(&days.join(",")) {
            Ok(chosen) => {
                error.set(false);
                engine.change_settings(|s| s.lifecycle = chosen);
            }
            Err(_) => error.set(true),
        }
    };
    let labels = [
        Key::NewDays,
        Key::ActiveDays,
        Key::GapDays,
        Key::DormantDays,
    ];
    let ids = [
        "lifecycle-new-days",
        "lifecycle-active-days",
        "lifecycle-gap-days",
        "lifecycle-dormant-days",
    ];
    let inputs = fields
        .into_iter()
        .zip(labels)
        .zip(ids)
        .map(|((value, label), id)| field(t(locale, label), id, String::new(), value))
        .collect_view();
    view! {
        <div class="rule-editor">
            {inputs}
            <button type="button" class="secondary" data-testid="apply-lifecycle" on:click=apply>{t(locale, Key::Apply)}</button>
            {move || error.get().then(|| view! { <p class="field-error" role="alert">{t(locale, Key::LifecycleError)}</p> })}
        </div>
    }
}
