//! The progress bar while a file is read and analysed, and the error banner.

use crate::format::Locale;
use crate::web::i18n::{failure_text, t, Key};
use crate::web::state::{use_state, Phase, Step};
use leptos::prelude::*;

#[component]
pub fn Status(locale: Locale) -> impl IntoView {
    let state = use_state();
    move || match state.phase.get() {
        Phase::Working { file, step } => {
            let label = match step {
                Step::Reading => t(locale, Key::Reading),
                Step::Analysing => t(locale, Key::Analysing),
            };
            view! {
                <div class="status working" role="status">
                    <span>{label} " " <strong>{file}</strong> "…"</span>
                    <progress data-testid="progress" aria-label=label></progress>
                </div>
            }
            .into_any()
        }
        Phase::Failed { file, failure } => view! {
            <div class="status error" role="alert" data-testid="error-banner">
                <strong>{t(locale, Key::CannotUse)} ": " {file}</strong>
                <p>{failure_text(locale, &failure)}</p>
            </div>
        }
        .into_any(),
        Phase::Idle | Phase::Ready => ().into_any(),
    }
}
