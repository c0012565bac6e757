-- Carts (Magento's quote) and their items. An item keeps the name, type and unit price the product had
-- in the cart's store when it was added, as Magento's quote item does.

create table quote (
    id          serial      primary key,
    store_id    integer     not null references store (store_id),
    customer_id integer     references customer (id) on delete set null,
    is_active   boolean     not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table quote_item (
    item_id      serial         primary key,
    quote_id     integer        not null references quote (id) on delete cascade,
    product_id   bigint         references catalog_product (id) on delete set null,
    sku          varchar(64)    not null,
    name         varchar(255),
    product_type varchar(32)    not null,
    price        numeric(20, 6) not null,
    qty          numeric(12, 4) not null check (qty > 0),
    created_at   timestamptz    not null default now()
);

create index quote_item_quote on quote_item (quote_id);
