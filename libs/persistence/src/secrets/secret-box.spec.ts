import { describe, expect, it } from 'vitest';
import { generateSecretsKey, parseSecretsKey, SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(generateSecretsKey());

  it('opens what it sealed, for the same context', () => {
    const sealed = box.seal('app-secret-ü-🙂', 'inbox:1');
    expect(sealed).not.toContain('app-secret');
    expect(box.open(sealed, 'inbox:1')).toBe('app-secret-ü-🙂');
  });

  it('uses a fresh IV per seal, so equal secrets do not look equal', () => {
    expect(box.seal('same', 'inbox:1')).not.toBe(box.seal('same', 'inbox:1'));
  });

  it('refuses a tampered ciphertext', () => {
    const [version, iv, tag, body] = box.seal('secret value', 'inbox:1').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    const tampered = [version, iv, tag, flipped.toString('base64url')].join('.');
    expect(() => box.open(tampered, 'inbox:1')).toThrow(SecretBoxError);
  });

  it('refuses a ciphertext sealed under another key', () => {
    const other = new SecretBox(generateSecretsKey());
    expect(() => other.open(box.seal('secret', 'inbox:1'), 'inbox:1')).toThrow(/does not open/);
  });

  it('refuses a ciphertext moved to another context', () => {
    expect(() => box.open(box.seal('secret', 'inbox:1'), 'inbox:2')).toThrow(SecretBoxError);
  });

  it('refuses text that is not a sealed secret', () => {
    expect(() => box.open('plain', 'inbox:1')).toThrow(/not a sealed secret/);
    expect(() => box.open('v1.a.b.c', 'inbox:1')).toThrow(/not a sealed secret/);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
    const key = generateSecretsKey();
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64url'))).toEqual(key);
    expect(() => parseSecretsKey('c2hvcnQ=')).toThrow(/SECRETS_KEY must be 32 bytes/);
  });
});
