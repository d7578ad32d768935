//! The progress bar while a file is read and analysed, and the error banner.

use super::mapping::ColumnMapping;
use crate::engine::Request;
use crate::engine::Step;
use crate::format::{self, Locale};
use crate::i18n::{failure_text, t, Key};
use crate::ingest::values::{DateOrder, NumberStyle};
use crate::ingest::IngestError;
use crate::protocol::Failure;
use crate::web::engine::use_engine;
use crate::web::state::{use_state, Phase, Work};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Status(locale: Locale) -> impl IntoView {
    let state = use_state();
    move || match state.phase.get() {
        Phase::Working(work) => {
            let (label, detail) = describe(locale, &work);
            let max = work.progress.total.max(1) as f64;
            // Indeterminate until there is a total to measure against.
            let value = (work.progress.total > 0 && work.progress.step != Step::Analysing)
                .then_some(work.progress.done as f64);
            view! {
                <div class="status working" role="status">
                    <span class="status-text">{label} " " <strong>{work.file.clone()}</strong> " " <span class="detail">{detail}</span></span>
                    <progress data-testid="progress" aria-label=label max=max value=value
                        data-stage=format!("{:?}", work.progress.step) data-rows=work.progress.rows.to_string()></progress>
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
    match work.progress.step {
        Step::Reading if work.progress.total > 0 => (
            t(locale, Key::Reading),
            format!(
                "{} / {} MB",
                megabytes(work.progress.done),
                megabytes(work.progress.total)
            ),
        ),
        Step::Reading => (t(locale, Key::Reading), String::new()),
        Step::Parsing => (
            t(locale, Key::Parsing),
            format!(
                "{} {}",
                format::count(work.progress.rows as usize),
                t(locale, Key::RowsSoFar)
            ),
        ),
        Step::Analysing => (t(locale, Key::Analysing), String::new()),
    }
}

/// What the user can do about a failure right in the banner: pick the
/// columns that could not be guessed, or the order of day and month.
fn mapping_for(failure: &Failure, locale: Locale) -> Option<AnyView> {
    match failure {
        Failure::Ingest(IngestError::MissingColumn { headers, header_line, .. }) => Some(
            view! { <ColumnMapping headers=headers.clone() columns=Default::default() header_line=*header_line locale=locale/> }.into_any(),
        ),
        Failure::Ingest(IngestError::AmbiguousColumn { headers, columns, .. }) => Some(
            view! { <ColumnMapping headers=headers.clone() columns=columns.clone() locale=locale/> }.into_any(),
        ),
        Failure::Ingest(IngestError::AmbiguousDates { .. }) => Some(date_order_choice(locale).into_any()),
        Failure::Ingest(IngestError::AmbiguousDecimal { .. }) => Some(decimal_choice(locale).into_any()),
        Failure::Ingest(IngestError::AllExcluded { values, .. }) => Some(keep_all(values.clone(), locale).into_any()),
        _ => None,
    }
}

/// A change to how the file is read, chosen with one button.
type Change = Arc<dyn Fn(&mut Request) + Send + Sync>;

/// Buttons that each read the file again with one change to the request.
fn choices(locale: Locale, buttons: Vec<(&'static str, Key, Change)>) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    let buttons = buttons
        .into_iter()
        .map(|(testid, label, change)| {
            let choose = move |_| {
                let mut request = state.request.get_untracked();
                change(&mut request);
                engine.rerun(request);
            };
            view! { <button class="button" data-testid=testid on:click=choose>{t(locale, label)}</button> }
        })
        .collect_view();
    view! { <div class="choice">{buttons}</div> }
}

/// Counts the rows of every status the default rule left out.
fn keep_all(values: Vec<String>, locale: Locale) -> impl IntoView {
    let keep: Change =
        Arc::new(move |r: &mut Request| r.read.status.keep.extend(values.iter().cloned()));
    choices(locale, vec![("keep-all-status", Key::KeepAllStatus, keep)])
}

fn decimal_choice(locale: Locale) -> impl IntoView {
    let style = |style: NumberStyle| -> Change {
        Arc::new(move |r: &mut Request| r.read.decimal = Some(style))
    };
    choices(
        locale,
        vec![
            (
                "decimal-point",
                Key::DecimalPointChoice,
                style(NumberStyle::Point),
            ),
            (
                "decimal-comma",
                Key::DecimalCommaChoice,
                style(NumberStyle::Comma),
            ),
        ],
    )
}

fn date_order_choice(locale: Locale) -> impl IntoView {
    let order = |order: DateOrder| -> Change {
        Arc::new(move |r: &mut Request| r.read.date_order = Some(order))
    };
    choices(
        locale,
        vec![
            ("date-order-dmy", Key::DayFirst, order(DateOrder::Dmy)),
            ("date-order-mdy", Key::MonthFirst, order(DateOrder::Mdy)),
        ],
    )
}
