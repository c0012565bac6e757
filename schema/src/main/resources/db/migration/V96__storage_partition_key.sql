-- Partitioned operation storage, step 1 of 4 (docs/partitioning.md): the partition key on the existing tables.
--
-- bulk_start_time is the start_time of the bulk a row belongs to. On the existing rows it is the constant
-- '-infinity': a constant default is stored once in the catalog, so adding the column rewrites nothing. The CHECK
-- says so, which lets step 4 attach these tables as the "legacy" partitions without scanning them; it is added NOT
-- VALID here (instant) and validated in step 2, in its own transaction, under a lock that does not block writes.
-- Code of the previous release lists its columns on insert and never names this one: it keeps working.
alter table operation add column bulk_start_time timestamptz not null default '-infinity';
alter table bulk_status_delta add column bulk_start_time timestamptz not null default '-infinity';
alter table operation add constraint operation_legacy_range check (bulk_start_time = '-infinity') not valid;
alter table bulk_status_delta add constraint bulk_status_delta_legacy_range check (bulk_start_time = '-infinity') not valid;
