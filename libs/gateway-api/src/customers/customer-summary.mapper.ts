// The one shape of a customer in lists and in a conversation's detail: one profile, an identity per channel.
import type { Prisma } from '@switchboard/persistence';

export interface CustomerIdentityView {
  channel: string;
  address: string;
}

export interface CustomerSummary {
  id: string;
  displayName: string | null;
  preferredLanguage: string | null;
  preferredAgentId: string | null;
  identities: CustomerIdentityView[];
  createdAt: string;
}

export const customerSummarySelect = {
  id: true,
  displayName: true,
  preferredLanguage: true,
  preferredAgentId: true,
  createdAt: true,
  identities: { select: { channel: true, address: true }, orderBy: [{ channel: 'asc' }, { address: 'asc' }] },
} satisfies Prisma.CustomerSelect;

export type CustomerSummaryRow = Prisma.CustomerGetPayload<{ select: typeof customerSummarySelect }>;

export function toCustomerSummary(row: CustomerSummaryRow): CustomerSummary {
  return {
    id: row.id,
    displayName: row.displayName,
    preferredLanguage: row.preferredLanguage,
    preferredAgentId: row.preferredAgentId,
    identities: row.identities.map((i) => ({ channel: i.channel, address: i.address })),
    createdAt: row.createdAt.toISOString(),
  };
}
