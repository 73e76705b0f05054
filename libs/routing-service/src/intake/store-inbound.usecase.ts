// Stores a tenant's batch of inbound messages in one transaction: dedupe by the channel's message id,
// resolve the customer across channels, and thread each message into the customer's open conversation.
import type { InboundContactV1 } from '@switchboard/contracts';
import type { Prisma, PrismaClient } from '@switchboard/persistence';
import { SlaDeadlinePlanner } from './sla-deadline.planner';

export interface StoredMessage {
  messageId: string;
  conversationId: string;
  customerId: string;
  channel: InboundContactV1['channel'];
  channelMessageId: string;
  body: string;
  sentAt: Date;
  /** True when this message opened the conversation, which then needs routing. */
  opened: boolean;
  /** For sticky routing of a new conversation: who the customer prefers, and who helped them last. */
  relationship?: CustomerRelationship;
  /** A new conversation's first-response deadline (epoch ms), when its queue has an SLA. */
  slaDeadline?: number | null;
}

export interface CustomerRelationship {
  preferredAgentId: string | null;
  lastAgentId: string | null;
  lastHandledAt: Date | null;
}

export interface StoreOutcome {
  stored: StoredMessage[];
  /** Records whose channel message id was already stored (redelivery or a duplicate send). */
  duplicates: number;
}

type Tx = Prisma.TransactionClient;

export class StoreInbound {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sla: SlaDeadlinePlanner = new SlaDeadlinePlanner(),
  ) {}

  /** `queueIds` maps each record's queue name to its id; records must already be validated against it. */
  async execute(
    tenantId: string,
    records: InboundContactV1[],
    queueIds: Map<string, string>,
  ): Promise<StoreOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const outcome: StoreOutcome = { stored: [], duplicates: 0 };
      const seen = new Set<string>();
      for (const record of records) {
        const key = `${record.channel}\u0000${record.channelMessageId}`;
        if (seen.has(key) || (await this.alreadyStored(tx, tenantId, record))) {
          outcome.duplicates++;
          continue;
        }
        seen.add(key);
        outcome.stored.push(await this.storeOne(tx, tenantId, record, queueIds));
      }
      return outcome;
    });
  }

  private async alreadyStored(tx: Tx, tenantId: string, record: InboundContactV1): Promise<boolean> {
    const existing = await tx.message.findUnique({
      where: {
        tenantId_channel_channelMessageId: {
          tenantId,
          channel: record.channel,
          channelMessageId: record.channelMessageId,
        },
      },
      select: { id: true },
    });
    return existing !== null;
  }

  private async storeOne(
    tx: Tx,
    tenantId: string,
    record: InboundContactV1,
    queueIds: Map<string, string>,
  ): Promise<StoredMessage> {
    const customerId = await this.resolveCustomer(tx, tenantId, record);
    const sentAt = new Date(record.sentAt);
    const open = await tx.conversation.findFirst({
      // With a channel thread id (an email thread, a chat session) a message joins that thread only; without
      // one it joins the customer's open conversation on the channel.
      where: {
        tenantId,
        customerId,
        channel: record.channel,
        status: { not: 'resolved' },
        ...(record.threadKey ? { threadKey: record.threadKey } : {}),
      },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    const opened = open ? null : await this.openConversation(tx, tenantId, customerId, record, queueIds);
    const conversationId = opened?.id ?? open!.id;
    if (open) await tx.conversation.update({ where: { id: open.id }, data: { lastMessageAt: sentAt } });
    const message = await tx.message.create({
      data: {
        tenantId,
        conversationId,
        direction: 'inbound',
        channel: record.channel,
        channelMessageId: record.channelMessageId,
        body: record.body,
        attachments: record.attachments ?? [],
        sentAt,
      },
      select: { id: true },
    });
    return {
      messageId: message.id,
      conversationId,
      customerId,
      channel: record.channel,
      channelMessageId: record.channelMessageId,
      body: record.body,
      sentAt,
      opened: !open,
      ...(opened
        ? {
            relationship: await this.relationshipOf(tx, tenantId, customerId),
            slaDeadline: opened.slaDeadline,
          }
        : {}),
    };
  }

  private async openConversation(
    tx: Tx,
    tenantId: string,
    customerId: string,
    record: InboundContactV1,
    queueIds: Map<string, string>,
  ): Promise<{ id: string; slaDeadline: number | null }> {
    const queueId = record.queue ? (queueIds.get(record.queue) ?? null) : null;
    const priority = record.priority ?? 0;
    const tier = record.tier ?? 'standard';
    // The SLA clock starts when the edge accepted the message, not when we got to it.
    const receivedAt = Date.parse(record.receivedAt);
    const slaDeadline = await this.sla.deadline(tx, {
      tenantId,
      queueId,
      channel: record.channel,
      tier,
      priority,
      receivedAt,
    });
    const conversation = await tx.conversation.create({
      data: {
        tenantId,
        customerId,
        channel: record.channel,
        queueId,
        priority,
        tier,
        subject: record.subject ?? null,
        language: record.language ?? null,
        threadKey: record.threadKey ?? null,
        requiredSkills: Object.fromEntries(
          (record.requiredSkills ?? []).map((s) => [s.skill, s.minProficiency]),
        ),
        lastMessageAt: new Date(record.sentAt),
        createdAt: new Date(receivedAt),
        slaDeadline: slaDeadline === null ? null : new Date(slaDeadline),
      },
      select: { id: true },
    });
    if (slaDeadline !== null) {
      await tx.slaEvent.create({
        data: {
          tenantId,
          conversationId: conversation.id,
          kind: 'started',
          at: new Date(receivedAt),
          deadline: new Date(slaDeadline),
          payload: { target: 'firstResponse' },
        },
      });
    }
    return { id: conversation.id, slaDeadline };
  }

  private async relationshipOf(tx: Tx, tenantId: string, customerId: string): Promise<CustomerRelationship> {
    const [customer, last] = await Promise.all([
      tx.customer.findUnique({ where: { id: customerId }, select: { preferredAgentId: true } }),
      tx.assignment.findFirst({
        where: { tenantId, conversation: { customerId } },
        orderBy: { assignedAt: 'desc' },
        select: { agentId: true, assignedAt: true, endedAt: true },
      }),
    ]);
    return {
      preferredAgentId: customer?.preferredAgentId ?? null,
      lastAgentId: last?.agentId ?? null,
      lastHandledAt: last ? (last.endedAt ?? last.assignedAt) : null,
    };
  }

  private async resolveCustomer(tx: Tx, tenantId: string, record: InboundContactV1): Promise<string> {
    const identity = await tx.customerIdentity.findUnique({
      where: {
        tenantId_channel_address: { tenantId, channel: record.channel, address: record.from.address },
      },
      select: { customerId: true },
    });
    if (identity) return identity.customerId;
    // The same address on another channel (an email typed into the chat widget, one phone on WhatsApp and
    // voice) is the same person: one profile, with a new identity for this channel.
    const sameAddress = await tx.customerIdentity.findFirst({
      where: { tenantId, address: record.from.address },
      orderBy: { id: 'asc' },
      select: { customerId: true },
    });
    if (sameAddress) {
      await tx.customerIdentity.create({
        data: {
          tenantId,
          customerId: sameAddress.customerId,
          channel: record.channel,
          address: record.from.address,
        },
      });
      return sameAddress.customerId;
    }
    const customer = await tx.customer.create({
      data: {
        tenantId,
        displayName: record.from.displayName ?? null,
        preferredLanguage: record.language ?? null,
        identities: { create: { tenantId, channel: record.channel, address: record.from.address } },
      },
      select: { id: true },
    });
    return customer.id;
  }
}
