-- Product links (Magento's catalog_product_link): related, up-sell and cross-sell products of a product, each
-- with a position. link_type_id is Magento's: 1 related, 4 upsell, 5 crosssell (3, associated, belongs to
-- grouped products, which the catalog does not model). A product's links go with it, and so do the links to it.
create table catalog_product_link (
    product_id        bigint   not null references catalog_product (id) on delete cascade,
    link_type_id      smallint not null check (link_type_id in (1, 4, 5)),
    linked_product_id bigint   not null references catalog_product (id) on delete cascade,
    position          integer  not null default 0,
    primary key (product_id, link_type_id, linked_product_id)
);
-- Deleting a product removes the links to it: find them without a scan.
create index catalog_product_link_linked on catalog_product_link (linked_product_id);
