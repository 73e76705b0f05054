// Admin API for how work is routed and timed: queues, routing policies, SLA policies and business hours.
import { Module } from '@nestjs/common';
import { AddHoliday } from './business-hours/add-holiday.usecase';
import { BusinessHoursController } from './business-hours/business-hours.controller';
import { CreateBusinessHours } from './business-hours/create-business-hours.usecase';
import { DeleteBusinessHours } from './business-hours/delete-business-hours.usecase';
import { GetBusinessHours } from './business-hours/get-business-hours.usecase';
import { HolidaysController } from './business-hours/holidays.controller';
import { ListBusinessHours } from './business-hours/list-business-hours.usecase';
import { ListHolidays } from './business-hours/list-holidays.usecase';
import { RemoveHoliday } from './business-hours/remove-holiday.usecase';
import { UpdateBusinessHours } from './business-hours/update-business-hours.usecase';
import { CreateQueue } from './queues/create-queue.usecase';
import { DeleteQueue } from './queues/delete-queue.usecase';
import { GetQueue } from './queues/get-queue.usecase';
import { ListQueues } from './queues/list-queues.usecase';
import { QueuesController } from './queues/queues.controller';
import { UpdateQueue } from './queues/update-queue.usecase';
import { CreateRoutingPolicy } from './routing-policies/create-routing-policy.usecase';
import { DeleteRoutingPolicy } from './routing-policies/delete-routing-policy.usecase';
import { GetRoutingPolicy } from './routing-policies/get-routing-policy.usecase';
import { ListRoutingPolicies } from './routing-policies/list-routing-policies.usecase';
import { RoutingPoliciesController } from './routing-policies/routing-policies.controller';
import { UpdateRoutingPolicy } from './routing-policies/update-routing-policy.usecase';
import { CreateSlaPolicy } from './sla-policies/create-sla-policy.usecase';
import { DeleteSlaPolicy } from './sla-policies/delete-sla-policy.usecase';
import { GetSlaPolicy } from './sla-policies/get-sla-policy.usecase';
import { ListSlaPolicies } from './sla-policies/list-sla-policies.usecase';
import { SlaPoliciesController } from './sla-policies/sla-policies.controller';
import { UpdateSlaPolicy } from './sla-policies/update-sla-policy.usecase';

@Module({
  controllers: [
    QueuesController,
    RoutingPoliciesController,
    SlaPoliciesController,
    BusinessHoursController,
    HolidaysController,
  ],
  providers: [
    ListQueues,
    GetQueue,
    CreateQueue,
    UpdateQueue,
    DeleteQueue,
    ListRoutingPolicies,
    GetRoutingPolicy,
    CreateRoutingPolicy,
    UpdateRoutingPolicy,
    DeleteRoutingPolicy,
    ListSlaPolicies,
    GetSlaPolicy,
    CreateSlaPolicy,
    UpdateSlaPolicy,
    DeleteSlaPolicy,
    ListBusinessHours,
    GetBusinessHours,
    CreateBusinessHours,
    UpdateBusinessHours,
    DeleteBusinessHours,
    ListHolidays,
    AddHoliday,
    RemoveHoliday,
  ],
})
export class RoutingConfigModule {}
