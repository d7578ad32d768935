//! The column-mapping step: which column is the customer, the date, the
//! amount, and the optional roles. Shown with every result (to correct a
//! guess) and when a required column could not be guessed. Applying a
//! mapping re-reads the same file and remembers the choice for files with
//! the same headers. For workbooks it also picks the sheet.

use crate::engine::Request;
use crate::format::Locale;
use crate::ingest::Role;
use crate::web::engine::rerun;
use crate::web::i18n::{role_name, t, Key};
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
    locale: Locale,
) -> impl IntoView {
    let state = use_state();
    let chosen = RwSignal::new(columns);
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
        rerun(
            state,
            Request {
                map,
                ..state.request.get_untracked()
            },
        );
    };
    let selects = Role::ALL
        .iter()
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
            rerun(
                state,
                Request {
                    sheet,
                    map: Vec::new(),
                    ..state.request.get_untracked()
                },
            );
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
        let forced = state.request.with_untracked(|r| r.encoding.clone());
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
            rerun(
                state,
                Request {
                    encoding,
                    ..state.request.get_untracked()
                },
            );
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
    view! {
        <div class="mapping" data-testid="column-mapping">
            <p class="hint">{t(locale, Key::MappingHint)}</p>
            {guessed_note}
            <div class="mapping-grid">{sheet_picker}{encoding_picker}{selects}</div>
            <button class="button primary" data-testid="apply-mapping" on:click=apply>{t(locale, Key::ApplyMapping)}</button>
        </div>
    }
}
