//! The analysis worker: the only place in the browser where bytes become an
//! `Analysis`, off the page's thread so the page never freezes.
//!
//! It reads a posted `File` in chunks with `FileReaderSync` (reporting bytes
//! read), or fetches a URL of its own origin (the sample), then runs
//! `engine::run_with_progress` (reporting rows parsed) and posts the outcome.
//! It keeps every customer of the last analysis and answers the page's
//! `Ask`s (rows in view, a card, the export) from them.

use crate::customer_table::{self, CustomerTable};
use crate::day::Day;
use crate::engine::{self, Loaded, Progress, Request, Step};
use crate::format::Locale;
use crate::protocol::{Ask, Asked, Failure, Job, Reply, Source};
use crate::xlsx::Lists;
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read per chunk: progress about every 8 MB, little extra memory.
const CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

thread_local! {
    /// The last file read, by source name and reading request: a change of
    /// settings on the same file is analysed without reading it again.
    static LAST_TABLE: RefCell<Option<(String, Request, Rc<Loaded>)>> = const { RefCell::new(None) };
    /// Every customer of the last analysis, and its as-of date.
    static CUSTOMERS: RefCell<Option<(CustomerTable, Day)>> = const { RefCell::new(None) };
    /// The last analysis's call list, migration and bridge, for the workbook.
    static LISTS: RefCell<Lists> = RefCell::new(Lists::default());
}

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
    if let Some(text) = field("ask").as_string() {
        match serde_json::from_str::<Asked>(&text) {
            Ok(asked) => match answer(asked) {
                (reply, None) => post(&reply),
                (reply, Some(blob)) => post_beside(&reply, &blob),
            },
            Err(e) => web_sys::console::error_1(&format!("unreadable ask: {e}").into()),
        }
        return;
    }
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
    let second = field("file2").dyn_into::<File>().ok();
    wasm_bindgen_futures::spawn_local(run(job, file, second));
}

async fn run(job: Job, file: Option<File>, second: Option<File>) {
    let reply = match table_for(&job, file, second).await {
        Ok(loaded) => match engine::analyse(&loaded, &job.request.settings, &now_ms) {
            Ok(mut outcome) => {
                let customers = std::mem::take(&mut outcome.customers);
                let as_of = outcome.analysis.as_of;
                CUSTOMERS.with(|c| *c.borrow_mut() = Some((customers, as_of)));
                let lists = Lists::of_analysis(&outcome.analysis);
                LISTS.with(|l| *l.borrow_mut() = lists);
                Reply::Done {
                    id: job.id,
                    outcome: Box::new(outcome),
                }
            }
            Err(error) => Reply::Failed {
                id: job.id,
                failure: Failure::Ingest(error),
            },
        },
        Err(failure) => Reply::Failed {
            id: job.id,
            failure,
        },
    };
    post(&reply);
}

/// Answers an ask from the customers of the last analysis (an empty page,
/// no card or an empty export before there is one), with the workbook's
/// bytes beside the reply when one was asked for.
fn answer(Asked { id, ask }: Asked) -> (Reply, Option<web_sys::Blob>) {
    CUSTOMERS.with(|c| {
        let mut c = c.borrow_mut();
        let mut empty = (CustomerTable::default(), Day::default());
        let (customers, as_of) = c.as_mut().unwrap_or(&mut empty);
        let reply = match ask {
            Ask::Rows {
                query,
                offset,
                count,
            } => Reply::Rows {
                id,
                page: customers.page(&query, offset, count),
            },
            Ask::Card { customer } => {
                let card = LAST_TABLE.with(|last| {
                    let last = last.borrow();
                    let table = last.as_ref()?.2.table();
                    customer_table::card(customers, table, *as_of, &customer)
                });
                Reply::Card {
                    id,
                    card: card.map(Box::new),
                }
            }
            Ask::Export { query } => {
                let csv = match query {
                    Some(query) => {
                        crate::customer_table::csv::customers_csv(customers.matching(&query))
                    }
                    None => crate::customer_table::csv::customers_csv(customers.rows()),
                };
                Reply::Export { id, csv }
            }
            Ask::Workbook { locale } => return workbook(id, customers, locale),
            Ask::Template { locale } => {
                return workbook_reply(id, crate::template::workbook(locale), locale)
            }
        };
        (reply, None)
    })
}

/// Every customer and the call list as an `.xlsx` blob; or why not.
fn workbook(id: u32, customers: &CustomerTable, locale: Locale) -> (Reply, Option<web_sys::Blob>) {
    let made = LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        lists.moved = customers.migration_lists();
        let rows = customers.rows();
        let made = crate::xlsx::customers_workbook(rows, customers.len(), &lists, locale);
        lists.moved = Vec::new();
        made
    });
    workbook_reply(id, made, locale)
}

/// A workbook's bytes as a blob beside its reply; or the reply says why not.
fn workbook_reply(
    id: u32,
    made: Result<Vec<u8>, crate::xlsx::XlsxError>,
    locale: Locale,
) -> (Reply, Option<web_sys::Blob>) {
    let blob = made
        .map_err(|e| crate::i18n::xlsx_error(locale, &e))
        .and_then(|bytes| bytes_blob(&bytes, XLSX_MIME));
    match blob {
        Ok(blob) => (Reply::Workbook { id, failure: None }, Some(blob)),
        Err(failure) => (
            Reply::Workbook {
                id,
                failure: Some(failure),
            },
            None,
        ),
    }
}

/// The media type that makes the download open in Excel or WPS.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn bytes_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, String> {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag)
        .map_err(|e| format!("{e:?}"))
}

/// Posts `reply` with `blob` beside it: `{reply, blob}` (a blob is handed
/// over, not copied into the message as JSON would be).
fn post_beside(reply: &Reply, blob: &web_sys::Blob) {
    let object = js_sys::Object::new();
    let text = serde_json::to_string(reply).unwrap_or_default();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&object, &key.into(), value);
    if set("reply", &JsValue::from_str(&text)).is_ok() && set("blob", blob).is_ok() {
        let _ = scope().post_message(&object);
    }
}

/// The table the job needs: the last one when the job may reuse it and
/// reads the same file the same way, else read afresh (and kept).
async fn table_for(
    job: &Job,
    file: Option<File>,
    second: Option<File>,
) -> Result<Rc<Loaded>, Failure> {
    let name = match &job.second {
        Some(other) => format!("{}\n{}", job.source.name(), other.name()),
        None => job.source.name().to_string(),
    };
    let cached = LAST_TABLE.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(n, r, _)| job.reuse && *n == name && r.read == job.request.read)
            .map(|(_, _, loaded)| loaded.clone())
    });
    if let Some(loaded) = cached {
        return Ok(loaded);
    }
    // Free the old table before reading a new file.
    LAST_TABLE.with(|last| last.borrow_mut().take());
    CUSTOMERS.with(|c| c.borrow_mut().take());
    if let Some(file) = &file {
        // Refused before a byte is read: the tab's memory is the limit.
        crate::ingest::check_page_size(file.size() as u64).map_err(Failure::Ingest)?;
    }
    let bytes = bytes_of(job.id, &job.source, file).await?;
    let loaded = match &job.second {
        None => load(job, &bytes).map_err(Failure::Ingest)?,
        Some(source) => {
            if let Some(file) = &second {
                crate::ingest::check_page_size(file.size() as u64).map_err(Failure::Ingest)?;
            }
            let other = bytes_of(job.id, source, second).await?;
            with_master(job, (job.source.name(), &bytes), (source.name(), &other))?
        }
    };
    let loaded = Rc::new(loaded);
    LAST_TABLE.with(|last| *last.borrow_mut() = Some((name, job.request.clone(), loaded.clone())));
    Ok(loaded)
}

/// The bytes of one source: the posted file, or a URL of the page's origin.
async fn bytes_of(id: u32, source: &Source, file: Option<File>) -> Result<Vec<u8>, Failure> {
    let bytes = match (source, file) {
        (Source::File { .. }, Some(file)) => read_file(id, &file),
        (Source::Url { url, .. }, _) => fetch(url).await,
        (Source::File { .. }, None) => Err("no file came with the job".to_string()),
    }
    .map_err(Failure::Read)?;
    crate::ingest::check_page_size(bytes.len() as u64).map_err(Failure::Ingest)?;
    Ok(bytes)
}

/// Two files: the one that reads as a customer master is joined to the
/// other, the log, whatever order they came in.
fn with_master(job: &Job, a: (&str, &[u8]), b: (&str, &[u8])) -> Result<Loaded, Failure> {
    let master_at = engine::which_is_master([a, b]).map_err(Failure::Ingest)?;
    let (log, master) = if master_at == 0 { (b, a) } else { (a, b) };
    let mut loaded = load(job, log.1).map_err(Failure::Ingest)?;
    loaded
        .join_master(master.0, master.1, &Default::default())
        .map_err(Failure::Ingest)?;
    Ok(loaded)
}

fn load(job: &Job, bytes: &[u8]) -> Result<Loaded, crate::ingest::IngestError> {
    let id = job.id;
    let mut report = |progress: Progress| post(&Reply::Progress { id, progress });
    engine::load(bytes, &job.request, &now_ms, &mut report)
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
        let progress = Progress {
            step: Step::Reading,
            done: end as u64,
            total: size as u64,
            rows: 0,
        };
        post(&Reply::Progress { id, progress });
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
