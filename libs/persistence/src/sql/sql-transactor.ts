// Plain SQL for the router's hot path, beside Prisma: set-based statements with array parameters
// (`unnest($1::text[], …)`) in one short transaction per batch. Prisma stays for admin and CRUD.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Pool, type PoolClient } from 'pg';

export interface SqlExecutor {
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface TransactionOptions {
  /** Upper bound for each statement, so a stuck batch fails (and is retried smaller) instead of hanging. */
  statementTimeoutMs?: number;
}

export interface SqlTransactor extends SqlExecutor {
  transaction<T>(work: (sql: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export function pgTransactor(connectionString: string, maxConnections = 8): SqlTransactor {
  const pool = new Pool({ connectionString, max: maxConnections });
  // An idle client that loses its server (a Postgres restart) emits 'error'; the pool replaces it.
  pool.on('error', () => undefined);
  const executor = (client: Pool | PoolClient): SqlExecutor => ({
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      return (await client.query<Row>(sql, [...params])).rows;
    },
  });
  return {
    ...executor(pool),
    async transaction(work, options = {}) {
      const client = await pool.connect();
      let broken = false;
      // A server that goes away while we hold the client emits 'error' on it; unheard, that kills the process.
      // The statement in flight (or the next one) fails anyway, and a broken client is not returned to the pool.
      const onError = (): void => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        if (options.statementTimeoutMs !== undefined) {
          await client.query(`SET LOCAL statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
        }
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

export function pgliteTransactor(db: PGlite): SqlTransactor {
  const executor = (target: PGlite | Transaction): SqlExecutor => ({
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row>(sql, [...params])).rows;
    },
  });
  return {
    ...executor(db),
    // PGlite runs one statement at a time in this process; a timeout could not interrupt it, so none is set.
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    close: () => Promise.resolve(),
  };
}
