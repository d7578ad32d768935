//! The user's own service recommendations per tier, remembered in the
//! browser's localStorage (text the user typed, never any data).

use leptos::prelude::*;
use std::collections::BTreeMap;

const KEY: &str = "tierlens.services.v1";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether the page can keep anything: some in-app browsers have no
/// localStorage, or one that refuses every write.
pub fn can_remember() -> bool {
    const PROBE: &str = "tierlens.probe";
    storage().is_some_and(|s| {
        let kept = s.set_item(PROBE, "1").is_ok();
        let _ = s.remove_item(PROBE);
        kept
    })
}

/// The recommendations the user wrote, by tier key ("A", "B", "C", "loss").
pub fn services() -> BTreeMap<String, String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers `services` (silently skipped if storage is off).
pub fn remember_services(services: &BTreeMap<String, String>) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(services)) {
        let _ = storage.set_item(KEY, &text);
    }
}

/// The analysis settings the user chose, applied to every file they open
/// (cut-offs, thresholds, as-of, CLV horizon and discount, margin). Never
/// any data: a filter names a value from one file, so it is not kept.
const SETTINGS_KEY: &str = "tierlens.settings.v1";
const CURRENCY_KEY: &str = "tierlens.currency.v1";

/// The remembered settings, or the defaults (also when they no longer parse).
pub fn settings() -> crate::settings::Settings {
    storage()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn remember_settings(settings: &crate::settings::Settings) {
    let mut kept = crate::settings::Settings {
        filter: None,
        ..settings.clone()
    };
    // Like a filter, a calibration end belongs to one file's dates.
    kept.clv.calibration_end = None;
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(SETTINGS_KEY, &text);
    }
}

/// Forgets the settings and the currency: back to the defaults.
pub fn forget_settings() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(SETTINGS_KEY);
        let _ = storage.remove_item(CURRENCY_KEY);
    }
}

pub fn currency() -> crate::format::Currency {
    storage()
        .and_then(|s| s.get_item(CURRENCY_KEY).ok().flatten())
        .map(|code| crate::format::Currency::from_code(&code))
        .unwrap_or_default()
}

pub fn remember_currency(currency: crate::format::Currency) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(CURRENCY_KEY, currency.code());
    }
}
