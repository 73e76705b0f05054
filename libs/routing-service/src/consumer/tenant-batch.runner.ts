// Runs one tenant's share of a consumed batch in bounded chunks, one transaction each, so a backlog drains
// instead of livelocking on one oversized transaction. A chunk that outgrows the transaction's time bound is
// retried at half the size. A chunk whose data the database refuses is split in halves until the offending
// records are found; those are dead-lettered with the reason and everything else commits.
import { ErrorCode } from '@switchboard/contracts';
import type { ConsumedMessage, Rejection } from '@switchboard/messaging';
import type { Logger } from 'pino';
import { classifyFailure } from '../failure/failure.classifier';
import type { TenantItem, TenantRoutingService } from '../tenant-routing.service';

export interface RunnerItem {
  item: TenantItem;
  /** Where the record came from, for its dead letter. */
  message: ConsumedMessage;
}

export interface TenantBatchRunnerDeps {
  routing: Pick<TenantRoutingService, 'runChunk'>;
  maxRecords: number;
  deadLetter: (message: ConsumedMessage, rejection: Rejection) => Promise<void>;
  logger: Logger;
}

export class TenantBatchRunner {
  constructor(private readonly deps: TenantBatchRunnerDeps) {}

  async run(
    tenantId: string,
    items: readonly RunnerItem[],
    queueIds: ReadonlyMap<string, string>,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    let size = this.deps.maxRecords;
    for (let start = 0; start < items.length;) {
      const chunk = items.slice(start, start + size);
      try {
        await this.isolating(tenantId, chunk, queueIds);
        start += chunk.length;
        await heartbeat();
      } catch (error) {
        if (classifyFailure(error) !== 'too-large' || size === 1) throw error;
        size = Math.ceil(size / 2);
        this.deps.logger.warn({ tenantId, size }, 'transaction ran past its time bound; retrying smaller');
      }
    }
  }

  /** Commits the chunk, or, when its data is refused, each half separately until the culprits are alone. */
  private async isolating(
    tenantId: string,
    chunk: readonly RunnerItem[],
    queueIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    try {
      await this.deps.routing.runChunk(
        tenantId,
        chunk.map((c) => c.item),
        queueIds,
      );
    } catch (error) {
      if (classifyFailure(error) !== 'poison') throw error;
      if (chunk.length === 1) {
        await this.deps.deadLetter(chunk[0].message, refused(error));
        return;
      }
      const half = Math.ceil(chunk.length / 2);
      await this.isolating(tenantId, chunk.slice(0, half), queueIds);
      await this.isolating(tenantId, chunk.slice(half), queueIds);
    }
  }
}

function refused(error: unknown): Rejection {
  const detail = error instanceof Error ? error.message : String(error);
  return { code: ErrorCode.ValidationFailed, reason: `The database refused this record: ${detail}` };
}
