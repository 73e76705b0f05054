import type { InboundContactV1 } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, withinRecordSize } from './receive-email.usecase';

const record = (html: string): InboundContactV1 => ({
  schema: 'switchboard.inbound-contact.v1',
  tenantId: 't1',
  channel: 'email',
  channelMessageId: '<m@x>',
  from: { address: 'a@x' },
  body: 'text',
  html,
  sentAt: '2026-12-04T10:00:00Z',
  receivedAt: '2026-12-04T10:00:00Z',
});

describe('withinRecordSize', () => {
  it('keeps HTML that fits a Kafka record, and drops it (keeping the text) when it would not', () => {
    expect(withinRecordSize(record('<p>hi</p>')).html).toBe('<p>hi</p>');
    // 400,000 three-byte characters: within the contract's 500,000 characters, over a 1 MiB record.
    const heavy = withinRecordSize(record('€'.repeat(400_000)));
    expect(heavy.html).toBeUndefined();
    expect(heavy.body).toBe('text');
    expect(Buffer.byteLength(JSON.stringify(heavy))).toBeLessThan(MAX_RECORD_BYTES);
  });
});
