import { describe, expect, it } from 'vitest';
import { auditInputContract } from '@switchboard/contracts';
import { decodeCursor, encodeCursor, PageQuerySchema, toPage } from './pagination';

describe('pagination', () => {
  it('returns a cursor only when more rows exist', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(
      rows,
      2,
      (r) => r.id,
      (r) => r.id,
    );
    expect(page).toEqual({ items: ['a', 'b'], nextCursor: encodeCursor('b') });
    expect(decodeCursor(page.nextCursor!)).toBe('b');
    expect(
      toPage(
        rows,
        3,
        (r) => r.id,
        (r) => r.id,
      ).nextCursor,
    ).toBeNull();
  });

  it('bounds the page size and rejects forged cursors', () => {
    expect(PageQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(PageQuerySchema.safeParse({ limit: '1000' }).success).toBe(false);
    expect(PageQuerySchema.safeParse({ cursor: "x' OR 1=1 --" }).success).toBe(false);
  });

  it('passes the contract audit, and refuses a forged cursor that decodes to unstorable text', () => {
    expect(auditInputContract(PageQuerySchema)).toEqual([]);
    expect(PageQuerySchema.safeParse({ cursor: encodeCursor('a\u0000b') }).success).toBe(false);
    expect(PageQuerySchema.safeParse({ cursor: encodeCursor('agent-42') }).success).toBe(true);
  });
});
