//! Column mappings the user chose, remembered per set of headers in the
//! browser's localStorage, so the next export from the same system is read
//! the same way. Only the mapping is stored, never any data.

use leptos::prelude::*;

const PREFIX: &str = "tierlens.mapping.v1:";

/// Headers joined with a separator no header contains.
fn key(headers: &[String]) -> String {
    format!("{PREFIX}{}", headers.join("\u{1f}"))
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The mapping remembered for exactly these headers.
pub fn recall(headers: &[String]) -> Option<Vec<(String, String)>> {
    let text = storage()?.get_item(&key(headers)).ok()??;
    serde_json::from_str(&text).ok()
}

/// Remembers `map` for these headers (silently skipped if storage is off).
pub fn remember(headers: &[String], map: &[(String, String)]) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(map)) {
        let _ = storage.set_item(&key(headers), &text);
    }
}
