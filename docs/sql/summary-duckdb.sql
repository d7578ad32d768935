-- Tierlens customer summary from a transaction log, in DuckDB.
--
-- Reads 'transactions.csv' (columns customer_id, date, amount; one row per
-- purchase or return) and writes 'customer_summary.csv', one row per
-- customer, in the shape Tierlens reads as a summary (docs/summary.md):
--
--   customer_id,first_purchase,last_purchase,orders,revenue
--
-- Change the two quoted paths in the COPY below, then run it with
--   duckdb < docs/sql/summary-duckdb.sql
--   python -c "import duckdb; duckdb.execute(open('docs/sql/summary-duckdb.sql').read())"
-- scripts/bench/summary_check.py substitutes the paths and checks the result.
-- docs/sql/summary-spark.sql is the same query in Spark SQL: keep them alike.
--
-- The columns, so that the summary gives the log's figures:
--   revenue         net revenue: every amount added, returns (negative
--                   amounts) subtracted.
--   orders          purchase days: the days with at least one amount >= 0.
--                   Purchases on the same day are one purchase and a day with
--                   only returns is none, as Tierlens counts in a log; a zero
--                   amount is a purchase. Not the number of rows.
--   first_purchase, last_purchase
--                   the first and the last purchase day; for a customer with
--                   only returns (orders 0), the first and the last row's day.
--   Dates are written YYYY-MM-DD; a date with a time of day is its day.
--
-- Reading: customer_id is read as text and trimmed (as a number, 00042 would
-- become 42, another customer to Tierlens); amounts as DECIMAL(18,6), so the
-- sums (DECIMAL(38,6)) are exact and the same on every run and in Spark. That
-- takes amounts below 10^12 a row (a larger one stops the query); write
-- DECIMAL(38,6) for more, which made DuckDB 1.5 run this 3 to 4 times slower.
-- A cell that is not a date or a number stops the query with DuckDB's error
-- (Tierlens would reject and list the row); rows with an empty customer, date
-- or amount are left out, as Tierlens rejects them. Dates must be ISO
-- (YYYY-MM-DD, a time may follow); for other layouts give read_csv
-- timestampformat = '%d/%m/%Y' (say). Amounts must be plain numbers (no
-- thousands separators, no currency signs).
--
-- Adding columns:
--   cost            add 'cost': 'DECIMAL(18,6)' to the types, cost to the
--                   SELECT of t, and sum(cost) AS cost to the SELECT of days
--                   and to the last SELECT. From a profit column instead:
--                   'profit' in the types and amount - profit AS cost in t; from
--                   a margin (0..1): amount * (1 - margin) AS cost in t. Tierlens
--                   rejects a log row with an empty cost, sum() skips it: filter
--                   such rows out in t if the log has them.
--   customer_name, industry, region, account_manager (or any per-customer
--                   column): Tierlens keeps a customer's first non-empty value
--                   in file order. The nearest in SQL is the value on the
--                   customer's earliest day (the same when the log is sorted by
--                   date; of several values on that day, any one): add
--                   trim(industry) AS industry to the SELECT of t, and
--                       arg_min(industry, order_day) FILTER (WHERE industry <> '') AS industry
--                   to the SELECT of days and to the last SELECT.

COPY (
    WITH t AS (
        -- The log's rows as Tierlens reads them.
        SELECT trim(customer_id) AS customer_id,
               CAST("date" AS DATE) AS order_day,
               amount
        FROM read_csv('transactions.csv',
                      header = true,
                      types = {'customer_id': 'VARCHAR',
                               'date': 'TIMESTAMP',
                               'amount': 'DECIMAL(18,6)'})
        WHERE trim(customer_id) <> ''
          AND "date" IS NOT NULL
          AND amount IS NOT NULL
    ),
    days AS (
        -- One row per customer and day: bought is 1 when the day has a
        -- purchase (an amount >= 0), 0 when it has only returns.
        SELECT customer_id,
               order_day,
               max(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS bought,
               sum(amount) AS amount
        FROM t
        GROUP BY customer_id, order_day
    )
    SELECT customer_id,
           coalesce(min(CASE WHEN bought = 1 THEN order_day END), min(order_day)) AS first_purchase,
           coalesce(max(CASE WHEN bought = 1 THEN order_day END), max(order_day)) AS last_purchase,
           sum(bought) AS orders,
           sum(amount) AS revenue
    FROM days
    GROUP BY customer_id
    ORDER BY customer_id
) TO 'customer_summary.csv' (HEADER, DELIMITER ',', DATEFORMAT '%Y-%m-%d');
