//! What a customer summary cannot show, and the columns that would show it
//! (`summary::gaps`): a section missing from a summary says why, next to
//! the figures, instead of leaving a manager to wonder.

use crate::format::Locale;
use crate::i18n::{gap_text, t, Key};
use crate::summary::Gap;
use leptos::prelude::*;

#[component]
pub fn SummaryGaps(gaps: Vec<Gap>, locale: Locale) -> impl IntoView {
    (!gaps.is_empty()).then(|| {
        let items = gaps
            .iter()
            .map(|g| view! { <li data-section=g.section.clone()>{gap_text(locale, g)}</li> })
            .collect_view();
        view! {
            <div class="decisions-summary summary-gaps" data-testid="summary-gaps" role="note">
                <strong>{t(locale, Key::SummaryGapsTitle)}</strong>
                <ul>{items}</ul>
                <p class="hint">{t(locale, Key::SummaryGapsHint)}</p>
            </div>
        }
    })
}
