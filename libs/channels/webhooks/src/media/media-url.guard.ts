// Decides whether a media URL named by a platform (a Messenger CDN link, a WhatsApp lookup's answer, or a
// redirect from either) may be fetched. The payload is signed, but with a secret the tenant's admin sets, so
// it is not trusted to point inside our network: only https: (http: with ALLOW_HTTP_URLS), and only hosts
// whose every address is public, unless the deployment allows private ones.
import { webUrlProblem, type UrlPolicy } from '@switchboard/contracts';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { MediaFetchError } from './media-fetch.error';

export interface MediaUrlPolicy extends UrlPolicy {
  /** Loopback, private, link-local and other non-public addresses too (local stand-ins, private CDNs). */
  readonly allowPrivateAddresses: boolean;
}

export type HostLookup = (host: string) => Promise<string[]>;

const systemLookup: HostLookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Addresses that are not the public internet (RFC 6890 and friends); IPv4-mapped IPv6 is checked as IPv4. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class MediaUrlGuard {
  constructor(
    private readonly policy: MediaUrlPolicy,
    private readonly resolve: HostLookup = systemLookup,
  ) {}

  /** Resolves when `url` may be fetched; throws a MediaFetchError saying why not. */
  async check(url: string): Promise<void> {
    const problem = webUrlProblem(url, this.policy);
    if (problem) throw refused(`the media URL is refused: ${problem}`);
    if (this.policy.allowPrivateAddresses) return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await this.resolve(host).catch(() => []);
    if (addresses.length === 0) throw refused(`the media host ${host} does not resolve`);
    if (!addresses.every(isPublicAddress)) throw refused(`the media host ${host} is not a public address`);
  }
}

function refused(message: string): MediaFetchError {
  return new MediaFetchError('platform-error', message);
}
