//! The app's shared state: one struct of signals, provided through context.

use crate::analysis::Analysis;
use crate::format::Locale;
use crate::ingest::IngestError;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the page is in its one job: from a file to a dashboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Working { file: String, step: Step },
    Failed { file: String, failure: Failure },
    Ready,
}

/// Why a file gave no dashboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The file was read but cannot be used; the core says why.
    Ingest(IngestError),
    /// The browser could not hand over the bytes.
    Read(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Reading,
    Analysing,
}

/// The result for the current file.
pub struct Loaded {
    pub file: String,
    pub analysis: Analysis,
    pub rejected_csv: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub locale: RwSignal<Locale>,
    pub phase: RwSignal<Phase>,
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
}

impl AppState {
    pub fn new(locale: Locale) -> AppState {
        AppState {
            locale: RwSignal::new(locale),
            phase: RwSignal::new(Phase::Idle),
            loaded: RwSignal::new(None),
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
