-- Partitioned operation storage, step 2 of 4: validating the CHECKs scans both tables under SHARE UPDATE EXCLUSIVE,
-- which lets reads and writes go on (V96 committed the instant part, so no stronger lock is held meanwhile).
alter table operation validate constraint operation_legacy_range;
alter table bulk_status_delta validate constraint bulk_status_delta_legacy_range;
