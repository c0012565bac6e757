-- Admin users who obtain tokens from POST /rest/V1/integration/admin/token.
-- The first admin is created at ingest-service start from configuration (never a fixed password here).

create table admin_user (
    user_id       serial       primary key,
    username      varchar(40)  not null,
    password_hash varchar(255) not null,
    is_active     boolean      not null default true,
    created_at    timestamptz  not null default now()
);

create unique index admin_user_username_key on admin_user (lower(username));
