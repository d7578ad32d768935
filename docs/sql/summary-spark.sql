-- Tierlens customer summary from a transaction log, in Spark SQL.
--
-- Reads the table or view `transactions` (columns customer_id, date, amount;
-- one row per purchase or return) and writes the directory
-- 'customer_summary' with one CSV file, one row per customer, in the shape
-- Tierlens reads as a summary (docs/summary.md):
--
--   customer_id,first_purchase,last_purchase,orders,revenue,repeat_revenue,
--   previous_purchase,as_of,calibration_end,orders_cal,last_purchase_cal,
--   repeat_revenue_cal,orders_holdout,window_days,revenue_recent,
--   revenue_previous,revenue_last_year,active_periods
--
-- The parameters are the three constants in the `settings` CTE at the top of
-- the query (below the comments), as in summary-duckdb.sql:
--   as_of            NULL: the log's latest date; or DATE '1998-06-30'
--   calibration_end  NULL: as_of (no holdout); or DATE '1997-09-30'
--   window_days      the customer types' trend window in days, default 180
-- Edit them in the file (or with sed, as docs/summary.md shows). They are
-- plain SQL constants, not ${...} variables, so the same text runs with
-- spark-sql -f and with spark.sql(text) from PySpark or Scala, on Spark 3
-- and 4, with no variable substitution to configure.
--
-- The same query as docs/sql/summary-duckdb.sql (keep them alike); see that
-- file for what each column means. In short: revenue is net (returns
-- subtracted); orders counts purchase days (days with an amount >= 0, not
-- rows); first_purchase and last_purchase are the first and last purchase
-- day (the first and last row's day for a customer with only returns);
-- dates are written YYYY-MM-DD.
--
-- `transactions` from a CSV file, every column read as text (keep
-- customer_id text: as a number, 00042 would become 42):
--
--   CREATE OR REPLACE TEMPORARY VIEW transactions
--   USING csv OPTIONS (path 'transactions.csv', header 'true');
--
-- Change the output path below (a directory: a local path, hdfs://, s3a://),
-- put the view above in view.sql, then run
--   spark-sql -i view.sql -f docs/sql/summary-spark.sql
-- or spark.sql(...) from PySpark or Scala with the statement below. The
-- directory then holds one part-00000-*.csv file (and a _SUCCESS marker):
-- that file is the summary. INSERT OVERWRITE replaces the directory's content.
--
-- Types: customer_id is cast to text and trimmed, the date to DATE (a string
-- with a time of day is its day; a TIMESTAMP is its day in the session time
-- zone), the amount to DECIMAL(38,6) so the sums are exact and equal to
-- DuckDB's (a scale above 6 would make Spark write zero as 0E-7). DuckDB reads
-- DECIMAL(18,6), faster there, and stops with an error at an amount of 10^12
-- or more; here such an amount would become NULL outside ANSI mode, so Spark
-- keeps 38 digits. Rows with an empty customer, date or amount are left out,
-- as Tierlens rejects them. A value that does not cast fails the query in
-- ANSI mode (Spark 4's default) and becomes NULL, so its row is left out,
-- otherwise: if unsure, compare the row count of `transactions` with the
-- count of rows whose three casts are not NULL.
--
-- Adding columns: as in summary-duckdb.sql, with Spark's names:
--   cost            CAST(cost AS DECIMAL(38,6)) AS cost in t, and sum(cost) AS cost
--                   in days and again in the last SELECT. From a profit column:
--                   CAST(amount - CAST(profit AS DECIMAL(38,6)) ...) in t, or
--                   simply amount - CAST(profit AS DECIMAL(38,6)) AS cost; from a
--                   margin (0..1): amount * (1 - CAST(margin AS DOUBLE)) AS cost.
--   industry, ...   trim(industry) AS industry in t, then in days and in the last SELECT:
--                       min_by(industry, order_day) FILTER (WHERE industry <> '') AS industry
--                   (min_by needs Spark 3.0 or later; of several values on the
--                   earliest day, any one).

INSERT OVERWRITE DIRECTORY 'customer_summary'
USING csv
OPTIONS (header 'true', dateFormat 'yyyy-MM-dd')
WITH settings AS (
    -- The parameters: edit these three constants.
    SELECT CAST(NULL AS DATE) AS as_of,            -- NULL: the log's latest date; or DATE '1998-06-30'
           CAST(NULL AS DATE) AS calibration_end,  -- NULL: as_of (no holdout); or DATE '1997-09-30'
           180 AS window_days                      -- the customer types' trend window, days
),
t AS (
    -- The log's rows as Tierlens reads them.
    SELECT trim(CAST(customer_id AS STRING)) AS customer_id,
           CAST(`date` AS DATE) AS order_day,
           CAST(amount AS DECIMAL(38,6)) AS amount
    FROM transactions
),
kept AS (
    SELECT *
    FROM t
    WHERE customer_id <> ''
      AND order_day IS NOT NULL
      AND amount IS NOT NULL
),
params AS (
    -- The parameters with their defaults filled in.
    SELECT coalesce(s.as_of, m.last_day) AS as_of,
           coalesce(s.calibration_end, s.as_of, m.last_day) AS calibration_end,
           s.window_days
    FROM settings s
    CROSS JOIN (SELECT max(order_day) AS last_day FROM kept) m
),
days AS (
    -- One row per customer and day up to as_of: bought is 1 when the day
    -- has a purchase (an amount >= 0), 0 when it has only returns.
    SELECT customer_id,
           order_day,
           max(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS bought,
           sum(amount) AS amount
    FROM kept
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
           sum(CASE WHEN bought = 1 AND order_day > date_sub(p.as_of, p.window_days)
                    THEN amount ELSE 0 END) AS revenue_recent,
           sum(CASE WHEN bought = 1 AND order_day > date_sub(p.as_of, 2 * p.window_days)
                     AND order_day <= date_sub(p.as_of, p.window_days)
                    THEN amount ELSE 0 END) AS revenue_previous,
           sum(CASE WHEN bought = 1 AND order_day > date_sub(p.as_of, 365) THEN amount ELSE 0 END) AS revenue_last_year
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
    -- The runs as text in order (Spark 3 has no ordered string_agg: sort
    -- (start, text) pairs, then join the texts).
    SELECT customer_id,
           concat_ws(',', transform(sort_array(collect_list(named_struct(
               'start', run_start,
               'text', CASE WHEN run_start = run_end THEN CAST(run_start AS STRING)
                            ELSE concat(CAST(run_start AS STRING), '-', CAST(run_end AS STRING)) END))),
               x -> x.text)) AS active_periods
    FROM islands
    GROUP BY customer_id
)
SELECT /*+ REPARTITION(1) */
       c.*, p.active_periods
FROM customers c
LEFT JOIN periods p ON p.customer_id = c.customer_id
SORT BY customer_id;
