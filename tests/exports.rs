//! Issue #18: real exports are read right, or asked about; never a silently
//! wrong number.
//!
//! `tests/exports/` holds files modelled on what products write (Shopify,
//! Stripe, PayPal, Salesforce, HubSpot, QuickBooks, 金蝶, 用友, SAP, 淘宝, 京东,
//! 有赞, hand-made Excel sheets...), made by `tests/exports/generate.py`.
//! `truth.json` says, for each, what a careful analyst reports: distinct
//! customers and net revenue, the weak-evidence decisions the reader must
//! own up to in `input.decisions`, or the question it must ask (exit 2, one
//! stderr line naming `--map` / `--date-order`).
//!
//! Every file is checked and every mismatch collected, so one run shows the
//! whole picture.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/exports")
}

fn manifest() -> Vec<Value> {
    let text =
        std::fs::read_to_string(corpus().join("truth.json")).expect("truth.json is readable");
    match serde_json::from_str::<Value>(&text).expect("truth.json is JSON") {
        Value::Array(entries) => entries,
        other => panic!("truth.json is a list, not {other}"),
    }
}

fn str_field<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("manifest entry {entry} has no string {key}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// One file's disagreements with its truth, or an empty list.
struct Mismatch {
    file: String,
    expected: String,
    got: String,
}

fn one_line(text: &str) -> String {
    let flat = text.trim().replace('\n', " ⏎ ");
    if flat.chars().count() > 160 {
        let cut: String = flat.chars().take(157).collect();
        format!("{cut}...")
    } else {
        flat
    }
}

fn check(entry: &Value) -> Vec<Mismatch> {
    let file = str_field(entry, "file");
    let path = corpus().join(file);
    let output = Command::new(env!("CARGO_BIN_EXE_tierlens"))
        .arg("analyze")
        .arg(&path)
        .arg("--json")
        .output()
        .expect("the CLI runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code();
    let mut found = Vec::new();
    let mut miss = |expected: String, got: String| {
        found.push(Mismatch {
            file: file.to_owned(),
            expected,
            got,
        })
    };

    if let Some(ask) = entry["ask"].as_object() {
        let wanted = strings(&ask["contains"]);
        if code != Some(2) {
            miss(
                format!("exit 2 asking ({})", wanted.join(", ")),
                format!("exit {code:?}; stderr: {}", one_line(&stderr)),
            );
            return found;
        }
        let lines = stderr.trim_end().lines().count();
        if lines != 1 {
            miss(
                "one stderr line".to_owned(),
                format!("{lines} lines: {}", one_line(&stderr)),
            );
        }
        for needle in wanted {
            if !stderr.contains(&needle) {
                miss(format!("stderr contains {needle:?}"), one_line(&stderr));
            }
        }
        return found;
    }

    if code != Some(0) {
        miss(
            "exit 0".to_owned(),
            format!("exit {code:?}; stderr: {}", one_line(&stderr)),
        );
        return found;
    }
    let json: Value = match serde_json::from_slice(&output.stdout) {
        Ok(json) => json,
        Err(error) => {
            miss("JSON on stdout".to_owned(), format!("{error}"));
            return found;
        }
    };
    let customers = entry["customers"].as_u64().expect("customers in truth");
    let revenue = entry["revenue"].as_f64().expect("revenue in truth");
    let columns = &json["input"]["columns"];
    let got_customers = json["customers"].as_u64();
    if got_customers != Some(customers) {
        miss(
            format!("customers {customers}"),
            format!("customers {got_customers:?} (columns {columns})"),
        );
    }
    let got_revenue = json["revenue_total"].as_f64();
    match got_revenue {
        Some(got) if (got - revenue).abs() < 0.01 => {}
        _ => miss(
            format!("revenue {revenue:.2}"),
            format!(
                "revenue {} (columns {columns})",
                got_revenue.map_or("none".to_owned(), |got| format!("{got:.2}"))
            ),
        ),
    }
    let kinds: BTreeSet<String> = json["input"]["decisions"]
        .as_array()
        .map(|decisions| {
            decisions
                .iter()
                .filter_map(|d| d["kind"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for kind in strings(&entry["decisions"]) {
        if !kinds.contains(&kind) {
            miss(
                format!("decision {kind}"),
                format!("decisions {:?}", kinds.iter().collect::<Vec<_>>()),
            );
        }
    }
    for kind in strings(&entry["forbid_decisions"]) {
        if kinds.contains(&kind) {
            miss(format!("no decision {kind}"), "it was made".to_owned());
        }
    }
    if let Some(not_columns) = entry["not_columns"].as_object() {
        for (role, header) in not_columns {
            if columns[role.as_str()] == *header {
                miss(format!("{role} not {header}"), format!("{role} = {header}"));
            }
        }
    }
    found
}

#[test]
fn every_export_reads_right_or_asks() {
    let entries = manifest();
    let mismatches: Vec<Mismatch> = entries.iter().flat_map(check).collect();
    if mismatches.is_empty() {
        return;
    }
    let failing: BTreeSet<&str> = mismatches.iter().map(|m| m.file.as_str()).collect();
    let mut table = format!(
        "{} of {} export files disagree with tests/exports/truth.json:\n\n| file | expected | got |\n|---|---|---|\n",
        failing.len(),
        entries.len()
    );
    for m in &mismatches {
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            m.file,
            m.expected.replace('|', "\\|"),
            m.got.replace('|', "\\|")
        ));
    }
    panic!("{table}");
}

fn listed(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("tests/exports is a folder")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !matches!(name.as_str(), "truth.json" | "generate.py" | "README.md"))
        .collect()
}

#[test]
fn the_manifest_covers_the_corpus() {
    let entries = manifest();
    assert!(
        entries.len() >= 30,
        "only {} manifest entries",
        entries.len()
    );
    let in_manifest: BTreeSet<String> = entries
        .iter()
        .map(|entry| str_field(entry, "file").to_owned())
        .collect();
    assert_eq!(in_manifest.len(), entries.len(), "a file is listed twice");
    let on_disk = listed(&corpus());
    let unlisted: Vec<&String> = on_disk.difference(&in_manifest).collect();
    assert!(unlisted.is_empty(), "files without truth: {unlisted:?}");
    let missing: Vec<&String> = in_manifest.difference(&on_disk).collect();
    assert!(missing.is_empty(), "truth for missing files: {missing:?}");
    for entry in &entries {
        let file = str_field(entry, "file");
        assert!(!str_field(entry, "product").is_empty(), "{file}: product");
        assert!(!str_field(entry, "source").is_empty(), "{file}: source");
        if entry["ask"].is_null() {
            assert!(entry["customers"].as_u64().is_some(), "{file}: customers");
            assert!(entry["revenue"].as_f64().is_some(), "{file}: revenue");
        } else {
            assert!(
                !strings(&entry["ask"]["contains"]).is_empty(),
                "{file}: an ask names what stderr must say"
            );
        }
    }
    let xlsx = in_manifest.iter().filter(|f| f.ends_with(".xlsx")).count();
    assert!(xlsx >= 6, "only {xlsx} workbooks");
}
