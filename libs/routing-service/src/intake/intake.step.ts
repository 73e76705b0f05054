// A chunk's inbound messages, in the tenant's transaction: stored and threaded set-based (the pure planner
// over the tenant's intake memory plus one lookup of what memory lacks), routed, their SLA clocks moved, and
// waiting customers told their estimated wait.
import type { InboundContactV1 } from '@switchboard/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { TenantRoutingDeps } from '../tenant-routing.service';
import { loadReopenedClocks } from '../sla/sla-clock.loader';
import type { SlaEvent } from '../sla/sla-clock.step';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';
import { routeArrivals } from './arrivals';
import { customerRelationships, prepareIntake } from './intake-lookups';
import { planIntake, type PlannedMessage } from './intake.planner';

export type IntakeDeps = Pick<
  TenantRoutingDeps,
  'sql' | 'logger' | 'now' | 'reopenWindowMs' | 'sla' | 'csat' | 'autoAck'
>;

export class IntakeStep {
  constructor(private readonly deps: IntakeDeps) {}

  async run(
    ctx: TenantContext,
    records: InboundContactV1[],
    queueIds: ReadonlyMap<string, string>,
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    const { sql, logger } = this.deps;
    await ctx.sla.refreshIfStale();
    const reopenWindowMs = this.deps.reopenWindowMs;
    const alreadyStored = await prepareIntake(sql, ctx.tenantId, ctx.intake, records, {
      windowMs: reopenWindowMs,
      now: this.deps.now(),
    });
    // A bare 1-5 reply to a surveyed conversation is its CSAT answer, not a reopening (ADR 0025).
    const awaitingCsat =
      this.deps.csat && reopenWindowMs > 0
        ? await this.deps.csat.awaiting(
            ctx.tenantId,
            records,
            this.deps.now() - reopenWindowMs,
            ctx.settings.csatChannels ?? undefined,
          )
        : new Map<string, never>();
    const plan = planIntake(
      ctx.intake,
      records,
      {
        queueIds,
        alreadyStored,
        newId: uuidv7,
        slaDeadline: (subject) => ctx.sla.deadline(subject),
        reopenWindowMs,
        awaitingCsat: new Set(awaitingCsat.keys()),
      },
      set,
    );
    this.deps.csat?.answered(plan.stored, awaitingCsat, set);
    if (plan.duplicates.length > 0) {
      logger.info(
        { tenantId: ctx.tenantId, duplicates: plan.duplicates.length },
        'skipped already-stored messages',
      );
    }
    const returning = plan.stored.filter((m) => m.opened && !m.newCustomer).map((m) => m.customerId);
    const relationships = await customerRelationships(sql, ctx.tenantId, [...new Set(returning)]);
    const decisions = routeArrivals(ctx, plan.stored, relationships, set, logger);
    addDecisionWrites(set, decisions, dc);
    await this.feedIntakeClocks(ctx, plan.stored, set, dc);
    await this.deps.autoAck?.acknowledge(ctx, plan.stored, set);
  }

  /** Each stored message moves its conversation's SLA clocks: opened, reopened, or awaiting a reply. */
  private async feedIntakeClocks(
    ctx: TenantContext,
    stored: readonly PlannedMessage[],
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    const reopened = stored.filter((m) => m.reopened !== null).map((m) => m.conversationId);
    await loadReopenedClocks(this.deps.sql, ctx.tenantId, ctx.clocks, reopened);
    for (const m of stored) {
      if (m.csatScore !== undefined) continue; // an answer to a resolved conversation's survey moves no clock
      // The SLA clock starts when the edge accepted the message, not when the router got to it.
      const at = Date.parse(m.record.receivedAt);
      const feed = (event: SlaEvent): void => this.deps.sla.feed(ctx, set, dc, m.conversationId, event);
      const subject = {
        queueId: m.queueId,
        channel: m.record.channel,
        tier: m.record.tier ?? 'standard',
        priority: m.record.priority ?? 0,
      };
      if (m.opened || (m.reopened !== null && !ctx.clocks.get(m.conversationId))) {
        // A conversation stored before clocks existed starts them when it reopens.
        feed({ type: 'opened', at, subject });
        continue;
      }
      if (m.reopened !== null) feed({ type: 'reopened', at });
      feed({ type: 'customerMessage', at });
    }
  }
}
