-- Sessions of the operator console (status-service, /console). The cookie carries a random session id; only its
-- SHA-256 is stored, so a read of this table cannot be replayed as a cookie. A session names its principal and that
-- principal's ACL resources as they were at sign-in; token_revocation still applies to it (a user disabled or an
-- integration deleted after sign-in loses its sessions). Sign-out deletes the row.
create table console_session (
    id_hash    bytea       primary key,
    user_id    integer     not null,
    user_type  smallint    not null,
    username   text        not null,
    resources  text[]      not null,
    -- Every form of the session carries this token; a POST without it is refused.
    csrf_token text        not null,
    created_at timestamptz not null default clock_timestamp(),
    expires_at timestamptz not null
);

create index console_session_expires_idx on console_session (expires_at);
