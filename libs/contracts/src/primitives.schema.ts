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

/** Adds the storable-text rule to a string schema (plain, url, email...); bounds chain before or after it. */
export function storable<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const reason = unstorableTextReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

/** Free text that will be stored: every string of a record that reaches the database starts here. */
export const StorableTextSchema = storable(z.string());

export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'must contain only letters, digits and . _ : @ -');

export const TimestampSchema = z.iso.datetime({ offset: true });

export const CustomerTierSchema = z.enum(['standard', 'silver', 'gold', 'platinum']);
export type CustomerTier = z.infer<typeof CustomerTierSchema>;

export const SkillRequirementSchema = z.strictObject({
  skill: IdSchema,
  minProficiency: z.number().int().min(1).max(10).default(1),
});
export type SkillRequirement = z.infer<typeof SkillRequirementSchema>;

export const AgentStatusSchema = z.enum(['offline', 'available', 'away', 'busy', 'wrap_up']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const LanguageSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR');
