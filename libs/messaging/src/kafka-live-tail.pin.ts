// Pins where a live-tail subscription (fromBeginning: false) starts, so that subscribe() resolving means "every
// record published from now on is delivered". kafkajs alone resolves a group's missing start offsets to
// "latest" lazily, in its first fetch after consumer.run() returned: a record published in between is skipped.
import type { Admin, Consumer } from 'kafkajs';

/** The partitions assigned to this member, by topic (the GROUP_JOIN payload's memberAssignment). */
export type MemberAssignment = Record<string, number[]>;

/**
 * For each assigned partition the group has no committed offset for, reads the log end now and both commits it
 * (durable: a consumer restarted by kafkajs starts there too) and seeks to it (the running consumer's next fetch
 * starts there, whatever offset its own lazy resolution found). Returns the pinned partitions.
 */
export async function pinLiveTail(
  admin: Admin,
  consumer: Consumer,
  groupId: string,
  assignment: MemberAssignment,
): Promise<Array<{ topic: string; partition: number; offset: string }>> {
  const topics = Object.keys(assignment).filter((topic) => (assignment[topic] ?? []).length > 0);
  if (topics.length === 0) return [];
  const committed = await admin.fetchOffsets({ groupId, topics });
  const pins: Array<{ topic: string; partition: number; offset: string }> = [];
  for (const { topic, partitions } of committed) {
    const assigned = new Set(assignment[topic] ?? []);
    // -1: nothing committed. A committed offset is where the group continues, and every record after it comes.
    const unset = partitions.filter((p) => assigned.has(p.partition) && Number(p.offset) < 0);
    if (unset.length === 0) continue;
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((e) => [e.partition, e.high] as const));
    for (const { partition } of unset) {
      const offset = ends.get(partition);
      if (offset !== undefined) pins.push({ topic, partition, offset });
    }
  }
  if (pins.length === 0) return pins;
  await consumer.commitOffsets(pins);
  // A fetch already under way may have resolved "latest" after the end read above; the seek takes the next
  // fetch back to it, and until then kafkajs marks that partition's batches stale (the bus skips them).
  for (const pin of pins) consumer.seek(pin);
  return pins;
}
