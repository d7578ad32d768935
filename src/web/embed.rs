//! A portal hands the page a file: `postMessage` from an allowed origin.
//!
//! Message in: `{ type: "tierlens:file", name: "x.csv", bytes }` where
//! `bytes` is an `ArrayBuffer`, a typed array, a `Blob` or a `File`. The
//! page answers the sender with `tierlens:accepted`, then with
//! `tierlens:analysed` (customers, revenue) or `tierlens:failed` (the
//! reason). When framed it tells its parent `tierlens:ready` once it listens.
//! Who may send is decided by `crate::embedding::origin_allowed`; any other
//! message is ignored and said so in the console.

use super::engine::{Engine, Input};
use super::state::{AppState, Phase};
use crate::embedding::origin_allowed;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

const FILE: &str = "tierlens:file";

thread_local! {
    /// The window that sent the file being analysed, and its origin.
    static SENDER: RefCell<Option<(web_sys::Window, String)>> = const { RefCell::new(None) };
}

/// Starts listening for files from a host page; call once.
pub fn listen(state: AppState, engine: Engine) {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event| receive(engine, event));
    let _ =
        window().add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    Effect::new(move |_| match state.phase.get() {
        Phase::Ready => answer(state),
        Phase::Failed { failure, .. } => {
            let reason = crate::i18n::failure_text(state.locale.get_untracked(), &failure);
            tell("tierlens:failed", &[("reason", JsValue::from_str(&reason))]);
            SENDER.with(|s| s.borrow_mut().take());
        }
        _ => {}
    });
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if parent != window() {
        // Says only that the page is ready: nothing about any data.
        let _ = parent.post_message(&message("tierlens:ready", &[]), "*");
    }
}

fn receive(engine: Engine, event: MessageEvent) {
    let data = event.data();
    if field(&data, "type").as_string().as_deref() != Some(FILE) {
        return;
    }
    let origin = event.origin();
    let own = window().location().origin().unwrap_or_default();
    if !origin_allowed(&origin, &own, &allowed_origins()) {
        web_sys::console::warn_1(
            &format!("Tierlens ignored a file from {origin}: not listed in the tierlens-embed-origins meta tag").into(),
        );
        return;
    }
    let name = field(&data, "name")
        .as_string()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "embedded.csv".to_string());
    let Some(file) = as_file(&field(&data, "bytes"), &name) else {
        web_sys::console::warn_1(&"Tierlens: a tierlens:file message without bytes".into());
        return;
    };
    // The sender is another window's proxy: `instanceof Window` fails
    // across windows, so it is taken as one unchecked (it only gets posted to).
    let sender = event
        .source()
        .map(|s| s.unchecked_into::<web_sys::Window>());
    SENDER.with(|s| *s.borrow_mut() = sender.map(|w| (w, origin)));
    tell("tierlens:accepted", &[("name", JsValue::from_str(&name))]);
    engine.load(Input::File(file));
}

/// The bytes as a `File`, whatever form the host sent them in.
fn as_file(bytes: &JsValue, name: &str) -> Option<web_sys::File> {
    if let Some(file) = bytes.dyn_ref::<web_sys::File>() {
        return Some(file.clone());
    }
    let parts = js_sys::Array::new();
    if let Some(blob) = bytes.dyn_ref::<web_sys::Blob>() {
        parts.push(blob);
    } else if bytes.is_instance_of::<js_sys::ArrayBuffer>() {
        parts.push(&js_sys::Uint8Array::new(bytes));
    } else if js_sys::ArrayBuffer::is_view(bytes) {
        parts.push(bytes);
    } else {
        return None;
    }
    web_sys::File::new_with_blob_sequence(&parts, name).ok()
}

/// The origins whoever hosts the page allowed, from its meta tag.
fn allowed_origins() -> String {
    document()
        .query_selector("meta[name='tierlens-embed-origins']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default()
}

fn answer(state: AppState) {
    let Some(shown) = state.shown.get_untracked() else {
        return;
    };
    let a = &shown.analysis;
    tell(
        "tierlens:analysed",
        &[
            ("name", JsValue::from_str(&shown.file)),
            ("customers", JsValue::from_f64(a.customers as f64)),
            ("revenue_total", JsValue::from_f64(a.revenue_total)),
        ],
    );
    // One answer per file sent: files the user opens later are not reported.
    SENDER.with(|s| s.borrow_mut().take());
}

/// Posts to the window that sent the current file, at its origin only.
fn tell(kind: &str, fields: &[(&str, JsValue)]) {
    SENDER.with(|s| {
        if let Some((window, origin)) = s.borrow().as_ref() {
            let _ = window.post_message(&message(kind, fields), origin);
        }
    });
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}
