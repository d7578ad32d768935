//! Robustness on stable Rust, beside tests/hostile.rs (which runs the named
//! hostile files through the engine and the CLI):
//!
//! - every file of fuzz/corpus/TARGET/ is replayed through that fuzz
//!   target's own check (fuzz/checks.rs), so CI proves the committed corpus
//!   stays clean without nightly or libFuzzer;
//! - property tests feed the engine arbitrary bytes, "almost valid"
//!   tables (random headers, hostile names, dates and amounts in many
//!   forms, sloppy quoting) and purchase logs big enough for the
//!   lifetime-value fits: no panic, and no NaN or infinity anywhere in the
//!   analysis, found by walking it with a serializer (fuzz/finite.rs)
//!   rather than serde_json, which writes NaN as null;
//! - a regression test for each bug the fuzzers found.

#[path = "../fuzz/checks.rs"]
mod checks;
#[path = "../fuzz/finite.rs"]
mod finite;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::path::{Path, PathBuf};
use tierlens::day::Day;
use tierlens::engine::{run, Request};

const TARGETS: [&str; 6] = [
    "decode",
    "read_records",
    "parse_date",
    "parse_amount",
    "analyse",
    "workbook",
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

/// Runs each file of fuzz/corpus/`target` through the target's check and
/// names every file that fails. Two threads: the machine has two cores,
/// and the analyse corpus is most of this file's time.
fn replay(target: &str) {
    let check = checks::for_target(target).expect("a fuzz target");
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(target))
        .unwrap_or_else(|e| panic!("fuzz/corpus/{target}: {e}"))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "fuzz/corpus/{target} is empty");
    let half = files.len().div_ceil(2);
    let failed: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(half)
            .map(|chunk| scope.spawn(move || failures(check, chunk)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert!(failed.is_empty(), "{target} fails on {failed:#?}");
}

/// The files on which `check` panics.
fn failures(check: fn(&[u8]), files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            std::panic::catch_unwind(|| check(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn the_corpus_has_a_directory_for_each_target_and_no_other() {
    let mut dirs: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut targets = TARGETS.map(String::from).to_vec();
    targets.sort();
    assert_eq!(dirs, targets);
    assert!(TARGETS.iter().all(|t| checks::for_target(t).is_some()));
}

#[test]
fn corpus_decode() {
    replay("decode");
}

#[test]
fn corpus_read_records() {
    replay("read_records");
}

#[test]
fn corpus_parse_date() {
    replay("parse_date");
}

#[test]
fn corpus_parse_amount() {
    replay("parse_amount");
}

#[test]
fn corpus_analyse() {
    replay("analyse");
}

#[test]
fn corpus_workbook() {
    replay("workbook");
}

#[test]
fn the_finiteness_walk_sees_nan_where_serde_json_sees_null() {
    #[derive(serde::Serialize)]
    struct Inner {
        share: Option<f64>,
        list: Vec<(u8, f32)>,
    }
    #[derive(serde::Serialize)]
    enum Kind {
        One(f64),
        Two(f64, f64),
        Named { v: f64 },
    }
    #[derive(serde::Serialize)]
    struct Outer {
        fine: f64,
        inner: Inner,
        by_key: std::collections::BTreeMap<String, f64>,
        kinds: Vec<Kind>,
        after: f64,
    }
    let value = Outer {
        fine: 1.0,
        inner: Inner {
            share: Some(f64::NAN),
            list: vec![(1, 0.5), (2, f32::INFINITY)],
        },
        by_key: [("x".to_string(), f64::NEG_INFINITY)].into(),
        kinds: vec![
            Kind::One(f64::NAN),
            Kind::Two(1.0, f64::NAN),
            Kind::Named { v: f64::NAN },
        ],
        after: f64::NAN,
    };
    assert_eq!(
        finite::non_finite_paths(&value),
        [
            ".inner.share = NaN",
            ".inner.list[1][1] = inf",
            ".by_key[\"x\"] = -inf",
            ".kinds[0]::One = NaN",
            ".kinds[1]::Two[1] = NaN",
            ".kinds[2]::Named.v = NaN",
            ".after = NaN",
        ]
    );
    assert!(finite::non_finite_paths(&Some(2.5)).is_empty());
}

// ---- "almost valid" tables ----

/// What a column holds; its header is drawn from names the mapper knows
/// (English and Chinese), plus a few it does not.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Customer,
    Name,
    Date,
    Amount,
    Cost,
    Margin,
    Region,
    FirstPurchase,
    LastPurchase,
    Orders,
    Junk,
}

fn headers(kind: Kind) -> &'static [&'static str] {
    match kind {
        // One name in each required pool is unknown, for the guess from values.
        Kind::Customer => &["customer_id", "Customer", "客户编号", "client", "id"],
        Kind::Name => &["customer_name", "客户名称", "<script>alert(1)</script>"],
        Kind::Date => &["date", "Order Date", "日期", "交易时间", "when"],
        Kind::Amount => &["amount", "revenue", "金额", "Sales Amount", "销售额"],
        Kind::Cost => &["cost", "成本", "cogs"],
        Kind::Margin => &["margin", "毛利率", "profit"],
        Kind::Region => &["region", "区域", "industry", "account_manager"],
        Kind::FirstPurchase => &["first_purchase", "首次购买"],
        Kind::LastPurchase => &["last_purchase", "最近购买日期"],
        Kind::Orders => &["orders", "订单数", "frequency"],
        Kind::Junk => &["", "=1+1", "notes", "amount", "date"],
    }
}

/// Cell text that is hostile to a spreadsheet, a page or a CSV reader.
const HOSTILE: &[&str] = &[
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1",
    "-1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\u{202e}evil\u{202c}",
    "😀👨\u{200d}👩\u{200d}👧",
    "say \"hi\"",
    "a,b;c|d\te",
    "two\nlines",
    "",
    " ",
];

fn customer_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&["A", "B", "C", "C00226", "客户1", "d"][..]).prop_map(String::from),
        1 => prop::sample::select(HOSTILE).prop_map(String::from),
    ]
}

fn name_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(HOSTILE).prop_map(String::from),
        "[a-zA-Z苏州 <>=\"'/&]{0,12}",
    ]
}

/// A date in one of the layouts the parser reads: mostly a real recent
/// day written year first, sometimes year last (day or month first),
/// impossible or far out of range, an Excel serial, or not a date.
fn date_cell() -> impl Strategy<Value = String> {
    let real = (2010..2026i32, 1..=12u32, 1..=28u32);
    let odd = (1850..2250i32, 0..14u32, 0..33u32);
    let layout = prop_oneof![6 => 0..4usize, 1 => 4..9usize];
    let ymd = (prop_oneof![6 => real, 1 => odd], layout, 0..4usize).prop_map(
        |((y, m, d), layout, time)| {
            let date = match layout {
                0 => format!("{y}-{m:02}-{d:02}"),
                1 => format!("{y}/{m}/{d}"),
                2 => format!("{y}{m:02}{d:02}"),
                3 => format!("{y}年{m}月{d}日"),
                4 => format!("{d}/{m}/{y}"),
                5 => format!("{m}/{d}/{y}"),
                6 => format!("{d}.{m}.{y}"),
                7 => format!("{y}.{m}.{d}"),
                _ => format!("{m}-{d}-{y}"),
            };
            let time = ["", " 10:30", "T08:00:00Z", " 23:59:59.5"][time];
            format!("{date}{time}")
        },
    );
    prop_oneof![
        8 => ymd,
        1 => (0.0..100_000.0f64).prop_map(|serial| format!("{serial:.2}")),
        1 => prop::sample::select(&["", "n/a", "9999-12-31", "0000-00-00", "45382", "today"][..])
            .prop_map(String::from),
    ]
}

/// An amount: plain, formatted (thousands, currency, parentheses,
/// decimal comma), at the limits, or not a number at all.
fn amount_cell() -> impl Strategy<Value = String> {
    let formatted = (-1e7..1e7f64, 0..7usize).prop_map(|(x, style)| {
        let whole = x.abs().trunc() as u64;
        let cents = (x.abs().fract() * 100.0) as u64;
        let grouped = group(whole);
        match style {
            0 => format!("{x:.2}"),
            1 => format!("{grouped}.{cents:02}"),
            2 => format!("¥{grouped}"),
            3 => format!("({grouped}.{cents:02})"),
            4 => format!("{},{cents:02}", grouped.replace(',', ".")),
            5 => format!("{whole}-"),
            _ => format!("USD {x}"),
        }
    });
    prop_oneof![
        6 => formatted,
        2 => prop::sample::select(&[
            "0", "-0", "0.0000001", "1e15", "-1e15", "999999999999999.9", "1e16", "1e308",
            "-1e308", "NaN", "inf", "-inf", "4294967296", "", "n/a", "((1))", "1,234,5",
        ][..])
        .prop_map(String::from),
        1 => any::<f64>().prop_map(|x| x.to_string()),
    ]
}

/// `1234567` as `1,234,567`.
fn group(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn other_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "25%",
                "0.3",
                "130",
                "-50%",
                "NaN",
                "华东",
                "North",
                "",
                "0",
                "1",
                "4294967295",
                "4294967296",
                "-1",
                "1.5",
                "12",
            ][..]
        )
        .prop_map(String::from),
        prop::sample::select(HOSTILE).prop_map(String::from),
    ]
}

/// The cells of one row, one per kind; a table shows the kinds it has.
#[derive(Clone, Debug)]
struct Row {
    customer: String,
    name: String,
    date: String,
    first: String,
    amount: String,
    other: String,
}

fn row() -> impl Strategy<Value = Row> {
    (
        customer_cell(),
        name_cell(),
        date_cell(),
        date_cell(),
        amount_cell(),
        other_cell(),
    )
        .prop_map(|(customer, name, date, first, amount, other)| Row {
            customer,
            name,
            date,
            first,
            amount,
            other,
        })
}

impl Row {
    fn cell(&self, kind: Kind) -> &str {
        match kind {
            Kind::Customer => &self.customer,
            Kind::Name => &self.name,
            Kind::Date | Kind::LastPurchase => &self.date,
            Kind::FirstPurchase => &self.first,
            Kind::Amount | Kind::Cost => &self.amount,
            Kind::Margin | Kind::Region | Kind::Orders | Kind::Junk => &self.other,
        }
    }
}

/// A transaction log or a customer summary: the required columns, some
/// optional ones, in any order, each with one of its header names.
fn columns() -> impl Strategy<Value = Vec<(Kind, String)>> {
    use Kind::*;
    let log = (
        Just(vec![Customer, Date, Amount]),
        prop::sample::subsequence(vec![Name, Cost, Margin, Region, Junk], 0..=3),
    );
    let summary = (
        Just(vec![Customer, FirstPurchase, LastPurchase, Orders, Amount]),
        prop::sample::subsequence(vec![Name, Region, Junk], 0..=2),
    );
    let kinds = prop_oneof![3 => log, 1 => summary]
        .prop_map(|(required, optional)| [required, optional].concat())
        .prop_shuffle();
    (kinds, any::<prop::sample::Index>()).prop_map(|(kinds, pick)| {
        kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| {
                let names = headers(kind);
                (
                    kind,
                    names[(pick.index(names.len()) + i) % names.len()].to_string(),
                )
            })
            .collect()
    })
}

/// How a table is written: delimiter, line ending, a BOM, proper quoting.
#[derive(Clone, Debug)]
struct Layout {
    delimiter: char,
    newline: &'static str,
    bom: bool,
    quoted: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(&[',', ';', '\t', '|'][..]),
        prop::sample::select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(delimiter, newline, bom, quoted)| Layout {
            delimiter,
            newline,
            bom,
            quoted,
        })
}

/// The cell as the layout writes it: quoted when it must be, unless the
/// layout is sloppy.
fn field(cell: &str, layout: &Layout) -> String {
    let special = cell.contains([layout.delimiter, '"', '\n', '\r']);
    if layout.quoted && special {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn table() -> impl Strategy<Value = String> {
    (columns(), prop::collection::vec(row(), 1..25), layout()).prop_map(
        |(columns, rows, layout)| {
            let line = |cells: Vec<String>| cells.join(&layout.delimiter.to_string());
            let mut text = String::from(if layout.bom { "\u{feff}" } else { "" });
            text += &line(columns.iter().map(|(_, h)| field(h, &layout)).collect());
            for row in &rows {
                text += layout.newline;
                text += &line(
                    columns
                        .iter()
                        .map(|(k, _)| field(row.cell(*k), &layout))
                        .collect(),
                );
            }
            text + layout.newline
        },
    )
}

/// A purchase log large enough for the lifetime-value models to be
/// fitted (20 or more customers, several buying again), which the tables
/// above are too small for: every customer buys once, then repeat
/// purchases with amounts from the same mix, within one or two years.
fn clv_log() -> impl Strategy<Value = String> {
    let repeat = (0..40usize, 0..730i32, amount_cell());
    (
        20..40usize,
        0..400i32,
        prop::collection::vec(repeat, 10..80),
    )
        .prop_map(|(customers, first_span, repeats)| {
            let start = Day::from_ymd(2023, 1, 1).unwrap().0;
            let mut text = String::from("customer_id,date,amount\n");
            for c in 0..customers {
                let day = Day(start + (c as i32 * 37) % (first_span + 1));
                text += &format!("C{c},{day},10\n");
            }
            for (c, offset, amount) in repeats {
                let day = Day(start + offset);
                let amount = amount.replace('"', "\"\"");
                text += &format!("C{},{day},\"{amount}\"\n", c % customers);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn arbitrary_bytes_never_break_the_engine(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        checks::analyse(&bytes);
    }

    #[test]
    fn arbitrary_bytes_under_a_good_header_never_break_the_engine(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        checks::analyse(&[b"customer_id,date,amount\n".as_slice(), &bytes].concat());
    }

    #[test]
    fn almost_valid_tables_give_finite_figures(text in table()) {
        checks::analyse(text.as_bytes());
    }
}

proptest! {
    // Each case fits three models, slow in a debug build: few cases.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn fitted_lifetime_values_are_finite(text in clv_log()) {
        checks::analyse(text.as_bytes());
    }
}

/// The property above proves little if its tables are all refused: most
/// must give an analysis.
#[test]
fn most_generated_tables_are_analysed() {
    let mut runner = TestRunner::deterministic();
    let strategy = table();
    let analysed = (0..40)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            run(text.as_bytes(), &Request::default(), &|| 0.0).is_ok()
        })
        .count();
    assert!(analysed >= 20, "only {analysed} of 40 tables were analysed");
}

// ---- Regressions: bugs the fuzzers found; each input is also in the corpus ----

/// Bug (read_records, fuzz/corpus/read_records/crash-3d08…): in a file
/// aligned with spaces, a line of only spaces between a lone `\r` and a
/// `\n` vanished when the columns were collapsed to tabs, so `\r` + `\n`
/// read as one line break: every later record, and every rejection, was
/// reported one line too early.
#[test]
fn bug_a_blank_line_after_a_lone_carriage_return_keeps_its_number() {
    let file = "customer date amount\r\n1 20240101 5\r   \n2 20240102 x\r\n";
    let outcome = run(file.as_bytes(), &Request::default(), &|| 0.0).unwrap();
    let rejected: Vec<(u64, usize)> = outcome
        .analysis
        .input
        .errors
        .iter()
        .map(|r| (r.line, r.column))
        .collect();
    assert_eq!(rejected, [(4, 3)], "x is on line 4 of an editor");
    checks::read_records(b"_i\x0b\x0b\x0becu]s\r\x0b\n01-\x1a3\r,01");
}
