// The audit trail: AuditTrail records every admin write in its own transaction; GET /v1/audit reads it back.
import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail.service';
import { ListAuditEntries } from './list-audit-entries.usecase';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, ListAuditEntries],
  exports: [AuditTrail],
})
export class AuditModule {}
