// The deadline of a response target: the target's business time after the message that started it.
import { addBusinessTime } from './business-time';
import type { BusinessCalendar } from './business-calendar';

/**
 * When a target of `targetMs` business time, started at `receivedAt`, runs out; null when there is no
 * target (undefined is accepted too, as `slaTargetMs` returns it). A null calendar counts 24/7.
 */
export function slaDeadline(
  receivedAt: number,
  targetMs: number | null | undefined,
  calendar: BusinessCalendar | null,
): number | null {
  if (targetMs === null || targetMs === undefined) return null;
  return addBusinessTime(receivedAt, targetMs, calendar);
}
