// Replaces the caller's tenant settings, audit-logged in the same transaction, then tells the tenant's router
// to re-read them (`config.changed` for `settings`), so its next batch applies them.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import type { TenantSettingsBody } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../audit/audit-trail.service';
import { toTenantSettingsView, type TenantSettingsView } from './tenant-settings.view';

@Injectable()
export class UpdateTenantSettings {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(principal: UserPrincipal, body: TenantSettingsBody): Promise<TenantSettingsView> {
    const { tenantId } = principal;
    const data = {
      timeZone: body.timeZone,
      autoAckChannels: body.autoAckChannels ?? [],
      autoAckSet: body.autoAckChannels !== null,
      csatChannels: body.csatChannels ?? [],
      csatSet: body.csatChannels !== null,
    };
    const result = await this.audit.write(principal, async (tx) => {
      const before = await tx.tenantSettings.findUnique({ where: { tenantId } });
      const after = await tx.tenantSettings.upsert({
        where: { tenantId },
        create: { tenantId, ...data },
        update: data,
      });
      // The settings are the tenant's own: the entry names the tenant as the entity.
      const row = (r: typeof after | null) => (r ? { id: tenantId, ...r } : null);
      return {
        result: toTenantSettingsView(after, this.config),
        change: changeOf('settings', before ? 'updated' : 'created', row(before), row(after)),
      };
    });
    await this.notifier.notify(tenantId, 'settings', tenantId);
    return result;
  }
}
