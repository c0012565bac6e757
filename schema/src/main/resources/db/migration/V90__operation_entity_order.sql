-- Per-entity order (issue #18, part 2): two operations on the same entity (the key the route already declares for
-- locking: product SKU, customer id, category id, CMS page id, ...) take effect in the order they were accepted,
-- across bulks, async calls, imports, workers and redeliveries. The worker executes an operation only when no
-- operation accepted earlier on the same entity is still open; otherwise it marks it waiting and the operation
-- that finishes before it hands it over (worker-service io.catalogbulk.worker.ordering).
--
-- Rolling-upgrade safe: every column is nullable and old rows keep null (entity_key null = no ordering). Old
-- ingest code inserting without entity_key still gets an accepted_seq from the default and is simply not ordered.

-- CACHE 1: every session draws from the one counter, so values follow the order operations were inserted across
-- ingest replicas (with a cache, each session would hold its own block of numbers and a later bulk could draw a
-- lower one than an earlier bulk of another replica).
create sequence operation_accept_seq cache 1;

-- entity_key:   the route's lock key of the operation ("product:24-mb01"); null = not ordered.
-- accepted_seq: acceptance order (drawn in insert order by the column default; re-drawn when a retry re-opens it).
-- waits_since:  set when a worker found an earlier open operation on the entity and left this one to be handed over.
alter table operation add column entity_key text;
alter table operation add column accepted_seq bigint;
alter table operation add column waits_since timestamptz;
-- Set apart from ADD COLUMN: a volatile default given with ADD COLUMN would rewrite the whole table; set afterwards
-- it applies to new rows only and existing rows stay null.
alter table operation alter column accepted_seq set default nextval('operation_accept_seq');
alter sequence operation_accept_seq owned by operation.accepted_seq;

-- "Is an earlier operation on this entity still open?" and "which one comes next?": only open, ordered operations.
-- The predicates are written "status + 0 = 4", and so are the queries (worker EntityOrder, WaiterSweep): a query
-- saying "status = 4" also matches operation_status_idx, and right after a large bulk was copied in, with statistics
-- still saying no operation is open, the planner took that index and walked every open operation for each entity
-- (measured: half the throughput of bulks on distinct SKUs). "status + 0 = 4" proves only these predicates.
create index operation_entity_open_idx on operation (entity_key, accepted_seq) where status + 0 = 4 and entity_key is not null;
-- The waiter sweep (hand-overs lost in a crash, waiters of cancelled predecessors): open operations left waiting.
create index operation_waiting_idx on operation (waits_since) where status + 0 = 4 and waits_since is not null;
