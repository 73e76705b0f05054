// The gateway role alone: REST ingest and login, and the agents' socket.io namespace.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@switchboard/config';
import { GatewayApiModule } from '@switchboard/gateway-api';
import { PlatformModule, runProcess } from '@switchboard/platform';

@Module({})
class GatewayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [PlatformModule.forRoot({ service: 'gateway', config }), GatewayApiModule],
    };
  }
}

void runProcess((config) => GatewayAppModule.forRoot(config));
