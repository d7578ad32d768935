//! The drop zone, the file picker and the sample button.

use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::engine::{use_engine, Input};
use crate::web::state::{use_state, Phase};
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// The bundled sample, relative to the page so any sub-path works.
const SAMPLE: &str = "public/sample-key-accounts.csv";

#[component]
pub fn Intake(locale: Locale) -> impl IntoView {
    let state = use_state();
    let dragging = RwSignal::new(false);
    let engine = use_engine();
    let start = move |input: Input| engine.load(input);
    let on_pick = move |ev: Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            start(Input::File(file));
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            start(Input::File(file));
        }
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
                        on:change=on_pick
                    />
                </label>
                <button class="button" data-testid="sample-button" on:click=move |_| start(Input::Bundled(SAMPLE))>
                    {t(locale, Key::TrySample)}
                </button>
            </div>
            <p class="privacy">{t(locale, Key::PrivacyNote)}</p>
        </section>
    }
}
