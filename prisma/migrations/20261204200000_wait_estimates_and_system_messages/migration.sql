-- Outbound messages the router writes itself (auto-acknowledgement, CSAT survey) say which kind they are, and
-- each wait prediction told to a customer is kept and scored against the actual wait once answered.
-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "system_kind" TEXT;

-- CreateTable
CREATE TABLE "wait_estimates" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "queue_id" TEXT,
    "channel" TEXT NOT NULL,
    "arrived_at" TIMESTAMPTZ(3) NOT NULL,
    "made_at" TIMESTAMPTZ(3) NOT NULL,
    "predicted_ms" INTEGER,
    "basis" JSONB NOT NULL DEFAULT '{}',
    "answered_at" TIMESTAMPTZ(3),
    "actual_ms" INTEGER,
    "error_ms" INTEGER,

    CONSTRAINT "wait_estimates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wait_estimates_tenant_id_answered_at_idx" ON "wait_estimates"("tenant_id", "answered_at");

-- CreateIndex
CREATE INDEX "wait_estimates_conversation_id_idx" ON "wait_estimates"("conversation_id");

-- AddForeignKey
ALTER TABLE "wait_estimates" ADD CONSTRAINT "wait_estimates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wait_estimates" ADD CONSTRAINT "wait_estimates_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
