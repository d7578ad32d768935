//! Offline use: registers the service worker (`sw.js`, written into dist/
//! by `scripts/finish-dist.mjs`) that caches the app shell after the first
//! visit, so the page opens and analyses files with the network cut.
//!
//! Browsers only allow service workers in secure contexts (https, or
//! http on localhost); elsewhere, and inside sandboxed frames, the app
//! simply runs online as before.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Beside index.html, so its scope is the folder the app is served from.
const SERVICE_WORKER: &str = "./sw.js";

/// The browser's service-worker container, if it offers one here. Read
/// through `Reflect`, which catches: some in-app browsers (and Chromium
/// with site data blocked) throw on the mere `navigator.serviceWorker`.
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let value =
        js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker")).ok()?;
    value.dyn_into().ok()
}

/// Whether this browser blocks the offline copy where it could keep one:
/// a secure page (https or localhost) with no service worker. On plain
/// http no browser keeps one, which README's "Offline" says; not this.
pub fn blocked() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context()) && container().is_none()
}

/// Registers the service worker where the browser allows one.
pub fn register() {
    let Some(container) = container() else {
        return;
    };
    let promise = container.register(SERVICE_WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(promise).await {
            // Not fatal: the page works online without it.
            let reason = error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{error:?}"));
            web_sys::console::warn_1(&format!("Tierlens works online only here: {reason}").into());
        }
    });
}
