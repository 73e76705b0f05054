// Follow-ups share the process's timer driver with the SLA clocks, in their own key space: a due key is either
// a conversation (its SLA clocks) or `followup:<id>`, and the router hands each kind to its own step.
export const FOLLOW_UP_KEY_PREFIX = 'followup:';

export const followUpTimerKey = (followUpId: string): string => `${FOLLOW_UP_KEY_PREFIX}${followUpId}`;

/** Splits due timer keys into SLA conversations and follow-ups, keeping each kind's order. */
export function splitDueKeys(keys: readonly string[]): { conversationIds: string[]; followUpIds: string[] } {
  const conversationIds: string[] = [];
  const followUpIds: string[] = [];
  for (const key of keys) {
    if (key.startsWith(FOLLOW_UP_KEY_PREFIX)) followUpIds.push(key.slice(FOLLOW_UP_KEY_PREFIX.length));
    else conversationIds.push(key);
  }
  return { conversationIds, followUpIds };
}
