//! The one boundary from a file's bytes to an `Analysis`.
//!
//! The CLI calls `run` directly; the browser calls it behind its worker
//! message boundary. Time is read through the caller's clock so that the
//! core stays free of platform APIs (`std::time` does not exist on wasm).

use crate::analysis::{self, Analysis, InputReport, Settings};
use crate::customer_table::CustomerTable;
use crate::dimensions;
use crate::ingest::read::Rows;
use crate::ingest::values::{DateEvidence, DateOrder};
use crate::ingest::Table;
use crate::ingest::{decode, map, read, sheet, table, IngestError};
use crate::ingest::{Role, Shape};
use serde::{Deserialize, Serialize};

/// Everything that says how to read a file and what to compute.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// A WHATWG encoding label; detected when `None`.
    pub encoding: Option<String>,
    /// `(role, header)` pairs that override the guessed column mapping.
    pub map: Vec<(String, String)>,
    /// The workbook sheet to read; the first when `None`.
    pub sheet: Option<String>,
    /// Day/month order of year-last dates; decided from the data when `None`.
    pub date_order: Option<DateOrder>,
    pub settings: Settings,
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

impl Request {
    /// Whether `other` reads the file the same way (only settings differ),
    /// so a table read for one serves the other.
    pub fn reads_like(&self, other: &Request) -> bool {
        (&self.encoding, &self.map, &self.sheet, self.date_order)
            == (&other.encoding, &other.map, &other.sheet, other.date_order)
    }
}

/// A file read into a table, before any as-of cut or filter: what the
/// browser's worker keeps so that a change of settings needs no re-reading.
pub struct Loaded {
    table: Table,
    input: InputReport,
    rejected_csv: String,
    shape: Shape,
    read_ms: f64,
}

impl Loaded {
    /// The whole table as read, before any as-of cut or filter.
    pub fn table(&self) -> &Table {
        &self.table
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

/// What `run_with_progress` reports as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Parsing(table::Progress),
    /// Every row is read; customers and analyses are being computed.
    Analysing {
        rows: u64,
    },
}

/// `run`, telling `progress` how far it has come.
pub fn run_with_progress(
    bytes: &[u8],
    request: &Request,
    clock: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(Step),
) -> Result<Outcome, IngestError> {
    let loaded = load(bytes, request, clock, progress)?;
    analyse(&loaded, &request.settings, clock)
}

/// Opens `bytes` as a workbook or as text and hands the rows to `use_rows`.
fn with_rows(
    bytes: &[u8],
    request: &Request,
    use_rows: &mut dyn FnMut(&mut dyn Rows, Source) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    if sheet::is_workbook(bytes) {
        let mut rows = sheet::open(bytes, request.sheet.as_deref())?;
        let source = Source {
            format: if bytes.starts_with(b"PK") {
                "xlsx"
            } else {
                "xls"
            },
            encoding: String::new(),
            delimiter: String::new(),
            sheet: Some(rows.sheet.clone()),
            sheets: rows.sheets.clone(),
        };
        return use_rows(&mut rows, source);
    }
    let decoded = decode::decode(bytes, request.encoding.as_deref())?;
    let delimiter = read::sniff_delimiter(&decoded.text);
    let collapsed;
    let (text, separator) = if delimiter == read::WHITESPACE {
        collapsed = read::collapse_whitespace(&decoded.text);
        (collapsed.as_str(), b'\t')
    } else {
        (decoded.text.as_ref(), delimiter)
    };
    let mut rows = read::Records::open(text, separator)?;
    let source = Source {
        format: "text",
        encoding: decoded.encoding.to_string(),
        delimiter: read::delimiter_name(delimiter).to_string(),
        sheet: None,
        sheets: Vec::new(),
    };
    use_rows(&mut rows, source)
}

/// Says which dimensions and values a filter could have used.
fn empty_filter(table: &Table, filter: &crate::analysis::Filter) -> IngestError {
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

/// Rows looked at to guess roles from values.
const VALUE_SAMPLE: usize = 200;

/// Maps the columns by their headers; when that leaves a required role
/// without a column, tries again with roles guessed from a sample of the
/// values (and rewinds). Also returns the roles that came from values.
fn map_with_values(
    rows: &mut dyn Rows,
    overrides: &[(String, String)],
) -> Result<(map::ColumnMap, Vec<String>), IngestError> {
    let error = match map::map_columns(rows.headers(), overrides) {
        Ok(columns) => return Ok((columns, Vec::new())),
        Err(error @ IngestError::MissingColumn { .. }) => error,
        Err(other) => return Err(other),
    };
    let guessed_map = map::map_columns_unchecked(rows.headers(), overrides)?;
    let mut sample = Vec::new();
    while let Some(record) = rows.next_record()? {
        sample.push(record.cells.iter().map(String::from).collect());
        if sample.len() == VALUE_SAMPLE {
            break;
        }
    }
    rows.rewind()?;
    let guessed = map::guess_from_values(&guessed_map, &sample);
    let roles = guessed.iter().map(|(role, _)| role.clone()).collect();
    let all: Vec<(String, String)> = overrides.iter().cloned().chain(guessed).collect();
    // Still missing: the header's error says best what was expected.
    let columns = map::map_columns(rows.headers(), &all).map_err(|_| error)?;
    Ok((columns, roles))
}

/// Decides the day/month order of year-last dates from the whole date
/// column, then rewinds `rows`. A file whose first date is year-first (the
/// usual case) is decided after one row.
fn detect_date_order(
    rows: &mut dyn Rows,
    columns: &map::ColumnMap,
) -> Result<Option<DateOrder>, IngestError> {
    let column = columns.get(Role::Date).unwrap_or(0);
    let mut evidence = DateEvidence::default();
    while let Some(record) = rows.next_record()? {
        let cell = record.cells.get(column).unwrap_or("");
        if cell.trim().is_empty() {
            continue;
        }
        if !evidence.observe(record.line, cell) && evidence.example.is_none() {
            break;
        }
    }
    rows.rewind()?;
    match (evidence.decide(), evidence.example) {
        (Some(order), _) => Ok(Some(order)),
        (None, Some((line, example))) => Err(IngestError::AmbiguousDates { example, line }),
        (None, None) => Ok(None),
    }
}

/// What was detected about the file, for the input report.
struct Source {
    format: &'static str,
    encoding: String,
    delimiter: String,
    sheet: Option<String>,
    sheets: Vec<String>,
}

/// Reads `bytes` into a table without analysing it (see `analyse`).
pub fn load(
    bytes: &[u8],
    request: &Request,
    clock: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(Step),
) -> Result<Loaded, IngestError> {
    let start = clock();
    let mut loaded = None;
    let mut keep = |rows: &mut dyn Rows, source: Source| -> Result<(), IngestError> {
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
    source: Source,
    request: &Request,
    progress: &mut dyn FnMut(Step),
) -> Result<Loaded, IngestError> {
    let (columns, from_values) = map_with_values(rows, &request.map)?;
    let date_order = match request.date_order {
        Some(order) => Some(order),
        None => detect_date_order(rows, &columns)?,
    };
    let mut table = table::build(rows, &columns, date_order, &mut |p| {
        progress(Step::Parsing(p))
    })?;
    progress(Step::Analysing {
        rows: table.rows_read,
    });
    let input = InputReport {
        rows_read: table.rows_read,
        rows_rejected: table.rows_rejected,
        rows_blank: table.rows_blank,
        rows_after_as_of: 0,
        format: source.format.to_string(),
        encoding: source.encoding,
        delimiter: source.delimiter,
        sheet: source.sheet,
        sheets: source.sheets,
        date_order,
        shape: columns.shape(),
        columns_from_values: from_values,
        cost_from: table::cost_source(&columns),
        columns: columns.report(),
        headers: columns.headers().to_vec(),
        rejected_by_reason: std::mem::take(&mut table.rejected_by_reason),
        errors: std::mem::take(&mut table.examples),
    };
    Ok(Loaded {
        rejected_csv: std::mem::take(&mut table.rejected_csv),
        table,
        input,
        shape: columns.shape(),
        read_ms: 0.0,
    })
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
    let first_day = full.day.iter().min().copied().unwrap_or_default();
    let last_day = full.day.iter().max().copied().unwrap_or_default();
    let as_of = settings.as_of.unwrap_or(last_day);
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
    let (mut analysis, rows) =
        analysis::analyze_with_rows(analysed, as_of, settings, input, true, clock);
    if settings.filter.is_some() {
        // The filter's choices come from every customer, not the filtered few.
        analysis.dimensions = dimensions::all_info(table);
    }
    let customers = CustomerTable::new(rows.unwrap_or_default(), analysed);
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
        request.settings.filter = Some(crate::analysis::Filter {
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
        let Some(Step::Parsing(first)) = steps.first().copied() else {
            panic!("{steps:?}")
        };
        assert_eq!(first.rows, 65_536);
        assert!(first.bytes < first.total);
        assert_eq!(
            steps[steps.len() - 2],
            Step::Parsing(table::Progress {
                rows: 70_000,
                bytes: first.total,
                total: first.total
            })
        );
        assert_eq!(steps.last(), Some(&Step::Analysing { rows: 70_000 }));
    }
}
