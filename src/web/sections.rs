//! The dashboard's sections, in page order: the one list both the
//! navigation (`components/nav.rs`) and the dashboard
//! (`components/dashboard.rs`) are built from, so a section cannot be in
//! one and missing from the other, and `dashboard-ready` waits for exactly
//! the panels listed here (the dashboard counts them as it lays them out).
//!
//! A new section is one entry here; a new panel is one `Panel` variant,
//! listed in its section, and one arm in `dashboard::panel` (the compiler
//! asks for it).

use crate::i18n::Key;

/// One dashboard section: its anchor (`#sec-tiers`, kept in the address),
/// its name in the navigation, and what it shows, in order.
pub struct Section {
    pub id: &'static str,
    pub key: Key,
    pub blocks: &'static [Block],
}

/// How a section lays out its panels.
pub enum Block {
    /// One panel across the section.
    Whole(Panel),
    /// Panels side by side (two columns on a wide screen).
    Columns(&'static [Panel]),
}

/// Every panel the dashboard can show; `dashboard::panel` renders each
/// from its own part of the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Findings,
    Overview,
    Slicer,
    Split,
    Pareto,
    Concentration,
    Profit,
    Tiers,
    Distributions,
    CustomerTypes,
    Loyalty,
    Rfm,
    Lifecycle,
    Retention,
    LifetimeValue,
    CallList,
    Customers,
    Settings,
    ImportReport,
    Compare,
    MasterJoin,
    CustomerShare,
}

use Block::{Columns, Whole};

/// Every section, in page order.
pub const SECTIONS: &[Section] = &[
    Section {
        id: "sec-overview",
        key: Key::Overview,
        blocks: &[
            Whole(Panel::Findings),
            Whole(Panel::Overview),
            Whole(Panel::Slicer),
            Whole(Panel::Split),
        ],
    },
    Section {
        id: "sec-pareto",
        key: Key::NavPareto,
        blocks: &[
            Columns(&[Panel::Pareto, Panel::Concentration]),
            Whole(Panel::Profit),
        ],
    },
    Section {
        id: "sec-tiers",
        key: Key::NavTiers,
        blocks: &[Whole(Panel::Tiers), Whole(Panel::Distributions)],
    },
    Section {
        id: "sec-types",
        key: Key::NavTypes,
        blocks: &[Whole(Panel::CustomerTypes), Whole(Panel::Loyalty)],
    },
    Section {
        id: "sec-share",
        key: Key::NavShare,
        blocks: &[Whole(Panel::CustomerShare)],
    },
    Section {
        id: "sec-rfm",
        key: Key::NavRfm,
        blocks: &[Whole(Panel::Rfm)],
    },
    Section {
        id: "sec-lifecycle",
        key: Key::NavLifecycle,
        blocks: &[Whole(Panel::Lifecycle), Whole(Panel::Retention)],
    },
    Section {
        id: "sec-value",
        key: Key::NavValue,
        blocks: &[Whole(Panel::LifetimeValue), Whole(Panel::CallList)],
    },
    Section {
        id: "sec-compare",
        key: Key::NavCompare,
        blocks: &[Whole(Panel::Compare)],
    },
    Section {
        id: "sec-customers",
        key: Key::NavCustomers,
        blocks: &[Whole(Panel::Customers)],
    },
    Section {
        id: "sec-settings",
        key: Key::NavSettings,
        blocks: &[Whole(Panel::Settings)],
    },
    Section {
        id: "sec-data",
        key: Key::ImportReport,
        blocks: &[Whole(Panel::ImportReport), Whole(Panel::MasterJoin)],
    },
];
