import { HTTPS_ONLY } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { emptyPayload } from './platform-payload';
import { WebhookRecordsBuilder } from './webhook-records.builder';
import type { WebhookInbox } from './webhook-secrets.port';

const inbox: WebhookInbox = {
  inboxId: 'inbox-1',
  tenantId: 'tenant-1',
  channel: 'whatsapp',
  address: 'pn-1',
  defaultQueueName: 'support',
};
const now = new Date('2026-12-04T10:00:00.000Z');

describe('WebhookRecordsBuilder', () => {
  const builder = new WebhookRecordsBuilder(HTTPS_ONLY);

  it('builds inbound contacts naming the inbox, its default queue and a per-customer thread', () => {
    const built = builder.build(
      inbox,
      {
        ...emptyPayload(),
        messages: [{ id: 'wamid.1', from: '3519', displayName: 'Maria', body: 'Olá', attachments: [] }],
      },
      now,
    );
    expect(built.contacts).toEqual([
      {
        schema: 'switchboard.inbound-contact.v1',
        tenantId: 'tenant-1',
        channel: 'whatsapp',
        inboxId: 'inbox-1',
        channelMessageId: 'wamid.1',
        from: { address: '3519', displayName: 'Maria' },
        body: 'Olá',
        sentAt: '2026-12-04T10:00:00.000Z',
        threadKey: 'whatsapp:pn-1:3519',
        queue: 'support',
        receivedAt: '2026-12-04T10:00:00.000Z',
      },
    ]);
  });

  it('records attachment metadata only: the media id and stated checksum steer the fetch, not the contract', () => {
    const built = builder.build(
      inbox,
      {
        ...emptyPayload(),
        messages: [
          {
            id: 'wamid.2',
            from: '3519',
            body: '[image]',
            attachments: [
              { name: 'image-m1', contentType: 'image/jpeg', sizeBytes: 0, mediaId: 'm1', sha256: 'abc' },
            ],
          },
        ],
      },
      now,
    );
    expect(built.rejected).toEqual([]);
    expect(built.contacts[0].attachments).toEqual([
      { name: 'image-m1', contentType: 'image/jpeg', sizeBytes: 0 },
    ]);
  });

  it('rejects, with the failing field, a message the inbound contract refuses; the others still build', () => {
    const built = builder.build(
      inbox,
      {
        ...emptyPayload(),
        messages: [
          { id: 'ok', from: '1', body: 'fine', attachments: [] },
          {
            id: 'bad',
            from: '2',
            body: 'x',
            attachments: [{ name: 'a', contentType: 'image/*', sizeBytes: 0, url: 'http://plain.example' }],
          },
        ],
      },
      now,
    );
    expect(built.contacts.map((c) => c.channelMessageId)).toEqual(['ok']);
    expect(built.rejected).toEqual([
      expect.objectContaining({ id: 'bad', reason: expect.stringContaining('attachments.0.url') as unknown }),
    ]);
  });

  it('builds provider delivery statuses for the inbox channel', () => {
    const built = builder.build(
      inbox,
      { ...emptyPayload(), statuses: [{ providerMessageId: 'wamid.out', status: 'delivered' }] },
      now,
    );
    expect(built.statuses).toEqual([
      {
        schema: 'switchboard.delivery-status.v1',
        by: 'provider',
        tenantId: 'tenant-1',
        channel: 'whatsapp',
        providerMessageId: 'wamid.out',
        status: 'delivered',
        at: '2026-12-04T10:00:00.000Z',
      },
    ]);
  });
});
