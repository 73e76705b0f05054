import { describe, expect, it } from 'vitest';
import { createRoutingEngine } from './routing-engine';
import {
  agentInput,
  contactInput,
  ManualClock,
  offerPairs,
  only,
  queueInput,
} from '../testing/routing.fixtures';

// Restart: state is rebuilt from the database; live offers keep their expiry, contacts their age.
describe('restore', () => {
  function restored(clock: ManualClock) {
    const engine = createRoutingEngine({ clock });
    engine.apply({ type: 'upsertQueue', queue: queueInput() });
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { capacity: { chat: 2 } }) });
    engine.apply({ type: 'upsertAgent', agent: agentInput('a2') });
    return engine;
  }

  it('restoring an offer and an assignment emits nothing and holds their capacity', () => {
    const clock = new ManualClock();
    const engine = restored(clock);
    const t = clock.t;
    expect(
      engine.apply({
        type: 'restoreOffer',
        contact: contactInput('c1', { arrivedAt: t - 10_000 }),
        agentId: 'a1',
        offerId: 'c1:1',
        expiresAt: t + 20_000,
      }),
    ).toEqual([]);
    expect(
      engine.apply({
        type: 'restoreAssignment',
        contact: contactInput('c2', { arrivedAt: t - 60_000 }),
        agentId: 'a1',
      }),
    ).toEqual([]);
    expect(
      engine.apply({ type: 'restoreContact', contact: contactInput('c3', { arrivedAt: t - 5_000 }) }),
    ).toEqual([]);
    expect(engine.getAgent('a1')?.load.chat).toBe(2);
    // Waiting work is routed once the restore is complete, to whoever has room.
    expect(offerPairs(engine.apply({ type: 'restoreCompleted' }))).toEqual(['c3->a2']);
    expect(engine.nextTimerAt()).toBe(t + 20_000);
    expect(engine.getContact('c3')?.arrivedAt).toBe(t - 5_000);
  });

  it('an offer that expired while the router was down times out on restoreCompleted', () => {
    const clock = new ManualClock();
    const engine = restored(clock);
    engine.apply({
      type: 'restoreOffer',
      contact: contactInput('c1'),
      agentId: 'a1',
      offerId: 'c1:1',
      expiresAt: clock.t - 1,
    });
    const out = engine.apply({ type: 'restoreCompleted' });
    expect(only(out, 'requeued')).toMatchObject([{ contactId: 'c1', cause: 'timeout' }]);
    expect(offerPairs(out)).toEqual(['c1->a2']);
    expect(only(out, 'offer')[0].offerId).toBe('c1:2');
  });

  it('restored exclusions and relaxation step are kept', () => {
    const clock = new ManualClock();
    const engine = restored(clock);
    engine.apply({
      type: 'restoreContact',
      contact: { ...contactInput('c1'), excludedAgentIds: ['a1', 'a2'], relaxationStep: 0 },
    });
    expect(offerPairs(engine.apply({ type: 'restoreCompleted' }))).toEqual([]);
  });
});
