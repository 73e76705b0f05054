// Public surface of the routing core: the engine factory, its command/decision contract, domain
// errors, and the pure rules (score, channel classes) that hosts and simulations reuse.
export { createRoutingEngine } from './engine/routing-engine';
export type { RoutingClock, RoutingEngine, RoutingEngineOptions } from './engine/routing-engine';
export type { AgentLoad, QueueStats } from './engine/views';
export type { WaitContext } from './engine/wait-context.view';
export * from './model/agent.model';
export * from './model/channel.model';
export * from './model/contact.model';
export * from './model/queue.model';
export * from './model/routing-command.model';
export * from './model/routing-decision.model';
export { RoutingError, RoutingErrorCode } from './model/routing.error';
export {
  DEFAULT_AGING_POINTS_PER_MINUTE,
  DEFAULT_MAX_MISSED_OFFERS,
  DEFAULT_OFFER_TIMEOUT_MS,
  DEFAULT_SLA_URGENCY_POINTS_PER_MINUTE,
  DEFAULT_SLA_URGENCY_WINDOW_MS,
  DEFAULT_STICKINESS_WINDOW_MS,
} from './policy/queue-policy';
export { STARVATION_BOOST, STARVED_POINTS_PER_MINUTE } from './scoring/score.util';
