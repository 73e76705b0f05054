import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MediaFetchError } from './media-fetch.error';
import { isPublicAddress, MediaUrlGuard } from './media-url.guard';

const strict = { allowHttp: false, allowPrivateAddresses: false };
const resolvesTo = (addresses: string[]) => (): Promise<string[]> => Promise.resolve(addresses);

describe('MediaUrlGuard', () => {
  it('fetches https URLs whose host resolves to public addresses only', async () => {
    const guard = new MediaUrlGuard(strict, resolvesTo(['157.240.1.1', '2a03:2880::1']));
    await expect(guard.check('https://lookaside.fbsbx.com/media?id=1')).resolves.toBeUndefined();
  });

  it('refuses other schemes, and http: unless allowed', async () => {
    const guard = new MediaUrlGuard(strict, resolvesTo(['157.240.1.1']));
    for (const url of [
      'http://cdn.example/a',
      'file:///etc/passwd',
      'data:text/plain,x',
      'ftp://cdn.example/a',
    ])
      await expect(guard.check(url), url).rejects.toBeInstanceOf(MediaFetchError);
    const http = new MediaUrlGuard({ ...strict, allowHttp: true }, resolvesTo(['157.240.1.1']));
    await expect(http.check('http://cdn.example/a')).resolves.toBeUndefined();
  });

  it('refuses a host with any non-public address, literal or resolved, including IPv4-mapped IPv6', async () => {
    for (const address of [
      '127.0.0.1',
      '169.254.169.254',
      '10.1.2.3',
      '192.168.0.1',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      const guard = new MediaUrlGuard(strict, resolvesTo(['157.240.1.1', address]));
      await expect(guard.check('https://cdn.example/a'), address).rejects.toThrow(/not a public address/);
      const literal = address.includes(':') ? `[${address}]` : address;
      await expect(new MediaUrlGuard(strict).check(`https://${literal}/a`), literal).rejects.toThrow(
        /not a public address/,
      );
    }
  });

  it('refuses a host that does not resolve', async () => {
    const guard = new MediaUrlGuard(strict, () => Promise.reject(new Error('ENOTFOUND')));
    await expect(guard.check('https://nowhere.invalid/a')).rejects.toThrow(/does not resolve/);
  });

  it('allows private addresses only where the deployment says so', async () => {
    const guard = new MediaUrlGuard({ allowHttp: true, allowPrivateAddresses: true });
    await expect(guard.check('http://127.0.0.1:8080/a')).resolves.toBeUndefined();
  });

  it('classes every address of the private IPv4 blocks as non-public, and the rest by their block', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const [a, b] = address.split('.').map(Number);
        const nonPublic =
          a === 0 ||
          a === 10 ||
          a === 127 ||
          a >= 224 ||
          (a === 100 && b >= 64 && b < 128) ||
          (a === 169 && b === 254) ||
          (a === 172 && b >= 16 && b < 32) ||
          (a === 192 && b === 168) ||
          (a === 192 && b === 0 && Number(address.split('.')[2]) === 0) ||
          (a === 198 && (b === 18 || b === 19));
        expect(isPublicAddress(address)).toBe(!nonPublic);
        expect(isPublicAddress(`::ffff:${address}`)).toBe(!nonPublic);
      }),
    );
  });
});
