//! Hostile input: every file in tests/hostile/ (and a few made here, too
//! large to commit) goes through the engine and the CLI. Neither may panic;
//! the CLI exits 0 or 2, and 2 comes with exactly one line on stderr; every
//! figure of an analysis is finite and the row counts add up.
//!
//! Crashes that cargo-fuzz finds (fuzz/README.md) are added to tests/hostile/.

use std::path::{Path, PathBuf};
use std::process::Command;
use tierlens::engine::{run, Request};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    let header = b"customer_id,customer_name,date,amount\n".to_vec();
    let mut big_cell = header.clone();
    big_cell.extend(b"A,");
    big_cell.extend(vec![b'x'; 1_000_000]);
    big_cell.extend(b",2024-01-01,1\n");
    files.push(("one-megabyte-cell (generated)".into(), big_cell));
    let wide: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let ones = vec!["1"; 10_000];
    files.push((
        "ten-thousand-columns (generated)".into(),
        format!("{}\n{}\n", wide.join(","), ones.join(",")).into_bytes(),
    ));
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..5_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            [b',', b'\n', b'"', b'1', b'-', b'/', b'A', b'\r'][(state % 8) as usize]
        })
        .collect();
    files.push((
        "five-megabytes-of-separators (generated)".into(),
        [header, noise].concat(),
    ));
    files.sort();
    files
}

/// Every number in the JSON is finite: serde_json writes NaN and infinity as null.
fn assert_no_nulls_in_numbers(value: &serde_json::Value, path: &str, name: &str) {
    const MAY_BE_NULL: &[&str] = &[
        "name",
        "industry",
        "region",
        "account_manager",
        "sheet",
        "date_order",
        "cost_from",
        "role",
    ];
    match value {
        serde_json::Value::Null => {
            let key = path.rsplit('.').next().unwrap_or("");
            assert!(
                MAY_BE_NULL.contains(&key),
                "{name}: null (NaN or infinity?) at {path}"
            );
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| assert_no_nulls_in_numbers(v, &format!("{path}[{i}]"), name)),
        serde_json::Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| assert_no_nulls_in_numbers(v, &format!("{path}.{k}"), name)),
        _ => {}
    }
}

#[test]
fn the_engine_never_panics_and_its_figures_are_finite() {
    for (name, bytes) in corpus() {
        let outcome = std::panic::catch_unwind(|| run(&bytes, &Request::default(), &|| 0.0));
        let Ok(result) = outcome else {
            panic!("{name}: the engine panicked")
        };
        let Ok(outcome) = result else { continue };
        let a = &outcome.analysis;
        let v = serde_json::to_value(a).unwrap();
        assert_no_nulls_in_numbers(&v, "", &name);
        assert!(a.customers > 0, "{name}");
        let kept = a.transactions as u64 + a.input.rows_after_as_of;
        assert_eq!(
            kept + a.input.rows_rejected,
            a.input.rows_read,
            "{name}: rows add up"
        );
    }
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tierlens-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name.replace(' ', "_").replace(['(', ')'], ""));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_cli_exits_0_or_2_with_one_line() {
    for (name, bytes) in corpus() {
        let path = write_temp(&name, &bytes);
        let out = Command::new(env!("CARGO_BIN_EXE_tierlens"))
            .arg("analyze")
            .arg(&path)
            .arg("--json")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        match out.status.code() {
            Some(0) => assert!(
                serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok(),
                "{name}"
            ),
            Some(2) => assert_eq!(stderr.trim().lines().count(), 1, "{name}: {stderr}"),
            other => panic!("{name}: exit {other:?}: {stderr}"),
        }
    }
}

fn analyse(name: &str) -> serde_json::Value {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/hostile")
            .join(name),
    )
    .unwrap();
    serde_json::to_value(run(&bytes, &Request::default(), &|| 0.0).unwrap().analysis).unwrap()
}

#[test]
fn what_specific_hostile_files_must_give() {
    // Markup and formulas in names are data: they survive byte for byte.
    let v = analyse("hostile-names.csv");
    let ids: Vec<&str> = v["top_customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"=cmd|' /C calc'!A0") && ids.contains(&"@SUM(1+1)"),
        "{ids:?}"
    );
    let names: Vec<&str> = v["top_customers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(names.contains(&"<svg onload=alert(1)>"), "{names:?}");
    // A cell past the header is explained, not silently read.
    let v = analyse("extra-cells.csv");
    assert_eq!(v["input"]["rejected_by_reason"]["extra cell"], 1);
    // Amounts that are not finite numbers are rejected; 1e308 twice does not overflow to infinity silently.
    let v = analyse("extreme-amounts.csv");
    assert!(
        v["input"]["rows_rejected"].as_u64().unwrap() >= 6,
        "{}",
        v["input"]
    );
    // An unclosed quote swallows the rest of the file into one cell: one
    // row, whose date is then empty, so the file says exactly that.
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/unclosed-quote.csv"),
    )
    .unwrap();
    let err = run(&bytes, &Request::default(), &|| 0.0)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("none of the 1 data rows") && err.contains("line 2, column 3"),
        "{err}"
    );
    // Impossible dates are rejected with their reason, the real one is kept.
    let v = analyse("impossible-dates.csv");
    assert_eq!(v["customers"], 1);
    assert_eq!(v["input"]["rows_rejected"], 6);
}
