import { describe, expect, it } from 'vitest';
import { isListedOrigin, isOriginAllowed, isSameOrigin } from './origin-policy';

describe('origin policy', () => {
  const list = ['https://console.example.com'];

  it('allows requests without an Origin (not a browser page on another site)', () => {
    expect(isOriginAllowed({ origin: undefined, host: 'api.example.com' }, [])).toBe(true);
  });

  it('allows the server’s own host, whatever the scheme', () => {
    expect(isSameOrigin({ origin: 'https://api.example.com', host: 'api.example.com' })).toBe(true);
    expect(isSameOrigin({ origin: 'http://localhost:3000', host: 'localhost:3000' })).toBe(true);
    expect(isSameOrigin({ origin: 'http://localhost:3001', host: 'localhost:3000' })).toBe(false);
  });

  it('allows listed origins only, and refuses everything else by default', () => {
    expect(isOriginAllowed({ origin: 'https://console.example.com', host: 'api.example.com' }, list)).toBe(
      true,
    );
    expect(isOriginAllowed({ origin: 'https://evil.example', host: 'api.example.com' }, list)).toBe(false);
    expect(isOriginAllowed({ origin: 'https://console.example.com', host: 'api.example.com' }, [])).toBe(
      false,
    );
    expect(isOriginAllowed({ origin: 'null', host: 'api.example.com' }, list)).toBe(false);
  });

  it('compares origins whole, not by prefix', () => {
    expect(isListedOrigin('https://console.example.com.evil.test', list)).toBe(false);
    expect(isListedOrigin('HTTPS://CONSOLE.EXAMPLE.COM', list)).toBe(true);
  });
});
