-- Everything that hangs off a product: media gallery, select attributes and their options, configurable
-- options and child links, custom options, special prices and stock. Every table refers to the product by id
-- with ON DELETE CASCADE, so DELETE /V1/products/:sku removes all of it in the same statement.

-- Media gallery entries. The image bytes live here (bytea) and not on a local disk: ingest answers GETs and
-- any worker may execute the write, on different hosts, and the database is the one store they all share
-- (and it keeps the image in the same transaction as its entry).
create table catalog_product_media (
    id          bigserial    primary key,
    product_id  bigint       not null references catalog_product (id) on delete cascade,
    media_type  varchar(32)  not null default 'image',
    label       varchar(255),
    position    integer      not null default 0,
    disabled    boolean      not null default false,
    types       jsonb        not null default '[]'::jsonb,
    file        varchar(255) not null,
    mime_type   varchar(32)  not null,
    content     bytea        not null
);
create index catalog_product_media_product on catalog_product_media (product_id, position, id);

-- Product attributes created through the API (Magento's eav_attribute for entity type catalog_product).
-- Ids start above Magento's built-in ones so they never look like a core attribute.
create table catalog_attribute (
    attribute_id           serial       primary key,
    attribute_code         varchar(60)  not null,
    frontend_input         varchar(32)  not null,
    default_frontend_label varchar(255),
    is_required            boolean      not null default false,
    scope                  varchar(16)  not null default 'global',
    created_at             timestamptz  not null default now()
);
create unique index catalog_attribute_code_key on catalog_attribute (lower(attribute_code));
select setval(pg_get_serial_sequence('catalog_attribute', 'attribute_id'), 1000, false);

create table catalog_attribute_option (
    option_id    serial       primary key,
    attribute_id integer      not null references catalog_attribute (attribute_id) on delete cascade,
    label        varchar(255) not null,
    sort_order   integer      not null default 0
);
create index catalog_attribute_option_attribute on catalog_attribute_option (attribute_id, sort_order, option_id);

-- Configurable options of a configurable product (Magento's catalog_product_super_attribute); values are
-- the option ids (value_index) of the attribute the option offers.
create table catalog_product_super_attribute (
    id             serial      primary key,
    product_id     bigint      not null references catalog_product (id) on delete cascade,
    attribute_id   integer     not null references catalog_attribute (attribute_id),
    label          varchar(255),
    position       integer     not null default 0,
    is_use_default boolean     not null default false,
    value_indexes  integer[]   not null,
    unique (product_id, attribute_id)
);

-- Children of configurable products (catalog_product_super_link).
create table catalog_product_super_link (
    parent_id bigint not null references catalog_product (id) on delete cascade,
    child_id  bigint not null references catalog_product (id) on delete cascade,
    primary key (parent_id, child_id)
);
create index catalog_product_super_link_child on catalog_product_super_link (child_id);

-- Custom options (catalog_product_option); the values of selectable types are kept with their option.
create table catalog_product_option (
    option_id  serial        primary key,
    product_id bigint        not null references catalog_product (id) on delete cascade,
    title      varchar(255)  not null,
    type       varchar(32)   not null,
    is_require boolean       not null default true,
    price      numeric(20, 6),
    price_type varchar(16),
    sort_order integer       not null default 0,
    sku        varchar(64),
    max_characters integer,
    option_values jsonb      not null default '[]'::jsonb
);
create index catalog_product_option_product on catalog_product_option (product_id, sort_order, option_id);
create sequence catalog_product_option_value_id;

-- Special prices per store and period (Magento's special_price, special_from_date, special_to_date).
create table catalog_product_special_price (
    product_id bigint         not null references catalog_product (id) on delete cascade,
    store_id   integer        not null references store (store_id) on delete cascade,
    price      numeric(20, 6) not null,
    price_from timestamp,
    price_to   timestamp,
    primary key (product_id, store_id)
);

-- Inventory sources; "default" exists after migration as in Magento's MSI.
create table inventory_source (
    source_code varchar(255) primary key,
    name        varchar(255) not null,
    enabled     boolean      not null default true
);
insert into inventory_source (source_code, name, enabled) values ('default', 'Default Source', true);

create table inventory_source_item (
    product_id  bigint         not null references catalog_product (id) on delete cascade,
    source_code varchar(255)   not null references inventory_source (source_code) on delete cascade,
    quantity    numeric(12, 4) not null default 0,
    status      smallint       not null default 0 check (status in (0, 1)),
    primary key (product_id, source_code)
);
