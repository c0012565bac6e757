-- The members of Magento's SourceInterface beyond code, name and enabled (contact, address, coordinates,
-- carrier links), kept as Magento's Web API sends them: POST /V1/inventory/sources stores them and
-- GET /V1/inventory/sources/:sourceCode answers them. Nothing in the catalog queries them.
alter table inventory_source add column details jsonb not null default '{}'::jsonb;
