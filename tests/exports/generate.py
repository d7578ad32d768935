#!/usr/bin/env python3
"""Writes the export corpus of tests/exports and its ground truth, truth.json.

Every file imitates one product's documented export: its header, its value
formats, its encoding, its title/total/footer rows. The truth of each file
(distinct customers, net revenue, the decisions a reader must report, or the
question it must ask) is computed here from the generated records, with the
rules a careful analyst applies: only revenue rows (statuses that mean no
revenue dropped), refunds subtracted, totals and subtotals not counted, units
applied, quantity x price where there is no amount.

Deterministic: a fixed seed per file, fixed workbook timestamps.
Run: python3 tests/exports/generate.py   (needs openpyxl)
"""

import csv
import datetime as dt
import io
import json
import os
import random
import re
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ENTRIES = []


def add(file, product, source, customers, revenue_cents, decisions, ask=None,
        not_columns=None, forbid=None, note=""):
    e = {
        "file": file,
        "product": product,
        "source": source,
        "customers": customers,
        "revenue": round(revenue_cents / 100.0, 2) if revenue_cents is not None else None,
        "decisions": decisions,
        "ask": ask,
    }
    if not_columns:
        e["not_columns"] = not_columns
    if forbid:
        e["forbid_decisions"] = forbid
    if note:
        e["note"] = note
    ENTRIES.append(e)


def write_text(name, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def csv_text(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


FIXED = dt.datetime(2025, 1, 6, 9, 0, 0)


def save_workbook(wb, name):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "tierlens-corpus"
    path = os.path.join(HERE, name)
    wb.save(path)
    # Re-pack with fixed entry times so the bytes do not change run to run.
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for fname, data in items:
            if fname == "docProps/core.xml":
                # openpyxl stamps the save time as modified; pin it.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-06T09:00:00Z", data)
            info = zipfile.ZipInfo(fname, date_time=(2025, 1, 6, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def money(c):
    """cents -> '1234.56'"""
    s = "-" if c < 0 else ""
    c = abs(c)
    return "%s%d.%02d" % (s, c // 100, c % 100)


def money_thousands(c, thou=",", dec="."):
    s = "-" if c < 0 else ""
    c = abs(c)
    whole = "{:,}".format(c // 100).replace(",", thou)
    return "%s%s%s%02d" % (s, whole, dec, c % 100)


def days(rng, start, end):
    span = (end - start).days
    return start + dt.timedelta(days=rng.randrange(span + 1))


def pick_demoted(rng, orders, key, count, exclude=()):
    """Indexes of `count` orders whose customer has another order that stays
    a revenue order, so demoting them never removes a customer."""
    by_cust = {}
    for i, o in enumerate(orders):
        by_cust.setdefault(o[key], []).append(i)
    cands = []
    for c, idx in sorted(by_cust.items()):
        if len(idx) >= 2:
            cands.extend(idx[1:])
    cands = [i for i in cands if i not in exclude]
    rng.shuffle(cands)
    chosen = []
    for i in cands:
        chosen.append(i)
        if len(chosen) == count:
            break
    return set(chosen)


EN_COMPANIES = [
    "Acme Corp", "Globex Corporation", "Initech", "Umbrella Health", "Stark Industries",
    "Wayne Enterprises", "Hooli", "Vandelay Industries", "Soylent Foods", "Cyberdyne Systems",
    "Tyrell Corp", "Wonka Industries", "Pied Piper", "Massive Dynamic", "Oscorp",
    "Dunder Mifflin", "Gringotts Bank", "Monarch Solutions",
]
PEOPLE = [
    ("Emma", "Johnson"), ("Liam", "Smith"), ("Olivia", "Williams"), ("Noah", "Brown"),
    ("Ava", "Jones"), ("Lucas", "Garcia"), ("Mia", "Miller"), ("Ethan", "Davis"),
    ("Sophia", "Martinez"), ("Mason", "Wilson"), ("Isabella", "Anderson"), ("James", "Taylor"),
    ("Amelia", "Thomas"), ("Benjamin", "Moore"), ("Harper", "Jackson"), ("Elijah", "White"),
    ("Chloe", "Harris"), ("Daniel", "Clark"),
]
CN_COMPANIES = [
    "上海华东机电有限公司", "北京中科信达科技有限公司", "广州恒信贸易有限公司",
    "深圳市宏图电子有限公司", "杭州星河纺织有限公司", "南京金陵化工有限公司",
    "成都蜀光医疗器械有限公司", "武汉长江物流有限公司", "苏州精工模具厂",
    "天津港华建材有限公司", "青岛海韵食品有限公司", "重庆山城汽配有限公司",
    "西安秦川电气有限公司", "厦门鹭岛包装有限公司",
]
TB_NICKS = [
    "tb_小鱼儿2019", "快乐的猫咪", "jason_lee88", "夏天的风123", "喵星人007",
    "阿杰_shanghai", "lily小店主", "老王爱买买", "静静_hz", "tb8823457_00",
    "大白兔奶糖", "sunny_day_bj",
]
CN_PRODUCTS = [("P-1001", "不锈钢法兰", "DN50", "件", 8550), ("P-1002", "铜阀门", "DN25", "个", 12600),
               ("P-2001", "PVC管材", "Φ110", "米", 1880), ("P-2002", "密封圈", "M20", "个", 350),
               ("P-3001", "电机", "Y2-90L", "台", 168000), ("P-3002", "变频器", "7.5kW", "台", 325000)]

D2024 = (dt.date(2024, 1, 2), dt.date(2024, 12, 28))
Q1 = (dt.date(2024, 1, 2), dt.date(2024, 3, 29))


# ---------------------------------------------------------------- Shopify
def shopify():
    rng = random.Random(101)
    custs = [("%s %s" % p, "%s.%s@example.com" % (p[0].lower(), p[1].lower())) for p in PEOPLE[:14]]
    products = [("Organic Cotton Tee", "TEE-ORG", 2800), ("Merino Beanie", "BEAN-MER", 3450),
                ("Canvas Tote", "TOTE-CNV", 1900), ("Rain Jacket", "JKT-RAIN", 12900),
                ("Wool Socks 3-Pack", "SOCK-3PK", 2400)]
    orders = []
    for n in range(40):
        c = custs[rng.randrange(len(custs))] if n >= len(custs) else custs[n]
        created = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(8, 23), rng.randrange(60), rng.randrange(60)))
        lines = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            p = products[rng.randrange(len(products))]
            lines.append((p, rng.choice([1, 1, 2, 3])))
        subtotal = sum(p[2] * q for p, q in lines)
        disc = subtotal // 10 if rng.random() < 0.25 else 0
        ship = 0 if subtotal - disc >= 7500 else 800
        tax = round((subtotal - disc) * 0.08)
        total = subtotal - disc + ship + tax
        orders.append(dict(name="#%d" % (1001 + n), cust=c, email=c[1], created=created, lines=lines,
                           subtotal=subtotal, disc=disc, ship=ship, tax=tax, total=total,
                           status="paid", refunded=0))
    orders.sort(key=lambda o: o["created"])
    for i, o in enumerate(orders):
        o["name"] = "#%d" % (1001 + i)
    demote = sorted(pick_demoted(rng, orders, "email", 9))
    kinds = ["partially_refunded"] * 3 + ["refunded"] * 2 + ["voided"] * 2 + ["pending"] * 2
    for i, k in zip(demote, kinds):
        o = orders[i]
        o["status"] = k
        if k == "partially_refunded":
            o["refunded"] = o["lines"][0][0][2]
        elif k == "refunded":
            o["refunded"] = o["total"]
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
              "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
              "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
              "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing City",
              "Billing Country", "Shipping Name", "Shipping City", "Shipping Country", "Notes",
              "Cancelled at", "Payment Method", "Refunded Amount", "Vendor", "Outstanding Balance",
              "Id", "Tags", "Source", "Lineitem discount"]
    rows = [header]
    fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S +0800")
    for n, o in enumerate(orders):
        paid = o["status"] in ("paid", "partially_refunded", "refunded")
        fulfilled = paid and o["status"] != "refunded"
        for li, (p, q) in enumerate(o["lines"]):
            if li == 0:
                rows.append([o["name"], o["email"], o["status"], fmt(o["created"] + dt.timedelta(minutes=1)) if paid else "",
                             "fulfilled" if fulfilled else "unfulfilled",
                             fmt(o["created"] + dt.timedelta(days=2)) if fulfilled else "", "no", "USD",
                             money(o["subtotal"]), money(o["ship"]), money(o["tax"]), money(o["total"]),
                             "SPRING10" if o["disc"] else "", money(o["disc"]),
                             "Free Shipping" if o["ship"] == 0 else "Standard", fmt(o["created"]), q, p[0], money(p[2]),
                             "", p[1], "true", "true", "fulfilled" if fulfilled else "pending",
                             o["cust"][0], "Shanghai", "CN", o["cust"][0], "Shanghai", "CN", "",
                             fmt(o["created"] + dt.timedelta(hours=3)) if o["status"] == "voided" else "",
                             "Shopify Payments", money(o["refunded"]) if o["refunded"] else "0.00", "Northwind Goods",
                             "0.00" if paid else money(o["total"]), str(5500000000 + n * 137), "", "web", "0.00"])
            else:
                row = [""] * len(header)
                row[0], row[1], row[15] = o["name"], o["email"], fmt(o["created"])
                row[16], row[17], row[18], row[20] = q, p[0], money(p[2]), p[1]
                row[21], row[22], row[23] = "true", "true", "fulfilled" if fulfilled else "pending"
                row[34], row[39] = "Northwind Goods", "0.00"
                rows.append(row)
    write_text("shopify_orders_export.csv", csv_text(rows, lineterminator="\n"))
    rev = [o for o in orders if o["status"] in ("paid", "partially_refunded", "refunded")]
    add("shopify_orders_export.csv", "Shopify orders export",
        "https://matrixify.app/documentation/orders/ ; https://www.webtoffee.com/shopify-orders-available-columns-for-export-and-import/ (order-level fields on the first line-item row only)",
        len({o["email"] for o in rev}), sum(o["total"] - o["refunded"] for o in rev),
        ["status_excluded", "refund_subtracted"],
        note="Total - Refunded Amount of paid/partially_refunded/refunded orders; voided and pending dropped; line-item continuation rows carry no order total")


# ---------------------------------------------------------------- WooCommerce
def woocommerce():
    rng = random.Random(102)
    custs = [(1000 + i, p[0], p[1], "%s%d@mail.example" % (p[0].lower(), i)) for i, p in enumerate(PEOPLE[2:15])]
    orders = []
    for n in range(45):
        c = custs[n] if n < len(custs) else custs[rng.randrange(len(custs))]
        when = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        items = rng.randrange(1500, 22000)
        ship = rng.choice([0, 500, 995])
        tax = round(items * 0.2)
        disc = rng.choice([0, 0, 0, 500])
        total = items - disc + ship + tax
        orders.append(dict(c=c, cid=c[0], when=when, ship=ship, tax=tax, disc=disc, total=total, status="completed", ref=0))
    orders.sort(key=lambda o: o["when"])
    demote = sorted(pick_demoted(rng, orders, "cid", 12))
    kinds = ["processing"] * 3 + ["refunded"] * 2 + ["cancelled"] * 2 + ["failed"] * 2 + ["on-hold", "pending", "completed"]
    for i, k in zip(demote, kinds):
        orders[i]["status"] = k
        if k == "refunded":
            orders[i]["ref"] = orders[i]["total"]
        if k == "completed":
            orders[i]["ref"] = orders[i]["total"] // 4
    header = ["order_id", "order_number", "order_date", "status", "shipping_total", "shipping_tax_total", "fee_total",
              "fee_tax_total", "tax_total", "cart_discount", "order_discount", "discount_total", "order_total",
              "refunded_total", "order_currency", "payment_method", "shipping_method", "customer_id",
              "billing_first_name", "billing_last_name", "billing_company", "billing_email", "billing_phone",
              "billing_address_1", "billing_postcode", "billing_city", "billing_state", "billing_country",
              "shipping_first_name", "shipping_last_name", "shipping_city", "shipping_country", "customer_note",
              "line_items", "shipping_items", "coupon_items"]
    rows = [header]
    for n, o in enumerate(orders):
        c = o["c"]
        oid = 4810 + n * 3
        rows.append([oid, oid, o["when"].strftime("%Y-%m-%d %H:%M:%S"), o["status"], money(o["ship"]), "0.00", "0.00",
                     "0.00", money(o["tax"]), money(o["disc"]), "0.00", money(o["disc"]), money(o["total"]),
                     money(o["ref"]), "GBP", "stripe" if n % 3 else "paypal",
                     "Free shipping" if o["ship"] == 0 else "Flat rate", c[0], c[1], c[2], "", c[3],
                     "07700 900%03d" % c[0] if False else "07700 900%03d" % (c[0] % 1000), "%d High Street" % (c[0] % 97),
                     "SW1A 1AA", "London", "", "GB", c[1], c[2], "London", "GB", "",
                     "id:%d|name:Ceramic Mug|quantity:%d|total:%s" % (oid * 10, 1 + n % 3, money(o["total"] - o["ship"] - o["tax"] + o["disc"])),
                     "method:%s|total:%s" % ("Flat rate" if o["ship"] else "Free shipping", money(o["ship"])),
                     "code:welcome5|amount:5.00" if o["disc"] else ""])
    write_text("woocommerce_orders_export.csv", csv_text(rows))
    rev = [o for o in orders if o["status"] in ("completed", "processing", "refunded")]
    add("woocommerce_orders_export.csv", "WooCommerce Customer/Order CSV Export (default format)",
        "https://pastebin.com/8JR3aXGB (default order keys: status, order_total, refunded_total, shipping_method...); https://pastebin.com/GyL9anNk (sample export)",
        len({o["cid"] for o in rev}), sum(o["total"] - o["ref"] for o in rev),
        ["status_excluded", "refund_subtracted"], not_columns={"margin": "shipping_method"},
        note="completed/processing/refunded are paid; cancelled, failed, on-hold, pending dropped; order_total - refunded_total")


# ---------------------------------------------------------------- Stripe
def stripe():
    rng = random.Random(103)
    custs = [("cus_P%04dXk%02d" % (3000 + i * 71, i), "%s %s" % p, "%s@%s.io" % (p[0].lower(), p[1].lower())) for i, p in enumerate(PEOPLE[:12])]
    pays = []
    for n in range(55):
        c = custs[n] if n < 10 else custs[rng.randrange(10)]
        when = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        amt = rng.choice([2900, 4900, 9900, 19900, 49900, 120000])
        pays.append(dict(c=c, cid=c[0], when=when, amt=amt, status="Paid", ref=0))
    # two customers who only ever failed
    for c in custs[10:12]:
        for _ in range(2):
            pays.append(dict(c=c, cid=c[0], when=dt.datetime(2024, rng.randrange(1, 13), rng.randrange(1, 28), 10, 5, 0),
                             amt=9900, status="Failed", ref=0))
    pays.sort(key=lambda p: p["when"])
    demote = sorted(pick_demoted(rng, [p for p in pays], "cid", 9))
    kinds = ["Failed"] * 4 + ["Refunded"] * 2 + ["Paid"] * 3
    for i, k in zip(demote, kinds):
        if pays[i]["status"] != "Paid":
            continue
        pays[i]["status"] = k
        if k == "Refunded":
            pays[i]["ref"] = pays[i]["amt"]
        elif k == "Paid":
            pays[i]["ref"] = pays[i]["amt"] // 2
    header = ["id", "Description", "Seller Message", "Created date (UTC)", "Amount", "Amount Refunded", "Currency",
              "Captured", "Converted Amount", "Converted Amount Refunded", "Fee", "Tax", "Converted Currency", "Mode",
              "Status", "Statement Descriptor", "Customer ID", "Customer Description", "Customer Email", "Card ID",
              "Card Last4", "Card Brand", "Card Funding", "Card Exp Month", "Card Exp Year", "Card Address Country",
              "Disputed Amount", "Dispute Status", "Invoice ID", "Payment Source Type"]
    rows = [header]
    for n, p in enumerate(pays):
        failed = p["status"] == "Failed"
        fee = 0 if failed else round(p["amt"] * 0.029) + 30
        rows.append(["ch_3Oq%06dLkd%02dZ" % (n * 7919 % 1000000, n), "Subscription update" if p["amt"] < 20000 else "Invoice %04d" % n,
                     "Your card was declined." if failed else "Payment complete.", p["when"].strftime("%Y-%m-%d %H:%M:%S"),
                     money(p["amt"]), money(p["ref"]), "usd", "false" if failed else "true", money(p["amt"]),
                     money(p["ref"]), money(fee), "0.00", "usd", "Live", p["status"], "NORTHWIND SAAS", p["cid"],
                     p["c"][1], p["c"][2], "card_1Oq%06d" % n, "%04d" % (4242 + n % 7), "Visa", "credit",
                     1 + n % 12, 2027, "US", "0.00", "", "in_1Oq%06d" % n if p["amt"] < 20000 else "", "card"])
    write_text("stripe_unified_payments.csv", csv_text(rows, lineterminator="\n"))
    rev = [p for p in pays if p["status"] != "Failed"]
    add("stripe_unified_payments.csv", "Stripe Dashboard payments export (unified_payments.csv)",
        "https://docs.cello.so/guides/attribution/stripe-reports (export columns ID, Created (UTC), Amount, Converted Amount, Fee, Customer ID); https://support.stripe.com/questions/exporting-a-report-of-all-transactions (exports include failed payments)",
        len({p["cid"] for p in rev}), sum(p["amt"] - p["ref"] for p in rev),
        ["status_excluded", "refund_subtracted"], not_columns={"customer": "Customer Description"},
        note="Failed dropped (two customers only ever failed); Amount - Amount Refunded")


# ---------------------------------------------------------------- PayPal
def paypal():
    rng = random.Random(104)
    merchant = "sales@northwind-shop.example"
    buyers = [("%s %s" % p, "%s.%s@buyer.example" % (p[0].lower(), p[1][0].lower())) for p in PEOPLE[3:16]]
    rows_data = []
    for n in range(52):
        b = buyers[n] if n < len(buyers) else buyers[rng.randrange(len(buyers))]
        when = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        gross = rng.choice([1999, 4500, 8950, 12500, 25000, 125000, 210000])
        rows_data.append(dict(kind="pay", b=b, when=when, gross=gross, status="Completed"))
    pend = sorted(pick_demoted(rng, rows_data, "b", 2))
    for i in pend:
        rows_data[i]["status"] = "Pending"
    # refunds of some completed payments
    refs = []
    for i in sorted(pick_demoted(rng, rows_data, "b", 4, exclude=pend)):
        p = rows_data[i]
        amt = p["gross"] if i % 2 else p["gross"] // 2
        refs.append(dict(kind="refund", b=p["b"], when=p["when"] + dt.timedelta(days=3), gross=-amt, status="Completed"))
    wds = [dict(kind="withdrawal", b=None, when=dt.datetime(2024, m, 28, 9, 0, 0), gross=-rng.randrange(200000, 600000), status="Completed")
           for m in (2, 5, 8, 11)]
    allrows = sorted(rows_data + refs + wds, key=lambda r: r["when"])
    header = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "From Email Address",
              "To Email Address", "Transaction ID", "Shipping Address", "Address Status", "Item Title", "Item ID",
              "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name", "Option 1 Value",
              "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity", "Receipt ID", "Balance",
              "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact"]
    rows = [header]
    bal = 0
    for n, r in enumerate(allrows):
        w = r["when"]
        tz = "PDT" if 3 < w.month < 11 else "PST"
        date = "%d/%d/%d" % (w.month, w.day, w.year)
        g = r["gross"]
        if r["kind"] == "pay":
            fee = -(round(g * 0.0349) + 49)
            if r["status"] == "Completed":
                bal += g + fee
            rows.append([date, w.strftime("%H:%M:%S"), tz, r["b"][0], "Express Checkout Payment" if n % 3 else "Website Payment",
                         r["status"], "USD", money_thousands(g), money_thousands(fee), money_thousands(g + fee), r["b"][1], merchant,
                         "%017X" % (0x5A1000000 + n * 7777), "Shipping address on file", "Confirmed", "Order %d" % (7000 + n), "",
                         "0.00", "0.00", "0.00", "", "", "", "INV-%d" % (7000 + n), "", "1", "",
                         money_thousands(bal), "", "", "", "US", "Credit" if r["status"] == "Completed" else "Memo"])
        elif r["kind"] == "refund":
            fee = round(-g * 0.0349)
            bal += g + fee
            rows.append([date, w.strftime("%H:%M:%S"), tz, r["b"][0], "Payment Refund", "Completed", "USD",
                         money_thousands(g), money_thousands(fee), money_thousands(g + fee), merchant, r["b"][1],
                         "%017X" % (0x7B2000000 + n * 7777), "", "", "", "", "0.00", "0.00", "0.00", "", "",
                         "%017X" % (0x5A1000000 + n), "", "", "1", "", money_thousands(bal), "", "", "", "US", "Debit"])
        else:
            bal += g
            rows.append([date, w.strftime("%H:%M:%S"), tz, "", "General Withdrawal", "Completed", "USD",
                         money_thousands(g), "0.00", money_thousands(g), merchant, "", "%017X" % (0x9C3000000 + n),
                         "", "", "", "", "0.00", "0.00", "0.00", "", "", "", "", "", "", "", money_thousands(bal),
                         "", "", "", "", "Debit"])
    write_text("paypal_activity_download.csv", csv_text(rows, quoting=csv.QUOTE_ALL), bom=True)
    rev_pay = [r for r in rows_data if r["status"] == "Completed"]
    cust = {r["b"][1] for r in rev_pay}
    revenue = sum(r["gross"] for r in rev_pay) + sum(r["gross"] for r in refs)
    add("paypal_activity_download.csv", "PayPal Activity download (CSV, balance affecting)",
        "hledger PayPal CSV rules, 2018 default fields (\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",...,\"Insurance Amount\",...,\"Balance Impact\"); https://github.com/OCA/bank-statement-import (account_bank_statement_import_paypal: Activity download)",
        len(cust), revenue, ["status_excluded"],
        not_columns={"amount": "Insurance Amount"},
        note="Gross of Completed payments plus (negative) Payment Refund rows; General Withdrawal and Pending dropped; buyers only (refund rows are From the merchant, To the buyer)")


# ---------------------------------------------------------------- Salesforce report
SF_OPEN = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
           "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review"]


def salesforce():
    rng = random.Random(105)
    accts = EN_COMPANIES[:15]
    opps = []
    for n in range(46):
        a = accts[n % 12] if n < 30 else accts[rng.randrange(15)]
        close = days(rng, *D2024)
        amt = rng.randrange(50, 900) * 10000
        opps.append(dict(a=a, close=close, amt=amt, stage="Closed Won"))
    # accounts 12..14 only ever lost or open
    for i, o in enumerate(opps):
        if o["a"] in accts[12:]:
            o["stage"] = "Closed Lost" if i % 2 else rng.choice(SF_OPEN)
    demote = sorted(pick_demoted(rng, [o for o in opps], "a", 14))
    for j, i in enumerate(demote):
        if opps[i]["a"] in accts[12:]:
            continue
        opps[i]["stage"] = "Closed Lost" if j % 3 == 0 else SF_OPEN[j % len(SF_OPEN)]
    prob = {"Closed Won": 100, "Closed Lost": 0}
    header = ["Opportunity Owner", "Account Name", "Opportunity Name", "Type", "Lead Source", "Amount",
              "Expected Revenue", "Probability (%)", "Close Date", "Created Date", "Next Step", "Stage",
              "Fiscal Period", "Age"]
    rows = [header]
    owners = ["Jane Smith", "Raj Patel", "Carlos Ruiz"]
    for n, o in enumerate(sorted(opps, key=lambda o: o["close"])):
        p = prob.get(o["stage"], 10 + 10 * (SF_OPEN.index(o["stage"]) if o["stage"] in SF_OPEN else 0))
        created = o["close"] - dt.timedelta(days=30 + n)
        rows.append([owners[n % 3], o["a"], "%s - %s" % (o["a"], ["New Business", "Renewal", "Upsell"][n % 3]),
                     ["New Customer", "Existing Customer - Upgrade", "Existing Customer - Renewal"][n % 3],
                     ["Web", "Partner Referral", "Trade Show"][n % 3], money(o["amt"]), money(o["amt"] * p // 100), p,
                     "%d/%d/%d" % (o["close"].month, o["close"].day, o["close"].year),
                     "%d/%d/%d" % (created.month, created.day, created.year), "", o["stage"],
                     "Q%d-%d" % ((o["close"].month - 1) // 3 + 1, o["close"].year), (o["close"] - created).days])
    text = csv_text(rows, quoting=csv.QUOTE_ALL)
    text += '""\r\n"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n"Confidential Information - Do Not Distribute"\r\n"Generated By:  Jane Smith  1/6/2025 9:15 AM"\r\n"Northwind Traders"\r\n'
    write_text("salesforce_opportunities_report.csv", text)
    won = [o for o in opps if o["stage"] == "Closed Won"]
    add("salesforce_opportunities_report.csv", "Salesforce report export (Opportunities, CSV with footer)",
        "https://help.salesforce.com/s/articleView?id=sf.reports_export.htm (report export; Classic CSV ends with the Copyright / Confidential / Generated By footer lines); stages: standard Opportunity Stage picklist",
        len({o["a"] for o in won}), sum(o["amt"] for o in won), ["status_excluded", "name_as_key"],
        not_columns={"customer": "Stage", "amount": "Expected Revenue"},
        note="only Closed Won is revenue; three accounts only lost or open; footer lines are not rows")


def sf_minimal():
    rng = random.Random(106)
    accts = EN_COMPANIES[3:14]
    rows = [["Account Name", "Close Date", "Amount", "Stage"]]
    won = []
    for n in range(34):
        a = accts[n % 11] if n < 11 else accts[rng.randrange(11)]
        d = days(rng, *D2024)
        amt = rng.randrange(20, 400) * 50000
        st = "Closed Won"
        if n >= 11 and n % 3 == 0:
            st = rng.choice(["Closed Lost", "Negotiation/Review", "Proposal/Price Quote"])
        if a == accts[10]:
            st = "Closed Lost"
        rows.append([a, d.isoformat(), money(amt), st])
        if st == "Closed Won":
            won.append((a, amt))
    write_text("salesforce_account_close_amount_stage.csv", csv_text(rows, lineterminator="\n"))
    add("salesforce_account_close_amount_stage.csv", "Salesforce opportunity report, four columns",
        "Salesforce standard Opportunity fields Account Name, Close Date, Amount, Stage (https://help.salesforce.com/s/articleView?id=sf.reports_export.htm)",
        len({a for a, _ in won}), sum(v for _, v in won), ["status_excluded", "name_as_key"],
        not_columns={"customer": "Stage"}, note="Stage must not be read as the customer; only Closed Won")


# ---------------------------------------------------------------- HubSpot
def hubspot():
    rng = random.Random(107)
    comps = EN_COMPANIES[5:18]
    stages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedlost"]
    deals = []
    for n in range(42):
        c = comps[n % 11] if n < 22 else comps[rng.randrange(13)]
        d = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(8, 19), rng.randrange(60)))
        deals.append(dict(c=c, d=d, amt=rng.randrange(30, 600) * 2500, stage="closedwon"))
    for i, o in enumerate(deals):
        if o["c"] in comps[11:]:
            o["stage"] = stages[i % len(stages)]
    for j, i in enumerate(sorted(pick_demoted(rng, deals, "c", 13))):
        if deals[i]["c"] not in comps[11:]:
            deals[i]["stage"] = stages[j % len(stages)]
    header = ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Pipeline", "Create Date",
              "Associated Company", "Deal Type", "Forecast category", "Last Activity Date"]
    rows = [header]
    for n, o in enumerate(sorted(deals, key=lambda o: o["d"])):
        rows.append([str(14820011000 + n * 97), "%s - %s" % (o["c"], ["New deal", "Expansion", "Renewal 2024"][n % 3]), o["stage"],
                     o["d"].strftime("%Y-%m-%d %H:%M"), ["Ana Lopez", "Tom Becker"][n % 2], money(o["amt"]), "default",
                     (o["d"] - dt.timedelta(days=40)).strftime("%Y-%m-%d %H:%M"), o["c"],
                     ["newbusiness", "existingbusiness"][n % 2], "", (o["d"] - dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")])
    write_text("hubspot_deals_export.csv", csv_text(rows, lineterminator="\n"), bom=True)
    won = [o for o in deals if o["stage"] == "closedwon"]
    add("hubspot_deals_export.csv", "HubSpot CRM deals export",
        "https://hub.steampipe.io/plugins/turbot/hubspot/tables/hubspot_deal (dealname, dealstage, amount, closedate); HubSpot default pipeline internal stage values appointmentscheduled..closedwon/closedlost",
        len({o["c"] for o in won}), sum(o["amt"] for o in won), ["status_excluded", "name_as_key"],
        not_columns={"customer": "Deal Name"}, note="only closedwon; Deal Name is one per deal, the company is Associated Company")


# ---------------------------------------------------------------- QuickBooks
def qb_data(seed, n_cust):
    rng = random.Random(seed)
    names = ["Amy's Bird Sanctuary", "Bill's Windsurf Shop", "Cool Cars", "Diego Rodriguez", "Dukes Basketball Camp",
             "Freeman Sporting Goods", "Geeta Kalapatapu", "Jeff's Jalopies", "John Melton", "Kookies by Kathy",
             "Mark Cho", "Paulsen Medical Supplies", "Red Rock Diner", "Rondonuwu Fruit and Vegi", "Shara Barnett",
             "Sushi by Katsuyuki", "Travis Waldron", "Weiskopf Consulting"][:n_cust]
    prods = [("Design", 7500), ("Gardening", 2500), ("Installation", 5000), ("Pest Control", 3500),
             ("Rocks", 1500), ("Sprinkler Heads", 200), ("Trimming", 3500), ("Maintenance & Repair", 5000)]
    groups = []
    num = 1001
    for name in names:
        lines = []
        for _ in range(rng.randrange(2, 8)):
            p = prods[rng.randrange(len(prods))]
            q = rng.randrange(1, 9)
            ttype = rng.choice(["Invoice", "Invoice", "Invoice", "Sales Receipt"])
            sign = 1
            if rng.random() < 0.12:
                ttype, sign = rng.choice(["Credit Memo", "Refund"]), -1
            lines.append(dict(d=days(rng, *D2024), t=ttype, num=str(num), p=p[0], q=q * sign, price=p[1], amt=p[1] * q * sign))
            num += 1
        lines.sort(key=lambda l: l["d"])
        if sum(l["amt"] for l in lines) <= 0:
            lines[0]["t"], lines[0]["q"], lines[0]["amt"] = "Invoice", abs(lines[0]["q"]), abs(lines[0]["amt"])
        groups.append((name, lines))
    return groups


QB_HEADER = ["", "Date", "Transaction Type", "Num", "Product/Service", "Memo/Description", "Qty", "Sales Price", "Amount", "Balance"]


def quickbooks_xlsx():
    groups = qb_data(108, 12)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales by Customer Detail"
    ws.append(["Craig's Design and Landscaping Services"])
    ws.append(["Sales by Customer Detail"])
    ws.append(["January - December 2024"])
    ws.append([])
    ws.append(QB_HEADER)
    grand = 0
    for name, lines in groups:
        ws.append([name])
        bal = 0
        for l in lines:
            bal += l["amt"]
            ws.append(["", l["d"], l["t"], l["num"], l["p"], "%s service" % l["p"], l["q"], l["price"] / 100, l["amt"] / 100, bal / 100])
            ws.cell(ws.max_row, 2).number_format = "mm/dd/yyyy"
        ws.append(["Total for %s" % name, "", "", "", "", "", sum(l["q"] for l in lines), "", bal / 100, ""])
        grand += bal
    ws.append(["TOTAL", "", "", "", "", "", "", "", grand / 100, ""])
    ws.append([])
    ws.append([])
    ws.append(["Accrual Basis Monday, January 6, 2025 09:15 AM GMT-08:00"])
    save_workbook(wb, "quickbooks_sales_by_customer_detail.xlsx")
    add("quickbooks_sales_by_customer_detail.xlsx", "QuickBooks Online report: Sales by Customer Detail (Export to Excel)",
        "https://kb.kivalogic.com/admin/payments/reports/customer-totals (QuickBooks 'Sales by Customer Details' columns Type, Date, Num, Memo, Name, Item, Qty, Sales Price, Amount, Balance); http://support.quickbooks.intuit.com/support/pages/inproducthelp/Core/QB2K12/ContentPackage/Core/Reports_Description_PandL/rpt_pl_cust_detail.html (grouped by customer, totals per customer, grand total)",
        len(groups), grand, ["header_row", "fill_down", "totals_excluded", "name_as_key"],
        not_columns={"amount": "Balance"},
        note="customer on the group row above its lines; 'Total for X', TOTAL and the basis footer are not transactions; Credit Memo/Refund lines negative")


def quickbooks_csv():
    groups = qb_data(109, 10)
    rows = [["Craig's Design and Landscaping Services"], ["Sales by Customer Detail"], ["January - December 2024"], [], QB_HEADER]
    grand = 0
    for name, lines in groups:
        rows.append([name] + [""] * 9)
        bal = 0
        for l in lines:
            bal += l["amt"]
            rows.append(["", l["d"].strftime("%m/%d/%Y"), l["t"], l["num"], l["p"], "", money(l["q"] * 100)[:-3],
                         money(l["price"]), money(l["amt"]), money(bal)])
        rows.append(["Total for %s" % name, "", "", "", "", "", "", "", money(bal), ""])
        grand += bal
    rows.append(["TOTAL", "", "", "", "", "", "", "", money(grand), ""])
    rows.append([])
    rows.append([])
    rows.append(["Accrual Basis Monday, January 6, 2025 09:20 AM GMT-08:00"])
    write_text("quickbooks_sales_by_customer_detail.csv", csv_text(rows))
    add("quickbooks_sales_by_customer_detail.csv", "QuickBooks Online report: Sales by Customer Detail (Export to CSV)",
        "http://support.quickbooks.intuit.com/support/pages/inproducthelp/Core/QB2K12/ContentPackage/Core/Reports_Description_PandL/rpt_pl_cust_detail.html ; https://kb.kivalogic.com/admin/payments/reports/customer-totals",
        len(groups), grand, ["header_row", "fill_down", "totals_excluded", "name_as_key"],
        not_columns={"amount": "Balance"})


# ---------------------------------------------------------------- Kingdee
KD_HEADER = ["审核标志", "日期", "单据编号", "购货单位", "销售方式", "产品长代码", "产品名称", "规格型号", "单位",
             "实发数量", "销售单价", "销售金额", "单位成本", "成本", "发货仓库", "部门", "业务员", "制单"]


def kingdee_rows(seed, n_docs):
    rng = random.Random(seed)
    custs = CN_COMPANIES[:11]
    lines = []
    for d in range(n_docs):
        c = custs[d] if d < len(custs) else custs[rng.randrange(len(custs))]
        date = days(rng, *Q1)
        red = d >= len(custs) and rng.random() < 0.1
        for _ in range(rng.randrange(1, 4)):
            p = CN_PRODUCTS[rng.randrange(len(CN_PRODUCTS))]
            q = rng.randrange(1, 40) * (-1 if red else 1)
            price = p[4]
            lines.append(dict(date=date, no="XOUT%06d" % (100 + d), c=c, p=p, q=q, price=price, amt=q * price,
                              cost=round(price * 0.72)))
    lines.sort(key=lambda l: (l["date"], l["no"]))
    return lines


def kingdee_xlsx():
    lines = kingdee_rows(110, 30)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售出库单序时簿"
    ws.append(["销售出库单序时簿"])
    ws.append(["会计期间：2024年第1期 至 2024年第3期"])
    ws.append(KD_HEADER)
    for l in lines:
        p = l["p"]
        ws.append(["Y", l["date"], l["no"], l["c"], "赊销", p[0], p[1], p[2], p[3], l["q"], l["price"] / 100, l["amt"] / 100,
                   l["cost"] / 100, l["cost"] * l["q"] / 100, "成品仓", "销售部", ["张伟", "李娜", "王强"][len(l["no"]) % 3], "刘芳"])
        ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"
    total = sum(l["amt"] for l in lines)
    ws.append(["合计", None, None, None, None, None, None, None, None, sum(l["q"] for l in lines), None, total / 100, None,
               sum(l["cost"] * l["q"] for l in lines) / 100])
    save_workbook(wb, "kingdee_sales_outbound_list.xlsx")
    add("kingdee_sales_outbound_list.xlsx", "金蝶 K/3 销售出库单序时簿 (引出 Excel)",
        "http://jxc.baojia360.com/help/551 (销售出库单: 单据编号, 客户, 数量, 单价, 金额); 金蝶K/3供应链操作手册 序时簿 引出 (http://www.china-audit.com/lhs_ssxqra02301ffq3ioktfijwtfocjezg3w_3.html)",
        len({l["c"] for l in lines}), total, ["header_row", "totals_excluded", "name_as_key"],
        not_columns={"amount": "成本"}, note="销售金额 not 成本; 红字出库 lines negative; 合计 row excluded")


def kingdee_gbk():
    lines = kingdee_rows(111, 26)
    rows = [["销售出库单序时簿"], ["会计期间：2024年第1期 至 2024年第3期"], KD_HEADER]
    for l in lines:
        p = l["p"]
        rows.append(["Y", l["date"].isoformat(), l["no"], l["c"], "赊销", p[0], p[1], p[2], p[3], l["q"], money(l["price"]),
                     money(l["amt"]), money(l["cost"]), money(l["cost"] * l["q"]), "成品仓", "销售部", "张伟", "刘芳"])
    total = sum(l["amt"] for l in lines)
    rows.append(["合计", "", "", "", "", "", "", "", "", sum(l["q"] for l in lines), "", money(total), "",
                 money(sum(l["cost"] * l["q"] for l in lines)), "", "", "", ""])
    write_text("kingdee_sales_outbound_gbk.csv", csv_text(rows), encoding="gbk")
    add("kingdee_sales_outbound_gbk.csv", "金蝶 K/3 销售出库单序时簿 (引出 CSV, GBK)",
        "http://jxc.baojia360.com/help/551 ; 金蝶K/3供应链操作手册 (序时簿 引出)",
        len({l["c"] for l in lines}), total, ["encoding", "header_row", "totals_excluded", "name_as_key"],
        not_columns={"amount": "成本"})


# ---------------------------------------------------------------- Yonyou
def yonyou():
    rng = random.Random(112)
    custs = [("C%04d" % (101 + i), n.replace("有限公司", "")) for i, n in enumerate(CN_COMPANIES[2:14])]
    header = ["选择", "订单号", "订单日期", "业务类型", "销售类型", "客户编码", "客户简称", "销售部门", "业务员", "币种", "汇率",
              "存货编码", "存货名称", "规格型号", "主计量", "数量", "报价", "含税单价", "价税合计", "税额", "税率（%）",
              "制单人", "审核人", "关闭人"]
    lines = []
    for d in range(34):
        c = custs[d] if d < len(custs) else custs[rng.randrange(len(custs))]
        date = days(rng, *D2024)
        for _ in range(rng.randrange(1, 3)):
            p = CN_PRODUCTS[rng.randrange(len(CN_PRODUCTS))]
            q = rng.randrange(1, 50)
            gross = p[4] * q
            tax = round(gross * 13 / 113)
            lines.append([c, "0000%05d" % (2400 + d), date, p, q, gross, tax])
    lines.sort(key=lambda l: (l[2], l[1]))
    rows = [["销售订单列表"], ["记录总数：%d" % len(lines)], header]
    for c, no, date, p, q, gross, tax in lines:
        rows.append(["", no, date.isoformat(), "普通销售", "批发", c[0], c[1], "销售一部", "赵敏", "人民币", "1", p[0], p[1], p[2],
                     p[3], q, money(p[4]), money(p[4]), money(gross), money(tax), "13", "陈静", "周涛", ""])
    total = sum(l[5] for l in lines)
    rows.append(["合计", "", "", "", "", "", "", "", "", "", "", "", "", "", "", sum(l[4] for l in lines), "", "", money(total),
                 money(sum(l[6] for l in lines)), "", "", "", ""])
    write_text("yonyou_u8_sales_orders_gbk.csv", csv_text(rows), encoding="gbk")
    add("yonyou_u8_sales_orders_gbk.csv", "用友 U8 销售订单列表 (输出 CSV, GBK)",
        "用友U8 销售管理 销售订单列表 栏目 (订单号, 订单日期, 客户编码, 客户简称, 数量, 含税单价, 价税合计, 税额); http://open.wdgj.com/OpenApiDoc/GetChildParams?dictid=84&rectid=5919 (ERP order list fields)",
        len({l[0][0] for l in lines}), total, ["encoding", "header_row", "totals_excluded"],
        not_columns={"amount": "税额"}, note="价税合计 is the amount (税额 is the tax in it); 合计 row excluded")


# ---------------------------------------------------------------- SAP
def sap_vf05():
    rng = random.Random(113)
    parties = ["%d" % (100100 + i * 17) for i in range(11)]
    docs = []
    for n in range(48):
        sp = parties[n] if n < len(parties) else parties[rng.randrange(len(parties))]
        d = days(rng, *D2024)
        v = rng.choice([rng.randrange(10000, 99999), rng.randrange(100000, 5000000), rng.randrange(1000000, 9000000)])
        docs.append(dict(sp=sp, d=d, v=v, t="F2"))
    for i in sorted(pick_demoted(rng, docs, "sp", 4)):
        docs[i]["t"] = "G2"
        docs[i]["v"] = -(docs[i]["v"] // 3)
    docs.sort(key=lambda x: x["d"])

    def sapnum(c):
        s = money_thousands(abs(c), thou=".", dec=",")
        return s + "-" if c < 0 else s

    header = ["Billing Document", "Billing Type", "Billing Date", "Sold-to party", "Net value", "Tax amount", "Doc. Currency", "Created by"]
    lines = ["\t".join(header)]
    for n, x in enumerate(docs):
        tax = round(x["v"] * 0.19)
        lines.append("\t".join(["%d" % (90012000 + n), x["t"], x["d"].strftime("%d.%m.%Y"), x["sp"], sapnum(x["v"]), sapnum(tax), "EUR", "MUELLERK"]))
    write_text("sap_vf05_billing_list.txt", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    add("sap_vf05_billing_list.txt", "SAP SD VF05 List Billing Documents (ALV: Save list in file > Spreadsheet, tab-separated)",
        "https://leanx.eu/en/sap/table/lbbil_hd_gen.html (SOLD_TO_PARTY KUNAG, BIL_NETWR net value, BIL_WAERK currency); https://scribd.com/document/566006089/1647590385749 (VF05 list); SAP user decimal notation 1.234,56 with trailing minus",
        len({x["sp"] for x in docs}), sum(x["v"] for x in docs), ["decimal_comma"],
        not_columns={"amount": "Tax amount"}, note="Net value with decimal comma; G2 credit memos carry SAP's trailing minus '1.234,56-'")


def sap_alv_xlsx():
    rng = random.Random(114)
    parties = [("%d" % (200300 + i * 13), n) for i, n in enumerate(["Bosch Thermotechnik GmbH", "Siemens Healthineers AG", "Krones AG",
                                                                      "Heidelberger Druck AG", "Voith Paper GmbH", "Festo SE & Co. KG",
                                                                      "Würth Elektronik GmbH", "Trumpf Laser GmbH", "Miele & Cie. KG"])]
    docs = []
    for n in range(40):
        p = parties[n] if n < len(parties) else parties[rng.randrange(len(parties))]
        docs.append(dict(p=p, sp=p[0], d=days(rng, *D2024), v=rng.randrange(50000, 4000000), t="F2"))
    # one cancellation (S1) of an invoice of a customer with other invoices, one credit memo
    idx = sorted(pick_demoted(rng, docs, "sp", 2))
    docs.append(dict(p=docs[idx[0]]["p"], sp=docs[idx[0]]["sp"], d=docs[idx[0]]["d"] + dt.timedelta(days=2), v=-docs[idx[0]]["v"], t="S1"))
    docs[idx[1]]["t"] = "G2"
    docs[idx[1]]["v"] = -docs[idx[1]]["v"] // 4
    docs.sort(key=lambda x: x["d"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Billing Document", "Billing Type", "Billing Date", "Sold-To Party", "Name of sold-to party", "Net Value", "Tax Amount", "Document Currency"])
    for n, x in enumerate(docs):
        ws.append(["%d" % (90020000 + n), x["t"], x["d"], x["sp"], x["p"][1], x["v"] / 100, round(x["v"] * 0.19) / 100, "EUR"])
        ws.cell(ws.max_row, 3).number_format = "dd.mm.yyyy"
        ws.cell(ws.max_row, 6).number_format = "#,##0.00"
    save_workbook(wb, "sap_alv_billing_documents.xlsx")
    add("sap_alv_billing_documents.xlsx", "SAP GUI ALV export to Excel (VF05 billing documents)",
        "https://scribd.com/document/566006089/1647590385749 (Manage Billing Documents: export data to spreadsheets); https://leanx.eu/en/sap/table/lbbil_hd_gen.html",
        len({x["sp"] for x in docs}), sum(x["v"] for x in docs), [],
        not_columns={"amount": "Tax Amount", "customer": "Name of sold-to party"},
        note="real date and number cells; an S1 cancellation cancels one F2, one G2 credit memo")


# ---------------------------------------------------------------- Taobao
def taobao():
    rng = random.Random(115)
    header = ["订单编号", "买家会员名", "买家支付宝账号", "支付单号", "支付详情", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额",
              "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址", "运送方式", "联系电话",
              "联系手机", "订单创建时间", "订单付款时间", "宝贝标题", "宝贝种类", "物流单号", "物流公司", "订单备注", "宝贝总数量",
              "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "退款金额"]
    orders = []
    for n in range(60):
        b = TB_NICKS[n] if n < len(TB_NICKS) else TB_NICKS[rng.randrange(len(TB_NICKS))]
        created = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        goods = rng.choice([3900, 5990, 8800, 12900, 19900, 25800, 39900])
        post = rng.choice([0, 0, 600, 1000])
        orders.append(dict(b=b, created=created, goods=goods, post=post, status="交易成功", paid=goods + post, ref=0))
    dem = sorted(pick_demoted(rng, orders, "b", 13))
    kinds = ["卖家已发货，等待买家确认"] * 3 + ["买家已付款，等待卖家发货"] * 2 + ["交易关闭"] * 4 + ["等待买家付款"] * 2 + ["交易成功"] * 2
    for j, (i, k) in enumerate(zip(dem, kinds)):
        o = orders[i]
        o["status"] = k
        if k == "交易关闭":
            if j % 2:
                o["paid"] = 0  # closed before payment
            else:
                o["ref"] = o["paid"]  # paid, refunded in full, closed
        elif k == "等待买家付款":
            o["paid"] = 0
        elif k == "交易成功":
            o["ref"] = o["goods"] // 3  # partial refund
    orders.sort(key=lambda o: o["created"])
    rows = [header]
    for n, o in enumerate(orders):
        paid_at = "" if o["status"] == "等待买家付款" or (o["status"] == "交易关闭" and o["ref"] == 0) else (o["created"] + dt.timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S")
        rows.append(["%d" % (3712345600000000000 + n * 1234567), o["b"], "%s***@163.com" % o["b"][:2], "2024%016d" % (n * 97), "",
                     money(o["goods"]), money(o["post"]), "0", money(o["goods"] + o["post"]), "0", money(o["paid"]), "0", o["status"],
                     "", "王*", "浙江省 杭州市 西湖区 文三路***号", "快递", "", "'138****%04d" % (n * 37 % 10000),
                     o["created"].strftime("%Y-%m-%d %H:%M:%S"), paid_at, "纯棉短袖T恤 夏季新款", "1", "", "", "", "1",
                     "0", "小鹿家居旗舰店", "买家不想买了" if o["status"] == "交易关闭" else "", "0", "0元", "", "手机订单", money(o["ref"])])
    write_text("taobao_order_report_gbk.csv", csv_text(rows), encoding="gbk")
    rev = [o for o in orders if o["status"] in ("交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货")]
    add("taobao_order_report_gbk.csv", "淘宝/天猫 卖家中心 订单报表 ExportOrderList (CSV, GBK)",
        "https://www.qeasy.cloud/solution-strategy/09eba107-1688-361c-90f1-1e10471afcc2 (淘宝订单状态: 等待买家付款, 交易成功, 付款后/付款前交易关闭); 淘宝卖家中心 已卖出的宝贝 批量导出 订单报表 字段 (订单编号, 买家会员名, 买家应付货款, 买家应付邮费, 总金额, 买家实际支付金额, 订单状态, 订单创建时间, 退款金额)",
        len({o["b"] for o in rev}), sum(o["paid"] - o["ref"] for o in rev), ["encoding", "refund_subtracted"],
        not_columns={"amount": "总金额", "customer": "订单编号"},
        note="买家实际支付金额 - 退款金额 of paid statuses; 交易关闭 / 等待买家付款 carry no revenue")


# ---------------------------------------------------------------- JD
def jd():
    rng = random.Random(116)
    accts = ["jd_%s" % s for s in ["7f3a21c9", "beijing_lw", "xiaoming88", "1391234xxxx", "happy_mama", "jd_tech_buyer",
                                     "chen_2021", "wuhan_zhang", "tian_tian", "suzhou_li"]]
    orders = []
    for n in range(40):
        a = accts[n] if n < len(accts) else accts[rng.randrange(len(accts) - 1)]
        t = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        price = rng.choice([5900, 12900, 29900, 49900, 129900])
        q = rng.choice([1, 1, 2])
        disc = rng.choice([0, 0, 1000, 2000])
        ship = 0 if price * q >= 9900 else 600
        orders.append(dict(a=a, t=t, price=price, q=q, disc=disc, ship=ship, status="完成"))
    orders[len(accts) - 1]["status"] = "已取消"  # an account that only ever cancelled
    for j, i in enumerate(sorted(pick_demoted(rng, orders, "a", 8))):
        orders[i]["status"] = ["已取消", "等待出库", "等待确认收货", "已取消", "等待出库", "已取消", "完成", "等待确认收货"][j]
    orders.sort(key=lambda o: o["t"])
    header = ["订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付", "应付金额",
              "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "商家备注",
              "运费金额", "付款确认时间", "完成时间", "订单来源"]
    rows = [header]
    for n, o in enumerate(orders):
        order_amt = o["price"] * o["q"]
        payable = order_amt - o["disc"] + o["ship"]
        rows.append(["%d" % (281234567000 + n * 7331), "%d" % (100012345678 + n % 5), "小米 充电宝 20000mAh", o["q"], "在线支付",
                     o["t"].strftime("%Y-%m-%d %H:%M:%S"), money(o["price"]), money(order_amt), money(order_amt - o["disc"]), "0.00",
                     money(payable), o["status"], "普通订单", o["a"], "李**", "北京朝阳区****", "138****0000", "", "电子普通发票",
                     "个人", "", money(o["ship"]), "" if o["status"] == "已取消" else (o["t"] + dt.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S"),
                     (o["t"] + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S") if o["status"] == "完成" else "", "移动端"])
    write_text("jd_pop_orders_export.csv", csv_text(rows), bom=True)
    rev = [o for o in orders if o["status"] != "已取消"]
    add("jd_pop_orders_export.csv", "京东 商家后台 (POP) 订单查询 导出",
        "https://m.maijia.com/labels/82631.htm (京东订单号); 京东商家后台 订单导出 字段 (订单号, 订购数量, 下单时间, 京东价, 订单金额, 结算金额, 应付金额, 订单状态, 下单帐号, 运费金额)",
        len({o["a"] for o in rev}), sum(o["price"] * o["q"] - o["disc"] + o["ship"] for o in rev), ["status_excluded"],
        not_columns={"amount": "京东价"}, note="应付金额 (payable: goods - discount + freight); 已取消 dropped; one account only cancelled")


# ---------------------------------------------------------------- Youzan
def youzan():
    rng = random.Random(117)
    phones = ["1381234%04d" % (5000 + i * 37) for i in range(11)]
    orders = []
    for n in range(44):
        ph = phones[n] if n < len(phones) else phones[rng.randrange(len(phones))]
        t = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        goods = rng.choice([1990, 4800, 6800, 9900, 15800])
        freight = rng.choice([0, 800])
        disc = rng.choice([0, 0, 500])
        orders.append(dict(ph=ph, t=t, goods=goods, freight=freight, disc=disc, status="交易成功", paid=goods + freight - disc, ref=0))
    for j, i in enumerate(sorted(pick_demoted(rng, orders, "ph", 10))):
        k = ["已发货", "待发货", "已关闭", "待付款", "交易成功", "交易成功", "已发货", "已关闭", "待付款", "交易成功"][j]
        o = orders[i]
        o["status"] = k
        if k in ("已关闭", "待付款"):
            o["paid"] = 0
        elif k == "交易成功":
            o["ref"] = o["goods"] // 2
    orders.sort(key=lambda o: o["t"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单列表"
    ws.append(["订单号", "订单状态", "订单创建时间", "买家付款时间", "买家手机号", "收货人/提货人", "收货人手机号/提货人手机号", "商品种类数",
               "商品总件数", "商品金额合计", "运费", "店铺优惠合计", "订单实付金额", "已退款金额", "支付方式", "买家备注"])
    for n, o in enumerate(orders):
        ws.append(["E2024%014d" % (n * 104729), o["status"], o["t"].strftime("%Y-%m-%d %H:%M:%S"),
                   "" if o["paid"] == 0 else (o["t"] + dt.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S"), o["ph"], "周**",
                   o["ph"], 1, 1, o["goods"] / 100, o["freight"] / 100, o["disc"] / 100, o["paid"] / 100, o["ref"] / 100,
                   "微信支付", ""])
    save_workbook(wb, "youzan_orders_export.xlsx")
    rev = [o for o in orders if o["status"] in ("交易成功", "已发货", "待发货")]
    add("youzan_orders_export.xlsx", "有赞 微商城 订单 批量导出 (xlsx)",
        "有赞 订单导出 报表字段 (订单号, 订单状态, 订单创建时间, 买家付款时间, 商品金额合计, 运费, 订单实付金额, 已退款金额); https://qeasy.cloud/solution-strategy/d3518eba-68bf-3860-9cec-bd39ec89ecda (电商订单字段: 原始单号, 平台状态, 下单时间, 支付时间, 已付)",
        len({o["ph"] for o in rev}), sum(o["paid"] - o["ref"] for o in rev), ["refund_subtracted"],
        not_columns={"amount": "商品金额合计"}, note="订单实付金额 - 已退款金额; dates are text as Youzan writes them")


# ---------------------------------------------------------------- hand-made Excel
def handmade():
    rng = random.Random(118)
    custs = [("KH%03d" % (i + 1), n) for i, n in enumerate(CN_COMPANIES[:10])]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年销售"
    ws.append(["2024年度客户销售明细表"])
    ws.merge_cells("A1:J1")
    ws.append(["单位：元", None, None, None, None, None, None, "制表日期：", dt.date(2025, 1, 5)])
    ws.append(["序号", "日期", "客户编号", "客户名称", "产品", "数量", "单价", "金额", "业务员", "备注"])
    seq = 0
    grand = 0
    seen = set()
    for m in range(1, 13):
        k = rng.randrange(2, 6)
        sub = 0
        for _ in range(k):
            c = custs[seq] if seq < len(custs) else custs[rng.randrange(len(custs))]
            seen.add(c[0])
            p = CN_PRODUCTS[rng.randrange(len(CN_PRODUCTS))]
            q = rng.randrange(1, 30)
            d = dt.date(2024, m, rng.randrange(1, 29))
            seq += 1
            ws.append([seq, d, c[0], c[1], p[1], q, p[4] / 100, p[4] * q / 100, "张伟", ""])
            ws.cell(ws.max_row, 2).number_format = "yyyy/m/d"
            sub += p[4] * q
        ws.append(["%d月小计" % m, None, None, None, None, None, None, sub / 100])
        grand += sub
    ws.append(["合计", None, None, None, None, None, None, grand / 100])
    save_workbook(wb, "handmade_2024_customer_sales.xlsx")
    add("handmade_2024_customer_sales.xlsx", "Hand-made Excel sheet (title row, 月小计 and 合计 rows)",
        "Common 销售明细表 template: merged title row, 单位 row, header on row 3, 小计 per month, 合计 at the end",
        len(seen), grand, ["header_row", "totals_excluded"])


def pivot_first():
    rng = random.Random(119)
    names = ["华东机电", "中科信达", "恒信贸易", "宏图电子", "星河纺织", "金陵化工", "蜀光医疗", "长江物流", "精工模具"]
    data = []
    for n in range(70):
        c = names[n] if n < len(names) else names[rng.randrange(len(names))]
        data.append((days(rng, *D2024), c, rng.choice(["法兰", "阀门", "管材", "电机"]), rng.randrange(500, 90000) * 10))
    data.sort()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "透视表"
    ws.append(["年份", "(全部)"])
    ws.append([])
    ws.append(["行标签", "求和项:金额"])
    sums = {}
    for d, c, p, a in data:
        sums[c] = sums.get(c, 0) + a
    for c in sorted(sums):
        ws.append([c, sums[c] / 100])
    ws.append(["总计", sum(sums.values()) / 100])
    ws2 = wb.create_sheet("销售明细")
    ws2.append(["日期", "客户", "产品", "金额"])
    for d, c, p, a in data:
        ws2.append([d, c, p, a / 100])
        ws2.cell(ws2.max_row, 1).number_format = "yyyy-mm-dd"
    save_workbook(wb, "pivot_first_workbook.xlsx")
    add("pivot_first_workbook.xlsx", "Excel workbook whose first sheet is a pivot table (行标签 / 求和项:金额), data on sheet 2",
        "Excel PivotTable default captions 行标签, 求和项:金额, 总计 (zh-CN Excel)",
        len(sums), sum(sums.values()), ["sheet", "name_as_key"])


# ---------------------------------------------------------------- simple Chinese tables
def wanyuan():
    rng = random.Random(120)
    custs = [("HT-%02d" % (i + 1), n) for i, n in enumerate(CN_COMPANIES[3:12])]
    rows = [["签约日期", "客户编号", "客户名称", "合同金额(万元)", "负责人"]]
    total = 0
    seen = set()
    for n in range(28):
        c = custs[n] if n < len(custs) else custs[rng.randrange(len(custs))]
        v = rng.randrange(5, 3000)  # in units of 0.01 万元 = 100 元
        rows.append([days(rng, *D2024).strftime("%Y/%m/%d"), c[0], c[1], "%d.%02d" % (v // 100, v % 100) if v % 100 else "%d" % (v // 100), "孙丽"])
        total += v * 100 * 100  # 0.01 万元 = 100 元 = 10000 cents
        seen.add(c[0])
    write_text("contracts_wanyuan.csv", csv_text(rows), bom=True)
    add("contracts_wanyuan.csv", "Contract register with amounts in 万元 (ten-thousand yuan)",
        "合同台账 with 合同金额(万元) header: amount unit 万元 = 10,000 元",
        len(seen), total, ["unit"], note="every amount x 10000")


def name_only():
    rng = random.Random(121)
    names = [n.replace("有限公司", "") for n in CN_COMPANIES[:10]]
    rows = [["日期", "客户名称", "金额"]]
    total = 0
    for n in range(40):
        c = names[n] if n < len(names) else names[rng.randrange(len(names))]
        v = rng.randrange(1000, 500000) * 10
        rows.append([days(rng, *D2024).isoformat(), c, money(v)])
        total += v
    write_text("name_only_sales.csv", csv_text(rows))
    add("name_only_sales.csv", "Three-column sales log (日期, 客户名称, 金额)", "Minimal hand-kept ledger", len(names), total, ["name_as_key"])


def qty_price():
    rng = random.Random(122)
    custs = [("KH%03d" % (i + 1), n) for i, n in enumerate(CN_COMPANIES[4:13])]
    rows = [["日期", "客户编号", "客户名称", "产品名称", "数量", "单价"]]
    total = 0
    seen = set()
    for n in range(45):
        c = custs[n] if n < len(custs) else custs[rng.randrange(len(custs))]
        p = CN_PRODUCTS[rng.randrange(len(CN_PRODUCTS))]
        q = rng.randrange(1, 25)
        if n > 20 and n % 13 == 0:
            q = -rng.randrange(1, 3)  # a return
        rows.append([days(rng, *D2024).isoformat(), c[0], c[1], p[1], q, money(p[4])])
        total += q * p[4]
        seen.add(c[0])
    write_text("quantity_price_only.csv", csv_text(rows))
    add("quantity_price_only.csv", "Sales lines without an amount column (数量, 单价)", "进销存 出库明细 with 数量 and 单价 only",
        len(seen), total, ["quantity_times_price"], note="amount = 数量 x 单价; returns have negative 数量")


def dup_amount():
    rng = random.Random(123)
    custs = [("C%03d" % (i + 1), n) for i, n in enumerate(CN_COMPANIES[:8])]
    rows = [["单据日期", "客户编码", "客户名称", "币种", "金额", "汇率", "金额"]]
    for n in range(24):
        c = custs[n % 8]
        usd = rng.randrange(1000, 80000) * 100
        rate = 7.1 + (n % 5) * 0.02
        rows.append([days(rng, *D2024).isoformat(), c[0], c[1], "USD", money(usd), "%.4f" % rate, money(round(usd * rate))])
    write_text("duplicate_amount_header.csv", csv_text(rows))
    add("duplicate_amount_header.csv", "ERP receivables export with 金额 twice (原币 and 本位币, headers collapsed)",
        "用友/金蝶 list exports with 原币金额 and 本位币金额 whose captions both read 金额 after 引出",
        None, None, [], ask={"contains": ["--map", "金额"]},
        note="two 金额 columns with different values: only the user knows which currency is wanted")


def dup_note():
    rng = random.Random(124)
    custs = [("C%03d" % (i + 1), n) for i, n in enumerate(CN_COMPANIES[5:14])]
    rows = [["日期", "客户编码", "客户名称", "备注", "销售额", "备注"]]
    total = 0
    for n in range(30):
        c = custs[n % 9]
        v = rng.randrange(2000, 300000) * 10
        rows.append([days(rng, *D2024).isoformat(), c[0], c[1], "月结" if n % 2 else "", money(v), "已开票" if n % 3 else ""])
        total += v
    write_text("duplicate_note_header.csv", csv_text(rows))
    add("duplicate_note_header.csv", "Sales list with 备注 twice (header duplicated outside the roles)",
        "Excel-kept list with two remark columns", 9, total, ["duplicate_header"])


def settlement():
    rng = random.Random(125)
    names = [n.replace("有限公司", "") for n in CN_COMPANIES[2:11]]
    rows = [["日期", "客户名称", "金额", "结算方式"]]
    total = 0
    for n in range(36):
        c = names[n] if n < len(names) else names[rng.randrange(len(names))]
        v = rng.randrange(100, 200000) * 100
        rows.append([days(rng, *D2024).isoformat(), c, money(v), ["现金", "转账", "承兑汇票", "微信"][n % 4]])
        total += v
    write_text("settlement_method.csv", csv_text(rows))
    add("settlement_method.csv", "Sales log with 结算方式 (settlement method) column", "Hand-kept 销售台账: 日期, 客户名称, 金额, 结算方式",
        len(names), total, ["name_as_key"], not_columns={"customer": "结算方式"})


# ---------------------------------------------------------------- European / US formats
def european():
    rng = random.Random(126)
    custs = [("10%03d" % (i * 7 + 1), n) for i, n in enumerate(["Müller GmbH", "Société Générale", "Bäckerei Öztürk", "Façade Créations SARL",
                                                                 "Grünwald & Söhne KG", "Høyer Ærø ApS", "Straße Logistik AG",
                                                                 "Crème Brûlée Café", "Zoë Dupré Conseil"])]
    rows = [["Kundennr.", "Kundenname", "Rechnungsnr.", "Rechnungsdatum", "Nettobetrag", "Währung"]]
    total = 0
    for n in range(40):
        c = custs[n] if n < len(custs) else custs[rng.randrange(len(custs))]
        d = days(rng, *D2024)
        kind = n % 5
        if kind == 0:
            v = rng.randrange(2, 40) * 500 * 100  # whole thousands: written 12.500
            txt = "{:,}".format(v // 100).replace(",", ".")
        else:
            v = rng.randrange(5000, 900000)
            txt = money_thousands(v, thou=".", dec=",")
        if n > 15 and n % 11 == 0:
            v = -v
            txt = "-" + txt
        rows.append([c[0], c[1], "RE-2024-%04d" % (n + 1), d.strftime("%d.%m.%Y"), txt, "EUR"])
        total += v
    write_text("european_invoices_1252.csv", csv_text(rows, delimiter=";"), encoding="cp1252")
    add("european_invoices_1252.csv", "European accounting export (semicolon, decimal comma, Windows-1252)",
        "Excel 'CSV (Trennzeichen-getrennt)' on a German Windows: ';' separator, ',' decimal, '.' thousands, Windows-1252",
        len(custs), total, ["encoding", "decimal_comma"],
        note="'12.500' is twelve thousand five hundred in a file of '1.234,56' values")


def us_accounting():
    rng = random.Random(127)
    names = ["Blue Ridge Outfitters", "Cedar & Pine LLC", "Delta Dental Group", "Evergreen Realty", "Fox Valley Farms",
             "Granite State Brewing", "Harbor Freight Co-op", "Iron Horse Saloon", "Juniper Yoga Studio", "Keystone Plumbing"]
    rows = [["Customer", "Invoice Date", "Invoice #", "Terms", "Amount"]]
    total = 0
    for n in range(42):
        c = names[n] if n < len(names) else names[rng.randrange(len(names))]
        d = dt.datetime.combine(days(rng, *D2024), dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        ds = "%d/%d/%d %d:%02d:%02d %s" % (d.month, d.day, d.year, (d.hour % 12) or 12, d.minute, d.second, "AM" if d.hour < 12 else "PM")
        r = n % 9
        if r == 4:
            v = -rng.randrange(2000, 30000)
            s = " $(%s) " % money_thousands(-v)
        elif r == 7:
            v = 0
            s = " $-   "
        else:
            v = rng.randrange(5000, 900000)
            s = "$%s" % money_thousands(v)
        rows.append([c, ds, "%d" % (5100 + n), "Net 30", s])
        total += v
    write_text("us_accounting_format.csv", csv_text(rows))
    add("us_accounting_format.csv", "US invoice register saved from Excel (Accounting number format)",
        "Excel Accounting format: '$1,234.56', negatives '$(120.00)', zero '$-'; US dates 'M/D/YYYY h:mm:ss AM/PM'",
        len(names), total, ["name_as_key"], note="$(x) is negative, $- is zero")


def net_sales():
    rng = random.Random(128)
    names = ["Atlas Hardware", "Beacon Pharmacy", "Copper Kettle", "Driftwood Marine", "Elm Street Books",
             "Fairway Golf Supply", "Golden Gate Bakery", "Highland Dairy", "Inland Tile"]
    rows = [["Customer Name", "Invoice Date", "Product", "Qty", "Unit Price", "Net Sales"]]
    total = 0
    for n in range(40):
        c = names[n] if n < len(names) else names[rng.randrange(len(names))]
        q = rng.randrange(1, 40)
        price = rng.choice([1250, 4999, 8900, 15000])
        disc = rng.choice([0, 5, 10, 15])
        net = round(q * price * (100 - disc) / 100)
        rows.append([c, days(rng, *D2024).strftime("%m/%d/%Y"), ["Widget A", "Widget B", "Gizmo", "Service Hour"][n % 4], q, money(price), money(net)])
        total += net
    write_text("customer_product_net_sales.csv", csv_text(rows))
    add("customer_product_net_sales.csv", "Sales by customer and product (Customer Name, Qty, Unit Price, Net Sales)",
        "Typical BI / ERP 'Sales by Customer and Item' export: Net Sales after line discounts",
        len(names), total, ["name_as_key"], forbid=["quantity_times_price"], note="Net Sales is the amount (Qty x Unit Price is before discount)")


def status_file():
    rng = random.Random(129)
    ids = ["C%05d" % (10000 + i * 13) for i in range(12)]
    rows = [["customer_id", "date", "amount", "status"]]
    paid_c = set()
    total = 0
    for n in range(50):
        c = ids[n] if n < 10 else ids[rng.randrange(10)]
        v = rng.randrange(1000, 60000)
        st = "Failed" if (n >= 10 and n % 6 == 0) else "Paid"
        rows.append([c, days(rng, *D2024).isoformat(), money(v), st])
        if st == "Paid":
            paid_c.add(c)
            total += v
    for c in ids[10:]:
        rows.append([c, days(rng, *D2024).isoformat(), money(rng.randrange(1000, 60000)), "Failed"])
    write_text("payments_with_status.csv", csv_text(rows, lineterminator="\n"))
    add("payments_with_status.csv", "Billing system payments export (customer_id, date, amount, status)", "Generic payments table: Paid / Failed",
        len(paid_c), total, ["status_excluded"], note="two customers only ever Failed")


def insurance():
    rng = random.Random(130)
    custs = ["CU-%04d" % (301 + i * 3) for i in range(10)]
    rows = [["Order ID", "Order Date", "Customer ID", "Ship To Name", "Order Amount", "Insurance Amount", "Shipping Amount", "Carrier"]]
    total = 0
    for n in range(38):
        c = custs[n] if n < 10 else custs[rng.randrange(10)]
        v = rng.randrange(2000, 90000)
        rows.append(["SO-%05d" % (n + 10), days(rng, *D2024).isoformat(), c, "Receiver %d" % n, money(v), "0.00", money(rng.choice([0, 795, 1250])), "UPS"])
        total += v
    write_text("orders_insurance_amount.csv", csv_text(rows))
    add("orders_insurance_amount.csv", "Shipping-platform order export with an all-zero Insurance Amount", "ShipStation-style order export (Order Amount, Insurance Amount, Shipping Amount)",
        10, total, [], not_columns={"amount": "Insurance Amount"})


def shipping_method():
    rng = random.Random(131)
    emails = ["buyer%02d@shop.example" % i for i in range(11)]
    rows = [["Order Number", "Order Date", "Customer Email", "Shipping Method", "Order Total", "Payment Method"]]
    total = 0
    for n in range(36):
        c = emails[n] if n < 11 else emails[rng.randrange(11)]
        v = rng.randrange(1500, 45000)
        rows.append(["#%d" % (2001 + n), days(rng, *D2024).isoformat(), c, ["Standard Shipping", "Express (1-2 days)", "Local Pickup", "Free Shipping"][n % 4], money(v), "Credit Card"])
        total += v
    write_text("orders_shipping_method.csv", csv_text(rows))
    add("orders_shipping_method.csv", "Shop order export with a Shipping Method column", "Generic storefront order export (Order Total, Shipping Method)",
        11, total, [], not_columns={"margin": "Shipping Method", "customer": "Shipping Method"})


def xero_ambiguous():
    rng = random.Random(132)
    clients = [("Kiwi Design Studio", "hello@kiwidesign.example"), ("Tui Accounting", "admin@tui.example"),
               ("Rata Builders", "office@rata.example"), ("Pohutukawa Dental", "reception@pd.example"),
               ("Kauri Legal", "billing@kauri.example")]
    rows = [["ContactName", "EmailAddress", "InvoiceNumber", "Reference", "InvoiceDate", "Total", "TaxTotal", "Currency", "Status"]]
    n = 0
    for m in range(1, 13):
        for c in clients:
            n += 1
            total = rng.choice([115000, 230000, 345000])
            rows.append([c[0], c[1], "INV-%04d" % n, "Monthly retainer", "01/%02d/2024" % m, money(total), money(total * 3 // 23), "NZD", "PAID"])
    write_text("xero_monthly_invoices_ambiguous_dates.csv", csv_text(rows))
    add("xero_monthly_invoices_ambiguous_dates.csv", "Xero sales invoices export (monthly retainers billed on the 1st)",
        "Xero Invoices export columns ContactName, EmailAddress, InvoiceNumber, Reference, InvoiceDate, Total, TaxTotal, Currency, Status; NZ/UK dates dd/mm/yyyy",
        None, None, [], ask={"contains": ["--date-order"]},
        note="every InvoiceDate is 01/MM/2024: day-first and month-first both read; only the user knows")


WHAT = {
    "shopify_orders_export.csv": "one row per line item, order fields on the first row only; Financial Status paid/partially_refunded/refunded vs voided/pending; Total - Refunded Amount; `2024-03-05 14:22:10 +0800` dates",
    "woocommerce_orders_export.csv": "status completed/processing/refunded vs cancelled/failed/on-hold/pending; order_total - refunded_total; shipping_method is not the margin",
    "stripe_unified_payments.csv": "Status Paid/Refunded/Failed (two customers only failed); Amount - Amount Refunded; Customer ID, not Customer Description",
    "paypal_activity_download.csv": "General Withdrawal and Pending rows dropped; Payment Refund rows negative and From the merchant; Gross, not Net/Balance; all-zero Insurance Amount; M/D/YYYY",
    "salesforce_opportunities_report.csv": "only Closed Won; Expected Revenue is not the amount; Copyright / Confidential / Generated By footer",
    "salesforce_account_close_amount_stage.csv": "`Account Name,Close Date,Amount,Stage`: Stage is not the customer; only Closed Won",
    "hubspot_deals_export.csv": "Deal Stage internal values, only closedwon; Associated Company is the customer, not Deal Name",
    "quickbooks_sales_by_customer_detail.xlsx": "title rows, customer group row above its lines (fill down), `Total for X`, TOTAL, basis footer; Balance is a running total; real date cells",
    "quickbooks_sales_by_customer_detail.csv": "the same layout as CSV",
    "kingdee_sales_outbound_list.xlsx": "title rows, 合计 row, 销售金额 not 成本, 红字 (negative) lines, 购货单位 names as the key",
    "kingdee_sales_outbound_gbk.csv": "the same as a GBK CSV",
    "yonyou_u8_sales_orders_gbk.csv": "GBK, title and 记录总数 rows, 合计 row; 价税合计 not 税额; 客户编码 the key",
    "sap_vf05_billing_list.txt": "tab-separated, `05.03.2024`, `1.234,56`, credit memos with SAP's trailing minus `1.234,56-`; Tax amount is not the amount",
    "sap_alv_billing_documents.xlsx": "real cells; S1 cancellation and G2 credit memo negative; Sold-To Party id, not its name",
    "taobao_order_report_gbk.csv": "GBK; 买家实际支付金额 - 退款金额; 交易关闭 / 等待买家付款 carry nothing; the masked 支付宝账号 is not the key",
    "jd_pop_orders_export.csv": "应付金额 (not 京东价 / 订单金额 / 结算金额); 已取消 dropped, one account only cancelled",
    "youzan_orders_export.xlsx": "订单实付金额 - 已退款金额; 已关闭 / 待付款 carry nothing; text dates as Youzan writes them",
    "handmade_2024_customer_sales.xlsx": "merged title 2024年度客户销售明细表, 单位 row, header on row 3, 月小计 rows and 合计",
    "pivot_first_workbook.xlsx": "first sheet a pivot (行标签 / 求和项:金额 / 总计), the data on sheet 2",
    "contracts_wanyuan.csv": "合同金额(万元): every amount x 10000",
    "name_only_sales.csv": "日期,客户名称,金额: the name is the key",
    "quantity_price_only.csv": "no amount column: 数量 x 单价, returns with negative 数量",
    "duplicate_amount_header.csv": "金额 twice with different values (原币 / 本位币): must ask for `--map amount=`",
    "duplicate_note_header.csv": "备注 twice outside the roles: read it, and say so",
    "settlement_method.csv": "日期,客户名称,金额,结算方式: 结算方式 is not the customer",
    "european_invoices_1252.csv": "Windows-1252 (Müller, Société Générale, Høyer Ærø), `;`, `1.234,56` and `12.500` = 12500, DD.MM.YYYY",
    "us_accounting_format.csv": "`$1,234.56`, ` $(120.00) ` negative, ` $-   ` zero, `3/5/2024 2:22:10 PM`",
    "customer_product_net_sales.csv": "Net Sales is the amount (not Qty x Unit Price); Customer Name the key",
    "payments_with_status.csv": "customer_id,date,amount,status: Failed dropped, two customers only ever failed",
    "orders_insurance_amount.csv": "an all-zero Insurance Amount beside Order Amount",
    "orders_shipping_method.csv": "Shipping Method is neither the margin nor the customer",
    "xero_monthly_invoices_ambiguous_dates.csv": "every date 01/MM/2024: day-first and month-first both read; must ask for `--date-order`",
}


def write_readme():
    out = ["# Export corpus (issue #18)", "",
           "Files modelled on what real products export, and `truth.json`: what a careful analyst reports for each -",
           "distinct customers and net revenue (revenue rows only, refunds subtracted, totals not counted, units applied),",
           "the `input.decisions` kinds the reader must report - or the question it must ask (exit 2, one stderr line).",
           "`tests/exports.rs` checks every file against it. Regenerate everything (files, truth, this README) with",
           "`python3 tests/exports/generate.py` (needs `openpyxl`); the generator is deterministic and computes the truth",
           "from the records it writes.", "",
           "| file | product | what it exercises | truth | format source |", "|---|---|---|---|---|"]
    for e in ENTRIES:
        if e["ask"]:
            truth = "ask: " + ", ".join("`%s`" % s for s in e["ask"]["contains"])
        else:
            truth = "%d customers, %.2f" % (e["customers"], e["revenue"])
        if e["decisions"]:
            truth += "; decisions " + ", ".join(e["decisions"])
        out.append("| `%s` | %s | %s | %s | %s |" % (e["file"], e["product"], WHAT[e["file"]], truth, e["source"].replace("|", "/")))
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    for f in os.listdir(HERE):
        if f not in ("generate.py", "README.md", "truth.json"):
            os.remove(os.path.join(HERE, f))
    for g in [shopify, woocommerce, stripe, paypal, salesforce, sf_minimal, hubspot, quickbooks_xlsx, quickbooks_csv,
              kingdee_xlsx, kingdee_gbk, yonyou, sap_vf05, sap_alv_xlsx, taobao, jd, youzan, handmade, pivot_first,
              wanyuan, name_only, qty_price, dup_amount, dup_note, settlement, european, us_accounting, net_sales,
              status_file, insurance, shipping_method, xero_ambiguous]:
        g()
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(ENTRIES, f, ensure_ascii=False, indent=1)
        f.write("\n")
    write_readme()
    print("%d files" % len(ENTRIES))


if __name__ == "__main__":
    main()
