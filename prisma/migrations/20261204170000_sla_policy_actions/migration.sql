-- SLA policies gain a warning threshold and the actions a warning or a breach triggers. Resolution targets
-- live in the existing targets JSON (same shape as the response targets), so they need no column.
-- AlterTable
ALTER TABLE "sla_policies" ADD COLUMN     "on_breach" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "on_warning" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "warn_at_percent" INTEGER NOT NULL DEFAULT 75;

-- AddCheckConstraint (hand-written: the Prisma schema cannot express CHECK constraints)
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_warn_at_percent_range" CHECK ("warn_at_percent" BETWEEN 1 AND 99);
