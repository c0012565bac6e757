-- Completion webhooks (issue #18): subscriptions, the events they are owed, and every delivery attempt.
--
-- An event is written by the database itself, in the transaction that finishes the bulk (a trigger on the
-- V60 status differences, and one on the end of an import's split), so no path that finishes a bulk (worker
-- batch, exhausted retries, cancel, a bulk of rejected items only, an import whose split ends after its last
-- operation) can forget it, and a process that dies after the commit loses nothing: status-service delivers
-- whatever is pending. With no live subscription the only cost is one probe of an (empty) index per statement.
-- Additive only: old code neither reads nor writes these tables.

create table webhook_subscription (
    id          uuid          primary key,
    -- the owner, as the bulk records it (bulk.user_type, bulk.user_id): events of its own bulks only
    user_id     integer,
    user_type   smallint      not null,
    url         varchar(2048) not null,
    events      text[]        not null,
    -- whsec_..., AES-GCM encrypted with OAUTH_SECRETS_KEY (SecretCipher); shown once, when created
    secret      text          not null,
    created_at  timestamptz   not null default now(),
    deleted_at  timestamptz
);
create index webhook_subscription_owner_idx on webhook_subscription (user_type, user_id) where deleted_at is null;

-- One event per subscription per finishing of a bulk (publish_epoch: a retried bulk that finishes again is a new
-- finishing, hence a new event; the same finishing never gives two). The event row is also its delivery state.
create table webhook_event (
    id              uuid        primary key default gen_random_uuid(),
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    bulk_uuid       uuid        not null references bulk (uuid) on delete cascade,
    publish_epoch   integer     not null,
    type            varchar(32) not null,
    -- the exact body that is signed and posted
    payload         text        not null,
    created_at      timestamptz not null default now(),
    state           varchar(16) not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- a deliverer holds the event until then; after a crash another takes it once the lease has run out
    lease_until     timestamptz,
    unique (subscription_id, bulk_uuid, publish_epoch, type)
);
create index webhook_event_due_idx on webhook_event (next_attempt_at) where state = 'pending';
create index webhook_event_bulk_idx on webhook_event (bulk_uuid);

create table webhook_attempt (
    event_id     uuid        not null references webhook_event (id) on delete cascade,
    attempted_at timestamptz not null,
    http_status  integer,
    error        text,
    duration_ms  integer     not null
);
create index webhook_attempt_event_idx on webhook_attempt (event_id, attempted_at);

-- Records the events of a bulk that may just have finished. Callers hold no lock; this takes a transaction-scoped
-- advisory lock per bulk, so that of two transactions finishing the last operations of one bulk at the same time
-- the second one to commit sees the first one's changes (each statement of a volatile function reads a fresh
-- snapshot) and records the event: without it each would see the other's operations still open, and none would.
create function webhook_record_if_finished(finished_bulk uuid, open_delta bigint, total_delta bigint)
    returns void language plpgsql as $$
declare
    c record;
    job record;
    event_type text;
    owner record;
    finished_text text := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
begin
    perform pg_advisory_xact_lock(1751411042, hashtext(finished_bulk::text));
    select coalesce(sum(delta) filter (where status = 4), 0) as open,
           coalesce(sum(delta) filter (where status = 1), 0) as complete,
           coalesce(sum(delta) filter (where status = 2), 0) as retriably_failed,
           coalesce(sum(delta) filter (where status = 3), 0) as not_retriably_failed,
           coalesce(sum(delta) filter (where status = 5), 0) as rejected,
           coalesce(sum(delta), 0) as total
      into c from bulk_status_delta where bulk_uuid = finished_bulk;
    select uuid, state, split_finished_at into job from import_job where bulk_uuid = finished_bulk;
    select user_id, user_type, publish_epoch, operation_count into owner from bulk where uuid = finished_bulk;
    if c.open <> 0 then
        return;
    end if;
    if job.uuid is not null then
        -- an import's bulk is finished when its split has ended too (the split's own trigger covers the other order)
        if job.split_finished_at is null then
            return;
        end if;
        event_type := 'import.finished';
    else
        -- every operation stored (a bulk's operations may arrive in several statements)
        if c.total = 0 or c.total < owner.operation_count then
            return;
        end if;
        event_type := 'bulk.finished';
    end if;
    -- already finished before this statement (nothing was open, and every operation was stored): not a new finishing
    if open_delta is not null
       and not (c.open - open_delta > 0 or (job.uuid is null and c.total - total_delta < owner.operation_count)) then
        return;
    end if;
    insert into webhook_event (subscription_id, bulk_uuid, publish_epoch, type, payload)
    select s.id, finished_bulk, owner.publish_epoch, event_type,
           json_build_object(
               'type', event_type,
               'timestamp', finished_text,
               'data', json_strip_nulls(json_build_object(
                   'bulk_uuid', finished_bulk,
                   'bulk_status', case when c.retriably_failed + c.not_retriably_failed + c.rejected > 0
                                         or job.state = 'failed' then 3 else 2 end,
                   'counts', json_build_object('open', c.open, 'complete', c.complete,
                                               'retriably_failed', c.retriably_failed,
                                               'not_retriably_failed', c.not_retriably_failed,
                                               'rejected', c.rejected),
                   'finished_at', finished_text,
                   'import_uuid', job.uuid)))::text
      from webhook_subscription s
     where s.deleted_at is null and s.user_type = owner.user_type and s.user_id is not distinct from owner.user_id
       and event_type = any (s.events)
    on conflict do nothing;
end $$;

-- After each statement that moved operations: the bulks it may have finished (open operations went down, or
-- operations arrived none of which is open), of owners with a live subscription, in uuid order (locks always taken
-- in one order within a statement).
create function webhook_after_status_delta() returns trigger language plpgsql as $$
declare
    moved record;
begin
    if not exists (select 1 from webhook_subscription where deleted_at is null) then
        return null;
    end if;
    for moved in
        select a.bulk_uuid, a.open_delta, a.total_delta
          from (select bulk_uuid, coalesce(sum(delta) filter (where status = 4), 0) as open_delta, sum(delta) as total_delta
                  from added group by bulk_uuid) a
          join bulk b on b.uuid = a.bulk_uuid
         where (a.open_delta < 0 or (a.open_delta = 0 and a.total_delta > 0))
           and exists (select 1 from webhook_subscription s where s.deleted_at is null
                          and s.user_type = b.user_type and s.user_id is not distinct from b.user_id)
         order by a.bulk_uuid
    loop
        perform webhook_record_if_finished(moved.bulk_uuid, moved.open_delta, moved.total_delta);
    end loop;
    return null;
end $$;

create trigger webhook_bulk_finished after insert on bulk_status_delta
    referencing new table as added for each statement execute function webhook_after_status_delta();

-- The end of an import's split: if its last operation was already done, this is when the import finished.
create function webhook_after_split_finished() returns trigger language plpgsql as $$
begin
    if exists (select 1 from webhook_subscription where deleted_at is null) then
        perform webhook_record_if_finished(new.bulk_uuid, null, null);
    end if;
    return null;
end $$;

create trigger webhook_import_finished after update of split_finished_at on import_job
    for each row when (old.split_finished_at is null and new.split_finished_at is not null)
    execute function webhook_after_split_finished();
