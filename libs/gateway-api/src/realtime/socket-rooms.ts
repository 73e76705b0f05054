// Room names always embed the tenant, so an event can only ever reach sockets of its own tenant.
export const agentRoom = (tenantId: string, agentId: string): string => `t:${tenantId}:agent:${agentId}`;
export const supervisorRoom = (tenantId: string): string => `t:${tenantId}:supervisors`;

// The console stream's rooms (docs/console-protocol.md), apart from the routing-event stream's rooms above.
/** One agent's consoles. */
export const consoleAgentRoom = (tenantId: string, agentId: string): string =>
  `t:${tenantId}:console:agent:${agentId}`;
/** Supervisors watching the whole tenant (the default). */
export const consoleTenantRoom = (tenantId: string): string => `t:${tenantId}:console:tenant`;
/** Supervisors watching one queue. */
export const consoleQueueRoom = (tenantId: string, queueId: string): string =>
  `t:${tenantId}:console:queue:${queueId}`;
/** Every supervisor console, whatever it watches: agents' presence concerns them all. */
export const consoleSupervisorsRoom = (tenantId: string): string => `t:${tenantId}:console:supervisors`;
/** Consoles still being replayed what they missed: live pushes reach them through their gate instead. */
export const consoleReplayingRoom = (tenantId: string): string => `t:${tenantId}:console:replaying`;
