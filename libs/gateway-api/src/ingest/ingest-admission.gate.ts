// Admission control for ingest: while the router's unconsumed inbound backlog is above the bound, new messages
// are refused (503 + Retry-After) instead of queueing without limit. One reading serves every request for a
// short while, and at most one reading is in flight, so ingest never asks the broker once per request.
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import type { Logger } from 'pino';

export interface IngestAdmissionOptions {
  bus: Pick<Bus, 'backlog'>;
  /** The router's consumer group and the topic it reads integrators' messages from. */
  groupId: string;
  topic: string;
  /** Refuse while more than this many records wait. */
  maxBacklog: number;
  logger: Logger;
  /** How long one reading is trusted (default 300 ms). */
  ttlMs?: number;
  /** Longest a request waits for a reading; after that it is admitted and publishing decides (default 500 ms). */
  maxWaitMs?: number;
  /** What a refused caller is told to wait (default 1 s). */
  retryAfterMs?: number;
  now?: () => number;
}

interface Reading {
  /** undefined: the bus could not say; that is not a reason to refuse. */
  backlog: number | undefined;
  at: number;
}

export class IngestAdmissionGate {
  private reading?: Reading;
  private refreshing?: Promise<Reading>;
  private readonly ttlMs: number;
  private readonly maxWaitMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IngestAdmissionOptions) {
    this.ttlMs = options.ttlMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 500;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when a new message may be accepted; throws an Overloaded domain error otherwise. */
  async admit(): Promise<void> {
    const backlog = await this.backlog();
    if (backlog === undefined || backlog <= this.options.maxBacklog) return;
    throw new DomainError(
      ErrorCode.Overloaded,
      `Ingest is paused: more than ${this.options.maxBacklog} messages are waiting to be routed. Retry later.`,
      [],
      { retryAfterMs: this.retryAfterMs },
    );
  }

  private async backlog(): Promise<number | undefined> {
    const reading = this.reading;
    if (reading && this.now() - reading.at < this.ttlMs) return reading.backlog;
    const fresh = await withDeadline(this.refresh(), this.maxWaitMs);
    return fresh?.backlog;
  }

  private refresh(): Promise<Reading> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async read(): Promise<Reading> {
    const at = this.now();
    let backlog: number | undefined;
    try {
      backlog = await this.options.bus.backlog(this.options.groupId, this.options.topic);
    } catch (error) {
      // An unknown backlog is not an overload: publishing will tell whether the bus can take the message.
      this.options.logger.warn({ err: error }, 'inbound backlog unreadable; admitting, publish decides');
    }
    this.reading = { backlog, at };
    return this.reading;
  }
}

/** The promise's value, or undefined if it has not settled within `ms`. */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
