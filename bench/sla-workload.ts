// Timer workload for the SLA benchmark: conversations spread over tenants, each with a warning and a
// breach deadline derived from a realistic mix of SLA targets, received over the hour before the start.
import type { ScheduledTimer } from '@switchboard/sla';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deterministic PRNG (mulberry32), so every round and every run schedules the same timers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * SLA target of one conversation: 60% chat-like (5 to 60 min), 30% email-like (1 to 24 h, business
 * hours stretch them), 10% long (1 to 7 days, weekends and holidays). Whole seconds, as policies are.
 */
function slaTarget(random: () => number): number {
  const roll = random();
  const span = roll < 0.6 ? [5 * MINUTE, HOUR] : roll < 0.9 ? [HOUR, DAY] : [DAY, 7 * DAY];
  return Math.round((span[0] + random() * (span[1] - span[0])) / 1_000) * 1_000;
}

/**
 * `count` timers over `tenants` tenants: conversation i of a tenant gets `conv-<i>:warn` at 80% of its
 * target and `conv-<i>:breach` at the target, from a receipt time in the hour before `start`. Some are
 * already overdue at `start`, as after a restart.
 */
export function buildTimers(count: number, tenants: number, start: number, seed: number): ScheduledTimer[] {
  const random = seededRandom(seed);
  const tenantIds = Array.from({ length: tenants }, (_, i) => `tenant-${String(i).padStart(4, '0')}`);
  const timers: ScheduledTimer[] = new Array<ScheduledTimer>(count);
  for (let i = 0; i < count; i += 2) {
    const tenantId = tenantIds[(i >> 1) % tenants];
    const conversation = `conv-${Math.floor(i / 2 / tenants)}`;
    const receivedAt = start - Math.floor(random() * HOUR);
    const target = slaTarget(random);
    timers[i] = { tenantId, key: `${conversation}:warn`, dueAt: receivedAt + Math.round(target * 0.8) };
    if (i + 1 < count)
      timers[i + 1] = { tenantId, key: `${conversation}:breach`, dueAt: receivedAt + target };
  }
  return timers;
}

/** Fisher-Yates shuffle of a copy, so the reschedule and cancel phases touch timers in random order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
