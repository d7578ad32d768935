//! Customer lifetime value: the fitted models, predicted value by tier and
//! segment, the holdout check, the probability-alive matrix, the CLV
//! distribution and the retention what-if. When the models cannot be used
//! the section says why and shows historical value.

use crate::chart::{self, Axes, Size};
use crate::clv::model::{Basis, ModelKind};
use crate::clv::value::{ChurnRisk, Clv, ClvSettings, Status, TimeUnit, ValueGroup};
use crate::day::Day;
use crate::format::{self, Locale};
use crate::i18n::{settings_error, t, Key};
use crate::rfm::Segment;
use crate::settings::{self, Field, SettingsError};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::field::field;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn LifetimeValuePanel(clv: Part<Clv>, locale: Locale) -> impl IntoView {
    let c = &*clv;
    let fitted = c.status == Status::Fitted;
    view! {
        <section class="card" aria-labelledby="clv-title">
            <div class="section-head">
                <h2 id="clv-title">{t(locale, Key::ClvTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::ClvHint)}</p>
            <p class="hint">{t(locale, if c.margin_applied { Key::ClvProfit } else { Key::ClvRevenue })}</p>
            {status_note(c.status, locale)}
            <ClvEditor settings=c.settings calibration_end=c.calibration_end locale=locale/>
            {figures(c, locale)}
            {interval_note(c, locale)}
            {fitted.then(|| churn_counts(c, locale))}
            {regularity_note(c, locale)}
            {fitted.then(|| models(c, locale))}
            {model_choice_note(c, locale)}
            {groups_table(&tier_groups(c), Key::Tier, "clv-by-tier", (t(locale, Key::ClvByTier), None), locale)}
            {groups_table(&segment_groups(c, locale), Key::Segment, "clv-by-segment", (t(locale, Key::ClvBySegment), None), locale)}
            {dimension_tables(c, locale)}
            {fitted.then(|| holdout(c, locale))}
            {fitted.then(|| alive_matrix(c, locale))}
            {what_if(c, locale)}
        </section>
    }
}

fn status_note(status: Status, locale: Locale) -> Option<impl IntoView> {
    let key = match status {
        Status::Fitted => return None,
        Status::NoPurchaseLog => Key::ClvNoLog,
        Status::TooFewCustomers => Key::ClvTooFew,
        Status::NoRepeatPurchases => Key::ClvNoRepeat,
        Status::NotConverged => Key::ClvNotConverged,
    };
    Some(
        view! { <p class="note" data-testid="clv-status" data-value=format!("{status:?}")>{t(locale, key)}</p> },
    )
}

fn stat(label: impl Into<String>, testid: &'static str, value: f64, text: String) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat-label">{label.into()}</span>
            <span class="stat-value" data-testid=testid data-value=value.to_string()>{text}</span>
        </div>
    }
}

fn figures(c: &Clv, locale: Locale) -> impl IntoView {
    let months = format!(
        "{} ({} {})",
        t(locale, Key::ClvTotal),
        c.settings.horizon_months,
        t(locale, Key::Months)
    );
    view! {
        <div class="stats">
            {stat(months, "clv-total", c.clv_total, format::grouped(c.clv_total, 0))}
            {stat(t(locale, Key::HistoricalValue), "clv-historical", c.historical_total, format::grouped(c.historical_total, 0))}
            {stat(t(locale, Key::ExpectedPurchases), "clv-expected-purchases", c.expected_purchases_total, format::grouped(c.expected_purchases_total, 0))}
            {stat(t(locale, Key::ClvTop20), "clv-top20", c.top20_share, format::percent(c.top20_share))}
        </div>
    }
}

/// Calibration end, time unit, horizon, discount and what-if points.
#[component]
fn ClvEditor(settings: ClvSettings, calibration_end: Day, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let s = settings;
    let end = RwSignal::new(calibration_end.to_string());
    let horizon = RwSignal::new(s.horizon_months.to_string());
    let discount = RwSignal::new(format!("{}", s.monthly_discount * 100.0));
    let points = RwSignal::new(format!("{}", s.retention_points));
    let unit = RwSignal::new(s.period);
    let model = RwSignal::new(s.model);
    let error = RwSignal::new(None::<String>);
    let apply = move |_| match read_settings(
        &end.get_untracked(),
        unit.get_untracked(),
        &horizon.get_untracked(),
        &discount.get_untracked(),
        &points.get_untracked(),
    )
    .map(|chosen| ClvSettings {
        model: model.get_untracked(),
        ..chosen
    }) {
        Ok(chosen) => {
            error.set(None);
            engine.change_settings(|s| s.clv = chosen);
        }
        Err(e) => error.set(Some(settings_error(locale, &e))),
    };
    let on_unit = move |ev: leptos::ev::Event| {
        unit.set(TimeUnit::parse(&event_target_value(&ev)).unwrap_or_default());
    };
    let option = move |value: &'static str, u: TimeUnit, key: Key| {
        view! { <option value=value selected=s.period == u>{t(locale, key)}</option> }
    };
    let on_model = move |ev: leptos::ev::Event| {
        model.set(ModelKind::parse(&event_target_value(&ev)).ok());
    };
    let models = ModelKind::ALL
        .map(|m| view! { <option value=m.key() selected=s.model == Some(m)>{m.label()}</option> })
        .collect_view();
    view! {
        <div class="rule-editor">
            {field(t(locale, Key::CalibrationEnd), "clv-calibration-end", String::new(), end)}
            <label>{t(locale, Key::ModelPeriod)} " "
                <select data-testid="clv-period" on:change=on_unit>
                    {option("day", TimeUnit::Day, Key::UnitDay)}
                    {option("week", TimeUnit::Week, Key::UnitWeek)}
                    {option("month", TimeUnit::Month, Key::UnitMonth)}
                </select>
            </label>
            <label>{t(locale, Key::Model)} " "
                <select data-testid="clv-model" on:change=on_model>
                    <option value="" selected=s.model.is_none()>{t(locale, Key::ModelAuto)}</option>
                    {models}
                </select>
            </label>
            {field(t(locale, Key::HorizonMonths), "clv-horizon", String::new(), horizon)}
            {field(t(locale, Key::DiscountMonthly), "clv-discount", String::new(), discount)}
            {field(t(locale, Key::RetentionPoints), "clv-retention-points", String::new(), points)}
            <button type="button" class="secondary" data-testid="apply-clv" on:click=apply>{t(locale, Key::Apply)}</button>
            {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </div>
    }
}

/// The CLV settings as typed (the discount in percent), through the one
/// validation.
fn read_settings(
    end: &str,
    period: TimeUnit,
    horizon: &str,
    discount: &str,
    points: &str,
) -> Result<ClvSettings, SettingsError> {
    let chosen = ClvSettings {
        calibration_end: Some(settings::day(Field::CalibrationEnd, end)?),
        period,
        horizon_months: read_horizon(horizon)?,
        monthly_discount: settings::number(Field::Discount, discount)? / 100.0,
        retention_points: settings::number(Field::RetentionPoints, points)?,
        model: None,
    };
    chosen.validate()?;
    Ok(chosen)
}

/// Whole months, as typed.
pub fn read_horizon(text: &str) -> Result<u32, SettingsError> {
    settings::whole(Field::Horizon, text, 1.0, 120.0).map(|months| months as u32)
}

/// A parameter as the papers write it (the same in every language).
fn symbol(name: &str) -> &str {
    match name {
        "alpha" => "α",
        "beta" => "β",
        other => other,
    }
}

fn models(c: &Clv, locale: Locale) -> impl IntoView {
    let cell = |testid: String, value: f64, se: Option<f64>| {
        let se = se.map(|e| format!(" (±{e:.4})")).unwrap_or_default();
        view! { <td class="num" data-testid=testid data-value=value.to_string()>{format!("{value:.4}")}{se}</td> }
    };
    let choice = c.model_choice.clone();
    let figure =
        move |map: fn(
            &crate::clv::model::ModelChoice,
        ) -> &std::collections::BTreeMap<String, f64>,
              key: &str| { choice.as_ref().and_then(|m| map(m).get(key).copied()) };
    let row = |name: &'static str,
               key: &'static str,
               params: Vec<(&'static str, f64, Option<f64>)>,
               ll: Option<f64>,
               converged: bool| {
        let cells = params
            .into_iter()
            .map(|(p, v, se)| view! { <td>{symbol(p)} " = "</td>{cell(format!("clv-{key}-{p}"), v, se)}})
            .collect_view();
        let aic = figure(|m| &m.aic, key).map_or(String::new(), |v| format!("{v:.1}"));
        let mae = figure(|m| &m.holdout_mae, key).map_or(String::new(), |v| format!("{v:.3}"));
        view! {
            <tr>
                <th scope="row">{name}</th>
                {cells}
                <td class="num">
                    {ll.map_or(String::new(), |v| format!("{v:.1}"))}
                    {(!converged).then(|| view! { <span class="field-error">" " {t(locale, Key::NoConvergence)}</span> })}
                </td>
                <td class="num" data-testid=format!("clv-{key}-aic")>{aic}</td>
                <td class="num" data-testid=format!("clv-{key}-holdout-mae")>{mae}</td>
            </tr>
        }
    };
    // BG/NBD and MBG/NBD share their parameters' names.
    let beta_geo = |name,
                    key,
                    [r, alpha, a, b]: [f64; 4],
                    se: Option<crate::clv::bgnbd::Errors>,
                    ll,
                    converged| {
        let params = vec![
            ("r", r, se.map(|e| e.r)),
            ("alpha", alpha, se.map(|e| e.alpha)),
            ("a", a, se.map(|e| e.a)),
            ("b", b, se.map(|e| e.b)),
        ];
        row(name, key, params, Some(ll), converged)
    };
    let bg = c.bgnbd.map(|b| {
        beta_geo(
            "BG/NBD",
            "bgnbd",
            [b.r, b.alpha, b.a, b.b],
            b.se,
            b.log_likelihood,
            b.converged,
        )
    });
    let mbg = c.mbgnbd.map(|b| {
        beta_geo(
            "MBG/NBD",
            "mbgnbd",
            [b.r, b.alpha, b.a, b.b],
            b.se,
            b.log_likelihood,
            b.converged,
        )
    });
    let pn = c.pareto_nbd.map(|p| {
        row(
            "Pareto/NBD",
            "pareto_nbd",
            vec![
                ("r", p.r, p.se.map(|e| e.r)),
                ("alpha", p.alpha, p.se.map(|e| e.alpha)),
                ("s", p.s, p.se.map(|e| e.s)),
                ("beta", p.beta, p.se.map(|e| e.beta)),
            ],
            Some(p.log_likelihood),
            p.converged,
        )
    });
    let gg = c.gamma_gamma.map(|g| {
        row(
            "Gamma-Gamma",
            "gamma_gamma",
            vec![
                ("p", g.p, g.se.map(|e| e.p)),
                ("q", g.q, g.se.map(|e| e.q)),
                ("v", g.v, g.se.map(|e| e.v)),
            ],
            Some(g.log_likelihood),
            g.converged,
        )
    });
    view! {
        <h3>{t(locale, Key::ModelsTitle)}</h3>
        <ScrollTable label=t(locale, Key::ModelsTitle)>
            <table class="data" data-testid="clv-models">
                <thead><tr>
                    <th>{t(locale, Key::Model)}</th><th colspan="8">{t(locale, Key::Parameters)}</th>
                    <th class="num">{t(locale, Key::LogLikelihood)}</th><th class="num">"AIC"</th>
                    <th class="num">{t(locale, Key::HoldoutMae)}</th>
                </tr></thead>
                <tbody>{bg}{mbg}{pn}{gg}</tbody>
            </table>
        </ScrollTable>
        <p class="hint">{t(locale, Key::StandardErrorsHint)}</p>
    }
}

fn tier_groups(c: &Clv) -> Vec<(String, ValueGroup)> {
    c.by_tier
        .iter()
        .map(|g| (g.key.clone(), g.clone()))
        .collect()
}

fn segment_groups(c: &Clv, locale: Locale) -> Vec<(String, ValueGroup)> {
    Segment::ALL
        .iter()
        .zip(&c.by_segment)
        .filter(|(_, g)| g.customers > 0)
        .map(|(s, g)| (s.text(locale).0.to_string(), g.clone()))
        .collect()
}

fn groups_table(
    groups: &[(String, ValueGroup)],
    first: Key,
    testid: &'static str,
    (title, of): (&'static str, Option<String>),
    locale: Locale,
) -> impl IntoView {
    // `of` is a header from the file: data, marked as such.
    let of = of.map(|header| view! { ": " <span data-user-text>{header}</span> });
    let with_interval = groups.iter().any(|(_, g)| g.interval.is_some());
    let rows = groups
        .iter()
        .map(|(name, g)| {
            view! {
                <tr data-key=g.key.clone()>
                    <th scope="row">{name.clone()}</th>
                    <td class="num">{format::count(g.customers)}</td>
                    <td class="num">{format::grouped(g.historical, 0)}</td>
                    <td class="num" data-value=g.clv.to_string()>{format::grouped(g.clv, 0)}</td>
                    <td class="num">{format::percent(g.clv_share)}</td>
                    <td class="num">{format::grouped(g.mean, 2)}</td>
                    <td class="num">{format::grouped(g.median, 2)}</td>
                    <td class="num">{format::grouped(g.p90, 2)}</td>
                    <td class="num">{format::percent(g.mean_p_alive)}</td>
                    {with_interval.then(|| view! { <td class="num">{g.interval.map(interval_range).unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{title}{of}</h3>
        <ScrollTable label=title>
            <table class="data" data-testid=testid>
                <thead><tr>
                    <th>{t(locale, first)}</th>
                    <th class="num">{t(locale, Key::Customers)}</th>
                    <th class="num">{t(locale, Key::HistoricalValue)}</th>
                    <th class="num">"CLV"</th>
                    <th class="num">{t(locale, Key::Share)}</th>
                    <th class="num">{t(locale, Key::Mean)}</th>
                    <th class="num">{t(locale, Key::Median)}</th>
                    <th class="num">{t(locale, Key::P90)}</th>
                    <th class="num">{t(locale, Key::PAlive)}</th>
                    {with_interval.then(|| view! { <th class="num">{t(locale, Key::Interval90)}</th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    }
}

/// CLV by the values of each dimension of the file, largest first.
fn dimension_tables(c: &Clv, locale: Locale) -> impl IntoView {
    c.by_dimension
        .iter()
        .map(|split| {
            let groups: Vec<(String, ValueGroup)> = split
                .groups
                .iter()
                .filter(|g| g.customers > 0)
                .map(|g| (g.key.clone(), g.clone()))
                .collect();
            let title = (t(locale, Key::ClvByValue), Some(split.header.clone()));
            groups_table(&groups, Key::Value, "clv-by-dimension", title, locale)
        })
        .collect_view()
}

fn holdout(c: &Clv, locale: Locale) -> impl IntoView {
    let Some(h) = c.holdout.clone() else {
        return view! {
            <h3>{t(locale, Key::HoldoutTitle)}</h3>
            <p class="note" data-testid="clv-no-holdout">{t(locale, Key::NoHoldout)}</p>
        }
        .into_any();
    };
    let names = [t(locale, Key::Actual), t(locale, Key::Predicted)];
    let groups: Vec<(String, Vec<f64>)> = h
        .buckets
        .iter()
        .map(|b| (b.frequency.clone(), vec![b.actual, b.predicted]))
        .collect();
    let bar_axes = Axes {
        x: t(locale, Key::BucketAxis),
        y: t(locale, Key::MeanHoldout),
        aria: t(locale, Key::HoldoutTitle),
    };
    let bars = chart::grouped_bars_with(
        &names,
        &groups,
        &|v| format!("{v:.1}"),
        &bar_axes,
        fitted(Size::default()),
    );
    let labels: Vec<String> = h.tracking.iter().map(|p| p.day.to_string()).collect();
    let actual: Vec<f64> = h.tracking.iter().map(|p| p.actual).collect();
    let model: Vec<f64> = h.tracking.iter().map(|p| p.predicted).collect();
    let split = h.tracking.iter().position(|p| p.day >= h.calibration_end);
    let line_axes = Axes {
        x: "",
        y: t(locale, Key::Purchases),
        aria: t(locale, Key::TrackingTitle),
    };
    let lines = chart::tracking(
        &labels,
        [(names[0], &actual), (names[1], &model)],
        split,
        &line_axes,
        fitted(Size::default()),
    );
    view! {
        <h3>{t(locale, Key::HoldoutTitle)}</h3>
        <p class="hint">{t(locale, Key::HoldoutHint)} " " {format!("{} – {}", h.calibration_end, h.as_of)}</p>
        <div class="stats">
            {stat(t(locale, Key::Predicted), "clv-holdout-predicted", h.predicted_total, format::grouped(h.predicted_total, 0))}
            {stat(t(locale, Key::Actual), "clv-holdout-actual", h.actual_total, format::grouped(h.actual_total, 0))}
            {stat(t(locale, Key::HoldoutError), "clv-holdout-error", h.error, format!("{:+.1}%", h.error * 100.0))}
            {stat(t(locale, Key::Mae), "clv-holdout-mae", h.mae, format!("{:.3}", h.mae))}
        </div>
        {chart_view(bars, "clv-holdout-chart")}
        <h3>{t(locale, Key::TrackingTitle)}</h3>
        {chart_view(lines, "clv-tracking-chart")}
    }
    .into_any()
}

fn alive_matrix(c: &Clv, locale: Locale) -> Option<impl IntoView> {
    let m = c.alive_matrix.clone()?;
    let head = m
        .recencies
        .iter()
        .map(|r| view! { <th class="num">{format!("{r:.0}")}</th> })
        .collect_view();
    let rows = m
        .frequencies
        .iter()
        .zip(&m.values)
        .map(|(x, row)| {
            let cells = row
                .iter()
                .map(|&p| {
                    let (background, ink) = super::heat::shade(p, super::heat::BLUE);
                    view! {
                        <td class="heat" style:background=background style:color=ink>
                            {format!("{:.0}", p * 100.0)}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("{x:.0}")}</th>{cells}</tr> }
        })
        .collect_view();
    let hint = t(locale, Key::AliveHint).replace("{t}", &format!("{:.0}", m.t));
    Some(view! {
        <h3>{t(locale, Key::AliveTitle)}</h3>
        <p class="hint">{hint}</p>
        <ScrollTable label=t(locale, Key::AliveTitle) class="heat-scroll">
            <table class="heatmap" data-testid="alive-matrix">
                <thead><tr><th><span class="visually-hidden">{t(locale, Key::AliveCorner)}</span></th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    })
}

fn what_if(c: &Clv, locale: Locale) -> Option<impl IntoView> {
    let w = c.what_if.clone()?;
    let sentence = t(locale, Key::WhatIfRetentionText)
        .replace("{now}", &format::percent(w.retention))
        .replace("{after}", &format::percent(w.chosen.retention))
        .replace("{points}", &format!("{}", w.chosen.points))
        .replace("{change}", &format!("{:+.1}%", w.chosen.change * 100.0));
    let rows = w
        .curve
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <td class="num">{format!("+{}", s.points)}</td>
                    <td class="num">{format::percent(s.retention)}</td>
                    <td class="num">{format::grouped(s.clv_total, 0)}</td>
                    <td class="num">{format!("{:+.1}%", s.change * 100.0)}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <h3>{t(locale, Key::WhatIfRetention)}</h3>
        <p data-testid="clv-what-if" data-value=w.chosen.change.to_string()>{sentence}</p>
        <ScrollTable label=t(locale, Key::WhatIfRetention)>
            <table class="data" data-testid="clv-what-if-curve">
                <thead><tr>
                    <th class="num">{t(locale, Key::RetentionPoints)}</th>
                    <th class="num">{t(locale, Key::RetentionAfter)}</th>
                    <th class="num">{t(locale, Key::ClvTotal)}</th>
                    <th class="num">{t(locale, Key::Change)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    })
}

/// "lo – hi" of an interval.
fn interval_range([lo, hi]: [f64; 2]) -> String {
    format!("{} – {}", format::grouped(lo, 0), format::grouped(hi, 0))
}

/// The total's interval in words.
fn interval_note(c: &Clv, locale: Locale) -> Option<impl IntoView> {
    let [lo, hi] = c.clv_total_interval?;
    let text = t(locale, Key::IntervalText)
        .replace("{lo}", &format::grouped(lo, 0))
        .replace("{hi}", &format::grouped(hi, 0));
    Some(view! {
        <p data-testid="clv-total-interval" data-value=format!("{lo},{hi}")>
            {text} " " <span class="hint">{t(locale, Key::IntervalHint)}</span>
        </p>
    })
}

/// The short name of a churn risk.
pub fn churn_name(risk: ChurnRisk, locale: Locale) -> &'static str {
    t(
        locale,
        match risk {
            ChurnRisk::Low => Key::ChurnLowShort,
            ChurnRisk::Medium => Key::ChurnMediumShort,
            ChurnRisk::High => Key::ChurnHighShort,
        },
    )
}

fn churn_counts(c: &Clv, locale: Locale) -> impl IntoView {
    let r = c.churn_risk;
    let count = |key: Key, testid: &'static str, n: usize| {
        stat(t(locale, key), testid, n as f64, format::count(n))
    };
    view! {
        <h3>{t(locale, Key::ChurnRiskTitle)}</h3>
        <div class="stats">
            {count(Key::ChurnLow, "clv-churn-low", r.low)}
            {count(Key::ChurnMedium, "clv-churn-medium", r.medium)}
            {count(Key::ChurnHigh, "clv-churn-high", r.high)}
        </div>
        <p class="hint">{t(locale, Key::NextPurchaseHint)}</p>
    }
}

fn regularity_note(c: &Clv, locale: Locale) -> Option<impl IntoView> {
    let g = c.regularity?;
    let key = if g.regular {
        Key::RegularityRegular
    } else {
        Key::RegularityIrregular
    };
    let text = t(locale, key)
        .replace("{k}", &format!("{:.2}", g.k))
        .replace("{n}", &format::count(g.customers));
    Some(
        view! { <p class="note" data-testid="clv-regularity" data-value=g.k.to_string()>{text}</p> },
    )
}

/// Which model the predictions use, and why, in words.
fn model_choice_note(c: &Clv, locale: Locale) -> Option<impl IntoView> {
    let m = c.model_choice.as_ref()?;
    let key = match m.basis {
        Basis::Holdout => Key::ModelChoiceHoldout,
        Basis::Aic => Key::ModelChoiceAic,
        Basis::Asked => Key::ModelChoiceAsked,
        Basis::AskedUnusable => Key::ModelChoiceUnusable,
    };
    let mae = m.holdout_mae.get(m.chosen.key()).copied().unwrap_or(0.0);
    let text = t(locale, key)
        .replace("{model}", m.chosen.label())
        .replace("{mae}", &format!("{mae:.3}"));
    Some(
        view! { <p class="note" data-testid="clv-model-choice" data-value=m.chosen.key()>{text}</p> },
    )
}
