import type { Agent, Conversation, Queue } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_ID, toAgentInput, toContactInput, toQueueInput } from './routing-input.mapper';

const conversation = (overrides: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  tenantId: 't1',
  customerId: 'cu1',
  channel: 'whatsapp',
  queueId: null,
  inboxId: null,
  status: 'queued',
  priority: 40,
  tier: 'gold',
  subject: null,
  language: 'pt-BR',
  requiredSkills: { billing: 6 },
  lastMessageAt: new Date(0),
  createdAt: new Date(1_000),
  updatedAt: new Date(1_000),
  resolvedAt: null,
  abandonedAt: null,
  disposition: null,
  wrapUpNotes: null,
  threadKey: null,
  slaDeadline: new Date(61_000),
  firstResponseAt: null,
  slaClocks: null,
  escalations: [],
  ...overrides,
});

describe('routing input mapper', () => {
  it('restores a contact with its original arrival and stored SLA deadline, so the clock survives a restart', () => {
    const input = toContactInput(conversation(), {
      preferredAgentId: 'a9',
      lastAgentId: null,
      lastHandledAt: null,
    });
    expect(input).toMatchObject({
      id: 'c1',
      queueId: DEFAULT_QUEUE_ID,
      basePriority: 40,
      customerTier: 'gold',
      language: 'pt-BR',
      requiredSkills: [{ skill: 'billing', minProficiency: 6 }],
      preferredAgentId: 'a9',
      arrivedAt: 1_000,
      slaDeadline: 61_000,
    });
    expect(
      toContactInput(conversation({ slaDeadline: null }), {
        preferredAgentId: null,
        lastAgentId: null,
        lastHandledAt: null,
      }),
    ).not.toHaveProperty('slaDeadline');
  });

  it('keeps a deactivated agent offline whatever status it last had', () => {
    const agent = {
      id: 'a1',
      tenantId: 't1',
      skills: { billing: 7, junk: 'x' },
      languages: ['en'],
      capacity: { chat: 2 },
      maxUnits: null,
      status: 'available',
      active: false,
    } as unknown as Agent;
    expect(toAgentInput(agent)).toMatchObject({
      status: 'offline',
      skills: [{ skill: 'billing', proficiency: 7 }],
      capacity: { chat: 2 },
    });
    expect(toAgentInput({ ...agent, active: true, status: 'wrap_up' }).status).toBe('wrap-up');
  });

  it('overlays the queue inline policy on its named routing policy, and ignores invalid stored documents', () => {
    const queue = { id: 'q1', tenantId: 't1', policy: { strategy: 'longest-idle' } } as unknown as Queue;
    const named = { routingPolicy: { document: { strategy: 'round-robin', agingPointsPerMinute: 3 } } };
    expect(toQueueInput({ ...queue, ...named })).toMatchObject({
      id: 'q1',
      strategy: 'longest-idle',
      agingPointsPerMinute: 3,
    });
    expect(toQueueInput({ ...queue, policy: { strategy: 'nonsense' } })).toEqual({
      id: 'q1',
      tenantId: 't1',
    });
  });
});
