import { describe, expect, it } from 'vitest';
import { generateRefreshToken, hashRefreshToken, isWellFormedRefreshToken } from './refresh-token.util';

describe('refresh tokens', () => {
  it('are well formed, unique, and stored only as their sha256', () => {
    const a = generateRefreshToken();
    const b = generateRefreshToken();
    expect(isWellFormedRefreshToken(a.token)).toBe(true);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(4));
  });

  it('refuses anything else', () => {
    expect(isWellFormedRefreshToken('')).toBe(false);
    expect(isWellFormedRefreshToken('sb_0123456789ab_x')).toBe(false);
    expect(isWellFormedRefreshToken(`sbr_${'a'.repeat(42)}`)).toBe(false);
  });
});
