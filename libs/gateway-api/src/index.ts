export * from './gateway-api.module';
export * from './realtime/socket-rooms';
export { IngestAdmissionGate } from './ingest/ingest-admission.gate';
export { AgentsGateway } from './realtime/agents.gateway';
export { TypingRelay, type TypingSignal, type TypingListener } from './realtime/typing.relay';
export { RoutingEventRelay, type RoutingEventListener } from './realtime/routing-event.relay';
export { SocketLimits } from './realtime/socket-limits';
export { ConsoleStreams, type ConsoleStreamOpening } from './realtime/console-stream.service';
export {
  consoleAudience,
  routeConsoleEvent,
  toConsoleEvent,
  type ConsoleAudience,
  type RoutedConsoleEvent,
} from './realtime/console-event.mapper';
export { CsatModule } from './csat/csat.module';
export {
  CsatAnswerSchema,
  RecordCsatAnswer,
  type CsatAnswer,
  type CsatRespondent,
  type StoredCsat,
} from './csat/record-csat-answer.usecase';
