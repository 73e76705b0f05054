// The router's work for one tenant at a time: a chunk of records (inbound messages, agent commands, config
// changes) or a timer tick becomes one write set, committed in one fenced transaction together with the
// events that announce it, and only then published. Any failure drops the tenant's memory, so the retry
// rebuilds it from the database, which is the truth.
import type {
  AgentCommandV1,
  CommandOutcomeV1,
  ConfigChangedV1,
  CsatAnswerV1,
  CustomerLeftV1,
  DeliveryStatusV1,
  InboundContactV1,
  PresenceV1,
  RoutingEventBody,
  RoutingEventV1,
} from '@switchboard/contracts';
import type { PrismaClient, SqlTransactor } from '@switchboard/persistence';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { AgentCommandHandler } from './commands/agent-command.handler';
import { outcomeOf, type CommandOutcomePublisher } from './commands/command-outcome.publisher';
import type { ConfigChangeHandler } from './commands/config-change.handler';
import type { TenantContext, TenantRouterRegistry } from './engine/tenant-router.registry';
import { loadTenantSettings } from './engine/tenant-settings.loader';
import type { CsatSurveyStep } from './csat/csat-survey.step';
import type { AutoAckStep } from './estimates/auto-ack.step';
import type { EventOutbox } from './events/event-outbox';
import type { FollowUpStep } from './follow-ups/follow-up.step';
import type { PresenceStep } from './presence/presence.step';
import { customerLeft } from './intake/customer-left.step';
import { IntakeStep } from './intake/intake.step';
import { planDeliveryStatus, type DeliveryOutcome } from './replies/delivery-status.planner';
import { loadDeliveryFacts, loadReplyFacts } from './replies/reply-lookups';
import type { ReplyCommand } from './replies/reply.planner';
import { loadDayTally } from './metrics/tenant-metrics.loader';
import type { SlaClockStep } from './sla/sla-clock.step';
import { mayChangeDepth, queueDepthsOf } from './metrics/queue-depths.mapper';
import type { BatchWriter } from './write/batch.writer';
import { addDecisionWrites, type DecisionContext } from './write/decision-writes';
import { WriteSet } from './write/write-set';

export type TenantItem =
  | { kind: 'inbound'; record: InboundContactV1 }
  | { kind: 'command'; record: AgentCommandV1 }
  | { kind: 'config'; record: ConfigChangedV1 }
  | { kind: 'delivery'; record: DeliveryStatusV1 }
  | { kind: 'csat'; record: CsatAnswerV1 }
  | { kind: 'left'; record: CustomerLeftV1 }
  | { kind: 'presence'; record: PresenceV1 };

export interface TenantRoutingDeps {
  registry: TenantRouterRegistry;
  sql: SqlTransactor;
  prisma: PrismaClient;
  commands: AgentCommandHandler;
  config: ConfigChangeHandler;
  writer: BatchWriter;
  outbox: EventOutbox;
  sla: SlaClockStep;
  followUps: FollowUpStep;
  logger: Logger;
  now: () => number;
  /** REOPEN_WINDOW_MINUTES in ms: a message this soon after its conversation was resolved reopens it. */
  reopenWindowMs: number;
  /** Called after each commit, before publishing; the fault tests crash the process here. */
  afterCommit?: (events: readonly RoutingEventV1[]) => void;
  /** Runs work in the tenant's lane; timers use it so ticks never interleave with batches. */
  inLane: (tenantId: string, work: () => Promise<void>) => Promise<void>;
  /** Tells waiting arrivals their estimated wait (ADR 0025); absent: no acknowledgements. */
  autoAck?: AutoAckStep;
  /** Surveys customers after resolution (ADR 0025); absent: no surveys. */
  csat?: CsatSurveyStep;
  /** Told after each commit, in the tenant's lane, so live queue stats follow the batch. */
  onCommitted?: (tenantId: string) => void;
  /** Answers each command's gateway after the commit (ADR 0027); absent: consoles get OUTCOME_UNKNOWN. */
  outcomes?: CommandOutcomePublisher;
  /** Consoles' presence from the gateways (ADR 0027); absent: disconnected agents keep their status. */
  presence?: PresenceStep;
}

/** The edge stored the answer (once per conversation); the router announces it in the tenant's event order. */
function csatReceived(record: CsatAnswerV1): RoutingEventBody {
  const { conversationId, queueId, channel, agentId, score, comment } = record;
  return { type: 'csat.received', conversationId, queueId, channel, agentId, score, comment };
}

function replyCommand(item: TenantItem): ReplyCommand[] {
  return item.kind === 'command' && item.record.type === 'conversation.reply' ? [item.record] : [];
}

/** Committed events a tenant may hold unpublished before its next transaction waits for the broker. */
const MAX_UNPUBLISHED = 20_000;

export class TenantRoutingService {
  private readonly intakeStep: IntakeStep;

  constructor(private readonly deps: TenantRoutingDeps) {
    this.intakeStep = new IntakeStep(deps);
  }

  /** Processes records in order as one transaction. `queueIds` maps the records' queue names to ids. */
  async runChunk(
    tenantId: string,
    items: readonly TenantItem[],
    queueIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const outcomes: CommandOutcomeV1[] = [];
    await this.guarded(tenantId, async (ctx, set, dc) => {
      // Replies and delivery reports need stored facts beyond the tenant's memory: one read of each kind.
      const [replies, deliveries] = await Promise.all([
        loadReplyFacts(this.deps.sql, tenantId, items.flatMap(replyCommand)),
        loadDeliveryFacts(
          this.deps.sql,
          tenantId,
          items.flatMap((i) => (i.kind === 'delivery' ? [i.record] : [])),
        ),
      ]);
      let inbound: InboundContactV1[] = [];
      const flushInbound = async (): Promise<void> => {
        if (inbound.length > 0) await this.intakeStep.run(ctx, inbound, queueIds, set, dc);
        inbound = [];
      };
      for (const item of items) {
        if (item.kind === 'inbound') {
          inbound.push(item.record);
          continue;
        }
        await flushInbound();
        if (item.kind === 'command') {
          const before = set.events.length;
          await this.deps.commands.handle(ctx, item.record, set, dc, replies);
          const at = new Date(this.deps.now()).toISOString();
          outcomes.push(outcomeOf(item.record, set.events.slice(before), at));
        } else if (item.kind === 'csat') set.events.push(csatReceived(item.record));
        else if (item.kind === 'presence') this.deps.presence?.record(tenantId, item.record);
        else if (item.kind === 'left') this.customerLeft(ctx, item.record, set, dc);
        else if (item.kind === 'delivery')
          this.delivered(tenantId, item.record, planDeliveryStatus(item.record, deliveries, set));
        else await this.configChanged(ctx, item.record, set, dc);
      }
      await flushInbound();
      await this.deps.csat?.survey(tenantId, set, ctx.settings.csatChannels ?? undefined);
    });
    // Only now is every outcome durable; a failed chunk is retried and answers then.
    this.deps.outcomes?.publish(tenantId, outcomes);
  }

  /** Takes a tenant over (and arms its timers) without waiting for its next record: used after a rebalance. */
  async warm(tenantId: string): Promise<void> {
    await this.guarded(tenantId, () => Promise.resolve());
  }

  /** Publishes events a failed publish left queued. */
  async republish(tenantId: string): Promise<void> {
    const ctx = this.deps.registry.get(tenantId);
    if (ctx) await this.deps.outbox.drain(tenantId, ctx.log, () => this.retryPublish(tenantId));
  }

  /** SLA clocks due now: each is ticked, so due warnings and breaches fire (once) with their actions. */
  async slaDue(tenantId: string, conversationIds: readonly string[]): Promise<void> {
    await this.guarded(tenantId, (ctx, set, dc) => {
      const at = this.deps.now();
      for (const id of conversationIds) this.deps.sla.feed(ctx, set, dc, id, { type: 'tick', at });
      return Promise.resolve();
    });
  }

  /** Follow-ups due now: each still scheduled fires once, bringing its conversation back or reminding its agent. */
  async followUpsDue(tenantId: string, followUpIds: readonly string[]): Promise<void> {
    await this.guarded(tenantId, (ctx, set, dc) => this.deps.followUps.due(ctx, followUpIds, set, dc));
  }

  /** Agents whose presence timer fired: those with no console back are made away (ADR 0027). */
  async presenceDue(tenantId: string, agentIds: readonly string[]): Promise<void> {
    await this.guarded(tenantId, (ctx, set, dc) => {
      this.deps.presence?.due(ctx, agentIds, set, dc);
      return Promise.resolve();
    });
  }

  private async tick(tenantId: string): Promise<void> {
    await this.guarded(tenantId, (ctx, set, dc) => {
      const { decisions } = ctx.router.apply([{ type: 'tick' }]);
      addDecisionWrites(set, decisions, dc);
      // A relaxation plan's overflow moves the contact to another queue, whose policy then applies.
      this.deps.sla.follow(ctx, set, dc, decisions);
      return Promise.resolve();
    });
  }

  private customerLeft(ctx: TenantContext, record: CustomerLeftV1, set: WriteSet, dc: DecisionContext): void {
    const outcome = customerLeft(ctx, record, set, dc, this.deps);
    if (outcome !== 'abandoned') {
      this.deps.logger.debug(
        { tenantId: ctx.tenantId, record, outcome },
        'customer left; nothing to abandon',
      );
    }
  }

  private delivered(tenantId: string, record: DeliveryStatusV1, outcome: DeliveryOutcome): void {
    if (outcome !== 'applied') {
      this.deps.logger.debug({ tenantId, report: record, outcome }, 'delivery report changed nothing');
    }
  }

  private async configChanged(
    ctx: TenantContext,
    change: ConfigChangedV1,
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    if (change.entity === 'queue' || change.entity === 'sla-policy' || change.entity === 'business-hours') {
      // New conversations and transfers are matched against the changed settings from now on.
      ctx.sla.invalidate();
      await ctx.sla.refreshIfStale();
    }
    if (change.entity === 'settings') {
      const settings = await loadTenantSettings(this.deps.prisma, ctx.tenantId);
      // A new time zone moves "today": the wallboard's day figures are re-read for the tenant's new day.
      if (settings.timeZone !== ctx.settings.timeZone)
        ctx.today = await loadDayTally(this.deps.sql, ctx.tenantId, settings.timeZone, this.deps.now());
      ctx.settings = settings;
    }
    const { decisions, refused } = await this.deps.config.handle(ctx.router, change);
    for (const error of refused)
      this.deps.logger.warn({ tenantId: ctx.tenantId, change, code: error.code }, error.message);
    addDecisionWrites(set, decisions, dc);
  }

  /**
   * Acquires the tenant, lets the step fill a write set, commits it with its events in one fenced
   * transaction, then publishes. On failure the tenant's memory is dropped and the error goes to the caller.
   */
  private async guarded(
    tenantId: string,
    step: (ctx: TenantContext, set: WriteSet, dc: DecisionContext) => Promise<void>,
  ): Promise<void> {
    const { registry, outbox, writer, now } = this.deps;
    try {
      const { ctx, restored, takenOver } = await registry.acquire(tenantId);
      if (takenOver) this.deps.sla.scheduleLoaded(ctx);
      if (takenOver) await this.deps.followUps.scheduleLoaded(ctx);
      if (takenOver) this.deps.presence?.scheduleLoaded(tenantId);
      const set = new WriteSet();
      const dc: DecisionContext = {
        newId: uuidv7,
        previewOf: (conversationId) => ctx.intake.conversation(conversationId)?.preview ?? '',
      };
      addDecisionWrites(set, restored, dc);
      await step(ctx, set, dc);
      this.deps.autoAck?.follow(ctx, set);
      if (!set.isEmpty()) {
        const at = now();
        const events = outbox.stamp(tenantId, ctx.log, set.events, at);
        const lastSeq = ctx.log.lastSeq + events.length;
        // A failed commit drops the tenant, so the memory these facts advanced is rebuilt with it.
        const stamped = events.map((e) => e.event);
        const rollups = ctx.metrics.rollUp(
          stamped,
          at,
          set.metricFacts,
          mayChangeDepth(stamped) ? queueDepthsOf(ctx.router.listLoad().queues) : undefined,
        );
        await writer.commit({
          tenantId,
          epoch: ctx.epoch,
          set,
          events,
          lastSeq,
          publishedSeq: ctx.log.publishedSeq,
          rollups,
        });
        ctx.today.add(rollups, at);
        ctx.log.lastSeq = lastSeq;
        ctx.log.pending.push(...events);
        this.deps.afterCommit?.(events.map((e) => e.event));
        this.deps.onCommitted?.(tenantId);
      }
      const draining = outbox.drain(tenantId, ctx.log, () => this.retryPublish(tenantId));
      // Publishing overlaps the next transaction, unless the broker has fallen far behind: then wait for it.
      if (ctx.log.pending.length > MAX_UNPUBLISHED) await draining;
      ctx.router.armTimer(() => this.onTimer(tenantId));
    } catch (error) {
      registry.drop(tenantId);
      throw error;
    }
  }

  private retryPublish(tenantId: string): void {
    void this.deps.inLane(tenantId, () => this.republish(tenantId)).catch(() => undefined);
  }

  private onTimer(tenantId: string): void {
    this.deps
      .inLane(tenantId, () => this.tick(tenantId))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, tenantId }, 'timer step failed; rebuilding tenant state');
        setTimeout(
          () => void this.deps.inLane(tenantId, () => this.warm(tenantId)).catch(() => undefined),
          1000,
        ).unref();
      });
  }
}
