//! Concentration risk: shares of the largest accounts and the HHI, with the
//! dependency warning when one customer passes the threshold.

use crate::concentration::Concentration;
use crate::customer_table::CustomerRow;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn ConcentrationPanel(
    concentration: Part<Concentration>,
    largest: Option<CustomerRow>,
    locale: Locale,
) -> impl IntoView {
    let c = &*concentration;
    let rows = [
        (t(locale, Key::Top1), c.top1_share, "top1"),
        (t(locale, Key::Top5), c.top5_share, "top5"),
        (t(locale, Key::Top10), c.top10_share, "top10"),
    ]
    .into_iter()
    .map(|(label, share, id)| {
        view! {
            <div class="meter-row">
                <span class="meter-label">{label}</span>
                <div class="meter" role="img" aria-label=format!("{label}: {}", format::percent(share))>
                    <span style:width=format!("{:.3}%", share.clamp(0.0, 1.0) * 100.0)></span>
                </div>
                <span class="num" data-testid=format!("concentration-{id}") data-value=share.to_string()>
                    {format::percent(share)}
                </span>
            </div>
        }
    })
    .collect_view();
    let warning = c.dependency_warning.then(|| {
        let who = largest
            .map(|row| {
                let name = row.name.map(|n| format!(" · {n}")).unwrap_or_default();
                format!("{}{name}: {}", row.id, format::percent(row.share))
            })
            .unwrap_or_default();
        view! {
            <div class="warning" role="alert" data-testid="dependency-warning">
                <strong>"⚠ " {t(locale, Key::DependencyWarning)} " (" {format::percent(c.threshold)} ")"</strong>
                <p>{who}</p>
            </div>
        }
    });
    view! {
        <section class="card" aria-labelledby="concentration-title">
            <div class="section-head">
                <h2 id="concentration-title">{t(locale, Key::Concentration)}</h2>
            </div>
            {warning}
            <div class="meters">{rows}</div>
            <p class="hhi">
                {t(locale, Key::Hhi)} ": "
                <strong data-testid="concentration-hhi" data-value=c.hhi.to_string()>{format!("{:.4}", c.hhi)}</strong>
            </p>
        </section>
    }
}
