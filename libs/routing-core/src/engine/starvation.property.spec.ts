import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoutingCommand } from '../model/routing-command.model';
import { createRoutingEngine } from './routing-engine';
import { ManualClock, T0 } from '../testing/routing.fixtures';

// Bounded wait under sufficient capacity. A stream of high-priority work arrives exactly as fast as
// agents clear it, so by priority alone a backlog of low-priority contacts would wait forever. With the
// tier bounds every contact is served within its bound plus the time to clear whoever starved first.
// Escalations (SLA feedback) lift stream contacts even further; they must not break the bound either.
const BOUNDS: Record<string, number> = { vip: 20_000, standard: 60_000 };
const HORIZON_MS = 10 * 60_000;

interface Scenario {
  agents: number;
  serviceMs: number;
  backlog: { tier: 'vip' | 'standard'; priority: number }[];
  jitter: number[];
  /** Points an SLA warning adds to each stream arrival in turn (0: none); each is sent twice. */
  raises: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  agents: fc.integer({ min: 1, max: 3 }),
  serviceMs: fc.constantFrom(5_000, 10_000),
  backlog: fc.array(
    fc.record({
      tier: fc.constantFrom('vip' as const, 'standard' as const),
      priority: fc.integer({ min: 0, max: 10 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  jitter: fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 8 }),
  // Often every stream contact at the cap: the harshest case for the backlog.
  raises: fc.oneof(
    fc.constant<number[]>([1_000_000]),
    fc.array(fc.constantFrom<number>(0, 25, 500, 1_000_000), { minLength: 1, maxLength: 8 }),
  ),
});

function simulate(s: Scenario): {
  waits: Map<string, number>;
  arrivals: Map<string, { at: number; tier: string }>;
  maxWaiting: number;
} {
  const clock = new ManualClock();
  const engine = createRoutingEngine({ clock });
  const arrivals = new Map<string, { at: number; tier: string }>();
  const waits = new Map<string, number>();
  const completions: { at: number; contactId: string }[] = [];
  let waiting = 0;
  let maxWaiting = 0;
  const apply = (cmd: RoutingCommand): void => {
    for (const d of engine.apply(cmd)) {
      if (d.type !== 'offer') continue;
      waiting--;
      waits.set(d.contactId, d.at - (arrivals.get(d.contactId)?.at ?? d.at));
      engine.apply({ type: 'offerAccepted', contactId: d.contactId, agentId: d.agentId });
      completions.push({ at: d.at + s.serviceMs, contactId: d.contactId });
    }
  };
  const arrive = (id: string, tier: string, priority: number): void => {
    arrivals.set(id, { at: clock.t, tier });
    waiting++;
    apply({
      type: 'contactArrived',
      contact: {
        id,
        tenantId: 't',
        channel: 'chat',
        queueId: 'q',
        basePriority: priority,
        customerTier: tier,
      },
    });
    maxWaiting = Math.max(maxWaiting, waiting);
  };
  const escalate = (id: string, raise: number): void => {
    if (raise === 0 || waits.has(id)) return;
    const reason = { cause: 'sla-warning', target: 'first-response' } as const;
    // Twice: hosts deliver at least once, and a repeat must not raise again.
    for (let i = 0; i < 2; i++)
      apply({ type: 'escalateContact', contactId: id, reason, raiseScoreBy: raise });
  };
  apply({
    type: 'upsertQueue',
    queue: { id: 'q', tenantId: 't', agingPointsPerMinute: 0, starvationBoundMs: BOUNDS },
  });
  for (let i = 0; i < s.agents; i++) {
    apply({
      type: 'upsertAgent',
      agent: { id: `a${i}`, tenantId: 't', skills: [], capacity: { chat: 1 }, status: 'available' },
    });
  }
  // Fill every agent, then the backlog, then a stream at exactly the service rate.
  for (let i = 0; i < s.agents; i++) arrive(`fill${i}`, 'standard', 50);
  s.backlog.forEach((b, i) => arrive(`low${i}`, b.tier, b.priority));
  let nextStream = T0 + s.serviceMs / s.agents;
  let n = 0;
  while (clock.t < T0 + HORIZON_MS) {
    completions.sort((a, b) => a.at - b.at || (a.contactId < b.contactId ? -1 : 1));
    const timer = engine.nextTimerAt() ?? Infinity;
    const t = Math.min(nextStream, completions[0]?.at ?? Infinity, timer);
    clock.t = t;
    if (timer <= t) apply({ type: 'tick' });
    while (completions.length > 0 && completions[0].at <= t)
      apply({ type: 'contactCompleted', contactId: completions.shift()!.contactId });
    if (nextStream <= t) {
      arrive(`hi${n}`, 'standard', 50);
      escalate(`hi${n}`, s.raises[n % s.raises.length]);
      nextStream += s.serviceMs / s.agents + s.jitter[n++ % s.jitter.length];
    }
  }
  return { waits, arrivals, maxWaiting };
}

describe('anti-starvation (property)', () => {
  it('serves every tier within its bound plus the time to clear the starved backlog', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { waits, arrivals, maxWaiting } = simulate(s);
        const slack = s.serviceMs * (Math.ceil(maxWaiting / s.agents) + 1);
        for (const [id, a] of arrivals) {
          const limit = BOUNDS[a.tier] + slack;
          const wait = waits.get(id);
          if (wait !== undefined) expect(wait, id).toBeLessThanOrEqual(limit);
          else expect(a.at + limit, `${id} never served`).toBeGreaterThan(T0 + HORIZON_MS);
        }
        for (let i = 0; i < s.backlog.length; i++) expect(waits.has(`low${i}`), `low${i}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
