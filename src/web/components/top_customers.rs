//! The largest customers, ranked by net revenue, with their tier.

use crate::analysis::CustomerRow;
use crate::format::{self, Locale};
use crate::web::download;
use crate::web::i18n::{t, Key};
use crate::web::state::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn TopCustomers(loaded: Arc<Loaded>, locale: Locale) -> impl IntoView {
    let rows = loaded.analysis.top_customers.iter().map(row).collect_view();
    let has_region = loaded.analysis.input.columns.contains_key("region");
    let has_manager = loaded
        .analysis
        .input
        .columns
        .contains_key("account_manager");
    let export = {
        let loaded = loaded.clone();
        move |_| {
            let name = format!("{}.customers.csv", loaded.file);
            if let Err(e) = download::save(&name, "text/csv;charset=utf-8", &loaded.customers_csv) {
                leptos::logging::error!("download failed: {e}");
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="top-title">
            <div class="section-head">
                <h2 id="top-title">{t(locale, Key::TopCustomers)}</h2>
                <span class="meta">{t(locale, Key::TopCustomersHint)}</span>
                <button class="button" data-testid="export-csv" on:click=export>{t(locale, Key::ExportCsv)}</button>
            </div>
            <div class="table-scroll">
                <table class="data customers" data-testid="customer-table"
                    class:no-region=!has_region class:no-manager=!has_manager>
                    <thead>
                        <tr>
                            <th class="num">{t(locale, Key::Rank)}</th>
                            <th>{t(locale, Key::Customer)}</th>
                            <th class="col-region">{t(locale, Key::Region)}</th>
                            <th class="col-manager">{t(locale, Key::Manager)}</th>
                            <th>{t(locale, Key::Tier)}</th>
                            <th class="num">{t(locale, Key::Revenue)}</th>
                            <th class="num">{t(locale, Key::Share)}</th>
                            <th class="num">{t(locale, Key::Cumulative)}</th>
                            <th class="num">{t(locale, Key::Purchases)}</th>
                            <th>{t(locale, Key::LastPurchase)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn row(c: &CustomerRow) -> impl IntoView {
    view! {
        <tr>
            <td class="num">{c.rank}</td>
            <td>
                <div class="customer-id">{c.id.clone()}</div>
                <div class="customer-name">{c.name.clone().unwrap_or_default()}</div>
            </td>
            <td class="col-region">{c.region.clone().unwrap_or_default()}</td>
            <td class="col-manager">{c.account_manager.clone().unwrap_or_default()}</td>
            <td><span class=format!("badge tier-{}", c.tier)>{c.tier.to_string()}</span></td>
            <td class="num">{format::grouped(c.revenue, 2)}</td>
            <td class="num">{format::percent(c.share)}</td>
            <td class="num">{format::percent(c.cumulative_share)}</td>
            <td class="num">{c.purchase_days}</td>
            <td>{c.last_purchase.to_string()}</td>
        </tr>
    }
}
