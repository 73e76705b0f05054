// Random escalations, offer rescinds and transfers for the random-world property specs: the feedback
// an SLA policy (or a supervisor) sends into routing, aimed at contacts the model knows.
import fc from 'fast-check';
import type { EscalationReason } from '../model/contact.model';
import type { RoutingCommand, WidenSkills } from '../model/routing-command.model';
import type { RoutingDecision } from '../model/routing-decision.model';
import type { RoutingModel } from './routing-model.checker';

const SKILLS = ['s0', 's1', 's2'];

export type FeedbackIntent =
  | { k: 'escalate'; pick: number; reason: number; raise: number; widen: number; overflow: boolean }
  | { k: 'rescind'; pick: number; reason: number }
  | { k: 'transfer'; pick: number; queue: number; req: number[]; keepSkills: boolean };

const nat = (max: number): fc.Arbitrary<number> => fc.nat({ max });

export const feedbackIntentArbs: { weight: number; arbitrary: fc.Arbitrary<FeedbackIntent> }[] = [
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('escalate' as const),
      pick: nat(9),
      reason: nat(3),
      raise: fc.constantFrom(0, 15, 200, 1_000_000),
      widen: nat(2),
      overflow: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('rescind' as const), pick: nat(9), reason: nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      pick: nat(9),
      queue: nat(2),
      req: fc.array(nat(10), { maxLength: 2 }),
      keepSkills: fc.boolean(),
    }),
  },
];

const REASONS: EscalationReason[] = [
  { cause: 'sla-warning', target: 'first-response' },
  { cause: 'sla-breach', target: 'first-response' },
  { cause: 'sla-warning', target: 'next-response' },
  { cause: 'supervisor', target: 'sup-1' },
];
const WIDEN: (WidenSkills | undefined)[] = [undefined, 'next-ring', 'outer-ring'];

/** Escalations, rescinds and transfers, aimed at a contact picked among those the model knows. */
export function applyFeedback(
  intent: FeedbackIntent,
  model: RoutingModel,
  apply: (cmd: RoutingCommand) => RoutingDecision[] | undefined,
): void {
  const ids = [...model.contacts.keys()];
  const contactId = ids.length === 0 ? undefined : ids[intent.pick % ids.length];
  if (contactId === undefined) return;
  const tenantId = model.contacts.get(contactId)?.tenantId;
  // Queues of the contact's tenant; q3 (t2) as a target for a t1 contact exercises the refusal.
  const target = (n: number): string => (tenantId === 't2' && n !== 2 ? 'q3' : ['q1', 'q2', 'q3'][n]);
  if (intent.k === 'escalate') {
    const widen = WIDEN[intent.widen];
    const cmd: RoutingCommand = {
      type: 'escalateContact',
      contactId,
      reason: REASONS[intent.reason],
      ...(intent.raise === 0 ? {} : { raiseScoreBy: intent.raise }),
      ...(widen === undefined ? {} : { widenSkills: widen }),
      ...(intent.overflow ? { overflowToQueueId: target(intent.reason % 2 === 0 ? 1 : 0) } : {}),
    };
    // Delivered twice, as a host may: the repeat must change nothing.
    if (apply(cmd) !== undefined && apply(cmd)?.length !== 0)
      model.violations.push(`repeated escalation of ${contactId} emitted decisions`);
  } else if (intent.k === 'rescind') {
    const held = model.holding.get(contactId);
    if (held?.state === 'offered') apply({ type: 'rescindOffer', contactId, reason: REASONS[intent.reason] });
  } else {
    apply({
      type: 'transferContact',
      contactId,
      toQueueId: target(intent.queue),
      ...(intent.keepSkills
        ? {}
        : {
            requiredSkills: intent.req.map((r) => ({ skill: SKILLS[r % 3], minProficiency: 1 + (r % 8) })),
          }),
      reason: 'random transfer',
    });
  }
}
