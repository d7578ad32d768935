//! Excel downloads the worker builds: the customer table's workbook
//! (`xlsx::customers_workbook`, the CSV's columns typed, and who to call)
//! and the landing's template (`template::workbook`). The button says it
//! is working meanwhile, and says why when no workbook came.

use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::download_blob;
use crate::web::engine::{use_engine, Engine};
use leptos::prelude::*;
use web_sys::Blob;

const FILE_NAME: &str = "tierlens-customers.xlsx";

/// Asks the worker for one workbook; `false` when it did not take the ask.
type Ask = fn(Engine, Locale, Box<dyn FnOnce(Result<Blob, String>)>) -> bool;

#[component]
pub fn ExportXlsx(locale: Locale) -> impl IntoView {
    let ask: Ask = |engine, locale, done| engine.ask_workbook(locale, done);
    view! {
        <WorkbookButton locale=locale ask=ask file=FILE_NAME testid="export-xlsx" class="button"
            label=Key::ExportXlsx title=Key::ExportXlsxLabel/>
    }
}

/// The landing's template as a workbook, headers in the page's language.
#[component]
pub fn TemplateXlsx(locale: Locale) -> impl IntoView {
    let ask: Ask = |engine, locale, done| engine.ask_template(locale, done);
    view! {
        <WorkbookButton locale=locale ask=ask file=crate::template::XLSX_NAME testid="template-xlsx"
            class="button template" label=Key::TemplateXlsx title=Key::TemplateXlsx/>
    }
}

#[component]
fn WorkbookButton(
    locale: Locale,
    ask: Ask,
    file: &'static str,
    testid: &'static str,
    class: &'static str,
    label: Key,
    title: Key,
) -> impl IntoView {
    let engine = use_engine();
    let working = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let on_click = move |_| {
        if working.get_untracked() {
            return;
        }
        failure.set(None);
        working.set(true);
        let posted = ask(
            engine,
            locale,
            Box::new(move |made| {
                // The page may have been replaced meanwhile.
                let _ = working.try_set(false);
                if let Err(reason) = made.and_then(|blob| download_blob::save_blob(file, &blob)) {
                    let _ = failure.try_set(Some(reason));
                }
            }),
        );
        if !posted {
            working.set(false);
        }
    };
    let shown = move || match working.get() {
        true => t(locale, Key::ExportXlsxWorking),
        false => t(locale, label),
    };
    view! {
        <button class=class data-testid=testid on:click=on_click
            title=t(locale, title) aria-label=move || match title == label {
                true => shown().to_string(),
                false => format!("{}: {}", shown(), t(locale, title)),
            }
            aria-busy=move || working.get().to_string() disabled=move || working.get()>
            {shown}
        </button>
        {move || failure.get().map(|reason| view! {
            <p class="field-error" role="alert" data-testid=format!("{testid}-error")>
                {format!("{}: {reason}", t(locale, Key::ExportXlsxFailed))}
            </p>
        })}
    }
}
