// The one pagination convention of the REST API: `?limit=&cursor=` in, `{ items, nextCursor }` out.
// Cursors are opaque (base64url of the last row's sort key), so clients cannot depend on their shape.
import { storable, unstorableTextReason } from '@switchboard/contracts';
import { z } from 'zod';

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: storable(z.string())
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned by a previous page')
    // A forged cursor can decode to text PostgreSQL refuses (NUL): a 400 here, not a 500 from the query.
    .refine((cursor) => unstorableTextReason(decodeCursor(cursor) ?? '') === undefined, {
      message: 'must be a cursor returned by a previous page',
    })
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * Builds a page from rows fetched with `take: limit + 1` (the extra row only tells whether more exist).
 * `keyOf` must return the same key the query orders by.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items: items.map(map), nextCursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
