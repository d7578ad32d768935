#!/usr/bin/env python3
"""The richer customer summary's SQL, checked end to end on CDNOW master.

    python check.py --cli target/debug/tierlens [--calibration-end 1997-09-30]

1. Runs docs/sql/summary-duckdb.sql (the shipped file, only its two paths
   and the calibration end substituted) with the duckdb package on CDNOW
   master (tests/data/CDNOW_master.txt as customer_id,date,amount).
2. Compares every cell with an independent reference written from the
   rules in docs/summary.md (below, in plain Python): text exactly, money
   to the cent's millionth.
3. Runs `tierlens analyze --json` on the log and on the summary and
   compares the sections the summary feeds: the three purchase models'
   parameters and log-likelihoods, Gamma-Gamma, the CLV total and the
   holdout's buckets to a relative 1e-6; the Pareto figures, tiers,
   cohorts, lifecycle counts, revenue at risk and customer-type counts.

Prints one line per check and exits 1 on the first group that differs.
"""

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "docs" / "sql" / "summary-duckdb.sql"
CALIBRATION = "CAST(NULL AS DATE) AS calibration_end"
TOLERANCE = 1e-6


def master_csv(out):
    lines = (ROOT / "tests/data/CDNOW_master.txt").read_text().splitlines()[1:]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer_id", "date", "amount"])
        for line in lines:
            cid, day, _, value = line.split()
            w.writerow([cid, f"{day[:4]}-{day[4:6]}-{day[6:]}", value])


def run_sql(log, out, calibration_end):
    sql = SQL.read_text()
    sql = sql.replace("'transactions.csv'", f"'{log}'").replace("'customer_summary.csv'", f"'{out}'")
    if calibration_end:
        assert CALIBRATION in sql, "the SQL's calibration_end setting moved"
        sql = sql.replace(CALIBRATION, f"DATE '{calibration_end}' AS calibration_end")
    duckdb.execute(sql)


def runs(offsets):
    out = []
    for o in offsets:
        if out and out[-1][1] + 1 == o:
            out[-1][1] = o
        else:
            out.append([o, o])
    return ",".join(f"{a}-{b}" if a != b else f"{a}" for a, b in out)


def reference(log, calibration_end, window=180):
    """docs/summary.md's columns, from the log, one customer at a time."""
    days = defaultdict(lambda: defaultdict(lambda: [0.0, False]))
    for r in csv.DictReader(open(log)):
        d, a = dt.date.fromisoformat(r["date"][:10]), float(r["amount"])
        e = days[r["customer_id"].strip()][d]
        e[0] += a
        e[1] |= a >= 0
    as_of = max(d for c in days.values() for d in c)
    cal = dt.date.fromisoformat(calibration_end) if calibration_end else as_of
    month = lambda d: d.year * 12 + d.month
    money = lambda x: f"{x:.6f}"
    for c in sorted(days):
        ds = days[c]
        p = sorted(d for d, (_, bought) in ds.items() if bought)
        first, last = (p[0], p[-1]) if p else (min(ds), max(ds))
        net = lambda ds_: sum(ds[d][0] for d in ds_)
        pc = [d for d in p if d <= cal]
        age = lambda d: (as_of - d).days
        yield [
            c, str(first), str(last), str(len(p)), money(sum(n for n, _ in ds.values())),
            money(net(p[1:])), str(p[-2]) if len(p) > 1 else "", str(as_of), str(cal),
            str(len(pc)), str(pc[-1]) if pc else "", money(net(pc[1:])), str(len(p) - len(pc)),
            str(window), money(net([d for d in p if age(d) < window])),
            money(net([d for d in p if window <= age(d) < 2 * window])),
            money(net([d for d in p if age(d) < 365])),
            runs(sorted({month(d) - month(first) for d in p if month(d) > month(first)})),
        ]


def same_cells(summary, log, calibration_end):
    rows = list(csv.reader(open(summary)))[1:]
    want = list(reference(log, calibration_end))
    assert len(rows) == len(want), f"{len(rows)} rows, the reference has {len(want)}"
    for got, ref in zip(rows, want):
        for i, (g, r) in enumerate(zip(got, ref)):
            numeric = "." in r and r.replace(".", "").replace("-", "").isdigit()
            if (abs(float(g) - float(r)) > 1e-6) if numeric else g != r:
                sys.exit(f"summary SQL: customer {ref[0]} column {i + 1}: {g!r}, the rules give {r!r}")
    print(f"summary SQL: {len(rows)} customers, every cell as the rules give it")


def analyse(cli, path, *args):
    out = subprocess.run([cli, "analyze", str(path), "--json", *args], check=True, capture_output=True)
    return json.loads(out.stdout)


def differences(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            differences(a.get(k), b.get(k), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{i}]", out)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if abs(a - b) > TOLERANCE * max(abs(a), abs(b), 1e-12):
            out.append(f"{path}: {a} vs {b}")
    elif a != b:
        out.append(f"{path}: {a!r} vs {b!r}")


def sections(a):
    clv = a["clv"]
    return {
        "pareto": a["pareto"],
        "tiers": a["abc"],
        "models": {k: clv[k] and {p: v for p, v in clv[k].items() if p != "se"}
                   for k in ["bgnbd", "mbgnbd", "pareto_nbd", "gamma_gamma"]},
        "clv": [clv["status"], clv["clv_total"], clv["calibration_end"]],
        "holdout": clv["holdout"] and clv["holdout"]["buckets"],
        "cohorts": a["retention"],
        "lifecycle": [a["lifecycle"], a["lifecycle_detail"]["revenue_at_risk"]],
        "customer types": [[g["key"], g["customers"]] for g in a["customer_types"]["groups"]],
    }


def same_sections(cli, log, summary, calibration_end):
    args = ["--calibration-end", calibration_end] if calibration_end else []
    a, b = sections(analyse(cli, log, *args)), sections(analyse(cli, summary))
    assert a["clv"][0] == "fitted", a["clv"]
    for name in a:
        out = []
        differences(a[name], b[name], name, out)
        if out:
            sys.exit(f"summary sections: {name} differs:\n  " + "\n  ".join(out[:10]))
        print(f"summary sections: {name} as the log's")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--calibration-end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log, summary = Path(tmp) / "cdnow_master.csv", Path(tmp) / "summary.csv"
        master_csv(log)
        run_sql(log, summary, args.calibration_end)
        same_cells(summary, log, args.calibration_end)
        same_sections(args.cli, log, summary, args.calibration_end)
    print(f"summary check: OK (calibration end {args.calibration_end or 'as of'})")


if __name__ == "__main__":
    main()
