//! Customer types from key-account practice: super, high-performance,
//! high-potential and risky big accounts, each with its rule stated and
//! its customers listed.

use crate::customer_types::CustomerType;
use crate::customer_types::CustomerTypes;
use crate::day::Day;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::customer_list::CustomerList;
use crate::web::state::Part;
use leptos::prelude::*;

fn names(kind: CustomerType) -> (Key, Key) {
    match kind {
        CustomerType::Super => (Key::TypeSuper, Key::RuleSuper),
        CustomerType::HighPerformance => (Key::TypeHighPerformance, Key::RuleHighPerformance),
        CustomerType::HighPotential => (Key::TypeHighPotential, Key::RuleHighPotential),
        CustomerType::RiskyBig => (Key::TypeRiskyBig, Key::RuleRiskyBig),
    }
}

#[component]
pub fn CustomerTypesPanel(types: Part<CustomerTypes>, as_of: Day, locale: Locale) -> impl IntoView {
    let shown = RwSignal::new(0usize);
    let cards = CustomerType::ALL
        .iter()
        .zip(&types.groups)
        .enumerate()
        .map(|(i, (&kind, group))| {
            let (name, rule) = names(kind);
            view! {
                <button type="button" class=format!("type-card type-{}", kind.key()) class:chosen=move || shown.get() == i
                    on:click=move |_| shown.set(i) aria-pressed=move || (shown.get() == i).to_string()>
                    <span class="type-name">{t(locale, name)}</span>
                    <span class="type-count" data-testid=format!("type-{}", kind.key()) data-value=group.customers.to_string()>
                        {format::count(group.customers)}
                    </span>
                    <span class="type-share">{format::percent(group.revenue_share)} " " {t(locale, Key::RevenueShare)}</span>
                    <span class="type-rule">{t(locale, rule)}</span>
                </button>
            }
        })
        .collect_view();
    let groups = types.clone();
    let list = move || {
        let group = groups.groups.get(shown.get()).cloned();
        group.map(|g| view! { <CustomerList rows=g.list locale=locale testid="type-list" of=Key::TypesTitle/> })
    };
    view! {
        <section class="card" aria-labelledby="types-title">
            <div class="section-head">
                <h2 id="types-title">{t(locale, Key::TypesTitle)}</h2>
            </div>
            <p class="hint">
                {t(locale, Key::TypesHint)} " " {types.settings.window_days} " " {t(locale, Key::Days)}
                " (" {types.previous_from.to_string()} " … " {types.recent_from.to_string()} " … " {as_of.to_string()} ")"
            </p>
            {(!types.trend_available).then(|| view! { <p class="note">{t(locale, Key::NoTrend)}</p> })}
            <div class="type-cards">{cards}</div>
            {list}
        </section>
    }
}
