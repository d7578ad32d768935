//! The column-mapping step: which column is the customer, the date, the
//! amount, and the optional roles. Shown with every result (to correct a
//! guess) and when a required column could not be guessed. Applying a
//! mapping re-reads the same file and remembers the choice for files with
//! the same headers. For workbooks it also picks the sheet.

use crate::format::{self, Locale};
use crate::i18n::{role_name, t, Key};
use crate::ingest::status::{means_no_revenue, StatusChoice, StatusKind, StatusValue};
use crate::ingest::values::NumberStyle;
use crate::ingest::Role;
use crate::web::engine::use_engine;
use crate::web::mapping_store;
use crate::web::state::use_state;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Encodings a user may force: WHATWG label and the name shown.
const ENCODINGS: &[(&str, &str)] = &[
    ("utf-8", "UTF-8"),
    ("gb18030", "GB18030 / GBK"),
    ("big5", "Big5"),
    ("utf-16le", "UTF-16 LE"),
    ("utf-16be", "UTF-16 BE"),
    ("windows-1252", "Windows-1252"),
];

/// Units a user may set for every money column: factor and name.
const UNITS: &[(f64, &str)] = &[
    (1.0, "1"),
    (1e3, "1,000 (千)"),
    (1e4, "10,000 (万)"),
    (1e6, "1,000,000 (百万)"),
    (1e8, "100,000,000 (亿)"),
];

#[component]
pub fn ColumnMapping(
    headers: Vec<String>,
    /// Role key to header, as read now.
    columns: BTreeMap<String, String>,
    #[prop(optional)] sheets: Vec<String>,
    #[prop(optional)] sheet: String,
    /// The encoding the text was read with; empty for workbooks.
    #[prop(optional)]
    encoding: String,
    /// Roles whose column was guessed from the values, for the user to check.
    #[prop(optional)]
    from_values: Vec<String>,
    /// The line the headers were read from (0: not known).
    #[prop(optional)]
    header_line: u64,
    /// Every value of the status columns, to tick which count.
    #[prop(optional)]
    status: Vec<StatusValue>,
    locale: Locale,
) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    // A richer summary's columns matter only in a summary: a log does not
    // get thirteen more choices.
    let summary = Role::SUMMARY.iter().any(|r| columns.contains_key(r.key()));
    let chosen = RwSignal::new(columns);
    let header_row = RwSignal::new(header_line);
    let decimal = RwSignal::new(state.request.with_untracked(|r| r.read.decimal));
    let unit = RwSignal::new(state.request.with_untracked(|r| r.read.unit));
    let counted: Vec<RwSignal<bool>> = status.iter().map(|v| RwSignal::new(!v.excluded)).collect();
    let status_choice = {
        let status = status.clone();
        let counted = counted.clone();
        StoredValue::new(move || choice_from(&status, &counted))
    };
    let stored_headers = StoredValue::new(headers.clone());
    let apply = move |_| {
        let map: Vec<(String, String)> = Role::ALL
            .iter()
            .map(|role| {
                (
                    role.key().to_string(),
                    chosen.with(|c| c.get(role.key()).cloned().unwrap_or_default()),
                )
            })
            .collect();
        mapping_store::remember(&stored_headers.get_value(), &map);
        let mut request = state.request.get_untracked();
        let line = header_row.get_untracked();
        let read = &mut request.read;
        read.header_row = (line > 0 && line != header_line)
            .then_some(line)
            .or(read.header_row);
        read.map = map;
        read.decimal = decimal.get_untracked();
        read.unit = unit.get_untracked();
        read.status = status_choice.with_value(|choice| choice());
        engine.rerun(request);
    };
    let selects = Role::ALL
        .iter()
        .filter(|r| summary || !r.is_model())
        .map(|&role| {
            let key = role.key();
            let required = Role::REQUIRED.contains(&role);
            let options = headers
                .iter()
                .map(|h| {
                    let selected = chosen.with_untracked(|c| c.get(key) == Some(h));
                    view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                })
                .collect_view();
            let on_change = move |ev| {
                let value = event_target_value(&ev);
                chosen.update(|c| {
                    if value.is_empty() {
                        c.remove(key);
                    } else {
                        c.insert(key.to_string(), value);
                    }
                });
            };
            view! {
                <label class="mapping-role" class:required=required>
                    <span>{role_name(locale, role)} {required.then_some(" *")}</span>
                    <select data-testid=format!("map-{key}") on:change=on_change>
                        <option value="">{t(locale, Key::NoColumn)}</option>
                        {options}
                    </select>
                </label>
            }
        })
        .collect_view();
    let sheet_picker = (sheets.len() > 1).then(|| {
        let current = sheet;
        let options = sheets
            .iter()
            .map(|s| view! { <option value=s.clone() selected=*s == current>{s.clone()}</option> })
            .collect_view();
        let on_sheet = move |ev| {
            let sheet = Some(event_target_value(&ev));
            // Another sheet has other headers: start from the guess again.
            let mut request = state.request.get_untracked();
            request.read.sheet = sheet;
            request.read.map = Vec::new();
            engine.rerun(request);
        };
        view! {
            <label class="mapping-role sheet">
                <span>{t(locale, Key::Sheet)}</span>
                <select data-testid="sheet-select" on:change=on_sheet>{options}</select>
            </label>
        }
    });
    let guessed_note = (!from_values.is_empty()).then(|| {
        let roles: Vec<&str> = Role::ALL
            .iter()
            .filter(|r| from_values.iter().any(|k| k == r.key()))
            .map(|&r| role_name(locale, r))
            .collect();
        view! {
            <p class="warning" data-testid="guessed-from-values">{t(locale, Key::GuessedFromValues)} ": " {roles.join(", ")}</p>
        }
    });
    let encoding_picker = (!encoding.is_empty()).then(|| {
        let forced = state.request.with_untracked(|r| r.read.encoding.clone());
        let options = ENCODINGS
            .iter()
            .map(|&(label, name)| {
                let selected = forced.as_deref() == Some(label);
                view! { <option value=label selected=selected>{name}</option> }
            })
            .collect_view();
        let on_encoding = move |ev| {
            let value = event_target_value(&ev);
            let encoding = (!value.is_empty()).then_some(value);
            let mut request = state.request.get_untracked();
            request.read.encoding = encoding;
            engine.rerun(request);
        };
        view! {
            <label class="mapping-role">
                <span>{t(locale, Key::EncodingLabel)} " (" {encoding.clone()} ")"</span>
                <select data-testid="encoding-select" on:change=on_encoding>
                    <option value="" selected=forced.is_none()>{t(locale, Key::Detect)}</option>
                    {options}
                </select>
            </label>
        }
    });
    let reading = view! {
        <label class="mapping-role">
            <span>{t(locale, Key::HeaderRowLabel)}</span>
            <input type="number" min="1" inputmode="numeric" data-testid="header-row"
                prop:value=move || header_row.get().max(1).to_string()
                on:change=move |ev| header_row.set(event_target_value(&ev).trim().parse().unwrap_or(0))/>
        </label>
        <label class="mapping-role">
            <span>{t(locale, Key::DecimalLabel)}</span>
            <select data-testid="decimal-select" on:change=move |ev| decimal.set(NumberStyle::parse(&event_target_value(&ev)))>
                <option value="" selected=decimal.get_untracked().is_none()>{t(locale, Key::Detect)}</option>
                <option value="point" selected=decimal.get_untracked() == Some(NumberStyle::Point)>"1,234.56"</option>
                <option value="comma" selected=decimal.get_untracked() == Some(NumberStyle::Comma)>"1.234,56"</option>
            </select>
        </label>
        <label class="mapping-role">
            <span>{t(locale, Key::UnitLabel)}</span>
            <select data-testid="unit-select" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                <option value="" selected=unit.get_untracked().is_none()>{t(locale, Key::UnitAuto)}</option>
                {UNITS.iter().map(|&(factor, name)| view! {
                    <option value=factor.to_string() selected=unit.get_untracked() == Some(factor)>{name}</option>
                }).collect_view()}
            </select>
        </label>
    };
    view! {
        <div class="mapping" data-testid="column-mapping">
            <p class="hint">{t(locale, Key::MappingHint)}</p>
            {guessed_note}
            <div class="mapping-grid">{sheet_picker}{encoding_picker}{reading}{selects}</div>
            <StatusValues values=status counted=counted locale=locale/>
            <button class="button primary" data-testid="apply-mapping" on:click=apply>{t(locale, Key::ApplyMapping)}</button>
        </div>
    }
}

/// The user's ticks as keep and drop lists beside the default rule.
fn choice_from(values: &[StatusValue], counted: &[RwSignal<bool>]) -> StatusChoice {
    let mut choice = StatusChoice::default();
    for (v, counted) in values.iter().zip(counted) {
        let default_out = means_no_revenue(StatusKind::of(v.role, &v.column), &v.value);
        match (default_out, counted.get_untracked()) {
            (true, true) => choice.keep.push(v.value.clone()),
            (false, false) => choice.drop.push(v.value.clone()),
            _ => {}
        }
    }
    choice
}

/// One checkbox per status value: ticked values count as revenue.
#[component]
fn StatusValues(
    values: Vec<StatusValue>,
    counted: Vec<RwSignal<bool>>,
    locale: Locale,
) -> impl IntoView {
    (!values.is_empty()).then(|| {
        let rows = values
            .iter()
            .zip(counted)
            .enumerate()
            .map(|(i, (v, counted))| {
                let label = if v.value.is_empty() { t(locale, Key::NoColumn).to_string() } else { v.value.clone() };
                view! {
                    <label class="status-value" data-testid=format!("status-{i}")>
                        <input type="checkbox" prop:checked=move || counted.get()
                            on:change=move |ev| counted.set(event_target_checked(&ev))/>
                        <span class="status-name">{v.column.clone()} ": " <strong>{label}</strong></span>
                        <span class="meta">{format::count(v.rows as usize)} " " {t(locale, Key::RowsUnit)} " · " {format::grouped(v.amount, 2)}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="status-values" data-testid="status-values">
                <legend>{t(locale, Key::StatusValuesTitle)}</legend>
                <p class="hint">{t(locale, Key::StatusValuesHint)}</p>
                <div class="status-grid">{rows}</div>
            </fieldset>
        }
    })
}
