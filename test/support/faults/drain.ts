// Waiting for a fault scenario to drain: polls the database for a positive condition (everything accepted is
// stored, every conversation resolved), never "sleep, then assume nothing else will happen".
import { Client } from 'pg';
import type { AcceptedRecord } from './database-audit';

export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs: number,
  pollMs = 250,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ok = await condition().catch(() => false);
    if (ok) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A short-lived query against the database (it may have been restarted since the last one). */
export async function queryOnce<Row extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** How many of the accepted records (distinct) are stored. */
export async function storedCount(url: string, accepted: readonly AcceptedRecord[]): Promise<number> {
  const distinct = [
    ...new Map(accepted.map((r) => [`${r.tenantId}|${r.channel}|${r.channelMessageId}`, r])).values(),
  ];
  const [row] = await queryOnce<{ n: string }>(
    url,
    `SELECT count(*) AS n FROM unnest($1::text[], $2::text[], $3::text[]) AS a(tenant, channel, cmid)
       JOIN messages m ON m.tenant_id = a.tenant AND m.channel = a.channel AND m.channel_message_id = a.cmid`,
    [
      distinct.map((r) => r.tenantId),
      distinct.map((r) => r.channel),
      distinct.map((r) => r.channelMessageId),
    ],
  );
  return Number(row.n);
}

export function distinctCount(accepted: readonly AcceptedRecord[]): number {
  return new Set(accepted.map((r) => `${r.tenantId}|${r.channel}|${r.channelMessageId}`)).size;
}

/** Resolves when every accepted record is stored and, if asked, every conversation is resolved. */
export async function waitForDrain(
  url: string,
  accepted: readonly AcceptedRecord[],
  options: { allResolved?: boolean; timeoutMs?: number } = {},
): Promise<number> {
  const total = distinctCount(accepted);
  return waitUntil(
    `drain (${total} records${options.allResolved ? ', every conversation resolved' : ''})`,
    async () => {
      if ((await storedCount(url, accepted)) < total) return false;
      if (!options.allResolved) return true;
      const [open] = await queryOnce<{ n: string }>(
        url,
        `SELECT count(*) AS n FROM conversations WHERE status <> 'resolved'`,
      );
      return Number(open.n) === 0;
    },
    options.timeoutMs ?? 120_000,
    500,
  );
}
