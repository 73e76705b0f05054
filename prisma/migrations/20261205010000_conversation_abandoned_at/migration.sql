-- A conversation the customer left before any agent answered is closed as abandoned: resolved, with this set.
-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "abandoned_at" TIMESTAMPTZ(3);
