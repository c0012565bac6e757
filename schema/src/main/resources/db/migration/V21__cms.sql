-- CMS pages and blocks. The content fields (title, content, meta data...) are store-scoped like product
-- values: store 0 holds the global values, another store's row only overrides the keys it has.
-- Identifiers are unique, case-insensitively.

create table cms_page (
    id            serial       primary key,
    identifier    varchar(100) not null,
    creation_time timestamptz  not null default now(),
    update_time   timestamptz  not null default now()
);

create unique index cms_page_identifier_key on cms_page (lower(identifier));

create table cms_page_store_value (
    page_id  integer not null references cms_page (id) on delete cascade,
    store_id integer not null references store (store_id) on delete cascade,
    fields   jsonb   not null default '{}'::jsonb,
    primary key (page_id, store_id)
);

create table cms_block (
    id            serial       primary key,
    identifier    varchar(255) not null,
    creation_time timestamptz  not null default now(),
    update_time   timestamptz  not null default now()
);

create unique index cms_block_identifier_key on cms_block (lower(identifier));

create table cms_block_store_value (
    block_id integer not null references cms_block (id) on delete cascade,
    store_id integer not null references store (store_id) on delete cascade,
    fields   jsonb   not null default '{}'::jsonb,
    primary key (block_id, store_id)
);
