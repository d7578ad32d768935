//! The page: header, the intake (drop zone), status, then the dashboard
//! (`dashboard.rs`) once a file is analysed.

use super::{dashboard::Dashboard, header::Header, intake::Intake, status::Status};
use crate::web::state::AppState;
use crate::web::{browser_locale, page_options};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let options = page_options();
    let state = AppState::new(
        options.locale.unwrap_or_else(browser_locale),
        options.embedded,
        super::nav::first_section(),
    );
    provide_context(state);
    let engine = crate::web::engine::provide_engine(state);
    super::nav::follow_scroll(state.section);
    crate::web::embed::listen(state, engine);
    // Switching language or currency re-renders from the same Analysis:
    // nothing is recomputed.
    move || {
        let locale = state.locale.get();
        state.currency.track();
        view! {
            {(!state.embedded).then(|| view! { <Header locale=locale/> })}
            <main class="page" class:embedded=state.embedded>
                <Intake locale=locale/>
                <Status locale=locale/>
                {move || state.shown.get().map(|shown| view! { <Dashboard shown=shown locale=locale/> })}
            </main>
        }
    }
}
