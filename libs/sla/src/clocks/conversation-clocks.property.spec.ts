import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../business-calendar';
import { businessTimeBetween } from '../business-time';
import type { EffectiveSla } from '../policies/sla-policy.matcher';
import { DAY, scenarioArb } from '../testing/calendar.fixtures';
import { MINUTE, slaOf } from '../testing/clock.fixtures';
import type { ClockInput, ClockOutcome, ConversationClocks } from './clock.types';
import { applyClockInput, newConversationClocks } from './conversation-clocks.engine';

// Laws of the clock engine over random conversations: random calendars (or 24/7), targets, thresholds and
// event sequences, with transfers that change the targets (the calendar stays, so wall business time is
// an independent yardstick).
type Step =
  { type: Exclude<ClockInput['type'], 'opened' | 'transferred'> } | { type: 'transferred'; sla: Spec };
type Spec = { first: number | null; next: number | null; resolution: number | null; warnAtPercent: number };

const targetArb = fc.option(fc.integer({ min: 1, max: 3 * DAY }), { nil: null });
const specArb: fc.Arbitrary<Spec> = fc.record({
  first: targetArb,
  next: targetArb,
  resolution: targetArb,
  warnAtPercent: fc.integer({ min: 1, max: 99 }),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>(
    { type: 'customerMessage' },
    { type: 'agentReply' },
    { type: 'waitingOnCustomer' },
    { type: 'resolved' },
    { type: 'reopened' },
    { type: 'tick' },
  ),
  specArb.map((sla): Step => ({ type: 'transferred', sla })),
);
const gapArb = fc.oneof(
  fc.integer({ min: 0, max: 2 * DAY }),
  fc.integer({ min: 0, max: 90 }).map((m) => m * MINUTE),
);

interface Conversation {
  scenario: { calendar: BusinessCalendar | null; start: number };
  sla: Spec;
  steps: Array<[gap: number, step: Step]>;
}

const conversationArb: fc.Arbitrary<Conversation> = fc.record({
  scenario: fc.oneof(
    scenarioArb,
    fc
      .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) })
      .map((start) => ({ calendar: null, start })),
  ),
  sla: specArb,
  steps: fc.array(fc.tuple(gapArb, stepArb), { maxLength: 12 }),
});

interface Played {
  inputs: ClockInput[];
  /** Per input: the state before, the outcomes, the step's wakeAt. */
  steps: Array<{ before: ConversationClocks; outcomes: readonly ClockOutcome[]; wakeAt: number | null }>;
  outcomes: ClockOutcome[];
  calendar: BusinessCalendar | null;
  /** startedAt of every run, by `target#run`. */
  starts: Map<string, number>;
}

function effective(spec: Spec, calendar: BusinessCalendar | null, policyId: string): EffectiveSla {
  return slaOf({
    policyId,
    calendar,
    warnAtPercent: spec.warnAtPercent,
    firstResponse: spec.first,
    nextResponse: spec.next,
    resolution: spec.resolution,
  });
}

function play({ scenario, sla, steps }: Conversation): Played {
  const { calendar, start } = scenario;
  const inputs: ClockInput[] = [{ type: 'opened', at: start, sla: effective(sla, calendar, 'p0') }];
  let at = start;
  steps.forEach(([gap, step], i) => {
    at += gap;
    inputs.push(
      step.type === 'transferred'
        ? { type: 'transferred', at, sla: effective(step.sla, calendar, `p${i + 1}`) }
        : { type: step.type, at },
    );
  });
  let state = newConversationClocks();
  const played: Played = { inputs, steps: [], outcomes: [], calendar, starts: new Map() };
  for (const input of inputs) {
    const step = applyClockInput(state, input);
    played.steps.push({ before: state, outcomes: step.outcomes, wakeAt: step.wakeAt });
    played.outcomes.push(...step.outcomes);
    state = step.state;
    for (const [target, run] of Object.entries(state.runs)) {
      if (run) played.starts.set(`${target}#${run.run}`, run.startedAt);
    }
  }
  return played;
}

const runKey = (o: ClockOutcome): string => `${o.target}#${o.run}`;
const RUNS = { numRuns: 120 };

describe('conversation clocks (property)', () => {
  it('never breaches before the target’s business time has elapsed since the run started', () => {
    fc.assert(
      fc.property(conversationArb, (conversation) => {
        const { outcomes, calendar, starts } = play(conversation);
        for (const breach of outcomes.filter((o) => o.kind === 'breached')) {
          expect(breach.elapsedMs).toBeGreaterThanOrEqual(breach.targetMs);
          const startedAt = starts.get(runKey(breach)) ?? Number.NaN;
          expect(businessTimeBetween(startedAt, breach.at, calendar)).toBeGreaterThanOrEqual(breach.targetMs);
        }
      }),
      RUNS,
    );
  });

  it('warns before it breaches, never repeats an outcome, and reports in time order', () => {
    fc.assert(
      fc.property(conversationArb, (conversation) => {
        const { outcomes } = play(conversation);
        const seen = new Set<string>();
        outcomes.forEach((o, i) => {
          const key = `${o.kind} ${runKey(o)}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          if (o.kind === 'breached') expect(seen.has(`warning ${runKey(o)}`)).toBe(true);
          if (i > 0) expect(o.at).toBeGreaterThanOrEqual(outcomes[i - 1].at);
        });
      }),
      RUNS,
    );
  });

  it('fires nothing at all while resolved', () => {
    fc.assert(
      fc.property(conversationArb, (conversation) => {
        const { steps, inputs } = play(conversation);
        steps.forEach(({ before, outcomes }, i) => {
          if (before.status === 'resolved' && inputs[i].type !== 'reopened') expect(outcomes).toEqual([]);
        });
      }),
      RUNS,
    );
  });

  it('wakes up exactly when something fires: nothing just before wakeAt, something at it', () => {
    fc.assert(
      fc.property(conversationArb, fc.nat(), (conversation, pick) => {
        const { steps, inputs } = play(conversation);
        const i = pick % steps.length;
        const after = applyClockInput(steps[i].before, inputs[i]);
        fc.pre(after.wakeAt !== null);
        const wakeAt = after.wakeAt ?? 0;
        if (wakeAt - 1 >= inputs[i].at) {
          expect(applyClockInput(after.state, { type: 'tick', at: wakeAt - 1 }).outcomes).toEqual([]);
        }
        expect(applyClockInput(after.state, { type: 'tick', at: wakeAt }).outcomes.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('gives the same outcomes from a state restored from JSON (exactly-once across restarts)', () => {
    fc.assert(
      fc.property(conversationArb, fc.nat(), (conversation, pick) => {
        const { steps, inputs } = play(conversation);
        const i = pick % steps.length;
        const restored = JSON.parse(JSON.stringify(steps[i].before)) as ConversationClocks;
        expect(applyClockInput(restored, inputs[i])).toEqual(applyClockInput(steps[i].before, inputs[i]));
      }),
      { numRuns: 60 },
    );
  });
});
