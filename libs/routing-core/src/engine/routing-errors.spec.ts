import { describe, expect, it } from 'vitest';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import type { RoutingCommand } from '../model/routing-command.model';
import { agentInput, contactInput, harness } from '../testing/routing.fixtures';

// Invalid commands are rejected with a code and leave the state exactly as it was.
describe('routing errors', () => {
  const cases: [string, RoutingCommand, RoutingErrorCode][] = [
    [
      'unknown agent',
      { type: 'setAgentStatus', agentId: 'nobody', status: 'available' },
      RoutingErrorCode.UnknownAgent,
    ],
    [
      'unknown queue',
      { type: 'contactArrived', contact: contactInput('x', { queueId: 'nope' }) },
      RoutingErrorCode.UnknownQueue,
    ],
    [
      'other tenant queue',
      { type: 'contactArrived', contact: contactInput('x', { tenantId: 't2' }) },
      RoutingErrorCode.TenantMismatch,
    ],
    [
      'duplicate contact',
      { type: 'contactArrived', contact: contactInput('c1') },
      RoutingErrorCode.DuplicateContact,
    ],
    ['unknown contact', { type: 'contactWithdrawn', contactId: 'ghost' }, RoutingErrorCode.UnknownContact],
    ['not assigned', { type: 'contactCompleted', contactId: 'c1' }, RoutingErrorCode.ContactNotAssigned],
    [
      'offer not live',
      { type: 'offerDeclined', contactId: 'c1', agentId: 'a1' },
      RoutingErrorCode.OfferNotLive,
    ],
    [
      'bad proficiency',
      { type: 'upsertAgent', agent: agentInput('a2', { skills: [{ skill: 's', proficiency: 11 }] }) },
      RoutingErrorCode.InvalidCommand,
    ],
    [
      'bad channel',
      { type: 'contactArrived', contact: contactInput('y', { channel: 'fax' as never }) },
      RoutingErrorCode.InvalidCommand,
    ],
    [
      'bad capacity',
      { type: 'upsertAgent', agent: agentInput('a3', { capacity: { chat: -1 } }) },
      RoutingErrorCode.InvalidCommand,
    ],
    [
      'overflow to unknown',
      {
        type: 'upsertQueue',
        queue: { id: 'q9', tenantId: 't1', relaxation: [{ afterMs: 1, action: 'overflow', queueId: 'zz' }] },
      },
      RoutingErrorCode.UnknownQueue,
    ],
    ['queue in use', { type: 'removeQueue', queueId: 'q1' }, RoutingErrorCode.QueueInUse],
    ['unknown type', { type: 'explode' } as unknown as RoutingCommand, RoutingErrorCode.InvalidCommand],
  ];

  it.each(cases)('%s', (_name, command, code) => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { status: 'busy' }) });
    engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    const before = JSON.stringify([engine.getContact('c1'), engine.getAgent('a1'), engine.nextTimerAt()]);
    let error: unknown;
    try {
      engine.apply(command);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as RoutingError).code).toBe(code);
    expect(JSON.stringify([engine.getContact('c1'), engine.getAgent('a1'), engine.nextTimerAt()])).toBe(
      before,
    );
  });
});
