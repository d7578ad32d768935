//! What was found: the report's first page. The sentences come made from
//! the core (`crate::findings`, both languages); this shows them with the
//! file, its period and the as-of date, and, in print only, the three
//! charts that carry them (the concentration curve, the whale curve and
//! the customers per lifecycle stage), which the screen shows in their
//! own sections.

use crate::analysis::Analysis;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::{lifecycle, pareto, profit};
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn Findings(analysis: Part<Analysis>, file: String, locale: Locale) -> impl IntoView {
    let a = &*analysis;
    let items = a
        .findings
        .iter()
        .map(|f| {
            // A name in a sentence is user text: a text node, never markup.
            view! { <li data-key=f.key.clone() data-value=f.value.to_string()>{f.text(locale).to_string()}</li> }
        })
        .collect_view();
    let period = format!(
        "{} – {}  ·  {} {}",
        format::date(a.first_date, locale),
        format::date(a.last_date, locale),
        t(locale, Key::AsOf),
        format::date(a.as_of, locale)
    );
    let top20 = Some((0.2, a.pareto.top20_share));
    let charts = [
        (
            pareto::curve_svg(&a.pareto, top20, locale),
            Key::ParetoTitle,
        ),
        (profit::whale_svg(&a.profit, locale), Key::ProfitTitle),
        (
            lifecycle::stages_svg(&a.lifecycle_detail, locale),
            Key::LifecycleTitle,
        ),
    ];
    let figures = charts
        .into_iter()
        .map(|(svg, title)| {
            view! {
                <figure class="chart-figure">
                    <figcaption>{t(locale, title)}</figcaption>
                    <div class="chart" inner_html=svg></div>
                </figure>
            }
        })
        .collect_view();
    view! {
        <section class="card findings" aria-labelledby="findings-title" data-testid="findings">
            <div class="section-head">
                <h2 id="findings-title">{t(locale, Key::FindingsTitle)}</h2>
                <span class="meta">{t(locale, Key::ReportFile)} ": " <span data-user-text>{file}</span> "  ·  " {period}</span>
            </div>
            <ol class="findings-list">{items}</ol>
            <div class="findings-charts print-only">{figures}</div>
            <p class="hint">{t(locale, Key::FindingsHint)}</p>
        </section>
    }
}
