//! What was read, what was detected, and every rejected row, downloadable.

use super::decisions::Decisions;
use super::mapping::ColumnMapping;
use crate::format::{self, Locale};
use crate::i18n::{kind_text, rejection_text, t, Key};
use crate::ingest::InputReport;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::download;
use crate::web::state::Part;
use leptos::prelude::*;

#[component]
pub fn ImportReport(
    input: Part<InputReport>,
    file: String,
    /// Every rejected row as CSV, for the download.
    rejected_csv: Part<String>,
    locale: Locale,
) -> impl IntoView {
    let source = match (input.format.as_str(), &input.sheet) {
        ("text", _) => {
            let delimiter = match input.delimiter.as_str() {
                "\t" => "Tab".to_string(),
                other => format!("\"{other}\""),
            };
            format!("{} / {delimiter}", input.encoding)
        }
        (format, Some(sheet)) => format!("{} / {sheet}", format.to_uppercase()),
        (format, None) => format.to_uppercase(),
    };
    let download = {
        let name = format!("{file}.rejected.csv");
        move |_| {
            if let Err(e) = download::save(&name, "text/csv;charset=utf-8", &rejected_csv) {
                leptos::logging::error!("download failed: {e}");
            }
        }
    };
    let rejected = (input.rows_rejected > 0).then(|| {
        let examples = input
            .errors
            .iter()
            .map(|e| view! { <tr><td class="num">{e.line}</td><td>{e.column} " · " {e.header.clone()}</td><td>{rejection_text(locale, e)}</td></tr> })
            .collect_view();
        let reasons = input
            .rejected_by_reason
            .iter()
            .map(|(kind, n)| view! { <li>{kind_text(locale, kind)} ": " {format::count(*n as usize)}</li> })
            .collect_view();
        view! {
            <div class="rejections">
                <ul class="reasons">{reasons}</ul>
                <button class="button" data-testid="download-rejected" on:click=download>
                    {t(locale, Key::DownloadRejected)}
                </button>
                <h3>{t(locale, Key::RejectedExamples)}</h3>
                <ScrollTable label=t(locale, Key::RejectedExamples)>
                    <table class="data" data-testid="rejections-table">
                        <thead><tr>
                            <th class="num">{t(locale, Key::Line)}</th>
                            <th>{t(locale, Key::Column)}</th>
                            <th>{t(locale, Key::Reason)}</th>
                        </tr></thead>
                        <tbody>{examples}</tbody>
                    </table>
                </ScrollTable>
            </div>
        }
    });
    let figure = |testid: &'static str, label: &'static str, n: u64| {
        view! {
            <div class="figure">
                <span class="figure-label">{label}</span>
                <strong data-testid=testid data-value=n.to_string()>{format::count(n as usize)}</strong>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="import-title">
            <div class="section-head">
                <h2 id="import-title">{t(locale, Key::ImportReport)}</h2>
            </div>
            <div class="figures">
                {figure("rows-read", t(locale, Key::RowsRead), input.rows_read)}
                {figure("rows-rejected", t(locale, Key::RowsRejected), input.rows_rejected)}
                {figure("rows-blank", t(locale, Key::RowsBlank), input.rows_blank)}
                {figure("rows-after-as-of", t(locale, Key::RowsAfterAsOf), input.rows_after_as_of)}
                {figure("rows-excluded", t(locale, Key::RowsExcluded), input.rows_excluded)}
                {figure("rows-totals", t(locale, Key::TotalRowsLabel), input.total_rows.count)}
                <div class="figure">
                    <span class="figure-label">{t(locale, Key::Format)}</span>
                    <strong data-testid="source-format">{source}</strong>
                </div>
            </div>
            <Decisions decisions=input.decisions.clone() locale=locale/>
            <h3>{t(locale, Key::Columns)}</h3>
            <ColumnMapping headers=input.headers.clone() columns=input.columns.clone()
                sheets=input.sheets.clone() sheet=input.sheet.clone().unwrap_or_default()
                encoding=input.encoding.clone() from_values=input.columns_from_values.clone()
                header_line=input.header_line status=input.status.clone()
                locale=locale/>
            {rejected}
        </section>
    }
}
