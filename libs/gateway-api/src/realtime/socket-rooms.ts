// Room names always embed the tenant, so an event can only ever reach sockets of its own tenant.
export const agentRoom = (tenantId: string, agentId: string): string => `t:${tenantId}:agent:${agentId}`;
export const supervisorRoom = (tenantId: string): string => `t:${tenantId}:supervisors`;
