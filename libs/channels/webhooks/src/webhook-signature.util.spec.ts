import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaSignatureValid, safeEqual, xCrcResponseToken, xSignatureValid } from './webhook-signature.util';

const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

describe('webhook signatures', () => {
  it('accepts a Meta X-Hub-Signature-256 over the exact bytes, whatever the hex case', () => {
    const hex = createHmac('sha256', 'app-secret').update(raw).digest('hex');
    expect(metaSignatureValid(raw, `sha256=${hex}`, 'app-secret')).toBe(true);
    expect(metaSignatureValid(raw, `sha256=${hex.toUpperCase()}`, 'app-secret')).toBe(true);
  });

  it('refuses a Meta signature with another secret, over other bytes, in another form, or missing', () => {
    const hex = createHmac('sha256', 'app-secret').update(raw).digest('hex');
    expect(metaSignatureValid(raw, `sha256=${hex}`, 'other-secret')).toBe(false);
    expect(metaSignatureValid(Buffer.concat([raw, Buffer.from(' ')]), `sha256=${hex}`, 'app-secret')).toBe(
      false,
    );
    expect(metaSignatureValid(raw, hex, 'app-secret')).toBe(false);
    expect(metaSignatureValid(raw, undefined, 'app-secret')).toBe(false);
  });

  it('checks X signatures (base64) and answers the CRC with the consumer secret', () => {
    const signature = `sha256=${createHmac('sha256', 'consumer').update(raw).digest('base64')}`;
    expect(xSignatureValid(raw, signature, 'consumer')).toBe(true);
    expect(xSignatureValid(raw, signature, 'other')).toBe(false);
    expect(xCrcResponseToken('crc-1', 'consumer')).toBe(
      `sha256=${createHmac('sha256', 'consumer').update('crc-1').digest('base64')}`,
    );
  });

  it('compares in constant time only strings of the same length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abcd', 'abc')).toBe(false);
    expect(safeEqual(undefined, 'abc')).toBe(false);
  });
});
