import { InboundContactV1Schema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { decodeRecord } from './record-decoder';

describe('decodeRecord', () => {
  it('rejects bytes that are not JSON with INVALID_JSON', () => {
    const decoded = decodeRecord(InboundContactV1Schema, Buffer.from([0xde, 0xad]));
    expect(decoded).toMatchObject({ ok: false, rejection: { code: 'INVALID_JSON' } });
  });

  it('names every bad field in the reason and the issues', () => {
    const decoded = decodeRecord(InboundContactV1Schema, Buffer.from(JSON.stringify({ schema: 'nope' })));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.rejection.code).toBe('VALIDATION_FAILED');
    expect(decoded.rejection.reason).toMatch(/^Schema violation: channel: .*; body: .*\(\+3 more\)$/);
    expect(decoded.rejection.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['tenantId', 'channel', 'body']),
    );
  });

  it('survives hostile input without throwing', () => {
    for (const raw of [
      '',
      'null',
      '[]',
      '"x"',
      '{"__proto__":{"polluted":1}}',
      '9'.repeat(10_000),
      '{'.repeat(5000),
    ]) {
      expect(decodeRecord(InboundContactV1Schema, Buffer.from(raw)).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
