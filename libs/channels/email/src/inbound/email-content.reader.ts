// Turns what mailparser made of a message into the fields Switchboard keeps, within the inbound contract's
// bounds: text that PostgreSQL can store, truncated where the contract caps it. A message without a sender,
// or a multipart body without its boundary, is malformed and refused whole.
import { createHash } from 'node:crypto';
import { INBOUND_HTML_MAX_CHARS } from '@switchboard/contracts';
import type { AddressObject, HeaderValue, ParsedMail, StructuredHeader } from 'mailparser';
import { parseMessageIds } from '../threading/message-id.util';
import { threadIndexRoot } from '../threading/thread-index.util';

export const MAX_TEXT_CHARS = 100_000;
/** The contract's bound: a longer HTML part is dropped and the plain text kept. */
export const MAX_HTML_CHARS = INBOUND_HTML_MAX_CHARS;
export const MAX_SUBJECT_CHARS = 998;
export const MAX_ATTACHMENTS = 50;

export class MalformedEmailError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedEmailError';
  }
}

export interface EmailPart {
  name: string;
  contentType: string;
  content: Buffer;
  /** Content-ID without brackets, for inline images the HTML refers to as `cid:`. */
  contentId?: string;
}

export interface EmailContent {
  /** Bare Message-ID; derived from the content when the message has none, so a resend is the same id. */
  messageId: string;
  from: { address: string; displayName?: string };
  subject?: string;
  text: string;
  html?: string;
  sentAt: string;
  inReplyTo: string[];
  references: string[];
  threadIndexRoot?: string;
  parts: EmailPart[];
}

export function readEmailContent(parsed: ParsedMail, raw: Buffer, now: Date): EmailContent {
  assertWellFormed(parsed, raw);
  const sender = firstAddress(parsed.from);
  if (!sender) throw new MalformedEmailError('the message has no From address');
  const subject = parsed.subject ? storableText(parsed.subject.slice(0, MAX_SUBJECT_CHARS)) : undefined;
  const html = typeof parsed.html === 'string' ? storableText(parsed.html) : undefined;
  return {
    messageId: parseMessageIds(parsed.messageId)[0] ?? derivedMessageId(raw),
    from: sender,
    ...(subject ? { subject } : {}),
    text: storableText((parsed.text ?? '').slice(0, MAX_TEXT_CHARS)),
    ...(html && html.length <= MAX_HTML_CHARS ? { html } : {}),
    sentAt: validDate(parsed.date) ?? now.toISOString(),
    inReplyTo: parseMessageIds(parsed.inReplyTo),
    references: parseMessageIds(parsed.references),
    ...optional('threadIndexRoot', threadIndexRoot(headerText(parsed.headers.get('thread-index')))),
    parts: parsed.attachments.slice(0, MAX_ATTACHMENTS).map((attachment, index) => ({
      name: storableText((attachment.filename ?? `attachment-${index + 1}`).slice(0, 255)) || 'attachment',
      contentType:
        attachment.contentType.length >= 3
          ? attachment.contentType.slice(0, 127)
          : 'application/octet-stream',
      content: attachment.content,
      ...optional('contentId', attachment.cid?.replace(/^<|>$/g, '')),
    })),
  };
}

/** mailparser forgives almost anything; these are the shapes it would silently turn into an empty message. */
function assertWellFormed(parsed: ParsedMail, raw: Buffer): void {
  if (parsed.headers.size === 0) throw new MalformedEmailError('the message has no header section');
  const contentType = parsed.headers.get('content-type') as StructuredHeader | undefined;
  if (!contentType?.value?.toLowerCase().startsWith('multipart/')) return;
  const boundary = contentType.params?.boundary;
  if (!boundary) throw new MalformedEmailError('a multipart message has no boundary');
  if (!raw.includes(`--${boundary}`)) {
    throw new MalformedEmailError('a multipart message never uses its boundary');
  }
}

function firstAddress(from: AddressObject | undefined): EmailContent['from'] | undefined {
  const entry = from?.value.find((a) => a.address && a.address.includes('@'));
  if (!entry?.address) return undefined;
  const address = storableText(entry.address.slice(0, 320)).toLowerCase();
  const displayName = entry.name ? storableText(entry.name.slice(0, 200)) : '';
  return displayName ? { address, displayName } : { address };
}

function derivedMessageId(raw: Buffer): string {
  return `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.switchboard`;
}

function validDate(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function headerText(value: HeaderValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** No NUL, no unpaired surrogate: what PostgreSQL refuses in text and jsonb. */
export function storableText(value: string): string {
  return value
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
