-- Bulks and their operations: the durable record of every accepted async/bulk request.
-- Rows are written in one transaction by ingest-service *before* any message is published,
-- so the database, not the broker, is the source of truth for what was accepted.

create table bulk (
    uuid                uuid         primary key,
    user_id             integer,
    user_type           smallint     not null,
    description         varchar(255) not null,
    operation_count     integer      not null check (operation_count > 0),
    start_time          timestamptz  not null default now(),
    -- Set once the broker confirmed every message of the bulk; until then the relay owns re-publishing.
    published_at        timestamptz,
    -- Whoever publishes holds this lease; the relay only takes bulks whose lease has run out.
    publish_lease_until timestamptz  not null,
    -- Bumped whenever operations are re-opened (retry): a publisher that read an older epoch
    -- must not mark the bulk published, because it did not publish the re-opened operations.
    publish_epoch       integer      not null default 0,
    acknowledged_at     timestamptz
);

create index bulk_unpublished_idx on bulk (publish_lease_until) where published_at is null;
create index bulk_owner_idx on bulk (user_type, user_id);

create table operation (
    bulk_uuid              uuid        not null references bulk (uuid) on delete cascade,
    -- Index of the item in the request: also the id every status response reports.
    id                     integer     not null,
    topic_name             varchar(255) not null,
    serialized_data        text        not null,
    -- Store scope of the request, carried to the worker so it applies exactly that scope.
    store_id               integer     not null,
    store_scope            varchar(16) not null check (store_scope in ('implicit', 'all', 'store')),
    -- 1 complete, 2 retriably failed, 3 not retriably failed, 4 open, 5 rejected
    status                 smallint    not null default 4 check (status between 1 and 5),
    error_code             integer,
    result_message         text,
    result_serialized_data text,
    started_at             timestamptz,
    finished_at            timestamptz,
    attempts               integer     not null default 0,
    primary key (bulk_uuid, id)
);

create index operation_bulk_status_idx on operation (bulk_uuid, status);
create index operation_status_idx on operation (status) where status <> 1;
