// A tenant's own settings as the router holds them: read at takeover and again on `config.changed` for
// `settings`, so an admin's change applies from the tenant's next batch.
import { ChannelSchema, type Channel } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';

export interface TenantSettingsMemory {
  readonly timeZone: string;
  /** null: the environment's default applies. */
  readonly autoAckChannels: ReadonlySet<Channel> | null;
  readonly csatChannels: ReadonlySet<Channel> | null;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettingsMemory = {
  timeZone: 'UTC',
  autoAckChannels: null,
  csatChannels: null,
};

export async function loadTenantSettings(
  prisma: PrismaClient,
  tenantId: string,
): Promise<TenantSettingsMemory> {
  const row = await prisma.tenantSettings.findUnique({ where: { tenantId } });
  if (!row) return DEFAULT_TENANT_SETTINGS;
  const channels = (set: boolean, list: readonly string[]): ReadonlySet<Channel> | null =>
    set ? new Set(list.flatMap((c) => (ChannelSchema.safeParse(c).success ? [c as Channel] : []))) : null;
  return {
    timeZone: row.timeZone,
    autoAckChannels: channels(row.autoAckSet, row.autoAckChannels),
    csatChannels: channels(row.csatSet, row.csatChannels),
  };
}
