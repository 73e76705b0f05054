// Turns a follow-up command's `at` or `inMs` into one due instant, checked against the clock of whoever
// validates it (the gateway at the edge, the router again when it applies the command).
import { FOLLOW_UP_MAX_AHEAD_MS } from './agent-command.schema';
import type { FieldIssue } from './validation.util';

export type FollowUpDue = { ok: true; dueAt: number } | { ok: false; issues: FieldIssue[] };

export function followUpDueAt(input: { at?: string; inMs?: number }, now: number): FollowUpDue {
  if ((input.at === undefined) === (input.inMs === undefined)) {
    return { ok: false, issues: [{ path: 'at', message: 'give exactly one of at or inMs' }] };
  }
  if (input.inMs !== undefined) return { ok: true, dueAt: now + input.inMs };
  const dueAt = Date.parse(input.at ?? '');
  if (!(dueAt > now)) return { ok: false, issues: [{ path: 'at', message: 'must be in the future' }] };
  if (dueAt - now > FOLLOW_UP_MAX_AHEAD_MS) {
    return { ok: false, issues: [{ path: 'at', message: 'must be at most 90 days ahead' }] };
  }
  return { ok: true, dueAt };
}
