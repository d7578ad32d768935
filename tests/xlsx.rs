//! The Excel export read back with calamine: every cell equals the CSV
//! export's (numbers numerically, text exactly, dates as dates), the
//! header row is frozen with an autofilter, headers follow the language,
//! and a name that looks like a formula stays text. (That the bytes are
//! reproducible is checked in `xlsx.rs` and by the browser suite, which
//! compares the page's workbook with the CLI's.)

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::process::Command;
use tierlens::format::Locale;
use tierlens::i18n::column_header;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/public/sample-key-accounts.csv"
);
/// 1970-01-01 as an Excel serial (1900 date system).
const EXCEL_UNIX_EPOCH: f64 = 25_569.0;

struct Exported {
    xlsx: Vec<u8>,
    customers_csv: String,
    calls_csv: String,
    json: serde_json::Value,
}

/// The CLI's three exports of `file`, the workbook in `lang`.
fn export(file: &str, lang: &str, tag: &str) -> Exported {
    let dir = std::env::temp_dir().join(format!("tierlens-xlsx-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_tierlens"))
        .args(["analyze", file, "--json", "--lang", lang])
        .args([
            "--customers-xlsx",
            &path("c.xlsx"),
            "--customers",
            &path("c.csv"),
        ])
        .args(["--call-list", &path("calls.csv")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| std::fs::read(path(name)).unwrap();
    let text = |name: &str| String::from_utf8(read(name)).unwrap();
    let exported = Exported {
        xlsx: read("c.xlsx"),
        customers_csv: text("c.csv"),
        calls_csv: text("calls.csv"),
        json: serde_json::from_slice(&out.stdout).unwrap(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    exported
}

fn records(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Every cell of `sheet` equals the CSV's: same headers (translated),
/// numbers equal as f64, text equal after the CSV's formula quote, dates
/// as Excel dates on the same day, empty where the CSV is empty.
fn assert_sheet_is_csv(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
    csv_text: &str,
    locale: Locale,
) {
    let range = book.worksheet_range(sheet).unwrap();
    let (header, rows) = records(csv_text);
    assert_eq!(range.height(), rows.len() + 1, "{sheet}: rows");
    for (col, key) in header.iter().enumerate() {
        let want = column_header(locale, key);
        assert_eq!(
            range.get((0, col)),
            Some(&Data::String(want.into())),
            "{sheet} header {key}"
        );
    }
    for (i, row) in rows.iter().enumerate() {
        for (col, want) in row.iter().enumerate() {
            let got = range.get((i + 1, col)).unwrap_or(&Data::Empty);
            let at = format!("{sheet} row {} column {}", i + 2, header[col]);
            assert_cell(got, want, &at);
        }
    }
}

fn assert_cell(got: &Data, want: &str, at: &str) {
    match got {
        Data::Empty => assert_eq!(want, "", "{at}"),
        Data::Float(v) => assert_eq!(Some(*v), want.parse::<f64>().ok(), "{at}: {v} vs {want}"),
        Data::DateTime(d) => {
            let day = tierlens::day::Day((d.as_f64() - EXCEL_UNIX_EPOCH) as i32);
            assert_eq!(day.to_string(), want, "{at}");
        }
        Data::String(s) => {
            let unquoted = want
                .strip_prefix('\'')
                .filter(|w| w.starts_with(['=', '+', '-', '@']));
            assert_eq!(s, unquoted.unwrap_or(want), "{at}");
            // A number or date written as text would also land here.
            assert!(
                want.is_empty() || want.parse::<f64>().is_err() || s.starts_with('\''),
                "{at}: {s} is text"
            );
        }
        other => panic!("{at}: unexpected {other:?}"),
    }
}

/// Excel's name of column `n` (1-based): A, ..., Z, AA, ...
fn column_letters(mut n: usize) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap()
}

fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_is_the_csv_typed() {
    let exported = export(SAMPLE, "en", "en");
    let mut book = Xlsx::new(Cursor::new(exported.xlsx.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Customers",
            "Who to call",
            "Tier migration",
            "Revenue bridge"
        ]
    );
    assert_sheet_is_csv(&mut book, "Customers", &exported.customers_csv, Locale::En);
    assert_sheet_is_csv(&mut book, "Who to call", &exported.calls_csv, Locale::En);
    let range = book.worksheet_range("Customers").unwrap();
    // Typed: revenue a number, first purchase a date, the id text.
    assert!(matches!(range.get((1, 9)), Some(Data::Float(_))));
    assert!(matches!(range.get((1, 15)), Some(Data::DateTime(_))));
    assert!(matches!(range.get((1, 1)), Some(Data::String(_))));

    let sheet = part(&exported.xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "frozen header"
    );
    let rows = exported.customers_csv.lines().count();
    assert!(
        sheet.contains(&format!(
            r#"<autoFilter ref="A1:{}{rows}"/>"#,
            column_letters(records(&exported.customers_csv).0.len())
        )),
        "autofilter"
    );
    assert!(!sheet.contains("<f>"), "no formula anywhere");
    let styles = part(&exported.xlsx, "xl/styles.xml");
    for code in ["#,##0.00", "0.0%", "yyyy-mm-dd"] {
        assert!(
            styles.contains(&format!(r#"formatCode="{code}""#)),
            "{code}"
        );
    }
    // Widths fit: the name column is wider than the tier column.
    let widths: Vec<f64> = sheet
        .split("<col ")
        .skip(1)
        .map(|c| {
            c.split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(widths[2] > widths[6] && widths[6] >= 6.0, "{widths:?}");
}

#[test]
fn the_migration_and_bridge_sheets_are_the_jsons() {
    let exported = export(SAMPLE, "en", "compare");
    let compare = &exported.json["compare"];
    let mut book = Xlsx::new(Cursor::new(exported.xlsx)).unwrap();
    // One row per customer in either period: the migration cells' sum.
    let moved: u64 = compare["migration"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|to| to.as_object().unwrap().values())
        .map(|cell| cell["customers"].as_u64().unwrap())
        .sum();
    let migration = book.worksheet_range("Tier migration").unwrap();
    assert_eq!(migration.height() as u64 - 1, moved);
    assert!(matches!(
        migration.get((1, 3)),
        Some(Data::Float(_) | Data::Empty)
    ));
    // The bridge: period-1 tiers first, their figures as the JSON has them.
    let bridge = book.worksheet_range("Revenue bridge").unwrap();
    for (i, tier) in compare["by_tier"].as_array().unwrap().iter().enumerate() {
        let row = i + 1;
        assert_eq!(bridge.get((row, 0)), Some(&Data::String("tier".into())));
        assert_eq!(
            bridge.get((row, 3)),
            Some(&Data::Float(tier["bridge"]["start"].as_f64().unwrap()))
        );
    }
}

#[test]
fn chinese_headers_and_sheet_names() {
    let exported = export(SAMPLE, "zh", "zh");
    let mut book = Xlsx::new(Cursor::new(exported.xlsx)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["客户明细", "优先联系名单", "层级迁移", "收入变动桥"]
    );
    assert_sheet_is_csv(&mut book, "客户明细", &exported.customers_csv, Locale::Zh);
    let (header, _) = records(&exported.customers_csv);
    for key in &header {
        let zh = column_header(Locale::Zh, key);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{key}: {zh}"
        );
    }
}

#[test]
fn a_formula_name_stays_text() {
    let mut csv = String::from("customer_id,customer_name,date,amount\n");
    csv += "=1+2,=HYPERLINK(\"http://x\"),2024-01-05,100\n+A1,@SUM(A1),2024-02-05,-20\nB,华东精密,2024-03-01,50\n";
    let file =
        std::env::temp_dir().join(format!("tierlens-xlsx-{}-formula.csv", std::process::id()));
    std::fs::write(&file, csv).unwrap();
    let exported = export(&file.to_string_lossy(), "en", "formula");
    let _ = std::fs::remove_file(&file);
    let mut book = Xlsx::new(Cursor::new(exported.xlsx.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Customers", "Tier migration", "Revenue bridge"],
        "no models, no call list"
    );
    assert_sheet_is_csv(&mut book, "Customers", &exported.customers_csv, Locale::En);
    let range = book.worksheet_range("Customers").unwrap();
    let names: Vec<&Data> = (1..=3).map(|r| range.get((r, 2)).unwrap()).collect();
    assert!(
        names.contains(&&Data::String("=HYPERLINK(\"http://x\")".into())),
        "{names:?}"
    );
    assert!(
        exported.customers_csv.contains("'=1+2"),
        "the CSV keeps its neutralisation"
    );
    assert!(!part(&exported.xlsx, "xl/worksheets/sheet1.xml").contains("<f>"));
    // No model: the prediction columns are empty cells, not 0.
    assert_eq!(range.get((1, 28)), Some(&Data::Empty));
}
