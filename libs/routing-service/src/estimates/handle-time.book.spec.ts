import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { HandleTimeBook } from './handle-time.book';

function assignment(conversationId: string, assignedAt: number, endedAt: number | null = null) {
  return {
    id: `a-${conversationId}`,
    conversationId,
    agentId: 'ag',
    offerId: 'o',
    assignedAt,
    endedAt,
    reason: null,
  };
}

describe('HandleTimeBook', () => {
  it('measures an assignment from its batch to the batch that ends it, per queue', () => {
    const book = new HandleTimeBook();
    const queues: Record<string, string | null> = { c1: 'q1', c2: null };
    const first = new WriteSet();
    first.addAssignment(assignment('c1', 1000));
    first.addAssignment(assignment('c2', 2000, 62_000));
    book.follow(first, (id) => queues[id] ?? null);
    expect(book.meanMs('q1')).toBeNull();
    expect(book.meanMs(null)).toBe(60_000);
    const second = new WriteSet();
    second.endAssignment('c1', 121_000);
    book.follow(second, (id) => queues[id] ?? null);
    expect(book.meanMs('q1')).toBe(120_000);
  });

  it('ignores the end of an assignment it never saw start (loaded state reads those from the database)', () => {
    const book = new HandleTimeBook();
    book.ended('unknown', 5000);
    expect(book.meanMs(null)).toBeNull();
  });
});
