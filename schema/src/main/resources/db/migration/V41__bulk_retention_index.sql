-- Retention (status-service BulkRetention) looks for bulks by age: without this it would read every bulk.
create index bulk_start_time_idx on bulk (start_time);
