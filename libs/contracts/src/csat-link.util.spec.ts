import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csatLinkKey, signCsatLink, verifyCsatLink } from './csat-link.util';

const key = csatLinkKey('server-secret');
const claims = { tenantId: 't1', conversationId: 'c1', expiresAt: 10_000 };

describe('CSAT survey links', () => {
  it('verifies its own token until it expires', () => {
    const token = signCsatLink(key, claims);
    expect(verifyCsatLink(key, token, 9_999)).toEqual(claims);
    expect(verifyCsatLink(key, token, 10_000)).toBeNull();
  });

  it('refuses a token signed with another key, or with any character changed', () => {
    const token = signCsatLink(key, claims);
    expect(verifyCsatLink(csatLinkKey('other-secret'), token, 0)).toBeNull();
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom('A', 'b', '0', '-', '.'), (i, c) => {
        fc.pre(token[i] !== c);
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyCsatLink(key, tampered, 0)).toBeNull();
      }),
    );
  });

  it('refuses malformed tokens without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        expect(verifyCsatLink(key, junk, 0)).toBeNull();
      }),
    );
  });
});
