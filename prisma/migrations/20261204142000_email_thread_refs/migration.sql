-- CreateTable
CREATE TABLE "email_thread_refs" (
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "thread_key" TEXT NOT NULL,
    "conversation_id" TEXT,
    "direction" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_thread_refs_pkey" PRIMARY KEY ("tenant_id","kind","value")
);

-- CreateIndex
CREATE INDEX "email_thread_refs_tenant_id_thread_key_created_at_idx" ON "email_thread_refs"("tenant_id", "thread_key", "created_at");

-- AddForeignKey
ALTER TABLE "email_thread_refs" ADD CONSTRAINT "email_thread_refs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only the kinds and directions the email channel writes.
ALTER TABLE "email_thread_refs" ADD CONSTRAINT "email_thread_refs_kind_check" CHECK ("kind" IN ('message-id', 'thread-index', 'token'));
ALTER TABLE "email_thread_refs" ADD CONSTRAINT "email_thread_refs_direction_check" CHECK ("direction" IS NULL OR "direction" IN ('inbound', 'outbound'));
