//! The Pareto view: the concentration (Lorenz) curve with the equality
//! line, and a readout "the top x% of customers bring y% of revenue" for
//! any x the user picks, read from the core's exact table of shares.

use crate::chart::{self, Axes, Size};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::pareto::{Pareto, READOUT_STEPS};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::state::Part;
use leptos::prelude::*;

/// The concentration curve, with the point `pick` marked (also on the
/// report's first page).
pub fn curve_svg(pareto: &Pareto, pick: Option<(f64, f64)>, locale: Locale) -> String {
    let axes = Axes {
        x: t(locale, Key::AxisCustomerShare),
        y: t(locale, Key::AxisRevenueShare),
        aria: t(locale, Key::ParetoTitle),
    };
    chart::lorenz(&pareto.curve, pick, &axes, fitted(Size::default()))
}

#[component]
pub fn ParetoPanel(pareto: Part<Pareto>, locale: Locale) -> impl IntoView {
    let pick = RwSignal::new(20.0f64);
    let shares = pareto.clone();
    // x in steps of 0.1%: the core's table holds each step exactly.
    let readout = Memo::new(move |_| {
        let x = pick.get().clamp(0.1, 100.0);
        let step = ((x / 100.0) * READOUT_STEPS as f64).round() as usize;
        (
            x / 100.0,
            shares.top_shares.get(step).copied().unwrap_or(0.0),
        )
    });
    let curve = pareto.clone();
    let svg = move || curve_svg(&curve, Some(readout.get()), locale);
    let on_input = move |ev: leptos::ev::Event| {
        if let Ok(x) = event_target_value(&ev).parse::<f64>() {
            if x.is_finite() && x > 0.0 {
                pick.set(x.min(100.0));
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="pareto-title">
            <div class="section-head">
                <h2 id="pareto-title">{t(locale, Key::ParetoTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::ParetoHint)}</p>
            <div class="readout">
                <label>
                    {t(locale, Key::ReadoutPick)} " "
                    <input type="number" min="0.1" max="100" step="0.1" value="20"
                        data-testid="pareto-readout-input" on:input=on_input/>
                </label>
                <p>
                    {t(locale, Key::ReadoutA)}
                    <strong>{move || format::percent(readout.get().0)}</strong>
                    {t(locale, Key::ReadoutB)}
                    <strong data-testid="pareto-readout" data-value=move || readout.get().1.to_string()>
                        {move || format::percent(readout.get().1)}
                    </strong>
                    {t(locale, Key::ReadoutC)}
                </p>
            </div>
            {move || chart_view(svg(), "pareto-chart")}
            <p class="figures">
                <span data-testid="pareto-k80" data-value=pareto.customers_for_80pct_share.to_string()>
                    {format::count(pareto.customers_for_80pct_share)}
                </span>
                " " {t(locale, Key::Customers80)} " (" {format::percent(pareto.customers_for_80pct_fraction)} ")  ·  "
                {t(locale, Key::Gini)} " " <strong>{format!("{:.3}", pareto.gini)}</strong>
            </p>
        </section>
    }
}
