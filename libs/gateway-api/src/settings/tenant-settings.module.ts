// The tenant settings admin API.
import { Module } from '@nestjs/common';
import { GetTenantSettings } from './get-tenant-settings.usecase';
import { TenantSettingsController } from './tenant-settings.controller';
import { UpdateTenantSettings } from './update-tenant-settings.usecase';

@Module({ controllers: [TenantSettingsController], providers: [GetTenantSettings, UpdateTenantSettings] })
export class TenantSettingsModule {}
