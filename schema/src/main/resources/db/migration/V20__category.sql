-- Categories as Magento's tree: root 1 ("Root Catalog", level 0) and the default category 2 (level 1,
-- root of the default store group). Store-scoped values (name, is_active and the custom attributes such
-- as url_key or description) live in catalog_category_store_value like product values: store 0 holds the
-- global values, another store's row only overrides the keys it has.

create table catalog_category (
    id              serial       primary key,
    parent_id       integer      references catalog_category (id) on delete cascade,
    path            varchar(255) not null,
    level           integer      not null,
    position        integer      not null default 0,
    include_in_menu boolean      not null default true,
    available_sort_by text[],
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);

create index catalog_category_parent on catalog_category (parent_id);

create table catalog_category_store_value (
    category_id       integer not null references catalog_category (id) on delete cascade,
    store_id          integer not null references store (store_id) on delete cascade,
    fields            jsonb   not null default '{}'::jsonb,
    custom_attributes jsonb   not null default '{}'::jsonb,
    primary key (category_id, store_id)
);

-- A product in a category, with its position there (Magento's catalog_category_product).
create table catalog_category_product (
    category_id integer not null references catalog_category (id) on delete cascade,
    product_id  bigint  not null references catalog_product (id) on delete cascade,
    position    integer not null default 0,
    primary key (category_id, product_id)
);

create index catalog_category_product_product on catalog_category_product (product_id);

insert into catalog_category (id, parent_id, path, level, position) values (1, null, '1', 0, 0), (2, 1, '1/2', 1, 1);
insert into catalog_category_store_value (category_id, store_id, fields, custom_attributes) values
    (1, 0, '{"name": "Root Catalog", "is_active": true}', '{}'),
    (2, 0, '{"name": "Default Category", "is_active": true}', '{"url_key": "default-category", "display_mode": "PRODUCTS", "is_anchor": "1"}');
select setval(pg_get_serial_sequence('catalog_category', 'id'), 2);
