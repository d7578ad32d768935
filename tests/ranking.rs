//! Ranks, tiers and the customer export do not depend on the order of the
//! file's rows (issue "Speed": ranking on whole cents, ties by id). Summed
//! in file order, equal revenues differed in the last bit, so reversing
//! CDNOW master swapped 37 ranks, and customers equal to the cent were
//! ordered against their ids.

use std::path::Path;
use std::process::Command;

const FILE: &str = "tests/data/CDNOW_master.txt";

/// The customer export and the JSON of `analyze` on `file`.
fn analyse(file: &Path, out: &Path) -> (String, serde_json::Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_tierlens"))
        .args(["analyze", "--json", "--customers"])
        .arg(out)
        .arg(file)
        .output()
        .expect("the CLI runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = serde_json::from_slice(&output.stdout).expect("JSON");
    (std::fs::read_to_string(out).expect("the export"), json)
}

#[test]
fn reversing_the_rows_changes_no_rank_tier_or_export() {
    let dir = std::env::temp_dir().join(format!("tierlens-ranking-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(FILE).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    let reversed = dir.join("reversed.txt");
    std::fs::write(&reversed, lines.join("\n") + "\n").unwrap();

    let (export, json) = analyse(Path::new(FILE), &dir.join("a.csv"));
    let (export_reversed, json_reversed) = analyse(&reversed, &dir.join("b.csv"));
    std::fs::remove_dir_all(&dir).ok();

    assert_eq!(json["abc"], json_reversed["abc"]);
    assert_eq!(json["pareto"], json_reversed["pareto"]);
    assert_eq!(json["tiers"], json_reversed["tiers"]);
    let (rows, rows_reversed): (Vec<&str>, Vec<&str>) =
        (export.lines().collect(), export_reversed.lines().collect());
    assert_eq!(rows.len(), 23_571, "a header and every customer");
    for (line, (a, b)) in rows.iter().zip(&rows_reversed).enumerate() {
        assert_eq!(a, b, "export line {}", line + 1);
    }
}
