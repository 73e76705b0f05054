// Shared by the admin API modules: after a write commits, the router is told to re-read the entity.
import { Global, Module } from '@nestjs/common';
import { ConfigChangeNotifier } from './config-change.notifier';

@Global()
@Module({ providers: [ConfigChangeNotifier], exports: [ConfigChangeNotifier] })
export class AdminModule {}
