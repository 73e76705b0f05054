export * from './routing-service.module';
export * from './engine/queue-policy.schema';
export { DEFAULT_QUEUE_ID } from './engine/routing-input.mapper';
