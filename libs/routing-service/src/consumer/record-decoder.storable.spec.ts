import { InboundContactV1Schema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { decodeRecord } from './record-decoder';

// Text PostgreSQL cannot store must become a dead letter with its reason, not a batch that fails forever.
describe('decodeRecord: unstorable text', () => {
  const record = (body: string) =>
    Buffer.from(
      JSON.stringify({
        schema: 'switchboard.inbound-contact.v1',
        tenantId: 'demo',
        channel: 'whatsapp',
        channelMessageId: 'wa-1',
        from: { address: '+15550100' },
        body,
        sentAt: '2026-11-24T10:00:00Z',
        receivedAt: '2026-11-24T10:00:01Z',
      }),
    );

  it('rejects a body with the NUL character, naming body in the reason and the issues', () => {
    const decoded = decodeRecord(InboundContactV1Schema, record('hello\u0000world'));
    expect(decoded).toEqual({
      ok: false,
      rejection: {
        code: 'VALIDATION_FAILED',
        reason: 'Schema violation: body: must not contain the NUL character (U+0000)',
        issues: [{ path: 'body', message: 'must not contain the NUL character (U+0000)' }],
      },
    });
  });

  it('rejects a body with an unpaired surrogate escaped in the JSON', () => {
    const decoded = decodeRecord(InboundContactV1Schema, record('broken \ud83d emoji'));
    expect(decoded).toMatchObject({
      ok: false,
      rejection: { reason: 'Schema violation: body: must not contain unpaired UTF-16 surrogates' },
    });
  });

  it('still accepts a body with paired surrogates', () => {
    expect(decodeRecord(InboundContactV1Schema, record('fine 😀')).ok).toBe(true);
  });
});
