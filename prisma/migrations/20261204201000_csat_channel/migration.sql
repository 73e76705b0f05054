-- A CSAT answer records the channel it came in on, for per-channel satisfaction reports.
-- AlterTable
ALTER TABLE "csat_responses" ADD COLUMN     "channel" TEXT;
