export * from './channel-sender.port';
export * from './channel-sender.registry';
export * from './inbox-secrets.port';
export * from './send-retry.policy';
export * from './outbound.dispatcher';
export * from './outbound.metrics';
export * from './outbound.module';
export * from './http/send-http.client';
