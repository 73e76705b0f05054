export * from './social-sender.deps';
export * from './whatsapp.sender';
export * from './meta-send-api.sender';
export * from './x-dm.sender';
export * from './social-channels.module';
