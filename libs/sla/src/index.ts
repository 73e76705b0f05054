// Public surface of the SLA library: pure, deterministic business-time maths over business-hours
// calendars. Callers pass every instant in, so the clock stays theirs to inject.
export type { BusinessCalendar, WeeklyOpening } from './business-calendar';
export { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time';
export { slaDeadline } from './sla-deadline';
export { SlaError, SlaErrorCode } from './sla.error';
export {
  matchSlaPolicy,
  NO_SLA,
  SLA_TARGET_NAMES,
  type EffectiveSla,
  type SlaMatchSubject,
  type SlaPolicyRules,
  type SlaRuleMatch,
  type SlaTargetName,
} from './policies/sla-policy.matcher';
export type {
  ClockInput,
  ClockInputType,
  ClockOutcome,
  ClockOutcomeKind,
  ClockStep,
  ConversationClocks,
  ConversationStatus,
  TargetRun,
} from './clocks/clock.types';
export {
  applyClockInput,
  clockElapsedMs,
  clockWakeAt,
  newConversationClocks,
} from './clocks/conversation-clocks.engine';
export { warningMs } from './clocks/target-run.util';

// Durable timers' in-memory side: a deadline queue keyed by (tenant, key) and the driver that fires it
// through one host timer. Rebuilt from persisted clock state after a restart or a rebalance.
export { type ScheduledTimer, TimerQueue } from './timers/timer-queue';
export {
  type DueTimersHandler,
  MAX_TIMER_DELAY_MS,
  TimerDriver,
  type TimerDriverOptions,
  type TimerHandle,
  type TimerHost,
  type TimerLogger,
} from './timers/timer-driver';
export { ConversationClocksSchema, EffectiveSlaSchema } from './clocks/clock-state.schema';
export { zoneClock } from './zone-clock';
export type { ZoneClock } from './zone-clock';
