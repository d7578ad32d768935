//! The customer table's Excel download: the worker builds the workbook
//! (`xlsx::customers_workbook`, the CSV's columns typed, and who to
//! call); the button says it is working meanwhile, and says why when no
//! workbook came.

use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::download_blob;
use crate::web::engine::use_engine;
use leptos::prelude::*;

const FILE_NAME: &str = "tierlens-customers.xlsx";

#[component]
pub fn ExportXlsx(locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let working = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let on_click = move |_| {
        if working.get_untracked() {
            return;
        }
        failure.set(None);
        working.set(true);
        let posted = engine.ask_workbook(locale, move |made| {
            // The dashboard may have been replaced meanwhile.
            let _ = working.try_set(false);
            if let Err(reason) = made.and_then(|blob| download_blob::save_blob(FILE_NAME, &blob)) {
                let _ = failure.try_set(Some(reason));
            }
        });
        if !posted {
            working.set(false);
        }
    };
    let label = move || match working.get() {
        true => t(locale, Key::ExportXlsxWorking),
        false => t(locale, Key::ExportXlsx),
    };
    view! {
        <button class="button" data-testid="export-xlsx" on:click=on_click
            title=t(locale, Key::ExportXlsxLabel) aria-label=move || format!("{}: {}", label(), t(locale, Key::ExportXlsxLabel))
            aria-busy=move || working.get().to_string() disabled=move || working.get()>
            {label}
        </button>
        {move || failure.get().map(|reason| view! {
            <p class="field-error" role="alert" data-testid="export-xlsx-error">
                {format!("{}: {reason}", t(locale, Key::ExportXlsxFailed))}
            </p>
        })}
    }
}
