//! The page: header, the intake (drop zone), status, then the dashboard:
//! a navigation beside the sections, every section rendered at once so
//! the page prints whole and `dashboard-ready` means every figure is there.

use super::{
    concentration::ConcentrationPanel, header::Header, import_report::ImportReport, intake::Intake,
};
use super::{
    customer_table::CustomerTable, nav::Nav, overview::Overview, settings_panel::SettingsPanel,
};
use super::{
    customer_types::CustomerTypesPanel, loyalty::LoyaltyPanel, pareto::ParetoPanel,
    profit::ProfitPanel, slicer::Slicer, split::SplitPanel,
};
use super::{
    lifecycle::LifecyclePanel, lifetime_value::LifetimeValuePanel, retention::RetentionPanel,
    rfm::RfmPanel,
};
use super::{status::Status, tiers::Tiers};
use crate::format::Locale;
use crate::web::state::{AppState, Loaded};
use crate::web::{browser_locale, page_options};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    let options = page_options();
    let state = AppState::new(
        options.locale.unwrap_or_else(browser_locale),
        options.embedded,
    );
    provide_context(state);
    super::nav::follow_scroll(state.section);
    crate::web::embed::listen(state);
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
                {move || state.loaded.get().map(|loaded| view! { <Dashboard loaded=loaded locale=locale/> })}
            </main>
        }
    }
}

#[component]
fn Dashboard(loaded: Arc<Loaded>, locale: Locale) -> impl IntoView {
    // Lands on the section in the address once every section is in place.
    request_animation_frame(super::nav::restore_place);
    // The customer table fills from the worker: ready once its rows came.
    let table_ready = RwSignal::new(false);
    view! {
        <div class="dashboard">
            <Nav locale=locale/>
            <div class="sections">
                <div class="dash-section" id="sec-overview">
                    <Overview loaded=loaded.clone() locale=locale/>
                    <Slicer loaded=loaded.clone() locale=locale/>
                    <SplitPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-pareto">
                    <div class="two-columns">
                        <ParetoPanel loaded=loaded.clone() locale=locale/>
                        <ConcentrationPanel loaded=loaded.clone() locale=locale/>
                    </div>
                    <ProfitPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-tiers">
                    <Tiers analysis=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-types">
                    <CustomerTypesPanel loaded=loaded.clone() locale=locale/>
                    <LoyaltyPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-rfm">
                    <RfmPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-lifecycle">
                    <LifecyclePanel loaded=loaded.clone() locale=locale/>
                    <RetentionPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-value">
                    <LifetimeValuePanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-customers">
                    <CustomerTable loaded=loaded.clone() locale=locale ready=table_ready/>
                </div>
                <div class="dash-section" id="sec-settings">
                    <SettingsPanel loaded=loaded.clone() locale=locale/>
                </div>
                <div class="dash-section" id="sec-data">
                    <ImportReport loaded=loaded locale=locale/>
                </div>
            </div>
        </div>
        {move || table_ready.get().then(|| view! { <div data-testid="dashboard-ready" hidden></div> })}
    }
}
