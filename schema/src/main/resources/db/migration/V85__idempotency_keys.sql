-- Idempotency-Key of async and bulk submits (ingest-service, docs/guarantees.md). A client that timed out and
-- sends the same request again with the same key gets the first answer (the same bulk_uuid) and nothing is
-- stored twice. The row is inserted in the transaction that stores the bulk, so a key exists exactly when its
-- bulk does.
--
-- Keys are scoped per principal (user_type, user_id); guests cannot use them. request_hash is the SHA-256 of
-- method, path, store and the body's SHA-256: the same key with a different request is refused.
-- A row past expires_at counts as absent (it may be taken again) until the purge deletes it.
create table idempotency_key (
    user_type       smallint     not null,
    user_id         integer      not null,
    idempotency_key varchar(255) not null,
    request_hash    bytea        not null,
    bulk_uuid       uuid         not null references bulk (uuid) on delete cascade,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null,
    primary key (user_type, user_id, idempotency_key)
);

create index idempotency_key_expires_idx on idempotency_key (expires_at);
create index idempotency_key_bulk_idx on idempotency_key (bulk_uuid);
