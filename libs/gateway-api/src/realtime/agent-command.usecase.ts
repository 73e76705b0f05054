// Forwards a console command to the router: the gateway validates and stamps identity, the router decides,
// and the router's outcome for the command id comes back through the CommandOutcomeRelay (ADR 0027).
import { Inject, Injectable } from '@nestjs/common';
import {
  AGENT_COMMAND_V1,
  AgentCommandInputSchema,
  DomainError,
  ErrorCode,
  followUpDueAt,
  parseWith,
  type AgentCommandInput,
  type AgentCommandV1,
  type CommandAck,
} from '@switchboard/contracts';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, type Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { CommandOutcomeRelay } from './command-outcome.relay';

/** A command on its way: its id at once, and the router's outcome when it comes (or OUTCOME_UNKNOWN). */
export interface ForwardedCommand {
  commandId: string;
  outcome: Promise<CommandAck>;
}

@Injectable()
export class ForwardAgentCommand {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outcomes: CommandOutcomeRelay,
  ) {}

  async execute(principal: UserPrincipal, input: unknown, now = new Date()): Promise<ForwardedCommand> {
    if (!principal.agentId)
      throw new DomainError(ErrorCode.Forbidden, 'Only users with an agent profile take work');
    const parsed = parseWith(AgentCommandInputSchema, input);
    if (!parsed.ok) {
      const fields = [...new Set(parsed.issues.map((issue) => issue.path || '(command)'))].join(', ');
      throw new DomainError(ErrorCode.ValidationFailed, `Invalid command: check ${fields}`, parsed.issues);
    }
    const command = {
      ...recordShape(parsed.value, now),
      schema: AGENT_COMMAND_V1,
      commandId: randomUUID(),
      tenantId: principal.tenantId,
      agentId: principal.agentId,
      issuedAt: now.toISOString(),
    } satisfies AgentCommandV1;
    // Waiting starts before the publish, so an outcome can never arrive unexpected.
    const outcome = this.outcomes.expect(command.commandId, principal.tenantId);
    try {
      await this.bus.publish(this.config.topics.agentCommands, [
        { key: principal.tenantId, value: JSON.stringify(command) },
      ]);
    } catch (error) {
      this.outcomes.forget(command.commandId);
      throw error;
    }
    return { commandId: command.commandId, outcome };
  }
}

/**
 * The input as the record carries it: a transfer's target agent becomes `toAgentId` (the record's `agentId` is
 * the sender, stamped from the token), and a follow-up travels with one absolute due instant.
 */
function recordShape(input: AgentCommandInput, now: Date) {
  if (input.type === 'conversation.transfer') {
    const { agentId, ...rest } = input;
    return agentId === undefined ? rest : { ...rest, toAgentId: agentId };
  }
  return withDueInstant(input, now);
}

/** A follow-up's due instant is checked against the gateway's clock. */
function withDueInstant(input: Exclude<AgentCommandInput, { type: 'conversation.transfer' }>, now: Date) {
  if (input.type !== 'conversation.follow-up') return input;
  const due = followUpDueAt(input, now.getTime());
  if (!due.ok) throw new DomainError(ErrorCode.ValidationFailed, 'Invalid command: check at', due.issues);
  const { inMs: _inMs, ...rest } = input;
  return { ...rest, at: new Date(due.dueAt).toISOString() };
}
