import { describe, expect, it } from 'vitest';
import { liveSnapshot } from './live-snapshot.util';

const now = Date.parse('2026-03-02T10:00:00Z');

describe('liveSnapshot', () => {
  it('reports depth and longest current wait per queue, and agents by status with live occupancy', () => {
    const snapshot = liveSnapshot({
      now,
      waiting: [
        { queueId: 'sales', channel: 'chat', queuedAt: now - 30_000 },
        { queueId: 'sales', channel: 'email', queuedAt: now - 90_000 },
        { queueId: null, channel: 'whatsapp', queuedAt: now - 5_000 },
      ],
      agents: [
        { agentId: 'ana', status: 'available', openAssignments: 1, capacity: 3 },
        { agentId: 'ben', status: 'available', openAssignments: 3, capacity: 3 },
        { agentId: 'cai', status: 'wrap_up', openAssignments: 0, capacity: 2 },
        { agentId: 'dee', status: 'away', openAssignments: 1, capacity: 3 },
        { agentId: 'eve', status: 'offline', openAssignments: 0, capacity: 3 },
      ],
    });
    expect(snapshot.queues).toEqual([
      { queueId: null, depth: 1, longestWaitMs: 5_000 },
      { queueId: 'sales', depth: 2, longestWaitMs: 90_000 },
    ]);
    expect(snapshot.depth).toBe(3);
    expect(snapshot.longestWaitMs).toBe(90_000);
    expect(snapshot.agentsByStatus).toEqual({ offline: 1, available: 2, away: 1, busy: 0, wrap_up: 1 });
    // Only ana has a free slot. Staffed: ana, ben, cai (dee is away, eve offline); ana and ben hold work.
    expect(snapshot.agentsReady).toBe(1);
    expect(snapshot.occupancy).toBe(2 / 3);
    // Slots: (1 + 3 + 0) open of (3 + 3 + 2).
    expect(snapshot.slotUtilisation).toBe(0.5);
  });

  it('has no longest wait and no occupancy when nobody waits and nobody is staffed', () => {
    const snapshot = liveSnapshot({
      now,
      waiting: [],
      agents: [{ agentId: 'eve', status: 'offline', openAssignments: 0, capacity: 3 }],
    });
    expect(snapshot).toMatchObject({
      queues: [],
      depth: 0,
      longestWaitMs: null,
      occupancy: null,
      slotUtilisation: null,
      agentsReady: 0,
    });
  });
});
