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
  SupervisorCommandInputSchema,
  type AgentCommandInput,
  type AgentCommandV1,
  type CommandAck,
  type SupervisorCommandInput,
} from '@switchboard/contracts';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, type Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
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
    const parsed = parseCommand(AgentCommandInputSchema, input);
    return this.publish({
      ...recordShape(parsed, now),
      schema: AGENT_COMMAND_V1,
      commandId: randomUUID(),
      tenantId: principal.tenantId,
      agentId: principal.agentId,
      issuedAt: now.toISOString(),
    });
  }

  /**
   * A supervisor's or admin's reassign from /supervisors: only `conversation.transfer`, stamped with the issuer
   * from the token so the router lets it move any open conversation of the tenant. The record's `agentId` is
   * the issuer's agent profile, or null when they have none (a user id is not an agent's).
   */
  async executeAsSupervisor(
    principal: UserPrincipal,
    input: unknown,
    now = new Date(),
  ): Promise<ForwardedCommand> {
    if (principal.role === 'agent')
      throw new DomainError(ErrorCode.Forbidden, 'Only supervisors and admins reassign conversations');
    const parsed = parseCommand(SupervisorCommandInputSchema, input);
    return this.publish({
      ...transferShape(parsed),
      schema: AGENT_COMMAND_V1,
      commandId: randomUUID(),
      tenantId: principal.tenantId,
      agentId: principal.agentId ?? null,
      issuedAt: now.toISOString(),
      issuedBy: { role: principal.role, userId: principal.userId },
    });
  }

  private async publish(command: AgentCommandV1): Promise<ForwardedCommand> {
    // Waiting starts before the publish, so an outcome can never arrive unexpected.
    const outcome = this.outcomes.expect(command.commandId, command.tenantId);
    try {
      await this.bus.publish(this.config.topics.agentCommands, [
        { key: command.tenantId, value: JSON.stringify(command) },
      ]);
    } catch (error) {
      this.outcomes.forget(command.commandId);
      throw error;
    }
    return { commandId: command.commandId, outcome };
  }
}

/** The parsed command, or a validation error naming every bad field. */
function parseCommand<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = parseWith(schema, input);
  if (parsed.ok) return parsed.value;
  const fields = [...new Set(parsed.issues.map((issue) => issue.path || '(command)'))].join(', ');
  throw new DomainError(ErrorCode.ValidationFailed, `Invalid command: check ${fields}`, parsed.issues);
}

/**
 * The input as the record carries it: a transfer's target agent becomes `toAgentId` (the record's `agentId` is
 * the sender, stamped from the token), and a follow-up travels with one absolute due instant.
 */
function recordShape(input: AgentCommandInput, now: Date) {
  if (input.type === 'conversation.transfer') return transferShape(input);
  return withDueInstant(input, now);
}

function transferShape(input: SupervisorCommandInput) {
  const { agentId, ...rest } = input;
  return agentId === undefined ? rest : { ...rest, toAgentId: agentId };
}

/** A follow-up's due instant is checked against the gateway's clock. */
function withDueInstant(input: Exclude<AgentCommandInput, { type: 'conversation.transfer' }>, now: Date) {
  if (input.type !== 'conversation.follow-up') return input;
  const due = followUpDueAt(input, now.getTime());
  if (!due.ok) throw new DomainError(ErrorCode.ValidationFailed, 'Invalid command: check at', due.issues);
  const { inMs: _inMs, ...rest } = input;
  return { ...rest, at: new Date(due.dueAt).toISOString() };
}
