-- Finds a product by url_key in a store without scanning every value row: the url_key uniqueness check
-- runs on each product save that sets one.
create index catalog_product_store_value_url_key
    on catalog_product_store_value ((lower(custom_attributes ->> 'url_key')), store_id)
    where custom_attributes ? 'url_key';
