// Small shared building blocks, so every record spells ids, channels and times the same way.
import { z } from 'zod';

export const ChannelSchema = z.enum(['email', 'chat', 'whatsapp', 'messenger', 'instagram', 'x', 'voice']);
export type Channel = z.infer<typeof ChannelSchema>;

/** Capacity is counted per channel class: the social networks share one pool of attention. */
export const ChannelClassSchema = z.enum(['chat', 'email', 'social', 'voice']);
export type ChannelClass = z.infer<typeof ChannelClassSchema>;

export function channelClassOf(channel: Channel): ChannelClass {
  switch (channel) {
    case 'chat':
      return 'chat';
    case 'email':
      return 'email';
    case 'voice':
      return 'voice';
    case 'whatsapp':
    case 'messenger':
    case 'instagram':
    case 'x':
      return 'social';
  }
}

export const NUL_CHARACTER_MESSAGE = 'must not contain the NUL character (U+0000)';
export const UNPAIRED_SURROGATE_MESSAGE = 'must not contain unpaired UTF-16 surrogates';

/** A high surrogate with no low one after it, or a low surrogate with no high one before it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL could not store `value` as text or jsonb, or undefined when it can. Postgres refuses NUL in
 * both, and jsonb refuses an unpaired surrogate; such a record would otherwise fail its router batch forever.
 */
export function unstorableTextReason(value: string): string | undefined {
  if (value.includes('\u0000')) return NUL_CHARACTER_MESSAGE;
  if (UNPAIRED_SURROGATE.test(value)) return UNPAIRED_SURROGATE_MESSAGE;
  return undefined;
}

/** One shared check, so a schema can be asked whether it has it (isStorableText). */
const STORABLE_TEXT_CHECK = z.superRefine<string>((value, ctx) => {
  const reason = unstorableTextReason(value);
  // The only problem worth naming: format rules after it would only add noise about the same character.
  if (reason) ctx.addIssue({ code: 'custom', message: reason, continue: false });
});

/** Adds the storable-text rule to a string schema (plain, url, email...); bounds chain before or after it. */
export function storable<T extends z.ZodType<string>>(schema: T): T {
  return schema.check(STORABLE_TEXT_CHECK);
}

/** Whether a string schema carries the storable-text rule (contract audits use it). */
export function isStorableText(schema: z.ZodType): boolean {
  const checks = (schema as unknown as { _zod: { def: { checks?: unknown[] } } })._zod.def.checks ?? [];
  return checks.includes(STORABLE_TEXT_CHECK);
}

/** Free text that will be stored: every string of a record that reaches the database starts here. */
export const StorableTextSchema = storable(z.string());

export function utf8LimitMessage(maxBytes: number): string {
  return `must be at most ${maxBytes} bytes in UTF-8`;
}

/** Bytes of `value` in UTF-8, counted without encoding it; an unpaired surrogate counts as U+FFFD (3 bytes). */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Caps a string schema by its UTF-8 size, for text PostgreSQL indexes: zod's `.max()` counts characters (code
 * points, once a string is over the limit in UTF-16 units), each up to 4 bytes, while a btree entry (every
 * column of the index together) may hold at most 2704 bytes.
 */
export function maxUtf8Bytes<T extends z.ZodType<string>>(schema: T, maxBytes: number): T {
  return schema.superRefine((value, ctx) => {
    // No UTF-16 unit takes more than 3 bytes, so short strings need no count.
    if (value.length * 3 > maxBytes && utf8ByteLength(value) > maxBytes) {
      ctx.addIssue({ code: 'custom', message: utf8LimitMessage(maxBytes) });
    }
  });
}

export const IdSchema = storable(z.string())
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'must contain only letters, digits and . _ : @ -');

/** ISO 8601 with an offset; 64 characters leave room for any fraction of a second the format allows. */
export const TimestampSchema = storable(z.iso.datetime({ offset: true })).max(64);

export const CustomerTierSchema = z.enum(['standard', 'silver', 'gold', 'platinum']);
export type CustomerTier = z.infer<typeof CustomerTierSchema>;

export const SkillRequirementSchema = z.strictObject({
  skill: IdSchema,
  minProficiency: z.number().int().min(1).max(10).default(1),
});
export type SkillRequirement = z.infer<typeof SkillRequirementSchema>;

export const AgentStatusSchema = z.enum(['offline', 'available', 'away', 'busy', 'wrap_up']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const LanguageSchema = storable(z.string())
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR');
