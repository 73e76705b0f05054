import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PresenceBook } from './presence.book';

const timing = { leaseMs: 30_000, graceMs: 10_000 };

type Step =
  | { kind: 'connected' | 'disconnected'; gateway: string; at: number }
  | { kind: 'heartbeat'; gateway: string; listed: boolean; at: number };

const steps = fc.array(
  fc.record({
    kind: fc.constantFrom<Step['kind']>('connected', 'disconnected', 'heartbeat'),
    gateway: fc.constantFrom('g1', 'g2', 'g3'),
    listed: fc.boolean(),
    gap: fc.integer({ min: 0, max: 50_000 }),
  }),
  { maxLength: 30 },
);

describe('PresenceBook', () => {
  it('keeps an agent present while any gateway holds them: one tab closing elsewhere changes nothing', () => {
    const book = new PresenceBook(timing);
    book.connected('g1', 'a1', 0);
    book.connected('g2', 'a1', 0);
    book.disconnected('g1', 'a1', 1_000);
    expect(book.deadline('a1')).toBe(30_000 + 10_000);
    expect(book.takeDue('a1', 39_999)).toBe(false);
  });

  it('makes an agent due a grace after their last console left, unless they came back within it', () => {
    const book = new PresenceBook(timing);
    book.connected('g1', 'a1', 0);
    book.disconnected('g1', 'a1', 5_000);
    expect(book.takeDue('a1', 14_999)).toBe(false);
    book.connected('g2', 'a1', 14_000);
    expect(book.takeDue('a1', 15_000)).toBe(false);
    book.disconnected('g2', 'a1', 20_000);
    expect(book.takeDue('a1', 30_000)).toBe(true);
    // Once: a due agent is forgotten until a gateway names them again.
    expect(book.takeDue('a1', 99_000)).toBe(false);
  });

  it('lets a dead gateway lapse: with no heartbeat its agents are due after lease plus grace', () => {
    const book = new PresenceBook(timing);
    book.heartbeat('g1', ['a1', 'a2'], 0);
    book.heartbeat('g1', ['a1'], 10_000);
    // a2 left g1 (not listed) at 10 s; a1's lease was renewed at 10 s and then nothing more came.
    expect(book.takeDue('a2', 20_000)).toBe(true);
    expect(book.takeDue('a1', 49_999)).toBe(false);
    expect(book.takeDue('a1', 50_000)).toBe(true);
  });

  it('never makes due an agent whose lease on some gateway still runs (property)', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 200_000 }), (script, probeGap) => {
        const book = new PresenceBook(timing);
        const expiry = new Map<string, number>();
        let now = 0;
        for (const s of script) {
          now += s.gap;
          if (s.kind === 'connected' || (s.kind === 'heartbeat' && s.listed)) {
            if (s.kind === 'connected') book.connected(s.gateway, 'a1', now);
            else book.heartbeat(s.gateway, ['a1'], now);
            expiry.set(s.gateway, now + timing.leaseMs);
          } else if (s.kind === 'disconnected') {
            book.disconnected(s.gateway, 'a1', now);
            expiry.delete(s.gateway);
          } else {
            book.heartbeat(s.gateway, [], now);
            expiry.delete(s.gateway);
          }
        }
        const probe = now + probeGap;
        const heldUntil = Math.max(-Infinity, ...expiry.values());
        const due = book.takeDue('a1', probe);
        if (heldUntil + timing.graceMs > probe) expect(due).toBe(false);
        if (expiry.size > 0 && heldUntil + timing.graceMs <= probe) expect(due).toBe(true);
      }),
    );
  });
});
