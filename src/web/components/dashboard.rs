//! The dashboard: a navigation beside the sections of `sections::SECTIONS`,
//! each panel given its own part of the analysis and rendered one per frame
//! (see `Staged`). `dashboard-ready` appears once every panel laid out here
//! is drawn, which means every figure is there.

use super::distributions::DistributionsPanel;
use super::{call_list::CallList, compare::ComparePanel, tiers::Tiers};
use super::{concentration::ConcentrationPanel, import_report::ImportReport};
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
use crate::web::sections::{Block, Panel, SECTIONS};
use crate::web::state::{Part, Shown};
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::Arc;

#[component]
pub fn Dashboard(shown: Arc<Shown>, locale: Locale) -> impl IntoView {
    // The customer table fills from the worker: ready once its rows came.
    let table_ready = RwSignal::new(false);
    let revealed = RwSignal::new(0);
    // Copy, so that each panel's children can be made again.
    let shown = StoredValue::new(shown);
    // Each panel's place in the reveal, counted as the sections are laid
    // out: the count is the number of panels, whatever SECTIONS holds.
    let laid_out = Cell::new(0);
    let staged = |panel: Panel| {
        let order = laid_out.replace(laid_out.get() + 1);
        view! {
            <Staged order=order shown=revealed>{panel_view(panel, &shown.get_value(), locale, table_ready)}</Staged>
        }
    };
    let sections = SECTIONS
        .iter()
        .map(|section| {
            let blocks = section
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Whole(panel) => staged(*panel).into_any(),
                    Block::Columns(panels) => {
                        let columns = panels.iter().map(|p| staged(*p)).collect_view();
                        view! { <div class="two-columns">{columns}</div> }.into_any()
                    }
                })
                .collect_view();
            view! { <div class="dash-section" id=section.id>{blocks}</div> }
        })
        .collect_view();
    let panels = laid_out.get();
    reveal(revealed, panels);
    view! {
        <div class="dashboard">
            <Nav locale=locale/>
            <div class="sections">{sections}</div>
        </div>
        {move || (table_ready.get() && revealed.get() == panels).then(|| view! { <div data-testid="dashboard-ready" hidden></div> })}
    }
}

/// One panel, given the parts of the analysis it shows.
fn panel_view(
    panel: Panel,
    shown: &Arc<Shown>,
    locale: Locale,
    table_ready: RwSignal<bool>,
) -> AnyView {
    let a = &shown.analysis;
    match panel {
        Panel::Findings => view! {
            <super::findings::Findings analysis=Part::new(shown, |s| &s.analysis) file=shown.file.clone() locale=locale/>
        }
        .into_any(),
        Panel::Overview => view! {
            <Overview analysis=Part::new(shown, |s| &s.analysis) file=shown.file.clone() locale=locale/>
        }
        .into_any(),
        Panel::Slicer => view! {
            <Slicer dimensions=Part::new(shown, |s| &s.analysis.dimensions) filter=a.filter.clone()
                splits=Part::new(shown, |s| &s.analysis.splits) locale=locale/>
        }
        .into_any(),
        Panel::Split => view! {
            <SplitPanel splits=Part::new(shown, |s| &s.analysis.splits) locale=locale/>
        }
        .into_any(),
        Panel::Pareto => view! {
            <ParetoPanel pareto=Part::new(shown, |s| &s.analysis.pareto) locale=locale/>
        }
        .into_any(),
        Panel::Concentration => view! {
            <ConcentrationPanel concentration=Part::new(shown, |s| &s.analysis.concentration)
                largest=a.top_customers.first().cloned() locale=locale/>
        }
        .into_any(),
        Panel::Profit => view! {
            <ProfitPanel profit=Part::new(shown, |s| &s.analysis.profit)
                source_column=a.input.columns.get(&a.profit.source).cloned().unwrap_or_default()
                loss_makers=Part::new(shown, |s| &s.analysis.loss_makers) locale=locale/>
        }
        .into_any(),
        Panel::Tiers => view! {
            <Tiers tiers=Part::new(shown, |s| &s.analysis.tiers) rule=a.tier_rule
                profit=Part::new(shown, |s| &s.analysis.profit)
                customers=a.customers revenue_total=a.revenue_total locale=locale/>
        }
        .into_any(),
        Panel::Distributions => view! {
            <DistributionsPanel distributions=Part::new(shown, |s| &s.analysis.distributions) locale=locale/>
        }
        .into_any(),
        Panel::CustomerTypes => view! {
            <CustomerTypesPanel types=Part::new(shown, |s| &s.analysis.customer_types) as_of=a.as_of locale=locale/>
        }
        .into_any(),
        Panel::Loyalty => view! {
            <LoyaltyPanel loyalty=Part::new(shown, |s| &s.analysis.loyalty) locale=locale/>
        }
        .into_any(),
        Panel::Rfm => view! {
            <RfmPanel rfm=Part::new(shown, |s| &s.analysis.rfm) locale=locale/>
        }
        .into_any(),
        Panel::Lifecycle => view! {
            <LifecyclePanel lifecycle=Part::new(shown, |s| &s.analysis.lifecycle_detail) locale=locale/>
        }
        .into_any(),
        Panel::Retention => view! {
            <RetentionPanel retention=Part::new(shown, |s| &s.analysis.retention) locale=locale/>
        }
        .into_any(),
        Panel::LifetimeValue => view! {
            <LifetimeValuePanel clv=Part::new(shown, |s| &s.analysis.clv) locale=locale/>
        }
        .into_any(),
        Panel::CallList => view! {
            <CallList calls=Part::new(shown, |s| &s.analysis.call_list) locale=locale/>
        }
        .into_any(),
        Panel::Customers => view! {
            <CustomerTable customers=a.customers dimensions=Part::new(shown, |s| &s.analysis.dimensions)
                locale=locale ready=table_ready/>
        }
        .into_any(),
        Panel::Settings => view! {
            <SettingsPanel last_date=a.last_date locale=locale/>
        }
        .into_any(),
        Panel::Compare => view! {
            <ComparePanel analysis=Part::new(shown, |s| &s.analysis) locale=locale/>
        }
        .into_any(),
        Panel::MasterJoin => view! {
            <super::master_join::MasterJoin master=Part::new(shown, |s| &s.analysis.master) locale=locale/>
        }
        .into_any(),
        Panel::CustomerShare => view! {
            <super::customer_share::CustomerSharePanel share=Part::new(shown, |s| &s.analysis.customer_share)
                has_master=a.master.is_some() as_of=a.as_of locale=locale/>
        }
        .into_any(),
        Panel::ImportReport => view! {
            <ImportReport input=Part::new(shown, |s| &s.analysis.input) file=shown.file.clone()
                rejected_csv=Part::new(shown, |s| &s.rejected_csv) locale=locale/>
        }
        .into_any(),
    }
}

/// Shows one more panel each frame, then lands on the section in the
/// address once all `panels` are in place. Stops if the dashboard was
/// replaced (its signal is gone).
fn reveal(shown: RwSignal<usize>, panels: usize) {
    request_animation_frame(move || {
        match shown.try_update(|n| {
            *n += 1;
            *n
        }) {
            Some(n) if n == panels => super::nav::restore_place(),
            Some(_) => reveal(shown, panels),
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
