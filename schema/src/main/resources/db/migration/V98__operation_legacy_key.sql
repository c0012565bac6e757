-- Partitioned operation storage, step 3 of 4: the key the partitioned primary key needs on the legacy partition,
-- (bulk_uuid, id, bulk_start_time), so that step 4's ATTACH adopts it instead of building an index under lock.
--
-- Built here it holds a SHARE lock (reads go on, writes wait) for the time of the build: nothing on a small table,
-- minutes on a large one. So on a table over 1 GB the migration refuses and says how to build it without blocking
-- writes (CONCURRENTLY cannot run inside a migration's transaction); run that, then start the services again: the
-- index is found and this step only turns it into a constraint.
do $$
begin
    if to_regclass('operation_legacy_key') is null then
        if pg_relation_size('operation') > 1024 * 1024 * 1024 then
            raise exception 'the operation table holds % of rows: build its new key without blocking writes first, then start again: CREATE UNIQUE INDEX CONCURRENTLY operation_legacy_key ON operation (bulk_uuid, id, bulk_start_time); (docs/partitioning.md, "Existing rows")',
                pg_size_pretty(pg_relation_size('operation'));
        end if;
        create unique index operation_legacy_key on operation (bulk_uuid, id, bulk_start_time);
    end if;
end $$;
alter table operation add constraint operation_legacy_key unique using index operation_legacy_key;
