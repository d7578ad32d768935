//! A wide table's scroll container, the one every wide table sits in: it,
//! not the page, scrolls sideways when the table is wider than its card
//! (and down, past its height), with the first column (the customer or the
//! row's label) held in view (`style/main.css`). A box that scrolls must be
//! reachable by keyboard and named (axe's `scrollable-region-focusable`),
//! so it is a focusable region labelled with the table's name.

use leptos::prelude::*;

#[component]
pub fn ScrollTable(
    /// The table's name, read out for the region.
    #[prop(into)]
    label: String,
    /// Extra classes: `short` (a lower box), `heat-scroll` (a heat map).
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=format!("table-scroll {class}") tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
