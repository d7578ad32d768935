//! The user's own service recommendations per tier, remembered in the
//! browser's localStorage (text the user typed, never any data).

use leptos::prelude::*;
use std::collections::BTreeMap;

const KEY: &str = "tierlens.services.v1";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
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
