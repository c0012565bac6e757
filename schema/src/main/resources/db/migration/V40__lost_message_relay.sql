-- Lost-message relay (ingest-service LostMessageRelay). A confirmed publish does not guarantee execution: the
-- broker can lose a non-persisted queue, a message can be dead-lettered or purged by an operator. Such an
-- operation stays open forever (Magento #28288). The relay looks at published bulks that still have open
-- operations and made no progress for a while, and publishes those operations again (harmless if the
-- original message still exists: workers execute only open operations).
--
-- lost_checked_at: when a relay last looked at (and leased) the bulk; relays in other replicas skip it until
--                  the check interval passed again.
-- settled_at:      set once a check found no open operation. A retry re-opens operations and publishes
--                  again, which moves published_at past settled_at: the bulk is then watched again without
--                  anyone having to clear this column.
alter table bulk add column lost_checked_at timestamptz;
alter table bulk add column settled_at timestamptz;

-- Only bulks that may still have open operations are in this index: the relay never reads finished bulks,
-- let alone their operations.
create index bulk_unsettled_idx on bulk (published_at)
    where published_at is not null and (settled_at is null or settled_at < published_at);
