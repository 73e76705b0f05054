import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../model/channel.model';
import type { RoutingStrategy } from '../model/queue.model';
import { isEligible } from '../policy/eligibility.policy';
import { rankBefore, candidateOf, type Candidate } from '../policy/agent-ranking.policy';
import { orderScore } from '../scoring/score.util';
import { upsertAgent } from './agent-commands.handler';
import { selectFromPools } from './agent-selection';
import type { AgentState } from './agent-state';
import { contactWithdrawn } from './contact-commands.handler';
import { bestContactFor, pickBefore, type Pick } from './contact-pull';
import type { ContactState } from './contact-state';
import { upsertQueue } from './queue-commands.handler';
import { restoreAssignment, restoreContact } from './restore-commands.handler';
import { RoutingState } from './routing-state';
import { runDueTimers } from './timer.handler';

// The indexes (buckets filed by skill, flat scan lists, ready pools) only exist to avoid looking at
// everyone. Over random worlds, the indexed choice must equal an exhaustive scan: for every agent, the
// best waiting contact it may take; for every waiting contact, the best agent. Routing is held back
// (as during a restore), so the worlds keep many waiting contacts and free agents at once.

const SKILLS = ['s0', 's1', 's2', 's3', 's4'];
const LANGUAGES = ['en', 'fr', 'de'];
const CHANNELS: Channel[] = ['chat', 'email', 'whatsapp', 'voice'];
const STRATEGIES: RoutingStrategy[] = ['best-fit', 'longest-idle', 'least-occupied', 'round-robin'];
const T0 = 1_700_000_000_000;

const skillArb = fc.record({ skill: fc.nat(SKILLS.length - 1), level: fc.integer({ min: 1, max: 10 }) });

const worldArb = fc.record({
  explainTopN: fc.constantFrom(0, 1, 3),
  strategies: fc.array(fc.nat(3), { minLength: 2, maxLength: 2 }),
  agents: fc.array(
    fc.record({
      skills: fc.array(skillArb, { maxLength: 4 }),
      languages: fc.subarray(LANGUAGES),
      capacity: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
      maxUnits: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      available: fc.nat(4),
      held: fc.nat(2),
    }),
    { minLength: 1, maxLength: 14, size: 'medium' },
  ),
  contacts: fc.array(
    fc.record({
      queue: fc.nat(1),
      channel: fc.nat(CHANNELS.length - 1),
      priority: fc.nat(3),
      required: fc.array(skillArb, { maxLength: 3, size: 'xsmall' }),
      optional: fc.array(skillArb, { maxLength: 1 }),
      language: fc.nat(LANGUAGES.length),
      tier: fc.nat(2),
      sla: fc.nat(3),
      age: fc.nat(8),
      excluded: fc.array(fc.nat(5), { maxLength: 3 }),
      gone: fc.boolean(),
    }),
    { maxLength: 40, size: 'medium' },
  ),
  steps: fc.array(fc.integer({ min: 1, max: 240 }), { minLength: 1, maxLength: 5 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

function build(world: World): RoutingState {
  const state = new RoutingState(world.explainTopN);
  state.now = T0;
  world.strategies.forEach((s, q) =>
    upsertQueue(state, {
      id: `q${q}`,
      tenantId: 't',
      strategy: STRATEGIES[s],
      agingPointsPerMinute: q === 0 ? 1 : 3,
      slaUrgencyWindowMs: 60_000,
      starvationBoundMs: { vip: 90_000 },
      defaultStarvationBoundMs: 200_000,
      relaxation: [
        { afterMs: 30_000, action: 'drop-optional' },
        { afterMs: 60_000, action: 'lower-proficiency', by: 4 },
      ],
    }),
  );
  world.agents.forEach((a, i) =>
    upsertAgent(state, {
      id: `a${i}`,
      tenantId: 't',
      skills: a.skills.map((s) => ({ skill: SKILLS[s.skill], proficiency: s.level })),
      languages: a.languages,
      capacity: { chat: a.capacity[0], email: a.capacity[1], social: a.capacity[2], voice: a.capacity[3] },
      ...(a.maxUnits === undefined ? {} : { maxUnits: a.maxUnits }),
      status: a.available === 0 ? 'away' : 'available',
      idleSince: T0 - i * 1000,
    }),
  );
  let seq = 0;
  const input = (c: World['contacts'][number]) => ({
    id: `c${seq++}`,
    tenantId: 't',
    channel: CHANNELS[c.channel],
    queueId: `q${c.queue}`,
    basePriority: c.priority * 10,
    requiredSkills: c.required.map((s) => ({ skill: SKILLS[s.skill], minProficiency: s.level })),
    optionalSkills: c.optional.map((s) => ({ skill: SKILLS[s.skill], minProficiency: s.level })),
    ...(c.language === LANGUAGES.length ? {} : { language: LANGUAGES[c.language] }),
    ...(c.tier === 0 ? {} : { customerTier: c.tier === 1 ? 'vip' : 'standard' }),
    ...(c.sla === 0 ? {} : { slaDeadline: T0 + c.sla * 50_000 - c.age * 10_000 }),
    arrivedAt: T0 - c.age * 10_000,
    excludedAgentIds: c.excluded.map((i) => `a${i}`),
  });
  // Some agents hold work, so classes and unit budgets are partly used.
  world.agents.forEach((a, i) => {
    for (let k = 0; k < a.held; k++) {
      const agent = state.agents.get(`a${i}`) as AgentState;
      const channel = CHANNELS.find((_, n) => a.capacity[n] > agent.load[n]);
      if (channel === undefined) break;
      restoreAssignment(state, { ...input(world.contacts[0] ?? WAITING_DEFAULT), channel }, agent.id);
    }
  });
  const ids = world.contacts.map((c) => {
    const contact = input(c);
    restoreContact(state, contact);
    return contact.id;
  });
  // Withdrawals leave holes in buckets and lists.
  world.contacts.forEach((c, i) => {
    if (c.gone) contactWithdrawn(state, ids[i]);
  });
  return state;
}

const WAITING_DEFAULT: World['contacts'][number] = {
  queue: 0,
  channel: 0,
  priority: 0,
  required: [],
  optional: [],
  language: LANGUAGES.length,
  tier: 0,
  sla: 0,
  age: 0,
  excluded: [],
  gone: false,
};

function waiting(state: RoutingState): ContactState[] {
  return [...state.contacts.values()].filter((c) => c.status === 'waiting');
}

/** Exhaustive: every waiting contact the agent may take, best by score, then arrival, then id. */
function bestContactByScan(state: RoutingState, agent: AgentState): ContactState | null {
  let best: ContactState | null = null;
  let bestScore = -Infinity;
  for (const c of waiting(state)) {
    if (!isEligible(agent, c)) continue;
    const score = orderScore(c.key, c.slope, state.now);
    if (best === null || pickBefore(score, c, bestScore, best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Exhaustive: every eligible agent ranked by the queue's strategy (stickiness is not used here). */
function bestAgentsByScan(state: RoutingState, c: ContactState): string[] {
  const strategy = c.queue.policy.strategy;
  const all: Candidate[] = [];
  for (const agent of state.agents.values()) if (isEligible(agent, c)) all.push(candidateOf(agent, c));
  all.sort((a, b) => (rankBefore(strategy, a, b) ? -1 : 1));
  return all.slice(0, state.explainTopN + 1).map((x) => x.agent.id);
}

function check(state: RoutingState): void {
  const pick: Pick = { contact: null, score: -Infinity };
  for (const agent of state.agents.values()) {
    bestContactFor(agent, state.now, pick);
    expect(pick.contact?.id ?? null).toBe(bestContactByScan(state, agent)?.id ?? null);
  }
  for (const c of waiting(state)) {
    const sel = selectFromPools(state, c, []);
    const chosen = sel === undefined ? [] : [sel.agent.id, ...sel.beat.map((b) => b.agent.id)];
    expect(chosen).toEqual(bestAgentsByScan(state, c));
  }
}

describe('indexed selection matches an exhaustive scan (property)', () => {
  it('picks the same contact for every agent and the same agents for every contact', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const state = build(world);
        check(state);
        // Time passes: phases change and rings widen on ticks, re-filing contacts into new buckets.
        for (const seconds of world.steps) {
          state.now += seconds * 1000;
          runDueTimers(state);
          check(state);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('scores a bucket by the first member the agent may take when its head excludes the agent', () => {
    const state = new RoutingState(3);
    state.now = T0;
    upsertQueue(state, { id: 'q', tenantId: 't' });
    const agent = {
      tenantId: 't',
      skills: [],
      capacity: { chat: 1, email: 1 },
      status: 'available' as const,
    };
    upsertAgent(state, { id: 'a0', ...agent });
    upsertAgent(state, { id: 'a1', ...agent });
    const contact = (id: string, channel: Channel, basePriority: number, excludedAgentIds: string[] = []) =>
      restoreContact(state, {
        id,
        tenantId: 't',
        queueId: 'q',
        channel,
        basePriority,
        arrivedAt: T0,
        excludedAgentIds,
      });
    contact('chat-head', 'chat', 30, ['a0']); // the chat bucket's head, but a0 declined it
    contact('chat-next', 'chat', 0);
    contact('email-head', 'email', 10);
    const pick: Pick = { contact: null, score: -Infinity };
    bestContactFor(state.agents.get('a0') as AgentState, state.now, pick);
    expect(pick.contact?.id).toBe('email-head');
    bestContactFor(state.agents.get('a1') as AgentState, state.now, pick);
    expect(pick.contact?.id).toBe('chat-head');
  });
});
