//! The analysis worker: the only place in the browser where bytes become an
//! `Analysis`, off the page's thread so the page never freezes.
//!
//! It reads a posted `File` in chunks with `FileReaderSync` (reporting bytes
//! read), or fetches a URL of its own origin (the sample), then runs
//! `engine::run_with_progress` (reporting rows parsed) and posts the outcome.

use crate::engine::{self, Outcome, Step};
use crate::protocol::{Failure, Job, Reply, Source, Stage};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read per chunk: progress about every 8 MB, little extra memory.
const CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

/// Entry point of the worker script.
pub fn start() {
    console_error_panic_hook::set_once();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages posted before the wasm loaded are lost, so the page waits for this.
    post(&Reply::Ready);
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(reply: &Reply) {
    match serde_json::to_string(reply) {
        Ok(text) => {
            let _ = scope().post_message(&JsValue::from_str(&text));
        }
        Err(e) => web_sys::console::error_1(&format!("cannot encode reply: {e}").into()),
    }
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let field = |name: &str| {
        js_sys::Reflect::get(&data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let job: Job = match field("job")
        .as_string()
        .map(|text| serde_json::from_str(&text))
    {
        Some(Ok(job)) => job,
        _ => {
            web_sys::console::error_1(&"the worker got a message that is not a job".into());
            return;
        }
    };
    let file = field("file").dyn_into::<File>().ok();
    wasm_bindgen_futures::spawn_local(run(job, file));
}

async fn run(job: Job, file: Option<File>) {
    let bytes = match (&job.source, file) {
        (Source::File { .. }, Some(file)) => read_file(job.id, &file),
        (Source::Url { url, .. }, _) => fetch(url).await,
        (Source::File { .. }, None) => Err("no file came with the job".to_string()),
    };
    let reply = match bytes.map(|bytes| analyse(&job, &bytes)) {
        Ok(Ok(outcome)) => Reply::Done {
            id: job.id,
            outcome: Box::new(outcome),
        },
        Ok(Err(error)) => Reply::Failed {
            id: job.id,
            failure: Failure::Ingest(error),
        },
        Err(message) => Reply::Failed {
            id: job.id,
            failure: Failure::Read(message),
        },
    };
    post(&reply);
}

fn analyse(job: &Job, bytes: &[u8]) -> Result<Outcome, crate::ingest::IngestError> {
    let id = job.id;
    let mut report = |step: Step| {
        let reply = match step {
            Step::Parsing(p) => Reply::Progress {
                id,
                stage: Stage::Parsing,
                done: p.bytes,
                total: p.total,
                rows: p.rows,
            },
            Step::Analysing { rows } => Reply::Progress {
                id,
                stage: Stage::Analysing,
                done: 0,
                total: 0,
                rows,
            },
        };
        post(&reply);
    };
    engine::run_with_progress(bytes, &job.request, &now_ms, &mut report)
}

fn read_file(id: u32, file: &File) -> Result<Vec<u8>, String> {
    let js_error = |e: JsValue| format!("{e:?}");
    let reader = FileReaderSync::new().map_err(js_error)?;
    let size = file.size();
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size as usize).map_err(|_| {
        format!(
            "the file is too large for this browser tab ({:.0} MB)",
            size / 1e6
        )
    })?;
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + CHUNK).min(size);
        let chunk = file.slice_with_f64_and_f64(offset, end).map_err(js_error)?;
        let buffer = reader.read_as_array_buffer(&chunk).map_err(js_error)?;
        let array = Uint8Array::new(&buffer);
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        offset = end;
        post(&Reply::Progress {
            id,
            stage: Stage::Reading,
            done: end as u64,
            total: size as u64,
            rows: 0,
        });
    }
    Ok(bytes)
}

async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let js_error = |e: JsValue| format!("{url}: {e:?}");
    let response = JsFuture::from(scope().fetch_with_str(url))
        .await
        .map_err(js_error)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn now_ms() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}
