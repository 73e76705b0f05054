// The tenant's settings as the API shows them: what the admin set (null: the environment's default) and what
// applies now, so a console can show "Default (chat, email)".
import type { AppConfig } from '@switchboard/config';
import type { Channel, TenantSettingsBody } from '@switchboard/contracts';

export interface TenantSettingsView extends TenantSettingsBody {
  effective: { autoAckChannels: Channel[]; csatChannels: Channel[] };
}

export interface StoredSettings {
  timeZone: string;
  autoAckChannels: string[];
  autoAckSet: boolean;
  csatChannels: string[];
  csatSet: boolean;
}

export function toTenantSettingsView(row: StoredSettings | null, config: AppConfig): TenantSettingsView {
  const own = (set: boolean | undefined, list: string[] | undefined): Channel[] | null =>
    set ? ((list ?? []) as Channel[]) : null;
  const autoAckChannels = own(row?.autoAckSet, row?.autoAckChannels);
  const csatChannels = own(row?.csatSet, row?.csatChannels);
  return {
    timeZone: row?.timeZone ?? 'UTC',
    autoAckChannels,
    csatChannels,
    effective: {
      autoAckChannels: autoAckChannels ?? [...config.autoAck.channels].sort(),
      csatChannels: csatChannels ?? [...config.csat.channels].sort(),
    },
  };
}
