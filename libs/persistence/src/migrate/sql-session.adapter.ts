// The two SQL capabilities the migration runner needs, over node-postgres or an in-process PGlite.
// DDL goes straight to the driver: Prisma Client cannot run multi-statement scripts, and the
// PGlite driver adapter's executeScript does not await the script, so its errors would be lost.
import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

export interface SqlSession {
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script through the simple-query protocol. */
  exec(script: string): Promise<void>;
}

export function pgSqlSession(client: ClientBase): SqlSession {
  return {
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<Row[]> {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await client.query(script);
    },
  };
}

export function pgliteSqlSession(db: PGlite): SqlSession {
  return {
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<Row[]> {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
  };
}
