// Public surface of the SLA library: pure, deterministic business-time maths over business-hours
// calendars. Callers pass every instant in, so the clock stays theirs to inject.
export type { BusinessCalendar, WeeklyOpening } from './business-calendar';
export { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time';
export { slaDeadline } from './sla-deadline';
export { SlaError, SlaErrorCode } from './sla.error';
export { zoneClock } from './zone-clock';
export type { ZoneClock } from './zone-clock';
