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
export { applyClockInput, clockElapsedMs, newConversationClocks } from './clocks/conversation-clocks.engine';
export { warningMs } from './clocks/target-run.util';
export { ConversationClocksSchema, EffectiveSlaSchema } from './clocks/clock-state.schema';
