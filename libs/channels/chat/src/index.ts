export * from './chat-channel.module';
export * from './outbound/chat-channel.sender';
export * from './visitors/visitor-token.service';
export * from './visitors/visitor-rooms';
export * from './widget/widget.script';
