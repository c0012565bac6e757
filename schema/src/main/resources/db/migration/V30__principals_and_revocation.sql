-- Security model (issue 5): admin users with their own ACL resources, integrations (long-lived tokens for
-- ERP connectors), sign-in lockout for admins and customers, and token revocation every service checks.

-- What an admin may do. Existing admins (the configured first administrator) keep the root resource.
alter table admin_user
    add column resources     text[]      not null default '{Magento_Backend::all}',
    -- Magento's lockout columns: failures since the last success, and until when sign-in is refused.
    add column failures_num  integer     not null default 0,
    add column lock_expires  timestamptz;

alter table customer
    add column failures_num  integer     not null default 0,
    add column lock_expires  timestamptz;

create table integration (
    id          serial       primary key,
    name        varchar(255) not null,
    resources   text[]       not null,
    is_active   boolean      not null default true,
    created_at  timestamptz  not null default now(),
    disabled_at timestamptz
);

-- Only active integrations need unique names: a deleted "erp" can be re-created.
create unique index integration_name_key on integration (lower(name)) where is_active;

-- Tokens are verified by signature alone; this is the one lookup that makes revocation immediate in every
-- service. A token of (user_type, user_id) issued before revoked_before is refused. One row per principal,
-- so the check is a primary-key probe however many tokens were issued.
create table token_revocation (
    user_type      smallint    not null,
    user_id        integer     not null,
    revoked_before timestamptz not null,
    primary key (user_type, user_id)
);
