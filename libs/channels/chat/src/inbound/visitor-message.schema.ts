// What the widget sends over the visitors' socket. Validated at the edge; the inbound record is built from it.
import { StorableTextSchema } from '@switchboard/contracts';
import { z } from 'zod';

export const VisitorMessageInputSchema = z.strictObject({
  /** The widget's own id for this message: a resend with the same id is stored once. */
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, _ and -, at most 100'),
  body: StorableTextSchema.min(1).max(10_000),
  displayName: StorableTextSchema.max(200).optional(),
});
export type VisitorMessageInput = z.infer<typeof VisitorMessageInputSchema>;

export const VisitorTypingInputSchema = z.strictObject({ typing: z.boolean() });

/** A visitor's reply receipt: the widget acknowledges a reply it showed. */
export const VisitorReceiptInputSchema = z.strictObject({ messageId: StorableTextSchema.min(1).max(100) });

/** The channel message id of a visitor's message: unique per visitor, and it names the visitor. */
export function visitorChannelMessageId(visitorId: string, clientMessageId: string): string {
  return `${visitorId}:${clientMessageId}`;
}

/** The visitor a chat channel message id belongs to (see visitorChannelMessageId). */
export function visitorOfChannelMessageId(channelMessageId: string): string | undefined {
  const at = channelMessageId.lastIndexOf(':');
  return at > 0 ? channelMessageId.slice(0, at) : undefined;
}
