-- Invariant: a conversation has at most one live offer and at most one open assignment.
-- Prisma's schema language cannot express partial unique indexes, so they live only here;
-- the schema engine leaves partial indexes it does not model untouched, so no drift is reported.

-- CreateIndex
CREATE UNIQUE INDEX "offers_one_pending_per_conversation" ON "offers"("conversation_id") WHERE ("status" = 'pending');

-- CreateIndex
CREATE UNIQUE INDEX "assignments_one_open_per_conversation" ON "assignments"("conversation_id") WHERE ("ended_at" IS NULL);
