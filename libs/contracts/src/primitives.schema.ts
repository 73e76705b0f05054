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
