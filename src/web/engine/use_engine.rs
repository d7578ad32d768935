//! `use_engine()`: the components' one handle on the analysis worker.
//!
//! The worker's connection, its jobs and the asks waiting for answers are
//! the engine's own (`engine.rs`); components reach them only through this
//! handle, in leptos-use's shape: `provide_engine` once in the app, then
//! `let engine = use_engine(); engine.ask_rows(...)` wherever it is needed.
//! The handle is `Copy`, so event handlers move it freely.

use super::Input;
use crate::customer_table::{Card, Page, Query};
use crate::engine::Request;
use crate::settings::Settings;
use crate::web::state::AppState;
use leptos::prelude::*;

/// The page's side of the worker: loads files and asks for what is shown.
#[derive(Clone, Copy)]
pub struct Engine {
    state: AppState,
}

/// Starts the worker (so its wasm is compiled before the first file comes)
/// and provides the handle to every component below.
pub fn provide_engine(state: AppState) -> Engine {
    super::warm_up(state);
    let engine = Engine { state };
    provide_context(engine);
    engine
}

/// The handle `provide_engine` gave.
pub fn use_engine() -> Engine {
    expect_context::<Engine>()
}

impl Engine {
    /// Starts analysing a new `input` with the default reading of it.
    pub fn load(self, input: Input) {
        super::load(self.state, input);
    }

    /// Starts analysing a log and its customer master, in either order.
    pub fn load_pair(self, first: Input, second: Input) {
        super::load_pair(self.state, first, second);
    }

    /// Adds a customer master to the file shown, and reads both again.
    pub fn add_master(self, master: Input) {
        super::add_master(self.state, master);
    }

    /// Analyses the last input again, read as `request` says (mapping,
    /// sheet, settings). When only settings changed the worker reuses its
    /// table.
    pub fn rerun(self, request: Request) {
        super::rerun(self.state, request);
    }

    /// Changes the analysis settings (tiers, filter, what-if ...), keeps
    /// them for the next visit, and reruns.
    pub fn change_settings(self, change: impl FnOnce(&mut Settings)) {
        super::change_settings(self.state, change);
    }

    /// Asks for `count` rows from `offset` of the customers `query`
    /// selects; `on_page` gets them.
    pub fn ask_rows(
        self,
        query: Query,
        offset: usize,
        count: usize,
        on_page: impl FnOnce(Page) + 'static,
    ) {
        super::ask_rows(query, offset, count, on_page);
    }

    /// Asks for one customer's card (`None`: no such customer).
    pub fn ask_card(self, customer: String, on_card: impl FnOnce(Option<Card>) + 'static) {
        super::ask_card(customer, on_card);
    }

    /// Asks for the customers as CSV: those `query` selects, or everyone.
    pub fn ask_export(self, query: Option<Query>, on_csv: impl FnOnce(String) + 'static) {
        super::ask_export(query, on_csv);
    }

    /// Asks for every customer and the call list as an Excel workbook
    /// with headers in `locale`; `on_done` gets its blob or why not.
    /// `false` when the worker is busy analysing and did not take it.
    pub fn ask_workbook(
        self,
        locale: crate::format::Locale,
        on_done: impl FnOnce(Result<web_sys::Blob, String>) + 'static,
    ) -> bool {
        super::workbook::ask_workbook(locale, on_done)
    }

    /// Asks for the landing's template workbook, as `ask_workbook` does.
    pub fn ask_template(
        self,
        locale: crate::format::Locale,
        on_done: impl FnOnce(Result<web_sys::Blob, String>) + 'static,
    ) -> bool {
        super::workbook::ask_template(locale, on_done)
    }
}
