-- Tierlens customer summary from a transaction log, in DuckDB.
--
-- Reads 'transactions.csv' (columns customer_id, date, amount; one row per
-- purchase or return) and writes 'customer_summary.csv', one row per
-- customer, in the shape Tierlens reads as a summary (docs/summary.md):
--
--   customer_id,first_purchase,last_purchase,orders,revenue,repeat_revenue,
--   previous_purchase,as_of,calibration_end,orders_cal,last_purchase_cal,
--   repeat_revenue_cal,orders_holdout,window_days,revenue_recent,
--   revenue_previous,revenue_last_year,active_periods
--
-- The parameters are the three constants in the `settings` CTE at the top of
-- the query (below the comments):
--   as_of            the analysis date; NULL: the log's latest date. Rows
--                    after it are left out before anything else.
--   calibration_end  the end of the CLV calibration period; NULL: as_of (no
--                    holdout: the *_cal columns equal the totals and
--                    orders_holdout is 0). Write DATE '1997-09-30' (say) for a
--                    holdout and give Tierlens the same --calibration-end.
--   window_days      the customer types' trend window in days, default 180.
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
--   A "purchase day" below is a day with an amount >= 0; its net is the sum
--   of that day's amounts (returns on it subtracted). Days with only returns
--   count in revenue alone.
--   repeat_revenue  net of the purchase days after first_purchase.
--   previous_purchase
--                   the purchase day before last_purchase (empty when
--                   orders < 2).
--   as_of, calibration_end, window_days
--                   the parameters, the same on every row.
--   orders_cal, last_purchase_cal, repeat_revenue_cal
--                   orders, last purchase day (empty when none) and
--                   repeat_revenue counting only days <= calibration_end.
--   orders_holdout  purchase days after calibration_end.
--   revenue_recent, revenue_previous, revenue_last_year
--                   net of the purchase days d with as_of - W < d <= as_of,
--                   as_of - 2W < d <= as_of - W (W = window_days) and
--                   as_of - 365 < d <= as_of.
--   active_periods  the months after the first purchase's month (offset
--                   year*12+month minus the first's; the first month is 0,
--                   left out) with a purchase day, as ranges: 1-3,5,9-12.
--                   Empty when none. Consecutive offsets are found by
--                   gaps and islands: offset - row_number() is constant on a run.
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
    WITH settings AS (
        -- The parameters: edit these three constants.
        SELECT CAST(NULL AS DATE) AS as_of,            -- NULL: the log's latest date; or DATE '1998-06-30'
               CAST(NULL AS DATE) AS calibration_end,  -- NULL: as_of (no holdout); or DATE '1997-09-30'
               180 AS window_days                      -- the customer types' trend window, days
    ),
    t AS (
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
    params AS (
        -- The parameters with their defaults filled in.
        SELECT coalesce(s.as_of, m.last_day) AS as_of,
               coalesce(s.calibration_end, s.as_of, m.last_day) AS calibration_end,
               s.window_days
        FROM settings s
        CROSS JOIN (SELECT max(order_day) AS last_day FROM t) m
    ),
    days AS (
        -- One row per customer and day up to as_of: bought is 1 when the day
        -- has a purchase (an amount >= 0), 0 when it has only returns.
        SELECT customer_id,
               order_day,
               max(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS bought,
               sum(amount) AS amount
        FROM t
        WHERE order_day <= (SELECT as_of FROM params)
        GROUP BY customer_id, order_day
    ),
    marked AS (
        -- Each day with its customer's first and last purchase day and its
        -- month offset from the first purchase's month.
        SELECT *,
               year(order_day) * 12 + month(order_day)
                   - year(first_buy) * 12 - month(first_buy) AS month_offset
        FROM (SELECT *,
                     min(CASE WHEN bought = 1 THEN order_day END) OVER (PARTITION BY customer_id) AS first_buy,
                     max(CASE WHEN bought = 1 THEN order_day END) OVER (PARTITION BY customer_id) AS last_buy
              FROM days) d
    ),
    customers AS (
        SELECT customer_id,
               coalesce(min(CASE WHEN bought = 1 THEN order_day END), min(order_day)) AS first_purchase,
               coalesce(max(CASE WHEN bought = 1 THEN order_day END), max(order_day)) AS last_purchase,
               sum(bought) AS orders,
               sum(amount) AS revenue,
               sum(CASE WHEN bought = 1 AND order_day > first_buy THEN amount ELSE 0 END) AS repeat_revenue,
               max(CASE WHEN bought = 1 AND order_day < last_buy THEN order_day END) AS previous_purchase,
               max(p.as_of) AS as_of,
               max(p.calibration_end) AS calibration_end,
               sum(CASE WHEN order_day <= p.calibration_end THEN bought ELSE 0 END) AS orders_cal,
               max(CASE WHEN bought = 1 AND order_day <= p.calibration_end THEN order_day END) AS last_purchase_cal,
               sum(CASE WHEN bought = 1 AND order_day > first_buy AND order_day <= p.calibration_end
                        THEN amount ELSE 0 END) AS repeat_revenue_cal,
               sum(CASE WHEN order_day > p.calibration_end THEN bought ELSE 0 END) AS orders_holdout,
               max(p.window_days) AS window_days,
               sum(CASE WHEN bought = 1 AND order_day > p.as_of - p.window_days
                        THEN amount ELSE 0 END) AS revenue_recent,
               sum(CASE WHEN bought = 1 AND order_day > p.as_of - 2 * p.window_days
                         AND order_day <= p.as_of - p.window_days
                        THEN amount ELSE 0 END) AS revenue_previous,
               sum(CASE WHEN bought = 1 AND order_day > p.as_of - 365 THEN amount ELSE 0 END) AS revenue_last_year
        FROM marked CROSS JOIN params p
        GROUP BY customer_id
    ),
    islands AS (
        -- Runs of consecutive month offsets (>= 1) with a purchase day.
        SELECT customer_id,
               min(month_offset) AS run_start,
               max(month_offset) AS run_end
        FROM (SELECT customer_id, month_offset,
                     month_offset - row_number() OVER (PARTITION BY customer_id ORDER BY month_offset) AS run
              FROM (SELECT DISTINCT customer_id, month_offset
                    FROM marked
                    WHERE bought = 1 AND month_offset >= 1) o) r
        GROUP BY customer_id, run
    ),
    periods AS (
        SELECT customer_id,
               string_agg(CASE WHEN run_start = run_end THEN CAST(run_start AS VARCHAR)
                               ELSE run_start || '-' || run_end END,
                          ',' ORDER BY run_start) AS active_periods
        FROM islands
        GROUP BY customer_id
    )
    SELECT c.*, p.active_periods
    FROM customers c
    LEFT JOIN periods p USING (customer_id)
    ORDER BY customer_id
) TO 'customer_summary.csv' (HEADER, DELIMITER ',', DATEFORMAT '%Y-%m-%d');
