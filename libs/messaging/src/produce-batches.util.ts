// Splits a publish into requests the broker accepts. Kafka refuses a record batch over its message size limit
// (1 MiB by default), and kafkajs sends one batch per partition per request, so a large publish must go out as
// several sends, in order.

/** Comfortably under the broker's default 1 MiB `message.max.bytes`, headers and framing included. */
export const MAX_PRODUCE_BYTES = 512 * 1024;

export function produceBatches<T extends { key?: string | null; value: string | Buffer }>(
  messages: readonly T[],
  maxBytes = MAX_PRODUCE_BYTES,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.value) + Buffer.byteLength(message.key ?? '') + 64;
    if (current.length > 0 && bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
