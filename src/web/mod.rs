//! The browser app: thin Leptos components over the pure core.
//!
//! Compiled only for wasm32. Components render parts of an `Analysis` and
//! dispatch user actions; they never compute an analysis themselves. All
//! work from bytes to `Analysis` goes through `engine`.

mod components;
mod download;
mod download_blob;
mod embed;
mod engine;
mod mapping_store;
mod offline;
mod sections;
mod settings_store;
mod state;
pub mod worker;

use crate::format::Locale;
use leptos::prelude::*;

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(components::app::App);
    offline::register();
}

/// What the address asks for (`?lang=zh&embed=1`).
pub fn page_options() -> crate::embedding::PageOptions {
    let query = window().location().search().unwrap_or_default();
    crate::embedding::page_options(&query)
}

/// The browser's preferred language decides the first language shown.
pub fn browser_locale() -> Locale {
    let language = window().navigator().language().unwrap_or_default();
    if language.to_lowercase().starts_with("zh") {
        Locale::Zh
    } else {
        Locale::En
    }
}
