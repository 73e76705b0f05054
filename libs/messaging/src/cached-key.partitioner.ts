// kafkajs' default partitioner, remembered per key: a keyed record's partition depends only on its key and the
// topic's partition count, and the router publishes thousands of events a second under a handful of tenant keys,
// each of which the default partitioner would hash (murmur2 in JavaScript) and scan the metadata for again.
import { Partitioners, type ICustomPartitioner, type PartitionerArgs } from 'kafkajs';

/** Keys remembered at most; past it the cache starts over, so a stream of one-off keys cannot grow it. */
const MAX_KEYS = 10_000;

export const CachedKeyPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner();
  const partitions = new Map<string, number>();
  return (args: PartitionerArgs): number => {
    const { message, partitionMetadata } = args;
    // An explicit partition, a missing key (round-robin) or a binary key: exactly as kafkajs does it.
    if (message.partition !== undefined && message.partition !== null) return fallback(args);
    if (typeof message.key !== 'string') return fallback(args);
    const id = `${partitionMetadata.length}:${message.key}`;
    let partition = partitions.get(id);
    if (partition === undefined) {
      if (partitions.size >= MAX_KEYS) partitions.clear();
      partition = fallback(args);
      partitions.set(id, partition);
    }
    return partition;
  };
};
