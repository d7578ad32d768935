//! The drop zone, the file picker and the sample button. Each takes one
//! file or two at once: a log and its customer master, in either order.

use super::export_xlsx::TemplateXlsx;
use super::preview::Preview;
use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::engine::{use_engine, Engine, Input};
use crate::web::state::{use_state, Phase};
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// The bundled sample, relative to the page so any sub-path works.
const SAMPLE: &str = "public/sample-key-accounts.csv";
/// The sample's customer master (`tierlens sample --master-out`).
const SAMPLE_MASTER: &str = "public/sample-customer-master.csv";

/// What the file picker offers: the extensions and their media types, so
/// that phone pickers (and the WeCom / DingTalk / Feishu file choosers,
/// which filter by type) list the files.
const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xls,.xlsb,.xlsm,.ods,\
    text/csv,text/comma-separated-values,text/tab-separated-values,text/plain,\
    application/csv,application/vnd.ms-excel,\
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,\
    application/vnd.ms-excel.sheet.binary.macroEnabled.12,\
    application/vnd.ms-excel.sheet.macroEnabled.12,\
    application/vnd.oasis.opendocument.spreadsheet";

/// Starts on the first file, or the first two (a log and its master).
fn start_files(engine: Engine, files: Option<web_sys::FileList>) {
    let Some(files) = files else { return };
    match (files.get(0), files.get(1)) {
        (Some(a), Some(b)) => engine.load_pair(Input::File(a), Input::File(b)),
        (Some(a), None) => engine.load(Input::File(a)),
        _ => {}
    }
}

#[component]
pub fn Intake(locale: Locale) -> impl IntoView {
    let state = use_state();
    let dragging = RwSignal::new(false);
    let engine = use_engine();
    let on_pick = move |ev: Event| {
        let input: HtmlInputElement = event_target(&ev);
        start_files(engine, input.files());
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        start_files(engine, ev.data_transfer().and_then(|dt| dt.files()));
    };
    let compact = move || {
        state.shown.with(Option::is_some) || matches!(state.phase.get(), Phase::Failed { .. })
    };
    view! {
        <section
            class="intake"
            class:compact=compact
            class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
            data-testid="drop-zone"
        >
            <div class="intake-text">
                <h1>{t(locale, Key::DropTitle)}</h1>
                <p class="hint">{t(locale, Key::DropHint)}</p>
            </div>
            <div class="intake-actions">
                <label class="button primary">
                    {t(locale, Key::ChooseFile)}
                    <input
                        type="file"
                        accept=ACCEPT
                        data-testid="file-input"
                        multiple
                        on:change=on_pick
                    />
                </label>
                <button class="button" data-testid="sample-button" on:click=move |_| engine.load_pair(Input::Bundled(SAMPLE), Input::Bundled(SAMPLE_MASTER))>
                    {t(locale, Key::TrySample)}
                </button>
            </div>
            <p class="accepted">{t(locale, Key::AcceptedFiles)}</p>
            <div class="templates">
                <span>{t(locale, Key::TemplateLead)}</span>
                <button type="button" class="button template" data-testid="template-csv" on:click=move |_| save_template_csv(locale)>
                    {t(locale, Key::TemplateCsv)}
                </button>
                <TemplateXlsx locale=locale/>
            </div>
            <p class="privacy">{t(locale, Key::PrivacyNote)}</p>
            {forgetful_note(locale)}
        </section>
        {move || (!compact()).then(|| view! { <Preview locale=locale/> })}
    }
}

/// The template as CSV, headers in the page's language.
fn save_template_csv(locale: Locale) {
    let text = crate::template::csv(locale);
    if let Err(e) =
        crate::web::download::save(crate::template::CSV_NAME, "text/csv;charset=utf-8", &text)
    {
        leptos::logging::error!("saving the template failed: {e}");
    }
}

/// Said once, quietly, when this browser (an in-app one, often) keeps no
/// settings or no offline copy: the analysis runs all the same.
fn forgetful_note(locale: Locale) -> Option<impl IntoView> {
    let storage = crate::web::settings_store::can_remember();
    let offline = !crate::web::offline::blocked();
    let key = match (storage, offline) {
        (true, true) => return None,
        (false, true) => Key::NoStorage,
        (true, false) => Key::NoOffline,
        (false, false) => Key::NoStorageNoOffline,
    };
    Some(view! { <p class="forgetful" data-testid="no-storage-note">{t(locale, key)}</p> })
}
