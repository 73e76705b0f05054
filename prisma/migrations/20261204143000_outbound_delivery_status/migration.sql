-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('queued', 'sent', 'delivered', 'failed');

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "agent_id" TEXT,
ADD COLUMN     "delivery_error" TEXT,
ADD COLUMN     "delivery_status" "delivery_status",
ADD COLUMN     "delivery_status_at" TIMESTAMPTZ(3),
ADD COLUMN     "html" TEXT,
ADD COLUMN     "provider_message_id" TEXT;

-- CreateIndex
CREATE INDEX "messages_tenant_id_channel_provider_message_id_idx" ON "messages"("tenant_id", "channel", "provider_message_id");
