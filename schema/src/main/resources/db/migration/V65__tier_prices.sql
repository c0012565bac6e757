-- Tier prices (Magento's catalog_product_entity_tier_price): a price for a quantity and up, per website (0 = all
-- websites) and customer group. customer_group_id 32000 is Magento's "all groups" (ProductTierPriceInterface's
-- value for it), so one unique key covers both kinds. value_type 'fixed' stores the price in value; 'discount'
-- stores a percentage off the product's price in value (Magento's percentage_value).
create table catalog_product_tier_price (
    id                bigserial      primary key,
    product_id        bigint         not null references catalog_product (id) on delete cascade,
    website_id        integer        not null references store_website (website_id) on delete cascade,
    customer_group_id integer        not null,
    qty               numeric(12, 4) not null check (qty > 0),
    value             numeric(20, 6) not null check (value >= 0),
    value_type        varchar(8)     not null check (value_type in ('fixed', 'discount')),
    unique (product_id, website_id, customer_group_id, qty)
);
