//! The page's side of the one boundary from bytes to `Analysis`.
//!
//! `load` sends a job to the analysis worker (see `worker.rs` and
//! `crate::protocol`) and turns its replies into state: progress while it
//! works, then the result or the reason the file cannot be used. The page's
//! thread only posts a `File` handle and decodes the finished result, so it
//! stays responsive whatever the file's size. A new file while one is still
//! being analysed stops that worker and starts a fresh one. Components
//! reach all this through the `use_engine()` handle only.

use super::state::{AppState, Phase, Shown, Work};
use crate::customer_table::{Card, Page, Query};
use crate::engine::Request;
use crate::protocol::{Ask, Asked, Failure, Job, Reply, Source};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

mod use_engine;
mod workbook;
pub use use_engine::{provide_engine, use_engine, Engine};

/// The worker's glue and module, which Trunk writes next to `index.html`
/// (relative: any sub-path works).
const WORKER_GLUE: &str = "tierlens-worker.js";
const WORKER_WASM: &str = "tierlens-worker_bg.wasm";

/// What the page hands to `load`.
#[derive(Clone)]
pub enum Input {
    File(web_sys::File),
    /// A path relative to the page (the bundled sample).
    Bundled(&'static str),
}

struct Connection {
    worker: Worker,
    ready: bool,
    /// A job was posted and its answer has not come yet.
    busy: bool,
    /// The job waiting for the worker to be ready.
    pending: Option<js_sys::Object>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
    static CURRENT_JOB: RefCell<u32> = const { RefCell::new(0) };
    /// The last input, so a new mapping or sheet can be applied to it.
    static LAST_INPUT: RefCell<Option<Input>> = const { RefCell::new(None) };
    /// The second file beside it (a customer master, or the log when the
    /// master came first), if any.
    static LAST_SECOND: RefCell<Option<Input>> = const { RefCell::new(None) };
    static NEXT_ASK: RefCell<u32> = const { RefCell::new(0) };
    /// What to do with each ask's answer, by ask id.
    static ANSWERS: RefCell<BTreeMap<u32, Answer>> = const { RefCell::new(BTreeMap::new()) };
}

/// What to do with the answer to one ask.
type Answer = Box<dyn FnOnce(Reply)>;

/// Asks the worker for `count` rows from `offset` of the customers `query`
/// selects; `on_page` gets them.
fn ask_rows(query: Query, offset: usize, count: usize, on_page: impl FnOnce(Page) + 'static) {
    let ask = Ask::Rows {
        query,
        offset,
        count,
    };
    post_ask(ask, move |reply| {
        if let Reply::Rows { page, .. } = reply {
            on_page(page);
        }
    });
}

/// Asks for one customer's card (`None`: no such customer).
fn ask_card(customer: String, on_card: impl FnOnce(Option<Card>) + 'static) {
    post_ask(Ask::Card { customer }, move |reply| {
        if let Reply::Card { card, .. } = reply {
            on_card(card.map(|c| *c));
        }
    });
}

/// Asks for the customers as CSV: those `query` selects, or everyone.
fn ask_export(query: Option<Query>, on_csv: impl FnOnce(String) + 'static) {
    post_ask(Ask::Export { query }, move |reply| {
        if let Reply::Export { csv, .. } = reply {
            on_csv(csv);
        }
    });
}

/// Posts an ask to the worker when it is idle (returns whether it did).
/// While it analyses, the ask is dropped: the dashboard that asked is
/// replaced when the analysis ends, and the new one asks again.
fn post_ask(ask: Ask, on_answer: impl FnOnce(Reply) + 'static) -> bool {
    let id = NEXT_ASK.with(|n| {
        *n.borrow_mut() += 1;
        *n.borrow()
    });
    let Ok(text) = serde_json::to_string(&Asked { id, ask }) else {
        return false;
    };
    let object = js_sys::Object::new();
    if js_sys::Reflect::set(
        &object,
        &JsValue::from_str("ask"),
        &JsValue::from_str(&text),
    )
    .is_err()
    {
        return false;
    }
    CONNECTION.with(|slot| {
        let posted = slot
            .borrow()
            .as_ref()
            .filter(|c| c.ready && !c.busy)
            .is_some_and(|idle| idle.worker.post_message(&object).is_ok());
        if posted {
            ANSWERS.with(|a| a.borrow_mut().insert(id, Box::new(on_answer)));
        }
        posted
    })
}

fn deliver(id: u32, reply: Reply) {
    if let Some(answer) = ANSWERS.with(|a| a.borrow_mut().remove(&id)) {
        answer(reply);
    }
}

/// Starts analysing two files at once: a log and its customer master, in
/// either order (the worker tells them apart).
fn load_pair(state: AppState, first: Input, second: Input) {
    LAST_SECOND.with(|last| *last.borrow_mut() = Some(second));
    load_input(state, first);
}

/// Adds a customer master to the file already shown, and reads both again.
fn add_master(state: AppState, master: Input) {
    LAST_SECOND.with(|last| *last.borrow_mut() = Some(master));
    let request = state.request.get_untracked();
    if let Some(input) = LAST_INPUT.with(|last| last.borrow().clone()) {
        start(state, input, request, false);
    }
}

/// Starts analysing a new `input` with the default reading of it.
fn load(state: AppState, input: Input) {
    LAST_SECOND.with(|last| *last.borrow_mut() = None);
    load_input(state, input);
}

fn load_input(state: AppState, input: Input) {
    LAST_INPUT.with(|last| *last.borrow_mut() = Some(input.clone()));
    // A new file is read afresh, with the settings the user keeps.
    let request = Request {
        settings: super::settings_store::settings(),
        ..Request::default()
    };
    state.request.set(request.clone());
    start(state, input, request, false);
}

/// Analyses the last input again, read as `request` says (mapping, sheet,
/// settings). When only settings changed the worker reuses its table.
fn rerun(state: AppState, request: Request) {
    if let Some(input) = LAST_INPUT.with(|last| last.borrow().clone()) {
        state.request.set(request.clone());
        start(state, input, request, true);
    }
}

/// Changes the analysis settings (tiers, filter, what-if ...) and reruns.
fn change_settings(state: AppState, change: impl FnOnce(&mut crate::settings::Settings)) {
    let mut request = state.request.get_untracked();
    change(&mut request.settings);
    super::settings_store::remember_settings(&request.settings);
    rerun(state, request);
}

fn start(state: AppState, input: Input, request: Request, reuse: bool) {
    let id = CURRENT_JOB.with(|current| {
        *current.borrow_mut() += 1;
        *current.borrow()
    });
    let (source, file) = source_of(input);
    let (second, file2) = match LAST_SECOND.with(|last| last.borrow().clone()) {
        Some(input) => {
            let (source, file) = source_of(input);
            (Some(source), file)
        }
        None => (None, None),
    };
    let shown_name = match &second {
        Some(other) => format!("{} + {}", source.name(), other.name()),
        None => source.name().to_string(),
    };
    state.phase.set(Phase::Working(Work::starting(&shown_name)));
    let job = Job {
        id,
        source,
        request,
        reuse,
        second,
    };
    match message(&job, file.as_ref(), file2.as_ref()) {
        Ok(message) => send(state, message),
        Err(reason) => fail(state, source_name(&job), Failure::Read(reason)),
    }
}

/// Where the worker finds an input's bytes, and the `File` to post with it.
fn source_of(input: Input) -> (Source, Option<web_sys::File>) {
    match input {
        Input::File(file) => (Source::File { name: file.name() }, Some(file)),
        Input::Bundled(path) => {
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            let url = absolute(path);
            (Source::Url { name, url }, None)
        }
    }
}

fn source_name(job: &Job) -> String {
    job.source.name().to_string()
}

/// The job as JSON and the file beside it, in one plain object.
fn message(
    job: &Job,
    file: Option<&web_sys::File>,
    file2: Option<&web_sys::File>,
) -> Result<js_sys::Object, String> {
    let text = serde_json::to_string(job).map_err(|e| e.to_string())?;
    let object = js_sys::Object::new();
    let set =
        |key: &str, value: &JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    set("job", &JsValue::from_str(&text)).map_err(|e| format!("{e:?}"))?;
    if let Some(file) = file {
        set("file", file.as_ref()).map_err(|e| format!("{e:?}"))?;
    }
    if let Some(file) = file2 {
        set("file2", file.as_ref()).map_err(|e| format!("{e:?}"))?;
    }
    Ok(object)
}

/// Starts the worker while the page waits for a file, so that its wasm is
/// compiled before the first file comes rather than after.
fn warm_up(state: AppState) {
    CONNECTION.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = connect(state).ok();
        }
    });
}

/// Posts `message` to the idle worker, or replaces a busy (or missing) one
/// and queues the message until the new worker is ready.
fn send(state: AppState, message: js_sys::Object) {
    CONNECTION.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some(idle) = slot.as_mut().filter(|c| c.ready && !c.busy) {
            idle.busy = idle.worker.post_message(&message).is_ok();
            if idle.busy {
                return;
            }
        }
        // The worker started by `warm_up` is still loading: it takes this
        // first job as soon as it is ready.
        if let Some(loading) = slot
            .as_mut()
            .filter(|c| !c.ready && !c.busy && c.pending.is_none())
        {
            loading.pending = Some(message);
            return;
        }
        // A worker still busy with an older job would make this one wait.
        if let Some(old) = slot.take() {
            old.worker.terminate();
        }
        match connect(state) {
            Ok(mut connection) => {
                connection.pending = Some(message);
                *slot = Some(connection);
            }
            Err(reason) => {
                drop(slot);
                fail_current(state, Failure::Read(reason));
            }
        }
    });
}

/// Starts the worker from a blob URL, not from its script's URL. A worker
/// loaded from a URL takes its Content-Security-Policy from that script's
/// HTTP headers, which a plain static host does not send; a blob worker
/// inherits the page's policy, so the worker holding the customer data is
/// held to the same "connect to this origin only" as the page.
fn start_worker() -> Result<Worker, String> {
    let js_text = super::download_blob::js_text;
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let absolute = |file: &str| {
        let href = web_sys::Url::new_with_base(file, &base)
            .map_err(js_text)?
            .href();
        serde_json::to_string(&href).map_err(|e| e.to_string())
    };
    let script = format!(
        "importScripts({});self.tierlensWasm=wasm_bindgen({});",
        absolute(WORKER_GLUE)?,
        absolute(WORKER_WASM)?
    );
    // `tierlensWasm` resolves to the module's exports: the benchmark reads
    // the size of its memory from there (scripts/bench).
    let blob = super::download_blob::text_blob(&script, "text/javascript")?;
    // Not revoked: the browser may fetch it after `new Worker` returns, and
    // the few bytes are freed with the page.
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    Worker::new(&url).map_err(js_text)
}

fn connect(state: AppState) -> Result<Connection, String> {
    let worker = start_worker().map_err(|e| format!("cannot start the analysis worker: {e}"))?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(text) = workbook::unpack(&event.data()) {
            match serde_json::from_str::<Reply>(&text) {
                // Reading a large result is one task and drawing the
                // dashboard is more; a frame between keeps each short.
                Ok(reply @ Reply::Done { .. }) => {
                    request_animation_frame(move || receive(state, reply))
                }
                Ok(reply) => receive(state, reply),
                Err(e) => fail_current(
                    state,
                    Failure::Read(format!("unreadable reply from the worker: {e}")),
                ),
            }
        }
    });
    // A worker that died on a file (a parser's panic aborts its wasm, or
    // it ran out of memory) is replaced at once by a fresh one, and the
    // user is told the file could not be read.
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
        event.prevent_default();
        CONNECTION.with(|slot| {
            if let Some(dead) = slot.borrow_mut().take() {
                dead.worker.terminate();
            }
            *slot.borrow_mut() = connect(state).ok();
        });
        // The engine's message ("RuntimeError: unreachable") is for the console.
        leptos::logging::warn!(
            "the analysis worker stopped: {}",
            crate::printable::printable(&event.message())
        );
        fail_current(state, Failure::Stopped);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Connection {
        worker,
        ready: false,
        busy: false,
        pending: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn receive(state: AppState, reply: Reply) {
    let current = CURRENT_JOB.with(|c| *c.borrow());
    if matches!(reply, Reply::Done { .. } | Reply::Failed { .. }) {
        CONNECTION.with(|slot| slot.borrow_mut().as_mut().map(|c| c.busy = false));
    }
    match reply {
        Reply::Ready => CONNECTION.with(|slot| {
            if let Some(connection) = slot.borrow_mut().as_mut() {
                connection.ready = true;
                if let Some(message) = connection.pending.take() {
                    connection.busy = connection.worker.post_message(&message).is_ok();
                }
            }
        }),
        Reply::Progress { id, progress } if id == current => state.phase.update(|phase| {
            if let Phase::Working(work) = phase {
                work.progress = progress;
            }
        }),
        Reply::Done { id, outcome } if id == current => {
            if apply_remembered(
                state,
                &outcome.analysis.input.headers,
                &outcome.analysis.input.columns,
            ) {
                return;
            }
            let file = working_file(state);
            // Answers to the replaced dashboard's asks are not coming.
            ANSWERS.with(|a| a.borrow_mut().clear());
            state.shown.set(Some(Arc::new(Shown {
                file,
                analysis: outcome.analysis,
                rejected_csv: outcome.rejected_csv,
            })));
            state.phase.set(Phase::Ready);
        }
        Reply::Failed { id, failure } if id == current => {
            let headers = match &failure {
                Failure::Ingest(crate::ingest::IngestError::MissingColumn { headers, .. }) => {
                    headers.clone()
                }
                _ => Vec::new(),
            };
            if !apply_remembered(state, &headers, &BTreeMap::new()) {
                fail_current(state, failure);
            }
        }
        Reply::Rows { id, .. }
        | Reply::Card { id, .. }
        | Reply::Export { id, .. }
        | Reply::Workbook { id, .. } => deliver(id, reply),
        // Replies about a job the user has since replaced.
        _ => {}
    }
}

/// Re-reads the file with the mapping the user chose before for these
/// headers, when this run used the guess; returns whether it did.
fn apply_remembered(
    state: AppState,
    headers: &[String],
    columns: &BTreeMap<String, String>,
) -> bool {
    let guessed = state.request.with_untracked(|r| r.read.map.is_empty());
    match super::mapping_store::recall(headers) {
        Some(map) if guessed && !headers.is_empty() && !same_mapping(&map, columns) => {
            let mut request = state.request.get_untracked();
            request.read.map = map;
            rerun(state, request);
            true
        }
        _ => false,
    }
}

/// Whether a remembered mapping says what the columns already are (then
/// reading the file again would change nothing).
fn same_mapping(map: &[(String, String)], columns: &BTreeMap<String, String>) -> bool {
    map.iter().all(|(role, header)| match columns.get(role) {
        Some(current) => current == header,
        None => header.is_empty(),
    })
}

fn working_file(state: AppState) -> String {
    state.phase.with_untracked(|phase| match phase {
        Phase::Working(work) => work.file.clone(),
        _ => String::new(),
    })
}

fn fail_current(state: AppState, failure: Failure) {
    fail(state, working_file(state), failure);
}

fn fail(state: AppState, file: String, failure: Failure) {
    state.shown.set(None);
    state.phase.set(Phase::Failed { file, failure });
}

/// `path` resolved against the page, for the worker (whose base differs in general).
fn absolute(path: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(path, &base).map_or(path.to_string(), |url| url.href())
}
