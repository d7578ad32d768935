//! The same transactions in the shapes managers export them in give the
//! same analysis: GBK with Chinese headers, ￥ amounts and 1997/1/1 dates;
//! UTF-8 with BOM, tab-separated, with timestamps; and an Excel workbook.
//!
//! The fixtures in tests/data are written from cdnow_sample.csv by
//! `cargo test --test formats -- --ignored write_fixtures`.

use std::path::{Path, PathBuf};
use tierlens::engine::{run, Request};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn analyse(name: &str, request: &Request) -> serde_json::Value {
    let bytes = std::fs::read(data(name)).unwrap();
    let outcome = run(&bytes, request, &|| 0.0).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::to_value(outcome.analysis).unwrap()
}

/// The figures that must not depend on the file's shape.
fn figures(v: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "customers": v["customers"], "rows_read": v["input"]["rows_read"],
        "rows_rejected": v["input"]["rows_rejected"], "revenue_total": v["revenue_total"],
        "pareto": v["pareto"]["top20_share"], "abc": v["abc"], "as_of": v["as_of"],
    })
}

#[test]
fn every_shape_gives_the_csv_figures() {
    let plain = analyse("cdnow_sample.csv", &Request::default());
    assert_eq!(plain["customers"], 2357);
    for name in [
        "cdnow_sample_gbk.csv",
        "cdnow_sample_bom.tsv",
        "cdnow_sample.xlsx",
        "cdnow_sample.xls",
    ] {
        let v = analyse(name, &Request::default());
        assert_eq!(figures(&v), figures(&plain), "{name}");
    }
}

#[test]
fn a_customer_summary_gives_the_logs_pareto_tiers_and_concentration() {
    let log = analyse("cdnow_sample.csv", &Request::default());
    let summary = analyse("cdnow_sample_summary.csv", &Request::default());
    assert_eq!(summary["input"]["shape"], "summary");
    assert_eq!(log["input"]["shape"], "transactions");
    assert_eq!(summary["input"]["rows_read"], 2357);
    assert_eq!(summary["customers"], log["customers"]);
    assert_eq!(summary["abc"], log["abc"]);
    assert_eq!(summary["as_of"], log["as_of"]);
    assert_eq!(summary["first_date"], log["first_date"]);
    assert_eq!(
        summary["pareto"]["customers_for_80pct_share"],
        log["pareto"]["customers_for_80pct_share"]
    );
    // Revenue per customer was rounded to cents in the summary.
    let close = |path: &[&str]| {
        let get = |v: &serde_json::Value| {
            path.iter()
                .fold(v.clone(), |v, k| v[*k].clone())
                .as_f64()
                .unwrap()
        };
        assert!(
            (get(&summary) - get(&log)).abs() < 1e-9,
            "{path:?}: {} vs {}",
            get(&summary),
            get(&log)
        );
    };
    close(&["revenue_total"]);
    close(&["pareto", "top20_share"]);
    close(&["pareto", "gini"]);
    close(&["concentration", "hhi"]);
    close(&["concentration", "top1_share"]);
    assert_eq!(
        summary["top_customers"][0]["purchase_days"],
        log["top_customers"][0]["purchase_days"]
    );
}

#[test]
fn each_shape_is_detected_as_what_it_is() {
    let gbk = analyse("cdnow_sample_gbk.csv", &Request::default());
    assert_eq!(gbk["input"]["encoding"], "gb18030");
    assert_eq!(gbk["input"]["columns"]["customer"], "客户编号");
    assert_eq!(gbk["input"]["columns"]["amount"], "实收金额");
    let tsv = analyse("cdnow_sample_bom.tsv", &Request::default());
    assert_eq!(
        (
            tsv["input"]["encoding"].as_str(),
            tsv["input"]["delimiter"].as_str()
        ),
        (Some("UTF-8"), Some("\t"))
    );
    let xls = analyse("cdnow_sample.xls", &Request::default());
    assert_eq!(xls["input"]["format"], "xls");
    assert_eq!(xls["input"]["columns"]["customer"], "客户编号");
    let xlsx = analyse("cdnow_sample.xlsx", &Request::default());
    assert_eq!(xlsx["input"]["format"], "xlsx");
    assert_eq!(xlsx["input"]["sheet"], "交易明细");
    assert_eq!(
        xlsx["input"]["sheets"],
        serde_json::json!(["交易明细", "说明"])
    );
}

#[test]
fn another_sheet_can_be_chosen_and_a_missing_one_is_named() {
    let mut request = Request::default();
    request.read.sheet = Some("说明".into());
    let bytes = std::fs::read(data("cdnow_sample.xlsx")).unwrap();
    let err = run(&bytes, &request, &|| 0.0).unwrap_err().to_string();
    assert!(
        err.contains("no customer column")
            && err.contains("--sheet NAME")
            && err.contains("交易明细"),
        "the refusal names the other sheets: {err}"
    );
    let mut request = Request::default();
    request.read.sheet = Some("Sheet9".into());
    let err = run(&bytes, &request, &|| 0.0).unwrap_err().to_string();
    assert!(
        err.contains("no sheet \"Sheet9\"") && err.contains("交易明细, 说明"),
        "{err}"
    );
}

struct Row {
    customer: String,
    year: u16,
    month: u8,
    day: u8,
    amount: f64,
}

fn cdnow_rows() -> Vec<Row> {
    let text = std::fs::read_to_string(data("cdnow_sample.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let date: Vec<&str> = cells[1].split('-').collect();
            Row {
                customer: cells[0].to_string(),
                year: date[0].parse().unwrap(),
                month: date[1].parse().unwrap(),
                day: date[2].parse().unwrap(),
                amount: cells[2].parse().unwrap(),
            }
        })
        .collect()
}

/// ¥1,234.50 as Chinese exports write it.
fn yuan(amount: f64) -> String {
    let text = format!("{amount:.2}");
    let (int, frac) = text.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("\"￥{grouped}.{frac}\"")
}

#[test]
#[ignore = "writes the fixtures; run by hand when cdnow_sample.csv changes"]
fn write_fixtures() {
    let rows = cdnow_rows();
    let mut gbk = String::from("客户编号,交易日期,实收金额\r\n");
    let mut tsv = String::from("\u{feff}customer_id\tdate\tamount\n");
    for (i, r) in rows.iter().enumerate() {
        gbk.push_str(&format!(
            "{},{}/{}/{},{}\r\n",
            r.customer,
            r.year,
            r.month,
            r.day,
            yuan(r.amount)
        ));
        let (h, m) = (8 + i % 10, i % 60);
        tsv.push_str(&format!(
            "{}\t{}-{:02}-{:02} {h:02}:{m:02}:00\t{}\n",
            r.customer, r.year, r.month, r.day, r.amount
        ));
    }
    let (bytes, _, _) = encoding_rs::GB18030.encode(&gbk);
    std::fs::write(data("cdnow_sample_gbk.csv"), bytes).unwrap();
    std::fs::write(data("cdnow_sample_bom.tsv"), tsv).unwrap();
    write_workbook(&rows);
    write_summary(&rows);
}

/// One row per customer, as a manager who pre-aggregates in SQL would export it.
fn write_summary(rows: &[Row]) {
    use std::collections::BTreeMap;
    let mut customers: BTreeMap<&str, (f64, String, String, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    for r in rows {
        let date = format!("{}-{:02}-{:02}", r.year, r.month, r.day);
        let entry = customers.entry(&r.customer).or_insert((
            0.0,
            date.clone(),
            date.clone(),
            Default::default(),
        ));
        entry.0 += r.amount;
        entry.1 = entry.1.clone().min(date.clone());
        entry.2 = entry.2.clone().max(date.clone());
        entry.3.insert(date);
    }
    let mut text = String::from("客户编号,销售额,首次购买日期,最近购买日期,订单数\n");
    for (id, (revenue, first, last, days)) in customers {
        text.push_str(&format!(
            "{id},{revenue:.2},{first},{last},{}\n",
            days.len()
        ));
    }
    std::fs::write(data("cdnow_sample_summary.csv"), text).unwrap();
}

fn write_workbook(rows: &[Row]) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet().set_name("交易明细").unwrap();
    for (col, header) in ["客户编号", "订单日期", "销售额"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &r.customer).unwrap();
        let date = ExcelDateTime::from_ymd(r.year, r.month, r.day).unwrap();
        sheet
            .write_datetime_with_format(row, 1, &date, &date_format)
            .unwrap();
        sheet.write_number(row, 2, r.amount).unwrap();
    }
    let notes = workbook.add_worksheet().set_name("说明").unwrap();
    notes
        .write_string(0, 0, "CDNOW 样本：2,357 位客户，1997-01-01 至 1998-06-30")
        .unwrap();
    workbook.save(data("cdnow_sample.xlsx")).unwrap();
}
