-- Flyway runs this after every migrate, also when nothing was pending (each service start with
-- DB_MIGRATE_AT_START): the weekly partitions of operation and bulk_status_delta exist from this week to three weeks
-- ahead even if status-service's job (StoragePartitions) has not run for a while. Skipped on a schema migrated only
-- up to an earlier version.
do $$
begin
    if to_regprocedure('storage_partitions_ensure(timestamptz, timestamptz)') is not null then
        perform storage_partitions_ensure(now(), now() + interval '3 weeks');
    end if;
end $$;
