-- Asynchronous import (docs/import.md "Start and split"): the split runs in two passes so that the rows without a store
-- code (the global rows) of every entity are written and published before any store-view row, whatever the file's order.
-- Rolling-upgrade safe: only new columns with defaults; code that does not know them keeps splitting in one pass.
--
-- split_pass: 1 writes the rows without a store code (split_position = the file row reached), 2 the store-view rows
-- (store_view_position = the file row reached). A split interrupted in either pass resumes where its pass got.
alter table import_job add column split_pass smallint not null default 1 check (split_pass in (1, 2));
alter table import_job add column store_view_position bigint not null default 0;
-- Set when pass 2 begins: the file's data row count. A store-view row's operation id is store_view_offset + row - 1
-- (a global row's stays row - 1), so ids stay unique, deterministic and in the order the passes appended them.
-- Null: every operation id is row - 1 (imports split in one pass).
alter table import_job add column store_view_offset bigint;
-- POST /V1/import/:importUuid/cancel: when the import was cancelled (its split stopped, its open operations cancelled).
alter table import_job add column cancelled_at timestamptz;
