// The record an integrator produces for every customer message, whatever the channel. Every free-text field
// is storable text (no NUL, no unpaired surrogate) and every indexed one fits a btree entry, so what passes
// here can always be written to PostgreSQL.
import { z } from 'zod';
import {
  ChannelSchema,
  CustomerTierSchema,
  IdSchema,
  LanguageSchema,
  maxUtf8Bytes,
  SkillRequirementSchema,
  StorableTextSchema,
  TimestampSchema,
} from './primitives.schema';
import { HTTPS_ONLY, type UrlPolicy, webUrlSchema } from './web-url.schema';

export const INBOUND_CONTACT_V1 = 'switchboard.inbound-contact.v1';

/**
 * threadKey is indexed with tenant_id, customer_id and channel, and 998 characters can be 3992 bytes: over a
 * btree entry's 2704. 2000 bytes leave room for the other columns and still take any 998-character ASCII
 * Message-ID. channelMessageId (256 characters, at most 1024 bytes) and from.address (320, at most 1280) are
 * indexed too but cannot outgrow an entry, so their character limits suffice.
 */
export const THREAD_KEY_MAX_BYTES = 2000;

/**
 * As much as the text body, so a whole record stays under a Kafka broker's default 1 MB message: a connector
 * with bigger HTML keeps it whole as a stored blob (an attachment) and sends a truncated rendering here.
 */
export const INBOUND_HTML_MAX_CHARS = 100_000;

/**
 * Why a connector could not keep an attachment's content (the message is accepted all the same, with the
 * attachment's metadata): the platform's media was over the size limit, too slow, not found, did not match
 * its checksum, or the platform or our store failed.
 */
export const MEDIA_FETCH_ERROR_CODES = [
  'too-large',
  'timeout',
  'budget-exhausted',
  'not-found',
  'checksum-mismatch',
  'no-credentials',
  'platform-error',
  'storage-failed',
] as const;
export const MediaFetchErrorCodeSchema = z.enum(MEDIA_FETCH_ERROR_CODES);
export type MediaFetchErrorCode = z.infer<typeof MediaFetchErrorCodeSchema>;

/**
 * The inbound schemas for a URL policy. One contract for every transport: the gateway (REST) and the router
 * (Kafka, in-process bus) build theirs from the same `ALLOW_HTTP_URLS` setting.
 */
export function inboundContactSchemas(urls: UrlPolicy) {
  const attachment = z.strictObject({
    name: StorableTextSchema.min(1).max(255),
    contentType: StorableTextSchema.min(3).max(127),
    sizeBytes: z.number().int().nonnegative().max(1_000_000_000),
    url: webUrlSchema(urls).optional(),
    /** A blob this engine stored (an email attachment, say), downloadable at GET /v1/attachments/:id. */
    blobId: IdSchema.optional().describe('A stored blob of this engine; an alternative to url.'),
    /** Set when the content could not be kept as a blob: the attachment is metadata only, for this reason. */
    fetchError: z
      .strictObject({
        code: MediaFetchErrorCodeSchema,
        message: StorableTextSchema.min(1).max(500),
      })
      .optional()
      .describe('Why the content was not kept (no blobId); the message itself was accepted.'),
  });

  /** Fields an integrator sends; the tenant comes from the API key (REST) or the record (Kafka). */
  const body = z.strictObject({
    channel: ChannelSchema,
    channelMessageId: StorableTextSchema.min(1).max(256),
    from: z.strictObject({
      address: StorableTextSchema.min(1).max(320),
      displayName: StorableTextSchema.max(200).optional(),
    }),
    body: StorableTextSchema.max(100_000),
    /** The message's HTML rendering, when the channel has one (email); `body` stays its plain text. */
    html: StorableTextSchema.max(INBOUND_HTML_MAX_CHARS).optional(),
    /** The inbox it came in through, of the record's tenant; a record naming no queue waits in the inbox's default queue. */
    inboxId: IdSchema.optional(),
    subject: StorableTextSchema.max(998).optional(),
    sentAt: TimestampSchema,
    /** The channel's own thread id (an email's root Message-ID, a chat session id); without it, threading is per customer and channel. */
    threadKey: maxUtf8Bytes(StorableTextSchema.min(1).max(998), THREAD_KEY_MAX_BYTES)
      .describe(`At most 998 characters and at most ${THREAD_KEY_MAX_BYTES} bytes in UTF-8.`)
      .optional(),
    language: LanguageSchema.optional(),
    queue: IdSchema.optional(),
    priority: z.number().int().min(0).max(100).optional(),
    tier: CustomerTierSchema.optional(),
    requiredSkills: z.array(SkillRequirementSchema).max(20).optional(),
    attachments: z.array(attachment).max(50).optional(),
  });

  const record = body.extend({
    schema: z.literal(INBOUND_CONTACT_V1),
    tenantId: IdSchema,
    /** When the edge accepted it; the SLA clock starts here. */
    receivedAt: TimestampSchema,
  });
  return { attachment, body, record };
}

const httpsOnly = inboundContactSchemas(HTTPS_ONLY);

/** Attachment metadata under the default URL policy (https only). */
export const AttachmentSchema = httpsOnly.attachment;
export const InboundContactBodySchema = httpsOnly.body;
export type InboundContactBody = z.infer<typeof InboundContactBodySchema>;
export const InboundContactV1Schema = httpsOnly.record;
export type InboundContactV1 = z.infer<typeof InboundContactV1Schema>;
