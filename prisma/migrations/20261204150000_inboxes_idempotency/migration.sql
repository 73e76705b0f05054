-- Inboxes become real: an address resolves to one inbox of one tenant, an inbox can be switched off, and
-- its channel secrets are kept sealed (AES-256-GCM, sealed by the application).
DROP INDEX "inboxes_tenant_id_channel_address_key";

ALTER TABLE "inboxes" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "secrets_ciphertext" TEXT;

CREATE UNIQUE INDEX "inboxes_channel_address_key" ON "inboxes"("channel", "address");

CREATE INDEX "inboxes_tenant_id_id_idx" ON "inboxes"("tenant_id", "id");

-- Conversations remember the inbox they came in through.
ALTER TABLE "conversations" ADD COLUMN "inbox_id" TEXT;

ALTER TABLE "conversations" ADD CONSTRAINT "conversations_inbox_id_fkey" FOREIGN KEY ("inbox_id") REFERENCES "inboxes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- REST ingest's Idempotency-Key: one row per tenant and key, claimed by the first request.
CREATE TABLE "idempotency_keys" (
    "tenant_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("tenant_id","key")
);

CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
