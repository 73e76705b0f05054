// The router role alone: consumes inbound contacts and agent commands, decides, persists, emits events.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@switchboard/config';
import { PlatformModule, runProcess } from '@switchboard/platform';
import { RoutingServiceModule } from '@switchboard/routing-service';

@Module({})
class RouterAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RouterAppModule,
      imports: [PlatformModule.forRoot({ service: 'router', config }), RoutingServiceModule],
    };
  }
}

void runProcess((config) => RouterAppModule.forRoot(config));
