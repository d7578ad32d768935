//! A chart on the page: the SVG text `crate::chart` drew, placed as markup.

use leptos::prelude::*;

/// Every user text inside `svg` was escaped by the chart backend, which is
/// why it may be placed with `inner_html`.
pub fn chart_view(svg: String, testid: &'static str) -> impl IntoView {
    view! { <div class="chart" data-testid=testid inner_html=svg></div> }
}
