import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSchema } from '@switchboard/contracts';
import { concreteContentType, mediaBlobId, mediaSourcesOf, sha256Hex } from './media-source.util';

const image = { name: 'image-1', contentType: 'image/jpeg', sizeBytes: 0 };

describe('mediaSourcesOf', () => {
  it('fetches WhatsApp media by id with its stated checksum, and only what has an id', () => {
    expect(mediaSourcesOf('whatsapp', [{ ...image, mediaId: 'm-1', sha256: 'abc' }, image])).toEqual([
      { kind: 'whatsapp-media', mediaId: 'm-1', sha256: 'abc' },
      undefined,
    ]);
  });

  it('fetches Messenger and Instagram attachment URLs directly', () => {
    const url = 'https://cdn.example.com/a.jpg';
    for (const channel of ['messenger', 'instagram'] as const) {
      expect(mediaSourcesOf(channel, [{ ...image, url }, image])).toEqual([
        { kind: 'direct-url', url },
        undefined,
      ]);
    }
  });

  it('keeps X media as metadata only (its URLs need OAuth 1.0a signing)', () => {
    expect(mediaSourcesOf('x', [{ ...image, url: 'https://ton.twitter.com/1.1/x.jpg' }])).toEqual([
      undefined,
    ]);
  });
});

describe('mediaBlobId', () => {
  it('is a valid id, stable for one attachment, distinct across tenants, channels, messages and positions', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.string(), fc.constantFrom('whatsapp', 'messenger'), fc.string(), fc.nat(49)),
        fc.tuple(fc.string(), fc.constantFrom('whatsapp', 'messenger'), fc.string(), fc.nat(49)),
        (a, b) => {
          const idA = mediaBlobId(...a);
          expect(IdSchema.safeParse(idA).success).toBe(true);
          expect(mediaBlobId(...a)).toBe(idA);
          if (JSON.stringify(a) !== JSON.stringify(b)) expect(mediaBlobId(...b)).not.toBe(idA);
        },
      ),
    );
  });
});

describe('sha256Hex', () => {
  it('reads a digest stated as hex (any case) or base64 (padded or url-safe) as the same lowercase hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (content) => {
        const digest = createHash('sha256').update(content).digest();
        const hex = digest.toString('hex');
        expect(sha256Hex(hex.toUpperCase())).toBe(hex);
        expect(sha256Hex(digest.toString('base64'))).toBe(hex);
        expect(sha256Hex(digest.toString('base64url'))).toBe(hex);
      }),
    );
  });

  it('takes anything else as no usable checksum', () => {
    for (const stated of [undefined, '', 'abc', 'z'.repeat(64), 'a'.repeat(63), 'QUJD']) {
      expect(sha256Hex(stated)).toBeUndefined();
    }
  });
});

describe('concreteContentType', () => {
  it("prefers the platform's concrete type, without parameters", () => {
    expect(concreteContentType('Image/PNG; charset=binary', 'image/*')).toBe('image/png');
  });

  it('falls back to ours for a missing, malformed or generic answer', () => {
    expect(concreteContentType(null, 'image/jpeg')).toBe('image/jpeg');
    expect(concreteContentType('not a type', 'image/jpeg')).toBe('image/jpeg');
    expect(concreteContentType(`image/${'x'.repeat(130)}`, 'image/jpeg')).toBe('image/jpeg');
    expect(concreteContentType('application/octet-stream', 'application/pdf')).toBe('application/pdf');
    expect(concreteContentType('application/octet-stream', 'image/*')).toBe('application/octet-stream');
  });
});
