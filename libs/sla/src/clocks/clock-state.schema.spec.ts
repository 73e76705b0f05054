import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, MINUTE, slaOf } from '../testing/clock.fixtures';
import { ConversationClocksSchema } from './clock-state.schema';
import type { ClockInput } from './clock.types';
import { newConversationClocks } from './conversation-clocks.engine';

const T = Date.parse('2024-06-10T10:00:00Z');
type PlainType = Exclude<ClockInput['type'], 'opened' | 'transferred'>;
const inputArb = fc.constantFrom<PlainType | 'transferred'>(
  'customerMessage',
  'agentReply',
  'waitingOnCustomer',
  'resolved',
  'reopened',
  'tick',
  'transferred',
);

describe('ConversationClocksSchema', () => {
  it('accepts every state the engine produces, after a JSON round trip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), inputArb), { maxLength: 10 }),
        (steps) => {
          const sla = slaOf({
            firstResponse: 30 * MINUTE,
            nextResponse: 10 * MINUTE,
            resolution: 90 * MINUTE,
          });
          let at = T;
          const inputs: ClockInput[] = [{ type: 'opened', at, sla }];
          for (const [gap, type] of steps) {
            at += gap * MINUTE;
            inputs.push(type === 'transferred' ? { type, at, sla: slaOf({ policyId: 'b' }) } : { type, at });
          }
          const { state } = fold(inputs);
          const stored: unknown = JSON.parse(JSON.stringify(state));
          expect(ConversationClocksSchema.parse(stored)).toEqual(state);
        },
      ),
      { numRuns: 100 },
    );
    expect(ConversationClocksSchema.parse(newConversationClocks())).toEqual(newConversationClocks());
  });

  it('names what is wrong with a damaged or foreign state', () => {
    const state = fold([{ type: 'opened', at: T, sla: slaOf({ firstResponse: MINUTE }) }]).state;
    const damaged = { ...state, version: 2, runs: { ...state.runs, firstResponse: { run: 0 } } };
    const result = ConversationClocksSchema.safeParse(damaged);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toContain('version');
    expect(paths).toContain('runs.firstResponse.run');
  });
});
