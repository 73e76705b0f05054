// Fetches the customers' media of one webhook delivery into the blob store before the delivery is answered,
// one attachment at a time, each within its own timeout and all within the delivery's budget. It never
// throws: an attachment that cannot be kept stays metadata only, with a fetchError saying why (ADR 0022).
import { BlobChecksumError, BlobTooLargeError, type BlobStore } from '@switchboard/channels-email';
import type { InboundContactV1 } from '@switchboard/contracts';
import type { Logger } from 'pino';
import type { WebhookInbox } from '../webhook-secrets.port';
import { lookUpWhatsAppMedia, openMedia } from './media-download.client';
import { MediaFetchError } from './media-fetch.error';
import type { MediaUrlGuard } from './media-url.guard';
import type { WebhookMediaCounter } from './webhook-media.metrics';
import { concreteContentType, mediaBlobId, sha256Hex, type MediaSource } from './media-source.util';

type Attachment = NonNullable<InboundContactV1['attachments']>[number];

export interface MediaFetcherDeps {
  blobs: BlobStore;
  /** Where WhatsApp media ids are looked up: the sender's base URL, version included. */
  whatsappBaseUrl: string;
  maxBytes: number;
  /** Judges every media URL (and redirect) a platform names before it is fetched. */
  urlGuard: Pick<MediaUrlGuard, 'check'>;
  fetchTimeoutMs: number;
  budgetMs: number;
  logger: Logger;
  fetched: WebhookMediaCounter;
}

/** What the delivery log says of one attachment. */
export interface DeliveredMedia {
  index: number;
  name: string;
  blobId?: string;
  fetchError?: Attachment['fetchError'];
}

export interface KeptMedia {
  contacts: InboundContactV1[];
  /** Per channel message id, the outcome of each attachment that had a source. */
  media: Map<string, DeliveredMedia[]>;
}

export class WebhookMediaFetcher {
  constructor(private readonly deps: MediaFetcherDeps) {}

  /** `sources` gives, per channel message id, one entry per attachment of that message. */
  async keep(
    inbox: WebhookInbox,
    contacts: readonly InboundContactV1[],
    sources: ReadonlyMap<string, ReadonlyArray<MediaSource | undefined>>,
  ): Promise<KeptMedia> {
    const budget = AbortSignal.timeout(this.deps.budgetMs);
    const media = new Map<string, DeliveredMedia[]>();
    const kept: InboundContactV1[] = [];
    for (const contact of contacts) {
      const ofMessage = sources.get(contact.channelMessageId) ?? [];
      if (!contact.attachments || !ofMessage.some(Boolean)) {
        kept.push(contact);
        continue;
      }
      const attachments: Attachment[] = [];
      const outcomes: DeliveredMedia[] = [];
      for (const [index, attachment] of contact.attachments.entries()) {
        const source = ofMessage[index];
        if (!source) {
          attachments.push(attachment);
          continue;
        }
        const blobId = mediaBlobId(inbox.tenantId, inbox.channel, contact.channelMessageId, index);
        const result = await this.fetchOne(inbox, source, attachment, blobId, budget);
        attachments.push(result);
        outcomes.push({
          index,
          name: result.name,
          ...(result.blobId ? { blobId: result.blobId } : {}),
          ...(result.fetchError ? { fetchError: result.fetchError } : {}),
        });
      }
      media.set(contact.channelMessageId, outcomes);
      kept.push({ ...contact, attachments });
    }
    return { contacts: kept, media };
  }

  private async fetchOne(
    inbox: WebhookInbox,
    source: MediaSource,
    attachment: Attachment,
    blobId: string,
    budget: AbortSignal,
  ): Promise<Attachment> {
    const perFetch = AbortSignal.timeout(this.deps.fetchTimeoutMs);
    const signal = AbortSignal.any([perFetch, budget]);
    try {
      if (budget.aborted) throw new MediaFetchError('budget-exhausted', this.budgetMessage());
      const stored = await this.download(inbox, source, attachment, blobId, signal);
      this.deps.fetched.inc({ channel: inbox.channel, outcome: 'stored' });
      return { ...attachment, ...stored, blobId };
    } catch (error) {
      const classified = this.classify(error, budget, perFetch);
      // The record was checked against the contract before the fetch: the reason must stay storable text.
      const fetchError = { code: classified.code, message: printable(classified.message) };
      this.deps.fetched.inc({ channel: inbox.channel, outcome: fetchError.code });
      this.deps.logger.info(
        { tenantId: inbox.tenantId, inboxId: inbox.inboxId, blobId, code: fetchError.code },
        'webhook media not kept; metadata only',
      );
      return { ...attachment, fetchError };
    }
  }

  private async download(
    inbox: WebhookInbox,
    source: MediaSource,
    attachment: Attachment,
    blobId: string,
    signal: AbortSignal,
  ): Promise<Pick<Attachment, 'contentType' | 'sizeBytes'>> {
    const { maxBytes } = this.deps;
    let url: string;
    let token: string | undefined;
    let statedType: string | undefined;
    let statedSha: string | undefined;
    if (source.kind === 'whatsapp-media') {
      token = inbox.accessToken;
      if (!token) throw new MediaFetchError('no-credentials', 'the inbox has no access token');
      const info = await lookUpWhatsAppMedia(this.deps.whatsappBaseUrl, source.mediaId, token, signal);
      if (info.fileSize !== undefined && info.fileSize > maxBytes) {
        throw new MediaFetchError('too-large', `${info.fileSize} bytes, over the limit of ${maxBytes}`);
      }
      ({ url } = info);
      statedType = info.mimeType;
      statedSha = sha256Hex(info.sha256) ?? sha256Hex(source.sha256);
    } else {
      url = source.url;
    }
    const opened = await openMedia(url, token, signal, maxBytes, (next) => this.deps.urlGuard.check(next));
    const contentType = concreteContentType(statedType ?? opened.contentType, attachment.contentType);
    const blob = await this.deps.blobs.putStream(
      inbox.tenantId,
      blobId,
      opened.body,
      { name: attachment.name, contentType },
      { maxBytes, ...(statedSha ? { expectedSha256: statedSha } : {}) },
    );
    return { contentType, sizeBytes: blob.sizeBytes };
  }

  private classify(
    error: unknown,
    budget: AbortSignal,
    perFetch: AbortSignal,
  ): NonNullable<Attachment['fetchError']> {
    if (error instanceof MediaFetchError) return { code: error.code, message: error.message };
    if (error instanceof BlobTooLargeError) {
      return { code: 'too-large', message: `over the limit of ${error.maxBytes} bytes` };
    }
    if (error instanceof BlobChecksumError) {
      return {
        code: 'checksum-mismatch',
        message: `sha256 ${error.actual}, the platform stated ${error.expected}`,
      };
    }
    // The per-fetch timer and the budget both abort the same request; the budget is the wider reason.
    if (budget.aborted) return { code: 'budget-exhausted', message: this.budgetMessage() };
    if (perFetch.aborted) {
      return { code: 'timeout', message: `no complete answer within ${this.deps.fetchTimeoutMs} ms` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'storage-failed', message: message.slice(0, 300) || 'the blob store failed' };
  }

  private budgetMessage(): string {
    return `the delivery's media budget of ${this.deps.budgetMs} ms was spent`;
  }
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 500) || 'unknown';
}
