import { describe, expect, it } from 'vitest';
import {
  InboundContactV1Schema,
  maxUtf8Bytes,
  parseWith,
  StorableTextSchema,
  THREAD_KEY_MAX_BYTES,
  toJsonSchemas,
  utf8ByteLength,
  utf8LimitMessage,
} from './index';

const validInbound = {
  schema: 'switchboard.inbound-contact.v1',
  tenantId: 'demo',
  channel: 'email',
  channelMessageId: '<m1@example.com>',
  from: { address: 'dana@example.com' },
  body: 'My card was charged twice',
  sentAt: '2026-11-24T10:00:00Z',
  receivedAt: '2026-11-24T10:00:01.250Z',
};

const CJK = '\u4e00';
const EMOJI = '😀';

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = parseWith(InboundContactV1Schema, input);
  return result.ok ? [] : result.issues;
}

describe('UTF-8 byte length', () => {
  it('counts what an encoder writes, an unpaired surrogate as U+FFFD', () => {
    const encoder = new TextEncoder();
    for (const text of [
      '',
      'ascii',
      'é ß ø',
      `${CJK}漢字`,
      `${EMOJI}𝄞`,
      '\ud800',
      'a\udc00b',
      `\ud800${EMOJI}`,
    ]) {
      expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
    }
  });

  it('refuses past the limit, naming it, and accepts exactly at it', () => {
    const schema = maxUtf8Bytes(StorableTextSchema, 6);
    expect(schema.safeParse(`${CJK}${CJK}`).success).toBe(true);
    const over = schema.safeParse(`${CJK}${CJK}a`);
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((i) => i.message)).toEqual([utf8LimitMessage(6)]);
    expect(utf8LimitMessage(2000)).toBe('must be at most 2000 bytes in UTF-8');
  });
});

describe('threadKey fits the conversations thread index', () => {
  const bytesRefused = [{ path: 'threadKey', message: 'must be at most 2000 bytes in UTF-8' }];

  it('refuses 998 CJK characters (2994 bytes), naming the byte limit', () => {
    expect(issuesOf({ ...validInbound, threadKey: CJK.repeat(998) })).toEqual(bytesRefused);
  });

  it('accepts a 998-character ASCII Message-ID', () => {
    const threadKey = `<${'a'.repeat(998 - '<@mail.example.com>'.length)}@mail.example.com>`;
    expect(threadKey).toHaveLength(998);
    expect(issuesOf({ ...validInbound, threadKey })).toEqual([]);
  });

  it('draws the line at 2000 bytes, counting an emoji as 4 bytes, not 6', () => {
    expect(THREAD_KEY_MAX_BYTES).toBe(2000);
    expect(issuesOf({ ...validInbound, threadKey: `${CJK.repeat(666)}ab` })).toEqual([]);
    expect(issuesOf({ ...validInbound, threadKey: `${CJK.repeat(666)}abc` })).toEqual(bytesRefused);
    // 499 emoji are 998 UTF-16 units and 1996 bytes.
    expect(issuesOf({ ...validInbound, threadKey: EMOJI.repeat(499) })).toEqual([]);
  });

  it('tells integrators reading the JSON Schema', () => {
    const schemas = toJsonSchemas() as Record<
      string,
      { properties: Record<string, { description?: string; maxLength?: number }> }
    >;
    expect(schemas['inbound-contact.v1'].properties.threadKey).toMatchObject({
      maxLength: 998,
      description: expect.stringContaining('2000 bytes in UTF-8') as unknown,
    });
  });
});

describe('other indexed inbound fields fit by their character limits alone', () => {
  it('accepts channelMessageId and from.address at their limits in the widest characters', () => {
    const widest = { ...validInbound, channelMessageId: CJK.repeat(256), from: { address: CJK.repeat(320) } };
    expect(issuesOf(widest)).toEqual([]);
    // 768 and 960 bytes: well inside a 2704-byte btree entry together with tenant_id and channel.
    expect(utf8ByteLength(widest.channelMessageId)).toBe(768);
    expect(utf8ByteLength(widest.from.address)).toBe(960);
  });
});
