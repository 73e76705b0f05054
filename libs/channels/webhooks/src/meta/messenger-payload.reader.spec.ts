import { describe, expect, it } from 'vitest';
import { readMessengerPayload } from './messenger-payload.reader';

describe('readMessengerPayload', () => {
  it('reads customer messages and attachments; skips echoes, receipts and other pages', () => {
    const payload = readMessengerPayload(
      {
        object: 'page',
        entry: [
          {
            id: 'page-1',
            messaging: [
              {
                sender: { id: 'psid-1' },
                recipient: { id: 'page-1' },
                timestamp: 1700000000000,
                message: { mid: 'm.1', text: 'Hi' },
              },
              {
                sender: { id: 'psid-1' },
                timestamp: 1700000000001,
                message: {
                  mid: 'm.2',
                  attachments: [{ type: 'image', payload: { url: 'https://cdn.example/x.jpg' } }],
                },
              },
              { sender: { id: 'page-1' }, message: { mid: 'm.3', text: 'echo', is_echo: true } },
              { sender: { id: 'psid-1' }, delivery: { mids: ['m.0'] } },
            ],
          },
          {
            id: 'page-2',
            messaging: [{ sender: { id: 'psid-9' }, message: { mid: 'm.9', text: 'elsewhere' } }],
          },
        ],
      },
      'page-1',
    );
    expect(payload.messages).toEqual([
      { id: 'm.1', from: 'psid-1', body: 'Hi', sentAt: '2023-11-14T22:13:20.000Z', attachments: [] },
      {
        id: 'm.2',
        from: 'psid-1',
        body: '[image-1]',
        sentAt: '2023-11-14T22:13:20.001Z',
        attachments: [
          { name: 'image-1', contentType: 'image/*', sizeBytes: 0, url: 'https://cdn.example/x.jpg' },
        ],
      },
    ]);
    expect(payload.unreadable).toEqual([
      expect.objectContaining({ id: 'm.9', reason: 'addressed to account id page-2' }),
    ]);
  });
});
