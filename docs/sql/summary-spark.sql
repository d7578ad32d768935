-- Tierlens customer summary from a transaction log, in Spark SQL.
--
-- Reads the table or view `transactions` (columns customer_id, date, amount;
-- one row per purchase or return) and writes the directory
-- 'customer_summary' with one CSV file, one row per customer, in the shape
-- Tierlens reads as a summary (docs/summary.md):
--
--   customer_id,first_purchase,last_purchase,orders,revenue
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
WITH t AS (
    -- The log's rows as Tierlens reads them.
    SELECT trim(CAST(customer_id AS STRING)) AS customer_id,
           CAST(`date` AS DATE) AS order_day,
           CAST(amount AS DECIMAL(38,6)) AS amount
    FROM transactions
),
days AS (
    -- One row per customer and day: bought is 1 when the day has a
    -- purchase (an amount >= 0), 0 when it has only returns.
    SELECT customer_id,
           order_day,
           max(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS bought,
           sum(amount) AS amount
    FROM t
    WHERE customer_id <> ''
      AND order_day IS NOT NULL
      AND amount IS NOT NULL
    GROUP BY customer_id, order_day
)
SELECT /*+ REPARTITION(1) */
       customer_id,
       coalesce(min(CASE WHEN bought = 1 THEN order_day END), min(order_day)) AS first_purchase,
       coalesce(max(CASE WHEN bought = 1 THEN order_day END), max(order_day)) AS last_purchase,
       sum(bought) AS orders,
       sum(amount) AS revenue
FROM days
GROUP BY customer_id
SORT BY customer_id;
