export * from './root-logger';
export * from './health-indicator';
export * from './metrics.registry';
export * from './observability.module';
