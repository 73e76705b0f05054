// The gateway role alone: REST ingest and login, the agents' socket.io namespace, and the email channel (SMTP in).
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { EmailChannelModule } from '@switchboard/channels-email';
import type { AppConfig } from '@switchboard/config';
import { GatewayApiModule } from '@switchboard/gateway-api';
import { PlatformModule, runProcess } from '@switchboard/platform';

@Module({})
class GatewayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [PlatformModule.forRoot({ service: 'gateway', config }), GatewayApiModule, EmailChannelModule],
    };
  }
}

void runProcess((config) => GatewayAppModule.forRoot(config));
