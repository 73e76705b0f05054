export * from './bus.port';
export * from './bus.metrics';
export * from './in-process.bus';
export * from './kafka.bus';
export * from './co-partitioned.assigner';
export * from './dead-letter.util';
export * from './retry.util';
export * from './messaging.module';
export { BusOverloadedError } from './bus.errors';
