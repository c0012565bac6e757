-- Statistics on the url_key expression of V23's index. PostgreSQL does not use the statistics of a partial index's
-- expression, so without these it estimated every url_key lookup at the default 0.5% of all store value rows: one
-- key ~2,800 rows of 555,000, and the import's set-based check of a batch's keys (= ANY of 200 keys) 358,000 rows,
-- for which it chose a sequential scan that parsed every row's JSON: 100-370 ms per batch, two backends at full CPU,
-- the import down from 1,800 to 600 rows/s past 400,000 products. With them a key is estimated at one row and
-- every check is an index scan. They are built by ANALYZE (autovacuum), like the table's own.
create statistics catalog_product_store_value_url_key_stats on (lower(custom_attributes ->> 'url_key'))
    from catalog_product_store_value;
