//! The Excel download's round trip: the page asks the worker for the
//! workbook (`Ask::Workbook`); the worker builds it where the customers
//! are and posts `{reply, blob}`, the bytes as a `Blob` beside the JSON
//! reply. `unpack` keeps that blob until the reply's answer takes it,
//! which happens in the same message handler (`receive` delivers a
//! workbook reply at once), so no other reply can come in between.

use crate::format::Locale;
use crate::protocol::{Ask, Reply};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

thread_local! {
    static BESIDE: RefCell<Option<Blob>> = const { RefCell::new(None) };
}

/// A message's reply text: the message itself, or the `reply` of a
/// `{reply, blob}` (its blob kept for the answer).
pub(super) fn unpack(data: &JsValue) -> Option<String> {
    if let Some(text) = data.as_string() {
        return Some(text);
    }
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
    let blob = field("blob").and_then(|b| b.dyn_into::<Blob>().ok());
    BESIDE.with(|b| *b.borrow_mut() = blob);
    field("reply")?.as_string()
}

/// Asks for the workbook with headers in `locale`; `on_done` gets it, or
/// why there is none. `false` when the worker is busy and did not take it.
pub(super) fn ask_workbook(
    locale: Locale,
    on_done: impl FnOnce(Result<Blob, String>) + 'static,
) -> bool {
    ask_blob(Ask::Workbook { locale }, on_done)
}

/// Asks for the landing's template workbook in `locale`'s language.
pub(super) fn ask_template(
    locale: Locale,
    on_done: impl FnOnce(Result<Blob, String>) + 'static,
) -> bool {
    ask_blob(Ask::Template { locale }, on_done)
}

/// Posts an ask answered by a workbook beside its reply.
fn ask_blob(ask: Ask, on_done: impl FnOnce(Result<Blob, String>) + 'static) -> bool {
    super::post_ask(ask, move |reply| {
        if let Reply::Workbook { failure, .. } = reply {
            let blob = BESIDE.with(|b| b.borrow_mut().take());
            on_done(match (failure, blob) {
                (None, Some(blob)) => Ok(blob),
                (Some(failure), _) => Err(failure),
                (None, None) => Err("the worker sent no workbook".to_string()),
            });
        }
    })
}
