export * from './webhook-secrets.port';
export * from './webhook-signature.util';
export * from './webhook-channels.module';
export * from './receive-webhook.usecase';
export * from './deliveries/webhook-deliveries.pruner';
export * from './deliveries/list-webhook-deliveries.usecase';
export * from './stored-webhook-secrets.reader';
