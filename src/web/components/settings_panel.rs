//! Every setting in one panel: tier cut-offs, lifecycle thresholds, the
//! as-of date, CLV horizon and discount, the assumed margin and the
//! currency. One Apply reruns the analysis with all of them; they are kept
//! in this browser's localStorage (never the data) and used for every file
//! opened afterwards.

use crate::day::Day;
use crate::format::{Currency, Locale};
use crate::i18n::{settings_error, t, Key};
use crate::lifecycle::LifecycleSettings;
use crate::settings::{self, Field, Settings, SettingsError};
use crate::web::components::lifetime_value::read_horizon;
use crate::web::components::tiers::read_rule;
use crate::web::engine::use_engine;
use crate::web::settings_store;
use crate::web::state::use_state;
use leptos::prelude::*;

/// The form's text, as typed.
#[derive(Clone, Copy)]
struct Form {
    as_of: RwSignal<String>,
    tier_by: RwSignal<String>,
    tier_a: RwSignal<String>,
    tier_b: RwSignal<String>,
    dependency: RwSignal<String>,
    lifecycle: [RwSignal<String>; 4],
    horizon: RwSignal<String>,
    discount: RwSignal<String>,
    margin: RwSignal<String>,
    currency: RwSignal<Currency>,
}

impl Form {
    fn from(settings: &Settings, currency: Currency) -> Form {
        let text = |v: f64| RwSignal::new(crate::format::plain(v));
        let (by, a, b) = settings.tier_rule.form_values();
        let l = settings.lifecycle;
        Form {
            as_of: RwSignal::new(settings.as_of.map(|d| d.to_string()).unwrap_or_default()),
            tier_by: RwSignal::new(by.to_string()),
            tier_a: text(a),
            tier_b: text(b),
            dependency: text(settings.dependency_threshold * 100.0),
            lifecycle: [l.new_days, l.active_days, l.gap_days, l.dormant_days]
                .map(|d| RwSignal::new(d.to_string())),
            horizon: RwSignal::new(settings.clv.horizon_months.to_string()),
            discount: text(settings.clv.monthly_discount * 100.0),
            margin: text(settings.assumed_margin * 100.0),
            currency: RwSignal::new(currency),
        }
    }

    /// The settings the form says, on top of `base`, or what is wrong:
    /// the typed text is read here, and bounds are checked by
    /// `Settings::validate`, as for the CLI.
    fn read(&self, base: &Settings) -> Result<Settings, SettingsError> {
        let mut s = base.clone();
        let text = |field: RwSignal<String>| field.get_untracked();
        let percent = |field: Field, typed: RwSignal<String>| {
            let typed = text(typed);
            settings::number(field, typed.trim().trim_end_matches('%')).map(|v| v / 100.0)
        };
        s.as_of = match text(self.as_of).trim() {
            "" => None,
            typed => Some(settings::day(Field::AsOf, typed)?),
        };
        s.tier_rule = read_rule(&text(self.tier_by), &text(self.tier_a), &text(self.tier_b))?;
        s.dependency_threshold = percent(Field::Dependency, self.dependency)?;
        s.lifecycle = LifecycleSettings::parse(&self.lifecycle.map(text).join(","))?;
        s.clv.horizon_months = read_horizon(&text(self.horizon))?;
        s.clv.monthly_discount = percent(Field::Discount, self.discount)?;
        s.assumed_margin = percent(Field::Margin, self.margin)?;
        s.clone().validate()?;
        Ok(s)
    }
}

/// A number as a user would type it: no trailing zeros.
#[component]
pub fn SettingsPanel(
    /// The file's last purchase: the as-of date when none is set.
    last_date: Day,
    locale: Locale,
) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    let current = state.request.get_untracked().settings;
    let form = Form::from(&current, state.currency.get_untracked());
    let error = RwSignal::new(None::<String>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let base = state.request.get_untracked().settings;
        match form.read(&base) {
            Ok(settings) => {
                let currency = form.currency.get_untracked();
                error.set(None);
                engine.change_settings(|s| *s = settings);
                // Last: a new currency redraws the page, this panel too.
                settings_store::remember_currency(currency);
                state.currency.set(currency);
            }
            Err(e) => error.set(Some(settings_error(locale, &e))),
        }
    };
    let reset = move |_| {
        engine.change_settings(|s| {
            *s = Settings {
                filter: s.filter.take(),
                ..Settings::default()
            }
        });
        settings_store::forget_settings();
        state.currency.set(Currency::None);
    };
    let as_of_hint = format!("{} {}", t(locale, Key::AsOfHint), last_date);
    view! {
        <section class="card settings" aria-labelledby="settings-title">
            <div class="section-head">
                <h2 id="settings-title">{t(locale, Key::NavSettings)}</h2>
                <span class="meta">{t(locale, Key::SettingsHint)}</span>
            </div>
            <form class="settings-form" on:submit=apply data-testid="settings-form">
                <fieldset>
                    <legend>{t(locale, Key::AsOfLegend)}</legend>
                    <label>{t(locale, Key::AsOfLegend)}
                        <input type="date" data-testid="settings-as-of" prop:value=move || form.as_of.get()
                            on:input=move |ev| form.as_of.set(event_target_value(&ev))/>
                    </label>
                    <p class="field-hint">{as_of_hint}</p>
                </fieldset>
                <TierFields form=form locale=locale/>
                <LifecycleFields form=form locale=locale/>
                <fieldset>
                    <legend>{t(locale, Key::ClvTitle)}</legend>
                    {text_field(t(locale, Key::HorizonMonths), "settings-horizon", form.horizon, "")}
                    {text_field(t(locale, Key::DiscountMonthly), "settings-discount", form.discount, "")}
                </fieldset>
                <fieldset>
                    <legend>{t(locale, Key::MoneyLegend)}</legend>
                    {text_field(t(locale, Key::AssumedMargin), "settings-margin", form.margin, "")}
                    <CurrencyField locale=locale chosen=form.currency/>
                </fieldset>
                <div class="settings-actions">
                    <button type="submit" class="button primary" data-testid="settings-apply">{t(locale, Key::ApplyAll)}</button>
                    <button type="button" class="button" data-testid="settings-reset" on:click=reset>{t(locale, Key::ResetDefaults)}</button>
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="settings-error">{e}</p> })}
                </div>
            </form>
        </section>
    }
}

/// `<label>LABEL <input> UNIT</label>` bound to `value`.
fn text_field(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
    unit: &'static str,
) -> impl IntoView {
    view! {
        <label>{label}
            <span class="with-unit">
                <input type="text" inputmode="decimal" size="8" data-testid=testid
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                {unit}
            </span>
        </label>
    }
}

#[component]
fn TierFields(form: Form, locale: Locale) -> impl IntoView {
    let by = form.tier_by;
    let revenue = move || by.get() == "revenue";
    let option = move |value: &'static str, key: Key| {
        view! { <option value=value selected=by.get_untracked() == value>{t(locale, key)}</option> }
    };
    view! {
        <fieldset>
            <legend>{t(locale, Key::TiersTitle)}</legend>
            <label>{t(locale, Key::TierRuleLabel)}
                <select data-testid="settings-tier-rule" on:change=move |ev| by.set(event_target_value(&ev))>
                    {option("cumulative", Key::TierCumulative)}
                    {option("top", Key::TierTop)}
                    {option("revenue", Key::TierRevenue)}
                </select>
            </label>
            {move || {
                let (a, b, unit) = if revenue() {
                    (Key::TierMinA, Key::TierMinB, "")
                } else {
                    (Key::TierLimitA, Key::TierLimitB, "%")
                };
                view! {
                    {text_field(t(locale, a), "settings-tier-a", form.tier_a, unit)}
                    {text_field(t(locale, b), "settings-tier-b", form.tier_b, unit)}
                }
            }}
            {text_field(t(locale, Key::DependencyThreshold), "settings-dependency", form.dependency, "%")}
        </fieldset>
    }
}

#[component]
fn LifecycleFields(form: Form, locale: Locale) -> impl IntoView {
    let names = [
        (Key::NewDays, "settings-new-days"),
        (Key::ActiveDays, "settings-active-days"),
        (Key::GapDays, "settings-gap-days"),
        (Key::DormantDays, "settings-dormant-days"),
    ];
    let fields = names
        .into_iter()
        .zip(form.lifecycle)
        .map(|((key, testid), value)| text_field(t(locale, key), testid, value, ""))
        .collect_view();
    view! {
        <fieldset>
            <legend>{t(locale, Key::LifecycleThresholds)}</legend>
            {fields}
        </fieldset>
    }
}

/// Only how money is shown: nothing is recomputed for it.
#[component]
fn CurrencyField(locale: Locale, chosen: RwSignal<Currency>) -> impl IntoView {
    let now = chosen.get_untracked();
    let options = Currency::ALL
        .into_iter()
        .map(|c| {
            let label = match c {
                Currency::None => t(locale, Key::NoCurrency).to_string(),
                c => format!("{} {}", c.code(), c.symbol()),
            };
            view! { <option value=c.code() selected=c == now>{label}</option> }
        })
        .collect_view();
    view! {
        <label>{t(locale, Key::Currency)}
            <select data-testid="settings-currency"
                on:change=move |ev| chosen.set(Currency::from_code(&event_target_value(&ev)))>{options}</select>
        </label>
    }
}
