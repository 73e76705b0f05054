-- The wallboard's breaches query (a tenant's sla.breached events of the last day) read every event of the tenant.
-- CreateIndex
CREATE INDEX "routing_events_tenant_id_type_created_at_idx" ON "routing_events"("tenant_id", "type", "created_at");
