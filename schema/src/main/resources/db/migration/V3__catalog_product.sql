-- Products. Attributes that Magento scopes per store view (name, price, status, visibility and the
-- custom attributes) live in catalog_product_store_value; store_id 0 holds the global values and
-- always exists, a row for another store only overrides what it sets (NULL = inherit).

create table catalog_product (
    id               bigserial     primary key,
    sku              varchar(64)   not null,
    type_id          varchar(32)   not null,
    attribute_set_id integer       not null,
    weight           numeric(12, 4),
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now()
);

-- Magento compares SKUs case-insensitively (MySQL collation); so do we.
create unique index catalog_product_sku_key on catalog_product (lower(sku));

create table catalog_product_store_value (
    product_id        bigint        not null references catalog_product (id) on delete cascade,
    store_id          integer       not null references store (store_id) on delete cascade,
    name              varchar(255),
    price             numeric(20, 6),
    status            smallint,
    visibility        smallint,
    custom_attributes jsonb         not null default '{}'::jsonb,
    primary key (product_id, store_id)
);
