export * from './gateway-api.module';
export * from './realtime/socket-rooms';
