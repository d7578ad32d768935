//! A compact customer table, shared by every list a manager acts on
//! (loss-makers, a customer type, a loyalty quadrant).

use crate::customer_table::CustomerRow;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::scroll_table::ScrollTable;
use leptos::prelude::*;

#[component]
pub fn CustomerList(
    rows: Vec<CustomerRow>,
    locale: Locale,
    #[prop(into)] testid: String,
    /// What the list holds, named for its scroll region.
    of: Key,
) -> impl IntoView {
    let note = print_cut_note(rows.len(), locale);
    let label = format!("{} · {}", t(locale, of), t(locale, Key::Customers));
    let body = rows
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <td class="num">{c.rank}</td>
                    <td>
                        <div class="customer-id">{c.id.clone()}</div>
                        <div class="customer-name">{c.name.clone().unwrap_or_default()}</div>
                    </td>
                    <td><span class=format!("badge tier-{}", c.tier)>{c.tier.to_string()}</span></td>
                    <td class="num">{format::grouped(c.revenue, 0)}</td>
                    <td class="num" class:negative=c.profit < 0.0>{format::grouped(c.profit, 0)}</td>
                    <td class="num">{c.purchase_days}</td>
                    <td>{c.last_purchase.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable label=label class="short">
            <table class="data print-cut" data-testid=testid>
                <thead>
                    <tr>
                        <th class="num">{t(locale, Key::Rank)}</th>
                        <th>{t(locale, Key::Customer)}</th>
                        <th>{t(locale, Key::Tier)}</th>
                        <th class="num">{t(locale, Key::Revenue)}</th>
                        <th class="num">{t(locale, Key::Profit)}</th>
                        <th class="num">{t(locale, Key::Purchases)}</th>
                        <th>{t(locale, Key::LastPurchase)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </ScrollTable>
        {note}
    }
}

/// The printed report shows a list's first `PRINTED` rows (`print.css`
/// hides the rest of a `table.print-cut`); this line, in print only, says
/// so when there are more.
pub fn print_cut_note(rows: usize, locale: Locale) -> Option<impl IntoView> {
    (rows > PRINTED).then(|| {
        let text = t(locale, Key::PrintCutNote).replace("{n}", &format::count(rows));
        view! { <p class="hint print-only print-cut-note">{text}</p> }
    })
}

/// Rows of a list the printed report keeps (the export has them all).
pub const PRINTED: usize = 20;
