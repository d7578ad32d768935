//! Key accounts over time on CDNOW master, against a computation written
//! here from the raw file (not through the code under test): two 9-month
//! periods, 1997-01-01..1997-09-30 and 1997-10-01..1998-06-30.

use std::collections::{BTreeMap, HashMap};
use std::process::Command;

const FILE: &str = "tests/data/CDNOW_master.txt";
const PERIODS: &str = "1997-01-01..1997-09-30,1997-10-01..1998-06-30";

/// Per customer: cents in the period and whether it bought (amount ≥ 0).
type Period = HashMap<String, (i64, bool)>;

fn periods() -> [Period; 2] {
    let text = std::fs::read_to_string(FILE).unwrap();
    let mut out = [Period::new(), Period::new()];
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let date: u32 = cells[1].parse().unwrap();
        let amount: f64 = cells[3].parse().unwrap();
        let p = match date {
            19970101..=19970930 => 0,
            19971001..=19980630 => 1,
            _ => continue,
        };
        let entry = out[p].entry(cells[0].to_string()).or_insert((0, false));
        entry.0 += (amount * 100.0).round() as i64;
        entry.1 |= amount >= 0.0;
    }
    for p in &mut out {
        p.retain(|_, v| v.1);
    }
    out
}

/// The contract's cumulative rule (A while the share above is below 80%, B below 95%).
fn tiers(period: &Period) -> HashMap<String, &'static str> {
    let mut ranked: Vec<(&String, i64)> = period.iter().map(|(k, v)| (k, v.0)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: i64 = ranked.iter().map(|r| r.1).sum();
    let mut above = 0i64;
    let mut out = HashMap::new();
    for (id, cents) in ranked {
        let share = above as f64 / total as f64;
        out.insert(
            id.clone(),
            if share < 0.8 {
                "A"
            } else if share < 0.95 {
                "B"
            } else {
                "C"
            },
        );
        above += cents;
    }
    out
}

#[test]
fn cdnow_master_two_nine_month_periods() {
    let out = Command::new(env!("CARGO_BIN_EXE_tierlens"))
        .args(["analyze", FILE, "--json", "--compare", PERIODS])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &a["compare"];

    let [p1, p2] = periods();
    let (t1, t2) = (tiers(&p1), tiers(&p2));
    let (mut start, mut new, mut lost, mut expansion, mut contraction, mut end) =
        (0, 0, 0, 0, 0, 0);
    for (id, &(cents, _)) in &p1 {
        start += cents;
        match p2.get(id) {
            Some(&(after, _)) => {
                expansion += (after - cents).max(0);
                contraction += (cents - after).max(0);
            }
            None => lost += cents,
        }
    }
    for (id, &(cents, _)) in &p2 {
        end += cents;
        if !p1.contains_key(id) {
            new += cents;
        }
    }
    let cents: Vec<i64> = c["bridge"]["cents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(cents, [start, new, lost, expansion, contraction, end]);
    assert_eq!(c["bridge"]["end"].as_f64().unwrap(), end as f64 / 100.0);
    let nrr = (start - lost + expansion - contraction) as f64 / start as f64;
    let grr = (start - lost - contraction) as f64 / start as f64;
    assert!((c["nrr"].as_f64().unwrap() - nrr).abs() < 1e-12);
    assert!((c["grr"].as_f64().unwrap() - grr).abs() < 1e-12);
    assert_eq!(c["customers"][0], p1.len());
    assert_eq!(c["customers"][1], p2.len());

    let mut cells: BTreeMap<(String, String), usize> = BTreeMap::new();
    let ids: std::collections::BTreeSet<&String> = p1.keys().chain(p2.keys()).collect();
    for id in ids {
        let from = t1.get(id).copied().unwrap_or("none").to_string();
        let to = t2.get(id).copied().unwrap_or("none").to_string();
        *cells.entry((from, to)).or_default() += 1;
    }
    for ((from, to), n) in &cells {
        assert_eq!(c["migration"][from][to]["customers"], *n, "{from}>{to}");
    }
    let total: u64 = c["migration"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|to| to.as_object().unwrap().values())
        .map(|cell| cell["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total as usize,
        p1.len() + p2.iter().filter(|(k, _)| !p1.contains_key(*k)).count()
    );
    // Every customer of CDNOW master first bought in 1997 Q1: no one is new.
    assert_eq!(new, 0);
    assert!(c["notes"].as_array().unwrap().is_empty(), "{}", c["notes"]);
    // The quarterly trend covers 1997-Q1..1998-Q2, and its quarters add up to the file's customers once each in Q1.
    let trend = a["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 6);
    assert_eq!(trend[0]["period"], "1997-Q1");
    assert_eq!(trend[0]["customers"], 23_570);
}
