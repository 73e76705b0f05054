import type { AppConfig } from '@switchboard/config';
import { DomainError } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { InboundContactBodyPipe } from './inbound-contact-body.pipe';

const body = (url: string) => ({
  channel: 'email',
  channelMessageId: '<m1@example.com>',
  from: { address: 'dana@example.com' },
  body: 'see attached',
  sentAt: '2026-11-24T10:00:00Z',
  attachments: [{ name: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1, url }],
});

const pipeFor = (allowHttp: boolean) =>
  new InboundContactBodyPipe({ urls: { allowHttp } } as unknown as AppConfig);

describe('InboundContactBodyPipe', () => {
  it('refuses http attachment URLs by default, naming the field', () => {
    const refuse = () => pipeFor(false).transform(body('http://cdn.example/a.pdf'));
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow(/attachments\.0\.url/);
  });

  it('accepts them with ALLOW_HTTP_URLS, and still refuses javascript:', () => {
    expect(pipeFor(true).transform(body('http://cdn.example/a.pdf')).attachments?.[0]?.url).toBe(
      'http://cdn.example/a.pdf',
    );
    expect(() => pipeFor(true).transform(body('javascript:alert(1)'))).toThrow(/attachments\.0\.url/);
  });
});
