import type { Inbox } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { toInboxView } from './inbox.view';

const inbox = (over: Partial<Inbox> = {}): Inbox => ({
  id: 'i1',
  tenantId: 't1',
  channel: 'x',
  name: 'X',
  address: '12345',
  defaultQueueId: null,
  webhookSecretHash: null,
  active: true,
  secretsCiphertext: 'v1.sealed',
  allowedOrigins: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

describe('toInboxView', () => {
  it("lists the channel's secrets as set or not, hinting only at long ones, and never the value", () => {
    const view = toInboxView(inbox(), { consumerSecret: 'consumer-secret-abcd' });
    expect(view.secrets).toEqual({
      consumerSecret: { set: true, hint: '…abcd' },
      accessToken: { set: false, hint: null },
    });
    expect(JSON.stringify(view)).not.toContain('consumer-secret');
    expect(toInboxView(inbox(), { accessToken: 'short-tok' }).secrets.accessToken).toEqual({
      set: true,
      hint: null,
    });
  });

  it('shows sealed secrets it cannot open as set, without hints', () => {
    expect(toInboxView(inbox(), null).secrets.consumerSecret).toEqual({ set: true, hint: null });
    expect(toInboxView(inbox({ secretsCiphertext: null }), null).secrets.accessToken).toEqual({
      set: false,
      hint: null,
    });
  });

  it('derives the webhook URL for channels that call back, and none for email', () => {
    expect(toInboxView(inbox(), {}).webhookUrl).toBe('/v1/channels/x/i1/webhook');
    const email = toInboxView(inbox({ channel: 'email', address: 'a@b.co', secretsCiphertext: null }), {});
    expect(email.webhookUrl).toBeNull();
    expect(email.secrets).toEqual({});
  });
});
