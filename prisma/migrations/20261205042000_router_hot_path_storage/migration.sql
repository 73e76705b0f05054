-- The router's hottest statements, made cheaper for PostgreSQL (docs/performance.md, "Router intake, profiled").
-- The router mints each event id (uuidv7) once, when it numbers the event; (tenant_id, seq) is the event's key and
-- nothing reads by event id (consumers deduplicate in memory), so its unique index only cost a btree insert per event.
-- DropIndex
DROP INDEX "routing_events_event_id_key";

-- The event log's payload and a conversation's clock state are written on nearly every record and only ever read
-- whole. `json` keeps the text as sent and validates it; `jsonb` re-encoded it on every write, which measured about
-- three times the cost of the insert itself. `->>` still works on both.
-- AlterTable
ALTER TABLE "routing_events" ALTER COLUMN "payload" SET DATA TYPE JSON USING "payload"::json;

-- AlterTable
ALTER TABLE "conversations" ALTER COLUMN "sla_clocks" SET DATA TYPE JSON USING "sla_clocks"::json;
