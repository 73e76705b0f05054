// One tenant's agent presence as the router (its single writer) knows it: for each agent, the gateways with a
// console of theirs connected and until when each gateway's lease runs. Several tabs, on one gateway or many,
// are one presence. Memory only: after a restart the gateways' next heartbeats rebuild it.

export interface PresenceTiming {
  /** How long a gateway's word holds without a heartbeat renewing it. */
  leaseMs: number;
  /** How long an agent may be without any console before they are made away. */
  graceMs: number;
}

export class PresenceBook {
  /** agent -> gateway -> lease expiry. */
  private readonly leases = new Map<string, Map<string, number>>();
  /** agent -> when their last gateway said they left. */
  private readonly leftAt = new Map<string, number>();

  constructor(private readonly timing: PresenceTiming) {}

  connected(gatewayId: string, agentId: string, now: number): void {
    let gateways = this.leases.get(agentId);
    if (!gateways) this.leases.set(agentId, (gateways = new Map<string, number>()));
    gateways.set(gatewayId, now + this.timing.leaseMs);
    this.leftAt.delete(agentId);
  }

  disconnected(gatewayId: string, agentId: string, now: number): void {
    const gateways = this.leases.get(agentId);
    if (!gateways?.delete(gatewayId)) return;
    if (gateways.size > 0) return;
    this.leases.delete(agentId);
    this.leftAt.set(agentId, now);
  }

  /** Renews the gateway's lease for the agents it lists; those it no longer lists have left it. */
  heartbeat(gatewayId: string, agentIds: readonly string[], now: number): string[] {
    const listed = new Set(agentIds);
    const touched = [...listed];
    for (const [agentId, gateways] of [...this.leases]) {
      if (gateways.has(gatewayId) && !listed.has(agentId)) {
        this.disconnected(gatewayId, agentId, now);
        touched.push(agentId);
      }
    }
    for (const agentId of listed) this.connected(gatewayId, agentId, now);
    return touched;
  }

  /** When the agent is to be made away if nothing changes; undefined when the book has nothing on them. */
  deadline(agentId: string): number | undefined {
    const gateways = this.leases.get(agentId);
    if (gateways) return Math.max(...gateways.values()) + this.timing.graceMs;
    const left = this.leftAt.get(agentId);
    return left === undefined ? undefined : left + this.timing.graceMs;
  }

  /**
   * Whether the agent's deadline has passed: no gateway renewed a lease and nobody reconnected within the
   * grace. A due agent is forgotten, so it comes due once.
   */
  takeDue(agentId: string, now: number): boolean {
    const deadline = this.deadline(agentId);
    if (deadline === undefined || deadline > now) return false;
    this.leases.delete(agentId);
    this.leftAt.delete(agentId);
    return true;
  }

  /** Every agent the book tracks, with their deadline (to arm timers again after a takeover). */
  deadlines(): Array<{ agentId: string; dueAt: number }> {
    const agents = new Set([...this.leases.keys(), ...this.leftAt.keys()]);
    return [...agents].flatMap((agentId) => {
      const dueAt = this.deadline(agentId);
      return dueAt === undefined ? [] : [{ agentId, dueAt }];
    });
  }
}
