import { PRESENCE_V1, type PresenceV1 } from '@switchboard/contracts';
import type { AgentInput } from '@switchboard/routing-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_ID, defaultQueueInput } from '../engine/routing-input.mapper';
import { TenantRouter } from '../engine/tenant-router';
import { WriteSet } from '../write/write-set';
import { PresenceStep } from './presence.step';

const T0 = Date.parse('2026-12-05T10:00:00.000Z');
const timing = { leaseMs: 30_000, graceMs: 10_000 };

const agent = (id: string, status: AgentInput['status'] = 'available'): AgentInput => ({
  id,
  tenantId: 't1',
  skills: [],
  capacity: { chat: 1, email: 1, social: 1, voice: 1 },
  status,
});

const presence = (kind: PresenceV1['kind'], agentIds: string[], gatewayId = 'g1'): PresenceV1 => ({
  schema: PRESENCE_V1,
  tenantId: 't1',
  gatewayId,
  kind,
  agentIds,
  at: new Date(T0).toISOString(),
});

/** Ana holds one conversation and has a second one offered; Ben is available with room. */
function desk(anaStatus: AgentInput['status'] = 'available') {
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const router = new TenantRouter('t1', clock.now);
  const ana = { ...agent('ana', anaStatus), capacity: { chat: 2, email: 1, social: 1, voice: 1 } };
  router.apply([
    { type: 'upsertQueue', queue: defaultQueueInput('t1', 120_000) },
    { type: 'upsertAgent', agent: { ...ana, status: 'available' } },
    {
      type: 'contactArrived',
      contact: { id: 'held', tenantId: 't1', channel: 'chat', queueId: DEFAULT_QUEUE_ID },
    },
    { type: 'offerAccepted', contactId: 'held', agentId: 'ana', offerId: 'held:1' },
    {
      type: 'contactArrived',
      contact: { id: 'offered', tenantId: 't1', channel: 'chat', queueId: DEFAULT_QUEUE_ID },
    },
    { type: 'upsertAgent', agent: ana },
    { type: 'upsertAgent', agent: agent('ben') },
  ]);
  const armed: Array<{ key: string; dueAt: number }> = [];
  const step = new PresenceStep(
    { schedule: (_t, key, dueAt) => armed.push({ key, dueAt }) },
    timing,
    clock.now,
  );
  const ctx = { tenantId: 't1', router };
  const dc = { newId: () => `id-${Math.random()}`, previewOf: () => '' };
  return { router, step, ctx, dc, clock, armed };
}

describe('PresenceStep', () => {
  it('after a router restart marks nobody away before the gateways speak, and leases anew whom a heartbeat lists', () => {
    // A fresh step is a restarted router: its book is empty, whatever the agents did before.
    const { router, step, ctx, dc, clock, armed } = desk();
    clock.advance(timing.leaseMs + timing.graceMs);
    // A timer left from before (or any due key) finds nothing on the agent, and arms nothing.
    const idle = new WriteSet();
    step.due(ctx, ['ana', 'ben'], idle, dc);
    expect(idle.agentStatuses.size).toBe(0);
    expect(idle.events).toEqual([]);
    expect(armed).toEqual([]);
    // The gateways' next round: each listed agent is present for a whole lease from now.
    step.record('t1', presence('heartbeat', ['ana', 'ben']));
    const now = clock.now();
    expect(armed).toEqual([
      { key: 'presence:ana', dueAt: now + timing.leaseMs + timing.graceMs },
      { key: 'presence:ben', dueAt: now + timing.leaseMs + timing.graceMs },
    ]);
    clock.advance(timing.leaseMs);
    const early = new WriteSet();
    step.due(ctx, ['ana', 'ben'], early, dc);
    expect(early.agentStatuses.size).toBe(0);
    expect(router.ownerOf('offered')).toEqual({ agentId: 'ana', state: 'offered' });
  });

  it('makes an agent with no console away after the grace, re-routes their offer, keeps their assignment', () => {
    const { router, step, ctx, dc, clock, armed } = desk();
    expect(router.ownerOf('offered')).toEqual({ agentId: 'ana', state: 'offered' });
    step.record('t1', presence('connected', ['ana']));
    step.record('t1', presence('disconnected', ['ana']));
    expect(armed.at(-1)).toEqual({ key: 'presence:ana', dueAt: T0 + timing.graceMs });
    clock.advance(timing.graceMs);
    const set = new WriteSet();
    step.due(ctx, ['ana'], set, dc);
    expect(set.agentStatuses.get('ana')).toBe('away');
    expect(set.events).toContainEqual({
      type: 'agent.status-changed',
      agentId: 'ana',
      status: 'away',
      cause: 'disconnected',
    });
    expect(router.ownerOf('offered')).toEqual({ agentId: 'ben', state: 'offered' });
    expect(router.ownerOf('held')).toEqual({ agentId: 'ana', state: 'assigned' });
  });

  it('does nothing when a console came back, or when a second gateway still holds the agent, and re-arms', () => {
    const { router, step, ctx, dc, clock, armed } = desk();
    step.record('t1', presence('connected', ['ana'], 'g1'));
    step.record('t1', presence('connected', ['ana'], 'g2'));
    step.record('t1', presence('disconnected', ['ana'], 'g1'));
    clock.advance(timing.graceMs);
    const set = new WriteSet();
    step.due(ctx, ['ana'], set, dc);
    expect(set.isEmpty()).toBe(true);
    expect(router.agent('ana')?.status).toBe('available');
    expect(armed.at(-1)).toEqual({ key: 'presence:ana', dueAt: T0 + timing.leaseMs + timing.graceMs });
  });

  it('leaves an agent who already stepped away as they are', () => {
    const { step, ctx, dc, clock } = desk('away');
    step.record('t1', presence('heartbeat', ['ana']));
    step.record('t1', presence('heartbeat', []));
    clock.advance(timing.graceMs);
    const set = new WriteSet();
    step.due(ctx, ['ana'], set, dc);
    expect(set.isEmpty()).toBe(true);
  });
});
