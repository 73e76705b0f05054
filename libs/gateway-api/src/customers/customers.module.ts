// Customer profiles for consoles: one person across channels, their preferences and their history.
import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';
import { GetCustomerProfile } from './get-customer-profile.usecase';
import { SearchCustomers } from './search-customers.usecase';
import { UpdateCustomerPreferences } from './update-customer-preferences.usecase';

@Module({
  controllers: [CustomersController],
  providers: [SearchCustomers, GetCustomerProfile, UpdateCustomerPreferences],
})
export class CustomersModule {}
