import { CreateInboxBodySchema } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOriginAllowedForInbox } from './chat-origin.policy';

const originArb = fc
  .tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 })))
  .map(([scheme, host, port]) => `${scheme}://${host}${port === null ? '' : `:${port}`}`);

describe('chat origin policy', () => {
  it('holds an inbox that lists origins to exactly those, whatever the server-wide list says', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(originArb, { minLength: 1, maxLength: 5 }),
        fc.array(originArb, { maxLength: 5 }),
        originArb,
        (inbox, serverWide, origin) => {
          const allowed = isOriginAllowedForInbox({ origin, host: 'switchboard.test' }, inbox, serverWide);
          expect(allowed).toBe(inbox.includes(origin));
        },
      ),
    );
  });

  it('falls back to the server-wide list for an inbox without origins', () => {
    fc.assert(
      fc.property(fc.array(originArb, { maxLength: 5 }), originArb, (serverWide, origin) => {
        const allowed = isOriginAllowedForInbox({ origin, host: 'switchboard.test' }, [], serverWide);
        expect(allowed).toBe(serverWide.includes(origin));
      }),
    );
  });

  it('always lets in the server’s own pages and clients that send no Origin', () => {
    const inbox = ['https://brand.example'];
    expect(isOriginAllowedForInbox({ origin: 'http://sb.test', host: 'sb.test' }, inbox, [])).toBe(true);
    expect(isOriginAllowedForInbox({ origin: undefined, host: 'sb.test' }, inbox, [])).toBe(true);
  });

  it('normalizes listed origins and refuses paths and other channels', () => {
    const body = { channel: 'chat', name: 'Site', address: 'site' } as const;
    const parsed = CreateInboxBodySchema.parse({
      ...body,
      allowedOrigins: ['HTTPS://Brand.Example/', 'https://brand.example'],
    });
    expect(parsed.allowedOrigins).toEqual(['https://brand.example']);
    expect(
      CreateInboxBodySchema.safeParse({ ...body, allowedOrigins: ['https://a.example/x'] }).success,
    ).toBe(false);
    expect(
      CreateInboxBodySchema.safeParse({
        channel: 'email',
        name: 'Mail',
        address: 'help@example.com',
        allowedOrigins: ['https://a.example'],
      }).success,
    ).toBe(false);
  });
});
