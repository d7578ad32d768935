//! The progress bar while a file is read and analysed, and the error banner.

use super::mapping::ColumnMapping;
use crate::format::{self, Locale};
use crate::ingest::IngestError;
use crate::protocol::Failure;
use crate::web::i18n::{failure_text, t, Key};
use crate::web::state::{use_state, Phase, Stage, Work};
use leptos::prelude::*;

#[component]
pub fn Status(locale: Locale) -> impl IntoView {
    let state = use_state();
    move || match state.phase.get() {
        Phase::Working(work) => {
            let (label, detail) = describe(locale, &work);
            let max = work.total.max(1) as f64;
            // Indeterminate until there is a total to measure against.
            let value =
                (work.total > 0 && work.stage != Stage::Analysing).then_some(work.done as f64);
            view! {
                <div class="status working" role="status">
                    <span class="status-text">{label} " " <strong>{work.file.clone()}</strong> " " <span class="detail">{detail}</span></span>
                    <progress data-testid="progress" aria-label=label max=max value=value
                        data-stage=format!("{:?}", work.stage) data-rows=work.rows.to_string()></progress>
                </div>
            }
            .into_any()
        }
        Phase::Failed { file, failure } => view! {
            <div class="status error" role="alert" data-testid="error-banner">
                <strong>{t(locale, Key::CannotUse)} ": " {file}</strong>
                <p>{failure_text(locale, &failure)}</p>
                {mapping_for(&failure, locale)}
            </div>
        }
        .into_any(),
        Phase::Idle | Phase::Ready => ().into_any(),
    }
}

/// "Reading" and "12.0 of 100.0 MB", or "Parsing" and "1,200,000 rows".
fn describe(locale: Locale, work: &Work) -> (&'static str, String) {
    let megabytes = |bytes: u64| format::grouped(bytes as f64 / 1e6, 1);
    match work.stage {
        Stage::Reading if work.total > 0 => (
            t(locale, Key::Reading),
            format!("{} / {} MB", megabytes(work.done), megabytes(work.total)),
        ),
        Stage::Reading => (t(locale, Key::Reading), String::new()),
        Stage::Parsing => (
            t(locale, Key::Parsing),
            format!(
                "{} {}",
                format::count(work.rows as usize),
                t(locale, Key::RowsSoFar)
            ),
        ),
        Stage::Analysing => (t(locale, Key::Analysing), String::new()),
    }
}

/// When a required column could not be guessed, the user picks it here.
fn mapping_for(failure: &Failure, locale: Locale) -> Option<impl IntoView> {
    match failure {
        Failure::Ingest(IngestError::MissingColumn { headers, .. }) => Some(view! {
            <ColumnMapping headers=headers.clone() columns=Default::default() locale=locale/>
        }),
        _ => None,
    }
}
