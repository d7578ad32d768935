//! ABC tiers: how they are drawn (editable), what each holds (customers,
//! revenue, profit, purchase frequency), and the differentiated service
//! each gets, which the user can rewrite.

use crate::chart::{self, Axes, Size};
use crate::format::{self, Locale};
use crate::i18n::{settings_error, t, Key};
use crate::profit::Profit;
use crate::settings::{self, Field, SettingsError};
use crate::tiers::{Tier, TierRule, TierSummary};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::settings_store::remember_services;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

#[component]
pub fn Tiers(
    tiers: Part<Vec<TierSummary>>,
    rule: TierRule,
    /// For the loss-making customers' row.
    profit: Part<Profit>,
    /// All customers and their revenue: the loss row's shares are of these.
    customers: usize,
    revenue_total: f64,
    locale: Locale,
) -> impl IntoView {
    let groups: Vec<(String, Vec<f64>)> = tiers
        .iter()
        .map(|s| {
            (
                s.tier.to_string(),
                vec![s.customer_share, s.revenue_share, s.profit_share],
            )
        })
        .collect();
    let axes = Axes {
        x: t(locale, Key::Tier),
        y: t(locale, Key::Share),
        aria: t(locale, Key::TiersTitle),
    };
    let series = [
        t(locale, Key::CustomerShare),
        t(locale, Key::RevenueShare),
        t(locale, Key::ProfitShare),
    ];
    let svg = chart::grouped_bars(&series, &groups, &axes, fitted(Size::default()));
    let rows = tiers.iter().map(|s| tier_row(s, locale)).collect_view();
    let p = &*profit;
    let loss = p.loss_row(customers, revenue_total);
    let loss_row = view! {
        <tr class="loss-row">
            <td>{t(locale, Key::LossRow)}</td>
            <td class="num" data-testid="tier-loss" data-value=p.loss_makers.to_string()>{format::count(p.loss_makers)}</td>
            <td class="num">{format::percent(loss.customer_share)}</td>
            <td class="num">{format::grouped(p.loss_revenue, 0)}</td>
            <td class="num">{format::percent(loss.revenue_share)}</td>
            <td class="num negative">{format::grouped(p.loss, 0)}</td>
            <td class="num">{format::percent(loss.profit_share)}</td>
            <td class="num">{format::grouped(loss.average_revenue, 0)}</td>
            <td class="num">"–"</td>
            <td><ServiceText key="loss" tier=None locale=locale/></td>
        </tr>
    };
    view! {
        <section class="card" aria-labelledby="tiers-title">
            <div class="section-head">
                <h2 id="tiers-title">{t(locale, Key::TiersTitle)}</h2>
            </div>
            <p class="hint">{rule_text(rule, locale)}</p>
            <RuleEditor rule=rule locale=locale/>
            {chart_view(svg, "tiers-chart")}
            <ScrollTable label=t(locale, Key::TiersTitle)>
                <table class="data tiers">
                    <thead>
                        <tr>
                            <th>{t(locale, Key::Tier)}</th>
                            <th class="num">{t(locale, Key::Customers)}</th>
                            <th class="num">{t(locale, Key::CustomerShare)}</th>
                            <th class="num">{t(locale, Key::Revenue)}</th>
                            <th class="num">{t(locale, Key::RevenueShare)}</th>
                            <th class="num">{t(locale, Key::Profit)}</th>
                            <th class="num">{t(locale, Key::ProfitShare)}</th>
                            <th class="num">{t(locale, Key::AverageRevenue)}</th>
                            <th class="num">{t(locale, Key::AvgFrequency)}</th>
                            <th>{t(locale, Key::Service)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows}
                        {loss_row}
                    </tbody>
                </table>
            </ScrollTable>
            <p class="hint no-print">{t(locale, Key::EditHint)}</p>
        </section>
    }
}

/// The rule in force, in words, with its two limits.
fn rule_text(rule: TierRule, locale: Locale) -> String {
    let (key, a, b) = match rule {
        TierRule::Cumulative { a, b } => (Key::TiersHint, format::percent(a), format::percent(b)),
        TierRule::TopShare { a, b } => (Key::TiersHintTop, format::percent(a), format::percent(b)),
        TierRule::Revenue { a, b } => (
            Key::TiersHintRevenue,
            format::grouped(a, 0),
            format::grouped(b, 0),
        ),
    };
    t(locale, key).replace("{a}", &a).replace("{b}", &b)
}

fn tier_row(s: &TierSummary, locale: Locale) -> impl IntoView {
    let key = s.tier.to_string();
    view! {
        <tr>
            <td><span class=format!("badge tier-{}", s.tier)>{s.tier.to_string()}</span></td>
            <td class="num" data-testid=format!("tier-{}", s.tier) data-value=s.customers.to_string()>
                {format::count(s.customers)}
            </td>
            <td class="num">{format::percent(s.customer_share)}</td>
            <td class="num">{format::grouped(s.revenue, 0)}</td>
            <td class="num">{format::percent(s.revenue_share)}</td>
            <td class="num" class:negative=s.profit < 0.0>{format::grouped(s.profit, 0)}</td>
            <td class="num">{format::percent(s.profit_share)}</td>
            <td class="num">{format::grouped(s.average_revenue, 0)}</td>
            <td class="num">{format!("{:.1}", s.average_purchase_days)}</td>
            <td><ServiceText key=key tier=Some(s.tier) locale=locale/></td>
        </tr>
    }
}

/// The tier's service recommendation: the user's text, or the default.
#[component]
fn ServiceText(#[prop(into)] key: String, tier: Option<Tier>, locale: Locale) -> impl IntoView {
    let state = use_state();
    let default = crate::i18n::service(tier, locale);
    let text = state
        .services
        .with_untracked(|s| s.get(&key).cloned())
        .unwrap_or_else(|| default.to_string());
    let testid = format!("service-{key}");
    let label = format!("{} {key}", t(locale, Key::Service));
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.services.update(|s| {
            if value.trim().is_empty() {
                s.remove(&key);
            } else {
                s.insert(key.clone(), value);
            }
            remember_services(s);
        });
    };
    view! {
        <textarea class="service" rows=service_rows(&text) data-testid=testid aria-label=label prop:value=text on:change=on_change></textarea>
    }
}

/// Rows enough to show `text` whole in the service column (about 30
/// Latin or 15 Chinese characters a line), where the browser cannot size
/// the box to its text (`field-sizing` in style/main.css).
fn service_rows(text: &str) -> usize {
    let width: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    (width.div_ceil(30) + 1).clamp(3, 12)
}

/// The rule a form's kind and two typed limits say (thousands
/// separators allowed), through the one validation.
pub fn read_rule(kind: &str, a: &str, b: &str) -> Result<TierRule, SettingsError> {
    let limit = |text: &str| settings::number(Field::TierLimits, &text.replace(',', ""));
    TierRule::from_form(kind, limit(a)?, limit(b)?)
}

/// Chooses the tier rule and its two limits, then reruns.
#[component]
fn RuleEditor(rule: TierRule, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let (by, a, b) = rule.form_values();
    let by = RwSignal::new(by.to_string());
    let a = RwSignal::new(crate::format::plain(a));
    let b = RwSignal::new(crate::format::plain(b));
    let error = RwSignal::new(None::<String>);
    let apply =
        move |_| match read_rule(&by.get_untracked(), &a.get_untracked(), &b.get_untracked()) {
            Ok(rule) => {
                error.set(None);
                engine.change_settings(|s| s.tier_rule = rule);
            }
            Err(e) => error.set(Some(settings_error(locale, &e))),
        };
    let labels = move || {
        if by.get() == "revenue" {
            (t(locale, Key::TierMinA), t(locale, Key::TierMinB), "")
        } else {
            (t(locale, Key::TierLimitA), t(locale, Key::TierLimitB), "%")
        }
    };
    view! {
        <div class="rule-editor">
            <label>
                {t(locale, Key::TierRuleLabel)} " "
                <select data-testid="tier-rule" on:change=move |ev| by.set(event_target_value(&ev))>
                    <option value="cumulative" selected=by.get_untracked() == "cumulative">{t(locale, Key::TierCumulative)}</option>
                    <option value="top" selected=by.get_untracked() == "top">{t(locale, Key::TierTop)}</option>
                    <option value="revenue" selected=by.get_untracked() == "revenue">{t(locale, Key::TierRevenue)}</option>
                </select>
            </label>
            <label>
                {move || labels().0} " "
                <input type="text" inputmode="decimal" size="8" data-testid="tier-a" prop:value=move || a.get()
                    on:input=move |ev| a.set(event_target_value(&ev))/>
                {move || labels().2}
            </label>
            <label>
                {move || labels().1} " "
                <input type="text" inputmode="decimal" size="8" data-testid="tier-b" prop:value=move || b.get()
                    on:input=move |ev| b.set(event_target_value(&ev))/>
                {move || labels().2}
            </label>
            <button type="button" class="secondary" data-testid="apply-tiers" on:click=apply>{t(locale, Key::Apply)}</button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
