// Admin API for how work is routed and timed: queues, routing policies, SLA policies and business hours.
import { Module } from '@nestjs/common';

@Module({})
export class RoutingConfigModule {}
