-- How many operations of a bulk are in each status, kept by the database itself so that
-- GET /V1/bulk/:uuid/operation-status/:status answers without counting a 100,000-operation bulk row by row
-- (5-75 ms, growing with the bulk and with the dead index entries its updates leave behind).
--
-- Append-only: each statement that inserts or changes operations adds one row per (bulk, status) it moved,
-- with the signed difference; a count is the sum of its rows (about two rows per worker batch of 50, so
-- about 4,000 rows for a 100,000-operation bulk, summed from the index alone). No row is ever updated, so
-- concurrent batches of one bulk never wait on each other, and each difference commits or rolls back with
-- the change it describes. The rows go with their bulk (ON DELETE CASCADE); operations are only ever
-- deleted with their bulk, so deletes need no trigger.
create table bulk_status_delta (
    bulk_uuid uuid     not null references bulk (uuid) on delete cascade,
    status    smallint not null,
    delta     integer  not null
);
create index bulk_status_delta_idx on bulk_status_delta (bulk_uuid, status) include (delta);

create function bulk_status_delta_after_insert() returns trigger language plpgsql as $$
begin
    insert into bulk_status_delta (bulk_uuid, status, delta)
    select bulk_uuid, status, count(*) from inserted group by bulk_uuid, status;
    return null;
end $$;

create function bulk_status_delta_after_update() returns trigger language plpgsql as $$
begin
    insert into bulk_status_delta (bulk_uuid, status, delta)
    select bulk_uuid, status, sum(delta) from (
        select bulk_uuid, status, -1 as delta from before_update
        union all
        select bulk_uuid, status, 1 from after_update
    ) moved
    group by bulk_uuid, status
    having sum(delta) <> 0;
    return null;
end $$;

create trigger operation_status_counts_insert after insert on operation
    referencing new table as inserted for each statement execute function bulk_status_delta_after_insert();
create trigger operation_status_counts_update after update on operation
    referencing old table as before_update new table as after_update
    for each statement execute function bulk_status_delta_after_update();

insert into bulk_status_delta (bulk_uuid, status, delta)
select bulk_uuid, status, count(*) from operation group by bulk_uuid, status;
