-- CreateEnum
CREATE TYPE "webhook_outcome" AS ENUM ('accepted', 'duplicate', 'refused', 'dead-lettered');

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "inbox_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "webhook_outcome" NOT NULL,
    "reason" TEXT,
    "http_status" INTEGER NOT NULL,
    "messages" JSONB NOT NULL DEFAULT '[]',
    "statuses" JSONB NOT NULL DEFAULT '[]',
    "raw_body" TEXT NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_message_claims" (
    "tenant_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "platform_message_id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_message_claims_pkey" PRIMARY KEY ("tenant_id","channel","platform_message_id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_tenant_id_inbox_id_received_at_id_idx" ON "webhook_deliveries"("tenant_id", "inbox_id", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at");

-- CreateIndex
CREATE INDEX "webhook_message_claims_claimed_at_idx" ON "webhook_message_claims"("claimed_at");

