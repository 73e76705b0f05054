// The router's CSAT step: after a batch resolves conversations, one read finds where each one's customer can
// be reached and whether it was already surveyed; the survey is then planned into the same write set.
import {
  ChannelSchema,
  CSAT_LINK_TTL_MS,
  signCsatLink,
  type InboundContactV1,
  type RoutingEventBody,
} from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import type { PlannedMessage } from '../intake/intake.planner';
import type { WriteSet } from '../write/write-set';
import { loadAwaitingCsat, type AwaitingCsat } from './csat-reply.lookup';
import { planSurveys, surveyKey, type CsatSettings, type SurveyTarget } from './csat-survey.planner';

type Resolved = Extract<RoutingEventBody, { type: 'conversation.resolved' }>;

/** Where the gateway's public answer page is, and the key its links are signed with. */
export interface CsatLinkSettings {
  baseUrl: string;
  key: Buffer;
}

export class CsatSurveyStep {
  constructor(
    private readonly sql: SqlExecutor,
    readonly settings: CsatSettings,
    private readonly newId: () => string,
    private readonly now: () => number,
    private readonly link?: CsatLinkSettings,
  ) {}

  /** `channels`: the tenant's own choice, else the environment's default. */
  async survey(tenantId: string, set: WriteSet, channels = this.settings.channels): Promise<void> {
    if (channels.size === 0) return;
    const resolved = set.events.filter((e): e is Resolved => e.type === 'conversation.resolved');
    if (resolved.length === 0) return;
    const targets = await this.targets(tenantId, [...new Set(resolved.map((e) => e.conversationId))]);
    const now = this.now();
    const link = this.link;
    const linkFor = link
      ? (conversationId: string): string =>
          `${link.baseUrl}/v1/csat/${signCsatLink(link.key, { tenantId, conversationId, expiresAt: now + CSAT_LINK_TTL_MS })}`
      : undefined;
    planSurveys(
      targets,
      { settings: { ...this.settings, channels }, newId: this.newId, now, ...(linkFor ? { linkFor } : {}) },
      set,
    );
  }

  /** Resolved conversations a batch's bare 1-5 replies may be answering (see loadAwaitingCsat). */
  awaiting(
    tenantId: string,
    records: readonly InboundContactV1[],
    windowStart: number,
    channels = this.settings.channels,
  ): Promise<Map<string, AwaitingCsat>> {
    if (channels.size === 0) return Promise.resolve(new Map<string, AwaitingCsat>());
    return loadAwaitingCsat(this.sql, tenantId, records, windowStart);
  }

  /** Stores the answers the intake recognised and announces each (`csat.received`). */
  answered(
    stored: readonly PlannedMessage[],
    awaiting: ReadonlyMap<string, AwaitingCsat>,
    set: WriteSet,
  ): void {
    for (const m of stored) {
      const conversation = awaiting.get(m.conversationId);
      if (m.csatScore === undefined || !conversation) continue;
      const at = Date.parse(m.record.receivedAt);
      const { queueId, agentId } = conversation;
      const channel = m.record.channel;
      set.csatAnswers.push({
        id: this.newId(),
        conversationId: m.conversationId,
        agentId,
        score: m.csatScore,
        channel,
        at,
      });
      set.events.push({
        type: 'csat.received',
        conversationId: m.conversationId,
        queueId,
        channel,
        agentId,
        score: m.csatScore,
        comment: null,
      });
    }
  }

  private async targets(tenantId: string, conversationIds: readonly string[]): Promise<SurveyTarget[]> {
    const rows = await this.sql.query<{
      id: string;
      channel: string;
      thread_key: string | null;
      subject: string | null;
      inbox_id: string | null;
      address: string | null;
      in_reply_to: string | null;
      surveyed: boolean;
    }>(
      `SELECT c.id, c.channel, c.thread_key, c.subject, c.inbox_id,
              (SELECT ci.address FROM customer_identities ci
                WHERE ci.customer_id = c.customer_id AND ci.channel = c.channel ORDER BY ci.id LIMIT 1) AS address,
              (SELECT m.channel_message_id FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                ORDER BY m.sent_at DESC LIMIT 1) AS in_reply_to,
              EXISTS (SELECT 1 FROM messages s WHERE s.tenant_id = c.tenant_id AND s.channel = c.channel
                        AND s.channel_message_id = $3 || c.id) AS surveyed
         FROM conversations c
        WHERE c.tenant_id = $1 AND c.id = ANY($2::text[])`,
      [tenantId, conversationIds, surveyKey('')],
    );
    return rows.flatMap((row) => {
      const channel = ChannelSchema.safeParse(row.channel);
      if (!channel.success || !row.address) return [];
      return [
        {
          conversationId: row.id,
          channel: channel.data,
          inboxId: row.inbox_id,
          address: row.address,
          threadKey: row.thread_key,
          inReplyTo: row.in_reply_to,
          subject: row.subject,
          surveyed: row.surveyed,
        },
      ];
    });
  }
}
