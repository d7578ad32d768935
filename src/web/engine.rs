//! The page's side of the one boundary from bytes to `Analysis`.
//!
//! `load` reads the bytes (a dropped or picked file, or the bundled sample),
//! runs `crate::engine::run`, and publishes the result or the reason the
//! file cannot be used. The UI only ever calls `load`.

use super::state::{AppState, Failure, Loaded, Phase, Step};
use crate::engine::{self, Request};
use gloo_timers::future::TimeoutFuture;
use js_sys::Uint8Array;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the bytes come from.
pub enum Source {
    File(web_sys::File),
    /// A path relative to the page, so the app works under any sub-path.
    Bundled(&'static str),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(file) => file.name(),
            Source::Bundled(path) => path.rsplit('/').next().unwrap_or(path).to_string(),
        }
    }

    async fn bytes(&self) -> Result<Vec<u8>, String> {
        match self {
            Source::File(file) => {
                let blob = gloo_file::Blob::from(web_sys::Blob::from(file.clone()));
                gloo_file::futures::read_as_bytes(&blob)
                    .await
                    .map_err(|e| e.to_string())
            }
            Source::Bundled(path) => fetch_bytes(path).await,
        }
    }
}

/// Reads `source`, analyses it, and updates `state` at every step.
pub async fn load(state: AppState, source: Source) {
    let file = source.name();
    state.phase.set(Phase::Working {
        file: file.clone(),
        step: Step::Reading,
    });
    let outcome = match source.bytes().await {
        Ok(bytes) => {
            state.phase.set(Phase::Working {
                file: file.clone(),
                step: Step::Analysing,
            });
            // Let the browser paint the progress bar before the work starts.
            TimeoutFuture::new(20).await;
            engine::run(&bytes, &Request::default(), &now_ms).map_err(Failure::Ingest)
        }
        Err(message) => Err(Failure::Read(message)),
    };
    match outcome {
        Ok(outcome) => {
            state.loaded.set(Some(Arc::new(Loaded {
                file,
                analysis: outcome.analysis,
                rejected_csv: outcome.rejected_csv,
            })));
            state.phase.set(Phase::Ready);
        }
        Err(failure) => {
            state.loaded.set(None);
            state.phase.set(Phase::Failed { file, failure });
        }
    }
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let js_error = |e: wasm_bindgen::JsValue| format!("{path}: {e:?}");
    let response = JsFuture::from(window().fetch_with_str(path))
        .await
        .map_err(js_error)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error)?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
