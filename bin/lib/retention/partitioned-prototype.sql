-- PROTOTYPE of the partitioned storage of docs/partitioning.md, applied by bin/retention-bench to its private database
-- after the real migrations. It is NOT a Flyway migration: the real one splits this into steps that do not block
-- traffic (the CHECK added NOT VALID then validated, the legacy unique index built CONCURRENTLY) and a short
-- transactional part, and comes with the code changes the note lists (reads that ignore rows of deleted bulks, the
-- import split writing its bulk's start time, the partition job in status-service).
--
-- operation and bulk_status_delta become tables partitioned by week of bulk_start_time: the start_time of the bulk
-- the row belongs to. Its default now() is exactly that when the row is written in the transaction that inserts the
-- bulk (start_time's default is now() too, the transaction's start): every accepted bulk and async call, old code
-- included. Rows written later (an import's split) are given it explicitly by the new code. So all rows of a bulk are
-- in one partition, (bulk_uuid, id) stays unique inside it, and a partition whose upper bound is older than the
-- retention holds rows of expired bulks only. The existing tables become "legacy" partitions without a rewrite: their
-- rows take the constant '-infinity'.

-- The partition key on the existing rows: a constant default is stored once in the catalog (no rewrite), and the
-- CHECK lets ATTACH PARTITION skip its validation scan (the constraint implies the partition's range).
alter table operation add column bulk_start_time timestamptz not null default '-infinity';
alter table bulk_status_delta add column bulk_start_time timestamptz not null default '-infinity';
alter table operation add constraint operation_legacy_range check (bulk_start_time = '-infinity');
alter table bulk_status_delta add constraint bulk_status_delta_legacy_range check (bulk_start_time = '-infinity');
-- The partitioned primary key must contain the partition key; ATTACH adopts an equivalent unique constraint instead of
-- building an index under lock (the real migration builds it CONCURRENTLY beforehand).
create unique index operation_legacy_key on operation (bulk_uuid, id, bulk_start_time);
alter table operation add constraint operation_legacy_key unique using index operation_legacy_key;

-- Triggers move to the partitioned parents (statement triggers with transition tables see the rows of every partition).
drop trigger operation_status_counts_insert on operation;
drop trigger operation_status_counts_update on operation;
drop trigger webhook_bulk_finished on bulk_status_delta;
-- No foreign key to bulk: its ON DELETE CASCADE is what turns the deletion of a bulk into the deletion of its rows.
-- Rows of a deleted bulk stay, unread (every read starts from a bulk that exists), until their partition is dropped.
alter table operation drop constraint operation_bulk_uuid_fkey;
alter table bulk_status_delta drop constraint bulk_status_delta_bulk_uuid_fkey;

alter table operation rename to operation_legacy;
alter index operation_pkey rename to operation_legacy_pkey;
alter index operation_bulk_status_id_idx rename to operation_legacy_bulk_status_id_idx;
alter index operation_status_idx rename to operation_legacy_status_idx;
alter index operation_entity_open_idx rename to operation_legacy_entity_open_idx;
alter index operation_waiting_idx rename to operation_legacy_waiting_idx;
alter table bulk_status_delta rename to bulk_status_delta_legacy;
alter index bulk_status_delta_idx rename to bulk_status_delta_legacy_idx;

create table operation (like operation_legacy including defaults including constraints including storage)
    partition by range (bulk_start_time);
alter table operation drop constraint operation_legacy_range;
alter table operation alter column bulk_start_time set default now();
-- The acceptance sequence must belong to the parent: owned by the legacy partition it would go when that is dropped.
alter sequence operation_accept_seq owned by operation.accepted_seq;
alter table operation add constraint operation_pkey primary key (bulk_uuid, id, bulk_start_time);
create index operation_bulk_status_id_idx on operation (bulk_uuid, status, id);
create index operation_status_idx on operation (status) where status <> 1;
create index operation_entity_open_idx on operation (entity_key, accepted_seq) where status + 0 = 4 and entity_key is not null;
create index operation_waiting_idx on operation (waits_since) where status + 0 = 4 and waits_since is not null;
alter table operation attach partition operation_legacy for values from (minvalue) to ('1970-01-01 00:00:00+00');
alter table operation_legacy drop constraint operation_legacy_range;

create table bulk_status_delta (like bulk_status_delta_legacy including defaults including constraints)
    partition by range (bulk_start_time);
alter table bulk_status_delta drop constraint bulk_status_delta_legacy_range;
alter table bulk_status_delta alter column bulk_start_time set default now();
create index bulk_status_delta_idx on bulk_status_delta (bulk_uuid, status) include (delta);
alter table bulk_status_delta attach partition bulk_status_delta_legacy for values from (minvalue) to ('1970-01-01 00:00:00+00');
alter table bulk_status_delta_legacy drop constraint bulk_status_delta_legacy_range;

-- The status differences go to the partition of their operations (the same bulk_start_time).
create or replace function bulk_status_delta_after_insert() returns trigger language plpgsql as $$
begin
    insert into bulk_status_delta (bulk_uuid, status, delta, bulk_start_time)
    select bulk_uuid, status, count(*), bulk_start_time from inserted group by bulk_uuid, bulk_start_time, status;
    return null;
end $$;

create or replace function bulk_status_delta_after_update() returns trigger language plpgsql as $$
begin
    insert into bulk_status_delta (bulk_uuid, status, delta, bulk_start_time)
    select bulk_uuid, status, sum(delta), bulk_start_time from (
        select bulk_uuid, bulk_start_time, status, -1 as delta from before_update
        union all
        select bulk_uuid, bulk_start_time, status, 1 from after_update
    ) moved
    group by bulk_uuid, bulk_start_time, status
    having sum(delta) <> 0;
    return null;
end $$;

create trigger operation_status_counts_insert after insert on operation
    referencing new table as inserted for each statement execute function bulk_status_delta_after_insert();
create trigger operation_status_counts_update after update on operation
    referencing old table as before_update new table as after_update
    for each statement execute function bulk_status_delta_after_update();
create trigger webhook_bulk_finished after insert on bulk_status_delta
    referencing new table as added for each statement execute function webhook_after_status_delta();

-- The partitions that exist, with their ranges. bulks_before: the latest start_time a bulk owning rows there can have
-- (a weekly partition: its upper bound; the legacy ones: when the conversion ran).
create table storage_partition (
    partition_name text        primary key,
    parent         text        not null,
    lower_bound    timestamptz not null,
    upper_bound    timestamptz not null,
    -- the latest start_time a bulk with rows here can have (the legacy partitions: when the conversion ran)
    bulks_before   timestamptz not null
);
insert into storage_partition values ('operation_legacy', 'operation', '-infinity', '1970-01-01 00:00:00+00', now()),
                                     ('bulk_status_delta_legacy', 'bulk_status_delta', '-infinity', '1970-01-01 00:00:00+00', now());

-- Creates the missing weekly partitions (Monday 00:00 UTC) of both tables covering [from_time, until_time); returns how
-- many it created. Idempotent, and safe when several replicas call it at once (one advisory lock serialises them).
create function storage_partitions_ensure(from_time timestamptz, until_time timestamptz) returns integer
    language plpgsql as $$
declare
    week timestamptz := date_trunc('week', from_time, 'UTC');
    parent text;
    name text;
    created integer := 0;
begin
    perform pg_advisory_xact_lock(1751411043, 1);
    while week < until_time loop
        foreach parent in array array['operation', 'bulk_status_delta'] loop
            name := parent || '_p' || to_char(week at time zone 'UTC', 'YYYYMMDD');
            if not exists (select 1 from storage_partition where partition_name = name) then
                execute format('create table %I partition of %I for values from (%L) to (%L)',
                               name, parent, week, week + interval '7 days');
                insert into storage_partition values (name, parent, week, week + interval '7 days', week + interval '7 days');
                created := created + 1;
            end if;
        end loop;
        week := week + interval '7 days';
    end loop;
    return created;
end $$;

-- The partitions retention may drop: every bulk that owns a row in them started before the cutoff (with a margin for
-- rows an old import split wrote with now() across the bound) and none of those bulks still exists (expired bulks
-- that are not finished are kept by retention, and keep their partitions).
create function storage_partitions_droppable(cutoff timestamptz) returns setof text language plpgsql as $$
declare
    p record;
    owned boolean;
begin
    for p in select * from storage_partition where upper_bound <= cutoff and bulks_before + interval '1 hour' <= cutoff
             order by upper_bound loop
        execute format('select exists (select 1 from bulk b where b.start_time < $1'
                       ' and exists (select 1 from %I r where r.bulk_uuid = b.uuid))', p.partition_name)
            into owned using p.bulks_before + interval '1 hour';
        if not owned then
            return next p.partition_name;
        end if;
    end loop;
end $$;
