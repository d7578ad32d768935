//! The page: header, the intake (drop zone), status, then the dashboard.

use super::{
    concentration::ConcentrationPanel, header::Header, import_report::ImportReport, intake::Intake,
};
use super::{
    customer_types::CustomerTypesPanel, loyalty::LoyaltyPanel, pareto::ParetoPanel,
    profit::ProfitPanel, slicer::Slicer, split::SplitPanel,
};
use super::{
    lifecycle::LifecyclePanel, lifetime_value::LifetimeValuePanel, retention::RetentionPanel,
    rfm::RfmPanel,
};
use super::{overview::Overview, status::Status, tiers::Tiers, top_customers::TopCustomers};
use crate::format::Locale;
use crate::web::browser_locale;
use crate::web::state::{AppState, Loaded};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_locale());
    provide_context(state);
    // Switching language re-renders from the same Analysis: nothing is recomputed.
    move || {
        let locale = state.locale.get();
        view! {
            <Header locale=locale/>
            <main class="page">
                <Intake locale=locale/>
                <Status locale=locale/>
                {move || state.loaded.get().map(|loaded| view! { <Dashboard loaded=loaded locale=locale/> })}
            </main>
        }
    }
}

#[component]
fn Dashboard(loaded: Arc<Loaded>, locale: Locale) -> impl IntoView {
    view! {
        <Overview loaded=loaded.clone() locale=locale/>
        <Slicer loaded=loaded.clone() locale=locale/>
        <SplitPanel loaded=loaded.clone() locale=locale/>
        <div class="two-columns">
            <ParetoPanel loaded=loaded.clone() locale=locale/>
            <ConcentrationPanel loaded=loaded.clone() locale=locale/>
        </div>
        <Tiers analysis=loaded.clone() locale=locale/>
        <ProfitPanel loaded=loaded.clone() locale=locale/>
        <CustomerTypesPanel loaded=loaded.clone() locale=locale/>
        <LoyaltyPanel loaded=loaded.clone() locale=locale/>
        <RfmPanel loaded=loaded.clone() locale=locale/>
        <LifecyclePanel loaded=loaded.clone() locale=locale/>
        <RetentionPanel loaded=loaded.clone() locale=locale/>
        <LifetimeValuePanel loaded=loaded.clone() locale=locale/>
        <TopCustomers loaded=loaded.clone() locale=locale/>
        <ImportReport loaded=loaded locale=locale/>
        <div data-testid="dashboard-ready" hidden></div>
    }
}
