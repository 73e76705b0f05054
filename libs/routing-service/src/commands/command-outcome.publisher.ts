// Tells the gateways how each agent command of a committed batch turned out (ADR 0027): one ephemeral record
// per command, keyed by tenant, published unawaited once the batch is durable. A lost record costs the console
// an OUTCOME_UNKNOWN ack, never a wrong one: the stored events remain the truth.
import {
  COMMAND_OUTCOME_V1,
  type AgentCommandV1,
  type CommandOutcomeV1,
  type RoutingEventBody,
} from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import type { Logger } from 'pino';

/** Publishes waiting for the broker; beyond it outcomes are dropped (their acks time out) rather than queued. */
const MAX_IN_FLIGHT = 200;

/**
 * The outcome of one command from the events its handling added: the `command.rejected` naming it, if any,
 * otherwise done (a redelivered command whose effect is already stored is done too).
 */
export function outcomeOf(
  command: AgentCommandV1,
  added: readonly RoutingEventBody[],
  at: string,
): CommandOutcomeV1 {
  const { commandId, tenantId, agentId } = command;
  const rejected = added.find((e) => e.type === 'command.rejected' && e.commandId === commandId);
  if (rejected?.type === 'command.rejected') {
    const { code, message } = rejected;
    return { schema: COMMAND_OUTCOME_V1, commandId, tenantId, agentId, ok: false, code, message, at };
  }
  return { schema: COMMAND_OUTCOME_V1, commandId, tenantId, agentId, ok: true, at };
}

export class CommandOutcomePublisher {
  private inFlight = 0;

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  /** Returns at once: the router's next batch never waits for a gateway's convenience. */
  publish(tenantId: string, outcomes: readonly CommandOutcomeV1[]): void {
    if (outcomes.length === 0) return;
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.logger.debug(
        { tenantId, count: outcomes.length },
        'command outcomes dropped: the broker is behind',
      );
      return;
    }
    this.inFlight++;
    this.bus
      .publish(
        this.topic,
        outcomes.map((outcome) => ({ key: tenantId, value: JSON.stringify(outcome) })),
      )
      .catch((error: unknown) =>
        this.logger.debug({ err: error, tenantId }, 'command outcomes not published'),
      )
      .finally(() => this.inFlight--);
  }
}
