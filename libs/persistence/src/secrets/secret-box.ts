// Seals small secrets (an inbox's app secret, tokens) with AES-256-GCM before they reach the database, and
// opens them for the connectors that sign or verify with them. The context (e.g. `inbox:<id>`) is bound as
// associated data, so a ciphertext copied onto another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What connectors and admin use-cases depend on; tests may stand in for it. */
export interface SecretSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export const SECRETS_KEY_BYTES = 32;
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export class SecretBox implements SecretSealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRETS_KEY_BYTES) {
      throw new SecretBoxError(`a secrets key must be ${SECRETS_KEY_BYTES} bytes; got ${key.length}`);
    }
    this.key = Buffer.from(key);
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64url; a fresh random IV every time. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, body].map((part) => (typeof part === 'string' ? part : b64(part))).join('.');
  }

  /** Throws SecretBoxError when the text was tampered with, sealed for another context, or under another key. */
  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed secret');
    const [iv, tag, body] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('not a sealed secret');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only "unable to authenticate": wrong key, wrong context and tampering look the same.
      throw new SecretBoxError('sealed secret does not open: wrong key, wrong context, or tampered with');
    }
  }
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** A `SECRETS_KEY` value: 32 bytes, base64 (standard or url-safe). */
export function parseSecretsKey(value: string): Buffer {
  const key = Buffer.from(value.trim(), value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  if (key.length !== SECRETS_KEY_BYTES) {
    throw new SecretBoxError(
      `SECRETS_KEY must be ${SECRETS_KEY_BYTES} bytes, base64-encoded; got ${key.length}`,
    );
  }
  return key;
}

export function generateSecretsKey(): Buffer {
  return randomBytes(SECRETS_KEY_BYTES);
}
