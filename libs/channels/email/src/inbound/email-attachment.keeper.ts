// Keeps an email's attachments and inline images in the blob store and describes them for the inbound record.
// Blob ids derive from the tenant, the message and the part's position, so a message the sender retries
// overwrites its own blobs instead of leaving copies. A part over BLOB_MAX_BYTES keeps only its metadata.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { InboundContactV1 } from '@switchboard/contracts';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { BLOB_STORE, BlobTooLargeError, type BlobStore } from '../blobs/blob-store.port';
import { MAX_HTML_CHARS, type EmailContent } from './email-content.reader';

export type AttachmentMetadata = NonNullable<InboundContactV1['attachments']>[number];

export interface KeptAttachments {
  attachments: AttachmentMetadata[];
  /** The HTML with `cid:` references to kept inline parts pointing at their download path. */
  html?: string;
}

@Injectable()
export class EmailAttachmentKeeper {
  private readonly logger: Logger;

  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'email-attachments' });
  }

  async keep(tenantId: string, channelMessageId: string, email: EmailContent): Promise<KeptAttachments> {
    const attachments: AttachmentMetadata[] = [];
    const downloads = new Map<string, string>();
    for (const [index, part] of email.parts.entries()) {
      const blobId = blobIdFor(tenantId, channelMessageId, index);
      const metadata: AttachmentMetadata = {
        name: part.name,
        contentType: part.contentType,
        sizeBytes: part.content.length,
      };
      try {
        await this.blobs.put(tenantId, blobId, part.content, {
          name: part.name,
          contentType: part.contentType,
        });
        attachments.push({ ...metadata, blobId });
        if (part.contentId) downloads.set(part.contentId, `/v1/attachments/${blobId}`);
      } catch (error) {
        if (!(error instanceof BlobTooLargeError)) throw error;
        this.logger.info(
          { tenantId, channelMessageId, sizeBytes: error.sizeBytes },
          'attachment over the limit; metadata only',
        );
        attachments.push(metadata);
      }
    }
    return { attachments, ...htmlWithDownloads(email.html, downloads) };
  }
}

/** 32 hex characters: a plain path segment and a valid contract id, stable for one message part. */
export function blobIdFor(tenantId: string, channelMessageId: string, index: number): string {
  return createHash('sha256').update(`${tenantId}\n${channelMessageId}\n${index}`).digest('hex').slice(0, 32);
}

function htmlWithDownloads(html: string | undefined, downloads: Map<string, string>): { html?: string } {
  if (html === undefined) return {};
  if (downloads.size === 0) return { html };
  const rewritten = html.replace(/(["'(])cid:([^"')\s]+)/gi, (whole, quote: string, cid: string) => {
    const path = downloads.get(cid);
    return path ? `${quote}${path}` : whole;
  });
  return rewritten.length <= MAX_HTML_CHARS ? { html: rewritten } : {};
}
