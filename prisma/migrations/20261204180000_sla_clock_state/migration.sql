-- Conversations keep their SLA clock state and the escalations applied in their current queue, so a router
-- that takes a tenant over rebuilds timers and routing urgency exactly; a resolved clock with a response
-- still owed is recorded as cancelled.
-- AlterEnum
ALTER TYPE "sla_event_kind" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "escalations" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "sla_clocks" JSONB;
