-- Warnings of an import (docs/import.md): for Magento's entity types, the file's columns this catalog does not model
-- (accepted and ignored). Found by the start, shown by the import's status.
alter table import_job add column warnings jsonb not null default '[]'::jsonb;
