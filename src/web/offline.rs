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

/// Registers the service worker where the browser allows one.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let supported = window.is_secure_context()
        && js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !supported {
        return;
    }
    let promise = navigator.service_worker().register(SERVICE_WORKER);
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
