export * from './app-config.schema';
export * from './app-config';
export * from './config.module';
