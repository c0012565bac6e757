-- Partitioned operation storage, step 4 of 4 (docs/partitioning.md): operation and bulk_status_delta become tables
-- partitioned by week of bulk_start_time, so that retention drops whole partitions instead of deleting rows one by
-- one. The existing tables become their "legacy" partitions as they are (no copy: V96-V98 prepared them so that
-- nothing here reads or writes their rows); new rows go to weekly partitions.
--
-- bulk_start_time is the start_time of the row's bulk. Its default now() IS that value whenever the row is written
-- in the transaction that inserts the bulk (start_time defaults to now() too, the transaction's start): every bulk
-- and async submit, old code included. The rows written later, an import's split, are given it explicitly
-- (ImportLedger). So all rows of a bulk are in one partition, (bulk_uuid, id) stays unique inside it, and a partition
-- whose upper bound is older than the retention holds rows of expired bulks only.
--
-- Everything below changes the catalog only, under ACCESS EXCLUSIVE on both tables; it must not queue all traffic
-- behind a long transaction, so it gives up after 30 s (the service fails to start and is started again).
set local lock_timeout = '30s';

-- The triggers move to the partitioned parents: statement triggers with transition tables there see the rows of
-- every partition a statement touched, and the partitions' own would fire only for statements naming them.
drop trigger operation_status_counts_insert on operation;
drop trigger operation_status_counts_update on operation;
drop trigger webhook_bulk_finished on bulk_status_delta;
-- No foreign key to bulk any more: its ON DELETE CASCADE is what turned deleting a bulk into deleting each of its
-- rows. Rows of a deleted bulk stay, unread (every read starts from a bulk that exists), until their partition goes.
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

-- The parents, with the indexes the planner sees today (now one per partition). The primary key of a partitioned
-- table must contain the partition key; (bulk_uuid, id) is still unique because a bulk's rows share one
-- bulk_start_time.
create table operation (like operation_legacy including defaults including constraints including storage)
    partition by range (bulk_start_time);
alter table operation drop constraint operation_legacy_range;
alter table operation alter column bulk_start_time set default now();
-- The acceptance sequence belongs to the parent: owned by the legacy partition it would go when that is dropped.
alter sequence operation_accept_seq owned by operation.accepted_seq;
alter table operation add constraint operation_pkey primary key (bulk_uuid, id, bulk_start_time);
create index operation_bulk_status_id_idx on operation (bulk_uuid, status, id);
create index operation_status_idx on operation (status) where status <> 1;
create index operation_entity_open_idx on operation (entity_key, accepted_seq) where status + 0 = 4 and entity_key is not null;
create index operation_waiting_idx on operation (waits_since) where status + 0 = 4 and waits_since is not null;
-- Implied by the validated CHECK, so no scan; the legacy key of V98 becomes the partition's primary key index.
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

-- The partitions that exist. bulks_before: the latest start_time a bulk owning rows in the partition can have (a
-- weekly partition: its upper bound; the legacy ones: when this conversion ran). Owned by StoragePartitions.
create table storage_partition (
    partition_name text        primary key,
    parent         text        not null,
    lower_bound    timestamptz not null,
    upper_bound    timestamptz not null,
    bulks_before   timestamptz not null,
    -- a retention run dropping it claims it until then (a crash in between leaves it to the next run after that)
    drop_claimed_until timestamptz
);
insert into storage_partition (partition_name, parent, lower_bound, upper_bound, bulks_before) values
    ('operation_legacy', 'operation', '-infinity', '1970-01-01 00:00:00+00', now()),
    ('bulk_status_delta_legacy', 'bulk_status_delta', '-infinity', '1970-01-01 00:00:00+00', now());

-- Creates the missing weekly partitions (Monday 00:00 UTC to the next) of both tables covering [from_time,
-- until_time); returns how many it created. Idempotent, and safe when several replicas call it at once: one
-- transaction-level advisory lock serialises them. There is no default partition on purpose: rows there would make
-- every later partition creation scan it and could never be dropped by range; a missing partition makes inserts
-- fail loudly instead (the weeks-ahead gauge warns long before).
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
                insert into storage_partition (partition_name, parent, lower_bound, upper_bound, bulks_before)
                values (name, parent, week, week + interval '7 days', week + interval '7 days');
                created := created + 1;
            end if;
        end loop;
        week := week + interval '7 days';
    end loop;
    return created;
end $$;

-- The partitions retention may drop: every bulk owning a row there started before the cutoff (with an hour of margin
-- for rows an import split of the previous release wrote with now() across a bound) and none of those bulks still
-- exists (retention keeps an expired bulk that is not finished, and with it its partition).
create function storage_partitions_droppable(cutoff timestamptz) returns setof text language plpgsql as $$
declare
    p record;
    owned boolean;
begin
    for p in select * from storage_partition where upper_bound <= cutoff and bulks_before + interval '1 hour' <= cutoff
             order by upper_bound, partition_name loop
        execute format('select exists (select 1 from bulk b where b.start_time < $1'
                       ' and exists (select 1 from %I r where r.bulk_uuid = b.uuid))', p.partition_name)
            into owned using p.bulks_before + interval '1 hour';
        if not owned then
            return next p.partition_name;
        end if;
    end loop;
end $$;

-- This week and the next two; and, for an import split still running across the upgrade (it now writes its bulk's
-- start time), the weeks back to the oldest such bulk.
select storage_partitions_ensure(
    least(now(), coalesce((select min(b.start_time) from bulk b join import_job j on j.bulk_uuid = b.uuid
                           where j.state in ('queued', 'splitting')), now())),
    now() + interval '3 weeks');
