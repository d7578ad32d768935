//! The drop zone, the file picker and the sample button. Each takes one
//! file or two at once: a log and its customer master, in either order.

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
                        accept=".csv,.tsv,.txt,.xlsx,.xls,.xlsb,.ods,text/csv,text/tab-separated-values"
                        data-testid="file-input"
                        multiple
                        on:change=on_pick
                    />
                </label>
                <button class="button" data-testid="sample-button" on:click=move |_| engine.load_pair(Input::Bundled(SAMPLE), Input::Bundled(SAMPLE_MASTER))>
                    {t(locale, Key::TrySample)}
                </button>
            </div>
            <p class="privacy">{t(locale, Key::PrivacyNote)}</p>
        </section>
    }
}
