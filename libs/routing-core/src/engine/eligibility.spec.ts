import { describe, expect, it } from 'vitest';
import { agentInput, contactInput, harness, offerPairs } from '../testing/routing.fixtures';

// Rule 1: an agent is eligible when available, same tenant, meets the ring, speaks the language, has
// room in the class and in weighted units, and has not declined or missed this contact.
describe('eligibility', () => {
  it('only an available agent gets offers', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { status: 'away' }) });
    expect(offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput('c1') }))).toEqual([]);
    expect(offerPairs(engine.apply({ type: 'setAgentStatus', agentId: 'a1', status: 'available' }))).toEqual([
      'c1->a1',
    ]);
  });

  it('never crosses tenants', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertQueue', queue: { id: 'q2', tenantId: 't2' } });
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1') });
    expect(
      offerPairs(
        engine.apply({
          type: 'contactArrived',
          contact: contactInput('c1', { tenantId: 't2', queueId: 'q2' }),
        }),
      ),
    ).toEqual([]);
    expect(engine.getContact('c1')?.state).toBe('waiting');
  });

  it('needs every required skill at its minimum proficiency', () => {
    const { engine } = harness();
    engine.apply({
      type: 'upsertAgent',
      agent: agentInput('novice', { skills: [{ skill: 'billing', proficiency: 2 }] }),
    });
    engine.apply({
      type: 'upsertAgent',
      agent: agentInput('expert', { skills: [{ skill: 'billing', proficiency: 8 }] }),
    });
    engine.apply({ type: 'setAgentStatus', agentId: 'expert', status: 'busy' });
    const c = contactInput('c1', { requiredSkills: [{ skill: 'billing', minProficiency: 5 }] });
    expect(offerPairs(engine.apply({ type: 'contactArrived', contact: c }))).toEqual([]);
    expect(
      offerPairs(engine.apply({ type: 'setAgentStatus', agentId: 'expert', status: 'available' })),
    ).toEqual(['c1->expert']);
  });

  it('needs the language', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('en', { languages: ['en'] }) });
    engine.apply({ type: 'upsertAgent', agent: agentInput('es', { languages: ['en', 'es'] }) });
    expect(
      offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput('c1', { language: 'es' }) })),
    ).toEqual(['c1->es']);
  });

  it('respects per-class capacity: an agent at capacity gets nothing more', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { capacity: { chat: 2, email: 1 } }) });
    const out = ['c1', 'c2', 'c3'].flatMap((id) =>
      offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput(id) })),
    );
    expect(out).toEqual(['c1->a1', 'c2->a1']);
    expect(
      offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput('e1', { channel: 'email' }) })),
    ).toEqual(['e1->a1']);
    expect(engine.getAgent('a1')?.load).toMatchObject({ chat: 2, email: 1 });
  });

  it('respects the weighted total: 2 chats x 2 units fill a 4-unit agent even with chat room left', () => {
    const { engine } = harness();
    engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a1', { capacity: { chat: 3, email: 3 }, maxUnits: 4, unitWeights: { chat: 2 } }),
    });
    const out = ['c1', 'c2', 'c3'].flatMap((id) =>
      offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput(id) })),
    );
    expect(out).toEqual(['c1->a1', 'c2->a1']);
    expect(
      offerPairs(engine.apply({ type: 'contactArrived', contact: contactInput('e1', { channel: 'email' }) })),
    ).toEqual([]);
  });

  it('social channels share one class: WhatsApp and Instagram count against the same allowance', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { capacity: { social: 1 } }) });
    expect(
      offerPairs(
        engine.apply({ type: 'contactArrived', contact: contactInput('w', { channel: 'whatsapp' }) }),
      ),
    ).toEqual(['w->a1']);
    expect(
      offerPairs(
        engine.apply({ type: 'contactArrived', contact: contactInput('i', { channel: 'instagram' }) }),
      ),
    ).toEqual([]);
  });

  it('an agent who declined is excluded for that contact, not for others', () => {
    const { engine } = harness();
    engine.apply({ type: 'upsertAgent', agent: agentInput('a1') });
    engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    expect(offerPairs(engine.apply({ type: 'offerDeclined', contactId: 'c1', agentId: 'a1' }))).toEqual([
      'c2->a1',
    ]);
    expect(engine.getContact('c1')?.excludedAgentIds).toEqual(['a1']);
  });
});
