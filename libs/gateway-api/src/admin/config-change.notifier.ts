// After an admin write commits, tells the tenant's router to re-read the entity. Published only after the
// database commit, so the router never reads a change that is not there yet.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { CONFIG_CHANGED_V1, type ConfigChangedV1 } from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';

@Injectable()
export class ConfigChangeNotifier {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async notify(tenantId: string, entity: ConfigChangedV1['entity'], id: string): Promise<void> {
    const change: ConfigChangedV1 = {
      schema: CONFIG_CHANGED_V1,
      tenantId,
      entity,
      id,
      changedAt: new Date().toISOString(),
    };
    await this.bus.publish(this.config.topics.agentCommands, [
      { key: tenantId, value: JSON.stringify(change) },
    ]);
  }
}
