import { describe, expect, it } from 'vitest';
import { readWhatsAppPayload } from './whatsapp-payload.reader';

const change = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value }] }],
});

describe('readWhatsAppPayload', () => {
  it('reads batched messages with the senders names, media metadata and seconds timestamps', () => {
    const payload = readWhatsAppPayload(
      change({
        metadata: { phone_number_id: 'pn-1' },
        contacts: [{ wa_id: '351910000001', profile: { name: 'Maria' } }],
        messages: [
          {
            from: '351910000001',
            id: 'wamid.1',
            timestamp: '1700000000',
            type: 'text',
            text: { body: 'Olá' },
          },
          {
            from: '351910000002',
            id: 'wamid.2',
            timestamp: '1700000001',
            type: 'document',
            document: {
              id: 'media-9',
              filename: 'invoice.pdf',
              mime_type: 'application/pdf',
              sha256: 'c2hh',
              caption: 'see this',
            },
          },
        ],
      }),
      'pn-1',
    );
    expect(payload.messages).toEqual([
      {
        id: 'wamid.1',
        from: '351910000001',
        displayName: 'Maria',
        body: 'Olá',
        sentAt: '2023-11-14T22:13:20.000Z',
        attachments: [],
      },
      {
        id: 'wamid.2',
        from: '351910000002',
        body: 'see this',
        sentAt: '2023-11-14T22:13:21.000Z',
        attachments: [
          {
            name: 'invoice.pdf',
            contentType: 'application/pdf',
            sizeBytes: 0,
            mediaId: 'media-9',
            sha256: 'c2hh',
          },
        ],
      },
    ]);
    expect(payload.unreadable).toEqual([]);
  });

  it('maps statuses (read counts as delivered) and keeps the failure reason', () => {
    const payload = readWhatsAppPayload(
      change({
        metadata: { phone_number_id: 'pn-1' },
        statuses: [
          { id: 'wamid.out-1', status: 'read', timestamp: '1700000000' },
          { id: 'wamid.out-2', status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] },
          { id: 'wamid.out-3', status: 'deleted' },
        ],
      }),
      'pn-1',
    );
    expect(payload.statuses).toEqual([
      { providerMessageId: 'wamid.out-1', status: 'delivered', at: '2023-11-14T22:13:20.000Z' },
      { providerMessageId: 'wamid.out-2', status: 'failed', reason: '131047: Re-engagement message' },
    ]);
    expect(payload.unreadable).toHaveLength(1);
  });

  it('sets aside messages for another phone number and messages without an id', () => {
    const payload = readWhatsAppPayload(
      change({
        metadata: { phone_number_id: 'pn-2' },
        messages: [{ from: '1', id: 'wamid.x', type: 'text' }, { from: '2' }],
      }),
      'pn-1',
    );
    expect(payload.messages).toEqual([]);
    expect(payload.unreadable.map((u) => u.reason)).toEqual([
      'addressed to phone-number id pn-2',
      'message without id or from',
    ]);
  });

  it('reads nothing from a body of another shape', () => {
    expect(readWhatsAppPayload({ entry: 'nope' }, 'pn-1')).toEqual({
      messages: [],
      statuses: [],
      unreadable: [],
    });
    expect(readWhatsAppPayload(null, 'pn-1')).toEqual({ messages: [], statuses: [], unreadable: [] });
  });
});
