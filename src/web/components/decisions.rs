//! How the file was read: every choice made on the file's own evidence
//! (a header below line 1, rows left out by status, a unit applied ...),
//! so that no figure rests on a silent guess. The overview shows the
//! short list with a link here; the import report shows each with why.

use crate::format::Locale;
use crate::i18n::{decision_text, t, Key};
use crate::ingest::decision::Decision;
use leptos::prelude::*;

/// The decision's kind, as `input.decisions[].kind` names it.
fn kind(d: &Decision) -> String {
    serde_json::to_value(&d.detail)
        .ok()
        .and_then(|v| v["kind"].as_str().map(String::from))
        .unwrap_or_default()
}

/// Every decision with its reason.
#[component]
pub fn Decisions(decisions: Vec<Decision>, locale: Locale) -> impl IntoView {
    (!decisions.is_empty()).then(|| {
        let items = decisions
            .iter()
            .map(|d| {
                let (what, why) = decision_text(locale, d);
                view! {
                    <li data-kind=kind(d)><strong>{what}</strong> <span class="why">{why}</span></li>
                }
            })
            .collect_view();
        view! {
            <div class="decisions" data-testid="decisions">
                <h3>{t(locale, Key::DecisionsTitle)}</h3>
                <p class="hint">{t(locale, Key::DecisionsHint)}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The short list for the top of the dashboard, linking to the full one.
#[component]
pub fn DecisionsSummary(decisions: Vec<Decision>, locale: Locale) -> impl IntoView {
    (!decisions.is_empty()).then(|| {
        let items = decisions
            .iter()
            .map(|d| view! { <li data-kind=kind(d)>{decision_text(locale, d).0}</li> })
            .collect_view();
        view! {
            <div class="decisions-summary" data-testid="decisions-summary" role="note">
                <a href="#sec-data">{t(locale, Key::DecisionsTitle)}</a>
                <ul>{items}</ul>
            </div>
        }
    })
}
