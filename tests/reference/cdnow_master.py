#!/usr/bin/env python3
"""Independent reference computation for the CDNOW master dataset.

This script is written from the project's written contract only; it shares no
code with (and was not derived from) the Rust implementation. It uses the
Python 3 standard library only, and does all money sums, shares and
comparisons in exact rational arithmetic (decimal.Decimal parsing, then
fractions.Fraction); values are converted to float only when printed.

Usage:
    python3 cdnow_master.py path/to/CDNOW_master.txt > cdnow_master.json

Input: whitespace-separated text with a header line
(customer_id date number_of_cds dollar_value), CRLF or LF line endings.
Columns: customer id (e.g. 00001), date YYYYMMDD, number of CDs, dollar value.

Computed (printed as one JSON object):
  rows            number of data rows
  customers       number of distinct customer ids
  revenue_total   sum over customers of net revenue (sum of dollar_value over
                  the customer's rows; negative values would subtract)
  first_date, last_date   earliest / latest date, formatted YYYY-MM-DD
  pareto.top20_share      revenue share of the top ceil(0.2 * N) customers
  pareto.gini             Gini coefficient of per-customer revenue:
                          G = 2*sum_i(i*x_i) / (n*sum x) - (n+1)/n, x ascending
  pareto.customers_for_80pct_share
                          fewest top customers whose cumulative revenue
                          reaches >= 80% of the total
  lifecycle       customers per stage by the contract's default rule
  abc.{A,B,C}     a customer is A while the cumulative revenue share of the
                  customers ranked strictly above it is < 0.8, B while
                  < 0.95, else C
  concentration.top1_share, top5_share, top10_share
                  revenue shares of the largest 1, 5, 10 customers
  concentration.hhi       sum of squared per-customer revenue shares

Ranking: revenue descending, ties broken by customer id ascending (string
comparison).
"""

import datetime
import json
import sys
from decimal import Decimal
from fractions import Fraction


def load_rows(path):
    """Yield (customer_id, 'YYYYMMDD', Fraction dollar_value) per data row."""
    with open(path, "r", encoding="ascii", newline="") as fh:
        header_seen = False
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line:
                continue
            parts = line.split()
            if not header_seen:
                header_seen = True
                if parts[0].lower() == "customer_id":
                    continue
            if len(parts) != 4:
                raise ValueError("line %d: expected 4 fields, got %r" % (lineno, parts))
            cust, date, _ncds, dollars = parts
            if len(date) != 8 or not date.isdigit():
                raise ValueError("line %d: bad date %r" % (lineno, date))
            yield cust, date, Fraction(Decimal(dollars))


def lifecycle(days_by_customer, as_of):
    """The contract's default lifecycle rule, first match wins, in days
    before the as-of date: new if the first purchase is at most 90 days old;
    reactivated if the last is at most 90 days old and the gap before it
    (from the previous purchase day) is over 90; active if the last is at
    most 90 days old; dormant if at most 365; else lost."""
    counts = {"new": 0, "reactivated": 0, "active": 0, "dormant": 0, "lost": 0}
    for days in days_by_customer.values():
        days = sorted(days)
        since_first = (as_of - days[0]).days
        since_last = (as_of - days[-1]).days
        gap = (days[-1] - days[-2]).days if len(days) > 1 else None
        if since_first <= 90:
            counts["new"] += 1
        elif since_last <= 90 and gap is not None and gap > 90:
            counts["reactivated"] += 1
        elif since_last <= 90:
            counts["active"] += 1
        elif since_last <= 365:
            counts["dormant"] += 1
        else:
            counts["lost"] += 1
    return counts


def as_date(d):
    return datetime.date(int(d[:4]), int(d[4:6]), int(d[6:8]))


def compute(rows_iter):
    revenue = {}
    days = {}
    n_rows = 0
    first = last = None
    for cust, date, value in rows_iter:
        n_rows += 1
        revenue[cust] = revenue.get(cust, Fraction(0)) + value
        if value >= 0:
            days.setdefault(cust, set()).add(as_date(date))
        if first is None or date < first:
            first = date
        if last is None or date > last:
            last = date

    n = len(revenue)
    total = sum(revenue.values(), Fraction(0))
    # Rank: revenue descending, then customer id ascending.
    ranked = sorted(revenue.items(), key=lambda kv: (-kv[1], kv[0]))
    values_desc = [v for _, v in ranked]

    def share(x):
        return float(x / total) if total != 0 else None

    def top_share(k):
        return share(sum(values_desc[:k], Fraction(0)))

    # ceil(0.2 * n) exactly, in integers.
    k20 = (n + 4) // 5  # ceil(0.2 * n) == ceil(n / 5), integer arithmetic

    # Gini on ascending values, exact.
    asc = sorted(revenue.values())
    if n and total != 0:
        weighted = sum((i * x for i, x in enumerate(asc, 1)), Fraction(0))
        gini = float(Fraction(2) * weighted / (n * total) - Fraction(n + 1, n))
    else:
        gini = None

    # Fewest top customers reaching >= 80% of total; ABC classes.
    cut80 = Fraction(8, 10)
    cut95 = Fraction(95, 100)
    need80 = None
    abc = {"A": 0, "B": 0, "C": 0}
    cum = Fraction(0)
    for i, v in enumerate(values_desc, 1):
        before = cum / total if total != 0 else Fraction(0)
        if before < cut80:
            abc["A"] += 1
        elif before < cut95:
            abc["B"] += 1
        else:
            abc["C"] += 1
        cum += v
        if need80 is None and total != 0 and cum / total >= cut80:
            need80 = i

    hhi = (
        float(sum(((v / total) ** 2 for v in values_desc), Fraction(0)))
        if total != 0
        else None
    )

    def fmt_date(d):
        return None if d is None else "%s-%s-%s" % (d[:4], d[4:6], d[6:8])

    return {
        "rows": n_rows,
        "customers": n,
        "revenue_total": float(total),
        "first_date": fmt_date(first),
        "last_date": fmt_date(last),
        "pareto": {
            "top20_share": top_share(k20),
            "gini": gini,
            "customers_for_80pct_share": need80,
        },
        "abc": abc,
        "concentration": {
            "top1_share": top_share(1),
            "top5_share": top_share(5),
            "top10_share": top_share(10),
            "hhi": hhi,
        },
        # As of the last transaction date, the contract's default.
        "lifecycle": lifecycle(days, as_date(last)) if last else None,
    }


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s CDNOW_master.txt\n" % argv[0])
        return 2
    result = compute(load_rows(argv[1]))
    # json.dumps renders floats with repr(), i.e. shortest round-trip form.
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
