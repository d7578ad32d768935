//! The app's shared state: one struct of signals, provided through context.

use crate::analysis::Analysis;
use crate::engine::Request;
use crate::engine::{Progress, Step};
use crate::format::Locale;
use crate::protocol::Failure;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the page is in its one job: from a file to a dashboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Working(Work),
    Failed { file: String, failure: Failure },
    Ready,
}

/// How far the worker has come with the current file.
#[derive(Clone, Debug, PartialEq)]
pub struct Work {
    pub file: String,
    pub progress: Progress,
}

impl Work {
    pub fn starting(file: &str) -> Work {
        Work {
            file: file.to_string(),
            progress: Progress {
                step: Step::Reading,
                done: 0,
                total: 0,
                rows: 0,
            },
        }
    }
}

/// The result for the current file: what the dashboard shows.
pub struct Shown {
    pub file: String,
    pub analysis: Analysis,
    pub rejected_csv: String,
}

/// One part of what is shown (`&Pareto`, `&Clv` ...): what a panel takes.
/// It derefs to that part and clones as cheaply as an `Arc`, so a panel
/// sees only its part and nothing is copied out of the analysis.
pub struct Part<T: 'static> {
    whole: Arc<Shown>,
    pick: fn(&Shown) -> &T,
}

impl<T> Part<T> {
    pub fn new(whole: &Arc<Shown>, pick: fn(&Shown) -> &T) -> Part<T> {
        Part {
            whole: whole.clone(),
            pick,
        }
    }
}

impl<T> Clone for Part<T> {
    fn clone(&self) -> Part<T> {
        Part {
            whole: self.whole.clone(),
            pick: self.pick,
        }
    }
}

impl<T> std::ops::Deref for Part<T> {
    type Target = T;
    fn deref(&self) -> &T {
        (self.pick)(&self.whole)
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub locale: RwSignal<Locale>,
    /// How the current file is read: column mapping, sheet, encoding.
    pub request: RwSignal<Request>,
    pub phase: RwSignal<Phase>,
    pub shown: RwSignal<Option<Arc<Shown>>>,
    /// The category every split view groups by (a `Split::key`), if any.
    pub split_by: RwSignal<Option<String>>,
    /// The user's own service recommendation per tier ("A", "B", "C",
    /// "loss"), remembered in localStorage.
    pub services: RwSignal<std::collections::BTreeMap<String, String>>,
    /// The currency symbol money is shown with (remembered).
    pub currency: RwSignal<crate::format::Currency>,
    /// The dashboard section being read (`SECTIONS` ids), kept in the address.
    pub section: RwSignal<String>,
    /// Embedded in a portal (`?embed=1`): no header of our own.
    pub embedded: bool,
}

impl AppState {
    /// `section` is where the page opens (the address's, or the first).
    pub fn new(locale: Locale, embedded: bool, section: String) -> AppState {
        AppState {
            locale: RwSignal::new(locale),
            request: RwSignal::new(Request::default()),
            phase: RwSignal::new(Phase::Idle),
            shown: RwSignal::new(None),
            split_by: RwSignal::new(None),
            services: RwSignal::new(super::settings_store::services()),
            currency: RwSignal::new(super::settings_store::currency()),
            section: RwSignal::new(section),
            embedded,
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
