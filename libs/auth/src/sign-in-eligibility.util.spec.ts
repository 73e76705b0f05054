import { DomainError, ErrorCode } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertMaySignIn } from './sign-in-eligibility.util';

describe('assertMaySignIn', () => {
  it('refuses exactly the logins whose agent is deactivated, with FORBIDDEN', () => {
    fc.assert(
      fc.property(fc.option(fc.record({ active: fc.boolean() }), { nil: null }), (agent) => {
        const refused = agent !== null && !agent.active;
        let thrown: unknown = null;
        try {
          assertMaySignIn({ agent });
        } catch (error) {
          thrown = error;
        }
        expect(thrown !== null).toBe(refused);
        if (refused) {
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(ErrorCode.Forbidden);
        }
      }),
    );
  });
});
