// Versioned topic names. A breaking record change gets a new topic version, so old and new producers can coexist.
export const Topics = {
  inbound: 'switchboard.inbound.v1',
  agentCommands: 'switchboard.agent-commands.v1',
  routingEvents: 'switchboard.routing-events.v1',
  outbound: 'switchboard.outbound.v1',
  deadLetter: 'switchboard.dead-letter.v1',
  /** Typing indicators between gateways: ephemeral, short retention, never journaled or stored. */
  typing: 'switchboard.typing.v1',
  /** Live queue and agent stats from the router to gateways: ephemeral, like typing. */
  queueStats: 'switchboard.queue-stats.v1',
  /** The router's outcome of each agent command, for the gateway awaiting it: ephemeral, like typing. */
  commandOutcomes: 'switchboard.command-outcomes.v1',
} as const;

export type TopicNames = { readonly [K in keyof typeof Topics]: string };

/**
 * The topic names under an optional prefix, so several environments (or test runs) can share one cluster.
 * The default, with no prefix, is the published contract.
 */
export function topicNames(prefix = ''): TopicNames {
  return {
    inbound: prefix + Topics.inbound,
    agentCommands: prefix + Topics.agentCommands,
    routingEvents: prefix + Topics.routingEvents,
    outbound: prefix + Topics.outbound,
    deadLetter: prefix + Topics.deadLetter,
    typing: prefix + Topics.typing,
    queueStats: prefix + Topics.queueStats,
    commandOutcomes: prefix + Topics.commandOutcomes,
  };
}

/** Topics the router consumes. They must share a partition count: the tenant key pins a tenant to one partition index in each. */
export function routerInputTopics(topics: TopicNames): string[] {
  return [topics.inbound, topics.agentCommands];
}
