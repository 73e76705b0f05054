// The platforms' webhook signatures, all HMAC-SHA256 over the raw body, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta (WhatsApp, Messenger, Instagram): `X-Hub-Signature-256: sha256=<hex>` keyed with the app secret. */
export function metaSignatureValid(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  const expected = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  return safeEqual(header?.trim().toLowerCase(), expected);
}

/** X: `x-twitter-webhooks-signature: sha256=<base64>` keyed with the consumer secret. */
export function xSignatureValid(raw: Buffer, header: string | undefined, consumerSecret: string): boolean {
  return safeEqual(header?.trim(), xSignature(raw, consumerSecret));
}

/** X's challenge-response check: the answer to `GET ?crc_token=`. */
export function xCrcResponseToken(crcToken: string, consumerSecret: string): string {
  return xSignature(Buffer.from(crcToken, 'utf8'), consumerSecret);
}

function xSignature(data: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(data).digest('base64')}`;
}

/** Equal strings, in time that does not depend on where they differ; false for a missing value. */
export function safeEqual(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
