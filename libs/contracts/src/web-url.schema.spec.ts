import { describe, expect, it } from 'vitest';
import { inboundContactSchemas, InboundContactV1Schema } from './inbound-contact.schema';
import { parseWith } from './validation.util';
import { webUrlProblem, webUrlSchema } from './web-url.schema';

const HOSTILE = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  'ftp://files.example/x',
  '//evil.example/x',
  '/relative/path',
  'https:/missing-slash',
  'https://',
  ' https://cdn.example/a.pdf',
  'https://cdn.example/a b.pdf',
  'https://cdn.example/\u0001.pdf',
  'https://cdn.example/\u0000.pdf',
];

describe('web URLs', () => {
  it('accept https, whatever the case of the scheme, with ports, paths, queries, fragments and IDNs', () => {
    for (const url of [
      'https://cdn.example/r.pdf',
      'HTTPS://CDN.EXAMPLE/R.PDF',
      'https://cdn.example:8443/a/b?c=d&e=%20#f',
      'https://bücher.example/ünïcode',
      'https://[2001:db8::1]/x',
    ]) {
      expect(webUrlProblem(url, { allowHttp: false })).toBeUndefined();
    }
  });

  it('refuse every other scheme, scheme-relative and relative URLs, and blanks or controls anywhere', () => {
    for (const url of HOSTILE) {
      expect(webUrlProblem(url, { allowHttp: true }), url).toBe('must be an http: or https: URL');
      expect(webUrlSchema().safeParse(url).success, url).toBe(false);
    }
  });

  it('refuse http unless the policy allows it', () => {
    expect(webUrlProblem('http://cdn.example/r.pdf', { allowHttp: false })).toBe('must be an https: URL');
    expect(webUrlProblem('http://cdn.example/r.pdf', { allowHttp: true })).toBeUndefined();
  });

  it('are at most 2048 characters', () => {
    const long = `https://cdn.example/${'a'.repeat(2048)}`;
    expect(webUrlSchema().safeParse(long).success).toBe(false);
  });
});

describe('inbound attachment URLs', () => {
  const record = (url: string) => ({
    schema: 'switchboard.inbound-contact.v1',
    tenantId: 'demo',
    channel: 'email',
    channelMessageId: '<m1@example.com>',
    from: { address: 'dana@example.com' },
    body: 'see attached',
    sentAt: '2026-11-24T10:00:00Z',
    receivedAt: '2026-11-24T10:00:01Z',
    attachments: [{ name: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1, url }],
  });

  it('are refused naming the field, by the default (https-only) contract', () => {
    const result = parseWith(InboundContactV1Schema, record('javascript:alert(1)'));
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'attachments.0.url', message: 'must be an https: URL' }],
    });
    expect(parseWith(InboundContactV1Schema, record('http://cdn.example/a.pdf')).ok).toBe(false);
  });

  it('may be http with a contract built for ALLOW_HTTP_URLS, which still refuses javascript:', () => {
    const { record: schema } = inboundContactSchemas({ allowHttp: true });
    expect(parseWith(schema, record('http://cdn.example/a.pdf')).ok).toBe(true);
    expect(parseWith(schema, record('javascript:alert(1)')).ok).toBe(false);
  });
});
