import type { AgentCommandV1, RoutingEventBody } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from './command-outcome.publisher';

const AT = '2026-12-05T10:00:00.000Z';
const command = (commandId: string): AgentCommandV1 => ({
  schema: 'switchboard.agent-command.v1',
  commandId,
  tenantId: 't1',
  agentId: 'a1',
  issuedAt: AT,
  type: 'offer.accept',
  offerId: 'o1',
});
const rejected = (commandId: string, code: string): RoutingEventBody => ({
  type: 'command.rejected',
  commandId,
  agentId: 'a1',
  code,
  message: `${code} message`,
});
const resolved: RoutingEventBody = { type: 'conversation.resolved', conversationId: 'v1', agentId: 'a1' };

describe('outcomeOf', () => {
  it('is a refusal exactly when the events added name the command in a command.rejected', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(resolved),
            fc.constantFrom('c-1', 'c-2').map((id) => rejected(id, 'OFFER_NOT_LIVE')),
          ),
        ),
        (added) => {
          const outcome = outcomeOf(command('c-1'), added, AT);
          const refusal = added.find((e) => e.type === 'command.rejected' && e.commandId === 'c-1');
          expect(outcome.ok).toBe(refusal === undefined);
          expect(outcome).toMatchObject({ commandId: 'c-1', tenantId: 't1', agentId: 'a1', at: AT });
          if (!outcome.ok) expect(outcome).toMatchObject({ code: 'OFFER_NOT_LIVE' });
        },
      ),
    );
  });
});
