// Decodes the records a relay consumed: JSON, then the topic's contract. Relays push live state, so a record
// that is neither is skipped (nothing would retry it); `onSkip` says why when the relay wants it logged.
import type { ConsumedBatch } from '@switchboard/messaging';
import { parseWith } from '@switchboard/contracts';
import type { z } from 'zod';

export type SkipReason =
  { offset: string; reason: 'unparseable' } | { offset: string; reason: 'invalid'; issues: unknown };

export function* validRecords<T>(
  messages: ConsumedBatch['messages'],
  schema: z.ZodType<T>,
  onSkip?: (skipped: SkipReason) => void,
): Generator<T> {
  for (const message of messages) {
    let json: unknown;
    try {
      json = JSON.parse(message.value.toString('utf8'));
    } catch {
      onSkip?.({ offset: message.offset, reason: 'unparseable' });
      continue;
    }
    const parsed = parseWith(schema, json);
    if (parsed.ok) yield parsed.value;
    else onSkip?.({ offset: message.offset, reason: 'invalid', issues: parsed.issues });
  }
}
