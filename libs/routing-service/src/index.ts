export * from './routing-service.module';
export { DEFAULT_QUEUE_ID } from './engine/routing-input.mapper';
