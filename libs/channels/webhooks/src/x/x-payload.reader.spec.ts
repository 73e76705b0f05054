import { describe, expect, it } from 'vitest';
import { readXPayload } from './x-payload.reader';

describe('readXPayload', () => {
  it("reads DMs from others with their names; skips the account's own sends and other events", () => {
    const payload = readXPayload(
      {
        for_user_id: 'me',
        direct_message_events: [
          {
            type: 'message_create',
            id: 'dm-1',
            created_timestamp: '1700000000000',
            message_create: {
              sender_id: 'u-1',
              target: { recipient_id: 'me' },
              message_data: { text: 'hey' },
            },
          },
          {
            type: 'message_create',
            id: 'dm-2',
            message_create: { sender_id: 'me', message_data: { text: 'ours' } },
          },
          { type: 'message_create', message_create: { sender_id: 'u-2' } },
        ],
        users: { 'u-1': { id: 'u-1', name: 'Uma', screen_name: 'uma' } },
      },
      'me',
    );
    expect(payload.messages).toEqual([
      {
        id: 'dm-1',
        from: 'u-1',
        displayName: 'Uma',
        body: 'hey',
        sentAt: '2023-11-14T22:13:20.000Z',
        attachments: [],
      },
    ]);
    expect(payload.unreadable).toHaveLength(1);
  });
});
