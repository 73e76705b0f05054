// After the channel benchmark: what PostgreSQL holds against what was acknowledged. Per channel, the messages
// stored against the unique messages acknowledged (a redelivery stored again would show as stored > unique),
// and, per conversation, the message that opened it, to time the offer pushed for it from that message's ack.
import { Client } from 'pg';
import type { BenchChannel, SeqLedger } from './channel-driver';
import type { EventTracker } from './event-tracker';

export interface ChannelStored {
  /** Unique messages the channel acknowledged. */
  readonly uniqueAcked: number;
  /** Message rows stored for them (each should be stored once). */
  readonly storedRows: number;
  /** Distinct messages among those rows. */
  readonly storedUnique: number;
  /** Pending offers on the conversations these messages opened (nobody accepts in this benchmark). */
  readonly offers: number;
}

export interface StoredReport {
  readonly byChannel: ReadonlyMap<BenchChannel, ChannelStored>;
  /** For each conversation, the seq of its first stored message. */
  readonly openerOf: ReadonlyMap<string, number>;
}

interface MessageRow {
  conversation_id: string;
  channel_message_id: string;
}

export async function verifyChannels(
  url: string,
  ledger: SeqLedger,
  tracker: EventTracker,
  channelOf: ReadonlyMap<number, BenchChannel>,
): Promise<StoredReport> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<MessageRow>('SELECT conversation_id, channel_message_id FROM messages'))
      .rows;
    const offered = new Set(
      (
        await client.query<{ conversation_id: string }>(
          `SELECT conversation_id FROM offers WHERE status = 'pending'`,
        )
      ).rows.map((r) => r.conversation_id),
    );
    const counts = new Map<BenchChannel, { rows: number; seqs: Set<number>; conversations: Set<string> }>();
    const opener = new Map<string, number>();
    for (const row of rows) {
      const seq = ledger.seqOf(row.channel_message_id);
      const channel = seq === undefined ? undefined : channelOf.get(seq);
      if (seq === undefined || !channel) continue;
      const count = counts.get(channel) ?? { rows: 0, seqs: new Set(), conversations: new Set() };
      count.rows++;
      count.seqs.add(seq);
      count.conversations.add(row.conversation_id);
      counts.set(channel, count);
      const first = opener.get(row.conversation_id);
      const at = tracker.arrivedAt[seq] ?? Number.POSITIVE_INFINITY;
      if (first === undefined || at < (tracker.arrivedAt[first] ?? Number.POSITIVE_INFINITY))
        opener.set(row.conversation_id, seq);
    }
    const acked = new Map<BenchChannel, number>();
    for (const channel of channelOf.values()) acked.set(channel, (acked.get(channel) ?? 0) + 1);
    const byChannel = new Map<BenchChannel, ChannelStored>();
    for (const [channel, uniqueAcked] of acked) {
      const count = counts.get(channel);
      byChannel.set(channel, {
        uniqueAcked,
        storedRows: count?.rows ?? 0,
        storedUnique: count?.seqs.size ?? 0,
        offers: count ? [...count.conversations].filter((c) => offered.has(c)).length : 0,
      });
    }
    return { byChannel, openerOf: opener };
  } finally {
    await client.end();
  }
}
