-- Asynchronous import (issue 15, docs/import.md): uploaded files, their bytes, and the imports started from them.
--
-- A file is stored in PostgreSQL so that every replica of every service can read it (never a pod's local disk).
-- Its bytes are split into chunks of about 1 MB written as the upload arrives, so neither the upload nor any later
-- read of the file holds more than one chunk in memory.
create table import_source (
    uuid        uuid         primary key,
    user_id     integer,
    user_type   smallint     not null,
    -- receiving (pieces still arriving), uploaded (stored and checked), invalid (stored, unusable; see errors)
    status      varchar(16)  not null check (status in ('receiving', 'uploaded', 'invalid')),
    format      varchar(8)   not null check (format in ('csv', 'ndjson', 'json')),
    filename    varchar(255),
    -- size and sha256 describe the decoded file (after gzip)
    size        bigint       not null default 0,
    sha256      char(64),
    rows        bigint       not null default 0,
    columns     jsonb        not null default '[]',
    errors      jsonb        not null default '[]',
    -- resumable upload in pieces: how many are expected and the SHA-256 of the joined file
    pieces_count integer,
    data_hash   char(64),
    created_at  timestamptz  not null default now()
);
create index import_source_owner_idx on import_source (user_type, user_id, created_at desc);

create table import_source_chunk (
    source_uuid uuid    not null references import_source (uuid) on delete cascade,
    -- for a file uploaded whole: 0; for a resumable upload: the piece number (1..pieces_count)
    piece       integer not null,
    seq         integer not null,
    data        bytea   not null,
    primary key (source_uuid, piece, seq)
);

-- One started import. Its bulk is an ordinary bulk; the operations are written by the split, chunk by chunk,
-- each chunk in the same transaction as split_position, so a split interrupted anywhere resumes from the last
-- committed chunk without losing or doubling a row. The split is leased (split_lease_until, split_owner) so
-- that one splitter at a time works on it and a lost splitter's import is taken over once its lease runs out.
create table import_job (
    uuid              uuid         primary key,
    source_uuid       uuid         not null references import_source (uuid),
    bulk_uuid         uuid         not null references bulk (uuid) on delete cascade,
    user_id           integer,
    user_type         smallint     not null,
    import_type       varchar(64)  not null,
    route             varchar(255),
    topic_name        varchar(255) not null,
    behaviour         varchar(16)  not null,
    store_id          integer      not null,
    store_scope       varchar(16)  not null,
    -- the start request's "import" object as given (format, mapping, converting rules, validation strategy)
    parameters        jsonb        not null,
    -- queued, splitting, processing (split done), failed (refused by stop-on-error or an unreadable file)
    state             varchar(16)  not null default 'queued' check (state in ('queued', 'splitting', 'processing', 'failed')),
    -- validate (stop-on-error's first pass, writes nothing) or write
    split_phase       varchar(8)   not null default 'validate' check (split_phase in ('validate', 'write')),
    -- data rows of the file already turned into operations (the next row to write is split_position + 1)
    split_position    bigint       not null default 0,
    split_lease_until timestamptz  not null default now(),
    split_owner       uuid,
    rows_total        bigint,
    rows_invalid      bigint       not null default 0,
    -- the first errors found while splitting, as [{"row", "message", "error_code"}]
    errors            jsonb        not null default '[]',
    created_at        timestamptz  not null default now(),
    split_finished_at timestamptz
);
create index import_job_owner_idx on import_job (user_type, user_id, created_at desc);
create index import_job_pending_idx on import_job (split_lease_until) where state in ('queued', 'splitting');

-- Data of a failed row replaced by PUT /V1/import/:uuid/rows/:row or a resubmit: the failed-rows download shows it.
create table import_row_override (
    import_uuid uuid   not null references import_job (uuid) on delete cascade,
    row_number  bigint not null,
    cells       jsonb  not null,
    primary key (import_uuid, row_number)
);

-- An import's bulk exists from the start; stop-on-error may refuse every row, leaving it with no operation.
alter table bulk drop constraint bulk_operation_count_check;
alter table bulk add constraint bulk_operation_count_check check (operation_count >= 0);
