//! Who to call: the valuable customers at risk (`call_list`), filtered by
//! account manager and downloadable as CSV. The list is the analysis's;
//! this only shows and filters it.

use crate::call_list::{self, Call, Reason};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::customer_list::print_cut_note;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::download;
use crate::web::state::Part;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Rows shown at once; the download has them all.
const SHOWN: usize = 50;

#[component]
pub fn CallList(calls: Part<Vec<Call>>, locale: Locale) -> impl IntoView {
    let manager = RwSignal::new(None::<String>);
    let managers: BTreeSet<String> = calls
        .iter()
        .filter_map(|c| c.customer.account_manager.clone())
        .collect();
    let options = managers
        .into_iter()
        .map(|m| {
            let label = m.clone();
            view! { <option value=m>{label}</option> }
        })
        .collect_view();
    let on_manager = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        manager.set(Some(value).filter(|v| !v.is_empty()));
    };
    let download = {
        let calls = calls.clone();
        move |_| {
            let chosen = manager.get_untracked();
            let csv = crate::call_list::csv(call_list::of_manager(&calls, chosen.as_deref()));
            if let Err(e) =
                download::save("tierlens-who-to-call.csv", "text/csv;charset=utf-8", &csv)
            {
                leptos::logging::error!("download failed: {e}");
            }
        }
    };
    let counter = |calls: Part<Vec<Call>>| {
        move || {
            let chosen = manager.get();
            call_list::of_manager(&calls, chosen.as_deref()).count()
        }
    };
    let (count, shown_count) = (counter(calls.clone()), counter(calls.clone()));
    let printed = counter(calls.clone());
    let rows = move || {
        let chosen = manager.get();
        let kept: Vec<&Call> = call_list::of_manager(&calls, chosen.as_deref()).collect();
        if kept.is_empty() {
            return view! { <tr><td colspan="8" class="empty">{t(locale, Key::CallListEmpty)}</td></tr> }.into_any();
        }
        kept.iter()
            .take(SHOWN)
            .map(|c| call_row(c, locale))
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card" aria-labelledby="call-list-title" data-testid="call-list-section">
            <div class="section-head">
                <h2 id="call-list-title">{t(locale, Key::CallListTitle)}</h2>
                <span class="meta" data-testid="call-list-count" data-value=move || count().to_string()>
                    {move || format!("{} {}", format::count(shown_count()), t(locale, Key::CallListCount))}
                </span>
                <button class="button" data-testid="export-call-list" on:click=download>{t(locale, Key::ExportCallList)}</button>
            </div>
            <p class="hint">{t(locale, Key::CallListHint)}</p>
            <label>{t(locale, Key::AccountManager)} " "
                <select data-testid="call-list-manager" on:change=on_manager>
                    <option value="">{t(locale, Key::Any)}</option>
                    {options}
                </select>
            </label>
            <ScrollTable label=t(locale, Key::CallListTitle)>
                <table class="data print-cut" data-testid="call-list">
                    <thead><tr>
                        <th>{t(locale, Key::Customer)}</th>
                        <th>{t(locale, Key::AccountManager)}</th>
                        <th>{t(locale, Key::Tier)}</th>
                        <th>{t(locale, Key::CallReasons)}</th>
                        <th class="num">{t(locale, Key::ValueAtStake)}</th>
                        <th class="num">{t(locale, Key::PAlive)}</th>
                        <th class="num">{t(locale, Key::PPurchase90d)}</th>
                        <th>{t(locale, Key::LastPurchase)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            {move || print_cut_note(printed(), locale)}
        </section>
    }
}

fn reason_text(reason: Reason, locale: Locale) -> &'static str {
    match reason {
        Reason::HighChurnRisk => t(locale, Key::ReasonHighChurn),
        Reason::Fading => t(locale, Key::ReasonFading),
    }
}

fn call_row(call: &Call, locale: Locale) -> impl IntoView {
    let row = &call.customer;
    let reasons: Vec<&str> = call
        .reasons
        .iter()
        .map(|r| reason_text(*r, locale))
        .collect();
    let p = row.prediction;
    view! {
        <tr data-id=row.id.clone()>
            <td class="who">
                <span class="customer-id">{row.id.clone()}</span>
                <span class="customer-name" data-user-text>{row.name.clone().unwrap_or_default()}</span>
            </td>
            <td data-user-text>{row.account_manager.clone().unwrap_or_default()}</td>
            <td><span class=format!("badge tier-{}", row.tier)>{row.tier.to_string()}</span></td>
            <td>{reasons.join(locale_separator(locale))}</td>
            <td class="num" data-value=call.value_at_stake.to_string()>{format::grouped(call.value_at_stake, 0)}</td>
            <td class="num">{p.map(|p| format::percent(p.p_alive)).unwrap_or_default()}</td>
            <td class="num">{p.map(|p| format::percent(p.p_purchase_90d)).unwrap_or_default()}</td>
            <td>{row.last_purchase.to_string()}</td>
        </tr>
    }
}

/// Between two reasons.
fn locale_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "; ",
        Locale::Zh => "；",
    }
}
