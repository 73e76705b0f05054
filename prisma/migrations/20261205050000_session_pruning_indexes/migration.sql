-- Indexes for the session pruner: sessions lapsed or revoked before the retention cutoff, and rotated refresh
-- tokens of live sessions older than it.
-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE INDEX "sessions_revoked_at_idx" ON "sessions"("revoked_at");

-- CreateIndex
CREATE INDEX "session_refresh_tokens_rotated_at_idx" ON "session_refresh_tokens"("rotated_at");
