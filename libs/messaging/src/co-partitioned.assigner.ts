// Kafka partition assigner that gives one member the same partition index in every subscribed topic.
// The tenant key hashes to the same index in each router input topic, so this keeps one writer per tenant;
// kafkajs' default round-robin assigner would split a tenant's inbound and command partitions across routers.
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const CO_PARTITIONED_ASSIGNER_NAME = 'SwitchboardCoPartitioned';

/** Pure assignment rule, exported for tests: partition index i goes to the i-th member (sorted) modulo count. */
export function coPartition(
  memberIds: readonly string[],
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Record<string, number[]>> {
  const members = [...memberIds].sort();
  const result = new Map<string, Record<string, number[]>>(members.map((id) => [id, {}]));
  if (members.length === 0) return result;
  for (const [topic, partitions] of partitionsByTopic) {
    for (const partition of partitions) {
      const owner = result.get(members[partition % members.length])!;
      (owner[topic] ??= []).push(partition);
    }
  }
  return result;
}

export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED_ASSIGNER_NAME,
  version: 0,
  assign({ members, topics }) {
    const partitionsByTopic = new Map(
      topics.map((topic) => [topic, cluster.findTopicPartitionMetadata(topic).map((m) => m.partitionId)]),
    );
    const assignment = coPartition(
      members.map((m) => m.memberId),
      partitionsByTopic,
    );
    return Promise.resolve(
      [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: topicPartitions,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: CO_PARTITIONED_ASSIGNER_NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
