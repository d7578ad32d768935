//! Filter the whole dashboard to one value of a category (an industry, a
//! region, an account manager), or split every view by a category.

use crate::dimensions::{DimensionInfo, Split};
use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::settings::Filter;
use crate::web::engine::use_engine;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

/// Separates a dimension key from a value in an option's value.
const SEP: char = '\u{1f}';

#[component]
pub fn Slicer(
    dimensions: Part<Vec<DimensionInfo>>,
    filter: Option<Filter>,
    splits: Part<Vec<Split>>,
    locale: Locale,
) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    if dimensions.is_empty() {
        return None;
    }
    let current = filter.as_ref().map(option_value).unwrap_or_default();
    let groups = dimension_groups(&dimensions, &current);
    let on_filter = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        let filter = chosen_dimension(&chosen).map(|(key, value)| Filter {
            key: key.to_string(),
            value: Some(value.to_string()).filter(|v| !v.is_empty()),
        });
        engine.change_settings(|s| s.filter = filter);
    };
    let split_options = splits
        .iter()
        .map(|s| {
            let selected = state.split_by.get_untracked().as_deref() == Some(s.key.as_str());
            view! { <option value=s.key.clone() selected=selected>{s.header.clone()}</option> }
        })
        .collect_view();
    let on_split = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        state.split_by.set(Some(key).filter(|k| !k.is_empty()));
    };
    let filtered = filter.is_some();
    Some(view! {
        <section class="card slicer" class:filtered=filtered aria-label=t(locale, Key::Slice)>
            <label>
                <span>{t(locale, Key::FilterBy)}</span>
                <select data-testid="filter" on:change=on_filter>
                    <option value="" selected=current.is_empty()>{t(locale, Key::AllCustomers)}</option>
                    {groups}
                </select>
            </label>
            <label>
                <span>{t(locale, Key::SplitBy)}</span>
                <select data-testid="split-by" on:change=on_split>
                    <option value="">{t(locale, Key::NoSplit)}</option>
                    {split_options}
                </select>
            </label>
            {filtered.then(|| view! { <p class="filter-note">{t(locale, Key::FilteredNote)}</p> })}
        </section>
    })
}

/// The option value that stands for one value of one dimension.
fn option_value(filter: &Filter) -> String {
    let value = filter.value.as_deref().unwrap_or_default();
    format!("{}{SEP}{value}", filter.key)
}

/// One `<optgroup>` per dimension, one option per value; the option whose
/// value is `current` is selected. Also the customer table's filter.
pub fn dimension_groups(dimensions: &[DimensionInfo], current: &str) -> impl IntoView {
    dimensions
        .iter()
        .map(|d| {
            let options = d
                .values
                .iter()
                .map(|v| {
                    let value = format!("{}{SEP}{v}", d.key);
                    let selected = value == current;
                    view! { <option value=value selected=selected>{v.clone()}</option> }
                })
                .collect_view();
            view! { <optgroup label=d.header.clone()>{options}</optgroup> }
        })
        .collect_view()
}

/// The dimension key and value an option of `dimension_groups` stands for.
pub fn chosen_dimension(option: &str) -> Option<(&str, &str)> {
    option.split_once(SEP)
}
