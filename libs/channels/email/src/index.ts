export * from './email-channel.module';
export * from './blobs/blob-store.port';
export * from './blobs/local-directory.blob-store';
export * from './inbound/smtp-inbound.server';
export * from './outbound/channel-sender.port';
export * from './outbound/email.sender';
export * from './threading/thread-key.resolver';
export * from './threading/thread-token.util';
