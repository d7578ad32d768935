//! The one boundary from a file's bytes to an `Analysis`.
//!
//! The CLI calls `run` directly; the browser calls it behind its worker
//! message boundary. Time is read through the caller's clock so that the
//! core stays free of platform APIs (`std::time` does not exist on wasm).

use crate::analysis::{self, Analysis};
use crate::customer_table::CustomerTable;
use crate::dimensions;
use crate::ingest::decision::{Decision, Detail};
use crate::ingest::inspect::{self, Options};
use crate::ingest::read::Rows;
use crate::ingest::status::StatusChoice;
use crate::ingest::values::{DateOrder, NumberStyle};
use crate::ingest::InputReport;
use crate::ingest::Table;
use crate::ingest::{decode, layout, map, read, sheet, table, IngestError};
use crate::ingest::{Role, Shape};
use crate::master::{self, Master, MasterOptions, MasterReport};
use crate::settings::{self, Field, Filter, Settings, SettingsError};
use serde::{Deserialize, Serialize};

/// How to read a file and what to compute from it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    #[serde(flatten)]
    pub read: ReadOptions,
    pub settings: Settings,
}

/// How to read a file: each is decided from the file when `None` (or empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// A WHATWG encoding label.
    pub encoding: Option<String>,
    /// `(role, header)` pairs that override the guessed column mapping.
    pub map: Vec<(String, String)>,
    /// The workbook sheet to read.
    pub sheet: Option<String>,
    /// Day/month order of year-last dates.
    pub date_order: Option<DateOrder>,
    /// The line of the header row.
    #[serde(default)]
    pub header_row: Option<u64>,
    /// The decimal mark of amounts.
    #[serde(default)]
    pub decimal: Option<NumberStyle>,
    /// Status values kept or left out beyond the default rule.
    #[serde(default)]
    pub status: StatusChoice,
    /// One multiplier for every money column instead of its header's unit.
    #[serde(default)]
    pub unit: Option<f64>,
}

impl ReadOptions {
    /// `point` or `comma`.
    pub fn parse_decimal(text: &str) -> Result<NumberStyle, SettingsError> {
        NumberStyle::parse(text)
            .ok_or_else(|| settings::not_one_of(Field::Decimal, text, &["point", "comma"]))
    }

    /// `dmy` or `mdy`.
    pub fn parse_date_order(text: &str) -> Result<DateOrder, SettingsError> {
        DateOrder::parse(text)
            .ok_or_else(|| settings::not_one_of(Field::DateOrder, text, &["dmy", "mdy"]))
    }

    /// A positive multiplier such as 1 or 10000.
    pub fn parse_unit(text: &str) -> Result<f64, SettingsError> {
        let unit = settings::number(Field::Unit, text)?;
        if unit > 0.0 {
            return Ok(unit);
        }
        Err(SettingsError::Malformed {
            field: Field::Unit,
            text: text.to_string(),
            expected: "a positive number".to_string(),
            example: "10000".to_string(),
        })
    }

    /// `ROLE=HEADER`.
    pub fn parse_mapping(text: &str) -> Result<(String, String), SettingsError> {
        let (role, header) = text
            .split_once('=')
            .ok_or_else(|| SettingsError::Malformed {
                field: Field::Mapping,
                text: text.to_string(),
                expected: "ROLE=HEADER".to_string(),
                example: "customer=客户编号".to_string(),
            })?;
        Ok((role.trim().to_string(), header.trim().to_string()))
    }

    /// How the user asked the file to be read, for the inspection.
    fn inspection(&self) -> Options {
        Options {
            map: self.map.clone(),
            header_row: self.header_row,
            date_order: self.date_order,
            decimal: self.decimal,
            status: self.status.clone(),
            unit: self.unit,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Outcome {
    pub analysis: Analysis,
    /// Every rejected row as CSV (with a BOM), empty when none was rejected.
    pub rejected_csv: String,
    /// Every customer with every computed column. Not serialised: the
    /// browser's worker keeps it and answers for the rows in view, and the
    /// CLI writes it with `export::customers_csv`.
    #[serde(skip)]
    pub customers: CustomerTable,
}

/// A file read into a table, before any as-of cut or filter: what the
/// browser's worker keeps so that a change of settings needs no re-reading.
pub struct Loaded {
    table: Table,
    input: InputReport,
    rejected_csv: String,
    shape: Shape,
    read_ms: f64,
    /// The customer master's join, when one was given.
    master: Option<MasterReport>,
}

impl Loaded {
    /// The whole table as read, before any as-of cut or filter.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Joins a customer master (`master.rs`) to the log read: its labels
    /// into the dimensions, its potentials beside the customers, and its
    /// decisions into the input report.
    pub fn join_master(
        &mut self,
        file: &str,
        bytes: &[u8],
        options: &MasterOptions,
    ) -> Result<(), IngestError> {
        let master = read_master(file, bytes, options)?;
        let (report, decisions) = master::join(&mut self.table, &master);
        self.input.decisions.extend(decisions);
        self.master = Some(report);
        Ok(())
    }
}

/// Reads `bytes` as a customer master, by the same ingest as a log.
pub fn read_master(
    file: &str,
    bytes: &[u8],
    options: &MasterOptions,
) -> Result<Master, IngestError> {
    let request = Request {
        read: ReadOptions {
            encoding: options.encoding.clone(),
            sheet: options.sheet.clone(),
            ..ReadOptions::default()
        },
        ..Request::default()
    };
    let mut master = None;
    with_rows(bytes, &request, &mut |rows, source| {
        let mut read = master::read(file, rows, options)?;
        read.decisions.splice(0..0, source.decisions);
        master = Some(read);
        Ok(())
    })?;
    master.ok_or(IngestError::Empty)
}

/// Of two files, the index of the customer master (the other is the log):
/// the one that reads as a master while the other does not.
pub fn which_is_master(files: [(&str, &[u8]); 2]) -> Result<usize, IngestError> {
    let reads = |(name, bytes): (&str, &[u8])| read_master(name, bytes, &MasterOptions::default());
    match (reads(files[0]), reads(files[1])) {
        (Ok(_), Err(_)) => Ok(0),
        (Err(_), Ok(_)) => Ok(1),
        (Err(IngestError::MasterIsALog { .. }), Err(IngestError::MasterIsALog { .. })) => {
            Err(IngestError::TwoLogs)
        }
        // Neither reads as a master: the second's reason says why.
        (Err(_), Err(error)) => Err(error),
        // Both read as masters: neither has a date, so no log.
        (Ok(_), Ok(_)) => Err(IngestError::NoLog),
    }
}

/// Reads `bytes` and runs every analysis. `clock` returns milliseconds.
pub fn run(
    bytes: &[u8],
    request: &Request,
    clock: &dyn Fn() -> f64,
) -> Result<Outcome, IngestError> {
    run_with_progress(bytes, request, clock, &mut |_| {})
}

/// The steps of one job, from a file's bytes to its analysis: the one
/// name for them in the core, across the worker boundary and on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Bytes from the file: `done` and `total` are bytes (the page's worker
    /// reads the file; the core starts at `Parsing`).
    Reading,
    /// Rows from the text: `done` and `total` are bytes of text.
    Parsing,
    /// Customers and every analysis.
    Analysing,
}

/// How far a job has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub step: Step,
    pub done: u64,
    pub total: u64,
    /// Rows read so far.
    pub rows: u64,
}

/// `run`, telling `progress` how far it has come.
pub fn run_with_progress(
    bytes: &[u8],
    request: &Request,
    clock: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(Progress),
) -> Result<Outcome, IngestError> {
    let loaded = load(bytes, request, clock, progress)?;
    analyse(&loaded, &request.settings, clock)
}

/// Opens `bytes` as a workbook or as text and hands the rows to `use_rows`.
fn with_rows(
    bytes: &[u8],
    request: &Request,
    use_rows: &mut dyn FnMut(&mut dyn Rows, Detected) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    if sheet::is_workbook(bytes) {
        let (mut rows, chosen) = open_sheet(bytes, request)?;
        let source = Detected {
            format: rows.format,
            encoding: String::new(),
            delimiter: String::new(),
            sheet: Some(rows.sheet.clone()),
            sheets: rows.sheets.clone(),
            decisions: chosen.into_iter().collect(),
        };
        return use_rows(&mut rows, source);
    }
    let decoded = decode::decode(bytes, request.read.encoding.as_deref())?;
    let delimiter = read::sniff_delimiter(&decoded.text);
    let collapsed;
    let (text, separator) = if delimiter == read::WHITESPACE {
        collapsed = read::collapse_whitespace(&decoded.text);
        (collapsed.as_str(), b'\t')
    } else {
        (decoded.text.as_ref(), delimiter)
    };
    let mut rows = read::Records::open(text, separator)?;
    rows.lossy = decoded.lossy;
    let legacy = !decoded.encoding.starts_with("UTF");
    let source = Detected {
        format: "text",
        encoding: decoded.encoding.to_string(),
        delimiter: read::delimiter_name(delimiter).to_string(),
        sheet: None,
        sheets: Vec::new(),
        decisions: (legacy && request.read.encoding.is_none())
            .then(|| {
                Detail::Encoding {
                    encoding: decoded.encoding.to_string(),
                }
                .decided()
            })
            .into_iter()
            .collect(),
    };
    use_rows(&mut rows, source)
}

/// The sheet the user named, or the one that reads most as a transaction
/// log, with the decision that says which and why.
fn open_sheet(
    bytes: &[u8],
    request: &Request,
) -> Result<(sheet::SheetRows, Option<Decision>), IngestError> {
    if request.read.sheet.is_some() {
        return Ok((sheet::open(bytes, request.read.sheet.as_deref())?, None));
    }
    let mut workbook = sheet::open_workbook(bytes)?;
    let names = workbook.sheets.clone();
    if names.len() < 2 {
        let first = names.first().ok_or(IngestError::Empty)?;
        return Ok((workbook.sheet(first)?, None));
    }
    let mut best: Option<(u64, sheet::SheetRows)> = None;
    for name in &names {
        let Ok(mut rows) = workbook.sheet(name) else {
            continue;
        };
        let score = log_score(&mut rows);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, rows));
        }
    }
    let (_, mut rows) = best.ok_or(IngestError::Empty)?;
    rows.start_at(0)?;
    let others = names
        .iter()
        .filter(|n| **n != rows.sheet)
        .cloned()
        .collect();
    let decision = Detail::Sheet {
        sheet: rows.sheet.clone(),
        others,
    }
    .decided();
    Ok((rows, Some(decision)))
}

/// Words of a pivot table's labels (Excel, WPS, in English and Chinese).
const PIVOT_WORDS: &[&str] = &[
    "行标签",
    "列标签",
    "求和项",
    "计数项",
    "平均值项",
    "rowlabels",
    "columnlabels",
    "sumof",
    "countof",
    "averageof",
];

/// How much a sheet reads as a transaction log: rows (of the first few
/// hundred) with a date and a number, doubled when the headers name a
/// date and an amount; 0 for a pivot table.
fn log_score(rows: &mut sheet::SheetRows) -> u64 {
    let Ok(scanned) = layout::first_rows(rows, &|scanned| scanned.len() >= 500) else {
        return 0;
    };
    let Some(header) = layout::choose_header(&scanned, None) else {
        return 0;
    };
    let squeezed = |c: &String| c.to_lowercase().replace([' ', ':', '：'], "");
    let pivot = scanned[..=header.index.min(scanned.len() - 1)]
        .iter()
        .flat_map(|(_, cells)| cells.iter())
        .any(|c| PIVOT_WORDS.iter().any(|w| squeezed(c).starts_with(w)));
    if pivot {
        return 0;
    }
    let data = &scanned[header.index + 1..];
    let dated = |c: &String| layout::is_dated(c);
    let number = |c: &String| !dated(c) && crate::ingest::values::parse_amount(c).is_ok();
    let rows_of_log = data
        .iter()
        .filter(|(_, cells)| cells.iter().any(dated) && cells.iter().any(number))
        .count() as u64;
    let named = map::map_columns_unchecked(&scanned[header.index].1, &[])
        .map(|m| m.get(Role::Date).is_some() && m.get(Role::Amount).is_some())
        .unwrap_or(false);
    rows_of_log * if named { 2 } else { 1 }
}

/// Says which dimensions and values a filter could have used.
fn empty_filter(table: &Table, filter: &Filter) -> IngestError {
    let known = if table.categories.is_empty() {
        "none (no industry, region, account manager or other category column)".to_string()
    } else {
        table
            .categories
            .iter()
            .map(|c| {
                let values: Vec<&str> = c.values.iter().take(8).map(String::as_str).collect();
                format!("{} ({})", c.key, values.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    IngestError::EmptyFilter {
        key: filter.key.clone(),
        value: filter.value.clone().unwrap_or_default(),
        known,
    }
}

/// What was detected about the file, for the input report.
struct Detected {
    format: &'static str,
    encoding: String,
    delimiter: String,
    sheet: Option<String>,
    sheets: Vec<String>,
    /// The sheet chosen, or the encoding detected.
    decisions: Vec<Decision>,
}

/// Reads `bytes` into a table without analysing it (see `analyse`).
pub fn load(
    bytes: &[u8],
    request: &Request,
    clock: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(Progress),
) -> Result<Loaded, IngestError> {
    let start = clock();
    let mut loaded = None;
    let mut keep = |rows: &mut dyn Rows, source: Detected| -> Result<(), IngestError> {
        loaded = Some(read_table(rows, source, request, progress)?);
        Ok(())
    };
    with_rows(bytes, request, &mut keep)?;
    let loaded = loaded.ok_or(IngestError::Empty)?;
    Ok(Loaded {
        read_ms: clock() - start,
        ..loaded
    })
}

fn read_table(
    rows: &mut dyn Rows,
    source: Detected,
    request: &Request,
    progress: &mut dyn FnMut(Progress),
) -> Result<Loaded, IngestError> {
    let inspection = inspect::inspect(rows, &request.read.inspection(), &source.sheets)?;
    let columns = &inspection.map;
    let mut table = table::build(rows, columns, &inspection.plan, &mut |p| {
        progress(Progress {
            step: Step::Parsing,
            done: p.bytes,
            total: p.total,
            rows: p.rows,
        })
    })?;
    progress(Progress {
        step: Step::Analysing,
        done: 0,
        total: 0,
        rows: table.rows_read,
    });
    let mut decisions = source.decisions;
    decisions.extend(inspection.decisions.iter().cloned());
    decisions.extend(inspect::after_reading(&inspection, &table));
    let input = InputReport {
        rows_read: table.rows_read,
        rows_rejected: table.rows_rejected,
        rows_blank: table.rows_blank,
        rows_after_as_of: 0,
        rows_excluded: table.rows_excluded,
        format: source.format.to_string(),
        encoding: source.encoding,
        delimiter: source.delimiter,
        sheet: source.sheet,
        sheets: source.sheets,
        header_line: inspection.header.line,
        date_order: inspection.plan.order,
        decimal: inspection.plan.style,
        shape: columns.shape(),
        columns_from_values: inspection.from_values.clone(),
        cost_from: table::cost_source(columns),
        columns: columns.report(),
        headers: columns.headers().to_vec(),
        decisions,
        total_rows: std::mem::take(&mut table.total_rows),
        status: std::mem::take(&mut table.status_values),
        rejected_by_reason: std::mem::take(&mut table.rejected_by_reason),
        errors: std::mem::take(&mut table.examples),
    };
    Ok(Loaded {
        rejected_csv: std::mem::take(&mut table.rejected_csv),
        table,
        input,
        shape: columns.shape(),
        read_ms: 0.0,
        master: None,
    })
}

/// The as-of date asked, or a richer summary's own; a summary asked for
/// another day cannot answer (its columns were summed up to its own).
fn summary_as_of(
    table: &Table,
    asked: Option<crate::day::Day>,
) -> Result<Option<crate::day::Day>, IngestError> {
    let made = table.model.as_ref().and_then(|m| m.params.as_of);
    match (asked, made) {
        (Some(a), Some(m)) if a != m => Err(IngestError::SummaryAsOf {
            asked: a.to_string(),
            made: m.to_string(),
        }),
        _ => Ok(asked.or(made)),
    }
}

/// Runs every analysis on a loaded table with `settings`: the as-of cut,
/// then the filter, then the analyses and the customer export.
pub fn analyse(
    loaded: &Loaded,
    settings: &Settings,
    clock: &dyn Fn() -> f64,
) -> Result<Outcome, IngestError> {
    let start = clock();
    let full = &loaded.table;
    let mut settings = settings.clone();
    if let Some(model) = &full.model {
        // The calibration end the summary was made for, unless asked otherwise.
        let clv = &mut settings.clv;
        clv.calibration_end = clv.calibration_end.or(model.params.calibration_end);
    }
    let settings = &settings.validate()?;
    let first_day = full.day.iter().min().copied().unwrap_or_default();
    let last_day = full.day.iter().max().copied().unwrap_or_default();
    let as_of = summary_as_of(full, settings.as_of)?.unwrap_or(last_day);
    // A summary is already as of its export: its rows are customers, not events to cut.
    let later = match loaded.shape {
        Shape::Transactions => full.day.iter().filter(|&&d| d > as_of).count() as u64,
        Shape::Summary => 0,
    };
    let cut;
    let table = if later > 0 {
        cut = full.subset(|row| full.day[row] <= as_of);
        &cut
    } else {
        full
    };
    if table.is_empty() {
        return Err(IngestError::NothingBeforeAsOf {
            as_of: as_of.to_string(),
            first: first_day.to_string(),
        });
    }
    let filtered;
    let analysed = match &settings.filter {
        Some(filter) => {
            filtered = table.with_category(&filter.key, filter.value.as_deref());
            if filtered.is_empty() {
                return Err(empty_filter(table, filter));
            }
            &filtered
        }
        None => table,
    };
    let mut input = loaded.input.clone();
    input.rows_after_as_of = later;
    let (mut analysis, rows) = analysis::assemble(analysed, as_of, settings, input, clock);
    analysis.master = loaded.master.clone();
    if settings.filter.is_some() {
        // The filter's choices come from every customer, not the filtered few.
        analysis.dimensions = dimensions::all_info(table);
    }
    let customers = CustomerTable::new(rows, analysed);
    let end = clock();
    analysis.timings_ms.read = loaded.read_ms;
    analysis.timings_ms.analyze = end - start;
    analysis.timings_ms.total = loaded.read_ms + end - start;
    Ok(Outcome {
        analysis,
        rejected_csv: loaded.rejected_csv.clone(),
        customers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filtered_analysis_still_offers_every_value() {
        let csv = b"customer_id,date,amount,region\nA,2024-01-01,10,North\nB,2024-01-02,30,South\nC,2024-01-03,5,North\n";
        let all = run(csv, &Request::default(), &|| 0.0).unwrap().analysis;
        let mut request = Request::default();
        request.settings.filter = Some(Filter {
            key: "region".into(),
            value: Some("North".into()),
        });
        let north = run(csv, &request, &|| 0.0).unwrap().analysis;
        assert_eq!(north.customers, 2);
        assert_eq!(north.dimensions, all.dimensions);
        assert_eq!(
            all.dimensions[0].values,
            ["South", "North"],
            "largest revenue first"
        );
    }

    #[test]
    fn progress_reaches_the_end_of_the_text_then_analysing() {
        let mut csv = String::from("customer_id,date,amount\n");
        for i in 0..70_000 {
            csv.push_str(&format!("C{},2024-01-01,1\n", i % 100));
        }
        let mut steps = Vec::new();
        run_with_progress(csv.as_bytes(), &Request::default(), &|| 0.0, &mut |s| {
            steps.push(s)
        })
        .unwrap();
        let first = steps[0];
        assert_eq!((first.step, first.rows), (Step::Parsing, 65_536));
        assert!(first.done < first.total);
        let parsed = Progress {
            step: Step::Parsing,
            done: first.total,
            total: first.total,
            rows: 70_000,
        };
        assert_eq!(steps[steps.len() - 2], parsed);
        let analysing = Progress {
            step: Step::Analysing,
            done: 0,
            total: 0,
            rows: 70_000,
        };
        assert_eq!(steps.last(), Some(&analysing));
    }
}
