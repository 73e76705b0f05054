// A visitor's room on the `/visitors` namespace; it embeds the tenant, like every room name.
export const visitorRoom = (tenantId: string, visitorId: string): string =>
  `visitor:${tenantId}:${visitorId}`;
