// Answers consoles' commands with the router's outcome (ADR 0027). Every gateway reads the ephemeral outcome
// topic from latest in a group of its own and settles the acks it holds by command id; outcomes of commands
// another gateway forwarded find no waiter here and are ignored. A waiter not settled in time is answered
// OUTCOME_UNKNOWN: the command may still take effect, and the console's event stream will show it.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { CommandOutcomeV1Schema, type CommandAck } from '@switchboard/contracts';
import {
  backoffDelay,
  BUS,
  sleep,
  type Bus,
  type ConsumedBatch,
  type Subscription,
} from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { validRecords } from './relay-records.util';

/** Outcomes matter for seconds; a gateway that was down reads from latest anyway. */
const OUTCOME_RETENTION_MS = 60_000;
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

interface Waiter {
  tenantId: string;
  settle: (ack: CommandAck) => void;
}

@Injectable()
export class CommandOutcomeRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly waiters = new Map<string, Waiter>();
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { topics } = this.config;
    await this.ensureTopic();
    this.subscription = await this.bus.subscribe({
      // Every gateway must see every outcome; named like the routing-event relay's group, for the same reason.
      groupId: `switchboard-command-outcomes-${hostname()}-${this.config.http.port || randomUUID()}`,
      topics: [topics.commandOutcomes],
      fromBeginning: false,
      handleBatch: (batch) => this.receive(batch),
    });
  }

  /** A broker still creating the other boot-time topics may not know a new one yet: try again briefly. */
  private async ensureTopic(attempts = 5): Promise<void> {
    const { topics, bus } = this.config;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.bus.ensureTopics([topics.commandOutcomes], bus.kind === 'kafka' ? bus.partitions : 1, {
          retentionMs: OUTCOME_RETENTION_MS,
        });
        return;
      } catch (error) {
        if (attempt + 1 >= attempts) throw error;
        await sleep(backoffDelay(attempt, { initialMs: 200, maxMs: 2_000, factor: 2 }));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    for (const [commandId] of this.waiters) this.settle(commandId, unknownOutcome(commandId));
  }

  /**
   * Registers for a command's outcome; call it before publishing the command, so no outcome can arrive first.
   * The promise never rejects: it settles with the router's answer or, after `timeoutMs`, OUTCOME_UNKNOWN.
   */
  expect(commandId: string, tenantId: string, timeoutMs = this.config.sockets.commandAckTimeoutMs) {
    return new Promise<CommandAck>((resolve) => {
      const timer = setTimeout(() => this.settle(commandId, unknownOutcome(commandId)), timeoutMs);
      timer.unref();
      this.waiters.set(commandId, {
        tenantId,
        settle: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
    });
  }

  /** Gives up on a command that never left (its publish failed). */
  forget(commandId: string): void {
    this.waiters.delete(commandId);
  }

  receive(batch: Pick<ConsumedBatch, 'messages'>): Promise<void> {
    for (const outcome of validRecords(batch.messages, CommandOutcomeV1Schema)) {
      // A command id is the gateway's own random id; the tenant check keeps even a forged record in its tenant.
      if (this.waiters.get(outcome.commandId)?.tenantId !== outcome.tenantId) continue;
      this.settle(
        outcome.commandId,
        outcome.ok
          ? { ok: true, commandId: outcome.commandId }
          : { ok: false, commandId: outcome.commandId, code: outcome.code, message: outcome.message },
      );
    }
    return Promise.resolve();
  }

  private settle(commandId: string, ack: CommandAck): void {
    const waiter = this.waiters.get(commandId);
    if (!waiter) return;
    this.waiters.delete(commandId);
    waiter.settle(ack);
  }
}

function unknownOutcome(commandId: string): CommandAck {
  return {
    ok: false,
    commandId,
    code: OUTCOME_UNKNOWN,
    message: 'The router did not answer in time; the command may still take effect (watch the event stream)',
  };
}
