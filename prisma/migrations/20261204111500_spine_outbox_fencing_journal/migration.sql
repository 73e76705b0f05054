-- CreateTable
CREATE TABLE "tenant_owners" (
    "tenant_id" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL DEFAULT 0,
    "owner" TEXT NOT NULL DEFAULT '',
    "last_seq" BIGINT NOT NULL DEFAULT 0,
    "published_seq" BIGINT NOT NULL DEFAULT 0,
    "acquired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_owners_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "routing_events" (
    "tenant_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "agent_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "routing_events_pkey" PRIMARY KEY ("tenant_id","seq")
);

-- CreateTable
CREATE TABLE "bus_journal" (
    "topic" TEXT NOT NULL,
    "offset" BIGINT NOT NULL,
    "key" TEXT,
    "value" BYTEA NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bus_journal_pkey" PRIMARY KEY ("topic","offset")
);

-- CreateTable
CREATE TABLE "bus_positions" (
    "group_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "offset" BIGINT NOT NULL,

    CONSTRAINT "bus_positions_pkey" PRIMARY KEY ("group_id","topic")
);

-- CreateIndex
CREATE UNIQUE INDEX "routing_events_event_id_key" ON "routing_events"("event_id");

-- CreateIndex
CREATE INDEX "routing_events_tenant_id_agent_id_seq_idx" ON "routing_events"("tenant_id", "agent_id", "seq");

-- AddForeignKey
ALTER TABLE "tenant_owners" ADD CONSTRAINT "tenant_owners_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routing_events" ADD CONSTRAINT "routing_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

