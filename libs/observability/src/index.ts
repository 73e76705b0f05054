export * from './root-logger';
export * from './health-indicator';
export * from './metrics.registry';
export * from './observability.module';
export { HealthController } from './health.controller';
export { MetricsController } from './metrics.controller';
