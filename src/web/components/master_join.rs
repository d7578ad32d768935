//! The customer master's join, under the import report: how many log
//! customers matched, who is missing on either side (prospects counted
//! apart), ids rejected for appearing twice, and where the master won.
//! Also the control that adds a master to the file shown.

use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::master::{MasterReport, Problem};
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::{use_engine, Input};
use crate::web::state::Part;
use leptos::ev::Event;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// A file picker that joins a customer master to the file shown.
#[component]
pub fn AddMaster(locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let on_pick = move |ev: Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            engine.add_master(Input::File(file));
        }
        input.set_value("");
    };
    view! {
        <label class="button add-master">
            {t(locale, Key::AddMaster)}
            <input type="file" data-testid="master-input" on:change=on_pick
                accept=".csv,.tsv,.txt,.xlsx,.xls,.xlsb,.ods,text/csv,text/tab-separated-values"/>
        </label>
    }
}

fn problem_text(locale: Locale, p: &Problem) -> &'static str {
    match p.kind.as_str() {
        "empty_id" => t(locale, Key::ProblemEmptyId),
        _ => t(locale, Key::ProblemBadPotential),
    }
}

#[component]
pub fn MasterJoin(master: Part<Option<MasterReport>>, locale: Locale) -> impl IntoView {
    let Some(m) = master.as_ref() else {
        return view! {
            <section class="card" aria-labelledby="master-title" data-testid="master-join">
                <div class="section-head"><h2 id="master-title">{t(locale, Key::MasterTitle)}</h2></div>
                <p class="hint">{t(locale, Key::NoMaster)}</p>
                <AddMaster locale=locale/>
            </section>
        }
        .into_any();
    };
    let figure = |testid: &'static str, key: Key, n: usize| {
        view! {
            <div class="figure">
                <span class="figure-label">{t(locale, key)}</span>
                <strong data-testid=testid data-value=n.to_string()>{format::count(n)}</strong>
            </div>
        }
    };
    let names = |keys: &[String]| crate::i18n::dimension_names(locale, keys).join(", ");
    let wins = (!m.replaced.is_empty()).then(|| {
        view! { <p data-testid="master-wins">{t(locale, Key::MasterWins)} ": " {names(&m.replaced)}</p> }
    });
    let added = (!m.added.is_empty()).then(|| {
        view! { <p data-testid="master-added">{t(locale, Key::MasterAdded)} ": " <span data-user-text>{names(&m.added)}</span></p> }
    });
    let log_only = (!m.log_only.list.is_empty()).then(|| {
        let ids = m.log_only.list.join(", ");
        view! {
            <details><summary>{t(locale, Key::MasterLogOnly)}</summary>
                <p class="id-list" data-user-text data-testid="master-log-only-list">{ids}</p>
            </details>
        }
    });
    let prospects = (!m.master_only.list.is_empty()).then(|| {
        let rows = m.master_only.list.iter().map(|p| view! {
            <tr data-user-text>
                <td>{p.id.clone()}</td>
                <td>{p.name.clone().unwrap_or_default()}</td>
                <td class="num">{p.potential.map(|v| format::grouped(v, 0)).unwrap_or_default()}</td>
            </tr>
        }).collect_view();
        view! {
            <details><summary>{t(locale, Key::MasterProspects)}</summary>
                <p class="hint">{t(locale, Key::MasterProspectsHint)}</p>
                <ScrollTable label=t(locale, Key::MasterProspects) class="short"><table class="data" data-testid="master-prospects-list">
                    <thead><tr><th>{t(locale, Key::Customer)}</th><th>{t(locale, Key::MasterProspectName)}</th><th class="num">{t(locale, Key::Potential)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></ScrollTable>
            </details>
        }
    });
    let duplicates = (!m.duplicates.is_empty()).then(|| {
        let rows = m.duplicates.iter().map(|d| {
            let lines = d.lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
            view! { <tr><td data-user-text>{d.id.clone()}</td><td>{lines}</td></tr> }
        }).collect_view();
        view! {
            <h3>{t(locale, Key::MasterDuplicates)}</h3>
            <ScrollTable label=t(locale, Key::MasterDuplicates) class="short">
                <table class="data" data-testid="master-duplicates-list">
                    <thead><tr><th>{t(locale, Key::Customer)}</th><th>{t(locale, Key::Lines)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        }
    });
    let problems = (!m.problems.is_empty()).then(|| {
        let rows = m.problems.iter().map(|p| view! {
            <tr><td class="num">{p.line}</td><td data-user-text>{p.header.clone()}</td><td data-user-text>{p.value.clone()}</td><td>{problem_text(locale, p)}</td></tr>
        }).collect_view();
        view! {
            <h3>{t(locale, Key::MasterProblems)}</h3>
            <ScrollTable label=t(locale, Key::MasterProblems) class="short">
                <table class="data">
                    <thead><tr><th class="num">{t(locale, Key::Line)}</th><th>{t(locale, Key::Column)}</th><th>{t(locale, Key::MasterProblemValue)}</th><th>{t(locale, Key::Reason)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        }
    });
    view! {
        <section class="card" aria-labelledby="master-title" data-testid="master-join">
            <div class="section-head">
                <h2 id="master-title">{t(locale, Key::MasterTitle)} ": " <span data-user-text>{m.file.clone()}</span></h2>
            </div>
            <p>{t(locale, Key::MasterJoinedBy)} ": " <strong data-user-text>{m.key.clone()}</strong></p>
            <div class="figures">
                {figure("master-matched", Key::MasterMatched, m.matched)}
                {figure("master-log-only", Key::MasterLogOnly, m.log_only.customers)}
                {figure("master-prospects", Key::MasterProspects, m.master_only.customers)}
                {figure("master-duplicates", Key::MasterDuplicates, m.duplicate_ids)}
            </div>
            {wins}
            {added}
            {log_only}
            {prospects}
            {duplicates}
            {problems}
        </section>
    }
    .into_any()
}
