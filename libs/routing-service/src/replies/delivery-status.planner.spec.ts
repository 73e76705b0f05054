import { DELIVERY_STATUS_V1, type DeliveryStatusV1 } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { planDeliveryStatus, providerKey, type DeliveryFacts } from './delivery-status.planner';

const at = '2026-12-04T10:00:00.000Z';
type ByMessage = Extract<DeliveryStatusV1, { by: 'message' }>;

const byMessage = (status: DeliveryStatusV1['status'], extra: Partial<ByMessage> = {}): ByMessage => ({
  schema: DELIVERY_STATUS_V1,
  by: 'message',
  tenantId: 't1',
  messageId: 'm1',
  status,
  at,
  ...extra,
});
const byProvider = (status: DeliveryStatusV1['status'], providerMessageId: string): DeliveryStatusV1 => ({
  schema: DELIVERY_STATUS_V1,
  by: 'provider',
  tenantId: 't1',
  channel: 'whatsapp',
  providerMessageId,
  status,
  at,
});

function facts(): DeliveryFacts {
  return {
    replies: new Map([
      [
        'm1',
        {
          id: 'm1',
          conversationId: 'c1',
          agentId: 'alice',
          channel: 'whatsapp',
          providerMessageId: null,
          status: 'queued',
        },
      ],
    ]),
    byProvider: new Map(),
  };
}

describe('delivery status planning', () => {
  it('records a sent reply with the platform’s id and pushes the status to its author', () => {
    const set = new WriteSet();
    expect(planDeliveryStatus(byMessage('sent', { providerMessageId: 'wamid.1' }), facts(), set)).toBe(
      'applied',
    );
    expect(set.deliveryUpdates.get('m1')).toEqual({
      status: 'sent',
      at: Date.parse(at),
      providerMessageId: 'wamid.1',
      reason: null,
    });
    expect(set.events).toEqual([
      {
        type: 'delivery.status',
        conversationId: 'c1',
        messageId: 'm1',
        agentId: 'alice',
        status: 'sent',
        providerMessageId: 'wamid.1',
        reason: null,
      },
    ]);
  });

  it('finds a reply by the platform’s id once it is known, even later in the same batch', () => {
    const set = new WriteSet();
    const known = facts();
    planDeliveryStatus(byMessage('sent', { providerMessageId: 'wamid.1' }), known, set);
    expect(known.byProvider.get(providerKey('whatsapp', 'wamid.1'))).toBe('m1');
    expect(planDeliveryStatus(byProvider('delivered', 'wamid.1'), known, set)).toBe('applied');
    expect(set.deliveryUpdates.get('m1')).toMatchObject({
      status: 'delivered',
      providerMessageId: 'wamid.1',
    });
    expect(set.events.map((e) => (e.type === 'delivery.status' ? e.status : e.type))).toEqual([
      'sent',
      'delivered',
    ]);
  });

  it('only moves forward: a late or repeated report changes nothing', () => {
    const set = new WriteSet();
    const known = facts();
    planDeliveryStatus(byMessage('delivered'), known, set);
    expect(planDeliveryStatus(byMessage('sent'), known, set)).toBe('stale');
    expect(planDeliveryStatus(byMessage('delivered'), known, set)).toBe('stale');
    expect(planDeliveryStatus(byMessage('failed'), known, set)).toBe('stale');
    expect(set.events).toHaveLength(1);
  });

  it('keeps the failure reason', () => {
    const set = new WriteSet();
    planDeliveryStatus(byMessage('failed', { reason: 'SEND_REFUSED: HTTP 400' }), facts(), set);
    expect(set.deliveryUpdates.get('m1')).toMatchObject({
      status: 'failed',
      reason: 'SEND_REFUSED: HTTP 400',
    });
  });

  it('ignores reports on messages it does not know', () => {
    const set = new WriteSet();
    expect(planDeliveryStatus(byProvider('delivered', 'wamid.elsewhere'), facts(), set)).toBe('unknown');
    expect(planDeliveryStatus({ ...byMessage('sent'), messageId: 'm-other' }, facts(), set)).toBe('unknown');
    expect(set.isEmpty()).toBe(true);
  });

  it('folds a status into a reply stored in the same batch', () => {
    const set = new WriteSet();
    set.addReply({
      id: 'm1',
      conversationId: 'c1',
      agentId: 'alice',
      channel: 'whatsapp',
      channelMessageId: 'reply:alice:x',
      body: 'Hi',
      html: null,
      sentAt: 1,
      deliveryStatus: 'queued',
      deliveryStatusAt: 1,
      providerMessageId: null,
      deliveryError: null,
    });
    planDeliveryStatus(byMessage('sent', { providerMessageId: 'wamid.9' }), facts(), set);
    expect(set.deliveryUpdates.size).toBe(0);
    expect(set.replies[0]).toMatchObject({ deliveryStatus: 'sent', providerMessageId: 'wamid.9' });
  });
});
