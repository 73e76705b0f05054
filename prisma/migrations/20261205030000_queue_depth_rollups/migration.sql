-- Historical queue depth in the metric rollups: contacts × ms waiting (summed) and the most waiting (GREATEST).
-- AlterTable
ALTER TABLE "metric_rollups" ADD COLUMN     "depth_ms_sum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "max_depth" BIGINT NOT NULL DEFAULT 0;
