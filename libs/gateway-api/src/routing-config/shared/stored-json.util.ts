// Stored JSON documents are written through validated schemas, but are read defensively: a row edited by hand
// or by an older version must not break a read endpoint.
import type { z } from 'zod';

export function storedJson<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}
