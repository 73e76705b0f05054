import { describe, expect, it } from 'vitest';
import { bodyHash, canonicalJson } from './body-hash.util';

describe('bodyHash', () => {
  it('ignores key order at any depth, and absent fields', () => {
    expect(bodyHash({ a: 1, b: { c: [1, { d: 2, e: 3 }] }, f: undefined })).toBe(
      bodyHash({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells different content apart, including array order and types', () => {
    expect(bodyHash({ a: [1, 2] })).not.toBe(bodyHash({ a: [2, 1] }));
    expect(bodyHash({ a: '1' })).not.toBe(bodyHash({ a: 1 }));
    expect(canonicalJson({ b: 'x', a: null })).toBe('{"a":null,"b":"x"}');
  });
});
