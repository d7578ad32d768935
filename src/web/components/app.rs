//! The page: header, the intake (drop zone), status, then the dashboard:
//! a navigation beside the sections, every section rendered (one per frame,
//! see `Staged`) before `dashboard-ready`, which means every figure is there.

use super::{call_list::CallList, status::Status, tiers::Tiers};
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
    crate::web::engine::warm_up(state);
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
    // The customer table fills from the worker: ready once its rows came.
    let table_ready = RwSignal::new(false);
    let shown = RwSignal::new(0);
    // Copy, so that each panel's children can be made again.
    let loaded = StoredValue::new(loaded);
    reveal(shown);
    view! {
        <div class="dashboard">
            <Nav locale=locale/>
            <div class="sections">
                <div class="dash-section" id="sec-overview">
                    <Staged order=0 shown=shown><Overview loaded=loaded.get_value() locale=locale/></Staged>
                    <Staged order=1 shown=shown><Slicer loaded=loaded.get_value() locale=locale/></Staged>
                    <Staged order=2 shown=shown><SplitPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-pareto">
                    <div class="two-columns">
                        <Staged order=3 shown=shown><ParetoPanel loaded=loaded.get_value() locale=locale/></Staged>
                        <Staged order=4 shown=shown><ConcentrationPanel loaded=loaded.get_value() locale=locale/></Staged>
                    </div>
                    <Staged order=5 shown=shown><ProfitPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-tiers">
                    <Staged order=6 shown=shown><Tiers analysis=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-types">
                    <Staged order=7 shown=shown><CustomerTypesPanel loaded=loaded.get_value() locale=locale/></Staged>
                    <Staged order=8 shown=shown><LoyaltyPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-rfm">
                    <Staged order=9 shown=shown><RfmPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-lifecycle">
                    <Staged order=10 shown=shown><LifecyclePanel loaded=loaded.get_value() locale=locale/></Staged>
                    <Staged order=11 shown=shown><RetentionPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-value">
                    <Staged order=12 shown=shown>
                        <LifetimeValuePanel loaded=loaded.get_value() locale=locale/>
                        <CallList loaded=loaded.get_value() locale=locale/>
                    </Staged>
                </div>
                <div class="dash-section" id="sec-customers">
                    <Staged order=13 shown=shown><CustomerTable loaded=loaded.get_value() locale=locale ready=table_ready/></Staged>
                </div>
                <div class="dash-section" id="sec-settings">
                    <Staged order=14 shown=shown><SettingsPanel loaded=loaded.get_value() locale=locale/></Staged>
                </div>
                <div class="dash-section" id="sec-data">
                    <Staged order=15 shown=shown><ImportReport loaded=loaded.get_value() locale=locale/></Staged>
                </div>
            </div>
        </div>
        {move || (table_ready.get() && shown.get() == PANELS).then(|| view! { <div data-testid="dashboard-ready" hidden></div> })}
    }
}

/// Dashboard panels, revealed one per animation frame (see `Staged`).
const PANELS: usize = 16;

/// Shows one more panel each frame, then lands on the section in the
/// address once every section is in place. Stops if the dashboard was
/// replaced (its signal is gone).
fn reveal(shown: RwSignal<usize>) {
    request_animation_frame(move || {
        match shown.try_update(|n| {
            *n += 1;
            *n
        }) {
            Some(PANELS) => super::nav::restore_place(),
            Some(_) => reveal(shown),
            None => {}
        }
    });
}

/// A panel rendered once `shown` passes its `order`. A million-customer
/// analysis then renders in a dozen short tasks, one per frame, instead of
/// one that freezes the page for over a second; all are there within a
/// fraction of a second, before `dashboard-ready`, so the page still
/// prints whole.
#[component]
fn Staged(order: usize, shown: RwSignal<usize>, children: ChildrenFn) -> impl IntoView {
    let visible = Memo::new(move |_| shown.get() > order);
    move || visible.get().then(|| children())
}
