// Random command sequences over a small two-tenant world, for property specs. Intents pick targets by
// index at run time, so most generated commands are valid against whatever state the run has reached.
import fc from 'fast-check';
import type { AgentStatus } from '../model/agent.model';
import type { Channel } from '../model/channel.model';
import type { QueuePolicyInput, RelaxationStep, RoutingStrategy } from '../model/queue.model';
import type { RoutingCommand } from '../model/routing-command.model';
import type { RoutingDecision } from '../model/routing-decision.model';
import { RoutingError } from '../model/routing.error';
import { createRoutingEngine, type RoutingEngine } from '../engine/routing-engine';
import { applyFeedback, feedbackIntentArbs, type FeedbackIntent } from './feedback-intents.fixtures';
import { RoutingModel } from './routing-model.checker';
import { ManualClock } from './routing.fixtures';

const SKILLS = ['s0', 's1', 's2'];
const CHANNELS: Channel[] = ['chat', 'email', 'whatsapp', 'voice'];
const STATUSES: AgentStatus[] = ['available', 'available', 'away', 'offline', 'busy', 'wrap-up'];
const AGENT_IDS = ['a0', 'a1', 'a2', 'a3', 'a4', 'b0'];

export type Intent =
  | {
      k: 'arrive';
      channel: number;
      queue: number;
      priority: number;
      req: number[];
      opt: number;
      lang: number;
      tier: number;
      sla: number;
      sticky: number;
    }
  | { k: 'accept' | 'decline' | 'withdraw'; pick: number }
  | { k: 'complete'; pick: number; wrap: boolean }
  | { k: 'status'; agent: number; status: number }
  | { k: 'reskill'; agent: number; skills: number[]; lang: number }
  | { k: 'advance'; ms: number }
  | { k: 'policy'; strategy: number; steps: number }
  | { k: 'remove'; agent: number }
  | FeedbackIntent;

const nat = (max: number): fc.Arbitrary<number> => fc.nat({ max });

export const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('arrive' as const),
      channel: nat(3),
      queue: nat(2),
      priority: nat(3),
      req: fc.array(nat(10), { maxLength: 3 }),
      opt: nat(3),
      lang: nat(3),
      tier: nat(2),
      sla: nat(3),
      sticky: nat(7),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('accept' as const, 'decline' as const, 'withdraw' as const),
      pick: nat(9),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('complete' as const), pick: nat(9), wrap: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('status' as const), agent: nat(5), status: nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('reskill' as const),
      agent: nat(5),
      skills: fc.array(nat(10), { maxLength: 3 }),
      lang: nat(2),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('policy' as const), strategy: nat(3), steps: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), agent: nat(5) }) },
  ...feedbackIntentArbs,
);

function queuePolicy(
  id: string,
  tenantId: string,
  strategy: RoutingStrategy,
  steps: RelaxationStep[],
): QueuePolicyInput {
  return {
    id,
    tenantId,
    strategy,
    starvationBoundMs: { vip: 60_000 },
    defaultStarvationBoundMs: 180_000,
    slaUrgencyWindowMs: 30_000,
    offerTimeoutMs: { chat: 20_000, email: 40_000, social: 30_000, voice: 10_000 },
    relaxation: steps,
    maxMissedOffers: 2,
  };
}

const STEP_PLANS: RelaxationStep[][] = [
  [],
  [
    { afterMs: 20_000, action: 'drop-optional' },
    { afterMs: 40_000, action: 'lower-proficiency', by: 3 },
  ],
  [
    { afterMs: 30_000, action: 'lower-proficiency', by: 5 },
    { afterMs: 60_000, action: 'overflow', queueId: 'q2' },
  ],
  [{ afterMs: 15_000, action: 'overflow', queueId: 'q2' }],
];
const STRATEGIES: RoutingStrategy[] = ['best-fit', 'longest-idle', 'least-occupied', 'round-robin'];

function skillSet(codes: number[]): { skill: string; proficiency: number }[] {
  return codes.map((code) => ({ skill: SKILLS[code % SKILLS.length], proficiency: 1 + (code % 10) }));
}

function agentCommand(index: number, skills: number[], lang: number): RoutingCommand {
  const id = AGENT_IDS[index];
  return {
    type: 'upsertAgent',
    agent: {
      id,
      tenantId: id.startsWith('b') ? 't2' : 't1',
      skills: skillSet(skills),
      languages: lang === 0 ? ['en'] : lang === 1 ? ['en', 'fr'] : ['fr'],
      capacity: { chat: 1 + (index % 3), email: 2, social: 1, voice: 1 },
      ...(index % 2 === 0 ? { maxUnits: 3 } : {}),
      status: 'available',
    },
  };
}

export interface RunResult {
  readonly log: string[];
  readonly violations: string[];
  readonly engine: RoutingEngine;
  readonly model: RoutingModel;
  readonly clock: ManualClock;
  /** Last accepted policy per queue id, in first-seen order. */
  readonly queues: Map<string, QueuePolicyInput>;
}

/** Drives a fresh engine through the intents, checking invariants after every applied command. */
export function runWorld(intents: readonly Intent[], checks = true): RunResult {
  const clock = new ManualClock();
  const engine = createRoutingEngine({ clock });
  const model = new RoutingModel(engine);
  const log: string[] = [];
  const queues = new Map<string, QueuePolicyInput>();
  let seq = 0;
  /** Returns the decisions, or undefined when the engine refused the command. */
  const apply = (cmd: RoutingCommand): RoutingDecision[] | undefined => {
    let decisions: RoutingDecision[];
    try {
      decisions = engine.apply(cmd);
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
      log.push(`${cmd.type}!${error.code}`);
      return undefined;
    }
    model.command(cmd);
    model.observe(decisions);
    if (cmd.type === 'upsertQueue') queues.set(cmd.queue.id, cmd.queue);
    log.push(`${clock.t}:${cmd.type}:${JSON.stringify(decisions)}`);
    if (checks) {
      model.checkWorkConserving();
      model.checkCapacity();
    }
    return decisions;
  };
  apply({ type: 'upsertQueue', queue: queuePolicy('q2', 't1', 'longest-idle', []) });
  apply({ type: 'upsertQueue', queue: queuePolicy('q1', 't1', 'best-fit', STEP_PLANS[1]) });
  apply({ type: 'upsertQueue', queue: queuePolicy('q3', 't2', 'round-robin', STEP_PLANS[1]) });
  AGENT_IDS.forEach((_, i) => apply(agentCommand(i, [i, i + 4], i % 3)));
  const held = (
    state: 'offered' | 'assigned',
    pick: number,
  ): { contactId: string; agentId: string } | undefined => {
    const list = [...model.holding].filter(([, h]) => h.state === state).sort(([a], [b]) => (a < b ? -1 : 1));
    const entry = list.length === 0 ? undefined : list[pick % list.length];
    return entry === undefined ? undefined : { contactId: entry[0], agentId: entry[1].agentId };
  };
  for (const intent of intents) {
    switch (intent.k) {
      case 'arrive': {
        const queueId = ['q1', 'q2', 'q3'][intent.queue];
        const id = `c${seq++}`;
        apply({
          type: 'contactArrived',
          contact: {
            id,
            tenantId: queueId === 'q3' ? 't2' : 't1',
            channel: CHANNELS[intent.channel],
            queueId,
            basePriority: intent.priority * 10,
            requiredSkills: intent.req.map((r) => ({ skill: SKILLS[r % 3], minProficiency: 1 + (r % 8) })),
            optionalSkills: intent.opt === 0 ? [] : [{ skill: SKILLS[intent.opt - 1], minProficiency: 5 }],
            ...(intent.lang === 0 ? {} : { language: intent.lang === 3 ? 'fr' : 'en' }),
            ...(intent.tier === 0 ? {} : { customerTier: intent.tier === 1 ? 'vip' : 'standard' }),
            ...(intent.sla === 0 ? {} : { slaDeadline: clock.t + intent.sla * 40_000 }),
            ...(intent.sticky < AGENT_IDS.length
              ? { lastAgentId: AGENT_IDS[intent.sticky], lastHandledAt: clock.t - 1000 }
              : {}),
          },
        });
        break;
      }
      case 'accept':
      case 'decline': {
        const h = held('offered', intent.pick);
        if (h !== undefined) apply({ type: intent.k === 'accept' ? 'offerAccepted' : 'offerDeclined', ...h });
        break;
      }
      case 'complete': {
        const h = held('assigned', intent.pick);
        if (h !== undefined)
          apply({
            type: 'contactCompleted',
            contactId: h.contactId,
            ...(intent.wrap ? { agentStatus: 'wrap-up' as const } : {}),
          });
        break;
      }
      case 'withdraw': {
        const ids = [...model.contacts.keys()];
        if (ids.length > 0) apply({ type: 'contactWithdrawn', contactId: ids[intent.pick % ids.length] });
        break;
      }
      case 'status':
        apply({ type: 'setAgentStatus', agentId: AGENT_IDS[intent.agent], status: STATUSES[intent.status] });
        break;
      case 'reskill': {
        const prev = model.agents.get(AGENT_IDS[intent.agent]);
        const cmd = agentCommand(intent.agent, intent.skills, intent.lang);
        // Keep the current status: a profile edit is not a presence change.
        if (cmd.type === 'upsertAgent' && prev !== undefined)
          apply({ type: 'upsertAgent', agent: { ...cmd.agent, status: model.status.get(prev.id) } });
        else apply(cmd);
        break;
      }
      case 'advance':
        advance(engine, clock, intent.ms, apply);
        break;
      case 'policy':
        apply({
          type: 'upsertQueue',
          queue: queuePolicy('q1', 't1', STRATEGIES[intent.strategy], STEP_PLANS[intent.steps]),
        });
        break;
      case 'remove':
        apply({ type: 'removeAgent', agentId: AGENT_IDS[intent.agent] });
        break;
      case 'escalate':
      case 'rescind':
      case 'transfer':
        applyFeedback(intent, model, apply);
        break;
    }
  }
  return { log, violations: model.violations, engine, model, clock, queues };
}

/** Moves time forward, ticking at every armed timer on the way, as a host's single timer would. */
export function advance(
  engine: RoutingEngine,
  clock: ManualClock,
  ms: number,
  apply: (cmd: RoutingCommand) => void,
): void {
  const until = clock.t + ms;
  for (;;) {
    const next = engine.nextTimerAt();
    if (next === undefined || next > until) break;
    clock.t = Math.max(clock.t, next);
    apply({ type: 'tick' });
  }
  clock.t = until;
}
