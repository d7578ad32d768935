#!/usr/bin/env python3
"""Check that a customer summary gives the same figures as its transaction log.

    python summary_check.py --cli target/release/tierlens --log LOG.csv [--out DIR]

Runs the shipped docs/sql/summary-duckdb.sql with the duckdb package (the
file is read and only its two paths are substituted), timing it, then runs
`tierlens analyze FILE --json` on the log and on the summary and compares
the customer count, revenue_total, the `pareto` object, `abc` and `tiers`
(every tier's figures) and `concentration`: counts exactly, other numbers to
a relative 1e-9. Prints one line per group and ends with
`summary check: OK (N customers, duckdb X.XX s)`, or lists the differences
and exits 1.

LOG.csv has the columns customer_id, date, amount (docs/summary.md). With
--summary FILE, FILE (from Spark, say) is compared instead and DuckDB is not
run. The summary and both JSON outputs are written to --out (a temporary
directory when not given). Needs Python 3.8+ and `pip install duckdb`.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "docs" / "sql" / "summary-duckdb.sql"
# The placeholders in the shipped SQL.
INPUT, OUTPUT = "'transactions.csv'", "'customer_summary.csv'"
REL_TOL = 1e-9


def sql_literal(path):
    return "'" + str(path).replace("'", "''") + "'"


def summary_sql(log, summary):
    """The shipped SQL with its input and output paths replaced."""
    text = SQL.read_text(encoding="utf-8")
    code = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--"))
    for placeholder in (INPUT, OUTPUT):
        if code.count(placeholder) != 1:
            sys.exit(f"{SQL}: expected {placeholder} once in the query, found {code.count(placeholder)}")
    return text.replace(INPUT, sql_literal(log)).replace(OUTPUT, sql_literal(summary))


def run_duckdb(log, summary):
    import duckdb  # only needed here: --summary works without it

    sql = summary_sql(log, summary)
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(sql)
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def analyse(cli, path, out):
    start = time.perf_counter()
    done = subprocess.run([cli, "analyze", str(path), "--json"], capture_output=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"tierlens analyze {path} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    out.write_bytes(done.stdout)
    return json.loads(done.stdout), seconds


def differences(log, summary, path=""):
    """(path, log value, summary value) for every leaf that differs."""
    if isinstance(log, dict) and isinstance(summary, dict):
        found = []
        for key in sorted(set(log) | set(summary)):
            if key not in log or key not in summary:
                found.append((f"{path}.{key}", log.get(key, "(missing)"), summary.get(key, "(missing)")))
            else:
                found += differences(log[key], summary[key], f"{path}.{key}")
        return found
    if isinstance(log, list) and isinstance(summary, list):
        if len(log) != len(summary):
            return [(f"{path} length", len(log), len(summary))]
        found = []
        for i, (a, b) in enumerate(zip(log, summary)):
            found += differences(a, b, f"{path}[{i}]")
        return found
    numbers = (int, float)
    if (
        isinstance(log, numbers)
        and isinstance(summary, numbers)
        and not isinstance(log, bool)
        and not isinstance(summary, bool)
        and not (isinstance(log, int) and isinstance(summary, int))
    ):
        same = math.isclose(log, summary, rel_tol=REL_TOL, abs_tol=0.0)
    else:
        same = log == summary
    return [] if same else [(path, log, summary)]


def money(x):
    return f"{x:,.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the tierlens binary")
    parser.add_argument("--log", required=True, help="transaction log CSV: customer_id,date,amount")
    parser.add_argument("--out", help="directory for the summary and the JSON outputs")
    parser.add_argument("--summary", help="compare this summary instead of running DuckDB")
    args = parser.parse_args()

    log = Path(args.log).resolve()
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="summary-check-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.summary:
        summary, duckdb_seconds = Path(args.summary).resolve(), None
    else:
        summary = (out / f"{log.stem}_summary.csv").resolve()
        duckdb_seconds = run_duckdb(log, summary)

    a, log_seconds = analyse(args.cli, log, out / "log.json")
    b, summary_seconds = analyse(args.cli, summary, out / "summary.json")
    made = f"duckdb {duckdb_seconds:.2f} s" if duckdb_seconds is not None else "given"
    print(
        f"summary: {log.name} ({os.path.getsize(log) / 1e6:,.1f} MB, {a['input']['rows_read']:,} rows)"
        f" -> {summary} ({os.path.getsize(summary) / 1e6:,.1f} MB, {b['input']['rows_read']:,} rows, {made});"
        f" tierlens on the log {log_seconds:.2f} s, on the summary {summary_seconds:.2f} s"
    )
    if b["input"].get("shape") != "summary":
        sys.exit(f"{summary} was not read as a customer summary: shape {b['input'].get('shape')}")

    failed = []

    def group(name, key, line):
        found = differences(a[key], b[key], key)
        failed.extend(found)
        status = "equal" if not found else f"{len(found)} DIFFERENT"
        print(f"{name}: {line(a[key])} {status}")

    group("customers", "customers", lambda v: f"{v:,}")
    group("revenue_total", "revenue_total", money)
    group(
        "pareto",
        "pareto",
        lambda p: f"top 20% {p['top20_share']:.6f}, gini {p['gini']:.6f}, "
        f"{p['customers_for_80pct_share']:,} customers for 80%, "
        f"{len(p['curve'])} curve points, {len(p['top_shares'])} top shares",
    )
    group("abc", "abc", lambda c: ", ".join(f"{k} {v:,}" for k, v in c.items()))
    group(
        "tiers",
        "tiers",
        lambda ts: "; ".join(
            f"{t['tier']} {t['customers']:,} customers {money(t['revenue'])} "
            f"({t['average_purchase_days']:.3f} purchase days each)"
            for t in ts
        ),
    )
    group(
        "concentration",
        "concentration",
        lambda c: f"top1 {c['top1_share']:.6f}, top5 {c['top5_share']:.6f}, "
        f"top10 {c['top10_share']:.6f}, hhi {c['hhi']:.9f}",
    )
    if a["as_of"] != b["as_of"]:
        # Not compared: a log's as-of is its last row, a summary's its last purchase.
        print(f"note: as_of differs (log {a['as_of']}, summary {b['as_of']}); pass --as-of to both for the date-based figures")

    if failed:
        print(f"summary check: FAILED, {len(failed)} differences (log vs summary):")
        for path, x, y in failed[:50]:
            print(f"  {path}: {x!r} vs {y!r}")
        if len(failed) > 50:
            print(f"  ... and {len(failed) - 50} more")
        sys.exit(1)
    print(f"summary check: OK ({a['customers']:,} customers, {made})")


if __name__ == "__main__":
    main()
