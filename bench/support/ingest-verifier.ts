// After the ingest benchmark: what the database holds against what was produced. Every message stored once,
// one conversation per new customer with all of that customer's messages in it, and every new conversation
// routed (a live offer, since nobody accepts in this benchmark).
import { Client } from 'pg';
import type { IngestWorkload } from './ingest-workload';

export interface StoredCheck {
  readonly messages: number;
  /** Produced records with no stored message. */
  readonly missing: number;
  readonly conversations: number;
  readonly expectedConversations: number;
  /** Customers whose messages are spread over more than one conversation. */
  readonly split: number;
  /** Customers whose conversation holds another number of messages than they sent (only when none is missing). */
  readonly miscounted: number;
  readonly liveOffers: number;
}

const THREADS = `
  SELECT c.tenant_id, c.channel, ci.address,
         count(DISTINCT c.id)::int AS conversations, count(m.id)::int AS messages
  FROM conversations c
  JOIN customer_identities ci ON ci.customer_id = c.customer_id AND ci.channel = c.channel
  LEFT JOIN messages m ON m.conversation_id = c.id
  GROUP BY 1, 2, 3`;

interface ThreadRow {
  tenant_id: string;
  channel: string;
  address: string;
  conversations: number;
  messages: number;
}

export async function verifyStored(url: string, workload: IngestWorkload): Promise<StoredCheck> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (sql: string): Promise<number> =>
      Number((await client.query<{ n: string }>(sql)).rows[0].n);
    const messages = await count('SELECT count(*) AS n FROM messages');
    const missing = workload.produced - messages;
    const expected = workload.expectedThreads();
    let split = 0;
    let miscounted = 0;
    for (const row of (await client.query<ThreadRow>(THREADS)).rows) {
      if (row.conversations > 1) split++;
      const sent = expected.get(row.tenant_id)?.get(`${row.channel}|${row.address}`);
      if (missing === 0 && row.messages !== sent) miscounted++;
    }
    let expectedConversations = 0;
    for (const threads of expected.values()) expectedConversations += threads.size;
    return {
      messages,
      missing,
      conversations: await count('SELECT count(*) AS n FROM conversations'),
      expectedConversations,
      split,
      miscounted,
      liveOffers: await count(`SELECT count(*) AS n FROM offers WHERE status = 'pending'`),
    };
  } finally {
    await client.end();
  }
}
