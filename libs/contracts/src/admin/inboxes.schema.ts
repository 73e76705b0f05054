// Admin bodies for inboxes: where a channel's input comes in (an email address, a WhatsApp phone-number id, a
// page or account id) and the secrets the channel's connector signs and verifies with. What a valid address
// and which secrets are depends on the channel, so both are checked against it here and in the use-cases.
import { z } from 'zod';
import type { FieldIssue } from '../validation.util';
import { ChannelSchema, IdSchema, storable, StorableTextSchema, type Channel } from '../primitives.schema';

/** Every secret name any channel has; each channel takes only its own (INBOX_SECRET_NAMES). */
export const InboxSecretNameSchema = z.enum(['appSecret', 'verifyToken', 'accessToken', 'consumerSecret']);
export type InboxSecretName = z.infer<typeof InboxSecretNameSchema>;

const META_SECRETS = ['appSecret', 'verifyToken', 'accessToken'] as const;

/** The secrets each channel's connector uses; email and chat need none. */
export const INBOX_SECRET_NAMES: Readonly<Record<Channel, readonly InboxSecretName[]>> = {
  email: [],
  chat: [],
  voice: [],
  whatsapp: META_SECRETS,
  messenger: META_SECRETS,
  instagram: META_SECRETS,
  x: ['consumerSecret', 'accessToken'],
};

/** Channels whose platform calls us back at `/v1/channels/<channel>/<inboxId>/webhook`. */
export const WEBHOOK_CHANNELS: readonly Channel[] = ['whatsapp', 'messenger', 'instagram', 'x'];

export function inboxWebhookPath(channel: Channel, inboxId: string): string | null {
  return WEBHOOK_CHANNELS.includes(channel) ? `/v1/channels/${channel}/${inboxId}/webhook` : null;
}

/** Printable ASCII without spaces: what platforms issue as secrets and tokens. */
const InboxSecretValueSchema = storable(z.string())
  .min(1)
  .max(1024)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces');

const ADDRESS_RULES: Readonly<Record<Channel, { pattern: RegExp; message: string }>> = {
  email: {
    pattern:
      /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
    message: 'must be an email address, e.g. support@example.com',
  },
  chat: {
    pattern: /^[A-Za-z0-9._:@-]{1,128}$/,
    message: 'must be a site handle of letters, digits and . _ : @ - (e.g. www.example.com)',
  },
  whatsapp: { pattern: /^\d{1,32}$/, message: 'must be the WhatsApp phone-number id (digits only)' },
  messenger: { pattern: /^\d{1,32}$/, message: 'must be the Facebook page id (digits only)' },
  instagram: { pattern: /^\d{1,32}$/, message: 'must be the Instagram account id (digits only)' },
  x: { pattern: /^\d{1,32}$/, message: 'must be the X account id (digits only)' },
  voice: { pattern: /^\+[1-9]\d{6,14}$/, message: 'must be an E.164 phone number, e.g. +351210000000' },
};

/** Why `address` is not an address of `channel`, or undefined when it is. */
export function inboxAddressIssue(channel: Channel, address: string): string | undefined {
  const rule = ADDRESS_RULES[channel];
  return rule.pattern.test(address) ? undefined : rule.message;
}

/** Email addresses are matched case-insensitively: stored lower-case, as the SMTP connector looks them up. */
export function normalizeInboxAddress(channel: Channel, address: string): string {
  return channel === 'email' ? address.toLowerCase() : address;
}

/** Issues for secret names `channel` does not use, at `secrets.<name>`. */
export function inboxSecretIssues(channel: Channel, names: readonly string[]): FieldIssue[] {
  const allowed: readonly string[] = INBOX_SECRET_NAMES[channel];
  return names
    .filter((name) => !allowed.includes(name))
    .map((name) => ({
      path: `secrets.${name}`,
      message:
        allowed.length === 0
          ? `${channel} inboxes take no secrets`
          : `not a ${channel} secret; expected one of ${allowed.join(', ')}`,
    }));
}

const InboxNameSchema = StorableTextSchema.trim().min(1).max(200);
const InboxAddressSchema = storable(z.string())
  .trim()
  .min(1)
  .max(320)
  .describe(
    'Per channel: an email address; a site handle (chat); the numeric platform id (social); E.164 (voice).',
  );
/** A browser origin as browsers send it: `scheme://host[:port]`, no path; compared case-insensitively. */
export const WebOriginSchema = storable(z.string())
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^/\s?#]+\/?$/i, 'must be an origin, scheme://host[:port], with no path')
  .transform((value) => value.replace(/\/$/, '').toLowerCase());

const AllowedOriginsSchema = z
  .array(WebOriginSchema)
  .max(50)
  .transform((origins) => [...new Set(origins)])
  .describe(
    "Chat inboxes only: the sites that may embed this inbox's widget. When not empty, only these origins (and " +
      "this server's own pages) may start visitor sessions and open visitor sockets for the inbox; empty " +
      'means the server-wide CHAT_ORIGINS.',
  );

/** Issues when a non-chat inbox is given allowed origins. */
export function inboxOriginsIssues(channel: Channel, origins: readonly string[] | undefined): FieldIssue[] {
  if (channel === 'chat' || origins === undefined || origins.length === 0) return [];
  return [{ path: 'allowedOrigins', message: 'only chat inboxes take allowed origins' }];
}

const DefaultQueueRefSchema = IdSchema.nullable().describe(
  'A queue of the tenant where conversations from this inbox wait when their record names no queue.',
);

export const InboxSecretsWriteSchema = z
  .strictObject({
    appSecret: InboxSecretValueSchema.optional(),
    verifyToken: InboxSecretValueSchema.optional(),
    accessToken: InboxSecretValueSchema.optional(),
    consumerSecret: InboxSecretValueSchema.optional(),
  })
  .describe(
    'Meta channels: appSecret, verifyToken, accessToken. X: consumerSecret, accessToken. Others: none.',
  );

export const CreateInboxBodySchema = z
  .strictObject({
    channel: ChannelSchema,
    name: InboxNameSchema,
    address: InboxAddressSchema,
    defaultQueueId: DefaultQueueRefSchema.optional(),
    active: z.boolean().optional(),
    secrets: InboxSecretsWriteSchema.optional(),
    allowedOrigins: AllowedOriginsSchema.optional(),
  })
  .superRefine((body, ctx) => {
    for (const issue of inboxOriginsIssues(body.channel, body.allowedOrigins)) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
    const addressIssue = inboxAddressIssue(body.channel, body.address);
    if (addressIssue) ctx.addIssue({ code: 'custom', path: ['address'], message: addressIssue });
    for (const issue of inboxSecretIssues(body.channel, Object.keys(body.secrets ?? {}))) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    }
  });
export type CreateInboxBody = z.infer<typeof CreateInboxBodySchema>;

/** A secret set to a value replaces it; null removes it; an absent name stays as it is. */
export const InboxSecretsPatchSchema = z.strictObject({
  appSecret: InboxSecretValueSchema.nullable().optional(),
  verifyToken: InboxSecretValueSchema.nullable().optional(),
  accessToken: InboxSecretValueSchema.nullable().optional(),
  consumerSecret: InboxSecretValueSchema.nullable().optional(),
});

export const UpdateInboxBodySchema = z
  .strictObject({
    name: InboxNameSchema.optional(),
    address: InboxAddressSchema.optional().describe(
      "Checked against the inbox's channel, which cannot change.",
    ),
    defaultQueueId: DefaultQueueRefSchema.optional(),
    active: z.boolean().optional(),
    secrets: InboxSecretsPatchSchema.optional().describe('A value sets a secret, null removes it.'),
    allowedOrigins: AllowedOriginsSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateInboxBody = z.infer<typeof UpdateInboxBodySchema>;
