export * from './gateway-api.module';
export * from './realtime/socket-rooms';
export { IngestAdmissionGate } from './ingest/ingest-admission.gate';
export { AgentsGateway } from './realtime/agents.gateway';
export { AgentTypingRelay, type AgentTyping } from './realtime/agent-typing.relay';
export { RoutingEventRelay, type RoutingEventListener } from './realtime/routing-event.relay';
export { SocketLimits } from './realtime/socket-limits';
