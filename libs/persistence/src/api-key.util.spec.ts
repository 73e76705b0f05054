import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, parseApiKey, verifyApiKey } from './api-key.util';

describe('api keys', () => {
  it('generates sb_<prefix>_<secret> keys whose prefix parses back', () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)).toEqual({ prefix });
    expect(secretHash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('rejects malformed keys', () => {
    for (const bad of [
      '',
      'sb_',
      'sb_abc_def',
      `sk_${'a'.repeat(12)}_${'b'.repeat(43)}`,
      `sb_${'A'.repeat(12)}_${'b'.repeat(43)}`,
    ]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('verifies only the exact key', () => {
    const { key, secretHash } = generateApiKey();
    expect(verifyApiKey(key, secretHash)).toBe(true);
    expect(verifyApiKey(`${key}x`, secretHash)).toBe(false);
    expect(verifyApiKey(key, hashApiKey('other'))).toBe(false);
    expect(verifyApiKey(key, 'not-hex')).toBe(false);
  });
});
