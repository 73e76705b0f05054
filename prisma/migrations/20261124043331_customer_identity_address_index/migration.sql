-- CreateIndex
CREATE INDEX "customer_identities_tenant_id_address_idx" ON "customer_identities"("tenant_id", "address");
