//! Saving bytes the page made (a chart drawn as PNG) as a file: the blob
//! counterpart of `download::save`, which takes text.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long an offered file's object URL lives: revoking it at once can
/// cancel the download before the browser has started it.
const URL_LIFETIME_MS: u32 = 60_000;

/// `text` as a blob of type `mime`, e.g. an SVG to load into an image.
pub fn text_blob(text: &str, mime: &str) -> Result<Blob, String> {
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(js_text)
}

/// Offers `blob` as a download named `filename`.
pub fn save_blob(filename: &str, blob: &Blob) -> Result<(), String> {
    let href = Url::create_object_url_with_blob(blob).map_err(js_text)?;
    let link = document().create_element("a").map_err(js_text)?;
    let link: HtmlAnchorElement = link.unchecked_into();
    link.set_download(filename);
    link.set_href(&href);
    link.click();
    let revoke = move || drop(Url::revoke_object_url(&href));
    gloo_timers::callback::Timeout::new(URL_LIFETIME_MS, revoke).forget();
    Ok(())
}

/// A JavaScript error as text for the console.
pub fn js_text(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
